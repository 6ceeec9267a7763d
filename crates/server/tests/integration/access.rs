//! Who sees individual submissions: only the campaign's arbeidsdeskundige, only what was shared,
//! and every read is audited. Employers and admins get 403 on every such route.

use axum::http::StatusCode;
use sqlx::Row;
use werkscan_core::ConsentChoices;
use werkscan_server::accounts::auth::Role;

use crate::support::{everything, submission, TestApp};

on_both_databases!(
    employers_and_admins_get_403_on_individual_routes,
    the_campaign_expert_sees_only_what_was_shared_and_is_audited,
    experts_of_other_campaigns_see_nothing,
    group_figures_only_submissions_are_never_shown_individually,
);

async fn employers_and_admins_get_403_on_individual_routes(app: TestApp) {
    let fixture = app.fixture().await;
    let reply = app.upload(&submission(&fixture, everything())).await;
    let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    app.user(None, Role::Admin, "root@test.example").await;
    let admin = app.login("root@test.example", "correct horse battery").await;
    for session in [&fixture.employer, &admin] {
        for path in ["/api/expert/submissions".to_owned(), format!("/api/expert/submissions/{id}")] {
            let reply = app.get(&path, Some(session)).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
            assert_eq!(reply.code(), "forbidden");
        }
    }
    // Not logged in at all: 401.
    assert_eq!(app.get(&format!("/api/expert/submissions/{id}"), None).await.status, StatusCode::UNAUTHORIZED);
    // No audit row for refused reads.
    assert_eq!(app.count("audit_log", None).await, 0);
}

async fn the_campaign_expert_sees_only_what_was_shared_and_is_audited(app: TestApp) {
    let fixture = app.fixture().await;
    let scores_only =
        app.upload(&submission(&fixture, ConsentChoices { share_scores: true, ..Default::default() })).await;
    let scores_id = scores_only.json()["submission_id"].as_str().unwrap().to_owned();
    let full = app.upload(&submission(&fixture, everything())).await;
    let full_id = full.json()["submission_id"].as_str().unwrap().to_owned();

    let list = app.get("/api/expert/submissions", Some(&fixture.expert)).await;
    assert_eq!(list.status, StatusCode::OK);
    let listed = list.json()["items"].clone();
    let ids: Vec<String> =
        listed.as_array().unwrap().iter().map(|entry| entry["id"].as_str().unwrap().to_owned()).collect();
    assert!(ids.contains(&scores_id) && ids.contains(&full_id));

    let detail = app.get(&format!("/api/expert/submissions/{scores_id}"), Some(&fixture.expert)).await.json();
    assert!(detail["result"]["scores"].as_array().is_some_and(|scores| !scores.is_empty()));
    assert!(detail["answers"].is_null());
    assert!(detail["contact"].is_null());

    let detail = app.get(&format!("/api/expert/submissions/{full_id}"), Some(&fixture.expert)).await.json();
    let sent = submission(&fixture, everything());
    assert_eq!(detail["result"], serde_json::to_value(sent.result.unwrap()).unwrap());
    assert_eq!(detail["answers"], serde_json::to_value(sent.answers.unwrap()).unwrap());
    assert_eq!(detail["contact"]["name"], "Sam Jansen");

    // One audit row per individual read (plus one for the list), naming who read what.
    let rows = sqlx::query("SELECT actor_user_id, action, submission_id FROM audit_log ORDER BY at, action")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    let reads: Vec<(String, String)> = rows
        .iter()
        .filter(|row| row.get::<String, _>("action") == "read_submission")
        .map(|row| (row.get::<String, _>("actor_user_id"), row.get::<Option<String>, _>("submission_id").unwrap()))
        .collect();
    assert_eq!(reads.len(), 2);
    assert!(reads.iter().all(|(actor, _)| actor == &fixture.expert_id));
    assert!(reads.iter().any(|(_, id)| id == &scores_id) && reads.iter().any(|(_, id)| id == &full_id));
    assert!(rows.iter().any(|row| row.get::<String, _>("action") == "list_submissions"));
}

async fn experts_of_other_campaigns_see_nothing(app: TestApp) {
    let fixture = app.fixture().await;
    let reply = app.upload(&submission(&fixture, everything())).await;
    let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    let detail = app.get(&format!("/api/expert/submissions/{id}"), Some(&fixture.other_expert)).await;
    assert_eq!((detail.status, detail.code().as_str()), (StatusCode::NOT_FOUND, "submission_not_found"));
    let list = app.get("/api/expert/submissions", Some(&fixture.other_expert)).await;
    assert_eq!(list.json()["items"], serde_json::json!([]));
    // Nor can they see the campaign.
    let campaign_id = fixture.campaign["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/campaigns/{campaign_id}"), Some(&fixture.other_expert)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&format!("/api/campaigns/{campaign_id}"), Some(&fixture.expert)).await.status, StatusCode::OK);
}

async fn group_figures_only_submissions_are_never_shown_individually(app: TestApp) {
    let fixture = app.fixture().await;
    let reply = app.upload(&submission(&fixture, ConsentChoices { group_figures: true, ..Default::default() })).await;
    let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.get(&format!("/api/expert/submissions/{id}"), Some(&fixture.expert)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/api/expert/submissions", Some(&fixture.expert)).await.json()["items"], serde_json::json!([]));
}
