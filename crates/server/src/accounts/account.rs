//! A staff member's own account: a new password, the second factor (TOTP with one-time recovery
//! codes), and the sessions they have open.
//!
//! Arbeidsdeskundigen and admins must set up a second factor before anything else (they read
//! shared results or administer accounts); employers may. Whoever has one gives a code at every
//! login. A code is accepted once. Wrong codes are counted per account, from every address and
//! across logins, and never cleared by a right password or code: after [`APP_CODES_PER_WINDOW`]
//! wrong codes in 15 minutes (or [`APP_CODES_PER_DAY`] in a day) only a recovery code is checked.
//! A login that is not complete may do nothing but complete it, and
//! the session gets a new token when the second factor is given or the password changes.
//! (The extractor [`During`] says which incomplete logins a route accepts.)

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::accounts::auth::{
    check_password, hash_password, record_attempt, rotate_session, ChoosingPassword, CurrentUser, During,
    GivingSecondFactor, SettingUpSecondFactor,
};
use crate::accounts::rows::{CodeFailuresRow, SecondFactorRow, SessionEntryRow};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ClientIp};
use crate::util::{hex, new_id, now, random_bytes, sha256_hex};
use crate::AppState;

pub use werkscan_api::accounts::{Code, PasswordChange, RecoveryCodes, SecondFactorSetup, SessionEntry};

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 10;
/// How many recovery codes are made at a time.
pub const RECOVERY_CODES: usize = 10;
/// The name authenticator apps show for the account.
const ISSUER: &str = "Werkscan";

