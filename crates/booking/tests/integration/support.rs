//! Building schedules and instants briefly, and reading calendar files back.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use werkscan_booking::{LocalHours, Schedule, WeeklyRule};

/// An instant in UTC.
pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("valid UTC time")
}

/// A calendar date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A wall-clock time from `"HH:MM"`.
pub fn time(hm: &str) -> NaiveTime {
    NaiveTime::parse_from_str(hm, "%H:%M").expect("HH:MM")
}

/// A weekly rule from `"HH:MM"` strings.
pub fn rule(weekday: Weekday, start: &str, end: &str) -> WeeklyRule {
    WeeklyRule { weekday, start: time(start), end: time(end) }
}

/// Local hours from `"HH:MM"` strings.
pub fn hours(start: &str, end: &str) -> LocalHours {
    LocalHours { start: time(start), end: time(end) }
}

/// A schedule with the given rules, no notice and a year's window, so a test can look at any
/// date of 2026 from the start of the year; tests about notice and window set their own.
pub fn open_schedule(weekly: Vec<WeeklyRule>) -> Schedule {
    Schedule { weekly, min_notice_hours: 0, window_days: 365, ..Schedule::default() }
}

/// One property of a parsed component.
pub struct Prop {
    pub value: String,
    pub params: Vec<(String, Vec<String>)>,
}

/// A calendar file read with the `ical` crate: the calendar's properties and its one event's.
pub struct Parsed {
    pub calendar: Vec<(String, Prop)>,
    pub event: Vec<(String, Prop)>,
}

impl Parsed {
    fn find<'a>(props: &'a [(String, Prop)], name: &str) -> Option<&'a Prop> {
        props.iter().find(|(n, _)| n == name).map(|(_, p)| p)
    }

    /// A calendar property's raw value.
    pub fn calendar(&self, name: &str) -> Option<&str> {
        Self::find(&self.calendar, name).map(|p| p.value.as_str())
    }

    /// An event property's raw (still escaped) value.
    pub fn event(&self, name: &str) -> Option<&str> {
        Self::find(&self.event, name).map(|p| p.value.as_str())
    }

    /// An event property's parameter.
    pub fn event_param(&self, name: &str, param: &str) -> Option<String> {
        let prop = Self::find(&self.event, name)?;
        prop.params.iter().find(|(k, _)| k == param).map(|(_, v)| v.join(","))
    }

    /// How often an event property occurs.
    pub fn event_count(&self, name: &str) -> usize {
        self.event.iter().filter(|(n, _)| n == name).count()
    }
}

/// Parses a calendar file that must hold exactly one calendar with exactly one event.
pub fn parse_ics(ics: &str) -> Parsed {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("parses");
    assert!(calendars.next().is_none(), "more than one calendar");
    assert_eq!(calendar.events.len(), 1, "one event");
    let convert = |props: Vec<ical::property::Property>| {
        props
            .into_iter()
            .map(|p| {
                let prop = Prop { value: p.value.unwrap_or_default(), params: p.params.unwrap_or_default() };
                (p.name, prop)
            })
            .collect()
    };
    Parsed {
        calendar: convert(calendar.properties),
        event: convert(calendar.events.into_iter().next().expect("event").properties),
    }
}

/// Reverses RFC 5545 TEXT escaping (the `ical` crate leaves values escaped).
pub fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}
