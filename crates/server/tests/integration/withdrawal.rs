//! Withdrawal and retention delete the submission and everything derived from it.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use sqlx::Row;
use werkscan_server::submissions::retention::purge_expired;
use werkscan_server::util::now;

use crate::support::{everything, submission, wrong_until_limited, TestApp};
use serde_json::json;

on_both_databases!(
    withdrawal_deletes_everything,
    withdrawal_with_a_wrong_token_reveals_nothing,
    retention_purge_deletes_expired_submissions,
    the_withdrawal_code_withdraws_from_any_device,
    wrong_withdrawal_codes_are_rate_limited_and_right_ones_are_not,
    a_right_code_does_not_clear_the_wrong_ones_sent_with_it,
    wrong_codes_at_once_do_not_slip_past_the_limit,
);

fn withdraw(id: &str, token: Option<&str>, body: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder().method(Method::DELETE).uri(format!("/api/submissions/{id}"));
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    match body {
        Some(body) => {
            builder.header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_owned())).unwrap()
        }
        None => builder.body(Body::empty()).unwrap(),
    }
}

async fn withdrawal_deletes_everything(app: TestApp) {
    let fixture = app.fixture().await;
    let first = app.upload(&submission(&fixture, everything())).await.json();
    let second = app.upload(&submission(&fixture, everything())).await.json();
    let id = first["submission_id"].as_str().unwrap();
    let token = first["withdrawal_token"].as_str().unwrap();
    // The expert reads it, so there is an audit row referring to it.
    assert_eq!(app.get(&format!("/api/expert/submissions/{id}"), Some(&fixture.expert)).await.status, StatusCode::OK);

    let reply = app.send(withdraw(id, Some(token), None)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["deleted"], true);
    assert_eq!(reply.json()["submission_id"], id);
    for table in ["submissions", "submission_scores", "submission_flags", "submission_answers", "submission_contacts"] {
        assert_eq!(app.count(table, Some(id)).await, 0, "{table}");
    }
    // The audit row stays (who read, when) but holds nothing of the submission.
    let rows = sqlx::query("SELECT detail FROM audit_log WHERE submission_id = $1")
        .bind(id.to_owned())
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].get::<Option<String>, _>("detail").is_none());
    // The other submission is untouched.
    let other = second["submission_id"].as_str().unwrap();
    assert_eq!(app.count("submissions", Some(other)).await, 1);
    assert_eq!(app.count("submission_answers", Some(other)).await, 1);
    // The expert no longer sees it; a second withdrawal finds nothing.
    assert_eq!(
        app.get(&format!("/api/expert/submissions/{id}"), Some(&fixture.expert)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.send(withdraw(id, Some(token), None)).await.status, StatusCode::NOT_FOUND);

    // The token may also come in a JSON body.
    let other_token = second["withdrawal_token"].as_str().unwrap();
    let body = serde_json::json!({ "withdrawal_token": other_token }).to_string();
    let reply = app.send(withdraw(other, None, Some(&body))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let [submissions, scores, flags, answers, contacts, _audit] = app.stored().await;
    assert_eq!([submissions, scores, flags, answers, contacts], [0; 5]);
}

async fn withdrawal_with_a_wrong_token_reveals_nothing(app: TestApp) {
    let fixture = app.fixture().await;
    let receipt = app.upload(&submission(&fixture, everything())).await.json();
    let id = receipt["submission_id"].as_str().unwrap();
    let wrong = app.send(withdraw(id, Some(&"0".repeat(64)), None)).await;
    let unknown = app.send(withdraw("doesnotexist", Some(&"0".repeat(64)), None)).await;
    assert_eq!((wrong.status, wrong.code()), (StatusCode::NOT_FOUND, "submission_not_found".to_owned()));
    assert_eq!(wrong.body, unknown.body, "a wrong token and an unknown id must look the same");
    let missing = app.send(withdraw(id, None, None)).await;
    assert_eq!((missing.status, missing.code().as_str()), (StatusCode::UNAUTHORIZED, "withdrawal_token_missing"));
    assert_eq!(app.count("submissions", Some(id)).await, 1);
}

async fn retention_purge_deletes_expired_submissions(app: TestApp) {
    let fixture = app.fixture().await;
    let old = app.upload(&submission(&fixture, everything())).await.json();
    let fresh = app.upload(&submission(&fixture, everything())).await.json();
    let old_id = old["submission_id"].as_str().unwrap();
    // The campaign ends in 30 days with 30 days' retention: nothing is due yet.
    assert_eq!(purge_expired(app.db(), now()).await.unwrap().submissions, 0);
    sqlx::query("UPDATE submissions SET expires_at = $1 WHERE id = $2")
        .bind(now() - 1)
        .bind(old_id.to_owned())
        .execute(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(purge_expired(app.db(), now()).await.unwrap().submissions, 1);
    for table in ["submissions", "submission_scores", "submission_flags", "submission_answers", "submission_contacts"] {
        assert_eq!(app.count(table, Some(old_id)).await, 0, "{table}");
    }
    assert_eq!(app.count("submissions", Some(fresh["submission_id"].as_str().unwrap())).await, 1);
    // Idempotent: a second pass (or a second instance) finds nothing more.
    assert_eq!(purge_expired(app.db(), now()).await.unwrap().submissions, 0);
    // Expiry is set from the campaign: end + retention + 1 day, at midnight UTC.
    let expires: i64 = sqlx::query_scalar("SELECT expires_at FROM submissions WHERE id = $1")
        .bind(fresh["submission_id"].as_str().unwrap().to_owned())
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let ends = chrono::NaiveDate::parse_from_str(fixture.campaign["ends_on"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let expected = (ends + chrono::Days::new(31)).and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
    assert_eq!(expires, expected);
}

/// Deleted means deleted on SQLite's files too: after a withdrawal and after the retention purge,
/// a withdrawn person's contact details and free text are not in the database file or its WAL.
/// (On PostgreSQL deletion works through VACUUM and backups; see the server's README.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleted_data_is_gone_from_the_sqlite_files() {
    crate::support::run(
        crate::support::Kind::Sqlite,
        "withdrawal::deleted_data_is_gone_from_the_sqlite_files",
        |app| async move {
            let fixture = app.fixture().await;
            let upload = |marker: &str| {
                let mut sub = submission(&fixture, everything());
                sub.contact = Some(werkscan_core::Contact {
                    name: format!("Naam{marker}"),
                    email: Some(format!("mail{}@example.org", marker.to_lowercase())),
                    phone: Some("06 1234 5678".into()),
                    note: Some(format!("Notitie{marker}")),
                });
                let text_item = fixture
                    .definition
                    .items()
                    .find(|item| item.kind == werkscan_core::model::ItemType::Text)
                    .unwrap()
                    .id
                    .clone();
                let answers = sub.answers.as_mut().unwrap();
                answers.insert(text_item, werkscan_core::AnswerValue::Text(format!("Vrijetekst{marker}")));
                sub.result = Some(werkscan_core::score(&fixture.definition, answers).unwrap());
                sub
            };
            let files = || -> Vec<u8> {
                let mut bytes = Vec::new();
                for name in ["werkscan.sqlite", "werkscan.sqlite-wal"] {
                    bytes.extend(std::fs::read(app.dir.join(name)).unwrap_or_default());
                }
                bytes
            };
            let found = |marker: &str| {
                let bytes = files();
                [
                    format!("Naam{marker}"),
                    format!("Notitie{marker}"),
                    format!("Vrijetekst{marker}"),
                    format!("mail{}", marker.to_lowercase()),
                ]
                .into_iter()
                .filter(|needle| bytes.windows(needle.len()).any(|window| window == needle.as_bytes()))
                .collect::<Vec<_>>()
            };

            // Withdrawal.
            let receipt = app.upload(&upload("Xq7Withdrawn")).await.json();
            let kept = app.upload(&upload("Xq7Kept")).await.json();
            assert_eq!(
                found("Xq7Withdrawn").len(),
                4,
                "the markers must be findable before the deletion, or this test proves nothing"
            );
            let id = receipt["submission_id"].as_str().unwrap();
            let reply = app.send(withdraw(id, receipt["withdrawal_token"].as_str(), None)).await;
            assert_eq!(reply.status, StatusCode::OK);
            assert_eq!(found("Xq7Withdrawn"), Vec::<String>::new(), "withdrawn data still in the database files");
            assert_eq!(found("Xq7Kept").len(), 4);

            // Retention.
            let kept_id = kept["submission_id"].as_str().unwrap();
            sqlx::query("UPDATE submissions SET expires_at = $1 WHERE id = $2")
                .bind(now() - 1)
                .bind(kept_id.to_owned())
                .execute(&app.db().pool)
                .await
                .unwrap();
            assert_eq!(purge_expired(app.db(), now()).await.unwrap().submissions, 1);
            assert_eq!(found("Xq7Kept"), Vec::<String>::new(), "purged data still in the database files");
        },
    )
    .await;
}

/// A withdrawal by code from an address (the app trusts one proxy in these tests).
fn by_code(code: &str, address: &str) -> Request<Body> {
    let mut request = crate::support::request(Method::POST, "/api/withdrawals", None, Some(&json!({ "code": code })));
    request.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
    request
}

async fn the_withdrawal_code_withdraws_from_any_device(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let fixture = app.fixture().await;
    let key = "5e".repeat(32);
    let upload = submission(&fixture, everything());
    let receipt = app.upload_with_key(&upload, &key).await;
    assert_eq!(receipt.status, StatusCode::CREATED, "{}", receipt.text());
    let receipt = receipt.json();
    let code = receipt["withdrawal_code"].as_str().unwrap().to_owned();
    // Four groups of four, derived from the upload's key; a repeated upload gets the same code.
    assert_eq!(code, werkscan_core::withdrawal_code::for_token(&key));
    assert_eq!(code.len(), 19);
    assert_eq!(app.upload_with_key(&upload, &key).await.json()["withdrawal_code"], code.as_str());
    // Only the code's hash is stored.
    let id = receipt["submission_id"].as_str().unwrap().to_owned();
    let stored: String = sqlx::query_scalar("SELECT withdrawal_code_hash FROM submissions WHERE id = $1")
        .bind(&id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(stored, werkscan_server::util::sha256_hex(&code));
    let other = app.upload(&submission(&fixture, everything())).await.json();

    // Typed on another device, in small letters with spaces: withdrawn, and everything with it.
    let typed = code.to_lowercase().replace('-', " ");
    let reply = app.send(by_code(&typed, "198.51.100.4")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["submission_id"], id.as_str());
    assert_eq!(reply.json()["deleted"], true);
    for table in ["submissions", "submission_scores", "submission_flags", "submission_answers", "submission_contacts"] {
        assert_eq!(app.count(table, Some(&id)).await, 0, "{table}");
    }
    assert_eq!(
        app.count("submissions", Some(other["submission_id"].as_str().unwrap())).await,
        1,
        "another upload stays"
    );
    // A late repeat of the upload is not stored again, and the phone's token finds nothing now.
    assert_eq!(app.upload_with_key(&upload, &key).await.status, StatusCode::GONE);
    assert_eq!(app.send(withdraw(&id, Some(&key), None)).await.status, StatusCode::NOT_FOUND);
    // Once withdrawn, the code finds nothing; something that cannot be a code says so.
    let again = app.send(by_code(&code, "198.51.100.4")).await;
    assert_eq!((again.status, again.code().as_str()), (StatusCode::NOT_FOUND, "withdrawal_code_not_found"));
    let malformed = app.send(by_code("ABCD-EFGH", "198.51.100.4")).await;
    assert_eq!(
        (malformed.status, malformed.code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_withdrawal_code")
    );
    // The phone's token withdraws the other upload; its code then finds nothing either.
    let other_code = other["withdrawal_code"].as_str().unwrap();
    let other_id = other["submission_id"].as_str().unwrap();
    assert_eq!(app.send(withdraw(other_id, other["withdrawal_token"].as_str(), None)).await.status, StatusCode::OK);
    assert_eq!(app.send(by_code(other_code, "198.51.100.4")).await.status, StatusCode::NOT_FOUND);
}

async fn wrong_withdrawal_codes_are_rate_limited_and_right_ones_are_not(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let fixture = app.fixture().await;
    let free = werkscan_server::submissions::limits::FREE_WRONG_CODES;
    // One address withdraws many uploads, with the right codes: all of them go at once.
    for _ in 0..free + 5 {
        let code = app.upload(&submission(&fixture, everything())).await.json()["withdrawal_code"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(app.send(by_code(&code, "198.51.100.7")).await.status, StatusCode::OK);
    }
    // Text that cannot be a code is refused without counting.
    for _ in 0..free + 5 {
        assert_eq!(app.send(by_code("geen code", "203.0.113.9")).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let kept = app.upload(&submission(&fixture, everything())).await.json();
    let right = kept["withdrawal_code"].as_str().unwrap().to_owned();
    // Wrong codes from one address: the first few are looked up (unknown), then each waits
    // longer after the last: 1 s, 2 s, 4 s, … so quick guesses soon get 429.
    for attempt in 0..free {
        let wrong = app.send(by_code("AAAA-BBBB-CCCC-DDDD", "203.0.113.9")).await;
        assert_eq!(
            (wrong.status, wrong.code().as_str()),
            (StatusCode::NOT_FOUND, "withdrawal_code_not_found"),
            "attempt {attempt}"
        );
    }
    let limited = wrong_until_limited(&app, || by_code("AAAA-BBBB-CCCC-DDDE", "203.0.113.9")).await;
    // A short wait, not the whole hour.
    let wait: u64 = limited.header("retry-after").parse().unwrap();
    assert!((1..=8).contains(&wait), "Retry-After {wait}");
    // A guesser who kept going waits the longest; meanwhile even the right code waits, and
    // nothing was withdrawn by the guesses.
    app.add_wrong_codes("203.0.113.9", 10).await;
    let longest = werkscan_server::submissions::limits::LONGEST_CODE_WAIT_SECONDS;
    let waiting = app.send(by_code(&right, "203.0.113.9")).await;
    assert_eq!(waiting.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = waiting.header("retry-after").parse().unwrap();
    assert!((longest - 60..=longest).contains(&wait), "Retry-After {wait}");
    assert_eq!(app.count("submissions", Some(kept["submission_id"].as_str().unwrap())).await, 1);
    // Another address is not affected.
    let other = app.upload(&submission(&fixture, everything())).await.json();
    assert_eq!(
        app.send(by_code(other["withdrawal_code"].as_str().unwrap(), "198.51.100.8")).await.status,
        StatusCode::OK
    );
    // After the wait the right code is looked at again.
    app.wait_out_codes("203.0.113.9", longest).await;
    assert_eq!(app.send(by_code(&right, "203.0.113.9")).await.status, StatusCode::OK);
}

/// Issue 17: a right code sent together with wrong ones took them all off the count (the count
/// forgave every attempt of that second), and right codes from the same address could be used
/// to wash wrong ones away.
async fn a_right_code_does_not_clear_the_wrong_ones_sent_with_it(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let fixture = app.fixture().await;
    let free = werkscan_server::submissions::limits::FREE_WRONG_CODES;
    let mut rights = Vec::new();
    for _ in 0..3 {
        rights.push(
            app.upload(&submission(&fixture, everything())).await.json()["withdrawal_code"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    // Wrong codes with right ones in between, as quickly as possible.
    for attempt in 0..free - 1 {
        assert_eq!(
            app.send(by_code("AAAA-BBBB-CCCC-DDDD", "203.0.113.20")).await.status,
            StatusCode::NOT_FOUND,
            "attempt {attempt}"
        );
        if let Some(right) = rights.pop() {
            assert_eq!(app.send(by_code(&right, "203.0.113.20")).await.status, StatusCode::OK);
        }
    }
    assert_eq!(app.send(by_code("AAAA-BBBB-CCCC-DDDD", "203.0.113.20")).await.status, StatusCode::NOT_FOUND);
    // The wrong ones all still count: the next quick guesses are limited.
    wrong_until_limited(&app, || by_code("AAAA-BBBB-CCCC-DDDE", "203.0.113.20")).await;
}

/// Wrong codes sent at once are each counted before any is looked up: only the free ones (and
/// perhaps one more, if the burst spans a second boundary) are looked at.
async fn wrong_codes_at_once_do_not_slip_past_the_limit(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let free = werkscan_server::submissions::limits::FREE_WRONG_CODES as usize;
    let mut tasks = Vec::new();
    for index in 0..20 {
        let router = app.router.clone();
        tasks.push(tokio::spawn(async move {
            let code = format!("AAAA-BBBB-CCCC-{}", ["DDDD", "DDDE", "DDDF", "DDDG"][index % 4]);
            crate::support::send(&router, by_code(&code, "203.0.113.30")).await.status
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    let looked_up = statuses.iter().filter(|status| **status == StatusCode::NOT_FOUND).count();
    let limited = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
    assert!((free..=free + 2).contains(&looked_up), "{statuses:?}");
    assert_eq!(looked_up + limited, 20, "{statuses:?}");
}
