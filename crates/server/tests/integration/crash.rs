//! Crash safety of the real binary: an upload that was acknowledged (201) survives `kill -9`.
//! Also checks that the server's log output carries no submitted content or secrets.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use werkscan_core::{build_submission, score, Lang};

use crate::support::{contact, everything, example_answers, questionnaires_dir, temp_dir};

const BINARY: &str = env!("CARGO_BIN_EXE_werkscan-server");

/// One HTTP/1.1 request over a fresh connection; returns status and body.
fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    stream.write_all(format!("{head}\r\n{body}").as_bytes())?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, body)| body.to_owned()).unwrap_or_default();
    Ok((status, body))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running server, killed (SIGKILL) and reaped when dropped, so a failing test leaves no
/// process behind.
struct Server(Child);

impl Server {
    /// `kill -9`: no shutdown, no flush.
    fn kill_9(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill_9();
    }
}

fn start(db: &str, port: u16, dir: &Path, run: usize) -> Server {
    let log = std::fs::File::create(dir.join(format!("server-{run}.log"))).unwrap();
    let mut server = Server(
        Command::new(BINARY)
            .args(["serve", "--db", db, "--addr", &format!("127.0.0.1:{port}"), "--insecure-cookies"])
            .arg("--questionnaires")
            .arg(questionnaires_dir())
            .arg("--dist")
            .arg(dir.join("no-dist"))
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("start werkscan-server"),
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if http(port, "GET", "/api/questionnaires", &[], "").is_ok_and(|(status, _)| status == 200) {
            return server;
        }
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!(
                "werkscan-server exited with {status}; log:\n{}",
                std::fs::read_to_string(dir.join(format!("server-{run}.log"))).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    server.kill_9();
    panic!(
        "werkscan-server did not start; log:\n{}",
        std::fs::read_to_string(dir.join(format!("server-{run}.log"))).unwrap_or_default()
    );
}

#[test]
fn an_acknowledged_upload_survives_kill_9() {
    let dir = temp_dir("werkscan-crash");
    let db = format!("sqlite://{}", dir.join("werkscan.sqlite").display());
    let seeded = Command::new(BINARY)
        .args(["seed-demo", "--db", &db])
        .arg("--questionnaires")
        .arg(questionnaires_dir())
        .output()
        .expect("seed-demo runs");
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));
    let printed = String::from_utf8_lossy(&seeded.stdout);
    assert!(printed.contains("werkgever@delinde.example") && printed.contains("/c/DEMO-WERKSCAN"), "{printed}");
    // Idempotent.
    assert!(Command::new(BINARY)
        .args(["seed-demo", "--db", &db])
        .arg("--questionnaires")
        .arg(questionnaires_dir())
        .output()
        .unwrap()
        .status
        .success());

    let port = free_port();
    let mut server = start(&db, port, &dir, 1);
    let definition = crate::support::definition("werkscan");
    let answers = example_answers(&definition);
    let result = score(&definition, &answers).unwrap();
    let mut sub = build_submission(
        "DEMO-WERKSCAN",
        Some("Thuiszorg".into()),
        &definition,
        &result,
        &answers,
        everything(),
        Lang::Nl,
        Some(contact()),
    );
    let (status, campaign) = http(port, "GET", "/api/c/DEMO-WERKSCAN", &[], "").unwrap();
    assert_eq!(status, 200, "{campaign}");
    sub.consent.values = Some(werkscan_core::ConsentValues::of(&serde_json::from_str(&campaign).unwrap()));
    let (status, body) = http(
        port,
        "POST",
        "/api/submissions",
        &[("Content-Type", "application/json")],
        &serde_json::to_string(&sub).unwrap(),
    )
    .unwrap();
    assert_eq!(status, 201, "{body}");
    let receipt: serde_json::Value = serde_json::from_str(&body).unwrap();
    let id = receipt["submission_id"].as_str().unwrap().to_owned();
    let token = receipt["withdrawal_token"].as_str().unwrap().to_owned();

    server.kill_9();

    let mut server = start(&db, port, &dir, 2);
    let (status, body) =
        http(port, "DELETE", &format!("/api/submissions/{id}"), &[("Authorization", &format!("Bearer {token}"))], "")
            .unwrap();
    assert_eq!(status, 200, "the acknowledged submission was lost: {body}");
    let (status, _) =
        http(port, "DELETE", &format!("/api/submissions/{id}"), &[("Authorization", &format!("Bearer {token}"))], "")
            .unwrap();
    assert_eq!(status, 404);
    server.kill_9();

    // The logs name routes and statuses, never content or secrets.
    let logs = std::fs::read_to_string(dir.join("server-1.log")).unwrap()
        + &std::fs::read_to_string(dir.join("server-2.log")).unwrap();
    assert!(logs.contains("/api/submissions"), "{logs}");
    for secret in [token.as_str(), id.as_str(), "Sam Jansen", "sam@example.org", "minder avonddiensten", "Thuiszorg"] {
        assert!(!logs.contains(secret), "the log contains {secret:?}:\n{logs}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Invariant 4 (ARCHITECTURE.md): the real binary refuses to start on an invalid definition and
/// says which file, line and field, before it opens a port.
#[test]
fn the_server_refuses_to_start_on_an_invalid_definition() {
    let dir = temp_dir("werkscan-invalid-definition");
    let questionnaires = dir.join("questionnaires");
    std::fs::create_dir_all(questionnaires.join("parts")).unwrap();
    for entry in std::fs::read_dir(questionnaires_dir().join("parts")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), questionnaires.join("parts").join(entry.file_name())).unwrap();
    }
    let shipped = std::fs::read_to_string(questionnaires_dir().join("quickscan.toml")).unwrap();
    // One field made wrong: the version is no longer a version number.
    let (before, after) = shipped.split_once("\nversion = ").expect("quickscan.toml has a version line");
    let rest = after.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
    std::fs::write(questionnaires.join("quickscan.toml"), format!("{before}\nversion = \"drie\"\n{rest}")).unwrap();
    let line = before.lines().count() + 1;

    let db = format!("sqlite://{}", dir.join("werkscan.sqlite").display());
    let port = free_port();
    let output = Command::new(BINARY)
        .args(["serve", "--db", &db, "--addr", &format!("127.0.0.1:{port}"), "--insecure-cookies"])
        .arg("--questionnaires")
        .arg(&questionnaires)
        .arg("--dist")
        .arg(dir.join("no-dist"))
        .output()
        .expect("werkscan-server runs");
    let printed = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(!output.status.success(), "it started anyway:\n{printed}");
    assert!(printed.contains(&format!("quickscan.toml:{line}")), "no file and line {line}:\n{printed}");
    assert!(printed.contains("version"), "no field named:\n{printed}");
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "a port was opened");
}
