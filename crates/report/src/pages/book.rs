use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use werkscan_api::booking::{Booked, BookingOffer, Kind};
use werkscan_core::submission::ContactProblem;
use werkscan_core::when::day_in_words;
use werkscan_core::Lang;
use werkscan_kit::campaign::context_for;
use werkscan_kit::frame::focus_on_mount;
use werkscan_kit::http::random_key;
use werkscan_kit::loading;
use werkscan_kit::routing::Route;
use werkscan_kit::store::BrowserStore;

use crate::api;
use crate::booking::{keep, Booking, ContactField, Missing, Step};
use crate::components::{kind_label, Choice, ChoiceList};
use crate::i18n::{fill, report_ui, tr, use_lang};
use crate::sharing::{receipt_for, remembered_contact, SendError};

/// `/scan/{id}/gesprek`: booking a conversation, one choice per screen: (with whom) → how → day
/// → time → contact details → check and confirm → booked.
#[component]
pub fn Book(id: String) -> impl IntoView {
    let report = Route::Report(id.clone()).path();
    let Some(context) = context_for(&BrowserStore, &id) else {
        return view! {
            <div class="page">
                <h1>{tr(|u| u.book_title)}</h1>
                <p>{tr(|u| u.no_expert_text)}</p>
                <p><a href=report class="button button-secondary">{tr(|u| u.back_to_report)}</a></p>
            </div>
        }
        .into_any();
    };
    let code = context.campaign.code.clone();
    let load = {
        let code = code.clone();
        move || {
            let code = code.clone();
            async move { api::booking_offer(&code).await }
        }
    };
    let offer = loading::load(load());
    view! {
        <div class="page booking">
            {move || match offer.get() {
                None => view! { <p role="status">{tr(|u| u.booking)}</p> }.into_any(),
                Some(Ok(offer)) if offer.open && !offer.experts.is_empty() => {
                    view! { <Wizard code=code.clone() offer report=report.clone()/> }.into_any()
                }
                Some(Ok(offer)) => view! {
                    <h1>{tr(|u| u.book_title)}</h1>
                    <p>{move || if offer.open { tr(|u| u.no_expert_available).get() } else { tr(|u| u.booking_closed).get() }}</p>
                    <p><a href=report.clone() class="button button-secondary">{tr(|u| u.back_to_report)}</a></p>
                }
                .into_any(),
                Some(Err(_)) => {
                    let load = load.clone();
                    view! {
                        <h1>{tr(|u| u.book_title)}</h1>
                        <p class="notice" role="status">{tr(|u| u.needs_connection)}</p>
                        <button type="button" class="button" on:click=move |_| loading::reload(offer, load())>{tr(|u| u.try_again)}</button>
                    }
                    .into_any()
                }
            }}
        </div>
    }
    .into_any()
}

/// Loads the chosen expert's free times into the booking (in the person's language).
fn load_slots(booking: RwSignal<Booking>, lang: Lang, error: RwSignal<Option<String>>) {
    let Some(expert) = booking.with_untracked(|b| b.expert.as_ref().map(|expert| expert.id.clone())) else {
        return;
    };
    let (code, proof) = booking.with_untracked(|b| {
        (b.campaign.clone(), b.invitation.clone().map_or(api::SlotProof::None, api::SlotProof::Invitation))
    });
    spawn_local(async move {
        match api::slots(&code, &expert, lang, proof).await {
            Ok(slots) => {
                let _ = booking.try_update(|b| b.set_slots(slots));
            }
            Err(SendError::Offline) => error.set(Some(report_ui(lang).needs_connection.to_owned())),
            Err(SendError::Refused { message, .. }) => error.set(Some(message)),
        }
    });
}

/// The message for what keeps a step from being left.
fn missing_text(missing: Missing, lang: Lang) -> &'static str {
    let ui = report_ui(lang);
    match missing {
        Missing::Choice => ui.choose_first,
        Missing::PhoneForCall => ui.phone_needed,
        Missing::Contact(ContactProblem::NameMissing) => ui.contact_need_name,
        Missing::Contact(ContactProblem::NoWayToReach) => ui.contact_need_way,
        Missing::Contact(ContactProblem::PhoneInvalid) => ui.contact_bad_phone,
        Missing::Contact(ContactProblem::ForbiddenCharacter) => ui.contact_bad_character,
        Missing::Contact(ContactProblem::NameTooLong | ContactProblem::FieldTooLong | ContactProblem::NoteTooLong) => {
            ui.contact_too_long
        }
    }
}

