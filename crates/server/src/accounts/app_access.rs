//! Who is sent which app. A staff screen (the console's or the authors' app's) goes only to a
//! complete login: without one, or with a step of the login still open, the server sends the
//! small login app's page in its place, at the same address, so a member of staff downloads
//! nothing of the console before logging in, and comes back to the screen they wanted after it.
//! The questionnaire authors' app (its page and every file under `/beheer/auteur/`) goes only to
//! a complete login of a definition author, so that no employee and no other staff member
//! downloads any of it; a complete login of another role gets 403. Everything else is the built
//! apps as `static_files` serves them.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use werkscan_api::accounts::Role;
use werkscan_core::routes::{app_for, App};

use super::auth::SessionUser;
use crate::static_files;
use crate::AppState;

/// Where a file of the authors' app sends a visitor without a complete login: the staff login.
pub const LOGIN: &str = "/beheer/login/";

/// Whether a path is the author app's: one of its screens or one of its files.
pub fn is_author_app(path: &str) -> bool {
    app_for(path) == Some(App::Author) || App::of_file(path).is_some_and(|(app, _)| app == App::Author)
}

/// Whether a path is a staff screen that needs a complete login: a page of the console or of
/// the authors' app (their files are told apart by `static_files::names_a_file`).
pub fn is_staff_screen(path: &str) -> bool {
    matches!(app_for(path), Some(App::Console | App::Author))
}

/// What a login may have of a staff app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// A complete login that may use the app.
    Granted,
    /// No login, or one with a step still open: the staff login.
    LogIn,
    /// A complete login of a role the app is not for (the authors' app): refused.
    OtherRole,
}

/// The admission of a login (`None`: no valid session) to `app` (the console or the authors'
/// app).
pub fn admission(session: Option<&SessionUser>, app: App) -> Admission {
    match session {
        Some(session) if session.pending().is_none() => {
            if app != App::Author || session.user.role == Role::DefinitionAuthor {
                Admission::Granted
            } else {
                Admission::OtherRole
            }
        }
        _ => Admission::LogIn,
    }
}

/// The built apps, with the staff screens only for a complete login, and the author app only
/// for a definition author (the router's fallback).
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    let author = is_author_app(&path);
    let file = static_files::names_a_file(&state, &path);
    // The console's own files are not personal and stay public (cached for a year): nobody
    // fetches them but its page, which only a complete login gets.
    if !author && (file || !is_staff_screen(&path)) {
        return static_files::serve(State(state), req).await;
    }
    let (mut parts, body) = req.into_parts();
    let session = SessionUser::from_request_parts(&mut parts, &state).await.ok();
    let app = if author { App::Author } else { App::Console };
    let req = Request::from_parts(parts, body);
    match admission(session.as_ref(), app) {
        Admission::Granted if author => kept_private(static_files::serve(State(state), req).await),
        Admission::Granted => static_files::serve(State(state), req).await,
        // A file of the authors' app (or one it does not have): not for this visitor.
        Admission::LogIn if (author && !is_staff_screen(&path)) || file => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            response.headers_mut().insert(header::LOCATION, HeaderValue::from_static(LOGIN));
            no_store(response)
        }
        Admission::LogIn => no_store(static_files::serve_page(State(state), req, App::Login).await),
        Admission::OtherRole => no_store(
            (
                StatusCode::FORBIDDEN,
                [(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))],
                REFUSED_PAGE,
            )
                .into_response(),
        ),
    }
}

/// What another role sees instead of the author app (no script: the page's policy allows none).
const REFUSED_PAGE: &str = "<!doctype html><html lang=\"nl\"><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Werkscan</title>\
<main><h1>Alleen voor auteurs van vragenlijsten</h1>\
<p>Dit deel van Werkscan is alleen voor accounts die vragenlijsten schrijven.</p>\
<p lang=\"en\">This part of Werkscan is for questionnaire authors only.</p>\
<p><a href=\"/beheer\">Naar het beheer</a></p></main></html>";

/// The author app's files are for one person's browser: no shared cache may keep them, even the
/// content-hashed files that are otherwise cached publicly for a year.
fn kept_private(mut response: Response) -> Response {
    let cache = response.headers().get(header::CACHE_CONTROL).and_then(|value| value.to_str().ok()).map(str::to_owned);
    let private = match cache.as_deref() {
        Some(value) if value.starts_with("public") => value.replacen("public", "private", 1),
        Some(value) => format!("private, {value}"),
        None => "private, no-cache".to_owned(),
    };
    if let Ok(value) = HeaderValue::from_str(&private) {
        response.headers_mut().insert(header::CACHE_CONTROL, value);
    }
    response
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_author_app_is_its_screens_and_its_files_and_nothing_of_the_console() {
        assert!(is_author_app("/beheer/auteur"));
        assert!(is_author_app("/beheer/auteur/"));
        assert!(is_author_app("/beheer/auteur/vragenlijsten/werkscan/3.0.0"));
        assert!(is_author_app("/beheer/auteur/werkscan-author-0123456789abcdef_bg.wasm"));
        assert!(!is_author_app("/beheer"));
        assert!(!is_author_app("/beheer/auteurs"));
        assert!(!is_author_app("/beheer/inloggen"));
        assert!(!is_author_app("/beheer/login/"));
        assert!(!is_author_app("/beheer/werkscan-console-0123456789abcdef_bg.wasm"));
        assert!(!is_author_app("/"));
    }

    #[test]
    fn staff_screens_are_the_consoles_and_the_authors_apps_pages_not_the_login() {
        assert!(is_staff_screen("/beheer"));
        assert!(is_staff_screen("/beheer/resultaten/12"));
        assert!(is_staff_screen("/beheer/auteur/"));
        assert!(!is_staff_screen("/beheer/login/"));
        assert!(!is_staff_screen("/beheer/login/tweede-factor"));
        assert!(!is_staff_screen("/c/abc"));
        assert!(!is_staff_screen("/r/"));
    }
}
