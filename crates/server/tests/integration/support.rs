//! The test harness: an app on a fresh database (a SQLite temp file, or a fresh schema in
//! PostgreSQL), driven without a socket, plus fixtures for accounts, campaigns and submissions.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;
use werkscan_core::{build_submission, score, ConsentChoices, ConsentValues, Contact, Definition, Lang, Submission};
use werkscan_server::accounts::auth::Role;
use werkscan_server::admin::{create_org, create_user, NewUser};
use werkscan_server::models::campaign::Party;
use werkscan_server::practices::routes::{create_practice, link_organisation, PracticeDetails};
use werkscan_server::{app, AppState, Config, Db, Definitions, PasswordCost};

/// Which database a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A SQLite file in a temporary directory.
    Sqlite,
    /// A fresh schema in the PostgreSQL at `WERKSCAN_TEST_POSTGRES`
    /// (default `postgres://postgres@127.0.0.1:5432/test`).
    Postgres,
}

/// The repository's questionnaires.
pub fn questionnaires_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questionnaires")
}

/// The shipped definitions with the files they were read from, loaded once per test binary.
pub fn shipped_definitions() -> &'static Definitions {
    static LOADED: OnceLock<Definitions> = OnceLock::new();
    LOADED.get_or_init(|| Definitions::load_dir(&questionnaires_dir()).expect("shipped definitions load"))
}

/// The shipped definitions, loaded once per test binary.
pub fn shipped() -> &'static Vec<Definition> {
    static LOADED: OnceLock<Vec<Definition>> = OnceLock::new();
    LOADED.get_or_init(|| shipped_definitions().loaded().map(|definition| definition.as_ref().clone()).collect())
}

/// A shipped questionnaire.
pub fn definition(id: &str) -> Definition {
    shipped().iter().find(|definition| definition.questionnaire.id == id).cloned().expect("shipped questionnaire")
}

fn postgres_base() -> String {
    std::env::var("WERKSCAN_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Whether PostgreSQL answers; decided once per test binary.
async fn postgres_available() -> bool {
    static AVAILABLE: tokio::sync::OnceCell<bool> = tokio::sync::OnceCell::const_new();
    *AVAILABLE
        .get_or_init(|| async {
            sqlx::any::install_default_drivers();
            use sqlx::Connection;
            tokio::time::timeout(std::time::Duration::from_secs(5), sqlx::AnyConnection::connect(&postgres_base()))
                .await
                .is_ok_and(|result| result.is_ok())
        })
        .await
}

/// Where a test's data lives, removed when the test ends (also when it fails).
#[derive(Debug)]
struct Cleanup {
    dir: PathBuf,
    schema: Option<String>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some(schema) = self.schema.clone() {
            // Drop runs inside the test's runtime; a separate thread with its own runtime can
            // block on dropping the schema.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
                runtime.block_on(async {
                    use sqlx::{Connection, Executor};
                    if let Ok(mut conn) = sqlx::AnyConnection::connect(&postgres_base()).await {
                        let _ =
                            conn.execute(sqlx::AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))).await;
                        let _ = conn.close().await;
                    }
                });
            })
            .join();
        }
    }
}

/// The second factors the tests have set up, by e-mail address: the secret and the recovery
/// codes left.
pub type SecondFactors = std::collections::HashMap<String, (String, Vec<String>)>;

/// An app on its own fresh database.
pub struct TestApp {
    /// The router under test.
    pub router: Router,
    /// Its state.
    pub state: AppState,
    /// The database URL (a second instance can connect to the same data).
    pub url: String,
    /// A scratch directory (the built app lives in `dist/` inside it).
    pub dir: PathBuf,
    /// The second factors set up by `login`, by e-mail address: the secret and the recovery codes
    /// left (the test plays the person's authenticator app).
    pub second_factors: Arc<std::sync::Mutex<SecondFactors>>,
    _cleanup: Arc<Cleanup>,
}

