//! "Mijn gegevens" (issue #18, art. 15 and 20 AVG): with the withdrawal code or the receipt, the
//! person downloads everything the server holds about their upload, and nothing else.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{json, Value};
use werkscan_core::ConsentChoices;

use crate::support::{everything, submission, wrong_until_limited, Reply, TestApp, FIXTURE_PRACTICE};

on_both_databases!(
    the_download_holds_what_was_uploaded_and_what_the_expert_added,
    wrong_codes_share_one_budget_with_withdrawal_codes,
    a_withdrawn_upload_gives_nothing,
    a_group_figures_only_upload_gives_only_what_it_holds,
);

/// A download by code from an address (the app trusts one proxy in these tests).
fn by_code(code: &str, address: &str) -> Request<Body> {
    from(&json!({ "code": code }), "/api/my-data", address)
}

/// A withdrawal by code from an address.
fn withdraw_by_code(code: &str, address: &str) -> Request<Body> {
    from(&json!({ "code": code }), "/api/withdrawals", address)
}

fn from(body: &Value, path: &str, address: &str) -> Request<Body> {
    let mut request = crate::support::request(Method::POST, path, None, Some(body));
    request.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
    request
}

/// A download with the receipt the phone keeps.
async fn by_receipt(app: &TestApp, receipt: &Value) -> Reply {
    let body = json!({ "submission_id": receipt["submission_id"], "withdrawal_token": receipt["withdrawal_token"] });
    app.json(Method::POST, "/api/my-data", None, &body).await
}

