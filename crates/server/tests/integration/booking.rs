//! Booking the adviesgesprek: availability, free slots, booking without double booking ever,
//! moving and cancelling with the person's key, calendar files, e-mail through the outbox to a
//! real SMTP server on loopback, reminders, follow-up, uptake and retention.

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use werkscan_core::{ConsentChoices, Contact};
use werkscan_server::mail::{send_due, Smtp};
use werkscan_server::util::now;

use crate::support::{contact, request, send, submission, Fixture, Reply, SmtpServer, TestApp};

on_both_databases!(
    one_person_booking_many_times_at_once_holds_no_more_than_allowed,
    availability_is_checked_and_kept,
    free_slots_leave_out_booked_times_and_the_buffer,
    a_booking_needs_a_free_slot_and_usable_contact_details,
    twenty_requests_for_one_slot_give_exactly_one_booking,
    a_retried_booking_is_the_same_booking,
    moving_and_cancelling_need_the_persons_key_and_keep_the_calendar_in_step,
    mail_goes_out_over_smtp_and_never_about_a_cancelled_or_moved_appointment,
    without_smtp_the_outbox_waits_and_the_expert_sees_what_is_unsent,
    one_reminder_to_book_and_none_once_booked,
    the_follow_up_list_shows_who_waits_oldest_first,
    outcomes_and_uptake_in_numbers_only,
    booking_routes_refuse_whoever_may_not_use_them,
    bookings_go_with_the_campaigns_retention,
    a_shared_result_is_linked_only_with_its_receipt,
    the_server_makes_the_appointment_credential_and_the_phones_key_only_recognises_a_retry,
    wrong_appointment_links_are_limited_per_address,
    one_person_holds_few_open_bookings_whatever_their_address,
    a_deactivated_expert_is_neither_offered_nor_named_nor_shared_with,
    identical_retries_at_once_all_get_the_original_booking,
    every_kind_of_mail_reads_right_in_a_mail_client,
    the_expert_moves_and_cancels_with_a_reason_and_the_person_is_told,
    a_person_who_asked_for_contact_and_cancelled_is_one_line_to_follow_up,
    a_person_who_cancelled_without_asking_for_contact_is_not_followed_up,
    subjects_and_calendar_titles_say_nothing_about_health_or_a_scan,
    booking_and_holding_a_conversation_move_the_linked_file_on_and_never_back,
    the_phone_books_moves_and_cancels_with_the_wire_contracts_types,
    bookings_arriving_at_once_are_each_decided_as_if_one_after_the_other,
    bookings_stored_before_the_person_keys_count_once_the_server_starts,
    work_written_together_keeps_each_outcome_its_own,
);

/// Every day 08:00–18:00 in Amsterdam, 45-minute slots, a 15-minute buffer, the default notice
/// (24 hours) and window (6 weeks): there are always free slots from tomorrow on.
fn availability() -> Value {
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    json!({
        "schedule": {
            "time_zone": "Europe/Amsterdam",
            "weekly": days.iter().map(|day| json!({"weekday": day, "start": "08:00:00", "end": "18:00:00"})).collect::<Vec<_>>(),
            "slot_minutes": 45,
            "buffer_minutes": 15,
        },
        "kinds": [
            {"kind": "telefoon"},
            {"kind": "video", "detail": "https://meet.example.org/werkscan-ad"},
            {"kind": "locatie", "detail": "Stationsplein 1, Utrecht"},
        ],
    })
}

