//! Werkscan's server: it serves the built app and a JSON API for the questionnaire catalogue,
//! campaigns, consent-gated uploads with withdrawal, and (groundwork) the arbeidsdeskundige's
//! access to what was shared.
//!
//! Privacy is the design constraint (ARCHITECTURE.md, invariants 1, 7, 9 and 10): an upload holds only what the
//! person ticked, the server re-checks it with the same core code that scored it on the phone,
//! employers never reach an individual submission, every read of one by an arbeidsdeskundige is
//! audited, withdrawal and retention delete everything derived, and logs never carry content.
//!
//! The server keeps nothing in memory that a second instance would need: sessions, rate limits
//! and submissions live in the database (SQLite or PostgreSQL).

#![warn(missing_docs)]

// Shared infrastructure: storage, errors, extractors, state, the web layer and helpers.
pub mod csv;
pub mod db;
pub mod definitions;
pub mod error;
pub mod extract;
pub mod public;
pub mod serve;
pub mod state;
pub mod static_files;
pub mod util;
pub mod web;

// The areas, each with its routes, its rules and its storage.
pub mod accounts;
pub mod admin;
pub mod audit;
pub mod author;
pub mod booking;
pub mod campaigns;
pub mod expert;
pub mod first_screen;
pub mod mail;
pub mod models;
pub mod my_data;
pub mod practices;
pub mod releases;
pub mod submissions;

use axum::routing::{delete, get, post};
use axum::Router;

pub use accounts::auth::PasswordCost;
pub use db::{Backend, Db};
pub use definitions::Definitions;
pub use error::ApiError;
pub use state::{AppState, Config};

/// A router that remembers the path of every route it is given: the route table, derived from
/// the router itself, which the tests sweep (`api_paths`), so that a new route is covered by them
/// without anyone adding it to a list.
struct Routes {
    router: Router<AppState>,
    paths: Vec<&'static str>,
}

impl Routes {
    fn new() -> Routes {
        Routes { router: Router::new(), paths: Vec::new() }
    }

    /// Adds the routes of `path`. The route table (`werkscan_api::endpoints::ENDPOINTS`) must
    /// name the path with its types and roles: a route it does not name is refused here, when the
    /// router is built, so it never answers a request (the tests check the methods too).
    fn route(mut self, path: &'static str, method_router: axum::routing::MethodRouter<AppState>) -> Routes {
        assert!(
            werkscan_api::endpoints::at(path).next().is_some(),
            "{path}: name it in werkscan_api::endpoints::ENDPOINTS, with its request and reply types and who may use it"
        );
        self.paths.push(path);
        self.router = self.router.route(path, method_router);
        self
    }

    fn merge(mut self, other: Routes) -> Routes {
        self.paths.extend(other.paths);
        self.router = self.router.merge(other.router);
        self
    }

    fn map(mut self, change: impl FnOnce(Router<AppState>) -> Router<AppState>) -> Routes {
        self.router = change(self.router);
        self
    }
}

/// The path of every API route (with `{param}` placeholders), in the router's order.
pub fn api_paths() -> Vec<&'static str> {
    api_routes(Config::default().upload_limit).paths
}

