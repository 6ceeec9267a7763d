//! The frame around every page of the employee's apps, and what every app does at its start.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{frame_ui, use_lang};
use crate::store::{save_lang, BrowserStore};

/// Skip link, header (name, "mijn gegevens", language) and the main landmark around a screen.
#[component]
pub fn Frame(children: Children) -> impl IntoView {
    let lang = use_lang();
    let ui = move || frame_ui(lang.get());
    view! {
        <a class="skip-link" href="#inhoud">{move || ui().skip_to_content}</a>
        <header class="site-header">
            <a href="/" class="brand">{move || ui().app_name}</a>
            <nav aria-label=move || ui().my_data>
                <a href="/mijn-gegevens" class="header-link">{move || ui().my_data}</a>
                <LanguageButton/>
            </nav>
        </header>
        <main id="inhoud" tabindex="-1">{children()}</main>
    }
}

/// The button in every app's header that switches between Dutch and English: it is named in
/// the other language, as that language's speakers look for it.
#[component]
pub fn LanguageButton() -> impl IntoView {
    let lang = use_lang();
    let ui = move || frame_ui(lang.get());
    view! {
        <button
            type="button"
            class="header-link lang-switch"
            lang=move || lang.get().other().tag()
            aria-label=move || ui().other_language_name
            on:click=move |_| {
                // Remembered only when chosen: an untouched device keeps nothing.
                let chosen = lang.get_untracked().other();
                save_lang(&BrowserStore, chosen);
                lang.set(chosen);
            }
        >
            {move || ui().language_switch}
        </button>
    }
}

/// Moves focus to the element once it is on the page, so that a screen reader reads the new
/// screen or question at once.
pub fn focus_on_mount<E>(node: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        if let Some(element) = node.get() {
            let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    });
}

/// Registers `sw.js`, which keeps the employee's apps and their definitions available offline.
pub fn register_service_worker() {
    let navigator = window().navigator();
    let has_worker = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if has_worker {
        let _ = navigator.service_worker().register("/sw.js");
    }
}

/// Mounts an app in place of the static loading shell of its `index.html`.
pub fn start_app<V: IntoView + 'static>(app: fn() -> V) {
    // index.html shows a static shell (the privacy promise) while the app loads; the app takes
    // over. The shell is hidden rather than removed, which keeps it out of the accessibility
    // tree as well.
    if let Some(shell) = document().get_element_by_id("shell") {
        let _ = shell.set_attribute("hidden", "");
    }
    // In a task after the one that started the module: starting it and drawing the app in one
    // task held a phone for about 50 ms at Lighthouse's 4× slowdown, so a tap on the screen the
    // server drew could wait that long (docs/PERFORMANCE.md, the employee's first screen).
    set_timeout(move || leptos::mount::mount_to_body(app), std::time::Duration::ZERO);
}
