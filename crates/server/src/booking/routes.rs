//! Booking the adviesgesprek: the person books from their report with one of the campaign's
//! active arbeidsdeskundigen, and moves or cancels with the link the server made for the booking;
//! the expert keeps their availability and sees their appointments and whom to follow up (those
//! routes are in `agenda`).
//!
//! The rules (slots, daylight saving, buffers, calendar files, times in words) are the
//! `werkscan-booking` crate's; this module reads and writes the database around them. A booking
//! shares only the contact details the person types, with the expert they book with, and, only
//! if the person asks for it and proves it with the receipt's token, a link to the result they
//! shared with this campaign.
//!
//! No double booking, ever: the appointment is inserted first (on SQLite that takes the write
//! lock), then any overlap with another active appointment of the expert (buffer included) rolls
//! it back; a unique index on the expert's active start times (both databases) and an exclusion
//! constraint on overlapping ranges (PostgreSQL) make the database refuse what a race might let
//! through.
//!
//! The link's credential is the server's (256 random bits, stored hashed); the phone's
//! `Idempotency-Key` only recognises a retried booking. Wrong links are limited per address
//! ([`FREE_WRONG_TOKENS`]), and one person holds only a few open bookings per campaign
//! ([`OPEN_BOOKINGS_PER_PERSON`], [`OPEN_BOOKINGS_PER_RESULT`]), whatever address they book from.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use werkscan_api::booking::AppointmentStatus;
use werkscan_booking::{check_slot, free_slots, Availability, Interval, Kind, KindOffer, Purpose, Slot, SlotError};
use werkscan_core::submission::{contact_problem, Contact};
use werkscan_core::text::forbidden_character;
use werkscan_core::when::when_in_words;
use werkscan_core::Lang;

use crate::booking::appointment::Appointment;
use crate::booking::calendar::*;
use crate::booking::messages::*;
use crate::booking::rows::*;
use crate::db::{Backend, Tx};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, ClientIp};
use crate::mail::{enqueue, Kind as MailKind, Outgoing};
use crate::models::campaign::{by_code, Campaign};
use crate::util::{hex, new_id, new_token, now, rfc3339, sha256_hex, today};
use crate::AppState;

pub use werkscan_api::booking::{
    Booked, BookingOffer, ExpertOffer, Move, NewAppointment, ReminderRequest, ReminderSet, SharedResult, SlotQuery,
};

/// An expert's availability as stored, if they set one.
pub(super) async fn availability_of(state: &AppState, expert: &str) -> ApiResult<Option<Availability>> {
    let row = sqlx::query_as::<_, ScheduleRow>("SELECT schedule, kinds FROM expert_schedules WHERE user_id = $1")
        .bind(expert)
        .fetch_optional(&state.db().pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Availability {
        schedule: serde_json::from_str(&row.schedule).map_err(ApiError::internal)?,
        kinds: serde_json::from_str(&row.kinds).map_err(ApiError::internal)?,
    }))
}

pub(super) async fn campaign_of(state: &AppState, code: &str) -> ApiResult<Campaign> {
    by_code(state, code).await?.ok_or_else(|| ApiError::not_found("campaign_not_found", "no campaign with this code"))
}

pub(super) async fn reminder_days(state: &AppState, campaign: &Campaign) -> ApiResult<i64> {
    Ok(sqlx::query_scalar("SELECT reminder_days FROM campaigns WHERE id = $1")
        .bind(&campaign.id)
        .fetch_one(&state.db().pool)
        .await?)
}

/// `GET /api/c/{code}/booking` (public): whom the person can book with, and how.
pub async fn offer(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<BookingOffer>> {
    let campaign = campaign_of(&state, &code).await?;
    let rows = sqlx::query_as::<_, OfferedExpertRow>(
        "SELECT u.id, u.display_name, s.kinds FROM practice_campaign_experts e JOIN users u ON u.id = e.user_id \
         JOIN expert_schedules s ON s.user_id = u.id WHERE e.campaign_id = $1 AND u.active = 1 ORDER BY u.display_name",
    )
    .bind(&campaign.id)
    .fetch_all(&state.db().pool)
    .await?;
    let mut experts = Vec::new();
    for row in rows {
        let kinds: Vec<KindOffer> = serde_json::from_str(&row.kinds).map_err(ApiError::internal)?;
        let kinds = kinds
            .into_iter()
            .map(|offer| KindOffer { detail: offer.detail.filter(|_| offer.kind == Kind::Locatie), kind: offer.kind })
            .collect();
        experts.push(ExpertOffer { id: row.id, name: row.display_name, kinds });
    }
    Ok(Json(BookingOffer {
        open: campaign.is_open_on(today()),
        experts,
        reminder_days: reminder_days(&state, &campaign).await?,
    }))
}

/// The campaign's expert and their availability; 404 `expert_not_found` otherwise, also for a
/// deactivated account (nobody would read or hold the conversation) and for one who set no
/// availability. One statement: every booking asks it.
pub(super) async fn expert_of(
    state: &AppState,
    campaign: &Campaign,
    expert: &str,
) -> ApiResult<(String, Availability)> {
    let row = sqlx::query_as::<_, ExpertScheduleRow>(
        "SELECT u.display_name, s.schedule, s.kinds FROM practice_campaign_experts e JOIN users u ON u.id = e.user_id \
         JOIN expert_schedules s ON s.user_id = u.id WHERE e.campaign_id = $1 AND e.user_id = $2 AND u.active = 1",
    )
    .bind(&campaign.id)
    .bind(expert)
    .fetch_optional(&state.db().pool)
    .await?
    .ok_or_else(|| {
        ApiError::not_found("expert_not_found", "this arbeidsdeskundige takes no bookings for this campaign")
    })?;
    let availability = Availability {
        schedule: serde_json::from_str(&row.schedule).map_err(ApiError::internal)?,
        kinds: serde_json::from_str(&row.kinds).map_err(ApiError::internal)?,
    };
    Ok((row.display_name, availability))
}

/// The expert's active appointments that could overlap the booking window, as the booking rules
/// see them (the conversation itself; the rules add the buffer on both sides), leaving out one
/// appointment (the one being moved).
pub(super) async fn busy(
    conn: &mut sqlx::AnyConnection,
    expert: &str,
    except: Option<&str>,
    from: i64,
) -> Result<Vec<Interval>, sqlx::Error> {
    busy_until(conn, expert, except, from, i64::MAX).await
}

/// The times around a conversation starting at `start` (Unix seconds) under `schedule` in which
/// an appointment must lie to make it not free: it must overlap the conversation with the
/// schedule's buffer on both sides (as the booking rules check), so it ends after
/// `start - buffer` and starts before `start + length + buffer`; and as no conversation lasts
/// longer than the longest slot the rules allow, it starts after `start - buffer - longest`.
/// Returns (starts after, starts before, ends after).
pub(super) fn around(start: i64, schedule: &werkscan_booking::Schedule) -> (i64, i64, i64) {
    let buffer = i64::from(schedule.buffer_minutes) * 60;
    let length = i64::from(schedule.slot_minutes) * 60;
    let longest = i64::from(*werkscan_booking::SLOT_MINUTES.end()) * 60;
    (start - buffer - longest, start + length + buffer, start - buffer)
}

/// The expert's active appointments that could make a conversation starting at `start` not free
/// ([`around`]): all that checking one slot needs, usually none or one. Reading the whole window
/// instead (every booking of six weeks), or a day around it, made each booking slower the fuller
/// the agenda (docs/PERFORMANCE.md, "Booking").
pub(super) async fn busy_around(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    expert: &str,
    except: Option<&str>,
    from: i64,
    start: i64,
    schedule: &werkscan_booking::Schedule,
) -> Result<Vec<Interval>, sqlx::Error> {
    let (starts_after, starts_before, ends_after) = around(start, schedule);
    let rows = sqlx::query_as::<_, BusyRow>(match backend {
        Backend::Sqlite => {
            "SELECT id, starts_at, ends_at FROM appointments WHERE expert_id = $1 AND active = 1 AND blocked_until > $2 \
             AND starts_at > $3 AND starts_at < $4 AND ends_at > $5"
        }
        // The same rows; the range condition (which they all meet) lets PostgreSQL find them in
        // the exclusion constraint's index by time, whatever its statistics say ([`OVERLAPPING`]).
        Backend::Postgres => {
            "SELECT id, starts_at, ends_at FROM appointments WHERE expert_id = $1 AND active = 1 AND blocked_until > $2 \
             AND starts_at > $3 AND starts_at < $4 AND ends_at > $5 AND int8range(starts_at, blocked_until) && int8range($5, $4)"
        }
    })
    .bind(expert)
    .bind(from)
    .bind(starts_after)
    .bind(starts_before)
    .bind(ends_after)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().filter(|row| Some(row.id.as_str()) != except).filter_map(BusyRow::interval).collect())
}

