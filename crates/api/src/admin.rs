//! The platform admin's API: organisations, accounts, password links, loaded questionnaires and
//! the audit log.

use serde::{Deserialize, Serialize};

use werkscan_core::Text;

use crate::accounts::Role;
use crate::author::VersionSource;
use crate::campaigns::ExpertRef;
use crate::practices::PracticeRef;

/// An organisation, with the practices it works with and the experts linked to it
/// (`GET /api/admin/organisations`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// The arbeidsdeskundigen linked to it before practices decided who can be named (kept for
    /// reference; its campaigns name experts of the practice that runs them).
    pub experts: Vec<ExpertRef>,
    /// The practices it works with: one of them runs each of its campaigns.
    pub practices: Vec<PracticeRef>,
}

/// `POST /api/admin/organisations` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    /// Its name (unique).
    pub name: String,
}

/// `POST /api/admin/organisations/{id}/experts` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The expert's account id.
    pub user_id: String,
}

/// An account, as the admin sees it (`GET /api/admin/users`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Id.
    pub id: String,
    /// Login e-mail.
    pub email: String,
    /// Name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Organisation id.
    pub org_id: Option<String>,
    /// The practice of an arbeidsdeskundige or practice admin.
    pub practice_id: Option<String>,
    /// Whether it can log in.
    pub active: bool,
    /// Whether it has a second factor.
    pub has_second_factor: bool,
    /// Whether it must choose a new password at its next login.
    pub must_change_password: bool,
    /// When it was created (RFC 3339).
    pub created_at: String,
}

/// `POST /api/admin/users` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    /// Login e-mail.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Organisation (required for employers; links an expert).
    #[serde(default)]
    pub org_id: Option<String>,
    /// Practice (required for practice admins; an expert's practice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice_id: Option<String>,
}

/// A one-time link sent to the account's own address: the admin learns where it went and until
/// when it works, never the link or a password (`POST /api/admin/users`,
/// `…/reset-password`, `POST /api/practice/experts`, `…/password-link`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSent {
    /// The account.
    pub user_id: String,
    /// The address the link went to: the account's own.
    pub link_sent_to: String,
    /// Until when the link works (RFC 3339).
    pub link_expires_at: String,
}

/// A questionnaire version the server has, read from files or published by a definition author
/// (`GET /api/admin/definitions`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadedVersion {
    /// Definition id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash.
    pub content_hash: String,
    /// When the server first had it, read from files or published (RFC 3339).
    pub first_loaded_at: String,
    /// Whether it is the one the server serves now to new scans and campaigns.
    pub current: bool,
    /// Its licence and conditions of use (`questionnaire.licence`; empty texts when it names
    /// none).
    pub licence: Text,
    /// Where it came from.
    pub source: VersionSource,
}

/// `GET /api/admin/audit` query: filters of the audit log, each optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditQuery {
    /// An account's name or e-mail address (or part of it): the rows it did, and the rows that
    /// concerned it (a password link sent to it, its deactivation, …).
    pub account: String,
    /// The action (`read_submission`, `export`, `create_user`, …).
    pub action: String,
    /// From this date (ISO, inclusive).
    pub from: Option<chrono::NaiveDate>,
    /// Up to this date (ISO, inclusive).
    pub to: Option<chrono::NaiveDate>,
}