/// A response, read completely.
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON (`null` if it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// The error code of a JSON error body.
    pub fn code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or_default().to_owned()
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> String {
        self.headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or_default().to_owned()
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body read into a type of the wire contract (`werkscan-api`), as the console and the
    /// report read it, so that a reply they cannot parse fails here and not as "bad_reply" on a
    /// screen.
    pub fn reads_as<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!("the apps cannot read {}: {error}\n{}", std::any::type_name::<T>(), self.text())
        })
    }
}

/// A logged-in user's credentials for requests.
#[derive(Clone, Debug)]
pub struct Session {
    /// `werkscan_session=...`
    pub cookie: String,
    /// The CSRF token.
    pub csrf: String,
}

/// The usual starting point: an organisation with an employer and an expert, a second expert,
/// and an open campaign for the werkscan.
pub struct Fixture {
    /// The organisation's id.
    pub org_id: String,
    /// Employer account id.
    pub employer_id: String,
    /// The campaign's expert account id.
    pub expert_id: String,
    /// The employer, logged in.
    pub employer: Session,
    /// The campaign's expert, logged in.
    pub expert: Session,
    /// The other expert, logged in.
    pub other_expert: Session,
    /// The campaign as the API returned it.
    pub campaign: Value,
    /// The campaign code.
    pub code: String,
    /// The campaign's questionnaire.
    pub definition: Definition,
    /// What the campaign fills into the consent text, as the phone reads it from the public link.
    pub consent_values: ConsentValues,
}

/// Runs a test against one database; on PostgreSQL it fails when the server is unreachable.
pub async fn run<F, Fut>(kind: Kind, name: &str, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    // PostgreSQL tests run only when asked for (they are ignored otherwise); asked for, an
    // unreachable server is a failure, never a silent pass.
    assert!(
        kind == Kind::Sqlite || postgres_available().await,
        "{name}: PostgreSQL at {} is unreachable",
        postgres_base()
    );
    let app = TestApp::new(kind).await;
    let expected = match kind {
        Kind::Sqlite => werkscan_server::Backend::Sqlite,
        Kind::Postgres => werkscan_server::Backend::Postgres,
    };
    assert_eq!(app.db().backend, expected, "{name} runs on the wrong database");
    test(app).await;
}

/// A fresh temporary directory.
pub fn temp_dir(prefix: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}", werkscan_server::util::new_id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

impl TestApp {
    /// A new app on a new, migrated database, with five small built apps in `dist/`.
    pub async fn new(kind: Kind) -> TestApp {
        TestApp::after_legacy(kind, 0, &[]).await
    }

