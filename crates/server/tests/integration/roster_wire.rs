//! Personal invitations (issue 19) on the wire: every request is a value of the wire contract
//! (`werkscan-api`), serialised as the console sends it, and every reply (campaign, roster, the
//! practice's check, letters, reminder, refusals by field) reads back into its types.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use werkscan_api::audit::AuditAction;
use werkscan_api::campaigns::{CampaignView, DepartmentEntry, DepartmentInput, Invitations, NewCampaign};
use werkscan_api::error::FieldError;
use werkscan_api::roster::{
    DomainCount, LetterRequest, Letters, Rejection, Reminded, RosterDepartment, RosterInput, RosterReview, RosterState,
    RosterSummary,
};

use crate::invitations::personal_campaign;
use crate::support::*;

on_both_databases!(every_step_of_personal_invitations_goes_and_comes_back_as_the_wire_contract_says);

/// A request of the wire contract as the JSON body the test client sends.
fn body(request: &impl serde::Serialize) -> Value {
    serde_json::to_value(request).unwrap()
}

/// A roster of these departments, each with its addresses.
fn roster(departments: &[(&str, &[&str])]) -> RosterInput {
    RosterInput {
        departments: departments
            .iter()
            .map(|(name, addresses)| RosterDepartment {
                name: (*name).to_owned(),
                addresses: addresses.iter().map(|address| (*address).to_owned()).collect(),
            })
            .collect(),
    }
}

async fn every_step_of_personal_invitations_goes_and_comes_back_as_the_wire_contract_says(app: TestApp) {
    let fixture = app.fixture().await;

    // A new campaign with personal invitations, as the console's form sends it.
    let today = chrono::Utc::now().date_naive();
    let department = |name: &str| DepartmentInput::Entry(DepartmentEntry { name: name.to_owned(), headcount: None });
    let request = NewCampaign {
        name: "Persoonlijk".into(),
        questionnaire: fixture.definition.questionnaire.id.clone(),
        version: fixture.definition.questionnaire.version.clone(),
        departments: vec![department("Zorg"), department("Kantoor")],
        starts_on: today,
        ends_on: today + chrono::Days::new(27),
        min_group_size: Some(5),
        experts: vec![fixture.expert_id.clone()],
        retention_days: Some(365),
        practice: None,
        invitations: Invitations::Personal,
    };
    let reply = app.create_campaign(&fixture.employer, body(&request)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let created: CampaignView = reply.reads_as();
    assert_eq!(created.invitations, Invitations::Personal);
    assert_eq!(created.roster.as_ref().map(|roster| roster.state), Some(RosterState::NotGiven));

    let (id, _) = personal_campaign(&app, &fixture).await;
    let roster_path = format!("/api/campaigns/{id}/roster");
    let nursing = [
        "a@zorggroep.example",
        "b@zorggroep.example",
        "c@zorggroep.example",
        "d@zorggroep.example",
        "e@zorggroep.example",
    ];

    // A refusal only the server can make names the address's place in the request.
    let facilities = ["f@zorggroep.example", "g@zorggroep..example", "h@zorggroep.example", "j@elders.example"];
    let given = roster(&[("Verpleging", &nursing), ("Facilitair", &facilities)]);
    let reply = app.json(Method::PUT, &roster_path, Some(&fixture.employer), &body(&given)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.text());
    let fields: Vec<FieldError> = serde_json::from_value(reply.json()["error"]["fields"].clone()).unwrap();
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!((fields[0].code.as_str(), fields[0].field.as_str()), ("invalid_address", "departments[1].addresses[1]"));

    // Given again, checked by the practice, refused with a reason, given again and approved.
    let facilities = [
        "f@zorggroep.example",
        "g@zorggroep.example",
        "h@zorggroep.example",
        "i@zorggroep.example",
        "j@elders.example",
    ];
    let given = roster(&[("Verpleging", &nursing), ("Facilitair", &facilities)]);
    let reply = app.json(Method::PUT, &roster_path, Some(&fixture.employer), &body(&given)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let summary: RosterSummary = reply.reads_as();
    assert_eq!(summary.state, RosterState::Submitted);
    let counts: Vec<(String, i64)> =
        summary.departments.iter().map(|department| (department.name.clone(), department.by_mail)).collect();
    assert_eq!(counts, vec![("Verpleging".to_owned(), 5), ("Facilitair".to_owned(), 5)]);
    let expert_path = format!("/api/expert/campaigns/{id}");
    let review: RosterReview = app.get(&format!("{expert_path}/roster"), Some(&fixture.expert)).await.reads_as();
    let checked = review.departments.iter().find(|department| department.count.name == "Facilitair").unwrap();
    assert_eq!(checked.domains[0], DomainCount { domain: "zorggroep.example".into(), addresses: 4 });
    let reason = Rejection { reason: "Facilitair heeft een adres buiten de organisatie".into() };
    let reply =
        app.json(Method::POST, &format!("{expert_path}/roster/reject"), Some(&fixture.expert), &body(&reason)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let refused: RosterReview = reply.reads_as();
    assert_eq!((refused.state, refused.note.as_deref()), (RosterState::Rejected, Some(reason.reason.as_str())));
    let campaign: CampaignView = app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.reads_as();
    assert_eq!(campaign.roster.as_ref().and_then(|roster| roster.note.as_deref()), Some(reason.reason.as_str()));

    let reply = app.json(Method::PUT, &roster_path, Some(&fixture.employer), &body(&given)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let reply =
        app.json(Method::POST, &format!("{expert_path}/roster/approve"), Some(&fixture.expert), &json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let approved: RosterReview = reply.reads_as();
    assert_eq!((approved.state, approved.invited), (RosterState::Approved, 10));

    // Letters and the reminder, as the console asks for them.
    let request = LetterRequest { department: "Facilitair".into(), count: 2 };
    let reply = app.json(Method::POST, &format!("{expert_path}/letters"), Some(&fixture.expert), &body(&request)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let letters: Letters = reply.reads_as();
    assert_eq!(letters.letters.len(), 2);
    assert!(letters.letters.iter().all(|letter| letter.qr_svg.contains("<svg") && letter.link.contains("?u=")));
    let reply =
        app.json(Method::POST, &format!("{expert_path}/roster/remind"), Some(&fixture.expert), &json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let reminded: Reminded = reply.reads_as();
    assert_eq!(reminded.sent, 10, "by mail only: the letters have no address");
    let again =
        app.json(Method::POST, &format!("{expert_path}/roster/remind"), Some(&fixture.expert), &json!({})).await;
    assert_eq!(again.code(), "reminded_today");

    // The employer's page after approval: numbers only, letters counted.
    let campaign: CampaignView = app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.reads_as();
    let roster = campaign.roster.unwrap();
    assert_eq!((roster.state, roster.invited), (RosterState::Approved, 12));
    assert!(roster.reminded_on.is_some());
    // Every new audit action is a name of the wire contract (so the console has its words).
    for action in ["roster_submitted", "roster_approved", "roster_rejected", "letters_made", "invitations_reminded"] {
        assert!(AuditAction::parse(action).is_some(), "{action}");
        let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND campaign_id = $2")
            .bind(action)
            .bind(&id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        assert!(written > 0, "{action} is written");
    }
}
