//! Upload throughput benchmark: many concurrent keep-alive connections post valid, varied
//! submissions to a running server on loopback, and latency percentiles are reported.
//!
//! ```text
//! werkscan-server seed-demo --db sqlite:///tmp/bench/db.sqlite
//! werkscan-server serve --db sqlite:///tmp/bench/db.sqlite --addr 127.0.0.1:8080 &
//! cargo run --profile server -p werkscan-server --example upload_bench -- \
//!     --addr 127.0.0.1:8080 --code DEMO-SNEL --connections 32 --seconds 10 --share scores
//! ```
//!
//! Bounded in time and count; sends only to the address given (use a loopback address).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use werkscan_core::answers::prune_hidden;
use werkscan_core::model::ItemType;
use werkscan_core::{build_submission, score, AnswerValue, Answers, ConsentChoices, Contact, Definition, Lang};

/// The most requests one run sends, whatever the duration.
const MAX_REQUESTS: usize = 2_000_000;

struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(addr: &str) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Connection { stream, buffer: Vec::with_capacity(8192) })
    }

    /// Sends one request and reads one response (Content-Length bodies only, as axum sends).
    async fn request(&mut self, method: &str, path: &str, body: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
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
                return Ok((status, body));
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

/// A small deterministic generator, so runs are repeatable without a dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

fn random_answers(definition: &Definition, rng: &mut Lcg) -> Answers {
    let mut answers = Answers::new();
    for item in definition.items() {
        let options = definition.options_of(item);
        let pick = |rng: &mut Lcg| options.get(rng.next(options.len())).map(|option| option.key.clone()).unwrap_or_default();
        let value = match item.kind {
            ItemType::Likert | ItemType::Single => AnswerValue::Text(pick(rng)),
            ItemType::Number => {
                let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(0));
                AnswerValue::Number(min + rng.next((max - min + 1) as usize) as i64)
            }
            ItemType::Multiple => AnswerValue::List(vec![pick(rng)]),
            ItemType::Matrix => AnswerValue::Grid(item.rows.iter().map(|row| (row.key.clone(), pick(rng))).collect()),
            ItemType::Text => continue,
        };
        answers.insert(item.id.clone(), value);
    }
    prune_hidden(definition, &mut answers);
    answers
}

fn arg(args: &[String], name: &str, default: &str) -> String {
    args.windows(2).find(|pair| pair[0] == name).map(|pair| pair[1].clone()).unwrap_or_else(|| default.to_owned())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let addr = arg(&args, "--addr", "127.0.0.1:8080");
    let code = arg(&args, "--code", "DEMO-SNEL");
    let connections: usize = arg(&args, "--connections", "32").parse()?;
    let seconds: u64 = arg(&args, "--seconds", "10").parse()?;
    let share = arg(&args, "--share", "scores");
    let choices = match share.as_str() {
        "everything" => ConsentChoices { share_scores: true, share_answers: true, contact_me: true, group_figures: true },
        "group" => ConsentChoices { group_figures: true, ..Default::default() },
        _ => ConsentChoices { share_scores: true, group_figures: true, ..Default::default() },
    };

    let mut setup = Connection::open(&addr).await?;
    let (status, body) = setup.request("GET", &format!("/api/c/{code}"), b"").await?;
    if status != 200 {
        return Err(format!("campaign {code}: HTTP {status}: {}", String::from_utf8_lossy(&body)).into());
    }
    let campaign: Value = serde_json::from_slice(&body)?;
    let department = campaign["departments"][0].as_str().map(str::to_owned);
    let path = format!(
        "/api/questionnaires/{}/{}",
        campaign["questionnaire"]["id"].as_str().unwrap_or_default(),
        campaign["questionnaire"]["version"].as_str().unwrap_or_default()
    );
    let (_, body) = setup.request("GET", &path, b"").await?;
    let definition: Definition = serde_json::from_slice(&body)?;
    let mut rng = Lcg(42);
    let bodies: Vec<Vec<u8>> = (0..256)
        .map(|_| {
            let answers = random_answers(&definition, &mut rng);
            let result = score(&definition, &answers).expect("generated answers fit");
            let contact = Contact { name: "Bench".into(), email: Some("bench@example.org".into()), phone: None, note: None };
            let submission = build_submission(&code, department.clone(), &definition, &result, &answers, choices, Lang::Nl, Some(contact));
            serde_json::to_vec(&submission).expect("serialises")
        })
        .collect();
    let bodies = std::sync::Arc::new(bodies);
    let average = bodies.iter().map(Vec::len).sum::<usize>() / bodies.len();

    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for worker in 0..connections {
        let (addr, bodies, sent) = (addr.clone(), bodies.clone(), sent.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
            let Ok(mut connection) = Connection::open(&addr).await else { return (latencies, statuses) };
            let mut index = worker;
            while Instant::now() < deadline && sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < MAX_REQUESTS {
                let body = &bodies[index % bodies.len()];
                index += connections;
                let start = Instant::now();
                match connection.request("POST", "/api/submissions", body).await {
                    Ok((status, _)) => {
                        latencies.push(start.elapsed());
                        *statuses.entry(status).or_default() += 1;
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
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let percentile = |p: f64| {
        latencies.get(((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1)).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let accepted = statuses.get(&201).copied().unwrap_or(0);
    println!("upload benchmark: {connections} connections, {seconds} s, share={share}, {average} bytes per body, campaign {code}");
    println!("statuses: {statuses:?}");
    println!("accepted: {accepted} in {elapsed:.2} s = {:.0} per second", accepted as f64 / elapsed);
    println!(
        "latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        percentile(0.50),
        percentile(0.90),
        percentile(0.99),
        percentile(1.0)
    );
    Ok(())
}
