//! The rows the campaign routes' queries read, with the conversions to what they return.

use crate::models::campaign::ExpertRef;

/// An arbeidsdeskundige's account by id and name (`users`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ExpertRow {
    /// The user id.
    pub id: String,
    /// Their name.
    pub display_name: String,
}

impl From<ExpertRow> for ExpertRef {
    fn from(row: ExpertRow) -> Self {
        ExpertRef { id: row.id, display_name: row.display_name, practice_id: None }
    }
}

/// An arbeidsdeskundige's account with their practice (`routes::experts`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ExpertWithPracticeRow {
    /// Who.
    #[sqlx(flatten)]
    pub expert: ExpertRow,
    /// Their practice.
    pub practice_id: Option<String>,
}

impl From<ExpertWithPracticeRow> for ExpertRef {
    fn from(row: ExpertWithPracticeRow) -> Self {
        ExpertRef { practice_id: row.practice_id, ..ExpertRef::from(row.expert) }
    }
}

/// A campaign's roster state (`invitations::summary_of`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RosterRow {
    /// `submitted`, `approved` or `rejected`; none before the roster was given.
    pub roster_state: Option<String>,
    /// The practice's reason with a rejected roster.
    pub roster_note: Option<String>,
    /// The day the reminders went out (ISO date), if they did.
    pub reminded_on: Option<String>,
}

/// How many invitations of a department go by mail and by letter.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RosterCountRow {
    /// The department.
    pub department: String,
    /// Invitations sent by e-mail.
    pub by_mail: i64,
    /// Invitations handed out on paper.
    pub by_letter: i64,
}

/// How many addresses of a department are at one mail domain (the roster review).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DomainRow {
    /// The department.
    pub department: String,
    /// The part of the addresses after `@`, lower case.
    pub domain: String,
    /// How many addresses.
    pub n: i64,
}
