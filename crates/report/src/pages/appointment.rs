use leptos::prelude::*;
use leptos::task::spawn_local;
use werkscan_api::booking::{Appointment as Shown, AppointmentStatus, Slot};
use werkscan_core::when::day_in_words;
use werkscan_kit::frame::focus_on_mount;
use werkscan_kit::loading;
use werkscan_kit::store::BrowserStore;

use crate::api;
use crate::booking::keep;
use crate::components::{kind_label, Choice, ChoiceList};
use crate::i18n::{report_ui, tr, use_lang};
use crate::sharing::SendError;

/// `/afspraak/{token}`: an appointment, from any device with its link: see it, add it to the
/// calendar, move it to another free time of the same expert, or cancel it (after asking).
#[component]
pub fn Appointment(token: String) -> impl IntoView {
    let load = {
        let token = token.clone();
        move || {
            let token = token.clone();
            async move { api::appointment(&token).await }
        }
    };
    let appointment = loading::load(load());
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    view! {
        <div class="page appointment">
            <h1 node_ref=heading tabindex="-1">{tr(|u| u.appointment_title)}</h1>
            {move || match appointment.get() {
                None => view! { <p role="status">{tr(|u| u.booking)}</p> }.into_any(),
                Some(Ok(shown)) => {
                    // Kept on this device too, so "mijn gegevens" lists it.
                    keep(&BrowserStore, &token, &shown);
                    view! { <Manage token=token.clone() shown/> }.into_any()
                }
                Some(Err(SendError::Refused { .. })) => view! { <p role="alert">{tr(|u| u.appointment_not_found)}</p> }.into_any(),
                Some(Err(SendError::Offline)) => {
                    let load = load.clone();
                    view! {
                        <p class="notice" role="status">{tr(|u| u.needs_connection)}</p>
                        <button type="button" class="button" on:click=move |_| loading::reload(appointment, load())>{tr(|u| u.try_again)}</button>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Viewing,
    Moving,
    ConfirmingCancel,
}

#[component]
fn Manage(token: String, shown: Shown) -> impl IntoView {
    let lang = use_lang();
    let current = RwSignal::new(shown);
    let mode = RwSignal::new(Mode::Viewing);
    let notice = RwSignal::new(None::<&'static str>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let token = StoredValue::new(token);
    // Moving: the expert's free times, the chosen day and time.
    let free = RwSignal::new(None::<Vec<Slot>>);
    let day = RwSignal::new(None::<String>);
    let start = RwSignal::new(None::<String>);

    let start_moving = move |_| {
        notice.set(None);
        error.set(None);
        free.set(None);
        day.set(None);
        start.set(None);
        mode.set(Mode::Moving);
        let (code, expert) = current.with_untracked(|shown| (shown.campaign.clone(), shown.expert_id.clone()));
        let chosen = lang.get_untracked();
        let proof = api::SlotProof::Appointment(token.get_value());
        spawn_local(async move {
            match api::slots(&code, &expert, chosen, proof).await {
                Ok(slots) => free.set(Some(slots)),
                Err(SendError::Offline) => error.set(Some(report_ui(chosen).needs_connection.to_owned())),
                Err(SendError::Refused { message, .. }) => error.set(Some(message)),
            }
        });
    };
    let finish = move |result: Result<Shown, SendError>, done: &'static str| {
        let chosen = lang.get_untracked();
        match result {
            Ok(shown) => {
                keep(&BrowserStore, &token.get_value(), &shown);
                current.set(shown);
                mode.set(Mode::Viewing);
                notice.set(Some(done));
            }
            Err(SendError::Offline) => error.set(Some(report_ui(chosen).needs_connection.to_owned())),
            Err(SendError::Refused { code, .. }) if code == "slot_taken" => {
                error.set(Some(report_ui(chosen).slot_taken.to_owned()))
            }
            Err(SendError::Refused { message, .. }) => error.set(Some(message)),
        }
        busy.set(false);
    };
    let confirm_move = move |_| {
        let Some(start) = start.get_untracked() else {
            error.set(Some(report_ui(lang.get_untracked()).choose_first.to_owned()));
            return;
        };
        busy.set(true);
        let done = report_ui(lang.get_untracked()).moved;
        spawn_local(async move { finish(api::move_appointment(&token.get_value(), &start).await, done) });
    };
    let cancel = move |_| {
        busy.set(true);
        let done = report_ui(lang.get_untracked()).appointment_cancelled;
        spawn_local(async move { finish(api::cancel_appointment(&token.get_value()).await, done) });
    };

    let details = move || {
        let shown = current.get();
        let ui = report_ui(lang.get());
        view! {
            <p class="lead"><strong>{shown.words.clone()}</strong></p>
            <p>{kind_label(shown.kind, lang.get())}" — "{shown.expert.clone()}</p>
            {shown.place.clone().map(|place| view! { <p>{place}</p> })}
            {(shown.status == AppointmentStatus::Cancelled).then(|| view! { <p class="notice">{ui.appointment_cancelled}</p> })}
            {(shown.status != AppointmentStatus::Cancelled && !shown.changeable).then(|| view! { <p class="notice">{ui.appointment_past}</p> })}
            <p>
                <a class="button button-secondary" href=api::calendar_url(&token.get_value()) download="adviesgesprek.ics">
                    {if shown.status == AppointmentStatus::Cancelled { ui.cancellation_to_calendar } else { ui.add_to_calendar }}
                </a>
            </p>
        }
    };
    let actions = move || {
        let changeable = current.with(|shown| shown.changeable);
        let ui = report_ui(lang.get());
        match mode.get() {
            Mode::Viewing if changeable => view! {
                <div class="nav-buttons">
                    <button type="button" class="button" on:click=start_moving>{ui.move_booking}</button>
                    <button type="button" class="button button-danger" on:click=move |_| { notice.set(None); mode.set(Mode::ConfirmingCancel) }>{ui.cancel_booking}</button>
                </div>
            }
            .into_any(),
            Mode::Viewing => ().into_any(),
            Mode::ConfirmingCancel => view! {
                <div class="confirm" role="group" aria-labelledby="cancel-question">
                    <p id="cancel-question"><strong>{ui.cancel_confirm}</strong></p>
                    <button type="button" class="button button-danger" disabled=busy on:click=cancel>{ui.cancel_yes}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| mode.set(Mode::Viewing)>{ui.cancel_no}</button>
                </div>
            }
            .into_any(),
            Mode::Moving => match free.get() {
                None => view! { <p role="status">{ui.booking}</p> }.into_any(),
                Some(slots) if slots.is_empty() => view! { <p role="status">{ui.no_days}</p> }.into_any(),
                Some(slots) => {
                    let lang_now = lang.get_untracked();
                    let mut days: Vec<String> = slots.iter().map(|slot| slot.date.clone()).collect();
                    days.dedup();
                    let day_choices = days
                        .into_iter()
                        .map(|date| {
                            let label = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_or(date.clone(), |day| day_in_words(lang_now, day));
                            Choice { value: date, label, detail: None }
                        })
                        .collect();
                    // The times of the chosen day appear below the days; focus stays on the day.
                    let times = move || {
                        let chosen_day = day.get()?;
                        let choices: Vec<Choice> = free.with(|free| {
                            free.iter()
                                .flatten()
                                .filter(|slot| slot.date == chosen_day)
                                .map(|slot| Choice { value: slot.start.clone(), label: slot.words.clone(), detail: None })
                                .collect()
                        });
                        Some(view! {
                            <ChoiceList legend=report_ui(lang.get_untracked()).choose_time.to_owned() name="move-time" choices selected=start
                                on_select=Callback::new(move |chosen: String| start.set(Some(chosen))) error_id="appointment-error" keep_focus=true/>
                        })
                    };
                    view! {
                        <h2>{ui.move_title}</h2>
                        <ChoiceList legend=ui.choose_day.to_owned() name="move-day" choices=day_choices selected=day
                            on_select=Callback::new(move |date: String| { day.set(Some(date)); start.set(None); })
                            error_id="appointment-error"/>
                        {times}
                        <div class="nav-buttons">
                            <button type="button" class="button button-secondary" on:click=move |_| mode.set(Mode::Viewing)>{ui.keep_time}</button>
                            <button type="button" class="button" disabled=busy on:click=confirm_move>{ui.move_booking}</button>
                        </div>
                    }
                    .into_any()
                }
            },
        }
    };
    view! {
        {details}
        <p role="status">{move || notice.get().map(|text| view! { <span class="notice">{text}</span> })}</p>
        {actions}
        <p id="appointment-error" class="error" role="alert">{move || error.get()}</p>
    }
}
