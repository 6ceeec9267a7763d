//! Werkscan's staff console (`/beheer`): the arbeidsdeskundige's working day (shared results,
//! notes, status, action points, follow-up, appointments, availability, export and own audit
//! trail), the employer's campaigns and group figures, and the admin's organisations and
//! accounts. A Leptos app of its own: employees never download any of it.
//!
//! Laptop and tablet first, usable on a phone. It has no byte budget, so it uses the ordinary
//! Leptos tools (`leptos_router`, `LocalResource`, `Action`). The rules are plain Rust, tested
//! natively: [`session`] (where a login or a role sends a person), [`inbox`] (filters as a
//! query), [`week`] (editing weekly hours), [`shared_answers`] (answers in words), [`words`]
//! (keys in words); components only wire them to the page.

#![warn(missing_docs)]

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use werkscan_kit::store::BrowserStore;

pub mod api;
pub mod campaign_form;
mod components;
pub mod figures;
pub mod inbox;
pub mod notifications;
mod pages;
pub mod roster;
pub mod session;
pub mod shared_answers;
pub mod week;
pub mod words;

/// Where the console lives; its screens' paths are written without it.
pub const BASE: &str = "/beheer";

/// The address of a console screen for a link (`/resultaten` → `/beheer/resultaten`).
/// leptos_router's `<A>` takes an absolute `href` as it is, without the router's base, while
/// `navigate` adds the base; links go through here so both lead to the same place.
pub fn href(path: &str) -> String {
    format!("{BASE}{path}")
}

/// The console.
#[component]
pub fn App() -> impl IntoView {
    werkscan_kit::i18n::provide_language(&BrowserStore);
    session::provide_session();
    view! {
        <Router base=BASE>
            <components::Layout>
                <Routes fallback=|| view! { <pages::NotFound/> }>
                    <Route path=path!("/") view=pages::Home/>
                    // Logging in is the login app's; these were its screens here.
                    <Route path=path!("/inloggen") view=pages::LoginMoved/>
                    <Route path=path!("/wachtwoord") view=pages::LoginMoved/>
                    <Route path=path!("/wachtwoord-kiezen") view=pages::LoginMoved/>
                    <Route path=path!("/tweede-factor") view=pages::LoginMoved/>
                    <Route path=path!("/tweede-factor/instellen") view=pages::LoginMoved/>
                    <Route path=path!("/account") view=pages::MyAccount/>
                    <Route path=path!("/resultaten") view=pages::Inbox/>
                    <Route path=path!("/resultaten/:id") view=pages::SharedResult/>
                    <Route path=path!("/opvolgen") view=pages::FollowUpList/>
                    <Route path=path!("/afspraken") view=pages::Appointments/>
                    <Route path=path!("/beschikbaarheid") view=pages::AvailabilityPage/>
                    <Route path=path!("/logboek") view=pages::OwnAudit/>
                    <Route path=path!("/campagnes") view=pages::Campaigns/>
                    <Route path=path!("/campagnes/nieuw") view=pages::NewCampaign/>
                    <Route path=path!("/campagnes/:id") view=pages::Campaign/>
                    <Route path=path!("/campagnes/:id/poster") view=pages::Poster/>
                    <Route path=path!("/campagnes/:id/cijfers") view=pages::Figures/>
                    <Route path=path!("/campagnes/:id/vrijgave") view=pages::ReleaseReview/>
                    <Route path=path!("/organisaties") view=pages::Organisations/>
                    <Route path=path!("/praktijken") view=pages::Practices/>
                    <Route path=path!("/praktijk") view=pages::OwnPractice/>
                    <Route path=path!("/accounts") view=pages::Accounts/>
                    <Route path=path!("/versies") view=pages::Versions/>
                    <Route path=path!("/audit") view=pages::AuditLog/>
                </Routes>
            </components::Layout>
        </Router>
    }
}
