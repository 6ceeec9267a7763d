//! The database: a SQLite file by default, PostgreSQL when given a `postgres://` URL.
//!
//! One set of queries serves both through sqlx's Any driver. The schema and queries keep to what
//! both understand: `$1` placeholders (SQLite accepts them too), TEXT/BIGINT/DOUBLE PRECISION
//! columns, `ON CONFLICT … DO NOTHING`. Migrations are embedded in the binary and applied at start
//! by sqlx's migrator.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::{Mutex, OwnedMutexGuard};

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migrate, Migration, MigrationType, Migrator};
use sqlx::{Any, AnyPool, SqlSafeStr, Transaction};

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

/// One schema change: its version, its name, and its SQL for each database. Most changes are
/// the same text for both; where they differ (constraints only one of them has) each gets its
/// own file.
struct Change {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// The schema changes, in order. Applied by sqlx's migrator, which records each with a checksum
/// (an applied file that was edited afterwards is refused) and, on PostgreSQL, holds an advisory
/// lock so that instances starting together apply each change once.
const CHANGES: &[Change] = &[
    Change {
        version: 1,
        name: "initial",
        sqlite: include_str!("../migrations/0001_initial.sql"),
        postgres: include_str!("../migrations/0001_initial.sql"),
    },
    Change {
        version: 2,
        name: "hardening",
        sqlite: include_str!("../migrations/0002_hardening.sql"),
        postgres: include_str!("../migrations/0002_hardening.sql"),
    },
    Change {
        version: 3,
        name: "booking",
        sqlite: include_str!("../migrations/0003_booking.sql"),
        postgres: concat!(
            include_str!("../migrations/0003_booking.sql"),
            include_str!("../migrations/0003_booking.postgres.sql")
        ),
    },
    Change {
        version: 4,
        name: "console",
        sqlite: include_str!("../migrations/0004_console.sql"),
        postgres: include_str!("../migrations/0004_console.sql"),
    },
    Change {
        version: 5,
        name: "group_figures",
        sqlite: include_str!("../migrations/0005_group_figures.sql"),
        postgres: include_str!("../migrations/0005_group_figures.sql"),
    },
    Change {
        version: 6,
        name: "consent",
        sqlite: include_str!("../migrations/0006_consent.sql"),
        postgres: include_str!("../migrations/0006_consent.sql"),
    },
    Change {
        version: 7,
        name: "inbox",
        sqlite: include_str!("../migrations/0007_inbox.sql"),
        postgres: include_str!("../migrations/0007_inbox.sql"),
    },
    Change {
        version: 8,
        name: "account_security",
        sqlite: include_str!("../migrations/0008_account_security.sql"),
        postgres: include_str!("../migrations/0008_account_security.sql"),
    },
    Change {
        version: 9,
        name: "wrong_withdrawal_codes",
        sqlite: include_str!("../migrations/0009_wrong_withdrawal_codes.sql"),
        postgres: include_str!("../migrations/0009_wrong_withdrawal_codes.sql"),
    },
    Change {
        version: 10,
        name: "appointment_credentials",
        sqlite: include_str!("../migrations/0010_appointment_credentials.sql"),
        postgres: include_str!("../migrations/0010_appointment_credentials.sql"),
    },
    Change {
        version: 11,
        name: "practices",
        sqlite: include_str!("../migrations/0011_practices.sql"),
        postgres: include_str!("../migrations/0011_practices.sql"),
    },
    Change {
        version: 12,
        name: "daily_response",
        sqlite: include_str!("../migrations/0012_daily_response.sql"),
        postgres: include_str!("../migrations/0012_daily_response.sql"),
    },
    Change {
        version: 13,
        name: "appointment_reasons",
        sqlite: include_str!("../migrations/0013_appointment_reasons.sql"),
        postgres: include_str!("../migrations/0013_appointment_reasons.sql"),
    },
    Change {
        version: 14,
        name: "expert_file",
        sqlite: include_str!("../migrations/0014_expert_file.sql"),
        postgres: include_str!("../migrations/0014_expert_file.sql"),
    },
    Change {
        version: 17,
        name: "notifications",
        sqlite: include_str!("../migrations/0017_notifications.sql"),
        postgres: include_str!("../migrations/0017_notifications.sql"),
    },
    Change {
        version: 18,
        name: "status_cause",
        sqlite: include_str!("../migrations/0018_status_cause.sql"),
        postgres: include_str!("../migrations/0018_status_cause.sql"),
    },
    Change {
        version: 19,
        name: "invitations",
        sqlite: include_str!("../migrations/0019_invitations.sql"),
        postgres: include_str!("../migrations/0019_invitations.sql"),
    },
    Change {
        version: 20,
        name: "action_plans",
        sqlite: include_str!("../migrations/0020_action_plans.sql"),
        postgres: include_str!("../migrations/0020_action_plans.sql"),
    },
    Change {
        version: 21,
        name: "authoring",
        sqlite: concat!(
            include_str!("../migrations/0021_authoring.sql"),
            include_str!("../migrations/0021_authoring.sqlite.sql")
        ),
        postgres: concat!(
            include_str!("../migrations/0021_authoring.sql"),
            include_str!("../migrations/0021_authoring.postgres.sql")
        ),
    },
];

/// The migrator for one database kind.
fn migrator(backend: Backend) -> Migrator {
    let migrations = CHANGES
        .iter()
        .map(|change| {
            let sql = match backend {
                Backend::Sqlite => change.sqlite,
                Backend::Postgres => change.postgres,
            };
            Migration::new(change.version, change.name.into(), MigrationType::Simple, sql.into_sql_str(), false)
        })
        .collect();
    Migrator::with_migrations(migrations)
}

/// The default database: a SQLite file next to the working directory.
pub const DEFAULT_URL: &str = "sqlite://data/werkscan.sqlite";

impl Db {
    /// Connects (creating a SQLite file and its directory if needed), switches SQLite to WAL and
    /// applies the migrations.
    pub async fn connect(url: &str) -> Result<Db, String> {
        Db::connect_up_to(url, None).await
    }

