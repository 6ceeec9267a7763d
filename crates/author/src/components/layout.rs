//! The frame of every screen: skip link, header (the app's name, the account, the language,
//! logging out), the page heading that takes focus when a screen opens, and the guard that shows
//! a screen only to a complete login of a definition author. The login itself is the login
//! app's (`/beheer/login/`): anyone else is sent there with a full page load.

use leptos::prelude::*;
use leptos_router::components::A;
use werkscan_api::accounts::Role;
use werkscan_console::session::{self, access, use_session, Access, SessionState};
use werkscan_kit::frame::{focus_on_mount, LanguageButton};

use super::{tr, Loading};
use crate::href;

/// The console's address of a console path (`/account` → `/beheer/account`).
fn console(path: &str) -> String {
    format!("{}{path}", werkscan_console::BASE)
}

/// Skip link, header and the main landmark around the screens.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let state = use_session();
    let name = Memo::new(move |_| match state.get() {
        SessionState::In(view) if view.pending.is_none() => Some(view.user.display_name.clone()),
        _ => None,
    });
    let logout = Action::new_local(move |_: &()| async move {
        werkscan_console::api::call::<serde_json::Value>("POST", "/api/logout", None::<&()>).await
    });
    Effect::new(move |_| {
        if logout.value().get().is_some() {
            session::leave(&werkscan_api::login::Screen::LogIn.path());
        }
    });
    view! {
        <a class="skip-link" href="#inhoud">{tr("Ga naar de inhoud", "Skip to content")}</a>
        <header class="site-header console-header author-header">
            <A href=href("/") attr:class="brand">{tr("Werkscan vragenlijsten", "Werkscan questionnaires")}</A>
            <LanguageButton/>
            {move || name.get().map(|name| view! {
                <nav class="author-account" aria-label=tr("Account", "Account")>
                    // The console is another app: plain links, a full page load.
                    <a class="header-link" href=console("/account")>
                        <span class="visually-hidden">{tr("Mijn account: ", "My account: ")}</span>{name}
                    </a>
                    <button type="button" class="header-link link-button" on:click=move |_| { logout.dispatch(()); }>
                        {tr("Uitloggen", "Log out")}
                    </button>
                </nav>
            })}
        </header>
        <main id="inhoud" tabindex="-1" class="console-main author-main">{children()}</main>
    }
}

/// A screen's heading (focused when the screen opens, so a screen reader reads where one is)
/// and the browser tab's title.
#[component]
pub fn Page(title: impl Fn() -> String + Send + Sync + 'static, children: Children) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    let app = tr("Werkscan vragenlijsten", "Werkscan questionnaires");
    let title = Signal::derive(title);
    Effect::new(move |_| document().set_title(&format!("{} – {}", title.get(), app())));
    view! {
        <h1 tabindex="-1" node_ref=heading>{title}</h1>
        {children()}
    }
}

/// Shows its children only to a complete login of a definition author; sends anyone else to
/// the login app, at the login or the step of it still open.
#[component]
pub fn Guard(children: ChildrenFn) -> impl IntoView {
    let state = use_session();
    // A memo, so that a session read again with the same outcome does not rebuild the screen
    // (and lose what is typed in it).
    // This screen's path below the console's base, to come back to after logging in.
    let here = {
        let location = window().location();
        let address = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        address.strip_prefix(werkscan_console::BASE).unwrap_or("/auteur").to_owned()
    };
    let access = Memo::new(move |_| access(&state.get(), &[Role::DefinitionAuthor], &here));
    Effect::new(move |_| {
        if let Access::Go(address) = access.get() {
            session::leave(&address);
        }
    });
    move || {
        match access.get() {
        Access::Wait | Access::Go(_) => view! { <Loading/> }.into_any(),
        Access::Offline => view! {
            <p class="error" role="alert">{tr("Geen verbinding met de server. Probeer het zo nog eens.", "No connection to the server. Please try again shortly.")}</p>
            <button type="button" class="button" on:click=move |_| session::refresh()>{tr("Opnieuw proberen", "Try again")}</button>
        }
        .into_any(),
        Access::WrongRole => view! {
            <h1>{tr("Niet voor jouw rol", "Not for your role")}</h1>
            <p>{tr("Vragenlijsten schrijven is alleen voor auteurs van vragenlijsten.", "Writing questionnaires is for questionnaire authors only.")}</p>
            <p><a href=console("/")>{tr("Naar het beheer", "To the console")}</a></p>
        }
        .into_any(),
        Access::Allowed => children().into_any(),
    }
    }
}
