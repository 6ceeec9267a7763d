//! `/account`: who is logged in, the password, the second step, and the open sessions (each can
//! be ended, for a browser left logged in elsewhere).

use leptos::prelude::*;
use werkscan_api::accounts::{Role, SessionEntry};
use werkscan_api::login::Screen;
use werkscan_api::notifications::{DigestSetting, FeedAddress, Notifications};
use werkscan_kit::i18n::use_lang;

use crate::api;
use crate::components::{loaded, tr, Guard, Page, ProblemOf};
use crate::session::{use_session, SessionState};
use crate::words;

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
                // The login app's screens: plain links, another app.
                <p><a href=Screen::NewPassword.path()>{tr("Wachtwoord wijzigen", "Change password")}</a></p>
                {if view.has_second_factor {
                    view! { <p>{tr("De tweede stap (code uit een app) staat aan. Telefoon kwijt? Een beheerder kan de tweede stap opnieuw instellen.", "The second step (a code from an app) is on. Lost your phone? An administrator can reset the second step.")}</p> }.into_any()
                } else {
                    view! { <p>{tr("De tweede stap staat uit.", "The second step is off.")}" "<a href=Screen::SetUpSecondFactor.path()>{tr("Tweede stap instellen", "Set up a second step")}</a></p> }.into_any()
                }}
            })}
            {move || who().filter(|view| view.user.role == Role::Expert).map(|_| view! { <KeepingUp/> })}
            <h2 id="sessions-title">{tr("Waar je bent ingelogd", "Where you are logged in")}</h2>
            <ProblemOf outcome=end.value()/>
            {move || loaded(sessions.get(), |list| view! {
                    <table class="data stack" aria-labelledby="sessions-title">
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
                                        <td data-label=tr("Browser", "Browser")>{entry.device.clone().unwrap_or_else(|| "–".into())}</td>
                                        <td data-label=tr("Sinds", "Since")>{move || words::moment(lang.get(), &entry.started_at)}</td>
                                        <td data-label=tr("Verloopt", "Expires")>{move || words::moment(lang.get(), &entry.expires_at)}</td>
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

/// The arbeidsdeskundige's daily digest (whether, and at which hour) and private calendar feed
/// (made, renewed or stopped; its address shown once, since only its hash is kept).
#[component]
fn KeepingUp() -> impl IntoView {
    let current = LocalResource::new(|| async { api::get::<Notifications>("/api/expert/notifications").await });
    let on = RwSignal::new(true);
    let hour = RwSignal::new(8u32);
    Effect::new(move |_| {
        if let Some(Ok(counts)) = current.get() {
            on.set(counts.digest.on);
            hour.set(counts.digest.hour);
        }
    });
    let save = Action::new_local(|setting: &DigestSetting| {
        let setting = *setting;
        async move { api::call::<Notifications>("PUT", "/api/expert/notifications/digest", Some(&setting)).await.map(drop) }
    });
    let renew = Action::new_local(|_: &()| async move {
        api::call::<FeedAddress>("POST", "/api/expert/calendar-feed", None::<&()>).await
    });
    let stop = Action::new_local(|_: &()| async move {
        api::call::<serde_json::Value>("DELETE", "/api/expert/calendar-feed", None::<&()>).await.map(drop)
    });
    Effect::new(move |_| {
        if matches!(renew.value().get(), Some(Ok(_))) || matches!(stop.value().get(), Some(Ok(()))) {
            current.refetch();
        }
    });
    let has_feed = move || current.get().and_then(|reply| reply.ok()).is_some_and(|counts| counts.feed_since.is_some());
    let fresh_url = move || match (renew.value().get(), stop.value().get()) {
        (_, Some(Ok(()))) => None,
        (Some(Ok(address)), _) => Some(address.url),
        _ => None,
    };
    view! {
        <h2>{tr("Op de hoogte blijven", "Keeping up")}</h2>
        <form class="console-form" on:submit=move |event| { event.prevent_default(); save.dispatch(DigestSetting { on: on.get_untracked(), hour: hour.get_untracked() }); }>
            <fieldset>
                <legend>{tr("Dagelijkse e-mail", "Daily e-mail")}</legend>
                <p class="hint">{tr(
                    "Hoeveel uitkomsten en afspraken er nieuw zijn, met een link. Nooit een naam of iets over iemands gezondheid. Hoogstens één keer per dag, en alleen als er iets nieuws is.",
                    "How many results and appointments are new, with a link. Never a name or anything about someone's health. At most once a day, and only when something is new.",
                )}</p>
                <p class="choice-inline">
                    <input id="digest-on" type="checkbox" prop:checked=on on:change=move |event| on.set(event_target_checked(&event))/>
                    <label for="digest-on">{tr("Stuur me die e-mail", "Send me that e-mail")}</label>
                </p>
                <label for="digest-hour">{tr("Om", "At")}</label>
                <select id="digest-hour" prop:disabled=move || !on.get() on:change=move |event| {
                    if let Ok(value) = event_target_value(&event).parse::<u32>() { hour.set(value) }
                }>
                    {(0..24u32).map(|value| view! { <option value=value.to_string() selected=move || hour.get() == value>{format!("{value:02}:00")}</option> }).collect_view()}
                </select>
            </fieldset>
            <ProblemOf outcome=save.value()/>
            {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! { <p class="saved" role="status">{tr("Opgeslagen.", "Saved.")}</p> })}
            <button type="submit" class="button" disabled=move || save.pending().get()>{tr("Opslaan", "Save")}</button>
        </form>
        <h3 id="feed-title">{tr("Je afspraken in je eigen agenda", "Your appointments in your own calendar")}</h3>
        <p>{tr(
            "Een privé agenda-adres voor Outlook of Google Agenda (abonneren via een URL). Je ziet je afspraken met tijd, soort en plaats; namen staan er niet in, die zie je hier. Deel het adres met niemand. Maak je een nieuw adres, dan werkt het oude niet meer.",
            "A private calendar address for Outlook or Google Calendar (subscribe by URL). You see your appointments with time, kind and place; names are not in it, you see them here. Share the address with nobody. When you make a new address, the old one stops working.",
        )}</p>
        {move || fresh_url().map(|url| view! {
            <label for="feed-url">{tr("Je agenda-adres (alleen nu te zien: kopieer het)", "Your calendar address (shown only now: copy it)")}</label>
            <input id="feed-url" type="text" readonly class="feed-url" prop:value=url/>
        })}
        <ProblemOf outcome=renew.value()/>
        <p class="actions">
            <button type="button" class="button button-secondary" aria-describedby="feed-title" on:click=move |_| { renew.dispatch(()); }>
                {move || if has_feed() { tr("Nieuw agenda-adres maken", "Make a new calendar address")() } else { tr("Agenda-adres maken", "Make a calendar address")() }}
            </button>
            {move || has_feed().then(|| view! {
                <button type="button" class="button button-secondary" on:click=move |_| { stop.dispatch(()); }>{tr("Agenda-adres stoppen", "Stop the calendar address")}</button>
            })}
        </p>
    }
}