/// The API's routes.
fn api_routes(upload_limit: usize) -> Routes {
    // What every phone fetches, the same for everyone and free of personal data: compressed
    // (a definition is about 27 KB of JSON and 8 KB compressed). Answers, contacts and sessions
    // never pass through here, so compression cannot leak a secret beside attacker input.
    let public = Routes::new()
        .route("/api/questionnaires", get(public::catalogue))
        .route("/api/questionnaires/{id}", get(public::questionnaire))
        .route("/api/questionnaires/{id}/{version}", get(public::questionnaire_version))
        .route("/api/consent", get(public::consent))
        .route("/api/consent/{version}", get(public::consent_version))
        .map(|router| {
            router
                .layer(axum::middleware::from_fn(web::revalidate))
                .layer(tower_http::compression::CompressionLayer::new())
        });
    Routes::new()
        .merge(public)
        .route("/api/login", post(accounts::auth::login))
        .route("/api/logout", post(accounts::auth::logout))
        .route("/api/session", get(accounts::auth::session))
        .route("/api/account/password", post(accounts::account::change_password))
        .route("/api/account/second-factor/setup", post(accounts::account::setup_second_factor))
        .route("/api/account/second-factor/confirm", post(accounts::account::confirm_second_factor))
        .route("/api/account/second-factor/verify", post(accounts::account::verify_second_factor))
        .route("/api/account/sessions", get(accounts::account::sessions))
        .route("/api/account/sessions/{id}", delete(accounts::account::end_session))
        .route("/api/password-link", post(accounts::password_links::choose_password))
        .route("/api/password-link/check", post(accounts::password_links::check))
        .route("/api/experts", get(campaigns::routes::experts))
        .route(
            "/api/campaigns",
            get(campaigns::routes::list)
                .post(campaigns::routes::create)
                .layer(axum::extract::DefaultBodyLimit::max(campaigns::routes::CAMPAIGN_BODY_LIMIT)),
        )
        .route("/api/campaigns/{id}", get(campaigns::routes::get))
        .route("/api/campaigns/{id}/close", post(campaigns::routes::close))
        .route("/api/campaigns/{id}/extend", post(campaigns::routes::extend))
        .route("/api/campaigns/{id}/qr.svg", get(campaigns::routes::qr))
        .route(
            "/api/campaigns/{id}/roster",
            get(campaigns::invitations::get_roster)
                .put(campaigns::invitations::put_roster)
                .layer(axum::extract::DefaultBodyLimit::max(campaigns::invitations::ROSTER_BODY_LIMIT)),
        )
        .route("/api/expert/campaigns/{id}/roster", get(campaigns::invitations::review))
        .route("/api/expert/campaigns/{id}/roster/approve", post(campaigns::invitations::approve))
        .route("/api/expert/campaigns/{id}/roster/reject", post(campaigns::invitations::reject))
        .route("/api/expert/campaigns/{id}/roster/remind", post(campaigns::invitations::remind))
        .route("/api/expert/campaigns/{id}/letters", post(campaigns::invitations::letters))
        .route("/api/campaigns/{id}/figures", get(releases::routes::figures))
        .route("/api/campaigns/{id}/figures.csv", get(releases::routes::figures_csv))
        .route("/api/campaigns/{id}/actions", post(releases::actions::add))
        .route(
            "/api/campaigns/{id}/actions/{action}",
            axum::routing::put(releases::actions::change).delete(releases::actions::remove),
        )
        .route("/api/expert/campaigns/{id}/actions", get(releases::actions::for_expert))
        .route("/api/expert/campaigns/{id}/release", get(campaigns::release_review::review))
        .route("/api/expert/campaigns/{id}/release/publish", post(campaigns::release_review::publish))
        .route("/api/c/{code}", get(campaigns::routes::public))
        .route("/api/calendar-feed/{file}", get(expert::notifications::feed))
        .route("/api/c/{code}/booking", get(booking::routes::offer))
        .route("/api/c/{code}/experts/{expert}/slots", get(booking::routes::slots))
        .route("/api/c/{code}/appointments", post(booking::routes::book))
        .route("/api/c/{code}/reminder", post(booking::routes::remind))
        .route("/api/appointments/{token}", get(booking::routes::get))
        .route("/api/appointments/{token}/calendar.ics", get(booking::routes::calendar))
        .route("/api/appointments/{token}/move", post(booking::routes::move_appointment))
        .route("/api/appointments/{token}/cancel", post(booking::routes::cancel))
        .route(
            "/api/expert/availability",
            get(booking::agenda::get_availability).put(booking::agenda::put_availability),
        )
        .route("/api/expert/appointments", get(booking::agenda::expert_appointments))
        .route("/api/expert/notifications", get(expert::notifications::get))
        .route("/api/expert/notifications/seen", post(expert::notifications::seen))
        .route("/api/expert/notifications/digest", axum::routing::put(expert::notifications::set_digest))
        .route(
            "/api/expert/calendar-feed",
            post(expert::notifications::renew_feed).delete(expert::notifications::stop_feed),
        )
        .route("/api/expert/appointments/{id}/outcome", post(booking::agenda::record_outcome))
        .route("/api/expert/appointments/{id}/cancel", post(booking::agenda::expert_cancel))
        .route("/api/expert/appointments/{id}/move", post(booking::agenda::expert_move))
        .route("/api/expert/appointments/{id}/slots", get(booking::agenda::expert_slots))
        .route("/api/expert/follow-up", get(booking::agenda::follow_up))
        .route("/api/expert/outbox", get(booking::agenda::unsent))
        .route(
            "/api/submissions",
            post(submissions::routes::upload).layer(axum::extract::DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/api/submissions/{id}",
            delete(submissions::routes::withdraw).layer(axum::extract::DefaultBodyLimit::max(4096)),
        )
        .route(
            "/api/withdrawals",
            post(submissions::routes::withdraw_by_code).layer(axum::extract::DefaultBodyLimit::max(4096)),
        )
        .route("/api/my-data", post(my_data::download).layer(axum::extract::DefaultBodyLimit::max(4096)))
        .route("/api/expert/submissions", get(expert::inbox::list))
        .route("/api/expert/submissions/{id}", get(expert::inbox::detail))
        .route("/api/expert/submissions/{id}/notes", post(expert::inbox::add_note))
        .route("/api/expert/submissions/{id}/actions", post(expert::inbox::add_action))
        .route("/api/expert/submissions/{id}/actions/{action}/done", post(expert::inbox::action_done))
        .route("/api/expert/submissions/{id}/status", axum::routing::put(expert::inbox::set_status))
        .route("/api/expert/export.csv", get(expert::inbox::export))
        .route("/api/expert/audit", get(expert::inbox::own_audit))
        .route("/api/practices", get(practices::routes::list_refs))
        .route("/api/practice", get(practices::routes::own).put(practices::routes::update_own))
        .route("/api/practice/experts", get(admin::practice_admin::experts).post(admin::practice_admin::add_expert))
        .route("/api/practice/experts/{id}/deactivate", post(admin::practice_admin::deactivate_expert))
        .route("/api/practice/experts/{id}/activate", post(admin::practice_admin::activate_expert))
        .route("/api/practice/experts/{id}/password-link", post(admin::practice_admin::send_password_link))
        .route("/api/practice/authors", get(admin::practice_admin::authors).post(admin::practice_admin::add_author))
        .route("/api/practice/authors/{id}/deactivate", post(admin::practice_admin::deactivate_author))
        .route("/api/practice/authors/{id}/activate", post(admin::practice_admin::activate_author))
        .route("/api/practice/authors/{id}/password-link", post(admin::practice_admin::send_author_password_link))
        .route("/api/practice/audit", get(admin::practice_admin::own_audit))
        .route("/api/admin/practices", get(practices::routes::admin_list).post(practices::routes::admin_create))
        .route("/api/admin/practices/{id}", axum::routing::put(practices::routes::admin_update))
        .route("/api/admin/practices/{id}/organisations", post(practices::routes::admin_link_organisation))
        .route("/api/admin/practices/{id}/members", post(practices::routes::admin_add_member))
        .route("/api/admin/practices/{id}/audit", get(admin::practice_admin::admin_audit))
        .route("/api/admin/organisations", get(admin::api::organisations).post(admin::api::add_organisation))
        .route("/api/admin/organisations/{id}/experts", post(admin::api::link))
        .route("/api/admin/users", get(admin::api::users).post(admin::api::add_user))
        .route("/api/admin/users/{id}/deactivate", post(admin::api::deactivate))
        .route("/api/admin/users/{id}/activate", post(admin::api::activate))
        .route("/api/admin/users/{id}/reset-password", post(admin::api::reset_password))
        .route("/api/admin/users/{id}/reset-second-factor", post(admin::api::reset_second_factor))
        .route("/api/admin/definitions", get(admin::api::definitions))
        .route("/api/admin/audit", get(admin::api::audit_log))
        .route(
            "/api/author/questionnaires",
            get(author::list)
                .post(author::publish)
                .layer(axum::extract::DefaultBodyLimit::max(author::PUBLISH_BODY_LIMIT)),
        )
        .route("/api/author/questionnaires/{id}/versions/{version}", get(author::version))
}

/// The whole application: API routes, the built app with SPA fallback, security headers and
/// request logging. Tests drive it without a socket (`tower::ServiceExt::oneshot`).
pub fn app(state: AppState) -> Router {
    let api = api_routes(state.config().upload_limit)
        .router
        .route("/api/{*rest}", axum::routing::any(web::api_not_found))
        .method_not_allowed_fallback(web::method_not_allowed);
    // The built apps (the author app only for a definition author), with the employee's first
    // screen drawn into the pages of `/c/{code}` and `/scan/{id}`.
    api.fallback(first_screen::serve)
        .layer(axum::middleware::from_fn(web::refuse_nul))
        .layer(axum::middleware::from_fn(web::log_requests))
        .layer(axum::middleware::from_fn_with_state(state.clone(), web::security_headers))
        .with_state(state)
}
