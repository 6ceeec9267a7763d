//! The roster of a campaign with personal invitations: the employer gives it, the practice
//! reviews it, sends the invitations, reminds and prints letters.

use serde::{Deserialize, Serialize};

/// `PUT /api/campaigns/{id}/roster` body: per department, the addresses of the people to invite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterInput {
    /// The departments, each with its people's addresses.
    pub departments: Vec<RosterDepartment>,
}

/// One department of a roster as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterDepartment {
    /// One of the campaign's departments.
    pub name: String,
    /// E-mail addresses, one per person, in the order they were typed.
    pub addresses: Vec<String>,
}

names! {
    /// Where a campaign's roster is.
    pub enum RosterState {
        /// Nothing given yet.
        NotGiven = "none",
        /// Given by the employer; the practice has not reviewed it yet.
        Submitted = "submitted",
        /// Approved by the practice: the invitations went out.
        Approved = "approved",
        /// Refused by the practice, with its reason; the addresses were deleted.
        Rejected = "rejected",
    }
}

/// A department's part of the roster: numbers only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterCount {
    /// The department.
    pub name: String,
    /// People invited by e-mail (kept as a number after the addresses are deleted).
    pub by_mail: i64,
    /// People invited with a printed letter.
    pub by_letter: i64,
}

/// `GET`/`PUT /api/campaigns/{id}/roster` reply: the roster as the employer sees it, numbers per
/// department, never who took part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterSummary {
    /// Where it is.
    pub state: RosterState,
    /// The practice's reason, when it refused the roster.
    pub note: Option<String>,
    /// Per department.
    pub departments: Vec<RosterCount>,
    /// Everyone invited.
    pub invited: i64,
    /// The last day (`YYYY-MM-DD`) a reminder went to everyone, if one did.
    pub reminded_on: Option<String>,
}

/// How many addresses of a department are at one domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainCount {
    /// The part after `@`, lower case.
    pub domain: String,
    /// Addresses there.
    pub addresses: i64,
}

/// A department as the practice reviews it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "FlatReviewedDepartment")]
pub struct ReviewedDepartment {
    /// Its name and numbers.
    #[serde(flatten)]
    pub count: RosterCount,
    /// The domains of its addresses, most used first: addresses outside the organisation's
    /// own domain can be people without a work address, or someone padding the department.
    pub domains: Vec<DomainCount>,
    /// Fewer people than the campaign's minimum group size: its figures can never be shown
    /// on their own.
    pub below_minimum: bool,
}

// Read through a flat twin rather than serde's `flatten` (the same JSON, less code in the
// console; see `figures`).
#[derive(Deserialize)]
struct FlatReviewedDepartment {
    name: String,
    by_mail: i64,
    by_letter: i64,
    domains: Vec<DomainCount>,
    below_minimum: bool,
}

impl From<FlatReviewedDepartment> for ReviewedDepartment {
    fn from(flat: FlatReviewedDepartment) -> ReviewedDepartment {
        ReviewedDepartment {
            count: RosterCount { name: flat.name, by_mail: flat.by_mail, by_letter: flat.by_letter },
            domains: flat.domains,
            below_minimum: flat.below_minimum,
        }
    }
}

/// `GET /api/expert/campaigns/{id}/roster` reply (and of approving and rejecting it): what the
/// practice reviews before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterReview {
    /// Where it is.
    pub state: RosterState,
    /// The reason given when it was refused.
    pub note: Option<String>,
    /// The campaign's minimum group size.
    pub min_group_size: i64,
    /// Per department.
    pub departments: Vec<ReviewedDepartment>,
    /// Everyone invited.
    pub invited: i64,
    /// The last day a reminder went to everyone, if one did.
    pub reminded_on: Option<String>,
    /// Whether the campaign still takes uploads (reminders and letters only then).
    pub open: bool,
}

/// `POST /api/expert/campaigns/{id}/roster/reject` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// Why, for the employer (1 to 500 characters).
    pub reason: String,
}

/// `POST /api/expert/campaigns/{id}/roster/remind` reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminded {
    /// Messages written to the outbox: one per address on the roster.
    pub sent: i64,
}

/// `POST /api/expert/campaigns/{id}/letters` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterRequest {
    /// One of the campaign's departments.
    pub department: String,
    /// How many letters (1 to 500).
    pub count: i64,
}

/// One printed invitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    /// The department it invites to.
    pub department: String,
    /// The personal link.
    pub link: String,
    /// The link as a QR code (SVG, made by the server).
    pub qr_svg: String,
}

/// `POST /api/expert/campaigns/{id}/letters` reply: shown once, for printing; the server keeps
/// only the links' hashes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letters {
    /// The letters.
    pub letters: Vec<Letter>,
    /// The campaign's name, for the letter.
    pub campaign: String,
    /// The organisation's name.
    pub organisation: String,
    /// The last day (`YYYY-MM-DD`).
    pub ends_on: String,
    /// The minimum group size the letter promises.
    pub min_group_size: i64,
}
