//! Login, sessions (in the database, so any instance serves them), CSRF and rate limiting.

use axum::http::{Method, StatusCode};
use serde_json::json;
use werkscan_server::accounts::auth::Role;

use crate::support::{request, send, Session, TestApp};

fn login_from(address: &str, email: &str, password: &str) -> axum::http::Request<axum::body::Body> {
    let mut req = request(Method::POST, "/api/login", None, Some(&json!({"email": email, "password": password})));
    req.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
    req
}

on_both_databases!(
    login_sets_a_strict_cookie_and_session_works,
    wrong_credentials_are_refused_alike,
    state_changing_requests_need_the_csrf_token,
    login_is_rate_limited,
    sessions_survive_across_instances,
    parallel_wrong_passwords_cannot_pass_the_limit,
    the_address_the_trusted_proxy_appended_is_limited,
    logins_are_limited_per_account_and_per_address,
    password_hashing_is_bounded,
);

async fn login_sets_a_strict_cookie_and_session_works(app: TestApp) {
    let org = werkscan_server::admin::create_org(app.db(), "Org").await.unwrap();
    app.user(Some(&org), Role::Employer, "HR@Org.example").await;
    let reply = app
        .json(
            Method::POST,
            "/api/login",
            None,
            &json!({"email": "hr@org.EXAMPLE ", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let cookie = reply.header("set-cookie");
    for part in ["werkscan_session=", "HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    let body = reply.json();
    assert_eq!(body["user"]["role"], "employer");
    assert_eq!(body["organisation"]["name"], "Org");
    assert!(body["user"].get("password_hash").is_none());
    let session = crate::support::session_of(&reply);
    // Only the token's hash is stored.
    let token = session.cookie.trim_start_matches("werkscan_session=");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE token_hash = $1")
        .bind(werkscan_server::util::sha256_hex(token))
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    assert_eq!(app.count("sessions", None).await, 1);
    let now = app.get("/api/session", Some(&session)).await;
    assert_eq!(now.status, StatusCode::OK);
    assert_eq!(now.json()["csrf_token"], session.csrf);

    let out = app.json(Method::POST, "/api/logout", Some(&session), &json!({})).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    assert!(app.logged_out(Some(&session)).await, "the session still works after logging out");
    assert!(app.logged_out(None).await);
}

async fn wrong_credentials_are_refused_alike(app: TestApp) {
    app.user(None, Role::Expert, "ad@x.example").await;
    let wrong_password = app
        .json(Method::POST, "/api/login", None, &json!({"email": "ad@x.example", "password": "nope nope nope"}))
        .await;
    let no_account = app
        .json(Method::POST, "/api/login", None, &json!({"email": "who@x.example", "password": "nope nope nope"}))
        .await;
    assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_password.body, no_account.body);
    assert_eq!(wrong_password.code(), "invalid_credentials");
    assert!(wrong_password.header("set-cookie").is_empty());
}

async fn state_changing_requests_need_the_csrf_token(app: TestApp) {
    let fixture = app.fixture().await;
    let body = crate::support::campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    let without = Session { cookie: fixture.employer.cookie.clone(), csrf: String::new() };
    let mut req = request(Method::POST, "/api/campaigns", Some(&without), Some(&body));
    req.headers_mut().remove("x-csrf-token");
    let reply = app.send(req).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, "csrf_token_invalid"));
    let wrong = Session { cookie: fixture.employer.cookie.clone(), csrf: "0".repeat(64) };
    let reply = app.create_campaign(&wrong, body.clone()).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, "csrf_token_invalid"));
    // Another session's token does not do either.
    let other = Session { cookie: fixture.employer.cookie.clone(), csrf: fixture.expert.csrf.clone() };
    assert_eq!(app.create_campaign(&other, body.clone()).await.status, StatusCode::FORBIDDEN);
    let mut logout = request(Method::POST, "/api/logout", Some(&without), None);
    logout.headers_mut().remove("x-csrf-token");
    assert_eq!(app.send(logout).await.status, StatusCode::FORBIDDEN);
    // Reads need no token; the right token works.
    let mut read = request(Method::GET, "/api/campaigns", Some(&without), None);
    read.headers_mut().remove("x-csrf-token");
    assert_eq!(app.send(read).await.status, StatusCode::OK);
    assert_eq!(app.create_campaign(&fixture.employer, body).await.status, StatusCode::CREATED);
    assert_eq!(app.count("campaigns", None).await, 2);
}

