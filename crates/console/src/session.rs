//! The login as the console knows it: loaded once at start, replaced by logout, and dropped
//! when the server says it is gone. Logging in is the login app's (`/beheer/login/`), which the
//! console leaves for with a page load; where a role or a half-finished login sends a person is
//! the wire crate's `werkscan_api::login`, wrapped for console paths here ([`next_step`]),
//! tested without a browser.

use leptos::prelude::*;
use werkscan_api::accounts::{Role, SessionView};
use werkscan_api::login;
use werkscan_core::routes::App;

use crate::api::{self, ApiError};

/// Where the console stands with the server.
#[derive(Clone, Debug, PartialEq)]
// The lint fires only where pointers are 64 bits wide (the host's checks), not in the browser's
// 32-bit build, so the expectation is stated for the host only.
#[cfg_attr(
    target_pointer_width = "64",
    expect(
        clippy::large_enum_variant,
        reason = "one value at a time, held in a signal: boxing the large variant would add an allocation and code for no memory saved"
    )
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

/// The first screen of a role after logging in, as a path below the console's base (the
/// login's rule, `werkscan_api::login::home_for`; an author's is the authors' app, [`AUTHOR_APP`]).
pub fn home_for(role: Role) -> &'static str {
    let address = login::home_for(role);
    address.strip_prefix(crate::BASE).unwrap_or(address)
}

/// Where the questionnaire authors' app starts, as a path below the console's base: it is an app
/// of its own (`/beheer/auteur`), which the console leaves for with a page load.
pub const AUTHOR_APP: &str = "/auteur";

/// The address to load for a path (below the console's base) that another app shows, such as
/// the authors' app or the login; `None` for the console's own screens, which its router shows.
pub fn other_app(path: &str) -> Option<String> {
    let address = format!("{}{path}", crate::BASE);
    let without_query = address.split(['?', '#']).next().unwrap_or_default();
    match werkscan_core::routes::app_for(without_query) {
        Some(App::Console) | None => None,
        Some(_) => Some(address),
    }
}

/// Where a person must go before they can see `wanted` (a console path, without the `/beheer`
/// base), if anywhere: the login app, or the step of the login still open there, remembering
/// `wanted` (an address to load: the login is another app). `None` while asking the server.
pub fn next_step(state: &SessionState, wanted: &str) -> Option<String> {
    let wanted = format!("{}{wanted}", crate::BASE);
    match state {
        SessionState::Loading | SessionState::Offline => None,
        SessionState::LoggedOut => login::before(None, &wanted),
        SessionState::In(view) => login::before(Some(view), &wanted),
    }
}

/// What a screen for `roles` at `path` may show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// Still asking the server.
    Wait,
    /// The server could not be reached.
    Offline,
    /// Load this address first (the login app, at the login or a step of it).
    Go(String),
    /// Logged in with a role this screen is not for.
    WrongRole,
    /// Show it.
    Allowed,
}

/// Whether a screen for `roles` (empty: any complete login) at `path` may be shown.
pub fn access(state: &SessionState, roles: &[Role], path: &str) -> Access {
    if let Some(address) = next_step(state, path) {
        return Access::Go(address);
    }
    match state {
        SessionState::Loading => Access::Wait,
        SessionState::Offline => Access::Offline,
        SessionState::In(view) if !roles.is_empty() && !roles.contains(&view.user.role) => Access::WrongRole,
        SessionState::LoggedOut | SessionState::In(_) => Access::Allowed,
    }
}

/// Loads an address in place of this page (the login app, the authors' app).
pub fn leave(address: &str) {
    let _ = window().location().replace(address);
}

/// Reads the session from the server and waits for it. Without a login the server answers
/// `null` (not a 401, which browsers log as an error).
pub async fn reload() -> SessionState {
    let next = match api::get::<Option<SessionView>>("/api/session").await {
        Ok(Some(view)) => SessionState::In(view),
        Ok(None) => SessionState::LoggedOut,
        Err(ApiError::Offline) => SessionState::Offline,
        Err(_) => SessionState::LoggedOut,
    };
    set(next.clone());
    next
}