async fn the_download_holds_what_was_uploaded_and_what_the_expert_added(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let fixture = app.fixture().await;
    let mut upload = submission(&fixture, everything());
    upload.contact.as_mut().unwrap().note = Some("Liefst na 15.00 uur".into());
    let receipt = app.upload(&upload).await;
    assert_eq!(receipt.status, StatusCode::CREATED, "{}", receipt.text());
    let receipt = receipt.json();
    let id = receipt["submission_id"].as_str().unwrap().to_owned();
    let code = receipt["withdrawal_code"].as_str().unwrap().to_owned();
    // Someone else's upload in the same campaign, with other contact details.
    let mut other = submission(&fixture, everything());
    other.contact.as_mut().unwrap().name = "Iemand Anders".into();
    let other = app.upload(&other).await.json();

    // Typed on another device, in small letters: exactly what was uploaded.
    let reply = app.send(by_code(&code.to_lowercase(), "198.51.100.4")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let data = reply.json();
    assert_eq!(data["submission_id"], id.as_str());
    assert_eq!(data["campaign"], json!({ "code": fixture.code, "name": "Werkscan zorg 2026" }));
    assert_eq!(data["department"], "Verpleging");
    assert_eq!(data["questionnaire"]["id"], upload.definition.as_str());
    assert_eq!(data["questionnaire"]["version"], upload.version.as_str());
    assert_eq!(data["questionnaire"]["content_hash"], upload.content_hash.as_str());
    assert_eq!(data["submitted_at"], receipt["submitted_at"]);
    assert_eq!(data["answers"], serde_json::to_value(upload.answers.as_ref().unwrap()).unwrap());
    assert_eq!(data["contact"], serde_json::to_value(upload.contact.as_ref().unwrap()).unwrap());
    assert_eq!(data["result"], serde_json::to_value(upload.result.as_ref().unwrap()).unwrap());
    assert!(data["signal"].is_string(), "{data}");
    let consent = &data["consent"];
    assert_eq!(consent["text_version"], upload.consent.text_version.as_str());
    assert_eq!(consent["lang"], "nl");
    assert_eq!(consent["choices"], serde_json::to_value(everything()).unwrap());
    assert_eq!(consent["values"], serde_json::to_value(&fixture.consent_values).unwrap());
    // The words the person read: the text filled with the campaign's values.
    let words = werkscan_core::consent_document().filled(&fixture.consent_values);
    assert_eq!(consent["text"], serde_json::to_value(&words).unwrap());
    assert!(consent["text"].to_string().contains(FIXTURE_PRACTICE));
    assert_eq!(data["responsible"]["name"], FIXTURE_PRACTICE);
    assert_eq!(data["responsible"]["contact"], "privacy@arbopraktijk.example");
    let deletes: String = data["delete_after"].as_str().unwrap().to_owned();
    assert!(deletes.as_str() > data["submitted_at"].as_str().unwrap(), "{deletes}");
    assert_eq!(data["expert_file"], json!({ "status": "nieuw", "status_history": [], "notes": [], "actions": [] }));
    assert_eq!(data["appointments"], json!([]));
    // The receipt on the phone gives the very same.
    let by_token = by_receipt(&app, &receipt).await;
    assert_eq!(by_token.status, StatusCode::OK, "{}", by_token.text());
    assert_eq!(by_token.json(), data);

    // The arbeidsdeskundige records things about the person and they book a conversation.
    let expert = &fixture.expert;
    let path = format!("/api/expert/submissions/{id}");
    let note = app
        .json(
            Method::POST,
            &format!("{path}/notes"),
            Some(expert),
            &json!({"body": "Gebeld, terugbellen volgende week."}),
        )
        .await;
    assert_eq!(note.status, StatusCode::CREATED, "{}", note.text());
    let action =
        json!({"owner": "employee", "description": "Rooster bespreken met de leidinggevende", "due_on": "2027-01-15"});
    assert_eq!(
        app.json(Method::POST, &format!("{path}/actions"), Some(expert), &action).await.status,
        StatusCode::CREATED
    );
    let status =
        app.json(Method::PUT, &format!("{path}/status"), Some(expert), &json!({"status": "contact_gezocht"})).await;
    assert_eq!(status.status, StatusCode::OK, "{}", status.text());
    let weekly: Vec<Value> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .map(|day| json!({"weekday": day, "start": "08:00:00", "end": "18:00:00"}))
        .collect();
    let availability = json!({
        "schedule": {
            "time_zone": "Europe/Amsterdam",
            "weekly": weekly,
            "slot_minutes": 45,
            "buffer_minutes": 15,
        },
        "kinds": [{"kind": "locatie", "detail": "Stationsplein 1, Utrecht"}],
    });
    assert_eq!(
        app.json(Method::PUT, "/api/expert/availability", Some(expert), &availability).await.status,
        StatusCode::OK
    );
    let slots = app.get(&format!("/api/c/{}/experts/{}/slots", fixture.code, fixture.expert_id), None).await.json();
    let booking = json!({
        "expert": fixture.expert_id, "kind": "locatie", "start": slots[0]["start"], "name": "Sam Jansen",
        "email": "sam@example.org", "lang": "nl",
        "shared_result": { "submission_id": id, "withdrawal_token": receipt["withdrawal_token"] },
    });
    let booked = app.json(Method::POST, &format!("/api/c/{}/appointments", fixture.code), None, &booking).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text());
    let appointment_token = booked.json()["token"].as_str().unwrap().to_owned();
    let listed = app.get("/api/expert/appointments", Some(expert)).await.json();
    let appointment_id = listed[0]["id"].as_str().unwrap().to_owned();
    let cancel = app
        .json(
            Method::POST,
            &format!("/api/expert/appointments/{appointment_id}/cancel"),
            Some(expert),
            &json!({"reason": "Ik ben ziek."}),
        )
        .await;
    assert!(cancel.status.is_success(), "{}", cancel.text());
    // Another booking, not linked to the upload: not part of it.
    let unlinked = json!({"expert": fixture.expert_id, "kind": "locatie", "start": slots[3]["start"], "name": "Iemand Anders", "email": "anders@example.org", "lang": "nl"});
    assert_eq!(
        app.json(Method::POST, &format!("/api/c/{}/appointments", fixture.code), None, &unlinked).await.status,
        StatusCode::CREATED
    );

    let reply = app.send(by_code(&code, "198.51.100.4")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let data = reply.json();
    let file = &data["expert_file"];
    // Booking with the result linked moved the file on, and the download says why.
    assert_eq!(file["status"], "gesprek_gepland");
    assert_eq!(file["status_history"].as_array().unwrap().len(), 2);
    assert_eq!(file["status_history"][0]["status"], "contact_gezocht");
    assert_eq!(
        (file["status_history"][1]["status"].as_str(), file["status_history"][1]["cause"].as_str()),
        (Some("gesprek_gepland"), Some("booked"))
    );
    assert!(file["status_history"][0]["by"].is_string());
    assert_eq!(file["notes"].as_array().unwrap().len(), 1);
    assert_eq!(file["notes"][0]["body"], "Gebeld, terugbellen volgende week.");
    assert_eq!(file["actions"][0]["description"], "Rooster bespreken met de leidinggevende");
    assert_eq!(file["actions"][0]["owner"], "employee");
    assert_eq!(file["actions"][0]["due_on"], "2027-01-15");
    let appointments = data["appointments"].as_array().unwrap();
    assert_eq!(appointments.len(), 1, "{data}");
    let appointment = &appointments[0];
    assert_eq!(appointment["kind"], "locatie");
    assert_eq!(appointment["place"], "Stationsplein 1, Utrecht");
    assert_eq!(appointment["status"], "cancelled");
    assert_eq!(appointment["start"], slots[0]["start"]);
    assert_eq!(appointment["name"], "Sam Jansen");
    let events: Vec<&str> =
        appointment["history"].as_array().unwrap().iter().map(|event| event["event"].as_str().unwrap()).collect();
    assert_eq!(events, ["booked", "cancelled"]);
    assert_eq!(appointment["history"][1]["by"], "expert");
    assert_eq!(appointment["history"][1]["reason"], "Ik ben ziek.");

    // Nothing about anyone else, and no ids the person cannot use.
    let text = reply.text();
    for secret in [
        "Iemand Anders",
        "anders@example.org",
        other["submission_id"].as_str().unwrap(),
        fixture.campaign["id"].as_str().unwrap(),
        &fixture.expert_id,
        &fixture.org_id,
        &appointment_id,
        &appointment_token,
        receipt["withdrawal_token"].as_str().unwrap(),
        &code,
        // The employer (the expert's name is in it: they wrote the note, and the consent names them).
        "hr@test.example",
    ] {
        assert!(!text.contains(secret), "the download holds {secret}");
    }
    // The practice may see that the person downloaded their data, not what.
    let audit: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT actor_user_id, detail FROM audit_log WHERE action = 'person_download' AND submission_id = $1",
    )
    .bind(&id)
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(audit, vec![(None, None); 3]);

    // Right codes never count: many downloads from one address, then a wrong code is still looked up.
    for _ in 0..werkscan_server::submissions::limits::FREE_WRONG_CODES + 3 {
        assert_eq!(app.send(by_code(&code, "198.51.100.4")).await.status, StatusCode::OK);
    }
    let wrong = app.send(by_code("AAAA-BBBB-CCCC-DDDD", "198.51.100.4")).await;
    assert_eq!((wrong.status, wrong.code().as_str()), (StatusCode::NOT_FOUND, "withdrawal_code_not_found"));
}

