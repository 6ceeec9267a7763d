//! The calendar files of an appointment (`.ics`, written by `werkscan-booking`) and the words
//! they share with the mails: pure, from the appointment and the expert's availability.

use chrono::{NaiveDate, NaiveTime, Utc};
use werkscan_booking::{calendar_file, Availability, EventInfo, Kind, Person, Place, Purpose};
use werkscan_core::Lang;

use crate::booking::appointment::Appointment;

/// The local date and time of an appointment in the expert's zone (Amsterdam when they have
/// none), for words and views.
pub(super) fn local_times(availability: Option<&Availability>, appointment: &Appointment) -> (NaiveDate, NaiveTime) {
    let zone =
        availability.and_then(|availability| availability.schedule.zone().ok()).unwrap_or(chrono_tz::Europe::Amsterdam);
    let local = appointment.start().with_timezone(&zone);
    (local.date_naive(), local.time())
}

/// The video link or address of an appointment's kind, as the expert offers it now.
pub(super) fn place_of(availability: Option<&Availability>, appointment: &Appointment) -> Option<String> {
    availability?.kinds.iter().find(|offer| offer.kind == appointment.kind)?.detail.clone()
}

pub(super) fn ics_for(availability: Option<&Availability>, appointment: &Appointment, purpose: Purpose) -> String {
    let lang = appointment.lang;
    let place = place_of(availability, appointment).map(|detail| match appointment.kind {
        Kind::Video => Place::Video(detail),
        _ => Place::Address(detail),
    });
    // The title is what a calendar shows to whoever glances at it (a shared family or work
    // calendar, a phone's lock screen): who the appointment is with, nothing about health, a
    // scan or an arbeidsdeskundige. The file is marked private as well (CLASS:PRIVATE).
    let summary = appointment_with(lang, &appointment.expert_name);
    let description = match (lang, appointment.kind) {
        (Lang::Nl, Kind::Telefoon) => format!("{} belt je op het nummer dat je gaf.", appointment.expert_name),
        (Lang::En, Kind::Telefoon) => format!("{} will call you on the number you gave.", appointment.expert_name),
        (lang, kind) => kind.words(lang).to_owned(),
    };
    let event = EventInfo {
        uid: appointment.ics_uid.clone(),
        sequence: u32::try_from(appointment.sequence).unwrap_or(u32::MAX),
        start: appointment.start(),
        end: appointment.end(),
        summary,
        description,
        place,
        // RFC 5546 requires an organizer on REQUEST and CANCEL, and Outlook and Gmail treat a file
        // without one as a plain event. The expert sends the invitation: their name and their
        // account address, where the person's calendar sends its accept or decline.
        organizer: Some(Person {
            name: Some(appointment.expert_name.clone()),
            email: appointment.expert_email.clone(),
        }),
        attendee: appointment.email.clone().map(|email| Person { name: Some(appointment.name.clone()), email }),
        stamp: Utc::now(),
    };
    calendar_file(&event, purpose)
}

/// "Afspraak met Karim Bouzid": the title of the calendar entry, and the words the subjects of
/// the person's mails use for it. It names the expert and nothing else.
pub(super) fn appointment_with(lang: Lang, expert: &str) -> String {
    match lang {
        Lang::Nl => format!("Afspraak met {expert}"),
        Lang::En => format!("Appointment with {expert}"),
    }
}
