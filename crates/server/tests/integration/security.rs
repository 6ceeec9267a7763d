//! The second security review (#17) of staff logins, each attack run against the real router on
//! both databases: the second factor cannot be guessed by someone who has the password, a login
//! that is not complete can do nothing but complete it, an admin never holds a working login of
//! another account, strangers cannot lock an owner out of a browser they logged in from before,
//! and the session token changes when a login gets stronger; and every route of the router's own
//! table names the roles that may use it, and refuses the others.

use axum::http::{header, Method, StatusCode};
use serde_json::{json, Value};
use werkscan_api::endpoints::{Access, Body, Endpoint, ENDPOINTS};
use werkscan_server::accounts::auth::Role;

use crate::support::{renewed, request, session_of, set_cookie, totp_code, Reply, Session, TestApp};

on_both_databases!(
    second_factor_codes_are_limited_per_account_across_logins_and_addresses,
    parallel_wrong_codes_cannot_pass_the_limit,
    a_login_that_is_not_complete_gets_what_no_login_gets,
    the_admin_never_sees_or_sets_a_password,
    a_password_link_works_once_for_a_day_and_a_newer_one_replaces_it,
    strangers_cannot_lock_the_owner_out_of_a_known_browser,
    the_session_token_changes_with_the_second_factor_and_the_password,
    every_route_answers_only_the_roles_it_names,
    the_route_table_names_every_route_the_router_answers,
);

const PASSWORD: &str = "correct horse battery";

/// A login request from an address (the trusted proxy appends it), optionally from a browser
/// that holds a device cookie.
async fn login_from(app: &TestApp, address: &str, email: &str, password: &str, device: Option<&str>) -> Reply {
    let mut req = request(Method::POST, "/api/login", None, Some(&json!({"email": email, "password": password})));
    req.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
    if let Some(device) = device {
        req.headers_mut().insert(header::COOKIE, device.parse().unwrap());
    }
    app.send(req).await
}

async fn verify(app: &TestApp, session: &Session, code: &str) -> Reply {
    app.json(Method::POST, "/api/account/second-factor/verify", Some(session), &json!({"code": code})).await
}

/// Six digits that are none of the codes the app shows around now (so surely wrong).
fn wrong_codes(secret: &str) -> impl Iterator<Item = String> {
    let right: Vec<String> = (-2..=2).map(|step| totp_code(secret, step)).collect();
    (0..).map(|n: u32| format!("{:06}", (n * 7919 + 13) % 1_000_000)).filter(move |code| !right.contains(code))
}

/// An arbeidsdeskundige with a second factor: (its secret, its recovery codes).
async fn expert_with_second_factor(app: &TestApp, email: &str) -> (String, Vec<String>) {
    app.user(None, Role::Expert, email).await;
    app.login(email, PASSWORD).await;
    app.second_factors.lock().unwrap().get(email).cloned().unwrap()
}

