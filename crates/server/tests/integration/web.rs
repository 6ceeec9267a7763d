//! The app shell, security headers, the catalogue and the consent text.

use std::io::Read;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

use werkscan_core::routes::App;

use crate::support::{everything, request, submission, Reply, TestApp};

/// `request` as a browser sends it that accepts these encodings.
fn accepting(mut request: Request<Body>, encodings: &str) -> Request<Body> {
    request.headers_mut().insert("accept-encoding", encodings.parse().unwrap());
    request
}

/// A GET that says which encodings the browser accepts (`None`: no header at all).
async fn get_accepting(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> Reply {
    let get = request(Method::GET, path, None, None);
    app.send(match accept_encoding {
        Some(encodings) => accepting(get, encodings),
        None => get,
    })
    .await
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(data).read_to_end(&mut plain).unwrap();
    plain
}

on_both_databases!(
    security_headers_are_on_every_response,
    each_route_gets_the_page_of_its_app,
    catalogue_and_definitions_are_served,
    compressed_copies_are_sent_to_browsers_that_accept_them,
    public_questionnaire_routes_are_compressed_and_nothing_else,
    personal_answers_are_never_cached,
    https_deployments_get_strict_transport_security,
    an_encoded_nul_in_the_address_is_refused,
);

const HEADERS: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
    ("cross-origin-opener-policy", "same-origin"),
];

/// `'sha256-…'` of a script's text, as a Content-Security-Policy names it.
fn script_hash(script: &str) -> String {
    use base64::Engine;
    let hex = werkscan_core::authoring::sha256_hex(script.as_bytes());
    let bytes: Vec<u8> = (0..64).step_by(2).map(|at| u8::from_str_radix(&hex[at..at + 2], 16).unwrap()).collect();
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(bytes))
}

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
        // The policy allows the apps' own start-up scripts, by their hashes, and nothing else
        // inline.
        let policy = reply.header("content-security-policy");
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("'wasm-unsafe-eval'"), "{policy}");
        for app in ["scan", "report", "console", "author"] {
            assert!(policy.contains(&script_hash(&format!("start('{app}')"))), "{method} {path}: {policy}");
        }
        assert!(!policy.contains("'unsafe-inline'"));
    }
}

