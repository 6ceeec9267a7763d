//! What every phone reads, the same for everyone: the questionnaire catalogue and definitions,
//! and the consent text. These types live in the core, which the scan reads without serde; they
//! are named here so every route's types are found in one place.

use serde::{Deserialize, Serialize};

pub use werkscan_core::model::CatalogueEntry;
pub use werkscan_core::{ConsentDocument, Definition};

/// `GET /api/consent` and `GET /api/consent/{version}` reply: the consent text and its version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsentView {
    /// The version to send back in an upload's `consent.text_version`.
    pub version: String,
    /// The text, in both languages.
    pub document: ConsentDocument,
}