async fn second_factor_codes_are_limited_per_account_across_logins_and_addresses(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    let (secret, mut recovery) = expert_with_second_factor(&app, "ad@x.example").await;
    let mut guesses = wrong_codes(&secret);
    // The attack of the review: the password, then four wrong codes, again and again, from ever
    // new addresses. A right password used to clear the wrong codes; now they stay counted.
    let (mut checked, mut refused) = (0, 0);
    for round in 0..6 {
        let login = login_from(&app, &format!("198.51.100.{round}"), "ad@x.example", PASSWORD, None).await;
        assert_eq!(login.status, StatusCode::OK, "{}", login.text());
        let session = session_of(&login);
        for _ in 0..4 {
            let reply = verify(&app, &session, &guesses.next().unwrap()).await;
            match (reply.status, reply.code().as_str()) {
                (StatusCode::UNPROCESSABLE_ENTITY, "code_invalid") => checked += 1,
                (StatusCode::TOO_MANY_REQUESTS, "too_many_codes") => {
                    assert!(!reply.header("retry-after").is_empty());
                    refused += 1
                }
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    assert_eq!((checked, refused), (5, 19));
    // Not even the right code from the app is checked now; a recovery code is.
    let session = session_of(&login_from(&app, "198.51.100.77", "ad@x.example", PASSWORD, None).await);
    let right = verify(&app, &session, &totp_code(&secret, 1)).await;
    assert_eq!((right.status, right.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_codes"));
    let rescued = verify(&app, &session, &recovery.pop().unwrap()).await;
    assert_eq!(rescued.status, StatusCode::NO_CONTENT, "{}", rescued.text());
    // A quarter of an hour later five more are checked; then the day's ten are used up, however
    // long the attacker waits within the day.
    sqlx::query("UPDATE second_factor_failures SET at = at - 16 * 60").execute(&app.db().pool).await.unwrap();
    let session = session_of(&login_from(&app, "198.51.100.78", "ad@x.example", PASSWORD, None).await);
    let statuses: Vec<StatusCode> = {
        let mut statuses = Vec::new();
        for _ in 0..6 {
            statuses.push(verify(&app, &session, &guesses.next().unwrap()).await.status);
        }
        statuses
    };
    assert_eq!(
        statuses.iter().filter(|status| **status == StatusCode::UNPROCESSABLE_ENTITY).count(),
        5,
        "{statuses:?}"
    );
    sqlx::query("UPDATE second_factor_failures SET at = at - 16 * 60").execute(&app.db().pool).await.unwrap();
    let late = verify(&app, &session, &guesses.next().unwrap()).await;
    assert_eq!((late.status, late.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_codes"));
    // Wrong recovery codes have their own daily limit.
    for attempt in 0..10 {
        let reply = verify(&app, &session, &format!("{attempt:05}-00000")).await;
        assert_eq!(reply.code(), "code_invalid", "recovery guess {attempt}");
    }
    assert_eq!(verify(&app, &session, &recovery.pop().unwrap()).await.code(), "too_many_codes");
    // Text that can be no code at all is refused without counting.
    assert_eq!(verify(&app, &session, "hello").await.code(), "code_invalid");
}

async fn parallel_wrong_codes_cannot_pass_the_limit(app: TestApp) {
    let (secret, _) = expert_with_second_factor(&app, "ad@x.example").await;
    let login =
        app.json(Method::POST, "/api/login", None, &json!({"email": "ad@x.example", "password": PASSWORD})).await;
    let session = session_of(&login);
    let tasks: Vec<_> = wrong_codes(&secret)
        .take(20)
        .map(|code| {
            let router = app.router.clone();
            let session = session.clone();
            tokio::spawn(async move {
                let req = request(
                    Method::POST,
                    "/api/account/second-factor/verify",
                    Some(&session),
                    Some(&json!({"code": code})),
                );
                crate::support::send(&router, req).await.status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    let checked = statuses.iter().filter(|status| **status == StatusCode::UNPROCESSABLE_ENTITY).count();
    let refused = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(checked <= 5, "{checked} codes were checked: {statuses:?}");
    assert_eq!(checked + refused, 20, "{statuses:?}");
}

/// Every API route and method, with `{param}` filled in: derived from the router itself.
fn every_route() -> Vec<(Method, String, &'static str)> {
    let mut routes = Vec::new();
    for path in werkscan_server::api_paths() {
        let concrete: String = path
            .split('/')
            .map(|segment| if segment.starts_with('{') { "x" } else { segment })
            .collect::<Vec<_>>()
            .join("/");
        for method in [Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
            routes.push((method, concrete.clone(), path));
        }
    }
    routes
}

fn send_to(method: &Method, path: &str, session: Option<&Session>) -> axum::http::Request<axum::body::Body> {
    let body = (*method != Method::GET && *method != Method::DELETE).then(|| json!({}));
    request(method.clone(), path, session, body.as_ref())
}

/// A session that still needs `pending` answers every route exactly as no session does, except
/// the routes that complete it (`allowed`) and the session itself; incomplete, it never gets
/// more than a 401 where a login is needed.
async fn sweep(app: &TestApp, session: &Session, code: &str, allowed: &[&str]) -> usize {
    let mut compared = 0;
    for (method, concrete, template) in every_route() {
        let always = ["/api/session", "/api/logout"];
        if always.contains(&template) || allowed.contains(&template) {
            continue;
        }
        let anonymous = app.send(send_to(&method, &concrete, None)).await;
        if anonymous.status == StatusCode::METHOD_NOT_ALLOWED {
            continue;
        }
        let half = app.send(send_to(&method, &concrete, Some(session))).await;
        if anonymous.code() == "not_logged_in" {
            assert_eq!(
                (half.status, half.code().as_str()),
                (StatusCode::UNAUTHORIZED, code),
                "{method} {template}: {}",
                half.text()
            );
        } else {
            assert_eq!(
                (half.status, half.code()),
                (anonymous.status, anonymous.code()),
                "{method} {template}: {}",
                half.text()
            );
        }
        compared += 1;
    }
    compared
}

async fn a_login_that_is_not_complete_gets_what_no_login_gets(app: TestApp) {
    let fixture = app.fixture().await;
    // Only the password of an account with a second factor: may give the code, nothing else (the
    // review changed the password and ended the owner's sessions with such a session).
    expert_with_second_factor(&app, "ad2@x.example").await;
    let owner = app.login("ad2@x.example", PASSWORD).await;
    let half = session_of(
        &app.json(Method::POST, "/api/login", None, &json!({"email": "ad2@x.example", "password": PASSWORD})).await,
    );
    let routes = sweep(&app, &half, "second_factor_required", &["/api/account/second-factor/verify"]).await;
    assert!(routes > 60, "only {routes} routes were swept");
    let change = app
        .json(
            Method::POST,
            "/api/account/password",
            Some(&half),
            &json!({"current": PASSWORD, "new": "taken over now"}),
        )
        .await;
    assert_eq!((change.status, change.code().as_str()), (StatusCode::UNAUTHORIZED, "second_factor_required"));
    assert_eq!(
        app.get("/api/account/sessions", Some(&owner)).await.status,
        StatusCode::OK,
        "the owner's session was ended"
    );
    app.login("ad2@x.example", PASSWORD).await;

    // Must set up a second factor: may do that, nothing else.
    app.user(None, Role::Expert, "new@x.example").await;
    let setup = session_of(
        &app.json(Method::POST, "/api/login", None, &json!({"email": "new@x.example", "password": PASSWORD})).await,
    );
    sweep(
        &app,
        &setup,
        "second_factor_setup_required",
        &["/api/account/second-factor/setup", "/api/account/second-factor/confirm"],
    )
    .await;

    // Must choose a new password: may do that, nothing else.
    sqlx::query("UPDATE users SET must_change_password = 1 WHERE id = $1")
        .bind(&fixture.employer_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let change = session_of(
        &app.json(Method::POST, "/api/login", None, &json!({"email": "hr@test.example", "password": PASSWORD})).await,
    );
    sweep(&app, &change, "password_change_required", &["/api/account/password"]).await;
}

/// The subject and text of every password link mailed to this address.
async fn mail_to(app: &TestApp, address: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT subject, body FROM outbox WHERE recipient = $1 AND kind = 'password_link'")
        .bind(address)
        .fetch_all(&app.db().pool)
        .await
        .unwrap()
}

async fn the_admin_never_sees_or_sets_a_password(app: TestApp) {
    let fixture = app.fixture().await;
    app.user(None, Role::Admin, "root@x.example").await;
    let admin = app.login("root@x.example", PASSWORD).await;
    // The takeover of the review: reset the expert's second factor and password, then log in.
    let expert = &fixture.expert_id;
    let factor = app
        .json(Method::POST, &format!("/api/admin/users/{expert}/reset-second-factor"), Some(&admin), &json!({}))
        .await;
    assert_eq!(factor.status, StatusCode::NO_CONTENT);
    let reset =
        app.json(Method::POST, &format!("/api/admin/users/{expert}/reset-password"), Some(&admin), &json!({})).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.text());
    let reply = reset.json();
    let keys: Vec<&String> = reply.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["link_expires_at", "link_sent_to", "user_id"], "{reply}");
    assert_eq!(reply["link_sent_to"], "ad@test.example");
    // The link went to the account's own address, through the outbox, and to no one else.
    let mails = mail_to(&app, "ad@test.example").await;
    assert_eq!(mails.len(), 1);
    let token = app.mailed_links("ad@test.example").await.1.unwrap();
    assert!(mails[0].0.contains("wachtwoord") && mails[0].1.contains(&token));
    assert_eq!(app.count("outbox", None).await, 1);
    // Nothing the admin can read holds it.
    for path in ["/api/admin/users", "/api/admin/audit"] {
        let text = app.get(path, Some(&admin)).await.text();
        assert!(!text.contains(&token), "{path}");
    }
    assert!(!reset.text().contains(&token));
    // The old password still works (a reset cannot lock anyone out); the admin knows no password.
    let old =
        app.json(Method::POST, "/api/login", None, &json!({"email": "ad@test.example", "password": PASSWORD})).await;
    assert_eq!(old.status, StatusCode::OK);
    // The person uses the link: their password, their sessions end, and both steps are audited.
    let check = app.json(Method::POST, "/api/password-link/check", None, &json!({"token": token})).await;
    assert_eq!(
        (check.status, check.json()["email"].clone(), check.json()["purpose"].clone()),
        (StatusCode::OK, json!("ad@test.example"), json!("reset"))
    );
    let chosen = app
        .json(Method::POST, "/api/password-link", None, &json!({"token": token, "password": "een eigen lange zin"}))
        .await;
    assert_eq!(chosen.status, StatusCode::NO_CONTENT, "{}", chosen.text());
    assert!(app.logged_out(Some(&session_of(&old))).await);
    let old =
        app.json(Method::POST, "/api/login", None, &json!({"email": "ad@test.example", "password": PASSWORD})).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    app.login("ad@test.example", "een eigen lange zin").await;
    let audit = app.get("/api/admin/audit", Some(&admin)).await.json();
    let actions: Vec<(String, String)> = audit["items"]
        .as_array()
        .or_else(|| audit.as_array())
        .unwrap()
        .iter()
        .map(|entry| (entry["action"].as_str().unwrap_or_default().to_owned(), entry.to_string()))
        .collect();
    for action in ["reset_second_factor", "reset_password", "use_password_link"] {
        assert!(actions.iter().any(|(found, _)| found == action), "{action} not audited: {actions:?}");
    }

    // A new account: no password for the admin either, a welcome link to its own address.
    let created = app
        .json(
            Method::POST,
            "/api/admin/users",
            Some(&admin),
            &json!({"email": "Nieuw@Test.example", "display_name": "Nieuwe AD", "role": "expert", "org_id": fixture.org_id}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert!(created.json().get("temporary_password").is_none());
    let mails = mail_to(&app, "nieuw@test.example").await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let welcome = app.mailed_links("nieuw@test.example").await.1.unwrap();
    let check = app.json(Method::POST, "/api/password-link/check", None, &json!({"token": welcome})).await;
    assert_eq!(check.json()["purpose"], "welcome");
    let short =
        app.json(Method::POST, "/api/password-link", None, &json!({"token": welcome, "password": "kort"})).await;
    assert_eq!(short.code(), "password_too_short");
    let chosen = app
        .json(Method::POST, "/api/password-link", None, &json!({"token": welcome, "password": "mijn eigen wachtwoord"}))
        .await;
    assert_eq!(chosen.status, StatusCode::NO_CONTENT);
    app.login("nieuw@test.example", "mijn eigen wachtwoord").await;
}

async fn a_password_link_works_once_for_a_day_and_a_newer_one_replaces_it(app: TestApp) {
    let fixture = app.fixture().await;
    app.user(None, Role::Admin, "root@x.example").await;
    let admin = app.login("root@x.example", PASSWORD).await;
    let path = format!("/api/admin/users/{}/reset-password", fixture.employer_id);
    for _ in 0..2 {
        assert_eq!(app.json(Method::POST, &path, Some(&admin), &json!({})).await.status, StatusCode::OK);
    }
    let (tokens, live) = app.mailed_links("hr@test.example").await;
    let second = live.unwrap();
    let first = tokens.into_iter().find(|token| *token != second).unwrap();
    let use_link = |token: String, password: &'static str| {
        let app = &app;
        async move {
            app.json(Method::POST, "/api/password-link", None, &json!({"token": token, "password": password})).await
        }
    };
    let replaced = use_link(first, "een nieuw wachtwoord").await;
    assert_eq!((replaced.status, replaced.code().as_str()), (StatusCode::NOT_FOUND, "link_invalid"));
    // A day later the newer link does not work either.
    sqlx::query("UPDATE password_links SET expires_at = expires_at - 24 * 60 * 60 - 1")
        .execute(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(use_link(second.clone(), "een nieuw wachtwoord").await.code(), "link_invalid");
    sqlx::query("UPDATE password_links SET expires_at = expires_at + 24 * 60 * 60")
        .execute(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(use_link(second.clone(), "een nieuw wachtwoord").await.status, StatusCode::NO_CONTENT);
    assert_eq!(use_link(second, "nog een wachtwoord").await.code(), "link_invalid", "a link works once");
    app.login("hr@test.example", "een nieuw wachtwoord").await;
    // A made-up token is simply not found.
    assert_eq!(use_link("0".repeat(64), "een nieuw wachtwoord").await.code(), "link_invalid");
}

async fn strangers_cannot_lock_the_owner_out_of_a_known_browser(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    app.fixture().await;
    // The owner's laptop: a login with the right password leaves a device cookie (only sent to
    // the login route).
    let first = login_from(&app, "192.0.2.10", "hr@test.example", PASSWORD, None).await;
    assert_eq!(first.status, StatusCode::OK);
    let device = set_cookie(&first, "werkscan_device").expect("a device cookie");
    let attributes = first
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .find(|value| value.starts_with("werkscan_device="))
        .unwrap();
    for part in ["HttpOnly", "SameSite=Strict", "Path=/api/login", "Secure"] {
        assert!(attributes.contains(part), "{attributes} lacks {part}");
    }
    // Strangers: 21 wrong passwords from 21 addresses.
    for attempt in 0..21 {
        login_from(&app, &format!("203.0.113.{attempt}"), "hr@test.example", "wrong wrong", None).await;
    }
    let elsewhere = login_from(&app, "192.0.2.11", "hr@test.example", PASSWORD, None).await;
    assert_eq!((elsewhere.status, elsewhere.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"));
    // From the known laptop, even behind one of the strangers' addresses, the owner gets in.
    let known = login_from(&app, "203.0.113.3", "hr@test.example", PASSWORD, Some(&device)).await;
    assert_eq!(known.status, StatusCode::OK, "{}", known.text());
    assert!(set_cookie(&known, "werkscan_device").is_none(), "a known browser keeps its cookie");
    // The device cookie is no key to guessing: its own failures are limited like any address's.
    for attempt in 0..5 {
        let reply =
            login_from(&app, &format!("198.51.100.{attempt}"), "hr@test.example", "wrong wrong", Some(&device)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let limited = login_from(&app, "198.51.100.9", "hr@test.example", PASSWORD, Some(&device)).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    // Another account's device cookie counts for nothing here.
    let other = login_from(&app, "192.0.2.12", "ad@test.example", PASSWORD, Some(&device)).await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(set_cookie(&other, "werkscan_device").is_some());
}

async fn the_session_token_changes_with_the_second_factor_and_the_password(app: TestApp) {
    let (_, mut recovery) = expert_with_second_factor(&app, "ad@x.example").await;
    let login =
        app.json(Method::POST, "/api/login", None, &json!({"email": "ad@x.example", "password": PASSWORD})).await;
    let before = session_of(&login);
    let given = verify(&app, &before, &recovery.pop().unwrap()).await;
    assert_eq!(given.status, StatusCode::NO_CONTENT);
    let after = renewed(&before, &given);
    assert_ne!(after.cookie, before.cookie);
    assert!(app.logged_out(Some(&before)).await, "the old token still works");
    let session: Value = app.get("/api/session", Some(&after)).await.json();
    assert!(session["pending"].is_null(), "{session}");
    let changed = app
        .json(
            Method::POST,
            "/api/account/password",
            Some(&after),
            &json!({"current": PASSWORD, "new": "a new good password"}),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.text());
    let last = renewed(&after, &changed);
    assert_ne!(last.cookie, after.cookie);
    assert!(app.logged_out(Some(&after)).await);
    assert_eq!(app.get("/api/expert/submissions", Some(&last)).await.status, StatusCode::OK);
}

/// The route table's entry for a route the router answers: every route must have one.
fn endpoint(method: &Method, template: &str) -> &'static Endpoint {
    ENDPOINTS
        .iter()
        .find(|endpoint| endpoint.path == template && endpoint.method.as_str() == method.as_str())
        .unwrap_or_else(|| {
            panic!("{method} {template}: name it in werkscan_api::endpoints::ENDPOINTS with its types and roles")
        })
}

/// The route table and the router agree: every method and path the router answers (probed
/// without a login; anything but 405 answers) is in the table with its request and reply types
/// and its roles, and every entry of the table is answered. The sweeps below read the roles
/// from the table.
async fn the_route_table_names_every_route_the_router_answers(app: TestApp) {
    let mut answered = std::collections::BTreeSet::new();
    for (method, concrete, template) in every_route() {
        let reply = app.send(send_to(&method, &concrete, None)).await;
        if reply.status != StatusCode::METHOD_NOT_ALLOWED {
            let entry = endpoint(&method, template);
            for body in [entry.request, entry.reply] {
                if let Body::Json(name) | Body::Query(name) = body {
                    assert!(name.get().contains("::"), "{method} {template}: {name:?} is not a named type");
                }
            }
            answered.insert((method.to_string(), template));
        }
    }
    let table: std::collections::BTreeSet<(String, &str)> =
        ENDPOINTS.iter().map(|endpoint| (endpoint.method.as_str().to_owned(), endpoint.path)).collect();
    assert_eq!(answered, table, "the router and the route table differ");
    assert!(table.len() > 90, "{}", table.len());
}

/// Every route and method that needs a login, with each role's complete login: a role the route
/// does not name never gets a success (nor a server error), and without a body it gets exactly
/// 403 `forbidden` or 404; a role it names is never refused as `forbidden`. Ids in paths are made
/// up, so a named role often gets a 404: what is checked is who is turned away for their role.
async fn every_route_answers_only_the_roles_it_names(app: TestApp) {
    let fixture = app.fixture().await;
    let practice = fixture.campaign["practice"]["id"].as_str().unwrap().to_owned();
    app.user_in_practice(&practice, Role::PracticeAdmin, "beheer@test.example").await;
    app.user(None, Role::Admin, "root@test.example").await;
    app.user_in_practice(&practice, Role::DefinitionAuthor, "auteur@test.example").await;
    let practice_admin = app.login("beheer@test.example", PASSWORD).await;
    let admin = app.login("root@test.example", PASSWORD).await;
    let author = app.login("auteur@test.example", PASSWORD).await;
    let sessions = [
        (Role::Employer, &fixture.employer),
        (Role::Expert, &fixture.expert),
        (Role::PracticeAdmin, &practice_admin),
        (Role::Admin, &admin),
        (Role::DefinitionAuthor, &author),
    ];
    // Every role has its login here, so a new role is swept too.
    for role in Role::ALL {
        assert!(sessions.iter().any(|(swept, _)| swept == role), "{role:?} is not swept");
    }
    let mut checked = 0;
    for (method, concrete, template) in every_route() {
        let anonymous = app.send(send_to(&method, &concrete, None)).await;
        if anonymous.status == StatusCode::METHOD_NOT_ALLOWED {
            continue;
        }
        let Access::Roles(allowed) = endpoint(&method, template).access else { continue };
        assert_eq!(
            (anonymous.status, anonymous.code().as_str()),
            (StatusCode::UNAUTHORIZED, "not_logged_in"),
            "{method} {template} without a login"
        );
        for (role, session) in &sessions {
            let reply = app.send(send_to(&method, &concrete, Some(session))).await;
            let what = format!("{method} {template} as {role:?}: {} {}", reply.status, reply.text());
            if allowed.contains(role) {
                assert_ne!(reply.code(), "forbidden", "{what}");
                continue;
            }
            assert!(!reply.status.is_success() && !reply.status.is_server_error(), "{what}");
            if method == Method::GET || method == Method::DELETE {
                assert!(
                    (reply.status == StatusCode::FORBIDDEN && reply.code() == "forbidden")
                        || reply.status == StatusCode::NOT_FOUND,
                    "{what}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 120, "only {checked} refusals were checked");
}