    /// Connects like [`Db::connect`] but applies the migrations only up to `version`: for tests
    /// of a migration, which write rows as an older server did and then apply the rest.
    pub async fn connect_at_version(url: &str, version: i64) -> Result<Db, String> {
        Db::connect_up_to(url, Some(version)).await
    }

    async fn connect_up_to(url: &str, version: Option<i64>) -> Result<Db, String> {
        sqlx::any::install_default_drivers();
        let (backend, url) = prepare_url(url)?;
        let max = match backend {
            // SQLite has one writer at a time; a few connections serve concurrent readers.
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        };
        let mut options = AnyPoolOptions::new().max_connections(max);
        if backend == Backend::Sqlite {
            // Deleted means deleted: with secure_delete SQLite overwrites deleted rows with zeros
            // instead of leaving them in free space, where `grep -a` would still find a withdrawn
            // person's contact details (see `Db::scrub`). It is a per-connection setting.
            options = options.after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::query("PRAGMA secure_delete = ON").execute(&mut *conn).await?;
                    Ok(())
                })
            });
        }
        let pool = options.connect(&url).await.map_err(|error| format!("cannot open the database: {error}"))?;
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
        let migrated = match version {
            None => db.migrate().await,
            Some(version) => match db.adopt_legacy_migrations().await {
                Ok(()) => migrator(db.backend).run_to(version, &db.pool).await,
                Err(error) => Err(error),
            },
        };
        migrated.map_err(|error| format!("cannot migrate the database: {error}"))?;
        Ok(db)
    }

    /// Applies the migrations that are not applied yet.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        self.adopt_legacy_migrations().await?;
        migrator(self.backend).run(&self.pool).await
    }

    /// Databases made before sqlx's migrator was used recorded their schema in a table of their
    /// own (`schema_migrations`). Their applied versions are handed to the migrator's table once,
    /// so that it does not apply them a second time.
    async fn adopt_legacy_migrations(&self) -> Result<(), sqlx::migrate::MigrateError> {
        let legacy_table = match self.backend {
            Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            Backend::Postgres => "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = current_schema()",
        };
        let legacy: i64 = sqlx::query_scalar(legacy_table).fetch_one(&self.pool).await?;
        if legacy == 0 {
            return Ok(());
        }
        let mut conn = self.pool.acquire().await?;
        let conn: &mut sqlx::AnyConnection = &mut conn;
        conn.ensure_migrations_table("_sqlx_migrations").await?;
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM schema_migrations").fetch_all(&mut *conn).await?;
        let migrator = migrator(self.backend);
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        for migration in migrator.iter().filter(|migration| applied.contains(&migration.version)) {
            sqlx::query(
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES ($1, $2, TRUE, $3, 0) \
                 ON CONFLICT (version) DO NOTHING",
            )
            .bind(migration.version)
            .bind(migration.description.to_string())
            .bind(migration.checksum.to_vec())
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DROP TABLE schema_migrations").execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// After personal data was deleted: on SQLite, copies the WAL (which still holds the deleted
    /// rows' earlier page images) into the main file, where `secure_delete` has zeroed them, and
    /// truncates the WAL to nothing. Without this the bytes stay readable in `-wal` until SQLite
    /// happens to reuse that space. Waits for this instance's turn to write, so it never collides
    /// with the upload writer; a reader holding an old snapshot can delay it, so it retries
    /// briefly and otherwise leaves the rest to the next call (every deletion calls it). Nothing
    /// to do on PostgreSQL (see the server's README on VACUUM and backups).
    pub async fn scrub(&self) -> Result<(), sqlx::Error> {
        let Some(lock) = &self.write_lock else { return Ok(()) };
        let _turn = lock.clone().lock_owned().await;
        for attempt in 0..5 {
            // The first of the pragma's three columns: whether a reader kept it busy.
            let busy: i64 = sqlx::query_scalar("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&self.pool).await?;
            if busy == 0 {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(20 * (attempt + 1))).await;
        }
        tracing::warn!("WAL checkpoint after a deletion was kept busy by readers; the next deletion retries it");
        Ok(())
    }

    /// Starts a transaction.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        self.pool.begin().await
    }

    /// Starts a transaction that writes; on SQLite it first waits for this instance's turn and
    /// then takes the database's write lock at once (`BEGIN IMMEDIATE`, waiting in the busy
    /// handler for another instance's writer), so the transaction may read before it writes: a
    /// read lock upgraded later cannot wait and would fail with "database is locked".
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        let turn = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx { tx, _turn: turn })
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

/// PostgreSQL: takes a transaction lock on every key (`pg_advisory_xact_lock`, released at
/// commit), in one statement and in the order of the locks' numbers, so that two batches
/// sharing keys cannot each hold one the other waits for. Transactions under one key thus take
/// turns across every instance, each counting all the ones committed before it: of any number
/// arriving at once, exactly the first `limit` pass.
pub(crate) async fn lock_keys<'a>(tx: &mut Tx, keys: impl Iterator<Item = &'a str>) -> Result<(), sqlx::Error> {
    let keys: std::collections::BTreeSet<&str> = keys.collect();
    if keys.is_empty() {
        return Ok(());
    }
    let rows: Vec<Vec<Arg>> = keys.iter().map(|key| vec![Arg::Text((*key).to_owned())]).collect();
    // PostgreSQL evaluates a volatile function of the select list after the sort.
    let sql = format!(
        "SELECT pg_advisory_xact_lock(lock) FROM (SELECT DISTINCT hashtext(column1) AS lock FROM ({}) keys) locks ORDER BY lock",
        values("VALUES ", &rows, Backend::Postgres)
    );
    bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), rows).execute(&mut **tx).await?;
    Ok(())
}

