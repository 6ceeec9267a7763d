//! The staff console and personal invitations (issue 19): the requests its forms build are the
//! ones the server takes, and every reply it reads (campaign, roster, the practice's check,
//! letters, reminder, refusals by line) reads into its own types.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use werkscan_console::api;
use werkscan_console::roster::RosterForm;

use crate::invitations::personal_campaign;
use crate::support::*;

on_both_databases!(the_console_builds_and_reads_every_step_of_personal_invitations);

/// A console request as the JSON body the test client sends.
fn body(request: &impl serde::Serialize) -> Value {
    serde_json::to_value(request).unwrap()
}

async fn the_console_builds_and_reads_every_step_of_personal_invitations(app: TestApp) {
    let fixture = app.fixture().await;

    // The campaign form with personal invitations (its default) makes a campaign the server takes.
    let mut form = werkscan_console::campaign_form::CampaignForm::new(chrono::Utc::now().date_naive());
    form.name = "Persoonlijk".into();
    form.questionnaire = fixture.definition.questionnaire.id.clone();
    form.version = fixture.definition.questionnaire.version.clone();
    form.departments = vec![
        werkscan_console::campaign_form::DepartmentRow { name: "Zorg".into(), headcount: "12".into() },
        werkscan_console::campaign_form::DepartmentRow { name: "Kantoor".into(), headcount: String::new() },
    ];
    form.min_group_size = "5".into();
    form.experts = vec![fixture.expert_id.clone()];
    let reply = app.create_campaign(&fixture.employer, body(&form.to_request().unwrap())).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let created: api::CampaignView = reply.console_reads();
    assert_eq!(created.invitations, api::Invitations::Personal);
    assert_eq!(created.roster.as_ref().map(|roster| roster.state), Some(api::RosterState::NotGiven));

    let (id, _) = personal_campaign(&app, &fixture).await;
    let roster_path = format!("/api/campaigns/{id}/roster");
    let mut roster = RosterForm::new(["Verpleging".to_owned(), "Facilitair".to_owned()]);

    // A refusal only the server can make lands on the line it was typed on.
    roster.departments[0].1 =
        "a@zorggroep.example\nb@zorggroep.example\nc@zorggroep.example\nd@zorggroep.example\ne@zorggroep.example"
            .into();
    roster.departments[1].1 =
        "f@zorggroep.example\n\ng@zorggroep..example\th@zorggroep.example; i@zorggroep.example\nj@elders.example"
            .into();
    let reply =
        app.json(Method::PUT, &roster_path, Some(&fixture.employer), &body(&roster.to_request().unwrap())).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.text());
    let fields: Vec<api::FieldError> = serde_json::from_value(reply.json()["error"]["fields"].clone()).unwrap();
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!((fields[0].code.as_str(), roster.place(&fields[0].field)), ("invalid_address", Some((1, Some(3)))));

    // Given again, checked by the practice, refused with a reason, given again and approved.
    roster.departments[1].1 =
        "f@zorggroep.example\n\ng@zorggroep.example\th@zorggroep.example; i@zorggroep.example\nj@elders.example".into();
    let reply =
        app.json(Method::PUT, &roster_path, Some(&fixture.employer), &body(&roster.to_request().unwrap())).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let summary: api::RosterSummary = reply.console_reads();
    assert_eq!(summary.state, api::RosterState::Submitted);
    let counts: Vec<(String, i64)> =
        summary.departments.iter().map(|department| (department.name.clone(), department.by_mail)).collect();
    assert_eq!(counts, vec![("Verpleging".to_owned(), 5), ("Facilitair".to_owned(), 5)]);
    let expert_path = format!("/api/expert/campaigns/{id}");
    let review: api::RosterReview =
        app.get(&format!("{expert_path}/roster"), Some(&fixture.expert)).await.console_reads();
    let facilities = review.departments.iter().find(|department| department.name == "Facilitair").unwrap();
    assert_eq!(facilities.domains[0], api::DomainCount { domain: "zorggroep.example".into(), addresses: 4 });
    let reason = api::Rejection { reason: "Facilitair heeft een adres buiten de organisatie".into() };
    let reply =
        app.json(Method::POST, &format!("{expert_path}/roster/reject"), Some(&fixture.expert), &body(&reason)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let refused: api::RosterReview = reply.console_reads();
    assert_eq!((refused.state, refused.note.as_deref()), (api::RosterState::Rejected, Some(reason.reason.as_str())));
    let campaign: api::CampaignView =
        app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.console_reads();
    let words = werkscan_console::roster::state_words(werkscan_core::Lang::Nl, campaign.roster.as_ref().unwrap());
    assert!(words.contains(&reason.reason), "{words}");

    let reply =
        app.json(Method::PUT, &roster_path, Some(&fixture.employer), &body(&roster.to_request().unwrap())).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let reply =
        app.json(Method::POST, &format!("{expert_path}/roster/approve"), Some(&fixture.expert), &json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let approved: api::RosterReview = reply.console_reads();
    assert_eq!((approved.state, approved.invited), (api::RosterState::Approved, 10));

    // Letters and the reminder, as the console asks for them.
    let request = api::LetterRequest { department: "Facilitair".into(), count: 2 };
    let reply = app.json(Method::POST, &format!("{expert_path}/letters"), Some(&fixture.expert), &body(&request)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let letters: api::Letters = reply.console_reads();
    assert_eq!(letters.letters.len(), 2);
    assert!(letters.letters.iter().all(|letter| letter.qr_svg.contains("<svg") && letter.link.contains("?u=")));
    let reply =
        app.json(Method::POST, &format!("{expert_path}/roster/remind"), Some(&fixture.expert), &json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let reminded: api::Reminded = reply.console_reads();
    assert_eq!(reminded.sent, 10, "by mail only: the letters have no address");
    let again =
        app.json(Method::POST, &format!("{expert_path}/roster/remind"), Some(&fixture.expert), &json!({})).await;
    assert_eq!(again.code(), "reminded_today");

    // The employer's page after approval: numbers only, letters counted.
    let campaign: api::CampaignView =
        app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.console_reads();
    let roster = campaign.roster.unwrap();
    assert_eq!((roster.state, roster.invited), (api::RosterState::Approved, 12));
    assert!(roster.reminded_on.is_some());
    // Every new audit action has words in the console.
    for action in ["roster_submitted", "roster_approved", "roster_rejected", "letters_made", "invitations_reminded"] {
        assert!(werkscan_console::words::AUDIT_ACTIONS.contains(&action), "{action}");
        let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND campaign_id = $2")
            .bind(action)
            .bind(&id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        assert!(written > 0, "{action} is written");
    }
}
