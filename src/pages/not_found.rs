use leptos::prelude::*;

use crate::i18n::t;

/// Shown for links that lead nowhere.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="page">
            <h1>{t(|u| u.not_found_title)}</h1>
            <p>{t(|u| u.not_found_text)}</p>
            <p><a href="/" class="button">{t(|u| u.go_home)}</a></p>
        </div>
    }
}
