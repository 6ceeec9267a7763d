//! How long `free_slots` takes for a busy expert: run with
//! `cargo run --release -p werkscan-booking --example slots_bench`.
//!
//! An example rather than a timed test, because timings on a shared 2-core machine are too
//! noisy to fail a build on; the numbers are for reading. The target is well under 5 ms. On a
//! machine shared with other builds the p99 and the maximum mostly measure the scheduler; the
//! median is the steadier figure.

use std::hint::black_box;
use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, NaiveTime, TimeZone, Utc, Weekday};
use werkscan_booking::{free_slots, DateOverride, Interval, Schedule, WeeklyRule};

const RUNS: usize = 5_000;
const BUSY: usize = 100;

fn main() {
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid time");
    let mut weekly = Vec::new();
    for weekday in [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri] {
        weekly.push(WeeklyRule { weekday, start: at(9, 0), end: at(12, 30) });
        weekly.push(WeeklyRule { weekday, start: at(13, 15), end: at(17, 0) });
    }
    let now = Utc.with_ymd_and_hms(2026, 3, 9, 8, 3, 0).single().expect("valid instant");
    let schedule = Schedule {
        weekly,
        // A holiday and a Saturday morning, so overrides are part of the work.
        overrides: vec![
            DateOverride { date: now.date_naive() + Duration::days(10), hours: vec![] },
            DateOverride { date: now.date_naive() + Duration::days(26), hours: vec![] },
        ],
        slot_minutes: 45,
        buffer_minutes: 10,
        ..Schedule::default()
    };
    assert_eq!(schedule.validate(), Ok(()));

    // Appointments of 30 to 90 minutes spread over the 6-week window (a fixed pseudo-random
    // sequence, so every run measures the same work), crossing the change to summer time.
    let mut seed: u64 = 0x5eed;
    let mut next = |below: i64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) % below as u64) as i64
    };
    let busy: Vec<Interval> = (0..BUSY)
        .map(|_| {
            let start = now + Duration::days(next(42)) + Duration::hours(7 + next(9)) + Duration::minutes(15 * next(4));
            Interval { start, end: start + Duration::minutes(30 + 15 * next(5)) }
        })
        .collect();

    let offered = free_slots(&schedule, &busy, now);
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let slots = free_slots(black_box(&schedule), black_box(&busy), black_box(now));
        times.push(started.elapsed());
        assert_eq!(slots.len(), offered.len());
    }
    times.sort_unstable();
    let mean = times.iter().sum::<StdDuration>() / RUNS as u32;
    let median = times[RUNS / 2];
    let p99 = times[RUNS * 99 / 100];
    let micros = |d: StdDuration| d.as_secs_f64() * 1e6;
    println!(
        "free_slots: {} busy intervals, {} slots offered over {} days, {RUNS} runs",
        busy.len(),
        offered.len(),
        schedule.window_days
    );
    println!(
        "mean {:.1} µs, median {:.1} µs, p99 {:.1} µs, max {:.1} µs per computation",
        micros(mean),
        micros(median),
        micros(p99),
        micros(times[RUNS - 1])
    );
}
