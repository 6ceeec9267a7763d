//! Telling the arbeidsdeskundige what arrived, without putting anything about a person where it
//! does not belong:
//!
//! - **unread counts** per kind (new shares; new, moved and cancelled appointments) for the
//!   console's menu and the tab's title, cleared when the expert opens that screen;
//! - a **daily e-mail digest** at an hour the expert chooses (or none): counts and a link,
//!   never a name, a score or a health word, since e-mail passes through other hands;
//! - a **private calendar feed** (an iCalendar address with a secret the expert can renew) of
//!   their appointments with time, kind and place, the cancelled ones as cancelled; the titles
//!   name no person, so a calendar shared with colleagues or a leaked address says no more
//!   than "an advice conversation".
//!
//! What the expert has seen is kept per account (`expert_notifications`), so every instance of
//! the server gives the same counts.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Timelike, Utc};
use werkscan_booking::{calendar_feed, EventInfo, Kind, KindOffer, Place, Purpose};

use super::rows::{DigestExpertRow, FeedAppointmentRow, SettingsRow};
use crate::accounts::auth::{CurrentUser, Role};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::mail::{enqueue, Kind as MailKind, Outgoing};
use crate::util::{new_token, now, rfc3339, sha256_hex};
use crate::AppState;

pub use werkscan_api::notifications::{DigestSetting, FeedAddress, Notifications, Seen, SeenBody};

/// The hour a digest goes out unless the expert chooses another (local time).
pub const DEFAULT_DIGEST_HOUR: u32 = 8;
/// The zone the digest hour is read in: every expert so far works in the Netherlands.
const ZONE: chrono_tz::Tz = chrono_tz::Europe::Amsterdam;
/// How far back the feed shows appointments: enough for "what was yesterday", no archive.
const FEED_PAST_SECONDS: i64 = 30 * 24 * 60 * 60;
/// How long a digest waits in the outbox before it is dropped unsent.
const DIGEST_KEPT_SECONDS: i64 = 7 * 24 * 60 * 60;

/// One expert's row, with the defaults of an expert who never changed anything.
struct Settings {
    shares_seen_at: i64,
    appointments_seen_at: i64,
    digest: DigestSetting,
    feed_since: Option<i64>,
}

async fn settings(db: &Db, user_id: &str) -> ApiResult<Settings> {
    let row = sqlx::query_as::<_, SettingsRow>(
        "SELECT shares_seen_at, appointments_seen_at, digest_on, digest_hour, feed_created_at FROM expert_notifications WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(match row {
        Some(row) => Settings {
            digest: row.digest(),
            shares_seen_at: row.shares_seen_at,
            appointments_seen_at: row.appointments_seen_at,
            feed_since: row.feed_created_at,
        },
        None => Settings {
            shares_seen_at: 0,
            appointments_seen_at: 0,
            digest: DigestSetting { on: true, hour: DEFAULT_DIGEST_HOUR },
            feed_since: None,
        },
    })
}

/// Makes sure the expert has a row to update (an expert who never changed anything has none).
async fn ensure_row(db: &Db, user_id: &str) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO expert_notifications (user_id, shares_seen_at, appointments_seen_at, digest_on, digest_hour, digest_sent_at) \
         VALUES ($1, 0, 0, 1, $2, 0) ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(i64::from(DEFAULT_DIGEST_HOUR))
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Results shared with the expert after `since`: the inbox's own rule.
async fn shares_since(db: &Db, user_id: &str, since: i64) -> ApiResult<i64> {
    let sql = format!("SELECT COUNT(*){} AND s.created_at > $2", crate::expert::inbox::INBOX);
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(user_id).bind(since).fetch_one(&db.pool).await?)
}

/// The expert's appointments booked after `since`, or moved or cancelled by the person after it
/// (the expert's own changes are not news to them).
async fn appointments_since(db: &Db, user_id: &str, since: i64) -> ApiResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments a WHERE a.expert_id = $1 AND (a.created_at > $2 \
         OR (a.status = 'cancelled' AND a.cancelled_by = 'person' AND a.cancelled_at > $2) \
         OR (a.status = 'booked' AND a.moved_by = 'person' AND a.updated_at > $2))",
    )
    .bind(user_id)
    .bind(since)
    .fetch_one(&db.pool)
    .await?)
}

