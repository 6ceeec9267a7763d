//! Free slots and booking checks, with daylight-saving changes, buffers, notice and window.

use chrono::{Duration, NaiveDate, NaiveTime, Timelike, Weekday};
use werkscan_booking::{check_slot, free_slots, DateOverride, Interval, Schedule, Slot, SlotError};

use crate::support::{date, hours, open_schedule, rule, time, utc};

/// The local start times offered on `day`.
fn starts_on(slots: &[Slot], day: NaiveDate) -> Vec<NaiveTime> {
    slots.iter().filter(|s| s.local_date == day).map(|s| s.local_start).collect()
}

/// The UTC start times offered on `day`, as `HH:MM`.
fn utc_starts_on(slots: &[Slot], day: NaiveDate) -> Vec<String> {
    slots.iter().filter(|s| s.local_date == day).map(|s| s.start.format("%H:%M").to_string()).collect()
}

fn times(list: &[&str]) -> Vec<NaiveTime> {
    list.iter().map(|t| time(t)).collect()
}

#[test]
fn monday_nine_follows_both_daylight_saving_changes() {
    let schedule = open_schedule(vec![rule(Weekday::Mon, "09:00", "09:45")]);
    let now = utc(2026, 3, 1, 0, 0);
    let slots = free_slots(&schedule, &[], now);

    for (day, expected) in [
        (date(2026, 3, 23), utc(2026, 3, 23, 8, 0)),
        (date(2026, 3, 30), utc(2026, 3, 30, 7, 0)),
        (date(2026, 10, 19), utc(2026, 10, 19, 7, 0)),
        (date(2026, 10, 26), utc(2026, 10, 26, 8, 0)),
    ] {
        let on_day: Vec<&Slot> = slots.iter().filter(|s| s.local_date == day).collect();
        assert_eq!(on_day.len(), 1, "{day}");
        assert_eq!(on_day[0].start, expected, "{day}");
        assert_eq!(on_day[0].end, expected + Duration::minutes(45), "{day}");
        assert_eq!(on_day[0].local_start, time("09:00"));
        assert_eq!(on_day[0].local_end, time("09:45"));
        assert_eq!(check_slot(&schedule, &[], now, expected).as_ref(), Ok(on_day[0]));
    }
}

#[test]
fn monday_nine_with_the_default_window_close_to_each_change() {
    // The same shifts with the default 24 hours' notice and 42-day window, looking from the
    // Friday before.
    let schedule = Schedule { weekly: vec![rule(Weekday::Mon, "09:00", "09:45")], ..Schedule::default() };
    for (now, expected) in [
        (utc(2026, 3, 20, 12, 0), utc(2026, 3, 23, 8, 0)),
        (utc(2026, 3, 27, 12, 0), utc(2026, 3, 30, 7, 0)),
        (utc(2026, 10, 16, 12, 0), utc(2026, 10, 19, 7, 0)),
        (utc(2026, 10, 23, 12, 0), utc(2026, 10, 26, 8, 0)),
    ] {
        let slots = free_slots(&schedule, &[], now);
        assert_eq!(slots.first().map(|s| s.start), Some(expected), "seen from {now}");
    }
}

#[test]
fn afternoon_rules_follow_both_changes() {
    let schedule = open_schedule(vec![rule(Weekday::Mon, "13:00", "13:45"), rule(Weekday::Mon, "15:30", "16:15")]);
    let slots = free_slots(&schedule, &[], utc(2026, 3, 1, 0, 0));
    // Winter time is UTC+1, summer time UTC+2.
    assert_eq!(utc_starts_on(&slots, date(2026, 3, 23)), ["12:00", "14:30"]);
    assert_eq!(utc_starts_on(&slots, date(2026, 3, 30)), ["11:00", "13:30"]);
    assert_eq!(utc_starts_on(&slots, date(2026, 10, 19)), ["11:00", "13:30"]);
    assert_eq!(utc_starts_on(&slots, date(2026, 10, 26)), ["12:00", "14:30"]);
    for day in [date(2026, 3, 23), date(2026, 3, 30), date(2026, 10, 19), date(2026, 10, 26)] {
        assert_eq!(starts_on(&slots, day), times(&["13:00", "15:30"]), "{day}");
    }
}

/// Whether a local time lies in 02:00–03:00, the hour that is skipped in March and repeated
/// in October in Europe/Amsterdam.
fn in_changing_hour(t: NaiveTime) -> bool {
    (2..3).contains(&t.hour())
}

