//! Integration tests of the booking crate: slots across daylight-saving changes, schedule
//! validation, calendar files read back with an independent parser, and times in words.

mod calendar;
mod holidays;
mod schedule;
mod slots;
mod support;
mod words;
