//! Low findings of the security review (issue 17): formula cells in either reading of the
//! exports, plain-text errors for bad query strings and paths, connections held open by half a
//! request, and accounts without a name.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use werkscan_core::Contact;
use werkscan_server::accounts::auth::Role;
use werkscan_server::admin::{create_user, NewUser};
use werkscan_server::serve::{serve_on, Limits};
use werkscan_server::PasswordCost;

use crate::support::{contact, everything, submission, TestApp};

on_both_databases!(
    no_cell_of_the_export_starts_a_formula_whatever_the_separator,
    bad_query_strings_and_paths_answer_in_the_json_error_contract,
    a_connection_that_sends_half_its_headers_is_closed,
    connections_beyond_the_cap_wait_for_a_place,
    an_account_needs_a_name,
    attempts_arriving_at_once_on_two_instances_are_counted_in_turn,
);

/// Rate-limited attempts (bookings, reminders) are recorded and counted in the writer's batch
/// transactions, many at once: each must still count exactly the ones recorded before it, in its
/// own batch, in an earlier one, or on another instance, so that of attempts arriving at once
/// exactly the first `limit` pass.
async fn attempts_arriving_at_once_on_two_instances_are_counted_in_turn(app: TestApp) {
    use werkscan_server::submissions::store::Attempt;
    let second =
        TestApp::instance(&app.url, &app.dir.join("dist"), werkscan_server::Definitions::new(Vec::new())).await;
    let at = werkscan_server::util::now();
    let (limit, sent): (i64, usize) = (5, 40);
    let mut tasks = Vec::new();
    for index in 0..sent {
        let store = if index % 2 == 0 { app.state.store().clone() } else { second.store().clone() };
        tasks.push(tokio::spawn(async move {
            store
                .attempt(Attempt { key_hash: "booking at once".into(), at, since: at - 600, cap: limit + 1 })
                .await
                .unwrap()
        }));
    }
    // Another key meanwhile counts on its own.
    let other = app
        .state
        .store()
        .attempt(Attempt { key_hash: "another address".into(), at, since: at - 600, cap: limit + 1 })
        .await
        .unwrap();
    let mut counts = Vec::new();
    for task in tasks {
        counts.push(task.await.unwrap());
    }
    counts.sort();
    let mut expected: Vec<i64> = (1..=limit).collect();
    expected.resize(sent, limit + 1);
    assert_eq!(counts, expected, "each attempt counts those before it, at most one past the limit");
    assert_eq!(other, 1);
    // A later attempt sees them all (capped), and attempts outside the window do not count.
    let later = app
        .state
        .store()
        .attempt(Attempt { key_hash: "booking at once".into(), at, since: at + 1, cap: limit + 1 })
        .await
        .unwrap();
    assert_eq!(later, 1);
}

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cells a spreadsheet reads from `text` split at `separator` (and at line breaks): a quote
/// at the start of a cell opens a quoted cell (`""` is a quote inside it; after its closing quote
/// the rest of the cell is taken as it is, as Excel does).
fn cells(text: &str, separator: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut quoted, mut at_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
        } else if c == '"' && at_start {
            quoted = true;
            at_start = false;
        } else if c == separator || c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            cells.push(std::mem::take(&mut cell));
            at_start = true;
        } else {
            cell.push(c);
            at_start = false;
        }
    }
    cells.push(cell);
    cells
}

async fn no_cell_of_the_export_starts_a_formula_whatever_the_separator(app: TestApp) {
    let fixture = app.fixture().await;
    for name in ["Jan;=7*6;x", "a,=1+1", "x;\"=1\"", "@SUM(A1);-1", "Ans;"] {
        let mut upload = submission(&fixture, everything());
        upload.contact = Some(Contact { name: name.into(), ..contact() });
        assert_eq!(app.upload(&upload).await.status, StatusCode::CREATED);
    }
    let reply = app.get("/api/expert/export.csv", Some(&fixture.expert)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let text = reply.text();
    let text = text.trim_start_matches('\u{feff}');
    for separator in [',', ';'] {
        for cell in cells(text, separator) {
            assert!(!cell.starts_with(FORMULA_STARTS), "split at {separator:?}: cell {cell:?} of\n{text}");
        }
    }
    // Read at semicolons (the file's own separator), the name is there, marked as text where a
    // formula could have started.
    let names: Vec<String> = cells(text, ';').into_iter().filter(|cell| cell.starts_with("Jan")).collect();
    assert_eq!(names, ["Jan;'=7*6;x"]);
}

/// A request with the expert's (or another) session.
fn get(path: &str, session: Option<&crate::support::Session>) -> Request<Body> {
    crate::support::request(Method::GET, path, session, None)
}

async fn bad_query_strings_and_paths_answer_in_the_json_error_contract(app: TestApp) {
    let fixture = app.fixture().await;
    app.user(None, Role::Admin, "admin@test.example").await;
    let admin = app.login("admin@test.example", "correct horse battery").await;
    let expert = fixture.expert_id.clone();
    let code = fixture.code.clone();
    let cases = [
        (format!("/api/c/{code}/experts/{expert}/slots?lang=nl&lang=en"), None, "invalid_query"),
        ("/api/expert/submissions?offset=many".to_owned(), Some(&fixture.expert), "invalid_query"),
        ("/api/expert/submissions?sort=newest&sort=oldest".to_owned(), Some(&fixture.expert), "invalid_query"),
        ("/api/expert/export.csv?campaign=a&campaign=b".to_owned(), Some(&fixture.expert), "invalid_query"),
        ("/api/expert/appointments?view=past&view=upcoming".to_owned(), Some(&fixture.expert), "invalid_query"),
        ("/api/admin/audit?from=yesterday".to_owned(), Some(&admin), "invalid_query"),
        ("/api/campaigns/%FF".to_owned(), Some(&fixture.employer), "invalid_path"),
        ("/api/c/%C3%28".to_owned(), None, "invalid_path"),
    ];
    for (path, session, expected) in cases {
        let reply = app.send(get(&path, session)).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}: {}", reply.text());
        assert!(
            reply.header("content-type").starts_with("application/json"),
            "{path}: {}",
            reply.header("content-type")
        );
        assert_eq!(reply.code(), expected, "{path}: {}", reply.text());
        assert!(!reply.json()["error"]["message"].as_str().unwrap_or_default().is_empty(), "{path}");
    }
    // A path with a wrong withdrawal: still JSON.
    let mut delete = crate::support::request(Method::DELETE, "/api/submissions/%E2%82", None, None);
    delete.headers_mut().insert("authorization", "Bearer x".parse().unwrap());
    assert_eq!(app.send(delete).await.code(), "invalid_path");
    // Well-formed queries still work.
    assert_ne!(
        app.send(get(&format!("/api/c/{code}/experts/{expert}/slots?lang=en"), None)).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.send(get("/api/expert/submissions?offset=0&sort=oldest", Some(&fixture.expert))).await.status,
        StatusCode::OK
    );
}