    /// A new app on a database that an older server wrote first: migrated up to `version`
    /// (0: not at all), then `statements` run, then the rest of the migrations applied.
    pub async fn after_legacy(kind: Kind, version: i64, statements: &[&str]) -> TestApp {
        let dir = temp_dir("werkscan-test");
        let dist = dir.join("dist");
        for (app, shell) in [
            ("scan", "scan shell"),
            ("report", "report shell"),
            ("console", "console shell"),
            ("author", "author shell"),
            ("login", "login shell"),
        ] {
            std::fs::create_dir_all(dist.join(app)).unwrap();
            let page = format!(
                "<!doctype html><title>Werkscan</title><p>{shell}</p><script type=\"module\">start('{app}')</script>"
            );
            std::fs::write(dist.join(app).join("index.html"), page).unwrap();
        }
        std::fs::write(dist.join("scan/werkscan-scan-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(dist.join("report/werkscan-report-0123456789abcdef_bg.wasm"), b"\0asm report").unwrap();
        std::fs::write(dist.join("author/werkscan-author-0123456789abcdef_bg.wasm"), b"\0asm author").unwrap();
        std::fs::write(dist.join("console/werkscan-console-0123456789abcdef_bg.wasm"), b"\0asm console").unwrap();
        std::fs::write(dist.join("login/werkscan-login-0123456789abcdef_bg.wasm"), b"\0asm login").unwrap();
        std::fs::write(dist.join("scan/sw.js"), "self.addEventListener('fetch', () => {});").unwrap();
        let (url, schema) = match kind {
            Kind::Sqlite => (format!("sqlite://{}", dir.join("werkscan.sqlite").display()), None),
            Kind::Postgres => {
                use sqlx::{Connection, Executor};
                let schema = format!("werkscan_test_{}", werkscan_server::util::new_id());
                let mut conn = sqlx::AnyConnection::connect(&postgres_base()).await.expect("postgres");
                conn.execute(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).await.expect("create schema");
                conn.close().await.ok();
                let separator = if postgres_base().contains('?') { '&' } else { '?' };
                (format!("{}{separator}options=-c%20search_path%3D{schema}", postgres_base()), Some(schema))
            }
        };
        let cleanup = Cleanup { dir: dir.clone(), schema };
        if version > 0 {
            let legacy = Db::connect_at_version(&url, version).await.expect("database at an older version");
            for statement in statements {
                sqlx::query(sqlx::AssertSqlSafe(statement.to_string()))
                    .execute(&legacy.pool)
                    .await
                    .unwrap_or_else(|error| panic!("{statement}: {error}"));
            }
            legacy.close().await;
        }
        let state = TestApp::instance(&url, &dist, shipped_definitions().clone()).await;
        TestApp {
            router: app(state.clone()),
            state,
            url,
            dir,
            second_factors: Default::default(),
            _cleanup: Arc::new(cleanup),
        }
    }

    /// Loads the demo into this app's database the way an operator does: the real binary's
    /// `seed-demo` (the demo is part of the binary, not of the library).
    pub async fn seed_demo(&self) {
        let url = self.url.clone();
        let output = tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_werkscan-server"))
                .args(["seed-demo", "--db", &url, "--base-url", "http://127.0.0.1", "--questionnaires"])
                .arg(questionnaires_dir())
                .env_remove("WERKSCAN_DB")
                .output()
        })
        .await
        .expect("seed-demo ran")
        .expect("seed-demo started");
        assert!(output.status.success(), "seed-demo failed: {}", String::from_utf8_lossy(&output.stderr));
    }

    /// Another server instance on the same database, with the given definitions.
    pub async fn instance(url: &str, dist: &Path, definitions: Definitions) -> AppState {
        TestApp::configured_instance(url, dist, definitions, |_| {}).await
    }

    /// Another server instance on the same database, with the given definitions and settings
    /// changed from the tests' defaults.
    pub async fn configured_instance(
        url: &str,
        dist: &Path,
        definitions: Definitions,
        change: impl FnOnce(&mut Config),
    ) -> AppState {
        let db = Db::connect(url).await.expect("database");
        definitions.record(&db).await.expect("record definitions");
        let mut config =
            Config { dist: Some(dist.to_path_buf()), password_cost: PasswordCost::Low, ..Config::default() };
        change(&mut config);
        AppState::new(db, definitions, config)
    }

    /// Replaces this app by one on the same database with some settings changed.
    pub async fn reconfigure(&mut self, change: impl FnOnce(&mut Config)) {
        let state =
            TestApp::configured_instance(&self.url, &self.dir.join("dist"), shipped_definitions().clone(), change)
                .await;
        self.router = app(state.clone());
        self.state = state;
    }

    /// The database.
    pub fn db(&self) -> &Db {
        self.state.db()
    }