async fn available(app: &TestApp, fixture: &Fixture) {
    let reply = app.json(Method::PUT, "/api/expert/availability", Some(&fixture.expert), &availability()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

async fn slots(app: &TestApp, fixture: &Fixture) -> Vec<Value> {
    let reply = app.get(&format!("/api/c/{}/experts/{}/slots", fixture.code, fixture.expert_id), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json().as_array().unwrap().clone()
}

fn booking(fixture: &Fixture, start: &str, kind: &str) -> Value {
    json!({
        "expert": fixture.expert_id,
        "kind": kind,
        "start": start,
        "name": "Sam Jansen",
        "email": "sam@example.org",
        "phone": "06 1234 5678",
        "lang": "nl",
    })
}

fn key() -> String {
    werkscan_server::util::new_token()
}

/// The credential the server made for a booking.
fn token_of(reply: &Reply) -> String {
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()["token"].as_str().unwrap().to_owned()
}

async fn book(app: &TestApp, fixture: &Fixture, body: &Value, key: &str) -> Reply {
    let mut req = request(Method::POST, &format!("/api/c/{}/appointments", fixture.code), None, Some(body));
    req.headers_mut().insert("idempotency-key", key.parse().unwrap());
    app.send(req).await
}

/// A campaign with an expert who is available, and the first free slot.
async fn ready(app: &TestApp) -> (Fixture, Vec<Value>) {
    let fixture = app.fixture().await;
    available(app, &fixture).await;
    let free = slots(app, &fixture).await;
    assert!(free.len() > 100, "{} slots", free.len());
    (fixture, free)
}

async fn availability_is_checked_and_kept(app: TestApp) {
    let fixture = app.fixture().await;
    // Before anything was set: a default with no hours, and nobody to book with.
    let first = app.get("/api/expert/availability", Some(&fixture.expert)).await.json();
    assert_eq!(first["schedule"]["weekly"], json!([]));
    assert_eq!(app.get(&format!("/api/c/{}/booking", fixture.code), None).await.json()["experts"], json!([]));
    let cases = [
        (json!({"weekly": [{"weekday": "Mon", "start": "10:00:00", "end": "09:00:00"}]}), "end_not_after_start"),
        (json!({"time_zone": "Europe/Nergens"}), "unknown_time_zone"),
        (json!({"slot_minutes": 5}), "slot_length"),
    ];
    for (change, code) in cases {
        let mut body = availability();
        for (key, value) in change.as_object().unwrap() {
            body["schedule"][key] = value.clone();
        }
        let reply = app.json(Method::PUT, "/api/expert/availability", Some(&fixture.expert), &body).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, code.to_owned()), "{change}");
    }
    for kinds in [
        json!([]),
        json!([{"kind": "video"}]),
        json!([{"kind": "video", "detail": "http://plain.example"}]),
        json!([{"kind": "locatie"}]),
        json!([{"kind": "telefoon"}, {"kind": "telefoon"}]),
    ] {
        let mut body = availability();
        body["kinds"] = kinds.clone();
        let reply = app.json(Method::PUT, "/api/expert/availability", Some(&fixture.expert), &body).await;
        assert_eq!(reply.code(), "invalid_kinds", "{kinds}");
    }
    available(&app, &fixture).await;
    assert_eq!(
        app.get("/api/expert/availability", Some(&fixture.expert)).await.json()["kinds"],
        availability()["kinds"]
    );
    // The phone sees the expert and the kinds; the video link only after booking.
    let offer = app.get(&format!("/api/c/{}/booking", fixture.code), None).await.json();
    assert_eq!(offer["open"], true);
    assert_eq!(offer["reminder_days"], 10);
    assert_eq!(offer["experts"][0]["id"], fixture.expert_id);
    assert_eq!(
        offer["experts"][0]["kinds"],
        json!([{"kind": "telefoon"}, {"kind": "video"}, {"kind": "locatie", "detail": "Stationsplein 1, Utrecht"}])
    );
}

async fn free_slots_leave_out_booked_times_and_the_buffer(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let at = chrono::Utc::now();
    for slot in &free {
        let start = chrono::DateTime::parse_from_rfc3339(slot["start"].as_str().unwrap()).unwrap();
        assert!(start >= at + chrono::Duration::hours(24), "minimum notice: {slot}");
        assert!(start <= at + chrono::Duration::days(42), "window: {slot}");
        assert!(slot["words"].as_str().unwrap().ends_with(" uur"), "{slot}");
    }
    // Book the third slot: it goes, and so do its neighbours within the 15-minute buffer
    // (45-minute slots start every 45 minutes, so the next one starts at the end).
    let chosen = free[2]["start"].as_str().unwrap().to_owned();
    assert_eq!(book(&app, &fixture, &booking(&fixture, &chosen, "video"), &key()).await.status, StatusCode::CREATED);
    let after: Vec<String> =
        slots(&app, &fixture).await.iter().map(|slot| slot["start"].as_str().unwrap().to_owned()).collect();
    assert!(!after.contains(&chosen));
    for neighbour in [&free[1], &free[3]] {
        let start = neighbour["start"].as_str().unwrap();
        let same_day = neighbour["date"] == free[2]["date"];
        assert_eq!(after.contains(&start.to_owned()), !same_day, "buffer around {chosen}: {start}");
    }
    // In English on request.
    let english =
        app.get(&format!("/api/c/{}/experts/{}/slots?lang=en", fixture.code, fixture.expert_id), None).await.json();
    assert!(!english[0]["words"].as_str().unwrap().contains("uur"));
}

async fn a_booking_needs_a_free_slot_and_usable_contact_details(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let start = free[0]["start"].as_str().unwrap().to_owned();
    let past = (chrono::Utc::now() - chrono::Duration::days(1)).to_rfc3339();
    let soon = (chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339();
    let off_grid = (chrono::DateTime::parse_from_rfc3339(&start).unwrap() + chrono::Duration::minutes(10)).to_rfc3339();
    let far = (chrono::Utc::now() + chrono::Duration::days(60)).to_rfc3339();
    let cases = [
        (booking(&fixture, &past, "telefoon"), StatusCode::UNPROCESSABLE_ENTITY, "past"),
        (booking(&fixture, &soon, "telefoon"), StatusCode::UNPROCESSABLE_ENTITY, "too_soon"),
        (booking(&fixture, &off_grid, "telefoon"), StatusCode::UNPROCESSABLE_ENTITY, "outside_rules"),
        (booking(&fixture, &far, "telefoon"), StatusCode::UNPROCESSABLE_ENTITY, "outside_window"),
        (
            {
                let mut b = booking(&fixture, &start, "telefoon");
                b["phone"] = Value::Null;
                b
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "contact_invalid",
        ),
        (
            {
                let mut b = booking(&fixture, &start, "video");
                b["name"] = json!(" ");
                b
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "contact_invalid",
        ),
        (
            {
                let mut b = booking(&fixture, &start, "video");
                b["email"] = json!("niet-een-adres");
                b
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "contact_invalid",
        ),
        (
            {
                let mut b = booking(&fixture, &start, "video");
                b["email"] = Value::Null;
                b["phone"] = Value::Null;
                b
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "contact_invalid",
        ),
        (
            {
                let mut b = booking(&fixture, &start, "video");
                b["kind"] = json!("brief");
                b
            },
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
        (
            {
                let mut b = booking(&fixture, &start, "video");
                b["expert"] = json!("nobody");
                b
            },
            StatusCode::NOT_FOUND,
            "expert_not_found",
        ),
    ];
    for (body, status, code) in cases {
        let reply = book(&app, &fixture, &body, &key()).await;
        assert_eq!((reply.status, reply.code()), (status, code.to_owned()), "{body}: {}", reply.text());
    }
    // A kind the expert does not offer.
    let mut only_phone = availability();
    only_phone["kinds"] = json!([{"kind": "telefoon"}]);
    app.json(Method::PUT, "/api/expert/availability", Some(&fixture.expert), &only_phone).await;
    assert_eq!(book(&app, &fixture, &booking(&fixture, &start, "video"), &key()).await.code(), "unknown_kind");
    // A closed campaign takes no bookings.
    sqlx::query("UPDATE campaigns SET ends_on = $1")
        .bind((chrono::Utc::now().date_naive() - chrono::Days::new(1)).to_string())
        .execute(&app.db().pool)
        .await
        .unwrap();
    let closed = book(&app, &fixture, &booking(&fixture, &start, "telefoon"), &key()).await;
    assert_eq!((closed.status, closed.code().as_str()), (StatusCode::CONFLICT, "campaign_closed"));
    assert_eq!(app.count("appointments", None).await, 0, "nothing was stored");
    assert_eq!(
        app.get(&format!("/api/c/NOPE/experts/{}/slots", fixture.expert_id), None).await.code(),
        "campaign_not_found"
    );
}

async fn twenty_requests_for_one_slot_give_exactly_one_booking(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let start = free[5]["start"].as_str().unwrap().to_owned();
    let tasks: Vec<_> = (0..20)
        .map(|person| {
            let router = app.router.clone();
            let mut body = booking(&fixture, &start, "video");
            body["name"] = json!(format!("Persoon {person}"));
            let path = format!("/api/c/{}/appointments", fixture.code);
            tokio::spawn(async move {
                let mut req = request(Method::POST, &path, None, Some(&body));
                req.headers_mut().insert("idempotency-key", key().parse().unwrap());
                send(&router, req).await
            })
        })
        .collect();
    let mut statuses = BTreeMap::new();
    for task in tasks {
        let reply = task.await.unwrap();
        if reply.status == StatusCode::CONFLICT {
            assert_eq!(reply.code(), "slot_taken");
        }
        if reply.status.is_server_error() {
            eprintln!("500: {}", reply.text());
        }
        *statuses.entry(reply.status.as_u16()).or_insert(0) += 1;
    }
    assert_eq!(statuses, BTreeMap::from([(201, 1), (409, 19)]));
    assert_eq!(app.count("appointments", None).await, 1);
}

async fn a_retried_booking_is_the_same_booking(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let body = booking(&fixture, free[0]["start"].as_str().unwrap(), "video");
    let key = key();
    let first = book(&app, &fixture, &body, &key).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert_ne!(first.json()["token"], key.as_str(), "the phone's key is not the credential");
    let again = book(&app, &fixture, &body, &key).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json(), first.json());
    let other = book(&app, &fixture, &booking(&fixture, free[1]["start"].as_str().unwrap(), "video"), &key).await;
    assert_eq!((other.status, other.code().as_str()), (StatusCode::CONFLICT, "idempotency_key_reused"));
    assert_eq!(app.count("appointments", None).await, 1);
}

/// The calendar file of an appointment, read with the independent `ical` parser: its METHOD and
/// the event's UID, SEQUENCE, STATUS, DTSTART and DTEND.
async fn calendar(app: &TestApp, token: &str) -> (String, BTreeMap<String, String>) {
    let reply = app.get(&format!("/api/appointments/{token}/calendar.ics"), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("content-type").starts_with("text/calendar"));
    let text = reply.text();
    assert!(text.lines().all(|line| line.len() <= 75), "lines are folded at 75 octets");
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let parsed = parser.next().unwrap().unwrap();
    let method =
        parsed.properties.iter().find(|p| p.name == "METHOD").and_then(|p| p.value.clone()).unwrap_or_default();
    assert!(reply.header("content-type").contains(&format!("method={method}")), "{}", reply.header("content-type"));
    let event = parsed.events.into_iter().next().unwrap();
    let properties = event.properties.into_iter().map(|p| (p.name, p.value.unwrap_or_default())).collect();
    (method, properties)
}

async fn moving_and_cancelling_need_the_persons_key_and_keep_the_calendar_in_step(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let booked = book(&app, &fixture, &booking(&fixture, free[0]["start"].as_str().unwrap(), "locatie"), &key()).await;
    let key = token_of(&booked);
    let booked = booked.json();
    assert_eq!(booked["appointment"]["place"], "Stationsplein 1, Utrecht");
    assert_eq!(booked["appointment"]["changeable"], true);
    let (method, event) = calendar(&app, &key).await;
    assert_eq!(method, "REQUEST");
    assert_eq!(event["SEQUENCE"], "0");
    let uid = event["UID"].clone();
    assert!(event["DTSTART"].ends_with('Z'), "UTC: {}", event["DTSTART"]);
    // The appointment's id alone authorises nothing; a wrong key finds nothing.
    let id: String = sqlx::query_scalar("SELECT id FROM appointments").fetch_one(&app.db().pool).await.unwrap();
    for token in [id.as_str(), "0000"] {
        let reply = app.json(Method::POST, &format!("/api/appointments/{token}/cancel"), None, &json!({})).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::NOT_FOUND, "appointment_not_found"));
    }
    // Moving keeps the UID and raises the SEQUENCE.
    let target = free[10]["start"].as_str().unwrap();
    let moved = app.json(Method::POST, &format!("/api/appointments/{key}/move"), None, &json!({"start": target})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(moved.json()["start"], target);
    let (method, event) = calendar(&app, &key).await;
    assert_eq!((method.as_str(), event["UID"].as_str(), event["SEQUENCE"].as_str()), ("REQUEST", uid.as_str(), "1"));
    // Moving onto a taken time is refused and changes nothing.
    let other = book(
        &app,
        &fixture,
        &booking(&fixture, free[20]["start"].as_str().unwrap(), "video"),
        &werkscan_server::util::new_token(),
    )
    .await;
    assert_eq!(other.status, StatusCode::CREATED);
    let clash = app
        .json(Method::POST, &format!("/api/appointments/{key}/move"), None, &json!({"start": free[20]["start"]}))
        .await;
    assert_eq!((clash.status, clash.code().as_str()), (StatusCode::CONFLICT, "slot_taken"));
    assert_eq!(app.get(&format!("/api/appointments/{key}"), None).await.json()["start"], target);
    // Cancelling: the same UID, a higher SEQUENCE, METHOD:CANCEL and STATUS:CANCELLED.
    let cancelled = app.json(Method::POST, &format!("/api/appointments/{key}/cancel"), None, &json!({})).await;
    assert_eq!(cancelled.status, StatusCode::OK);
    assert_eq!(cancelled.json()["status"], "cancelled");
    let (method, event) = calendar(&app, &key).await;
    assert_eq!(
        (method.as_str(), event["UID"].as_str(), event["SEQUENCE"].as_str(), event["STATUS"].as_str()),
        ("CANCEL", uid.as_str(), "2", "CANCELLED")
    );
    let again = app.json(Method::POST, &format!("/api/appointments/{key}/move"), None, &json!({"start": target})).await;
    assert_eq!((again.status, again.code().as_str()), (StatusCode::CONFLICT, "appointment_not_changeable"));
    // Its time is free again.
    assert!(slots(&app, &fixture).await.iter().any(|slot| slot["start"] == target));
    // Once the appointment has begun, its link no longer changes anything.
    let later = token_of(
        &book(
            &app,
            &fixture,
            &booking(&fixture, free[30]["start"].as_str().unwrap(), "video"),
            &werkscan_server::util::new_token(),
        )
        .await,
    );
    sqlx::query("UPDATE appointments SET starts_at = $1, ends_at = $2, blocked_until = $2 WHERE key_hash = $3")
        .bind(now() - 60)
        .bind(now() + 2000)
        .bind(werkscan_server::util::sha256_hex(&later))
        .execute(&app.db().pool)
        .await
        .unwrap();
    let expired = app.json(Method::POST, &format!("/api/appointments/{later}/cancel"), None, &json!({})).await;
    assert_eq!((expired.status, expired.code().as_str()), (StatusCode::GONE, "link_expired"));
}

async fn mail_goes_out_over_smtp_and_never_about_a_cancelled_or_moved_appointment(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let smtp_server = SmtpServer::start().await;
    let smtp = Smtp { url: smtp_server.url(), from: "Werkscan <noreply@werkscan.example>".into() };
    let key =
        token_of(&book(&app, &fixture, &booking(&fixture, free[0]["start"].as_str().unwrap(), "video"), &key()).await);
    // The confirmation, with the invitation whose MIME method matches the file's METHOD.
    let delivered = send_due(app.db(), &smtp, now()).await.unwrap();
    assert_eq!((delivered.sent, delivered.failed), (1, 0));
    let messages = smtp_server.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("To: sam@example.org"), "{}", messages[0]);
    assert!(messages[0].contains("method=REQUEST") && messages[0].contains("METHOD:REQUEST"), "{}", messages[0]);
    assert!(messages[0].contains("https://meet.example.org/werkscan-ad"));
    // Nothing else is due yet: the reminder waits until a day before.
    assert_eq!(send_due(app.db(), &smtp, now()).await.unwrap().sent, 0);
    // Moved: the old reminder no longer applies; the change and the new reminder do.
    app.json(Method::POST, &format!("/api/appointments/{key}/move"), None, &json!({"start": free[3]["start"]})).await;
    // Cancelled: then, even with every reminder due, only the cancellation goes out.
    app.json(Method::POST, &format!("/api/appointments/{key}/cancel"), None, &json!({})).await;
    let all_due = now() + 60 * 86_400;
    let delivered = send_due(app.db(), &smtp, all_due).await.unwrap();
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM outbox WHERE sent_at IS NOT NULL ORDER BY kind")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(kinds, vec!["cancellation", "confirmation"], "{delivered:?}");
    let skipped: Vec<String> = sqlx::query_scalar("SELECT kind FROM outbox WHERE skipped_at IS NOT NULL ORDER BY kind")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(skipped, vec!["moved", "reminder", "reminder"]);
    let messages = smtp_server.messages();
    assert_eq!(messages.len(), 2);
    assert!(
        messages[1].contains("method=CANCEL")
            && messages[1].contains("METHOD:CANCEL")
            && messages[1].contains("STATUS:CANCELLED")
    );
    // A reminder of an appointment that stands goes out a day before, once.
    let kept = werkscan_server::util::new_token();
    book(&app, &fixture, &booking(&fixture, free[40]["start"].as_str().unwrap(), "telefoon"), &kept).await;
    send_due(app.db(), &smtp, now()).await.unwrap();
    let start = chrono::DateTime::parse_from_rfc3339(free[40]["start"].as_str().unwrap()).unwrap().timestamp();
    assert_eq!(send_due(app.db(), &smtp, start - 25 * 3600).await.unwrap().sent, 0);
    assert_eq!(send_due(app.db(), &smtp, start - 23 * 3600).await.unwrap().sent, 1);
    assert_eq!(send_due(app.db(), &smtp, start - 3600).await.unwrap().sent, 0);
    assert!(smtp_server.messages().last().unwrap().contains("Subject: Morgen"));
    // A failing server: the message waits and is tried again later.
    let broken = Smtp { url: "smtp://127.0.0.1:9".into(), from: smtp.from.clone() };
    book(
        &app,
        &fixture,
        &booking(&fixture, free[50]["start"].as_str().unwrap(), "video"),
        &werkscan_server::util::new_token(),
    )
    .await;
    assert_eq!(send_due(app.db(), &broken, now()).await.unwrap().failed, 1);
    assert_eq!(send_due(app.db(), &smtp, now()).await.unwrap().sent, 0, "not again at once");
    assert_eq!(send_due(app.db(), &smtp, now() + 3600).await.unwrap().sent, 1);
}

async fn without_smtp_the_outbox_waits_and_the_expert_sees_what_is_unsent(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    book(&app, &fixture, &booking(&fixture, free[0]["start"].as_str().unwrap(), "video"), &key()).await;
    let unsent = app.get("/api/expert/outbox", Some(&fixture.expert)).await.json();
    assert_eq!(unsent.as_array().unwrap().len(), 1, "{unsent}");
    assert_eq!(unsent[0]["kind"], "confirmation");
    assert_eq!(unsent[0]["recipient"], "sam@example.org");
    let list = app.get("/api/expert/appointments", Some(&fixture.expert)).await.json();
    assert_eq!(list[0]["unsent_messages"], 1);
    assert_eq!(app.get("/api/expert/outbox", Some(&fixture.other_expert)).await.json(), json!([]));
}

async fn one_reminder_to_book_and_none_once_booked(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let smtp_server = SmtpServer::start().await;
    let smtp = Smtp { url: smtp_server.url(), from: "Werkscan <noreply@werkscan.example>".into() };
    let remind = |email: &str| json!({"email": email, "lang": "nl", "questionnaire": "werkscan"});
    let path = format!("/api/c/{}/reminder", fixture.code);
    let first = app.json(Method::POST, &path, None, &remind("wacht@example.org")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    // Asking again gives the same one reminder, not a second.
    let again = app.json(Method::POST, &path, None, &remind("WACHT@example.org")).await;
    assert_eq!(again.json()["due_at"], first.json()["due_at"]);
    app.json(Method::POST, &path, None, &remind("boekt@example.org")).await;
    assert_eq!(app.count("booking_reminders", None).await, 2);
    assert_eq!(app.json(Method::POST, &path, None, &remind("geen adres")).await.code(), "contact_invalid");
    // Not before ten days.
    assert_eq!(send_due(app.db(), &smtp, now() + 9 * 86_400).await.unwrap().sent, 0);
    // One of them books meanwhile (with that address).
    let mut body = booking(&fixture, free[0]["start"].as_str().unwrap(), "video");
    body["email"] = json!("boekt@example.org");
    assert_eq!(book(&app, &fixture, &body, &key()).await.status, StatusCode::CREATED);
    let after_ten_days = now() + 10 * 86_400 + 60;
    send_due(app.db(), &smtp, after_ten_days).await.unwrap();
    let sent = smtp_server.messages();
    let to_waiting: Vec<&String> = sent.iter().filter(|m| m.contains("Subject: Herinnering")).collect();
    assert_eq!(to_waiting.len(), 1, "{sent:?}");
    assert!(to_waiting[0].contains("To: wacht@example.org"));
    assert!(to_waiting[0].contains("/scan/werkscan/rapport"));
    // Never a second time.
    send_due(app.db(), &smtp, after_ten_days + 30 * 86_400).await.unwrap();
    assert_eq!(smtp_server.messages().iter().filter(|m| m.contains("Subject: Herinnering")).count(), 1);
}

async fn the_follow_up_list_shows_who_waits_oldest_first(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    // Asked to be contacted, shared their contact details, did not book.
    let choices = ConsentChoices { share_scores: true, contact_me: true, ..ConsentChoices::default() };
    let shared = app.upload(&submission(&fixture, choices)).await.json();
    sqlx::query("UPDATE submissions SET created_at = created_at - 5 * 86400").execute(&app.db().pool).await.unwrap();
    // Asked to be contacted too, booked, cancelled and did not book again.
    let mut other = submission(&fixture, choices);
    other.contact = Some(Contact {
        name: "Eva de Wit".into(),
        email: Some("weg@example.org".into()),
        phone: Some("06 9999 0000".into()),
        note: None,
    });
    assert_eq!(app.upload(&other).await.status, StatusCode::CREATED);
    let mut body = booking(&fixture, free[0]["start"].as_str().unwrap(), "video");
    body["email"] = json!("weg@example.org");
    body["phone"] = json!("06 9999 0000");
    let cancelling = token_of(&book(&app, &fixture, &body, &key()).await);
    app.json(Method::POST, &format!("/api/appointments/{cancelling}/cancel"), None, &json!({})).await;
    let list = app.get("/api/expert/follow-up", Some(&fixture.expert)).await.json();
    let reasons: Vec<&str> = list.as_array().unwrap().iter().map(|entry| entry["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, vec!["asked_contact", "cancelled"], "{list}");
    assert_eq!(list[0]["days_waiting"], 5);
    assert_eq!(list[0]["name"], contact().name);
    assert_eq!(list[0]["submission_id"], shared["submission_id"]);
    // The person who asked for contact books (same e-mail address): off the list.
    let mut own = booking(&fixture, free[5]["start"].as_str().unwrap(), "video");
    own["email"] = json!("SAM@example.org");
    book(&app, &fixture, &own, &key()).await;
    // A no-show joins it.
    let mut missing = booking(&fixture, free[9]["start"].as_str().unwrap(), "telefoon");
    missing["email"] = json!("niet@example.org");
    missing["phone"] = json!("06 1111 2222");
    let missed = token_of(&book(&app, &fixture, &missing, &key()).await);
    sqlx::query("UPDATE appointments SET starts_at = $1, ends_at = $2, blocked_until = $2 WHERE key_hash = $3")
        .bind(now() - 7200)
        .bind(now() - 4500)
        .bind(werkscan_server::util::sha256_hex(&missed))
        .execute(&app.db().pool)
        .await
        .unwrap();
    let id: String = sqlx::query_scalar("SELECT id FROM appointments WHERE key_hash = $1")
        .bind(werkscan_server::util::sha256_hex(&missed))
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let outcome = app
        .json(
            Method::POST,
            &format!("/api/expert/appointments/{id}/outcome"),
            Some(&fixture.expert),
            &json!({"outcome": "no_show"}),
        )
        .await;
    assert_eq!(outcome.status, StatusCode::NO_CONTENT, "{}", outcome.text());
    let list = app.get("/api/expert/follow-up", Some(&fixture.expert)).await.json();
    let reasons: Vec<&str> = list.as_array().unwrap().iter().map(|entry| entry["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, vec!["no_show", "cancelled"], "{list}");
    // Another expert sees none of it.
    assert_eq!(app.get("/api/expert/follow-up", Some(&fixture.other_expert)).await.json(), json!([]));
}

async fn outcomes_and_uptake_in_numbers_only(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let held =
        token_of(&book(&app, &fixture, &booking(&fixture, free[0]["start"].as_str().unwrap(), "video"), &key()).await);
    let future =
        token_of(&book(&app, &fixture, &booking(&fixture, free[5]["start"].as_str().unwrap(), "video"), &key()).await);
    let id = |key: String| {
        let pool = app.db().pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT id FROM appointments WHERE key_hash = $1")
                .bind(werkscan_server::util::sha256_hex(&key))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let (held_id, future_id) = (id(held.clone()).await, id(future).await);
    // Not before it has begun.
    let early = app
        .json(
            Method::POST,
            &format!("/api/expert/appointments/{future_id}/outcome"),
            Some(&fixture.expert),
            &json!({"outcome": "held"}),
        )
        .await;
    assert_eq!((early.status, early.code().as_str()), (StatusCode::CONFLICT, "appointment_not_changeable"));
    sqlx::query("UPDATE appointments SET starts_at = $1, ends_at = $2, blocked_until = $2 WHERE id = $3")
        .bind(now() - 7200)
        .bind(now() - 4500)
        .bind(&held_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let bad = app
        .json(
            Method::POST,
            &format!("/api/expert/appointments/{held_id}/outcome"),
            Some(&fixture.expert),
            &json!({"outcome": "gezellig"}),
        )
        .await;
    assert_eq!(bad.code(), "invalid_outcome");
    let done = app
        .json(
            Method::POST,
            &format!("/api/expert/appointments/{held_id}/outcome"),
            Some(&fixture.expert),
            &json!({"outcome": "held"}),
        )
        .await;
    assert_eq!(done.status, StatusCode::NO_CONTENT);
    let past = app.get("/api/expert/appointments?view=past", Some(&fixture.expert)).await.json();
    assert_eq!(past[0]["status"], "held");
    assert_eq!(past[0]["email"], "sam@example.org");
    // The campaign's expert sees the uptake as numbers; the employer no live number at all (the
    // published release carries it, at the total level).
    let id = fixture.campaign["id"].as_str().unwrap();
    let campaign = app.get(&format!("/api/campaigns/{id}"), Some(&fixture.expert)).await.json();
    assert_eq!(campaign["bookings"], json!({"booked": 2, "held": 1}));
    let campaign = app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.json();
    assert_eq!(campaign["bookings"], json!(null));
    assert!(!campaign.to_string().contains("sam@example.org"));
    assert!(!campaign.to_string().contains("Sam Jansen"));
}

async fn booking_routes_refuse_whoever_may_not_use_them(app: TestApp) {
    let fixture = app.fixture().await;
    app.user(None, werkscan_server::accounts::auth::Role::Admin, "admin@test.example").await;
    let admin = app.login("admin@test.example", "correct horse battery").await;
    let routes = [
        (Method::GET, "/api/expert/availability".to_owned(), None),
        (Method::PUT, "/api/expert/availability".to_owned(), Some(availability())),
        (Method::GET, "/api/expert/appointments".to_owned(), None),
        (Method::POST, "/api/expert/appointments/x/outcome".to_owned(), Some(json!({"outcome": "held"}))),
        (Method::POST, "/api/expert/appointments/x/cancel".to_owned(), Some(json!({}))),
        (Method::GET, "/api/expert/follow-up".to_owned(), None),
        (Method::GET, "/api/expert/outbox".to_owned(), None),
    ];
    for (method, path, body) in routes {
        for session in [&fixture.employer, &admin] {
            let reply = app.send(request(method.clone(), &path, Some(session), body.as_ref())).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method} {path}");
        }
        let reply = app.send(request(method.clone(), &path, None, body.as_ref())).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{method} {path}");
    }
}

async fn bookings_go_with_the_campaigns_retention(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let token =
        token_of(&book(&app, &fixture, &booking(&fixture, free[0]["start"].as_str().unwrap(), "video"), &key()).await);
    app.json(
        Method::POST,
        &format!("/api/c/{}/reminder", fixture.code),
        None,
        &json!({"email": "later@example.org", "questionnaire": "werkscan"}),
    )
    .await;
    assert_eq!(werkscan_server::submissions::retention::purge_expired(app.db(), now()).await.unwrap().appointments, 0);
    for table in ["appointments", "booking_reminders", "outbox"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE {table} SET expires_at = $1")))
            .bind(now() - 1)
            .execute(&app.db().pool)
            .await
            .unwrap();
    }
    let purged = werkscan_server::submissions::retention::purge_expired(app.db(), now()).await.unwrap();
    assert!(purged.appointments >= 3, "{purged:?}");
    for table in ["appointments", "booking_reminders", "outbox"] {
        assert_eq!(app.count(table, None).await, 0, "{table}");
    }
    assert_eq!(app.get(&format!("/api/appointments/{token}"), None).await.status, StatusCode::NOT_FOUND);
}

async fn a_shared_result_is_linked_only_with_its_receipt(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let receipt = app
        .upload(&submission(&fixture, ConsentChoices { share_scores: true, ..ConsentChoices::default() }))
        .await
        .json();
    let mut body = booking(&fixture, free[0]["start"].as_str().unwrap(), "video");
    body["shared_result"] = json!({"submission_id": receipt["submission_id"], "withdrawal_token": "0".repeat(64)});
    assert_eq!(book(&app, &fixture, &body, &key()).await.code(), "shared_result_invalid");
    body["shared_result"]["withdrawal_token"] = receipt["withdrawal_token"].clone();
    let booked = book(&app, &fixture, &body, &key()).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text());
    assert_eq!(booked.json()["appointment"]["shared_result_linked"], true);
    let list = app.get("/api/expert/appointments", Some(&fixture.expert)).await.json();
    assert_eq!(list[0]["submission_id"], receipt["submission_id"]);
    // Without the link, the expert's list names no result.
    book(&app, &fixture, &booking(&fixture, free[5]["start"].as_str().unwrap(), "video"), &key()).await;
    let list = app.get("/api/expert/appointments", Some(&fixture.expert)).await.json();
    assert_eq!(list[1]["submission_id"], Value::Null);
}

/// A booking sent from an address (the app trusts one proxy in these tests).
async fn book_from(app: &TestApp, fixture: &Fixture, body: &Value, key: Option<&str>, address: &str) -> Reply {
    let mut req = request(Method::POST, &format!("/api/c/{}/appointments", fixture.code), None, Some(body));
    if let Some(key) = key {
        req.headers_mut().insert("idempotency-key", key.parse().unwrap());
    }
    req.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
    app.send(req).await
}

/// A request to an appointment's link from an address.
async fn by_link(app: &TestApp, method: Method, path: &str, address: &str) -> Reply {
    // A body that would pass, so that only the link decides.
    let body = match (method == Method::POST, path.ends_with("/move")) {
        (false, _) => None,
        (true, true) => Some(json!({"start": "2030-01-07T10:00:00Z"})),
        (true, false) => Some(json!({})),
    };
    let mut req = request(method, path, None, body.as_ref());
    req.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
    app.send(req).await
}

async fn the_server_makes_the_appointment_credential_and_the_phones_key_only_recognises_a_retry(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let (fixture, free) = ready(&app).await;
    // A key a client chose badly: it recognises a retry, and authorises nothing.
    let chosen = format!("{}{}", "0".repeat(58), "00c0de");
    let body = booking(&fixture, free[0]["start"].as_str().unwrap(), "video");
    let first = book_from(&app, &fixture, &body, Some(&chosen), "198.51.100.1").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let token = first.json()["token"].as_str().unwrap().to_owned();
    assert_ne!(token, chosen);
    assert!(token.len() == 64 && token.bytes().all(|byte| byte.is_ascii_hexdigit()), "{token}");
    assert_eq!(
        by_link(&app, Method::GET, &format!("/api/appointments/{chosen}"), "198.51.100.1").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        by_link(&app, Method::GET, &format!("/api/appointments/{token}"), "198.51.100.1").await.status,
        StatusCode::OK
    );
    // Neither the credential nor the phone's key is stored as such.
    let stored: (String, String) =
        sqlx::query_as("SELECT key_hash, retry_key_hash FROM appointments").fetch_one(&app.db().pool).await.unwrap();
    assert_eq!(stored, (werkscan_server::util::sha256_hex(&token), werkscan_server::util::sha256_hex(&chosen)));
    let all: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, key_hash, request_hash FROM appointments").fetch_all(&app.db().pool).await.unwrap();
    assert!(!format!("{all:?}").contains(&token));
    // The same booking again (its answer was lost): the same credential, not a second booking.
    let again = book_from(&app, &fixture, &body, Some(&chosen), "198.51.100.1").await;
    assert_eq!((again.status, again.header("idempotent-replayed").as_str()), (StatusCode::CREATED, "true"));
    assert_eq!(again.json(), first.json());
    assert_eq!(app.count("appointments", None).await, 1);
    // The key with another booking is refused; without a key, a booking gets its own credential.
    let other = booking(&fixture, free[10]["start"].as_str().unwrap(), "video");
    assert_eq!(book_from(&app, &fixture, &other, Some(&chosen), "198.51.100.1").await.code(), "idempotency_key_reused");
    let keyless = book_from(&app, &fixture, &other, None, "198.51.100.1").await;
    assert_eq!(keyless.status, StatusCode::CREATED, "{}", keyless.text());
    let keyless_token = keyless.json()["token"].as_str().unwrap().to_owned();
    assert_ne!(keyless_token, token);
    assert_eq!(
        by_link(&app, Method::GET, &format!("/api/appointments/{keyless_token}"), "198.51.100.1").await.status,
        StatusCode::OK
    );
    // An appointment booked before the server made credentials (its key is its credential, as
    // the migration keeps it) still opens with that key, and a retry gives that key back.
    let legacy = key();
    sqlx::query(
        "UPDATE appointments SET key_hash = $1, retry_key_hash = $1, credential_seal = NULL WHERE key_hash = $2",
    )
    .bind(werkscan_server::util::sha256_hex(&legacy))
    .bind(werkscan_server::util::sha256_hex(&keyless_token))
    .execute(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(
        by_link(&app, Method::GET, &format!("/api/appointments/{legacy}"), "198.51.100.1").await.status,
        StatusCode::OK
    );
    let retried = book_from(&app, &fixture, &other, Some(&legacy), "198.51.100.1").await;
    assert_eq!((retried.status, retried.json()["token"].as_str()), (StatusCode::CREATED, Some(legacy.as_str())));
}

async fn wrong_appointment_links_are_limited_per_address(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let (fixture, free) = ready(&app).await;
    let booked = book_from(
        &app,
        &fixture,
        &booking(&fixture, free[0]["start"].as_str().unwrap(), "video"),
        None,
        "198.51.100.1",
    )
    .await;
    let token = booked.json()["token"].as_str().unwrap().to_owned();
    let free_wrong = werkscan_server::booking::routes::FREE_WRONG_TOKENS;
    // Right links from one address are never limited.
    for _ in 0..free_wrong + 5 {
        assert_eq!(
            by_link(&app, Method::GET, &format!("/api/appointments/{token}"), "203.0.113.9").await.status,
            StatusCode::OK
        );
    }
    // Wrong ones, on any of the routes: unknown up to the limit, and a right one between them
    // does not wipe the count.
    let routes = ["", "/calendar.ics", "/move", "/cancel"];
    for attempt in 0..free_wrong {
        let route = routes[attempt as usize % routes.len()];
        let method = if matches!(route, "/move" | "/cancel") { Method::POST } else { Method::GET };
        let wrong = by_link(&app, method, &format!("/api/appointments/{attempt:064x}{route}"), "203.0.113.9").await;
        assert_eq!(
            (wrong.status, wrong.code().as_str()),
            (StatusCode::NOT_FOUND, "appointment_not_found"),
            "attempt {attempt} {route}"
        );
        if attempt == free_wrong / 2 {
            assert_eq!(
                by_link(&app, Method::GET, &format!("/api/appointments/{token}"), "203.0.113.9").await.status,
                StatusCode::OK
            );
        }
    }
    let limited = by_link(&app, Method::GET, &format!("/api/appointments/{}", "ab".repeat(32)), "203.0.113.9").await;
    assert_eq!((limited.status, limited.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_wrong_keys"));
    let first_wait: i64 = limited.header("retry-after").parse().unwrap();
    assert!(first_wait > 0, "{first_wait}");
    // Meanwhile even the right link waits from that address (no answer tells right from wrong),
    // and nothing was cancelled; another address is not affected.
    let waiting = by_link(&app, Method::POST, &format!("/api/appointments/{token}/cancel"), "203.0.113.9").await;
    assert_eq!(waiting.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        by_link(&app, Method::GET, &format!("/api/appointments/{token}"), "198.51.100.8").await.json()["status"],
        "booked"
    );
    // Once the wait is over one more wrong link is answered, and the next wait is longer.
    sqlx::query("UPDATE rate_attempts SET at = at - $1").bind(first_wait + 1).execute(&app.db().pool).await.unwrap();
    let after_wait = by_link(&app, Method::GET, &format!("/api/appointments/{}", "cd".repeat(32)), "203.0.113.9").await;
    assert_eq!(after_wait.status, StatusCode::NOT_FOUND);
    let again = by_link(&app, Method::GET, &format!("/api/appointments/{}", "ef".repeat(32)), "203.0.113.9").await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    let second_wait: i64 = again.header("retry-after").parse().unwrap();
    assert!(second_wait > first_wait, "{second_wait} after {first_wait}");
}

async fn one_person_holds_few_open_bookings_whatever_their_address(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let (fixture, free) = ready(&app).await;
    let start = |index: usize| free[index * 3]["start"].as_str().unwrap().to_owned();
    let per_email = werkscan_server::booking::routes::OPEN_BOOKINGS_PER_PERSON;
    let mut tokens = Vec::new();
    for index in 0..per_email {
        let reply = book_from(
            &app,
            &fixture,
            &booking(&fixture, &start(index), "video"),
            None,
            &format!("198.51.100.{}", index + 1),
        )
        .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        tokens.push(reply.json()["token"].as_str().unwrap().to_owned());
    }
    // The same address in other letters, from yet another network address: refused.
    let mut same_person = booking(&fixture, &start(10), "video");
    same_person["email"] = json!("  SAM@Example.org ");
    same_person["phone"] = Value::Null;
    let refused = book_from(&app, &fixture, &same_person, None, "203.0.113.50").await;
    assert_eq!(
        (refused.status, refused.code().as_str()),
        (StatusCode::CONFLICT, "too_many_open_bookings"),
        "{}",
        refused.text()
    );
    // The same phone number without the e-mail address: refused too.
    let mut by_phone = booking(&fixture, &start(11), "telefoon");
    by_phone["email"] = Value::Null;
    by_phone["phone"] = json!("0612345678");
    assert_eq!(book_from(&app, &fixture, &by_phone, None, "203.0.113.51").await.code(), "too_many_open_bookings");
    assert_eq!(app.count("appointments", None).await, per_email as i64);
    // One cancelled: a new one may be booked.
    by_link(&app, Method::POST, &format!("/api/appointments/{}/cancel", tokens[0]), "198.51.100.1").await;
    assert_eq!(book_from(&app, &fixture, &same_person, None, "203.0.113.52").await.status, StatusCode::CREATED);
    // A shared result is linked to one open booking at a time.
    let receipt = app
        .upload(&submission(&fixture, ConsentChoices { share_scores: true, ..ConsentChoices::default() }))
        .await
        .json();
    let linked = |email: &str, index: usize| {
        let mut body = booking(&fixture, &start(index), "video");
        body["email"] = json!(email);
        body["phone"] = Value::Null;
        body["shared_result"] =
            json!({"submission_id": receipt["submission_id"], "withdrawal_token": receipt["withdrawal_token"]});
        body
    };
    let first = book_from(&app, &fixture, &linked("een@example.org", 20), None, "203.0.113.60").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let second = book_from(&app, &fixture, &linked("twee@example.org", 21), None, "203.0.113.61").await;
    assert_eq!((second.status, second.code().as_str()), (StatusCode::CONFLICT, "too_many_open_bookings"));
}

/// Bookings of different people no longer wait for each other (on PostgreSQL they take turns
/// per person: per e-mail address, phone number and linked result). One person booking many
/// times at once, from many addresses, with the address and the number written differently each
/// time, must still get no more than their open bookings.
async fn one_person_booking_many_times_at_once_holds_no_more_than_allowed(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let (fixture, free) = ready(&app).await;
    let per_person = werkscan_server::booking::routes::OPEN_BOOKINGS_PER_PERSON;
    let emails = ["sam@example.org", "  SAM@Example.org ", "Sam@example.ORG"];
    let phones = ["06 1234 5678", "+31 6 12345678", "0031-6-1234 5678", "(06) 12 34 56 78"];
    let tasks: Vec<_> = (0..12)
        .map(|index| {
            let router = app.router.clone();
            let mut body = booking(&fixture, free[index * 3]["start"].as_str().unwrap(), "telefoon");
            body["email"] = json!(emails[index % emails.len()]);
            body["phone"] = json!(phones[index % phones.len()]);
            let path = format!("/api/c/{}/appointments", fixture.code);
            tokio::spawn(async move {
                let mut req = request(Method::POST, &path, None, Some(&body));
                req.headers_mut().insert("x-forwarded-for", format!("198.51.100.{}", index + 1).parse().unwrap());
                send(&router, req).await
            })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        let reply = task.await.unwrap();
        match reply.status {
            StatusCode::CREATED => created += 1,
            status => assert_eq!(
                (status, reply.code().as_str()),
                (StatusCode::CONFLICT, "too_many_open_bookings"),
                "{}",
                reply.text()
            ),
        }
    }
    assert_eq!(created, per_person);
    assert_eq!(app.count("appointments", None).await, per_person as i64);
    // Someone else books meanwhile, as before.
    let mut other = booking(&fixture, free[60]["start"].as_str().unwrap(), "video");
    other["email"] = json!("iemand.anders@example.org");
    other["phone"] = Value::Null;
    assert_eq!(book_from(&app, &fixture, &other, None, "203.0.113.9").await.status, StatusCode::CREATED);
}

async fn a_deactivated_expert_is_neither_offered_nor_named_nor_shared_with(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let (fixture, free) = ready(&app).await;
    let booked = book_from(
        &app,
        &fixture,
        &booking(&fixture, free[0]["start"].as_str().unwrap(), "video"),
        None,
        "198.51.100.1",
    )
    .await;
    let token = booked.json()["token"].as_str().unwrap().to_owned();
    app.user(None, werkscan_server::accounts::auth::Role::Admin, "admin@test.example").await;
    let admin = app.login("admin@test.example", "correct horse battery").await;
    let off = app
        .json(Method::POST, &format!("/api/admin/users/{}/deactivate", fixture.expert_id), Some(&admin), &json!({}))
        .await;
    assert_eq!(off.status, StatusCode::NO_CONTENT, "{}", off.text());
    // Not offered, no free times, not bookable, and no longer named in the consent.
    assert_eq!(app.get(&format!("/api/c/{}/booking", fixture.code), None).await.json()["experts"], json!([]));
    let slots = app.get(&format!("/api/c/{}/experts/{}/slots", fixture.code, fixture.expert_id), None).await;
    assert_eq!((slots.status, slots.code().as_str()), (StatusCode::NOT_FOUND, "expert_not_found"));
    let refused = book_from(
        &app,
        &fixture,
        &booking(&fixture, free[5]["start"].as_str().unwrap(), "video"),
        None,
        "198.51.100.2",
    )
    .await;
    assert_eq!((refused.status, refused.code().as_str()), (StatusCode::NOT_FOUND, "expert_not_found"));
    let moved = app
        .json(Method::POST, &format!("/api/appointments/{token}/move"), None, &json!({"start": free[8]["start"]}))
        .await;
    assert_eq!((moved.status, moved.code().as_str()), (StatusCode::CONFLICT, "appointment_not_changeable"));
    assert_eq!(app.get(&format!("/api/c/{}", fixture.code), None).await.json()["experts"], json!([]));
    // Sharing with an expert is refused, whatever consent the phone shows; group figures only
    // are fine once the phone shows the consent as the campaign has it now.
    let shares = [
        ConsentChoices { share_scores: true, ..ConsentChoices::default() },
        ConsentChoices { share_scores: true, share_answers: true, ..ConsentChoices::default() },
        ConsentChoices { contact_me: true, ..ConsentChoices::default() },
    ];
    let fresh = app.consent_values(&fixture.code).await;
    assert!(fresh.experts.is_empty());
    for choices in shares {
        for values in [&fixture.consent_values, &fresh] {
            let mut upload = submission(&fixture, choices);
            upload.consent.values = Some(values.clone());
            let reply = app.upload(&upload).await;
            assert_eq!(
                (reply.status, reply.code().as_str()),
                (StatusCode::CONFLICT, "no_active_expert"),
                "{choices:?}: {}",
                reply.text()
            );
        }
    }
    let figures_only = ConsentChoices { group_figures: true, ..ConsentChoices::default() };
    let stale = app.upload(&submission(&fixture, figures_only)).await;
    assert_eq!(
        (stale.status, stale.code().as_str()),
        (StatusCode::CONFLICT, "consent_outdated"),
        "the phone shows the consent again"
    );
    let mut upload = submission(&fixture, figures_only);
    upload.consent.values = Some(fresh);
    let reply = app.upload(&upload).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    // The appointment already made can still be seen and cancelled.
    assert_eq!(
        app.json(Method::POST, &format!("/api/appointments/{token}/cancel"), None, &json!({})).await.status,
        StatusCode::OK
    );
}

async fn identical_retries_at_once_all_get_the_original_booking(mut app: TestApp) {
    app.reconfigure(|config| config.bookings_per_address = 1000).await;
    let (fixture, free) = ready(&app).await;
    for round in 0..4 {
        // A phone on a bad connection: the same booking, the same key, sixteen times at once.
        let mut body = booking(&fixture, free[round * 7]["start"].as_str().unwrap(), "video");
        body["email"] = json!(format!("ronde{round}@example.org"));
        body["phone"] = json!(format!("06 1234 000{round}"));
        let key = key();
        let path = format!("/api/c/{}/appointments", fixture.code);
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let router = app.router.clone();
                let (body, key, path) = (body.clone(), key.clone(), path.clone());
                tokio::spawn(async move {
                    let mut req = request(Method::POST, &path, None, Some(&body));
                    req.headers_mut().insert("idempotency-key", key.parse().unwrap());
                    send(&router, req).await
                })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            let reply = task.await.unwrap();
            assert_eq!(reply.status, StatusCode::CREATED, "round {round}: {}", reply.text());
            answers.push(reply.json());
        }
        assert!(
            answers.iter().all(|answer| answer == &answers[0]),
            "round {round}: every retry gets the original answer"
        );
        assert_eq!(app.count("appointments", None).await, round as i64 + 1, "round {round}: one booking");
        let stored: String = sqlx::query_scalar("SELECT key_hash FROM appointments WHERE email = $1")
            .bind(format!("ronde{round}@example.org"))
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        assert_eq!(
            stored,
            werkscan_server::util::sha256_hex(answers[0]["token"].as_str().unwrap()),
            "the token is the booking's"
        );
    }
}

/// An e-mail of the outbox, built as the sender builds it and read back as a mail client reads it:
/// the decoded subject and text must be what was written, with the MIME headers a client needs.
/// Returns the calendar file, if the mail carries one.
async fn read_as_a_mail_client(app: &TestApp, id: &str) -> Option<String> {
    let (subject, body, calendar_method): (String, String, Option<String>) =
        sqlx::query_as("SELECT subject, body, calendar_method FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let from: lettre::message::Mailbox = "Werkscan <noreply@werkscan.example>".parse().unwrap();
    let raw = werkscan_server::mail::outbox_message(app.db(), &from, id).await.unwrap().formatted();
    let text = String::from_utf8(raw.clone()).unwrap();
    assert!(text.is_ascii(), "a mail travels as 7-bit text; names are encoded: {text}");
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(mail.header_raw("MIME-Version").map(str::trim), Some("1.0"), "{text}");
    assert_eq!(mail.message_id(), Some(format!("{id}@werkscan.example").as_str()), "{text}");
    assert_eq!(mail.subject(), Some(subject.as_str()));
    use mail_parser::MimeHeaders;
    let part = mail.text_part(0).unwrap();
    let content_type = part.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype(), content_type.attribute("charset")),
        ("text", Some("plain"), Some("utf-8")),
        "{text}"
    );
    // The MIME part ends in a line break of its own.
    assert_eq!(mail.body_text(0).unwrap().replace("\r\n", "\n").trim_end(), body.trim_end());
    let Some(method) = calendar_method else {
        assert_eq!(mail.attachment_count(), 0);
        return None;
    };
    let attachment = mail.attachment(0).unwrap();
    let content_type = attachment.content_type().unwrap();
    assert_eq!((content_type.ctype(), content_type.subtype()), ("text", Some("calendar")));
    assert_eq!(content_type.attribute("method"), Some(method.as_str()));
    let ics = String::from_utf8(attachment.contents().to_vec()).unwrap();
    assert!(ics.contains(&format!("METHOD:{method}")), "{ics}");
    Some(ics)
}

async fn every_kind_of_mail_reads_right_in_a_mail_client(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    sqlx::query("UPDATE users SET display_name = 'Zoë Bouzid' WHERE id = $1")
        .bind(&fixture.expert_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let mut body = booking(&fixture, free[40]["start"].as_str().unwrap(), "video");
    body["name"] = json!("Anaïs de Wit");
    let token = token_of(&book(&app, &fixture, &body, &key()).await);
    app.json(Method::POST, &format!("/api/appointments/{token}/move"), None, &json!({"start": free[45]["start"]}))
        .await;
    let id: String = sqlx::query_scalar("SELECT id FROM appointments").fetch_one(&app.db().pool).await.unwrap();
    let moved = app
        .json(
            Method::POST,
            &format!("/api/expert/appointments/{id}/move"),
            Some(&fixture.expert),
            &json!({"start": free[50]["start"], "reason": "Ik ben die dag ziek… nee: op cursus in Zwolle."}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    let cancelled = app
        .json(
            Method::POST,
            &format!("/api/expert/appointments/{id}/cancel"),
            Some(&fixture.expert),
            &json!({"reason": "De praktijk is die week dicht."}),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::NO_CONTENT, "{}", cancelled.text());
    let remind = app
        .json(
            Method::POST,
            &format!("/api/c/{}/reminder", fixture.code),
            None,
            &json!({"email": "later@example.org", "lang": "nl", "questionnaire": "werkscan"}),
        )
        .await;
    assert_eq!(remind.status, StatusCode::CREATED);
    app.user(None, werkscan_server::accounts::auth::Role::Admin, "root@x.example").await;
    let admin = app.login("root@x.example", "correct horse battery").await;
    let reset = app
        .json(Method::POST, &format!("/api/admin/users/{}/reset-password", fixture.expert_id), Some(&admin), &json!({}))
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.text());

    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT id, kind, subject, body FROM outbox ORDER BY created_at, kind")
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    let kinds: std::collections::BTreeSet<&str> = rows.iter().map(|row| row.1.as_str()).collect();
    assert_eq!(
        kinds,
        ["booking_reminder", "cancellation", "confirmation", "moved", "password_link", "reminder"]
            .into_iter()
            .collect()
    );
    for (id, kind, subject, text) in &rows {
        let ics = read_as_a_mail_client(&app, id).await;
        match kind.as_str() {
            "password_link" => assert!(text.contains("Zoë Bouzid"), "{text}"),
            "booking_reminder" => {}
            _ => assert!(text.contains("Anaïs de Wit") && text.contains("Zoë Bouzid"), "{kind}: {text}"),
        }
        assert_eq!(ics.is_some(), matches!(kind.as_str(), "confirmation" | "moved" | "cancellation"), "{kind}");
        if let Some(ics) = ics {
            // The invitation names its organizer (the expert) and its attendee (the person).
            let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
            let event = parser.next().unwrap().unwrap().events.remove(0);
            let property = |name: &str| {
                event.properties.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{kind}: no {name}")).clone()
            };
            let organizer = property("ORGANIZER");
            assert_eq!(organizer.value.as_deref(), Some("mailto:ad@test.example"));
            let cn = organizer
                .params
                .unwrap_or_default()
                .into_iter()
                .find(|(name, _)| name == "CN")
                .map(|(_, values)| values.join(","));
            assert_eq!(cn.as_deref(), Some("Zoë Bouzid"));
            assert_eq!(property("ATTENDEE").value.as_deref(), Some("mailto:sam@example.org"));
        }
        if kind != "password_link" && kind != "booking_reminder" {
            assert!(subject.contains("Zoë Bouzid"), "{kind}: {subject}");
        }
    }
}

/// The mail of this kind about this appointment, latest first.
async fn mails_of(app: &TestApp, kind: &str, appointment: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT subject, body FROM outbox WHERE kind = $1 AND appointment_id = $2 ORDER BY appointment_sequence DESC",
    )
    .bind(kind)
    .bind(appointment)
    .fetch_all(&app.db().pool)
    .await
    .unwrap()
}

async fn the_expert_moves_and_cancels_with_a_reason_and_the_person_is_told(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let token = token_of(
        &book(&app, &fixture, &booking(&fixture, free[0]["start"].as_str().unwrap(), "locatie"), &key()).await,
    );
    let (_, before) = calendar(&app, &token).await;
    let id: String = sqlx::query_scalar("SELECT id FROM appointments").fetch_one(&app.db().pool).await.unwrap();
    let path = |action: &str| format!("/api/expert/appointments/{id}/{action}");
    // Only their own appointment, only by the slot rules, only a reason that is text.
    let foreign =
        app.json(Method::POST, &path("move"), Some(&fixture.other_expert), &json!({"start": free[10]["start"]})).await;
    assert_eq!((foreign.status, foreign.code().as_str()), (StatusCode::NOT_FOUND, "appointment_not_found"));
    let night =
        app.json(Method::POST, &path("move"), Some(&fixture.expert), &json!({"start": "2030-01-07T02:00:00Z"})).await;
    assert_eq!(night.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", night.text());
    let long = app
        .json(
            Method::POST,
            &path("move"),
            Some(&fixture.expert),
            &json!({"start": free[10]["start"], "reason": "x".repeat(501)}),
        )
        .await;
    assert_eq!((long.status, long.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_reason"));
    let other = book(&app, &fixture, &booking(&fixture, free[20]["start"].as_str().unwrap(), "video"), &key()).await;
    assert_eq!(other.status, StatusCode::CREATED);
    let clash =
        app.json(Method::POST, &path("move"), Some(&fixture.expert), &json!({"start": free[20]["start"]})).await;
    assert_eq!((clash.status, clash.code().as_str()), (StatusCode::CONFLICT, "slot_taken"));
    assert_eq!(mails_of(&app, "moved", &id).await.len(), 0, "nothing was moved");

    // The times it can move to: the expert's free ones, its own time among them, the other
    // booking's not; another expert cannot ask.
    let movable = app.get(&path("slots"), Some(&fixture.expert)).await.json();
    let movable: Vec<&str> = movable.as_array().unwrap().iter().map(|slot| slot["start"].as_str().unwrap()).collect();
    assert!(
        movable.contains(&free[0]["start"].as_str().unwrap()) && movable.contains(&free[10]["start"].as_str().unwrap())
    );
    assert!(!movable.contains(&free[20]["start"].as_str().unwrap()));
    assert_eq!(app.get(&path("slots"), Some(&fixture.other_expert)).await.status, StatusCode::NOT_FOUND);

    // Moved by the expert, with a reason: the calendar follows, the person is told who and why.
    let target = free[10]["start"].as_str().unwrap();
    let moved = app
        .json(
            Method::POST,
            &path("move"),
            Some(&fixture.expert),
            &json!({"start": target, "reason": "  Ik ben die ochtend op cursus.  "}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(moved.json()["start"], target);
    assert_eq!(moved.json()["move_reason"], "Ik ben die ochtend op cursus.");
    assert_eq!(app.get(&format!("/api/appointments/{token}"), None).await.json()["start"], target);
    let (method, event) = calendar(&app, &token).await;
    assert_eq!(
        (method.as_str(), event["UID"].as_str(), event["SEQUENCE"].as_str()),
        ("REQUEST", before["UID"].as_str(), "1")
    );
    let expert_name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(&fixture.expert_id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let (subject, text) = mails_of(&app, "moved", &id).await.remove(0);
    assert_eq!(subject, format!("{expert_name} heeft je afspraak verplaatst"), "the subject says who moved it");
    assert!(
        text.contains("de arbeidsdeskundige, heeft je") && text.contains("De reden: Ik ben die ochtend op cursus."),
        "{text}"
    );
    assert!(!text.contains(" uw "), "one form of address: {text}");
    // The reminder follows the new time (the old one no longer applies).
    let reminders: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'reminder' AND appointment_sequence = 1")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(reminders, 1);

    // Cancelled by the expert with a reason: recorded, and told.
    let cancelled = app
        .json(Method::POST, &path("cancel"), Some(&fixture.expert), &json!({"reason": "Ik ben langere tijd afwezig."}))
        .await;
    assert_eq!(cancelled.status, StatusCode::NO_CONTENT, "{}", cancelled.text());
    let (method, event) = calendar(&app, &token).await;
    assert_eq!((method.as_str(), event["SEQUENCE"].as_str(), event["STATUS"].as_str()), ("CANCEL", "2", "CANCELLED"));
    let (subject, text) = mails_of(&app, "cancellation", &id).await.remove(0);
    assert_eq!(subject, format!("{expert_name} heeft je afspraak afgezegd"), "the subject says who cancelled");
    assert!(
        text.contains(&format!("{expert_name}, de arbeidsdeskundige, heeft je"))
            && text.contains("De reden: Ik ben langere tijd afwezig."),
        "{text}"
    );
    assert!(!text.contains(" uw "), "one form of address: {text}");
    let list = app.get("/api/expert/appointments?view=cancelled", Some(&fixture.expert)).await.json();
    assert_eq!(list[0]["cancel_reason"], "Ik ben langere tijd afwezig.", "{list}");
    let again =
        app.json(Method::POST, &path("move"), Some(&fixture.expert), &json!({"start": free[30]["start"]})).await;
    assert_eq!((again.status, again.code().as_str()), (StatusCode::CONFLICT, "appointment_not_changeable"));

    // Without a reason (as the console's cancel button sends it): told without one.
    let other_id: String = sqlx::query_scalar("SELECT id FROM appointments WHERE status = 'booked'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let plain = app
        .json(Method::POST, &format!("/api/expert/appointments/{other_id}/cancel"), Some(&fixture.expert), &json!({}))
        .await;
    assert_eq!(plain.status, StatusCode::NO_CONTENT);
    let (_, text) = mails_of(&app, "cancellation", &other_id).await.remove(0);
    assert!(text.contains("heeft je") && !text.contains("De reden"), "{text}");
    // The person's own changes keep their own words.
    let own =
        token_of(&book(&app, &fixture, &booking(&fixture, free[40]["start"].as_str().unwrap(), "video"), &key()).await);
    app.json(Method::POST, &format!("/api/appointments/{own}/move"), None, &json!({"start": free[41]["start"]})).await;
    let own_id: String = sqlx::query_scalar("SELECT id FROM appointments WHERE key_hash = $1")
        .bind(werkscan_server::util::sha256_hex(&own))
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let (subject, text) = mails_of(&app, "moved", &own_id).await.remove(0);
    assert!(subject.starts_with(&format!("Je afspraak met {expert_name} is verzet naar")), "{subject}");
    assert!(text.contains("Je hebt je") && !text.contains("de arbeidsdeskundige, heeft"), "{text}");
    app.json(Method::POST, &format!("/api/appointments/{own}/cancel"), None, &json!({})).await;
    let (subject, text) = mails_of(&app, "cancellation", &own_id).await.remove(0);
    assert!(subject.starts_with(&format!("Afgezegd: je afspraak met {expert_name} op")), "{subject}");
    assert!(text.contains("Je hebt je") && text.contains("afgezegd"), "{text}");
    let reasons: Vec<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT moved_by, move_reason FROM appointments WHERE key_hash = $1")
            .bind(werkscan_server::util::sha256_hex(&own))
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(reasons, vec![(Some("person".to_owned()), None)]);
}

async fn a_person_who_asked_for_contact_and_cancelled_is_one_line_to_follow_up(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    // Shared with "contact me", booked from the report (the same address), then cancelled.
    let choices = ConsentChoices { share_scores: true, contact_me: true, ..ConsentChoices::default() };
    let shared = app.upload(&submission(&fixture, choices)).await.json();
    let token =
        token_of(&book(&app, &fixture, &booking(&fixture, free[0]["start"].as_str().unwrap(), "video"), &key()).await);
    assert_eq!(
        app.get("/api/expert/follow-up", Some(&fixture.expert)).await.json(),
        json!([]),
        "booked: nobody to follow up"
    );
    app.json(Method::POST, &format!("/api/appointments/{token}/cancel"), None, &json!({})).await;
    let list = app.get("/api/expert/follow-up", Some(&fixture.expert)).await.json();
    let lines = list.as_array().unwrap();
    assert_eq!(lines.len(), 1, "one line per person: {list}");
    assert_eq!(lines[0]["reason"], "cancelled");
    assert_eq!(lines[0]["submission_id"], shared["submission_id"], "the line still leads to what they shared");
    // Booked and cancelled again (phone number written another way): still one line.
    let mut again = booking(&fixture, free[3]["start"].as_str().unwrap(), "video");
    again["email"] = json!(null);
    again["phone"] = json!("+31 6 12345678");
    let second = token_of(&book(&app, &fixture, &again, &key()).await);
    app.json(Method::POST, &format!("/api/appointments/{second}/cancel"), None, &json!({})).await;
    let list = app.get("/api/expert/follow-up", Some(&fixture.expert)).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
}

async fn a_person_who_cancelled_without_asking_for_contact_is_not_followed_up(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    // Shared scores only (no "contact me"), booked from the report and cancelled: cancelling
    // says they do not want the conversation now, so their details are not put before the expert
    // to call them about it.
    let choices = ConsentChoices { share_scores: true, ..ConsentChoices::default() };
    assert_eq!(app.upload(&submission(&fixture, choices)).await.status, StatusCode::CREATED);
    let mut body = booking(&fixture, free[0]["start"].as_str().unwrap(), "video");
    body["name"] = json!("Noor Visser");
    body["email"] = json!("noor@example.org");
    body["phone"] = json!("06 5555 4444");
    let token = token_of(&book(&app, &fixture, &body, &key()).await);
    let cancelled = app.json(Method::POST, &format!("/api/appointments/{token}/cancel"), None, &json!({})).await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    let list = app.get("/api/expert/follow-up", Some(&fixture.expert)).await;
    assert_eq!(list.json(), json!([]), "nobody to follow up");
    for detail in ["Noor", "noor@example.org", "5555"] {
        assert!(!list.text().contains(detail), "{detail} is listed: {}", list.text());
    }
    // Someone else in the campaign asked to be contacted by another address: that does not
    // make the cancellation theirs.
    let mut asker = submission(&fixture, ConsentChoices { contact_me: true, ..ConsentChoices::default() });
    asker.contact =
        Some(Contact { name: "Eva de Wit".into(), email: Some("eva@example.org".into()), phone: None, note: None });
    assert_eq!(app.upload(&asker).await.status, StatusCode::CREATED);
    let list = app.get("/api/expert/follow-up", Some(&fixture.expert)).await.json();
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|line| line["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Eva de Wit"], "{list}");
    // A no-show did not call the booking off: it still stands as their request for a
    // conversation, so they are followed up (and the cancellation still is not).
    let mut missing = booking(&fixture, free[9]["start"].as_str().unwrap(), "telefoon");
    missing["name"] = json!("Ruben Smit");
    missing["email"] = json!("ruben@example.org");
    missing["phone"] = json!("06 1111 2222");
    let missed = token_of(&book(&app, &fixture, &missing, &key()).await);
    sqlx::query("UPDATE appointments SET starts_at = $1, ends_at = $2, blocked_until = $2, status = 'no_show' WHERE key_hash = $3")
        .bind(now() - 7200)
        .bind(now() - 4500)
        .bind(werkscan_server::util::sha256_hex(&missed))
        .execute(&app.db().pool)
        .await
        .unwrap();
    let list = app.get("/api/expert/follow-up", Some(&fixture.expert)).await;
    let lines: Vec<(String, String)> = list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|line| (line["reason"].as_str().unwrap().to_owned(), line["name"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        lines,
        vec![("no_show".to_owned(), "Ruben Smit".to_owned()), ("asked_contact".to_owned(), "Eva de Wit".to_owned())],
        "{}",
        list.text()
    );
    assert!(!list.text().contains("noor@example.org"));
}

/// Words that would tell whoever sees a subject line, a notification or a calendar entry what
/// the appointment is about (compared in lower case, within words: "werkscan" has "scan").
const TELLING_WORDS: [&str; 16] = [
    "scan",
    "gezond",
    "health",
    "ziek",
    "sick",
    "verzuim",
    "advies",
    "advice",
    "arbeidsdeskundige",
    "labour expert",
    "uitkomst",
    "result",
    "werkvermogen",
    "work ability",
    "klacht",
    "burn",
];

fn telling_words(text: &str) -> Vec<&'static str> {
    let text = text.to_lowercase();
    TELLING_WORDS.into_iter().filter(|word| text.contains(word)).collect()
}

/// The polite "u" form, which the app does not use ("je kunt", "je hebt" are the je-form too).
fn polite_form(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|word| matches!(word, "u" | "uw" | "U" | "Uw"))
}

async fn subjects_and_calendar_titles_say_nothing_about_health_or_a_scan(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    sqlx::query("UPDATE users SET display_name = 'Karim Bouzid' WHERE id = $1")
        .bind(&fixture.expert_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    // In both languages: booked (confirmation and reminder), moved and cancelled by the person,
    // moved and cancelled by the expert, and the reminder to book.
    for (lang, first) in [("nl", 0), ("en", 20)] {
        let mut own = booking(&fixture, free[first]["start"].as_str().unwrap(), "telefoon");
        own["lang"] = json!(lang);
        own["email"] = json!(format!("zelf-{lang}@example.org"));
        let token = token_of(&book(&app, &fixture, &own, &key()).await);
        app.json(
            Method::POST,
            &format!("/api/appointments/{token}/move"),
            None,
            &json!({"start": free[first + 2]["start"]}),
        )
        .await;
        let (_, event) = calendar(&app, &token).await;
        assert_eq!(event["CLASS"], "PRIVATE", "{event:?}");
        app.json(Method::POST, &format!("/api/appointments/{token}/cancel"), None, &json!({})).await;
        let mut other = booking(&fixture, free[first + 5]["start"].as_str().unwrap(), "video");
        other["lang"] = json!(lang);
        other["email"] = json!(format!("ander-{lang}@example.org"));
        other["phone"] = json!(null);
        token_of(&book(&app, &fixture, &other, &key()).await);
        let id: String = sqlx::query_scalar("SELECT id FROM appointments WHERE email = $1")
            .bind(format!("ander-{lang}@example.org"))
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        let moved = app
            .json(
                Method::POST,
                &format!("/api/expert/appointments/{id}/move"),
                Some(&fixture.expert),
                &json!({"start": free[first + 7]["start"]}),
            )
            .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
        let cancelled = app
            .json(
                Method::POST,
                &format!("/api/expert/appointments/{id}/cancel"),
                Some(&fixture.expert),
                &json!({"reason": "Ik ben ziek."}),
            )
            .await;
        assert_eq!(cancelled.status, StatusCode::NO_CONTENT, "{}", cancelled.text());
        let remind = app
            .json(
                Method::POST,
                &format!("/api/c/{}/reminder", fixture.code),
                None,
                &json!({"email": format!("later-{lang}@example.org"), "lang": lang, "questionnaire": "werkscan"}),
            )
            .await;
        assert_eq!(remind.status, StatusCode::CREATED);
    }
    let rows: Vec<(String, String, String, String, Option<String>)> =
        sqlx::query_as("SELECT id, kind, subject, body, calendar FROM outbox ORDER BY created_at, kind")
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    let kinds: std::collections::BTreeSet<&str> = rows.iter().map(|row| row.1.as_str()).collect();
    assert_eq!(kinds, ["booking_reminder", "cancellation", "confirmation", "moved", "reminder"].into_iter().collect());
    let mut titles = std::collections::BTreeSet::new();
    for (id, kind, subject, body, calendar) in &rows {
        assert_eq!(telling_words(subject), Vec::<&str>::new(), "{kind}: {subject}");
        assert!(!polite_form(subject) && !polite_form(body), "{kind} says \"u\": {subject}\n{body}");
        if kind != "booking_reminder" {
            assert!(subject.contains("Karim Bouzid"), "{kind}: {subject}");
        }
        if let Some(ics) = calendar {
            let read = read_as_a_mail_client(&app, id).await.expect("the calendar file is attached");
            assert_eq!(&read, ics);
            let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
            let event = parser.next().unwrap().unwrap().events.remove(0);
            let property = |name: &str| {
                event.properties.iter().filter(|p| p.name == name).filter_map(|p| p.value.clone()).collect::<Vec<_>>()
            };
            assert_eq!(property("CLASS"), vec!["PRIVATE".to_owned()], "{kind}: {ics}");
            let summary = property("SUMMARY").remove(0);
            assert_eq!(telling_words(&summary), Vec::<&str>::new(), "{kind}: {summary}");
            titles.insert(summary);
        }
    }
    assert_eq!(
        titles,
        ["Afspraak met Karim Bouzid", "Appointment with Karim Bouzid"].into_iter().map(str::to_owned).collect()
    );
    // A cancellation by the expert reads as one, with the reason they gave.
    let by_expert: Vec<&(String, String, String, String, Option<String>)> =
        rows.iter().filter(|row| row.1 == "cancellation" && row.3.contains("Ik ben ziek.")).collect();
    assert_eq!(by_expert.len(), 2);
    assert!(by_expert.iter().any(|row| row.2 == "Karim Bouzid heeft je afspraak afgezegd"
        && row.3.contains("Karim Bouzid, de arbeidsdeskundige, heeft je")));
    assert!(by_expert.iter().any(|row| row.2 == "Karim Bouzid cancelled your appointment"
        && row.3.contains("Karim Bouzid, the labour expert, cancelled your")));
}

/// Makes an appointment begun an hour ago, so that its outcome can be recorded.
async fn begun(app: &TestApp, token: &str) {
    sqlx::query("UPDATE appointments SET starts_at = $1, ends_at = $2, blocked_until = $2 WHERE key_hash = $3")
        .bind(now() - 3600)
        .bind(now() - 900)
        .bind(werkscan_server::util::sha256_hex(token))
        .execute(&app.db().pool)
        .await
        .unwrap();
}

async fn booking_and_holding_a_conversation_move_the_linked_file_on_and_never_back(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let shared = |choices| submission(&fixture, choices);
    let scores = ConsentChoices { share_scores: true, ..ConsentChoices::default() };
    let receipt = app.upload(&shared(scores)).await.json();
    let id = receipt["submission_id"].as_str().unwrap().to_owned();
    let mut body = booking(&fixture, free[0]["start"].as_str().unwrap(), "video");
    body["shared_result"] = json!({"submission_id": id, "withdrawal_token": receipt["withdrawal_token"]});
    let token = token_of(&book(&app, &fixture, &body, &key()).await);
    let after_booking = app.get(&format!("/api/expert/submissions/{id}"), Some(&fixture.expert)).await.json();
    assert_eq!(after_booking["status"], "gesprek_gepland");
    let last = after_booking["status_history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["status"].as_str(), last["cause"].as_str(), last["by"].as_str()),
        (Some("gesprek_gepland"), Some("booked"), Some("ad@test.example name"))
    );
    // The result page shows the appointment and what happened to it.
    let appointments = after_booking["appointments"].as_array().unwrap();
    assert_eq!(appointments.len(), 1);
    assert_eq!((appointments[0]["status"].as_str(), appointments[0]["kind"].as_str()), (Some("booked"), Some("video")));
    assert_eq!(appointments[0]["start"], free[0]["start"]);

    // Held: "gesprek gevoerd", in the history with its cause.
    begun(&app, &token).await;
    let appointment_id: String = sqlx::query_scalar("SELECT id FROM appointments WHERE key_hash = $1")
        .bind(werkscan_server::util::sha256_hex(&token))
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let held = app
        .json(
            Method::POST,
            &format!("/api/expert/appointments/{appointment_id}/outcome"),
            Some(&fixture.expert),
            &json!({"outcome": "held"}),
        )
        .await;
    assert_eq!(held.status, StatusCode::NO_CONTENT, "{}", held.text());
    let after_held = app.get(&format!("/api/expert/submissions/{id}"), Some(&fixture.expert)).await.json();
    assert_eq!(after_held["status"], "gesprek_gevoerd");
    assert_eq!(after_held["status_history"].as_array().unwrap().last().unwrap()["cause"], "held");
    assert!(after_held["appointments"][0]["outcome_at"].is_string());

    // A file the expert already finished keeps its status when another conversation is booked.
    let other = app.upload(&shared(scores)).await.json();
    let other_id = other["submission_id"].as_str().unwrap().to_owned();
    let done = app
        .json(
            Method::PUT,
            &format!("/api/expert/submissions/{other_id}/status"),
            Some(&fixture.expert),
            &json!({"status": "afgerond", "outcome": "geen_actie_nodig"}),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let mut again = booking(&fixture, free[5]["start"].as_str().unwrap(), "video");
    again["email"] = json!("ander@example.org");
    again["shared_result"] = json!({"submission_id": other_id, "withdrawal_token": other["withdrawal_token"]});
    token_of(&book(&app, &fixture, &again, &key()).await);
    let kept = app.get(&format!("/api/expert/submissions/{other_id}"), Some(&fixture.expert)).await.json();
    assert_eq!(kept["status"], "afgerond");
    assert_eq!(kept["status_history"].as_array().unwrap().len(), 1, "no change was recorded");
}

/// The report app's side of a booking, through the wire contract's types: what it reads (the
/// offer, free times, the booking, the appointment) and what it sends (a `NewAppointment` whose
/// start is a `DateTime`, a `Move`), serialised as the app serialises them.
async fn the_phone_books_moves_and_cancels_with_the_wire_contracts_types(app: TestApp) {
    use werkscan_api::booking::{
        Appointment, AppointmentStatus, Booked, BookingOffer, Kind, Move, NewAppointment, Slot,
    };
    let fixture = app.fixture().await;
    available(&app, &fixture).await;
    let offer: BookingOffer = app.get(&format!("/api/c/{}/booking", fixture.code), None).await.reads_as();
    assert!(offer.open);
    assert_eq!(offer.experts[0].id, fixture.expert_id);
    let free: Vec<Slot> =
        app.get(&format!("/api/c/{}/experts/{}/slots", fixture.code, fixture.expert_id), None).await.reads_as();
    let start = |slot: &Slot| chrono::DateTime::parse_from_rfc3339(&slot.start).unwrap().to_utc();
    let request = NewAppointment {
        expert: fixture.expert_id.clone(),
        kind: Kind::Telefoon,
        start: start(&free[0]),
        name: "Sam Jansen".into(),
        email: Some("sam@example.org".into()),
        phone: Some("06 1234 5678".into()),
        lang: werkscan_core::Lang::Nl,
        shared_result: None,
        invitation: None,
    };
    let reply = book(&app, &fixture, &serde_json::to_value(&request).unwrap(), &key()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let booked: Booked = reply.reads_as();
    // The start goes out as the app writes a `DateTime` and comes back as the slot said it.
    assert_eq!(booked.appointment.start, free[0].start);
    assert_eq!((booked.appointment.status, booked.appointment.kind), (AppointmentStatus::Booked, Kind::Telefoon));
    let path = format!("/api/appointments/{}", booked.token);
    let read: Appointment = app.get(&path, None).await.reads_as();
    assert_eq!(read, booked.appointment);
    let body = serde_json::to_value(Move { start: start(&free[10]), kind: None }).unwrap();
    let moved = app.json(Method::POST, &format!("{path}/move"), None, &body).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    let moved: Appointment = moved.reads_as();
    assert_eq!(moved.start, free[10].start);
    let cancelled: Appointment = app.json(Method::POST, &format!("{path}/cancel"), None, &json!({})).await.reads_as();
    assert_eq!((cancelled.status, cancelled.changeable), (AppointmentStatus::Cancelled, false));
}

/// Many bookings at once (on SQLite committed together, each within a savepoint of its own):
/// each slot is booked once, each person holds no more than their open bookings, and a refused
/// booking leaves nothing, not even its confirmation in the outbox. Every booking stores its
/// person keys.
async fn bookings_arriving_at_once_are_each_decided_as_if_one_after_the_other(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let (fixture, free) = ready(&app).await;
    let per_person = werkscan_server::booking::routes::OPEN_BOOKINGS_PER_PERSON;
    // Ten slots, each asked for by three people; one person asks for five slots of their own.
    let mut bodies = Vec::new();
    for slot in 0..10 {
        for person in 0..3 {
            let mut body = booking(&fixture, free[slot * 2]["start"].as_str().unwrap(), "video");
            body["email"] = json!(format!("persoon.{slot}.{person}@example.org"));
            body["phone"] = Value::Null;
            bodies.push(body);
        }
    }
    for (index, email) in
        ["sam@example.org", "SAM@example.org", " sam@EXAMPLE.org", "Sam@Example.Org", "sam@example.org"]
            .iter()
            .enumerate()
    {
        let mut body = booking(&fixture, free[40 + index * 2]["start"].as_str().unwrap(), "video");
        body["email"] = json!(email);
        body["phone"] = Value::Null;
        bodies.push(body);
    }
    let tasks: Vec<_> = bodies
        .into_iter()
        .enumerate()
        .map(|(index, body)| {
            let router = app.router.clone();
            let path = format!("/api/c/{}/appointments", fixture.code);
            tokio::spawn(async move {
                let mut req = request(Method::POST, &path, None, Some(&body));
                req.headers_mut().insert("x-forwarded-for", format!("198.51.100.{}", index + 1).parse().unwrap());
                send(&router, req).await
            })
        })
        .collect();
    let mut refusals = BTreeMap::new();
    let mut created = 0;
    for task in tasks {
        let reply = task.await.unwrap();
        match reply.status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => *refusals.entry(reply.code()).or_insert(0) += 1,
            status => panic!("{status}: {}", reply.text()),
        }
    }
    assert_eq!(created, 10 + per_person);
    assert_eq!(
        refusals,
        BTreeMap::from([("slot_taken".to_owned(), 20), ("too_many_open_bookings".to_owned(), 5 - per_person)])
    );
    let pool = &app.db().pool;
    let per_slot: Vec<i64> =
        sqlx::query_scalar("SELECT COUNT(*) FROM appointments GROUP BY starts_at").fetch_all(pool).await.unwrap();
    assert!(per_slot.iter().all(|n| *n == 1), "{per_slot:?}");
    let sam: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE LOWER(TRIM(email)) = 'sam@example.org'")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(sam as usize, per_person);
    assert_eq!(app.count("appointments", None).await, created as i64);
    // The outbox holds the mails of the bookings made (a confirmation, a reminder), none of a refused one.
    let (mailed, orphans): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(DISTINCT appointment_id), COUNT(*) - COUNT(a.id) FROM outbox o LEFT JOIN appointments a ON a.id = o.appointment_id \
         WHERE o.appointment_id IS NOT NULL",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!((mailed, orphans), (created as i64, 0));
    let keys: Vec<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT email, email_key FROM appointments").fetch_all(pool).await.unwrap();
    for (email, key) in keys {
        let expected = werkscan_server::util::sha256_hex(&format!("email|{}", email.unwrap().trim().to_lowercase()));
        assert_eq!(key, Some(expected));
    }
}

/// Bookings stored before the person keys (migration 0023) have none: the server gives them
/// theirs when it starts, and from then on they count towards their person's open bookings.
async fn bookings_stored_before_the_person_keys_count_once_the_server_starts(app: TestApp) {
    let (fixture, free) = ready(&app).await;
    let campaign = fixture.campaign["id"].as_str().unwrap();
    for (index, (email, phone)) in
        [("Sam@Example.org", None), ("iemand@example.org", Some("+31 6 1234 5678"))].iter().enumerate()
    {
        let start =
            chrono::DateTime::parse_from_rfc3339(free[index * 3]["start"].as_str().unwrap()).unwrap().timestamp();
        sqlx::query(
            "INSERT INTO appointments (id, campaign_id, expert_id, kind, starts_at, ends_at, blocked_until, status, active, name, email, phone, lang, \
             key_hash, request_hash, ics_uid, sequence, created_at, updated_at, expires_at) \
             VALUES ($1, $2, $3, 'video', $4, $5, $5, 'booked', 1, 'Sam', $6, $7, 'nl', $1, $1, $1, 0, $8, $8, $9)",
        )
        .bind(format!("earlier-{index}"))
        .bind(campaign.to_owned())
        .bind(&fixture.expert_id)
        .bind(start)
        .bind(start + 45 * 60)
        .bind(email.to_owned())
        .bind(phone.map(str::to_owned))
        .bind(now())
        .bind(now() + 400 * 86_400)
        .execute(&app.db().pool)
        .await
        .unwrap();
    }
    let unkeyed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE email_key IS NULL")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(unkeyed, 2);
    assert_eq!(werkscan_server::booking::routes::fill_person_keys(app.db()).await.unwrap(), 2);
    assert_eq!(werkscan_server::booking::routes::fill_person_keys(app.db()).await.unwrap(), 0, "once only");
    // Sam's address and the other person's number (written otherwise) now hold an open booking each:
    // one more is allowed, a second is not.
    let mut same = booking(&fixture, free[20]["start"].as_str().unwrap(), "telefoon");
    same["email"] = json!(" sam@example.ORG");
    same["phone"] = json!("06-12345678");
    assert_eq!(book(&app, &fixture, &same, &key()).await.status, StatusCode::CREATED);
    same["start"] = free[24]["start"].clone();
    let refused = book(&app, &fixture, &same, &key()).await;
    assert_eq!((refused.status, refused.code().as_str()), (StatusCode::CONFLICT, "too_many_open_bookings"));
}

/// [`werkscan_server::db::Db::write_together`]: work that fails leaves nothing while the work
/// committed with it stays, each caller gets its own outcome, and (SQLite's group writer) a work
/// that panics takes no other caller down.
async fn work_written_together_keeps_each_outcome_its_own(app: TestApp) {
    let tasks: Vec<_> = (0..24i64)
        .map(|index| {
            let db = app.db().clone();
            tokio::spawn(async move {
                db.write_together(move |mut tx| async move {
                    let outcome = async {
                        sqlx::query("INSERT INTO rate_attempts (key_hash, at) VALUES ($1, $2)")
                            .bind(format!("together-{index}"))
                            .bind(index)
                            .execute(&mut *tx)
                            .await?;
                        if index % 3 == 0 {
                            // A second row under the same key, then a refusal: neither stays.
                            sqlx::query("INSERT INTO rate_attempts (key_hash, at) VALUES ($1, $2)")
                                .bind(format!("together-{index}"))
                                .bind(-index)
                                .execute(&mut *tx)
                                .await?;
                            return Err(sqlx::Error::Protocol(format!("refused {index}")));
                        }
                        let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_attempts WHERE key_hash = $1")
                            .bind(format!("together-{index}"))
                            .fetch_one(&mut *tx)
                            .await?;
                        Ok(seen)
                    }
                    .await;
                    (tx, outcome)
                })
                .await
            })
        })
        .collect();
    for (index, task) in tasks.into_iter().enumerate() {
        match task.await.unwrap() {
            Ok(seen) => assert!(index % 3 != 0 && seen == 1, "{index}: {seen}"),
            Err(error) => {
                assert!(index % 3 == 0 && error.to_string().contains(&format!("refused {index}")), "{index}: {error}")
            }
        }
    }
    let stored: Vec<(String, i64)> =
        sqlx::query_as("SELECT key_hash, at FROM rate_attempts WHERE key_hash LIKE 'together-%' ORDER BY at")
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    let expected: Vec<(String, i64)> =
        (0..24).filter(|index| index % 3 != 0).map(|index| (format!("together-{index}"), index)).collect();
    assert_eq!(stored, expected);
    if app.db().backend == werkscan_server::db::Backend::Sqlite {
        let panicked = app
            .db()
            .write_together(|tx| async move {
                if std::hint::black_box(true) {
                    panic!("a bug in a write (this test's own)");
                }
                (tx, Ok::<(), sqlx::Error>(()))
            })
            .await;
        assert!(panicked.is_err());
    }
    let after: i64 = app
        .db()
        .write_together(|mut tx| async move {
            let outcome = sqlx::query_scalar("SELECT COUNT(*) FROM rate_attempts").fetch_one(&mut *tx).await;
            (tx, outcome)
        })
        .await
        .unwrap();
    assert_eq!(after, 16, "the writer goes on after a work that panicked");
}
