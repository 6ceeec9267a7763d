//! The one shape of every refusal:
//! `{"error": {"code", "message", "field"?, "fields"?, "diagnostics"?}}`.

use serde::{Deserialize, Serialize};

/// The body of every refusal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// A refusal: a stable code, a message for people, and the fields at fault. The fields are in
/// the order the server has always written them (its JSON object sorted its keys).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable snake_case code (`not_logged_in`, `invalid_name`, …).
    pub code: String,
    /// The body field at fault (`departments[1].headcount`), when the refusal is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every problem of a body, when there are several: a form marks each field at once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// Every problem of a questionnaire definition, located in its TOML files, when the refusal
    /// is of one (`POST /api/author/questionnaires`: `invalid_definition`, `id_meaning_changed`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<werkscan_core::authoring::Diagnostic>,
    /// Explanation for people, in English (never content someone else submitted).
    pub message: String,
}

/// One problem with one field of a request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field, as a path into the body (`name`, `departments[2]`, `departments[1].headcount`).
    pub field: String,
    /// Stable snake_case code.
    pub code: String,
    /// Explanation for people.
    #[serde(default)]
    pub message: String,
}
