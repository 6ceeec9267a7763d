//! The rows the audit trail's reads return.

/// A row of [`super::AUDIT_ROWS`]: an audit line with the names that go with it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AuditRow {
    /// When (Unix seconds).
    pub at: i64,
    /// What.
    pub action: String,
    /// The submission, if any.
    pub submission_id: Option<String>,
    /// The campaign, if any.
    pub campaign_id: Option<String>,
    /// The id of what else the action concerned (an account, organisation or practice); never
    /// returned as it is.
    pub detail: Option<String>,
    /// The actor's name; none for the system or the person themselves.
    pub display_name: Option<String>,
    /// The campaign's name, while it exists.
    pub campaign_name: Option<String>,
    /// The name of the staff account the action concerned.
    pub target_name: Option<String>,
    /// The login e-mail address of the staff account the action concerned.
    pub target_email: Option<String>,
}
