//! The staff console (placeholder while the house is built).
use leptos::prelude::*;

/// The console.
#[component]
pub fn App() -> impl IntoView {
    view! { <p>"Werkscan"</p> }
}
