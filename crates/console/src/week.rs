//! The arbeidsdeskundige's week: editing availability (hours per weekday, several blocks making
//! a split day; days off and other exceptions by date; what the errors of the shared check,
//! `werkscan_booking::Availability::check`, the same the server runs, mean for the form), and the
//! agenda of today, this week and later.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use werkscan_api::booking::ExpertAppointment;
use werkscan_booking::{
    Availability, DateOverride, Kind, KindOffer, LocalHours, OfferError, ScheduleDay, ScheduleError, WeeklyRule,
};
use werkscan_core::when::day_in_words;
use werkscan_core::Lang;

use crate::words;

/// The days of the week, Monday first (as Dutch calendars show them).
pub const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

/// A weekday's name.
pub fn weekday_name(lang: Lang, day: Weekday) -> &'static str {
    let names = match lang {
        Lang::Nl => ["Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag"],
        Lang::En => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    };
    names[day.num_days_from_monday() as usize]
}

/// The positions (in `weekly`) of a weekday's blocks, earliest first.
pub fn blocks_of(availability: &Availability, day: Weekday) -> Vec<usize> {
    let weekly = &availability.schedule.weekly;
    let mut positions: Vec<usize> = (0..weekly.len()).filter(|&index| weekly[index].weekday == day).collect();
    positions.sort_by_key(|&index| weekly[index].start);
    positions
}

fn time(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid time of day")
}

/// Adds a block to a weekday: 09:00–12:00 on an empty day, else the hour after its last block
/// (up to 23:59), which the person then adjusts.
pub fn add_block(availability: &mut Availability, day: Weekday) {
    let last_end = blocks_of(availability, day).last().map(|&index| availability.schedule.weekly[index].end);
    let (start, end) = match last_end {
        None => (time(9, 0), time(12, 0)),
        Some(end) => {
            let start = end.min(time(22, 59));
            (start, (start + chrono::Duration::hours(1)).min(time(23, 59)))
        }
    };
    availability.schedule.weekly.push(WeeklyRule { weekday: day, start, end });
}

/// Removes the block at a position of `weekly`.
pub fn remove_block(availability: &mut Availability, index: usize) {
    if index < availability.schedule.weekly.len() {
        availability.schedule.weekly.remove(index);
    }
}

/// Reads a time as a time input gives it (`09:30`).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// A time as a time input wants it.
pub fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// Sets the start or end of a block; text that is not a time is ignored (the input shows it
/// as invalid itself).
pub fn set_block_time(availability: &mut Availability, index: usize, is_start: bool, text: &str) {
    let (Some(block), Some(value)) = (availability.schedule.weekly.get_mut(index), parse_time(text)) else { return };
    if is_start {
        block.start = value;
    } else {
        block.end = value;
    }
}

/// Marks a date as a day off (replacing other hours of that date), keeping the list by date.
pub fn add_day_off(availability: &mut Availability, date: NaiveDate) {
    let overrides = &mut availability.schedule.overrides;
    overrides.retain(|other| other.date != date);
    overrides.push(DateOverride { date, hours: Vec::new() });
    overrides.sort_by_key(|other| other.date);
}

/// The longest stretch of days off added at once (a long leave is still a handful of
/// overrides below `werkscan_booking::MAX_OVERRIDES`; a typo in the year is not).
pub const LONGEST_DAYS_OFF: i64 = 120;

/// Why a stretch of days off cannot be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DaysOffProblem {
    /// The last day lies before the first.
    EndBeforeStart,
    /// More than [`LONGEST_DAYS_OFF`] days.
    TooLong,
}

