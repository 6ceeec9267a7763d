//! The audit log (issue #20): every row says what it concerned (a password link names the account
//! it was for, which the admin's search finds by name or e-mail address), every action the server
//! writes is a name of the wire contract (`werkscan_api::audit::AuditAction`, each of which the
//! console has words for), and looking again at what is on the screen (a status tab, another
//! filter, a reload) is not a new audited read.

use axum::http::{Method, StatusCode};
use serde_json::json;
use werkscan_api::audit::{AuditAction, AuditEntry};
use werkscan_server::accounts::auth::Role;
use werkscan_server::audit::READ_AUDIT_WINDOW_SECONDS;

use crate::support::{everything, submission, Session, TestApp};

on_both_databases!(
    a_password_link_names_its_account_and_the_search_finds_it,
    every_audited_action_has_words_and_a_target,
    a_tab_switch_is_not_an_audited_read,
);

const PASSWORD: &str = "correct horse battery";

/// The platform admin, logged in.
async fn platform_admin(app: &TestApp) -> Session {
    app.user(None, Role::Admin, "root@x.example").await;
    app.login("root@x.example", PASSWORD).await
}

/// The admin's audit log for `query`, read as the console reads it.
async fn audit_log(app: &TestApp, admin: &Session, query: &str) -> Vec<AuditEntry> {
    let reply = app.get(&format!("/api/admin/audit{query}"), Some(admin)).await;
    assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.text());
    reply.reads_as()
}

/// How many rows of `action` the audit log holds.
async fn rows(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db().pool)
        .await
        .unwrap()
}

async fn a_password_link_names_its_account_and_the_search_finds_it(app: TestApp) {
    let fixture = app.fixture().await;
    let admin = platform_admin(&app).await;
    sqlx::query("UPDATE users SET display_name = 'Karim Bouzid' WHERE id = $1")
        .bind(&fixture.expert_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let practice = fixture.campaign["practice"]["id"].as_str().unwrap().to_owned();
    app.user_in_practice(&practice, Role::PracticeAdmin, "beheer@eigen.example").await;
    let practice_admin = app.login("beheer@eigen.example", PASSWORD).await;

    // The platform admin's reset and the practice admin's new link, both mailed to the account.
    let reset = app
        .json(Method::POST, &format!("/api/admin/users/{}/reset-password", fixture.expert_id), Some(&admin), &json!({}))
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.text());
    let link = app
        .json(
            Method::POST,
            &format!("/api/practice/experts/{}/password-link", fixture.expert_id),
            Some(&practice_admin),
            &json!({}),
        )
        .await;
    assert_eq!(link.status, StatusCode::OK, "{}", link.text());

    // Both name the account they were for, with its address; in words, not "– –".
    let sent = audit_log(&app, &admin, "?action=reset_password").await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    let mut actors: Vec<&str> = sent.iter().map(|entry| entry.actor.as_str()).collect();
    actors.sort();
    assert_eq!(actors, ["beheer@eigen.example name", "root@x.example name"]);
    for entry in &sent {
        let account = entry.account.as_ref().unwrap_or_else(|| panic!("no target: {entry:?}"));
        assert_eq!((account.name.as_str(), account.email.as_str()), ("Karim Bouzid", "ad@test.example"));
    }

    // The search finds them by the account they concerned, by name or address, in any case,
    // although neither admin matches it; another account's search does not.
    for search in ["ad@test.example", "BOUZID", "karim"] {
        let found = audit_log(&app, &admin, &format!("?account={search}&action=reset_password")).await;
        assert_eq!(found.len(), 2, "{search}: {found:?}");
    }
    assert_eq!(audit_log(&app, &admin, "?account=hr@test.example&action=reset_password").await, vec![]);
    // The actor's own rows are still found by the actor.
    let by_actor = audit_log(&app, &admin, "?account=beheer@eigen").await;
    assert!(by_actor.iter().any(|entry| entry.action == "reset_password"), "{by_actor:?}");
    // And the practice's trail names the account too.
    let trail = app.get("/api/practice/audit", Some(&practice_admin)).await.json();
    let items = trail["items"].as_array().unwrap();
    assert_eq!(
        items.iter().filter(|entry| entry["action"] == "reset_password" && entry["subject"] == "Karim Bouzid").count(),
        2,
        "{trail}"
    );
}

