//! `/account`: who is logged in, the password, the second step, and the open sessions (each can
//! be ended, for a browser left logged in elsewhere).

use leptos::prelude::*;
use leptos_router::components::A;
use werkscan_kit::i18n::use_lang;

use crate::api::{self, SessionEntry};
use crate::components::{loaded, tr, Guard, Page, ProblemOf};
use crate::session::{use_session, SessionState};
use crate::{href, words};

/// `/account`.
#[component]
pub fn MyAccount() -> impl IntoView {
    view! { <Guard><AccountScreen/></Guard> }
}

#[component]
fn AccountScreen() -> impl IntoView {
    let lang = use_lang();
    let state = use_session();
    let sessions = LocalResource::new(|| async { api::get::<Vec<SessionEntry>>("/api/account/sessions").await });
    let end = Action::new_local(|id: &String| {
        let url = format!("/api/account/sessions/{}", api::segment(id));
        async move { api::call::<serde_json::Value>("DELETE", &url, None::<&()>).await.map(drop) }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = end.value().get() {
            sessions.refetch();
        }
    });
    let who = move || match state.get() {
        SessionState::In(view) => Some(view),
        _ => None,
    };
    view! {
        <Page title=tr("Mijn account", "My account")>
            {move || who().map(|view| view! {
                <dl class="facts">
                    <dt>{tr("Naam", "Name")}</dt><dd>{view.user.display_name.clone()}</dd>
                    <dt>{tr("E-mailadres", "E-mail address")}</dt><dd>{view.user.email.clone()}</dd>
                    <dt>{tr("Rol", "Role")}</dt><dd>{move || words::role(lang.get(), view.user.role)}</dd>
                    {view.organisation.clone().map(|organisation| view! { <dt>{tr("Organisatie", "Organisation")}</dt><dd>{organisation.name}</dd> })}
                </dl>
                <h2>{tr("Inloggen", "Logging in")}</h2>
                <p><A href=href("/wachtwoord")>{tr("Wachtwoord wijzigen", "Change password")}</A></p>
                {if view.has_second_factor {
                    view! { <p>{tr("De tweede stap (code uit een app) staat aan. Telefoon kwijt? Een beheerder kan de tweede stap opnieuw instellen.", "The second step (a code from an app) is on. Lost your phone? An administrator can reset the second step.")}</p> }.into_any()
                } else {
                    view! { <p>{tr("De tweede stap staat uit.", "The second step is off.")}" "<A href=href("/tweede-factor/instellen")>{tr("Tweede stap instellen", "Set up a second step")}</A></p> }.into_any()
                }}
            })}
            <h2 id="sessions-title">{tr("Waar je bent ingelogd", "Where you are logged in")}</h2>
            <ProblemOf outcome=end.value()/>
            {move || loaded(sessions.get(), |list| view! {
                    <table class="data" aria-labelledby="sessions-title">
                        <thead><tr>
                            <th scope="col">{tr("Browser", "Browser")}</th>
                            <th scope="col">{tr("Sinds", "Since")}</th>
                            <th scope="col">{tr("Verloopt", "Expires")}</th>
                            <th scope="col"><span class="visually-hidden">{tr("Actie", "Action")}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|entry| {
                                let id = entry.id.clone();
                                view! {
                                    <tr>
                                        <td>{entry.device.clone().unwrap_or_else(|| "–".into())}</td>
                                        <td>{move || words::moment(lang.get(), &entry.started_at)}</td>
                                        <td>{move || words::moment(lang.get(), &entry.expires_at)}</td>
                                        <td>{if entry.current {
                                            view! { <span>{tr("Deze browser", "This browser")}</span> }.into_any()
                                        } else {
                                            view! { <button type="button" class="button button-secondary button-small" on:click=move |_| { end.dispatch(id.clone()); }>{tr("Beëindigen", "End")}</button> }.into_any()
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any())}
        </Page>
    }
}
