//! Personal invitations (issue 19): the roster, the practice's review, single-use links that
//! leave no trace in the upload, reminders to everyone, letters, and the addresses' deletion.
//! Each test runs against the real router on SQLite and PostgreSQL.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::Row;

use crate::support::*;

on_both_databases!(
    a_roster_is_checked_reviewed_and_sent_only_after_approval,
    an_upload_needs_an_unused_invitation_and_keeps_no_trace_of_it,
    one_invitation_sent_many_times_at_once_stores_one_upload,
    one_batch_writes_in_order_what_the_invitations_and_the_limit_admit,
    reminders_go_to_everyone_and_the_addresses_go_when_the_campaign_ends,
    letters_are_personal_links_on_paper,
    free_times_are_only_for_the_invited,
    an_open_link_campaign_takes_no_invitation_and_no_roster,
);

/// A campaign with personal invitations for the fixture's organisation (departments
/// Verpleging and Facilitair); its id and code.
pub async fn personal_campaign(app: &TestApp, fixture: &Fixture) -> (String, String) {
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, -1, 30);
    body["invitations"] = json!("personal");
    body["min_group_size"] = json!(5);
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let campaign = reply.json();
    assert_eq!(campaign["invitations"], "personal");
    assert_eq!(campaign["roster"]["state"], "none");
    (campaign["id"].as_str().unwrap().to_owned(), campaign["code"].as_str().unwrap().to_owned())
}

/// `count` addresses at `domain`, numbered from `from`.
fn addresses(prefix: &str, domain: &str, from: usize, count: usize) -> Vec<String> {
    (from..from + count).map(|index| format!("{prefix}{index}@{domain}")).collect()
}

/// The usual roster: six nurses and five in facilities (one with a private address).
fn roster() -> Value {
    let mut facilities = addresses("fac", "zorggroep.example", 0, 4);
    facilities.push("Someone@Gmail.example".into());
    json!({"departments": [
        {"name": "Verpleging", "addresses": addresses("nurse", "zorggroep.example", 0, 6)},
        {"name": "Facilitair", "addresses": facilities},
    ]})
}