/// The expert's active appointments blocking time after `from` that start before `until`.
pub(super) async fn busy_until(
    conn: &mut sqlx::AnyConnection,
    expert: &str,
    except: Option<&str>,
    from: i64,
    until: i64,
) -> Result<Vec<Interval>, sqlx::Error> {
    let rows = sqlx::query_as::<_, BusyRow>(
        "SELECT id, starts_at, ends_at FROM appointments WHERE expert_id = $1 AND active = 1 AND blocked_until > $2 AND starts_at < $3",
    )
    .bind(expert)
    .bind(from)
    .bind(until)
    .fetch_all(&mut *conn)
    .await?;
    let mut intervals = Vec::new();
    for row in rows {
        if Some(row.id.as_str()) == except {
            continue;
        }
        intervals.extend(row.interval());
    }
    Ok(intervals)
}

// Named apart from the booking rules' `Slot`, which this module computes them from.
pub use werkscan_api::booking::Slot as SlotView;

pub(super) fn slot_view(slot: &Slot, lang: Lang) -> SlotView {
    SlotView {
        start: rfc3339(slot.start.timestamp()),
        end: rfc3339(slot.end.timestamp()),
        date: slot.local_date.to_string(),
        time: slot.local_start.format("%H:%M").to_string(),
        words: when_in_words(lang, slot.local_date, slot.local_start),
    }
}

/// For a campaign with personal invitations, only invited people see free times and book: 403
/// `invitation_required` without a token of this campaign's (an invitation's, used or not, or
/// an appointment's). So an employer, who holds the campaign's code but is not invited, cannot
/// poll an expert's free times to see when a colleague booked (ARCHITECTURE.md, "What polling
/// free times tells"). Tokens are 256 random bits: guessing one is not a way in.
pub(super) async fn require_invited(
    state: &AppState,
    campaign: &crate::models::campaign::Campaign,
    invitation: Option<&str>,
    appointment: Option<&str>,
) -> ApiResult<()> {
    if campaign.mode != crate::models::invitation::Mode::Personal {
        return Ok(());
    }
    if let Some(token) = invitation.map(str::trim).filter(|token| !token.is_empty()) {
        if crate::models::invitation::opened(state.db(), &campaign.id, token).await?.is_some() {
            return Ok(());
        }
    }
    if let Some(token) = appointment.map(str::trim).filter(|token| !token.is_empty()) {
        let found: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE key_hash = $1 AND campaign_id = $2")
                .bind(sha256_hex(token))
                .bind(&campaign.id)
                .fetch_one(&state.db().pool)
                .await?;
        if found > 0 {
            return Ok(());
        }
    }
    Err(ApiError::forbidden(
        "invitation_required",
        "this campaign is for invited people: open it with the link from your invitation",
    ))
}

/// `GET /api/c/{code}/experts/{expert}/slots` (public): the expert's free times from now (plus
/// the minimum notice) to the end of the booking window, in order. The expert's hours are one
/// calendar across all their campaigns and organisations. With personal invitations, only for
/// a phone holding an invitation or appointment of the campaign ([`require_invited`]).
pub async fn slots(
    State(state): State<AppState>,
    Path((code, expert)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<SlotQuery>,
) -> ApiResult<Json<Vec<SlotView>>> {
    let campaign = campaign_of(&state, &code).await?;
    require_invited(&state, &campaign, query.u.as_deref(), query.a.as_deref()).await?;
    let (_, availability) = expert_of(&state, &campaign, &expert).await?;
    let lang = query.lang.as_deref().and_then(Lang::from_tag).unwrap_or_default();
    let at = Utc::now();
    let mut conn = state.db().pool.acquire().await?;
    let taken = busy(&mut conn, &expert, None, at.timestamp()).await?;
    drop(conn);
    let free = free_slots(&availability.schedule, &taken, at);
    Ok(Json(free.iter().map(|slot| slot_view(slot, lang)).collect()))
}

// Named apart from the stored `Appointment` it is made from.
pub use werkscan_api::booking::Appointment as AppointmentView;

/// The appointment columns [`AppointmentRow`] reads.
pub(super) const APPOINTMENT_COLUMNS: &str = "a.id, a.campaign_id, a.expert_id, a.kind, a.starts_at, a.ends_at, a.status, a.name, a.email, a.phone, \
     a.lang, a.submission_id, a.request_hash, a.ics_uid, a.sequence, a.created_at, a.cancelled_at, a.expires_at, \
     a.cancel_reason, a.move_reason, u.display_name AS expert_name, u.email AS expert_email, c.code AS campaign_code, c.name AS campaign_name";

/// Wrong appointment links an address may try within [`WRONG_TOKEN_WINDOW`] before each further
/// one makes it wait.
pub const FREE_WRONG_TOKENS: i64 = 10;
/// How long a wrong link counts against its address (attempts are kept no longer: see
/// `retention`).
pub const WRONG_TOKEN_WINDOW: i64 = 60 * 60;
/// Beyond the free ones, each wrong link makes the address wait this much longer (seconds) before
/// its next link is looked at: 1 minute after the 10th, 2 after the 11th, and so on.
pub const WRONG_TOKEN_STEP: i64 = 60;

/// How long an address with `wrong` wrong links in the window, the latest at `latest`, still
/// waits at `at`; `None` when it may try.
pub(super) fn wrong_token_wait(wrong: i64, latest: Option<i64>, at: i64) -> Option<i64> {
    let latest = latest?;
    if wrong < FREE_WRONG_TOKENS {
        return None;
    }
    let wait = (WRONG_TOKEN_STEP * (wrong - FREE_WRONG_TOKENS + 1)).min(WRONG_TOKEN_WINDOW);
    let left = latest + wait - at;
    (left > 0).then_some(left)
}

/// The appointment with this link (the person's token), asked for from address `ip`.
///
/// 404 `appointment_not_found` for an unknown token (the same answer whatever is wrong with it),
/// which counts against the address; right links never count and never wipe the count (a right
/// link between guesses would otherwise reset them). Beyond [`FREE_WRONG_TOKENS`] within the
/// hour, 429 `too_many_wrong_keys` with `Retry-After` until the wait has passed, for any link,
/// right or wrong, so no answer tells them apart meanwhile. Checking, looking up and recording
/// happen in one write transaction that takes turns per address (SQLite's writer; a lock on the
/// key on PostgreSQL), so guesses sent at once cannot all slip in before the count.
pub(super) async fn by_token(state: &AppState, ip: &str, token: &str) -> ApiResult<Appointment> {
    let key_hash = sha256_hex(&format!("appointment-link|{ip}"));
    let at = now();
    let mut write = state.db().begin_write().await?;
    let outcome: ApiResult<Option<Appointment>> = async {
        match state.db().backend {
            Backend::Postgres => {
                sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))").bind(&key_hash).execute(&mut *write.tx).await?;
            }
            // A write first, so SQLite's write lock is held before the count (see
            // `Db::begin_write`); what it deletes the retention would delete anyway.
            Backend::Sqlite => {
                sqlx::query("DELETE FROM rate_attempts WHERE key_hash = $1 AND at <= $2")
                    .bind(&key_hash)
                    .bind(at - WRONG_TOKEN_WINDOW)
                    .execute(&mut *write.tx)
                    .await?;
            }
        }
        let counted = sqlx::query_as::<_, WrongTokensRow>("SELECT COUNT(*) AS wrong, MAX(at) AS latest FROM rate_attempts WHERE key_hash = $1 AND at > $2")
            .bind(&key_hash)
            .bind(at - WRONG_TOKEN_WINDOW)
            .fetch_one(&mut *write.tx)
            .await?;
        if let Some(wait) = wrong_token_wait(counted.wrong, counted.latest, at) {
            let mut error = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_wrong_keys",
                "too many unknown appointment links from this address; try again later",
            );
            error.retry_after = Some(wait as u64);
            return Err(error);
        }
        let row = sqlx::query_as::<_, AppointmentRow>(sqlx::AssertSqlSafe(format!(
            "SELECT {APPOINTMENT_COLUMNS} FROM appointments a JOIN users u ON u.id = a.expert_id JOIN campaigns c ON c.id = a.campaign_id WHERE a.key_hash = $1"
        )))
        .bind(sha256_hex(token.trim()))
        .fetch_optional(&mut *write.tx)
        .await?;
        match row {
            Some(row) => Ok(Some(Appointment::try_from(row)?)),
            None => {
                sqlx::query("INSERT INTO rate_attempts (key_hash, at) VALUES ($1, $2)").bind(&key_hash).bind(at).execute(&mut *write.tx).await?;
                Ok(None)
            }
        }
    }
    .await;
    write.finish(outcome).await?.ok_or_else(|| {
        ApiError::not_found("appointment_not_found", "no appointment with this link; it may have been deleted")
    })
}

