//! The app's screens: the list of questionnaires and versions, and the editor of a version.

mod editor;
mod versions;

pub use editor::Editor;
pub use versions::Versions;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{tr, Page};
use crate::href;

/// A path the app does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    let title = tr("Pagina niet gevonden", "Page not found");
    view! {
        <Page title=move || title().to_owned()>
            <p>{tr("Deze pagina bestaat niet (meer).", "This page does not exist (any more).")}</p>
            <p><A href=href("/")>{tr("Naar alle vragenlijsten", "To all questionnaires")}</A></p>
        </Page>
    }
}
