// Each example uses part of this module.
#![allow(dead_code)]

//! What the benchmark clients share: a keep-alive HTTP/1.1 connection over plain TCP (so the
//! load generator adds as little as possible of its own), arguments, and the latency report.

/// The demo and its synthetic people: the binary's own module (`src/demo`), compiled here too,
/// since the benchmarks write synthetic uploads straight into the database.
#[path = "../../src/demo/mod.rs"]
pub mod demo;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The most requests one run sends, whatever the duration.
pub const MAX_REQUESTS: usize = 2_000_000;

/// One keep-alive connection.
pub struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

/// A response: status, headers as sent, body.
pub struct Answer {
    /// The status code (0 when the response could not be read).
    pub status: u16,
    /// The response head (status line and headers).
    pub head: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Answer {
    /// The value of a header, if sent.
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }
}

impl Connection {
    /// Connects to a loopback address.
    pub async fn open(addr: &str) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Connection { stream, buffer: Vec::with_capacity(8192) })
    }

    /// Sends one request and reads one response (Content-Length bodies only, as axum sends).
    pub async fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Answer> {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        self.stream.write_all(&request).await?;
        loop {
            if let Some(end) = find(&self.buffer, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&self.buffer[..end]).to_string();
                let status: u16 = head.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
                let length: usize = head
                    .lines()
                    .find_map(|line| {
                        let (name, value) = line.split_once(':')?;
                        name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse().ok())?
                    })
                    .unwrap_or(0);
                let total = end + 4 + length;
                while self.buffer.len() < total {
                    self.fill().await?;
                }
                let body = self.buffer[end + 4..total].to_vec();
                self.buffer.drain(..total);
                return Ok(Answer { status, head, body });
            }
            self.fill().await?;
        }
    }

    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 8192];
        let read = self.stream.read(&mut chunk).await?;
        if read == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed"));
        }
        self.buffer.extend_from_slice(&chunk[..read]);
        Ok(())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// The value after `name` on the command line, or the default.
pub fn arg(args: &[String], name: &str, default: &str) -> String {
    args.windows(2).find(|pair| pair[0] == name).map(|pair| pair[1].clone()).unwrap_or_else(|| default.to_owned())
}

/// Prints the statuses, the rate of `accepted_status` and the latency percentiles.
pub fn report(
    label: &str,
    accepted_status: u16,
    elapsed: f64,
    mut latencies: Vec<Duration>,
    statuses: &BTreeMap<u16, usize>,
) {
    latencies.sort();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let accepted = statuses.get(&accepted_status).copied().unwrap_or(0);
    println!("statuses: {statuses:?}");
    println!("{label}: {accepted} in {elapsed:.2} s = {:.0} per second", accepted as f64 / elapsed);
    println!(
        "latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        percentile(0.50),
        percentile(0.90),
        percentile(0.99),
        percentile(1.0)
    );
}

/// One request of a load run.
pub struct Request {
    /// `GET`, `POST`, …
    pub method: &'static str,
    /// Path and query.
    pub path: String,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// The body (empty for none).
    pub body: Vec<u8>,
}

impl Request {
    /// A `GET` with a session cookie.
    pub fn get(path: impl Into<String>, cookie: &str) -> Request {
        Request { method: "GET", path: path.into(), headers: vec![("Cookie".into(), cookie.into())], body: Vec::new() }
    }
}

/// What a load run measured.
pub struct Load {
    /// Seconds from the first request to the last answer.
    pub elapsed: f64,
    /// One latency per answered request.
    pub latencies: Vec<Duration>,
    /// How many answers per status (0: the connection failed).
    pub statuses: BTreeMap<u16, usize>,
}

impl Load {
    /// Prints the statuses, the rate of `accepted_status` and the latency percentiles.
    pub fn report(self, label: &str, accepted_status: u16) {
        report(label, accepted_status, self.elapsed, self.latencies, &self.statuses);
    }
}

