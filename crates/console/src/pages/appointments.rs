//! `/afspraken`: today's and this week's conversations, later ones, those that passed (to
//! record whether they were held) and cancelled ones; `/opvolgen`: who asked for contact and has
//! no appointment yet, oldest first, and who cancelled or did not come.

use leptos::prelude::*;
use leptos_router::components::A;
use werkscan_api::accounts::Role;
use werkscan_api::booking::{
    AppointmentOutcome, AppointmentStatus, ExpertAppointment, ExpertCancel, ExpertMove, FollowUp, RecordOutcome, Slot,
};
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use crate::api::{self, ApiError};
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
    let outcome = Action::new_local(|(id, outcome): &(String, AppointmentOutcome)| {
        let url = format!("/api/expert/appointments/{}/outcome", api::segment(id));
        let outcome = outcome.as_str().to_owned();
        async move { api::post(&url, &RecordOutcome { outcome }).await }
    });
    Effect::new(move |_| {
        if matches!(outcome.value().get(), Some(Ok(()))) {
            list.refetch();
        }
    });
    let changed = Callback::new(move |()| list.refetch());
    let tab = move |name: &'static str, nl: &'static str, en: &'static str| {
        view! {
            <li><button type="button" class="tab" aria-pressed=move || (view_name.get() == name).to_string() on:click=move |_| view_name.set(name)>{tr(nl, en)}</button></li>
        }
    };
    let card = move |appointment: ExpertAppointment| {
        let id = appointment.id.clone();
        let change_id = appointment.id.clone();
        let cancel_reason = appointment.cancel_reason.clone();
        let move_reason = appointment.move_reason.clone();
        let start = appointment.start.clone();
        let words_nl = appointment.words.clone();
        let status = appointment.status;
        let kind = appointment.kind;
        let needs_outcome = status == AppointmentStatus::Booked && view_name.get_untracked() == "past";
        let can_cancel = status == AppointmentStatus::Booked && view_name.get_untracked() == "upcoming";
        let held_id = id.clone();
        view! {
            <article class="appointment card">
                <h3>{move || if lang.get() == Lang::Nl { words_nl.clone() } else { words::moment(lang.get(), &start) }}</h3>
                <p>{move || kind_words(lang.get(), kind)}" · "{appointment.campaign_name.clone()}" · "{move || words::appointment_status(lang.get(), status)}</p>
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
                        <button type="button" class="button button-secondary button-small" on:click=move |_| { outcome.dispatch((held_id.clone(), AppointmentOutcome::Held)); }>{tr("Gesprek gevoerd", "Conversation held")}</button>
                        <button type="button" class="button button-secondary button-small" on:click=move |_| { outcome.dispatch((id.clone(), AppointmentOutcome::NoShow)); }>{tr("Niet verschenen", "Did not come")}</button>
                    </p>
                })}
                {move_reason.map(|reason| view! { <p class="meta">{tr("Verplaatst door jou. Reden: ", "Moved by you. Reason: ")}{reason}</p> })}
                {cancel_reason.map(|reason| view! { <p class="meta">{tr("Afgezegd door jou. Reden: ", "Cancelled by you. Reason: ")}{reason}</p> })}
                {can_cancel.then(|| view! { <ChangeAppointment id=change_id.clone() done=changed/> })}
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

/// What the expert is about to do with an upcoming appointment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    /// Another time.
    Move,
    /// Not at all.
    Cancel,
}

