//! Werkscan's browser app: the employee fills in a scan on their phone, the answers stay on the
//! device, and the report is computed here with the same core crate the server uses.
//!
//! Two WebAssembly modules share this library: the scan module ([`App`], `src/main.rs`) and the
//! report module ([`ReportApp`], `src/bin/werkscan-report.rs`); see ARCHITECTURE.md.
//! Layout follows Leptos' `start-trunk`: thin entry points, the apps here, screens in `pages/`,
//! reusable pieces in `components/`. Rules live in plain Rust (`flow`, `report`, `storage`);
//! components only wire them to the page (the `todomvc` pattern).

use leptos::prelude::*;
use routing::{Module, Route};
use werkscan_core::Lang;

mod api;
mod components;
pub mod flow;
mod i18n;
mod loading;
mod pages;
pub mod report;
pub mod routing;
mod sharing;
mod storage;

use i18n::{t, use_lang, Language};

/// The scan module's app (`src/main.rs`): start page, campaign invitation, introduction and
/// questions. This is everything the phone downloads before the first question.
#[component]
pub fn App() -> impl IntoView {
    let route = start(Module::Scan);
    let screen = move || match route.get() {
        Route::Home => view! { <pages::Home/> }.into_any(),
        Route::Scan(id) => view! { <pages::Scan id/> }.into_any(),
        Route::Campaign(code) => view! { <pages::Campaign code/> }.into_any(),
        Route::Report(_) | Route::MyData | Route::NotFound => view! { <pages::NotFound/> }.into_any(),
    };
    view! { <Frame>{screen}</Frame> }
}

/// The report module's app (`src/bin/werkscan-report.rs`): the report with sharing and earlier
/// scans, and "mijn gegevens". Loaded when the report is opened, not before the first question.
#[component]
pub fn ReportApp() -> impl IntoView {
    let route = start(Module::Report);
    // Uploads queued while offline go out when the report module starts with a connection.
    leptos::task::spawn_local(async {
        sharing::flush_outbox().await;
    });
    let screen = move || match route.get() {
        Route::Report(id) => view! { <pages::Report id/> }.into_any(),
        Route::MyData => view! { <pages::MyData/> }.into_any(),
        Route::Home | Route::Scan(_) | Route::Campaign(_) | Route::NotFound => view! { <pages::NotFound/> }.into_any(),
    };
    view! { <Frame>{screen}</Frame> }
}

/// What both modules do first: language, offline support and routing.
fn start(module: Module) -> Memo<Route> {
    // Dutch unless the person chose English here before: the app is Dutch first.
    let initial = storage::load_lang().unwrap_or_default();
    let lang = RwSignal::new(initial);
    provide_context(Language(lang));
    // Keep <html lang> right so screen readers pronounce Dutch as Dutch.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().tag());
        }
    });
    register_service_worker();
    routing::provide_router(module)
}

/// The frame around every screen: skip link, header, main landmark.
#[component]
fn Frame(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#inhoud">{t(|u| u.skip_to_content)}</a>
        <Header/>
        <main id="inhoud" tabindex="-1">{children()}</main>
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
                    on:click=move |_| {
                        // Remembered only when chosen: an untouched device keeps nothing.
                        let chosen = other();
                        storage::save_lang(chosen);
                        lang.set(chosen);
                    }
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

/// Mounts a module's app in place of the static loading shell of `index.html`.
pub fn start_module<V: IntoView + 'static>(app: fn() -> V) {
    // Panic messages in the console for `trunk serve` and plain `trunk build`; the shipped build
    // (scripts/build-app.sh) aborts at once on a panic and never reaches the hook.
    console_error_panic_hook::set_once();
    // index.html shows a static shell (the privacy promise) while a module loads; the app takes
    // over. The shell is hidden rather than removed, which keeps it out of the accessibility
    // tree as well.
    if let Some(shell) = document().get_element_by_id("shell") {
        let _ = shell.set_attribute("hidden", "");
    }
    leptos::mount::mount_to_body(app);
}
