//! Rate limits on public actions (uploads, bookings, withdrawal codes), kept in the database so
//! that every instance enforces the same count.

use axum::http::StatusCode;

use crate::error::{ApiError, ApiResult};
use crate::util::{now, sha256_hex};
use crate::AppState;

/// Records an attempt under `key` (for example the action, the campaign and the address; only its
/// hash is kept, for an hour at most) and then counts the attempts within the window, so that
/// counting and recording are one step: of any number of concurrent attempts, the n-th to be
/// recorded sees at least n. Beyond `limit`, refuses with 429 and the given code.
pub async fn attempt(state: &AppState, key: &str, limit: i64, window_seconds: i64, code: &'static str) -> ApiResult<()> {
    let key_hash = sha256_hex(key);
    let at = now();
    // On SQLite recorded and counted by the instance's one writer together with the other
    // attempts and uploads waiting (crate::store), so that each does not cost a durable commit of
    // its own; on PostgreSQL in a transaction holding a lock on the key.
    let recent = state
        .store()
        .attempt(crate::store::Attempt { key_hash, at, since: at - window_seconds, cap: limit.saturating_add(1) })
        .await
        .map_err(ApiError::internal)?;
    if recent > limit {
        let mut error = ApiError::new(StatusCode::TOO_MANY_REQUESTS, code, "too many attempts from this address; try again later");
        error.retry_after = Some(window_seconds as u64);
        return Err(error);
    }
    Ok(())
}

/// Takes back the latest attempt recorded under `key`: for an attempt that turned out right (a
/// correct withdrawal code), so that only wrong ones count towards the limit. Attempts recorded in
/// the same second go together, which errs on the person's side.
pub async fn forgive(state: &AppState, key: &str) -> ApiResult<()> {
    sqlx::query("DELETE FROM rate_attempts WHERE key_hash = $1 AND at = (SELECT MAX(at) FROM rate_attempts WHERE key_hash = $1)")
        .bind(sha256_hex(key))
        .execute(&state.db().pool)
        .await?;
    Ok(())
}
