//! Turning a schedule and the expert's busy times into bookable conversations.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::schedule::{DateOverride, LocalHours, Schedule, ScheduleError};

/// A stretch of absolute time, half-open: `[start, end)`. Two appointments where one ends at
/// 10:45 and the next starts at 10:45 do not overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// First instant inside.
    pub start: DateTime<Utc>,
    /// First instant after.
    pub end: DateTime<Utc>,
}

impl Interval {
    /// Whether the two share any instant. An empty or reversed interval (end not after start)
    /// holds no instant and so overlaps nothing; the server must not store such busy time.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < self.end && other.start < other.end && self.start < other.end && other.start < self.end
    }
}

/// A conversation time that can be offered or was booked.
///
/// It carries the local date and times next to the UTC instants so a phone can say "dinsdag
/// 8 december, 10.30 uur" without time zone data of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// When the conversation starts.
    pub start: DateTime<Utc>,
    /// When it ends (`start` plus the schedule's slot length).
    pub end: DateTime<Utc>,
    /// The date in the schedule's zone.
    pub local_date: NaiveDate,
    /// The start on the expert's wall clock.
    pub local_start: NaiveTime,
    /// The end on the expert's wall clock.
    pub local_end: NaiveTime,
}

impl Slot {
    /// The slot's absolute time, for overlap checks.
    pub fn interval(&self) -> Interval {
        Interval { start: self.start, end: self.end }
    }
}

/// Why a requested start cannot be booked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlotError {
    /// The start has already passed.
    #[error("this time has already passed")]
    Past,
    /// The start is sooner than the schedule's minimum notice.
    #[error("this time is too soon to book")]
    TooSoon,
    /// The start is further ahead than the schedule's booking window.
    #[error("this time is too far ahead to book")]
    OutsideWindow,
    /// Not a slot the schedule offers: outside the hours, not on the slot grid, or on a local
    /// time that a daylight-saving change skips or repeats.
    #[error("the expert does not offer this time")]
    OutsideRules,
    /// The slot, with the expert's pause around it, overlaps busy time.
    #[error("this time is no longer free")]
    Taken,
    /// The schedule itself is broken, so no time can be booked.
    #[error("the expert's schedule is invalid: {0}")]
    InvalidSchedule(ScheduleError),
}

impl SlotError {
    /// A stable snake_case identifier, for API responses and translations of the message.
    pub fn code(&self) -> &'static str {
        match self {
            SlotError::Past => "past",
            SlotError::TooSoon => "too_soon",
            SlotError::OutsideWindow => "outside_window",
            SlotError::OutsideRules => "outside_rules",
            SlotError::Taken => "taken",
            SlotError::InvalidSchedule(_) => "invalid_schedule",
        }
    }
}

/// Every slot the expert can still be booked for, earliest first.
///
/// A slot is offered when its start lies in `[now + minimum notice, now + window]` (both edges
/// included) and the slot, widened by the buffer on both sides, overlaps no `busy` interval.
/// Each interval of the day's hours is cut into back-to-back slots from its start; a slot
/// must end by the interval's end, and a remainder too short for a slot stays unused.
///
/// A slot whose local start or end does not exist (the spring-forward gap) or exists twice
/// (the autumn fold) is never offered, and neither is one whose real length differs from the
/// slot length because a change falls inside it: the person and the expert must agree on the
/// time without having to think about the change.
///
/// A schedule that fails [`Schedule::validate`] offers nothing.
pub fn free_slots(schedule: &Schedule, busy: &[Interval], now: DateTime<Utc>) -> Vec<Slot> {
    let Ok(plan) = Plan::new(schedule) else {
        return Vec::new();
    };
    let earliest = now + plan.notice;
    let latest = now + plan.window;
    // Appointments long past or far ahead cannot touch an offered slot.
    let (from, to) = (earliest - plan.buffer, latest + plan.slot + plan.buffer);
    let busy = BusyTimes::new(busy.iter().filter(|b| b.end > from && b.start < to));

    // A day in the zone can start up to about a day before or after the same UTC date, so one
    // extra date on each side covers every slot in range.
    let first = earliest.with_timezone(&plan.zone).date_naive().pred_opt();
    let last = latest.with_timezone(&plan.zone).date_naive().succ_opt();
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };

    let mut slots = Vec::new();
    for date in first.iter_days().take_while(|date| *date <= last) {
        plan.slots_on(date, |slot| {
            if slot.start >= earliest && slot.start <= latest && plan.is_free(&slot, &busy) {
                slots.push(slot);
            }
        });
    }
    slots.sort_by_key(|slot| slot.start);
    slots
}

