//! Werkscan's report app: the report of a finished scan (computed on the phone with the same core
//! the server uses), sharing with explicit consent, earlier scans, and "mijn gegevens". The scan
//! app hands over to it with an ordinary page load when the last question is answered; the
//! service worker fetches it while the person answers, so it also opens offline. It also shows
//! `/intrekken`, where a withdrawal code withdraws an upload from any device.
//!
//! The rules are plain Rust, tested natively against the kit's in-memory store: [`records`]
//! (history and finishing a scan once), [`sharing`] (the upload queue, receipts and where
//! sharing stands), [`access`] (the server's copy of an upload, readable and as a file), `werkscan_core::report` (what the report shows). Components only wire them to the page.

#![warn(missing_docs)]

use leptos::prelude::*;
use werkscan_kit::frame::{register_service_worker, Frame};
use werkscan_kit::routing::{provide_router, App as AppKind, Route};
use werkscan_kit::store::BrowserStore;

pub mod access;
pub mod api;
pub mod booking;
mod components;
mod i18n;
mod pages;
pub mod records;
pub mod sharing;

/// The report app.
#[component]
pub fn App() -> impl IntoView {
    werkscan_kit::i18n::provide_language(&BrowserStore);
    register_service_worker();
    let route = provide_router(AppKind::Report);
    // Uploads queued while offline go out when the report app starts with a connection.
    leptos::task::spawn_local(components::flush_outbox());
    let screen = move || match route.get() {
        Route::Report(id) => view! { <pages::Report id/> }.into_any(),
        Route::Book(id) => view! { <pages::Book id/> }.into_any(),
        Route::Appointment(token) => view! { <pages::Appointment token/> }.into_any(),
        Route::MyData => view! { <pages::MyData/> }.into_any(),
        Route::Withdraw => view! { <pages::Withdraw/> }.into_any(),
        // The server sends this app's page only for its own routes; another app's path can only
        // come from a link followed inside this one, which the router loads as a page.
        _ => view! { <pages::MyData/> }.into_any(),
    };
    view! { <Frame>{screen}</Frame> }
}