/// Makes every date from `from` up to and including `until` a day off (a holiday, a leave),
/// replacing any hours those dates had; returns how many days that is.
pub fn add_days_off(
    availability: &mut Availability,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<usize, DaysOffProblem> {
    let days = (until - from).num_days();
    if days < 0 {
        return Err(DaysOffProblem::EndBeforeStart);
    }
    if days >= LONGEST_DAYS_OFF {
        return Err(DaysOffProblem::TooLong);
    }
    for date in from.iter_days().take(days as usize + 1) {
        add_day_off(availability, date);
    }
    Ok(days as usize + 1)
}

/// The public holidays from `today` for a year ahead that the schedule still offers hours on:
/// what the screen proposes as days off. A date with its own exception already (a day off, or
/// hours the expert chose to work) is the expert's decision and is left alone, and so is a
/// holiday on a weekday without hours.
pub fn holidays_to_propose(availability: &Availability, today: NaiveDate) -> Vec<werkscan_booking::Holiday> {
    let until = today.checked_add_days(chrono::Days::new(365)).unwrap_or(today);
    werkscan_booking::dutch_holidays_between(today, until)
        .into_iter()
        .filter(|holiday| !availability.schedule.overrides.iter().any(|other| other.date == holiday.date))
        .filter(|holiday| availability.schedule.weekly.iter().any(|rule| rule.weekday == holiday.date.weekday()))
        .collect()
}

/// Gives a date its own hours instead of the weekday's (a day off becomes a day with hours).
pub fn set_date_hours(availability: &mut Availability, date: NaiveDate, start: NaiveTime, end: NaiveTime) {
    let overrides = &mut availability.schedule.overrides;
    overrides.retain(|other| other.date != date);
    overrides.push(DateOverride { date, hours: vec![LocalHours { start, end }] });
    overrides.sort_by_key(|other| other.date);
}

/// Removes the exception of a date: it follows the week again.
pub fn remove_date(availability: &mut Availability, date: NaiveDate) {
    availability.schedule.overrides.retain(|other| other.date != date);
}

/// Drops exceptions for dates before `today`: they no longer matter and only fill the list.
pub fn without_past(availability: &mut Availability, today: NaiveDate) {
    availability.schedule.overrides.retain(|other| other.date >= today);
}

/// Turns a kind of conversation on (with its link or address) or off.
pub fn set_kind(availability: &mut Availability, kind: Kind, on: bool) {
    let kinds = &mut availability.kinds;
    match (on, kinds.iter().position(|offer| offer.kind == kind)) {
        (true, None) => {
            kinds.push(KindOffer { kind, detail: None });
            kinds.sort_by_key(|offer| Kind::ALL.iter().position(|other| *other == offer.kind));
        }
        (false, Some(index)) => {
            kinds.remove(index);
        }
        _ => {}
    }
}

/// Sets the link (video) or address (in person) of an offered kind.
pub fn set_kind_detail(availability: &mut Availability, kind: Kind, detail: &str) {
    if let Some(offer) = availability.kinds.iter_mut().find(|offer| offer.kind == kind) {
        let detail = detail.trim();
        offer.detail = (!detail.is_empty()).then(|| detail.to_owned());
    }
}

/// The day an error of the check is about, in words ("Maandag", "dinsdag 8 december"), so the
/// form can say where to look.
pub fn problem_day(lang: Lang, error: &OfferError) -> Option<String> {
    let OfferError::Schedule(error) = error else { return None };
    let day = match error {
        ScheduleError::EndNotAfterStart { day, .. }
        | ScheduleError::NotWholeMinute { day, .. }
        | ScheduleError::ShorterThanSlot { day, .. }
        | ScheduleError::Overlap { day, .. } => *day,
        ScheduleError::DuplicateOverride { date } | ScheduleError::TooManyHours { date, .. } => {
            ScheduleDay::Date(*date)
        }
        _ => return None,
    };
    Some(match day {
        ScheduleDay::Weekday(weekday) => weekday_name(lang, weekday).to_owned(),
        ScheduleDay::Date(date) => day_in_words(lang, date),
    })
}

/// The Monday of the week a date falls in.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// Today's, the rest of this week's, and later appointments.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Agenda {
    /// Today.
    pub today: Vec<ExpertAppointment>,
    /// Later this week (to Sunday).
    pub this_week: Vec<ExpertAppointment>,
    /// After this week.
    pub later: Vec<ExpertAppointment>,
}

/// Splits upcoming appointments (soonest first) by day, in this browser's time.
pub fn agenda(upcoming: Vec<ExpertAppointment>, today: NaiveDate) -> Agenda {
    let sunday = monday_of(today) + chrono::Days::new(6);
    let mut agenda = Agenda::default();
    for appointment in upcoming {
        match words::moment_date(&appointment.start) {
            Some(day) if day <= today => agenda.today.push(appointment),
            Some(day) if day <= sunday => agenda.this_week.push(appointment),
            _ => agenda.later.push(appointment),
        }
    }
    agenda
}
