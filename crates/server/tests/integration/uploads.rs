//! Uploads: consent rules, tampering, what is stored, and refusals that store nothing.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;
use werkscan_core::ConsentChoices;

use crate::support::{everything, submission, TestApp};

on_both_databases!(
    upload_without_consent_is_refused,
    upload_of_everything_is_stored_with_a_receipt,
    tampered_score_with_answers_is_refused,
    tampered_score_without_answers_is_refused,
    answers_are_not_stored_without_consent,
    contact_is_not_stored_without_consent,
    closed_or_unknown_campaigns_refuse_uploads,
    bad_bodies_are_refused_and_nothing_is_stored,
    department_and_definition_must_fit_the_campaign,
    older_definition_versions_stay_checkable,
    concurrent_uploads_are_all_stored_and_a_bad_one_fails_alone,
    a_failed_batch_is_retried_one_by_one,
);

async fn upload_without_consent_is_refused(app: TestApp) {
    let fixture = app.fixture().await;
    let reply = app.upload(&submission(&fixture, ConsentChoices::default())).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.code(), "no_consent");
    assert!(!reply.json()["error"]["message"].as_str().unwrap().is_empty());
    assert_eq!(app.stored().await, [0; 6]);
}

async fn upload_of_everything_is_stored_with_a_receipt(app: TestApp) {
    let fixture = app.fixture().await;
    let sub = submission(&fixture, everything());
    let reply = app.upload(&sub).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let receipt = reply.json();
    let id = receipt["submission_id"].as_str().unwrap();
    assert_eq!(receipt["campaign"], fixture.code);
    assert_eq!(receipt["withdrawal_token"].as_str().unwrap().len(), 64);
    assert_eq!(receipt["shared"], json!({"share_scores": true, "share_answers": true, "contact_me": true, "group_figures": true}));
    assert!(chrono::DateTime::parse_from_rfc3339(receipt["submitted_at"].as_str().unwrap()).is_ok());
    let scores = sub.result.as_ref().unwrap().scores.len() as i64;
    assert_eq!(app.count("submissions", Some(id)).await, 1);
    assert_eq!(app.count("submission_scores", Some(id)).await, scores);
    assert_eq!(app.count("submission_answers", Some(id)).await, 1);
    assert_eq!(app.count("submission_contacts", Some(id)).await, 1);
    // The token is stored only as its hash.
    let stored: String = sqlx::query_scalar("SELECT withdrawal_hash FROM submissions WHERE id = $1")
        .bind(id.to_owned())
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_ne!(stored, receipt["withdrawal_token"].as_str().unwrap());
    assert_eq!(stored, werkscan_server::util::sha256_hex(receipt["withdrawal_token"].as_str().unwrap()));
    let consent: (String, String) = {
        use sqlx::Row;
        let row = sqlx::query("SELECT consent_version, consent_lang FROM submissions WHERE id = $1")
            .bind(id.to_owned())
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        (row.get("consent_version"), row.get("consent_lang"))
    };
    assert_eq!(consent, (werkscan_core::CONSENT_VERSION.to_owned(), "nl".to_owned()));
}

async fn tampered_score_with_answers_is_refused(app: TestApp) {
    let fixture = app.fixture().await;
    let mut sub = submission(&fixture, everything());
    let score = &mut sub.result.as_mut().unwrap().scores[0];
    score.value = score.value.map(|value| if value >= 50.0 { value - 10.0 } else { value + 10.0 });
    let reply = app.upload(&sub).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.code(), "score_mismatch");
    assert_eq!(app.stored().await, [0; 6]);
}

async fn tampered_score_without_answers_is_refused(app: TestApp) {
    let fixture = app.fixture().await;
    let choices = ConsentChoices { share_scores: true, group_figures: true, ..Default::default() };
    let banded = fixture.definition.scores.iter().position(|score| score.bands.is_some()).unwrap();

    let mut out_of_range = submission(&fixture, choices);
    out_of_range.result.as_mut().unwrap().scores[banded].value = Some(250.0);
    let reply = app.upload(&out_of_range).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "score_out_of_range"));

    let mut wrong_band = submission(&fixture, choices);
    let score = &mut wrong_band.result.as_mut().unwrap().scores[banded];
    let levels = &fixture.definition.bands[fixture.definition.scores[banded].bands.as_ref().unwrap()].levels;
    let other = levels.iter().find(|band| Some(&band.key) != score.band.as_ref()).unwrap();
    score.value = Some(other.from);
    let reply = app.upload(&wrong_band).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "wrong_band"));

    let mut flag = submission(&fixture, choices);
    flag.result.as_mut().unwrap().flags.push("invented".into());
    assert_eq!(app.upload(&flag).await.code(), "unknown_flag");
    assert_eq!(app.stored().await, [0; 6]);

    // The honest version of the same upload is accepted.
    assert_eq!(app.upload(&submission(&fixture, choices)).await.status, StatusCode::CREATED);
}

