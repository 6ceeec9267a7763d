//! Who is sent which staff app. The questionnaire authors' app is a module of its own so that
//! nobody else downloads it: the server sends its page and files only to a complete login of a
//! definition author. The console's screens go only to a complete login too: without one, the
//! server sends the small login app's page in their place (at the same address), so a member of
//! staff downloads nothing of the console before logging in.

use axum::http::{Method, StatusCode};
use serde_json::json;
use werkscan_api::accounts::Role;

use crate::support::{session_of, Reply, Session, TestApp};

on_both_databases!(
    the_author_app_is_sent_only_to_a_definition_author,
    staff_screens_get_the_login_until_the_login_is_complete,
    the_session_is_null_without_a_login,
);

/// The author app's page and one of its files (the test's dist holds both).
const PAGES: [&str; 3] = ["/beheer/auteur", "/beheer/auteur/", "/beheer/auteur/vragenlijsten/quickscan/3.0.0"];
const FILE: &str = "/beheer/auteur/werkscan-author-0123456789abcdef_bg.wasm";

/// Nothing of the author app is in a reply: neither its page nor its module.
fn nothing_of_the_app(reply: &Reply, what: &str) {
    let body = reply.text();
    assert!(!body.contains("author shell"), "{what}: the author app's page was sent: {body}");
    assert!(!body.contains("asm author"), "{what}: the author app's module was sent");
}

/// The login app's page, sent in place of a staff screen: kept by no cache, as the same
/// address gives the screen itself once logged in.
fn the_login_page(reply: &Reply, what: &str) {
    assert_eq!(reply.status, StatusCode::OK, "{what}: {}", reply.text());
    assert!(reply.text().contains("login shell"), "{what}: {}", reply.text());
    assert!(!reply.text().contains("console shell"), "{what}");
    assert_eq!(reply.header("cache-control"), "no-store", "{what}");
}

async fn refused_to(app: &TestApp, session: Option<&Session>, who: &str, status: StatusCode) {
    for path in PAGES {
        let reply = app.get(path, session).await;
        nothing_of_the_app(&reply, &format!("{who} {path}"));
        if status == StatusCode::OK {
            the_login_page(&reply, &format!("{who} {path}"));
        } else {
            assert_eq!(reply.status, status, "{who} {path}: {}", reply.text());
            assert_eq!(reply.header("cache-control"), "no-store", "{who} {path}");
        }
    }
    let file = app.get(FILE, session).await;
    nothing_of_the_app(&file, &format!("{who} {FILE}"));
    assert_eq!(file.header("cache-control"), "no-store", "{who} {FILE}");
    if status == StatusCode::OK {
        assert_eq!(file.status, StatusCode::SEE_OTHER, "{who} {FILE}");
        assert_eq!(file.header("location"), "/beheer/login/", "{who} {FILE}");
    } else {
        assert_eq!(file.status, status, "{who} {FILE}");
    }
}

