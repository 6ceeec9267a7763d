//! The staff console's API: a complete login (second factor, new password), own sessions, the
//! arbeidsdeskundige's inbox, notes, action points, status, export and audit trail, the admin's
//! accounts, and which role may use which route.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use werkscan_api::expert::{
    ActionPoint, NewStatus, Note, Outcome, Referral, StatusChange, SubmissionDetail, SubmissionStatus,
};
use werkscan_core::{ConsentChoices, Contact};
use werkscan_server::accounts::auth::Role;

use crate::support::{
    contact, everything, renewed, request, session_of, set_cookie, submission, totp_code, Session, TestApp,
};

on_both_databases!(
    experts_set_up_a_second_factor_before_anything_else,
    employers_may_use_a_second_factor,
    a_password_that_must_change_is_replaced_before_anything_else,
    sessions_can_be_seen_and_ended,
    the_inbox_filters_counts_and_pages,
    notes_actions_and_status_stay_with_the_campaign_and_go_with_withdrawal,
    the_export_is_csv_with_a_byte_order_mark_and_audited,
    the_admin_manages_organisations_and_accounts,
    every_console_route_refuses_those_who_may_not_use_it,
    no_employer_route_returns_a_person,
    an_action_point_for_the_employer_is_agreed_with_the_person_and_never_shown_to_the_employer,
    statuses_say_to_whom_a_person_was_referred_and_how_it_ended,
    the_result_reminds_of_sick_leave_guidance_when_a_flag_says_so,
);