#[test]
fn night_rule_never_offers_times_in_the_gap_or_the_fold() {
    for slot_minutes in [15, 30, 45, 60] {
        let mut schedule = open_schedule(vec![rule(Weekday::Sun, "02:00", "04:00")]);
        schedule.slot_minutes = slot_minutes;
        let slots = free_slots(&schedule, &[], utc(2026, 3, 1, 0, 0));

        for day in [date(2026, 3, 29), date(2026, 10, 25)] {
            for slot in slots.iter().filter(|s| s.local_date == day) {
                assert!(!in_changing_hour(slot.local_start), "{slot_minutes} min: {slot:?}");
                assert!(!in_changing_hour(slot.local_end), "{slot_minutes} min: {slot:?}");
                assert_eq!(slot.end - slot.start, Duration::minutes(slot_minutes.into()));
            }
            assert!(!starts_on(&slots, day).contains(&time("02:30")), "{slot_minutes} min, {day}");
        }
        // An ordinary Sunday offers the whole night, 02:30 included where the grid has it.
        let ordinary = starts_on(&slots, date(2026, 3, 22));
        assert_eq!(ordinary.len(), (120 / slot_minutes) as usize, "{slot_minutes} min");
        if 30 % slot_minutes == 0 {
            assert!(ordinary.contains(&time("02:30")));
        }
    }
}

#[test]
fn night_rule_keeps_the_hour_after_each_change() {
    let mut schedule = open_schedule(vec![rule(Weekday::Sun, "01:00", "04:00")]);
    schedule.slot_minutes = 30;
    let slots = free_slots(&schedule, &[], utc(2026, 3, 1, 0, 0));
    // 01:30–02:00 ends on a time that does not exist (March) or exists twice (October).
    let kept = times(&["01:00", "03:00", "03:30"]);
    assert_eq!(starts_on(&slots, date(2026, 3, 29)), kept);
    assert_eq!(starts_on(&slots, date(2026, 10, 25)), kept);
    assert_eq!(utc_starts_on(&slots, date(2026, 3, 29)), ["00:00", "01:00", "01:30"]);
    assert_eq!(utc_starts_on(&slots, date(2026, 10, 25)), ["23:00", "02:00", "02:30"]);

    schedule.slot_minutes = 45;
    let slots = free_slots(&schedule, &[], utc(2026, 3, 1, 0, 0));
    // 01:45–02:30 ends in the changing hour and 02:30–03:15 starts in it.
    let kept = times(&["01:00", "03:15"]);
    assert_eq!(starts_on(&slots, date(2026, 3, 29)), kept);
    assert_eq!(starts_on(&slots, date(2026, 10, 25)), kept);
}

#[test]
fn booking_02_30_on_either_change_is_refused() {
    let schedule = Schedule { slot_minutes: 30, ..open_schedule(vec![rule(Weekday::Sun, "02:00", "04:00")]) };
    let now = utc(2026, 3, 1, 0, 0);
    // 02:30 summer time and 02:30 winter time on 25 October; 01:30Z on 29 March would be the
    // missing 02:30 winter time, but is 03:30 summer time, which is a real slot.
    for start in [utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30)] {
        assert_eq!(check_slot(&schedule, &[], now, start), Err(SlotError::OutsideRules), "{start}");
    }
    let real = check_slot(&schedule, &[], now, utc(2026, 3, 29, 1, 30)).expect("03:30 exists");
    assert_eq!(real.local_start, time("03:30"));
    // The same 02:30 a week earlier is fine.
    assert!(check_slot(&schedule, &[], now, utc(2026, 3, 22, 1, 30)).is_ok());
}

#[test]
fn a_long_slot_across_a_change_is_not_offered() {
    // 01:00–03:00 on the wall clock lasts one hour in March and three in October.
    let schedule = Schedule { slot_minutes: 120, ..open_schedule(vec![rule(Weekday::Sun, "01:00", "03:00")]) };
    let slots = free_slots(&schedule, &[], utc(2026, 3, 1, 0, 0));
    assert!(starts_on(&slots, date(2026, 3, 29)).is_empty());
    assert!(starts_on(&slots, date(2026, 10, 25)).is_empty());
    assert_eq!(starts_on(&slots, date(2026, 4, 5)), times(&["01:00"]));
}

/// Monday 2026-06-08 (summer time, UTC+2) with hours 09:15–12:15: slots at 09:15, 10:00,
/// 10:45 and 11:30, and an appointment from 10:00 to 10:45.
fn morning_with_appointment(buffer_minutes: u32) -> (Schedule, Vec<Interval>) {
    let schedule = Schedule { buffer_minutes, ..open_schedule(vec![rule(Weekday::Mon, "09:15", "12:15")]) };
    let busy = vec![Interval { start: utc(2026, 6, 8, 8, 0), end: utc(2026, 6, 8, 8, 45) }];
    (schedule, busy)
}

