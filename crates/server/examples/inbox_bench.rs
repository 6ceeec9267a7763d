//! The arbeidsdeskundige's inbox under load, in two steps (`scripts/bench-inbox.sh` runs both):
//!
//! `seed`: on the database itself, adds a running campaign to the demo organisation with
//! `--results` synthetic uploads that share their result with the demo arbeidsdeskundige
//! (through the same core code and writer as real ones), spread over the five statuses and the
//! departments. Prints the campaign id last.
//!
//! `read`: against a running server on loopback, logs in as the demo arbeidsdeskundige (setting
//! up the second factor as an authenticator app would), then reads the inbox over many
//! keep-alive connections at once, cycling through the filters the console offers (none, a
//! status, a signal, a department, the campaign, oldest first, a later page). Every read is
//! audited by the server, as in production. Reports latency percentiles.
//!
//! ```text
//! werkscan-server seed-demo --db sqlite:///tmp/bench/db.sqlite
//! inbox_bench seed --db sqlite:///tmp/bench/db.sqlite --results 10000
//! werkscan-server serve --db sqlite:///tmp/bench/db.sqlite --addr 127.0.0.1:8080 &
//! inbox_bench read --addr 127.0.0.1:8080 --campaign <id> --connections 1,4,16 --seconds 10
//! ```

mod common;

use std::time::Instant;

use common::demo::synthetic::{self, Dice, Person};
use common::demo::DEMO_DEPARTMENTS;
use common::{arg, bench_campaign, demo_account, load, log_in, BenchCampaign, Connection, Request};
use serde_json::Value;
use werkscan_api::expert::SubmissionStatus;
use werkscan_core::ConsentChoices;
use werkscan_server::accounts::auth::Role;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("seed") => seed(&args).await,
        Some("read") => read(&args).await,
        _ => Err("usage: inbox_bench seed --db URL [--results N] | read --addr A --campaign ID [--connections N] [--seconds N]".into()),
    }
}

async fn seed(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let results: usize = arg(args, "--results", "10000").parse()?;
    // A campaign that started a month ago and runs for another month.
    let today = chrono::Utc::now().date_naive();
    let dates = (today - chrono::Days::new(30), today + chrono::Days::new(30));
    let BenchCampaign { db, definition, campaign, .. } =
        bench_campaign(args, "INBOX", "Benchmark: gedeelde uitslagen (synthetisch)", dates, None).await?;
    let started = Instant::now();
    let mut dice = Dice::new(results as u64);
    let start = chrono::Utc::now().timestamp() - 30 * 86_400;
    let people: Vec<Person> = (0..results)
        .map(|index| Person {
            department: match dice.roll(DEMO_DEPARTMENTS.len() as u64 + 1) as usize {
                n if n < DEMO_DEPARTMENTS.len() => Some(DEMO_DEPARTMENTS[n].to_owned()),
                _ => None,
            },
            mood: (dice.roll(100) as f64) / 100.0,
            created_at: start + (index as i64 * 30 * 86_400) / results.max(1) as i64,
            origin: dice.roll(65_536) as i64,
            seed: dice.roll(u64::MAX),
        })
        .collect();
    let choices = ConsentChoices { share_scores: true, share_answers: true, group_figures: true, ..Default::default() };
    let mut ids = Vec::with_capacity(results);
    for chunk in people.chunks(5_000) {
        ids.extend(
            synthetic::add_sharing(&db, &definition, &campaign, chunk, choices).await?.into_iter().map(|(id, _)| id),
        );
    }
    // An expert's inbox is never all new: most people are some way along.
    for (index, submission) in ids.iter().enumerate() {
        let status = SubmissionStatus::ALL[(index * 7 + index / 3) % SubmissionStatus::ALL.len()].as_str();
        if status != SubmissionStatus::Nieuw.as_str() {
            sqlx::query("UPDATE submissions SET status = $1, status_changed_at = created_at + 86400 WHERE id = $2")
                .bind(status)
                .bind(submission)
                .execute(&db.pool)
                .await?;
        }
    }
    println!(
        "{results} synthetic shared results stored in {:.1} s ({:?})",
        started.elapsed().as_secs_f64(),
        db.backend
    );
    if db.backend == werkscan_server::db::Backend::Postgres {
        // What autovacuum does soon after a bulk insert: statistics, and the visibility map that
        // lets PostgreSQL answer from the inbox index alone.
        sqlx::query("VACUUM ANALYZE submissions").execute(&db.pool).await?;
    }
    db.close().await;
    println!("campaign {}", campaign.id);
    Ok(())
}

async fn read(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let addr = arg(args, "--addr", "127.0.0.1:8080");
    let campaign = arg(args, "--campaign", "");
    // One run per number of concurrent readers, in one login (the second factor is set up once).
    let connections: Vec<usize> = arg(args, "--connections", "16")
        .split([',', ' '])
        .filter(|n| !n.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let seconds: u64 = arg(args, "--seconds", "10").parse()?;
    let mut setup = Connection::open(&addr).await?;
    let (email, password) = demo_account(Role::Expert);
    let cookie = log_in(&mut setup, email, password).await?.cookie;
    // The filters of the console's inbox screen, in turn.
    let paths: Vec<String> = vec![
        "/api/expert/submissions".into(),
        "/api/expert/submissions?status=nieuw".into(),
        "/api/expert/submissions?signal=attention".into(),
        format!("/api/expert/submissions?department={}", DEMO_DEPARTMENTS[0]),
        format!("/api/expert/submissions?campaign={campaign}&status=gesprek_gepland"),
        "/api/expert/submissions?sort=oldest".into(),
        "/api/expert/submissions?offset=5000".into(),
    ];
    let first = setup.request("GET", &paths[0], &[("Cookie", &cookie)], b"").await?;
    if first.status != 200 {
        return Err(format!("inbox: HTTP {}: {}", first.status, String::from_utf8_lossy(&first.body)).into());
    }
    let inbox: Value = serde_json::from_slice(&first.body)?;
    println!(
        "inbox benchmark: {} shared results in the inbox, {} bytes per page of {}",
        inbox["total"],
        first.body.len(),
        inbox["items"].as_array().map_or(0, Vec::len)
    );
    for readers in connections {
        println!("{readers} connections, {seconds} s:");
        let (paths, cookie) = (paths.clone(), cookie.clone());
        load(&addr, readers, seconds, move |worker, sequence| {
            Some(Request::get(&paths[(worker + sequence) % paths.len()], &cookie))
        })
        .await?
        .report("inbox pages read", 200);
    }
    Ok(())
}
