//! The practice holds the data (issue #18), each rule as the attack or the user's action against
//! the real router on both databases: a practice's experts read only their practice's shares;
//! an employer, a practice admin (of that or another practice) and the platform admin read none;
//! a campaign is run by one practice with its experts only; the platform admin manages
//! practices; migration 0011 moves existing campaigns to practices without changing a word of
//! their consent.

use axum::http::{Method, StatusCode};
use serde_json::json;
use werkscan_server::accounts::auth::Role;

use crate::support::{campaign_body, everything, Kind, Session, TestApp};

on_both_databases!(
    a_practices_experts_read_only_their_practices_shares,
    the_inbox_lists_exactly_what_the_detail_opens,
    employers_practice_admins_and_the_platform_admin_read_no_share,
    a_campaign_is_run_by_one_practice_with_its_experts,
    the_platform_admin_manages_practices,
    existing_campaigns_move_to_practices_with_the_same_consent,
    the_console_reads_every_practice_answer,
);

const PASSWORD: &str = "correct horse battery";

/// The ids in an expert's inbox.
async fn inbox(app: &TestApp, session: &Session) -> Vec<String> {
    let reply = app.get("/api/expert/submissions", Some(session)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()["items"].as_array().unwrap().iter().map(|item| item["id"].as_str().unwrap().to_owned()).collect()
}

/// Everything an expert could read a shared result through, for one result: the detail, the
/// export and the follow-up list. Whether any of them shows it.
async fn reads(app: &TestApp, session: &Session, id: &str) -> bool {
    let detail = app.get(&format!("/api/expert/submissions/{id}"), Some(session)).await;
    let export = app.get("/api/expert/export.csv", Some(session)).await;
    let follow_up = app.get("/api/expert/follow-up", Some(session)).await;
    detail.status == StatusCode::OK
        || export.text().contains(id)
        || follow_up.text().contains(id)
        || inbox(app, session).await.contains(&id.to_owned())
}

/// A second practice that works with the fixture's organisation too, with its own expert, and a
/// campaign of it: (practice id, expert session, campaign code).
async fn second_practice(app: &TestApp, fixture: &crate::support::Fixture) -> (String, Session, String) {
    let practice = app.practice("Arbodienst Tweede", "tweede@example.org").await;
    werkscan_server::practices::routes::link_organisation(app.db(), &practice, &fixture.org_id).await.unwrap();
    let expert = app.user_in_practice(&practice, Role::Expert, "ad@tweede.example").await;
    let session = app.login("ad@tweede.example", PASSWORD).await;
    let mut body = campaign_body(&fixture.definition, &expert, -1, 30);
    body["practice"] = json!(practice);
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    (practice, session, reply.json()["code"].as_str().unwrap().to_owned())
}

/// Uploads everything to the campaign with `code`; the submission's id.
async fn share(app: &TestApp, fixture: &crate::support::Fixture, code: &str) -> String {
    let mut submission = crate::support::submission(fixture, everything());
    submission.campaign = code.to_owned();
    submission.consent.values = Some(app.consent_values(code).await);
    let reply = app.upload(&submission).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()["submission_id"].as_str().unwrap().to_owned()
}

/// The inbox chooses and counts its rows with its own form of the one rule of what is shared
/// (`expert::INBOX`, shaped for its index); the detail uses the rule itself. For every expert
/// they must agree: the inbox lists, and counts, exactly the results the detail opens.
async fn the_inbox_lists_exactly_what_the_detail_opens(app: TestApp) {
    let fixture = app.fixture().await;
    share(&app, &fixture, &fixture.code).await;
    let (_, second_expert, second_code) = second_practice(&app, &fixture).await;
    share(&app, &fixture, &second_code).await;
    // Shared for the group figures only, and contact details only: the first is no expert's.
    for choices in [
        werkscan_core::ConsentChoices { group_figures: true, ..Default::default() },
        werkscan_core::ConsentChoices { contact_me: true, ..Default::default() },
    ] {
        let mut submission = crate::support::submission(&fixture, choices);
        if !choices.contact_me {
            submission.contact = None;
        }
        let reply = app.upload(&submission).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    }
    let all: Vec<String> = sqlx::query_scalar("SELECT id FROM submissions").fetch_all(&app.db().pool).await.unwrap();
    assert_eq!(all.len(), 4);
    for session in [&fixture.expert, &fixture.other_expert, &second_expert] {
        let listed: std::collections::BTreeSet<String> = inbox(&app, session).await.into_iter().collect();
        let mut opened = std::collections::BTreeSet::new();
        for id in &all {
            if app.get(&format!("/api/expert/submissions/{id}"), Some(session)).await.status == StatusCode::OK {
                opened.insert(id.clone());
            }
        }
        assert_eq!(listed, opened);
        let total = app.get("/api/expert/submissions", Some(session)).await.json()["total"].as_i64().unwrap();
        assert_eq!(total, opened.len() as i64);
    }
    assert_eq!(
        inbox(&app, &fixture.expert).await.len(),
        2,
        "the scores and the contact details, not the group figures"
    );
}

async fn a_practices_experts_read_only_their_practices_shares(app: TestApp) {
    let fixture = app.fixture().await;
    let first = share(&app, &fixture, &fixture.code).await;
    let (second_practice_id, second_expert, second_code) = second_practice(&app, &fixture).await;
    let second = share(&app, &fixture, &second_code).await;
    assert_eq!(inbox(&app, &fixture.expert).await, std::slice::from_ref(&first));
    assert_eq!(inbox(&app, &second_expert).await, std::slice::from_ref(&second));
    assert!(!reads(&app, &fixture.expert, &second).await);
    assert!(!reads(&app, &second_expert, &first).await);
    // The second practice's expert is named in the first practice's campaign behind the
    // server's back (as an older server could have done): being named is not enough.
    let campaign = fixture.campaign["id"].as_str().unwrap();
    let second_expert_id = werkscan_server::admin::find_user(app.db(), "ad@tweede.example").await.unwrap().unwrap();
    sqlx::query("INSERT INTO campaign_experts (campaign_id, user_id) VALUES ($1, $2)")
        .bind(campaign)
        .bind(&second_expert_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    assert!(!reads(&app, &second_expert, &first).await);
    assert!(
        !app.consent_values(&fixture.code).await.experts.contains(&"ad@tweede.example name".to_owned()),
        "the consent does not name them either"
    );
    // The first practice's expert moves to the second practice: they read nothing of the
    // first practice's campaign from then on, although it names them.
    let admin_id = app.user(None, Role::Admin, "admin@x.example").await;
    assert!(!admin_id.is_empty());
    let admin = app.login("admin@x.example", PASSWORD).await;
    let reply = app
        .json(
            Method::POST,
            &format!("/api/admin/practices/{second_practice_id}/members"),
            Some(&admin),
            &json!({"user_id": fixture.expert_id}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert!(!reads(&app, &fixture.expert, &first).await);
    assert_eq!(
        app.get(&format!("/api/campaigns/{campaign}"), Some(&fixture.expert)).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn employers_practice_admins_and_the_platform_admin_read_no_share(app: TestApp) {
    let fixture = app.fixture().await;
    let id = share(&app, &fixture, &fixture.code).await;
    let practice = fixture.campaign["practice"]["id"].as_str().unwrap().to_owned();
    app.user_in_practice(&practice, Role::PracticeAdmin, "beheer@eigen.example").await;
    let other = app.practice("Arbodienst Anders", "anders@example.org").await;
    app.user_in_practice(&other, Role::PracticeAdmin, "beheer@anders.example").await;
    app.user(None, Role::Admin, "admin@x.example").await;
    let own_admin = app.login("beheer@eigen.example", PASSWORD).await;
    let other_admin = app.login("beheer@anders.example", PASSWORD).await;
    let admin = app.login("admin@x.example", PASSWORD).await;
    for (who, session) in [
        ("employer", &fixture.employer),
        ("own practice admin", &own_admin),
        ("other practice admin", &other_admin),
        ("admin", &admin),
    ] {
        for path in [
            "/api/expert/submissions".to_owned(),
            format!("/api/expert/submissions/{id}"),
            "/api/expert/export.csv".to_owned(),
            "/api/expert/follow-up".to_owned(),
            "/api/expert/appointments".to_owned(),
        ] {
            let reply = app.get(&path, Some(session)).await;
            assert!(
                reply.status == StatusCode::FORBIDDEN || reply.status == StatusCode::NOT_FOUND,
                "{who} {path}: {}",
                reply.status
            );
            assert!(!reply.text().contains(&id), "{who} {path}");
        }
        let note = app
            .json(Method::POST, &format!("/api/expert/submissions/{id}/notes"), Some(session), &json!({"body": "x"}))
            .await;
        assert!(note.status == StatusCode::FORBIDDEN || note.status == StatusCode::NOT_FOUND, "{who}");
    }
    // The practice admin sees their practice and its experts, nothing of a campaign's people.
    let reply = app.get("/api/practice", Some(&own_admin)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let seen = reply.json();
    assert_eq!(seen["experts"], json!([{"id": fixture.expert_id, "display_name": "ad@test.example name"}]));
    assert!(!reply.text().contains(&id));
    let experts = app.get("/api/experts", Some(&own_admin)).await.json();
    assert_eq!(experts.as_array().unwrap().len(), 1);
    assert_eq!(app.get("/api/experts", Some(&other_admin)).await.json(), json!([]));
    assert_eq!(app.get("/api/campaigns", Some(&own_admin)).await.json(), json!([]));
    let campaign = fixture.campaign["id"].as_str().unwrap();
    assert_eq!(app.get(&format!("/api/campaigns/{campaign}"), Some(&own_admin)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/api/expert/campaigns/{campaign}/release"), Some(&own_admin)).await.status,
        StatusCode::FORBIDDEN
    );
    // The other practice's admin sees their own practice only.
    let theirs = app.get("/api/practice", Some(&other_admin)).await.json();
    assert_eq!((theirs["name"].as_str(), theirs["experts"].clone()), (Some("Arbodienst Anders"), json!([])));
    // Practice admins are not platform admins.
    assert_eq!(app.get("/api/admin/practices", Some(&own_admin)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/admin/users", Some(&own_admin)).await.status, StatusCode::FORBIDDEN);
}

async fn a_campaign_is_run_by_one_practice_with_its_experts(app: TestApp) {
    let fixture = app.fixture().await;
    // A practice the organisation does not work with cannot be named.
    let stranger = app.practice("Arbodienst Vreemd", "vreemd@example.org").await;
    let their_expert = app.user_in_practice(&stranger, Role::Expert, "ad@vreemd.example").await;
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    body["practice"] = json!(stranger);
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(
        (reply.status, reply.code().as_str(), reply.json()["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "unknown_practice", Some("practice"))
    );
    // Once it works with it, its experts still cannot be named in the other practice's campaign.
    werkscan_server::practices::routes::link_organisation(app.db(), &stranger, &fixture.org_id).await.unwrap();
    let own_practice = fixture.campaign["practice"]["id"].clone();
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    body["practice"] = own_practice.clone();
    body["experts"] = json!([fixture.expert_id, their_expert]);
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(
        (reply.status, reply.code().as_str(), reply.json()["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "unknown_expert", Some("experts[1]"))
    );
    // An organisation that works with no practice cannot start a campaign.
    let lonely = werkscan_server::admin::create_org(app.db(), "Eenzaam BV").await.unwrap();
    app.user(Some(&lonely), Role::Employer, "hr@eenzaam.example").await;
    let lonely_employer = app.login("hr@eenzaam.example", PASSWORD).await;
    let reply =
        app.create_campaign(&lonely_employer, campaign_body(&fixture.definition, &fixture.expert_id, 0, 10)).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "practice_required"));
    assert_eq!(app.count("campaigns", None).await, 1);
    // The employer lists the practices their organisation works with (for the form).
    let practices = app.get("/api/practices", Some(&fixture.employer)).await.json();
    let names: Vec<&str> =
        practices.as_array().unwrap().iter().map(|practice| practice["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Arbodienst Vreemd", crate::support::FIXTURE_PRACTICE]);
    assert_eq!(app.get("/api/practices", Some(&lonely_employer)).await.json(), json!([]));
    assert_eq!(app.get("/api/practices", Some(&fixture.expert)).await.status, StatusCode::FORBIDDEN);
}

async fn the_platform_admin_manages_practices(app: TestApp) {
    let fixture = app.fixture().await;
    app.user(None, Role::Admin, "admin@x.example").await;
    let admin = app.login("admin@x.example", PASSWORD).await;
    let body = json!({
        "name": "Arbodienst Nieuw",
        "contact": "privacy@nieuw.example",
        "privacy_officer": {"name": "Jan Fg", "contact": "fg@nieuw.example"},
        "website": "https://nieuw.example",
    });
    let reply = app.json(Method::POST, "/api/admin/practices", Some(&admin), &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let id = reply.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(reply.json()["privacy_officer"], json!({"name": "Jan Fg", "contact": "fg@nieuw.example"}));
    // Nobody else creates or changes one.
    for session in [&fixture.employer, &fixture.expert] {
        assert_eq!(
            app.json(Method::POST, "/api/admin/practices", Some(session), &body).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(app.get("/api/admin/practices", Some(session)).await.status, StatusCode::FORBIDDEN);
    }
    // Linked to the organisation, with an expert: the employer can run a campaign with it.
    let link = app
        .json(
            Method::POST,
            &format!("/api/admin/practices/{id}/organisations"),
            Some(&admin),
            &json!({"org_id": fixture.org_id}),
        )
        .await;
    assert_eq!(link.status, StatusCode::NO_CONTENT, "{}", link.text());
    let missing = app
        .json(Method::POST, "/api/admin/practices/nope/organisations", Some(&admin), &json!({"org_id": fixture.org_id}))
        .await;
    assert_eq!((missing.status, missing.code().as_str()), (StatusCode::NOT_FOUND, "practice_not_found"));
    let expert = app.user(None, Role::Expert, "ad@nieuw.example").await;
    let member = app
        .json(Method::POST, &format!("/api/admin/practices/{id}/members"), Some(&admin), &json!({"user_id": expert}))
        .await;
    assert_eq!(member.status, StatusCode::NO_CONTENT, "{}", member.text());
    let employer_id = fixture.employer_id.clone();
    let refused = app
        .json(
            Method::POST,
            &format!("/api/admin/practices/{id}/members"),
            Some(&admin),
            &json!({"user_id": employer_id}),
        )
        .await;
    assert_eq!((refused.status, refused.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "not_a_member_role"));
    // A practice admin account is created with its practice.
    let created = app
        .json(Method::POST, "/api/admin/users", Some(&admin), &json!({"email": "beheer@nieuw.example", "display_name": "Beheer Nieuw", "role": "practice_admin", "practice_id": id}))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let without = app
        .json(
            Method::POST,
            "/api/admin/users",
            Some(&admin),
            &json!({"email": "beheer2@nieuw.example", "display_name": "Beheer", "role": "practice_admin"}),
        )
        .await;
    assert_eq!((without.status, without.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_account"));
    let listed = app.get("/api/admin/practices", Some(&admin)).await.json();
    let ours = listed.as_array().unwrap().iter().find(|practice| practice["id"] == json!(id)).unwrap().clone();
    assert_eq!(ours["organisations"][0]["id"], json!(fixture.org_id));
    assert_eq!(ours["experts"][0]["id"], json!(expert));
    assert_eq!(ours["admins"][0]["display_name"], "Beheer Nieuw");
    let mut campaign = campaign_body(&fixture.definition, &expert, 0, 10);
    campaign["practice"] = json!(id);
    let reply = app.create_campaign(&fixture.employer, campaign).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let code = reply.json()["code"].as_str().unwrap().to_owned();
    assert_eq!(app.consent_values(&code).await.controller, "Arbodienst Nieuw");
    // The admin corrects the details; the consent follows.
    let mut changed = body.clone();
    changed["name"] = json!("Arbodienst Nieuw BV");
    let reply = app.json(Method::PUT, &format!("/api/admin/practices/{id}"), Some(&admin), &changed).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(app.consent_values(&code).await.controller, "Arbodienst Nieuw BV");
    let reply = app.json(Method::PUT, "/api/admin/practices/nope", Some(&admin), &changed).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

/// Rows as a server before migration 0011 wrote them: two organisations, three campaigns of
/// which two name the same controller, experts named in them (one in campaigns of two
/// controllers), and an expert named nowhere.
const LEGACY: &[&str] = &[
    "INSERT INTO organisations (id, name, created_at) VALUES ('org-a', 'Zorggroep A', 1), ('org-b', 'Bouw B', 2)",
    "INSERT INTO users (id, org_id, role, email, display_name, password_hash, created_at) VALUES \
     ('emp-a', 'org-a', 'employer', 'hr@a.example', 'HR A', 'x', 1), \
     ('ad-1', 'org-a', 'expert', 'ad1@example.org', 'AD Een', 'x', 1), \
     ('ad-2', NULL, 'expert', 'ad2@example.org', 'AD Twee', 'x', 1), \
     ('ad-3', NULL, 'expert', 'ad3@example.org', 'AD Drie', 'x', 1), \
     ('adm', NULL, 'admin', 'admin@example.org', 'Beheer', 'x', 1)",
    "INSERT INTO definitions (content_hash, id, version, json, first_loaded_at) VALUES ('legacy-hash', 'werkscan', '0.0.1', '{}', 1)",
    "INSERT INTO campaigns (id, org_id, code, name, definition_id, definition_version, content_hash, starts_on, ends_on, min_group_size, \
     retention_days, created_by, created_at, controller_name, controller_contact, privacy_officer_name, privacy_officer_contact) VALUES \
     ('c-1', 'org-a', 'CODE1', 'Een', 'werkscan', '0.0.1', 'legacy-hash', '2026-01-01', '2026-12-31', 10, 30, 'emp-a', 10, 'Arbodienst Oud', 'oud@example.org', 'Fg Oud', 'fg@oud.example'), \
     ('c-2', 'org-b', 'CODE2', 'Twee', 'werkscan', '0.0.1', 'legacy-hash', '2026-01-01', '2026-12-31', 10, 30, 'emp-a', 20, 'Arbodienst Oud', 'oud@example.org', 'Fg Oud', 'fg@oud.example'), \
     ('c-3', 'org-a', 'CODE3', 'Drie', 'werkscan', '0.0.1', 'legacy-hash', '2026-01-01', '2026-12-31', 10, 30, 'emp-a', 30, 'Zorggroep A', NULL, NULL, NULL)",
    "INSERT INTO campaign_experts (campaign_id, user_id) VALUES ('c-1', 'ad-1'), ('c-2', 'ad-2'), ('c-3', 'ad-2')",
];

async fn existing_campaigns_move_to_practices_with_the_same_consent(app: TestApp) {
    let kind = match app.db().backend {
        werkscan_server::Backend::Sqlite => Kind::Sqlite,
        werkscan_server::Backend::Postgres => Kind::Postgres,
    };
    drop(app);
    let app = TestApp::after_legacy(kind, 10, LEGACY).await;
    let pool = &app.db().pool;
    // One practice per distinct set of controller details, with exactly those details.
    /// id, name, contact, privacy officer's name and contact.
    type PracticeRow = (String, String, Option<String>, Option<String>, Option<String>);
    let practices: Vec<PracticeRow> = sqlx::query_as(
        "SELECT id, name, contact, privacy_officer_name, privacy_officer_contact FROM practices ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(practices.len(), 2, "{practices:?}");
    let (old, own) = (&practices[0], &practices[1]);
    assert_eq!(
        (old.1.as_str(), old.2.as_deref(), old.3.as_deref(), old.4.as_deref()),
        ("Arbodienst Oud", Some("oud@example.org"), Some("Fg Oud"), Some("fg@oud.example"))
    );
    assert_eq!((own.1.as_str(), own.2.as_deref(), own.3.as_deref()), ("Zorggroep A", None, None));
    let mut campaigns: Vec<(String, String)> =
        sqlx::query_as("SELECT id, practice_id FROM campaigns").fetch_all(pool).await.unwrap();
    campaigns.sort();
    assert_eq!(
        campaigns,
        [("c-1".to_owned(), old.0.clone()), ("c-2".to_owned(), old.0.clone()), ("c-3".to_owned(), own.0.clone())]
    );
    // The consent values read as before (what a phone in the middle of a scan checks).
    let values = app.consent_values("CODE1").await;
    assert_eq!(
        (
            values.controller.as_str(),
            values.controller_contact.as_deref(),
            values.privacy_officer.as_deref(),
            values.privacy_officer_contact.as_deref()
        ),
        ("Arbodienst Oud", Some("oud@example.org"), Some("Fg Oud"), Some("fg@oud.example"))
    );
    assert_eq!(values.experts, ["AD Een"]);
    let values = app.consent_values("CODE3").await;
    assert_eq!(
        (values.controller.as_str(), values.controller_contact, values.privacy_officer),
        ("Zorggroep A", None, None)
    );
    assert_eq!(
        values.experts,
        ["AD Twee"],
        "the expert of two controllers joined the practice of their newest campaign"
    );
    // The organisations work with the practices their campaigns named.
    let mut links: Vec<(String, String)> =
        sqlx::query_as("SELECT practice_id, org_id FROM practice_organisations").fetch_all(pool).await.unwrap();
    links.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    let mut expected = vec![
        (old.0.clone(), "org-a".to_owned()),
        (own.0.clone(), "org-a".to_owned()),
        (old.0.clone(), "org-b".to_owned()),
    ];
    expected.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    assert_eq!(links, expected);
    // Experts went into the practice of the campaign that named them (the newest, for one named
    // by two); roles are kept; an expert named nowhere waits for the admin.
    let mut members: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT id, role, practice_id FROM users").fetch_all(pool).await.unwrap();
    members.sort();
    assert_eq!(
        members,
        vec![
            ("ad-1".to_owned(), "expert".to_owned(), Some(old.0.clone())),
            ("ad-2".to_owned(), "expert".to_owned(), Some(own.0.clone())),
            ("ad-3".to_owned(), "expert".to_owned(), None),
            ("adm".to_owned(), "admin".to_owned(), None),
            ("emp-a".to_owned(), "employer".to_owned(), None),
        ]
    );
    // The new role fits the column, and nothing else does.
    let widened = sqlx::query("UPDATE users SET role = 'practice_admin' WHERE id = 'ad-3'").execute(pool).await;
    assert!(widened.is_ok(), "{widened:?}");
    let refused = sqlx::query("UPDATE users SET role = 'owner' WHERE id = 'ad-3'").execute(pool).await;
    assert!(refused.is_err(), "the role's CHECK still holds");
}

async fn the_console_reads_every_practice_answer(app: TestApp) {
    use werkscan_api::accounts::Role;
    use werkscan_api::admin::{Account, Organisation};
    use werkscan_api::campaigns::{ExpertRef, Party};
    use werkscan_api::practices::{Practice, PracticeDetails, PracticeRef};
    let fixture = app.fixture().await;
    let practice = fixture.campaign["practice"]["id"].as_str().unwrap().to_owned();
    app.user_in_practice(&practice, Role::PracticeAdmin, "beheer@eigen.example").await;
    app.user(None, Role::Admin, "admin@x.example").await;
    let admin = app.login("admin@x.example", PASSWORD).await;
    let practice_admin = app.login("beheer@eigen.example", PASSWORD).await;
    // The admin's screens, with a practice admin among the accounts.
    let list: Vec<Practice> = app.get("/api/admin/practices", Some(&admin)).await.reads_as();
    assert_eq!(list[0].experts[0].id, fixture.expert_id);
    let accounts: Vec<Account> = app.get("/api/admin/users", Some(&admin)).await.reads_as();
    assert!(accounts.iter().any(
        |account| account.role == Role::PracticeAdmin && account.practice_id.as_deref() == Some(practice.as_str())
    ));
    let organisations: Vec<Organisation> = app.get("/api/admin/organisations", Some(&admin)).await.reads_as();
    assert_eq!(
        organisations[0].practices.iter().map(|practice| practice.name.as_str()).collect::<Vec<_>>(),
        [crate::support::FIXTURE_PRACTICE]
    );
    // What the console sends for a new practice is what the server takes.
    let details = PracticeDetails {
        name: "Arbodienst Console".into(),
        contact: "console@example.org".into(),
        privacy_officer: Some(Party { name: "Fg".into(), contact: Some("fg@example.org".into()) }),
        website: None,
    };
    let reply =
        app.json(Method::POST, "/api/admin/practices", Some(&admin), &serde_json::to_value(&details).unwrap()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let _: Practice = reply.reads_as();
    // The practice admin's screen and session.
    let own: Practice = app.get("/api/practice", Some(&practice_admin)).await.reads_as();
    assert_eq!(own.id, practice);
    let session = app.get("/api/session", Some(&practice_admin)).await;
    assert_eq!(session.json()["user"]["role"], "practice_admin");
    // The employer's form: the practices and the experts with theirs; the campaign names it.
    let practices: Vec<PracticeRef> = app.get("/api/practices", Some(&fixture.employer)).await.reads_as();
    assert_eq!(practices.len(), 1);
    let experts: Vec<ExpertRef> = app.get("/api/experts", Some(&fixture.employer)).await.reads_as();
    assert_eq!(experts[0].practice_id.as_deref(), Some(practice.as_str()));
    let campaign: werkscan_api::campaigns::CampaignView = app
        .get(&format!("/api/campaigns/{}", fixture.campaign["id"].as_str().unwrap()), Some(&fixture.employer))
        .await
        .reads_as();
    assert_eq!(campaign.practice.map(|practice| practice.name), Some(crate::support::FIXTURE_PRACTICE.to_owned()));
}
