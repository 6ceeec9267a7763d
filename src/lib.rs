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
mod storage;

use i18n::{ui, use_lang, Language};

/// The whole app: language, header, routes.
#[component]
pub fn App() -> impl IntoView {
    let initial = storage::load_lang().unwrap_or_else(browser_lang);
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

    view! {
        <Router>
            <a class="skip-link" href="#inhoud">{move || ui(lang.get()).skip_to_content}</a>
            <Header/>
            <main id="inhoud" tabindex="-1">
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Home/>
                    <Route path=path!("/scan/:id") view=pages::Scan/>
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
            <A href="/" attr:class="brand">{move || ui(lang.get()).app_name}</A>
            <nav aria-label=move || ui(lang.get()).my_data>
                <A href="/mijn-gegevens" attr:class="header-link">{move || ui(lang.get()).my_data}</A>
                <button
                    type="button"
                    class="header-link lang-switch"
                    lang=move || other().tag()
                    aria-label=move || ui(lang.get()).other_language_name
                    on:click=move |_| lang.set(other())
                >
                    {move || ui(lang.get()).language_switch}
                </button>
            </nav>
        </header>
    }
}

fn browser_lang() -> Lang {
    window()
        .navigator()
        .language()
        .and_then(|tag| Lang::from_tag(&tag))
        .filter(|lang| *lang == Lang::En)
        .unwrap_or(Lang::Nl)
}

/// Registers `sw.js`, which keeps the app and its definitions available offline.
fn register_service_worker() {
    let navigator = window().navigator();
    let has_worker = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if has_worker {
        let _ = navigator.service_worker().register("/sw.js");
    }
}
