//! Writing checked submissions and rate-limit attempts, batched (group commit).
//!
//! One writer task per instance takes the uploads and attempts waiting at that moment and writes
//! them together: one transaction, one multi-row statement per table, one commit. Each upload and
//! attempt is answered only after that commit, so an acknowledged upload is durable exactly as
//! before. If a batch fails, its jobs are retried one by one, so one bad upload cannot take others
//! down with it.
//!
//! Why batch on both databases: on SQLite there is one writer at a time, and on a small machine
//! each statement's round trip to SQLite's connection thread costs more than the insert itself. On
//! PostgreSQL every upload adds to its campaign's group-figure sums (`group_cells`), the same few
//! rows for every upload of a campaign: as transactions of their own, each held those rows' locks
//! until its commit was flushed, and each paid a flush and its statements' round trips (about 600
//! uploads a second with p99 over 120 ms; see docs/PERFORMANCE.md). One transaction per batch
//! pays one flush for all of them, and the sums of a batch are added once per row.
//!
//! Rate-limit attempts (`crate::submissions::limits`) go through the same writer: every public booking records
//! one, and as separate commits they would each cost a durable commit. The writer records and
//! counts the attempts of a batch in the batch's transaction.
//!
//! The per-address upload limit counts accepted uploads only, so it is checked where an upload
//! is accepted: in the transaction that writes it ([`UploadLimit`]). A refused upload (a wrong
//! campaign, an outdated consent, a score that does not match) leaves no trace, so a flood of
//! refusals neither blocks the people behind the same address nor tells how many of them
//! uploaded. Counting stays exact across instances: on PostgreSQL a batch first locks every key it
//! counts under (`pg_advisory_xact_lock`, in one order, released at commit), on SQLite the
//! transaction holds the database's write lock from its start (`BEGIN IMMEDIATE`), so no other
//! transaction records under those keys between a count and the records it allows.

use tokio::sync::{mpsc, oneshot};
use werkscan_core::Submission;

use crate::db::{bind_all, flag, insert_rows, lock_keys, values, Arg, Backend, Db, Tx};

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
    pub contribution: Option<crate::releases::figures::Contribution>,
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

/// Work for the store writer. Jobs wait in a bounded channel and are taken one batch at a time;
/// an upload is the common case, so it is not boxed to make the rarer attempt smaller.
#[expect(
    clippy::large_enum_variant,
    reason = "uploads are nearly every job; boxing them would add an allocation per upload to save memory only on the rare attempt"
)]
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

/// Where uploads and attempts are written: through the instance's batching writer.
#[derive(Debug, Clone)]
pub struct Store {
    queue: mpsc::Sender<Job>,
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
    /// Sets up the store and starts its writer task (so call it inside a Tokio runtime).
    pub fn new(db: Db) -> Store {
        let (queue, receiver) = mpsc::channel(1024);
        tokio::spawn(run_writer(db, receiver));
        Store { queue }
    }

    /// Writes one submission; returns once it is committed, or [`NotWritten::TooMany`] when its
    /// address has reached its limit.
    pub async fn write(&self, pending: Pending) -> Result<(), NotWritten> {
        let stopped = || NotWritten::Failed("the writer has stopped".to_owned());
        let (reply, answer) = oneshot::channel();
        self.queue.send(Job::Upload { pending, reply }).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }

    /// Records a rate-limited attempt and returns how many attempts under its key fall within
    /// its window (this one included, at most `cap`); returns once it is committed.
    pub async fn attempt(&self, attempt: Attempt) -> Result<i64, String> {
        let (reply, answer) = oneshot::channel();
        self.queue.send(Job::Attempt { attempt, reply }).await.map_err(|_| "the writer has stopped".to_owned())?;
        answer.await.map_err(|_| "the writer has stopped".to_owned())?
    }
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
        let waiting: Vec<&Attempt> = attempts.iter().map(|(attempt, _)| attempt).collect();
        let pending: Vec<&Pending> = uploads.iter().map(|(pending, _)| pending).collect();
        let (counts, written) = match write_jobs(&db, &waiting, &pending).await {
            Ok((counts, accepted)) => {
                (counts.into_iter().map(Ok).collect(), accepted.into_iter().map(admitted).collect())
            }
            // One bad job must not take the others down: the attempts again on their own, the
            // uploads one by one.
            Err(error) => {
                let counts: Vec<Result<i64, String>> = match (waiting.is_empty(), pending.is_empty()) {
                    (true, _) => Vec::new(),
                    (false, true) => waiting.iter().map(|_| Err(error.to_string())).collect(),
                    (false, false) => match write_jobs(&db, &waiting, &[]).await {
                        Ok((counts, _)) => counts.into_iter().map(Ok).collect(),
                        Err(error) => waiting.iter().map(|_| Err(error.to_string())).collect(),
                    },
                };
                let written = match pending.len() {
                    0 => Vec::new(),
                    1 if waiting.is_empty() => vec![Err(NotWritten::Failed(error.to_string()))],
                    _ => one_by_one(&db, &pending).await,
                };
                (counts, written)
            }
        };
        for ((_, reply), count) in attempts.into_iter().zip(counts) {
            let _ = reply.send(count);
        }
        for ((_, reply), result) in uploads.into_iter().zip(written) {
            let _ = reply.send(result);
        }
    }
}

fn admitted(admission: Admission) -> Result<(), NotWritten> {
    match admission {
        Admission::Written => Ok(()),
        Admission::TooMany => Err(NotWritten::TooMany),
        Admission::InvitationUsed => Err(NotWritten::InvitationUsed),
    }
}

/// Writes submissions in one transaction; if that fails, each on its own, so that one bad upload
/// cannot take the others down. One result per submission, in order.
pub async fn write_together(db: &Db, pending: &[&Pending]) -> Vec<Result<(), NotWritten>> {
    match write_batch(db, pending).await {
        Ok(accepted) => accepted.into_iter().map(admitted).collect(),
        Err(error) if pending.len() == 1 => vec![Err(NotWritten::Failed(error.to_string()))],
        Err(_) => one_by_one(db, pending).await,
    }
}

/// Writes each submission in a transaction of its own. One result per submission, in order.
async fn one_by_one(db: &Db, pending: &[&Pending]) -> Vec<Result<(), NotWritten>> {
    let mut results = Vec::with_capacity(pending.len());
    for one in pending {
        results.push(match write_batch(db, &[one]).await {
            Ok(accepted) => admitted(accepted.first().copied().unwrap_or(Admission::TooMany)),
            Err(error) => Err(NotWritten::Failed(error.to_string())),
        });
    }
    results
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
    Ok(write_jobs(db, &[], rows).await?.1)
}

/// Records and counts `attempts` and writes the submissions their invitation and limit admit, in
/// one transaction: the attempts' counts and the uploads' admissions, each in order.
async fn write_jobs(
    db: &Db,
    attempts: &[&Attempt],
    rows: &[&Pending],
) -> Result<(Vec<i64>, Vec<Admission>), sqlx::Error> {
    let mut write = db.begin_write().await?;
    // A failed batch is rolled back before the retry that follows asks for the turn to write.
    let outcome = async {
        if db.backend == Backend::Postgres {
            let keys = attempts.iter().map(|attempt| attempt.key_hash.as_str());
            lock_keys(
                &mut write.tx,
                keys.chain(rows.iter().filter_map(|row| row.limit.as_ref()).map(|limit| limit.key_hash.as_str())),
            )
            .await?;
        }
        let counts = record_attempts(&mut write.tx, db.backend, attempts).await?;
        let accepted = admit(&mut write.tx, db.backend, rows).await?;
        let kept: Vec<&Pending> = rows
            .iter()
            .zip(&accepted)
            .filter(|(_, accepted)| **accepted == Admission::Written)
            .map(|(row, _)| *row)
            .collect();
        if !kept.is_empty() {
            insert(&mut write.tx, db.backend, &kept).await?;
        }
        Ok((counts, accepted))
    }
    .await;
    write.finish(outcome).await
}