#[component]
fn Wizard(code: String, offer: BookingOffer, report: String) -> impl IntoView {
    let lang = use_lang();
    let shared = receipt_for(&BrowserStore, &code);
    let mut start = Booking::new(&code, &offer, shared);
    start.invitation =
        werkscan_kit::campaign::context_by_code(&BrowserStore, &code).and_then(|context| context.invitation);
    // What the person typed when sharing, offered again (they can change it).
    if let Some(contact) = remembered_contact(&BrowserStore) {
        start.suggest(&contact);
    }
    let booking = RwSignal::new(start);
    let error = RwSignal::new(None::<String>);
    // A problem with one contact field: said next to that field, which is marked and focused.
    let problem = RwSignal::new(None::<(ContactField, String)>);
    let sending = RwSignal::new(false);
    let booked = RwSignal::new(None::<Booked>);
    // The key of this booking, kept while the same request is retried (after a lost answer the
    // server returns the same booking); a changed request gets a new key.
    let attempt = StoredValue::new(None::<(String, String)>);
    if booking.with_untracked(|b| b.expert.is_some()) {
        load_slots(booking, lang.get_untracked(), error);
    }
    let step = Memo::new(move |_| booking.with(|b| b.step.clone()));
    // The screen is drawn again when the step changes or the free times arrive, not on every
    // choice (which would move focus away from the radio the person is on).
    let loaded = Memo::new(move |_| booking.with(|b| b.loaded));
    let several = offer.experts.len() > 1;
    let total = if several { 6 } else { 5 };
    let number = move |step: &Step| {
        let index = match step {
            Step::Expert => 1,
            Step::Kind => 2,
            Step::Day => 3,
            Step::Time => 4,
            Step::Contact => 5,
            Step::Check => 6,
        };
        if several {
            index
        } else {
            index - 1
        }
    };
    let next = move |_| {
        let chosen_expert = booking.with_untracked(|b| b.step == Step::Expert);
        match booking.try_update(|b| b.go_next()) {
            Some(Err(missing)) => {
                let text = missing_text(missing, lang.get_untracked()).to_owned();
                match booking.with_untracked(|b| b.field_of(missing)) {
                    Some(field) => {
                        error.set(None);
                        problem.set(Some((field, text)));
                        if let Some(input) = document().get_element_by_id(field.input_id()) {
                            let _ = input.unchecked_ref::<web_sys::HtmlElement>().focus();
                        }
                    }
                    None => error.set(Some(text)),
                }
            }
            _ => {
                error.set(None);
                problem.set(None);
                if chosen_expert {
                    load_slots(booking, lang.get_untracked(), error);
                }
            }
        }
    };
    let back = move |_| {
        error.set(None);
        problem.set(None);
        booking.update(|b| b.back());
    };
    let confirm = move |_| {
        let chosen = lang.get_untracked();
        let Some(request) = booking.with_untracked(|b| b.request(chosen)) else {
            return;
        };
        let Ok(text) = serde_json::to_string(&request) else {
            return;
        };
        let key = match attempt.get_value() {
            Some((key, previous)) if previous == text => Some(key),
            _ => random_key(),
        };
        let Some(key) = key else { return };
        attempt.set_value(Some((key.clone(), text)));
        sending.set(true);
        error.set(None);
        let code = booking.with_untracked(|b| b.campaign.clone());
        spawn_local(async move {
            match api::book(&code, &key, &request).await {
                Ok(done) => {
                    keep(&BrowserStore, &done.token, &done.appointment);
                    booked.set(Some(done));
                }
                // Nothing typed or chosen is lost: the same screen stays, with the reason.
                Err(SendError::Offline) => error.set(Some(report_ui(chosen).needs_connection.to_owned())),
                Err(SendError::Refused { code: reason, .. }) if reason == "slot_taken" => {
                    let expert = booking
                        .with_untracked(|b| b.expert.as_ref().map(|expert| expert.id.clone()))
                        .unwrap_or_default();
                    let proof = request.invitation.clone().map_or(api::SlotProof::None, api::SlotProof::Invitation);
                    let slots = api::slots(&code, &expert, chosen, proof).await.unwrap_or_default();
                    booking.update(|b| b.time_was_taken(slots));
                    error.set(Some(report_ui(chosen).slot_taken.to_owned()));
                }
                Err(SendError::Refused { message, .. }) => error.set(Some(message)),
            }
            sending.set(false);
        });
    };

    let screen = move || {
        if let Some(done) = booked.get() {
            return view! { <Done booked=done report=report.clone()/> }.into_any();
        }
        let current = step.get();
        let ui = report_ui(lang.get());
        let selected_value = move |pick: fn(&Booking) -> Option<String>| Signal::derive(move || booking.with(pick));
        let body = match current {
            Step::Expert => {
                let choices = booking.with_untracked(|b| {
                    b.experts
                        .iter()
                        .map(|expert| Choice { value: expert.id.clone(), label: expert.name.clone(), detail: None })
                        .collect()
                });
                view! {
                    <ChoiceList legend=ui.choose_expert.to_owned() name="expert" choices
                        selected=selected_value(|b| b.expert.as_ref().map(|expert| expert.id.clone()))
                        on_select=Callback::new(move |id: String| booking.update(|b| b.choose_expert(&id))) error_id="booking-error"/>
                }
                .into_any()
            }
            Step::Kind => {
                let choices = booking.with_untracked(|b| {
                    b.kinds()
                        .into_iter()
                        .map(|offer| Choice {
                            value: serde_json::to_string(&offer.kind).unwrap_or_default(),
                            label: kind_label(offer.kind, lang.get_untracked()).to_owned(),
                            detail: offer.detail,
                        })
                        .collect()
                });
                view! {
                    <ChoiceList legend=ui.choose_kind.to_owned() name="kind" choices
                        selected=selected_value(|b| b.kind.map(|kind| serde_json::to_string(&kind).unwrap_or_default()))
                        on_select=Callback::new(move |value: String| booking.update(|b| b.kind = serde_json::from_str::<Kind>(&value).ok()))
                        error_id="booking-error"/>
                }
                .into_any()
            }
            Step::Day => {
                let days = booking.with_untracked(|b| b.days());
                if !loaded.get() {
                    view! { <h2 class="question-text">{ui.choose_day}</h2><p role="status">{ui.booking}</p> }.into_any()
                } else if days.is_empty() {
                    view! { <h2 class="question-text">{ui.choose_day}</h2><p role="status">{ui.no_days}</p> }.into_any()
                } else {
                    let lang_now = lang.get_untracked();
                    let choices = days
                        .into_iter()
                        .map(|(date, count)| {
                            let label = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                                .map_or(date.clone(), |day| day_in_words(lang_now, day));
                            Choice { value: date, label, detail: Some(format!("{count} {}", ui.times_free)) }
                        })
                        .collect();
                    view! {
                        <ChoiceList legend=ui.choose_day.to_owned() name="day" choices selected=selected_value(|b| b.day.clone())
                            on_select=Callback::new(move |date: String| booking.update(|b| { b.day = Some(date); b.slot = None; }))
                            error_id="booking-error"/>
                    }
                    .into_any()
                }
            }
            Step::Time => {
                let choices = booking.with_untracked(|b| {
                    b.times()
                        .into_iter()
                        .map(|slot| Choice { value: slot.start.clone(), label: slot.words.clone(), detail: None })
                        .collect()
                });
                view! {
                    <ChoiceList legend=ui.choose_time.to_owned() name="time" choices
                        selected=selected_value(|b| b.slot.as_ref().map(|slot| slot.start.clone()))
                        on_select=Callback::new(move |start: String| booking.update(|b| b.slot = b.slots.iter().find(|slot| slot.start == start).cloned()))
                        error_id="booking-error"/>
                }
                .into_any()
            }
            Step::Contact => view! { <ContactStep booking problem/> }.into_any(),
            Step::Check => view! { <CheckStep booking/> }.into_any(),
        };
        let is_check = current == Step::Check;
        let first = matches!(current, Step::Expert) || (!several && current == Step::Kind);
        view! {
            <p class="progress-text">{fill(ui.step_of, &[("n", &number(&current).to_string()), ("total", &total.to_string())])}</p>
            {body}
            <p id="booking-error" class="error" role="alert">{move || error.get()}</p>
            <div class="nav-buttons">
                {if first {
                    view! { <a href=report.clone() class="button button-secondary">{ui.back_to_report}</a> }.into_any()
                } else {
                    view! { <button type="button" class="button button-secondary" on:click=back>{ui.previous_step}</button> }.into_any()
                }}
                {if is_check {
                    view! { <button type="button" class="button" disabled=sending on:click=confirm>{move || if sending.get() { report_ui(lang.get()).booking } else { report_ui(lang.get()).confirm_booking }}</button> }.into_any()
                } else {
                    view! { <button type="button" class="button" on:click=next>{ui.next_step}</button> }.into_any()
                }}
            </div>
        }
        .into_any()
    };
    view! {
        <h1>{tr(|u| u.book_title)}</h1>
        {screen}
    }
}