    /// Sends a request to this app.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        send(&self.router, request).await
    }

    /// GET with an optional session.
    pub async fn get(&self, path: &str, session: Option<&Session>) -> Reply {
        self.send(request(Method::GET, path, session, None)).await
    }

    /// Whether a session is no (longer a) login: `GET /api/session` answers 200 with `null`
    /// for it, as it does without a cookie (never a 401, which browsers log as an error).
    pub async fn logged_out(&self, session: Option<&Session>) -> bool {
        let reply = self.get("/api/session", session).await;
        assert_eq!(reply.status, StatusCode::OK, "GET /api/session: {}", reply.text());
        reply.json().is_null()
    }

    /// A JSON request with an optional session (the CSRF header included).
    pub async fn json(&self, method: Method, path: &str, session: Option<&Session>, body: &Value) -> Reply {
        self.send(request(method, path, session, Some(body))).await
    }

    /// Uploads a submission.
    pub async fn upload(&self, submission: &Submission) -> Reply {
        self.json(Method::POST, "/api/submissions", None, &serde_json::to_value(submission).unwrap()).await
    }

    /// Uploads a submission with an upload key, as the phone does.
    pub async fn upload_with_key(&self, submission: &Submission, key: &str) -> Reply {
        let mut req = request(Method::POST, "/api/submissions", None, Some(&serde_json::to_value(submission).unwrap()));
        req.headers_mut().insert("idempotency-key", key.parse().unwrap());
        self.send(req).await
    }

    /// Logs in; panics unless it works.
    /// Logs in completely, as a person would: for an arbeidsdeskundige or admin without a second
    /// factor, sets one up (the test is the authenticator app); with one, gives a recovery code.
    pub async fn login(&self, email: &str, password: &str) -> Session {
        let reply = self.json(Method::POST, "/api/login", None, &json!({ "email": email, "password": password })).await;
        assert_eq!(reply.status, StatusCode::OK, "login failed: {}", reply.text());
        let mut session = session_of(&reply);
        match reply.json()["pending"].as_str() {
            None => {}
            Some("second_factor_setup") => {
                let setup =
                    self.json(Method::POST, "/api/account/second-factor/setup", Some(&session), &json!({})).await;
                assert_eq!(setup.status, StatusCode::OK, "{}", setup.text());
                let secret = setup.json()["secret"].as_str().unwrap().to_owned();
                let code = totp_code(&secret, 0);
                let confirmed = self
                    .json(Method::POST, "/api/account/second-factor/confirm", Some(&session), &json!({ "code": code }))
                    .await;
                assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text());
                session = renewed(&session, &confirmed);
                let codes: Vec<String> = confirmed.json()["recovery_codes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|code| code.as_str().unwrap().to_owned())
                    .collect();
                self.second_factors.lock().unwrap().insert(email.to_lowercase(), (secret, codes));
            }
            Some("second_factor") => {
                let code = self
                    .second_factors
                    .lock()
                    .unwrap()
                    .get_mut(&email.to_lowercase())
                    .and_then(|(_, codes)| codes.pop())
                    .expect("a recovery code left");
                let verified = self
                    .json(Method::POST, "/api/account/second-factor/verify", Some(&session), &json!({ "code": code }))
                    .await;
                assert_eq!(verified.status, StatusCode::NO_CONTENT, "{}", verified.text());
                session = renewed(&session, &verified);
            }
            Some(other) => panic!("login of {email} needs {other}"),
        }
        session
    }

    /// The tokens of every password link mailed to `address` (through the outbox), and which of
    /// them still works (the newest replaces the older ones).
    pub async fn mailed_links(&self, address: &str) -> (Vec<String>, Option<String>) {
        let bodies: Vec<String> =
            sqlx::query_scalar("SELECT body FROM outbox WHERE recipient = $1 AND kind = 'password_link'")
                .bind(address)
                .fetch_all(&self.db().pool)
                .await
                .unwrap();
        let marker = "/beheer/login/wachtwoord-kiezen#";
        let tokens: Vec<String> = bodies
            .iter()
            .map(|body| {
                let start = body.find(marker).expect("a link in the message") + marker.len();
                body[start..start + 64].to_owned()
            })
            .collect();
        let mut live = None;
        for token in &tokens {
            let found: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM password_links WHERE token_hash = $1 AND used_at IS NULL")
                    .bind(werkscan_server::util::sha256_hex(token))
                    .fetch_one(&self.db().pool)
                    .await
                    .unwrap();
            if found > 0 {
                live = Some(token.clone());
            }
        }
        (tokens, live)
    }

    /// Chooses `password` with the working one-time link mailed to `address`, as its owner does.
    pub async fn choose_password_from_mail(&self, address: &str, password: &str) {
        let token = self.mailed_links(address).await.1.expect("a working password link was mailed");
        let reply =
            self.json(Method::POST, "/api/password-link", None, &json!({"token": token, "password": password})).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    }

    /// Creates an account directly (as the admin command line does). An expert with an
    /// organisation goes into the first practice the organisation works with (one is made and
    /// linked if it works with none), so that its campaigns can name them.
    pub async fn user(&self, org: Option<&str>, role: Role, email: &str) -> String {
        let practice_id = match (role, org) {
            (Role::Expert, Some(org)) => Some(self.practice_of(org).await),
            _ => None,
        };
        let user = NewUser {
            org_id: org.map(str::to_owned),
            practice_id,
            role,
            email: email.into(),
            display_name: format!("{email} name"),
            password: "correct horse battery".into(),
        };
        create_user(self.db(), user, PasswordCost::Low).await.expect("create user")
    }

    /// Creates an account of a practice directly (an expert or a practice admin).
    pub async fn user_in_practice(&self, practice: &str, role: Role, email: &str) -> String {
        let user = NewUser {
            org_id: None,
            practice_id: Some(practice.to_owned()),
            role,
            email: email.into(),
            display_name: format!("{email} name"),
            password: "correct horse battery".into(),
        };
        create_user(self.db(), user, PasswordCost::Low).await.expect("create user")
    }

    /// The first practice `org` works with; a new one named after it if it works with none.
    pub async fn practice_of(&self, org: &str) -> String {
        let linked: Option<String> = sqlx::query_scalar(
            "SELECT practice_id FROM practice_organisations WHERE org_id = $1 ORDER BY linked_at, practice_id LIMIT 1",
        )
        .bind(org)
        .fetch_optional(&self.db().pool)
        .await
        .unwrap();
        if let Some(practice) = linked {
            return practice;
        }
        let name: String = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
            .bind(org)
            .fetch_one(&self.db().pool)
            .await
            .unwrap();
        let practice = self.practice(&format!("Praktijk voor {name}"), "praktijk@test.example").await;
        link_organisation(self.db(), &practice, org).await.unwrap();
        practice
    }

    /// Creates a practice directly (as the platform admin would), with a data protection officer.
    pub async fn practice(&self, name: &str, contact: &str) -> String {
        let details = PracticeDetails {
            name: name.into(),
            contact: contact.into(),
            privacy_officer: Some(Party {
                name: "Fenna Gerritsen".into(),
                contact: Some("fg@arbopraktijk.example".into()),
            }),
            website: None,
        };
        create_practice(self.db(), &details).await.unwrap()
    }

    /// Counts rows (`table` is a constant from the test).
    pub async fn count(&self, table: &str, submission_id: Option<&str>) -> i64 {
        let (sql, id) = match submission_id {
            Some(id) => {
                let column = if table == "submissions" { "id" } else { "submission_id" };
                (format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"), Some(id))
            }
            None => (format!("SELECT COUNT(*) FROM {table}"), None),
        };
        let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
        if let Some(id) = id {
            query = query.bind(id.to_owned());
        }
        query.fetch_one(&self.db().pool).await.expect("count")
    }

    /// Puts `wrong` more wrong withdrawal codes from `address` on the record, entered just now:
    /// a guesser who kept going. Its wait is then long enough (up to the longest) that no
    /// slowness of the test itself can outlast it, where a wait of a second or two could.
    pub async fn add_wrong_codes(&self, address: &str, wrong: usize) {
        let key = werkscan_server::submissions::limits::code_attempt_key(address);
        for _ in 0..wrong {
            sqlx::query("INSERT INTO withdrawal_code_attempts (id, key_hash, at) VALUES ($1, $2, $3)")
                .bind(werkscan_server::util::new_id())
                .bind(&key)
                .bind(werkscan_server::util::now())
                .execute(&self.db().pool)
                .await
                .expect("record a wrong code");
        }
    }

    /// Moves the withdrawal codes on `address`'s record `seconds` into the past, as if the
    /// address had waited that long since, without the test sleeping.
    pub async fn wait_out_codes(&self, address: &str, seconds: i64) {
        sqlx::query("UPDATE withdrawal_code_attempts SET at = at - $1 WHERE key_hash = $2")
            .bind(seconds)
            .bind(werkscan_server::submissions::limits::code_attempt_key(address))
            .execute(&self.db().pool)
            .await
            .expect("move the wrong codes back");
    }

    /// Rows in every table that holds submitted data.
    pub async fn stored(&self) -> [i64; 6] {
        [
            self.count("submissions", None).await,
            self.count("submission_scores", None).await,
            self.count("submission_flags", None).await,
            self.count("submission_answers", None).await,
            self.count("submission_contacts", None).await,
            self.count("audit_log", None).await,
        ]
    }

    /// Creates a campaign as this employer; returns the reply.
    pub async fn create_campaign(&self, employer: &Session, body: Value) -> Reply {
        self.json(Method::POST, "/api/campaigns", Some(employer), &body).await
    }

    /// What a campaign fills into the consent text, read from its public link as the phone does.
    pub async fn consent_values(&self, code: &str) -> ConsentValues {
        let reply = self.get(&format!("/api/c/{code}"), None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        ConsentValues::of(&serde_json::from_slice(&reply.body).expect("a public campaign"))
    }

    /// The usual fixture.
    pub async fn fixture(&self) -> Fixture {
        let org_id = create_org(self.db(), "Zorggroep Test").await.unwrap();
        let practice = self.practice(FIXTURE_PRACTICE, "privacy@arbopraktijk.example").await;
        link_organisation(self.db(), &practice, &org_id).await.unwrap();
        let employer_id = self.user(Some(&org_id), Role::Employer, "hr@test.example").await;
        let expert_id = self.user(Some(&org_id), Role::Expert, "ad@test.example").await;
        self.user(None, Role::Expert, "ad2@test.example").await;
        let employer = self.login("hr@test.example", "correct horse battery").await;
        let expert = self.login("ad@test.example", "correct horse battery").await;
        let other_expert = self.login("ad2@test.example", "correct horse battery").await;
        let definition = definition("werkscan");
        let reply = self.create_campaign(&employer, campaign_body(&definition, &expert_id, -1, 30)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        let campaign = reply.json();
        let code = campaign["code"].as_str().unwrap().to_owned();
        let consent_values = self.consent_values(&code).await;
        Fixture {
            org_id,
            employer_id,
            expert_id,
            employer,
            expert,
            other_expert,
            campaign,
            code,
            definition,
            consent_values,
        }
    }
}

/// The practice of the usual fixture: it runs the campaign, and the consent names it.
pub const FIXTURE_PRACTICE: &str = "Arbopraktijk Test";

/// A campaign body for `definition`, open from `start` to `end` days from today.
pub fn campaign_body(definition: &Definition, expert: &str, start: i64, end: i64) -> Value {
    let day = |offset: i64| (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string();
    json!({
        "name": "Werkscan zorg 2026",
        "questionnaire": definition.questionnaire.id,
        "version": definition.questionnaire.version,
        "departments": ["Verpleging", "Facilitair"],
        "starts_on": day(start),
        "ends_on": day(end),
        "experts": [expert],
        "retention_days": 30,
    })
}

/// Sends a request to a router.
pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    Reply { status, headers, body }
}

/// Builds a request; with a session it carries the cookie and the CSRF header.
pub fn request(method: Method, path: &str, session: Option<&Session>, body: Option<&Value>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(session) = session {
        builder = builder.header(header::COOKIE, &session.cookie).header("x-csrf-token", &session.csrf);
    }
    match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(serde_json::to_vec(body).unwrap()))
            .unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    }
}

