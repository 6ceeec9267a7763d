//! The database: a SQLite file by default, PostgreSQL when given a `postgres://` URL.
//!
//! One set of queries serves both through sqlx's Any driver. The schema and queries keep to what
//! both understand: `$1` placeholders (SQLite accepts them too), TEXT/BIGINT/DOUBLE PRECISION
//! columns, `ON CONFLICT … DO NOTHING`. Migrations are embedded in the binary and applied at start.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::{Mutex, OwnedMutexGuard};

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use sqlx::{Any, Transaction};

/// Which database is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in WAL mode.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A connection pool and what it is connected to.
#[derive(Clone, Debug)]
pub struct Db {
    /// The pool.
    pub pool: AnyPool,
    /// The database kind.
    pub backend: Backend,
    /// SQLite allows one writer at a time. Queuing this instance's write transactions here,
    /// instead of letting them collide inside SQLite, avoids SQLite's busy-wait back-off (which
    /// sleeps in steps of up to 100 ms) and keeps upload latency flat. Other instances sharing the
    /// file still coordinate through SQLite's own lock and busy timeout; this is no shared state.
    write_lock: Option<Arc<Mutex<()>>>,
}

/// A write transaction; on SQLite it also holds this instance's turn to write. End it with
/// [`WriteTx::finish`]: dropped, it would give the turn up at once while sqlx only queues the
/// rollback, and the next writer (often the upload writer) would meet a busy database.
#[derive(Debug)]
pub struct WriteTx {
    /// The transaction.
    pub tx: Tx,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    /// Ends the transaction with the outcome of the work done in it: commits on success; on
    /// failure rolls back, and only then gives up the turn to write. The work's error is kept
    /// (a failed rollback is the database's to clean up when the connection returns).
    pub async fn finish<T, E: From<sqlx::Error>>(self, outcome: Result<T, E>) -> Result<T, E> {
        match outcome {
            Ok(value) => {
                self.tx.commit().await?;
                Ok(value)
            }
            Err(error) => {
                let _ = self.tx.rollback().await;
                Err(error)
            }
        }
    }
}

/// A transaction on either database.
pub type Tx = Transaction<'static, Any>;

/// The embedded migrations, in order: (version, name, SQL).
const MIGRATIONS: &[(i64, &str, &str)] = &[(1, "initial", include_str!("../migrations/0001_initial.sql"))];

/// The default database: a SQLite file next to the working directory.
pub const DEFAULT_URL: &str = "sqlite://data/werkscan.sqlite";

impl Db {
    /// Connects (creating a SQLite file and its directory if needed), switches SQLite to WAL and
    /// applies the migrations.
    pub async fn connect(url: &str) -> Result<Db, String> {
        sqlx::any::install_default_drivers();
        let (backend, url) = prepare_url(url)?;
        let max = match backend {
            // SQLite has one writer at a time; a few connections serve concurrent readers.
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .connect(&url)
            .await
            .map_err(|error| format!("cannot open the database: {error}"))?;
        let write_lock = (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(())));
        let db = Db { pool, backend, write_lock };
        if backend == Backend::Sqlite {
            // WAL: readers do not block the writer, and a commit is one append, which survives a
            // killed process (the OS has the data) and, with synchronous=FULL, a power cut.
            sqlx::query("PRAGMA journal_mode=WAL")
                .execute(&db.pool)
                .await
                .map_err(|error| format!("cannot switch SQLite to WAL: {error}"))?;
        }
        db.migrate().await.map_err(|error| format!("cannot migrate the database: {error}"))?;
        Ok(db)
    }

    /// Applies the migrations that are not applied yet. Safe when several instances start at
    /// once: each migration first claims its row in `schema_migrations` inside its transaction,
    /// so a second instance waits for the first and then skips it.
    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        )
        .execute(&self.pool)
        .await?;
        for (version, name, sql) in MIGRATIONS {
            let applied: Option<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(*version)
                .fetch_optional(&self.pool)
                .await?;
            if applied.is_some() {
                continue;
            }
            let mut tx = self.pool.begin().await?;
            let claimed = sqlx::query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING",
            )
            .bind(*version)
            .bind(*name)
            .bind(crate::util::now())
            .execute(&mut *tx)
            .await?;
            if claimed.rows_affected() == 0 {
                tx.rollback().await?;
                continue;
            }
            sqlx::raw_sql(*sql).execute(&mut *tx).await?;
            tx.commit().await?;
            tracing::info!(version, name, "applied migration");
        }
        Ok(())
    }

    /// Starts a transaction.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        self.pool.begin().await
    }

    /// Starts a transaction that writes; on SQLite it first waits for this instance's turn. Its
    /// first statement should be a write, so SQLite takes the write lock at once rather than
    /// upgrading a read lock (which cannot wait and fails with "database is locked").
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        let turn = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        Ok(WriteTx { tx: self.pool.begin().await?, _turn: turn })
    }

    /// Closes the pool (waits for connections to be returned).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Recognises the backend and, for SQLite, creates the file's directory and makes sure the
/// file is created if missing.
fn prepare_url(url: &str) -> Result<(Backend, String), String> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_owned()));
    }
    let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        return Err(format!("unsupported database URL {url:?}: use sqlite://PATH or postgres://…"));
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" {
        return Err("an in-memory SQLite database would lose every upload; give a file path".into());
    }
    if let Some(dir) = PathBuf::from(path).parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    }
    let query = if query.split('&').any(|pair| pair.starts_with("mode=")) {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok((Backend::Sqlite, format!("sqlite://{path}?{query}")))
}

/// Booleans are stored as 0/1 so that both databases read them the same way.
pub fn flag(value: bool) -> i64 {
    i64::from(value)
}