#[test]
fn busy_time_is_half_open() {
    let (schedule, busy) = morning_with_appointment(0);
    let now = utc(2026, 6, 1, 0, 0);
    let slots = free_slots(&schedule, &busy, now);
    assert_eq!(starts_on(&slots, date(2026, 6, 8)), times(&["09:15", "10:45", "11:30"]));
    assert_eq!(check_slot(&schedule, &busy, now, utc(2026, 6, 8, 8, 45)).map(|s| s.local_start), Ok(time("10:45")));
    assert_eq!(check_slot(&schedule, &busy, now, utc(2026, 6, 8, 8, 0)), Err(SlotError::Taken));
}

#[test]
fn the_buffer_keeps_a_pause_on_both_sides() {
    let (schedule, busy) = morning_with_appointment(15);
    let now = utc(2026, 6, 1, 0, 0);
    let slots = free_slots(&schedule, &busy, now);
    assert_eq!(starts_on(&slots, date(2026, 6, 8)), times(&["11:30"]));
    for taken in [utc(2026, 6, 8, 7, 15), utc(2026, 6, 8, 8, 45)] {
        assert_eq!(check_slot(&schedule, &busy, now, taken), Err(SlotError::Taken), "{taken}");
    }
    // 11:30 starts 45 minutes after the appointment ends: a 45-minute pause still leaves it,
    // one minute more does not.
    let (schedule, busy) = morning_with_appointment(45);
    assert_eq!(starts_on(&free_slots(&schedule, &busy, now), date(2026, 6, 8)), times(&["11:30"]));
    let (schedule, busy) = morning_with_appointment(46);
    assert!(starts_on(&free_slots(&schedule, &busy, now), date(2026, 6, 8)).is_empty());
}

#[test]
fn empty_and_distant_busy_intervals_change_nothing() {
    let (schedule, _) = morning_with_appointment(15);
    let now = utc(2026, 6, 1, 0, 0);
    let at = utc(2026, 6, 8, 8, 0);
    let busy = [
        Interval { start: at, end: at },
        Interval { start: at + Duration::minutes(30), end: at },
        Interval { start: utc(2025, 1, 1, 0, 0), end: utc(2025, 1, 2, 0, 0) },
    ];
    assert_eq!(free_slots(&schedule, &busy, now), free_slots(&schedule, &[], now));
}

#[test]
fn minimum_notice_edges() {
    let schedule =
        Schedule { weekly: vec![rule(Weekday::Mon, "09:00", "12:00")], min_notice_hours: 24, ..Schedule::default() };
    let nine = utc(2026, 6, 8, 7, 0);
    // Exactly 24 hours ahead is allowed.
    let now = nine - Duration::hours(24);
    assert_eq!(starts_on(&free_slots(&schedule, &[], now), date(2026, 6, 8))[0], time("09:00"));
    assert!(check_slot(&schedule, &[], now, nine).is_ok());
    // A second less is too soon; the next slot is still fine.
    let now = now + Duration::seconds(1);
    assert_eq!(starts_on(&free_slots(&schedule, &[], now), date(2026, 6, 8))[0], time("09:45"));
    assert_eq!(check_slot(&schedule, &[], now, nine), Err(SlotError::TooSoon));
    // Once it has started it is past, not too soon.
    assert_eq!(check_slot(&schedule, &[], nine + Duration::minutes(1), nine), Err(SlotError::Past));
    // With no notice a slot starting this very moment can still be booked.
    let instant = Schedule { min_notice_hours: 0, ..schedule };
    assert!(check_slot(&instant, &[], nine, nine).is_ok());
}

#[test]
fn booking_window_edges() {
    let schedule =
        Schedule { weekly: vec![rule(Weekday::Mon, "09:00", "09:45")], window_days: 42, ..Schedule::default() };
    let slot = utc(2026, 6, 8, 7, 0);
    // Exactly 42 days ahead is inside.
    let now = slot - Duration::days(42);
    assert_eq!(free_slots(&schedule, &[], now).last().map(|s| s.start), Some(slot));
    assert!(check_slot(&schedule, &[], now, slot).is_ok());
    // A second earlier it is outside.
    let now = now - Duration::seconds(1);
    assert_ne!(free_slots(&schedule, &[], now).last().map(|s| s.start), Some(slot));
    assert_eq!(check_slot(&schedule, &[], now, slot), Err(SlotError::OutsideWindow));
    // When the first bookable moment is a Monday's slot, the 42 days hold six Mondays.
    let from_monday = free_slots(&schedule, &[], utc(2026, 6, 1, 7, 0) - Duration::hours(24));
    assert_eq!(from_monday.len(), 6);
}

