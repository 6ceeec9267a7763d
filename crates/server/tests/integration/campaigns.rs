//! Campaigns: who may create them, the rules they follow, and what the public link reveals.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{campaign_body, submission, TestApp};
use werkscan_core::ConsentChoices;

on_both_databases!(
    campaign_rules_are_enforced,
    only_employers_create_campaigns_for_their_own_organisation,
    the_public_campaign_shows_only_what_the_phone_needs,
    campaign_dates_are_bounded_and_far_dates_never_crash,
    a_huge_department_list_is_refused_before_it_is_read,
    control_characters_are_refused_in_campaigns,
    experts_belong_to_the_organisation,
);

async fn campaign_rules_are_enforced(app: TestApp) {
    let fixture = app.fixture().await;
    assert_eq!(fixture.campaign["min_group_size"], 10);
    assert_eq!(fixture.campaign["code"].as_str().unwrap().len(), 10);
    assert_eq!(fixture.campaign["link"], format!("/c/{}", fixture.code));
    assert_eq!(fixture.campaign["open"], true);
    assert_eq!(
        fixture.campaign["departments"],
        json!([{"name": "Verpleging", "headcount": null}, {"name": "Facilitair", "headcount": null}])
    );
    assert_eq!(fixture.campaign["status"], "open");
    assert_eq!(fixture.campaign["experts"][0]["id"], fixture.expert_id);
    let base = || campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    let cases = [
        (json!({"min_group_size": 4}), "min_group_size_too_small"),
        (json!({"experts": [fixture.employer_id.clone()]}), "unknown_expert"),
        (json!({"experts": []}), "experts_required"),
        (json!({"version": "0.0.0"}), "unknown_questionnaire"),
        (json!({"questionnaire": "nope"}), "unknown_questionnaire"),
        (json!({"starts_on": "2030-01-02", "ends_on": "2030-01-01"}), "invalid_dates"),
        (json!({"departments": ["Zorg", "Zorg"]}), "invalid_department"),
        (json!({"retention_days": 0}), "invalid_retention"),
        (json!({"name": "  "}), "invalid_name"),
    ];
    for (change, code) in cases {
        let mut body = base();
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let reply = app.create_campaign(&fixture.employer, body).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, code.to_owned()), "{change}");
    }
    let mut body = base();
    body["owner"] = json!("someone");
    assert_eq!(app.create_campaign(&fixture.employer, body).await.code(), "invalid_body");
    let mut body = base();
    body["starts_on"] = json!("1 januari");
    assert_eq!(app.create_campaign(&fixture.employer, body).await.status, StatusCode::BAD_REQUEST);
    let mut five = base();
    five["min_group_size"] = json!(5);
    let reply = app.create_campaign(&fixture.employer, five).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(reply.json()["min_group_size"], 5);
    assert_eq!(app.count("campaigns", None).await, 2);
}

