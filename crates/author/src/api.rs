//! The server's authoring API as this app calls it: the console's requests (the session's CSRF
//! token, a lost session told to the session) for reading, and publishing, whose refusal carries
//! the server's diagnostics.

use werkscan_api::author::{Publish, QuestionnaireVersions, SourceText, VersionSources, VersionSummary};
use werkscan_console::api::{get, read_reply};
pub use werkscan_console::api::{segment, ApiError};
use werkscan_console::session::{self, SessionState};
use werkscan_kit::http::{request, Offline};

use crate::publishing::{refusal, Refusal};

/// Every questionnaire with its versions.
pub async fn questionnaires() -> Result<Vec<QuestionnaireVersions>, ApiError> {
    get("/api/author/questionnaires").await
}

/// One version with its TOML files.
pub async fn version(id: &str, version: &str) -> Result<VersionSources, ApiError> {
    get(&format!("/api/author/questionnaires/{}/versions/{}", segment(id), segment(version))).await
}

/// Publishes the files as a new version: the version, or the server's refusal with every
/// problem it found.
pub async fn publish(files: Vec<SourceText>, csrf: String) -> Result<VersionSummary, Refusal> {
    let body = serde_json::to_string(&Publish { files }).expect("a request body serialises");
    let reply = request("POST", "/api/author/questionnaires", Some(&body), &[("X-CSRF-Token", csrf.as_str())])
        .await
        .map_err(|Offline| Refusal::offline())?;
    if reply.status == 401 {
        session::set(SessionState::LoggedOut);
    }
    if reply.ok() {
        return read_reply(reply).map_err(Refusal::from);
    }
    Err(refusal(&reply))
}