async fn each_route_gets_the_page_of_its_app(app: TestApp) {
    let fixture = app.fixture().await;
    // Every route of the table gets its app's page (the table is the one the apps route with).
    for (path, shell) in [
        ("/", "scan shell"),
        ("/c/ABC", "scan shell"),
        ("/scan/werkscan", "scan shell"),
        ("/index.html", "scan shell"),
        ("/scan/werkscan/rapport", "report shell"),
        ("/mijn-gegevens", "report shell"),
        ("/intrekken", "report shell"),
        ("/afspraak/abc", "report shell"),
        ("/r/", "report shell"),
        ("/beheer/login/", "login shell"),
        ("/beheer/login/tweede-factor", "login shell"),
    ] {
        let reply = app.get(path, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.text().contains(shell), "{path}: {}", reply.text());
        assert!(reply.header("content-type").starts_with("text/html"), "{path}");
        assert_eq!(reply.header("cache-control"), "no-cache", "{path}");
    }
    // The staff apps' pages go only to a complete login, and the author app's only to a
    // definition author; anyone else gets the login's page there
    // (`author_app::staff_screens_get_the_login_until_the_login_is_complete`).
    for spec in werkscan_core::routes::ROUTES {
        let path = spec.pattern.replace("{*rest}", "x/y").replace(['{', '}'], "");
        let shown = match spec.app {
            App::Console | App::Author => App::Login,
            app => app,
        };
        let shell = format!("{} shell", shown.name());
        assert!(app.get(&path, None).await.text().contains(&shell), "{path}");
        // A complete login of an employer: the console, and the author app's refusal.
        let wanted = match spec.app {
            App::Author => "Alleen voor auteurs".to_owned(),
            app => format!("{} shell", app.name()),
        };
        assert!(app.get(&path, Some(&fixture.employer)).await.text().contains(&wanted), "{path}");
    }
    // A path no screen has: the scan app's page (it says so), with 404.
    let missing = app.get("/nergens/te/vinden", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text().contains("scan shell"));
    let asset = app.get("/werkscan-scan-0123456789abcdef_bg.wasm", None).await;
    assert_eq!(asset.status, StatusCode::OK);
    assert_eq!(asset.header("cache-control"), "public, max-age=31536000, immutable");
    let report_asset = app.get("/r/werkscan-report-0123456789abcdef_bg.wasm", None).await;
    assert_eq!((report_asset.status, report_asset.body.as_slice()), (StatusCode::OK, &b"\0asm report"[..]));
    assert_eq!(app.get("/r/../scan/sw.js", None).await.status, StatusCode::NOT_FOUND);
    let worker = app.get("/sw.js", None).await;
    assert_eq!(worker.status, StatusCode::OK);
    assert_eq!(worker.header("cache-control"), "no-cache");
    // The worker learns the route table and the offline pages from the server, derived from the
    // table: never a copy of its own.
    let source = worker.text();
    assert!(source.starts_with("// Written by the server"), "{source}");
    for spec in werkscan_core::routes::ROUTES {
        let entry = format!(
            "{{\"pattern\":{:?},\"app\":{:?}}}",
            werkscan_core::routes::pattern_regex(spec.pattern),
            spec.app.name()
        );
        assert!(source.contains(&entry), "{entry} missing from {source}");
    }
    assert!(source.contains("const PAGES = {\"scan\":\"/\",\"report\":\"/r/\"};"), "{source}");
    assert!(source.ends_with("self.addEventListener('fetch', () => {});"));
    let api = app.get("/api/does/not/exist", None).await;
    assert_eq!((api.status, api.code().as_str()), (StatusCode::NOT_FOUND, "not_found"));
    assert!(api.header("content-type").starts_with("application/json"));
    let wrong_method = app.send(request(Method::DELETE, "/api/questionnaires", None, None)).await;
    assert_eq!(
        (wrong_method.status, wrong_method.code().as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
    );
    assert!(!werkscan_server::static_files::is_hashed_asset("/manifest.json"));
    assert!(werkscan_server::static_files::is_hashed_asset("/style-0123456789abcdef.css"));
}

async fn catalogue_and_definitions_are_served(app: TestApp) {
    let catalogue = app.get("/api/questionnaires", None).await;
    assert_eq!(catalogue.status, StatusCode::OK);
    let ids: Vec<String> =
        catalogue.json().as_array().unwrap().iter().map(|entry| entry["id"].as_str().unwrap().to_owned()).collect();
    assert!(ids.contains(&"werkscan".to_owned()));
    let werkscan = crate::support::definition("werkscan");
    let one = app.get("/api/questionnaires/werkscan", None).await;
    assert_eq!(one.json()["content_hash"], werkscan.content_hash.clone().unwrap());
    // Phones get it without the advice written for employers (the content hash stays).
    let mut phone = werkscan.clone();
    assert!(phone.scores.iter().any(|score| !score.employer_advice.is_empty()));
    phone.scores.iter_mut().for_each(|score| score.employer_advice.clear());
    assert_eq!(one.json(), serde_json::to_value(&phone).unwrap());
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

async fn compressed_copies_are_sent_to_browsers_that_accept_them(app: TestApp) {
    // The release build writes these copies beside each file (scripts/trunk_post_build.mjs).
    let dist = app.dir.join("dist").join("scan");
    let glue = "export default async function start() { /* the scan module's glue */ }";
    std::fs::write(dist.join("werkscan-scan-0123456789abcdef.js"), glue).unwrap();
    std::fs::write(dist.join("werkscan-scan-0123456789abcdef.js.br"), b"brotli copy").unwrap();
    std::fs::write(dist.join("werkscan-scan-0123456789abcdef.js.gz"), b"gzip copy").unwrap();
    std::fs::write(dist.join("index.html.br"), b"brotli index").unwrap();

    let path = "/werkscan-scan-0123456789abcdef.js";
    let brotli = get_accepting(&app, path, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(
        (brotli.status, brotli.header("content-encoding"), brotli.body.as_slice()),
        (StatusCode::OK, "br".to_owned(), &b"brotli copy"[..])
    );
    assert!(brotli.header("content-type").starts_with("text/javascript"), "{}", brotli.header("content-type"));
    assert_eq!(brotli.header("vary"), "accept-encoding");
    assert_eq!(brotli.header("cache-control"), "public, max-age=31536000, immutable");
    let gzip = get_accepting(&app, path, Some("gzip")).await;
    assert_eq!((gzip.header("content-encoding"), gzip.body.as_slice()), ("gzip".to_owned(), &b"gzip copy"[..]));
    let plain = get_accepting(&app, path, None).await;
    assert_eq!((plain.header("content-encoding"), plain.text()), (String::new(), glue.to_owned()));

    // The page itself, also where it stands in for the app's own routes.
    for page in ["/", "/scan/werkscan"] {
        let reply = get_accepting(&app, page, Some("br")).await;
        assert_eq!(
            (reply.header("content-encoding"), reply.body.as_slice()),
            ("br".to_owned(), &b"brotli index"[..]),
            "{page}"
        );
        assert!(reply.header("content-type").starts_with("text/html"), "{page}");
        assert_eq!(reply.header("cache-control"), "no-cache", "{page}");
    }
    // Without a copy (a debug build), the file goes out as it is.
    let worker = get_accepting(&app, "/sw.js", Some("br, gzip")).await;
    assert_eq!((worker.status, worker.header("content-encoding")), (StatusCode::OK, String::new()));
}

async fn public_questionnaire_routes_are_compressed_and_nothing_else(app: TestApp) {
    let plain = get_accepting(&app, "/api/questionnaires/werkscan", None).await;
    assert_eq!(plain.header("content-encoding"), "");
    let gzip = get_accepting(&app, "/api/questionnaires/werkscan", Some("gzip")).await;
    assert_eq!(gzip.header("content-encoding"), "gzip");
    assert_eq!(gunzip(&gzip.body), plain.body);
    let brotli = get_accepting(&app, "/api/questionnaires/werkscan", Some("gzip, br")).await;
    assert_eq!(brotli.header("content-encoding"), "br");
    assert!(brotli.body.len() * 3 < plain.body.len(), "{} of {} bytes", brotli.body.len(), plain.body.len());
    for path in ["/api/questionnaires", "/api/consent"] {
        assert_eq!(get_accepting(&app, path, Some("gzip")).await.header("content-encoding"), "gzip", "{path}");
    }
    // Everything that can carry personal data, a token or a session stays as it is: the upload
    // receipt (with its withdrawal token) and the session.
    let fixture = app.fixture().await;
    let upload = serde_json::to_value(submission(&fixture, everything())).unwrap();
    let receipt = app.send(accepting(request(Method::POST, "/api/submissions", None, Some(&upload)), "gzip, br")).await;
    assert_eq!((receipt.status, receipt.header("content-encoding")), (StatusCode::CREATED, String::new()));
    assert!(receipt.json()["withdrawal_token"].is_string());
    let session =
        app.send(accepting(request(Method::GET, "/api/session", Some(&fixture.employer), None), "gzip, br")).await;
    assert_eq!((session.status, session.header("content-encoding")), (StatusCode::OK, String::new()));
}

async fn personal_answers_are_never_cached(app: TestApp) {
    let fixture = app.fixture().await;
    let upload = app.upload(&submission(&fixture, everything())).await;
    assert_eq!(upload.status, StatusCode::CREATED);
    assert_eq!(upload.header("cache-control"), "no-store", "the receipt carries the withdrawal token");
    let id = upload.json()["submission_id"].as_str().unwrap().to_owned();
    for (path, session) in [
        ("/api/session".to_owned(), Some(&fixture.expert)),
        ("/api/expert/submissions".to_owned(), Some(&fixture.expert)),
        (format!("/api/expert/submissions/{id}"), Some(&fixture.expert)),
        ("/api/campaigns".to_owned(), Some(&fixture.employer)),
        (format!("/api/c/{}", fixture.code), None),
    ] {
        let reply = app.get(&path, session).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header("cache-control"), "no-store", "{path}");
    }
    let login = app
        .json(
            Method::POST,
            "/api/login",
            None,
            &serde_json::json!({"email": "ad@test.example", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(login.header("cache-control"), "no-store");
    // The public, personal-data-free definitions may be kept (and revalidated) for offline use.
    assert_eq!(app.get("/api/questionnaires/werkscan", None).await.header("cache-control"), "no-cache");
    assert!(app.get("/", None).await.header("strict-transport-security").is_empty(), "plain http has no HSTS");
}

async fn https_deployments_get_strict_transport_security(mut app: TestApp) {
    app.reconfigure(|config| config.hsts = true).await;
    for path in ["/", "/api/questionnaires", "/api/session"] {
        let reply = app.get(path, None).await;
        assert_eq!(reply.header("strict-transport-security"), "max-age=31536000; includeSubDomains", "{path}");
    }
}

async fn an_encoded_nul_in_the_address_is_refused(app: TestApp) {
    let fixture = app.fixture().await;
    // PostgreSQL cannot compare text with NUL: without the guard these were 500s there.
    for path in
        ["/api/c/ABC%00", "/api/campaigns/x%00y", "/api/expert/submissions/%00", "/c/%00", "/api/questionnaires?x=%00"]
    {
        let reply = app.get(path, Some(&fixture.expert)).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_path"), "{path}");
    }
    let login = app
        .json(Method::POST, "/api/login", None, &serde_json::json!({"email": "ad@test.example\u{0}", "password": "x"}))
        .await;
    assert_eq!((login.status, login.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_body"));
}