/// Serves the test app's router on a loopback port in this process.
async fn serve(app: &TestApp, limits: Limits) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve_on(listener, app.router.clone(), limits, std::future::pending()));
    addr
}

/// Reads until the server closes the connection (or `limit` passes); what it sent, and whether
/// it closed.
async fn read_until_closed(stream: &mut tokio::net::TcpStream, limit: Duration) -> (String, bool) {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&received).into_owned(), true),
            Ok(Ok(read)) => received.extend_from_slice(&buffer[..read]),
            Err(_) => return (String::from_utf8_lossy(&received).into_owned(), false),
        }
    }
}

async fn a_connection_that_sends_half_its_headers_is_closed(app: TestApp) {
    let addr = serve(&app, Limits::default()).await;
    // A whole request is answered (and the handlers get the peer's address).
    let mut whole = tokio::net::TcpStream::connect(addr).await.unwrap();
    whole.write_all(b"GET /api/c/NOPE HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").await.unwrap();
    let (answer, closed) = read_until_closed(&mut whole, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(closed);
    // Half the headers, then nothing: closed after the header timeout, not minutes later.
    let started = Instant::now();
    let mut half = tokio::net::TcpStream::connect(addr).await.unwrap();
    half.write_all(b"GET /api/questionnaires HTTP/1.1\r\nHost: test\r\nX-Slow: ").await.unwrap();
    let (_, closed) = read_until_closed(&mut half, Duration::from_secs(10)).await;
    assert!(closed, "the half request was still open after 10 s");
    assert!(started.elapsed() >= Duration::from_secs(4), "closed before the timeout: {:?}", started.elapsed());
    // An idle kept-alive connection is closed just the same.
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /api/c/NOPE HTTP/1.1\r\nHost: test\r\n\r\n").await.unwrap();
    let (answer, closed) = read_until_closed(&mut idle, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 404") && closed, "{answer}");
}

async fn connections_beyond_the_cap_wait_for_a_place(app: TestApp) {
    let addr = serve(&app, Limits { header_read_timeout: Duration::from_secs(2), max_connections: 1 }).await;
    let started = Instant::now();
    // The one place is taken by a connection that says nothing.
    let mut silent = tokio::net::TcpStream::connect(addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut waiting = tokio::net::TcpStream::connect(addr).await.unwrap();
    waiting.write_all(b"GET /api/c/NOPE HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").await.unwrap();
    let (answer, _) = read_until_closed(&mut waiting, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    // Answered only once the silent one was closed for its timeout.
    assert!(started.elapsed() >= Duration::from_millis(1800), "answered after {:?}", started.elapsed());
    let (_, closed) = read_until_closed(&mut silent, Duration::from_secs(1)).await;
    assert!(closed);
}

async fn an_account_needs_a_name(app: TestApp) {
    app.user(None, Role::Admin, "admin@test.example").await;
    let admin = app.login("admin@test.example", "correct horse battery").await;
    for name in ["", "   ", "\u{3000}"] {
        let reply = app
            .json(
                Method::POST,
                "/api/admin/users",
                Some(&admin),
                &json!({"email": "blank@test.example", "display_name": name, "role": "expert"}),
            )
            .await;
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_account"),
            "{name:?}: {}",
            reply.text()
        );
        assert!(reply.json()["error"]["message"].as_str().unwrap().contains("name"), "{}", reply.text());
    }
    let users = app.get("/api/admin/users", Some(&admin)).await.json();
    assert!(!users.to_string().contains("blank@test.example"), "no account was made");
    // The command line goes through the same check.
    let user = NewUser {
        org_id: None,
        practice_id: None,
        role: Role::Expert,
        email: "blank@test.example".into(),
        display_name: " ".into(),
        password: "correct horse battery".into(),
    };
    let refused = create_user(app.db(), user, PasswordCost::Low).await.unwrap_err();
    assert!(refused.contains("name"), "{refused}");
    // A name is taken as given, without the spaces around it.
    let created = app
        .json(
            Method::POST,
            "/api/admin/users",
            Some(&admin),
            &json!({"email": "named@test.example", "display_name": "  Aisha  ", "role": "expert"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let users = app.get("/api/admin/users", Some(&admin)).await.json();
    assert!(users.as_array().unwrap().iter().any(|user| user["display_name"] == "Aisha"), "{users}");
}
