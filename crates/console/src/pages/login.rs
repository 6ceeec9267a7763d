//! The console's first screen and the addresses where its login used to be. Logging in is the
//! login app's (`/beheer/login/`): the server sends it for every console screen until a login is
//! complete, so the console itself starts logged in.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use werkscan_api::login::Screen;

use crate::components::{tr, Guard, Loading, Page};
use crate::session::{self, home_for, use_session, SessionState};

/// `/`: the role's first screen (in the console, or the authors' app with a page load).
#[component]
pub fn Home() -> impl IntoView {
    let state = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let SessionState::In(view) = state.get() {
            if view.pending.is_none() {
                let target = home_for(view.user.role);
                match session::other_app(target) {
                    Some(address) => session::leave(&address),
                    None => navigate(target, NavigateOptions { replace: true, ..Default::default() }),
                }
            }
        }
    });
    view! { <Guard><Loading/></Guard> }
}

/// A path the console does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Page title=tr("Pagina niet gevonden", "Page not found")>
            <p>{tr("Deze pagina bestaat niet (meer).", "This page does not exist (any more).")}</p>
            <p><leptos_router::components::A href=crate::href("/")>{tr("Naar de startpagina", "To the start page")}</leptos_router::components::A></p>
        </Page>
    }
}

/// Where the console's login screens were (`/inloggen`, `/wachtwoord`, `/wachtwoord-kiezen`,
/// `/tweede-factor`, `/tweede-factor/instellen`), for bookmarks and links in earlier e-mails:
/// the same screen of the login app, with the query and the fragment (a password link's token)
/// as they were.
#[component]
pub fn LoginMoved() -> impl IntoView {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let screen = Screen::of_path(&path).unwrap_or(Screen::LogIn);
    let address =
        format!("{}{}{}", screen.path(), location.search().unwrap_or_default(), location.hash().unwrap_or_default());
    session::leave(&address);
    view! { <Loading/> }
}
