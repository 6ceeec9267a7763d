//! Group-figures benchmark, in two steps (`scripts/bench-release.sh` runs both):
//!
//! `compute`: on the database itself, adds a closed campaign to the demo organisation with
//! `--uploads` synthetic group-figure uploads (through the same core code and writer as real
//! ones), then times computing its release (reading every upload's scores, the disclosure
//! rules, the signals, storing) `--runs` times, and publishes it as the demo expert. Prints
//! the campaign id last.
//!
//! `read`: against a running server on loopback, logs in as the demo employer and reads that
//! campaign's dashboard over many keep-alive connections at once; reports latency percentiles.
//!
//! ```text
//! werkscan-server seed-demo --db sqlite:///tmp/bench/db.sqlite
//! release_bench compute --db sqlite:///tmp/bench/db.sqlite --uploads 100000
//! werkscan-server serve --db sqlite:///tmp/bench/db.sqlite --addr 127.0.0.1:8080 &
//! release_bench read --addr 127.0.0.1:8080 --campaign <id> --connections 16 --seconds 10
//! ```

mod common;

use std::time::Instant;

use common::demo::synthetic::{self, Dice, Person};
use common::demo::DEMO_DEPARTMENTS;
use common::{arg, bench_campaign, demo_account, load, log_in, BenchCampaign, Connection, Request};
use serde_json::Value;
use werkscan_server::accounts::auth::Role;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("compute") => compute(&args).await,
        Some("read") => read(&args).await,
        _ => Err("usage: release_bench compute --db URL [--uploads N] [--runs N] | read --addr A --campaign ID [--connections N] [--seconds N]".into()),
    }
}

async fn compute(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let uploads: usize = arg(args, "--uploads", "100000").parse()?;
    let runs: usize = arg(args, "--runs", "3").parse()?;
    // A campaign that ran last month, closed.
    let today = chrono::Utc::now().date_naive();
    let dates = (today - chrono::Days::new(40), today - chrono::Days::new(10));
    let BenchCampaign { db, definitions, definition, campaign, expert } =
        bench_campaign(args, "BENCH", "Benchmark: groepscijfers (synthetisch)", dates, Some(uploads as i64 / 4))
            .await?;
    let id = campaign.id.clone();
    let started = Instant::now();
    let mut dice = Dice::new(uploads as u64);
    let start = chrono::Utc::now().timestamp() - 40 * 86_400;
    let sizes = [0.35, 0.25, 0.2, 0.1, 0.05];
    let mut people = Vec::with_capacity(uploads);
    for index in 0..uploads {
        let roll = (dice.roll(1000) as f64) / 1000.0;
        let mut sum = 0.0;
        let department = sizes.iter().position(|share| {
            sum += share;
            roll < sum
        });
        people.push(Person {
            department: department.map(|index| DEMO_DEPARTMENTS[index].to_owned()),
            mood: (dice.roll(100) as f64) / 100.0,
            created_at: start + (index as i64 * 30 * 86_400) / uploads.max(1) as i64,
            origin: dice.roll(65_536) as i64,
            seed: dice.roll(u64::MAX),
        });
    }
    for chunk in people.chunks(10_000) {
        synthetic::add(&db, &definition, &campaign, chunk).await?;
    }
    println!(
        "{uploads} synthetic group-figure uploads stored in {:.1} s ({:?})",
        started.elapsed().as_secs_f64(),
        db.backend
    );

    let mut times = Vec::new();
    for run in 0..runs {
        if run > 0 {
            // Computed again as after a withdrawal: the whole computation, every time.
            sqlx::query("UPDATE releases SET stale = stale + 1 WHERE campaign_id = $1 AND status = 'draft'")
                .bind(&id)
                .execute(&db.pool)
                .await?;
        }
        let started = Instant::now();
        werkscan_server::releases::routes::compute_due_in(&db, &definitions, &id)
            .await
            .map_err(|error| error.message)?;
        let elapsed = started.elapsed().as_secs_f64();
        times.push(elapsed);
        println!("release over {uploads} uploads computed and stored in {elapsed:.3} s");
    }
    times.sort_by(f64::total_cmp);
    println!(
        "release computation: best {:.3} s, median {:.3} s, worst {:.3} s over {runs} runs",
        times[0],
        times[times.len() / 2],
        times[times.len() - 1]
    );
    let respondents: i64 = sqlx::query_scalar("SELECT respondents FROM releases WHERE campaign_id = $1")
        .bind(&id)
        .fetch_one(&db.pool)
        .await?;
    assert_eq!(respondents as usize, uploads, "every upload counted");
    werkscan_server::releases::routes::compute_and_publish(&db, &definitions, &id, &expert)
        .await
        .map_err(|error| error.message)?;
    db.close().await;
    println!("campaign {id}");
    Ok(())
}

async fn read(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let addr = arg(args, "--addr", "127.0.0.1:8080");
    let campaign = arg(args, "--campaign", "");
    let connections: usize = arg(args, "--connections", "16").parse()?;
    let seconds: u64 = arg(args, "--seconds", "10").parse()?;
    let mut setup = Connection::open(&addr).await?;
    let (email, password) = demo_account(Role::Employer);
    let cookie = log_in(&mut setup, email, password).await?.cookie;
    let path = format!("/api/campaigns/{campaign}/figures");
    let first = setup.request("GET", &path, &[("Cookie", &cookie)], b"").await?;
    if first.status != 200 {
        return Err(format!("dashboard: HTTP {}: {}", first.status, String::from_utf8_lossy(&first.body)).into());
    }
    let dashboard: Value = serde_json::from_slice(&first.body)?;
    println!(
        "dashboard benchmark: {connections} connections, {seconds} s, {} bytes, {} respondents, norm {}",
        first.body.len(),
        dashboard["release"]["respondents"],
        if dashboard["norm"].is_null() { "none" } else { "shown" }
    );
    load(&addr, connections, seconds, move |_, _| Some(Request::get(&path, &cookie)))
        .await?
        .report("dashboards read", 200);
    Ok(())
}
