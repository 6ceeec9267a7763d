//! Calendar files, read back with the independent `ical` parser.

use chrono::Duration;
use werkscan_booking::{calendar_file, EventInfo, Person, Place, Purpose, PRODUCT_ID};

use crate::support::{parse_ics, unescape, utc};

const LONG_DUTCH: &str = "Adviesgesprek met de arbeidsdeskundige — één locatie, \
    gesprek over uw werk; we bespreken de uitkomsten van de scan en wat u nodig heeft. \
    Neem gerust iemand mee die u vertrouwt. Geen tijd? Verplaats het gesprek via de link \
    in de bevestiging — dat kan tot 24 uur van tevoren. Hartelijke groet, Ç'est ça: ü ö ë ï é è.";

fn booking() -> EventInfo {
    EventInfo {
        uid: "8d3f0c2e-5b9a-4c61-9e1f-2a7b6c5d4e3f@werkscan.nl".into(),
        sequence: 0,
        start: utc(2026, 3, 23, 8, 0),
        end: utc(2026, 3, 23, 8, 45),
        summary: "Adviesgesprek met de arbeidsdeskundige — één locatie".into(),
        description: LONG_DUTCH.into(),
        place: Some(Place::Address("Stationsplein 1, 3511 ED Utrecht".into())),
        organizer: Some(Person {
            name: Some("Mr. drs. A. de Vries-Öztürk".into()),
            email: "expert@werkscan.nl".into(),
        }),
        attendee: Some(Person { name: Some("Jansen, Marieke".into()), email: "marieke@example.nl".into() }),
        stamp: utc(2026, 3, 1, 12, 0),
    }
}

/// Every line ends in CRLF, and no physical line is longer than 75 octets.
fn assert_well_formed(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count(), "bare LF");
    assert_eq!(ics.matches('\r').count(), ics.matches("\r\n").count(), "bare CR");
    let lines: Vec<&str> = ics.split_terminator("\r\n").collect();
    for (i, line) in lines.iter().enumerate() {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        let folded_here = lines.get(i + 1).is_some_and(|next| next.starts_with(' '));
        assert!(!(folded_here && line.ends_with(' ')), "a reader that trims lines would lose this space: {line:?}");
    }
}

#[test]
fn a_request_carries_what_a_calendar_needs() {
    let ics = calendar_file(&booking(), Purpose::Request);
    assert_well_formed(&ics);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    let parsed = parse_ics(&ics);
    assert_eq!(parsed.calendar("VERSION"), Some("2.0"));
    assert_eq!(parsed.calendar("PRODID"), Some(PRODUCT_ID));
    assert_eq!(parsed.calendar("METHOD"), Some("REQUEST"));
    assert_eq!(parsed.event("UID"), Some("8d3f0c2e-5b9a-4c61-9e1f-2a7b6c5d4e3f@werkscan.nl"));
    assert_eq!(parsed.event("SEQUENCE"), Some("0"));
    assert_eq!(parsed.event("DTSTAMP"), Some("20260301T120000Z"));
    assert_eq!(parsed.event("DTSTART"), Some("20260323T080000Z"));
    assert_eq!(parsed.event("DTEND"), Some("20260323T084500Z"));
    assert_eq!(parsed.event("STATUS"), Some("CONFIRMED"));
    assert_eq!(parsed.event("ORGANIZER"), Some("mailto:expert@werkscan.nl"));
    assert_eq!(parsed.event_param("ORGANIZER", "CN").as_deref(), Some("Mr. drs. A. de Vries-Öztürk"));
    assert_eq!(parsed.event("ATTENDEE"), Some("mailto:marieke@example.nl"));
    assert_eq!(parsed.event_param("ATTENDEE", "CN").as_deref(), Some("Jansen, Marieke"));
    assert_eq!(parsed.event_param("ATTENDEE", "ROLE").as_deref(), Some("REQ-PARTICIPANT"));
    assert_eq!(parsed.event("LOCATION").map(unescape).as_deref(), Some("Stationsplein 1, 3511 ED Utrecht"));
    assert_eq!(parsed.event_count("URL"), 0);
}

