//! Writing checked submissions, batched on SQLite.
//!
//! SQLite has one writer at a time, and on a small machine each statement's round trip to
//! SQLite's connection thread costs more than the insert itself. So on SQLite one writer task per
//! instance takes the uploads waiting at that moment and writes them together: one transaction,
//! one multi-row INSERT per table, one commit (group commit). Each upload is answered only after
//! that commit, so an acknowledged upload is durable exactly as before. If a batch fails, its
//! uploads are retried one by one, so one bad upload cannot take others down with it.
//!
//! Rate-limit attempts (`crate::limits`) go through the same writer on SQLite: every public
//! booking records one, and as separate commits they would cost a durable commit each
//! (synchronous=FULL) and cap the uploads at the disk's commit rate. The writer records and counts
//! the attempts waiting at that moment in one transaction; since it is the only writer, counting
//! and recording stay one step.
//!
//! PostgreSQL handles concurrent transactions itself; there every upload is its own transaction.
//!
//! The per-address upload limit counts accepted uploads only, so it is checked where an upload
//! is accepted: in the transaction that writes it ([`UploadLimit`]). A refused upload (a wrong
//! campaign, an outdated consent, a score that does not match) leaves no trace, so a flood of
//! refusals neither blocks the people behind the same address nor tells how many of them
//! uploaded.

use tokio::sync::{mpsc, oneshot};
use werkscan_core::Submission;

use crate::db::{flag, Backend, Db, Tx};

/// The most uploads written in one transaction.
const MAX_BATCH: usize = 64;

/// A checked submission, ready to be written.
#[derive(Debug, Clone)]
pub struct Pending {
    /// New submission id.
    pub id: String,
    /// The campaign's id.
    pub campaign_id: String,
    /// The checked upload.
    pub submission: Submission,
    /// SHA-256 of the withdrawal token (the upload's key).
    pub withdrawal_hash: String,
    /// SHA-256 of the withdrawal code (derived from the token, for use without the phone).
    pub withdrawal_code_hash: String,
    /// The consent's campaign values as JSON, when the text version has them.
    pub consent_values: Option<String>,
    /// SHA-256 of the upload's JSON, to tell a repeat from another upload under the same key.
    pub request_hash: String,
    /// 16 bits of a hash of the campaign and the uploading address (see `submissions::origin_bucket`).
    pub origin_bucket: i64,
    /// The result's strongest signal (see `submissions::signal_of`), if a result was shared.
    pub signal: Option<String>,
    /// What it adds to its campaign's group figures (with the group-figures consent only).
    pub contribution: Option<crate::figures::Contribution>,
    /// Upload time (Unix seconds).
    pub created_at: i64,
    /// Deletion time (Unix seconds).
    pub expires_at: i64,
    /// The per-address limit it is accepted under (`None`: no limit, for the demo's uploads).
    pub limit: Option<UploadLimit>,
    /// The personal invitation it uses up, for a campaign with personal invitations: marked
    /// used in the writing transaction, and stored nowhere with the upload.
    pub invitation: Option<String>,
}

/// How many uploads from one address (for one campaign) may be accepted within a window:
/// counted and recorded in the transaction that writes the upload, so that only accepted
/// uploads count, and under a lock on the key (SQLite: the one writer and the write lock;
/// PostgreSQL: an advisory lock), so that of any number arriving at once no more than `most`
/// are accepted.
#[derive(Debug, Clone)]
pub struct UploadLimit {
    /// The hashed key (action, campaign, address).
    pub key_hash: String,
    /// The window's start (Unix seconds).
    pub since: i64,
    /// The most uploads accepted within the window.
    pub most: i64,
}

/// Why an upload was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotWritten {
    /// Its address reached its limit of accepted uploads ([`UploadLimit`]).
    TooMany,
    /// Its personal invitation was used by another upload meanwhile.
    InvitationUsed,
    /// The database refused it (the message, for the log's caller).
    Failed(String),
}

impl std::fmt::Display for NotWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotWritten::TooMany => write!(f, "too many uploads from this address"),
            NotWritten::InvitationUsed => write!(f, "the personal invitation was used already"),
            NotWritten::Failed(error) => write!(f, "{error}"),
        }
    }
}

