//! Dates and times as a person reads them, in e-mails and on the phone: "dinsdag 8 december,
//! 10.30 uur", "1 december 2026". Here rather than in the booking crate because the phone needs
//! them too, without the booking crate's time zone data.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

use crate::Lang;

/// A slot's local date and start in words: `dinsdag 8 december, 10.30 uur` or
/// `Tuesday 8 December, 10:30`.
///
/// Each language follows its own habit: Dutch writes the hour without a leading zero, a full
/// stop before the minutes and "uur"; English uses the 24-hour clock with two-digit hours
/// (`09:00`), because the Dutch experts keep 24-hour agendas and "9:00 a.m." would be a
/// second way to read the same time. No year: a booking is at most a year ahead, and the
/// weekday settles which year is meant. Pass the slot's `local_date` and `local_start`, so
/// the words match the expert's clock.
pub fn when_in_words(lang: Lang, date: NaiveDate, start: NaiveTime) -> String {
    let day = date.day();
    let (hour, minute) = (start.hour(), start.minute());
    match lang {
        Lang::Nl => {
            let weekday = weekday_nl(date.weekday());
            let month = MONTHS_NL[date.month0() as usize];
            format!("{weekday} {day} {month}, {hour}.{minute:02} uur")
        }
        Lang::En => {
            let weekday = weekday_en(date.weekday());
            let month = MONTHS_EN[date.month0() as usize];
            format!("{weekday} {day} {month}, {hour:02}:{minute:02}")
        }
    }
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday_nl(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "maandag",
        Weekday::Tue => "dinsdag",
        Weekday::Wed => "woensdag",
        Weekday::Thu => "donderdag",
        Weekday::Fri => "vrijdag",
        Weekday::Sat => "zaterdag",
        Weekday::Sun => "zondag",
    }
}

fn weekday_en(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A date in words, with the year: `1 december 2026` or `1 December 2026`.
pub fn date_in_words(lang: Lang, date: NaiveDate) -> String {
    let months = match lang {
        Lang::Nl => &MONTHS_NL,
        Lang::En => &MONTHS_EN,
    };
    format!("{} {} {}", date.day(), months[date.month0() as usize], date.year())
}

/// A day in words, without the year: `dinsdag 8 december` or `Tuesday 8 December`.
pub fn day_in_words(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Nl => format!("{} {} {}", weekday_nl(date.weekday()), date.day(), MONTHS_NL[date.month0() as usize]),
        Lang::En => format!("{} {} {}", weekday_en(date.weekday()), date.day(), MONTHS_EN[date.month0() as usize]),
    }
}
