//! The arbeidsdeskundige's inbox reads kept counts and chooses its page per campaign (issue #23;
//! docs/PERFORMANCE.md, "The arbeidsdeskundige's inbox"). What it answers must stay what counting
//! and sorting every shared result answers: the counts the database keeps (`inbox_counts`,
//! migration 0022) equal a count of the rows after every kind of change, and every page and count
//! the inbox gives equals what the inbox's earlier, plain queries give for the same request.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};
use werkscan_core::ConsentChoices;
use werkscan_server::submissions::retention::purge_expired;
use werkscan_server::util::now;

use crate::demo::synthetic::{self, Dice, Person};
use crate::support::{campaign_body, submission, Fixture, Session, TestApp};

on_both_databases!(kept_counts_equal_counted_ones_after_every_kind_of_change);

/// The kept counts, per campaign, department, signal and status.
async fn kept(app: &TestApp) -> BTreeMap<(String, String, String, String), i64> {
    let rows = sqlx::query_as::<_, (String, String, String, String, i64)>(
        "SELECT campaign_id, department, signal, status, shared FROM inbox_counts",
    )
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(campaign, department, signal, status, n)| ((campaign, department, signal, status), n))
        .collect()
}

/// The same, counted from the rows: what the inbox shows (shared scores or contact details).
async fn counted(app: &TestApp) -> BTreeMap<(String, String, String, String), i64> {
    let rows = sqlx::query_as::<_, (String, String, String, String, i64)>(
        "SELECT campaign_id, COALESCE(department, ''), COALESCE(signal, 'none'), status, COUNT(*) FROM submissions \
         WHERE share_scores = 1 OR contact_me = 1 GROUP BY campaign_id, COALESCE(department, ''), COALESCE(signal, 'none'), status",
    )
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(campaign, department, signal, status, n)| ((campaign, department, signal, status), n))
        .collect()
}

/// One request of the inbox: campaign, department, signal, status, sort, offset, limit.
type Ask = (&'static str, &'static str, &'static str, &'static str, &'static str, i64, i64);

/// The page's ids and the counts per status, as the inbox answered before it kept its counts:
/// its queries of then, counting and sorting every shared result of the expert's campaigns.
async fn plainly(app: &TestApp, expert: &str, campaign: &str, ask: Ask) -> (Vec<String>, BTreeMap<String, i64>) {
    let (_, department, signal, status, sort, offset, limit) = ask;
    let from = " FROM submissions s WHERE s.campaign_id IN (SELECT e.campaign_id FROM practice_campaign_experts e WHERE e.user_id = $1) \
                AND (s.share_scores = 1 OR s.contact_me = 1) \
                AND ($2 = '' OR s.campaign_id = $2) \
                AND ($3 = '' OR ($3 = '-' AND s.department IS NULL) OR s.department = $3) \
                AND ($4 = '' OR COALESCE(s.signal, 'none') = $4) ";
    let order = if sort == "oldest" { "ASC" } else { "DESC" };
    let limit = if limit <= 0 { 50 } else { limit.min(500) };
    let ids: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT s.id{from} AND ($5 = '' OR s.status = $5) ORDER BY s.created_at {order}, s.id LIMIT $6 OFFSET $7"
    )))
    .bind(expert.to_owned())
    .bind(campaign.to_owned())
    .bind(department)
    .bind(signal)
    .bind(status)
    .bind(limit)
    .bind(offset.max(0))
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    let counts: Vec<(String, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT s.status, COUNT(*){from} GROUP BY s.status")))
            .bind(expert.to_owned())
            .bind(campaign.to_owned())
            .bind(department)
            .bind(signal)
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    (ids, counts.into_iter().collect())
}

/// The requests compared: each filter alone, together, both orders, pages within and beyond
/// the end, a campaign that is not the expert's.
const ASKS: [Ask; 18] = [
    ("", "", "", "", "", 0, 0),
    ("first", "", "", "", "", 0, 0),
    ("second", "", "", "", "oldest", 0, 0),
    ("", "Verpleging", "", "", "", 0, 0),
    ("", "-", "", "", "", 0, 0),
    ("", "", "attention", "", "", 0, 0),
    ("", "", "none", "", "", 0, 0),
    ("", "", "", "nieuw", "", 0, 0),
    ("", "", "", "afgerond", "oldest", 0, 0),
    ("", "", "", "", "oldest", 0, 0),
    ("", "", "", "", "", 5, 7),
    ("", "", "", "", "oldest", 30, 7),
    ("first", "", "", "nieuw", "oldest", 2, 3),
    ("", "-", "none", "", "", 0, 0),
    ("second", "Facilitair", "watch", "", "", 0, 0),
    ("", "", "", "", "", 1000, 0),
    ("unknown", "", "", "", "", 0, 0),
    ("", "", "good", "contact_gezocht", "", 0, 2),
];

