//! Talking to the server. The scan module only reads (definitions, the catalogue, campaigns),
//! with `werkscan_core::json`; nothing the person answered is sent from there. Uploads and
//! withdrawals belong to the report module, after explicit consent, and use serde.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use werkscan_core::json::FromJson;
use werkscan_core::model::CatalogueEntry;
use werkscan_core::Definition;

/// Why a request failed, in words for the browser console (the UI shows its own calm message).
#[derive(Clone, Debug, PartialEq)]
pub struct FetchError(pub String);

/// Writes the reason to the console, where a helper or developer can see it, and passes it on.
fn logged(error: FetchError) -> FetchError {
    leptos::logging::warn!("{}", error.0);
    error
}

async fn get_json<T: FromJson>(url: &str) -> Result<T, FetchError> {
    read(url, &get_text(url).await?)
}

fn read<T: FromJson>(url: &str, text: &str) -> Result<T, FetchError> {
    T::from_json_text(text).map_err(|error| logged(FetchError(format!("{url}: {error}"))))
}

async fn get_text(url: &str) -> Result<String, FetchError> {
    fetch_text(url).await.map_err(logged)
}

async fn fetch_text(url: &str) -> Result<String, FetchError> {
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
    Ok(text.as_string().unwrap_or_default())
}

/// A definition as the server sent it: read, and its exact JSON text, which is what the device
/// keeps for a draft (so the app needs no code to write definitions).
#[derive(Clone, Debug)]
pub struct FetchedDefinition {
    /// The definition, read.
    pub definition: Definition,
    /// The JSON it was read from.
    pub json: String,
}

async fn get_definition(url: &str) -> Result<FetchedDefinition, FetchError> {
    let json = get_text(url).await?;
    Ok(FetchedDefinition { definition: read(url, &json)?, json })
}

/// The questionnaires on offer.
pub async fn catalogue() -> Result<Vec<CatalogueEntry>, FetchError> {
    get_json("/api/questionnaires").await
}

/// One questionnaire, resolved.
pub async fn definition(id: &str) -> Result<FetchedDefinition, FetchError> {
    get_definition(&format!("/api/questionnaires/{id}")).await
}

pub use werkscan_core::campaign::PublicCampaign as Campaign;

/// A campaign by its code.
pub async fn campaign(code: &str) -> Result<Campaign, FetchError> {
    get_json(&format!("/api/c/{}", js_sys::encode_uri_component(code))).await
}

/// A specific version of a questionnaire (what a campaign asks for).
pub async fn definition_version(id: &str, version: &str) -> Result<FetchedDefinition, FetchError> {
    get_definition(&format!("/api/questionnaires/{id}/{version}")).await
}

/// How an upload or withdrawal ended when it did not succeed.
#[derive(Clone, Debug, PartialEq)]
pub enum SendError {
    /// No connection: try again later (the upload stays queued on the device).
    Offline,
    /// The server refused, with its stable code and message: retrying will not help.
    Refused {
        /// Stable error code, e.g. `campaign_closed`.
        code: String,
        /// The server's explanation.
        message: String,
    },
}

async fn send(method: &str, url: &str, body: Option<String>, bearer: Option<&str>) -> Result<String, SendError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| SendError::Offline)?;
    if body.is_some() {
        let _ = headers.set("Content-Type", "application/json");
    }
    if let Some(token) = bearer {
        let _ = headers.set("Authorization", &format!("Bearer {token}"));
    }
    init.set_headers(&headers);
    if let Some(body) = &body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    let window = web_sys::window().ok_or(SendError::Offline)?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|_| SendError::Offline)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| SendError::Offline)?;
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|text| text.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if response.ok() {
        return Ok(text);
    }
    #[derive(serde::Deserialize)]
    struct Body {
        error: Detail,
    }
    #[derive(serde::Deserialize)]
    struct Detail {
        code: String,
        message: String,
    }
    match serde_json::from_str::<Body>(&text) {
        Ok(body) => Err(SendError::Refused { code: body.error.code, message: body.error.message }),
        // A proxy or captive portal answering instead of our server: treat as no connection.
        Err(_) if response.status() >= 500 || response.status() == 0 => Err(SendError::Offline),
        Err(_) => Err(SendError::Refused { code: format!("http_{}", response.status()), message: text }),
    }
}

/// Uploads what the person consented to share; returns the receipt.
pub async fn upload(submission: &werkscan_core::submission::Submission) -> Result<werkscan_core::submission::Receipt, SendError> {
    let body = serde_json::to_string(submission).map_err(|error| SendError::Refused { code: "encode".into(), message: error.to_string() })?;
    let text = send("POST", "/api/submissions", Some(body), None).await?;
    serde_json::from_str(&text).map_err(|error| SendError::Refused { code: "bad_receipt".into(), message: error.to_string() })
}

/// Withdraws an upload: the server deletes it and everything derived from it.
pub async fn withdraw(receipt: &werkscan_core::submission::Receipt) -> Result<(), SendError> {
    let url = format!("/api/submissions/{}", js_sys::encode_uri_component(&receipt.submission_id));
    send("DELETE", &url, None, Some(&receipt.withdrawal_token)).await.map(|_| ())
}
