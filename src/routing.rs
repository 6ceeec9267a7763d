//! A small router: the app has five screens and no nested routes, and `leptos_router` cost more
//! of the bundle budget than the screens it routes (see docs/PERFORMANCE.md).
//!
//! Links stay plain `<a href>`: a click on a same-origin link is turned into a history push,
//! back and forward work through `popstate`, and every other click behaves as usual.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The screens, parsed from the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`
    Home,
    /// `/scan/{id}`
    Scan(String),
    /// `/c/{code}`
    Campaign(String),
    /// `/mijn-gegevens`
    MyData,
    /// Anything else.
    NotFound,
}

impl Route {
    /// Parses a path (without query or fragment).
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        match segments.as_slice() {
            [""] => Route::Home,
            ["scan", id] if !id.is_empty() => Route::Scan(decode(id)),
            ["c", code] if !code.is_empty() => Route::Campaign(decode(code)),
            ["mijn-gegevens"] => Route::MyData,
            _ => Route::NotFound,
        }
    }
}

fn decode(segment: &str) -> String {
    if !segment.contains('%') {
        return segment.to_owned();
    }
    js_sys::decode_uri_component(segment).ok().and_then(|text| text.as_string()).unwrap_or_else(|| segment.to_owned())
}

thread_local! {
    // Set once by `provide_router`. Kept here rather than in a context because navigation is
    // triggered from event handlers, which run outside the component tree's owner.
    static CURRENT_PATH: std::cell::Cell<Option<RwSignal<String>>> = const { std::cell::Cell::new(None) };
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

/// Starts listening to link clicks and history changes; returns the current route as a memo.
pub fn provide_router() -> Memo<Route> {
    let path = RwSignal::new(current_path());
    CURRENT_PATH.with(|cell| cell.set(Some(path)));
    let _ = window_event_listener(leptos::ev::popstate, move |_| path.set(current_path()));
    let _ = window_event_listener(leptos::ev::click, move |event| {
        if event.default_prevented() || event.button() != 0 || event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key() {
            return;
        }
        let Some(anchor) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let href = anchor.get_attribute("href").unwrap_or_default();
        // Only the app's own paths; downloads, other sites and new tabs keep their behaviour.
        if !href.starts_with('/') || href.starts_with("//") || anchor.has_attribute("target") || anchor.has_attribute("download") {
            return;
        }
        event.prevent_default();
        navigate(&href);
    });
    Memo::new(move |_| Route::parse(&path.get()))
}

/// Goes to an app path, adding a history entry, and moves the view to the top.
pub fn navigate(href: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
    if let Some(path) = CURRENT_PATH.with(|cell| cell.get()) {
        path.set(current_path());
    }
    window().scroll_to_with_x_and_y(0.0, 0.0);
}
