//! Loading, refusals and confirmations, announced to screen readers.

use leptos::prelude::*;
use werkscan_kit::i18n::use_lang;

use crate::api::ApiError;
use crate::words;

use super::tr;

/// "Laden…", announced politely.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="meta" role="status">{tr("Laden…", "Loading…")}</p> }
}

/// What went wrong with a request, in words, announced at once.
#[component]
pub fn Problem(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="error" role="alert">{move || words::error(lang.get(), &error)}</p> }
}

/// A request's answer on screen: "Laden…" while it runs, the refusal in words if it failed, and
/// otherwise what `show` makes of it. Every screen that loads something shows these three
/// states the same way.
pub fn loaded<T>(answer: Option<Result<T, ApiError>>, show: impl FnOnce(T) -> AnyView) -> AnyView {
    match answer {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <Problem error/> }.into_any(),
        Some(Ok(value)) => show(value),
    }
}

/// The refusal of an action's last run, if it failed (nothing otherwise).
#[component]
pub fn ProblemOf<T: Clone + Send + Sync + 'static>(
    #[prop(into)] outcome: Signal<Option<Result<T, ApiError>>>,
) -> impl IntoView {
    move || match outcome.get() {
        Some(Err(error)) => Some(view! { <Problem error/> }),
        _ => None,
    }
}
