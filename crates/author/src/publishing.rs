//! Publishing a new version: what stands in the way before anything is sent (problems, an id
//! whose meaning changed, a version number not raised), and the server's refusal as the author
//! reads it, with the problems it found.

use werkscan_api::author::VersionSummary;
use werkscan_api::error::ErrorBody;
use werkscan_core::authoring::Diagnostic;
use werkscan_kit::http::Reply;

use crate::api::ApiError;
use crate::sources::Checked;

/// Why a version cannot be published yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// The validator finds this many problems.
    Problems(usize),
    /// This many item ids or option keys would change meaning (they need a new id).
    IdMeaning(usize),
    /// The version number is still that of a version the server has.
    VersionNotRaised(String),
}

/// What stands in the way of publishing `checked`: its problems, the id-meaning problems against
/// the version opened, and a version number that is one the server already has (`known`).
pub fn blockers(checked: &Checked, id_meaning: &[Diagnostic], known: &[VersionSummary]) -> Vec<Blocker> {
    let mut out = Vec::new();
    if !checked.diagnostics.is_empty() {
        out.push(Blocker::Problems(checked.diagnostics.len()));
    }
    if !id_meaning.is_empty() {
        out.push(Blocker::IdMeaning(id_meaning.len()));
    }
    if let Some(definition) = &checked.definition {
        let meta = &definition.questionnaire;
        if known.iter().any(|version| version.id == meta.id && version.version == meta.version) {
            out.push(Blocker::VersionNotRaised(meta.version.clone()));
        }
    }
    out
}

/// The server's refusal of a version, or no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status (0: no answer).
    pub status: u16,
    /// The server's code (`invalid_definition`, `id_meaning_changed`, `version_exists`, …).
    pub code: String,
    /// The server's message, in English.
    pub message: String,
    /// Every problem the server found, located in the files.
    pub diagnostics: Vec<Diagnostic>,
}

impl Refusal {
    /// No answer from the server.
    pub fn offline() -> Refusal {
        Refusal { status: 0, code: "offline".into(), message: String::new(), diagnostics: Vec::new() }
    }
}

impl From<ApiError> for Refusal {
    fn from(error: ApiError) -> Refusal {
        match error {
            ApiError::Offline => Refusal::offline(),
            ApiError::Refused { status, code, message } => Refusal { status, code, message, diagnostics: Vec::new() },
        }
    }
}

/// Reads a refused publication: the code, message and diagnostics of the error body, or
/// `http_<status>` for a body that is not the server's.
pub fn refusal(reply: &Reply) -> Refusal {
    match serde_json::from_str::<ErrorBody>(&reply.text) {
        Ok(ErrorBody { error }) => {
            Refusal { status: reply.status, code: error.code, message: error.message, diagnostics: error.diagnostics }
        }
        Err(_) => Refusal {
            status: reply.status,
            code: format!("http_{}", reply.status),
            message: reply.text.clone(),
            diagnostics: Vec::new(),
        },
    }
}