/// Gives the usual roster and has the practice approve it; returns the personal links by
/// address, read from the outbox as the mails were written.
pub async fn approved_roster(app: &TestApp, fixture: &Fixture, id: &str) -> Vec<(String, String)> {
    let reply = app.json(Method::PUT, &format!("/api/campaigns/{id}/roster"), Some(&fixture.employer), &roster()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let reply = app
        .json(Method::POST, &format!("/api/expert/campaigns/{id}/roster/approve"), Some(&fixture.expert), &json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    links_in_outbox(app, "invitation").await
}

/// The personal links of the outbox's messages of `kind`, with their recipients.
pub async fn links_in_outbox(app: &TestApp, kind: &str) -> Vec<(String, String)> {
    let rows = sqlx::query("SELECT recipient, body FROM outbox WHERE kind = $1 ORDER BY recipient")
        .bind(kind)
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    rows.iter()
        .map(|row| {
            let body: String = row.get("body");
            let at = body.find("?u=").expect("a personal link in the mail");
            let token: String = body[at + 3..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
            (row.get("recipient"), token)
        })
        .collect()
}

/// The token of `address`'s invitation.
fn token_of<'a>(links: &'a [(String, String)], address: &str) -> &'a str {
    &links.iter().find(|(to, _)| to == address).unwrap_or_else(|| panic!("no mail to {address}")).1
}

/// An upload for the personal campaign `code` with everything shared, as the phone builds it.
pub async fn personal_upload(
    app: &TestApp,
    fixture: &Fixture,
    code: &str,
    department: Option<&str>,
    token: Option<&str>,
) -> werkscan_core::Submission {
    let mut upload = submission(fixture, everything());
    upload.campaign = code.to_owned();
    upload.department = department.map(str::to_owned);
    upload.consent.values = Some(app.consent_values(code).await);
    upload.invitation = token.map(str::to_owned);
    upload
}

async fn a_roster_is_checked_reviewed_and_sent_only_after_approval(app: TestApp) {
    let fixture = app.fixture().await;
    // The roster gives the headcounts: none may be typed in.
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, -1, 30);
    body["invitations"] = json!("personal");
    body["departments"] = json!([{"name": "Verpleging", "headcount": 30}]);
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, "headcount_from_roster".to_owned()));
    let (id, _) = personal_campaign(&app, &fixture).await;
    let path = format!("/api/campaigns/{id}/roster");

    // Every problem is named by its field, at once; nothing is stored.
    let bad = json!({"departments": [
        {"name": "Verpleging", "addresses": ["a@zorggroep.example", "not an address", "A@Zorggroep.example"]},
        {"name": "Keuken", "addresses": ["k@zorggroep.example"]},
    ]});
    let reply = app.json(Method::PUT, &path, Some(&fixture.employer), &bad).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.text());
    let fields: Vec<(String, String)> = reply.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|field| (field["field"].as_str().unwrap().to_owned(), field["code"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        fields,
        [
            ("departments[0].addresses[1]".to_owned(), "invalid_address".to_owned()),
            ("departments[0].addresses[2]".to_owned(), "duplicate_address".to_owned()),
            ("departments[1].name".to_owned(), "unknown_department".to_owned()),
        ]
    );
    assert_eq!(app.count("invitations", None).await, 0);
    let reply = app.json(Method::PUT, &path, Some(&fixture.employer), &json!({"departments": []})).await;
    assert_eq!(reply.code(), "roster_empty");
    // Only the employer gives it; an expert of the campaign cannot.
    let reply = app.json(Method::PUT, &path, Some(&fixture.expert), &roster()).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    let reply = app.json(Method::PUT, &path, Some(&fixture.employer), &roster()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let summary = reply.json();
    assert_eq!(summary["state"], "submitted");
    assert_eq!(summary["invited"], 11);
    assert_eq!(
        summary["departments"],
        json!([{"name": "Verpleging", "by_mail": 6, "by_letter": 0}, {"name": "Facilitair", "by_mail": 5, "by_letter": 0}])
    );
    // Nothing is sent before the practice approves.
    assert_eq!(app.count("outbox", None).await, 0);

    // The practice sees numbers and domains, never an address.
    let review_path = format!("/api/expert/campaigns/{id}/roster");
    let review = app.get(&review_path, Some(&fixture.expert)).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.text());
    let review_text = review.text();
    assert!(!review_text.contains("nurse0") && !review_text.to_lowercase().contains("someone"), "{review_text}");
    let review = review.json();
    assert_eq!(
        review["departments"][1]["domains"],
        json!([{"domain": "zorggroep.example", "addresses": 4}, {"domain": "gmail.example", "addresses": 1}])
    );
    assert_eq!(review["departments"][0]["below_minimum"], false);
    // The employer cannot review; another practice's expert does not see the campaign.
    assert_eq!(app.get(&review_path, Some(&fixture.employer)).await.status, StatusCode::FORBIDDEN);
    assert_ne!(app.get(&review_path, Some(&fixture.other_expert)).await.status, StatusCode::OK);

    // Refused with a reason: the addresses go, the employer reads why and gives it again.
    let reply = app
        .json(
            Method::POST,
            &format!("/api/expert/campaigns/{id}/roster/reject"),
            Some(&fixture.expert),
            &json!({"reason": "  "}),
        )
        .await;
    assert_eq!(reply.code(), "invalid_reason");
    let reason = "Facilitair heeft een privéadres; graag alleen werkadressen of een brief.";
    let reply = app
        .json(
            Method::POST,
            &format!("/api/expert/campaigns/{id}/roster/reject"),
            Some(&fixture.expert),
            &json!({"reason": reason}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(app.count("invitations", None).await, 0);
    let seen = app.get(&path, Some(&fixture.employer)).await.json();
    assert_eq!((seen["state"].as_str(), seen["note"].as_str()), (Some("rejected"), Some(reason)));
    let reply = app
        .json(Method::POST, &format!("/api/expert/campaigns/{id}/roster/approve"), Some(&fixture.expert), &json!({}))
        .await;
    assert_eq!(reply.code(), "roster_not_submitted");

    let links = approved_roster(&app, &fixture, &id).await;
    assert_eq!(links.len(), 11, "one mail per address");
    let tokens: std::collections::BTreeSet<&String> = links.iter().map(|(_, token)| token).collect();
    assert_eq!(tokens.len(), 11, "every link is different");
    assert!(links.iter().all(|(_, token)| token.len() == 64));
    assert!(links.iter().any(|(to, _)| to == "someone@gmail.example"), "addresses are kept lower case");
    // Approved once: again is refused, and the roster can no longer be replaced.
    let reply = app
        .json(Method::POST, &format!("/api/expert/campaigns/{id}/roster/approve"), Some(&fixture.expert), &json!({}))
        .await;
    assert_eq!(reply.code(), "roster_not_submitted");
    assert_eq!(app.count("outbox", None).await, 11);
    let reply = app.json(Method::PUT, &path, Some(&fixture.employer), &roster()).await;
    assert_eq!(reply.code(), "roster_approved");
    // The roster is the headcount.
    let campaign = app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.json();
    assert_eq!(
        campaign["departments"],
        json!([{"name": "Verpleging", "headcount": 6}, {"name": "Facilitair", "headcount": 5}])
    );
    assert_eq!(campaign["roster"]["state"], "approved");
    // Only tokens' hashes are stored.
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM invitation_links").fetch_all(&app.db().pool).await.unwrap();
    for (_, token) in &links {
        assert!(!stored.contains(token));
        assert!(stored.contains(&werkscan_server::util::sha256_hex(token)));
    }
    // Audited in numbers, never an address.
    let audit: Vec<(String, String)> =
        sqlx::query("SELECT action, detail FROM audit_log WHERE campaign_id = $1 ORDER BY at, action")
            .bind(&id)
            .fetch_all(&app.db().pool)
            .await
            .unwrap()
            .iter()
            .map(|row| (row.get("action"), row.get::<Option<String>, _>("detail").unwrap_or_default()))
            .collect();
    let actions: Vec<&str> = audit.iter().map(|(action, _)| action.as_str()).collect();
    for action in ["roster_submitted", "roster_rejected", "roster_approved"] {
        assert!(actions.contains(&action), "{audit:?}");
    }
    assert!(audit.iter().all(|(_, detail)| !detail.contains('@')), "{audit:?}");
}

async fn an_upload_needs_an_unused_invitation_and_keeps_no_trace_of_it(app: TestApp) {
    let fixture = app.fixture().await;
    let (id, code) = personal_campaign(&app, &fixture).await;
    let links = approved_roster(&app, &fixture, &id).await;
    let token = token_of(&links, "nurse0@zorggroep.example").to_owned();

    // The public campaign names the invitation's department only with its link.
    let without = app.get(&format!("/api/c/{code}"), None).await.json();
    assert_eq!((without["personal"].as_bool(), without["departments"].clone()), (Some(true), json!([])));
    let with = app.get(&format!("/api/c/{code}?u={token}"), None).await.json();
    assert_eq!(with["departments"], json!(["Verpleging"]));
    assert_eq!(app.get(&format!("/api/c/{code}?u={}", "ab".repeat(32)), None).await.code(), "invitation_unknown");

    // Without the invitation, with another campaign's token or with another department: refused,
    // and a refused upload is not counted towards the address's limit.
    let reply = app.upload(&personal_upload(&app, &fixture, &code, Some("Verpleging"), None).await).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::FORBIDDEN, "invitation_required".to_owned()));
    let reply =
        app.upload(&personal_upload(&app, &fixture, &code, Some("Verpleging"), Some(&"cd".repeat(32))).await).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::FORBIDDEN, "invitation_unknown".to_owned()));
    let reply = app.upload(&personal_upload(&app, &fixture, &code, Some("Facilitair"), Some(&token)).await).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, "department_not_invited".to_owned()));
    assert_eq!(app.count("rate_attempts", None).await, 0, "refused uploads count towards no limit");

    let upload = personal_upload(&app, &fixture, &code, Some("Verpleging"), Some(&token)).await;
    let key = "a1".repeat(32);
    let reply = app.upload_with_key(&upload, &key).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let submission_id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    // A retry of the same upload gets its receipt; another upload with the invitation is refused.
    let replay = app.upload_with_key(&upload, &key).await;
    assert_eq!(
        (replay.status, replay.json()["submission_id"].as_str()),
        (StatusCode::CREATED, Some(submission_id.as_str()))
    );
    let mut another = personal_upload(&app, &fixture, &code, None, Some(&token)).await;
    another.consent.choices.share_answers = false;
    another.answers = None;
    let reply = app.upload_with_key(&another, &"b2".repeat(32)).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::CONFLICT, "invitation_used".to_owned()));
    // The link still opens the campaign: only an upload tells whether it was used.
    assert_eq!(app.get(&format!("/api/c/{code}?u={token}"), None).await.json()["departments"], json!(["Verpleging"]));

    // Used, without a time; the upload's department is the invitation's.
    let used: Vec<(String, i64)> = sqlx::query("SELECT department, used FROM invitations WHERE used = 1")
        .fetch_all(&app.db().pool)
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get("department"), row.get("used")))
        .collect();
    assert_eq!(used, [("Verpleging".to_owned(), 1)]);
    let department: Option<String> = sqlx::query_scalar("SELECT department FROM submissions WHERE id = $1")
        .bind(&submission_id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(department.as_deref(), Some("Verpleging"));
    // Nothing in the upload's rows holds the token, its hash or the invitation's id.
    let invitation_id: String =
        sqlx::query_scalar("SELECT id FROM invitations WHERE used = 1").fetch_one(&app.db().pool).await.unwrap();
    let traces = [token.clone(), werkscan_server::util::sha256_hex(&token), invitation_id];
    for table in ["submissions", "submission_scores", "submission_answers", "submission_contacts", "audit_log"] {
        let column = if table == "submissions" { "id" } else { "submission_id" };
        let sql = format!("SELECT * FROM {table} WHERE {column} = $1");
        for row in sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&submission_id).fetch_all(&app.db().pool).await.unwrap() {
            for index in 0..row.len() {
                let text: Option<String> = row.try_get(index).ok().flatten();
                if let Some(text) = text {
                    for trace in &traces {
                        assert!(!text.contains(trace.as_str()), "{table} holds a trace of the invitation: {text}");
                    }
                }
            }
        }
    }
    // The request hash is taken without the token: it cannot be checked against a token.
    let request_hash: String = sqlx::query_scalar("SELECT request_hash FROM submissions WHERE id = $1")
        .bind(&submission_id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let mut without_token = upload.clone();
    without_token.invitation = None;
    assert_eq!(request_hash, werkscan_server::util::sha256_hex(&serde_json::to_string(&without_token).unwrap()));
}

