//! The consent the server records: the text version and the campaign's values filled into it,
//! checked against the campaign and kept with the upload; earlier text versions stay valid; the
//! campaign names who is responsible; every known version's words can be read back.

use axum::http::{Method, StatusCode};
use serde_json::json;
use werkscan_core::consent::EARLIER_CONSENT_VERSIONS;
use werkscan_core::{ConsentValues, CONSENT_VERSION};

use werkscan_server::accounts::auth::Role;

use crate::support::{campaign_body, everything, submission, TestApp, FIXTURE_PRACTICE};

on_both_databases!(
    the_consent_values_are_checked_against_the_campaign_and_kept_with_the_upload,
    an_upload_under_an_earlier_consent_text_stays_valid,
    the_practice_is_responsible_and_the_employer_cannot_change_it,
    the_demo_campaigns_name_who_is_responsible,
    every_known_consent_version_can_be_read_back_exactly,
    group_figures_alone_store_only_what_a_release_needs,
    an_upload_queued_under_the_previous_text_is_trimmed_to_the_current_rules,
);

async fn stored_consent(app: &TestApp, id: &str) -> (String, Option<String>, i64) {
    let row: (String, Option<String>, i64) =
        sqlx::query_as("SELECT consent_version, consent_values, expires_at FROM submissions WHERE id = $1")
            .bind(id.to_owned())
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    row
}

async fn the_consent_values_are_checked_against_the_campaign_and_kept_with_the_upload(app: TestApp) {
    let fixture = app.fixture().await;
    let values = fixture.consent_values.clone();
    // What the phone fills in is what the practice entered, not the employer.
    assert_eq!(values.controller, crate::support::FIXTURE_PRACTICE);
    assert_eq!(values.privacy_officer.as_deref(), Some("Fenna Gerritsen"));
    assert_eq!(values.experts, ["ad@test.example name"]);
    assert_eq!(values.min_group_size, 10);
    assert_eq!(values.delete_after, fixture.campaign["delete_after"].as_str().unwrap());

    let receipt = app.upload(&submission(&fixture, everything())).await;
    assert_eq!(receipt.status, StatusCode::CREATED, "{}", receipt.text());
    let first = receipt.json()["submission_id"].as_str().unwrap().to_owned();
    let (version, stored, expires_at) = stored_consent(&app, &first).await;
    assert_eq!(version, CONSENT_VERSION);
    assert_eq!(serde_json::from_str::<ConsentValues>(&stored.unwrap()).unwrap(), values);

    // Words the campaign does not have (another name) are not what the person could have read.
    let mut other_names = submission(&fixture, everything());
    other_names.consent.values.as_mut().unwrap().experts = vec!["Iemand Anders".into()];
    let reply = app.upload(&other_names).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::CONFLICT, "consent_outdated"));
    let mut without = submission(&fixture, everything());
    without.consent.values = None;
    let reply = app.upload(&without).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "consent_values_mismatch"));
    assert_eq!(app.count("submissions", None).await, 1, "nothing of the refused uploads is stored");

    // The campaign is extended: its deletion date moves. An upload with the old date was read
    // before the change and must be read again; the upload stored earlier keeps its words and
    // its deletion date.
    let id = fixture.campaign["id"].as_str().unwrap().to_owned();
    let ends = chrono::NaiveDate::parse_from_str(fixture.campaign["ends_on"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    sqlx::query("UPDATE campaigns SET ends_on = $1 WHERE id = $2")
        .bind((ends + chrono::Days::new(60)).to_string())
        .bind(&id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let reply = app.upload(&submission(&fixture, everything())).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::CONFLICT, "consent_outdated"));
    let extended = app.consent_values(&fixture.code).await;
    assert_ne!(extended.delete_after, values.delete_after);
    let mut again = submission(&fixture, everything());
    again.consent.values = Some(extended.clone());
    let reply = app.upload(&again).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let (_, stored_new, expires_new) = stored_consent(&app, reply.json()["submission_id"].as_str().unwrap()).await;
    assert_eq!(serde_json::from_str::<ConsentValues>(&stored_new.unwrap()).unwrap(), extended);
    assert!(expires_new > expires_at);
    let (_, stored_old, expires_old) = stored_consent(&app, &first).await;
    assert_eq!(serde_json::from_str::<ConsentValues>(&stored_old.unwrap()).unwrap(), values);
    assert_eq!(expires_old, expires_at, "the earlier upload is still deleted on the date its words named");

    // A campaign from before the consent named a contact (migration 0006 gave it its
    // organisation as controller and nothing more, and migration 0011 a practice with exactly
    // that) still takes uploads: the words leave the contact out.
    sqlx::query("UPDATE practices SET contact = NULL, privacy_officer_name = NULL, privacy_officer_contact = NULL WHERE id = $1")
        .bind(fixture.campaign["practice"]["id"].as_str().unwrap())
        .execute(&app.db().pool)
        .await
        .unwrap();
    let legacy = app.consent_values(&fixture.code).await;
    assert_eq!(
        (legacy.controller.as_str(), legacy.controller_contact.as_deref(), legacy.privacy_officer.as_deref()),
        (crate::support::FIXTURE_PRACTICE, None, None)
    );
    let mut upload = submission(&fixture, everything());
    upload.consent.values = Some(legacy);
    assert_eq!(app.upload(&upload).await.status, StatusCode::CREATED);
}

