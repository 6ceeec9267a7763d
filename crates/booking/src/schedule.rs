//! When an expert is available, as the expert says it: local hours per weekday, exceptions for
//! particular dates, and the booking policy around them.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime, Timelike, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The zone a new schedule uses; every expert so far works in the Netherlands.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Amsterdam";
/// Most weekly rules one schedule may have: a full week of split shifts fits many times over,
/// and a cap keeps a stored schedule from growing without bound.
pub const MAX_WEEKLY_RULES: usize = 50;
/// Most date overrides one schedule may have: more than a year of holidays and extra days.
/// The server should drop overrides for dates that have passed.
pub const MAX_OVERRIDES: usize = 200;
/// Most intervals within one override: a day with more pieces than this is a typo.
pub const MAX_HOURS_PER_OVERRIDE: usize = 10;
/// Shortest and longest conversation, in minutes.
pub const SLOT_MINUTES: std::ops::RangeInclusive<u32> = 10..=240;
/// Allowed pause around each conversation, in minutes.
pub const BUFFER_MINUTES: std::ops::RangeInclusive<u32> = 0..=120;
/// Allowed minimum notice, in hours (up to 30 days).
pub const NOTICE_HOURS: std::ops::RangeInclusive<u32> = 0..=30 * 24;
/// Allowed booking window, in days.
pub const WINDOW_DAYS: std::ops::RangeInclusive<u32> = 1..=365;

/// An expert's availability and booking policy.
///
/// Hours are local wall-clock times in [`Schedule::time_zone`], because that is how an expert
/// thinks about them ("Mondays from nine"): the same rule lands on a different UTC time after a
/// daylight-saving change. Missing fields take their defaults when read from JSON (Europe/
/// Amsterdam, 45-minute conversations, no pause, 24 hours' notice, a 42-day window), so the
/// server can store only what the expert changed.
///
/// Rules on the same day (or intervals of the same override) must not overlap: two overlapping
/// intervals would each be cut into slots from their own start and offer conversations that
/// overlap each other, which is never what the expert meant. Touching intervals
/// (09:00–12:00 and 12:00–17:00) are fine. [`Schedule::validate`] refuses overlaps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Schedule {
    /// IANA zone name such as `Europe/Amsterdam`; kept as text so a stored schedule with a zone
    /// this build does not know still loads and is reported by [`Schedule::validate`].
    pub time_zone: String,
    /// The usual week. Several rules per weekday make split days (a lunch break).
    pub weekly: Vec<WeeklyRule>,
    /// Dates whose hours differ from the usual week; an override replaces every weekly rule of
    /// its date.
    pub overrides: Vec<DateOverride>,
    /// Length of one conversation.
    pub slot_minutes: u32,
    /// Pause the expert keeps before and after every conversation and other busy time.
    pub buffer_minutes: u32,
    /// How long in advance a conversation must be booked, so the expert can prepare.
    pub min_notice_hours: u32,
    /// How far ahead a conversation may be booked, counted from now.
    pub window_days: u32,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            time_zone: DEFAULT_TIME_ZONE.to_string(),
            weekly: Vec::new(),
            overrides: Vec::new(),
            slot_minutes: 45,
            buffer_minutes: 0,
            min_notice_hours: 24,
            window_days: 42,
        }
    }
}

/// Hours on one weekday, every week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklyRule {
    /// Day of the week (`"Mon"`, `"Tue"`, … in JSON).
    pub weekday: Weekday,
    /// Local time the first conversation may start.
    pub start: NaiveTime,
    /// Local time the last conversation must have ended; hours do not cross midnight.
    pub end: NaiveTime,
}

/// Hours for one particular date, replacing the weekly rules of that date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateOverride {
    /// The local date.
    pub date: NaiveDate,
    /// The hours that day; empty means a day off.
    pub hours: Vec<LocalHours>,
}

/// A stretch of local wall-clock time within one day, half-open: `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalHours {
    /// Local time the first conversation may start.
    pub start: NaiveTime,
    /// Local time the last conversation must have ended.
    pub end: NaiveTime,
}

/// Which day of a schedule an error is about, so the expert's form can point at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleDay {
    /// A weekly rule's weekday.
    Weekday(Weekday),
    /// An override's date.
    Date(NaiveDate),
}