/// `prefix` followed by one group per row: a placeholder for each bound value, numbered for
/// PostgreSQL (`($1, $2), ($3, $4)`), plain `?` for SQLite, where sqlx looks every numbered
/// parameter up by name in a list as long as the statement (quadratic in a long multi-row insert);
/// the keyword `NULL` for a value [`Arg::written_as_null`]. No value is ever written into the
/// text: only placeholders and that keyword are generated.
pub(crate) fn values(prefix: &str, rows: &[Vec<Arg>], backend: Backend) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let mut sql = String::with_capacity(prefix.len() + rows.len() * columns * 6);
    sql.push_str(prefix);
    let mut placeholders = 0;
    for (index, row) in rows.iter().enumerate() {
        sql.push_str(if index == 0 { "(" } else { ", (" });
        for (column, arg) in row.iter().enumerate() {
            if column > 0 {
                sql.push_str(", ");
            }
            if arg.written_as_null() {
                sql.push_str("NULL");
                continue;
            }
            placeholders += 1;
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&placeholders.to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}

/// One value of a row to insert: bound as a parameter, or written as `NULL` where
/// [`Arg::written_as_null`] says so.
pub enum Arg {
    /// Text.
    Text(String),
    /// Text or NULL.
    MaybeText(Option<String>),
    /// An integer.
    Int(i64),
    /// An integer or NULL.
    MaybeInt(Option<i64>),
    /// A float or NULL.
    MaybeFloat(Option<f64>),
}

impl Arg {
    /// Whether this value is the keyword `NULL` in the statement instead of a bound parameter.
    ///
    /// sqlx 0.9's Any driver gives PostgreSQL a bound `None::<f64>` as a FLOAT4 parameter (its
    /// `AnyArguments::convert_into` swaps REAL and DOUBLE for NULLs) but a present `f64` as FLOAT8.
    /// A PostgreSQL connection prepares each statement text once, with the parameter types of its
    /// first use, and keeps it: after a missing score first, every present one in that position
    /// was refused on that pooled connection ("incorrect binary data format in bind parameter",
    /// issue 17). A cast in the SQL cannot help, as the parameter's type is declared when the
    /// statement is prepared. With the keyword in the text, each pattern of missing floats is a
    /// statement of its own and no float NULL is ever bound. A NULL of the other kinds keeps its
    /// type through the driver (BIGINT, TEXT), so those stay bound and the texts vary only with
    /// missing floats (rare: a theme with too few answers).
    fn written_as_null(&self) -> bool {
        matches!(self, Arg::MaybeFloat(None))
    }
}

/// Inserts rows (each `columns` values long) with as few multi-row statements as fit; `suffix`
/// follows the values (an `ON CONFLICT` clause).
pub async fn insert_rows(
    tx: &mut Tx,
    backend: Backend,
    prefix: &str,
    suffix: &str,
    columns: usize,
    rows: Vec<Vec<Arg>>,
) -> Result<(), sqlx::Error> {
    let per_statement = (MAX_PLACEHOLDERS / columns).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Arg>> = rows.by_ref().take(per_statement).collect();
        debug_assert!(chunk.iter().all(|row| row.len() == columns));
        let query = bind_all(sqlx::query(sqlx::AssertSqlSafe(values(prefix, &chunk, backend) + suffix)), chunk);
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Binds the rows' values in order, leaving out those [`Arg::written_as_null`] (see [`values`]).
pub(crate) fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    rows: Vec<Vec<Arg>>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for arg in rows.into_iter().flatten() {
        query = match arg {
            Arg::Text(value) => query.bind(value),
            Arg::MaybeText(value) => query.bind(value),
            Arg::Int(value) => query.bind(value),
            Arg::MaybeInt(value) => query.bind(value),
            Arg::MaybeFloat(Some(value)) => query.bind(value),
            // Written into the statement as NULL (see `Arg::written_as_null`).
            Arg::MaybeFloat(None) => query,
        };
    }
    query
}

/// The most placeholders in one statement (SQLite allows 32766, PostgreSQL 65535).
const MAX_PLACEHOLDERS: usize = 4000;

/// A column of names read into the wire contract's enum by a row struct:
/// `#[sqlx(try_from = "String")] status: Named<SubmissionStatus>`. The server writes only names it
/// knows, so any other text is a decoding error, not a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Named<T>(pub T);

impl<T: werkscan_api::Name> TryFrom<String> for Named<T> {
    type Error = UnknownName;

    fn try_from(text: String) -> Result<Named<T>, UnknownName> {
        T::from_name(&text).map(Named).ok_or_else(|| UnknownName::of::<T>(text))
    }
}

/// A nullable column of names read by a row struct (see [`Named`]):
/// `#[sqlx(try_from = "Option<String>")] referred_to: MaybeNamed<Referral>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaybeNamed<T>(pub Option<T>);

impl<T: werkscan_api::Name> TryFrom<Option<String>> for MaybeNamed<T> {
    type Error = UnknownName;

    fn try_from(text: Option<String>) -> Result<MaybeNamed<T>, UnknownName> {
        text.map(|text| T::from_name(&text).ok_or_else(|| UnknownName::of::<T>(text))).transpose().map(MaybeNamed)
    }
}

/// A stored text that is not a name of the enum it was read as.
#[derive(Debug)]
pub struct UnknownName(String);

impl UnknownName {
    fn of<T>(text: String) -> UnknownName {
        let what = std::any::type_name::<T>().rsplit("::").next().unwrap_or_default();
        UnknownName(format!("{text:?} is not a {what}"))
    }
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for UnknownName {}
