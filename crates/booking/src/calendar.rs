//! Calendar invitations (RFC 5545 `.ics`, sent as iMIP e-mail attachments per RFC 6047) for a
//! booked, moved or cancelled conversation.

use chrono::{DateTime, Utc};
use icalendar::{Attendee, Calendar, Class, Component, EventLike, EventStatus, PartStat, Property, Role};
use serde::{Deserialize, Serialize};

/// Identifies this program in every file it writes (the `PRODID` property).
pub const PRODUCT_ID: &str = "-//Werkscan//Adviesgesprek//NL";

/// Longest physical line RFC 5545 allows, in octets, not counting the line break.
const MAX_LINE_OCTETS: usize = 75;

/// What a calendar file asks of the receiving calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Put the conversation in the calendar, or move it there if the UID is already known.
    Request,
    /// Take the conversation out of the calendar.
    Cancel,
}

impl Purpose {
    /// The iTIP method: the file's `METHOD` property and the `method=` parameter of the e-mail
    /// attachment's content type. Mail clients ignore an invitation whose two disagree.
    pub fn method(self) -> &'static str {
        match self {
            Purpose::Request => "REQUEST",
            Purpose::Cancel => "CANCEL",
        }
    }

    /// The full content type for the e-mail part that carries the file.
    pub fn content_type(self) -> String {
        format!("text/calendar; charset=utf-8; method={}", self.method())
    }
}

/// Where the conversation happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// An address or room, shown as the event's location.
    Address(String),
    /// A video call link: written as the location too, because that is the field calendars
    /// show and make clickable, and as the event's URL.
    Video(String),
}

/// Someone on the invitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Name as calendars show it, if known.
    pub name: Option<String>,
    /// E-mail address, without `mailto:`.
    pub email: String,
}

/// Everything a calendar file says about one conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInfo {
    /// Stays the same for the life of the booking, across moves and the cancellation, so
    /// calendars update their entry instead of adding another.
    pub uid: String,
    /// Revision of the booking. Raise it on every change, including the cancellation:
    /// calendars ignore a file whose sequence is not higher than the one they have.
    pub sequence: u32,
    /// When the conversation starts.
    pub start: DateTime<Utc>,
    /// When it ends.
    pub end: DateTime<Utc>,
    /// Title.
    pub summary: String,
    /// Longer text; may contain line breaks. Empty writes none.
    pub description: String,
    /// Where, if decided.
    pub place: Option<Place>,
    /// Who sends the invitation, normally the expert. Outlook and others only offer to add an
    /// invitation that has an organizer and an attendee.
    pub organizer: Option<Person>,
    /// Who is invited, normally the employee.
    pub attendee: Option<Person>,
    /// When this revision was made (`DTSTAMP`). Passed in, not read from the clock, so the
    /// same booking always gives the same file.
    pub stamp: DateTime<Utc>,
}

/// Writes the `.ics` file for `event` with the given purpose.
///
/// Every entry is private (`CLASS:PRIVATE`): a conversation with an arbeidsdeskundige is the
/// person's own business, so a calendar shared with others (a family's, a work calendar they
/// share with colleagues) shows it as busy without its title or details.
///
/// Times are written in UTC, so no time zone definitions are needed. Lines end in CRLF and
/// are folded at 75 octets on character boundaries, never next to a space, because some
/// readers trim spaces at the ends of physical lines before unfolding. Text is escaped as
/// RFC 5545 demands; control characters other than line breaks and tabs are dropped.
pub fn calendar_file(event: &EventInfo, purpose: Purpose) -> String {
    // `Calendar::new` would add its own PRODID and CALSCALE; start empty and say what we mean.
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODUCT_ID))
        .append_property(Property::new("METHOD", purpose.method()))
        .push(event_component(event, purpose));
    refold(&calendar.to_string())
}

/// Writes a subscribed calendar (an expert's private feed): every event in one file, without
/// a `METHOD` (it is published, not an invitation), the cancelled ones as cancelled so that a
/// calendar that had them shows them struck through or drops them. `name` is what the
/// subscribing calendar calls it.
pub fn calendar_feed(name: &str, events: &[(EventInfo, Purpose)]) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODUCT_ID))
        .append_property(Property::new("X-WR-CALNAME", text(name)));
    for (event, purpose) in events {
        calendar.push(event_component(event, *purpose));
    }
    refold(&calendar.to_string())
}

