//! Booking an adviesgesprek: when an expert is free, the calendar invitation that confirms,
//! moves or cancels a conversation, and how a conversation time reads in words.
//!
//! Pure functions over plain data: no database, clock, network or files. The server reads the
//! schedule and busy times, passes the current time in, and stores or sends what comes back;
//! that keeps every rule here testable to the minute, daylight-saving changes included.
//!
//! Times cross the API in UTC. An expert's hours are local wall-clock times in the schedule's
//! IANA zone (compiled in through `chrono-tz`), and each [`Slot`] also carries its local date
//! and times, so a phone can show them without zone data.

#![warn(missing_docs)]

#[cfg(feature = "calendar")]
mod calendar;
mod holidays;
mod offer;
mod schedule;
mod slots;

#[cfg(feature = "calendar")]
pub use calendar::{calendar_feed, calendar_file, EventInfo, Person, Place, Purpose, PRODUCT_ID};
pub use holidays::{dutch_holidays, dutch_holidays_between, easter_sunday, Holiday};
pub use offer::{Availability, Kind, KindOffer, OfferError, MAX_DETAIL};
pub use schedule::{
    DateOverride, LocalHours, Schedule, ScheduleDay, ScheduleError, WeeklyRule, BUFFER_MINUTES, DEFAULT_TIME_ZONE,
    MAX_HOURS_PER_OVERRIDE, MAX_OVERRIDES, MAX_WEEKLY_RULES, NOTICE_HOURS, SLOT_MINUTES, WINDOW_DAYS,
};
pub use slots::{check_slot, free_slots, Interval, Slot, SlotError};
pub use werkscan_core::when::when_in_words;
/// The language of [`when_in_words`]; the same type the rest of Werkscan uses.
pub use werkscan_core::Lang;
