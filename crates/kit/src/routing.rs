//! A small router for the employee's apps, over the route table in `werkscan_core::routes`.
//!
//! The scan app has a byte budget, and `leptos_router` cost more of it than the few flat screens
//! it would route (docs/PERFORMANCE.md); the staff console uses `leptos_router`. A link to a
//! screen of the running app becomes a history push; a link to another app's screen is an
//! ordinary page load, for which the server sends that app's page. Back and forward work through
//! `popstate`, and every other click behaves as usual.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
pub use werkscan_core::routes::{App, Route};

thread_local! {
    // Set once by `provide_router`. Kept here rather than in a context because navigation is
    // triggered from event handlers, which run outside the component tree's owner.
    static CURRENT_PATH: std::cell::Cell<Option<RwSignal<String>>> = const { std::cell::Cell::new(None) };
    static APP: std::cell::Cell<Option<App>> = const { std::cell::Cell::new(None) };
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

/// Starts listening to link clicks and history changes for the screens of `app`; returns the
/// current route as a memo.
pub fn provide_router(app: App) -> Memo<Route> {
    APP.with(|cell| cell.set(Some(app)));
    let path = RwSignal::new(current_path());
    CURRENT_PATH.with(|cell| cell.set(Some(path)));
    let _ = window_event_listener(leptos::ev::popstate, move |_| path.set(current_path()));
    let _ = window_event_listener(leptos::ev::click, move |event| {
        if event.default_prevented()
            || event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key()
        {
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
        // Only the apps' own paths; downloads, other sites and new tabs keep their behaviour.
        if !href.starts_with('/')
            || href.starts_with("//")
            || anchor.has_attribute("target")
            || anchor.has_attribute("download")
        {
            return;
        }
        // Another app's screens load as a new page.
        if route_of(&href).app() != app {
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

/// Goes to a path, adding a history entry, and moves the view to the top. A path of another app
/// is loaded as a new page.
pub fn navigate(href: &str) {
    let here = APP.with(|cell| cell.get());
    if here != Some(route_of(href).app()) {
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

/// Goes to a path of another app in place of the current history entry, so "back" does not
/// return to a screen that would only send the person forward again.
pub fn replace_with(href: &str) {
    let _ = window().location().replace(href);
}