/// Keeps `connections` keep-alive connections busy for `seconds` (and at most [`MAX_REQUESTS`]
/// requests in all). Each request is `next(worker, sequence)`, where `sequence` counts the
/// requests of all connections together; `None` ends that connection early (for example when
/// there is nothing left to book). A connection that fails is opened again and counted as
/// status 0.
pub async fn load<F>(addr: &str, connections: usize, seconds: u64, next: F) -> Result<Load, tokio::task::JoinError>
where
    F: Fn(usize, usize) -> Option<Request> + Send + Sync + 'static,
{
    let next = Arc::new(next);
    let sent = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for worker in 0..connections {
        let (addr, next, sent) = (addr.to_owned(), next.clone(), sent.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
            let Ok(mut connection) = Connection::open(&addr).await else { return (latencies, statuses) };
            while Instant::now() < deadline {
                let sequence = sent.fetch_add(1, Ordering::Relaxed);
                let Some(request) = (sequence < MAX_REQUESTS).then(|| next(worker, sequence)).flatten() else { break };
                let headers: Vec<(&str, &str)> =
                    request.headers.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
                let start = Instant::now();
                match connection.request(request.method, &request.path, &headers, &request.body).await {
                    Ok(answer) => {
                        latencies.push(start.elapsed());
                        *statuses.entry(answer.status).or_default() += 1;
                    }
                    Err(_) => {
                        *statuses.entry(0).or_default() += 1;
                        match Connection::open(&addr).await {
                            Ok(fresh) => connection = fresh,
                            Err(_) => break,
                        }
                    }
                }
            }
            (latencies, statuses)
        }));
    }
    let mut latencies = Vec::new();
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    for task in tasks {
        let (mut own, counts) = task.await?;
        latencies.append(&mut own);
        for (status, count) in counts {
            *statuses.entry(status).or_default() += count;
        }
    }
    Ok(Load { elapsed: started.elapsed().as_secs_f64(), latencies, statuses })
}

/// The demo account of `role` that `seed-demo` creates: its e-mail address and password.
pub fn demo_account(role: werkscan_server::accounts::auth::Role) -> (&'static str, &'static str) {
    let (_, email, _, password) = demo::DEMO_USERS
        .iter()
        .find(|(demo_role, ..)| *demo_role == role)
        .expect("seed-demo has an account of every role");
    (email, password)
}

/// A logged-in session for requests.
pub struct Session {
    /// `werkscan_session=…`, for the `Cookie` header.
    pub cookie: String,
    /// For the `X-CSRF-Token` header of state-changing requests.
    pub csrf: String,
}

/// Logs in as a person would in the console. An arbeidsdeskundige or admin without a second
/// factor sets one up, the benchmark acting as the authenticator app; an account that has one
/// already cannot be logged into here, so the benchmarks run on a freshly seeded database.
pub async fn log_in(
    connection: &mut Connection,
    email: &str,
    password: &str,
) -> Result<Session, Box<dyn std::error::Error>> {
    let login = connection
        .request(
            "POST",
            "/api/login",
            &[],
            serde_json::json!({"email": email, "password": password}).to_string().as_bytes(),
        )
        .await?;
    if login.status != 200 {
        return Err(format!("login: HTTP {}: {}", login.status, String::from_utf8_lossy(&login.body)).into());
    }
    let cookie = login
        .header("set-cookie")
        .and_then(|value| value.split(';').next().map(str::to_owned))
        .ok_or("no session cookie")?;
    let reply: serde_json::Value = serde_json::from_slice(&login.body)?;
    let session = Session { cookie, csrf: reply["csrf_token"].as_str().unwrap_or_default().to_owned() };
    match reply["pending"].as_str() {
        None => return Ok(session),
        Some("second_factor_setup") => {}
        Some(other) => {
            return Err(format!("{email} needs {other}: run the benchmark on a freshly seeded database").into())
        }
    }
    let headers = [("Cookie", session.cookie.as_str()), ("X-CSRF-Token", session.csrf.as_str())];
    let setup = connection.request("POST", "/api/account/second-factor/setup", &headers, b"{}").await?;
    if setup.status != 200 {
        return Err(format!("second factor: HTTP {}: {}", setup.status, String::from_utf8_lossy(&setup.body)).into());
    }
    let secret: serde_json::Value = serde_json::from_slice(&setup.body)?;
    let bytes = totp_rs::Secret::Encoded(secret["secret"].as_str().unwrap_or_default().to_owned())
        .to_bytes()
        .map_err(|_| "the secret is not base32")?;
    let code = totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes, Some("Werkscan".into()), email.into())?
        .generate_current()?;
    let confirmed = connection
        .request(
            "POST",
            "/api/account/second-factor/confirm",
            &headers,
            serde_json::json!({ "code": code }).to_string().as_bytes(),
        )
        .await?;
    if confirmed.status != 200 {
        return Err(
            format!("second factor: HTTP {}: {}", confirmed.status, String::from_utf8_lossy(&confirmed.body)).into()
        );
    }
    // The login gets a new session token once it is complete (issue 17): the old cookie no
    // longer works, the CSRF token stays.
    let cookie = confirmed
        .header("set-cookie")
        .and_then(|value| value.split(';').next().map(str::to_owned))
        .ok_or("no new session cookie")?;
    Ok(Session { cookie, ..session })
}