impl fmt::Display for ScheduleDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScheduleDay::Weekday(day) => write!(f, "every {}", weekday_name(*day)),
            ScheduleDay::Date(date) => write!(f, "{date}"),
        }
    }
}

/// Why a schedule cannot be used. The messages are for the expert's settings form.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The zone name is not in the compiled-in IANA database.
    #[error("unknown time zone \"{name}\"")]
    UnknownTimeZone {
        /// The name given.
        name: String,
    },
    /// Hours whose end is not after their start (hours cannot cross midnight).
    #[error("{day}: the hours {}–{} must end after they start, on the same day", hm(.start), hm(.end))]
    EndNotAfterStart {
        /// Where.
        day: ScheduleDay,
        /// Start given.
        start: NaiveTime,
        /// End given.
        end: NaiveTime,
    },
    /// A time with seconds, which would make slots start at odd moments.
    #[error("{day}: {time} must be a whole minute")]
    NotWholeMinute {
        /// Where.
        day: ScheduleDay,
        /// The time given.
        time: NaiveTime,
    },
    /// Hours too short for a single conversation: almost always a mistake.
    #[error(
        "{day}: the hours {}–{} are shorter than one conversation ({slot_minutes} minutes)",
        hm(.start),
        hm(.end)
    )]
    ShorterThanSlot {
        /// Where.
        day: ScheduleDay,
        /// Start given.
        start: NaiveTime,
        /// End given.
        end: NaiveTime,
        /// The schedule's slot length.
        slot_minutes: u32,
    },
    /// Two intervals on the same day overlap (see [`Schedule`] for why this is refused).
    #[error(
        "{day}: the hours {}–{} and {}–{} overlap",
        hm(.first_start),
        hm(.first_end),
        hm(.second_start),
        hm(.second_end)
    )]
    Overlap {
        /// Where.
        day: ScheduleDay,
        /// Start of the earlier interval.
        first_start: NaiveTime,
        /// End of the earlier interval.
        first_end: NaiveTime,
        /// Start of the later interval.
        second_start: NaiveTime,
        /// End of the later interval.
        second_end: NaiveTime,
    },
    /// Two overrides for the same date: which one counts would be unclear.
    #[error("{date} has more than one override")]
    DuplicateOverride {
        /// The date.
        date: NaiveDate,
    },
    /// More weekly rules than [`MAX_WEEKLY_RULES`].
    #[error("{count} weekly rules; at most {MAX_WEEKLY_RULES} are allowed")]
    TooManyRules {
        /// How many were given.
        count: usize,
    },
    /// More overrides than [`MAX_OVERRIDES`].
    #[error("{count} date overrides; at most {MAX_OVERRIDES} are allowed")]
    TooManyOverrides {
        /// How many were given.
        count: usize,
    },
    /// More intervals in one override than [`MAX_HOURS_PER_OVERRIDE`].
    #[error("{date} has {count} intervals; at most {MAX_HOURS_PER_OVERRIDE} are allowed")]
    TooManyHours {
        /// The override's date.
        date: NaiveDate,
        /// How many were given.
        count: usize,
    },
    /// Slot length outside [`SLOT_MINUTES`].
    #[error("a conversation of {0} minutes; it must be 10 to 240 minutes")]
    SlotLength(u32),
    /// Buffer outside [`BUFFER_MINUTES`].
    #[error("a pause of {0} minutes; it must be 0 to 120 minutes")]
    Buffer(u32),
    /// Notice outside [`NOTICE_HOURS`].
    #[error("a minimum notice of {0} hours; it must be 0 to 720 hours (30 days)")]
    Notice(u32),
    /// Window outside [`WINDOW_DAYS`].
    #[error("a booking window of {0} days; it must be 1 to 365 days")]
    Window(u32),
}

/// A time as the settings form shows it, without seconds.
fn hm(time: &NaiveTime) -> impl fmt::Display {
    time.format("%H:%M")
}

fn weekday_name(day: Weekday) -> &'static str {
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

