//! Werkscan's browser app: the employee fills in a scan on their phone, the answers stay on the
//! device, and the report is computed here with the same core crate the server uses.
//!
//! Layout follows Leptos' `start-trunk`: a thin `main.rs`, [`App`] here, screens in `pages/`,
//! reusable pieces in `components/`. Rules live in plain Rust (`flow`, `report`, `storage`);
//! components only wire them to the page (the `todomvc` pattern).

use leptos::prelude::*;
use routing::Route;
use werkscan_core::Lang;

mod api;
mod components;
pub mod flow;
mod i18n;
mod pages;
pub mod report;
pub mod routing;
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

    let route = routing::provide_router();
    let screen = move || match route.get() {
        Route::Home => view! { <pages::Home/> }.into_any(),
        Route::Scan(id) => view! { <pages::Scan id/> }.into_any(),
        Route::Campaign(code) => view! { <pages::Campaign code/> }.into_any(),
        Route::MyData => view! { <pages::MyData/> }.into_any(),
        Route::NotFound => view! { <pages::NotFound/> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#inhoud">{t(|u| u.skip_to_content)}</a>
        <Header/>
        <main id="inhoud" tabindex="-1">{screen}</main>
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
            <a href="/" class="brand">{t(|u| u.app_name)}</a>
            <nav aria-label=t(|u| u.my_data)>
                <a href="/mijn-gegevens" class="header-link">{t(|u| u.my_data)}</a>
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