/// Checks a requested start and returns its slot, or why it cannot be booked.
///
/// After the schedule itself, the checks run in the order of the errors in [`SlotError`], so a
/// time that is both too soon and taken is reported as too soon: that reason holds whatever
/// else changes. Call this again
/// inside the transaction that stores the booking, with the busy times read there, so two
/// people cannot book the same slot.
pub fn check_slot(
    schedule: &Schedule,
    busy: &[Interval],
    now: DateTime<Utc>,
    start: DateTime<Utc>,
) -> Result<Slot, SlotError> {
    let plan = Plan::new(schedule).map_err(SlotError::InvalidSchedule)?;
    if start < now {
        return Err(SlotError::Past);
    }
    if start < now + plan.notice {
        return Err(SlotError::TooSoon);
    }
    if start > now + plan.window {
        return Err(SlotError::OutsideWindow);
    }
    // A slot belongs to the local date of its start, so only that date can hold it.
    let date = start.with_timezone(&plan.zone).date_naive();
    let mut found = None;
    plan.slots_on(date, |slot| {
        if slot.start == start {
            found = Some(slot);
        }
    });
    let slot = found.ok_or(SlotError::OutsideRules)?;
    if plan.is_free(&slot, &BusyTimes::new(busy)) {
        Ok(slot)
    } else {
        Err(SlotError::Taken)
    }
}

/// A validated schedule in the shape the slot search needs.
struct Plan<'a> {
    schedule: &'a Schedule,
    zone: Tz,
    slot: Duration,
    buffer: Duration,
    notice: Duration,
    window: Duration,
    overrides: BTreeMap<NaiveDate, &'a DateOverride>,
}

impl<'a> Plan<'a> {
    fn new(schedule: &'a Schedule) -> Result<Self, ScheduleError> {
        schedule.validate()?;
        Ok(Plan {
            schedule,
            zone: schedule.zone()?,
            slot: Duration::minutes(i64::from(schedule.slot_minutes)),
            buffer: Duration::minutes(i64::from(schedule.buffer_minutes)),
            notice: Duration::hours(i64::from(schedule.min_notice_hours)),
            window: Duration::days(i64::from(schedule.window_days)),
            overrides: schedule.overrides.iter().map(|o| (o.date, o)).collect(),
        })
    }

    /// Calls `offer` with every slot the hours of `date` give, before notice, window and busy
    /// times are considered.
    fn slots_on(&self, date: NaiveDate, mut offer: impl FnMut(Slot)) {
        let mut cut = |hours: LocalHours| {
            let end = date.and_time(hours.end);
            let mut local_start = date.and_time(hours.start);
            let mut start = unique_instant(self.zone, local_start);
            while local_start + self.slot <= end {
                let local_end = local_start + self.slot;
                // Each slot's end is the next one's start: convert every local time once.
                let slot_end = unique_instant(self.zone, local_end);
                if let Some(slot) = self.slot_at(local_start, start, local_end, slot_end) {
                    offer(slot);
                }
                local_start = local_end;
                start = slot_end;
            }
        };
        match self.overrides.get(&date) {
            Some(day) => day.hours.iter().copied().for_each(&mut cut),
            None => self
                .schedule
                .weekly
                .iter()
                .filter(|rule| rule.weekday == date.weekday())
                .for_each(|rule| cut(LocalHours { start: rule.start, end: rule.end })),
        }
    }

    /// The slot between two local times, if both name exactly one instant (`None` in a gap or
    /// a fold) and the slot lasts exactly its length in real time.
    fn slot_at(
        &self,
        local_start: NaiveDateTime,
        start: Option<DateTime<Utc>>,
        local_end: NaiveDateTime,
        end: Option<DateTime<Utc>>,
    ) -> Option<Slot> {
        let (start, end) = (start?, end?);
        if end - start != self.slot {
            return None;
        }
        Some(Slot {
            start,
            end,
            local_date: local_start.date(),
            local_start: local_start.time(),
            local_end: local_end.time(),
        })
    }

    fn is_free(&self, slot: &Slot, busy: &BusyTimes) -> bool {
        let guarded = Interval { start: slot.start - self.buffer, end: slot.end + self.buffer };
        !busy.overlaps(&guarded)
    }
}

/// Busy time merged into sorted, disjoint intervals, so checking a slot is one binary search
/// instead of a comparison with every appointment.
struct BusyTimes(Vec<Interval>);

impl BusyTimes {
    fn new<'a>(busy: impl IntoIterator<Item = &'a Interval>) -> Self {
        // Empty and reversed intervals hold no instant (see `Interval::overlaps`).
        let mut sorted: Vec<Interval> = busy.into_iter().filter(|b| b.start < b.end).copied().collect();
        sorted.sort_unstable_by_key(|b| b.start);
        let mut merged: Vec<Interval> = Vec::with_capacity(sorted.len());
        for next in sorted {
            match merged.last_mut() {
                // Touching intervals merge too: [a, b) and [b, c) cover [a, c).
                Some(last) if next.start <= last.end => last.end = last.end.max(next.end),
                _ => merged.push(next),
            }
        }
        BusyTimes(merged)
    }

    fn overlaps(&self, interval: &Interval) -> bool {
        // The first busy stretch that ends after the interval starts is the only candidate:
        // every later one starts after it ends.
        let candidate = self.0.partition_point(|b| b.end <= interval.start);
        self.0.get(candidate).is_some_and(|b| b.overlaps(interval))
    }
}

/// The one instant a local time names, or `None` in a gap or a fold.
fn unique_instant(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(at) => Some(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(..) | LocalResult::None => None,
    }
}
