//! Requests to the app's own server, with texts in and out: each app reads the JSON with what it
//! has (the scan app with `werkscan_core::json`, the report and the console with serde).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a read failed, in words for the browser console (the screens show their own calm message).
#[derive(Clone, Debug, PartialEq)]
pub struct FetchError(pub String);

impl FetchError {
    /// Writes the reason to the console, where a helper or developer can see it, and passes it on.
    pub fn logged(self) -> FetchError {
        leptos::logging::warn!("{}", self.0);
        self
    }
}

/// The body of a successful GET.
pub async fn get_text(url: &str) -> Result<String, FetchError> {
    let reply =
        request("GET", url, None, &[]).await.map_err(|Offline| FetchError(format!("{url}: no connection")).logged())?;
    if !reply.ok() {
        return Err(FetchError(format!("{url}: status {}", reply.status)).logged());
    }
    Ok(reply.text)
}

/// No answer from the server: no connection, or the request could not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offline;

/// An answer from the server: its status and body.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// The body as text.
    pub text: String,
}

impl Reply {
    /// A 2xx status.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Sends a request with an optional JSON body and extra headers; cookies go along (same origin).
pub async fn request(method: &str, url: &str, body: Option<&str>, headers: &[(&str, &str)]) -> Result<Reply, Offline> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let request_headers = web_sys::Headers::new().map_err(|_| Offline)?;
    if body.is_some() {
        let _ = request_headers.set("Content-Type", "application/json");
    }
    for (name, value) in headers {
        let _ = request_headers.set(name, value);
    }
    init.set_headers(&request_headers);
    if let Some(body) = body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    let window = web_sys::window().ok_or(Offline)?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|_| Offline)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| Offline)?;
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|text| text.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Reply { status: response.status(), text })
}

/// Whether the browser thinks it is online. Only a hint: a request can still fail.
pub fn online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

/// 32 random bytes from the browser's secure random source, as 64 hex characters: an upload's or
/// a booking's key. `None` where the browser offers no secure random source (never a weak key).
pub fn random_key() -> Option<String> {
    let mut bytes = [0u8; 32];
    let crypto = web_sys::window()?.crypto().ok()?;
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}
