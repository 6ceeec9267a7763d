//! `/afspraken`: today's and this week's conversations, later ones, those that passed (to
//! record whether they were held) and cancelled ones; `/opvolgen`: who asked for contact and has
//! no appointment yet, oldest first, and who cancelled or did not come.

use leptos::prelude::*;
use leptos_router::components::A;
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use crate::api::{self, ExpertAppointment, FollowUp, Outcome, Role};
use crate::components::{tr, Guard, Loading, Page, Problem, ProblemOf};
use crate::week::agenda;
use crate::{href, words};

/// `/afspraken`.
#[component]
pub fn Appointments() -> impl IntoView {
    view! { <Guard roles=&[Role::Expert]><AppointmentsScreen/></Guard> }
}

fn kind_words(lang: Lang, kind: werkscan_booking::Kind) -> String {
    let words = kind.words(lang);
    let mut chars = words.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[component]
fn AppointmentsScreen() -> impl IntoView {
    let lang = use_lang();
    let view_name = RwSignal::new("upcoming");
    let list = LocalResource::new(move || {
        let url = format!("/api/expert/appointments?view={}", view_name.get());
        async move { api::get::<Vec<ExpertAppointment>>(&url).await }
    });
    let outcome = Action::new_local(|(id, outcome): &(String, &'static str)| {
        let url = format!("/api/expert/appointments/{}/outcome", api::segment(id));
        let outcome = *outcome;
        async move { api::post(&url, &Outcome { outcome }).await }
    });
    let cancel = Action::new_local(|id: &String| {
        let url = format!("/api/expert/appointments/{}/cancel", api::segment(id));
        async move { api::post(&url, &serde_json::json!({})).await }
    });
    Effect::new(move |_| {
        if matches!(outcome.value().get(), Some(Ok(()))) || matches!(cancel.value().get(), Some(Ok(()))) {
            list.refetch();
        }
    });
    let tab = move |name: &'static str, nl: &'static str, en: &'static str| {
        view! {
            <li><button type="button" class="tab" aria-pressed=move || (view_name.get() == name).to_string() on:click=move |_| view_name.set(name)>{tr(nl, en)}</button></li>
        }
    };
    let card = move |appointment: ExpertAppointment| {
        let id = appointment.id.clone();
        let cancel_id = appointment.id.clone();
        let start = appointment.start.clone();
        let words_nl = appointment.words.clone();
        let status = appointment.status.clone();
        let kind = appointment.kind;
        let needs_outcome = status == "booked" && view_name.get_untracked() == "past";
        let can_cancel = status == "booked" && view_name.get_untracked() == "upcoming";
        let held_id = id.clone();
        view! {
            <article class="appointment card">
                <h3>{move || if lang.get() == Lang::Nl { words_nl.clone() } else { words::moment(lang.get(), &start) }}</h3>
                <p>{move || kind_words(lang.get(), kind)}" · "{appointment.campaign_name.clone()}" · "{move || words::appointment_status(lang.get(), &status)}</p>
                <p><strong>{appointment.name.clone()}</strong>
                    {appointment.phone.clone().map(|phone| view! { " · "<a href=format!("tel:{phone}")>{phone.clone()}</a> })}
                    {appointment.email.clone().map(|email| view! { " · "<a href=format!("mailto:{email}")>{email.clone()}</a> })}
                </p>
                {appointment.submission_id.clone().map(|submission| view! {
                    <p><A href=href(&format!("/resultaten/{}", api::segment(&submission)))>{tr("Gedeelde uitkomst bekijken", "View the shared result")}</A></p>
                })}
                {(appointment.unsent_messages > 0).then(|| view! {
                    <p class="notice">{tr("Een bericht aan deze persoon is nog niet verstuurd; de server probeert het opnieuw.", "A message to this person has not been sent yet; the server keeps trying.")}</p>
                })}
                {needs_outcome.then(|| view! {
                    <p class="actions">
                        <button type="button" class="button button-secondary button-small" on:click=move |_| { outcome.dispatch((held_id.clone(), "held")); }>{tr("Gesprek gevoerd", "Conversation held")}</button>
                        <button type="button" class="button button-secondary button-small" on:click=move |_| { outcome.dispatch((id.clone(), "no_show")); }>{tr("Niet verschenen", "Did not come")}</button>
                    </p>
                })}
                {can_cancel.then(|| view! {
                    <p class="actions">
                        <button type="button" class="button button-secondary button-small" on:click=move |_| {
                            let question = match lang.get_untracked() {
                                Lang::Nl => "Deze afspraak afzeggen? De persoon krijgt bericht en komt op je opvolglijst.",
                                Lang::En => "Cancel this appointment? The person is told and goes on your follow-up list.",
                            };
                            if window().confirm_with_message(question).unwrap_or(false) {
                                cancel.dispatch(cancel_id.clone());
                            }
                        }>{tr("Afzeggen", "Cancel")}</button>
                    </p>
                })}
            </article>
        }
    };
    view! {
        <Page title=tr("Afspraken", "Appointments")>
            <ul class="tabs" aria-label=tr("Welke afspraken", "Which appointments")>
                {tab("upcoming", "Komend", "Upcoming")}
                {tab("past", "Geweest", "Past")}
                {tab("cancelled", "Afgezegd", "Cancelled")}
            </ul>
            <ProblemOf outcome=outcome.value()/>
            <ProblemOf outcome=cancel.value()/>
            {move || match list.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <Problem error/> }.into_any(),
                Some(Ok(items)) if items.is_empty() => view! { <p>{tr("Geen afspraken.", "No appointments.")}</p> }.into_any(),
                Some(Ok(items)) if view_name.get() == "upcoming" => {
                    let agenda = agenda(items, chrono::Local::now().date_naive());
                    let group = move |title: &'static str, title_en: &'static str, items: Vec<ExpertAppointment>| view! {
                        <section class="agenda-group">
                            <h2>{tr(title, title_en)}" ("{items.len()}")"</h2>
                            {if items.is_empty() {
                                view! { <p class="meta">{tr("Geen gesprekken.", "No conversations.")}</p> }.into_any()
                            } else {
                                items.into_iter().map(card).collect_view().into_any()
                            }}
                        </section>
                    };
                    view! {
                        {group("Vandaag", "Today", agenda.today)}
                        {group("Deze week", "This week", agenda.this_week)}
                        {group("Later", "Later", agenda.later)}
                    }
                    .into_any()
                }
                Some(Ok(items)) => items.into_iter().map(card).collect_view().into_any(),
            }}
        </Page>
    }
}