async fn wrong_codes_share_one_budget_with_withdrawal_codes(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let fixture = app.fixture().await;
    let free = werkscan_server::submissions::limits::FREE_WRONG_CODES;
    let kept = app.upload(&submission(&fixture, everything())).await.json();
    let right = kept["withdrawal_code"].as_str().unwrap().to_owned();
    // Text that cannot be a code is refused without counting.
    for _ in 0..free + 3 {
        let reply = app.send(by_code("geen code", "203.0.113.9")).await;
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_withdrawal_code")
        );
    }
    // The free wrong codes, half here and half at the withdrawal: each looked up, none found.
    for attempt in 0..free {
        let request = if attempt % 2 == 0 {
            by_code("AAAA-BBBB-CCCC-DDDD", "203.0.113.9")
        } else {
            withdraw_by_code("AAAA-BBBB-CCCC-DDDD", "203.0.113.9")
        };
        let reply = app.send(request).await;
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (StatusCode::NOT_FOUND, "withdrawal_code_not_found"),
            "attempt {attempt}"
        );
    }
    // Then quick guesses wait, a short while at first.
    let limited = wrong_until_limited(&app, || by_code("AAAA-BBBB-CCCC-DDDE", "203.0.113.9")).await;
    let wait: u64 = limited.header("retry-after").parse().unwrap();
    assert!((1..=8).contains(&wait), "Retry-After {wait}");
    // A guesser who kept going waits the longest, at either door, and meanwhile the right code
    // waits too; the guesses withdrew nothing.
    app.add_wrong_codes("203.0.113.9", 10).await;
    let longest = werkscan_server::submissions::limits::LONGEST_CODE_WAIT_SECONDS;
    for request in [withdraw_by_code("AAAA-BBBB-CCCC-DDDE", "203.0.113.9"), by_code(&right, "203.0.113.9")] {
        let reply = app.send(request).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_wrong_codes"));
        let wait: i64 = reply.header("retry-after").parse().unwrap();
        assert!((longest - 60..=longest).contains(&wait), "Retry-After {wait}");
    }
    assert_eq!(app.count("submissions", Some(kept["submission_id"].as_str().unwrap())).await, 1);
    // Another address is not affected; after the wait the right code is looked at again.
    assert_eq!(app.send(by_code(&right, "198.51.100.8")).await.status, StatusCode::OK);
    app.wait_out_codes("203.0.113.9", longest).await;
    assert_eq!(app.send(by_code(&right, "203.0.113.9")).await.status, StatusCode::OK);
}

