//! The questionnaire authors' app is a module of its own so that nobody else downloads it: the
//! server sends its page and files only to a complete login of a definition author.

use axum::http::{Method, StatusCode};
use serde_json::json;
use werkscan_api::accounts::Role;

use crate::support::{session_of, Reply, Session, TestApp};

on_both_databases!(the_author_app_is_sent_only_to_a_definition_author);

/// The author app's page and one of its files (the test's dist holds both).
const PAGES: [&str; 3] = ["/beheer/auteur", "/beheer/auteur/", "/beheer/auteur/vragenlijsten/quickscan/3.0.0"];
const FILE: &str = "/beheer/auteur/werkscan-author-0123456789abcdef_bg.wasm";

/// Nothing of the author app is in a reply: neither its page nor its module.
fn nothing_of_the_app(reply: &Reply, what: &str) {
    let body = reply.text();
    assert!(!body.contains("author shell"), "{what}: the author app's page was sent: {body}");
    assert!(!body.contains("asm author"), "{what}: the author app's module was sent");
}

async fn refused_to(app: &TestApp, session: Option<&Session>, who: &str, status: StatusCode) {
    for path in PAGES.into_iter().chain([FILE]) {
        let reply = app.get(path, session).await;
        assert_eq!(reply.status, status, "{who} {path}: {}", reply.text());
        nothing_of_the_app(&reply, &format!("{who} {path}"));
        assert_eq!(reply.header("cache-control"), "no-store", "{who} {path}");
        if status == StatusCode::SEE_OTHER {
            assert_eq!(reply.header("location"), "/beheer/inloggen", "{who} {path}");
        }
    }
    // The console itself stays what it was for everyone.
    let console = app.get("/beheer/inloggen", session).await;
    assert_eq!(console.status, StatusCode::OK, "{who}");
    assert!(console.text().contains("console shell"), "{who}");
}

async fn the_author_app_is_sent_only_to_a_definition_author(app: TestApp) {
    let fixture = app.fixture().await;
    refused_to(&app, None, "nobody logged in", StatusCode::SEE_OTHER).await;
    refused_to(&app, Some(&fixture.employer), "an employer", StatusCode::FORBIDDEN).await;
    refused_to(&app, Some(&fixture.expert), "an arbeidsdeskundige", StatusCode::FORBIDDEN).await;
    let admin_email = "beheer@example.org";
    app.user(None, Role::Admin, admin_email).await;
    let admin = app.login(admin_email, "correct horse battery").await;
    refused_to(&app, Some(&admin), "the platform admin", StatusCode::FORBIDDEN).await;

    // An author with only the password (the second factor not yet set up) is sent to the login,
    // which leads through the missing step.
    let author_email = "auteur@example.org";
    app.user(None, Role::DefinitionAuthor, author_email).await;
    let half = app
        .json(Method::POST, "/api/login", None, &json!({ "email": author_email, "password": "correct horse battery" }))
        .await;
    assert_eq!(half.status, StatusCode::OK, "{}", half.text());
    assert_eq!(half.json()["pending"], "second_factor_setup");
    refused_to(&app, Some(&session_of(&half)), "an author halfway through the login", StatusCode::SEE_OTHER).await;

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
    refused_to(&app, Some(&author), "an author after logging out", StatusCode::SEE_OTHER).await;
}
