//! Sharing after the report: granular consent, none pre-ticked, "Niets delen" as an equal
//! choice; then exactly what was ticked is sent, queued when offline, and can be withdrawn.
//!
//! The consent text is the core's, filled with what the campaign says now (fetched again when
//! there is a connection, so an extension or a change of experts shows before anyone agrees to
//! it). Each choice says what, with whom, why and how long in a few words, with the why and how
//! long on demand; who is responsible and the person's rights sit in one fold below. After
//! sharing, the screen says in the past tense what was shared, what happens now, and gives the
//! withdrawal code to write down, print or save.

use leptos::prelude::*;
use leptos::task::spawn_local;
use werkscan_core::campaign::PublicCampaign;
use werkscan_core::consent::{names_in_words, ConsentDocument, ConsentKey};
use werkscan_core::submission::{build_submission, Contact, Receipt};
use werkscan_core::{consent_document, Answers, ConsentChoices, ConsentValues, Definition, Lang, ScanResult, Text};

use werkscan_kit::campaign::{refresh_campaign, CampaignContext};
use werkscan_kit::store::BrowserStore;

use crate::api::{self, Server};
use crate::components::{day_words, flush_outbox, outbox_changed, withdraw_address};
use crate::i18n::{fill, report_ui, tr, use_lang};
use crate::sharing::{self, Refusal, ShareOutcome, ShareState as State};

fn stored_state(code: &str) -> State {
    sharing::stored_state(&BrowserStore, code)
}

/// The person's words for a refusal: known reasons in their language, others with the server's
/// message.
fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    let ui = report_ui(lang);
    match refusal.code.as_str() {
        "consent_outdated" => ui.refusal_outdated.to_owned(),
        "no_active_expert" => ui.no_active_expert.to_owned(),
        "consent_version_unknown" | "consent_values_mismatch" => ui.refusal_consent_version.to_owned(),
        "campaign_closed" => ui.campaign_closed.to_owned(),
        "invitation_used" => ui.invitation_used.to_owned(),
        "invitation_required" => ui.needs_personal_link.to_owned(),
        "invitation_unknown" => ui.invitation_unknown.to_owned(),
        _ => fill(ui.refusal_other, &[("message", &refusal.message)]),
    }
}