/// A synthetic campaign of the demo organisation, added to a seeded database for a benchmark.
pub struct BenchCampaign {
    /// The database.
    pub db: werkscan_server::Db,
    /// The loaded questionnaire definitions.
    pub definitions: werkscan_server::Definitions,
    /// The current werkscan definition, which the campaign uses.
    pub definition: std::sync::Arc<werkscan_core::Definition>,
    /// The campaign.
    pub campaign: werkscan_server::models::campaign::Campaign,
    /// The demo arbeidsdeskundige's account id (the campaign's expert).
    pub expert: String,
}

/// Opens `--db` (default the start script's file), records the definitions from
/// `--questionnaires`, and adds a werkscan campaign to the demo organisation (run `seed-demo`
/// first) with the demo employer as its creator and the demo arbeidsdeskundige as its expert:
/// code `prefix` plus five characters, running over `dates`, the demo departments with
/// `headcount` each.
pub async fn bench_campaign(
    args: &[String],
    prefix: &str,
    name: &str,
    dates: (chrono::NaiveDate, chrono::NaiveDate),
    headcount: Option<i64>,
) -> Result<BenchCampaign, Box<dyn std::error::Error>> {
    use demo::{DEMO_DEPARTMENTS, DEMO_ORG};
    use werkscan_server::accounts::auth::Role;
    use werkscan_server::admin::{find_org, find_user};
    let url = arg(args, "--db", "sqlite://data/werkscan.sqlite");
    let definitions =
        werkscan_server::Definitions::load_dir(std::path::Path::new(&arg(args, "--questionnaires", "questionnaires")))?;
    let db = werkscan_server::Db::connect(&url).await?;
    definitions.record(&db).await?;
    let org = find_org(&db, DEMO_ORG).await?.ok_or("run seed-demo first")?;
    let expert = find_user(&db, demo_account(Role::Expert).0).await?.ok_or("run seed-demo first")?;
    let employer = find_user(&db, demo_account(Role::Employer).0).await?.ok_or("run seed-demo first")?;
    let definition = definitions.loaded_version("werkscan").ok_or("the werkscan is not loaded")?;
    let practice = demo::demo_practice(&db).await?;
    let id = werkscan_server::util::new_id();
    let code = format!("{prefix}{}", &id[..5].to_uppercase());
    let departments: Vec<(&str, Option<i64>)> = DEMO_DEPARTMENTS.iter().map(|name| (*name, headcount)).collect();
    // Personal invitations: the release benchmark measures figures per department.
    let mode = werkscan_server::models::invitation::Mode::Personal;
    demo::insert_campaign(
        &db,
        &id,
        &org,
        &practice,
        &code,
        name,
        &definition,
        dates,
        &departments,
        &employer,
        &expert,
        mode,
    )
    .await?;
    let campaign = werkscan_server::models::campaign::by_id_in(&db, &id)
        .await
        .map_err(|error| error.message)?
        .ok_or("campaign vanished")?;
    Ok(BenchCampaign { db, definitions, definition, campaign, expert })
}