#[test]
fn long_dutch_text_is_folded_and_survives() {
    let ics = calendar_file(&booking(), Purpose::Request);
    assert_well_formed(&ics);
    assert!(ics.contains("\r\n "), "the description needs folding");
    let parsed = parse_ics(&ics);
    assert_eq!(
        parsed.event("SUMMARY").map(unescape).as_deref(),
        Some("Adviesgesprek met de arbeidsdeskundige — één locatie")
    );
    assert_eq!(parsed.event("DESCRIPTION").map(unescape).as_deref(), Some(LONG_DUTCH));

    // Multi-octet characters at every possible fold position.
    for pad in 0..8 {
        let mut event = booking();
        event.summary = format!("{}{}.", "x".repeat(pad), "één ë — ☃ ".repeat(20));
        let ics = calendar_file(&event, Purpose::Request);
        assert_well_formed(&ics);
        assert_eq!(parse_ics(&ics).event("SUMMARY").map(unescape), Some(event.summary), "pad {pad}");
    }
}

#[test]
fn text_is_escaped() {
    let mut event = booking();
    event.summary = "Gesprek; kort, met \\ en\nregel".into();
    event.description = "Eerste regel\r\nTweede; regel, met komma\rDerde".into();
    let ics = calendar_file(&event, Purpose::Request);
    assert_well_formed(&ics);
    assert!(ics.contains("SUMMARY:Gesprek\\; kort\\, met \\\\ en\\nregel\r\n"), "{ics}");
    let parsed = parse_ics(&ics);
    assert_eq!(
        parsed.event("DESCRIPTION").map(unescape).as_deref(),
        Some("Eerste regel\nTweede; regel, met komma\nDerde")
    );
}

#[test]
fn line_breaks_cannot_inject_properties() {
    let mut event = booking();
    event.summary = "Gesprek\r\nATTENDEE:mailto:someone@else.example".into();
    event.uid = "abc\r\nMETHOD:CANCEL".into();
    event.attendee =
        Some(Person { name: Some("Eve\"\r\nX:y".into()), email: "eve@example.nl\r\nATTENDEE:mailto:x@y".into() });
    let ics = calendar_file(&event, Purpose::Request);
    assert_well_formed(&ics);
    let parsed = parse_ics(&ics);
    assert_eq!(parsed.event_count("ATTENDEE"), 1);
    assert_eq!(parsed.calendar("METHOD"), Some("REQUEST"));
    assert_eq!(parsed.event("UID").map(unescape).as_deref(), Some("abc\nMETHOD:CANCEL"));
}

#[test]
fn a_move_keeps_the_uid_and_raises_the_sequence() {
    let first = booking();
    let moved = EventInfo {
        sequence: first.sequence + 1,
        start: first.start + Duration::days(7),
        end: first.end + Duration::days(7),
        stamp: first.stamp + Duration::hours(2),
        ..first.clone()
    };
    let before = parse_ics(&calendar_file(&first, Purpose::Request));
    let after = parse_ics(&calendar_file(&moved, Purpose::Request));
    assert_eq!(before.event("UID"), after.event("UID"));
    let sequence =
        |p: &crate::support::Parsed| p.event("SEQUENCE").and_then(|s| s.parse::<u32>().ok()).expect("sequence");
    assert!(sequence(&after) > sequence(&before));
    assert_eq!(after.event("DTSTART"), Some("20260330T080000Z"));
    assert_eq!(after.event("DTEND"), Some("20260330T084500Z"));
    assert_eq!(after.calendar("METHOD"), Some("REQUEST"));
}

#[test]
fn a_cancellation_says_so_twice() {
    let event = EventInfo { sequence: 2, ..booking() };
    let ics = calendar_file(&event, Purpose::Cancel);
    assert_well_formed(&ics);
    let parsed = parse_ics(&ics);
    assert_eq!(parsed.calendar("METHOD"), Some("CANCEL"));
    assert_eq!(parsed.event("STATUS"), Some("CANCELLED"));
    assert_eq!(parsed.event("SEQUENCE"), Some("2"));
    assert_eq!(parsed.event("UID"), Some("8d3f0c2e-5b9a-4c61-9e1f-2a7b6c5d4e3f@werkscan.nl"));
    assert_eq!(parsed.event("DTSTART"), Some("20260323T080000Z"));
    // RFC 5546 requires the organizer on a CANCEL too, or calendars do not take it as the
    // organizer's cancellation of the event they hold.
    assert_eq!(parsed.event("ORGANIZER"), Some("mailto:expert@werkscan.nl"));
    assert_eq!(parsed.event_param("ORGANIZER", "CN").as_deref(), Some("Mr. drs. A. de Vries-Öztürk"));
    assert_eq!(parsed.event("ATTENDEE"), Some("mailto:marieke@example.nl"));
}