/// Asks the server for the campaign as it is now and keeps it (a closed or extended campaign
/// shows, and the consent names its current values).
async fn refresh(code: String, campaign: RwSignal<PublicCampaign>) {
    if let Some(latest) = api::campaign(&code).await {
        refresh_campaign(&BrowserStore, &latest);
        let _ = campaign.try_set(latest);
    }
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
    let code = context.campaign.code.clone();
    let campaign = RwSignal::new(context.campaign.clone());
    let document = Memo::new(move |_| consent_document().filled(&ConsentValues::of(&campaign.get())));
    let state = RwSignal::new(stored_state(&code));
    let choices = RwSignal::new(ConsentChoices::NOTHING);
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(
        sharing::take_refusal(&BrowserStore, &code).map(|refusal| refusal_text(&refusal, lang.get_untracked())),
    );
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let connected = RwSignal::new(werkscan_kit::http::online());
    spawn_local(refresh(code.clone(), campaign));

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
                // Back to choosing means the server refused the queued upload: say why, and show
                // the text as the campaign has it now.
                let refusal = sharing::take_refusal(&BrowserStore, &campaign_code);
                error.set(refusal.map(|refusal| refusal_text(&refusal, lang.get_untracked())));
                spawn_local(refresh(campaign_code.clone(), campaign));
                state.set(State::Choosing);
            }
            sent => state.set(sent),
        }
    });
    let on_online = window_event_listener(leptos::ev::online, move |_| {
        connected.set(true);
        if state.get_untracked() == State::Queued {
            retry();
        }
    });
    let on_offline = window_event_listener(leptos::ev::offline, move |_| connected.set(false));
    on_cleanup(move || {
        on_online.remove();
        on_offline.remove();
    });

    let submit = {
        let definition = definition.clone();
        let result = result.clone();
        let answers = answers.clone();
        let department = context.department.clone();
        let invitation = context.invitation.clone();
        move |_| {
            let chosen = choices.get_untracked();
            if chosen.is_nothing() {
                return;
            }
            let contact = chosen.contact_me.then(|| Contact {
                name: name.get_untracked().trim().to_owned(),
                email: Some(email.get_untracked().trim().to_owned()).filter(|value| !value.is_empty()),
                phone: Some(phone.get_untracked().trim().to_owned()).filter(|value| !value.is_empty()),
                note: Some(note.get_untracked().trim().to_owned()).filter(|value| !value.is_empty()),
            });
            if let Some(problem) = contact.as_ref().and_then(|contact| contact_problem(contact, lang.get_untracked())) {
                error.set(Some(problem.to_owned()));
                return;
            }
            if let Some(contact) = &contact {
                // Offered again when booking a conversation, on this device only.
                sharing::remember_contact(&BrowserStore, contact);
            }
            let shown = campaign.get_untracked();
            let mut submission = build_submission(
                &shown.code,
                department.clone(),
                &definition,
                &result,
                &answers,
                chosen,
                lang.get_untracked(),
                contact,
            );
            // The campaign's values as they were filled into the words on screen.
            submission.consent.values = Some(ConsentValues::of(&shown));
            submission.invitation = invitation.clone();
            error.set(None);
            state.set(State::Sending);
            // The upload's key is made now and kept with it, so that every retry is the same upload.
            let key = werkscan_kit::http::random_key();
            let code = shown.code.clone();
            spawn_local(async move {
                match sharing::share(&BrowserStore, &Server, submission, key).await {
                    ShareOutcome::Sent(receipt) => state.set(State::Sent(receipt)),
                    ShareOutcome::Queued => state.set(State::Queued),
                    ShareOutcome::Refused(refusal) => {
                        error.set(Some(refusal_text(&refusal, lang.get_untracked())));
                        if refusal.code == "consent_outdated" || refusal.code == "no_active_expert" {
                            // Show the new words (and that nobody can receive a share now);
                            // nothing stays ticked that was agreed to under the old ones.
                            refresh(code, campaign).await;
                            choices.set(ConsentChoices::NOTHING);
                        }
                        state.set(State::Choosing);
                    }
                }
            });
        }
    };

    let withdraw = move |receipt: Receipt| {
        spawn_local(async move {
            match sharing::withdraw(&BrowserStore, &Server, &receipt).await {
                Ok(()) => {
                    confirming.set(false);
                    state.set(State::Withdrawn);
                }
                // The task runs outside the component, so the text is picked here, not with `tr`.
                Err(_) => error.set(Some(report_ui(lang.get_untracked()).share_withdraw_failed.to_owned())),
            }
        })
    };

    // The reading of a text of the filled document, in the current language.
    let said =
        move |pick: fn(&ConsentDocument) -> &Text| move || document.with(|doc| pick(doc).get(lang.get()).to_owned());
    let item_said = move |key: ConsentKey, pick: fn(&werkscan_core::consent::ConsentItem) -> &Text| {
        move || document.with(|doc| doc.item(key).map(|item| pick(item).get(lang.get()).to_owned()).unwrap_or_default())
    };

    let checkboxes = consent_document()
        .items
        .into_iter()
        .map(|item| {
            let key = item.key;
            let requires = item.requires;
            // What can only be shared with this: unticking it unticks those too.
            let dependents: Vec<ConsentKey> =
                consent_document().items.iter().filter(|other| other.requires == Some(key)).map(|other| other.key).collect();
            let id = format!("consent-{key:?}").to_lowercase();
            let summary_id = format!("{id}-summary");
            let requires_unmet = move || requires.is_some_and(|required| !choices.get().get(required));
            // Everything but the group figures goes to an arbeidsdeskundige: not possible while
            // the campaign has none (the server refuses it too).
            let nobody_to_receive = move || key != ConsentKey::GroupFigures && campaign.with(|campaign| campaign.experts.is_empty());
            let disabled = move || requires_unmet() || nobody_to_receive();
            view! {
                <div class="consent-item" class:consent-item-disabled=disabled>
                    <div class="choice">
                        <input
                            type="checkbox"
                            id=id.clone()
                            aria-describedby=summary_id.clone()
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
                        <label for=id>{item_said(key, |item| &item.label)}</label>
                    </div>
                    <div id=summary_id class="consent-summary">
                        {move || (requires_unmet() && !nobody_to_receive()).then(|| view! { <p class="consent-requires">{tr(|u| u.consent_requires_scores)}</p> })}
                        <dl class="consent-details">
                            <dt>{tr(|u| u.consent_what)}</dt><dd>{item_said(key, |item| &item.what)}</dd>
                            <dt>{tr(|u| u.consent_with_whom)}</dt><dd>{item_said(key, |item| &item.with_whom)}</dd>
                        </dl>
                    </div>
                    <details class="consent-more">
                        <summary>{tr(|u| u.consent_more)}</summary>
                        <dl class="consent-details">
                            <dt>{tr(|u| u.consent_why)}</dt><dd>{item_said(key, |item| &item.why)}</dd>
                            <dt>{tr(|u| u.consent_how_long)}</dt><dd>{item_said(key, |item| &item.how_long)}</dd>
                        </dl>
                    </details>
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

    // Who is responsible and the rights: one fold, present in full for whoever opens it.
    let responsible = move || {
        let lang = lang.get();
        document.with(|doc| {
            let optional = |text: &Text| Some(text.get(lang).to_owned()).filter(|text| !text.is_empty());
            let controller = [optional(&doc.controller), optional(&doc.controller_contact)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            view! {
                <p>{doc.health_data.get(lang).to_owned()}</p>
                {(!controller.is_empty()).then(|| view! { <p>{controller}</p> })}
                {optional(&doc.privacy_officer).map(|text| view! { <p>{text}</p> })}
                <p>{doc.rights.get(lang).to_owned()}</p>
                <p>{doc.withdrawal.get(lang).to_owned()}</p>
            }
        })
    };

    // A campaign with personal invitations takes an upload only with the link's token.
    let needs_link = context.campaign.personal && context.invitation.is_none();
    let choosing = move || {
        let sending = state.get() == State::Sending;
        let open = campaign.get().open;
        let can_share = open && !needs_link;
        // The first layer: before any choice, what it is about in five lines.
        let first_layer = move || {
            let lang = lang.get();
            document.with(|doc| {
                doc.first_layer.iter().map(|line| view! { <li>{line.get(lang).to_owned()}</li> }).collect_view()
            })
        };
        view! {
            <p>{said(|doc| &doc.intro)}</p>
            <section class="consent-first-layer" aria-labelledby="consent-first-layer-title">
                <h3 id="consent-first-layer-title">{tr(|u| u.consent_first_layer_title)}</h3>
                <ul>{first_layer}</ul>
            </section>
            {(!open).then(|| view! { <p class="notice">{tr(|u| u.campaign_closed)}</p> })}
            {needs_link.then(|| view! { <p class="notice" role="status">{tr(|u| u.needs_personal_link)}</p> })}
            {move || campaign.with(|campaign| campaign.experts.is_empty()).then(|| view! { <p class="notice">{tr(|u| u.no_active_expert)}</p> })}
            {move || (!connected.get()).then(|| view! { <p class="notice">{tr(|u| u.share_offline_text)}</p> })}
            <fieldset class="consent-choices" disabled=!can_share>
                <legend class="visually-hidden">{said(|doc| &doc.title)}</legend>
                {checkboxes.clone()}
            </fieldset>
            <p class="hint">{said(|doc| &doc.group_note)}</p>
            {contact_fields}
            <p class="purpose">{said(|doc| &doc.purpose)}</p>
            <p class="retention">{said(|doc| &doc.retention)}</p>
            <details class="consent-more consent-responsible">
                <summary>{tr(|u| u.consent_details_title)}</summary>
                {responsible}
            </details>
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="share-buttons no-print">
                <button type="button" class="button" disabled=move || !can_share || sending || choices.get().is_nothing() on:click=submit.clone()>
                    {tr(|u| u.share_chosen)}
                </button>
                <button type="button" class="button button-secondary" disabled=sending on:click=move |_| state.set(State::Nothing)>
                    {said(|doc| &doc.nothing_label)}
                </button>
            </div>
        }
    };

    let body = move || {
        match state.get() {
        // A printed report does not need an empty form.
        State::Choosing | State::Sending => view! { <div class="no-print">{choosing()}</div> }.into_any(),
        State::Nothing => view! {
            <p role="status">{said(|doc| &doc.nothing)}</p>
            <button type="button" class="button button-secondary no-print" on:click=move |_| state.set(State::Choosing)>{tr(|u| u.share_reconsider)}</button>
        }
        .into_any(),
        State::Queued => view! {
            <p role="status" class="notice">{tr(|u| u.share_queued)}</p>
            <button type="button" class="button button-secondary no-print" on:click=move |_| retry()>{tr(|u| u.try_again)}</button>
        }
        .into_any(),
        State::Sent(receipt) => view! {
            <Shared receipt=receipt.clone() campaign/>
            <p class="error" role="alert">{move || error.get()}</p>
            {move || if confirming.get() {
                let receipt = receipt.clone();
                view! { <ConfirmWithdrawal shared=receipt.shared campaign on_yes=Callback::new(move |()| withdraw(receipt.clone())) on_no=Callback::new(move |()| confirming.set(false))/> }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-secondary no-print" on:click=move |_| { error.set(None); confirming.set(true) }>{tr(|u| u.share_withdraw)}</button>
                }.into_any()
            }}
        }
        .into_any(),
        State::Withdrawn => view! {
            <p role="status" class="notice">{tr(|u| u.share_withdrawn)}</p>
            <button type="button" class="button button-secondary no-print" on:click=move |_| {
                choices.set(ConsentChoices::NOTHING);
                error.set(None);
                state.set(State::Choosing);
            }>{tr(|u| u.share_again)}</button>
        }
        .into_any(),
    }
    };

    view! {
        <section class="share" aria-labelledby="share-title">
            <h2 id="share-title">{move || match state.get() {
                State::Sent(_) => report_ui(lang.get()).shared_title.to_owned(),
                _ => document.with(|doc| doc.title.get(lang.get()).to_owned()),
            }}</h2>
            <p class="meta">{move || campaign.with(|campaign| format!("{} · {}", campaign.organisation, campaign.name))}</p>
            {body}
        </section>
    }
}

/// What was shared, in the past tense; what happens now; and the withdrawal code.
#[component]
fn Shared(receipt: Receipt, campaign: RwSignal<PublicCampaign>) -> impl IntoView {
    let lang = use_lang();
    let shared = receipt.shared;
    let lines = move || {
        let lang = lang.get();
        let ui = report_ui(lang);
        campaign.with(|campaign| {
            let values = ConsentValues::of(campaign);
            let experts = names_in_words(&values.experts, lang);
            let with = |template: &str| fill(template, &[("experts", &experts)]);
            let mut done = Vec::new();
            if shared.share_scores {
                done.push(with(ui.shared_scores));
            }
            if shared.share_answers {
                done.push(with(ui.shared_answers));
            }
            if shared.contact_me {
                done.push(with(ui.shared_contact));
            }
            if shared.group_figures {
                done.push(ui.shared_group.to_owned());
            }
            let mut next = Vec::new();
            if shared.share_scores || shared.share_answers {
                next.push(with(ui.next_scores));
            }
            // Booked before sharing: the expert does not need to call to arrange a conversation.
            let booked = crate::booking::upcoming_for(&BrowserStore, &campaign.code, &werkscan_kit::drafts::now());
            if let Some(booked) = booked.filter(|_| shared.contact_me) {
                next.push(fill(ui.next_contact_booked, &[("experts", &experts), ("when", &booked.words)]));
            } else if shared.contact_me {
                next.push(with(ui.next_contact));
            } else if shared.share_scores {
                next.push(with(ui.next_no_contact));
            }
            if shared.group_figures {
                next.push(fill(ui.next_group, &[("k", &values.min_group_size.to_string())]));
            }
            next.push(fill(ui.next_delete, &[("date", &day_words(&values.delete_after, lang))]));
            (done, next)
        })
    };
    let when = receipt.submitted_at.clone();
    let code = receipt.withdrawal_code.clone();
    view! {
        <p role="status" class="notice"><strong>{move || fill(report_ui(lang.get()).share_sent, &[("date", &day_words(&when, lang.get()))])}</strong></p>
        <ul class="shared-list">{move || lines().0.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        <h3>{tr(|u| u.next_title)}</h3>
        <ul class="next-list">{move || lines().1.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        {code.map(|code| view! { <CodeCard code submitted_at=receipt.submitted_at.clone() campaign/> })}
    }
}

/// The withdrawal code, large and easy to copy, with a file to save and a print button.
#[component]
fn CodeCard(code: String, submitted_at: String, campaign: RwSignal<PublicCampaign>) -> impl IntoView {
    let lang = use_lang();
    let address = withdraw_address();
    let file = {
        let (code, address) = (code.clone(), address.clone());
        move || {
            let lang = lang.get();
            let name = campaign.with(|campaign| format!("{} ({})", campaign.name, campaign.organisation));
            let text = fill(
                report_ui(lang).code_file,
                &[
                    ("campaign", &name),
                    ("date", &day_words(&submitted_at, lang)),
                    ("code", &code),
                    ("address", &address),
                ],
            );
            format!("data:text/plain;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&text)))
        }
    };
    view! {
        <section class="code-card" aria-labelledby="code-title">
            <h3 id="code-title">{tr(|u| u.code_title)}</h3>
            <p class="withdrawal-code" translate="no">{code}</p>
            <p>{move || fill(report_ui(lang.get()).code_text, &[("address", &address)])}</p>
            <p class="code-actions no-print">
                <a class="button button-secondary" href=file download="werkscan-intrekcode.txt">{tr(|u| u.code_save)}</a>
                <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>{tr(|u| u.code_print)}</button>
            </p>
        </section>
    }
}

/// Asks before withdrawing, and says what will be gone.
#[component]
fn ConfirmWithdrawal(
    shared: ConsentChoices,
    campaign: RwSignal<PublicCampaign>,
    on_yes: Callback<()>,
    on_no: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let question = NodeRef::<leptos::html::P>::new();
    werkscan_kit::frame::focus_on_mount(question);
    let gone = move || {
        let ui = report_ui(lang.get());
        [
            (shared.share_scores, ui.gone_scores),
            (shared.share_answers, ui.gone_answers),
            (shared.contact_me, ui.gone_contact),
            (shared.group_figures, ui.gone_group),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, words)| view! { <li>{words}</li> })
        .collect_view()
    };
    let after = move || {
        let experts = campaign.with(|campaign| names_in_words(&campaign.experts, lang.get()));
        fill(report_ui(lang.get()).withdraw_after, &[("experts", &experts)])
    };
    view! {
        <div class="confirm-box no-print" role="group" aria-labelledby="withdraw-question">
            <p id="withdraw-question" node_ref=question tabindex="-1"><strong>{tr(|u| u.withdraw_question)}</strong></p>
            <p>{tr(|u| u.withdraw_gone)}</p>
            <ul>{gone}</ul>
            <p>{after}</p>
            <div class="confirm">
                <button type="button" class="button button-danger" on:click=move |_| on_yes.run(())>{tr(|u| u.withdraw_yes)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| on_no.run(())>{tr(|u| u.withdraw_no)}</button>
            </div>
        </div>
    }
}

/// A calm message when contact details cannot work; the server checks them again properly.
fn contact_problem(contact: &Contact, lang: Lang) -> Option<&'static str> {
    use werkscan_core::submission::{contact_problem, ContactProblem};
    let ui = report_ui(lang);
    if let Some(problem) = contact_problem(contact) {
        return Some(match problem {
            ContactProblem::NameMissing => ui.contact_need_name,
            ContactProblem::NoWayToReach => ui.contact_need_way,
            ContactProblem::NameTooLong | ContactProblem::FieldTooLong | ContactProblem::NoteTooLong => {
                ui.contact_too_long
            }
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
