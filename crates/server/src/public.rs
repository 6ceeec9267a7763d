//! The public API that every phone reads, free of personal data: the questionnaire catalogue,
//! the definitions, and the consent text.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use werkscan_core::consent::{archived_text, canonical_json, known_version, KnownVersion};
use werkscan_core::model::CatalogueEntry;
use werkscan_core::{consent_document, Definition, CONSENT_VERSION};

use crate::error::{ApiError, ApiResult};
use crate::AppState;

pub use werkscan_api::public::ConsentView;

/// `GET /api/questionnaires`: the catalogue of current questionnaires (read from files or
/// published by an author).
pub async fn catalogue(State(state): State<AppState>) -> ApiResult<Json<Vec<CatalogueEntry>>> {
    Ok(Json(state.definitions().catalogue(state.db()).await?))
}

/// `GET /api/questionnaires/{id}`: the current resolved definition. 404 `questionnaire_not_found`.
pub async fn questionnaire(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Definition>> {
    let definition = state
        .definitions()
        .current(state.db(), &id)
        .await?
        .ok_or_else(|| ApiError::not_found("questionnaire_not_found", "no questionnaire with this id"))?;
    Ok(Json(for_phone(&definition)))
}

/// The definition as a phone needs it: without the advice written for employers, which no
/// person's report shows and which would only add bytes to every phone's download. The content
/// hash stays that of the whole definition, so uploads are still checked against it.
fn for_phone(definition: &Arc<Definition>) -> Definition {
    let mut phone = Definition::clone(definition);
    for score in &mut phone.scores {
        score.employer_advice.clear();
    }
    phone
}

/// `GET /api/questionnaires/{id}/{version}`: a resolved definition of any version this server has
/// ever loaded (campaigns pin a version). 404 `questionnaire_not_found`.
pub async fn questionnaire_version(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
) -> ApiResult<Json<Definition>> {
    let definition =
        state.definitions().by_version(state.db(), &id, &version).await?.ok_or_else(|| {
            ApiError::not_found("questionnaire_not_found", "no questionnaire with this id and version")
        })?;
    Ok(Json(for_phone(&definition)))
}

/// `GET /api/consent`: the consent text this server shows, with its version. Its placeholders
/// (`{controller}`, `{experts}`, `{k}`, `{delete_after}`, …) are filled from the campaign
/// (`GET /api/c/{code}`) with `ConsentDocument::filled`.
pub async fn consent() -> Json<ConsentView> {
    Json(ConsentView { version: CONSENT_VERSION.to_owned(), document: consent_document() })
}

/// `GET /api/consent/{version}`: the exact text of a version this server knows (the current one
/// or an earlier one an upload may have been given under), as its canonical JSON, whose SHA-256 is
/// the version. 404 `consent_version_not_found`.
pub async fn consent_version(Path(version): Path<String>) -> ApiResult<Response> {
    let text = match known_version(&version) {
        Some(KnownVersion::Current) => String::from_utf8(canonical_json()).map_err(ApiError::internal)?,
        Some(KnownVersion::EarlierWithValues | KnownVersion::EarlierWithoutValues) => {
            archived_text(&version).ok_or_else(|| ApiError::internal("an earlier consent text is missing"))?.to_owned()
        }
        None => {
            return Err(ApiError::not_found(
                "consent_version_not_found",
                "this server knows no consent text with this version",
            ))
        }
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], text).into_response())
}
