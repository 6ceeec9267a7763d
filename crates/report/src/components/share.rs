//! Sharing after the report: granular consent, none pre-ticked, "Niets delen" as an equal
//! choice; then exactly what was ticked is sent, queued when offline, and can be withdrawn.

use leptos::prelude::*;
use leptos::task::spawn_local;
use werkscan_core::consent::{ConsentDocument, ConsentKey};
use werkscan_core::submission::{build_submission, Contact, Receipt};
use werkscan_core::{consent_document, Answers, ConsentChoices, ConsentValues, Definition, ScanResult};

use werkscan_kit::campaign::CampaignContext;
use werkscan_kit::store::BrowserStore;

use crate::api::Server;
use crate::components::{flush_outbox, outbox_changed};
use crate::i18n::{report_ui, tr, tx, use_lang};
use crate::sharing::{self, ShareOutcome, ShareState as State};

fn stored_state(code: &str) -> State {
    sharing::stored_state(&BrowserStore, code)
}

/// The consent form and what follows it, for a scan opened from a campaign link.
#[component]
pub fn SharePanel(
    definition: Definition,
    result: ScanResult,
    answers: Answers,
    context: CampaignContext,
) -> impl IntoView {
    let lang = use_lang();
    let values = ConsentValues::of(&context.campaign);
    let document: ConsentDocument = consent_document().filled(&values);
    let code = context.campaign.code.clone();
    let state = RwSignal::new(stored_state(&code));
    let choices = RwSignal::new(ConsentChoices::NOTHING);
    let error = RwSignal::new(sharing::take_refusal(&BrowserStore, &code));
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let open = context.campaign.open;

    // Queued uploads go out as soon as the connection is back. What became of this campaign's
    // upload is picked up by the effect below, like a flush started anywhere else.
    let retry = || spawn_local(flush_outbox());
    // The queue may be sent by the app itself (at start-up, or from another screen): follow it.
    let campaign_code = code.clone();
    Effect::new(move |_| {
        outbox_changed().track();
        if state.get_untracked() != State::Queued {
            return;
        }
        match stored_state(&campaign_code) {
            State::Queued => {}
            State::Choosing => {
                // Back to choosing means the server refused the queued upload: say why.
                error.set(sharing::take_refusal(&BrowserStore, &campaign_code));
                state.set(State::Choosing);
            }
            sent => state.set(sent),
        }
    });
    let online = window_event_listener(leptos::ev::online, move |_| {
        if state.get_untracked() == State::Queued {
            retry();
        }
    });
    on_cleanup(move || online.remove());

    let submit = {
        let definition = definition.clone();
        let result = result.clone();
        let answers = answers.clone();
        let context = context.clone();
        move |_| {
            let chosen = choices.get_untracked();
            if chosen.is_nothing() {
                return;
            }
            let contact = chosen.contact_me.then(|| Contact {
                name: name.get_untracked().trim().to_owned(),
                email: Some(email.get_untracked().trim().to_owned())
                    .filter(|value| !value.is_empty()),
                phone: Some(phone.get_untracked().trim().to_owned())
                    .filter(|value| !value.is_empty()),
                note: Some(note.get_untracked().trim().to_owned())
                    .filter(|value| !value.is_empty()),
            });
            if let Some(problem) = contact
                .as_ref()
                .and_then(|contact| contact_problem(contact, lang.get_untracked()))
            {
                error.set(Some(problem.to_owned()));
                return;
            }
            let mut submission = build_submission(
                &context.campaign.code,
                context.department.clone(),
                &definition,
                &result,
                &answers,
                chosen,
                lang.get_untracked(),
                contact,
            );
            submission.consent.values = Some(values.clone());
            error.set(None);
            state.set(State::Sending);
            // The upload's key is made now and kept with it, so that every retry is the same upload.
            let key = werkscan_kit::http::random_key();
            spawn_local(async move {
                match sharing::share(&BrowserStore, &Server, submission, key).await {
                    ShareOutcome::Sent(receipt) => state.set(State::Sent(receipt)),
                    ShareOutcome::Queued => state.set(State::Queued),
                    ShareOutcome::Refused(message) => {
                        error.set(Some(message));
                        state.set(State::Choosing);
                    }
                }
            });
        }
    };

    let withdraw = move |receipt: Receipt| {
        spawn_local(async move {
            match sharing::withdraw(&BrowserStore, &Server, &receipt).await {
                Ok(()) => state.set(State::Withdrawn),
                // The task runs outside the component, so the text is picked here, not with `tr`.
                Err(_) => error.set(Some(
                    report_ui(lang.get_untracked())
                        .share_withdraw_failed
                        .to_owned(),
                )),
            }
        })
    };

    let items = document.items.clone();
    let checkboxes = items
        .into_iter()
        .map(|item| {
            let key = item.key;
            let requires = item.requires;
            // What can only be shared with this: unticking it unticks those too.
            let dependents: Vec<ConsentKey> = document
                .items
                .iter()
                .filter(|other| other.requires == Some(key))
                .map(|other| other.key)
                .collect();
            let id = format!("consent-{key:?}").to_lowercase();
            let details_id = format!("{id}-details");
            let disabled = move || requires.is_some_and(|required| !choices.get().get(required));
            view! {
                <div class="consent-item">
                    <div class="choice">
                        <input
                            type="checkbox"
                            id=id.clone()
                            aria-describedby=details_id.clone()
                            prop:checked=move || choices.get().get(key)
                            prop:disabled=disabled
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                choices.update(|c| {
                                    c.set(key, on);
                                    if !on {
                                        for dependent in &dependents {
                                            c.set(*dependent, false);
                                        }
                                    }
                                });
                            }
                        />
                        <label for=id>{tx(&item.label)}</label>
                    </div>
                    <dl id=details_id class="consent-details">
                        <dt>{tr(|u| u.consent_what)}</dt><dd>{tx(&item.what)}</dd>
                        <dt>{tr(|u| u.consent_with_whom)}</dt><dd>{tx(&item.with_whom)}</dd>
                        <dt>{tr(|u| u.consent_why)}</dt><dd>{tx(&item.why)}</dd>
                        <dt>{tr(|u| u.consent_how_long)}</dt><dd>{tx(&item.how_long)}</dd>
                    </dl>
                </div>
            }
        })
        .collect_view();

    let contact_fields = move || {
        choices.get().contact_me.then(|| {
            view! {
                <fieldset class="contact-fields">
                    <legend>{tr(|u| u.contact_legend)}</legend>
                    <label for="contact-name">{tr(|u| u.contact_name)}</label>
                    <input id="contact-name" type="text" autocomplete="name" required prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    <label for="contact-email">{tr(|u| u.contact_email)}</label>
                    <input id="contact-email" type="email" autocomplete="email" inputmode="email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                    <label for="contact-phone">{tr(|u| u.contact_phone)}</label>
                    <input id="contact-phone" type="tel" autocomplete="tel" inputmode="tel" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/>
                    <label for="contact-note">{tr(|u| u.contact_note)}</label>
                    <textarea id="contact-note" rows="3" prop:value=note on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </fieldset>
            }
        })
    };

    let title = document.title.clone();
    let body = move || {
        match state.get() {
        State::Choosing | State::Sending => {
            let sending = state.get() == State::Sending;
            view! {
                <p>{tx(&document.intro)}</p>
                {(!open).then(|| view! { <p class="notice">{tr(|u| u.campaign_closed)}</p> })}
                <fieldset class="consent-choices" disabled=!open>
                    <legend class="visually-hidden">{tx(&document.title)}</legend>
                    {checkboxes.clone()}
                </fieldset>
                <p class="hint">{tx(&document.group_note)}</p>
                {contact_fields}
                <p class="error" role="alert">{move || error.get()}</p>
                <div class="share-buttons">
                    <button type="button" class="button" disabled=move || !open || sending || choices.get().is_nothing() on:click=submit.clone()>
                        {tr(|u| u.share_chosen)}
                    </button>
                    <button type="button" class="button" disabled=sending on:click=move |_| state.set(State::Nothing)>
                        {tx(&document.nothing_label)}
                    </button>
                </div>
                <p class="hint">{tx(&document.withdrawal)}</p>
            }
            .into_any()
        }
        State::Nothing => view! {
            <p role="status">{tx(&document.nothing)}</p>
            <button type="button" class="button button-secondary" on:click=move |_| state.set(State::Choosing)>{tr(|u| u.share_reconsider)}</button>
        }
        .into_any(),
        State::Queued => view! {
            <p role="status" class="notice">{tr(|u| u.share_queued)}</p>
            <button type="button" class="button button-secondary" on:click=move |_| retry()>{tr(|u| u.try_again)}</button>
        }
        .into_any(),
        State::Sent(receipt) => {
            let shared = receipt.shared;
            let labels: Vec<_> = document
                .items
                .iter()
                .filter(|item| shared.get(item.key))
                .map(|item| view! { <li>{tx(&item.label)}</li> })
                .collect();
            let date = receipt.submitted_at.get(..10).unwrap_or_default().to_owned();
            view! {
                <p role="status" class="notice">{tr(|u| u.share_sent)}" "<time datetime=receipt.submitted_at.clone()>{date}</time></p>
                <ul>{labels}</ul>
                <p class="hint">{tx(&document.withdrawal)}</p>
                <p class="error" role="alert">{move || error.get()}</p>
                <button type="button" class="button button-secondary" on:click=move |_| withdraw(receipt.clone())>{tr(|u| u.share_withdraw)}</button>
            }
            .into_any()
        }
        State::Withdrawn => view! { <p role="status" class="notice">{tr(|u| u.share_withdrawn)}</p> }.into_any(),
    }
    };

    view! {
        <section class="share no-print" aria-labelledby="share-title">
            <h2 id="share-title">{tx(&title)}</h2>
            <p class="meta">{format!("{} · {}", context.campaign.organisation, context.campaign.name)}</p>
            {body}
        </section>
    }
}

/// A calm message when contact details cannot work; the server checks them again properly.
fn contact_problem(contact: &Contact, lang: werkscan_core::Lang) -> Option<&'static str> {
    use werkscan_core::submission::{contact_problem, ContactProblem};
    let ui = report_ui(lang);
    if let Some(problem) = contact_problem(contact) {
        return Some(match problem {
            ContactProblem::NameMissing => ui.contact_need_name,
            ContactProblem::NoWayToReach => ui.contact_need_way,
            ContactProblem::NameTooLong
            | ContactProblem::FieldTooLong
            | ContactProblem::NoteTooLong => ui.contact_too_long,
            ContactProblem::PhoneInvalid => ui.contact_bad_phone,
            ContactProblem::ForbiddenCharacter => ui.contact_bad_character,
        });
    }
    // The server checks the e-mail address fully; this catches an obvious slip before sending.
    match &contact.email {
        Some(email) if !email.contains('@') || email.starts_with('@') || email.ends_with('@') => {
            Some(ui.contact_bad_email)
        }
        _ => None,
    }
}
