//! Writing questionnaires in the browser: the definition author's list of questionnaires and
//! their versions, a version's TOML sources (to open, to start a new version from, and to export
//! to the repository), and publishing a new version.
//!
//! A version is the resolved definition of one `questionnaire.id` and `questionnaire.version`,
//! and the TOML files it was read from: the definition's own file and each part it includes.
//! Versions never change once the server has them, whether read from `questionnaires/` at start
//! ([`VersionSource::File`]) or published by an author ([`VersionSource::Published`]).
//!
//! `POST /api/author/questionnaires` refuses a definition the core's validator refuses with 422
//! `invalid_definition`, and one that keeps an item id whose meaning changed against the current
//! version with 422 `id_meaning_changed`; both list every problem in the refusal's
//! `error.diagnostics` ([`crate::error::ErrorDetail::diagnostics`]), exactly as
//! `werkscan check` prints them. An id and version the server already has with other content is
//! refused with 409 `version_exists`; publishing the very same content again answers 200 with
//! the version that is already there, so a retried request does no harm.

use serde::{Deserialize, Serialize};
use werkscan_core::Text;

pub use werkscan_core::authoring::Diagnostic;

/// One TOML file of a definition: the definition itself, or a part it includes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceText {
    /// The path as `werkscan check` prints it and diagnostics name it:
    /// `questionnaires/werkscan.toml`, `questionnaires/parts/wai.toml`.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

names! {
    /// Where a version came from.
    pub enum VersionSource {
        /// Read from the definition files in `questionnaires/` when a server started.
        File = "file",
        /// Published by a definition author through the API.
        Published = "published",
    }
}

/// One version of a questionnaire, as the author's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    /// The questionnaire's id (`questionnaire.id`).
    pub id: String,
    /// The version (`questionnaire.version`).
    pub version: String,
    /// The resolved definition's content hash: what phones, results and uploads carry.
    pub content_hash: String,
    /// The questionnaire's title in this version.
    pub title: Text,
    /// Licence and use conditions of this version (`questionnaire.licence`; empty texts when
    /// the definition names none).
    pub licence: Text,
    /// Where it came from.
    pub source: VersionSource,
    /// When the server first had it (RFC 3339): first read from its files, or published.
    pub introduced_at: String,
    /// When it was published (RFC 3339); `None` for a version read from files.
    pub published_at: Option<String>,
    /// Who published it (the author's display name); `None` for a version read from files.
    pub published_by: Option<String>,
    /// Whether it is the version new campaigns and the catalogue use: of each id, the version
    /// introduced last.
    pub current: bool,
}

/// A questionnaire with every version the server has of it (`GET /api/author/questionnaires`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnaireVersions {
    /// The questionnaire's id.
    pub id: String,
    /// The title of its current version.
    pub title: Text,
    /// Its versions, the most recently introduced first.
    pub versions: Vec<VersionSummary>,
}

/// One version with its TOML sources (`GET /api/author/questionnaires/{id}/versions/{version}`):
/// what an author opens to start a new version, and exports to the repository.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSources {
    /// The version.
    pub summary: VersionSummary,
    /// The definition's file first, then each part it includes, as they were read or published.
    pub files: Vec<SourceText>,
}

/// `POST /api/author/questionnaires` body: a new version, as TOML files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    /// The definition's file and each part it includes. Exactly one of them must be a
    /// questionnaire (not a part), else 422 `not_one_questionnaire`; its `questionnaire.id` and
    /// `questionnaire.version` name the new version.
    pub files: Vec<SourceText>,
}