#[component]
fn ContactStep(booking: RwSignal<Booking>, problem: RwSignal<Option<(ContactField, String)>>) -> impl IntoView {
    let legend_ref = NodeRef::<leptos::html::Legend>::new();
    focus_on_mount(legend_ref);
    let field = |pick: fn(&Booking) -> String| Signal::derive(move || booking.with(pick));
    let can_link = booking.with_untracked(|b| b.shared.is_some());
    let invalid = move |which: ContactField| {
        move || problem.with(|p| p.as_ref().is_some_and(|(field, _)| *field == which)).then_some("true")
    };
    // The message sits right under its field (not under the sticky buttons), and the field
    // points to it, so a screen reader reads it with the field.
    let message = move |which: ContactField| {
        move || {
            problem.with(|p| match p {
                Some((field, text)) if *field == which => {
                    Some(view! { <p id=format!("{}-error", which.input_id()) class="field-error" role="alert">{text.clone()}</p> })
                }
                _ => None,
            })
        }
    };
    let described = move |which: ContactField| {
        move || {
            let own = format!("{}-error", which.input_id());
            problem.with(|p| p.as_ref().is_some_and(|(field, _)| *field == which)).then_some(own)
        }
    };
    // Typing in the marked field takes the mark away; the next "Volgende" checks again.
    let edited = move |which: ContactField| {
        if problem.with_untracked(|p| p.as_ref().is_some_and(|(field, _)| *field == which)) {
            problem.set(None);
        }
    };
    // Under the e-mail field, a hint to use a private address: others at work may read a work
    // address, and the mails name the appointment.
    view! {
        <fieldset class="contact-fields" aria-describedby="contact-hint booking-error">
            <legend node_ref=legend_ref tabindex="-1" class="question-text">{tr(|u| u.contact_for)}</legend>
            <p id="contact-hint" class="hint">{tr(|u| u.contact_booking_hint)}</p>
            <label for="booking-name">{tr(|u| u.contact_name)}</label>
            <input id="booking-name" type="text" autocomplete="name" maxlength="200" prop:value=field(|b| b.name.clone())
                aria-invalid=invalid(ContactField::Name) aria-describedby=described(ContactField::Name)
                on:input=move |ev| { edited(ContactField::Name); booking.update(|b| b.name = event_target_value(&ev)) }/>
            {message(ContactField::Name)}
            <label for="booking-email">{tr(|u| u.contact_email)}</label>
            <input id="booking-email" type="email" autocomplete="email" inputmode="email" maxlength="254" prop:value=field(|b| b.email.clone())
                aria-invalid=invalid(ContactField::Email) aria-describedby=move || described(ContactField::Email)().map_or("booking-email-hint".to_owned(), |error| format!("{error} booking-email-hint"))
                on:input=move |ev| { edited(ContactField::Email); booking.update(|b| b.email = event_target_value(&ev)) }/>
            {message(ContactField::Email)}
            <p id="booking-email-hint" class="hint">{tr(|u| u.contact_private_email)}</p>
            <label for="booking-phone">{tr(|u| u.contact_phone)}</label>
            <input id="booking-phone" type="tel" autocomplete="tel" inputmode="tel" maxlength="40" prop:value=field(|b| b.phone.clone())
                aria-invalid=invalid(ContactField::Phone) aria-describedby=described(ContactField::Phone)
                on:input=move |ev| { edited(ContactField::Phone); booking.update(|b| b.phone = event_target_value(&ev)) }/>
            {message(ContactField::Phone)}
        </fieldset>
        {can_link.then(|| view! {
            <div class="choice">
                <input type="checkbox" id="link-result" aria-describedby="link-result-hint"
                    prop:checked=move || booking.with(|b| b.link_result)
                    on:change=move |ev| booking.update(|b| b.link_result = event_target_checked(&ev))/>
                <label for="link-result">{tr(|u| u.link_result)}</label>
            </div>
            <p id="link-result-hint" class="hint">{tr(|u| u.link_result_hint)}</p>
        })}
    }
}

