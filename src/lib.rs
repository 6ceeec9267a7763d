//! Werkscan's scan app: the start page, campaign invitations, the introduction and the questions.
//! It is all a phone downloads before the first question, so it has a byte budget (140 KB
//! gzipped, docs/PERFORMANCE.md): it reads JSON only through `werkscan_core::json`, never scores,
//! and leaves the report, sharing and booking to the report app (`crates/report`), which the
//! last question hands over to with an ordinary page load.
//!
//! Layout follows Leptos' `start-trunk`: a thin `main.rs`, the app here, screens in `pages/`,
//! reusable pieces in `components/`. The rules (the flow, what is kept on the device) are plain
//! Rust in `werkscan-kit`; components only wire them to the page (the `todomvc` pattern).

#![warn(missing_docs)]

use leptos::prelude::*;
use werkscan_kit::frame::{register_service_worker, Frame};
use werkscan_kit::routing::{provide_router, App as AppKind, Route};
use werkscan_kit::store::BrowserStore;

mod api;
mod components;
mod i18n;
mod pages;

/// The question screen, shared with the questionnaire author's preview (`crates/author`), which
/// shows a definition on the scan's own screens.
pub use components::QuestionPage;

/// The scan app.
#[component]
pub fn App() -> impl IntoView {
    werkscan_kit::i18n::provide_language(&BrowserStore);
    register_service_worker();
    let route = provide_router(AppKind::Scan);
    let screen = move || match route.get() {
        Route::Home => view! { <pages::Home/> }.into_any(),
        Route::Scan(id) => view! { <pages::Scan id/> }.into_any(),
        Route::Campaign(code) => view! { <pages::Campaign code/> }.into_any(),
        // The other apps' screens are served with their own page; reaching one here means the
        // path named nothing.
        _ => view! { <pages::NotFound/> }.into_any(),
    };
    view! { <Frame>{screen}</Frame> }
}