enum Job {
    Upload { pending: Pending, reply: oneshot::Sender<Result<(), NotWritten>> },
    Attempt { attempt: Attempt, reply: oneshot::Sender<Result<i64, String>> },
}

/// One rate-limited attempt to record: under `key_hash` at `at`, then counted within the window
/// (from `since`) up to `cap`.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// The hashed key (action, campaign, address).
    pub key_hash: String,
    /// When (Unix seconds).
    pub at: i64,
    /// The window's start (Unix seconds).
    pub since: i64,
    /// Counting stops here (one past the limit).
    pub cap: i64,
}

/// Where uploads are written: directly (PostgreSQL) or through the batching writer (SQLite).
#[derive(Debug, Clone)]
pub struct Store {
    db: Db,
    queue: Option<mpsc::Sender<Job>>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Job::Upload { pending, .. } => f.debug_struct("Upload").field("id", &pending.id).finish(),
            Job::Attempt { .. } => f.debug_struct("Attempt").finish_non_exhaustive(),
        }
    }
}

impl Store {
    /// Sets up the store; on SQLite it starts the writer task (so call it inside a Tokio runtime).
    pub fn new(db: Db) -> Store {
        let queue = (db.backend == Backend::Sqlite).then(|| {
            let (sender, receiver) = mpsc::channel(1024);
            tokio::spawn(run_writer(db.clone(), receiver));
            sender
        });
        Store { db, queue }
    }

    /// Writes one submission; returns once it is committed, or [`NotWritten::TooMany`] when its
    /// address has reached its limit.
    pub async fn write(&self, pending: Pending) -> Result<(), NotWritten> {
        let stopped = || NotWritten::Failed("the writer has stopped".to_owned());
        match &self.queue {
            Some(queue) => {
                let (reply, answer) = oneshot::channel();
                queue.send(Job::Upload { pending, reply }).await.map_err(|_| stopped())?;
                answer.await.map_err(|_| stopped())?
            }
            None => write_together(&self.db, &[&pending]).await.pop().unwrap_or_else(|| Err(stopped())),
        }
    }

    /// Records a rate-limited attempt and returns how many attempts under its key fall within
    /// its window (this one included, at most `cap`); returns once it is committed.
    pub async fn attempt(&self, attempt: Attempt) -> Result<i64, String> {
        match &self.queue {
            Some(queue) => {
                let (reply, answer) = oneshot::channel();
                queue.send(Job::Attempt { attempt, reply }).await.map_err(|_| "the writer has stopped".to_owned())?;
                answer.await.map_err(|_| "the writer has stopped".to_owned())?
            }
            None => record_attempt_in_turn(&self.db, &attempt).await.map_err(|error| error.to_string()),
        }
    }
}

/// PostgreSQL: records and counts the attempt in one transaction that first takes a lock on the
/// attempt's key (`pg_advisory_xact_lock`, released at commit). Attempts under one key thus take
/// turns across every instance, each counting all the ones before it: of any number arriving at
/// once, exactly the first `limit` pass. (Without the lock, each transaction would not see the
/// others' uncommitted attempts and more could pass; with separate commits, all could be refused.)
async fn record_attempt_in_turn(db: &Db, attempt: &Attempt) -> Result<i64, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))").bind(&attempt.key_hash).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO rate_attempts (key_hash, at) VALUES ($1, $2)")
        .bind(&attempt.key_hash)
        .bind(attempt.at)
        .execute(&mut *tx)
        .await?;
    let count = count_attempts(&mut *tx, attempt).await?;
    tx.commit().await?;
    Ok(count)
}

/// Counts the attempts under `attempt`'s key within its window, up to its cap: whatever the
/// number recorded (an address that keeps trying past its limit adds one each time), an attempt
/// costs at most that.
async fn count_attempts<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(executor: E, attempt: &Attempt) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM (SELECT 1 FROM rate_attempts WHERE key_hash = $1 AND at > $2 LIMIT $3) recent")
        .bind(&attempt.key_hash)
        .bind(attempt.since)
        .bind(attempt.cap)
        .fetch_one(executor)
        .await
}