async fn an_upload_under_an_earlier_consent_text_stays_valid(app: TestApp) {
    let fixture = app.fixture().await;
    // Queued on a phone before the update: the earlier text, which named no campaign values.
    let mut queued = submission(&fixture, everything());
    queued.consent.text_version = EARLIER_CONSENT_VERSIONS[0].to_owned();
    queued.consent.values = None;
    let reply = app.upload(&queued).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let (version, values, _) = stored_consent(&app, reply.json()["submission_id"].as_str().unwrap()).await;
    assert_eq!((version.as_str(), values), (EARLIER_CONSENT_VERSIONS[0], None));
    // It is withdrawn like any other.
    let receipt = reply.json();
    assert!(receipt["withdrawal_code"].is_string());
    // A version nobody ever showed is refused.
    let mut unknown = submission(&fixture, everything());
    unknown.consent.text_version = "0".repeat(64);
    assert_eq!(app.upload(&unknown).await.code(), "consent_version_unknown");
}

async fn the_practice_is_responsible_and_the_employer_cannot_change_it(app: TestApp) {
    let fixture = app.fixture().await;
    let practice = fixture.campaign["practice"]["id"].as_str().unwrap().to_owned();
    assert_eq!(fixture.campaign["practice"]["name"], FIXTURE_PRACTICE);
    assert_eq!(
        fixture.campaign["controller"],
        json!({"name": FIXTURE_PRACTICE, "contact": "privacy@arbopraktijk.example"})
    );
    assert_eq!(
        fixture.campaign["privacy_officer"],
        json!({"name": "Fenna Gerritsen", "contact": "fg@arbopraktijk.example"})
    );
    // The employer has no field for who is responsible: a campaign body naming a controller or
    // a data protection officer is refused as a whole, and nothing is stored.
    for (key, value) in [
        ("controller", json!({"name": "Zorggroep Test", "contact": "privacy@test.example"})),
        ("privacy_officer", json!({"name": "Iemand van HR", "contact": "hr@test.example"})),
    ] {
        let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
        body[key] = value;
        let reply = app.create_campaign(&fixture.employer, body).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_body"), "{key}");
    }
    assert_eq!(app.count("campaigns", None).await, 1);
    // Nor can the employer change the practice's details, through any route.
    let details = json!({"name": "Zorggroep Test", "contact": "hr@test.example"});
    let reply = app.json(Method::PUT, "/api/practice", Some(&fixture.employer), &details).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply =
        app.json(Method::PUT, &format!("/api/admin/practices/{practice}"), Some(&fixture.employer), &details).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(app.consent_values(&fixture.code).await, fixture.consent_values);

    // The practice's own admin changes its details: the consent of its running campaign names
    // the new ones at once, and a phone that showed the old words must show the text again.
    app.user_in_practice(&practice, Role::PracticeAdmin, "beheer@arbopraktijk.example").await;
    let practice_admin = app.login("beheer@arbopraktijk.example", "correct horse battery").await;
    let new_details = json!({
        "name": "  Arbopraktijk Test en Partners ",
        "contact": "030 111 22 33",
        "privacy_officer": {"name": "Fenna Gerritsen", "contact": "fg@arbopraktijk.example"},
        "website": "https://arbopraktijk.example",
    });
    let reply = app.json(Method::PUT, "/api/practice", Some(&practice_admin), &new_details).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["name"], "Arbopraktijk Test en Partners");
    let values = app.consent_values(&fixture.code).await;
    assert_eq!(
        (values.controller.as_str(), values.controller_contact.as_deref()),
        ("Arbopraktijk Test en Partners", Some("030 111 22 33"))
    );
    let reply = app.upload(&submission(&fixture, everything())).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::CONFLICT, "consent_outdated"));
    let mut again = submission(&fixture, everything());
    again.consent.values = Some(values);
    assert_eq!(app.upload(&again).await.status, StatusCode::CREATED);

    // The details are checked wherever they are entered.
    let long = "x".repeat(201);
    let cases = [
        (json!({"name": " ", "contact": "privacy@test.example"}), "invalid_practice", "name"),
        (json!({"name": "Arbopraktijk\u{202e}Test", "contact": "privacy@test.example"}), "invalid_practice", "name"),
        (json!({"name": "Arbopraktijk Test", "contact": long}), "invalid_practice", "name"),
        (
            json!({"name": "Arbopraktijk Test", "contact": "x", "privacy_officer": {"name": "Fenna Gerritsen", "contact": ""}}),
            "invalid_privacy_officer",
            "privacy_officer",
        ),
        (
            json!({"name": "Arbopraktijk Test", "contact": "x", "privacy_officer": {"name": "", "contact": "fg@test.example"}}),
            "invalid_privacy_officer",
            "privacy_officer",
        ),
        (
            json!({"name": "Arbopraktijk Test", "contact": "x", "website": "javascript:alert(1)"}),
            "invalid_website",
            "website",
        ),
    ];
    for (body, code, field) in cases {
        let reply = app.json(Method::PUT, "/api/practice", Some(&practice_admin), &body).await;
        assert_eq!(
            (reply.status, reply.code(), reply.json()["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, code.to_owned(), Some(field)),
            "{body}"
        );
    }
    let reply =
        app.json(Method::PUT, "/api/practice", Some(&practice_admin), &json!({"name": "Arbopraktijk Test"})).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "the contact is required");
    assert_eq!(
        app.consent_values(&fixture.code).await.controller,
        "Arbopraktijk Test en Partners",
        "refused changes change nothing"
    );

    // A practice admin of another practice can change only their own practice.
    let other = app.practice("Arbopraktijk Elders", "elders@example.org").await;
    app.user_in_practice(&other, Role::PracticeAdmin, "beheer@elders.example").await;
    let other_admin = app.login("beheer@elders.example", "correct horse battery").await;
    let reply = app.json(Method::PUT, &format!("/api/admin/practices/{practice}"), Some(&other_admin), &details).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = app
        .json(
            Method::PUT,
            "/api/practice",
            Some(&other_admin),
            &json!({"name": "Elders", "contact": "elders@example.org"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(app.consent_values(&fixture.code).await.controller, "Arbopraktijk Test en Partners");
}

async fn the_demo_campaigns_name_who_is_responsible(app: TestApp) {
    app.seed_demo().await;
    for code in ["DEMO-WERKSCAN", "DEMO-SNEL"] {
        let values = app.consent_values(code).await;
        // The practice, clearly not the employer.
        assert_eq!(values.controller, crate::demo::DEMO_PRACTICE);
        assert_ne!(values.controller, crate::demo::DEMO_ORG);
        assert!(values.controller_contact.is_some_and(|contact| contact.contains('@')));
        assert!(values.privacy_officer.is_some() && values.privacy_officer_contact.is_some());
        assert!(!values.experts.is_empty());
        // Names only: the text says "de arbeidsdeskundige" itself.
        assert!(values.experts.iter().all(|name| !name.contains("arbeidsdeskundige")), "{:?}", values.experts);
    }
}

async fn every_known_consent_version_can_be_read_back_exactly(app: TestApp) {
    for version in std::iter::once(CONSENT_VERSION).chain(EARLIER_CONSENT_VERSIONS.iter().copied()) {
        let reply = app.get(&format!("/api/consent/{version}"), None).await;
        assert_eq!(reply.status, StatusCode::OK, "{version}");
        assert_eq!(werkscan_server::util::sha256_hex(&reply.text()), version, "the words are exactly that version's");
    }
    let reply = app.get(&format!("/api/consent/{}", "0".repeat(64)), None).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::NOT_FOUND, "consent_version_not_found"));
    assert_eq!(app.get("/api/consent", None).await.json()["version"], CONSENT_VERSION);
}

/// Score rows stored for an upload: (score id, value, band), in the order stored.
async fn stored_scores(app: &TestApp, id: &str) -> Vec<(String, Option<f64>, Option<String>)> {
    sqlx::query_as("SELECT score_id, value, band FROM submission_scores WHERE submission_id = $1 ORDER BY position")
        .bind(id.to_owned())
        .fetch_all(&app.db().pool)
        .await
        .unwrap()
}

/// What group figures alone may hold: the theme scores with value and band, the headline's band.
fn assert_group_figures_only(definition: &werkscan_core::Definition, stored: &[(String, Option<f64>, Option<String>)]) {
    let needed: Vec<&str> = definition.group_figure_scores().map(|score| score.id.as_str()).collect();
    assert_eq!(stored.iter().map(|(id, _, _)| id.as_str()).collect::<Vec<_>>(), needed);
    for (id, value, band) in stored {
        let headline = definition.score(id).unwrap().headline;
        assert_eq!(
            (value.is_some(), band.is_some()),
            (!headline, true),
            "{id}: a theme's value and band, the headline's band only"
        );
    }
}

async fn group_figures_alone_store_only_what_a_release_needs(app: TestApp) {
    let fixture = app.fixture().await;
    let group_only = werkscan_core::ConsentChoices { group_figures: true, ..Default::default() };
    let stored = app.upload(&submission(&fixture, group_only)).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.text());
    let id = stored.json()["submission_id"].as_str().unwrap().to_owned();
    assert_group_figures_only(&fixture.definition, &stored_scores(&app, &id).await);
    assert!(
        fixture.definition.scores.iter().any(|score| score.expert_only),
        "the fixture has a sum for the expert to leave out"
    );

    // More than that is refused with a code that names it, and nothing is stored.
    let full = werkscan_core::score(&fixture.definition, &werkscan_core::answers::example_answers(&fixture.definition))
        .unwrap();
    let mut exact = submission(&fixture, group_only);
    let headline = exact.result.as_mut().unwrap().scores.last_mut().unwrap();
    headline.value = full.score(&headline.id).unwrap().value;
    let reply = app.upload(&exact).await;
    assert_eq!(
        (reply.status, reply.code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "headline_value_not_consented")
    );
    let mut with_sum = submission(&fixture, group_only);
    let sum =
        full.scores.iter().find(|score| fixture.definition.score(&score.id).unwrap().expert_only).unwrap().clone();
    with_sum.result.as_mut().unwrap().scores.insert(0, sum);
    assert_eq!(app.upload(&with_sum).await.code(), "score_not_for_group_figures");
    // A department with contact details alone is not needed by anything the person chose.
    let contact_only = werkscan_core::ConsentChoices { contact_me: true, ..Default::default() };
    let mut with_department = submission(&fixture, contact_only);
    assert_eq!(with_department.department, None, "the phone leaves it out");
    with_department.department = Some("Verpleging".into());
    assert_eq!(app.upload(&with_department).await.code(), "department_not_consented");
    assert_eq!(app.count("submissions", None).await, 1);

    // The band-only headline counts in the campaign's sums, and a withdrawal takes it off again.
    let headline = fixture.definition.group_figure_scores().find(|score| score.headline).unwrap().id.clone();
    let counted = |app: &TestApp| {
        let headline = headline.clone();
        let pool = app.db().pool.clone();
        async move {
            let n: i64 = sqlx::query_scalar(
                "SELECT CAST(COALESCE(SUM(respondents), 0) AS BIGINT) FROM group_cells WHERE score_id = $1",
            )
            .bind(headline)
            .fetch_one(&pool)
            .await
            .unwrap();
            n
        }
    };
    assert_eq!(counted(&app).await, 1);
    let token = stored.json()["withdrawal_token"].as_str().unwrap().to_owned();
    let request = axum::http::Request::builder()
        .method(Method::DELETE)
        .uri(format!("/api/submissions/{id}"))
        .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let withdrawn = app.send(request).await;
    assert!(withdrawn.status.is_success(), "{}", withdrawn.text());
    assert_eq!(counted(&app).await, 0);
    let left: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(respondents), 0) + COALESCE(SUM(ABS(value_sum)), 0) AS BIGINT) FROM group_cells",
    )
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(left, 0, "every sum is back at zero");
}