/// How many rows of `rate_attempts` lie within each (key, window start) pair, at most `cap`, in
/// one statement.
async fn recorded(
    tx: &mut Tx,
    backend: Backend,
    pairs: &[(&str, i64)],
    cap: i64,
) -> Result<std::collections::HashMap<(String, i64), i64>, sqlx::Error> {
    let mut found = std::collections::HashMap::new();
    if pairs.is_empty() {
        return Ok(found);
    }
    let rows: Vec<Vec<Arg>> =
        pairs.iter().map(|(key, since)| vec![Arg::Text((*key).to_owned()), Arg::Int(*since)]).collect();
    let cap_placeholder = match backend {
        Backend::Sqlite => "?".to_owned(),
        Backend::Postgres => format!("${}", pairs.len() * 2 + 1),
    };
    // The pairs come first in the text: SQLite numbers plain `?` placeholders in textual order.
    let sql = format!(
        "WITH pairs AS ({}) SELECT pairs.column1 AS key_hash, pairs.column2 AS since, (SELECT COUNT(*) FROM (SELECT 1 FROM rate_attempts r \
         WHERE r.key_hash = pairs.column1 AND r.at > pairs.column2 LIMIT {cap_placeholder}) recent) AS recent FROM pairs",
        values("VALUES ", &rows, backend)
    );
    let query = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), rows).bind(cap);
    for row in query.fetch_all(&mut **tx).await? {
        use sqlx::FromRow;
        let row = crate::submissions::rows::RecentRow::from_row(&row)?;
        found.insert((row.key_hash, row.since), row.recent);
    }
    Ok(found)
}

/// Records attempts and counts each within its window, in the writing transaction: one count
/// per attempt, in order, each seeing the attempts recorded before it, in this batch or in a
/// transaction committed earlier (the keys are locked, see [`write_jobs`]).
async fn record_attempts(tx: &mut Tx, backend: Backend, attempts: &[&Attempt]) -> Result<Vec<i64>, sqlx::Error> {
    if attempts.is_empty() {
        return Ok(Vec::new());
    }
    let pairs: Vec<(&str, i64)> = attempts.iter().map(|attempt| (attempt.key_hash.as_str(), attempt.since)).collect();
    let cap = attempts.iter().map(|attempt| attempt.cap).max().unwrap_or(0);
    let before = recorded(tx, backend, &pairs, cap).await?;
    let counts = attempts
        .iter()
        .enumerate()
        .map(|(index, attempt)| {
            let earlier = before.get(&(attempt.key_hash.clone(), attempt.since)).copied().unwrap_or(0);
            let in_batch = attempts[..index]
                .iter()
                .filter(|other| other.key_hash == attempt.key_hash && other.at > attempt.since)
                .count() as i64;
            (earlier + in_batch + 1).min(attempt.cap)
        })
        .collect();
    let rows = attempts.iter().map(|attempt| vec![Arg::Text(attempt.key_hash.clone()), Arg::Int(attempt.at)]).collect();
    insert_rows(tx, backend, "INSERT INTO rate_attempts (key_hash, at) VALUES ", "", 2, rows).await?;
    Ok(counts)
}