async fn a_withdrawn_upload_gives_nothing(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let fixture = app.fixture().await;
    let receipt = app.upload(&submission(&fixture, everything())).await.json();
    let code = receipt["withdrawal_code"].as_str().unwrap().to_owned();
    assert_eq!(by_receipt(&app, &receipt).await.status, StatusCode::OK);
    // A wrong token with the right id, or half a receipt, finds nothing.
    let wrong = json!({ "submission_id": receipt["submission_id"], "withdrawal_token": "0".repeat(64) });
    let reply = app.json(Method::POST, "/api/my-data", None, &wrong).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::NOT_FOUND, "submission_not_found"));
    for body in [
        json!({}),
        json!({ "submission_id": receipt["submission_id"] }),
        json!({ "code": code, "withdrawal_token": receipt["withdrawal_token"] }),
    ] {
        let reply = app.json(Method::POST, "/api/my-data", None, &body).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_body"), "{body}");
    }
    let unknown = app.json(Method::POST, "/api/my-data", None, &json!({ "code": code, "extra": 1 })).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);

    let withdrawn = app.send(withdraw_by_code(&code, "198.51.100.4")).await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text());
    let by_code_now = app.send(by_code(&code, "198.51.100.4")).await;
    assert_eq!((by_code_now.status, by_code_now.code().as_str()), (StatusCode::NOT_FOUND, "withdrawal_code_not_found"));
    let by_token_now = by_receipt(&app, &receipt).await;
    assert_eq!((by_token_now.status, by_token_now.code().as_str()), (StatusCode::NOT_FOUND, "submission_not_found"));
}

async fn a_group_figures_only_upload_gives_only_what_it_holds(app: TestApp) {
    let fixture = app.fixture().await;
    let choices = ConsentChoices { group_figures: true, ..ConsentChoices::default() };
    let upload = submission(&fixture, choices);
    let reply = app.upload(&upload).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let receipt = reply.json();
    let download = by_receipt(&app, &receipt).await;
    assert_eq!(download.status, StatusCode::OK, "{}", download.text());
    let data = download.json();
    assert_eq!(data["consent"]["choices"], serde_json::to_value(choices).unwrap());
    // What the upload holds: the scores for the figures, and no more.
    let stored: i64 = app.count("submission_scores", Some(receipt["submission_id"].as_str().unwrap())).await;
    assert_eq!(data["result"]["scores"].as_array().map_or(0, Vec::len) as i64, stored);
    assert_eq!(data["result"]["flags"], json!([]));
    assert!(stored > 0, "a group-figures upload keeps its scores for the figures");
    let sent: Vec<&str> = upload.result.as_ref().unwrap().scores.iter().map(|score| score.id.as_str()).collect();
    for score in data["result"]["scores"].as_array().unwrap() {
        assert!(sent.contains(&score["id"].as_str().unwrap()), "{score}");
    }
    assert_eq!(data["answers"], Value::Null);
    assert_eq!(data["contact"], Value::Null);
    assert_eq!(data["department"], serde_json::to_value(&upload.department).unwrap());
    assert_eq!(data["expert_file"], json!({ "status": "nieuw", "status_history": [], "notes": [], "actions": [] }));
    assert_eq!(data["appointments"], json!([]));
    assert!(!download.text().contains("Sam Jansen"));
}