/// "Verplaatsen" and "Afzeggen" for an upcoming appointment: each opens a short form (a new time
/// for a move, and a reason the person reads, for both) so nothing happens on one click.
#[component]
fn ChangeAppointment(
    /// The appointment's id.
    id: String,
    /// Called after it worked.
    done: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(None::<Change>);
    let start = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let slots_url = format!("/api/expert/appointments/{}/slots", api::segment(&id));
    let slots = LocalResource::new(move || {
        let url = slots_url.clone();
        let wanted = open.get() == Some(Change::Move);
        async move {
            if wanted {
                api::get::<Vec<Slot>>(&url).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let base = format!("/api/expert/appointments/{}", api::segment(&id));
    let send = Action::new_local(move |change: &Change| {
        let reason = Some(reason.get_untracked().trim().to_owned()).filter(|reason| !reason.is_empty());
        let (change, base, start) = (*change, base.clone(), start.get_untracked());
        async move {
            match change {
                Change::Move => {
                    // The select offers only the server's free times; an empty choice is refused
                    // as the server would refuse a body without a time.
                    let Ok(start) = chrono::DateTime::parse_from_rfc3339(&start) else {
                        return Err(ApiError::Refused {
                            status: 400,
                            code: "invalid_body".into(),
                            message: "choose a time".into(),
                        });
                    };
                    let body = ExpertMove { start: start.to_utc(), reason };
                    api::call::<serde_json::Value>("POST", &format!("{base}/move"), Some(&body)).await.map(drop)
                }
                Change::Cancel => api::post(&format!("{base}/cancel"), &ExpertCancel { reason }).await,
            }
        }
    });
    Effect::new(move |_| {
        if matches!(send.value().get(), Some(Ok(()))) {
            open.set(None);
            done.run(());
        }
    });
    let form_id = format!("change-{id}");
    let (start_id, reason_id) = (format!("{form_id}-start"), format!("{form_id}-reason"));
    let toggle = move |change: Change| {
        open.update(|open| *open = if *open == Some(change) { None } else { Some(change) });
        start.set(String::new());
        reason.set(String::new());
    };
    view! {
        <p class="actions">
            <button type="button" class="button button-secondary button-small" aria-expanded=move || (open.get() == Some(Change::Move)).to_string()
                on:click=move |_| toggle(Change::Move)>{tr("Verplaatsen", "Move")}</button>
            <button type="button" class="button button-secondary button-small" aria-expanded=move || (open.get() == Some(Change::Cancel)).to_string()
                on:click=move |_| toggle(Change::Cancel)>{tr("Afzeggen", "Cancel")}</button>
        </p>
        {move || open.get().map(|change| {
            let (start_id, reason_id) = (start_id.clone(), reason_id.clone());
            view! {
                <form class="change-appointment" on:submit=move |event| { event.prevent_default(); send.dispatch(change); }>
                    {(change == Change::Move).then(|| {
                        let start_id = start_id.clone();
                        view! {
                            <div class="field">
                                <label for=start_id.clone()>{tr("Nieuwe tijd", "New time")}</label>
                                {move || match slots.get() {
                                    None | Some(Ok(None)) => view! { <Loading/> }.into_any(),
                                    Some(Err(error)) => view! { <Problem error/> }.into_any(),
                                    Some(Ok(Some(free))) => view! {
                                        <select id=start_id.clone() required on:change=move |event| start.set(event_target_value(&event))>
                                            <option value="">{tr("Kies een tijd", "Choose a time")}</option>
                                            {free.into_iter().map(|slot| view! { <option value=slot.start.clone()>{slot.words.clone()}</option> }).collect_view()}
                                        </select>
                                    }.into_any(),
                                }}
                            </div>
                        }
                    })}
                    <div class="field">
                        <label for=reason_id.clone()>{tr("Reden (niet verplicht; de persoon leest dit in de e-mail)", "Reason (optional; the person reads this in the e-mail)")}</label>
                        <textarea id=reason_id.clone() rows="2" maxlength="500" prop:value=move || reason.get() on:input=move |event| reason.set(event_target_value(&event))></textarea>
                    </div>
                    <p class="meta">{match change {
                        Change::Move => tr("De persoon krijgt een e-mail met de nieuwe tijd voor de agenda.", "The person gets an e-mail with the new time for their calendar."),
                        Change::Cancel => tr("De persoon krijgt een e-mail en komt op je opvolglijst.", "The person gets an e-mail and goes on your follow-up list."),
                    }}</p>
                    <ProblemOf outcome=send.value()/>
                    <button type="submit" class="button button-small" disabled=move || send.pending().get()>{match change {
                        Change::Move => tr("Verplaatsen en bericht sturen", "Move and tell the person"),
                        Change::Cancel => tr("Afzeggen en bericht sturen", "Cancel and tell the person"),
                    }}</button>
                </form>
            }
        })}
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
                        <table class="data follow-up stack">
                            <caption class="visually-hidden">{tr("Op te volgen", "To follow up")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("Naam", "Name")}</th>
                                <th scope="col">{tr("Waarom", "Why")}</th>
                                <th scope="col">{tr("Wacht", "Waiting")}</th>
                                <th scope="col">{tr("Contact", "Contact")}</th>
                                <th scope="col">{tr("Campagne", "Campaign")}</th>
                            </tr></thead>
                            <tbody>{items.into_iter().map(|item| {
                                let reason = item.reason;
                                let days = item.days_waiting;
                                view! {
                                    <tr>
                                        <th scope="row">{match item.submission_id.clone() {
                                            Some(id) => view! { <A href=href(&format!("/resultaten/{}", api::segment(&id)))>{item.name.clone()}</A> }.into_any(),
                                            None => view! { <span>{item.name.clone()}</span> }.into_any(),
                                        }}</th>
                                        <td data-label=tr("Waarom", "Why")>{move || words::follow_up_reason(lang.get(), reason)}</td>
                                        <td data-label=tr("Wacht", "Waiting")>{move || match lang.get() {
                                            Lang::Nl if days == 1 => "1 dag".to_owned(),
                                            Lang::Nl => format!("{days} dagen"),
                                            Lang::En if days == 1 => "1 day".to_owned(),
                                            Lang::En => format!("{days} days"),
                                        }}</td>
                                        <td data-label=tr("Contact", "Contact")>
                                            {item.phone.clone().map(|phone| view! { <a href=format!("tel:{phone}")>{phone.clone()}</a><br/> })}
                                            {item.email.clone().map(|email| view! { <a href=format!("mailto:{email}")>{email.clone()}</a> })}
                                        </td>
                                        <td data-label=tr("Campagne", "Campaign")>{item.campaign_name.clone()}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                }
                .into_any(),
            }}
        </Page>
    }
}