async fn login_is_rate_limited(app: TestApp) {
    app.user(None, Role::Expert, "ad@x.example").await;
    for attempt in 0..5 {
        let reply = app
            .json(
                Method::POST,
                "/api/login",
                None,
                &json!({"email": "ad@x.example", "password": format!("guess {attempt}")}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let limited = app
        .json(Method::POST, "/api/login", None, &json!({"email": "ad@x.example", "password": "correct horse battery"}))
        .await;
    assert_eq!((limited.status, limited.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"));
    assert!(!limited.header("retry-after").is_empty());
    // The limit is kept in the database: a second instance enforces it too.
    let second = werkscan_server::app(
        TestApp::instance(&app.url, &app.dir.join("dist"), werkscan_server::Definitions::new(Vec::new())).await,
    );
    let reply = send(
        &second,
        request(
            Method::POST,
            "/api/login",
            None,
            Some(&json!({"email": "AD@x.example", "password": "correct horse battery"})),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    // Once the failures are older than the window, logging in works again.
    sqlx::query("UPDATE login_failures SET at = at - 3600").execute(&app.db().pool).await.unwrap();
    app.login("ad@x.example", "correct horse battery").await;
}

async fn sessions_survive_across_instances(app: TestApp) {
    let fixture = app.fixture().await;
    let second = werkscan_server::app(
        TestApp::instance(
            &app.url,
            &app.dir.join("dist"),
            werkscan_server::Definitions::new(crate::support::shipped().clone()),
        )
        .await,
    );
    let reply = send(&second, request(Method::GET, "/api/session", Some(&fixture.employer), None)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["user"]["email"], "hr@test.example");
    // A state-changing request on the second instance, with the first instance's CSRF token.
    let body = crate::support::campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    let reply = send(&second, request(Method::POST, "/api/campaigns", Some(&fixture.employer), Some(&body))).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    // Logging out on the second ends the session on the first.
    let reply = send(&second, request(Method::POST, "/api/logout", Some(&fixture.employer), Some(&json!({})))).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert!(app.logged_out(Some(&fixture.employer)).await);
}

async fn parallel_wrong_passwords_cannot_pass_the_limit(app: TestApp) {
    app.user(None, Role::Expert, "ad@x.example").await;
    // Twenty wrong passwords at once: counting and recording are one step, so no more than the
    // limit (5) are checked and the rest are refused with 429.
    let attempts = (0..20).map(|attempt| {
        let router = app.router.clone();
        tokio::spawn(async move {
            let body = json!({"email": "ad@x.example", "password": format!("guess {attempt}")});
            send(&router, request(Method::POST, "/api/login", None, Some(&body))).await.status
        })
    });
    let statuses: Vec<StatusCode> = futures_join(attempts).await;
    let checked = statuses.iter().filter(|status| **status == StatusCode::UNAUTHORIZED).count();
    let limited = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(checked <= 5, "{checked} wrong passwords were checked: {statuses:?}");
    assert_eq!(checked + limited, 20, "{statuses:?}");
}

async fn futures_join(tasks: impl Iterator<Item = tokio::task::JoinHandle<StatusCode>>) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        statuses.push(task.await.unwrap());
    }
    statuses
}

async fn the_address_the_trusted_proxy_appended_is_limited(mut app: TestApp) {
    app.reconfigure(|config| config.trusted_proxy_hops = 1).await;
    app.user(None, Role::Expert, "ad@x.example").await;
    // The attacker makes up a new first entry every time; the proxy appends the real address.
    for attempt in 0..5 {
        let reply =
            app.send(login_from(&format!("10.9.8.{attempt}, 198.51.100.7"), "ad@x.example", "wrong wrong")).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let reply = app.send(login_from("10.9.8.200, 198.51.100.7", "ad@x.example", "correct horse battery")).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "a made-up first entry escaped the limit");
    // Someone else behind another address is not affected.
    let reply = app.send(login_from("198.51.100.8", "ad@x.example", "correct horse battery")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

async fn logins_are_limited_per_account_and_per_address(mut app: TestApp) {
    app.reconfigure(|config| {
        config.trusted_proxy_hops = 1;
        config.login_attempts_per_account = 8;
        config.login_attempts_per_address = 10;
    })
    .await;
    app.user(None, Role::Expert, "ad@x.example").await;
    // One account from many addresses: each address stays under 5, the account passes 8.
    for attempt in 0..8 {
        let reply = app.send(login_from(&format!("203.0.113.{attempt}"), "ad@x.example", "wrong wrong")).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let reply = app.send(login_from("203.0.113.99", "ad@x.example", "correct horse battery")).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"));
    // One address trying many accounts (password spraying) passes 10.
    for attempt in 0..10 {
        let reply = app.send(login_from("192.0.2.1", &format!("user{attempt}@x.example"), "wrong wrong")).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let reply = app.send(login_from("192.0.2.1", "someone@x.example", "wrong wrong")).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn password_hashing_is_bounded(mut app: TestApp) {
    app.reconfigure(|config| config.max_concurrent_hashes = 1).await;
    app.user(None, Role::Expert, "ad@x.example").await;
    // Every hashing turn is taken (as by a flood of logins): the next login is refused with 503
    // instead of starting another 19 MiB hash.
    let held = app.state.hashing().clone().acquire_owned().await.unwrap();
    let reply = app
        .json(Method::POST, "/api/login", None, &json!({"email": "ad@x.example", "password": "correct horse battery"}))
        .await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::SERVICE_UNAVAILABLE, "busy"));
    assert!(!reply.header("retry-after").is_empty());
    drop(held);
    app.login("ad@x.example", "correct horse battery").await;
}