/// Holds the kept counts to a count of the rows (and no row at 0), and every request of [`ASKS`]
/// to the plain queries, for the expert of both campaigns and for an expert of neither.
async fn check(app: &TestApp, fixture: &Fixture, campaigns: [&str; 2], when: &str) {
    let kept = kept(app).await;
    assert_eq!(kept, counted(app).await, "kept counts after {when}");
    assert!(kept.values().all(|n| *n > 0), "no row at 0 after {when}: {kept:?}");
    for (session, expert) in [(&fixture.expert, fixture.expert_id.as_str()), (&fixture.other_expert, "")] {
        for ask in ASKS {
            let campaign = match ask.0 {
                "first" => campaigns[0],
                "second" => campaigns[1],
                other => other,
            };
            let query = [
                ("campaign", campaign.to_owned()),
                ("department", ask.1.to_owned()),
                ("signal", ask.2.to_owned()),
                ("status", ask.3.to_owned()),
                ("sort", ask.4.to_owned()),
                ("offset", ask.5.to_string()),
                ("limit", ask.6.to_string()),
            ]
            .iter()
            .filter(|(_, value)| !value.is_empty() && value != "0")
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&");
            let reply = app.get(&format!("/api/expert/submissions?{query}"), Some(session)).await;
            assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.text());
            let inbox = reply.json();
            let ids: Vec<String> =
                inbox["items"].as_array().unwrap().iter().map(|item| item["id"].as_str().unwrap().to_owned()).collect();
            let counts: BTreeMap<String, i64> = serde_json::from_value(inbox["counts"].clone()).unwrap();
            let (plain_ids, plain_counts) = plainly(app, expert, campaign, ask).await;
            assert_eq!(ids, plain_ids, "the page of ?{query} after {when}");
            for (status, n) in &counts {
                assert_eq!(*n, plain_counts.get(status).copied().unwrap_or(0), "{status} of ?{query} after {when}");
            }
            let total = if ask.3.is_empty() { counts.values().sum() } else { counts[ask.3] };
            assert_eq!(inbox["total"], total, "?{query} after {when}");
        }
    }
}

/// `count` synthetic people sharing their result (scores, or group figures alone) in a campaign,
/// in turn in each department and none, from gloomy to cheerful (so every signal occurs), some
/// arriving in the same second as others (the page orders those by id).
async fn share(app: &TestApp, campaign_id: &str, count: usize, choices: ConsentChoices) -> Vec<(String, String)> {
    let campaign = werkscan_server::models::campaign::by_id(&app.state, campaign_id).await.unwrap().unwrap();
    let definition =
        app.state.definitions().by_hash(app.db(), &campaign.questionnaire.content_hash).await.unwrap().unwrap();
    let mut dice = Dice::new(count as u64);
    let departments = [Some("Verpleging"), Some("Facilitair"), None];
    let people: Vec<Person> = (0..count)
        .map(|index| Person {
            department: departments[index % departments.len()].map(str::to_owned),
            mood: index as f64 / count.max(1) as f64,
            created_at: now() - 86_400 + (index as i64 / 3) * 60,
            origin: dice.roll(65_536) as i64,
            seed: dice.roll(u64::MAX),
        })
        .collect();
    synthetic::add_sharing(app.db(), &definition, &campaign, &people, choices).await.unwrap()
}

