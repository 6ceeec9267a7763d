//! Booking a conversation from the report, as plain Rust: what the server offers, the steps of
//! the booking (one choice per screen), and the bookings kept on the device next to the receipts.
//! Components only show a step and pass the person's choice in (the `todomvc` pattern).
//!
//! A booking shares only the contact details the person types, with the expert they book with;
//! the result they shared earlier is linked only if they tick that, and the check screen says
//! exactly what goes where before they confirm.

use std::future::Future;

use serde::{Deserialize, Serialize};
use werkscan_api::booking::{
    Appointment, AppointmentStatus, BookingOffer, ExpertOffer, Kind, KindOffer, NewAppointment, SharedResult, Slot,
};
use werkscan_core::submission::{contact_problem, Contact, ContactProblem, Receipt, MAX_CONTACT_FIELD};
use werkscan_core::text::forbidden_character;
use werkscan_kit::store::{key, Store};

use crate::records::{list, push, save_list};
use crate::sharing::SendError;

/// The steps of a booking, one per screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// With whom (only when the campaign has several experts).
    Expert,
    /// Phone, video or in person (only what the expert offers).
    Kind,
    /// A day with free times.
    Day,
    /// A time on that day.
    Time,
    /// Name plus e-mail and/or phone.
    Contact,
    /// Everything once more, and exactly what is shared, before confirming.
    Check,
}

/// Why a step cannot be left yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Nothing chosen on this screen.
    Choice,
    /// The contact details are not usable.
    Contact(ContactProblem),
    /// A phone call needs a phone number.
    PhoneForCall,
}

/// A field of the contact step, to mark the one a problem is about and put focus there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactField {
    /// The name.
    Name,
    /// The e-mail address.
    Email,
    /// The phone number.
    Phone,
}

impl ContactField {
    /// The id of its input on the contact step.
    pub fn input_id(self) -> &'static str {
        match self {
            ContactField::Name => "booking-name",
            ContactField::Email => "booking-email",
            ContactField::Phone => "booking-phone",
        }
    }
}

/// A booking in progress: the offer, the choices so far and what was typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Booking {
    /// The campaign's code.
    pub campaign: String,
    /// Its experts who take bookings.
    pub experts: Vec<ExpertOffer>,
    /// The current step.
    pub step: Step,
    /// The chosen expert.
    pub expert: Option<ExpertOffer>,
    /// The chosen kind.
    pub kind: Option<Kind>,
    /// The expert's free times (loaded once the expert is known).
    pub slots: Vec<Slot>,
    /// Whether the free times have been loaded.
    pub loaded: bool,
    /// The chosen day (`2026-12-08`).
    pub day: Option<String>,
    /// The chosen time.
    pub slot: Option<Slot>,
    /// Name, as typed.
    pub name: String,
    /// E-mail, as typed.
    pub email: String,
    /// Phone, as typed.
    pub phone: String,
    /// The receipt of the result shared with this campaign, if any (only then can it be linked).
    pub shared: Option<Receipt>,
    /// Whether the person chose to link it.
    pub link_result: bool,
    /// The personal invitation's token, where the campaign has personal invitations.
    pub invitation: Option<String>,
}

impl Booking {
    /// A booking for a campaign's offer. With one expert, the first screen is the kind.
    pub fn new(campaign: &str, offer: &BookingOffer, shared: Option<Receipt>) -> Booking {
        let only = (offer.experts.len() == 1).then(|| offer.experts[0].clone());
        Booking {
            campaign: campaign.to_owned(),
            experts: offer.experts.clone(),
            step: if only.is_some() { Step::Kind } else { Step::Expert },
            expert: only,
            kind: None,
            slots: Vec::new(),
            loaded: false,
            day: None,
            slot: None,
            name: String::new(),
            email: String::new(),
            phone: String::new(),
            // Linking what was already shared with this campaign's experts is what most people
            // expect after sharing; the box is shown ticked and can be unticked, and the check
            // screen says what goes where.
            link_result: shared.as_ref().is_some_and(|receipt| receipt.shared.share_scores),
            shared: shared.filter(|receipt| receipt.shared.share_scores),
            invitation: None,
        }
    }

    /// Fills the contact step with details typed before (when sharing), as suggestions the
    /// person can change: nothing is sent until they confirm.
    pub fn suggest(&mut self, contact: &Contact) {
        let fill = |field: &mut String, value: Option<&str>| {
            if field.trim().is_empty() {
                *field = value.unwrap_or_default().to_owned();
            }
        };
        fill(&mut self.name, Some(contact.name.as_str()));
        fill(&mut self.email, contact.email.as_deref());
        fill(&mut self.phone, contact.phone.as_deref());
    }