async fn only_employers_create_campaigns_for_their_own_organisation(app: TestApp) {
    let fixture = app.fixture().await;
    let body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    let reply = app.create_campaign(&fixture.expert, body.clone()).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"));
    assert_eq!(app.create_campaign(&fixture.employer, body.clone()).await.status, StatusCode::CREATED);
    // Another organisation's employer sees neither campaign.
    let other_org = werkscan_server::admin::create_org(app.db(), "Andere BV").await.unwrap();
    app.user(Some(&other_org), werkscan_server::accounts::auth::Role::Employer, "hr@andere.example").await;
    let their_expert =
        app.user(Some(&other_org), werkscan_server::accounts::auth::Role::Expert, "ad@andere.example").await;
    let other = app.login("hr@andere.example", "correct horse battery").await;
    assert_eq!(app.get("/api/campaigns", Some(&other)).await.json(), json!([]));
    let id = fixture.campaign["id"].as_str().unwrap();
    assert_eq!(app.get(&format!("/api/campaigns/{id}"), Some(&other)).await.status, StatusCode::NOT_FOUND);
    let own = app.get("/api/campaigns", Some(&fixture.employer)).await.json();
    assert_eq!(own.as_array().unwrap().len(), 2);
    let created = app.create_campaign(&other, campaign_body(&fixture.definition, &their_expert, 0, 10)).await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.json()["organisation"]["name"], "Andere BV");
    // Experts are listed for employers (to name them: those of the practices their organisation
    // works with, each with its practice), not for experts.
    let experts = app.get("/api/experts", Some(&fixture.employer)).await.json();
    let practice = fixture.campaign["practice"]["id"].clone();
    assert_eq!(
        experts,
        json!([{"id": fixture.expert_id, "display_name": "ad@test.example name", "practice_id": practice}])
    );
    assert_eq!(app.get("/api/experts", Some(&fixture.expert)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/campaigns", None).await.status, StatusCode::UNAUTHORIZED);
}

async fn the_public_campaign_shows_only_what_the_phone_needs(app: TestApp) {
    let fixture = app.fixture().await;
    let reply = app.get(&format!("/api/c/{}", fixture.code.to_lowercase()), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    let keys: BTreeSet<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> = [
        "code",
        "name",
        "organisation",
        "questionnaire",
        "departments",
        "open",
        "starts_on",
        "ends_on",
        "delete_after",
        "experts",
        "min_group_size",
        "controller",
        "controller_contact",
        "privacy_officer",
        "privacy_officer_contact",
        "personal",
    ]
    .into();
    assert_eq!(keys, expected);
    assert_eq!(body["organisation"], "Zorggroep Test");
    // Who the consent text names as responsible (the practice, not the employer), and the data
    // protection officer.
    assert_eq!(body["controller"], crate::support::FIXTURE_PRACTICE);
    assert_eq!(body["controller_contact"], "privacy@arbopraktijk.example");
    assert_eq!(body["privacy_officer"], "Fenna Gerritsen");
    assert_eq!(body["privacy_officer_contact"], "fg@arbopraktijk.example");
    assert_eq!(body["experts"], json!(["ad@test.example name"]));
    assert_eq!(body["questionnaire"]["content_hash"], fixture.definition.content_hash.clone().unwrap());
    let missing = app.get("/api/c/NOSUCHCODE", None).await;
    assert_eq!((missing.status, missing.code().as_str()), (StatusCode::NOT_FOUND, "campaign_not_found"));
}

async fn campaign_dates_are_bounded_and_far_dates_never_crash(app: TestApp) {
    let mut fixture = app.fixture().await;
    let today = chrono::Utc::now().date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    for (starts_on, ends_on) in [(day(0), day(6 * 366)), (day(-800), day(10)), (day(0), "+262142-12-31".to_owned())] {
        let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
        body["starts_on"] = json!(starts_on);
        body["ends_on"] = json!(ends_on);
        let reply = app.create_campaign(&fixture.employer, body).await;
        assert!(reply.status.is_client_error(), "{starts_on}..{ends_on}: {}", reply.text());
        assert_ne!(reply.status, StatusCode::CREATED);
    }
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    body["ends_on"] = json!(day(4 * 365));
    assert_eq!(app.create_campaign(&fixture.employer, body).await.status, StatusCode::CREATED);
    // A campaign stored before the bounds existed, ending at the calendar's last day: uploads and
    // the organisation's list still work (date arithmetic is checked, never panics).
    let id = fixture.campaign["id"].as_str().unwrap();
    sqlx::query("UPDATE campaigns SET ends_on = $1 WHERE id = $2")
        .bind(chrono::NaiveDate::MAX.to_string())
        .bind(id.to_owned())
        .execute(&app.db().pool)
        .await
        .unwrap();
    // The deletion date in the consent text moved with it: the phone reads it again.
    fixture.consent_values = app.consent_values(&fixture.code).await;
    let choices = ConsentChoices { group_figures: true, ..ConsentChoices::default() };
    let reply = app.upload(&submission(&fixture, choices)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let list = app.get("/api/campaigns", Some(&fixture.employer)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text());
    assert_eq!(app.get(&format!("/api/c/{}", fixture.code), None).await.status, StatusCode::OK);
    werkscan_server::submissions::retention::purge_expired(app.db(), werkscan_server::util::now()).await.unwrap();
}

async fn a_huge_department_list_is_refused_before_it_is_read(app: TestApp) {
    let fixture = app.fixture().await;
    // 40,000 departments (with a duplicate, which a quadratic check would look for first): the
    // body is refused for its size before any department is compared.
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    let mut departments: Vec<String> = (0..40_000).map(|n| format!("Afdeling {n}")).collect();
    departments.push("Afdeling 1".into());
    body["departments"] = json!(departments);
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));
    // Within the body limit, the count is checked before the list is compared.
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    let mut departments: Vec<String> = (0..1_000).map(|n| n.to_string()).collect();
    departments.push("1".into());
    body["departments"] = json!(departments);
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(reply.code(), "invalid_department");
    assert!(reply.json()["error"]["message"].as_str().unwrap().contains("at most 200"), "{}", reply.text());
    assert_eq!(app.count("campaigns", None).await, 1);
}

async fn control_characters_are_refused_in_campaigns(app: TestApp) {
    let fixture = app.fixture().await;
    for (field, value, status) in [
        ("name", json!("Werkscan\u{0}"), StatusCode::BAD_REQUEST),
        ("name", json!("Werkscan \u{202E}2026"), StatusCode::UNPROCESSABLE_ENTITY),
        ("name", json!("Werkscan\n2026"), StatusCode::UNPROCESSABLE_ENTITY),
        ("departments", json!(["Zorg\u{1b}[31m"]), StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
        body[field] = value;
        let reply = app.create_campaign(&fixture.employer, body).await;
        assert_eq!(reply.status, status, "{field}: {}", reply.text());
    }
    assert_eq!(app.count("campaigns", None).await, 1);
}

async fn experts_belong_to_the_organisation(app: TestApp) {
    let fixture = app.fixture().await;
    // An expert of another organisation's practice cannot be named, so cannot receive this
    // organisation's shared results.
    let other_org = werkscan_server::admin::create_org(app.db(), "Andere BV").await.unwrap();
    let outsider = app.user(Some(&other_org), werkscan_server::accounts::auth::Role::Expert, "ad@andere.example").await;
    let mut body = campaign_body(&fixture.definition, &outsider, 0, 10);
    body["experts"] = json!([fixture.expert_id, outsider]);
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "unknown_expert"));
    let listed = app.get("/api/experts", Some(&fixture.employer)).await.json();
    assert!(!listed.to_string().contains(&outsider), "{listed}");
    // Once the organisation works with their practice too, they can be named in a campaign of
    // that practice (which the employer must then name: there are two).
    let org_id = fixture.campaign["organisation"]["id"].as_str().unwrap();
    let their_practice = app.practice_of(&other_org).await;
    werkscan_server::practices::routes::link_organisation(app.db(), &their_practice, org_id).await.unwrap();
    let mut body = campaign_body(&fixture.definition, &outsider, 0, 10);
    body["experts"] = json!([outsider]);
    let reply = app.create_campaign(&fixture.employer, body.clone()).await;
    assert_eq!(
        (reply.status, reply.code().as_str(), reply.json()["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "practice_required", Some("practice"))
    );
    body["practice"] = json!(their_practice);
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(reply.json()["practice"]["id"], json!(their_practice));
    assert!(app.get("/api/experts", Some(&fixture.employer)).await.text().contains(&outsider));
}