async fn answers_are_not_stored_without_consent(app: TestApp) {
    let fixture = app.fixture().await;
    let choices = ConsentChoices { share_scores: true, ..Default::default() };
    let reply = app.upload(&submission(&fixture, choices)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    assert!(app.count("submission_scores", Some(&id)).await > 0);
    assert_eq!(app.count("submission_answers", None).await, 0);
    assert_eq!(app.count("submission_contacts", None).await, 0);

    // Answers sent anyway, without the choice, are refused as a whole.
    let mut smuggled = submission(&fixture, choices);
    smuggled.answers = Some(crate::support::example_answers(&fixture.definition));
    let reply = app.upload(&smuggled).await;
    assert_eq!(reply.code(), "answers_not_consented");
    assert_eq!(app.count("submissions", None).await, 1);
    assert_eq!(app.count("submission_answers", None).await, 0);
}

async fn contact_is_not_stored_without_consent(app: TestApp) {
    let fixture = app.fixture().await;
    let choices = ConsentChoices { group_figures: true, ..Default::default() };
    let reply = app.upload(&submission(&fixture, choices)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(app.count("submission_contacts", None).await, 0);
    assert_eq!(app.count("submission_answers", None).await, 0);

    let mut smuggled = submission(&fixture, choices);
    smuggled.contact = Some(crate::support::contact());
    assert_eq!(app.upload(&smuggled).await.code(), "contact_not_consented");

    // An e-mail address the expert could not write to is refused (checked with `validator`).
    let mut bad_email = submission(&fixture, ConsentChoices { contact_me: true, ..Default::default() });
    bad_email.contact = Some(werkscan_core::submission::Contact {
        email: Some("sam@@example".into()),
        ..crate::support::contact()
    });
    assert_eq!(app.upload(&bad_email).await.code(), "contact_invalid");
    assert_eq!(app.count("submission_contacts", None).await, 0);

    // Contact only: no result, no answers stored.
    let only_contact = submission(&fixture, ConsentChoices { contact_me: true, ..Default::default() });
    assert!(only_contact.result.is_none());
    let reply = app.upload(&only_contact).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    assert_eq!(app.count("submission_contacts", Some(&id)).await, 1);
    assert_eq!(app.count("submission_scores", Some(&id)).await, 0);
}

async fn closed_or_unknown_campaigns_refuse_uploads(app: TestApp) {
    let fixture = app.fixture().await;
    for (start, end) in [(-30, -1), (1, 30)] {
        let body = crate::support::campaign_body(&fixture.definition, &fixture.expert_id, start, end);
        let reply = app.create_campaign(&fixture.employer, body).await;
        assert_eq!(reply.status, StatusCode::CREATED);
        assert_eq!(reply.json()["open"], false);
        let mut sub = submission(&fixture, everything());
        sub.campaign = reply.json()["code"].as_str().unwrap().to_owned();
        let reply = app.upload(&sub).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::CONFLICT, "campaign_closed"));
    }
    let mut sub = submission(&fixture, everything());
    sub.campaign = "NOSUCHCODE".into();
    let reply = app.upload(&sub).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::NOT_FOUND, "campaign_not_found"));
    assert_eq!(app.stored().await, [0; 6]);
}

async fn bad_bodies_are_refused_and_nothing_is_stored(app: TestApp) {
    let fixture = app.fixture().await;
    let post = |body: Vec<u8>, content_type: Option<&str>| {
        let mut builder = Request::builder().method(Method::POST).uri("/api/submissions");
        if let Some(content_type) = content_type {
            builder = builder.header(header::CONTENT_TYPE, content_type);
        }
        builder.body(Body::from(body)).unwrap()
    };
    // Oversized: a valid submission padded with a long note, past 64 KiB.
    let mut big = submission(&fixture, everything());
    big.contact.as_mut().unwrap().note = Some("x".repeat(70 * 1024));
    let reply = app.send(post(serde_json::to_vec(&big).unwrap(), Some("application/json"))).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));

    let reply = app.send(post(b"{\"campaign\": ".to_vec(), Some("application/json"))).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::BAD_REQUEST, "malformed_json"));

    let mut value = serde_json::to_value(submission(&fixture, everything())).unwrap();
    value["employee_number"] = json!("12345");
    let reply = app.send(post(serde_json::to_vec(&value).unwrap(), Some("application/json"))).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_body"));
    assert!(reply.json()["error"]["message"].as_str().unwrap().contains("employee_number"));

    let mut value = serde_json::to_value(submission(&fixture, everything())).unwrap();
    value["contact"]["address"] = json!("Dorpsstraat 1");
    let reply = app.send(post(serde_json::to_vec(&value).unwrap(), Some("application/json"))).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_body"));

    let ok = serde_json::to_vec(&submission(&fixture, everything())).unwrap();
    let reply = app.send(post(ok, None)).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));
    assert_eq!(app.stored().await, [0; 6]);
}