    /// The field a problem of the contact step is about, so the screen shows the message next
    /// to it, marks it invalid and puts focus there; `None` for a missing choice.
    pub fn field_of(&self, missing: Missing) -> Option<ContactField> {
        let forbidden = |value: &str| forbidden_character(value, false).is_some();
        let too_long = |value: &str| value.chars().count() > MAX_CONTACT_FIELD;
        Some(match missing {
            Missing::Choice => return None,
            Missing::PhoneForCall | Missing::Contact(ContactProblem::PhoneInvalid) => ContactField::Phone,
            Missing::Contact(
                ContactProblem::NameMissing | ContactProblem::NameTooLong | ContactProblem::NoteTooLong,
            ) => ContactField::Name,
            Missing::Contact(ContactProblem::NoWayToReach) => ContactField::Email,
            Missing::Contact(ContactProblem::FieldTooLong) if too_long(&self.email) => ContactField::Email,
            Missing::Contact(ContactProblem::FieldTooLong) => ContactField::Phone,
            Missing::Contact(ContactProblem::ForbiddenCharacter) if forbidden(&self.name) => ContactField::Name,
            Missing::Contact(ContactProblem::ForbiddenCharacter) if forbidden(&self.email) => ContactField::Email,
            Missing::Contact(ContactProblem::ForbiddenCharacter) => ContactField::Phone,
        })
    }

    /// Chooses the expert (their free times are loaded next).
    pub fn choose_expert(&mut self, id: &str) {
        if self.expert.as_ref().is_none_or(|expert| expert.id != id) {
            self.expert = self.experts.iter().find(|expert| expert.id == id).cloned();
            self.kind = None;
            self.slots.clear();
            self.loaded = false;
            self.day = None;
            self.slot = None;
        }
    }

    /// The expert's free times, once loaded; a chosen time that is no longer free is dropped.
    pub fn set_slots(&mut self, slots: Vec<Slot>) {
        if self.slot.as_ref().is_some_and(|chosen| !slots.contains(chosen)) {
            self.slot = None;
        }
        self.slots = slots;
        self.loaded = true;
    }

    /// The kinds the chosen expert offers.
    pub fn kinds(&self) -> Vec<KindOffer> {
        self.expert.as_ref().map(|expert| expert.kinds.clone()).unwrap_or_default()
    }

    /// The days with at least one free time, in order, each with its number of free times.
    pub fn days(&self) -> Vec<(String, usize)> {
        let mut days: Vec<(String, usize)> = Vec::new();
        for slot in &self.slots {
            match days.last_mut() {
                Some((day, count)) if *day == slot.date => *count += 1,
                _ => days.push((slot.date.clone(), 1)),
            }
        }
        days
    }

    /// The free times on the chosen day.
    pub fn times(&self) -> Vec<Slot> {
        self.slots.iter().filter(|slot| Some(&slot.date) == self.day.as_ref()).cloned().collect()
    }

    /// The contact details as they would be sent.
    pub fn contact(&self) -> Contact {
        let clean = |value: &str| Some(value.trim().to_owned()).filter(|value| !value.is_empty());
        Contact { name: self.name.trim().to_owned(), email: clean(&self.email), phone: clean(&self.phone), note: None }
    }

    /// What keeps the current step from being left, if anything.
    pub fn missing(&self) -> Option<Missing> {
        let choice = |present: bool| (!present).then_some(Missing::Choice);
        match self.step {
            Step::Expert => choice(self.expert.is_some()),
            Step::Kind => choice(self.kind.is_some()),
            Step::Day => choice(self.day.is_some()),
            Step::Time => choice(self.slot.is_some()),
            Step::Contact | Step::Check => {
                let contact = self.contact();
                if let Some(problem) = contact_problem(&contact) {
                    return Some(Missing::Contact(problem));
                }
                (self.kind == Some(Kind::Telefoon) && contact.phone.is_none()).then_some(Missing::PhoneForCall)
            }
        }
    }

    /// Moves to the next step, unless something is missing.
    pub fn go_next(&mut self) -> Result<(), Missing> {
        if let Some(missing) = self.missing() {
            return Err(missing);
        }
        self.step = match self.step {
            Step::Expert => Step::Kind,
            Step::Kind => Step::Day,
            Step::Day => Step::Time,
            Step::Time => Step::Contact,
            Step::Contact | Step::Check => Step::Check,
        };
        Ok(())
    }

    /// Back one step (what was chosen and typed stays).
    pub fn back(&mut self) {
        self.step = match self.step {
            Step::Expert | Step::Kind if self.experts.len() <= 1 => Step::Kind,
            Step::Expert | Step::Kind => Step::Expert,
            Step::Day => Step::Kind,
            Step::Time => Step::Day,
            Step::Contact => Step::Time,
            Step::Check => Step::Contact,
        };
    }

