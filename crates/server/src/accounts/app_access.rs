//! Who is sent which app: the questionnaire authors' app (its page and every file under
//! `/beheer/auteur/`) goes only to a complete login of a definition author, so that no employee
//! and no other staff member downloads any of it. Everything else is the built apps as
//! `static_files` serves them.
//!
//! Without a complete login the page sends the person to the console's login (which sends an
//! author back here once logged in); a complete login of another role gets 403. Neither gets the
//! app's script, module or style.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use werkscan_api::accounts::Role;
use werkscan_core::routes::{app_for, App};

use super::auth::SessionUser;
use crate::static_files;
use crate::AppState;

/// Where a visitor without a complete login is sent: the console's login.
pub const LOGIN: &str = "/beheer/inloggen";

/// Whether a path is the author app's: one of its screens or one of its files.
pub fn is_author_app(path: &str) -> bool {
    app_for(path) == Some(App::Author) || App::of_file(path).is_some_and(|(app, _)| app == App::Author)
}

/// What a login may have of the author app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// A complete login of a definition author: the app.
    Author,
    /// No login, or one with a step still open: the console's login.
    LogIn,
    /// A complete login of another role: refused.
    OtherRole,
}

/// The admission of a login (`None`: no valid session).
pub fn admission(session: Option<&SessionUser>) -> Admission {
    match session {
        Some(session) if session.pending().is_none() && session.user.role == Role::DefinitionAuthor => {
            Admission::Author
        }
        Some(session) if session.pending().is_none() => Admission::OtherRole,
        _ => Admission::LogIn,
    }
}

/// The built apps, with the author app only for a definition author (the router's fallback).
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    if !is_author_app(req.uri().path()) {
        return static_files::serve(State(state), req).await;
    }
    let (mut parts, body) = req.into_parts();
    let session = SessionUser::from_request_parts(&mut parts, &state).await.ok();
    match admission(session.as_ref()) {
        Admission::Author => {
            let response = static_files::serve(State(state), Request::from_parts(parts, body)).await;
            kept_private(response)
        }
        Admission::LogIn => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            response.headers_mut().insert(header::LOCATION, HeaderValue::from_static(LOGIN));
            no_store(response)
        }
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
        assert!(!is_author_app("/beheer/werkscan-console-0123456789abcdef_bg.wasm"));
        assert!(!is_author_app("/"));
    }
}
