//! Campaigns: who may create them, the rules they follow, and what the public link reveals.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{campaign_body, TestApp};

on_both_databases!(
    campaign_rules_are_enforced,
    only_employers_create_campaigns_for_their_own_organisation,
    the_public_campaign_shows_only_what_the_phone_needs,
);

async fn campaign_rules_are_enforced(app: TestApp) {
    let fixture = app.fixture().await;
    assert_eq!(fixture.campaign["min_group_size"], 10);
    assert_eq!(fixture.campaign["code"].as_str().unwrap().len(), 10);
    assert_eq!(fixture.campaign["link"], format!("/c/{}", fixture.code));
    assert_eq!(fixture.campaign["open"], true);
    assert_eq!(fixture.campaign["departments"], json!(["Verpleging", "Facilitair"]));
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
    app.user(Some(&other_org), werkscan_server::auth::Role::Employer, "hr@andere.example").await;
    let other = app.login("hr@andere.example", "correct horse battery").await;
    assert_eq!(app.get("/api/campaigns", Some(&other)).await.json(), json!([]));
    let id = fixture.campaign["id"].as_str().unwrap();
    assert_eq!(app.get(&format!("/api/campaigns/{id}"), Some(&other)).await.status, StatusCode::NOT_FOUND);
    let own = app.get("/api/campaigns", Some(&fixture.employer)).await.json();
    assert_eq!(own.as_array().unwrap().len(), 2);
    let created = app.create_campaign(&other, body).await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.json()["organisation"]["name"], "Andere BV");
    // Experts are listed for employers (to name them), not for experts.
    let experts = app.get("/api/experts", Some(&fixture.employer)).await.json();
    assert_eq!(experts.as_array().unwrap().len(), 2);
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
        "code", "name", "organisation", "questionnaire", "departments", "open", "starts_on", "ends_on", "delete_after", "experts", "min_group_size",
    ]
    .into();
    assert_eq!(keys, expected);
    assert_eq!(body["organisation"], "Zorggroep Test");
    assert_eq!(body["experts"], json!(["ad@test.example name"]));
    assert_eq!(body["questionnaire"]["content_hash"], fixture.definition.content_hash.clone().unwrap());
    let missing = app.get("/api/c/NOSUCHCODE", None).await;
    assert_eq!((missing.status, missing.code().as_str()), (StatusCode::NOT_FOUND, "campaign_not_found"));
}