pub(super) async fn view(state: &AppState, appointment: &Appointment) -> ApiResult<AppointmentView> {
    let availability = availability_of(state, &appointment.expert_id).await?;
    Ok(view_with(availability.as_ref(), appointment))
}

/// The appointment as the person sees it, with its expert's availability (the place, the zone
/// of the times in words) already read.
pub(super) fn view_with(availability: Option<&Availability>, appointment: &Appointment) -> AppointmentView {
    let (date, time) = local_times(availability, appointment);
    AppointmentView {
        status: appointment.status,
        kind: appointment.kind,
        place: place_of(availability, appointment),
        expert: appointment.expert_name.clone(),
        expert_id: appointment.expert_id.clone(),
        campaign: appointment.campaign_code.clone(),
        campaign_name: appointment.campaign_name.clone(),
        start: rfc3339(appointment.starts_at),
        end: rfc3339(appointment.ends_at),
        words: when_in_words(appointment.lang, date, time),
        date: date.to_string(),
        time: time.format("%H:%M").to_string(),
        name: appointment.name.clone(),
        email: appointment.email.clone(),
        phone: appointment.phone.clone(),
        shared_result_linked: appointment.submission_id.is_some(),
        lang: appointment.lang,
        changeable: appointment.status == AppointmentStatus::Booked && appointment.starts_at > now(),
    }
}

/// The phone's key from `Idempotency-Key` (64 hex characters), lower-cased: it only recognises a
/// retried booking and authorises nothing.
pub(super) fn booking_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(value) = headers.get(crate::submissions::routes::IDEMPOTENCY_KEY) else { return Ok(None) };
    let key = value.to_str().unwrap_or_default().trim().to_ascii_lowercase();
    if key.len() != 64 || !key.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return Err(ApiError::bad_request(
            "invalid_idempotency_key",
            "Idempotency-Key must be 64 hexadecimal characters",
        ));
    }
    Ok(Some(key))
}

pub(super) fn slot_error(error: SlotError) -> ApiError {
    let message = match error {
        SlotError::Past => "this time has passed",
        SlotError::TooSoon => "this time is too soon to book",
        SlotError::OutsideWindow => "this time is further ahead than can be booked",
        SlotError::OutsideRules => "the arbeidsdeskundige is not available at this time",
        SlotError::Taken => "this time was just taken; choose another",
        SlotError::InvalidSchedule(_) => "the arbeidsdeskundige's availability is being changed; try again later",
    };
    match error {
        SlotError::Taken => ApiError::conflict("slot_taken", message),
        other => ApiError::unprocessable(other.code(), message),
    }
}

/// The contact details of a booking, checked like shared contact details (the same core rule),
/// plus: a phone call needs a phone number, and an e-mail address must be one to write to.
pub(super) fn check_contact(body: &NewAppointment) -> ApiResult<Contact> {
    let clean =
        |value: &Option<String>| value.as_deref().map(str::trim).filter(|value| !value.is_empty()).map(str::to_owned);
    let contact =
        Contact { name: body.name.trim().to_owned(), email: clean(&body.email), phone: clean(&body.phone), note: None };
    if let Some(problem) = contact_problem(&contact) {
        return Err(ApiError::unprocessable("contact_invalid", problem.reason()));
    }
    if body.kind == Kind::Telefoon && contact.phone.is_none() {
        return Err(ApiError::unprocessable("contact_invalid", "a phone call needs a phone number"));
    }
    if let Some(email) = &contact.email {
        crate::submissions::routes::check_email(email)?;
    }
    Ok(contact)
}

/// How long after the appointment its contact details are kept at least: the campaign's
/// retention counts from the conversation when that is later than the campaign's end.
pub(super) fn expires_at(campaign: &Campaign, ends_at: i64) -> i64 {
    campaign.expires_at().max(ends_at.saturating_add(campaign.retention_days.saturating_mul(86_400)))
}