async fn current(state: &AppState, user_id: &str) -> ApiResult<Notifications> {
    let db = state.db();
    let settings = settings(db, user_id).await?;
    Ok(Notifications {
        new_shares: shares_since(db, user_id, settings.shares_seen_at).await?,
        changed_appointments: appointments_since(db, user_id, settings.appointments_seen_at).await?,
        digest: settings.digest,
        feed_since: settings.feed_since.map(rfc3339),
    })
}

/// `GET /api/expert/notifications`: the unread counts and the settings. 403 for other roles.
pub async fn get(State(state): State<AppState>, current_user: CurrentUser) -> ApiResult<Json<Notifications>> {
    current_user.require(Role::Expert)?;
    Ok(Json(current(&state, &current_user.user.id).await?))
}

/// `POST /api/expert/notifications/seen` with `{"kind": "shares"}` or `"appointments"`: the
/// expert opened that screen, so its count starts again from now. 204.
pub async fn seen(
    State(state): State<AppState>,
    current_user: CurrentUser,
    ApiJson(body): ApiJson<SeenBody>,
) -> ApiResult<StatusCode> {
    current_user.require(Role::Expert)?;
    ensure_row(state.db(), &current_user.user.id).await?;
    let column = match body.kind {
        Seen::Shares => "shares_seen_at",
        Seen::Appointments => "appointments_seen_at",
    };
    let sql = format!("UPDATE expert_notifications SET {column} = $1 WHERE user_id = $2");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now()).bind(&current_user.user.id).execute(&state.db().pool).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /api/expert/notifications/digest` with `{"on": true, "hour": 8}`: whether and when the
/// daily digest comes. 422 `invalid_hour` outside 0–23. Returns the notifications.
pub async fn set_digest(
    State(state): State<AppState>,
    current_user: CurrentUser,
    ApiJson(body): ApiJson<DigestSetting>,
) -> ApiResult<Json<Notifications>> {
    current_user.require(Role::Expert)?;
    if body.hour > 23 {
        return Err(ApiError::unprocessable("invalid_hour", "the hour is 0 to 23"));
    }
    ensure_row(state.db(), &current_user.user.id).await?;
    sqlx::query("UPDATE expert_notifications SET digest_on = $1, digest_hour = $2 WHERE user_id = $3")
        .bind(i64::from(body.on))
        .bind(i64::from(body.hour))
        .bind(&current_user.user.id)
        .execute(&state.db().pool)
        .await?;
    Ok(Json(current(&state, &current_user.user.id).await?))
}

/// Where the feed lives, the secret at the end (never logged: the server logs routes, not paths).
fn feed_url(state: &AppState, token: &str) -> String {
    format!("{}/api/calendar-feed/{token}.ics", state.config().base_url.trim_end_matches('/'))
}

/// `POST /api/expert/calendar-feed`: makes a new feed address (the old one stops working at
/// once) and returns it; only its hash is kept, so it is shown this once. Audited.
pub async fn renew_feed(
    State(state): State<AppState>,
    current_user: CurrentUser,
) -> ApiResult<(StatusCode, Json<FeedAddress>)> {
    current_user.require(Role::Expert)?;
    ensure_row(state.db(), &current_user.user.id).await?;
    let token = new_token();
    sqlx::query("UPDATE expert_notifications SET feed_token_hash = $1, feed_created_at = $2 WHERE user_id = $3")
        .bind(sha256_hex(&token))
        .bind(now())
        .bind(&current_user.user.id)
        .execute(&state.db().pool)
        .await?;
    crate::audit::audit(&state, &current_user, "renew_calendar_feed", None, None).await?;
    Ok((StatusCode::CREATED, Json(FeedAddress { url: feed_url(&state, &token) })))
}

/// `DELETE /api/expert/calendar-feed`: no feed any more. 204. Audited.
pub async fn stop_feed(State(state): State<AppState>, current_user: CurrentUser) -> ApiResult<StatusCode> {
    current_user.require(Role::Expert)?;
    sqlx::query("UPDATE expert_notifications SET feed_token_hash = NULL, feed_created_at = NULL WHERE user_id = $1")
        .bind(&current_user.user.id)
        .execute(&state.db().pool)
        .await?;
    crate::audit::audit(&state, &current_user, "stop_calendar_feed", None, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/calendar-feed/{token}.ics`: the expert's appointments from a month ago on, as a