/// The session from a login reply.
pub fn session_of(reply: &Reply) -> Session {
    let cookie = set_cookie(reply, "werkscan_session").expect("a session cookie");
    Session { cookie, csrf: reply.json()["csrf_token"].as_str().unwrap().to_owned() }
}

/// The `name=value` of a cookie the reply sets, if it sets one of that name.
pub fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .map(|value| value.split(';').next().unwrap_or_default().to_owned())
        .find(|pair| pair.starts_with(&format!("{name}=")))
}

/// The session after a step that gives it a new token (second factor, password change): the
/// same CSRF token with the cookie the reply set.
pub fn renewed(session: &Session, reply: &Reply) -> Session {
    Session { cookie: set_cookie(reply, "werkscan_session").expect("a new session cookie"), csrf: session.csrf.clone() }
}

pub use werkscan_core::answers::example_answers;

/// Contact details that pass the checks.
pub fn contact() -> Contact {
    Contact {
        name: "Sam Jansen".into(),
        email: Some("sam@example.org".into()),
        phone: Some("06 1234 5678".into()),
        note: None,
    }
}

/// Every consent choice.
pub fn everything() -> ConsentChoices {
    ConsentChoices { share_scores: true, share_answers: true, contact_me: true, group_figures: true }
}

/// A submission for the fixture's campaign with these choices (built as the app builds it, with
/// the campaign's values of the consent text the person read).
pub fn submission(fixture: &Fixture, choices: ConsentChoices) -> Submission {
    let answers = example_answers(&fixture.definition);
    let result = score(&fixture.definition, &answers).expect("answers fit");
    let mut submission = build_submission(
        &fixture.code,
        Some("Verpleging".into()),
        &fixture.definition,
        &result,
        &answers,
        choices,
        Lang::Nl,
        Some(contact()),
    );
    submission.consent.values = Some(fixture.consent_values.clone());
    submission
}