/// One conversation as a `VEVENT`, private (`CLASS:PRIVATE`: a shared calendar shows the time
/// as busy, not the title).
fn event_component(event: &EventInfo, purpose: Purpose) -> icalendar::Event {
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&text(&event.uid))
        .sequence(event.sequence)
        .timestamp(event.stamp)
        .starts(event.start)
        .ends(event.end)
        .summary(&text(&event.summary))
        .class(Class::Private)
        .status(match purpose {
            Purpose::Request => EventStatus::Confirmed,
            Purpose::Cancel => EventStatus::Cancelled,
        });
    if !event.description.is_empty() {
        vevent.description(&text(&event.description));
    }
    match &event.place {
        Some(Place::Address(address)) => {
            vevent.location(&text(address));
        }
        Some(Place::Video(url)) => {
            vevent.location(&text(url)).url(&uri(url));
        }
        None => {}
    }
    if let Some(organizer) = &event.organizer {
        let mut property = Property::new("ORGANIZER", mailto(&organizer.email));
        if let Some(name) = &organizer.name {
            property.add_parameter("CN", &parameter(name));
        }
        vevent.append_property(property);
    }
    if let Some(attendee) = &event.attendee {
        let mut entry =
            Attendee::new(mailto(&attendee.email)).role(Role::ReqParticipant).partstat(PartStat::NeedsAction);
        if let Some(name) = &attendee.name {
            entry = entry.cn(parameter(name));
        }
        vevent.attendee(entry);
    }
    vevent.done()
}

/// Undoes icalendar's folding and folds again with [`fold`].
///
/// icalendar folds at 75 octets on character boundaries, but it may leave a space at the end
/// of a physical line, which a reader that trims lines loses. Every value reaching it has been
/// cleaned of CR, so `CRLF SPACE` in its output can only be a fold.
fn refold(folded: &str) -> String {
    let unfolded = folded.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 32);
    for line in unfolded.split_terminator("\r\n") {
        fold(line, &mut out);
    }
    out
}

/// Appends `line` to `out` as physical lines of at most 75 octets, each ending in CRLF, the
/// continuations starting with one space.
fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    while rest.len() > room {
        let cut = fold_point(rest, room);
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // A continuation's leading space counts towards its 75 octets.
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Where to break `rest` so the first part has at most `room` octets: the last character
/// boundary with no whitespace on either side, or, in a long run of spaces, the last boundary.
fn fold_point(rest: &str, room: usize) -> usize {
    let boundaries = || (1..=room).rev().filter(|&at| rest.is_char_boundary(at));
    let beside_space =
        |at: usize| rest[..at].ends_with(char::is_whitespace) || rest[at..].starts_with(char::is_whitespace);
    boundaries()
        .find(|&at| !beside_space(at))
        .or_else(|| boundaries().next())
        // A character is at most 4 octets and `room` at least 74, so a boundary exists.
        .unwrap_or(room)
}

/// A TEXT value: line breaks normalised to LF (icalendar escapes LF as `\n`; a bare CR would
/// break the file), other control characters dropped.
fn text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// A parameter value such as a name: it cannot hold a double quote or a line break, and
/// icalendar quotes it where commas, colons or semicolons need that.
fn parameter(value: &str) -> String {
    value.chars().filter(|c| !c.is_control() && *c != '"').collect()
}

/// A URI value: written as is, so whitespace and control characters are dropped.
fn uri(value: &str) -> String {
    value.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect()
}

fn mailto(email: &str) -> String {
    format!("mailto:{}", uri(email))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_away_from_spaces_and_inside_characters() {
        let line = format!("DESCRIPTION:{}einde", "één arbeidsdeskundige ".repeat(12));
        let mut out = String::new();
        fold(&line, &mut out);
        for physical in out.split_terminator("\r\n") {
            assert!(physical.len() <= MAX_LINE_OCTETS, "{physical:?}");
            assert!(!physical.ends_with(' '), "{physical:?}");
            assert!(!physical.starts_with("  "), "{physical:?}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn folds_a_run_of_spaces_anyway() {
        let line = format!("X:{}", " ".repeat(200));
        let mut out = String::new();
        fold(&line, &mut out);
        assert!(out.split_terminator("\r\n").all(|l| l.len() <= MAX_LINE_OCTETS));
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }
}