/// `/opvolgen`.
#[component]
pub fn FollowUpList() -> impl IntoView {
    view! { <Guard roles=&[Role::Expert]><FollowUpScreen/></Guard> }
}

#[component]
fn FollowUpScreen() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(|| async { api::get::<Vec<FollowUp>>("/api/expert/follow-up").await });
    view! {
        <Page title=tr("Opvolgen", "Follow up")>
            <p class="lead">{tr(
                "Wie om contact vroeg en nog geen afspraak heeft, wie afzegde zonder opnieuw te plannen en wie niet verscheen. Wie het langst wacht, staat bovenaan.",
                "Who asked for contact and has no appointment yet, who cancelled without booking again and who did not come. Whoever has waited longest is at the top.",
            )}</p>
            {move || match list.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <Problem error/> }.into_any(),
                Some(Ok(items)) if items.is_empty() => view! { <p>{tr("Niemand om op te volgen.", "No one to follow up.")}</p> }.into_any(),
                Some(Ok(items)) => view! {
                    <div class="table-scroll">
                        <table class="data follow-up">
                            <caption class="visually-hidden">{tr("Op te volgen", "To follow up")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("Naam", "Name")}</th>
                                <th scope="col">{tr("Waarom", "Why")}</th>
                                <th scope="col">{tr("Wacht", "Waiting")}</th>
                                <th scope="col">{tr("Contact", "Contact")}</th>
                                <th scope="col">{tr("Campagne", "Campaign")}</th>
                            </tr></thead>
                            <tbody>{items.into_iter().map(|item| {
                                let reason = item.reason.clone();
                                let days = item.days_waiting;
                                view! {
                                    <tr>
                                        <th scope="row">{match item.submission_id.clone() {
                                            Some(id) => view! { <A href=href(&format!("/resultaten/{}", api::segment(&id)))>{item.name.clone()}</A> }.into_any(),
                                            None => view! { <span>{item.name.clone()}</span> }.into_any(),
                                        }}</th>
                                        <td>{move || words::follow_up_reason(lang.get(), &reason)}</td>
                                        <td>{move || match lang.get() {
                                            Lang::Nl if days == 1 => "1 dag".to_owned(),
                                            Lang::Nl => format!("{days} dagen"),
                                            Lang::En if days == 1 => "1 day".to_owned(),
                                            Lang::En => format!("{days} days"),
                                        }}</td>
                                        <td>
                                            {item.phone.clone().map(|phone| view! { <a href=format!("tel:{phone}")>{phone.clone()}</a><br/> })}
                                            {item.email.clone().map(|email| view! { <a href=format!("mailto:{email}")>{email.clone()}</a> })}
                                        </td>
                                        <td>{item.campaign_name.clone()}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                }
                .into_any(),
            }}
        </Page>
    }
}