fn withdrawal(id: &str, token: &str) -> Request<Body> {
    Request::builder()
        .method(Method::DELETE)
        .uri(format!("/api/submissions/{id}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

/// Lets the retention delete these uploads (their deletion date passed).
async fn expire(app: &TestApp, ids: Vec<String>) -> werkscan_server::submissions::retention::Purged {
    for id in ids {
        sqlx::query("UPDATE submissions SET expires_at = $1 WHERE id = $2")
            .bind(now() - 1)
            .bind(id)
            .execute(&app.db().pool)
            .await
            .unwrap();
    }
    purge_expired(app.db(), now()).await.unwrap()
}

async fn set_status(app: &TestApp, expert: &Session, id: &str, status: Value) {
    let reply = app.json(Method::PUT, &format!("/api/expert/submissions/{id}/status"), Some(expert), &status).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

async fn kept_counts_equal_counted_ones_after_every_kind_of_change(app: TestApp) {
    let fixture = app.fixture().await;
    let first = fixture.campaign["id"].as_str().unwrap().to_owned();
    let reply =
        app.create_campaign(&fixture.employer, campaign_body(&fixture.definition, &fixture.expert_id, -1, 20)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let second = reply.json()["id"].as_str().unwrap().to_owned();
    let campaigns = [first.as_str(), second.as_str()];
    check(&app, &fixture, campaigns, "nothing").await;

    // Uploads: written in batches (one statement for many rows), and through the API, with
    // contact details alone (no signal, no department) and for group figures alone (not counted).
    let scores = ConsentChoices { share_scores: true, group_figures: true, ..Default::default() };
    let in_first = share(&app, &first, 45, scores).await;
    let in_second = share(&app, &second, 30, ConsentChoices { share_scores: true, ..Default::default() }).await;
    share(&app, &first, 12, ConsentChoices { group_figures: true, ..Default::default() }).await;
    let mut by_api = Vec::new();
    for choices in [
        ConsentChoices { contact_me: true, ..Default::default() },
        ConsentChoices { share_scores: true, contact_me: true, ..Default::default() },
        ConsentChoices { group_figures: true, ..Default::default() },
    ] {
        let reply = app.upload(&submission(&fixture, choices)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        let receipt = reply.json();
        by_api.push((
            receipt["submission_id"].as_str().unwrap().to_owned(),
            receipt["withdrawal_token"].as_str().unwrap().to_owned(),
        ));
    }
    check(&app, &fixture, campaigns, "uploads").await;

    // Status changes: by the expert one at a time, many rows in one statement, and a statement
    // that changes nothing (the row lock withdrawal takes).
    set_status(&app, &fixture.expert, &in_first[0].0, json!({"status": "contact_gezocht"})).await;
    set_status(&app, &fixture.expert, &in_first[0].0, json!({"status": "afgerond", "outcome": "geen_actie_nodig"}))
        .await;
    set_status(&app, &fixture.expert, &by_api[0].0, json!({"status": "geen_contact_gewenst"})).await;
    for (id, _) in in_second.iter().take(4) {
        set_status(&app, &fixture.expert, id, json!({"status": "doorverwezen", "referred_to": "bedrijfsarts"})).await;
    }
    let many: Vec<String> = in_first.iter().skip(5).step_by(2).map(|(id, _)| id.clone()).collect();
    let list = many.iter().map(|id| format!("'{id}'")).collect::<Vec<_>>().join(", ");
    sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE submissions SET status = 'afgerond' WHERE id IN ({list})")))
        .execute(&app.db().pool)
        .await
        .unwrap();
    sqlx::query("UPDATE submissions SET status = status").execute(&app.db().pool).await.unwrap();
    check(&app, &fixture, campaigns, "status changes").await;

    // Withdrawals, by the phone's token.
    for (id, token) in [&in_first[0], &in_first[7], &in_second[1], &by_api[0], &by_api[2]] {
        let reply = app.send(withdrawal(id, token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    }
    check(&app, &fixture, campaigns, "withdrawals").await;

    // The retention's deletion: part of the first campaign, then all of the second.
    let purged = expire(&app, in_first.iter().skip(20).take(9).map(|(id, _)| id.clone()).collect()).await;
    assert_eq!(purged.submissions, 9);
    check(&app, &fixture, campaigns, "retention").await;
    let rest: Vec<String> =
        in_second.iter().filter(|(id, _)| id != &in_second[1].0).map(|(id, _)| id.clone()).collect();
    expire(&app, rest).await;
    assert!(kept(&app).await.keys().all(|(campaign, ..)| campaign != &second), "nothing kept of the second campaign");
    check(&app, &fixture, campaigns, "the second campaign's deletion").await;
}