#[component]
fn CheckStep(booking: RwSignal<Booking>) -> impl IntoView {
    let lang = use_lang();
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_mount(heading);
    let b = booking.get_untracked();
    let expert = b.expert.as_ref().map(|expert| expert.name.clone()).unwrap_or_default();
    let place = b.kinds().into_iter().find(|offer| Some(offer.kind) == b.kind).and_then(|offer| offer.detail);
    let contact = b.contact();
    let details: Vec<String> =
        [Some(contact.name.clone()), contact.email.clone(), contact.phone.clone()].into_iter().flatten().collect();
    let shares = if b.link_result {
        report_ui(lang.get_untracked()).check_shares_result
    } else {
        report_ui(lang.get_untracked()).check_shares_contact
    };
    let expert_for_text = expert.clone();
    view! {
        <h2 node_ref=heading tabindex="-1" class="question-text">{tr(|u| u.check_title)}</h2>
        <dl class="booking-check">
            <dt>{tr(|u| u.check_when)}</dt><dd>{b.slot.as_ref().map(|slot| slot.words.clone())}</dd>
            <dt>{tr(|u| u.check_how)}</dt><dd>{move || b.kind.map(|kind| kind_label(kind, lang.get()))}{place.map(|place| format!(" — {place}"))}</dd>
            <dt>{tr(|u| u.check_with)}</dt><dd>{expert}</dd>
            <dt>{tr(|u| u.check_details)}</dt><dd>{details.join(", ")}</dd>
        </dl>
        <section class="promise" aria-labelledby="check-shared">
            <h3 id="check-shared">{tr(|u| u.check_shared)}</h3>
            <p>{fill(shares, &[("expert", &expert_for_text)])}</p>
            <p>{tr(|u| u.check_employer)}</p>
        </section>
    }
}