/// SQLite, in the one writer: records attempts and counts each within its window, in one write
/// transaction. One count per attempt, in order: each sees the attempts recorded before it, in
/// this batch or earlier, and no other writer can come between.
async fn record_attempts(db: &Db, attempts: &[&Attempt]) -> Result<Vec<i64>, sqlx::Error> {
    let mut write = db.begin_write().await?;
    let outcome = async {
        let mut counts = Vec::with_capacity(attempts.len());
        for attempt in attempts {
            sqlx::query("INSERT INTO rate_attempts (key_hash, at) VALUES ($1, $2)")
                .bind(&attempt.key_hash)
                .bind(attempt.at)
                .execute(&mut *write.tx)
                .await?;
            counts.push(count_attempts(&mut *write.tx, attempt).await?);
        }
        Ok(counts)
    }
    .await;
    write.finish(outcome).await
}

async fn run_writer(db: Db, mut receiver: mpsc::Receiver<Job>) {
    while let Some(first) = receiver.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let (mut uploads, mut attempts) = (Vec::new(), Vec::new());
        for job in batch {
            match job {
                Job::Upload { pending, reply } => uploads.push((pending, reply)),
                Job::Attempt { attempt, reply } => attempts.push((attempt, reply)),
            }
        }
        if !attempts.is_empty() {
            let waiting: Vec<&Attempt> = attempts.iter().map(|(attempt, _)| attempt).collect();
            match record_attempts(&db, &waiting).await {
                Ok(counts) => {
                    for ((_, reply), count) in attempts.into_iter().zip(counts) {
                        let _ = reply.send(Ok(count));
                    }
                }
                Err(error) => {
                    for (_, reply) in attempts {
                        let _ = reply.send(Err(error.to_string()));
                    }
                }
            }
        }
        if !uploads.is_empty() {
            let pending: Vec<&Pending> = uploads.iter().map(|(pending, _)| pending).collect();
            let results = write_together(&db, &pending).await;
            for ((_, reply), result) in uploads.into_iter().zip(results) {
                let _ = reply.send(result);
            }
        }
    }
}

/// Writes submissions in one transaction; if that fails, each on its own, so that one bad upload
/// cannot take the others down. One result per submission, in order.
pub async fn write_together(db: &Db, pending: &[&Pending]) -> Vec<Result<(), NotWritten>> {
    let admitted = |admission: Admission| match admission {
        Admission::Written => Ok(()),
        Admission::TooMany => Err(NotWritten::TooMany),
        Admission::InvitationUsed => Err(NotWritten::InvitationUsed),
    };
    match write_batch(db, pending).await {
        Ok(accepted) => accepted.into_iter().map(admitted).collect(),
        Err(error) if pending.len() == 1 => vec![Err(NotWritten::Failed(error.to_string()))],
        Err(_) => {
            let mut results = Vec::with_capacity(pending.len());
            for one in pending {
                results.push(match write_batch(db, &[one]).await {
                    Ok(accepted) => admitted(accepted.first().copied().unwrap_or(Admission::TooMany)),
                    Err(error) => Err(NotWritten::Failed(error.to_string())),
                });
            }
            results
        }
    }
}

/// Whether an upload of a batch was written, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Written.
    Written,
    /// Its address reached its limit.
    TooMany,
    /// Its personal invitation was used already.
    InvitationUsed,
}

/// Writes submissions in one transaction: those their invitation and their address's limit
/// admit ([`admit`]). One admission per submission, in order.
pub async fn write_batch(db: &Db, rows: &[&Pending]) -> Result<Vec<Admission>, sqlx::Error> {
    let mut write = db.begin_write().await?;
    // A failed batch is rolled back before the retry that follows asks for the turn to write.
    let outcome = async {
        let accepted = admit(&mut write.tx, db.backend, rows).await?;
        let kept: Vec<&Pending> =
            rows.iter().zip(&accepted).filter(|(_, accepted)| **accepted == Admission::Written).map(|(row, _)| *row).collect();
        if !kept.is_empty() {
            insert(&mut write.tx, db.backend, &kept).await?;
        }
        Ok(accepted)
    }
    .await;
    write.finish(outcome).await
}