/// `POST /api/c/{code}/appointments` (public): books a free slot. 201 with the appointment and
/// its token: a credential the server makes (256 random bits). The phone's `Idempotency-Key`,
/// if sent, only recognises a retry: the same key and body get the same booking and the same
/// token back (`Idempotent-Replayed: true`).
///
/// Refusals: 404 `campaign_not_found`, `expert_not_found` (also a deactivated expert); 409
/// `campaign_closed`, `slot_taken` (also when two people try the same time at once: exactly one
/// gets it), `idempotency_key_reused`, `too_many_open_bookings` (the e-mail address or phone
/// number already holds [`OPEN_BOOKINGS_PER_PERSON`] open bookings in the campaign, or the linked
/// result [`OPEN_BOOKINGS_PER_RESULT`]); 422 `unknown_kind` (the expert does not offer it), `past`,
/// `too_soon`, `outside_window`, `outside_rules`, `contact_invalid`, `shared_result_invalid`;
/// 429 `too_many_bookings`.
pub async fn book(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(code): Path<String>,
    headers: HeaderMap,
    ApiJson(mut body): ApiJson<NewAppointment>,
) -> ApiResult<Response> {
    let retry_key = booking_key(&headers)?;
    // Out before the request's hash is taken: the appointment keeps no trace of the invitation.
    let invitation = body.invitation.take();
    let limit = state.config().bookings_per_address;
    crate::submissions::limits::attempt(
        &state,
        &format!("booking|{}|{ip}", code.trim().to_uppercase()),
        limit,
        600,
        "too_many_bookings",
    )
    .await?;
    let request_hash = sha256_hex(&serde_json::to_string(&body).map_err(ApiError::internal)?);
    if let Some(key) = &retry_key {
        if let Some(replay) = replay(&state, key, &request_hash).await? {
            return Ok(replay);
        }
    }
    match book_new(&state, &code, retry_key.as_deref(), &request_hash, body, invitation.as_deref()).await {
        Ok(booked) => Ok(booked),
        Err(error) => {
            // A retry racing the original may find the original's time taken (by itself), or hit
            // the unique retry key: look again, and if the original went through meanwhile,
            // answer as it did. A retry must always get the original answer.
            if let Some(key) = &retry_key {
                if let Some(replay) = replay(&state, key, &request_hash).await? {
                    return Ok(replay);
                }
            }
            Err(error)
        }
    }
}

/// Books a new appointment (no earlier booking with this retry key was found).
pub(super) async fn book_new(
    state: &AppState,
    code: &str,
    retry_key: Option<&str>,
    request_hash: &str,
    body: NewAppointment,
    invitation: Option<&str>,
) -> ApiResult<Response> {
    let campaign = campaign_of(state, code).await?;
    require_invited(state, &campaign, invitation, None).await?;
    if !campaign.is_open_on(today()) {
        return Err(ApiError::conflict("campaign_closed", "bookings for this campaign are closed"));
    }
    let (_, availability) = expert_of(state, &campaign, &body.expert).await?;
    if !availability.kinds.iter().any(|offer| offer.kind == body.kind) {
        return Err(ApiError::unprocessable(
            "unknown_kind",
            "this arbeidsdeskundige does not offer this kind of conversation",
        ));
    }
    let contact = check_contact(&body)?;
    let submission_id = match &body.shared_result {
        Some(shared) => Some(linked_result(state, &campaign, shared).await?),
        None => None,
    };
    let id = new_id();
    let credential = new_token();
    let credential_seal = retry_key.map(|key| seal(&credential, key, &id));
    let at = Utc::now();
    // Checked first for a clear answer (past, too soon, outside the hours, taken); the write
    // transaction below is what makes it certain.
    let mut conn = state.db().pool.acquire().await?;
    let taken = busy_around(
        &mut conn,
        state.db().backend,
        &body.expert,
        None,
        at.timestamp(),
        body.start.timestamp(),
        &availability.schedule,
    )
    .await?;
    drop(conn);
    let slot = check_slot(&availability.schedule, &taken, at, body.start).map_err(slot_error)?;
    let blocked_until = slot.end.timestamp() + i64::from(availability.schedule.buffer_minutes) * 60;
    let (email_key, phone_key) = person_key(&contact);
    let booking = NewBooking {
        id,
        campaign_id: campaign.id.clone(),
        expert: body.expert,
        kind: body.kind,
        starts_at: slot.start.timestamp(),
        ends_at: slot.end.timestamp(),
        blocked_until,
        contact,
        email_key,
        phone_key,
        lang: body.lang,
        submission_id,
        key_hash: sha256_hex(&credential),
        request_hash: request_hash.to_owned(),
        at: at.timestamp(),
        expires_at: expires_at(&campaign, slot.end.timestamp()),
        retry_key_hash: retry_key.map(sha256_hex),
        credential_seal,
    };
    let backend = state.db().backend;
    let shown = availability.clone();
    // On SQLite committed together with the bookings arriving at the same moment, each within a
    // savepoint of its own (`Db::write_together`): a booking refused in there leaves nothing.
    let appointment = state
        .db()
        .write_together(move |mut tx| async move {
            let outcome = write_booking(&mut tx, backend, &booking, &availability).await;
            (tx, outcome)
        })
        .await?;
    let booked = Booked { appointment: view_with(Some(&shown), &appointment), token: credential };
    Ok((StatusCode::CREATED, Json(booked)).into_response())
}

/// A booking to write, checked against the expert's hours and what was free when it came.
struct NewBooking {
    id: String,
    campaign_id: String,
    expert: String,
    kind: Kind,
    starts_at: i64,
    ends_at: i64,
    blocked_until: i64,
    contact: Contact,
    /// The person keys of the contact ([`person_key`]).
    email_key: Option<String>,
    phone_key: Option<String>,
    lang: Lang,
    submission_id: Option<String>,
    /// Hash of the credential the server made.
    key_hash: String,
    request_hash: String,
    /// When it was asked for (Unix seconds).
    at: i64,
    expires_at: i64,
    retry_key_hash: Option<String>,
    credential_seal: Option<String>,
}

/// Writes a booking in `tx`, or refuses it (409 `slot_taken`, `too_many_open_bookings`) with
/// nothing of it left for the caller to keep: the appointment, its confirmation in the outbox,
/// and the linked file moved on.
async fn write_booking(
    tx: &mut Tx,
    backend: Backend,
    booking: &NewBooking,
    availability: &Availability,
) -> ApiResult<Appointment> {
    if backend == Backend::Postgres {
        // Bookings of one person (by e-mail address, phone number or linked result) take
        // turns, so the count of their open bookings below sees every booking of theirs
        // committed before (SQLite's write lock does the same). Other people's bookings do
        // not wait: a lock on the whole campaign made every booking wait for the one
        // before it to reach the disk (docs/PERFORMANCE.md, "Booking"); two bookings of one
        // time are kept apart by the overlap check and the exclusion constraint.
        let keys = person_keys(&booking.campaign_id, &booking.contact, booking.submission_id.as_deref());
        crate::db::lock_keys(tx, keys.iter().map(String::as_str)).await?;
    }
    // The insert comes first: on SQLite it takes the write lock, so the overlap check after
    // it sees every booking that committed before, and none can commit meanwhile. On
    // PostgreSQL the exclusion constraint refuses the insert of an overlapping booking.
    let inserted = sqlx::query(
        "INSERT INTO appointments (id, campaign_id, expert_id, kind, starts_at, ends_at, blocked_until, status, active, name, email, phone, lang, \
         submission_id, key_hash, request_hash, ics_uid, sequence, created_at, updated_at, expires_at, retry_key_hash, credential_seal, \
         email_key, phone_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'booked', 1, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16, $16, $17, $18, $19, $20, $21)",
    )
    .bind(&booking.id)
    .bind(&booking.campaign_id)
    .bind(&booking.expert)
    .bind(booking.kind.as_str())
    .bind(booking.starts_at)
    .bind(booking.ends_at)
    .bind(booking.blocked_until)
    .bind(&booking.contact.name)
    .bind(booking.contact.email.clone())
    .bind(booking.contact.phone.clone())
    .bind(booking.lang.tag())
    .bind(booking.submission_id.clone())
    .bind(&booking.key_hash)
    .bind(&booking.request_hash)
    .bind(format!("{}@werkscan", booking.id))
    .bind(booking.at)
    .bind(booking.expires_at)
    .bind(booking.retry_key_hash.clone())
    .bind(booking.credential_seal.clone())
    .bind(booking.email_key.clone())
    .bind(booking.phone_key.clone())
    .execute(&mut **tx)
    .await;
    if inserted.is_err() {
        return Err(ApiError::conflict("slot_taken", "this time was just taken; choose another"));
    }
    booking_check(tx, backend, booking).await?;
    let appointment = load(tx, &booking.id).await?;
    queue_messages(tx, Some(availability), &appointment, MailKind::Confirmation, ChangedBy::Person).await?;
    if let Some(submission_id) = &booking.submission_id {
        crate::expert::inbox::follow_appointment(tx, submission_id, &booking.expert, "booked", booking.at).await?;
    }
    Ok(appointment)
}

