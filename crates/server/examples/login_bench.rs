//! Login storm benchmark: rounds of parallel wrong-password logins against a running server on
//! loopback, every one of which reaches Argon2, and the server's resident memory (VmRSS from
//! `/proc/<pid>/status`) at rest, during the storm and after it.
//!
//! ```text
//! werkscan-server seed-demo --db sqlite:///tmp/bench/db.sqlite
//! werkscan-server serve --db sqlite:///tmp/bench/db.sqlite --addr 127.0.0.1:8080 --trusted-proxies 1 &
//! cargo run --profile server -p werkscan-server --example login_bench -- \
//!     --addr 127.0.0.1:8080 --pid $! --rounds 10 --parallel 48
//! ```
//!
//! Every login comes from an address of its own, through a reverse proxy (`X-Forwarded-For`, for
//! a server started with `--trusted-proxies 1`), so that none of the per-address limits answers
//! 429 before the password is hashed. Of every eight logins of the first 160, one goes to each
//! demo account (20 each, the per-account limit, checked against their stored hashes); all
//! others go to accounts that do not exist, which the server checks against a dummy hash of the
//! same cost. The passwords are all wrong: the answers are 401, or 503 `busy` when a login
//! waited 2 s for a hashing turn.
//!
//! Resident memory is read every 100 ms while the storm lasts, and `--settle` seconds after the
//! last answer. Bounded: `rounds × parallel` logins in all, each round at most `--round-seconds`
//! (the server answers every login within about 2 s); sends only to the address given.

mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{arg, demo_account, load, report, Connection, Request};
use werkscan_server::accounts::auth::Role;

/// What `/proc/<pid>/status` says about the server's memory: resident now, the kernel's peak
/// resident since start (both KiB), and the number of threads.
#[derive(Clone, Copy, Default)]
struct Status {
    resident: u64,
    peak: u64,
    threads: u64,
}

fn status(pid: u32) -> std::io::Result<Status> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let mut status = Status::default();
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let number = value.split_whitespace().next().and_then(|number| number.parse().ok()).unwrap_or(0);
        match key {
            "VmRSS" => status.resident = number,
            "VmHWM" => status.peak = number,
            "Threads" => status.threads = number,
            _ => {}
        }
    }
    Ok(status)
}

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

/// The `index`-th login of the storm: its own address, a demo account or an unknown one, a wrong
/// password.
fn login(index: usize) -> Request {
    let demo = [Role::Employer, Role::Expert, Role::Admin];
    let email = match demo.get(index % 8) {
        Some(role) if index < 8 * 20 => demo_account(*role).0.to_owned(),
        _ => format!("storm-{index}@bench.invalid"),
    };
    let address = format!("10.{}.{}.{}", index >> 16 & 255, index >> 8 & 255, index & 255);
    let body = serde_json::json!({ "email": email, "password": format!("wrong-{index}") }).to_string().into_bytes();
    Request { method: "POST", path: "/api/login".into(), headers: vec![("X-Forwarded-For".into(), address)], body }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let addr = arg(&args, "--addr", "127.0.0.1:8080");
    let pid: u32 = arg(&args, "--pid", "0").parse()?;
    let rounds: usize = arg(&args, "--rounds", "10").parse()?;
    let parallel: usize = arg(&args, "--parallel", "48").parse()?;
    let settle: u64 = arg(&args, "--settle", "5").parse()?;
    let round_seconds: u64 = arg(&args, "--round-seconds", "30").parse()?;
    if pid == 0 {
        return Err("--pid: the server's process id, to read its resident memory".into());
    }

    // The server answers (and is the process named); nothing of the storm has happened yet.
    let answer = Connection::open(&addr).await?.request("GET", "/api/questionnaires", &[], b"").await?;
    if answer.status != 200 {
        return Err(format!("the server on {addr} answered HTTP {}", answer.status).into());
    }
    let rest = status(pid)?;

    let peak = Arc::new(AtomicU64::new(rest.resident));
    let peak_threads = Arc::new(AtomicU64::new(rest.threads));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, peak_threads, done) = (peak.clone(), peak_threads.clone(), done.clone());
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_millis(100));
            while !done.load(Ordering::Relaxed) {
                every.tick().await;
                if let Ok(now) = status(pid) {
                    peak.fetch_max(now.resident, Ordering::Relaxed);
                    peak_threads.fetch_max(now.threads, Ordering::Relaxed);
                }
            }
        })
    };

    let mut elapsed = 0.0;
    let mut latencies = Vec::new();
    let mut statuses = std::collections::BTreeMap::new();
    let mut after_rounds = Vec::new();
    for round in 0..rounds {
        let first = round * parallel;
        // One login per connection, all at once.
        let measured = load(&addr, parallel, round_seconds, move |_, sequence| {
            (sequence < parallel).then(|| login(first + sequence))
        })
        .await?;
        elapsed += measured.elapsed;
        latencies.extend(measured.latencies);
        for (code, count) in measured.statuses {
            *statuses.entry(code).or_insert(0) += count;
        }
        after_rounds.push(mib(status(pid)?.resident));
    }
    tokio::time::sleep(Duration::from_secs(settle)).await;
    done.store(true, Ordering::Relaxed);
    sampler.await?;
    let after = status(pid)?;

    let demo = (0..rounds * parallel).filter(|index| index % 8 < 3 && *index < 8 * 20).count();
    println!(
        "login storm: {rounds} rounds of {parallel} parallel wrong logins, each from an address of its own; {demo} to the demo accounts, {} to unknown accounts",
        rounds * parallel - demo
    );
    report("wrong logins answered 401", 401, elapsed, latencies, &statuses);
    println!(
        "resident MiB: at rest {}  peak {} (sampled every 100 ms; kernel's VmHWM {})  after {} ({settle} s after the last answer)",
        mib(rest.resident),
        mib(peak.load(Ordering::Relaxed)),
        mib(after.peak),
        mib(after.resident)
    );
    println!("resident MiB after each round: {}", after_rounds.join(" "));
    println!(
        "threads: at rest {}  peak {}  after {}",
        rest.threads,
        peak_threads.load(Ordering::Relaxed),
        after.threads
    );
    Ok(())
}
