//! Werkscan's wire contract: the request and reply types of every API route, one definition that
//! both ends compile against. The server serialises and reads them; the staff console and the
//! report app read and send the same types, so a field that changes on one side changes on the
//! other, or the build fails.
//!
//! serde only: no I/O, no web framework, no database; it compiles for `wasm32-unknown-unknown`
//! and natively. Types the phone already shares with the server through the core (definitions,
//! the catalogue, submissions and receipts, the public campaign, consent) stay in the core and
//! are re-exported where a route carries them.
//!
//! Roles and statuses are enums whose serde names are the words on the wire (and in the
//! database): [`accounts::Role`], [`expert::SubmissionStatus`] and the others carry `as_str`,
//! `parse` and `ALL`, the single list of those names. A request field the server checks with a
//! refusal of its own (422 `invalid_status` with the field) stays text, so that refusal stays
//! what the server answers; its names come from the enum.

#![warn(missing_docs)]

#[macro_use]
mod names;

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod author;
pub mod booking;
pub mod campaigns;
pub mod endpoints;
pub mod error;
pub mod expert;
pub mod figures;
pub mod login;
pub mod notifications;
pub mod plan;
pub mod practices;
pub mod public;
pub mod releases;
pub mod roster;
pub mod submissions;

/// A name on the wire (and in the database): every enum of names is one, so code that reads or
/// writes them, such as the server's reading of a stored status, is written once for all.
pub trait Name: Sized + Copy {
    /// The name.
    fn name(self) -> &'static str;

    /// The value of a name; `None` for a text that is not one.
    fn from_name(text: &str) -> Option<Self>;
}

impl Name for werkscan_booking::Kind {
    fn name(self) -> &'static str {
        self.as_str()
    }

    fn from_name(text: &str) -> Option<werkscan_booking::Kind> {
        werkscan_booking::Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}