async fn login_only(app: &TestApp, email: &str, password: &str) -> (Session, Value) {
    let reply = app.json(Method::POST, "/api/login", None, &json!({"email": email, "password": password})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    (session_of(&reply), reply.json())
}

async fn experts_set_up_a_second_factor_before_anything_else(app: TestApp) {
    let org = werkscan_server::admin::create_org(app.db(), "Org").await.unwrap();
    app.user(Some(&org), Role::Expert, "ad@x.example").await;
    let (session, view) = login_only(&app, "ad@x.example", "correct horse battery").await;
    assert_eq!(view["pending"], "second_factor_setup");
    // Nothing but the account routes until then.
    let blocked = app.get("/api/expert/submissions", Some(&session)).await;
    assert_eq!((blocked.status, blocked.code().as_str()), (StatusCode::UNAUTHORIZED, "second_factor_setup_required"));
    assert_eq!(app.get("/api/session", Some(&session)).await.status, StatusCode::OK);
    let setup = app.json(Method::POST, "/api/account/second-factor/setup", Some(&session), &json!({})).await.json();
    let secret = setup["secret"].as_str().unwrap().to_owned();
    assert!(setup["url"].as_str().unwrap().starts_with("otpauth://totp/Werkscan:ad%40x.example?"), "{}", setup["url"]);
    assert!(
        setup["qr_svg"].as_str().unwrap().starts_with("<?xml") || setup["qr_svg"].as_str().unwrap().contains("<svg")
    );
    let wrong =
        app.json(Method::POST, "/api/account/second-factor/confirm", Some(&session), &json!({"code": "000000"})).await;
    assert_eq!(wrong.code(), "code_invalid");
    let confirmed = app
        .json(
            Method::POST,
            "/api/account/second-factor/confirm",
            Some(&session),
            &json!({"code": totp_code(&secret, 0)}),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text());
    let session = renewed(&session, &confirmed);
    let codes: Vec<String> = confirmed.json()["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    assert_eq!(app.get("/api/expert/submissions", Some(&session)).await.status, StatusCode::OK);
    assert_eq!(app.count("recovery_codes", None).await, 10);
    // The next login asks for the code; the app's next code works once, a recovery code once.
    let (second, view) = login_only(&app, "ad@x.example", "correct horse battery").await;
    assert_eq!(view["pending"], "second_factor");
    assert_eq!(app.get("/api/expert/submissions", Some(&second)).await.code(), "second_factor_required");
    let next = totp_code(&secret, 1);
    let verify = |session: Session, code: String| {
        let app = &app;
        async move {
            app.json(Method::POST, "/api/account/second-factor/verify", Some(&session), &json!({"code": code})).await
        }
    };
    let given = verify(second.clone(), next.clone()).await;
    assert_eq!(given.status, StatusCode::NO_CONTENT);
    let second = renewed(&second, &given);
    assert_eq!(app.get("/api/expert/submissions", Some(&second)).await.status, StatusCode::OK);
    let (third, _) = login_only(&app, "ad@x.example", "correct horse battery").await;
    assert_eq!(verify(third.clone(), next).await.code(), "code_invalid", "a used code is not accepted again");
    assert_eq!(verify(third.clone(), codes[0].clone()).await.status, StatusCode::NO_CONTENT);
    let (fourth, _) = login_only(&app, "ad@x.example", "correct horse battery").await;
    assert_eq!(
        verify(fourth.clone(), codes[0].to_uppercase()).await.code(),
        "code_invalid",
        "a recovery code works once"
    );
    // Wrong codes count per account (security::second_factor_codes_are_limited_per_account…):
    // with the two wrong ones above, four more pass the five of a quarter of an hour.
    for _ in 0..4 {
        verify(fourth.clone(), "123456".into()).await;
    }
    let limited = verify(fourth.clone(), totp_code(&secret, 1)).await;
    assert_eq!((limited.status, limited.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_codes"));
    assert_eq!(
        verify(fourth.clone(), codes[1].clone()).await.status,
        StatusCode::NO_CONTENT,
        "a recovery code still works"
    );
    // A second setup is refused; an admin resets it.
    let again = app.json(Method::POST, "/api/account/second-factor/setup", Some(&second), &json!({})).await;
    assert_eq!(again.code(), "second_factor_exists");
}

async fn employers_may_use_a_second_factor(app: TestApp) {
    let fixture = app.fixture().await;
    assert_eq!(app.get("/api/campaigns", Some(&fixture.employer)).await.status, StatusCode::OK);
    let setup =
        app.json(Method::POST, "/api/account/second-factor/setup", Some(&fixture.employer), &json!({})).await.json();
    let secret = setup["secret"].as_str().unwrap().to_owned();
    let confirmed = app
        .json(
            Method::POST,
            "/api/account/second-factor/confirm",
            Some(&fixture.employer),
            &json!({"code": totp_code(&secret, 0)}),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK);
    assert!(set_cookie(&confirmed, "werkscan_session").is_some(), "the session gets a new token");
    let (later, view) = login_only(&app, "hr@test.example", "correct horse battery").await;
    assert_eq!(view["pending"], "second_factor");
    assert_eq!(app.get("/api/campaigns", Some(&later)).await.code(), "second_factor_required");
}

async fn a_password_that_must_change_is_replaced_before_anything_else(app: TestApp) {
    let fixture = app.fixture().await;
    // An account made with the command line's generated password must choose its own first.
    sqlx::query("UPDATE users SET must_change_password = 1 WHERE id = $1")
        .bind(&fixture.employer_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let temporary = "correct horse battery";
    let (session, view) = login_only(&app, "hr@test.example", temporary).await;
    assert_eq!(view["pending"], "password_change");
    let blocked = app.get("/api/campaigns", Some(&session)).await;
    assert_eq!((blocked.status, blocked.code().as_str()), (StatusCode::UNAUTHORIZED, "password_change_required"));
    let change = |current: &str, new: &str| json!({"current": current, "new": new});
    assert_eq!(
        app.json(Method::POST, "/api/account/password", Some(&session), &change("wrong", "a new good one"))
            .await
            .code(),
        "password_wrong"
    );
    assert_eq!(
        app.json(Method::POST, "/api/account/password", Some(&session), &change(temporary, "short")).await.code(),
        "password_too_short"
    );
    assert_eq!(
        app.json(Method::POST, "/api/account/password", Some(&session), &change(temporary, temporary)).await.code(),
        "password_unchanged"
    );
    let done =
        app.json(Method::POST, "/api/account/password", Some(&session), &change(temporary, "a new good one")).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT);
    let session = renewed(&session, &done);
    assert_eq!(app.get("/api/campaigns", Some(&session)).await.status, StatusCode::OK);
    // The employer's earlier session ended with the change.
    assert_eq!(app.get("/api/campaigns", Some(&fixture.employer)).await.status, StatusCode::UNAUTHORIZED);
    app.login("hr@test.example", "a new good one").await;
}

async fn sessions_can_be_seen_and_ended(app: TestApp) {
    let fixture = app.fixture().await;
    let mut laptop = request(
        Method::POST,
        "/api/login",
        None,
        Some(&json!({"email": "hr@test.example", "password": "correct horse battery"})),
    );
    laptop.headers_mut().insert("user-agent", "Mozilla/5.0 (Windows NT 10.0) Chrome/130.0 Safari/537".parse().unwrap());
    let laptop = session_of(&app.send(laptop).await);
    let list = app.get("/api/account/sessions", Some(&fixture.employer)).await.json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    let other = list.as_array().unwrap().iter().find(|entry| entry["current"] == false).unwrap();
    assert_eq!(other["device"], "Chrome Windows");
    let id = other["id"].as_str().unwrap();
    assert_eq!(
        app.send(request(Method::DELETE, &format!("/api/account/sessions/{id}"), Some(&fixture.employer), None))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert!(app.logged_out(Some(&laptop)).await);
    // Another account's session cannot be ended.
    let experts = app.get("/api/account/sessions", Some(&fixture.expert)).await.json();
    let theirs = experts[0]["id"].as_str().unwrap();
    let refused = app
        .send(request(Method::DELETE, &format!("/api/account/sessions/{theirs}"), Some(&fixture.employer), None))
        .await;
    assert_eq!(refused.code(), "session_not_found");
}

async fn the_inbox_filters_counts_and_pages(app: TestApp) {
    let fixture = app.fixture().await;
    let mut ids = Vec::new();
    for (department, contact_me) in [("Verpleging", true), ("Facilitair", false), ("Verpleging", false)] {
        let mut sub =
            submission(&fixture, ConsentChoices { share_scores: true, contact_me, ..ConsentChoices::default() });
        sub.department = Some(department.into());
        if !contact_me {
            sub.contact = None;
        }
        ids.push(app.upload(&sub).await.json()["submission_id"].as_str().unwrap().to_owned());
    }
    // Group figures only: never shown one by one.
    app.upload(&submission(&fixture, ConsentChoices { group_figures: true, ..ConsentChoices::default() })).await;
    let inbox = app.get("/api/expert/submissions", Some(&fixture.expert)).await.json();
    assert_eq!(inbox["total"], 3);
    assert_eq!(inbox["counts"]["nieuw"], 3);
    let item = |id: &str| inbox["items"].as_array().unwrap().iter().find(|item| item["id"] == id).unwrap().clone();
    assert_eq!(item(&ids[1])["name"], Value::Null);
    assert_eq!(item(&ids[0])["name"], contact().name);
    let signal = inbox["items"][0]["signal"].as_str().unwrap().to_owned();
    assert!(["attention", "watch", "good"].contains(&signal.as_str()), "{signal}");
    let filtered = app.get("/api/expert/submissions?department=Facilitair", Some(&fixture.expert)).await.json();
    assert_eq!(filtered["total"], 1);
    assert_eq!(filtered["items"][0]["id"], ids[1].as_str());
    assert_eq!(
        app.get(&format!("/api/expert/submissions?signal={signal}"), Some(&fixture.expert)).await.json()["total"],
        3
    );
    assert_eq!(app.get("/api/expert/submissions?signal=none", Some(&fixture.expert)).await.json()["total"], 0);
    let status = app
        .json(
            Method::PUT,
            &format!("/api/expert/submissions/{}/status", ids[0]),
            Some(&fixture.expert),
            &json!({"status": "contact_gezocht"}),
        )
        .await;
    assert_eq!(status.status, StatusCode::OK);
    assert_eq!(status.json()["status"], "contact_gezocht");
    let counted = app.get("/api/expert/submissions?status=contact_gezocht", Some(&fixture.expert)).await.json();
    assert_eq!(
        (counted["total"].clone(), counted["counts"]["nieuw"].clone(), counted["counts"]["contact_gezocht"].clone()),
        (json!(1), json!(2), json!(1))
    );
    let oldest = app.get("/api/expert/submissions?sort=oldest&limit=1&offset=1", Some(&fixture.expert)).await.json();
    assert_eq!(oldest["items"].as_array().unwrap().len(), 1);
    assert_eq!(app.get("/api/expert/submissions?status=zomaar", Some(&fixture.expert)).await.code(), "invalid_status");
    assert_eq!(app.get("/api/expert/submissions", Some(&fixture.other_expert)).await.json()["total"], 0);
}

async fn notes_actions_and_status_stay_with_the_campaign_and_go_with_withdrawal(app: TestApp) {
    let mut fixture = app.fixture().await;
    // A second expert of the same campaign.
    let org = fixture.campaign["organisation"]["id"].as_str().unwrap().to_owned();
    let colleague_id = app.user(Some(&org), Role::Expert, "ad3@test.example").await;
    let campaign_id = fixture.campaign["id"].as_str().unwrap();
    sqlx::query("INSERT INTO campaign_experts (campaign_id, user_id) VALUES ($1, $2)")
        .bind(campaign_id.to_owned())
        .bind(&colleague_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    // The consent text names both arbeidsdeskundigen now.
    fixture.consent_values = app.consent_values(&fixture.code).await;
    let colleague = app.login("ad3@test.example", "correct horse battery").await;
    let receipt = app.upload(&submission(&fixture, everything())).await.json();
    let id = receipt["submission_id"].as_str().unwrap();
    let path = |rest: &str| format!("/api/expert/submissions/{id}{rest}");
    let note = app
        .json(Method::POST, &path("/notes"), Some(&fixture.expert), &json!({"body": "Belt liever na 17 uur."}))
        .await;
    assert_eq!(note.status, StatusCode::CREATED);
    // The console reads what the server sends with its own types: they must agree.
    let note: Note = serde_json::from_str(&note.text()).unwrap();
    assert_eq!(note.body, "Belt liever na 17 uur.");
    assert_eq!(
        app.json(Method::POST, &path("/notes"), Some(&fixture.expert), &json!({"body": "  "})).await.code(),
        "invalid_text"
    );
    let action = json!({"owner": "employer", "description": "Rooster aanpassen", "due_on": "2027-01-15", "agreed_with_person": true});
    let created = app.json(Method::POST, &path("/actions"), Some(&fixture.expert), &action).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let created: ActionPoint = serde_json::from_str(&created.text()).unwrap();
    assert_eq!(
        (created.owner.as_str(), created.due_on.as_deref(), created.done_at),
        ("employer", Some("2027-01-15"), None)
    );
    assert_eq!(
        app.json(
            Method::POST,
            &path("/actions"),
            Some(&fixture.expert),
            &json!({"owner": "buurman", "description": "x"})
        )
        .await
        .code(),
        "invalid_owner"
    );
    app.json(Method::PUT, &path("/status"), Some(&fixture.expert), &json!({"status": "gesprek_gepland"})).await;
    app.json(Method::PUT, &path("/status"), Some(&fixture.expert), &json!({"status": "gesprek_gevoerd"})).await;
    // The colleague of the same campaign sees it all; the expert of another campaign nothing.
    let reply = app.get(&path(""), Some(&colleague)).await;
    let typed: SubmissionDetail = serde_json::from_str(&reply.text()).unwrap();
    assert_eq!(typed.notes.len(), 1);
    let detail = reply.json();
    assert_eq!(detail["notes"][0]["body"], "Belt liever na 17 uur.");
    assert_eq!(detail["notes"][0]["author"], "ad@test.example name");
    assert_eq!(detail["actions"][0]["owner"], "employer");
    assert_eq!(detail["actions"][0]["due_on"], "2027-01-15");
    assert_eq!(detail["status"], "gesprek_gevoerd");
    let history: Vec<&str> =
        detail["status_history"].as_array().unwrap().iter().map(|change| change["status"].as_str().unwrap()).collect();
    assert_eq!(history, vec!["gesprek_gepland", "gesprek_gevoerd"]);
    assert_eq!(detail["contact"]["name"], contact().name);
    for rest in ["", "/notes"] {
        let reply = if rest.is_empty() {
            app.get(&path(rest), Some(&fixture.other_expert)).await
        } else {
            app.json(Method::POST, &path(rest), Some(&fixture.other_expert), &json!({"body": "x"})).await
        };
        assert_eq!(reply.code(), "submission_not_found", "{rest}");
    }
    let action_id = detail["actions"][0]["id"].as_str().unwrap();
    let done =
        app.json(Method::POST, &path(&format!("/actions/{action_id}/done")), Some(&fixture.expert), &json!({})).await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.json()["done_at"].is_string());
    assert!(app.get(&path(""), Some(&fixture.expert)).await.json()["actions"][0]["done_at"].is_string());
    // Withdrawal removes the person from every list at once, notes and action points included.
    let withdraw = axum::http::Request::builder()
        .method(Method::DELETE)
        .uri(format!("/api/submissions/{id}"))
        .header("authorization", format!("Bearer {}", receipt["withdrawal_token"].as_str().unwrap()))
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(withdraw).await.status, StatusCode::OK);
    for table in ["notes", "action_points", "status_changes"] {
        assert_eq!(app.count(table, None).await, 0, "{table}");
    }
    assert_eq!(app.get("/api/expert/submissions", Some(&fixture.expert)).await.json()["total"], 0);
    assert_eq!(app.get("/api/expert/follow-up", Some(&fixture.expert)).await.json(), json!([]));
}

async fn the_export_is_csv_with_a_byte_order_mark_and_audited(app: TestApp) {
    let fixture = app.fixture().await;
    let mut sub = submission(&fixture, everything());
    sub.contact = Some(Contact { name: "=HYPERLINK(\"x\"), Zoë".into(), ..contact() });
    app.upload(&sub).await;
    let reply = app.get("/api/expert/export.csv", Some(&fixture.expert)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("content-type").starts_with("text/csv"));
    assert!(reply.header("content-disposition").contains("attachment"));
    assert!(reply.body.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a byte order mark");
    let text = reply.text();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 2, "one row per person: {text}");
    // Dutch Excel: `;` between cells, words as headers (the score's name, not its id).
    assert!(
        lines[0].starts_with("Kenmerk;Campagne;Afdeling;Gedeeld op (Nederlandse tijd);Status;Signaal;Naam;E-mail;Telefoon;Mijn notities;Mijn acties;Afspraken;"),
        "{}",
        lines[0]
    );
    let was_label = &fixture.definition.score("was").unwrap().label.nl;
    assert!(lines[0].contains(was_label.as_str()) && !lines[0].contains(";was;"), "{}", lines[0]);
    assert!(lines[1].contains("\"'=HYPERLINK(\"\"x\"\"), Zoë\""), "a formula is neutralised and quoted: {}", lines[1]);
    // Values in words and decimal commas; no internal key, no decimal point.
    assert!(lines[1].contains("\"Nieuw\"") && !lines[1].contains("nieuw\""), "{}", lines[1]);
    let cells: Vec<&str> = lines[1].split(';').collect();
    assert!(
        cells
            .iter()
            .all(|cell| !cell.trim_matches('"').chars().all(|c| c.is_ascii_digit() || c == '.') || !cell.contains('.')),
        "{}",
        lines[1]
    );
    assert!(cells[3].trim_matches('"').len() == "07-12-2026 14:05".len(), "local time: {}", cells[3]);
    let trail = app.get("/api/expert/audit", Some(&fixture.expert)).await.json();
    assert_eq!(trail[0]["action"], "export");
    assert_eq!(app.get("/api/expert/export.csv", Some(&fixture.employer)).await.status, StatusCode::FORBIDDEN);
}

async fn the_admin_manages_organisations_and_accounts(app: TestApp) {
    app.user(None, Role::Admin, "admin@test.example").await;
    let admin = app.login("admin@test.example", "correct horse battery").await;
    assert_eq!(
        app.json(Method::POST, "/api/admin/organisations", Some(&admin), &json!({"name": "Bakkerij Bol"})).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.json(Method::POST, "/api/admin/organisations", Some(&admin), &json!({"name": "Bakkerij Bol"})).await.code(),
        "name_taken"
    );
    let orgs = app.get("/api/admin/organisations", Some(&admin)).await.json();
    let org = orgs[0]["id"].as_str().unwrap().to_owned();
    let created = app
        .json(
            Method::POST,
            "/api/admin/users",
            Some(&admin),
            &json!({"email": "ad@bol.example", "display_name": "Aisha (AD)", "role": "expert", "org_id": org}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert_eq!(created.json()["link_sent_to"], "ad@bol.example");
    let user = created.json()["user_id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.json(
            Method::POST,
            "/api/admin/users",
            Some(&admin),
            &json!({"email": "AD@bol.example", "display_name": "x", "role": "expert"})
        )
        .await
        .code(),
        "email_taken"
    );
    assert_eq!(app.get("/api/admin/organisations", Some(&admin)).await.json()[0]["experts"][0]["id"], user.as_str());
    // The new arbeidsdeskundige chooses a password with the link in their mail, then sets up
    // the second factor.
    let temporary = "mijn eigen wachtwoord";
    app.choose_password_from_mail("ad@bol.example", temporary).await;
    let (session, view) = login_only(&app, "ad@bol.example", temporary).await;
    assert_eq!(view["pending"], "second_factor_setup");
    drop(session);
    // Deactivated: no login, sessions gone; active again: login works.
    assert_eq!(
        app.json(Method::POST, &format!("/api/admin/users/{user}/deactivate"), Some(&admin), &json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    let refused =
        app.json(Method::POST, "/api/login", None, &json!({"email": "ad@bol.example", "password": temporary})).await;
    // Nor does a link work for a deactivated account.
    let again =
        app.json(Method::POST, &format!("/api/admin/users/{user}/reset-password"), Some(&admin), &json!({})).await;
    assert_eq!(again.status, StatusCode::OK);
    let link = app.mailed_links("ad@bol.example").await.1.unwrap();
    let used = app
        .json(Method::POST, "/api/password-link", None, &json!({"token": link, "password": "een andere zin hier"}))
        .await;
    assert_eq!(used.code(), "link_invalid");
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let accounts = app.get("/api/admin/users", Some(&admin)).await.json();
    let account = accounts.as_array().unwrap().iter().find(|account| account["id"] == user.as_str()).unwrap();
    assert_eq!((account["active"].clone(), account["must_change_password"].clone()), (json!(false), json!(false)));
    app.json(Method::POST, &format!("/api/admin/users/{user}/activate"), Some(&admin), &json!({})).await;
    login_only(&app, "ad@bol.example", temporary).await;
    let own = app
        .json(
            Method::POST,
            &format!(
                "/api/admin/users/{}/deactivate",
                accounts.as_array().unwrap().iter().find(|a| a["email"] == "admin@test.example").unwrap()["id"]
                    .as_str()
                    .unwrap()
            ),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(own.code(), "own_account");
    // A lost phone: the second factor is reset, and set up anew at the next login.
    let fixture = app.fixture().await;
    let reset = app
        .json(
            Method::POST,
            &format!("/api/admin/users/{}/reset-second-factor", fixture.expert_id),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT);
    let (_, view) = login_only(&app, "ad@test.example", "correct horse battery").await;
    assert_eq!(view["pending"], "second_factor_setup");
    let versions = app.get("/api/admin/definitions", Some(&admin)).await.json();
    assert!(versions
        .as_array()
        .unwrap()
        .iter()
        .any(|version| version["id"] == "werkscan" && version["current"] == true));
    let log = app.get("/api/admin/audit?action=deactivate_user", Some(&admin)).await.json();
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["actor"], "admin@test.example name");
    let today = chrono::Utc::now().date_naive();
    let by_account =
        app.get(&format!("/api/admin/audit?account=ADMIN@&from={today}&to={today}"), Some(&admin)).await.json();
    assert!(by_account.as_array().unwrap().len() >= 4, "{by_account}");
    let yesterday = today - chrono::Days::new(1);
    assert_eq!(app.get(&format!("/api/admin/audit?to={yesterday}"), Some(&admin)).await.json(), json!([]));
}

async fn every_console_route_refuses_those_who_may_not_use_it(app: TestApp) {
    let fixture = app.fixture().await;
    app.user(None, Role::Admin, "admin@test.example").await;
    let admin = app.login("admin@test.example", "correct horse battery").await;
    let id = app.upload(&submission(&fixture, everything())).await.json()["submission_id"].as_str().unwrap().to_owned();
    let expert_routes = vec![
        (Method::GET, "/api/expert/submissions".to_owned(), None),
        (Method::GET, format!("/api/expert/submissions/{id}"), None),
        (Method::POST, format!("/api/expert/submissions/{id}/notes"), Some(json!({"body": "x"}))),
        (
            Method::POST,
            format!("/api/expert/submissions/{id}/actions"),
            Some(json!({"owner": "expert", "description": "x"})),
        ),
        (Method::POST, format!("/api/expert/submissions/{id}/actions/x/done"), Some(json!({}))),
        (Method::PUT, format!("/api/expert/submissions/{id}/status"), Some(json!({"status": "afgerond"}))),
        (Method::GET, "/api/expert/export.csv".to_owned(), None),
        (Method::GET, "/api/expert/audit".to_owned(), None),
    ];
    let admin_routes = vec![
        (Method::GET, "/api/admin/organisations".to_owned(), None),
        (Method::POST, "/api/admin/organisations".to_owned(), Some(json!({"name": "x"}))),
        (Method::POST, "/api/admin/organisations/x/experts".to_owned(), Some(json!({"user_id": "x"}))),
        (Method::GET, "/api/admin/users".to_owned(), None),
        (
            Method::POST,
            "/api/admin/users".to_owned(),
            Some(json!({"email": "a@b.example", "display_name": "x", "role": "expert"})),
        ),
        (Method::POST, "/api/admin/users/x/deactivate".to_owned(), Some(json!({}))),
        (Method::POST, "/api/admin/users/x/activate".to_owned(), Some(json!({}))),
        (Method::POST, "/api/admin/users/x/reset-password".to_owned(), Some(json!({}))),
        (Method::POST, "/api/admin/users/x/reset-second-factor".to_owned(), Some(json!({}))),
        (Method::GET, "/api/admin/definitions".to_owned(), None),
        (Method::GET, "/api/admin/audit".to_owned(), None),
    ];
    for (routes, refused) in
        [(&expert_routes, vec![&fixture.employer, &admin]), (&admin_routes, vec![&fixture.employer, &fixture.expert])]
    {
        for (method, path, body) in routes {
            for session in &refused {
                let reply = app.send(request(method.clone(), path, Some(session), body.as_ref())).await;
                assert_eq!(
                    (reply.status, reply.code().as_str()),
                    (StatusCode::FORBIDDEN, "forbidden"),
                    "{method} {path}"
                );
            }
            let reply = app.send(request(method.clone(), path, None, body.as_ref())).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{method} {path}");
        }
    }
    // Nothing of this was written by a refused request.
    assert_eq!(app.count("notes", None).await, 0);
    assert_eq!(app.count("action_points", None).await, 0);
}

async fn no_employer_route_returns_a_person(app: TestApp) {
    let fixture = app.fixture().await;
    let mut sub = submission(&fixture, everything());
    sub.contact = Some(Contact {
        name: "Uniekenaam Persoon".into(),
        email: Some("uniek@example.org".into()),
        phone: None,
        note: None,
    });
    let id = app.upload(&sub).await.json()["submission_id"].as_str().unwrap().to_owned();
    let campaign = fixture.campaign["id"].as_str().unwrap();
    // Every GET route an employer can reach.
    for path in [
        "/api/campaigns".to_owned(),
        format!("/api/campaigns/{campaign}"),
        "/api/experts".to_owned(),
        "/api/session".to_owned(),
        "/api/account/sessions".to_owned(),
    ] {
        let reply = app.get(&path, Some(&fixture.employer)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let text = reply.text();
        for secret in [id.as_str(), "Uniekenaam", "uniek@example.org"] {
            assert!(!text.contains(secret), "{path} shows {secret}");
        }
    }
}

async fn an_action_point_for_the_employer_is_agreed_with_the_person_and_never_shown_to_the_employer(app: TestApp) {
    let fixture = app.fixture().await;
    let id = app.upload(&submission(&fixture, everything())).await.json()["submission_id"].as_str().unwrap().to_owned();
    let actions = format!("/api/expert/submissions/{id}/actions");
    // Not marked as agreed with the person (left out, or false): refused, nothing stored.
    for body in [
        json!({"owner": "employer", "description": "Werkplek laten aanpassen"}),
        json!({"owner": "employer", "description": "Werkplek laten aanpassen", "agreed_with_person": false}),
    ] {
        let refused = app.json(Method::POST, &actions, Some(&fixture.expert), &body).await;
        assert_eq!(
            (refused.status, refused.code().as_str()),
            (StatusCode::BAD_REQUEST, "not_agreed_with_person"),
            "{body}"
        );
        assert_eq!(refused.json()["error"]["field"], "agreed_with_person");
    }
    assert_eq!(app.count("action_points", None).await, 0);
    // The person's own or the expert's: no such rule.
    let own = app
        .json(
            Method::POST,
            &actions,
            Some(&fixture.expert),
            &json!({"owner": "employee", "description": "Zelf om een gesprek vragen"}),
        )
        .await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.text());
    assert_eq!(own.json()["agreed_with_person"], false);
    // Agreed: stored with the agreement, and read back so by the console.
    let agreed = json!({"owner": "employer", "description": "Werkplek laten aanpassen", "agreed_with_person": true});
    let created = app.json(Method::POST, &actions, Some(&fixture.expert), &agreed).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let created: ActionPoint = serde_json::from_str(&created.text()).unwrap();
    assert!(created.agreed_with_person);
    let stored: i64 = sqlx::query_scalar("SELECT agreed_with_person FROM action_points WHERE id = $1")
        .bind(&created.id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let detail: SubmissionDetail =
        serde_json::from_str(&app.get(&format!("/api/expert/submissions/{id}"), Some(&fixture.expert)).await.text())
            .unwrap();
    let agreement: Vec<(&str, bool)> =
        detail.actions.iter().map(|action| (action.owner.as_str(), action.agreed_with_person)).collect();
    assert_eq!(agreement, vec![("employee", false), ("employer", true)]);
    let done =
        app.json(Method::POST, &format!("{actions}/{}/done", created.id), Some(&fixture.expert), &json!({})).await;
    assert_eq!(done.json()["agreed_with_person"], true);
    // The employer sees no action point anywhere: not on any route an employer can read, and
    // every route that has them refuses.
    let campaign = fixture.campaign["id"].as_str().unwrap();
    for path in [
        "/api/campaigns".to_owned(),
        format!("/api/campaigns/{campaign}"),
        format!("/api/campaigns/{campaign}/figures"),
        format!("/api/campaigns/{campaign}/figures.csv"),
        "/api/experts".to_owned(),
        "/api/practices".to_owned(),
        "/api/session".to_owned(),
        "/api/account/sessions".to_owned(),
    ] {
        let text = app.get(&path, Some(&fixture.employer)).await.text();
        for secret in ["Werkplek laten aanpassen", "Zelf om een gesprek", created.id.as_str(), id.as_str()] {
            assert!(!text.contains(secret), "{path} shows {secret}");
        }
    }
    for path in [
        format!("/api/expert/submissions/{id}"),
        "/api/expert/submissions".to_owned(),
        "/api/expert/export.csv".to_owned(),
    ] {
        let reply = app.get(&path, Some(&fixture.employer)).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"), "{path}");
    }
    let added = app.json(Method::POST, &actions, Some(&fixture.employer), &agreed).await;
    assert_eq!(added.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("action_points", None).await, 2);
}

async fn statuses_say_to_whom_a_person_was_referred_and_how_it_ended(app: TestApp) {
    let fixture = app.fixture().await;
    let id = app.upload(&submission(&fixture, everything())).await.json()["submission_id"].as_str().unwrap().to_owned();
    let path = format!("/api/expert/submissions/{id}/status");
    let set = |body: Value| {
        let (app, path, expert) = (&app, path.clone(), fixture.expert.clone());
        async move { app.json(Method::PUT, &path, Some(&expert), &body).await }
    };
    // A referral says to whom, an ending how; neither goes with another status.
    for (body, code, field) in [
        (json!({"status": "doorverwezen"}), "invalid_referral", "referred_to"),
        (json!({"status": "doorverwezen", "referred_to": "tandarts"}), "invalid_referral", "referred_to"),
        (json!({"status": "gesprek_gevoerd", "referred_to": "huisarts"}), "invalid_referral", "referred_to"),
        (json!({"status": "afgerond"}), "invalid_outcome", "outcome"),
        (json!({"status": "afgerond", "outcome": "weet_niet"}), "invalid_outcome", "outcome"),
        (
            json!({"status": "doorverwezen", "referred_to": "huisarts", "outcome": "anders"}),
            "invalid_outcome",
            "outcome",
        ),
        (json!({"status": "weggezet"}), "invalid_status", ""),
    ] {
        let reply = set(body.clone()).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, code), "{body}");
        if !field.is_empty() {
            assert_eq!(reply.json()["error"]["field"], field, "{body}");
        }
    }
    assert_eq!(app.count("status_changes", None).await, 0, "nothing stored by a refusal");
    // Every status, referral and ending of the wire contract is one the server takes, sent as
    // the console sends it (a `NewStatus` serialised), and read back as the console reads it.
    let mut changes: Vec<(SubmissionStatus, Option<Referral>, Option<Outcome>)> = Vec::new();
    for status in SubmissionStatus::ALL.iter().copied() {
        match status {
            SubmissionStatus::Doorverwezen => {
                changes.extend(Referral::ALL.iter().map(|referral| (status, Some(*referral), None)))
            }
            SubmissionStatus::Afgerond => {
                changes.extend(Outcome::ALL.iter().map(|outcome| (status, None, Some(*outcome))))
            }
            _ => changes.push((status, None, None)),
        }
    }
    for (status, referred_to, outcome) in changes.iter().copied() {
        let body = NewStatus {
            status: status.as_str().to_owned(),
            referred_to: referred_to.map(|referral| referral.as_str().to_owned()),
            outcome: outcome.map(|outcome| outcome.as_str().to_owned()),
        };
        let reply = set(serde_json::to_value(&body).unwrap()).await;
        assert_eq!(reply.status, StatusCode::OK, "{body:?}: {}", reply.text());
        let change: StatusChange = reply.reads_as();
        assert_eq!((change.status, change.referred_to, change.outcome), (status, referred_to, outcome));
    }
    // The history keeps each change with its detail, and the console reads it.
    let detail: SubmissionDetail =
        app.get(&format!("/api/expert/submissions/{id}"), Some(&fixture.expert)).await.reads_as();
    let history: Vec<(SubmissionStatus, Option<Referral>, Option<Outcome>)> =
        detail.status_history.iter().map(|change| (change.status, change.referred_to, change.outcome)).collect();
    assert_eq!(history, changes);
    assert_eq!(detail.status, SubmissionStatus::Afgerond);
    // The inbox counts and filters the new statuses too.
    set(json!({"status": "geen_contact_gewenst"})).await;
    let inbox = app.get("/api/expert/submissions?status=geen_contact_gewenst", Some(&fixture.expert)).await.json();
    assert_eq!(inbox["total"], 1);
    for status in SubmissionStatus::ALL {
        assert!(inbox["counts"][status.as_str()].is_i64(), "{status}: {inbox}");
    }
    assert_eq!(inbox["counts"]["doorverwezen"], 0);
}

async fn the_result_reminds_of_sick_leave_guidance_when_a_flag_says_so(app: TestApp) {
    let fixture = app.fixture().await;
    let upload = |answers: werkscan_core::Answers, choices: ConsentChoices| {
        let result = werkscan_core::score(&fixture.definition, &answers).expect("answers fit");
        let mut sub = werkscan_core::build_submission(
            &fixture.code,
            Some("Verpleging".into()),
            &fixture.definition,
            &result,
            &answers,
            choices,
            werkscan_core::Lang::Nl,
            Some(contact()),
        );
        sub.consent.values = Some(fixture.consent_values.clone());
        (result.flags, sub)
    };
    let reminder = |id: String| {
        let app = &app;
        let expert = fixture.expert.clone();
        async move {
            let reply = app.get(&format!("/api/expert/submissions/{id}"), Some(&expert)).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
            let typed: SubmissionDetail = serde_json::from_str(&reply.text()).unwrap();
            assert_eq!(Some(typed.sick_leave_reminder), reply.json()["sick_leave_reminder"].as_bool());
            typed.sick_leave_reminder
        }
    };
    let plain = werkscan_core::answers::example_answers(&fixture.definition);
    let mut cases = Vec::new();
    // 100 days or more off work (veel_verzuim); only part-time because of a disease (niet_kunnen_werken).
    let mut long_leave = plain.clone();
    long_leave.insert("wai_5".into(), werkscan_core::AnswerValue::Text("100_365".into()));
    let mut part_time = plain.clone();
    part_time.insert("wai_4".into(), werkscan_core::AnswerValue::List(vec!["deeltijd".into()]));
    part_time.insert("wai_5".into(), werkscan_core::AnswerValue::Text("geen".into()));
    let mut neither = plain.clone();
    neither.insert("wai_4".into(), werkscan_core::AnswerValue::List(vec!["geen_hinder".into()]));
    neither.insert("wai_5".into(), werkscan_core::AnswerValue::Text("geen".into()));
    let scores_only = ConsentChoices { share_scores: true, ..ConsentChoices::default() };
    for (answers, choices, flag, expected) in [
        (long_leave.clone(), scores_only, Some("veel_verzuim"), true),
        (part_time, scores_only, Some("niet_kunnen_werken"), true),
        (neither, scores_only, None, false),
        // Without the result shared there is no flag to go by.
        (long_leave, ConsentChoices { contact_me: true, ..ConsentChoices::default() }, None, false),
    ] {
        let (flags, sub) = upload(answers, choices);
        let sick_leave = flags
            .iter()
            .filter(|flag| werkscan_server::expert::inbox::SICK_LEAVE_FLAGS.contains(&flag.as_str()))
            .count();
        match flag {
            Some(flag) => assert!(flags.iter().any(|given| given == flag), "{flag} in {flags:?}"),
            None if choices.share_scores => assert_eq!(sick_leave, 0, "{flags:?}"),
            None => {}
        }
        let reply = app.upload(&sub).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        cases.push((reply.json()["submission_id"].as_str().unwrap().to_owned(), expected));
    }
    for (id, expected) in cases {
        assert_eq!(reminder(id.clone()).await, expected, "{id}");
    }
}
