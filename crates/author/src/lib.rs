//! Werkscan's app for questionnaire authors (`/beheer/auteur`): the questionnaires and their
//! versions, an editor for a version's TOML files in which the core's validator runs on every
//! change, a preview on the scan's own question screens with the scores the core computes, the
//! differences against the version opened, publishing a new version and exporting its files.
//!
//! A Leptos app of its own, which the server sends only to a login of a definition author: no
//! employee and no other staff member downloads any of it. It has no byte budget and uses the
//! ordinary Leptos tools, like the console, whose login, session and requests it shares. The
//! rules are plain Rust, tested natively: [`sources`] (what the validator says, where a problem
//! is in the text), [`preview`] (a scan carried over to an edited definition, the outcome),
//! [`publishing`] (what stands in the way of publishing, the server's refusal) and [`changes`]
//! (the differences in words); components only wire them to the page.

#![warn(missing_docs)]

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use werkscan_kit::store::BrowserStore;

pub mod api;
pub mod changes;
mod components;
mod pages;
pub mod preview;
pub mod publishing;
pub mod sources;

/// Where the app lives; its screens' paths are written without it.
pub const BASE: &str = "/beheer/auteur";

/// The address of a screen of this app for a link (`/` → `/beheer/auteur/`).
pub fn href(path: &str) -> String {
    format!("{BASE}{path}")
}

/// The address of a version's editor, within the app.
pub fn version_path(id: &str, version: &str) -> String {
    format!("/vragenlijsten/{}/{}", api::segment(id), api::segment(version))
}

/// The app.
#[component]
pub fn App() -> impl IntoView {
    werkscan_kit::i18n::provide_language(&BrowserStore);
    werkscan_console::session::provide_session();
    view! {
        <Router base=BASE>
            <components::Layout>
                <Routes fallback=|| view! { <pages::NotFound/> }>
                    <Route path=path!("/") view=pages::Versions/>
                    <Route path=path!("/vragenlijsten/:id/:version") view=pages::Editor/>
                </Routes>
            </components::Layout>
        </Router>
    }
}