/// A real SMTP server on loopback, started by a test: it accepts every message (no TLS, no
/// login) and keeps each as received, headers and body, for the test to read.
pub struct SmtpServer {
    port: u16,
    messages: Arc<std::sync::Mutex<Vec<String>>>,
}

impl SmtpServer {
    /// Starts listening on a free port.
    pub async fn start() -> SmtpServer {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
        let port = listener.local_addr().unwrap().port();
        let messages = Arc::new(std::sync::Mutex::new(Vec::new()));
        let kept = messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let kept = kept.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 localhost ESMTP test\r\n").await;
                    let mut data: Option<String> = None;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if let Some(message) = data.as_mut() {
                            if line == "." {
                                kept.lock().unwrap().push(data.take().unwrap());
                                let _ = write.write_all(b"250 queued\r\n").await;
                            } else {
                                message.push_str(line.strip_prefix('.').unwrap_or(&line));
                                message.push('\n');
                            }
                            continue;
                        }
                        let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" => b"250-localhost\r\n250 8BITMIME\r\n",
                            "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 OK\r\n",
                            "DATA" => {
                                data = Some(String::new());
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                break;
                            }
                            _ => b"502 not implemented\r\n",
                        };
                        let _ = write.write_all(reply).await;
                    }
                });
            }
        });
        SmtpServer { port, messages }
    }

    /// The URL to give the mail sender.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received so far, in order.
    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }
}

/// The code an authenticator app shows for a base32 secret, `steps` periods of 30 seconds from now.
pub fn totp_code(secret: &str, steps: i64) -> String {
    let bytes = totp_rs::Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    let totp =
        totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes, Some("Werkscan".into()), "test".into()).unwrap();
    totp.generate((werkscan_server::util::now() + steps * 30) as u64)
}

/// Sends wrong withdrawal codes (made by `request`) until one is refused with 429
/// `too_many_wrong_codes`, which must come within a few: the first wait is a second and the
/// record counts whole seconds, so a guess that crosses a second boundary may get one more
/// through, and a slow machine one or two more.
pub async fn wrong_until_limited(app: &TestApp, request: impl Fn() -> Request<Body>) -> Reply {
    for _ in 0..4 {
        let reply = app.send(request()).await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(reply.code(), "too_many_wrong_codes");
            return reply;
        }
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.text());
    }
    panic!("quick wrong codes were never limited");
}
