//! Rate limits on public actions (bookings, withdrawal codes), kept in the database so that every
//! instance enforces the same count. The upload limit counts accepted uploads only and is kept
//! where they are written (`crate::submissions::store::UploadLimit`).

use axum::http::StatusCode;

use crate::error::{ApiError, ApiResult};
use crate::util::{now, sha256_hex};
use crate::AppState;

/// Records an attempt under `key` (for example the action, the campaign and the address; only its
/// hash is kept, for an hour at most) and then counts the attempts within the window, so that
/// counting and recording are one step: of any number of concurrent attempts, the n-th to be
/// recorded sees at least n. Beyond `limit`, refuses with 429 and the given code.
pub async fn attempt(
    state: &AppState,
    key: &str,
    limit: i64,
    window_seconds: i64,
    code: &'static str,
) -> ApiResult<()> {
    let key_hash = sha256_hex(key);
    let at = now();
    // Recorded and counted by the instance's writer together with the other attempts and uploads
    // waiting (crate::submissions::store), so that each does not cost a durable commit of its own; the
    // transaction holds SQLite's write lock or, on PostgreSQL, a lock on the key.
    let recent = state
        .store()
        .attempt(crate::submissions::store::Attempt {
            key_hash,
            at,
            since: at - window_seconds,
            cap: limit.saturating_add(1),
        })
        .await
        .map_err(ApiError::internal)?;
    if recent > limit {
        let mut error =
            ApiError::new(StatusCode::TOO_MANY_REQUESTS, code, "too many attempts from this address; try again later");
        error.retry_after = Some(window_seconds as u64);
        return Err(error);
    }
    Ok(())
}

/// Wrong withdrawal codes one address may enter within an hour before it has to wait.
pub const FREE_WRONG_CODES: i64 = 5;

/// The longest wait between two wrong withdrawal codes from one address.
pub const LONGEST_CODE_WAIT_SECONDS: i64 = 15 * 60;

/// How long an address that entered `wrong` wrong codes within the hour waits after the last of
/// them before the next code is looked at: nothing for the first [`FREE_WRONG_CODES`], then 1, 2,
/// 4, … seconds, at most [`LONGEST_CODE_WAIT_SECONDS`]. A person who mistypes a few times never
/// notices; a guesser gets a code through every quarter of an hour at most, and the people
/// behind the same office address wait no longer than that either.
pub fn code_wait_seconds(wrong: i64) -> i64 {
    if wrong < FREE_WRONG_CODES {
        return 0;
    }
    let doublings = (wrong - FREE_WRONG_CODES).min(20) as u32;
    (1i64 << doublings).min(LONGEST_CODE_WAIT_SECONDS)
}

/// The key under which the withdrawal code attempts from `ip` are kept in
/// `withdrawal_code_attempts`: a hash, so the table never holds an address.
pub fn code_attempt_key(ip: &str) -> String {
    sha256_hex(&format!("withdrawal-code|{ip}"))
}

/// A withdrawal code attempt, recorded as wrong until [`CodeAttempt::was_right`] says otherwise.
pub struct CodeAttempt {
    id: String,
}

impl CodeAttempt {
    /// The code was right: this attempt (and only this one) is taken off the record, so the wrong
    /// codes sent before or together with it keep counting.
    pub async fn was_right(self, state: &AppState) -> ApiResult<()> {
        sqlx::query("DELETE FROM withdrawal_code_attempts WHERE id = $1")
            .bind(&self.id)
            .execute(&state.db().pool)
            .await?;
        Ok(())
    }
}

/// Records a withdrawal code attempt from `ip` as wrong, before the code is looked up, and
/// refuses it with 429 `too_many_wrong_codes` (and `Retry-After`) while the address is in its
/// waiting period ([`code_wait_seconds`] after its last wrong code). Recording and counting are
/// one step under a lock on the address (SQLite: the instance's turn to write and the database's
/// write lock; PostgreSQL: an advisory lock on the key), so codes sent at once each see those
/// recorded before them and cannot slip past the limit together. A refused attempt is not
/// recorded: its code was never looked at.
pub async fn record_code_attempt(state: &AppState, ip: &str) -> ApiResult<CodeAttempt> {
    let db = state.db();
    let key_hash = code_attempt_key(ip);
    let id = crate::util::new_id();
    let at = now();
    let mut write = db.begin_write().await?;
    let outcome = async {
        if db.backend == crate::db::Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))").bind(&key_hash).execute(&mut *write.tx).await?;
        }
        // The write first, so that SQLite takes its write lock at once (see Db::begin_write).
        sqlx::query("INSERT INTO withdrawal_code_attempts (id, key_hash, at) VALUES ($1, $2, $3)")
            .bind(&id)
            .bind(&key_hash)
            .bind(at)
            .execute(&mut *write.tx)
            .await?;
        let (wrong, last) = sqlx::query_as::<_, (i64, Option<i64>)>(
            "SELECT COUNT(*) AS wrong, MAX(at) AS last FROM withdrawal_code_attempts WHERE key_hash = $1 AND at > $2 AND id <> $3",
        )
        .bind(&key_hash)
        .bind(at - 60 * 60)
        .bind(&id)
        .fetch_one(&mut *write.tx)
        .await?;
        let waited = at - last.unwrap_or(at);
        Ok::<i64, sqlx::Error>(code_wait_seconds(wrong) - waited)
    }
    .await;
    let still_to_wait = match outcome {
        Ok(still_to_wait) if still_to_wait > 0 => {
            // Not recorded; the turn to write is given up only after the rollback.
            write.tx.rollback().await?;
            still_to_wait
        }
        outcome => {
            write.finish(outcome).await?;
            return Ok(CodeAttempt { id });
        }
    };
    let mut error = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_wrong_codes",
        "too many wrong withdrawal codes from this address; wait a moment and try again",
    );
    error.retry_after = Some(still_to_wait as u64);
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_codes_beyond_the_free_ones_wait_twice_as_long_each_up_to_the_longest() {
        for wrong in 0..FREE_WRONG_CODES {
            assert_eq!(code_wait_seconds(wrong), 0, "{wrong} wrong codes");
        }
        assert_eq!(code_wait_seconds(FREE_WRONG_CODES), 1);
        assert_eq!(code_wait_seconds(FREE_WRONG_CODES + 1), 2);
        assert_eq!(code_wait_seconds(FREE_WRONG_CODES + 3), 8);
        assert_eq!(code_wait_seconds(FREE_WRONG_CODES + 10), LONGEST_CODE_WAIT_SECONDS);
        assert_eq!(code_wait_seconds(i64::MAX), LONGEST_CODE_WAIT_SECONDS, "no overflow");
    }

    #[test]
    fn the_record_of_an_address_is_kept_under_a_hash() {
        let key = code_attempt_key("203.0.113.9");
        assert_eq!(key.len(), 64);
        assert!(!key.contains("203.0.113.9"));
        assert_ne!(key, code_attempt_key("203.0.113.8"));
    }
}
