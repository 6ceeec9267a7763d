//! The audit trail: what staff (and a person downloading their data) did, as every role's
//! trail shows it.

use serde::{Deserialize, Serialize};

names! {
    /// Every action the server writes to the audit trail, in the order the admin's filter
    /// offers them.
    pub enum AuditAction {
        /// An arbeidsdeskundige opened a shared result.
        ReadSubmission = "read_submission",
        /// An arbeidsdeskundige read their list of shared results.
        ListSubmissions = "list_submissions",
        /// An arbeidsdeskundige exported their shared results.
        Export = "export",
        /// A note on a shared result.
        AddNote = "add_note",
        /// An action point on a shared result.
        AddAction = "add_action",
        /// An action point marked done.
        CompleteAction = "complete_action",
        /// The status of a shared result changed.
        SetStatus = "set_status",
        /// An arbeidsdeskundige read their appointments.
        ListAppointments = "list_appointments",
        /// An arbeidsdeskundige read their follow-up list.
        ListFollowUp = "list_follow_up",
        /// A new private calendar address.
        RenewCalendarFeed = "renew_calendar_feed",
        /// The private calendar address stopped.
        StopCalendarFeed = "stop_calendar_feed",
        /// A campaign closed early.
        CloseCampaign = "close_campaign",
        /// A campaign extended.
        ExtendCampaign = "extend_campaign",
        /// Group figures published.
        PublishRelease = "publish_release",
        /// An action added to a campaign's action plan.
        AddPlanAction = "add_plan_action",
        /// An action of the plan changed.
        ChangePlanAction = "change_plan_action",
        /// An action of the plan removed.
        RemovePlanAction = "remove_plan_action",
        /// An organisation created.
        CreateOrganisation = "create_organisation",
        /// An arbeidsdeskundige linked to an organisation.
        LinkExpert = "link_expert",
        /// A staff account created.
        CreateUser = "create_user",
        /// A staff account deactivated.
        DeactivateUser = "deactivate_user",
        /// A staff account activated again.
        ActivateUser = "activate_user",
        /// A link to choose a new password sent.
        ResetPassword = "reset_password",
        /// A password chosen with a link.
        UsePasswordLink = "use_password_link",
        /// A second factor reset.
        ResetSecondFactor = "reset_second_factor",
        /// A practice created.
        CreatePractice = "create_practice",
        /// A practice's details changed.
        UpdatePractice = "update_practice",
        /// An organisation linked to a practice.
        LinkPracticeOrganisation = "link_practice_organisation",
        /// An account put in a practice.
        SetPracticeMember = "set_practice_member",
        /// A person downloaded what the server holds about their upload.
        PersonDownload = "person_download",
        /// An employer gave a roster.
        RosterSubmitted = "roster_submitted",
        /// A practice approved a roster and the invitations went out.
        RosterApproved = "roster_approved",
        /// A practice refused a roster.
        RosterRejected = "roster_rejected",
        /// Invitation letters made.
        LettersMade = "letters_made",
        /// A reminder sent to everyone invited.
        InvitationsReminded = "invitations_reminded",
        /// A definition author published a new questionnaire version.
        DefinitionPublished = "definition_published",
    }
}

/// One line of an audit trail (`GET /api/expert/audit`, `GET /api/admin/audit`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When (RFC 3339).
    pub at: String,
    /// Who (name; empty for the system).
    pub actor: String,
    /// What: an action's name ([`AuditAction`]; kept as text, since a trail outlives the names
    /// of its time).
    pub action: String,
    /// The submission, if any (gone after withdrawal or retention, the line stays).
    pub submission_id: Option<String>,
    /// The campaign, if any.
    pub campaign_id: Option<String>,
    /// The campaign's name, while it exists.
    pub campaign_name: Option<String>,
    /// The staff account the action concerned (created, deactivated, sent a password link, …).
    pub account: Option<AccountTarget>,
    /// The organisation the action concerned, by name.
    pub organisation: Option<String>,
    /// The practice the action concerned, by name.
    pub practice: Option<String>,
    /// The questionnaire version the action concerned, as id and version (`werkscan 2.1.0`).
    #[serde(default)]
    pub questionnaire: Option<String>,
}

/// A staff account as the target of an audited action: who it is for a reader of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountTarget {
    /// Its name.
    pub name: String,
    /// Its login e-mail address.
    pub email: String,
}