/// Decides, in order, which uploads are written, inside the writing transaction, as if each were
/// written after the one before it: an upload is admitted only while fewer than `most` uploads
/// are recorded under its key within the window (the ones admitted before it in this batch
/// included), and only if its personal invitation is unused, which it then uses up with a
/// conditional write (`used = 0`), so of two uploads with one invitation, in one batch or on two
/// instances, exactly one is written. Only accepted uploads count towards the limit: one refused
/// for its invitation is not recorded, and one the limit refuses leaves its invitation unused.
/// The counts are read once for the whole batch and the records written with one statement; no
/// other transaction can record under these keys meanwhile (see [`write_jobs`]).
async fn admit(tx: &mut Tx, backend: Backend, rows: &[&Pending]) -> Result<Vec<Admission>, sqlx::Error> {
    let pairs: Vec<(&str, i64)> =
        rows.iter().filter_map(|row| row.limit.as_ref()).map(|limit| (limit.key_hash.as_str(), limit.since)).collect();
    let cap = rows.iter().filter_map(|row| row.limit.as_ref()).map(|limit| limit.most).max().unwrap_or(0);
    let before = recorded(tx, backend, &pairs, cap).await?;
    let mut accepted: Vec<Admission> = Vec::with_capacity(rows.len());
    let mut records = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let within_limit = row.limit.as_ref().is_none_or(|limit| {
            let earlier = before.get(&(limit.key_hash.clone(), limit.since)).copied().unwrap_or(0);
            let in_batch = rows[..index]
                .iter()
                .zip(&accepted)
                .filter(|(other, admission)| {
                    **admission == Admission::Written
                        && other.created_at > limit.since
                        && other.limit.as_ref().is_some_and(|other| other.key_hash == limit.key_hash)
                })
                .count() as i64;
            earlier + in_batch < limit.most
        });
        let admission = match (&row.invitation, within_limit) {
            (Some(invitation), true) => {
                let used = sqlx::query("UPDATE invitations SET used = 1 WHERE id = $1 AND used = 0")
                    .bind(invitation)
                    .execute(&mut **tx)
                    .await?;
                if used.rows_affected() == 0 {
                    Admission::InvitationUsed
                } else {
                    Admission::Written
                }
            }
            (Some(invitation), false) => {
                // Refused either way; the invitation's answer comes first, as for an upload
                // written alone.
                let used_before = rows[..index].iter().zip(&accepted).any(|(other, admission)| {
                    *admission == Admission::Written && other.invitation.as_ref() == Some(invitation)
                });
                let used_now: Option<i64> = sqlx::query_scalar("SELECT used FROM invitations WHERE id = $1")
                    .bind(invitation)
                    .fetch_optional(&mut **tx)
                    .await?;
                if used_before || used_now.unwrap_or(1) != 0 {
                    Admission::InvitationUsed
                } else {
                    Admission::TooMany
                }
            }
            (None, true) => Admission::Written,
            (None, false) => Admission::TooMany,
        };
        if let (Admission::Written, Some(limit)) = (admission, &row.limit) {
            records.push(vec![Arg::Text(limit.key_hash.clone()), Arg::Int(row.created_at)]);
        }
        accepted.push(admission);
    }
    insert_rows(tx, backend, "INSERT INTO rate_attempts (key_hash, at) VALUES ", "", 2, records).await?;
    Ok(accepted)
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
    fn group<'a>(row: &&'a Pending) -> Option<&'a crate::releases::figures::Contribution> {
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
    let mut sums: std::collections::BTreeMap<(String, String, String, String), (i64, i64)> =
        std::collections::BTreeMap::new();
    for row in rows {
        let Some(contribution) = group(row) else { continue };
        for (score, band, value) in &contribution.values {
            let key = (
                row.campaign_id.clone(),
                row.submission.department.clone().unwrap_or_default(),
                score.clone(),
                band.clone(),
            );
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
    insert_rows(
        tx,
        backend,
        "INSERT INTO submission_scores (submission_id, position, score_id, value, band, answered, needed) VALUES ",
        "",
        7,
        scores,
    )
    .await?;
    // Flags only with shared scores: an upload for group figures alone carries none (the core's
    // check refuses them), and a future bug there still cannot store one.
    let flags = results
        .iter()
        .filter(|(row, _)| row.submission.consent.choices.share_scores)
        .flat_map(|(row, result)| {
            result
                .flags
                .iter()
                .enumerate()
                .map(|(position, flag_id)| vec![Text(row.id.clone()), Int(position as i64), Text(flag_id.clone())])
        })
        .collect();
    insert_rows(tx, backend, "INSERT INTO submission_flags (submission_id, position, flag_id) VALUES ", "", 3, flags)
        .await?;

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
    insert_rows(
        tx,
        backend,
        "INSERT INTO submission_contacts (submission_id, name, email, phone, note) VALUES ",
        "",
        5,
        contacts,
    )
    .await
}

#[cfg(test)]
mod tests {
    use crate::db::Backend;
    use crate::db::{values, Arg};

    #[test]
    fn values_has_a_placeholder_for_every_value() {
        let prefix = "INSERT INTO t (a, b) VALUES ";
        let rows =
            || vec![vec![Arg::Int(1), Arg::MaybeFloat(Some(0.5))], vec![Arg::Int(2), Arg::MaybeFloat(Some(1.5))]];
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
        assert_eq!(
            values(prefix, &rows(), Backend::Postgres),
            "INSERT INTO t (a, b, c) VALUES ($1, NULL, $2), ($3, $4, $5)"
        );
        assert_eq!(values(prefix, &rows(), Backend::Sqlite), "INSERT INTO t (a, b, c) VALUES (?, NULL, ?), (?, ?, ?)");
    }
}
