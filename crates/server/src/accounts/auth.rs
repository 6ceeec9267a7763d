//! Accounts, passwords, sessions, CSRF and login rate limiting.
//!
//! Sessions are random tokens in an HttpOnly, SameSite=Strict cookie; the database holds only
//! their SHA-256, so the server keeps no session state in memory and a copy of the database logs
//! nobody in. Each session has a CSRF token that every state-changing request made with the
//! session must repeat in the `X-CSRF-Token` header (SameSite=Strict already stops cross-site
//! requests in current browsers; the header also covers older ones and same-site subdomains).

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::accounts::rows::*;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ClientIp};
use crate::util::{constant_time_eq, new_token, now, random_bytes, rfc3339, sha256_hex};
use crate::AppState;

pub use werkscan_api::accounts::{LoginRequest, OrgRef, Pending, Role, SessionView, User};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "werkscan_session";
/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// How expensive new password hashes are. Tests use `Low` so a debug build stays quick; stored
/// hashes carry their parameters, so verification always uses the cost they were made with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordCost {
    /// Argon2id with the OWASP-recommended parameters (19 MiB, 2 passes).
    Standard,
    /// Argon2id with minimal parameters, for tests only.
    Low,
}

fn argon2(cost: PasswordCost) -> Argon2<'static> {
    let params = match cost {
        PasswordCost::Standard => Params::new(19 * 1024, 2, 1, None),
        PasswordCost::Low => Params::new(256, 1, 1, None),
    }
    .expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with Argon2id and a random salt (PHC string format).
pub fn hash_password(password: &str, cost: PasswordCost) -> String {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("16 bytes make a valid salt");
    argon2(cost).hash_password(password.as_bytes(), &salt).expect("hashing cannot fail").to_string()
}

/// A hash to verify against when the account does not exist, so that a wrong e-mail address
/// takes as long as a wrong password and does not reveal which accounts exist.
fn dummy_hash(cost: PasswordCost) -> &'static str {
    static STANDARD: OnceLock<String> = OnceLock::new();
    static LOW: OnceLock<String> = OnceLock::new();
    let cell = if cost == PasswordCost::Standard { &STANDARD } else { &LOW };
    cell.get_or_init(|| hash_password("not a real password", cost))
}

/// The device cookie's name: a browser from which the account's owner logged in before. It is
/// only sent to the login route.
pub const DEVICE_COOKIE: &str = "werkscan_device";
/// How long a browser stays known after the last login from it with the right password.
pub const DEVICE_SECONDS: i64 = 180 * 24 * 60 * 60;

/// The value of the cookie `name` from the `Cookie` header(s), if any.
fn cookie_named(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The session token from the `Cookie` header(s), if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    cookie_named(headers, SESSION_COOKIE)
}

/// A valid session of a request, whatever stage of logging in it is at: the extractor of the
/// account routes (choosing a password, setting up or giving the second factor, sessions).
/// Refuses with 401 `not_logged_in` without a valid session of an active account, and with 403
/// `csrf_token_invalid` when a state-changing request does not repeat the session's CSRF token.
#[derive(Clone, Debug)]
pub struct SessionUser {
    /// The account.
    pub user: User,
    /// The session's id (shown to the person; the token's hash never leaves the server).
    pub session_id: String,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// SHA-256 of the session token (the session's key).
    pub token_hash: String,
    /// When the session ends (Unix seconds).
    pub expires_at: i64,
    /// Whether the account has a second factor.
    pub has_second_factor: bool,
    /// Whether the second factor was given in this session.
    pub second_factor_given: bool,
    /// Whether the account must choose a new password before anything else.
    pub must_change_password: bool,
}

impl SessionUser {
    /// What the session still needs before the account's work can be done: `None` when it is
    /// complete. Experts, admins, practice admins and definition authors need a second factor set
    /// up (they read shared results, administer accounts, or change what every phone is asked);
    /// anyone who set one up gives it at every login.
    pub fn pending(&self) -> Option<Pending> {
        if self.must_change_password {
            Some(Pending::PasswordChange)
        } else if self.has_second_factor && !self.second_factor_given {
            Some(Pending::SecondFactor)
        } else if !self.has_second_factor
            && matches!(self.user.role, Role::Expert | Role::Admin | Role::PracticeAdmin | Role::DefinitionAuthor)
        {
            Some(Pending::SecondFactorSetup)
        } else {
            None
        }
    }
}