/// PostgreSQL's overlap check: the same condition as SQLite's, with the exclusion constraint's
/// own range test added (`appointments_no_overlap`, which every row it counts meets). A fresh
/// table has no statistics, and PostgreSQL then read that index by the expert alone, every
/// appointment of theirs for every booking (millions of index entries in one benchmark run);
/// with the range it reads only the times that overlap.
const OVERLAPPING: &str =
    "SELECT COUNT(*) FROM appointments WHERE expert_id = $1 AND active = 1 AND id <> $2 AND starts_at < $3 \
     AND starts_at > $5 AND blocked_until > $4 AND int8range(starts_at, blocked_until) && int8range($4, $3)";

/// SQLite's overlap check: the appointments of the expert ($1) other than this one ($2) that
/// began after $5 (see [`LONGEST_BLOCK_SECONDS`]) and before $3, and block time after $4.
const OVERLAPPING_SQLITE: &str = "SELECT COUNT(*) FROM appointments WHERE expert_id = $1 AND active = 1 AND id <> $2 AND starts_at < $3 AND starts_at > $5 \
     AND blocked_until > $4";

/// The overlap check of either database.
fn overlapping(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => OVERLAPPING_SQLITE,
        Backend::Postgres => OVERLAPPING,
    }
}

/// How long an appointment blocks its expert's time at most: the longest conversation and the
/// longest buffer the booking rules allow.
pub(super) const LONGEST_BLOCK_SECONDS: i64 =
    (*werkscan_booking::SLOT_MINUTES.end() as i64 + *werkscan_booking::BUFFER_MINUTES.end() as i64) * 60;

/// Refuses (409 `slot_taken`) when another active appointment of the expert overlaps
/// [start, blocked_until) — what the database constraints also refuse. Only appointments that
/// began less than [`LONGEST_BLOCK_SECONDS`] before `start` can still block it, so the index on
/// the expert's start times is read only there, not from the expert's first appointment on (which
/// made every booking slower the fuller the agenda).
pub(super) async fn overlap_check(
    tx: &mut Tx,
    backend: Backend,
    expert: &str,
    id: &str,
    start: i64,
    blocked_until: i64,
) -> ApiResult<()> {
    let overlapping: i64 = sqlx::query_scalar(overlapping(backend))
        .bind(expert)
        .bind(id)
        .bind(blocked_until)
        .bind(start)
        .bind(start - LONGEST_BLOCK_SECONDS)
        .fetch_one(&mut **tx)
        .await?;
    if overlapping > 0 {
        return Err(ApiError::conflict("slot_taken", "this time was just taken; choose another"));
    }
    Ok(())
}

pub(super) async fn load(tx: &mut Tx, id: &str) -> ApiResult<Appointment> {
    let row = sqlx::query_as::<_, AppointmentRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {APPOINTMENT_COLUMNS} FROM appointments a JOIN users u ON u.id = a.expert_id JOIN campaigns c ON c.id = a.campaign_id WHERE a.id = $1"
    )))
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    Appointment::try_from(row)
}

/// At most this many open bookings (booked, not yet over) per e-mail address (in any letters) and
/// per phone number (its digits) in one campaign: one person cannot empty an expert's agenda by
/// changing network address.
pub const OPEN_BOOKINGS_PER_PERSON: usize = 2;
/// At most this many open bookings in one campaign link the same shared result.
pub const OPEN_BOOKINGS_PER_RESULT: usize = 1;

/// A phone number as its digits, with the Dutch country code written as the 0 of a national
/// number, so that `06 1234 5678`, `0612345678` and `+31 6 12345678` are one number.
pub(super) fn phone_digits(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let international = phone.trim_start().starts_with('+') || digits.starts_with("00");
    let national = digits.strip_prefix("0031").or_else(|| digits.strip_prefix("31").filter(|_| international));
    match national {
        Some(rest) => format!("0{rest}"),
        None => digits,
    }
}

/// The e-mail address as the limit on open bookings compares it: trimmed, in lower case.
fn email_as_compared(email: &str) -> String {
    email.trim().to_lowercase()
}

/// What a booking stores to find its person's other open bookings (`appointments.email_key`,
/// `appointments.phone_key`): the SHA-256 of the e-mail address as compared (any letters) and of
/// the phone number's digits ([`phone_digits`]); `None` without one (or a number without
/// digits). Stored hashed: the key only has to be equal for equal details, and the row then
/// holds no second readable copy of them.
pub(crate) fn person_key(contact: &Contact) -> (Option<String>, Option<String>) {
    let email = contact.email.as_deref().map(|email| sha256_hex(&format!("email|{}", email_as_compared(email))));
    let phone = contact
        .phone
        .as_deref()
        .map(phone_digits)
        .filter(|digits| !digits.is_empty())
        .map(|digits| sha256_hex(&format!("phone|{digits}")));
    (email, phone)
}

/// Gives the bookings stored before the person keys (migration 0023) theirs, so that they count
/// towards their person's open bookings like new ones. Run when the server starts; does nothing
/// once every booking has its keys. Returns how many bookings it gave keys.
pub async fn fill_person_keys(db: &crate::db::Db) -> Result<u64, sqlx::Error> {
    let rows = sqlx::query_as::<_, PersonKeysRow>(
        "SELECT id, email, phone FROM appointments WHERE (email IS NOT NULL AND email_key IS NULL) OR (phone IS NOT NULL AND phone_key IS NULL)",
    )
    .fetch_all(&db.pool)
    .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut write = db.begin_write().await?;
    let outcome = async {
        let mut filled = 0;
        for row in &rows {
            let contact =
                Contact { name: String::new(), email: row.email.clone(), phone: row.phone.clone(), note: None };
            let (email_key, phone_key) = person_key(&contact);
            filled += sqlx::query("UPDATE appointments SET email_key = $1, phone_key = $2 WHERE id = $3")
                .bind(email_key)
                .bind(phone_key)
                .bind(&row.id)
                .execute(&mut *write.tx)
                .await?
                .rows_affected();
        }
        Ok::<u64, sqlx::Error>(filled)
    }
    .await;
    write.finish(outcome).await
}

/// The lock keys of whoever books: what [`open_bookings_check`] counts by (the e-mail address in
/// any letters, the phone number's digits, the linked result). Taken together, in one order
/// ([`crate::db::lock_keys`]).
pub(super) fn person_keys(campaign_id: &str, contact: &Contact, submission_id: Option<&str>) -> Vec<String> {
    let mut keys = std::collections::BTreeSet::new();
    let (email, phone) = person_key(contact);
    if let Some(email) = email {
        keys.insert(format!("open-bookings|{campaign_id}|email|{email}"));
    }
    if let Some(phone) = phone {
        keys.insert(format!("open-bookings|{campaign_id}|phone|{phone}"));
    }
    if let Some(id) = submission_id {
        keys.insert(format!("open-bookings|{campaign_id}|result|{id}"));
    }
    keys.into_iter().collect()
}

