//! Uploads: consent rules, tampering, what is stored, and refusals that store nothing.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;
use werkscan_core::ConsentChoices;

use crate::support::{contact, everything, submission, TestApp};

/// A stored score as `submission_scores` holds it: id, value, band, answered, needed.
type ScoreRow = (String, Option<f64>, Option<String>, i64, i64);

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
    a_campaign_on_the_previous_version_takes_drafts_begun_on_it,
    concurrent_uploads_are_all_stored_and_a_bad_one_fails_alone,
    uploads_arriving_at_once_from_one_address_stay_within_the_limit,
    refused_uploads_neither_block_an_address_nor_tell_who_uploaded,
    a_failed_batch_is_retried_one_by_one,
    a_repeated_upload_returns_its_first_receipt,
    a_withdrawn_upload_is_not_stored_again,
    uploads_per_address_and_campaign_are_limited,
    a_result_without_any_score_is_refused,
    free_text_and_contact_fields_are_bounded_and_clean,
    random_bodies_never_crash_the_server,
    missing_score_values_among_complete_ones_are_all_stored_as_sent,
    bound_nulls_of_integers_and_texts_keep_their_type,
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
    assert_eq!(
        receipt["shared"],
        json!({"share_scores": true, "share_answers": true, "contact_me": true, "group_figures": true})
    );
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
    bad_email.contact =
        Some(werkscan_core::submission::Contact { email: Some("sam@@example".into()), ..crate::support::contact() });
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
    let others: Vec<_> =
        crate::support::shipped().iter().filter(|d| d.questionnaire.id != "werkscan").cloned().collect();
    let mut current = others;
    current.push(updated);
    let state = TestApp::instance(&app.url, &app.dir.join("dist"), werkscan_server::Definitions::new(current)).await;
    let second = werkscan_server::app(state);
    let catalogue =
        crate::support::send(&second, crate::support::request(Method::GET, "/api/questionnaires", None, None))
            .await
            .json();
    assert!(catalogue.as_array().unwrap().iter().any(|entry| entry["version"] == "9.9.9"));
    let old = crate::support::send(
        &second,
        crate::support::request(
            Method::GET,
            &format!("/api/questionnaires/werkscan/{}", fixture.definition.questionnaire.version),
            None,
            None,
        ),
    )
    .await;
    assert_eq!(old.status, StatusCode::OK);
    assert_eq!(old.json()["content_hash"], fixture.definition.content_hash.clone().unwrap());
    let body = serde_json::to_value(submission(&fixture, everything())).unwrap();
    let reply =
        crate::support::send(&second, crate::support::request(Method::POST, "/api/submissions", None, Some(&body)))
            .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
}

