//! Booking throughput benchmark: many concurrent keep-alive connections book distinct free slots
//! of one arbeidsdeskundige on a running server on loopback, and latency percentiles are
//! reported. Every booking goes through the whole path: the slot check, the write transaction
//! with its overlap check (and on PostgreSQL the exclusion constraint), and the outbox.
//!
//! ```text
//! werkscan-server serve --seed-demo --db sqlite:///tmp/bench/db.sqlite --addr 127.0.0.1:8080 --bookings-per-address 1000000 &
//! cargo run --profile server -p werkscan-server --example booking_bench -- \
//!     --addr 127.0.0.1:8080 --code DEMO-SNEL --connections 32 --seconds 10
//! ```
//!
//! It first gives the demo expert long hours (every day 07:00–22:00, 10-minute slots, no
//! buffer, no notice) so there are thousands of slots. Sends only to the address given.
//!
//! `--addresses N` sends each booking as if from one of N people's addresses, through a reverse
//! proxy (`X-Forwarded-For`, for a server started with `--trust-proxy`), as bookings arrive in
//! production; the per-address limit then stays at its default. Without it, every booking comes
//! from the one loopback address, and the server must be started with the limit lifted
//! (`--bookings-per-address`), which makes the server count every earlier booking's attempt
//! under that one address for each new one.

mod common;

use common::{arg, demo_account, load, log_in, Connection, Request};
use serde_json::{json, Value};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let addr = arg(&args, "--addr", "127.0.0.1:8080");
    let code = arg(&args, "--code", "DEMO-SNEL");
    let connections: usize = arg(&args, "--connections", "32").parse()?;
    let seconds: u64 = arg(&args, "--seconds", "10").parse()?;
    let addresses: usize = arg(&args, "--addresses", "0").parse()?;
    let (demo_email, demo_password) = demo_account(werkscan_server::accounts::auth::Role::Expert);
    let email = arg(&args, "--expert", demo_email);
    let password = arg(&args, "--password", demo_password);

    let mut setup = Connection::open(&addr).await?;
    let session = log_in(&mut setup, &email, &password).await?;
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let availability = json!({
        "schedule": {
            "weekly": days.iter().map(|day| json!({"weekday": day, "start": "07:00:00", "end": "22:00:00"})).collect::<Vec<_>>(),
            "slot_minutes": 10, "buffer_minutes": 0, "min_notice_hours": 0, "window_days": 42,
        },
        "kinds": [{"kind": "video", "detail": "https://meet.example.org/bench"}],
    });
    let put = setup
        .request(
            "PUT",
            "/api/expert/availability",
            &[("Cookie", &session.cookie), ("X-CSRF-Token", &session.csrf)],
            availability.to_string().as_bytes(),
        )
        .await?;
    if put.status != 200 {
        return Err(format!("availability: HTTP {}: {}", put.status, String::from_utf8_lossy(&put.body)).into());
    }
    let offer: Value =
        serde_json::from_slice(&setup.request("GET", &format!("/api/c/{code}/booking"), &[], b"").await?.body)?;
    let expert = offer["experts"][0]["id"].as_str().ok_or("the campaign has no expert taking bookings")?.to_owned();
    let slots: Value = serde_json::from_slice(
        &setup.request("GET", &format!("/api/c/{code}/experts/{expert}/slots"), &[], b"").await?.body,
    )?;
    let starts: Vec<String> = slots
        .as_array()
        .ok_or("no slots")?
        .iter()
        .filter_map(|slot| slot["start"].as_str().map(str::to_owned))
        .collect();
    let from = if addresses == 0 { "one address".to_owned() } else { format!("{addresses} addresses") };
    println!(
        "booking benchmark: {connections} connections, {seconds} s, {} free slots, from {from}, campaign {code}",
        starts.len()
    );

    let path = format!("/api/c/{code}/appointments");
    load(&addr, connections, seconds, move |worker, index| {
        let start = starts.get(index)?;
        let body = json!({
            "expert": expert, "kind": "video", "start": start,
            // One address per booking, as from different people: one person may hold only a
            // few open bookings per campaign (`booking::OPEN_BOOKINGS_PER_PERSON`).
            "name": format!("Bench {worker}"), "email": format!("bench.{index}@example.org"), "lang": "nl",
        });
        let key = format!("{:064x}", (worker as u128) << 64 | index as u128);
        let mut headers = vec![("Idempotency-Key".to_owned(), key)];
        if let Some(person) = index.checked_rem(addresses) {
            headers.push((
                "X-Forwarded-For".to_owned(),
                format!("10.{}.{}.{}", person >> 16 & 255, person >> 8 & 255, person & 255),
            ));
        }
        Some(Request { method: "POST", path: path.clone(), headers, body: body.to_string().into_bytes() })
    })
    .await?
    .report("booked", 201);
    Ok(())
}
