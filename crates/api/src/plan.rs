//! A campaign's action plan: what the organisation does about a theme.

use serde::{Deserialize, Serialize};

/// One action of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    /// Id.
    pub id: String,
    /// The theme's score id.
    pub score: String,
    /// What will be done (1–500 characters).
    pub action: String,
    /// Who takes it on (a role or a name of staff, never an employee it is about; 1–100
    /// characters).
    pub owner: String,
    /// By when (`YYYY-MM-DD`).
    pub due_on: String,
    /// Whether it has been done.
    pub done: bool,
    /// The action of an earlier campaign it carries on, if any.
    pub carried_from: Option<String>,
    /// When it was added (RFC 3339).
    pub created_at: String,
    /// When it was last changed (RFC 3339).
    pub updated_at: String,
}

/// The plan of the campaign a dashboard compares with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousActions {
    /// The earlier campaign.
    pub campaign_id: String,
    /// Its name.
    pub campaign_name: String,
    /// Its actions.
    pub actions: Vec<PlanAction>,
}

/// `GET /api/expert/campaigns/{id}/actions` reply: a campaign's plan and the previous
/// campaign's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// This campaign's actions.
    pub actions: Vec<PlanAction>,
    /// The previous campaign's (with the same questionnaire), when it has a published release.
    pub previous_actions: Option<PreviousActions>,
}

/// `POST /api/campaigns/{id}/actions` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPlanAction {
    /// The theme's score id.
    pub score: String,
    /// What will be done.
    pub action: String,
    /// Who takes it on.
    pub owner: String,
    /// By when (`YYYY-MM-DD`).
    pub due_on: String,
    /// The previous campaign's action it carries on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
}

/// `PUT /api/campaigns/{id}/actions/{action}` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanActionChange {
    /// What will be done.
    pub action: String,
    /// Who takes it on.
    pub owner: String,
    /// By when (`YYYY-MM-DD`).
    pub due_on: String,
    /// Whether it has been done.
    pub done: bool,
}