async fn a_campaign_on_the_previous_version_takes_drafts_begun_on_it(app: TestApp) {
    use werkscan_core::answers::example_answers;
    use werkscan_core::{build_submission, score, AnswerValue, Definition, Lang};
    let fixture = app.fixture().await;
    // The Werkscan as version 1.0.0 shipped it, before the item corrections (the core's fixture).
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/previous/werkscan-1.0.0.json");
    let old: Definition = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_ne!(old.content_hash, fixture.definition.content_hash);
    // Before the update, an instance loaded 1.0.0 and a campaign was opened on it.
    let mut loaded: Vec<Definition> =
        crate::support::shipped().iter().filter(|d| d.questionnaire.id != "werkscan").cloned().collect();
    loaded.push(old.clone());
    let before = werkscan_server::app(
        TestApp::instance(&app.url, &app.dir.join("dist"), werkscan_server::Definitions::new(loaded)).await,
    );
    let body = crate::support::campaign_body(&old, &fixture.expert_id, -1, 30);
    let reply = crate::support::send(
        &before,
        crate::support::request(Method::POST, "/api/campaigns", Some(&fixture.employer), Some(&body)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let code = reply.json()["code"].as_str().unwrap().to_owned();

    // After the update (this app loaded the current version), phones still get the campaign's version.
    let campaign = app.get(&format!("/api/c/{code}"), None).await.json();
    assert_eq!(campaign["questionnaire"]["version"], "1.0.0");
    let offered = app.get("/api/questionnaires/werkscan/1.0.0", None).await.json();
    assert_eq!(offered["content_hash"], old.content_hash.clone().unwrap());
    // A draft begun on 1.0.0, with answers that fitted it but not the current version: "no
    // hindrance" with a kind of hindrance, and retired items.
    let mut answers = example_answers(&old);
    answers.insert("wai_4".into(), AnswerValue::List(vec!["geen_hinder".into(), "klachten".into()]));
    assert!(answers.contains_key("zr_5") && answers.contains_key("wp_6"));
    assert!(score(&fixture.definition, &answers).is_err(), "these answers no longer fit the current version");
    let result = score(&old, &answers).unwrap();
    let mut sub = build_submission(
        &code,
        Some("Verpleging".into()),
        &old,
        &result,
        &answers,
        everything(),
        Lang::Nl,
        Some(contact()),
    );
    sub.consent.values = Some(app.consent_values(&code).await);
    let reply = app.upload(&sub).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());

    // The same answers on the current version's campaign are checked by the current rules.
    let mut current = submission(&fixture, everything());
    current
        .answers
        .as_mut()
        .unwrap()
        .insert("wai_4".into(), AnswerValue::List(vec!["geen_hinder".into(), "klachten".into()]));
    let reply = app.upload(&current).await;
    assert_eq!(
        (reply.status, reply.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "answers_invalid".to_owned()),
        "{}",
        reply.text()
    );
}

async fn a_failed_batch_is_retried_one_by_one(app: TestApp) {
    let fixture = app.fixture().await;
    let taken = app.upload(&submission(&fixture, everything())).await.json();
    let pending = |id: &str, hash: char| werkscan_server::submissions::store::Pending {
        id: id.to_owned(),
        campaign_id: fixture.campaign["id"].as_str().unwrap().to_owned(),
        submission: submission(&fixture, everything()),
        withdrawal_hash: hash.to_string().repeat(64),
        withdrawal_code_hash: format!("code {hash}"),
        consent_values: None,
        request_hash: String::new(),
        origin_bucket: 0,
        signal: None,
        contribution: None,
        created_at: 0,
        expires_at: 0,
        limit: None,
        invitation: None,
    };
    let bad = pending(taken["submission_id"].as_str().unwrap(), 'b');
    let (good, also_good) = (pending("batch-good-1", 'a'), pending("batch-good-2", 'c'));
    let results = werkscan_server::submissions::store::write_together(app.state.db(), &[&good, &bad, &also_good]).await;
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
            crate::support::send(&router, crate::support::request(Method::POST, "/api/submissions", None, Some(&body)))
                .await
                .status
        }));
    }
    // Meanwhile, a write that must fail (its id is taken) among the good ones: the writer retries a
    // failed batch one by one, so only this one fails.
    let store = app.state.store().clone();
    let bad = werkscan_server::submissions::store::Pending {
        id: taken_id,
        campaign_id: fixture.campaign["id"].as_str().unwrap().to_owned(),
        submission: submission(&fixture, everything()),
        withdrawal_hash: "f".repeat(64),
        withdrawal_code_hash: "code f".into(),
        consent_values: None,
        request_hash: String::new(),
        origin_bucket: 0,
        signal: None,
        contribution: None,
        created_at: 0,
        expires_at: 0,
        limit: None,
        invitation: None,
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

/// A fresh upload key, as the phone makes one.
fn new_key() -> String {
    werkscan_server::util::new_token()
}

async fn a_repeated_upload_returns_its_first_receipt(app: TestApp) {
    let fixture = app.fixture().await;
    let sub = submission(&fixture, everything());
    let key = new_key();
    let first = app.upload_with_key(&sub, &key).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert_eq!(first.json()["withdrawal_token"], key.as_str());
    // The answer was lost; the phone sends the same upload again with the same key.
    let again = app.upload_with_key(&sub, &key).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json(), first.json());
    assert_eq!(app.count("submissions", None).await, 1);
    // The same key at once from two tabs: still one upload.
    let key = new_key();
    let body = serde_json::to_value(&sub).unwrap();
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let (router, body, key) = (app.router.clone(), body.clone(), key.clone());
            tokio::spawn(async move {
                let mut req = crate::support::request(Method::POST, "/api/submissions", None, Some(&body));
                req.headers_mut().insert("idempotency-key", key.parse().unwrap());
                crate::support::send(&router, req).await
            })
        })
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    for task in tasks {
        let reply = task.await.unwrap();
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        ids.insert(reply.json()["submission_id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(app.count("submissions", None).await, 2);
    // Another upload under a used key is refused; a malformed key too.
    let mut other = submission(&fixture, everything());
    other.department = Some("Facilitair".into());
    let reused = app.upload_with_key(&other, &key).await;
    assert_eq!((reused.status, reused.code().as_str()), (StatusCode::CONFLICT, "idempotency_key_reused"));
    let short = app.upload_with_key(&sub, "abc123").await;
    assert_eq!((short.status, short.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_idempotency_key"));
    assert_eq!(app.count("submissions", None).await, 2);
}

async fn a_withdrawn_upload_is_not_stored_again(app: TestApp) {
    let fixture = app.fixture().await;
    let sub = submission(&fixture, everything());
    let key = new_key();
    let receipt = app.upload_with_key(&sub, &key).await.json();
    let id = receipt["submission_id"].as_str().unwrap();
    let withdraw = axum::http::Request::builder()
        .method(Method::DELETE)
        .uri(format!("/api/submissions/{id}"))
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(withdraw).await.status, StatusCode::OK);
    // A copy of the request that was still on its way arrives after the withdrawal.
    let late = app.upload_with_key(&sub, &key).await;
    assert_eq!((late.status, late.code().as_str()), (StatusCode::GONE, "upload_withdrawn"));
    assert_eq!(app.stored().await[..5], [0; 5]);
}

async fn uploads_per_address_and_campaign_are_limited(mut app: TestApp) {
    app.reconfigure(|config| {
        config.uploads_per_address = 3;
        config.trusted_proxy_hops = 1;
    })
    .await;
    let fixture = app.fixture().await;
    let body =
        serde_json::to_value(submission(&fixture, ConsentChoices { group_figures: true, ..ConsentChoices::default() }))
            .unwrap();
    let from = |address: &str| {
        let mut req = crate::support::request(Method::POST, "/api/submissions", None, Some(&body));
        req.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
        req
    };
    for _ in 0..3 {
        assert_eq!(app.send(from("198.51.100.1")).await.status, StatusCode::CREATED);
    }
    let limited = app.send(from("198.51.100.1")).await;
    assert_eq!((limited.status, limited.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_uploads"));
    assert!(!limited.header("retry-after").is_empty());
    // Another address is not affected.
    assert_eq!(app.send(from("198.51.100.2")).await.status, StatusCode::CREATED);
    assert_eq!(app.count("submissions", None).await, 4);
    // What a group-figures release needs to see padding: the time and the address's bucket.
    let buckets: Vec<i64> = sqlx::query_scalar("SELECT origin_bucket FROM submissions ORDER BY created_at")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(buckets.iter().collect::<std::collections::BTreeSet<_>>().len(), 2, "{buckets:?}");
    assert!(buckets.iter().all(|bucket| (0..65536).contains(bucket)));
}

async fn uploads_arriving_at_once_from_one_address_stay_within_the_limit(mut app: TestApp) {
    app.reconfigure(|config| {
        config.uploads_per_address = 5;
        config.trusted_proxy_hops = 1;
    })
    .await;
    let fixture = app.fixture().await;
    let body =
        serde_json::to_value(submission(&fixture, ConsentChoices { group_figures: true, ..ConsentChoices::default() }))
            .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (router, body) = (app.router.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let mut req = crate::support::request(Method::POST, "/api/submissions", None, Some(&body));
            req.headers_mut().insert("x-forwarded-for", "198.51.100.7".parse().unwrap());
            crate::support::send(&router, req).await.status
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    let created = statuses.iter().filter(|status| **status == StatusCode::CREATED).count();
    let limited = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
    // Counting and recording are one step: exactly the first five, whatever the order.
    assert_eq!(created, 5, "{statuses:?}");
    assert_eq!(created + limited, 20, "{statuses:?}");
    assert_eq!(app.count("submissions", None).await, created as i64);
}

/// The attack of issue 19: someone behind an office address sends a flood of uploads the server
/// refuses. Before, each counted towards the address's limit, so the flood blocked colleagues
/// behind the same address, and the moment the refusals turned into 429s told how many of them
/// had uploaded in the last ten minutes. Now only accepted uploads count.
async fn refused_uploads_neither_block_an_address_nor_tell_who_uploaded(mut app: TestApp) {
    app.reconfigure(|config| {
        config.uploads_per_address = 3;
        config.trusted_proxy_hops = 1;
    })
    .await;
    let fixture = app.fixture().await;
    let good =
        serde_json::to_value(submission(&fixture, ConsentChoices { group_figures: true, ..ConsentChoices::default() }))
            .unwrap();
    let mut refused = good.clone();
    refused["department"] = serde_json::json!("Een afdeling die er niet is");
    let from = |address: &str, body: &serde_json::Value| {
        let mut req = crate::support::request(Method::POST, "/api/submissions", None, Some(body));
        req.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
        req
    };
    // The flood's answers from an address where nobody uploaded, and from one where two did.
    let flood = |address: &'static str| {
        let (app, refused) = (&app, &refused);
        async move {
            let mut answers = Vec::new();
            for _ in 0..10 {
                let reply = app.send(from(address, refused)).await;
                answers.push((reply.status, reply.code()));
            }
            answers
        }
    };
    let quiet = flood("198.51.100.20").await;
    for _ in 0..2 {
        assert_eq!(app.send(from("198.51.100.21", &good)).await.status, StatusCode::CREATED);
    }
    let busy = flood("198.51.100.21").await;
    assert_eq!(quiet, busy, "the refusals say nothing about who uploaded");
    assert!(
        quiet.iter().all(|(status, code)| *status == StatusCode::UNPROCESSABLE_ENTITY && code == "unknown_department"),
        "{quiet:?}"
    );
    // After the flood, a colleague's valid upload is accepted, up to the limit of accepted ones.
    for _ in 0..3 {
        assert_eq!(app.send(from("198.51.100.20", &good)).await.status, StatusCode::CREATED);
    }
    assert_eq!(app.send(from("198.51.100.21", &good)).await.status, StatusCode::CREATED);
    for address in ["198.51.100.20", "198.51.100.21"] {
        let limited = app.send(from(address, &good)).await;
        assert_eq!((limited.status, limited.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_uploads"));
    }
    assert_eq!(app.count("submissions", None).await, 6);
}

async fn a_result_without_any_score_is_refused(app: TestApp) {
    let fixture = app.fixture().await;
    let mut sub = submission(&fixture, ConsentChoices { group_figures: true, ..ConsentChoices::default() });
    let result = sub.result.as_mut().unwrap();
    for score in &mut result.scores {
        score.value = None;
        score.band = None;
        score.answered = 0;
    }
    result.flags.clear();
    let reply = app.upload(&sub).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "result_empty"));
    // The same with answers shared: no answers at all give no score either.
    let mut sub = submission(&fixture, everything());
    sub.answers = Some(Default::default());
    let empty = werkscan_core::score(&fixture.definition, &Default::default()).unwrap();
    sub.result = Some(empty);
    let reply = app.upload(&sub).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "result_empty"));
    assert_eq!(app.stored().await, [0; 6]);
}

async fn free_text_and_contact_fields_are_bounded_and_clean(app: TestApp) {
    let fixture = app.fixture().await;
    let text_item = fixture
        .definition
        .items()
        .find(|item| item.kind == werkscan_core::model::ItemType::Text)
        .expect("a text item")
        .id
        .clone();
    // The result is what a clean text gives (text is never scored); the server re-checks the answers.
    let with_text = |text: &str| {
        let mut sub = submission(&fixture, everything());
        sub.answers.as_mut().unwrap().insert(text_item.clone(), werkscan_core::AnswerValue::Text(text.to_owned()));
        sub
    };
    // NUL would make PostgreSQL fail on insert; ESC and a bidi override change what is displayed.
    for text in ["escape \u{1b}[2J", "bidi \u{202E}txet"] {
        let reply = app.upload(&with_text(text)).await;
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "answers_invalid"),
            "{text:?}"
        );
    }
    // NUL anywhere in a body is refused before it reaches the database.
    let reply = app.upload(&with_text("nul \u{0} here")).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_body"));
    let mut sub = submission(&fixture, everything());
    sub.department = Some("Verpleging\u{0}".into());
    assert_eq!(app.upload(&sub).await.code(), "invalid_body");
    let long = "a".repeat(werkscan_core::answers::MAX_TEXT_ANSWER + 1);
    assert_eq!(app.upload(&with_text(&long)).await.code(), "answers_invalid");
    // Line breaks in free text are fine.
    assert_eq!(app.upload(&with_text("regel een\nregel twee")).await.status, StatusCode::CREATED);
    for broken in [
        werkscan_core::Contact { email: Some("sam@example.org\u{202E}".into()), ..contact() },
        werkscan_core::Contact { note: Some("bel me \u{1b}".into()), ..contact() },
        werkscan_core::Contact { name: "Sam\nJansen".into(), ..contact() },
    ] {
        let mut sub = submission(&fixture, everything());
        sub.contact = Some(broken.clone());
        let reply = app.upload(&sub).await;
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "contact_invalid"),
            "{broken:?}"
        );
    }
    assert_eq!(app.count("submissions", None).await, 1);
}

