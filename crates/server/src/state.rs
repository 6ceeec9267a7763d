//! What every handler can reach: the database, the loaded definitions, the settings, and the
//! few per-instance resources that protect the machine (never data another instance would need).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::accounts::auth::PasswordCost;
use crate::accounts::hashing::{Hashers, Memory};
use crate::db::Db;
use crate::definitions::Definitions;
use crate::error::{ApiError, ApiResult};
use crate::static_files::BuiltApps;
use crate::submissions::store;

/// Settings that do not change while the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The built apps (`dist/`, with `scan/`, `report/` and `console/` in it); `None` serves the
    /// API only.
    pub dist: Option<PathBuf>,
    /// Mark the session cookie `Secure`. Off only for plain-http local development.
    pub secure_cookies: bool,
    /// Send `Strict-Transport-Security` (the site is served over HTTPS).
    pub hsts: bool,
    /// How many proxies in front of the server append to `X-Forwarded-For`. 0: the header is
    /// ignored and the socket's peer is the client. N: the client is the N-th address from the
    /// right, the one the outermost trusted proxy appended; anything left of it is what the
    /// client itself claimed and is never believed.
    pub trusted_proxy_hops: usize,
    /// Cost of new password hashes.
    pub password_cost: PasswordCost,
    /// At most this many password hashes run at once; more logins wait briefly and then get
    /// 503. Argon2 takes 19 MiB each on purpose, so an unbounded number would exhaust memory.
    pub max_concurrent_hashes: usize,
    /// Largest accepted upload body, in bytes.
    pub upload_limit: usize,
    /// Session lifetime, in seconds.
    pub session_seconds: i64,
    /// Failed logins allowed per account and address within `login_window_seconds`.
    pub login_attempts: i64,
    /// Failed logins allowed per account over all addresses within the window (a slow attack
    /// spread over many addresses).
    pub login_attempts_per_account: i64,
    /// Failed logins allowed per address over all accounts within the window (password spraying).
    pub login_attempts_per_address: i64,
    /// The rate limiting window, in seconds.
    pub login_window_seconds: i64,
    /// Uploads accepted per address and campaign within `upload_window_seconds` (refused ones do
    /// not count).
    pub uploads_per_address: i64,
    /// The upload rate window, in seconds.
    pub upload_window_seconds: i64,
    /// Bookings (and "remind me" requests) accepted per address and campaign in ten minutes:
    /// twenty is more than a person needs, even one who moves a booking a few times.
    pub bookings_per_address: i64,
    /// The address people open (`https://werkscan.example`), for links in e-mails.
    pub base_url: String,
    /// Where e-mail goes; without it messages wait in the outbox.
    pub smtp: Option<crate::mail::Smtp>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            dist: None,
            secure_cookies: true,
            hsts: false,
            trusted_proxy_hops: 0,
            password_cost: PasswordCost::Standard,
            max_concurrent_hashes: std::thread::available_parallelism().map_or(2, |cores| cores.get() * 2),
            upload_limit: 64 * 1024,
            session_seconds: 12 * 60 * 60,
            login_attempts: 5,
            login_attempts_per_account: 20,
            login_attempts_per_address: 50,
            login_window_seconds: 15 * 60,
            // A whole office behind one address: 100 people finishing the scan within the same ten
            // minutes is more than a large department filling it in together in one meeting. A
            // flood from one address stops here; a larger site can raise it (`--uploads-per-address`).
            uploads_per_address: 100,
            upload_window_seconds: 10 * 60,
            bookings_per_address: 20,
            base_url: "http://127.0.0.1:8080".into(),
            smtp: None,
        }
    }
}

/// What every handler can reach. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    db: Db,
    store: store::Store,
    definitions: Definitions,
    config: Config,
    hashing: Arc<Semaphore>,
    hashers: Hashers,
    apps: Option<BuiltApps>,
}

impl AppState {
    /// Bundles the database, the loaded definitions and the settings. Call it inside a Tokio
    /// runtime: on SQLite it starts the upload writer task.
    pub fn new(db: Db, definitions: Definitions, config: Config) -> AppState {
        let store = store::Store::new(db.clone());
        let hashing = Arc::new(Semaphore::new(config.max_concurrent_hashes.max(1)));
        let hashers = Hashers::start(config.max_concurrent_hashes.max(1));
        let apps = config.dist.as_deref().and_then(|dist| {
            // The first screen the server draws carries its own script (first_screen.js).
            BuiltApps::load(dist, &[crate::first_screen::EARLY_INPUT_SCRIPT])
                .inspect_err(|error| tracing::warn!(%error, "the apps could not be read: serving the API only"))
                .ok()
        });
        AppState { inner: Arc::new(Inner { db, store, definitions, config, hashing, hashers, apps }) }
    }

    /// The built apps, when there are any.
    pub fn apps(&self) -> Option<&BuiltApps> {
        self.inner.apps.as_ref()
    }

    /// The Content-Security-Policy sent with every response.
    pub fn content_security_policy(&self) -> &str {
        self.inner.apps.as_ref().map_or(crate::web::CONTENT_SECURITY_POLICY, BuiltApps::content_security_policy)
    }

    /// Where uploads are written.
    pub fn store(&self) -> &store::Store {
        &self.inner.store
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// The loaded definitions.
    pub fn definitions(&self) -> &Definitions {
        &self.inner.definitions
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The semaphore that bounds concurrent password hashing (tests hold it to see the refusal).
    pub fn hashing(&self) -> &Arc<Semaphore> {
        &self.inner.hashing
    }

    /// Runs password hashing `work` on one of the hashing threads ([`crate::accounts::hashing`]), with a
    /// turn: waits a moment for one; if the machine is still busy, refuses with 503 `busy` and
    /// `Retry-After` rather than queueing without bound.
    pub async fn hash<T: Send + 'static>(&self, work: impl FnOnce(&mut Memory) -> T + Send + 'static) -> ApiResult<T> {
        let turn = self.hashing_turn().await?;
        let result = self.inner.hashers.run(work).await.map_err(ApiError::internal);
        drop(turn);
        result
    }

    /// A turn to hash a password. Waits a moment for one; if the machine is still busy, refuses
    /// with 503 `busy` and `Retry-After` rather than queueing without bound.
    async fn hashing_turn(&self) -> ApiResult<OwnedSemaphorePermit> {
        match tokio::time::timeout(Duration::from_secs(2), self.inner.hashing.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => {
                let mut error =
                    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "busy", "the server is busy; try again in a moment");
                error.retry_after = Some(2);
                Err(error)
            }
        }
    }
}