/// subscribed calendar (`text/calendar`). 404 `feed_not_found` for an unknown or renewed
/// address, or an expert whose account was deactivated.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> ApiResult<Response> {
    let not_found = || ApiError::not_found("feed_not_found", "no calendar with this address; it may have been renewed");
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    if token.is_empty() || token.len() > 128 {
        return Err(not_found());
    }
    let db = state.db();
    let expert: Option<String> = sqlx::query_scalar(
        "SELECT n.user_id FROM expert_notifications n JOIN users u ON u.id = n.user_id WHERE n.feed_token_hash = $1 AND u.active = 1",
    )
    .bind(sha256_hex(token))
    .fetch_optional(&db.pool)
    .await?;
    let expert = expert.ok_or_else(not_found)?;
    let kinds: Vec<KindOffer> =
        sqlx::query_scalar::<_, String>("SELECT kinds FROM expert_schedules WHERE user_id = $1")
            .bind(&expert)
            .fetch_optional(&db.pool)
            .await?
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
    let rows = sqlx::query_as::<_, FeedAppointmentRow>(
        "SELECT kind, starts_at, ends_at, status, ics_uid, sequence, updated_at FROM appointments \
         WHERE expert_id = $1 AND ends_at > $2 ORDER BY starts_at, id",
    )
    .bind(&expert)
    .bind(now() - FEED_PAST_SECONDS)
    .fetch_all(&db.pool)
    .await?;
    let console = format!("{}/beheer/afspraken", state.config().base_url.trim_end_matches('/'));
    let mut events = Vec::with_capacity(rows.len());
    let at = |seconds: i64| -> ApiResult<DateTime<Utc>> {
        DateTime::from_timestamp(seconds, 0).ok_or_else(|| ApiError::internal("a stored time is out of range"))
    };
    for row in rows {
        let kind = Kind::parse(&row.kind).unwrap_or(Kind::Video);
        let detail = kinds.iter().find(|offer| offer.kind == kind).and_then(|offer| offer.detail.clone());
        let place =
            detail.map(|detail| if kind == Kind::Video { Place::Video(detail) } else { Place::Address(detail) });
        events.push((
            EventInfo {
                uid: row.ics_uid,
                sequence: u32::try_from(row.sequence).unwrap_or(u32::MAX),
                start: at(row.starts_at)?,
                end: at(row.ends_at)?,
                // No name: the person is found in the console, behind its login.
                summary: format!("Adviesgesprek ({})", kind_words(kind)),
                description: format!("Wie en waarover staat in Werkscan: {console}"),
                place,
                organizer: None,
                attendee: None,
                stamp: at(row.updated_at)?,
            },
            if row.status == "cancelled" { Purpose::Cancel } else { Purpose::Request },
        ));
    }
    let mut response = calendar_feed("Werkscan: adviesgesprekken", &events).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::Telefoon => "telefonisch",
        Kind::Video => "video",
        Kind::Locatie => "op locatie",
    }
}

