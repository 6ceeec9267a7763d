//! Schedule defaults, JSON form and validation.

use chrono::Weekday;
use werkscan_booking::{DateOverride, Schedule, ScheduleDay, ScheduleError, WeeklyRule};

use crate::support::{date, hours, rule, time};

fn with_rules(weekly: Vec<WeeklyRule>) -> Schedule {
    Schedule { weekly, ..Schedule::default() }
}

#[test]
fn defaults_are_the_dutch_practice() {
    let schedule = Schedule::default();
    assert_eq!(schedule.time_zone, "Europe/Amsterdam");
    assert_eq!(schedule.slot_minutes, 45);
    assert_eq!(schedule.buffer_minutes, 0);
    assert_eq!(schedule.min_notice_hours, 24);
    assert_eq!(schedule.window_days, 42);
    assert!(schedule.weekly.is_empty() && schedule.overrides.is_empty());
    assert_eq!(schedule.validate(), Ok(()));
}

#[test]
fn json_fills_in_defaults_and_refuses_unknown_fields() {
    let schedule: Schedule = serde_json::from_str(
        r#"{
            "weekly": [{"weekday": "Mon", "start": "09:00", "end": "12:00"}],
            "overrides": [{"date": "2026-12-24", "hours": []}],
            "buffer_minutes": 10
        }"#,
    )
    .expect("reads");
    assert_eq!(schedule.weekly, [rule(Weekday::Mon, "09:00", "12:00")]);
    assert_eq!(schedule.overrides, [DateOverride { date: date(2026, 12, 24), hours: vec![] }]);
    assert_eq!(schedule.buffer_minutes, 10);
    assert_eq!(schedule.slot_minutes, 45);
    assert_eq!(schedule.validate(), Ok(()));

    let json = serde_json::to_string(&schedule).expect("writes");
    assert_eq!(serde_json::from_str::<Schedule>(&json).expect("reads back"), schedule);

    let typo = serde_json::from_str::<Schedule>(r#"{"slot_minute": 30}"#);
    assert!(typo.unwrap_err().to_string().contains("slot_minute"));
}

#[test]
fn an_unknown_zone_is_reported_by_name() {
    let schedule = Schedule { time_zone: "Europe/Amsterdan".into(), ..Schedule::default() };
    let err = schedule.validate().unwrap_err();
    assert_eq!(err, ScheduleError::UnknownTimeZone { name: "Europe/Amsterdan".into() });
    assert_eq!(err.code(), "unknown_time_zone");
    assert_eq!(err.to_string(), "unknown time zone \"Europe/Amsterdan\"");
    for zone in ["America/New_York", "Asia/Kolkata", "UTC"] {
        let ok = Schedule { time_zone: zone.into(), ..Schedule::default() };
        assert_eq!(ok.validate(), Ok(()), "{zone}");
    }
}

#[test]
fn hours_must_end_after_they_start() {
    for (start, end) in [("12:00", "09:00"), ("09:00", "09:00")] {
        let err = with_rules(vec![rule(Weekday::Tue, start, end)]).validate().unwrap_err();
        assert_eq!(
            err,
            ScheduleError::EndNotAfterStart {
                day: ScheduleDay::Weekday(Weekday::Tue),
                start: time(start),
                end: time(end)
            }
        );
        assert_eq!(err.code(), "end_not_after_start");
    }
    let mut schedule = Schedule::default();
    schedule.overrides.push(DateOverride { date: date(2026, 5, 5), hours: vec![hours("17:00", "08:00")] });
    let err = schedule.validate().unwrap_err();
    assert_eq!(err.to_string(), "2026-05-05: the hours 17:00–08:00 must end after they start, on the same day");
}

#[test]
fn hours_must_hold_one_conversation() {
    let err = with_rules(vec![rule(Weekday::Mon, "09:00", "09:30")]).validate().unwrap_err();
    assert_eq!(err.code(), "shorter_than_slot");
    assert_eq!(with_rules(vec![rule(Weekday::Mon, "09:00", "09:45")]).validate(), Ok(()));
}

#[test]
fn times_must_be_whole_minutes() {
    let mut odd = rule(Weekday::Mon, "09:00", "12:00");
    odd.start = chrono::NaiveTime::from_hms_opt(9, 0, 30).expect("time");
    let err = with_rules(vec![odd]).validate().unwrap_err();
    assert_eq!(err.code(), "not_whole_minute");
}

