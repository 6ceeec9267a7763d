//! The app shell, security headers, the catalogue and the consent text.

use axum::http::{Method, StatusCode};

use crate::support::{request, TestApp};

on_both_databases!(security_headers_are_on_every_response, the_app_falls_back_to_index_html, catalogue_and_definitions_are_served,);

const HEADERS: [(&str, &str); 6] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
    ("cross-origin-opener-policy", "same-origin"),
    ("content-security-policy", werkscan_server::web::CONTENT_SECURITY_POLICY),
];

async fn security_headers_are_on_every_response(app: TestApp) {
    let _ = app.fixture().await;
    for (method, path) in [
        (Method::GET, "/"),
        (Method::GET, "/c/ABC"),
        (Method::GET, "/api/questionnaires"),
        (Method::GET, "/api/nope"),
        (Method::GET, "/api/session"),
        (Method::POST, "/api/submissions"),
        (Method::PUT, "/api/questionnaires"),
    ] {
        let reply = app.send(request(method.clone(), path, None, None)).await;
        for (name, value) in HEADERS {
            assert_eq!(reply.header(name), value, "{method} {path}: {name}");
        }
    }
    assert!(werkscan_server::web::CONTENT_SECURITY_POLICY.contains("'wasm-unsafe-eval'"));
    assert!(werkscan_server::web::CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
}

async fn the_app_falls_back_to_index_html(app: TestApp) {
    for path in ["/", "/c/ABC", "/scan/werkscan", "/index.html"] {
        let reply = app.get(path, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.text().contains("app shell"), "{path}");
        assert!(reply.header("content-type").starts_with("text/html"), "{path}");
        assert_eq!(reply.header("cache-control"), "no-cache", "{path}");
    }
    let asset = app.get("/werkscan-app-0123456789abcdef_bg.wasm", None).await;
    assert_eq!(asset.status, StatusCode::OK);
    assert_eq!(asset.header("cache-control"), "public, max-age=31536000, immutable");
    let worker = app.get("/sw.js", None).await;
    assert_eq!(worker.status, StatusCode::OK);
    assert_eq!(worker.header("cache-control"), "no-cache");
    let api = app.get("/api/does/not/exist", None).await;
    assert_eq!((api.status, api.code().as_str()), (StatusCode::NOT_FOUND, "not_found"));
    assert!(api.header("content-type").starts_with("application/json"));
    let wrong_method = app.send(request(Method::DELETE, "/api/questionnaires", None, None)).await;
    assert_eq!((wrong_method.status, wrong_method.code().as_str()), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"));
    assert!(!werkscan_server::web::is_hashed_asset("/manifest.json"));
    assert!(werkscan_server::web::is_hashed_asset("/style-0123456789abcdef.css"));
}

async fn catalogue_and_definitions_are_served(app: TestApp) {
    let catalogue = app.get("/api/questionnaires", None).await;
    assert_eq!(catalogue.status, StatusCode::OK);
    let ids: Vec<String> = catalogue.json().as_array().unwrap().iter().map(|entry| entry["id"].as_str().unwrap().to_owned()).collect();
    assert!(ids.contains(&"werkscan".to_owned()));
    let werkscan = crate::support::definition("werkscan");
    let one = app.get("/api/questionnaires/werkscan", None).await;
    assert_eq!(one.json()["content_hash"], werkscan.content_hash.clone().unwrap());
    assert_eq!(one.json(), serde_json::to_value(&werkscan).unwrap());
    let versioned = app.get(&format!("/api/questionnaires/werkscan/{}", werkscan.questionnaire.version), None).await;
    assert_eq!(versioned.json(), one.json());
    assert_eq!(app.get("/api/questionnaires/nope", None).await.code(), "questionnaire_not_found");
    assert_eq!(app.get("/api/questionnaires/werkscan/0.0.0", None).await.code(), "questionnaire_not_found");
    // Every loaded definition is recorded.
    assert_eq!(app.count("definitions", None).await, ids.len() as i64);
    let consent = app.get("/api/consent", None).await.json();
    assert_eq!(consent["version"], werkscan_core::CONSENT_VERSION);
    assert_eq!(consent["document"]["items"].as_array().unwrap().len(), 4);
}