async fn every_audited_action_has_words_and_a_target(app: TestApp) {
    let fixture = app.fixture().await;
    let admin = platform_admin(&app).await;
    let upload = app.upload(&submission(&fixture, everything())).await;
    let id = upload.json()["submission_id"].as_str().unwrap().to_owned();
    let campaign = fixture.campaign["id"].as_str().unwrap().to_owned();
    let expert = &fixture.expert;
    // The expert's work with a person, and on their own things.
    for path in [
        "/api/expert/submissions".to_owned(),
        format!("/api/expert/submissions/{id}"),
        "/api/expert/appointments?view=upcoming".into(),
        "/api/expert/follow-up".into(),
        "/api/expert/export.csv".into(),
    ] {
        assert_eq!(app.get(&path, Some(expert)).await.status, StatusCode::OK, "{path}");
    }
    let note = app
        .json(
            Method::POST,
            &format!("/api/expert/submissions/{id}/notes"),
            Some(expert),
            &json!({"body": "Belt terug"}),
        )
        .await;
    assert!(note.status.is_success(), "{}", note.text());
    let status = app
        .json(
            Method::PUT,
            &format!("/api/expert/submissions/{id}/status"),
            Some(expert),
            &json!({"status": "contact_gezocht"}),
        )
        .await;
    assert!(status.status.is_success(), "{}", status.text());
    assert!(app.json(Method::POST, "/api/expert/calendar-feed", Some(expert), &json!({})).await.status.is_success());
    // The admin's work on organisations, practices and accounts.
    assert_eq!(
        app.json(Method::POST, "/api/admin/organisations", Some(&admin), &json!({"name": "Bakkerij Bol"})).await.status,
        StatusCode::CREATED
    );
    let organisations = app.get("/api/admin/organisations", Some(&admin)).await.json();
    let bol =
        organisations.as_array().unwrap().iter().find(|organisation| organisation["name"] == "Bakkerij Bol").unwrap()
            ["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let practice = fixture.campaign["practice"]["id"].as_str().unwrap().to_owned();
    let linked = app
        .json(
            Method::POST,
            &format!("/api/admin/practices/{practice}/organisations"),
            Some(&admin),
            &json!({"org_id": bol}),
        )
        .await;
    assert_eq!(linked.status, StatusCode::NO_CONTENT, "{}", linked.text());
    let created = app.json(Method::POST, "/api/admin/users", Some(&admin), &json!({"email": "nieuw@bol.example", "display_name": "Nieuwe Werkgever", "role": "employer", "org_id": bol})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let user = created.json()["user_id"].as_str().unwrap().to_owned();
    for step in ["deactivate", "activate", "reset-password"] {
        assert!(
            app.json(Method::POST, &format!("/api/admin/users/{user}/{step}"), Some(&admin), &json!({}))
                .await
                .status
                .is_success(),
            "{step}"
        );
    }
    let closed =
        app.json(Method::POST, &format!("/api/campaigns/{campaign}/close"), Some(&fixture.employer), &json!({})).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    // Personal invitations: a roster refused, given again, approved; letters and a reminder.
    let (personal, _) = crate::invitations::personal_campaign(&app, &fixture).await;
    let roster =
        json!({"departments": [{"name": "Verpleging", "addresses": ["a@zorggroep.example", "b@zorggroep.example"]}]});
    assert!(app
        .json(Method::PUT, &format!("/api/campaigns/{personal}/roster"), Some(&fixture.employer), &roster)
        .await
        .status
        .is_success());
    assert!(app
        .json(
            Method::POST,
            &format!("/api/expert/campaigns/{personal}/roster/reject"),
            Some(expert),
            &json!({"reason": "Graag alle afdelingen"})
        )
        .await
        .status
        .is_success());
    crate::invitations::approved_roster(&app, &fixture, &personal).await;
    assert!(app
        .json(
            Method::POST,
            &format!("/api/expert/campaigns/{personal}/letters"),
            Some(expert),
            &json!({"department": "Facilitair", "count": 1})
        )
        .await
        .status
        .is_success());
    assert!(app
        .json(Method::POST, &format!("/api/expert/campaigns/{personal}/roster/remind"), Some(expert), &json!({}))
        .await
        .status
        .is_success());

    let log = audit_log(&app, &admin, "").await;
    let done: std::collections::BTreeSet<&str> = log.iter().map(|entry| entry.action.as_str()).collect();
    for action in [
        "list_submissions",
        "read_submission",
        "list_appointments",
        "list_follow_up",
        "export",
        "add_note",
        "set_status",
        "renew_calendar_feed",
        "create_organisation",
        "link_practice_organisation",
        "create_user",
        "deactivate_user",
        "activate_user",
        "reset_password",
        "close_campaign",
        "roster_submitted",
        "roster_rejected",
        "roster_approved",
        "letters_made",
        "invitations_reminded",
    ] {
        assert!(done.contains(action), "{action} was not written: {done:?}");
    }
    for entry in &log {
        // A name of the wire contract, so the console has its words (never "another action").
        assert!(AuditAction::parse(&entry.action).is_some(), "{} is not an AuditAction", entry.action);
        // What it concerned, by name, while everything still exists: never "no longer to be
        // found" (only the actor's own things are named by the action alone).
        assert!(concerns_something(entry), "{entry:?}");
    }
    // What each concerned, by name.
    let one = |action: &str| log.iter().find(|entry| entry.action == action).unwrap();
    assert_eq!(one("create_organisation").organisation.as_deref(), Some("Bakkerij Bol"));
    let link = one("link_practice_organisation");
    assert_eq!(
        (link.practice.as_deref(), link.organisation.as_deref()),
        (Some("Arbopraktijk Test"), Some("Bakkerij Bol"))
    );
    for action in ["create_user", "deactivate_user", "activate_user", "reset_password"] {
        assert_eq!(
            one(action).account.as_ref().map(|account| account.email.as_str()),
            Some("nieuw@bol.example"),
            "{action}"
        );
    }
    let campaign_name = fixture.campaign["name"].as_str().unwrap();
    for action in ["read_submission", "add_note", "set_status", "close_campaign"] {
        assert_eq!(one(action).campaign_name.as_deref(), Some(campaign_name), "{action}");
    }
    assert_eq!(one("read_submission").submission_id.as_deref(), Some(id.as_str()));
    assert_eq!(one("list_submissions"), &entry_without_target(one("list_submissions")), "the actor's own list");
    // Never the contact details or anything else of what was shared.
    let text = app.get("/api/admin/audit", Some(&admin)).await.text();
    assert!(!text.contains("Sam Jansen") && !text.contains("Belt terug"), "{text}");
}

/// Whether a line names what it concerned, or concerned the actor's own things (their list of
/// results, appointments, follow-up list, export or calendar address), which the action says.
fn concerns_something(entry: &AuditEntry) -> bool {
    let own = matches!(
        AuditAction::parse(&entry.action),
        Some(
            AuditAction::ListSubmissions
                | AuditAction::ListAppointments
                | AuditAction::ListFollowUp
                | AuditAction::Export
                | AuditAction::RenewCalendarFeed
                | AuditAction::StopCalendarFeed
        )
    );
    own || entry != &entry_without_target(entry)
}

/// `entry` with nothing it concerned.
fn entry_without_target(entry: &AuditEntry) -> AuditEntry {
    AuditEntry {
        submission_id: None,
        campaign_id: None,
        campaign_name: None,
        account: None,
        organisation: None,
        practice: None,
        questionnaire: None,
        ..entry.clone()
    }
}

async fn a_tab_switch_is_not_an_audited_read(app: TestApp) {
    let fixture = app.fixture().await;
    let first =
        app.upload(&submission(&fixture, everything())).await.json()["submission_id"].as_str().unwrap().to_owned();
    let second =
        app.upload(&submission(&fixture, everything())).await.json()["submission_id"].as_str().unwrap().to_owned();
    let expert = &fixture.expert;
    let server = &app;
    let get = |path: String| async move {
        let reply = server.get(&path, Some(expert)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text());
    };
    // The inbox's status tabs, a filter, the next page and back: one read of the list.
    for query in ["", "?status=nieuw", "?status=contact_gezocht", "?signal=attention", "?offset=1&sort=oldest", ""] {
        get(format!("/api/expert/submissions{query}")).await;
    }
    assert_eq!(rows(&app, "list_submissions").await, 1);
    // A result opened, the list, the same result again: one read of it; another result is a read
    // of its own.
    get(format!("/api/expert/submissions/{first}")).await;
    get(format!("/api/expert/submissions/{first}")).await;
    get(format!("/api/expert/submissions/{second}")).await;
    let reads: Vec<String> = sqlx::query_scalar(
        "SELECT submission_id FROM audit_log WHERE action = 'read_submission' ORDER BY submission_id",
    )
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    let mut expected = vec![first.clone(), second.clone()];
    expected.sort();
    assert_eq!(reads, expected);
    // The appointments' tabs and the follow-up list, each looked at again.
    for view in ["upcoming", "past", "cancelled", "upcoming"] {
        get(format!("/api/expert/appointments?view={view}")).await;
    }
    get("/api/expert/follow-up".into()).await;
    get("/api/expert/follow-up".into()).await;
    assert_eq!((rows(&app, "list_appointments").await, rows(&app, "list_follow_up").await), (1, 1));
    // What the expert writes and takes away is recorded every time.
    for body in ["Eerste", "Tweede"] {
        let note = app
            .json(Method::POST, &format!("/api/expert/submissions/{first}/notes"), Some(expert), &json!({"body": body}))
            .await;
        assert!(note.status.is_success(), "{}", note.text());
        get("/api/expert/export.csv".into()).await;
    }
    assert_eq!((rows(&app, "add_note").await, rows(&app, "export").await), (2, 2));
    // Another account's read is its own row.
    assert_eq!(app.get("/api/expert/submissions", Some(&fixture.other_expert)).await.status, StatusCode::OK);
    assert_eq!(rows(&app, "list_submissions").await, 2);
    // Once the window has passed, the same read is recorded again.
    sqlx::query("UPDATE audit_log SET at = at - $1")
        .bind(READ_AUDIT_WINDOW_SECONDS)
        .execute(&app.db().pool)
        .await
        .unwrap();
    get("/api/expert/submissions?status=nieuw".into()).await;
    get(format!("/api/expert/submissions/{first}")).await;
    assert_eq!(rows(&app, "list_submissions").await, 3);
    let first_reads: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'read_submission' AND submission_id = $1")
            .bind(&first)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(first_reads, 2);
    // The expert's own trail shows each read once, with what it concerned.
    let trail: Vec<AuditEntry> = app.get("/api/expert/audit", Some(expert)).await.reads_as();
    assert_eq!(trail.iter().filter(|entry| entry.action == "list_submissions").count(), 2);
    assert!(trail.iter().filter(|entry| entry.action == "read_submission").all(|entry| entry.campaign_name.is_some()));
}
