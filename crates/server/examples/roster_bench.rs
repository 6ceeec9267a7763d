//! Personal invitations at scale (`scripts/bench-roster.sh` runs it on both databases): against
//! a running server on loopback, logs in as the demo employer and the demo arbeidsdeskundige (the
//! benchmark acting as the authenticator app), and for each of `--runs` new campaigns with
//! personal invitations gives a roster of `--people` addresses spread over the demo departments
//! (the employer's import: checking every address, storing the roster) and has the
//! arbeidsdeskundige approve it (a link per person and one message per address into the outbox,
//! in one transaction). Prints each time and the median of both steps, end to end over HTTP.
//!
//! ```text
//! werkscan-server seed-demo --db sqlite:///tmp/bench/db.sqlite
//! werkscan-server serve --db sqlite:///tmp/bench/db.sqlite --addr 127.0.0.1:8080 &
//! roster_bench --addr 127.0.0.1:8080 --people 10000 --runs 3
//! ```

mod common;

use std::time::{Duration, Instant};

use common::demo::DEMO_DEPARTMENTS;
use common::{arg, demo_account, log_in, Connection, Session};
use serde_json::{json, Value};
use werkscan_server::accounts::auth::Role;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let addr = arg(&args, "--addr", "127.0.0.1:8080");
    let people: usize = arg(&args, "--people", "10000").parse()?;
    let runs: usize = arg(&args, "--runs", "3").parse()?;
    let mut employer_connection = Connection::open(&addr).await?;
    let mut expert_connection = Connection::open(&addr).await?;
    let (email, password) = demo_account(Role::Employer);
    let employer = log_in(&mut employer_connection, email, password).await?;
    let (email, password) = demo_account(Role::Expert);
    let expert = log_in(&mut expert_connection, email, password).await?;
    let experts = call(&mut employer_connection, &employer, "GET", "/api/experts", None, 200).await?;
    let expert_id = experts
        .as_array()
        .and_then(|list| {
            list.iter().find(|expert| expert["display_name"].as_str().is_some_and(|name| name.starts_with("Karim")))
        })
        .and_then(|expert| expert["id"].as_str())
        .ok_or("the demo arbeidsdeskundige is not offered: run seed-demo first")?
        .to_owned();
    let definition =
        call(&mut employer_connection, &employer, "GET", "/api/questionnaires/werkscan", None, 200).await?;
    let version = definition["questionnaire"]["version"].as_str().ok_or("no werkscan version")?.to_owned();
    let roster = json!({
        "departments": DEMO_DEPARTMENTS.iter().enumerate().map(|(index, name)| json!({
            "name": name,
            "addresses": (0..people).filter(|person| person % DEMO_DEPARTMENTS.len() == index)
                .map(|person| format!("medewerker.{person}@delinde.example")).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
    .to_string();
    println!("roster of {people} addresses, {} KB of JSON", roster.len() / 1024);
    let today = chrono::Utc::now().date_naive();
    let (mut imports, mut approvals) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let body = json!({
            "name": format!("Benchmark: persoonlijke uitnodigingen {}", run + 1),
            "questionnaire": "werkscan",
            "version": version,
            "departments": DEMO_DEPARTMENTS,
            "starts_on": today.to_string(),
            "ends_on": (today + chrono::Days::new(30)).to_string(),
            "experts": [expert_id],
            "invitations": "personal",
        });
        let campaign =
            call(&mut employer_connection, &employer, "POST", "/api/campaigns", Some(body.to_string().as_bytes()), 201)
                .await?;
        let id = campaign["id"].as_str().ok_or("no campaign id")?.to_owned();
        let started = Instant::now();
        let summary = call(
            &mut employer_connection,
            &employer,
            "PUT",
            &format!("/api/campaigns/{id}/roster"),
            Some(roster.as_bytes()),
            200,
        )
        .await?;
        let import = started.elapsed();
        if summary["invited"].as_u64() != Some(people as u64) {
            return Err(format!("the roster holds {} people, not {people}", summary["invited"]).into());
        }
        let started = Instant::now();
        call(
            &mut expert_connection,
            &expert,
            "POST",
            &format!("/api/expert/campaigns/{id}/roster/approve"),
            Some(b"{}"),
            200,
        )
        .await?;
        let approval = started.elapsed();
        println!(
            "run {}: import {:.0} ms, approval with {people} mails {:.0} ms",
            run + 1,
            millis(import),
            millis(approval)
        );
        imports.push(import);
        approvals.push(approval);
    }
    println!(
        "median: import {:.0} ms, approval {:.0} ms",
        millis(median(&mut imports)),
        millis(median(&mut approvals))
    );
    Ok(())
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// One request with the session's cookie (and CSRF token); the JSON reply, or an error naming
/// the status when it is not `expected`.
async fn call(
    connection: &mut Connection,
    session: &Session,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
    expected: u16,
) -> Result<Value, Box<dyn std::error::Error>> {
    let headers = [("Cookie", session.cookie.as_str()), ("X-CSRF-Token", session.csrf.as_str())];
    let answer = connection.request(method, path, &headers, body.unwrap_or_default()).await?;
    if answer.status != expected {
        return Err(
            format!("{method} {path}: HTTP {}: {}", answer.status, String::from_utf8_lossy(&answer.body)).into()
        );
    }
    Ok(serde_json::from_slice(&answer.body)?)
}
