//! Werkscan's browser app: the employee fills in a scan on their phone, the answers stay on the
//! device, and the report is computed here with the same core crate the server uses.
//!
//! Layout follows Leptos' `start-trunk`: a thin `main.rs`, [`App`] here, screens in `pages/`,
//! reusable pieces in `components/`. Rules live in plain Rust (`flow`, `report`, `storage`);
//! components only wire them to the page (the `todomvc` pattern).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use werkscan_core::Lang;

mod api;
mod components;
pub mod flow;
mod i18n;
mod pages;
pub mod report;
mod sharing;
mod storage;

use i18n::{t, use_lang, Language};

/// The whole app: language, header, routes.
#[component]
pub fn App() -> impl IntoView {
    // Dutch unless the person chose English here before: the app is Dutch first.
    let initial = storage::load_lang().unwrap_or_default();
    let lang = RwSignal::new(initial);
    provide_context(Language(lang));
    // Keep <html lang> right so screen readers pronounce Dutch as Dutch.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().tag());
        }
        storage::save_lang(lang.get());
    });
    register_service_worker();
    // Uploads queued while offline go out when the app starts with a connection.
    leptos::task::spawn_local(async {
        sharing::flush_outbox().await;
    });

    view! {
        <Router>
            <a class="skip-link" href="#inhoud">{t(|u| u.skip_to_content)}</a>
            <Header/>
            <main id="inhoud" tabindex="-1">
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Home/>
                    <Route path=path!("/scan/:id") view=pages::Scan/>
                    <Route path=path!("/c/:code") view=pages::Campaign/>
                    <Route path=path!("/mijn-gegevens") view=pages::MyData/>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let lang = use_lang();
    let other = move || match lang.get() {
        Lang::Nl => Lang::En,
        Lang::En => Lang::Nl,
    };
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">{t(|u| u.app_name)}</A>
            <nav aria-label=t(|u| u.my_data)>
                <A href="/mijn-gegevens" attr:class="header-link">{t(|u| u.my_data)}</A>
                <button
                    type="button"
                    class="header-link lang-switch"
                    lang=move || other().tag()
                    aria-label=t(|u| u.other_language_name)
                    on:click=move |_| lang.set(other())
                >
                    {t(|u| u.language_switch)}
                </button>
            </nav>
        </header>
    }
}

/// Registers `sw.js`, which keeps the app and its definitions available offline.
fn register_service_worker() {
    let navigator = window().navigator();
    let has_worker = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if has_worker {
        let _ = navigator.service_worker().register("/sw.js");
    }
}
