//! The login as the console knows it: loaded once at start, replaced by login and logout, and
//! dropped when the server says it is gone. Where a role or a half-finished login sends a person
//! is plain Rust ([`next_step`]), tested without a browser.

use leptos::prelude::*;
use werkscan_api::accounts::{Pending, Role, SessionView};
use werkscan_core::routes::App;

use crate::api::{self, ApiError};

/// Where the console stands with the server.
#[derive(Clone, Debug, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "one value at a time, held in a signal: boxing the large variant would add an allocation and code for no memory saved"
)]
pub enum SessionState {
    /// Asking the server.
    Loading,
    /// No valid session (never logged in, logged out, expired or ended elsewhere).
    LoggedOut,
    /// The server could not be reached to find out.
    Offline,
    /// Logged in, possibly with a step still to do.
    In(SessionView),
}

thread_local! {
    // Set once by `provide_session`: requests report a lost session from outside the component
    // tree (after an await), where contexts are not available.
    static STATE: std::cell::Cell<Option<RwSignal<SessionState>>> = const { std::cell::Cell::new(None) };
}

/// The session signal, provided once at the start of the console.
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<SessionState>);

/// Provides the session and starts reading it from the server.
pub fn provide_session() -> RwSignal<SessionState> {
    let state = RwSignal::new(SessionState::Loading);
    STATE.with(|cell| cell.set(Some(state)));
    provide_context(Session(state));
    refresh();
    state
}

/// The session signal from context.
pub fn use_session() -> RwSignal<SessionState> {
    expect_context::<Session>().0
}

/// Reads the session from the server again (after a step of the login, or when a request says
/// a step is still needed).
pub fn refresh() {
    leptos::task::spawn_local(async {
        reload().await;
    });
}

/// Takes a session the server just gave (login, a completed step).
pub fn set_view(view: SessionView) {
    set(SessionState::In(view));
}

/// Sets the state, keeping the CSRF token of requests in step with it.
pub fn set(next: SessionState) {
    if let SessionState::In(view) = &next {
        api::set_csrf(&view.csrf_token);
    }
    STATE.with(|cell| {
        if let Some(state) = cell.get() {
            state.set(next);
        }
    });
}

/// A request found the session gone (401) or a step of the login still open (403 `…_required`).
pub(crate) fn session_lost(code: &str) {
    if code.ends_with("_required") {
        refresh();
    } else {
        set(SessionState::LoggedOut);
    }
}

/// The first screen of a role after logging in.
pub fn home_for(role: Role) -> &'static str {
    match role {
        Role::Expert => "/resultaten",
        Role::Employer => "/campagnes",
        Role::Admin => "/accounts",
        Role::PracticeAdmin => "/praktijk",
        Role::DefinitionAuthor => AUTHOR_APP,
    }
}

/// Where the questionnaire authors' app starts, as a path below the console's base: it is an app
/// of its own (`/beheer/auteur`), which the console leaves for with a page load.
pub const AUTHOR_APP: &str = "/auteur";

/// The address to load for a path (below the console's base) that another app shows, such as
/// the authors' app; `None` for the console's own screens, which its router shows.
pub fn other_app(path: &str) -> Option<String> {
    let address = format!("{}{path}", crate::BASE);
    let without_query = address.split(['?', '#']).next().unwrap_or_default();
    match werkscan_core::routes::app_for(without_query) {
        Some(App::Console) | None => None,
        Some(_) => Some(address),
    }
}

/// Where a person must go before they can see `wanted`, if anywhere (console paths, without
/// the `/beheer` base): the login, a step of the login still open, or nowhere (`None`).
pub fn next_step(state: &SessionState, wanted: &str) -> Option<String> {
    match state {
        SessionState::Loading | SessionState::Offline => None,
        SessionState::LoggedOut => Some(login_path(wanted)),
        SessionState::In(view) => {
            let step = match view.pending? {
                Pending::PasswordChange => "/wachtwoord",
                Pending::SecondFactorSetup => "/tweede-factor/instellen",
                Pending::SecondFactor => "/tweede-factor",
            };
            (step != wanted).then(|| step.to_owned())
        }
    }
}

/// The login screen, remembering where the person wanted to go (only a console path, so a
/// crafted link cannot send someone elsewhere after logging in).
pub fn login_path(wanted: &str) -> String {
    if is_console_path(wanted) && wanted != "/" && !wanted.starts_with("/inloggen") {
        format!("/inloggen{}", api::query(&[("terug", wanted.to_owned())]))
    } else {
        "/inloggen".to_owned()
    }
}

/// Whether a path stays inside the console (`/x`, not `//host` or `/\host`).
pub fn is_console_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\")
}

/// Where to go after a complete login: where the person wanted, if it is a console path, else
/// their role's first screen.
pub fn after_login(role: Role, wanted: Option<&str>) -> String {
    match wanted {
        Some(path) if is_console_path(path) && !path.starts_with("/inloggen") && path != "/" => path.to_owned(),
        _ => home_for(role).to_owned(),
    }
}

/// What a screen for `roles` at `path` may show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// Still asking the server.
    Wait,
    /// The server could not be reached.
    Offline,
    /// Go elsewhere first (the login, or a step of it).
    Go(String),
    /// Logged in with a role this screen is not for.
    WrongRole,
    /// Show it.
    Allowed,
}

/// Whether a screen for `roles` (empty: any complete login) at `path` may be shown.
pub fn access(state: &SessionState, roles: &[Role], path: &str) -> Access {
    if let Some(step) = next_step(state, path) {
        return Access::Go(step);
    }
    match state {
        SessionState::Loading => Access::Wait,
        SessionState::Offline => Access::Offline,
        SessionState::LoggedOut => Access::Go(login_path(path)),
        SessionState::In(view) if !roles.is_empty() && !roles.contains(&view.user.role) => Access::WrongRole,
        SessionState::In(_) => Access::Allowed,
    }
}

/// Reads the session from the server and waits for it (after a step of the login).
pub async fn reload() -> SessionState {
    let next = match api::get::<SessionView>("/api/session").await {
        Ok(view) => SessionState::In(view),
        Err(ApiError::Offline) => SessionState::Offline,
        Err(_) => SessionState::LoggedOut,
    };
    set(next.clone());
    next
}
