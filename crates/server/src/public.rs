//! The public API that every phone reads, free of personal data: the questionnaire catalogue,
//! the definitions, and the consent text.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use werkscan_core::consent::ConsentDocument;
use werkscan_core::model::CatalogueEntry;
use werkscan_core::{consent_document, Definition, CONSENT_VERSION};

use crate::error::{ApiError, ApiResult};
use crate::AppState;

/// `GET /api/questionnaires`: the catalogue of current questionnaires.
pub async fn catalogue(State(state): State<AppState>) -> Json<Vec<CatalogueEntry>> {
    Json(state.definitions().catalogue())
}

/// `GET /api/questionnaires/{id}`: the current resolved definition. 404 `questionnaire_not_found`.
pub async fn questionnaire(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Arc<Definition>>> {
    let definition = state
        .definitions()
        .current(&id)
        .ok_or_else(|| ApiError::not_found("questionnaire_not_found", "no questionnaire with this id"))?;
    Ok(Json(definition))
}

/// `GET /api/questionnaires/{id}/{version}`: a resolved definition of any version this server has
/// ever loaded (campaigns pin a version). 404 `questionnaire_not_found`.
pub async fn questionnaire_version(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
) -> ApiResult<Json<Arc<Definition>>> {
    let definition = state
        .definitions()
        .by_version(state.db(), &id, &version)
        .await?
        .ok_or_else(|| ApiError::not_found("questionnaire_not_found", "no questionnaire with this id and version"))?;
    Ok(Json(definition))
}

/// The consent text and its version.
#[derive(Debug, Serialize)]
pub struct ConsentView {
    /// The version to send back in an upload's `consent.text_version`.
    pub version: &'static str,
    /// The text, in both languages.
    pub document: ConsentDocument,
}

/// `GET /api/consent`: the consent text this server accepts, with its version.
pub async fn consent() -> Json<ConsentView> {
    Json(ConsentView { version: CONSENT_VERSION, document: consent_document() })
}