/// Uses up each upload's personal invitation, then counts and records it under its address's
/// limit, in order, inside the writing transaction. The invitation goes first, with a
/// conditional write (`used = 0`), so of two uploads with one invitation, in one batch or on two
/// instances, exactly one is written; an upload the limit then refuses gives its invitation back,
/// and one refused for its invitation is not counted towards the limit (only accepted uploads
/// count). An upload is admitted (and recorded) only while fewer than `most` uploads are
/// recorded under its key within the window, the ones admitted before it in this batch included.
/// One conditional insert per upload, so the first statement is a write (SQLite takes its write
/// lock at once) and counting and recording are one step. On PostgreSQL each key is locked first
/// (`pg_advisory_xact_lock`, in key order so two batches cannot wait for each other), so
/// concurrent transactions under one key take turns and each counts the ones committed before.
async fn admit(tx: &mut Tx, backend: Backend, rows: &[&Pending]) -> Result<Vec<Admission>, sqlx::Error> {
    if backend == Backend::Postgres {
        let keys: std::collections::BTreeSet<&str> = rows.iter().filter_map(|row| row.limit.as_ref()).map(|limit| limit.key_hash.as_str()).collect();
        for key in keys {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))").bind(key).execute(&mut **tx).await?;
        }
    }
    let mut accepted = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(invitation) = &row.invitation {
            let used = sqlx::query("UPDATE invitations SET used = 1 WHERE id = $1 AND used = 0").bind(invitation).execute(&mut **tx).await?;
            if used.rows_affected() == 0 {
                accepted.push(Admission::InvitationUsed);
                continue;
            }
        }
        let Some(limit) = &row.limit else {
            accepted.push(Admission::Written);
            continue;
        };
        let inserted = sqlx::query(
            "INSERT INTO rate_attempts (key_hash, at) SELECT $1, $2 \
             WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM rate_attempts WHERE key_hash = $1 AND at > $3 LIMIT $4) recent) < $4",
        )
        .bind(&limit.key_hash)
        .bind(row.created_at)
        .bind(limit.since)
        .bind(limit.most)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if inserted > 0 {
            accepted.push(Admission::Written);
        } else {
            if let Some(invitation) = &row.invitation {
                sqlx::query("UPDATE invitations SET used = 0 WHERE id = $1").bind(invitation).execute(&mut **tx).await?;
            }
            accepted.push(Admission::TooMany);
        }
    }
    Ok(accepted)
}

/// How many uploads are recorded under this key since `since` (at most `cap`): the cheap check
/// before an upload is looked at, so an address at its limit costs no checking. Only a read: the
/// limit itself is kept where uploads are written ([`admit`]).
pub async fn accepted_recently(db: &Db, key_hash: &str, since: i64, cap: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM (SELECT 1 FROM rate_attempts WHERE key_hash = $1 AND at > $2 LIMIT $3) recent")
        .bind(key_hash)
        .bind(since)
        .bind(cap)
        .fetch_one(&db.pool)
        .await
}