#[test]
fn overlapping_hours_are_refused_and_touching_hours_allowed() {
    let err = with_rules(vec![
        rule(Weekday::Wed, "13:00", "17:00"),
        rule(Weekday::Mon, "09:00", "17:00"),
        rule(Weekday::Wed, "09:00", "13:30"),
    ])
    .validate()
    .unwrap_err();
    assert_eq!(
        err,
        ScheduleError::Overlap {
            day: ScheduleDay::Weekday(Weekday::Wed),
            first_start: time("09:00"),
            first_end: time("13:30"),
            second_start: time("13:00"),
            second_end: time("17:00"),
        }
    );
    assert_eq!(err.code(), "overlap");
    assert_eq!(err.to_string(), "every Wednesday: the hours 09:00–13:30 and 13:00–17:00 overlap");

    let touching = with_rules(vec![rule(Weekday::Wed, "13:00", "17:00"), rule(Weekday::Wed, "09:00", "13:00")]);
    assert_eq!(touching.validate(), Ok(()));
    // The same hours on different days do not overlap.
    let week = with_rules(vec![rule(Weekday::Mon, "09:00", "17:00"), rule(Weekday::Tue, "09:00", "17:00")]);
    assert_eq!(week.validate(), Ok(()));

    let mut schedule = Schedule::default();
    schedule
        .overrides
        .push(DateOverride { date: date(2026, 5, 5), hours: vec![hours("09:00", "12:00"), hours("11:00", "14:00")] });
    assert_eq!(schedule.validate().unwrap_err().code(), "overlap");
}

#[test]
fn one_override_per_date() {
    let mut schedule = Schedule::default();
    for _ in 0..2 {
        schedule.overrides.push(DateOverride { date: date(2026, 5, 5), hours: vec![] });
    }
    assert_eq!(schedule.validate(), Err(ScheduleError::DuplicateOverride { date: date(2026, 5, 5) }));
}

#[test]
fn numbers_have_sensible_bounds() {
    // How to set the number, values that pass, values that fail, and the error's code.
    type Case = (fn(&mut Schedule, u32), &'static [u32], &'static [u32], &'static str);
    let cases: [Case; 4] = [
        (|s, v| s.slot_minutes = v, &[10, 45, 240], &[0, 9, 241], "slot_length"),
        (|s, v| s.buffer_minutes = v, &[0, 120], &[121], "buffer"),
        (|s, v| s.min_notice_hours = v, &[0, 720], &[721], "notice"),
        (|s, v| s.window_days = v, &[1, 365], &[0, 366], "window"),
    ];
    for (set, good, bad, code) in cases {
        for &value in good {
            let mut schedule = Schedule::default();
            set(&mut schedule, value);
            assert_eq!(schedule.validate(), Ok(()), "{code} {value}");
        }
        for &value in bad {
            let mut schedule = Schedule::default();
            set(&mut schedule, value);
            assert_eq!(schedule.validate().map_err(|e| e.code()), Err(code), "{code} {value}");
        }
    }
}

#[test]
fn lists_have_a_cap() {
    let many: Vec<WeeklyRule> = (0..51)
        .map(|i| {
            let start = chrono::NaiveTime::from_hms_opt(0, 0, 0).expect("midnight") + chrono::Duration::minutes(i * 20);
            WeeklyRule { weekday: Weekday::Mon, start, end: start + chrono::Duration::minutes(10) }
        })
        .collect();
    let schedule = Schedule { slot_minutes: 10, weekly: many, ..Schedule::default() };
    assert_eq!(schedule.validate(), Err(ScheduleError::TooManyRules { count: 51 }));
    let fifty = Schedule { weekly: schedule.weekly[..50].to_vec(), ..schedule.clone() };
    assert_eq!(fifty.validate(), Ok(()));

    let overrides =
        (0..201).map(|i| DateOverride { date: date(2026, 1, 1) + chrono::Duration::days(i), hours: vec![] }).collect();
    let schedule = Schedule { overrides, ..Schedule::default() };
    assert_eq!(schedule.validate().map_err(|e| e.code()), Err("too_many_overrides"));

    let mut schedule = Schedule { slot_minutes: 10, ..Schedule::default() };
    schedule.overrides.push(DateOverride {
        date: date(2026, 5, 5),
        hours: (0..11).map(|h| hours(&format!("{h:02}:00"), &format!("{h:02}:30"))).collect(),
    });
    assert_eq!(schedule.validate(), Err(ScheduleError::TooManyHours { date: date(2026, 5, 5), count: 11 }));
}
