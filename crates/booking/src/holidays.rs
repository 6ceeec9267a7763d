//! The Dutch public holidays an expert's week should not offer conversations on, proposed as
//! days off in the availability screen (the expert decides; nothing is taken off by itself).
//!
//! The list is the one in the Algemene termijnenwet, article 3 (1): Nieuwjaarsdag, tweede
//! Paasdag and tweede Pinksterdag, both Christmas days, Hemelvaartsdag, the day the King's
//! birthday is celebrated (Koningsdag) and 5 May (Bevrijdingsdag). Koningsdag is 27 April, or
//! 26 April when the 27th is a Sunday (Wet van 2 juli 2013, the King's birthday). Easter is
//! computed, so the list holds for any year without a table to keep up.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::Lang;

/// One public holiday.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holiday {
    /// The date.
    pub date: NaiveDate,
    /// Its Dutch name.
    pub name_nl: &'static str,
    /// Its English name.
    pub name_en: &'static str,
}

impl Holiday {
    /// Its name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.name_nl,
            Lang::En => self.name_en,
        }
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

/// The public holidays of a year, in date order.
pub fn dutch_holidays(year: i32) -> Vec<Holiday> {
    let day = |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day).expect("a fixed holiday is a real date");
    let easter = easter_sunday(year);
    let after_easter = |days: u64| easter.checked_add_days(Days::new(days)).expect("within the year");
    let kings_day = if day(4, 27).weekday() == Weekday::Sun { day(4, 26) } else { day(4, 27) };
    let mut holidays = vec![
        Holiday { date: day(1, 1), name_nl: "Nieuwjaarsdag", name_en: "New Year's Day" },
        Holiday { date: after_easter(1), name_nl: "Tweede Paasdag", name_en: "Easter Monday" },
        Holiday { date: kings_day, name_nl: "Koningsdag", name_en: "King's Day" },
        Holiday { date: day(5, 5), name_nl: "Bevrijdingsdag", name_en: "Liberation Day" },
        Holiday { date: after_easter(39), name_nl: "Hemelvaartsdag", name_en: "Ascension Day" },
        Holiday { date: after_easter(50), name_nl: "Tweede Pinksterdag", name_en: "Whit Monday" },
        Holiday { date: day(12, 25), name_nl: "Eerste Kerstdag", name_en: "Christmas Day" },
        Holiday { date: day(12, 26), name_nl: "Tweede Kerstdag", name_en: "Boxing Day" },
    ];
    // Hemelvaartsdag can fall on 5 May (as in 2016): one day, two names is still one day off.
    holidays.sort_by_key(|holiday| holiday.date);
    holidays
}

/// The public holidays from `from` up to and including `until`, in date order.
pub fn dutch_holidays_between(from: NaiveDate, until: NaiveDate) -> Vec<Holiday> {
    (from.year()..=until.year())
        .flat_map(dutch_holidays)
        .filter(|holiday| holiday.date >= from && holiday.date <= until)
        .collect()
}