#[test]
fn the_mail_method_matches_the_file() {
    for purpose in [Purpose::Request, Purpose::Cancel] {
        let parsed = parse_ics(&calendar_file(&booking(), purpose));
        assert_eq!(parsed.calendar("METHOD"), Some(purpose.method()));
        // Private whatever it says: a shared calendar shows the time as busy, not the entry.
        assert_eq!(parsed.event("CLASS"), Some("PRIVATE"), "{purpose:?}");
        assert_eq!(parsed.event_count("CLASS"), 1);
        assert_eq!(purpose.content_type(), format!("text/calendar; charset=utf-8; method={}", purpose.method()));
    }
}

#[test]
fn a_video_call_is_the_location_and_the_url() {
    let event = EventInfo {
        place: Some(Place::Video("https://meet.example.nl/abc-def?pwd=x,y;z".into())),
        organizer: None,
        attendee: None,
        description: String::new(),
        ..booking()
    };
    let ics = calendar_file(&event, Purpose::Request);
    assert_well_formed(&ics);
    let parsed = parse_ics(&ics);
    assert_eq!(parsed.event("URL"), Some("https://meet.example.nl/abc-def?pwd=x,y;z"));
    assert_eq!(parsed.event("LOCATION").map(unescape).as_deref(), Some("https://meet.example.nl/abc-def?pwd=x,y;z"));
    for absent in ["ORGANIZER", "ATTENDEE", "DESCRIPTION"] {
        assert_eq!(parsed.event_count(absent), 0, "{absent}");
    }
}

#[test]
fn the_same_booking_gives_the_same_file() {
    assert_eq!(calendar_file(&booking(), Purpose::Request), calendar_file(&booking(), Purpose::Request));
    let ics = calendar_file(&EventInfo { place: None, organizer: None, attendee: None, ..booking() }, Purpose::Cancel);
    assert_eq!(
        ics,
        calendar_file(&EventInfo { place: None, organizer: None, attendee: None, ..booking() }, Purpose::Cancel)
    );
}

#[test]
fn every_event_is_private() {
    for purpose in [Purpose::Request, Purpose::Cancel] {
        let parsed = parse_ics(&calendar_file(&booking(), purpose));
        assert_eq!(parsed.event("CLASS"), Some("PRIVATE"), "{purpose:?}");
    }
}

#[test]
fn a_feed_holds_every_event_with_the_cancelled_ones_as_cancelled() {
    let moved = EventInfo {
        uid: "second@werkscan.nl".into(),
        sequence: 2,
        start: utc(2026, 3, 24, 9, 0),
        end: utc(2026, 3, 24, 9, 45),
        ..booking()
    };
    let ics = werkscan_booking::calendar_feed(
        "Werkscan — gesprekken",
        &[(booking(), Purpose::Request), (moved, Purpose::Cancel)],
    );
    assert_well_formed(&ics);
    let calendar =
        ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes())).next().expect("one calendar").expect("parses");
    let property = |props: &[ical::property::Property], name: &str| {
        props.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
    };
    assert_eq!(property(&calendar.properties, "METHOD"), None, "a subscribed calendar is published, not an invitation");
    assert_eq!(property(&calendar.properties, "X-WR-CALNAME").as_deref(), Some("Werkscan — gesprekken"));
    let events: Vec<(Option<String>, Option<String>, Option<String>)> = calendar
        .events
        .iter()
        .map(|event| {
            (
                property(&event.properties, "UID"),
                property(&event.properties, "STATUS"),
                property(&event.properties, "CLASS"),
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            (
                Some("8d3f0c2e-5b9a-4c61-9e1f-2a7b6c5d4e3f@werkscan.nl".into()),
                Some("CONFIRMED".into()),
                Some("PRIVATE".into())
            ),
            (Some("second@werkscan.nl".into()), Some("CANCELLED".into()), Some("PRIVATE".into())),
        ]
    );
    assert_eq!(werkscan_booking::calendar_feed("Leeg", &[]).matches("BEGIN:VEVENT").count(), 0);
}
