//! Reading from the server. In this app only definitions are read; nothing the person answered
//! is ever sent from here (sharing is a separate, consented step).

use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use werkscan_core::model::CatalogueEntry;
use werkscan_core::Definition;

/// Why a request failed, in words for a log (the UI shows its own calm message).
#[derive(Clone, Debug, PartialEq)]
pub struct FetchError(pub String);

async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| FetchError(format!("{url}: network error")))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| FetchError("not a response".into()))?;
    if !response.ok() {
        return Err(FetchError(format!("{url}: status {}", response.status())));
    }
    let text = JsFuture::from(response.text().map_err(|_| FetchError("no body".into()))?)
        .await
        .map_err(|_| FetchError(format!("{url}: body not read")))?;
    let text = text.as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|error| FetchError(format!("{url}: {error}")))
}

/// The questionnaires on offer.
pub async fn catalogue() -> Result<Vec<CatalogueEntry>, FetchError> {
    get_json("/api/questionnaires").await
}

/// One questionnaire, resolved.
pub async fn definition(id: &str) -> Result<Definition, FetchError> {
    get_json(&format!("/api/questionnaires/{id}")).await
}
