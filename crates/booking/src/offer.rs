//! What an expert offers: the kinds of conversation (phone, video, in person) with their link or
//! address, and their availability as a whole, checked the same way in the staff console and on
//! the server.

use serde::{Deserialize, Serialize};
use werkscan_core::text::forbidden_character;
use werkscan_core::Lang;

use crate::schedule::{Schedule, ScheduleError};

/// The kinds of conversation an expert can offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// By phone: the expert calls the person.
    Telefoon,
    /// By video: the expert's meeting link.
    Video,
    /// In person, at the expert's address.
    Locatie,
}

impl Kind {
    /// Every kind, in the order screens list them.
    pub const ALL: [Kind; 3] = [Kind::Telefoon, Kind::Video, Kind::Locatie];

    /// The name stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Telefoon => "telefoon",
            Kind::Video => "video",
            Kind::Locatie => "locatie",
        }
    }

    /// The kind with this stored name.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// The kind in words, for a sentence ("een telefonisch gesprek").
    pub fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Telefoon, Lang::Nl) => "telefonisch gesprek",
            (Kind::Video, Lang::Nl) => "videogesprek",
            (Kind::Locatie, Lang::Nl) => "gesprek op locatie",
            (Kind::Telefoon, Lang::En) => "phone call",
            (Kind::Video, Lang::En) => "video call",
            (Kind::Locatie, Lang::En) => "meeting in person",
        }
    }
}

/// One kind an expert offers, with the meeting link (video) or address (in person).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindOffer {
    /// The kind.
    pub kind: Kind,
    /// The video link (`https://…`) or the address; none for phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The most characters of a meeting link or an address.
pub const MAX_DETAIL: usize = 300;

/// An expert's availability: when, and which kinds of conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// Weekly hours, days off, slot length, buffer, notice and window, in a time zone.
    pub schedule: Schedule,
    /// What they offer; at least one.
    pub kinds: Vec<KindOffer>,
}

/// Why an availability cannot be booked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OfferError {
    /// The schedule itself is wrong.
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    /// No kind of conversation is offered.
    #[error("offer at least one kind of conversation")]
    NoKind,
    /// A kind is listed twice.
    #[error("a kind of conversation is listed twice")]
    KindTwice,
    /// A link or address is too long or has a control character.
    #[error("a link or address is too long or contains a control character")]
    DetailInvalid,
    /// A video call without an `https://` meeting link.
    #[error("a video call needs its meeting link (https://…)")]
    VideoWithoutLink,
    /// A conversation in person without an address.
    #[error("a conversation in person needs an address")]
    PlaceWithoutAddress,
}

impl OfferError {
    /// The code the API and the console use: the schedule's own codes, and `invalid_kinds` for
    /// what is wrong with the kinds.
    pub fn code(&self) -> &'static str {
        match self {
            OfferError::Schedule(error) => error.code(),
            _ => "invalid_kinds",
        }
    }
}

impl Availability {
    /// Refuses what cannot be booked: an invalid schedule, no kind, a kind twice, a video call
    /// without an `https://` link, an appointment in person without an address.
    pub fn check(&self) -> Result<(), OfferError> {
        self.schedule.validate()?;
        if self.kinds.is_empty() {
            return Err(OfferError::NoKind);
        }
        for (index, offer) in self.kinds.iter().enumerate() {
            if self.kinds[..index].iter().any(|other| other.kind == offer.kind) {
                return Err(OfferError::KindTwice);
            }
            let detail = offer.detail.as_deref().map(str::trim).filter(|detail| !detail.is_empty());
            if detail.is_some_and(|detail| {
                detail.chars().count() > MAX_DETAIL || forbidden_character(detail, false).is_some()
            }) {
                return Err(OfferError::DetailInvalid);
            }
            match (offer.kind, detail) {
                (Kind::Video, Some(link)) if link.starts_with("https://") => {}
                (Kind::Video, _) => return Err(OfferError::VideoWithoutLink),
                (Kind::Locatie, None) => return Err(OfferError::PlaceWithoutAddress),
                _ => {}
            }
        }
        Ok(())
    }
}
