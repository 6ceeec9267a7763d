//! "Praat erover": the advice to have a conversation (for everyone; more strongly where the report
//! shows risk, never alarming), and what the person can do about it: book one with the campaign's
//! arbeidsdeskundige, see the one already booked, ask for one reminder, or, without a campaign,
//! where else to go.

use leptos::prelude::*;
use leptos::task::spawn_local;
use werkscan_api::booking::Kind;
use werkscan_core::when::date_in_words;
use werkscan_core::Lang;
use werkscan_kit::campaign::{context_for, CampaignContext};
use werkscan_kit::drafts::now;
use werkscan_kit::loading;
use werkscan_kit::routing::Route;
use werkscan_kit::store::BrowserStore;

use crate::api;
use crate::booking::upcoming_for;
use crate::i18n::{fill, report_ui, tr, use_lang};
use crate::sharing::SendError;

/// The conversation section of the report.
#[component]
pub fn Talk(strong: bool, questionnaire: String) -> impl IntoView {
    let lang = use_lang();
    let context = context_for(&BrowserStore, &questionnaire);
    let body = match context {
        None => view! {
            <h3>{tr(|u| u.no_expert_title)}</h3>
            <p>{tr(|u| u.no_expert_text)}</p>
        }
        .into_any(),
        Some(context) => view! { <Booking context questionnaire/> }.into_any(),
    };
    view! {
        <section class=if strong { "talk talk-strong" } else { "talk" } aria-labelledby="talk-title">
            <h2 id="talk-title">{tr(|u| u.talk_title)}</h2>
            <p>{move || if strong { report_ui(lang.get()).talk_strong } else { report_ui(lang.get()).talk_normal }}</p>
            {body}
        </section>
    }
}

#[component]
fn Booking(context: CampaignContext, questionnaire: String) -> impl IntoView {
    // What the device knows is shown at once; the server is asked how the bookings stand now
    // (moved or cancelled elsewhere), and the section follows its answer.
    let refreshed = RwSignal::new(0u32);
    spawn_local(async move {
        if crate::booking::refresh_kept(&BrowserStore, |token| async move { api::appointment(&token).await }).await {
            let _ = refreshed.try_update(|count| *count += 1);
        }
    });
    move || {
        refreshed.track();
        view! { <BookingNow context=context.clone() questionnaire=questionnaire.clone()/> }
    }
}

/// The conversation section as the device knows it now: the kept booking, or the offer.
#[component]
fn BookingNow(context: CampaignContext, questionnaire: String) -> impl IntoView {
    let code = context.campaign.code.clone();
    if let Some(kept) = upcoming_for(&BrowserStore, &code, &now()) {
        let manage = Route::Appointment(kept.token.clone()).path();
        return view! {
            <p class="notice" role="status">{tr(|u| u.book_planned)}" "<strong>{kept.words}</strong>" ("{kept.expert}")"</p>
            <p><a class="button" href=manage>{tr(|u| u.book_manage)}</a></p>
        }
        .into_any();
    }
    let offer = {
        let code = code.clone();
        loading::load(async move { api::booking_offer(&code).await })
    };
    let book = Route::Book(questionnaire.clone()).path();
    view! {
        {move || match offer.get() {
            None => view! { <p role="status">{tr(|u| u.booking)}</p> }.into_any(),
            Some(Ok(offer)) if !offer.open => view! { <p>{tr(|u| u.booking_closed)}</p> }.into_any(),
            Some(Ok(offer)) if offer.experts.is_empty() => view! { <p>{tr(|u| u.no_expert_available)}</p> }.into_any(),
            Some(result) => {
                // Without a connection the way to book is still offered: its screen says plainly
                // that booking needs one.
                let days = result.as_ref().map_or(10, |offer| offer.reminder_days);
                let offline = matches!(result, Err(SendError::Offline));
                view! {
                    <p>{tr(|u| u.book_privacy)}</p>
                    {offline.then(|| view! { <p class="notice">{tr(|u| u.needs_connection)}</p> })}
                    <p><a class="button button-large" href=book.clone()>{tr(|u| u.book_button)}</a></p>
                    <Reminder code=code.clone() questionnaire=questionnaire.clone() days/>
                }
                .into_any()
            }
        }}
    }
    .into_any()
}

/// "Herinner mij als ik nog niet heb gepland": off until ticked; then one e-mail address.
#[component]
fn Reminder(code: String, questionnaire: String, days: i64) -> impl IntoView {
    let lang = use_lang();
    let wanted = RwSignal::new(false);
    let email = RwSignal::new(String::new());
    let done = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let submit = Callback::new(move |()| {
        let (code, questionnaire) = (code.clone(), questionnaire.clone());
        let address = email.get_untracked().trim().to_owned();
        let chosen = lang.get_untracked();
        let texts = report_ui(chosen);
        if !address.contains('@') {
            error.set(Some(texts.contact_bad_email.to_owned()));
            return;
        }
        error.set(None);
        sending.set(true);
        spawn_local(async move {
            match api::remind(&code, &address, &questionnaire, chosen).await {
                Ok(set) => {
                    let date = chrono::DateTime::parse_from_rfc3339(&set.due_at)
                        .map(|when| date_in_words(chosen, when.date_naive()));
                    done.set(Some(fill(texts.remind_set, &[("date", &date.unwrap_or(set.due_at))])));
                }
                // What was typed stays in the field.
                Err(SendError::Offline) => error.set(Some(texts.needs_connection.to_owned())),
                Err(SendError::Refused { message, .. }) => error.set(Some(message)),
            }
            sending.set(false);
        });
    });
    view! {
        <div class="reminder">
            {move || match done.get() {
                Some(text) => view! { <p class="notice" role="status">{text}</p> }.into_any(),
                None => view! {
                    <div class="choice">
                        <input type="checkbox" id="remind-me" prop:checked=wanted on:change=move |ev| wanted.set(event_target_checked(&ev))/>
                        <label for="remind-me">{tr(|u| u.remind_label)}</label>
                    </div>
                    <Show when=move || wanted.get()>
                        <p class="hint" id="remind-hint">{move || fill(report_ui(lang.get()).remind_hint, &[("days", &days.to_string())])}</p>
                        <label for="remind-email">{tr(|u| u.remind_email)}</label>
                        <input id="remind-email" type="email" autocomplete="email" inputmode="email" aria-describedby="remind-hint remind-error"
                            prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                        <p><button type="button" class="button button-secondary" disabled=sending on:click=move |_| submit.run(())>{tr(|u| u.remind_send)}</button></p>
                    </Show>
                }
                .into_any(),
            }}
            <p id="remind-error" class="error" role="alert">{move || error.get()}</p>
        </div>
    }
}

/// The language's sentence for a kind of conversation.
pub fn kind_label(kind: Kind, lang: Lang) -> &'static str {
    let ui = report_ui(lang);
    match kind {
        Kind::Telefoon => ui.kind_telefoon,
        Kind::Video => ui.kind_video,
        Kind::Locatie => ui.kind_locatie,
    }
}
