//! Pieces of the author app's screens: the frame with its header and the guard, the editor of
//! the files with its problems, the phone preview, the differences, and the ways to say that
//! something is loading or went wrong.

mod differences;
mod editor;
mod layout;
mod phone;
mod problems;

pub use differences::Differences;
pub use editor::{focus_problem, SourceEditor};
pub use layout::{Guard, Layout, Page};
pub use phone::Phone;
pub use problems::ProblemList;

use leptos::prelude::*;
use werkscan_console::api::ApiError;
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

/// A sentence of this app in the current language, Dutch and English side by side where it is
/// used (the app has no byte budget to keep them in tables).
pub fn tr(nl: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || pick(lang.get(), nl, en)
}

/// One of two sentences by language.
pub fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// "Laden…", announced politely.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="meta" role="status">{tr("Laden…", "Loading…")}</p> }
}

/// What went wrong with a request, in words, announced at once.
#[component]
pub fn Problem(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="error" role="alert">{move || werkscan_console::words::error(lang.get(), &error)}</p> }
}

/// A request's answer on screen: "Laden…" while it runs, the refusal in words if it failed, and
/// otherwise what `show` makes of it.
pub fn loaded<T>(answer: Option<Result<T, ApiError>>, show: impl FnOnce(T) -> AnyView) -> AnyView {
    match answer {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <Problem error/> }.into_any(),
        Some(Ok(value)) => show(value),
    }
}
