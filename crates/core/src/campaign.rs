//! What a campaign link tells the phone: the contract between `GET /api/c/{code}` and the app.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A questionnaire, exactly: id, version and content hash.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct QuestionnaireRef {
    /// Definition id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash of the exact definition.
    pub content_hash: String,
}

/// A campaign as its public link shows it: enough to run the scan and explain the consent,
/// nothing about the organisation's internals.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PublicCampaign {
    /// The code from the link `/c/{code}`.
    pub code: String,
    /// Campaign name.
    pub name: String,
    /// Organisation name.
    pub organisation: String,
    /// The questionnaire to take (`/api/questionnaires/{id}/{version}`).
    pub questionnaire: QuestionnaireRef,
    /// Departments to choose from; "zeg ik liever niet" is always possible.
    pub departments: Vec<String>,
    /// Whether uploads are accepted today.
    pub open: bool,
    /// First day (ISO date, `2026-11-23`).
    pub starts_on: String,
    /// Last day (ISO date).
    pub ends_on: String,
    /// The day shared data is deleted at the latest (ISO date), for the consent's "how long".
    pub delete_after: String,
    /// Names of the arbeidsdeskundigen who would receive shared results.
    pub experts: Vec<String>,
    /// Group figures are shown only for groups at least this large.
    pub min_group_size: i64,
    /// Who is responsible for what is shared (the verwerkingsverantwoordelijke), for the consent.
    #[cfg_attr(feature = "serde", serde(default))]
    pub controller: String,
    /// How to reach the controller.
    #[cfg_attr(feature = "serde", serde(default))]
    pub controller_contact: Option<String>,
    /// The data protection officer (functionaris gegevensbescherming), where there is one.
    #[cfg_attr(feature = "serde", serde(default))]
    pub privacy_officer: Option<String>,
    /// How to reach the data protection officer.
    #[cfg_attr(feature = "serde", serde(default))]
    pub privacy_officer_contact: Option<String>,
    /// Whether people take part through personal invitations: then only an upload made with a
    /// personal link is accepted, and `departments` holds only the department of the invitation
    /// the link was opened with (none without one).
    #[cfg_attr(feature = "serde", serde(default))]
    pub personal: bool,
}
