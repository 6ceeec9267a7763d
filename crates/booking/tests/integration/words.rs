//! Conversation times in words.

use werkscan_booking::{when_in_words, Lang};

use crate::support::{date, time};

#[test]
fn dutch() {
    assert_eq!(when_in_words(Lang::Nl, date(2026, 12, 8), time("10:30")), "dinsdag 8 december, 10.30 uur");
    assert_eq!(when_in_words(Lang::Nl, date(2027, 3, 1), time("09:00")), "maandag 1 maart, 9.00 uur");
    assert_eq!(when_in_words(Lang::Nl, date(2026, 5, 31), time("13:05")), "zondag 31 mei, 13.05 uur");
}

#[test]
fn english_uses_the_24_hour_clock() {
    assert_eq!(when_in_words(Lang::En, date(2026, 12, 8), time("10:30")), "Tuesday 8 December, 10:30");
    assert_eq!(when_in_words(Lang::En, date(2027, 3, 1), time("09:00")), "Monday 1 March, 09:00");
    assert_eq!(when_in_words(Lang::En, date(2026, 5, 31), time("13:05")), "Sunday 31 May, 13:05");
}

#[test]
fn every_weekday_and_month_has_its_name() {
    let mut seen = std::collections::BTreeSet::new();
    let mut day = date(2026, 1, 1);
    while day < date(2027, 1, 1) {
        for lang in [Lang::Nl, Lang::En] {
            let words = when_in_words(lang, day, time("12:00"));
            let mut parts = words.split(' ');
            seen.insert((lang.tag(), parts.next().map(str::to_owned), None));
            seen.insert((lang.tag(), None, parts.nth(1).map(|m| m.trim_end_matches(',').to_owned())));
        }
        day = day.succ_opt().expect("next day");
    }
    // 7 weekdays and 12 months per language, each distinct.
    assert_eq!(seen.len(), 2 * (7 + 12));
}