/// `prefix` followed by one group per row: a placeholder for each bound value, numbered for
/// PostgreSQL (`($1, $2), ($3, $4)`), plain `?` for SQLite, where sqlx looks every numbered
/// parameter up by name in a list as long as the statement (quadratic in a long multi-row insert);
/// the keyword `NULL` for a value [`Arg::written_as_null`]. No value is ever written into the
/// text: only placeholders and that keyword are generated.
fn values(prefix: &str, rows: &[Vec<Arg>], backend: Backend) -> String {
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
pub(crate) enum Arg {
    Text(String),
    MaybeText(Option<String>),
    Int(i64),
    MaybeInt(Option<i64>),
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

/// The most placeholders in one statement (SQLite allows 32766, PostgreSQL 65535).
const MAX_PLACEHOLDERS: usize = 4000;

/// Inserts rows (each `columns` values long) with as few multi-row statements as fit; `suffix`
/// follows the values (an `ON CONFLICT` clause).
pub(crate) async fn insert_rows(tx: &mut Tx, backend: Backend, prefix: &str, suffix: &str, columns: usize, rows: Vec<Vec<Arg>>) -> Result<(), sqlx::Error> {
    let per_statement = (MAX_PLACEHOLDERS / columns).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Arg>> = rows.by_ref().take(per_statement).collect();
        debug_assert!(chunk.iter().all(|row| row.len() == columns));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(values(prefix, &chunk, backend) + suffix));
        for arg in chunk.into_iter().flatten() {
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
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Inserts the rows of every table. The first statement is a write, so on SQLite the
/// transaction takes the write lock at once.
///
/// Each part is written only when its consent is present — the checks before guarantee that
/// already; repeating the condition here means a future bug there still cannot store an
/// unconsented part.
async fn insert(tx: &mut Tx, backend: Backend, rows: &[&Pending]) -> Result<(), sqlx::Error> {
    use Arg::{Int, MaybeFloat, MaybeInt, MaybeText, Text};
    // Only with the group-figures consent, whatever the caller put in.
    fn group<'a>(row: &&'a Pending) -> Option<&'a crate::figures::Contribution> {
        row.contribution.as_ref().filter(|_| row.submission.consent.choices.group_figures)
    }
    let submissions = rows
        .iter()
        .map(|row| {
            let sub = &row.submission;
            let choices = sub.consent.choices;
            vec![
                Text(row.id.clone()),
                Text(row.campaign_id.clone()),
                MaybeText(sub.department.clone()),
                Text(sub.definition.clone()),
                Text(sub.version.clone()),
                Text(sub.content_hash.clone()),
                Text(sub.consent.text_version.clone()),
                Text(sub.consent.lang.tag().to_owned()),
                Int(flag(choices.share_scores)),
                Int(flag(choices.share_answers)),
                Int(flag(choices.contact_me)),
                Int(flag(choices.group_figures)),
                Text(row.withdrawal_hash.clone()),
                Int(row.created_at),
                Int(row.expires_at),
                Text(row.request_hash.clone()),
                Int(row.origin_bucket),
                MaybeText(row.signal.clone()),
                MaybeInt(group(row).map(|contribution| contribution.mask)),
                MaybeText(group(row).map(|contribution| contribution.fingerprint.clone())),
                Text(row.withdrawal_code_hash.clone()),
                MaybeText(row.consent_values.clone()),
            ]
        })
        .collect();
    insert_rows(
        tx,
        backend,
        "INSERT INTO submissions (id, campaign_id, department, definition_id, definition_version, content_hash, consent_version, consent_lang, \
         share_scores, share_answers, contact_me, group_figures, withdrawal_hash, created_at, expires_at, request_hash, origin_bucket, signal, \
         group_mask, group_fingerprint, withdrawal_code_hash, consent_values) VALUES ",
        "",
        22,
        submissions,
    )
    .await?;

    // The campaign's sums behind its group figures, added to in the same transaction: one row
    // per campaign, department, measure and band, however many uploads in the batch.
    let mut sums: std::collections::BTreeMap<(String, String, String, String), (i64, i64)> = std::collections::BTreeMap::new();
    for row in rows {
        let Some(contribution) = group(row) else { continue };
        for (score, band, value) in &contribution.values {
            let key = (row.campaign_id.clone(), row.submission.department.clone().unwrap_or_default(), score.clone(), band.clone());
            let sum = sums.entry(key).or_default();
            sum.0 += 1;
            sum.1 += value;
        }
    }
    let cells = sums
        .into_iter()
        .map(|((campaign, department, score, band), (respondents, total))| {
            vec![Text(campaign), Text(department), Text(score), Text(band), Int(respondents), Int(total)]
        })
        .collect();
    insert_rows(
        tx,
        backend,
        "INSERT INTO group_cells (campaign_id, department, score_id, band, respondents, value_sum) VALUES ",
        " ON CONFLICT (campaign_id, department, score_id, band) DO UPDATE SET respondents = group_cells.respondents + excluded.respondents, \
         value_sum = group_cells.value_sum + excluded.value_sum",
        6,
        cells,
    )
    .await?;

    let results: Vec<(&Pending, &werkscan_core::ScanResult)> = rows
        .iter()
        .filter(|row| row.submission.consent.choices.needs_result())
        .filter_map(|row| row.submission.result.as_ref().map(|result| (*row, result)))
        .collect();
    let scores = results
        .iter()
        .flat_map(|(row, result)| {
            result.scores.iter().enumerate().map(|(position, score)| {
                vec![
                    Text(row.id.clone()),
                    Int(position as i64),
                    Text(score.id.clone()),
                    MaybeFloat(score.value),
                    MaybeText(score.band.clone()),
                    Int(i64::from(score.answered)),
                    Int(i64::from(score.needed)),
                ]
            })
        })
        .collect();
    insert_rows(tx, backend, "INSERT INTO submission_scores (submission_id, position, score_id, value, band, answered, needed) VALUES ", "", 7, scores).await?;
    // Flags only with shared scores: an upload for group figures alone carries none (the core's
    // check refuses them), and a future bug there still cannot store one.
    let flags = results
        .iter()
        .filter(|(row, _)| row.submission.consent.choices.share_scores)
        .flat_map(|(row, result)| {
            result.flags.iter().enumerate().map(|(position, flag_id)| vec![Text(row.id.clone()), Int(position as i64), Text(flag_id.clone())])
        })
        .collect();
    insert_rows(tx, backend, "INSERT INTO submission_flags (submission_id, position, flag_id) VALUES ", "", 3, flags).await?;

    let answers = rows
        .iter()
        .filter(|row| row.submission.consent.choices.share_answers)
        .filter_map(|row| {
            let answers = row.submission.answers.as_ref()?;
            Some(vec![Text(row.id.clone()), Text(serde_json::to_string(answers).expect("answers serialise"))])
        })
        .collect();
    insert_rows(tx, backend, "INSERT INTO submission_answers (submission_id, answers) VALUES ", "", 2, answers).await?;

    let contacts = rows
        .iter()
        .filter(|row| row.submission.consent.choices.contact_me)
        .filter_map(|row| {
            let contact = row.submission.contact.as_ref()?;
            Some(vec![
                Text(row.id.clone()),
                Text(contact.name.trim().to_owned()),
                MaybeText(contact.email.clone()),
                MaybeText(contact.phone.clone()),
                MaybeText(contact.note.clone()),
            ])
        })
        .collect();
    insert_rows(tx, backend, "INSERT INTO submission_contacts (submission_id, name, email, phone, note) VALUES ", "", 5, contacts).await
}

#[cfg(test)]
mod tests {
    use super::{values, Arg};
    use crate::db::Backend;

    #[test]
    fn values_has_a_placeholder_for_every_value() {
        let prefix = "INSERT INTO t (a, b) VALUES ";
        let rows = || vec![vec![Arg::Int(1), Arg::MaybeFloat(Some(0.5))], vec![Arg::Int(2), Arg::MaybeFloat(Some(1.5))]];
        assert_eq!(values(prefix, &rows(), Backend::Postgres), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
        assert_eq!(values(prefix, &rows(), Backend::Sqlite), "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)");
    }

    #[test]
    fn a_missing_float_is_written_as_null_and_the_placeholders_stay_in_step() {
        let prefix = "INSERT INTO t (a, b, c) VALUES ";
        let rows = || {
            vec![
                vec![Arg::Int(1), Arg::MaybeFloat(None), Arg::MaybeText(None)],
                vec![Arg::Int(2), Arg::MaybeFloat(Some(1.5)), Arg::MaybeInt(None)],
            ]
        };
        assert_eq!(values(prefix, &rows(), Backend::Postgres), "INSERT INTO t (a, b, c) VALUES ($1, NULL, $2), ($3, $4, $5)");
        assert_eq!(values(prefix, &rows(), Backend::Sqlite), "INSERT INTO t (a, b, c) VALUES (?, NULL, ?), (?, ?, ?)");
    }
}