async fn one_invitation_sent_many_times_at_once_stores_one_upload(app: TestApp) {
    let fixture = app.fixture().await;
    let (id, code) = personal_campaign(&app, &fixture).await;
    let links = approved_roster(&app, &fixture, &id).await;
    let token = token_of(&links, "fac1@zorggroep.example").to_owned();
    let upload = personal_upload(&app, &fixture, &code, Some("Facilitair"), Some(&token)).await;
    let mut tasks = Vec::new();
    for attempt in 0..8u8 {
        let router = app.router.clone();
        let body = serde_json::to_value(&upload).unwrap();
        tasks.push(tokio::spawn(async move {
            let mut req = request(Method::POST, "/api/submissions", None, Some(&body));
            req.headers_mut().insert("idempotency-key", format!("{attempt:02x}").repeat(32).parse().unwrap());
            send(&router, req).await
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        let reply = task.await.unwrap();
        statuses.push((reply.status, reply.code()));
    }
    let created = statuses.iter().filter(|(status, _)| *status == StatusCode::CREATED).count();
    assert_eq!(created, 1, "{statuses:?}");
    assert!(
        statuses.iter().all(|(status, code)| *status == StatusCode::CREATED || code == "invitation_used"),
        "{statuses:?}"
    );
    assert_eq!(app.count("submissions", None).await, 1);
}

/// The upload writer takes the uploads waiting at one moment into one transaction, with one
/// count per key for the whole batch: the admissions must still be those of uploads written one
/// after another, in order.
async fn one_batch_writes_in_order_what_the_invitations_and_the_limit_admit(app: TestApp) {
    use werkscan_server::submissions::store::{write_batch, Admission, Pending, UploadLimit};
    let fixture = app.fixture().await;
    let (id, _) = personal_campaign(&app, &fixture).await;
    approved_roster(&app, &fixture, &id).await;
    let invitations: Vec<String> =
        sqlx::query_scalar("SELECT id FROM invitations WHERE campaign_id = $1 ORDER BY id LIMIT 3")
            .bind(&id)
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    let (a, b, c) = (&invitations[0], &invitations[1], &invitations[2]);
    let at = werkscan_server::util::now();
    let limit = |key: &str| Some(UploadLimit { key_hash: key.to_owned(), since: at - 600, most: 2 });
    let mut serial = 0;
    let mut pending = |invitation: Option<&String>, key: &str| {
        serial += 1;
        Pending {
            id: format!("batch-{serial}"),
            campaign_id: id.clone(),
            submission: crate::support::submission(&fixture, everything()),
            withdrawal_hash: format!("{serial:064x}"),
            withdrawal_code_hash: format!("code {serial}"),
            consent_values: None,
            request_hash: String::new(),
            origin_bucket: 0,
            signal: None,
            contribution: None,
            created_at: at,
            expires_at: at + 86_400,
            limit: limit(key),
            invitation: invitation.cloned(),
        }
    };
    let first = [
        pending(Some(a), "key one"),
        // The same invitation again: used by the one before it, and not counted under its key.
        pending(Some(a), "key one"),
        pending(Some(b), "key one"),
        // The key's third: over the limit of two, so its invitation stays unused.
        pending(Some(c), "key one"),
        pending(None, "key two"),
    ];
    let admitted = write_batch(app.db(), &first.iter().collect::<Vec<_>>()).await.unwrap();
    assert_eq!(
        admitted,
        [Admission::Written, Admission::InvitationUsed, Admission::Written, Admission::TooMany, Admission::Written]
    );
    let used = |invitation: &String| {
        let invitation = invitation.clone();
        let pool = app.db().pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT used FROM invitations WHERE id = $1")
                .bind(invitation)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!([used(a).await, used(b).await, used(c).await], [1, 1, 0]);
    let recorded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_attempts WHERE key_hash = 'key one'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(recorded, 2, "only accepted uploads are counted");
    // A later batch counts the committed ones: the key stays full, and the invitation it left unused
    // can still be used under another key.
    let second = [pending(Some(c), "key one"), pending(Some(c), "key three")];
    let admitted = write_batch(app.db(), &second.iter().collect::<Vec<_>>()).await.unwrap();
    assert_eq!(admitted, [Admission::TooMany, Admission::Written]);
    assert_eq!(used(c).await, 1);
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT id FROM submissions ORDER BY id").fetch_all(&app.db().pool).await.unwrap();
    assert_eq!(stored, ["batch-1", "batch-3", "batch-5", "batch-7"]);
}

async fn reminders_go_to_everyone_and_the_addresses_go_when_the_campaign_ends(app: TestApp) {
    let fixture = app.fixture().await;
    let (id, code) = personal_campaign(&app, &fixture).await;
    let links = approved_roster(&app, &fixture, &id).await;
    let first = token_of(&links, "nurse2@zorggroep.example").to_owned();
    let reply = app.upload(&personal_upload(&app, &fixture, &code, Some("Verpleging"), Some(&first)).await).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());

    let remind = format!("/api/expert/campaigns/{id}/roster/remind");
    let reply = app.json(Method::POST, &remind, Some(&fixture.expert), &json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["sent"], 11);
    // To everyone, the one who took part too: the same message, so a mail server learns nothing.
    let reminders = links_in_outbox(&app, "invitation_reminder").await;
    let invited: Vec<&String> = links.iter().map(|(to, _)| to).collect();
    let reminded: Vec<&String> = reminders.iter().map(|(to, _)| to).collect();
    assert_eq!(invited, reminded);
    let subjects: std::collections::BTreeSet<String> =
        sqlx::query_scalar("SELECT subject FROM outbox WHERE kind = 'invitation_reminder'")
            .fetch_all(&app.db().pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    assert_eq!(subjects.len(), 1);
    // Once a day at most; the employer cannot send them.
    assert_eq!(app.json(Method::POST, &remind, Some(&fixture.expert), &json!({})).await.code(), "reminded_today");
    assert_eq!(
        app.json(Method::POST, &remind, Some(&fixture.employer), &json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    // The new link and the first both open the same invitation; the used one stays used.
    let again = token_of(&reminders, "nurse2@zorggroep.example");
    assert_eq!(
        app.upload(&personal_upload(&app, &fixture, &code, None, Some(again)).await).await.code(),
        "invitation_used"
    );
    let fresh = token_of(&reminders, "nurse3@zorggroep.example").to_owned();
    let old = token_of(&links, "nurse3@zorggroep.example").to_owned();
    assert_eq!(app.get(&format!("/api/c/{code}?u={old}"), None).await.status, StatusCode::OK);
    let reply = app.upload(&personal_upload(&app, &fixture, &code, Some("Verpleging"), Some(&fresh)).await).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(
        app.upload(&personal_upload(&app, &fixture, &code, Some("Verpleging"), Some(&old)).await).await.code(),
        "invitation_used"
    );

    // The messages with links expire when the campaign ends; the addresses go once it closed.
    let ends_on = chrono::NaiveDate::parse_from_str(
        app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.json()["ends_on"].as_str().unwrap(),
        "%Y-%m-%d",
    )
    .unwrap();
    let expires: Vec<i64> =
        sqlx::query_scalar("SELECT DISTINCT expires_at FROM outbox").fetch_all(&app.db().pool).await.unwrap();
    assert_eq!(expires, [ends_on.succ_opt().unwrap().and_time(chrono::NaiveTime::MIN).and_utc().timestamp()]);
    let reply =
        app.json(Method::POST, &format!("/api/campaigns/{id}/close"), Some(&fixture.employer), &json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    werkscan_server::submissions::retention::purge_expired(app.db(), werkscan_server::util::now()).await.unwrap();
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE email IS NOT NULL")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(kept, 0, "no address outlives the campaign");
    // The numbers stay, as mail and letters.
    let summary = app.get(&format!("/api/campaigns/{id}/roster"), Some(&fixture.employer)).await.json();
    assert_eq!(summary["invited"], 11);
    assert_eq!(summary["departments"][0]["by_mail"], 6);
    // Nothing more can be sent after the campaign.
    assert_eq!(app.json(Method::POST, &remind, Some(&fixture.expert), &json!({})).await.code(), "campaign_closed");
}

async fn letters_are_personal_links_on_paper(app: TestApp) {
    let fixture = app.fixture().await;
    let (id, code) = personal_campaign(&app, &fixture).await;
    let path = format!("/api/expert/campaigns/{id}/letters");
    // Only for an approved roster.
    let reply =
        app.json(Method::POST, &path, Some(&fixture.expert), &json!({"department": "Facilitair", "count": 2})).await;
    assert_eq!(reply.code(), "roster_not_approved");
    approved_roster(&app, &fixture, &id).await;
    for (body, code) in [
        (json!({"department": "Keuken", "count": 2}), "unknown_department"),
        (json!({"department": "Facilitair", "count": 0}), "invalid_count"),
        (json!({"department": "Facilitair", "count": 501}), "invalid_count"),
    ] {
        assert_eq!(app.json(Method::POST, &path, Some(&fixture.expert), &body).await.code(), code);
    }
    let reply =
        app.json(Method::POST, &path, Some(&fixture.expert), &json!({"department": "Facilitair", "count": 3})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let letters = reply.json();
    let letters = letters["letters"].as_array().unwrap();
    assert_eq!(letters.len(), 3);
    for letter in letters {
        assert!(
            letter["qr_svg"].as_str().unwrap().starts_with("<?xml")
                || letter["qr_svg"].as_str().unwrap().contains("<svg")
        );
        assert!(letter["link"].as_str().unwrap().contains(&format!("/c/{code}?u=")));
    }
    // The letters count towards the headcount and the roster, and their links work once.
    let campaign = app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.json();
    assert_eq!(campaign["departments"][1]["headcount"], 8);
    assert_eq!(campaign["roster"]["departments"][1]["by_letter"], 3);
    let link = letters[0]["link"].as_str().unwrap();
    let token = &link[link.find("?u=").unwrap() + 3..];
    let reply = app.upload(&personal_upload(&app, &fixture, &code, Some("Facilitair"), Some(token)).await).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(
        app.upload(&personal_upload(&app, &fixture, &code, Some("Facilitair"), Some(token)).await).await.code(),
        "invitation_used"
    );
    // Nothing was mailed for a letter.
    assert_eq!(app.count("outbox", None).await, 11);
}

async fn free_times_are_only_for_the_invited(app: TestApp) {
    let fixture = app.fixture().await;
    let (id, code) = personal_campaign(&app, &fixture).await;
    let links = approved_roster(&app, &fixture, &id).await;
    let token = token_of(&links, "nurse4@zorggroep.example").to_owned();
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let availability = json!({
        "schedule": {
            "time_zone": "Europe/Amsterdam",
            "weekly": days.iter().map(|day| json!({"weekday": day, "start": "08:00:00", "end": "18:00:00"})).collect::<Vec<_>>(),
            "slot_minutes": 45,
            "buffer_minutes": 15,
        },
        "kinds": [{"kind": "video", "detail": "https://meet.example.org/werkscan-ad"}],
    });
    let reply = app.json(Method::PUT, "/api/expert/availability", Some(&fixture.expert), &availability).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let slots = format!("/api/c/{code}/experts/{}/slots", fixture.expert_id);
    // The employer, holding the campaign's code, cannot watch the expert's calendar.
    assert_eq!(app.get(&slots, None).await.code(), "invitation_required");
    assert_eq!(app.get(&format!("{slots}?u={}", "ef".repeat(32)), None).await.code(), "invitation_required");
    let free = app.get(&format!("{slots}?u={token}"), None).await;
    assert_eq!(free.status, StatusCode::OK, "{}", free.text());
    let start = free.json()[0]["start"].as_str().unwrap().to_owned();
    // Booking needs the invitation too, and does not use it up.
    let mut booking = json!({"expert": fixture.expert_id, "kind": "video", "start": start, "name": "Sam", "email": "sam@example.org"});
    let reply = app.json(Method::POST, &format!("/api/c/{code}/appointments"), None, &booking).await;
    assert_eq!(reply.code(), "invitation_required");
    booking["invitation"] = json!(token);
    let reply = app.json(Method::POST, &format!("/api/c/{code}/appointments"), None, &booking).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let appointment = reply.json()["token"].as_str().unwrap().to_owned();
    // The appointment's own link shows free times for moving it, on any device.
    assert_eq!(app.get(&format!("{slots}?a={appointment}"), None).await.status, StatusCode::OK);
    let reply = app.upload(&personal_upload(&app, &fixture, &code, Some("Verpleging"), Some(&token)).await).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    // The appointment keeps no trace of the invitation.
    let invitation_id: String =
        sqlx::query_scalar("SELECT id FROM invitations WHERE used = 1").fetch_one(&app.db().pool).await.unwrap();
    for row in sqlx::query("SELECT * FROM appointments").fetch_all(&app.db().pool).await.unwrap() {
        for index in 0..row.len() {
            if let Some(text) = row.try_get::<Option<String>, _>(index).ok().flatten() {
                for trace in [token.clone(), werkscan_server::util::sha256_hex(&token), invitation_id.clone()] {
                    assert!(!text.contains(trace.as_str()), "an appointment holds a trace of the invitation: {text}");
                }
            }
        }
    }
}

async fn an_open_link_campaign_takes_no_invitation_and_no_roster(app: TestApp) {
    let fixture = app.fixture().await;
    let id = fixture.campaign["id"].as_str().unwrap();
    assert_eq!(fixture.campaign["invitations"], "open");
    assert!(fixture.campaign["roster"].is_null());
    let reply = app.json(Method::PUT, &format!("/api/campaigns/{id}/roster"), Some(&fixture.employer), &roster()).await;
    assert_eq!(reply.code(), "campaign_not_personal");
    let mut upload = submission(&fixture, everything());
    upload.invitation = Some("ab".repeat(32));
    let reply = app.upload(&upload).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invitation_not_expected".to_owned()));
    // Its public view lists its departments and says it is open to anyone with the link.
    let public = app.get(&format!("/api/c/{}", fixture.code), None).await.json();
    assert_eq!(
        (public["personal"].as_bool(), public["departments"].clone()),
        (Some(false), json!(["Verpleging", "Facilitair"]))
    );
}