/// The digest's text: counts and a link, nothing about anyone.
fn digest_text(state: &AppState, shares: i64, appointments: i64) -> (String, String) {
    let base = state.config().base_url.trim_end_matches('/').to_owned();
    let mut lines = vec!["Hallo,".to_owned(), String::new(), "Er is nieuw werk voor je in Werkscan:".to_owned()];
    if shares > 0 {
        lines.push(format!(
            "- {shares} {} met je gedeeld",
            if shares == 1 { "nieuwe uitkomst" } else { "nieuwe uitkomsten" }
        ));
    }
    if appointments > 0 {
        lines.push(format!(
            "- {appointments} {}",
            if appointments == 1 { "nieuwe of gewijzigde afspraak" } else { "nieuwe of gewijzigde afspraken" }
        ));
    }
    lines.extend([
        String::new(),
        format!("Bekijk het na het inloggen: {base}/beheer/"),
        String::new(),
        "Je krijgt dit bericht hoogstens één keer per dag, en alleen als er iets nieuws is.".to_owned(),
        format!("Een ander uur kiezen of het uitzetten doe je onder Mijn account: {base}/beheer/account"),
    ]);
    ("Werkscan: er staat iets nieuws voor je klaar".to_owned(), lines.join("\n"))
}

/// Queues the day's digest for every expert whose hour has come (`at`, Unix seconds), who has
/// not had one today, and for whom something new arrived since the last digest and since they
/// last looked. Claiming the day and queueing the mail are one transaction, so two instances
/// never send the same digest twice. Returns how many were queued.
pub async fn queue_due_digests(state: &AppState, at: i64) -> ApiResult<usize> {
    let db = state.db();
    let local =
        DateTime::from_timestamp(at, 0).ok_or_else(|| ApiError::internal("time out of range"))?.with_timezone(&ZONE);
    let today = local.date_naive().to_string();
    let experts = sqlx::query_as::<_, DigestExpertRow>(
        "SELECT u.id, u.email, n.digest_on, n.digest_hour, n.digest_sent_on, n.digest_sent_at, n.shares_seen_at, n.appointments_seen_at \
         FROM users u LEFT JOIN expert_notifications n ON n.user_id = u.id WHERE u.role = 'expert' AND u.active = 1",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut queued = 0;
    for row in experts {
        if !row.digest_on()
            || i64::from(local.hour()) < row.digest_hour()
            || row.digest_sent_on.as_deref() == Some(today.as_str())
        {
            continue;
        }
        let id = &row.id;
        let last_digest = row.digest_sent_at.unwrap_or(0);
        let since = |seen: Option<i64>| seen.unwrap_or(0).max(last_digest);
        let shares = shares_since(db, id, since(row.shares_seen_at)).await?;
        let appointments = appointments_since(db, id, since(row.appointments_seen_at)).await?;
        if shares + appointments == 0 {
            continue;
        }
        ensure_row(db, id).await?;
        let (subject, body) = digest_text(state, shares, appointments);
        let email = &row.email;
        let mut write = db.begin_write().await?;
        let outcome = async {
            let claimed = sqlx::query(
                "UPDATE expert_notifications SET digest_sent_on = $1, digest_sent_at = $2 \
                 WHERE user_id = $3 AND (digest_sent_on IS NULL OR digest_sent_on <> $1)",
            )
            .bind(&today)
            .bind(at)
            .bind(id)
            .execute(&mut *write.tx)
            .await?
            .rows_affected();
            if claimed == 1 {
                let message = Outgoing {
                    kind: MailKind::Digest,
                    appointment: None,
                    reminder_id: None,
                    recipient: email.clone(),
                    subject: subject.clone(),
                    body: body.clone(),
                    calendar: None,
                    due_at: at,
                    expires_at: at + DIGEST_KEPT_SECONDS,
                };
                enqueue(&mut write.tx, &message).await?;
            }
            Ok::<bool, sqlx::Error>(claimed == 1)
        }
        .await;
        if write.finish(outcome).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Queues due digests every `every`, forever (spawn it).
pub async fn run_periodically(state: AppState, every: std::time::Duration) {
    let mut ticker = tokio::time::interval(every);
    loop {
        ticker.tick().await;
        if let Err(error) = queue_due_digests(&state, now()).await {
            tracing::error!(code = error.code, "queueing the experts' digests failed; will retry");
        }
    }
}
