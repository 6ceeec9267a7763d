//! Telling the arbeidsdeskundige what arrived (issue #20): unread counts that rise with a share
//! and a booking and clear when seen, a daily digest read from a loopback SMTP server with no
//! name or health word in it, and a private calendar feed parsed as iCalendar.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use werkscan_server::expert::notifications::queue_due_digests;
use werkscan_server::mail::{send_due, Smtp};

use crate::support::{everything, request, submission, Fixture, Session, SmtpServer, TestApp};

on_both_databases!(
    unread_counts_rise_with_shares_and_bookings_and_clear_when_seen,
    the_digest_says_how_many_and_nothing_about_anyone_once_a_day_at_the_chosen_hour,
    the_calendar_feed_shows_the_experts_appointments_without_names_and_can_be_renewed,
);

async fn counts(app: &TestApp, session: &Session) -> Value {
    let reply = app.get("/api/expert/notifications", Some(session)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

/// Opens the expert's hours every day and books the first free time for "Sam Jansen".
async fn book_one(app: &TestApp, fixture: &Fixture, slot: usize) -> String {
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let availability = json!({
        "schedule": { "weekly": days.iter().map(|day| json!({"weekday": day, "start": "08:00:00", "end": "18:00:00"})).collect::<Vec<_>>() },
        "kinds": [{"kind": "telefoon"}, {"kind": "locatie", "detail": "Stationsplein 1, Utrecht"}],
    });
    assert_eq!(
        app.json(Method::PUT, "/api/expert/availability", Some(&fixture.expert), &availability).await.status,
        StatusCode::OK
    );
    let slots = app.get(&format!("/api/c/{}/experts/{}/slots", fixture.code, fixture.expert_id), None).await.json();
    let body = json!({
        "expert": fixture.expert_id, "kind": "locatie", "start": slots[slot]["start"], "name": "Sam Jansen",
        "email": "sam@example.org", "phone": "06 1234 5678", "lang": "nl",
    });
    let mut req = request(Method::POST, &format!("/api/c/{}/appointments", fixture.code), None, Some(&body));
    req.headers_mut().insert("idempotency-key", werkscan_server::util::new_token().parse().unwrap());
    let reply = app.send(req).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()["token"].as_str().unwrap().to_owned()
}

async fn unread_counts_rise_with_shares_and_bookings_and_clear_when_seen(app: TestApp) {
    let fixture = app.fixture().await;
    let start = counts(&app, &fixture.expert).await;
    assert_eq!((start["new_shares"].as_i64(), start["changed_appointments"].as_i64()), (Some(0), Some(0)));
    assert_eq!(start["digest"], json!({"on": true, "hour": 8}));
    // A share and a booking arrive.
    assert_eq!(app.upload(&submission(&fixture, everything())).await.status, StatusCode::CREATED);
    // Group figures alone are not shared with the expert: no news for them.
    let group_only = werkscan_core::ConsentChoices { group_figures: true, ..Default::default() };
    assert_eq!(app.upload(&submission(&fixture, group_only)).await.status, StatusCode::CREATED);
    let token = book_one(&app, &fixture, 0).await;
    let now_counts = counts(&app, &fixture.expert).await;
    assert_eq!((now_counts["new_shares"].as_i64(), now_counts["changed_appointments"].as_i64()), (Some(1), Some(1)));
    // The other expert of the practice, not on this campaign, sees none of it.
    let other = counts(&app, &fixture.other_expert).await;
    assert_eq!((other["new_shares"].as_i64(), other["changed_appointments"].as_i64()), (Some(0), Some(0)));
    // Seen: cleared, each kind by itself.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let seen = app
        .json(Method::POST, "/api/expert/notifications/seen", Some(&fixture.expert), &json!({"kind": "shares"}))
        .await;
    assert_eq!(seen.status, StatusCode::NO_CONTENT, "{}", seen.text());
    let after = counts(&app, &fixture.expert).await;
    assert_eq!((after["new_shares"].as_i64(), after["changed_appointments"].as_i64()), (Some(0), Some(1)));
    app.json(Method::POST, "/api/expert/notifications/seen", Some(&fixture.expert), &json!({"kind": "appointments"}))
        .await;
    assert_eq!(counts(&app, &fixture.expert).await["changed_appointments"].as_i64(), Some(0));
    // The person cancels: that is news again; the expert's own cancellation would not be.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let cancel = app.json(Method::POST, &format!("/api/appointments/{token}/cancel"), None, &json!({})).await;
    assert!(cancel.status.is_success(), "{}", cancel.text());
    assert_eq!(counts(&app, &fixture.expert).await["changed_appointments"].as_i64(), Some(1));
    // Only experts have counts; a made-up kind is refused.
    assert_eq!(app.get("/api/expert/notifications", Some(&fixture.employer)).await.status, StatusCode::FORBIDDEN);
    let odd = app
        .json(Method::POST, "/api/expert/notifications/seen", Some(&fixture.expert), &json!({"kind": "everything"}))
        .await;
    assert_eq!(odd.status, StatusCode::BAD_REQUEST);
}

async fn the_digest_says_how_many_and_nothing_about_anyone_once_a_day_at_the_chosen_hour(app: TestApp) {
    let fixture = app.fixture().await;
    let smtp_server = SmtpServer::start().await;
    let smtp = Smtp { url: smtp_server.url(), from: "Werkscan <noreply@werkscan.example>".into() };
    // Nothing new: no digest.
    let tomorrow_nine = chrono::Local::now().date_naive().succ_opt().unwrap().and_hms_opt(9, 0, 0).unwrap();
    let at = |time: chrono::NaiveDateTime| time.and_local_timezone(chrono_tz::Europe::Amsterdam).unwrap().timestamp();
    assert_eq!(queue_due_digests(&app.state, at(tomorrow_nine)).await.unwrap(), 0);
    assert_eq!(app.upload(&submission(&fixture, everything())).await.status, StatusCode::CREATED);
    assert_eq!(app.upload(&submission(&fixture, everything())).await.status, StatusCode::CREATED);
    book_one(&app, &fixture, 3).await;
    // The chosen hour has not come yet.
    let set = app
        .json(Method::PUT, "/api/expert/notifications/digest", Some(&fixture.expert), &json!({"on": true, "hour": 10}))
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text());
    assert_eq!(queue_due_digests(&app.state, at(tomorrow_nine)).await.unwrap(), 0);
    let tomorrow_ten = tomorrow_nine + chrono::Duration::hours(1);
    let digests = |app: &TestApp| {
        let pool = app.db().pool.clone();
        async move {
            let recipients: Vec<String> =
                sqlx::query_scalar("SELECT recipient FROM outbox WHERE kind = 'digest' ORDER BY recipient")
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            recipients
        }
    };
    queue_due_digests(&app.state, at(tomorrow_ten)).await.unwrap();
    assert!(digests(&app).await.contains(&"ad@test.example".to_owned()), "{:?}", digests(&app).await);
    let queued = digests(&app).await.len();
    assert_eq!(digests(&app).await, ["ad@test.example"], "only the expert with news");
    // At most once a day, even asked again (a second instance, a restart).
    assert_eq!(queue_due_digests(&app.state, at(tomorrow_ten + chrono::Duration::minutes(5))).await.unwrap(), 0);
    assert_eq!(digests(&app).await.len(), queued);
    send_due(app.db(), &smtp, at(tomorrow_ten) + 60).await.unwrap();
    let messages = smtp_server.messages();
    let mail =
        messages.iter().find(|mail| mail.contains("To: ad@test.example")).expect("the digest reached the mail server");
    assert!(mail.contains("To: ad@test.example"), "{mail}");
    let body = mail.to_lowercase();
    assert!(mail.contains("2 nieuwe uitkomsten") && mail.contains("1 nieuwe of gewijzigde afspraak"), "{mail}");
    for never in
        ["sam", "jansen", "noor", "gezond", "score", "klacht", "verzuim", "werkvermogen", "aandacht", "verpleging"]
    {
        assert!(!body.contains(never), "\"{never}\" in the digest:\n{mail}");
    }
    // The next day, nothing new since: no digest. Off: none either.
    queue_due_digests(&app.state, at(tomorrow_ten + chrono::Duration::days(1))).await.unwrap();
    assert_eq!(digests(&app).await.len(), queued, "nothing new since the last digest");
    app.upload(&submission(&fixture, everything())).await;
    app.json(Method::PUT, "/api/expert/notifications/digest", Some(&fixture.expert), &json!({"on": false, "hour": 10}))
        .await;
    queue_due_digests(&app.state, at(tomorrow_ten + chrono::Duration::days(2))).await.unwrap();
    assert_eq!(digests(&app).await.iter().filter(|to| *to == "ad@test.example").count(), 1, "switched off");
    let bad = app
        .json(Method::PUT, "/api/expert/notifications/digest", Some(&fixture.expert), &json!({"on": true, "hour": 24}))
        .await;
    assert_eq!((bad.status, bad.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_hour"));
}

async fn the_calendar_feed_shows_the_experts_appointments_without_names_and_can_be_renewed(app: TestApp) {
    let fixture = app.fixture().await;
    let kept = book_one(&app, &fixture, 0).await;
    let cancelled = book_one(&app, &fixture, 5).await;
    app.json(Method::POST, &format!("/api/appointments/{cancelled}/cancel"), None, &json!({})).await;
    let made = app.json(Method::POST, "/api/expert/calendar-feed", Some(&fixture.expert), &json!({})).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    let url = made.json()["url"].as_str().unwrap().to_owned();
    let path = &url[url.find("/api/").unwrap()..];
    assert!(counts(&app, &fixture.expert).await["feed_since"].is_string());
    let reply = app.get(path, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(reply.headers.get("content-type").unwrap().to_str().unwrap().starts_with("text/calendar"));
    let ics = reply.text();
    let calendar = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes())).next().unwrap().unwrap();
    let value = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
    };
    let statuses: Vec<String> = calendar.events.iter().map(|event| value(event, "STATUS")).collect();
    assert_eq!(statuses, ["CONFIRMED", "CANCELLED"]);
    for event in &calendar.events {
        assert_eq!(value(event, "CLASS"), "PRIVATE");
        assert_eq!(value(event, "SUMMARY"), "Adviesgesprek (op locatie)");
        assert_eq!(value(event, "LOCATION").replace('\\', ""), "Stationsplein 1, Utrecht");
    }
    let lower = ics.to_lowercase();
    for never in ["sam", "jansen", "example.org", "06 1234", "score", "gezond"] {
        assert!(!lower.contains(never), "\"{never}\" in the feed:\n{ics}");
    }
    assert!(!kept.is_empty());
    // Renewed: the old address stops working at once. Stopped: no address works.
    let renewed = app.json(Method::POST, "/api/expert/calendar-feed", Some(&fixture.expert), &json!({})).await.json();
    assert_eq!(app.get(path, None).await.code(), "feed_not_found");
    let new_url = renewed["url"].as_str().unwrap();
    let new_path = &new_url[new_url.find("/api/").unwrap()..];
    assert_eq!(app.get(new_path, None).await.status, StatusCode::OK);
    assert_eq!(
        app.send(request(Method::DELETE, "/api/expert/calendar-feed", Some(&fixture.expert), None)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.get(new_path, None).await.status, StatusCode::NOT_FOUND);
    // A deactivated expert's feed stops too; guesses get the same answer.
    let again = app.json(Method::POST, "/api/expert/calendar-feed", Some(&fixture.expert), &json!({})).await.json();
    let again_url = again["url"].as_str().unwrap();
    let again_path = &again_url[again_url.find("/api/").unwrap()..];
    assert_eq!(app.get(again_path, None).await.status, StatusCode::OK);
    sqlx::query("UPDATE users SET active = 0 WHERE id = $1")
        .bind(&fixture.expert_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(app.get(again_path, None).await.code(), "feed_not_found");
    assert_eq!(app.get("/api/calendar-feed/0000.ics", None).await.code(), "feed_not_found");
    assert_eq!(
        app.json(Method::POST, "/api/expert/calendar-feed", Some(&fixture.employer), &json!({})).await.status,
        StatusCode::FORBIDDEN
    );
}