/// Refuses a booking, already inserted in `tx`, that overlaps another active appointment of its
/// expert (409 `slot_taken`, as [`overlap_check`]), or that makes its e-mail address or phone
/// number hold more than [`OPEN_BOOKINGS_PER_PERSON`] open bookings in the campaign, or its
/// linked result more than [`OPEN_BOOKINGS_PER_RESULT`] (409 `too_many_open_bookings`). One
/// statement for both: a booking holds its turn (SQLite's write lock, PostgreSQL's person
/// locks) until it commits, so every round trip in here is one the next booking waits for. The
/// counts go by the stored keys ([`person_key`], compared the same way on both databases), each
/// with its index: only that person's bookings are read, however many the campaign holds.
async fn booking_check(tx: &mut Tx, backend: Backend, booking: &NewBooking) -> ApiResult<()> {
    // Unbound keys (NULL) match nothing: no address, no number, no linked result counts 0.
    let counted = sqlx::query_as::<_, BookingCheckRow>(sqlx::AssertSqlSafe(format!(
        "SELECT ({}) AS overlapping, \
         (SELECT COUNT(*) FROM appointments WHERE campaign_id = $6 AND email_key = $8 AND ends_at > $7 AND status = 'booked') AS same_email, \
         (SELECT COUNT(*) FROM appointments WHERE campaign_id = $6 AND phone_key = $9 AND ends_at > $7 AND status = 'booked') AS same_phone, \
         (SELECT COUNT(*) FROM appointments WHERE campaign_id = $6 AND submission_id = $10 AND ends_at > $7 AND status = 'booked') AS same_result",
        overlapping(backend)
    )))
    .bind(&booking.expert)
    .bind(&booking.id)
    .bind(booking.blocked_until)
    .bind(booking.starts_at)
    .bind(booking.starts_at - LONGEST_BLOCK_SECONDS)
    .bind(&booking.campaign_id)
    .bind(booking.at)
    .bind(booking.email_key.clone())
    .bind(booking.phone_key.clone())
    .bind(booking.submission_id.clone())
    .fetch_one(&mut **tx)
    .await?;
    if counted.overlapping > 0 {
        return Err(ApiError::conflict("slot_taken", "this time was just taken; choose another"));
    }
    let per_person = OPEN_BOOKINGS_PER_PERSON as i64;
    if counted.same_email > per_person || counted.same_phone > per_person {
        return Err(ApiError::conflict(
            "too_many_open_bookings",
            format!("this e-mail address or phone number already has {OPEN_BOOKINGS_PER_PERSON} conversations booked in this campaign; move or cancel one first"),
        ));
    }
    if counted.same_result > OPEN_BOOKINGS_PER_RESULT as i64 {
        return Err(ApiError::conflict(
            "too_many_open_bookings",
            "a conversation about this shared result is booked already; move or cancel it first",
        ));
    }
    Ok(())
}

/// Seals (and, applied again, opens) a credential with the phone's retry key: the credential XOR
/// a hash of the key and the appointment. A retry with the key gets the credential back; the
/// database alone (which holds only the key's plain hash) does not give it.
pub(super) fn seal(credential: &str, key: &str, appointment_id: &str) -> String {
    let pad = sha256_hex(&format!("werkscan appointment credential|{appointment_id}|{key}"));
    let bytes = |text: &str| -> Vec<u8> {
        (0..text.len() / 2)
            .map(|index| u8::from_str_radix(text.get(index * 2..index * 2 + 2).unwrap_or("00"), 16).unwrap_or(0))
            .collect()
    };
    let sealed: Vec<u8> = bytes(credential).iter().zip(bytes(&pad)).map(|(a, b)| a ^ b).collect();
    hex(&sealed)
}

/// The booking already made with this retry key; 409 when the key came with another booking.
/// It answers as the booking did, with the same credential: opened from its seal, or, for a
/// booking from before the server made credentials, the key itself (which was its credential).
pub(super) async fn replay(state: &AppState, key: &str, request_hash: &str) -> ApiResult<Option<Response>> {
    let row = sqlx::query_as::<_, AppointmentSealRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {APPOINTMENT_COLUMNS}, a.credential_seal FROM appointments a JOIN users u ON u.id = a.expert_id \
         JOIN campaigns c ON c.id = a.campaign_id WHERE a.retry_key_hash = $1"
    )))
    .bind(sha256_hex(key))
    .fetch_optional(&state.db().pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let appointment = Appointment::try_from(row.appointment)?;
    if appointment.request_hash != request_hash {
        return Err(ApiError::conflict("idempotency_key_reused", "this Idempotency-Key was used for another booking"));
    }
    let token = match row.credential_seal {
        Some(sealed) => seal(&sealed, key, &appointment.id),
        None => key.to_owned(),
    };
    let booked = Booked { appointment: view(state, &appointment).await?, token };
    let mut response = (StatusCode::CREATED, Json(booked)).into_response();
    response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(Some(response))
}

/// The submission a person links to their booking: it must be theirs (the receipt's token
/// matches), in this campaign, and shared with the experts (scores shared). 422
/// `shared_result_invalid` otherwise, the same answer for each.
pub(super) async fn linked_result(state: &AppState, campaign: &Campaign, shared: &SharedResult) -> ApiResult<String> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT id FROM submissions WHERE id = $1 AND withdrawal_hash = $2 AND campaign_id = $3 AND share_scores = 1",
    )
    .bind(&shared.submission_id)
    .bind(sha256_hex(shared.withdrawal_token.trim()))
    .bind(&campaign.id)
    .fetch_optional(&state.db().pool)
    .await?;
    found.ok_or_else(|| {
        ApiError::unprocessable("shared_result_invalid", "no result shared with this campaign matches this receipt")
    })
}

/// `GET /api/appointments/{token}` (the person, from any device): the appointment. Wrong links
/// are limited per address on this and the other `/api/appointments/{token}` routes (429
/// `too_many_wrong_keys`, see [`FREE_WRONG_TOKENS`]).
pub async fn get(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
) -> ApiResult<Json<AppointmentView>> {
    let appointment = by_token(&state, &ip, &token).await?;
    Ok(Json(view(&state, &appointment).await?))
}

/// `GET /api/appointments/{token}/calendar.ics`: the calendar file (a request, or a cancellation
/// once cancelled).
pub async fn calendar(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
) -> ApiResult<Response> {
    let appointment = by_token(&state, &ip, &token).await?;
    let purpose = if appointment.status == AppointmentStatus::Cancelled { Purpose::Cancel } else { Purpose::Request };
    let availability = availability_of(&state, &appointment.expert_id).await?;
    let ics = ics_for(availability.as_ref(), &appointment, purpose);
    let mut response = ics.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(&purpose.content_type()).map_err(ApiError::internal)?);
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"adviesgesprek.ics\""));
    Ok(response)
}

/// Refuses a change to an appointment that is no longer booked (409 `appointment_not_changeable`)
/// or has begun (410 `link_expired`: the token expires with the appointment).
pub(super) fn changeable(appointment: &Appointment) -> ApiResult<()> {
    if appointment.starts_at <= now() {
        return Err(ApiError::new(
            StatusCode::GONE,
            "link_expired",
            "this appointment has begun or passed; it can no longer be changed",
        ));
    }
    if appointment.status != AppointmentStatus::Booked {
        return Err(ApiError::conflict("appointment_not_changeable", "this appointment was cancelled"));
    }
    Ok(())
}

