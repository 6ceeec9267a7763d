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
//! `--addresses N` sends each upload as if from one of N people's addresses, through a reverse
//! proxy (`X-Forwarded-For`, for a server started with `--trust-proxy`), as uploads arrive in
//! production; the per-address limits then stay at their defaults. Without it, every upload
//! comes from the one loopback address, and the server must be started with the limit lifted.
//!
//! Bounded in time and count; sends only to the address given (use a loopback address).

mod common;

use common::{arg, load, Connection, Request};
use serde_json::Value;
use werkscan_core::answers::prune_hidden;
use werkscan_core::model::ItemType;
use werkscan_core::{build_submission, score, AnswerValue, Answers, ConsentChoices, Contact, Definition, Lang};

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
        let pick =
            |rng: &mut Lcg| options.get(rng.next(options.len())).map(|option| option.key.clone()).unwrap_or_default();
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

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let addr = arg(&args, "--addr", "127.0.0.1:8080");
    let code = arg(&args, "--code", "DEMO-SNEL");
    let connections: usize = arg(&args, "--connections", "32").parse()?;
    let seconds: u64 = arg(&args, "--seconds", "10").parse()?;
    let share = arg(&args, "--share", "scores");
    let addresses: usize = arg(&args, "--addresses", "0").parse()?;
    let choices = match share.as_str() {
        "everything" => {
            ConsentChoices { share_scores: true, share_answers: true, contact_me: true, group_figures: true }
        }
        "group" => ConsentChoices { group_figures: true, ..Default::default() },
        _ => ConsentChoices { share_scores: true, group_figures: true, ..Default::default() },
    };

    let mut setup = Connection::open(&addr).await?;
    let answer = setup.request("GET", &format!("/api/c/{code}"), &[], b"").await?;
    let (status, body) = (answer.status, answer.body);
    if status != 200 {
        return Err(format!("campaign {code}: HTTP {status}: {}", String::from_utf8_lossy(&body)).into());
    }
    let campaign: Value = serde_json::from_slice(&body)?;
    // The consent's campaign values go with every upload, as the phone sends them.
    let values = werkscan_core::ConsentValues::of(&serde_json::from_slice(&body)?);
    let department = campaign["departments"][0].as_str().map(str::to_owned);
    let path = format!(
        "/api/questionnaires/{}/{}",
        campaign["questionnaire"]["id"].as_str().unwrap_or_default(),
        campaign["questionnaire"]["version"].as_str().unwrap_or_default()
    );
    let definition: Definition = serde_json::from_slice(&setup.request("GET", &path, &[], b"").await?.body)?;
    let mut rng = Lcg(42);
    let bodies: Vec<Vec<u8>> = (0..256)
        .map(|_| {
            let answers = random_answers(&definition, &mut rng);
            let result = score(&definition, &answers).expect("generated answers fit");
            let contact =
                Contact { name: "Bench".into(), email: Some("bench@example.org".into()), phone: None, note: None };
            let mut submission = build_submission(
                &code,
                department.clone(),
                &definition,
                &result,
                &answers,
                choices,
                Lang::Nl,
                Some(contact),
            );
            submission.consent.values = Some(values.clone());
            serde_json::to_vec(&submission).expect("serialises")
        })
        .collect();
    let bodies = std::sync::Arc::new(bodies);
    let average = bodies.iter().map(Vec::len).sum::<usize>() / bodies.len();

    let measured = load(&addr, connections, seconds, move |_, sequence| {
        let headers = match sequence.checked_rem(addresses) {
            Some(person) => vec![(
                "X-Forwarded-For".to_owned(),
                format!("10.{}.{}.{}", person >> 16 & 255, person >> 8 & 255, person & 255),
            )],
            None => Vec::new(),
        };
        Some(Request {
            method: "POST",
            path: "/api/submissions".into(),
            headers,
            body: bodies[sequence % bodies.len()].clone(),
        })
    })
    .await?;
    let from = if addresses == 0 { "one address".to_owned() } else { format!("{addresses} addresses") };
    println!("upload benchmark: {connections} connections, {seconds} s, share={share}, {average} bytes per body, from {from}, campaign {code}");
    measured.report("accepted", 201);
    Ok(())
}
