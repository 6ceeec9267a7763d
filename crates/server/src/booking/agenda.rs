//! The arbeidsdeskundige's side of booking: their weekly availability, their appointments
//! (outcome, cancel, move), the follow-up list and the unsent mail.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use werkscan_api::booking::{AppointmentStatus, FollowUpReason};
use werkscan_booking::{free_slots, Availability, Kind, KindOffer, Schedule};
use werkscan_core::text::forbidden_character;
use werkscan_core::when::when_in_words;
use werkscan_core::Lang;

use crate::accounts::auth::{CurrentUser, Role};
use crate::booking::appointment::Appointment;
use crate::booking::calendar::*;
use crate::booking::messages::*;
use crate::booking::routes::*;
use crate::booking::rows::*;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::util::{now, rfc3339};
use crate::AppState;

pub use werkscan_api::booking::{
    AppointmentQuery, ExpertAppointment, ExpertCancel, ExpertMove, FollowUp, RecordOutcome, Unsent,
};

/// `GET /api/expert/availability` (expert): their availability; a default schedule (no hours
/// yet) when none was set.
pub async fn get_availability(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Availability>> {
    current.require(Role::Expert)?;
    let availability = availability_of(&state, &current.user.id).await?.unwrap_or(Availability {
        schedule: Schedule::default(),
        kinds: vec![KindOffer { kind: Kind::Telefoon, detail: None }],
    });
    Ok(Json(availability))
}

/// `PUT /api/expert/availability` (expert): sets their availability. 422 with the schedule's
/// codes (`end_not_after_start`, `overlap`, `unknown_time_zone`, …) or `invalid_kinds`.
/// Appointments already booked stay as they are.
pub async fn put_availability(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<Availability>,
) -> ApiResult<Json<Availability>> {
    current.require(Role::Expert)?;
    body.check().map_err(|error| ApiError::unprocessable(error.code(), error.to_string()))?;
    let schedule = serde_json::to_string(&body.schedule).map_err(ApiError::internal)?;
    let kinds = serde_json::to_string(&body.kinds).map_err(ApiError::internal)?;
    sqlx::query(
        "INSERT INTO expert_schedules (user_id, schedule, kinds, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO UPDATE SET schedule = $2, kinds = $3, updated_at = $4",
    )
    .bind(&current.user.id)
    .bind(schedule)
    .bind(kinds)
    .bind(now())
    .execute(&state.db().pool)
    .await?;
    Ok(Json(body))
}

/// An appointment as its expert's list shows it.
pub(super) fn expert_view(
    availability: Option<&Availability>,
    appointment: &Appointment,
    unsent_messages: i64,
) -> ExpertAppointment {
    let (date, time) = local_times(availability, appointment);
    ExpertAppointment {
        words: when_in_words(Lang::Nl, date, time),
        id: appointment.id.clone(),
        status: appointment.status,
        kind: appointment.kind,
        start: rfc3339(appointment.starts_at),
        end: rfc3339(appointment.ends_at),
        campaign_id: appointment.campaign_id.clone(),
        campaign_name: appointment.campaign_name.clone(),
        name: appointment.name.clone(),
        email: appointment.email.clone(),
        phone: appointment.phone.clone(),
        submission_id: appointment.submission_id.clone(),
        unsent_messages,
        cancel_reason: appointment.cancel_reason.clone(),
        move_reason: appointment.move_reason.clone(),
    }
}

/// `GET /api/expert/appointments?view=upcoming|past|cancelled` (expert): their appointments with
/// the person's contact details and, only where the person linked it, their shared result.
/// Upcoming soonest first, the others latest first. Audited.
pub async fn expert_appointments(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiQuery(query): ApiQuery<AppointmentQuery>,
) -> ApiResult<Json<Vec<ExpertAppointment>>> {
    current.require(Role::Expert)?;
    let condition = match query.view.as_deref().unwrap_or("upcoming") {
        "upcoming" => "a.status = 'booked' AND a.ends_at > $2 ORDER BY a.starts_at",
        "past" => "a.status <> 'cancelled' AND a.ends_at <= $2 ORDER BY a.starts_at DESC",
        "cancelled" => "a.status = 'cancelled' AND $2 = $2 ORDER BY a.cancelled_at DESC",
        _ => return Err(ApiError::bad_request("invalid_view", "view is upcoming, past or cancelled")),
    };
    let rows = sqlx::query_as::<_, AppointmentUnsentRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {APPOINTMENT_COLUMNS}, (SELECT COUNT(*) FROM outbox o WHERE o.appointment_id = a.id AND o.sent_at IS NULL AND o.skipped_at IS NULL AND o.due_at <= $2) AS unsent \
         FROM appointments a JOIN users u ON u.id = a.expert_id JOIN campaigns c ON c.id = a.campaign_id WHERE a.expert_id = $1 AND {condition}"
    )))
    .bind(&current.user.id)
    .bind(now())
    .fetch_all(&state.db().pool)
    .await?;
    let availability = availability_of(&state, &current.user.id).await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        let appointment = Appointment::try_from(row.appointment)?;
        list.push(expert_view(availability.as_ref(), &appointment, row.unsent));
    }
    crate::audit::audit(&state, &current, "list_appointments", None, None).await?;
    Ok(Json(list))
}