/// `POST /api/appointments/{token}/move` (the person, from any device): moves the appointment to
/// another free slot of the same expert. The calendar UID stays, its SEQUENCE rises, the
/// reminder follows. Refusals as for booking, plus 404 `appointment_not_found`, 409
/// `appointment_not_changeable` (also when the expert's account was deactivated: it can only be
/// cancelled then), 410 `link_expired`, 429 `too_many_wrong_keys`.
pub async fn move_appointment(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<Move>,
) -> ApiResult<Json<AppointmentView>> {
    let appointment = by_token(&state, &ip, &token).await?;
    let moved = move_to(&state, &appointment, body.kind, body.start, ChangedBy::Person).await?;
    Ok(Json(view(&state, &moved).await?))
}

/// Moves a booked appointment to `start` (another free slot of the same expert, by the same
/// rules as booking), optionally as another kind; the person gets the change with the updated
/// invitation.
pub(super) async fn move_to(
    state: &AppState,
    appointment: &Appointment,
    kind: Option<Kind>,
    start: DateTime<Utc>,
    by: ChangedBy<'_>,
) -> ApiResult<Appointment> {
    changeable(appointment)?;
    let expert_active: i64 = sqlx::query_scalar("SELECT active FROM users WHERE id = $1")
        .bind(&appointment.expert_id)
        .fetch_one(&state.db().pool)
        .await?;
    if expert_active != 1 {
        return Err(ApiError::conflict(
            "appointment_not_changeable",
            "the arbeidsdeskundige takes no bookings now; it can still be cancelled",
        ));
    }
    let availability = availability_of(state, &appointment.expert_id).await?.ok_or_else(|| {
        ApiError::conflict("appointment_not_changeable", "the arbeidsdeskundige takes no bookings now")
    })?;
    let kind = kind.unwrap_or(appointment.kind);
    if !availability.kinds.iter().any(|offer| offer.kind == kind) {
        return Err(ApiError::unprocessable(
            "unknown_kind",
            "this arbeidsdeskundige does not offer this kind of conversation",
        ));
    }
    if kind == Kind::Telefoon && appointment.phone.is_none() {
        return Err(ApiError::unprocessable("contact_invalid", "a phone call needs a phone number"));
    }
    let at = Utc::now();
    let campaign = crate::models::campaign::by_id(state, &appointment.campaign_id)
        .await?
        .ok_or_else(|| ApiError::internal("campaign gone"))?;
    let mut write = state.db().begin_write().await?;
    let outcome: ApiResult<Appointment> = async {
        // A write first (the sequence), so SQLite's lock is held before the overlap check.
        sqlx::query("UPDATE appointments SET sequence = sequence + 1, updated_at = $1 WHERE id = $2 AND status = 'booked'")
            .bind(at.timestamp())
            .bind(&appointment.id)
            .execute(&mut *write.tx)
            .await?;
        let taken = busy_around(
            &mut write.tx,
            state.db().backend,
            &appointment.expert_id,
            Some(&appointment.id),
            at.timestamp(),
            start.timestamp(),
            &availability.schedule,
        )
        .await?;
        let slot = check_slot(&availability.schedule, &taken, at, start).map_err(slot_error)?;
        let blocked_until = slot.end.timestamp() + i64::from(availability.schedule.buffer_minutes) * 60;
        let moved = sqlx::query(
            "UPDATE appointments SET starts_at = $1, ends_at = $2, blocked_until = $3, kind = $4, expires_at = $5, moved_by = $7, move_reason = $8 WHERE id = $6",
        )
        .bind(slot.start.timestamp())
        .bind(slot.end.timestamp())
        .bind(blocked_until)
        .bind(kind.as_str())
        .bind(expires_at(&campaign, slot.end.timestamp()))
        .bind(&appointment.id)
        .bind(by.as_str())
        .bind(by.reason())
        .execute(&mut *write.tx)
        .await;
        if moved.is_err() {
            return Err(ApiError::conflict("slot_taken", "this time was just taken; choose another"));
        }
        overlap_check(
            &mut write.tx,
            state.db().backend,
            &appointment.expert_id,
            &appointment.id,
            slot.start.timestamp(),
            blocked_until,
        )
        .await?;
        let moved = load(&mut write.tx, &appointment.id).await?;
        queue_messages(&mut write.tx, Some(&availability), &moved, MailKind::Moved, by).await?;
        Ok(moved)
    }
    .await;
    write.finish(outcome).await
}

/// `POST /api/appointments/{token}/cancel` (the person, from any device): cancels. The calendar
/// file becomes a cancellation with a higher SEQUENCE; the reminder will not go out.
pub async fn cancel(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
) -> ApiResult<Json<AppointmentView>> {
    let appointment = by_token(&state, &ip, &token).await?;
    changeable(&appointment)?;
    let cancelled = cancel_appointment(&state, &appointment, ChangedBy::Person).await?;
    Ok(Json(view(&state, &cancelled).await?))
}

pub(super) async fn cancel_appointment(
    state: &AppState,
    appointment: &Appointment,
    by: ChangedBy<'_>,
) -> ApiResult<Appointment> {
    let at = now();
    let availability = availability_of(state, &appointment.expert_id).await?;
    let mut write = state.db().begin_write().await?;
    let outcome: ApiResult<Appointment> = async {
        let changed = sqlx::query(
            "UPDATE appointments SET status = 'cancelled', active = 0, sequence = sequence + 1, cancelled_at = $1, cancelled_by = $2, cancel_reason = $4, updated_at = $1 \
             WHERE id = $3 AND status = 'booked'",
        )
        .bind(at)
        .bind(by.as_str())
        .bind(&appointment.id)
        .bind(by.reason())
        .execute(&mut *write.tx)
        .await?;
        if changed.rows_affected() == 0 {
            return Err(ApiError::conflict("appointment_not_changeable", "this appointment was cancelled already"));
        }
        let cancelled = load(&mut write.tx, &appointment.id).await?;
        queue_messages(&mut write.tx, availability.as_ref(), &cancelled, MailKind::Cancellation, by).await?;
        Ok(cancelled)
    }
    .await;
    write.finish(outcome).await
}