#[component]
fn Done(booked: Booked, report: String) -> impl IntoView {
    let lang = use_lang();
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_mount(heading);
    let appointment = booked.appointment.clone();
    let manage_path = Route::Appointment(booked.token.clone()).path();
    let manage_url = format!("{}{manage_path}", window().location().origin().unwrap_or_default());
    let has_email = appointment.email.is_some();
    view! {
        <section class="booked" aria-labelledby="booked-title">
            <h2 id="booked-title" node_ref=heading tabindex="-1">{tr(|u| u.booked_title)}</h2>
            <p class="lead"><strong>{appointment.words.clone()}</strong></p>
            <p>{move || kind_label(appointment.kind, lang.get())}" — "{appointment.expert.clone()}</p>
            {appointment.place.clone().map(|place| view! { <p>{place}</p> })}
            {has_email.then(|| view! { <p>{tr(|u| u.confirmation_mail)}</p> })}
            <p><a class="button" href=api::calendar_url(&booked.token) download="adviesgesprek.ics">{tr(|u| u.add_to_calendar)}</a></p>
            <p>{tr(|u| u.keep_link)}</p>
            <p class="manage-link"><a href=manage_path>{manage_url}</a></p>
            <p><a href=report class="button button-secondary">{tr(|u| u.back_to_report)}</a></p>
        </section>
    }
}