#[test]
fn an_override_can_take_a_day_off() {
    let mut schedule = open_schedule(vec![rule(Weekday::Mon, "09:00", "12:00")]);
    schedule.overrides.push(DateOverride { date: date(2026, 6, 8), hours: vec![] });
    let now = utc(2026, 6, 1, 0, 0);
    let slots = free_slots(&schedule, &[], now);
    assert!(starts_on(&slots, date(2026, 6, 8)).is_empty());
    assert_eq!(starts_on(&slots, date(2026, 6, 15)).len(), 4);
    assert_eq!(check_slot(&schedule, &[], now, utc(2026, 6, 8, 7, 0)), Err(SlotError::OutsideRules));
}

#[test]
fn an_override_can_give_other_or_extra_hours() {
    let mut schedule = open_schedule(vec![rule(Weekday::Mon, "09:00", "12:00")]);
    schedule.overrides.push(DateOverride { date: date(2026, 6, 8), hours: vec![hours("14:00", "15:30")] });
    // A Saturday, which has no weekly hours.
    schedule
        .overrides
        .push(DateOverride { date: date(2026, 6, 13), hours: vec![hours("10:00", "11:40"), hours("08:00", "08:45")] });
    let now = utc(2026, 6, 1, 0, 0);
    let slots = free_slots(&schedule, &[], now);
    assert_eq!(starts_on(&slots, date(2026, 6, 8)), times(&["14:00", "14:45"]));
    assert_eq!(starts_on(&slots, date(2026, 6, 13)), times(&["08:00", "10:00", "10:45"]));
    assert_eq!(starts_on(&slots, date(2026, 6, 20)), Vec::<NaiveTime>::new());
    assert!(check_slot(&schedule, &[], now, utc(2026, 6, 13, 8, 45)).is_ok());
    assert_eq!(check_slot(&schedule, &[], now, utc(2026, 6, 8, 7, 0)), Err(SlotError::OutsideRules));
}

#[test]
fn new_york_follows_its_own_changes() {
    let schedule =
        Schedule { time_zone: "America/New_York".into(), ..open_schedule(vec![rule(Weekday::Mon, "09:00", "09:45")]) };
    let slots = free_slots(&schedule, &[], utc(2026, 2, 1, 0, 0));
    // Standard time is UTC-5 and daylight time UTC-4; the US changes on 8 March and
    // 1 November 2026, weeks apart from Europe.
    assert_eq!(utc_starts_on(&slots, date(2026, 3, 2)), ["14:00"]);
    assert_eq!(utc_starts_on(&slots, date(2026, 3, 9)), ["13:00"]);
    assert_eq!(utc_starts_on(&slots, date(2026, 3, 23)), ["13:00"]);
    assert_eq!(utc_starts_on(&slots, date(2026, 10, 26)), ["13:00"]);
    assert_eq!(utc_starts_on(&slots, date(2026, 11, 2)), ["14:00"]);
}

#[test]
fn a_local_day_can_span_two_utc_dates() {
    // Late hours in Auckland (UTC+12 in its winter) fall on the previous UTC date.
    let schedule =
        Schedule { time_zone: "Pacific/Auckland".into(), ..open_schedule(vec![rule(Weekday::Mon, "08:00", "08:45")]) };
    let slots = free_slots(&schedule, &[], utc(2026, 6, 1, 0, 0));
    let first = slots.first().expect("a slot");
    assert_eq!(first.local_date, date(2026, 6, 8));
    assert_eq!(first.start, utc(2026, 6, 7, 20, 0));
}

#[test]
fn off_grid_and_odd_starts_are_outside_the_rules() {
    let schedule = open_schedule(vec![rule(Weekday::Mon, "09:00", "12:00")]);
    let now = utc(2026, 6, 1, 0, 0);
    for start in [
        utc(2026, 6, 8, 7, 10),
        utc(2026, 6, 8, 7, 0) + Duration::seconds(1),
        utc(2026, 6, 8, 9, 30),
        utc(2026, 6, 9, 7, 0),
    ] {
        assert_eq!(check_slot(&schedule, &[], now, start), Err(SlotError::OutsideRules), "{start}");
    }
}