impl FromRequestParts<AppState> for SessionUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let not_logged_in = || ApiError::unauthorized("not_logged_in", "log in first");
        let token = session_cookie(&parts.headers).ok_or_else(not_logged_in)?;
        let token_hash = sha256_hex(&token);
        let row = sqlx::query_as::<_, SessionRow>(
            "SELECT s.id AS session_id, s.csrf_token, s.expires_at, s.second_factor_at, u.id, u.org_id, u.practice_id, u.role, u.email, u.display_name, \
             u.must_change_password, u.totp_enabled_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1",
        )
        .bind(&token_hash)
        .bind(now())
        .fetch_optional(&state.db().pool)
        .await?
        .ok_or_else(not_logged_in)?;
        let csrf_token = row.csrf_token;
        let user = User::try_from(row.user)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let given = parts.headers.get(CSRF_HEADER).map(|value| value.as_bytes()).unwrap_or_default();
            if !constant_time_eq(given, csrf_token.as_bytes()) {
                return Err(ApiError::forbidden(
                    "csrf_token_invalid",
                    "send the session's CSRF token in the X-CSRF-Token header",
                ));
            }
        }
        Ok(SessionUser {
            user,
            session_id: row.session_id.unwrap_or_default(),
            csrf_token,
            token_hash,
            expires_at: row.expires_at,
            has_second_factor: row.totp_enabled_at.is_some(),
            second_factor_given: row.second_factor_at.is_some(),
            must_change_password: row.must_change_password != 0,
        })
    }
}

/// The logged-in user of a request, with a complete login: every route but the account routes
/// uses it. Refuses like [`SessionUser`], and with 401 `password_change_required`,
/// `second_factor_required` or `second_factor_setup_required` while the login is not complete.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    /// The account.
    pub user: User,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// SHA-256 of the session token (the session's key).
    pub token_hash: String,
    /// When the session ends (Unix seconds).
    pub expires_at: i64,
}

impl CurrentUser {
    /// Refuses with 403 unless the user has this role.
    pub fn require(&self, role: Role) -> ApiResult<()> {
        if self.user.role == role {
            Ok(())
        } else {
            Err(ApiError::forbidden("forbidden", format!("this needs the {} role", role.as_str())))
        }
    }
}

/// The refusal of a route to a login that still needs `pending`: 401, since the session does not
/// (yet) stand for a person who proved who they are.
fn incomplete(pending: Pending) -> ApiError {
    match pending {
        Pending::PasswordChange => ApiError::unauthorized("password_change_required", "choose a new password first"),
        Pending::SecondFactor => {
            ApiError::unauthorized("second_factor_required", "give the code of your second factor first")
        }
        Pending::SecondFactorSetup => ApiError::unauthorized(
            "second_factor_setup_required",
            "set up a second factor first: arbeidsdeskundigen, admins and definition authors need one",
        ),
    }
}

impl SessionUser {
    /// Refuses with 401 unless the login is complete or still needs one of `steps`. A login that
    /// is not complete may do nothing but complete it: someone who has only the password must
    /// not change it, end the owner's sessions or read anything.
    fn allow_only(&self, steps: &[Pending]) -> ApiResult<()> {
        match self.pending() {
            Some(pending) if !steps.contains(&pending) => Err(incomplete(pending)),
            _ => Ok(()),
        }
    }
}

/// Which steps of an incomplete login a route helps to complete (see [`During`]).
pub trait Steps {
    /// The pending steps the route accepts (besides a complete login).
    const ALLOWED: &'static [Pending];
}

/// The route chooses a new password.
#[derive(Debug)]
pub enum ChoosingPassword {}
impl Steps for ChoosingPassword {
    const ALLOWED: &'static [Pending] = &[Pending::PasswordChange];
}

/// The route sets up a second factor.
#[derive(Debug)]
pub enum SettingUpSecondFactor {}
impl Steps for SettingUpSecondFactor {
    const ALLOWED: &'static [Pending] = &[Pending::SecondFactorSetup];
}

/// The route gives the second factor.
#[derive(Debug)]
pub enum GivingSecondFactor {}
impl Steps for GivingSecondFactor {
    const ALLOWED: &'static [Pending] = &[Pending::SecondFactor];
}

/// A session that is complete or still needs one of `S::ALLOWED`: the extractor of the routes
/// that complete a login. Checked before the body is read, so an incomplete login learns nothing
/// from any other route, not even whether its body would be accepted.
#[derive(Debug)]
pub struct During<S: Steps>(pub SessionUser, pub std::marker::PhantomData<S>);

