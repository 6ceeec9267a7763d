//! Text offered to the person as a file on their own device (their data, recovery codes, a
//! questionnaire's source): made in the browser, so nothing goes through the server.

use leptos::prelude::document;
use wasm_bindgen::{JsCast, JsValue};

/// A `blob:` address of `text` as a file of type `mime`, for a download link; `None` when the
/// browser cannot make one. The caller revokes it when the link goes.
pub fn blob_url(text: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Saves `text` as a file called `name` at once, as a click on a download link would.
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(url) = blob_url(text, mime) else { return };
    if let Ok(anchor) = document().create_element("a") {
        let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    // The click has started the download; the address is not needed after it.
    let _ = web_sys::Url::revoke_object_url(&url);
}