async fn random_bodies_never_crash_the_server(mut app: TestApp) {
    // Every round comes from the same address; the upload limit is not what this test is about.
    app.reconfigure(|config| config.uploads_per_address = 100_000).await;
    let fixture = app.fixture().await;
    let valid = serde_json::to_value(submission(&fixture, everything())).unwrap();
    // A small deterministic fuzzer: mutate a valid upload in many ways and check that the server
    // answers every one with a refusal or an acceptance, never a failure of its own.
    let mut seed: u64 = 0x5eed_1234_abcd_0001;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let replacements = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1e300),
        json!(""),
        json!("\u{0}"),
        json!([]),
        json!({}),
        json!([1, 2, 3]),
        json!({"x": 1}),
        json!(4294967296u64),
        json!("ZZZZZZZZZZ"),
        json!(0.5),
    ];
    for round in 0..300 {
        let mut body = valid.clone();
        for _ in 0..(1 + next() % 4) {
            mutate(&mut body, &mut next, &replacements);
        }
        let reply = app.json(Method::POST, "/api/submissions", None, &body).await;
        assert!(!reply.status.is_server_error(), "round {round}: {} for {body}: {}", reply.status, reply.text());
    }
}

/// Replaces one value somewhere in `value` (a random path) with one of `replacements`.
fn mutate(value: &mut serde_json::Value, next: &mut impl FnMut() -> u64, replacements: &[serde_json::Value]) {
    let children = match value {
        serde_json::Value::Object(map) => map.len(),
        serde_json::Value::Array(list) => list.len(),
        _ => 0,
    };
    if children == 0 || next().is_multiple_of(4) {
        *value = replacements[(next() % replacements.len() as u64) as usize].clone();
        return;
    }
    let index = (next() % children as u64) as usize;
    match value {
        serde_json::Value::Object(map) => {
            let key = map.keys().nth(index).unwrap().clone();
            if next().is_multiple_of(8) {
                map.remove(&key);
            } else {
                mutate(map.get_mut(&key).unwrap(), next, replacements);
            }
        }
        serde_json::Value::Array(list) => mutate(&mut list[index], next, replacements),
        _ => unreachable!(),
    }
}