/// `POST /api/c/{code}/reminder` (public): "herinner mij als ik nog niet heb gepland". One
/// reminder after the campaign's `reminder_days`, sent only if no appointment was booked in the
/// campaign with this address by then; never more than one per address and campaign (asking
/// again answers with the first). 201; 422 `contact_invalid`, 409 `campaign_closed`.
pub async fn remind(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<ReminderRequest>,
) -> ApiResult<(StatusCode, Json<ReminderSet>)> {
    let limit = state.config().bookings_per_address;
    crate::submissions::limits::attempt(
        &state,
        &format!("reminder|{}|{ip}", code.trim().to_uppercase()),
        limit,
        600,
        "too_many_reminders",
    )
    .await?;
    let campaign = campaign_of(&state, &code).await?;
    if !campaign.is_open_on(today()) {
        return Err(ApiError::conflict("campaign_closed", "this campaign has ended"));
    }
    let email = body.email.trim().to_lowercase();
    crate::submissions::routes::check_email(&email)?;
    if forbidden_character(&body.questionnaire, false).is_some() || body.questionnaire.len() > 100 {
        return Err(ApiError::unprocessable("invalid_questionnaire", "unknown questionnaire"));
    }
    let days = reminder_days(&state, &campaign).await?;
    let at = now();
    let due_at = at + days * 86_400;
    let id = new_id();
    let (subject, text) = match body.lang {
        Lang::Nl => (
            // The subject says nothing of a scan or of health: it shows in lists and notifications.
            "Herinnering: kies een moment voor je gesprek".to_owned(),
            format!(
                "Hallo,\n\nJe vroeg ons je te herinneren aan een gesprek met de arbeidsdeskundige. Je kunt nog steeds een moment kiezen, bij je uitkomst op je telefoon:\n{}/scan/{}/rapport\n\nHet gesprek is vertrouwelijk en kost je niets. Wil je geen gesprek? Dan hoef je niets te doen; dit is de enige herinnering.\n",
                state.config().base_url,
                werkscan_core::routes::encode(&body.questionnaire)
            ),
        ),
        Lang::En => (
            "Reminder: choose a time for your conversation".to_owned(),
            format!(
                "Hello,\n\nYou asked us to remind you of a conversation with the labour expert. You can still choose a time, with your result on your phone:\n{}/scan/{}/rapport\n\nThe conversation is confidential and free. Do you not want one? Then there is nothing to do; this is the only reminder.\n",
                state.config().base_url,
                werkscan_core::routes::encode(&body.questionnaire)
            ),
        ),
    };
    let mut write = state.db().begin_write().await?;
    let outcome: ApiResult<i64> = async {
        let inserted = sqlx::query(
            "INSERT INTO booking_reminders (id, campaign_id, email, lang, due_at, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (campaign_id, email) DO NOTHING",
        )
        .bind(&id)
        .bind(&campaign.id)
        .bind(&email)
        .bind(body.lang.tag())
        .bind(due_at)
        .bind(at)
        .bind(campaign.expires_at())
        .execute(&mut *write.tx)
        .await?;
        if inserted.rows_affected() == 0 {
            // Never a second one: the first stands.
            let first: i64 = sqlx::query_scalar("SELECT due_at FROM booking_reminders WHERE campaign_id = $1 AND email = $2")
                .bind(&campaign.id)
                .bind(&email)
                .fetch_one(&mut *write.tx)
                .await?;
            return Ok(first);
        }
        enqueue(
            &mut write.tx,
            &Outgoing {
                kind: MailKind::BookingReminder,
                appointment: None,
                reminder_id: Some(id.clone()),
                recipient: email.clone(),
                subject,
                body: text,
                calendar: None,
                due_at,
                expires_at: campaign.expires_at(),
            },
        )
        .await?;
        Ok(due_at)
    }
    .await;
    let due_at = write.finish(outcome).await?;
    Ok((StatusCode::CREATED, Json(ReminderSet { due_at: rfc3339(due_at) })))
}

/// The appointments booked with this shared result linked, oldest first, each with its id (for
/// the caller's own look-ups, never shown) and as the person sees it: for "mijn gegevens"
/// (`crate::my_data`), which gives the person everything the server holds about their upload.
pub(crate) async fn linked_to(state: &AppState, submission_id: &str) -> ApiResult<Vec<(String, AppointmentView)>> {
    let rows = sqlx::query_as::<_, AppointmentRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {APPOINTMENT_COLUMNS} FROM appointments a JOIN users u ON u.id = a.expert_id JOIN campaigns c ON c.id = a.campaign_id \
         WHERE a.submission_id = $1 ORDER BY a.created_at, a.id"
    )))
    .bind(submission_id)
    .fetch_all(&state.db().pool)
    .await?;
    let mut linked = Vec::with_capacity(rows.len());
    for row in rows {
        let appointment = Appointment::try_from(row)?;
        linked.push((appointment.id.clone(), view(state, &appointment).await?));
    }
    Ok(linked)
}

#[cfg(test)]
mod tests {
    use super::{
        around, phone_digits, seal, wrong_token_wait, FREE_WRONG_TOKENS, WRONG_TOKEN_STEP, WRONG_TOKEN_WINDOW,
    };

    #[test]
    fn checking_one_slot_reads_every_appointment_that_could_make_it_not_free() {
        use werkscan_booking::{Schedule, BUFFER_MINUTES, SLOT_MINUTES};
        // The shortest, a middle and the longest length and buffer the rules allow, and
        // appointments of such lengths every 5 minutes around the slot: whichever overlaps the
        // slot with its buffers is read.
        let start = 1_800_000_000;
        let mut schedule: Schedule = serde_json::from_value(serde_json::json!({
            "weekly": [], "slot_minutes": 45, "buffer_minutes": 15,
        }))
        .unwrap();
        for length in [*SLOT_MINUTES.start(), 45, *SLOT_MINUTES.end()] {
            for buffer in [*BUFFER_MINUTES.start(), 15, *BUFFER_MINUTES.end()] {
                (schedule.slot_minutes, schedule.buffer_minutes) = (length, buffer);
                let (starts_after, starts_before, ends_after) = around(start, &schedule);
                let guarded = (start - i64::from(buffer) * 60, start + i64::from(length + buffer) * 60);
                for other in [*SLOT_MINUTES.start(), 60, *SLOT_MINUTES.end()] {
                    for offset in (-(8 * 60)..=8 * 60).step_by(5) {
                        let begins = start + offset * 60;
                        let ends = begins + i64::from(other) * 60;
                        let overlaps = begins < guarded.1 && ends > guarded.0;
                        let read = begins > starts_after && begins < starts_before && ends > ends_after;
                        assert!(
                            !overlaps || read,
                            "{length}/{buffer}: an appointment {offset} min away, {other} min long"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn one_phone_number_however_it_is_written() {
        for written in ["06 1234 5678", "0612345678", "+31 6 12345678", "0031-6-1234 5678", "(06) 12 34 56 78"] {
            assert_eq!(phone_digits(written), "0612345678", "{written}");
        }
        // A national number that happens to start with 31 stays itself.
        assert_eq!(phone_digits("0318 123456"), "0318123456");
        assert_ne!(phone_digits("+32 6 12345678"), "0612345678");
    }

    #[test]
    fn a_sealed_credential_opens_only_with_its_key_and_appointment() {
        let credential = crate::util::new_token();
        let key = "0".repeat(64);
        let sealed = seal(&credential, &key, "appointment-1");
        assert_eq!(sealed.len(), 64);
        assert_ne!(sealed, credential);
        assert_eq!(seal(&sealed, &key, "appointment-1"), credential);
        assert_ne!(seal(&sealed, &"1".repeat(64), "appointment-1"), credential);
        assert_ne!(seal(&sealed, &key, "appointment-2"), credential);
    }

    #[test]
    fn each_wrong_link_beyond_the_free_ones_waits_longer() {
        let at = 1_000_000;
        assert_eq!(wrong_token_wait(0, None, at), None);
        assert_eq!(wrong_token_wait(FREE_WRONG_TOKENS - 1, Some(at), at), None);
        assert_eq!(wrong_token_wait(FREE_WRONG_TOKENS, Some(at), at), Some(WRONG_TOKEN_STEP));
        assert_eq!(wrong_token_wait(FREE_WRONG_TOKENS + 1, Some(at), at), Some(2 * WRONG_TOKEN_STEP));
        assert_eq!(wrong_token_wait(FREE_WRONG_TOKENS, Some(at - WRONG_TOKEN_STEP), at), None, "the wait is over");
        assert_eq!(
            wrong_token_wait(FREE_WRONG_TOKENS + 1000, Some(at), at),
            Some(WRONG_TOKEN_WINDOW),
            "at most the window"
        );
    }
}