impl<S: Steps> FromRequestParts<AppState> for During<S> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let session = SessionUser::from_request_parts(parts, state).await?;
        session.allow_only(S::ALLOWED)?;
        Ok(During(session, std::marker::PhantomData))
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let session = SessionUser::from_request_parts(parts, state).await?;
        match session.pending() {
            Some(pending) => Err(incomplete(pending)),
            None => Ok(CurrentUser {
                user: session.user,
                csrf_token: session.csrf_token,
                token_hash: session.token_hash,
                expires_at: session.expires_at,
            }),
        }
    }
}

/// The organisation with this id, if it exists.
pub(crate) async fn org_ref(state: &AppState, id: &str) -> ApiResult<Option<OrgRef>> {
    let row = sqlx::query_as::<_, OrgRefRow>("SELECT id, name FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.db().pool)
        .await?;
    Ok(row.map(OrgRef::from))
}

async fn session_view(state: &AppState, session: SessionUser) -> ApiResult<SessionView> {
    let organisation = match &session.user.org_id {
        Some(id) => org_ref(state, id).await?,
        None => None,
    };
    Ok(SessionView {
        pending: session.pending(),
        has_second_factor: session.has_second_factor,
        user: session.user,
        organisation,
        csrf_token: session.csrf_token,
        expires_at: rfc3339(session.expires_at),
    })
}

fn cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config().secure_cookies { "; Secure" } else { "" };
    let text = format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&text).expect("cookie text is ASCII")
}

fn device_cookie(state: &AppState, value: &str) -> HeaderValue {
    let secure = if state.config().secure_cookies { "; Secure" } else { "" };
    let text = format!(
        "{DEVICE_COOKIE}={value}; Path=/api/login; HttpOnly; SameSite=Strict; Max-Age={DEVICE_SECONDS}{secure}"
    );
    HeaderValue::from_str(&text).expect("cookie text is ASCII")
}

/// The hash of the request's device cookie when it belongs to a browser from which this account
/// logged in before (and has not expired).
async fn known_device(state: &AppState, headers: &HeaderMap, account: &str) -> ApiResult<Option<String>> {
    let Some(token) = cookie_named(headers, DEVICE_COOKIE) else { return Ok(None) };
    let token_hash = sha256_hex(&token);
    let found: Option<String> = sqlx::query_scalar(
        "SELECT d.token_hash FROM trusted_devices d JOIN users u ON u.id = d.user_id WHERE d.token_hash = $1 AND u.email = $2 AND d.expires_at > $3",
    )
    .bind(&token_hash)
    .bind(account)
    .bind(now())
    .fetch_optional(&state.db().pool)
    .await?;
    Ok(found)
}

