use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{ui, use_lang};

/// Shown for links that lead nowhere.
#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="page">
            <h1>{move || ui(lang.get()).not_found_title}</h1>
            <p>{move || ui(lang.get()).not_found_text}</p>
            <p><A href="/" attr:class="button">{move || ui(lang.get()).go_home}</A></p>
        </div>
    }
}