async fn an_upload_queued_under_the_previous_text_is_trimmed_to_the_current_rules(app: TestApp) {
    let fixture = app.fixture().await;
    // The previous text's app sent every score that is not hidden for group figures alone (the
    // exact Work Ability Score and the sum included), and the department with contact alone.
    let previous = EARLIER_CONSENT_VERSIONS[1];
    let full = werkscan_core::score(&fixture.definition, &werkscan_core::answers::example_answers(&fixture.definition))
        .unwrap();
    let mut queued = submission(&fixture, werkscan_core::ConsentChoices { group_figures: true, ..Default::default() });
    queued.consent.text_version = previous.to_owned();
    queued.result.as_mut().unwrap().scores =
        full.scores.iter().filter(|score| !fixture.definition.score(&score.id).unwrap().hidden).cloned().collect();
    let reply = app.upload(&queued).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    assert_group_figures_only(&fixture.definition, &stored_scores(&app, &id).await);
    assert_eq!(stored_consent(&app, &id).await.0, previous, "kept under the words the person read");

    let mut contact_only =
        submission(&fixture, werkscan_core::ConsentChoices { contact_me: true, ..Default::default() });
    contact_only.consent.text_version = previous.to_owned();
    contact_only.department = Some("Verpleging".into());
    let reply = app.upload(&contact_only).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let department: Option<String> = sqlx::query_scalar("SELECT department FROM submissions WHERE id = $1")
        .bind(reply.json()["submission_id"].as_str().unwrap().to_owned())
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(department, None);
}