#[test]
fn check_slot_agrees_with_free_slots() {
    let mut schedule = Schedule {
        weekly: vec![
            rule(Weekday::Mon, "09:00", "12:00"),
            rule(Weekday::Mon, "13:00", "17:00"),
            rule(Weekday::Sun, "01:00", "04:00"),
            rule(Weekday::Wed, "08:30", "11:00"),
        ],
        slot_minutes: 30,
        buffer_minutes: 10,
        min_notice_hours: 24,
        window_days: 42,
        ..Schedule::default()
    };
    schedule.overrides.push(DateOverride { date: date(2026, 10, 28), hours: vec![] });
    let now = utc(2026, 10, 5, 9, 17);
    let busy: Vec<Interval> = (0..40)
        .map(|i| {
            let start = utc(2026, 10, 5, 7, 0) + Duration::minutes(i * 1_013);
            Interval { start, end: start + Duration::minutes(50) }
        })
        .collect();
    let offered = free_slots(&schedule, &busy, now);
    assert!(offered.windows(2).all(|w| w[0].start < w[1].start), "sorted");
    for slot in &offered {
        assert_eq!(check_slot(&schedule, &busy, now, slot.start).as_ref(), Ok(slot));
    }
    // Every five minutes over the whole window: booked exactly when offered.
    let mut at = now - Duration::minutes(17);
    while at < now + Duration::days(43) {
        let booked = check_slot(&schedule, &busy, now, at).is_ok();
        assert_eq!(booked, offered.iter().any(|s| s.start == at), "{at}");
        at += Duration::minutes(5);
    }
    assert!(offered.len() > 100, "{}", offered.len());
}

#[test]
fn an_invalid_schedule_offers_nothing() {
    let schedule =
        Schedule { time_zone: "Europe/Amsterdan".into(), ..open_schedule(vec![rule(Weekday::Mon, "09:00", "12:00")]) };
    let now = utc(2026, 6, 1, 0, 0);
    assert!(free_slots(&schedule, &[], now).is_empty());
    let err = check_slot(&schedule, &[], now, utc(2026, 6, 8, 7, 0)).unwrap_err();
    assert_eq!(err.code(), "invalid_schedule");
}

#[test]
fn slot_error_codes_are_stable() {
    let codes: Vec<&str> =
        [SlotError::Past, SlotError::TooSoon, SlotError::OutsideWindow, SlotError::OutsideRules, SlotError::Taken]
            .iter()
            .map(SlotError::code)
            .collect();
    assert_eq!(codes, ["past", "too_soon", "outside_window", "outside_rules", "taken"]);
}

#[test]
fn slots_travel_as_json() {
    let schedule = open_schedule(vec![rule(Weekday::Mon, "09:00", "09:45")]);
    let slot = free_slots(&schedule, &[], utc(2026, 3, 20, 0, 0))[0];
    let json = serde_json::to_value(slot).expect("serialises");
    assert_eq!(
        json,
        serde_json::json!({
            "start": "2026-03-23T08:00:00Z",
            "end": "2026-03-23T08:45:00Z",
            "local_date": "2026-03-23",
            "local_start": "09:00:00",
            "local_end": "09:45:00",
        })
    );
    assert_eq!(serde_json::from_value::<Slot>(json).expect("reads back"), slot);
}

#[test]
fn overlapping_nested_and_touching_busy_times_count_as_their_union() {
    let weekly = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]
        .into_iter()
        .map(|day| rule(day, "08:00", "18:00"))
        .collect();
    let schedule = Schedule { slot_minutes: 30, buffer_minutes: 10, ..open_schedule(weekly) };
    let now = utc(2026, 6, 1, 0, 0);
    let mut seed: u64 = 7;
    let mut next = |below: i64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) % below as u64) as i64
    };
    // Many short, long, nested, touching, empty and reversed intervals over three weeks.
    let busy: Vec<Interval> = (0..300)
        .map(|_| {
            let start = now + Duration::minutes(5 * next(21 * 24 * 12));
            Interval { start, end: start + Duration::minutes(5 * next(40) - 10) }
        })
        .collect();
    let guard = Duration::minutes(10);
    let expected: Vec<Slot> = free_slots(&schedule, &[], now)
        .into_iter()
        .filter(|slot| {
            !busy.iter().any(|b| b.start < b.end && b.start < slot.end + guard && slot.start - guard < b.end)
        })
        .collect();
    let offered = free_slots(&schedule, &busy, now);
    assert_eq!(offered, expected);
    assert!(!offered.is_empty() && offered.len() < free_slots(&schedule, &[], now).len());
    for slot in free_slots(&schedule, &[], now) {
        let free = check_slot(&schedule, &busy, now, slot.start).is_ok();
        assert_eq!(free, expected.contains(&slot), "{slot:?}");
    }
}