/// `POST /api/account/password` (a complete login, or one that must choose a new password first):
/// changes the password, ends the account's other sessions and gives this one a new token. 204;
/// 422 `password_wrong`, `password_too_short`, `password_unchanged`; 401 while the login still
/// needs its second factor.
pub async fn change_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    During(session, _): During<ChoosingPassword>,
    ApiJson(body): ApiJson<PasswordChange>,
) -> ApiResult<Response> {
    let attempt = record_attempt(&state, &session.user.email, &ip, None).await?;
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(&session.user.id)
        .fetch_one(&state.db().pool)
        .await?;
    if !check_password(&state, body.current.clone(), Some(stored)).await? {
        return Err(ApiError::unprocessable("password_wrong", "the current password is not right"));
    }
    attempt.succeeded(&state).await?;
    if body.new.chars().count() < MIN_PASSWORD {
        return Err(ApiError::unprocessable("password_too_short", "the new password needs at least 10 characters"));
    }
    if body.new == body.current {
        return Err(ApiError::unprocessable("password_unchanged", "choose a password other than the current one"));
    }
    let cost = state.config().password_cost;
    let password = body.new;
    let hash = state.hash(move |_| hash_password(&password, cost)).await?;
    let mut write = state.db().begin_write().await?;
    let outcome: Result<_, sqlx::Error> = async {
        sqlx::query("UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2")
            .bind(hash)
            .bind(&session.user.id)
            .execute(&mut *write.tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(&session.user.id)
            .bind(&session.token_hash)
            .execute(&mut *write.tx)
            .await?;
        rotate_session(&state, &mut write.tx, &session, None).await
    }
    .await;
    let cookie = write.finish(outcome).await?;
    Ok(([(header::SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

/// Wrong codes from the authenticator app checked per account within [`CODE_WINDOW_SECONDS`];
/// beyond them only a recovery code is checked until the window moves on.
pub const APP_CODES_PER_WINDOW: i64 = 5;
/// Wrong codes from the authenticator app checked per account within a day.
pub const APP_CODES_PER_DAY: i64 = 10;
/// Wrong recovery codes checked per account within a day.
pub const RECOVERY_CODES_PER_DAY: i64 = 10;
/// The short window for wrong codes.
pub const CODE_WINDOW_SECONDS: i64 = 15 * 60;
const DAY_SECONDS: i64 = 24 * 60 * 60;

/// What kind of code was typed: six digits from the app, or a recovery code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CodeKind {
    App,
    Recovery,
}

/// The code as it is checked (no spaces, small letters) and its kind; `None` for text that can be
/// neither, which is refused without counting (it cannot succeed).
fn normalise_code(code: &str) -> Option<(String, CodeKind)> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    let bytes = code.as_bytes();
    if bytes.len() == 6 && bytes.iter().all(u8::is_ascii_digit) {
        return Some((code, CodeKind::App));
    }
    let recovery = bytes.len() == 11
        && bytes[5] == b'-'
        && bytes.iter().enumerate().all(|(index, byte)| index == 5 || byte.is_ascii_hexdigit());
    recovery.then_some((code, CodeKind::Recovery))
}

/// A second-factor code being checked, recorded as wrong until it is known to be right.
struct CodeAttempt {
    id: String,
}

impl CodeAttempt {
    /// The code was right: this attempt is not a wrong code. Earlier wrong codes stay counted.
    async fn succeeded(self, state: &AppState) -> ApiResult<()> {
        sqlx::query("DELETE FROM second_factor_failures WHERE id = $1")
            .bind(&self.id)
            .execute(&state.db().pool)
            .await?;
        Ok(())
    }
}

/// Records a code as wrong first and only then counts, per account and whatever the address or
/// the login it came with, so that of any number of attempts at once no more than the limit are
/// checked (as [`record_attempt`] does for passwords). An attempt refused without being checked
/// is removed again: it guessed nothing, and the owner's wait ends with the window.
async fn record_code_attempt(state: &AppState, user_id: &str, kind: CodeKind) -> ApiResult<CodeAttempt> {
    let at = now();
    let id = new_id();
    let recovery = i64::from(kind == CodeKind::Recovery);
    sqlx::query("INSERT INTO second_factor_failures (id, user_id, recovery, at) VALUES ($1, $2, $3, $4)")
        .bind(&id)
        .bind(user_id)
        .bind(recovery)
        .bind(at)
        .execute(&state.db().pool)
        .await?;
    let row = sqlx::query_as::<_, CodeFailuresRow>(
        "SELECT \
           (SELECT COUNT(*) FROM second_factor_failures WHERE user_id = $1 AND recovery = $2 AND at > $3) AS recent, \
           (SELECT COUNT(*) FROM second_factor_failures WHERE user_id = $1 AND recovery = $2 AND at > $4) AS today",
    )
    .bind(user_id)
    .bind(recovery)
    .bind(at - CODE_WINDOW_SECONDS)
    .bind(at - DAY_SECONDS)
    .fetch_one(&state.db().pool)
    .await?;
    let CodeFailuresRow { recent, today } = row;
    let refusal = match kind {
        CodeKind::App if recent > APP_CODES_PER_WINDOW => Some(CODE_WINDOW_SECONDS),
        CodeKind::App if today > APP_CODES_PER_DAY => Some(DAY_SECONDS),
        CodeKind::Recovery if today > RECOVERY_CODES_PER_DAY => Some(DAY_SECONDS),
        _ => None,
    };
    let Some(wait) = refusal else { return Ok(CodeAttempt { id }) };
    sqlx::query("DELETE FROM second_factor_failures WHERE id = $1").bind(&id).execute(&state.db().pool).await?;
    let message = match kind {
        CodeKind::App => "too many wrong codes for this account: use one of your recovery codes, or try again later",
        CodeKind::Recovery => "too many wrong recovery codes for this account: try again tomorrow, or ask an admin to reset your second factor",
    };
    let mut error = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_codes", message);
    error.retry_after = Some(wait as u64);
    Err(error)
}

fn totp(secret: Vec<u8>, account: &str) -> ApiResult<TOTP> {
    TOTP::new(Algorithm::SHA1, 6, 1, 30, secret, Some(ISSUER.to_owned()), account.to_owned())
        .map_err(ApiError::internal)
}

fn secret_bytes(encoded: &str) -> ApiResult<Vec<u8>> {
    Secret::Encoded(encoded.to_owned()).to_bytes().map_err(|_| ApiError::internal("a stored TOTP secret is not base32"))
}

/// `POST /api/account/second-factor/setup` (a complete login, or one that must set up a second
/// factor): starts setting up a second factor: a new secret, pending until a code confirms it. 409
/// `second_factor_exists` when there is one (an admin resets it).
pub async fn setup_second_factor(
    State(state): State<AppState>,
    During(session, _): During<SettingUpSecondFactor>,
) -> ApiResult<Json<SecondFactorSetup>> {
    if session.has_second_factor {
        return Err(ApiError::conflict(
            "second_factor_exists",
            "this account has a second factor; an admin can reset it",
        ));
    }
    let totp = totp(random_bytes::<20>().to_vec(), &session.user.email)?;
    let secret = totp.get_secret_base32();
    let url = totp.get_url();
    sqlx::query("UPDATE users SET totp_pending = $1 WHERE id = $2")
        .bind(&secret)
        .bind(&session.user.id)
        .execute(&state.db().pool)
        .await?;
    let qr_svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(ApiError::internal)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Ok(Json(SecondFactorSetup { secret, url, qr_svg }))
}

/// The 30-second step a TOTP code was made in, if it is one of the allowed steps (one either
/// side, for clocks that drift).
fn matching_step(totp: &TOTP, code: &str, at: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    (-1i64..=1)
        .map(|offset| (at as i64 / 30 + offset) * 30)
        .find(|&time| totp.generate(time as u64) == code)
        .map(|time| time / 30)
}

fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let text = hex(&random_bytes::<5>());
            format!("{}-{}", &text[..5], &text[5..])
        })
        .collect()
}

fn code_invalid() -> ApiError {
    ApiError::unprocessable("code_invalid", "this code is not right, or was used already; check the time on your phone")
}

/// `POST /api/account/second-factor/confirm` (as setup): confirms the pending secret with a code
/// from the app; the second factor is on, this session counts as having given it (with a new
/// token), and ten recovery codes are returned, once. 422 `code_invalid` (counted as a wrong
/// code), 429 `too_many_codes`, 409 `second_factor_not_started`.
pub async fn confirm_second_factor(
    State(state): State<AppState>,
    During(session, _): During<SettingUpSecondFactor>,
    ApiJson(body): ApiJson<Code>,
) -> ApiResult<Response> {
    let pending: Option<String> = sqlx::query_scalar("SELECT totp_pending FROM users WHERE id = $1")
        .bind(&session.user.id)
        .fetch_one(&state.db().pool)
        .await?;
    let Some(pending) = pending.filter(|_| !session.has_second_factor) else {
        return Err(ApiError::conflict("second_factor_not_started", "start setting up the second factor first"));
    };
    let Some((code, CodeKind::App)) = normalise_code(&body.code) else { return Err(code_invalid()) };
    let attempt = record_code_attempt(&state, &session.user.id, CodeKind::App).await?;
    let totp = totp(secret_bytes(&pending)?, &session.user.email)?;
    let Some(step) = matching_step(&totp, &code, now() as u64) else { return Err(code_invalid()) };
    attempt.succeeded(&state).await?;
    let codes = new_recovery_codes();
    let at = now();
    let mut write = state.db().begin_write().await?;
    let outcome: Result<_, sqlx::Error> = async {
        sqlx::query("UPDATE users SET totp_secret = $1, totp_pending = NULL, totp_enabled_at = $2, totp_last_step = $3 WHERE id = $4")
            .bind(&pending)
            .bind(at)
            .bind(step)
            .bind(&session.user.id)
            .execute(&mut *write.tx)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(&session.user.id).execute(&mut *write.tx).await?;
        for code in &codes {
            sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                .bind(&session.user.id)
                .bind(sha256_hex(code))
                .execute(&mut *write.tx)
                .await?;
        }
        rotate_session(&state, &mut write.tx, &session, Some(at)).await
    }
    .await;
    let cookie = write.finish(outcome).await?;
    Ok(([(header::SET_COOKIE, cookie)], Json(RecoveryCodes { recovery_codes: codes })).into_response())
}

/// `POST /api/account/second-factor/verify` (a login that needs its second factor): gives the
/// second factor, with a code from the app (each is accepted once) or a recovery code (each works
/// once); the session gets a new token. 204; 422 `code_invalid`; 429 `too_many_codes` after too
/// many wrong codes for the account (see the module); 409 `no_second_factor`.
pub async fn verify_second_factor(
    State(state): State<AppState>,
    During(session, _): During<GivingSecondFactor>,
    ApiJson(body): ApiJson<Code>,
) -> ApiResult<Response> {
    let row = sqlx::query_as::<_, SecondFactorRow>("SELECT totp_secret, totp_last_step FROM users WHERE id = $1")
        .bind(&session.user.id)
        .fetch_one(&state.db().pool)
        .await?;
    let Some(secret) = row.totp_secret else {
        return Err(ApiError::conflict("no_second_factor", "this account has no second factor"));
    };
    let Some((code, kind)) = normalise_code(&body.code) else { return Err(code_invalid()) };
    let attempt = record_code_attempt(&state, &session.user.id, kind).await?;
    let last_step = row.totp_last_step;
    let totp = totp(secret_bytes(&secret)?, &session.user.email)?;
    let at = now();
    let step = if kind == CodeKind::App { matching_step(&totp, &code, at as u64) } else { None };
    let accepted = match (kind, step) {
        // A code already used (by whoever watched it being typed) is not accepted again.
        (CodeKind::App, Some(step)) if last_step.is_none_or(|last| step > last) => {
            let claimed = sqlx::query("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)")
                .bind(step)
                .bind(&session.user.id)
                .execute(&state.db().pool)
                .await?;
            claimed.rows_affected() == 1
        }
        (CodeKind::App, _) => false,
        (CodeKind::Recovery, _) => {
            let used = sqlx::query(
                "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
            )
            .bind(at)
            .bind(&session.user.id)
            .bind(sha256_hex(&code))
            .execute(&state.db().pool)
            .await?;
            used.rows_affected() == 1
        }
    };
    if !accepted {
        return Err(code_invalid());
    }
    attempt.succeeded(&state).await?;
    let mut write = state.db().begin_write().await?;
    let outcome = rotate_session(&state, &mut write.tx, &session, Some(at)).await;
    let cookie = write.finish(outcome).await?;
    Ok(([(header::SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

/// `GET /api/account/sessions` (a complete login): the account's open sessions, newest first.
pub async fn sessions(State(state): State<AppState>, session: CurrentUser) -> ApiResult<Json<Vec<SessionEntry>>> {
    let rows = sqlx::query_as::<_, SessionEntryRow>(
        "SELECT id, device, created_at, expires_at, token_hash FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC",
    )
    .bind(&session.user.id)
    .bind(now())
    .fetch_all(&state.db().pool)
    .await?;
    let list = rows.into_iter().map(|row| row.entry(&session.token_hash)).collect();
    Ok(Json(list))
}

/// `DELETE /api/account/sessions/{id}` (a complete login): ends one of the account's own sessions
/// (for example on a computer left behind). 204; 404 `session_not_found`.
pub async fn end_session(
    State(state): State<AppState>,
    session: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let ended = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .bind(&id)
        .bind(&session.user.id)
        .execute(&state.db().pool)
        .await?;
    if ended.rows_affected() == 0 {
        return Err(ApiError::not_found("session_not_found", "no such session of yours"));
    }
    Ok(StatusCode::NO_CONTENT)
}