/// Remembers the browser of a login with the right password: a known device keeps its cookie for
/// another [`DEVICE_SECONDS`]; another browser gets a new cookie (returned, to be set).
async fn remember_device(state: &AppState, known: Option<&str>, user_id: &str) -> ApiResult<Option<String>> {
    let at = now();
    if let Some(token_hash) = known {
        sqlx::query("UPDATE trusted_devices SET expires_at = $1 WHERE token_hash = $2")
            .bind(at + DEVICE_SECONDS)
            .bind(token_hash)
            .execute(&state.db().pool)
            .await?;
        return Ok(None);
    }
    let token = new_token();
    sqlx::query("INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(sha256_hex(&token))
        .bind(user_id)
        .bind(at)
        .bind(at + DEVICE_SECONDS)
        .execute(&state.db().pool)
        .await?;
    Ok(Some(token))
}

/// Gives a session a new token, keeping the session itself (its id, CSRF token, and what was
/// proved in it): done when the second factor is given and after a password change, so a token
/// someone else planted in the browser or saw earlier does not ride on the stronger login.
/// `second_factor_at` is set in the same statement when given. Returns the new cookie.
pub(crate) async fn rotate_session(
    state: &AppState,
    tx: &mut crate::db::Tx,
    session: &SessionUser,
    second_factor_at: Option<i64>,
) -> Result<HeaderValue, sqlx::Error> {
    let token = new_token();
    let query = match second_factor_at {
        Some(at) => sqlx::query("UPDATE sessions SET token_hash = $1, second_factor_at = $3 WHERE token_hash = $2")
            .bind(sha256_hex(&token))
            .bind(&session.token_hash)
            .bind(at),
        None => sqlx::query("UPDATE sessions SET token_hash = $1 WHERE token_hash = $2")
            .bind(sha256_hex(&token))
            .bind(&session.token_hash),
    };
    query.execute(&mut **tx).await?;
    Ok(cookie(state, &token, (session.expires_at - now()).max(0)))
}

/// `POST /api/login`: checks the password and starts a session (cookie + CSRF token).
///
/// Refusals: 401 `invalid_credentials` (wrong e-mail or password, deliberately the same),
/// 429 `too_many_attempts` after too many failures for this account from this address, for this
/// account from anywhere, or from this address for any account; 503 `busy` when too many
/// password hashes are running.
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    let account = body.email.trim().to_lowercase();
    let device = known_device(&state, &headers, &account).await?;
    let attempt = record_attempt(&state, &account, &ip, device.as_deref()).await?;
    let row = sqlx::query_as::<_, LoginRow>(
        "SELECT id, org_id, practice_id, role, email, display_name, password_hash, must_change_password, totp_enabled_at FROM users WHERE email = $1 AND active = 1",
    )
        .bind(&account)
        .fetch_optional(&state.db().pool)
        .await?;
    let stored = row.as_ref().map(|row| row.password_hash.clone());
    let matches = check_password(&state, body.password, stored).await?;
    let Some(row) = row.filter(|_| matches) else {
        // The attempt stays recorded as a failure.
        return Err(ApiError::unauthorized("invalid_credentials", "wrong e-mail address or password"));
    };
    attempt.succeeded(&state).await?;
    let has_second_factor = row.totp_enabled_at.is_some();
    let must_change_password = row.must_change_password != 0;
    let user = User::try_from(row.user)?;
    let new_device = remember_device(&state, device.as_deref(), &user.id).await?;
    let browser = headers.get(header::USER_AGENT).and_then(|value| value.to_str().ok()).map(device_name);
    let mut response = start_session(&state, user, has_second_factor, must_change_password, browser).await?;
    if let Some(token) = new_device {
        response.headers_mut().append(header::SET_COOKIE, device_cookie(&state, &token));
    }
    Ok(response)
}

/// A short name for the browser a session was started from, for the list of sessions: the
/// browser and the system, not the full User-Agent.
fn device_name(agent: &str) -> String {
    let browser = ["Edg/", "Firefox/", "Chrome/", "Safari/"].iter().find(|name| agent.contains(*name)).map_or(
        "browser",
        |name| match *name {
            "Edg/" => "Edge",
            "Firefox/" => "Firefox",
            "Chrome/" => "Chrome",
            _ => "Safari",
        },
    );
    let system = ["Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"]
        .iter()
        .find(|name| agent.contains(*name))
        .copied()
        .unwrap_or("");
    format!("{browser} {system}").trim().to_owned()
}

/// A login attempt, recorded as a failure until it is known to have succeeded.
pub(crate) struct Attempt {
    account: String,
    ip: String,
    device: Option<String>,
}

impl Attempt {
    /// The password was right: this account's failures from this address (and from this known
    /// browser) no longer count. Wrong second-factor codes are kept elsewhere and stay counted.
    pub(crate) async fn succeeded(self, state: &AppState) -> ApiResult<()> {
        sqlx::query("DELETE FROM login_failures WHERE account = $1 AND ip = $2")
            .bind(&self.account)
            .bind(&self.ip)
            .execute(&state.db().pool)
            .await?;
        if let Some(device) = &self.device {
            sqlx::query("DELETE FROM login_failures WHERE account = $1 AND device = $2")
                .bind(&self.account)
                .bind(device)
                .execute(&state.db().pool)
                .await?;
        }
        Ok(())
    }
}

fn too_many_attempts(window: i64) -> ApiError {
    let mut error = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
        "too many failed logins; wait a while and try again",
    );
    error.retry_after = Some(window as u64);
    error
}