    /// After "this time was just taken": back to choosing a time, with the fresh free times.
    pub fn time_was_taken(&mut self, slots: Vec<Slot>) {
        self.slot = None;
        self.set_slots(slots);
        self.step = if self.times().is_empty() { Step::Day } else { Step::Time };
        if self.step == Step::Day {
            self.day = None;
        }
    }

    /// The request to send, once every step is done.
    pub fn request(&self, lang: werkscan_core::Lang) -> Option<NewAppointment> {
        let contact = self.contact();
        // The slot's start as the server wrote it (RFC 3339, UTC).
        let start = chrono::DateTime::parse_from_rfc3339(&self.slot.as_ref()?.start).ok()?.to_utc();
        Some(NewAppointment {
            expert: self.expert.as_ref()?.id.clone(),
            kind: self.kind?,
            start,
            name: contact.name,
            email: contact.email,
            phone: contact.phone,
            lang,
            shared_result: self.shared.as_ref().filter(|_| self.link_result).map(|receipt| SharedResult {
                submission_id: receipt.submission_id.clone(),
                withdrawal_token: receipt.withdrawal_token.clone(),
            }),
            invitation: self.invitation.clone(),
        })
    }
}

/// A booking kept on the device, for "mijn gegevens" and to show it again with the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptBooking {
    /// The key that manages it (`/afspraak/{token}`).
    pub token: String,
    /// The campaign's code.
    pub campaign: String,
    /// The expert's name.
    pub expert: String,
    /// The kind.
    pub kind: Kind,
    /// Start (RFC 3339), for ordering and "is it still ahead".
    pub start: String,
    /// In words, as booked.
    pub words: String,
    /// Where it is, as last seen on this device.
    pub status: AppointmentStatus,
}

fn bookings_key() -> String {
    key("bookings")
}

/// The bookings kept on this device, oldest first.
pub fn bookings(store: &dyn Store) -> Vec<KeptBooking> {
    list(store, &bookings_key())
}

/// What the device keeps of an appointment.
fn kept_from(token: &str, appointment: &Appointment) -> KeptBooking {
    KeptBooking {
        token: token.to_owned(),
        campaign: appointment.campaign.clone(),
        expert: appointment.expert.clone(),
        kind: appointment.kind,
        start: appointment.start.clone(),
        words: appointment.words.clone(),
        status: appointment.status,
    }
}

/// Keeps (or updates, by its token) a booking on the device.
pub fn keep(store: &dyn Store, token: &str, appointment: &Appointment) {
    let kept = kept_from(token, appointment);
    let mut all = bookings(store);
    match all.iter_mut().find(|existing| existing.token == token) {
        Some(existing) => *existing = kept,
        None => {
            push(store, &bookings_key(), kept);
            return;
        }
    }
    save_list(store, &bookings_key(), &all);
}

/// The booking for a campaign that is still ahead and not cancelled, if this device holds one.
pub fn upcoming_for(store: &dyn Store, campaign: &str, now: &str) -> Option<KeptBooking> {
    bookings(store)
        .into_iter()
        .rev()
        .find(|kept| kept.campaign == campaign && kept.status == AppointmentStatus::Booked && kept.start.as_str() > now)
}

/// Asks the server how each booking kept on this device stands now and keeps its answer, so a
/// booking moved or cancelled on another device (or by the arbeidsdeskundige) shows as it is
/// the next time the report or "mijn gegevens" opens. A booking the server no longer has (its
/// link is unknown: deleted after the retention period) is forgotten here too. Without a
/// connection nothing changes. Returns whether anything changed.
pub async fn refresh_kept<F, Fut>(store: &dyn Store, fetch: F) -> bool
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Appointment, SendError>>,
{
    let mut changed = false;
    // Cancelled is final: only bookings that may still have moved or been cancelled are asked.
    let open: Vec<KeptBooking> =
        bookings(store).into_iter().filter(|kept| kept.status != AppointmentStatus::Cancelled).collect();
    for kept in open {
        match fetch(kept.token.clone()).await {
            Ok(now) => {
                let fresh = kept_from(&kept.token, &now);
                if fresh != kept {
                    keep(store, &kept.token, &now);
                    changed = true;
                }
            }
            Err(SendError::Refused { code, .. }) if code == "appointment_not_found" => {
                let rest: Vec<KeptBooking> =
                    bookings(store).into_iter().filter(|other| other.token != kept.token).collect();
                save_list(store, &bookings_key(), &rest);
                changed = true;
            }
            // Offline, or another refusal: what the device knows stays until the next try.
            Err(_) => return changed,
        }
    }
    changed
}