impl ScheduleError {
    /// A stable snake_case identifier, for API responses and translations of the message.
    pub fn code(&self) -> &'static str {
        match self {
            ScheduleError::UnknownTimeZone { .. } => "unknown_time_zone",
            ScheduleError::EndNotAfterStart { .. } => "end_not_after_start",
            ScheduleError::NotWholeMinute { .. } => "not_whole_minute",
            ScheduleError::ShorterThanSlot { .. } => "shorter_than_slot",
            ScheduleError::Overlap { .. } => "overlap",
            ScheduleError::DuplicateOverride { .. } => "duplicate_override",
            ScheduleError::TooManyRules { .. } => "too_many_rules",
            ScheduleError::TooManyOverrides { .. } => "too_many_overrides",
            ScheduleError::TooManyHours { .. } => "too_many_hours",
            ScheduleError::SlotLength(_) => "slot_length",
            ScheduleError::Buffer(_) => "buffer",
            ScheduleError::Notice(_) => "notice",
            ScheduleError::Window(_) => "window",
        }
    }
}

impl Schedule {
    /// The schedule's zone, or the error [`Schedule::validate`] would give for it.
    pub fn zone(&self) -> Result<Tz, ScheduleError> {
        Tz::from_str(&self.time_zone).map_err(|_| ScheduleError::UnknownTimeZone { name: self.time_zone.clone() })
    }

    /// Checks everything [`crate::free_slots`] relies on and returns the first problem.
    ///
    /// The server calls this when an expert saves the schedule; the slot functions call it
    /// again and offer nothing for a schedule that fails, rather than guessing.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        self.zone()?;
        if !SLOT_MINUTES.contains(&self.slot_minutes) {
            return Err(ScheduleError::SlotLength(self.slot_minutes));
        }
        if !BUFFER_MINUTES.contains(&self.buffer_minutes) {
            return Err(ScheduleError::Buffer(self.buffer_minutes));
        }
        if !NOTICE_HOURS.contains(&self.min_notice_hours) {
            return Err(ScheduleError::Notice(self.min_notice_hours));
        }
        if !WINDOW_DAYS.contains(&self.window_days) {
            return Err(ScheduleError::Window(self.window_days));
        }
        if self.weekly.len() > MAX_WEEKLY_RULES {
            return Err(ScheduleError::TooManyRules { count: self.weekly.len() });
        }
        if self.overrides.len() > MAX_OVERRIDES {
            return Err(ScheduleError::TooManyOverrides { count: self.overrides.len() });
        }

        for weekday in WEEK {
            let hours: Vec<LocalHours> = self
                .weekly
                .iter()
                .filter(|rule| rule.weekday == weekday)
                .map(|rule| LocalHours { start: rule.start, end: rule.end })
                .collect();
            check_day(ScheduleDay::Weekday(weekday), &hours, self.slot_minutes)?;
        }

        let mut dates: Vec<NaiveDate> = self.overrides.iter().map(|o| o.date).collect();
        dates.sort_unstable();
        if let Some(pair) = dates.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(ScheduleError::DuplicateOverride { date: pair[0] });
        }
        for day in &self.overrides {
            if day.hours.len() > MAX_HOURS_PER_OVERRIDE {
                return Err(ScheduleError::TooManyHours { date: day.date, count: day.hours.len() });
            }
            check_day(ScheduleDay::Date(day.date), &day.hours, self.slot_minutes)?;
        }
        Ok(())
    }
}

const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

/// Checks the intervals of one day: each well formed and long enough, none overlapping.
fn check_day(day: ScheduleDay, hours: &[LocalHours], slot_minutes: u32) -> Result<(), ScheduleError> {
    for h in hours {
        for time in [h.start, h.end] {
            if time.second() != 0 || time.nanosecond() != 0 {
                return Err(ScheduleError::NotWholeMinute { day, time });
            }
        }
        if h.end <= h.start {
            return Err(ScheduleError::EndNotAfterStart { day, start: h.start, end: h.end });
        }
        if (h.end - h.start).num_minutes() < i64::from(slot_minutes) {
            return Err(ScheduleError::ShorterThanSlot { day, start: h.start, end: h.end, slot_minutes });
        }
    }
    let mut sorted = hours.to_vec();
    sorted.sort_by_key(|h| (h.start, h.end));
    if let Some(pair) = sorted.windows(2).find(|pair| pair[1].start < pair[0].end) {
        return Err(ScheduleError::Overlap {
            day,
            first_start: pair[0].start,
            first_end: pair[0].end,
            second_start: pair[1].start,
            second_end: pair[1].end,
        });
    }
    Ok(())
}
