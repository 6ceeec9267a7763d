//! A small router: the app has six screens and no nested routes, and `leptos_router` cost more
//! of the bundle budget than the screens it routes (see docs/PERFORMANCE.md).
//!
//! The screens are split over two WebAssembly modules (see [`Module`]): the scan module shows
//! the start page, campaign invitations and the questions; the report module the report,
//! sharing and "mijn gegevens". A link within the running module becomes a history push; a link
//! to the other module is an ordinary page load, and the loader that `scripts/trunk_post_build.mjs`
//! writes (`loader-<hash>.js`) picks the module for the path.
//! Back and forward work through `popstate`, and every other click behaves as usual.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The screens, parsed from the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`
    Home,
    /// `/scan/{id}`
    Scan(String),
    /// `/scan/{id}/rapport`
    Report(String),
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
            ["scan", id, "rapport"] if !id.is_empty() => Route::Report(decode(id)),
            ["c", code] if !code.is_empty() => Route::Campaign(decode(code)),
            ["mijn-gegevens"] => Route::MyData,
            _ => Route::NotFound,
        }
    }

    /// The module that shows this screen. The loader written by `scripts/trunk_post_build.mjs`
    /// makes the same choice before any module runs; the browser tests open the routes of both
    /// modules directly to keep the two in step.
    pub fn module(&self) -> Module {
        match self {
            Route::Report(_) | Route::MyData => Module::Report,
            Route::Home | Route::Scan(_) | Route::Campaign(_) | Route::NotFound => Module::Scan,
        }
    }

    /// The report of a questionnaire's scan.
    pub fn report_path(questionnaire: &str) -> String {
        format!("/scan/{}/rapport", encode(questionnaire))
    }

    /// A questionnaire's scan.
    pub fn scan_path(questionnaire: &str) -> String {
        format!("/scan/{}", encode(questionnaire))
    }
}

/// The two WebAssembly modules of the app. The scan module is all the phone downloads before the
/// first question; the report module follows when the report is opened (the service worker
/// fetches it ahead, so the report also opens offline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    /// Start page, campaign invitation, introduction and questions.
    Scan,
    /// Report, consent and sharing, earlier scans, "mijn gegevens".
    Report,
}

/// Percent-encodes everything but unreserved characters (RFC 3986), so any id stays one segment.
fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
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
    static MODULE: std::cell::Cell<Option<Module>> = const { std::cell::Cell::new(None) };
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

/// Starts listening to link clicks and history changes for the screens of `module`; returns the
/// current route as a memo.
pub fn provide_router(module: Module) -> Memo<Route> {
    MODULE.with(|cell| cell.set(Some(module)));
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
        // The other module's screens load as a new page.
        if route_of(&href).module() != module {
            return;
        }
        event.prevent_default();
        navigate(&href);
    });
    Memo::new(move |_| Route::parse(&path.get()))
}

/// The route of a link's target, without its query or fragment.
fn route_of(href: &str) -> Route {
    Route::parse(href.split(['?', '#']).next().unwrap_or_default())
}

/// Goes to an app path, adding a history entry, and moves the view to the top. A path of the
/// other module is loaded as a new page.
pub fn navigate(href: &str) {
    let here = MODULE.with(|cell| cell.get());
    if here != Some(route_of(href).module()) {
        let _ = window().location().assign(href);
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
    if let Some(path) = CURRENT_PATH.with(|cell| cell.get()) {
        path.set(current_path());
    }
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// Goes to a path of the other module in place of the current history entry, so "back" does
/// not return to a screen that would only send the person forward again.
pub fn replace_with(href: &str) {
    let _ = window().location().replace(href);
}