/// Records a login attempt as a failure first and only then counts, so that counting and
/// recording are one step: of any number of concurrent attempts, the n-th to be recorded sees
/// at least n, and no more than the limit get through. A refused attempt stays counted. Refuses
/// with 429 `too_many_attempts` when any of the three limits is passed.
///
/// From a browser the account's owner logged in from before (`device`, the hash of its device
/// cookie) only that browser's own failures count, with the per-address-and-account limit: so
/// strangers who fail on the account from many addresses cannot lock its owner out (OWASP's
/// device cookies), while guessing from the known browser is as limited as anywhere.
pub(crate) async fn record_attempt(
    state: &AppState,
    account: &str,
    ip: &str,
    device: Option<&str>,
) -> ApiResult<Attempt> {
    let config = state.config();
    let at = now();
    let since = at - config.login_window_seconds;
    let attempt = Attempt { account: account.to_owned(), ip: ip.to_owned(), device: device.map(str::to_owned) };
    if let Some(device) = device {
        sqlx::query("INSERT INTO login_failures (account, ip, at, device) VALUES ($1, $2, $3, $4)")
            .bind(account)
            .bind(ip)
            .bind(at)
            .bind(device)
            .execute(&state.db().pool)
            .await?;
        let own: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE device = $1 AND at > $2")
            .bind(device)
            .bind(since)
            .fetch_one(&state.db().pool)
            .await?;
        return if own > config.login_attempts {
            Err(too_many_attempts(config.login_window_seconds))
        } else {
            Ok(attempt)
        };
    }
    sqlx::query("INSERT INTO login_failures (account, ip, at) VALUES ($1, $2, $3)")
        .bind(account)
        .bind(ip)
        .bind(at)
        .execute(&state.db().pool)
        .await?;
    let row = sqlx::query_as::<_, LoginFailuresRow>(
        "SELECT \
           (SELECT COUNT(*) FROM login_failures WHERE account = $1 AND ip = $2 AND at > $3) AS pair, \
           (SELECT COUNT(*) FROM login_failures WHERE account = $1 AND at > $3) AS account_total, \
           (SELECT COUNT(*) FROM login_failures WHERE ip = $2 AND at > $3) AS address_total",
    )
    .bind(account)
    .bind(ip)
    .bind(since)
    .fetch_one(&state.db().pool)
    .await?;
    let LoginFailuresRow { pair, account_total, address_total } = row;
    if pair > config.login_attempts
        || account_total > config.login_attempts_per_account
        || address_total > config.login_attempts_per_address
    {
        return Err(too_many_attempts(config.login_window_seconds));
    }
    Ok(attempt)
}

/// Verifies a password against a stored hash (or, with `None`, against a dummy hash, so that an
/// unknown account takes as long as a wrong password) on a hashing thread, within the bound on
/// concurrent hashes.
pub(crate) async fn check_password(state: &AppState, password: String, stored: Option<String>) -> ApiResult<bool> {
    let cost = state.config().password_cost;
    // Argon2 takes tens of milliseconds of CPU and 19 MiB on purpose; keep it off the async workers.
    state
        .hash(move |memory| {
            let stored = stored.unwrap_or_else(|| dummy_hash(cost).to_owned());
            crate::accounts::hashing::verify_in(memory, &password, &stored)
        })
        .await
}

/// Starts a session for an account whose password was checked: cookie plus CSRF token. With a
/// second factor, the session can do nothing else until the code is given.
pub(crate) async fn start_session(
    state: &AppState,
    user: User,
    has_second_factor: bool,
    must_change_password: bool,
    device: Option<String>,
) -> ApiResult<Response> {
    let config = state.config();
    let token = new_token();
    let csrf_token = new_token();
    let created = now();
    let expires_at = created + config.session_seconds;
    let token_hash = sha256_hex(&token);
    let session_id = crate::util::new_id();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, id, device) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&token_hash)
    .bind(&user.id)
    .bind(&csrf_token)
    .bind(created)
    .bind(expires_at)
    .bind(&session_id)
    .bind(device)
    .execute(&state.db().pool)
    .await?;
    let session = SessionUser {
        user,
        session_id,
        csrf_token,
        token_hash,
        expires_at,
        has_second_factor,
        second_factor_given: false,
        must_change_password,
    };
    let view = session_view(state, session).await?;
    let mut response = Json(view).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie(state, &token, config.session_seconds));
    Ok(response)
}

/// `POST /api/logout`: ends the session (CSRF token required) and clears the cookie. 204.
pub async fn logout(State(state): State<AppState>, current: SessionUser) -> ApiResult<Response> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(&current.token_hash)
        .execute(&state.db().pool)
        .await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie(&state, "", 0));
    Ok(response)
}

/// `GET /api/session`: the logged-in account, its CSRF token and what the login still needs;
/// `null` without a valid session. Not a 401: being logged out is what the login screen expects,
/// and browsers log every failed request as an error.
pub async fn session(
    State(state): State<AppState>,
    current: Result<SessionUser, ApiError>,
) -> ApiResult<Json<Option<SessionView>>> {
    match current {
        Ok(current) => Ok(Json(Some(session_view(&state, current).await?))),
        Err(error) if error.status == StatusCode::UNAUTHORIZED => Ok(Json(None)),
        Err(error) => Err(error),
    }
}
