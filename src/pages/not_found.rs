use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::t;

/// Shown for links that lead nowhere.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="page">
            <h1>{t(|u| u.not_found_title)}</h1>
            <p>{t(|u| u.not_found_text)}</p>
            <p><A href="/" attr:class="button">{t(|u| u.go_home)}</A></p>
        </div>
    }
}
