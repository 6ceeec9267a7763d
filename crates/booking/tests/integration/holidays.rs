//! The Dutch public holidays proposed as days off, against dates looked up in published
//! calendars.

use chrono::{Datelike, NaiveDate, Weekday};
use werkscan_booking::{dutch_holidays, dutch_holidays_between, easter_sunday, Lang};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn easter_falls_on_the_published_sundays() {
    for (year, easter) in [
        (2000, "2000-04-23"),
        (2016, "2016-03-27"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2028, "2028-04-16"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ] {
        assert_eq!(easter_sunday(year), date(easter), "{year}");
        assert_eq!(easter_sunday(year).weekday(), Weekday::Sun);
    }
}

#[test]
fn the_holidays_of_2026_are_those_of_the_algemene_termijnenwet() {
    let days: Vec<(String, &str)> =
        dutch_holidays(2026).iter().map(|holiday| (holiday.date.to_string(), holiday.name(Lang::Nl))).collect();
    let expected = [
        ("2026-01-01", "Nieuwjaarsdag"),
        ("2026-04-06", "Tweede Paasdag"),
        ("2026-04-27", "Koningsdag"),
        ("2026-05-05", "Bevrijdingsdag"),
        ("2026-05-14", "Hemelvaartsdag"),
        ("2026-05-25", "Tweede Pinksterdag"),
        ("2026-12-25", "Eerste Kerstdag"),
        ("2026-12-26", "Tweede Kerstdag"),
    ];
    assert_eq!(days, expected.iter().map(|(day, name)| (day.to_string(), *name)).collect::<Vec<_>>());
    assert!(dutch_holidays(2026).iter().all(|holiday| !holiday.name(Lang::En).is_empty()));
}

#[test]
fn kings_day_moves_to_saturday_when_the_27th_is_a_sunday() {
    let kings_day =
        |year| dutch_holidays(year).into_iter().find(|holiday| holiday.name_nl == "Koningsdag").unwrap().date;
    assert_eq!(kings_day(2025), date("2025-04-26"));
    assert_eq!(kings_day(2027), date("2027-04-27"));
    for year in 2014..2100 {
        assert_ne!(kings_day(year).weekday(), Weekday::Sun, "{year}");
    }
}

#[test]
fn holidays_between_two_dates_span_the_turn_of_the_year() {
    let between = dutch_holidays_between(date("2026-12-06"), date("2027-04-30"));
    let dates: Vec<String> = between.iter().map(|holiday| holiday.date.to_string()).collect();
    assert_eq!(dates, ["2026-12-25", "2026-12-26", "2027-01-01", "2027-03-29", "2027-04-27"]);
}