pub(super) async fn own_appointment(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<Appointment> {
    let row = sqlx::query_as::<_, AppointmentRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {APPOINTMENT_COLUMNS} FROM appointments a JOIN users u ON u.id = a.expert_id JOIN campaigns c ON c.id = a.campaign_id \
         WHERE a.id = $1 AND a.expert_id = $2"
    )))
    .bind(id)
    .bind(&current.user.id)
    .fetch_optional(&state.db().pool)
    .await?
    .ok_or_else(|| ApiError::not_found("appointment_not_found", "no such appointment of yours"))?;
    Appointment::try_from(row)
}

/// `POST /api/expert/appointments/{id}/outcome` (the appointment's expert): records that the
/// conversation was held, or that the person did not come, once it has begun. 409
/// `appointment_not_changeable` for a cancelled one or one that has not begun.
pub async fn record_outcome(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RecordOutcome>,
) -> ApiResult<StatusCode> {
    current.require(Role::Expert)?;
    let appointment = own_appointment(&state, &current, &id).await?;
    if !matches!(body.outcome.as_str(), "held" | "no_show") {
        return Err(ApiError::unprocessable("invalid_outcome", "the outcome is held or no_show"));
    }
    if appointment.status == AppointmentStatus::Cancelled || appointment.starts_at > now() {
        return Err(ApiError::conflict(
            "appointment_not_changeable",
            "only a conversation that has begun, and was not cancelled, has an outcome",
        ));
    }
    let at = now();
    let mut write = state.db().begin_write().await?;
    let outcome = async {
        sqlx::query("UPDATE appointments SET status = $1, outcome_at = $2, updated_at = $2 WHERE id = $3")
            .bind(&body.outcome)
            .bind(at)
            .bind(&id)
            .execute(&mut *write.tx)
            .await?;
        // A conversation held moves the linked result's file on, like the expert would by hand.
        if let (Some(submission_id), "held") = (&appointment.submission_id, body.outcome.as_str()) {
            crate::expert::inbox::follow_appointment(&mut write.tx, submission_id, &current.user.id, "held", at)
                .await?;
        }
        Ok::<(), sqlx::Error>(())
    }
    .await;
    write.finish(outcome).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The longest reason an expert may give for a move or a cancellation, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// An expert's reason, trimmed (empty is none). 422 `invalid_reason` when too long or holding
/// characters that are not text.
pub(super) fn check_reason(reason: Option<&str>) -> ApiResult<Option<String>> {
    let Some(reason) = reason.map(str::trim).filter(|reason| !reason.is_empty()) else { return Ok(None) };
    if reason.chars().count() > MAX_REASON_CHARS || forbidden_character(reason, true).is_some() {
        return Err(ApiError::unprocessable(
            "invalid_reason",
            format!("the reason is text of at most {MAX_REASON_CHARS} characters"),
        ));
    }
    Ok(Some(reason.to_owned()))
}

/// `POST /api/expert/appointments/{id}/cancel` (the appointment's expert), body `{reason?}`:
/// cancels a booked appointment; the person gets the cancellation, saying the expert cancelled
/// and why, if they said. 422 `invalid_reason`.
pub async fn expert_cancel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ExpertCancel>,
) -> ApiResult<StatusCode> {
    current.require(Role::Expert)?;
    let appointment = own_appointment(&state, &current, &id).await?;
    let reason = check_reason(body.reason.as_deref())?;
    changeable(&appointment)?;
    cancel_appointment(&state, &appointment, ChangedBy::Expert { reason: reason.as_deref() }).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/expert/appointments/{id}/slots` (the appointment's expert): the free times it can
/// be moved to (their free slots, the appointment's own time left out of what is taken), as the
/// person's slots route gives them, in Dutch words.
pub async fn expert_slots(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<SlotView>>> {
    current.require(Role::Expert)?;
    let appointment = own_appointment(&state, &current, &id).await?;
    let Some(availability) = availability_of(&state, &current.user.id).await? else { return Ok(Json(Vec::new())) };
    let at = Utc::now();
    let mut conn = state.db().pool.acquire().await?;
    let taken = busy(&mut conn, &current.user.id, Some(&appointment.id), at.timestamp()).await?;
    drop(conn);
    let free = free_slots(&availability.schedule, &taken, at);
    Ok(Json(free.iter().map(|slot| slot_view(slot, Lang::Nl)).collect()))
}

/// `POST /api/expert/appointments/{id}/move` (the appointment's expert), body `{start, reason?}`:
/// moves a booked appointment to another of their free times, by the same rules as the person's
/// move (the calendar UID stays, its SEQUENCE rises, the reminder follows). The person gets the
/// change, saying the expert moved it and why, if they said. Refusals as for the person's move,
/// plus 422 `invalid_reason`.
pub async fn expert_move(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ExpertMove>,
) -> ApiResult<Json<ExpertAppointment>> {
    current.require(Role::Expert)?;
    let appointment = own_appointment(&state, &current, &id).await?;
    let reason = check_reason(body.reason.as_deref())?;
    let moved =
        move_to(&state, &appointment, None, body.start, ChangedBy::Expert { reason: reason.as_deref() }).await?;
    let availability = availability_of(&state, &current.user.id).await?;
    let unsent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE appointment_id = $1 AND sent_at IS NULL AND skipped_at IS NULL AND due_at <= $2",
    )
    .bind(&moved.id)
    .bind(now())
    .fetch_one(&state.db().pool)
    .await?;
    Ok(Json(expert_view(availability.as_ref(), &moved, unsent)))
}

/// `GET /api/expert/follow-up` (expert): whom to follow up in their campaigns, oldest first:
/// people who asked to be contacted and have no appointment, people who asked to be contacted
/// and cancelled without booking again, and no-shows (who asked for a conversation by booking
/// it and did not call it off). Someone who booked and cancelled without ever asking to be
/// contacted is not listed: cancelling says they do not want the conversation now. A later
/// booking by the same person (same e-mail address or phone number, or the linked result) takes
/// them off the list. Audited.
pub async fn follow_up(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<FollowUp>>> {
    current.require(Role::Expert)?;
    let at = now();
    // Someone with an appointment that is booked or held, in the same campaign, matched by the
    // linked result, e-mail address or phone number.
    let has_appointment = |alias: &str, submission: &str, email: &str, phone: &str, after: &str| {
        format!(
            "EXISTS (SELECT 1 FROM appointments b WHERE b.campaign_id = {alias}.campaign_id AND b.status IN ('booked', 'held') {after} AND \
             ((b.submission_id IS NOT NULL AND b.submission_id = {submission}) OR (b.email IS NOT NULL AND LOWER(b.email) = LOWER({email})) \
             OR (b.phone IS NOT NULL AND b.phone = {phone})))"
        )
    };
    let asked = sqlx::query_as::<_, AskedRow>(sqlx::AssertSqlSafe(format!(
        "SELECT s.id, s.campaign_id, c.name AS campaign_name, s.created_at AS since, k.name, k.email, k.phone FROM submissions s \
         JOIN submission_contacts k ON k.submission_id = s.id JOIN campaigns c ON c.id = s.campaign_id \
         JOIN practice_campaign_experts e ON e.campaign_id = s.campaign_id WHERE e.user_id = $1 AND s.contact_me = 1 AND NOT {}",
        has_appointment("s", "s.id", "k.email", "k.phone", "")
    )))
    .bind(&current.user.id)
    .fetch_all(&state.db().pool)
    .await?;
    let lapsed = sqlx::query_as::<_, LapsedRow>(sqlx::AssertSqlSafe(format!(
        "SELECT a.id, a.campaign_id, c.name AS campaign_name, a.status, COALESCE(a.cancelled_at, a.starts_at) AS since, a.name, a.email, a.phone, \
         a.submission_id FROM appointments a JOIN campaigns c ON c.id = a.campaign_id \
         WHERE a.expert_id = $1 AND ((a.status = 'cancelled' AND a.cancelled_by = 'person') OR a.status = 'no_show') AND NOT {}",
        has_appointment("a", "a.submission_id", "a.email", "a.phone", "AND b.created_at > a.created_at")
    )))
    .bind(&current.user.id)
    .fetch_all(&state.db().pool)
    .await?;
    // Everyone in these campaigns who asked to be contacted, appointment or not: a person's
    // cancellation is followed up only when it is theirs (compared in Rust, as `same_person`
    // does, so both databases compare e-mail addresses and phone numbers the same way).
    let askers: Vec<FollowUp> = sqlx::query_as::<_, AskerRow>(
        "SELECT s.id, s.campaign_id, k.email, k.phone FROM submissions s JOIN submission_contacts k ON k.submission_id = s.id \
         JOIN practice_campaign_experts e ON e.campaign_id = s.campaign_id WHERE e.user_id = $1 AND s.contact_me = 1",
    )
    .bind(&current.user.id)
    .fetch_all(&state.db().pool)
    .await?
    .into_iter()
    .map(FollowUp::from)
    .collect();
    let mut list: Vec<FollowUp> = asked.into_iter().map(|row| row.follow_up(at)).collect();
    for row in lapsed {
        let line = row.follow_up(at);
        // Someone who booked and then cancelled without ever asking to be contacted said, by
        // cancelling, that they do not want the conversation now: their details stay off the
        // list. A no-show did not call it off, so the booking still stands as their request.
        if line.reason == FollowUpReason::Cancelled && !askers.iter().any(|asker| same_person(asker, &line)) {
            continue;
        }
        list.push(line);
    }
    let mut list = one_line_per_person(list);
    list.sort_by(|a, b| a.since.cmp(&b.since));
    crate::audit::audit(&state, &current, "list_follow_up", None, None).await?;
    Ok(Json(list))
}

/// Whether two follow-up lines are about the same person in the same campaign: the same shared
/// result, e-mail address (in any letters) or phone number (its digits).
pub(super) fn same_person(a: &FollowUp, b: &FollowUp) -> bool {
    let email = |line: &FollowUp| line.email.as_deref().map(|email| email.trim().to_lowercase());
    let phone = |line: &FollowUp| line.phone.as_deref().map(phone_digits).filter(|digits| !digits.is_empty());
    a.campaign_id == b.campaign_id
        && ((a.submission_id.is_some() && a.submission_id == b.submission_id)
            || (email(a).is_some() && email(a) == email(b))
            || (phone(a).is_some() && phone(a) == phone(b)))
}

/// One line per person: someone who asked for contact, booked and then cancelled (or did not
/// come) is one person to call, not two. The latest event stands, since it says most about
/// where they are now; it keeps the shared result an earlier line knew of.
pub(super) fn one_line_per_person(mut lines: Vec<FollowUp>) -> Vec<FollowUp> {
    // Latest first, so the first line kept for a person is their latest; within the same second
    // a cancellation or no-show goes before the request for contact that it followed.
    lines.sort_by(|a, b| {
        b.since
            .cmp(&a.since)
            .then_with(|| (a.reason == FollowUpReason::AskedContact).cmp(&(b.reason == FollowUpReason::AskedContact)))
    });
    let mut kept: Vec<FollowUp> = Vec::with_capacity(lines.len());
    for line in lines {
        match kept.iter_mut().find(|other| same_person(other, &line)) {
            Some(other) => {
                if other.submission_id.is_none() {
                    other.submission_id = line.submission_id;
                }
            }
            None => kept.push(line),
        }
    }
    kept
}

/// `GET /api/expert/outbox` (expert): messages about their appointments that are due and not
/// sent (without SMTP configured, all of them), so they can reach the person themselves.
pub async fn unsent(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<Unsent>>> {
    current.require(Role::Expert)?;
    let rows = sqlx::query_as::<_, UnsentRow>(
        "SELECT o.kind, o.appointment_id, o.recipient, o.due_at, o.attempts, o.last_error FROM outbox o JOIN appointments a ON a.id = o.appointment_id \
         WHERE a.expert_id = $1 AND o.sent_at IS NULL AND o.skipped_at IS NULL AND o.due_at <= $2 ORDER BY o.due_at",
    )
    .bind(&current.user.id)
    .bind(now())
    .fetch_all(&state.db().pool)
    .await?;
    Ok(Json(rows.into_iter().map(Unsent::from).collect()))
}