/// A score without a value ("too few answers") is stored as NULL. On PostgreSQL the Any driver
/// once bound such a NULL with another type than a present value, and the statement prepared with
/// it on a pooled connection then refused every later upload there (issue 17): many uploads in a
/// row, with random patterns of missing values, must all be stored exactly as sent.
async fn missing_score_values_among_complete_ones_are_all_stored_as_sent(app: TestApp) {
    use crate::demo::synthetic::{self, Dice};
    let fixture = app.fixture().await;
    let definition = &fixture.definition;
    let items: Vec<String> = definition.items().map(|item| item.id.clone()).collect();
    let mut dice = Dice::new(17);
    let (mut with_gaps, mut complete) = (0, 0);
    for upload in 0..60 {
        let mood = dice.roll(11) as f64 / 10.0;
        let mut answers = synthetic::answers(definition, &mut dice, mood);
        // About half the uploads leave questions out, each with its own pattern; some of those
        // leave every score with a value, which is fine too.
        if dice.roll(2) == 0 {
            let left_out = 1 + dice.roll(items.len() as u64 / 2);
            for _ in 0..left_out {
                answers.remove(&items[dice.roll(items.len() as u64) as usize]);
            }
            werkscan_core::answers::prune_hidden(definition, &mut answers);
        }
        let result = werkscan_core::score(definition, &answers).expect("answers fit");
        if result.scores.iter().all(|score| score.value.is_none()) {
            continue;
        }
        if result.scores.iter().any(|score| score.value.is_none()) {
            with_gaps += 1;
        } else {
            complete += 1;
        }
        let mut sub = werkscan_core::build_submission(
            &fixture.code,
            Some("Verpleging".into()),
            definition,
            &result,
            &answers,
            everything(),
            werkscan_core::Lang::Nl,
            Some(contact()),
        );
        sub.consent.values = Some(fixture.consent_values.clone());
        let reply = app.upload(&sub).await;
        assert_eq!(reply.status, StatusCode::CREATED, "upload {upload}: {}", reply.text());
        let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
        let stored: Vec<ScoreRow> =
            sqlx::query_as("SELECT score_id, value, band, answered, needed FROM submission_scores WHERE submission_id = $1 ORDER BY position")
                .bind(id)
                .fetch_all(&app.db().pool)
                .await
                .unwrap();
        let sent: Vec<ScoreRow> = result
            .scores
            .iter()
            .map(|score| {
                (score.id.clone(), score.value, score.band.clone(), i64::from(score.answered), i64::from(score.needed))
            })
            .collect();
        assert_eq!(stored, sent, "upload {upload}");
    }
    // The seed gives both kinds, interleaved, so the check above meets each after the other.
    assert!(with_gaps >= 10 && complete >= 10, "{with_gaps} uploads with missing values, {complete} complete");
}

/// The store binds a missing integer or text as a NULL parameter (only a missing float is written
/// into the statement as NULL): that is safe only while the Any driver declares such a NULL with
/// the same type as a present value, so that a statement prepared on a pooled connection with a
/// NULL first still takes values later. A newer sqlx that changed this would fail here.
async fn bound_nulls_of_integers_and_texts_keep_their_type(app: TestApp) {
    let mut conn = app.db().pool.acquire().await.unwrap();
    for _ in 0..2 {
        for value in [None, Some(7_i64)] {
            let back: Option<i64> =
                sqlx::query_scalar("SELECT CAST($1 AS BIGINT)").bind(value).fetch_one(&mut *conn).await.unwrap();
            assert_eq!(back, value);
        }
        for value in [None, Some("tekst".to_owned())] {
            let back: Option<String> =
                sqlx::query_scalar("SELECT CAST($1 AS TEXT)").bind(value.clone()).fetch_one(&mut *conn).await.unwrap();
            assert_eq!(back, value);
        }
    }
}