async fn the_author_app_is_sent_only_to_a_definition_author(app: TestApp) {
    let fixture = app.fixture().await;
    refused_to(&app, None, "nobody logged in", StatusCode::OK).await;
    refused_to(&app, Some(&fixture.employer), "an employer", StatusCode::FORBIDDEN).await;
    refused_to(&app, Some(&fixture.expert), "an arbeidsdeskundige", StatusCode::FORBIDDEN).await;
    let admin_email = "beheer@example.org";
    app.user(None, Role::Admin, admin_email).await;
    let admin = app.login(admin_email, "correct horse battery").await;
    refused_to(&app, Some(&admin), "the platform admin", StatusCode::FORBIDDEN).await;

    // An author with only the password (the second factor not yet set up) gets the login, which
    // leads through the missing step.
    let author_email = "auteur@example.org";
    app.user(None, Role::DefinitionAuthor, author_email).await;
    let half = app
        .json(Method::POST, "/api/login", None, &json!({ "email": author_email, "password": "correct horse battery" }))
        .await;
    assert_eq!(half.status, StatusCode::OK, "{}", half.text());
    assert_eq!(half.json()["pending"], "second_factor_setup");
    refused_to(&app, Some(&session_of(&half)), "an author halfway through the login", StatusCode::OK).await;

    // A complete login of an author gets the app, kept out of shared caches.
    let author = app.login(author_email, "correct horse battery").await;
    for path in PAGES {
        let page = app.get(path, Some(&author)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.text().contains("author shell"), "{path}: {}", page.text());
        assert!(page.header("cache-control").starts_with("private"), "{path}: {}", page.header("cache-control"));
    }
    let module = app.get(FILE, Some(&author)).await;
    assert_eq!(module.status, StatusCode::OK);
    assert_eq!(module.body, b"\0asm author");
    assert_eq!(module.header("cache-control"), "private, max-age=31536000, immutable");
    // Logged out, the app is gone again.
    let logout = app.json(Method::POST, "/api/logout", Some(&author), &json!({})).await;
    assert!(logout.status.is_success(), "{}", logout.text());
    refused_to(&app, Some(&author), "an author after logging out", StatusCode::OK).await;
}

async fn staff_screens_get_the_login_until_the_login_is_complete(app: TestApp) {
    let fixture = app.fixture().await;
    let screens = ["/beheer", "/beheer/", "/beheer/resultaten", "/beheer/resultaten/12?x=1", "/beheer/inloggen"];
    for path in screens {
        the_login_page(&app.get(path, None).await, &format!("nobody logged in, {path}"));
    }
    // The login's own screens and files, for anyone.
    for path in ["/beheer/login", "/beheer/login/", "/beheer/login/tweede-factor/instellen"] {
        let page = app.get(path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.text().contains("login shell"), "{path}");
    }
    let module = app.get("/beheer/login/werkscan-login-0123456789abcdef_bg.wasm", None).await;
    assert_eq!((module.status, module.body.as_slice()), (StatusCode::OK, &b"\0asm login"[..]));
    assert_eq!(module.header("cache-control"), "public, max-age=31536000, immutable");
    // The console's files are not personal: its page is what only a login gets.
    let console_module = app.get("/beheer/werkscan-console-0123456789abcdef_bg.wasm", None).await;
    assert_eq!((console_module.status, console_module.body.as_slice()), (StatusCode::OK, &b"\0asm console"[..]));

    // An expert halfway through the login (the second factor to give) still gets the login.
    let expert_email = "ad@test.example";
    let half = app
        .json(Method::POST, "/api/login", None, &json!({ "email": expert_email, "password": "correct horse battery" }))
        .await;
    assert_eq!(half.status, StatusCode::OK, "{}", half.text());
    assert!(!half.json()["pending"].is_null(), "{}", half.text());
    for path in screens {
        the_login_page(&app.get(path, Some(&session_of(&half))).await, &format!("halfway, {path}"));
    }
    // A complete login of any role gets the console at every screen.
    for (who, session) in [("employer", &fixture.employer), ("expert", &fixture.expert)] {
        for path in screens {
            let page = app.get(path, Some(session)).await;
            assert_eq!(page.status, StatusCode::OK, "{who} {path}");
            assert!(page.text().contains("console shell"), "{who} {path}: {}", page.text());
            assert_eq!(page.header("cache-control"), "no-cache", "{who} {path}");
        }
    }
}

async fn the_session_is_null_without_a_login(app: TestApp) {
    let fixture = app.fixture().await;
    for session in [None, Some(Session { cookie: "werkscan_session=not-a-session".into(), csrf: String::new() })] {
        let reply = app.get("/api/session", session.as_ref()).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        assert!(reply.json().is_null(), "{}", reply.text());
    }
    let reply = app.get("/api/session", Some(&fixture.expert)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["user"]["role"], "expert");
}