async fn department_and_definition_must_fit_the_campaign(app: TestApp) {
    let fixture = app.fixture().await;
    let mut sub = submission(&fixture, everything());
    sub.department = Some("Directie".into());
    assert_eq!(app.upload(&sub).await.code(), "unknown_department");

    let mut sub = submission(&fixture, everything());
    sub.department = None; // "zeg ik liever niet" is always allowed
    assert_eq!(app.upload(&sub).await.status, StatusCode::CREATED);

    let mut sub = submission(&fixture, everything());
    sub.content_hash = "0".repeat(64);
    assert_eq!(app.upload(&sub).await.code(), "definition_mismatch");
    let mut sub = submission(&fixture, everything());
    sub.version = "0.0.1".into();
    assert_eq!(app.upload(&sub).await.code(), "definition_mismatch");
    assert_eq!(app.count("submissions", None).await, 1);
}

async fn older_definition_versions_stay_checkable(app: TestApp) {
    let fixture = app.fixture().await;
    // A second instance that loaded an updated werkscan (new version, new hash): the campaign
    // still pins the old one, which the database keeps.
    let mut updated = crate::support::definition("werkscan");
    updated.questionnaire.version = "9.9.9".into();
    updated.content_hash = Some(werkscan_core::authoring::content_hash(&updated));
    let others: Vec<_> = crate::support::shipped().iter().filter(|d| d.questionnaire.id != "werkscan").cloned().collect();
    let mut current = others;
    current.push(updated);
    let state = TestApp::instance(&app.url, &app.dir.join("dist"), werkscan_server::Definitions::new(current)).await;
    let second = werkscan_server::app(state);
    let catalogue = crate::support::send(&second, crate::support::request(Method::GET, "/api/questionnaires", None, None)).await.json();
    assert!(catalogue.as_array().unwrap().iter().any(|entry| entry["version"] == "9.9.9"));
    let old = crate::support::send(
        &second,
        crate::support::request(Method::GET, &format!("/api/questionnaires/werkscan/{}", fixture.definition.questionnaire.version), None, None),
    )
    .await;
    assert_eq!(old.status, StatusCode::OK);
    assert_eq!(old.json()["content_hash"], fixture.definition.content_hash.clone().unwrap());
    let body = serde_json::to_value(submission(&fixture, everything())).unwrap();
    let reply = crate::support::send(&second, crate::support::request(Method::POST, "/api/submissions", None, Some(&body))).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
}

async fn a_failed_batch_is_retried_one_by_one(app: TestApp) {
    let fixture = app.fixture().await;
    let taken = app.upload(&submission(&fixture, everything())).await.json();
    let pending = |id: &str, hash: char| werkscan_server::store::Pending {
        id: id.to_owned(),
        campaign_id: fixture.campaign["id"].as_str().unwrap().to_owned(),
        submission: submission(&fixture, everything()),
        withdrawal_hash: hash.to_string().repeat(64),
        created_at: 0,
        expires_at: 0,
    };
    let bad = pending(taken["submission_id"].as_str().unwrap(), 'b');
    let (good, also_good) = (pending("batch-good-1", 'a'), pending("batch-good-2", 'c'));
    let results = werkscan_server::store::write_together(app.state.db(), &[&good, &bad, &also_good]).await;
    assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok(), "{results:?}");
    let [submissions, ..] = app.stored().await;
    assert_eq!(submissions, 3);
}

async fn concurrent_uploads_are_all_stored_and_a_bad_one_fails_alone(app: TestApp) {
    let fixture = app.fixture().await;
    let first = app.upload(&submission(&fixture, everything())).await.json();
    let taken_id = first["submission_id"].as_str().unwrap().to_owned();
    let body = serde_json::to_value(submission(&fixture, everything())).unwrap();
    let mut tasks = Vec::new();
    for _ in 0..40 {
        let (router, body) = (app.router.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            crate::support::send(&router, crate::support::request(Method::POST, "/api/submissions", None, Some(&body))).await.status
        }));
    }
    // Meanwhile, a write that must fail (its id is taken) among the good ones: the writer retries a
    // failed batch one by one, so only this one fails.
    let store = app.state.store().clone();
    let bad = werkscan_server::store::Pending {
        id: taken_id,
        campaign_id: fixture.campaign["id"].as_str().unwrap().to_owned(),
        submission: submission(&fixture, everything()),
        withdrawal_hash: "f".repeat(64),
        created_at: 0,
        expires_at: 0,
    };
    let bad = tokio::spawn(async move { store.write(bad).await });
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::CREATED);
    }
    assert!(bad.await.unwrap().is_err());
    let scores = fixture.definition.scores.len() as i64;
    let [submissions, stored_scores, _, answers, contacts, _] = app.stored().await;
    assert_eq!([submissions, stored_scores, answers, contacts], [41, 41 * scores, 41, 41]);
}
