use chrono::Offset;
use leptos::prelude::*;
use leptos::task::spawn_local;
use werkscan_core::submission::Receipt;
use werkscan_kit::campaign::kept_campaign;
use werkscan_kit::frame::focus_on_mount;
use werkscan_kit::routing::Route;
use werkscan_kit::store::{wipe_all, BrowserStore};

use crate::access::{consent_paragraphs, fetch, file_name, readable, AccessProblem, Line, Proof, ServerCopy};
use crate::api::Server;
use crate::booking::bookings;
use crate::components::{day_words, kind_label, withdraw_address};
use crate::i18n::{fill, report_ui, tr, use_lang};
use crate::records::history;
use crate::sharing::{receipts, withdraw_all};

/// Where "wis mijn gegevens" stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wipe {
    /// Not asked.
    Idle,
    /// Said what it does and does not do; asked.
    Asking,
    /// Withdrawing what was shared, before wiping.
    Withdrawing,
    /// Wiped; whether what was shared was withdrawn first, and whether anything had been shared.
    Done { withdrew: bool, had_shared: bool },
}

/// What this device holds, what was shared from it (with the withdrawal codes), and the button
/// that erases all of it — after saying that erasing the device does not withdraw what was
/// shared, offering to withdraw it first, and showing the codes.
#[component]
pub fn MyData() -> impl IntoView {
    let lang = use_lang();
    let wipe = RwSignal::new(Wipe::Idle);
    let failed = RwSignal::new(false);
    // What the page says is kept must follow the wipe.
    let count = RwSignal::new(history(&BrowserStore).len());
    let kept = RwSignal::new(bookings(&BrowserStore));
    // The bookings as the server has them now (moved or cancelled on another device).
    spawn_local(async move {
        if crate::booking::refresh_kept(&BrowserStore, |token| async move { crate::api::appointment(&token).await })
            .await
        {
            let _ = kept.try_set(bookings(&BrowserStore));
        }
    });
    let shared = RwSignal::new(receipts(&BrowserStore));
    let erase = move |withdrew: bool| {
        let had_shared = !shared.get_untracked().is_empty();
        // The language choice goes too: nothing of this person is left.
        wipe_all(&BrowserStore);
        count.set(0);
        kept.set(Vec::new());
        shared.set(Vec::new());
        wipe.set(Wipe::Done { withdrew, had_shared });
    };
    let withdraw_then_erase = move |_| {
        failed.set(false);
        wipe.set(Wipe::Withdrawing);
        spawn_local(async move {
            match withdraw_all(&BrowserStore, &Server).await {
                Ok(()) => erase(true),
                Err(_) => {
                    // Nothing is erased while something shared could not be withdrawn: its
                    // code would be lost with the receipt.
                    shared.set(receipts(&BrowserStore));
                    failed.set(true);
                    wipe.set(Wipe::Asking);
                }
            }
        });
    };
    let address = withdraw_address();

    view! {
        <div class="page my-data">
            <h1>{tr(|u| u.my_data_title)}</h1>
            <p>{tr(|u| u.my_data_text)}</p>
            <p>{tr(|u| u.history_title)}": "<strong>{count}</strong></p>
            <h2>{tr(|u| u.shared_list_title)}</h2>
            {move || {
                let list = shared.get();
                if list.is_empty() {
                    view! { <p>{tr(|u| u.shared_none)}</p> }.into_any()
                } else {
                    view! { <ul class="receipts">{list.into_iter().map(|receipt| view! { <ReceiptLine receipt/> }).collect_view()}</ul> }.into_any()
                }
            }}
            <p><a href=Route::Withdraw.path()>{tr(|u| u.withdraw_with_code_link)}</a></p>
            <ServerCopySection shared/>
            <h2>{tr(|u| u.bookings_title)}</h2>
            {move || {
                let list = kept.get();
                if list.is_empty() {
                    view! { <p>{tr(|u| u.bookings_none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="bookings">
                            {list.into_iter().rev().map(|booking| {
                                let href = Route::Appointment(booking.token.clone()).path();
                                let cancelled = booking.status == werkscan_api::booking::AppointmentStatus::Cancelled;
                                view! {
                                    <li>
                                        <a href=href>{booking.words.clone()}</a>
                                        " — "{move || kind_label(booking.kind, lang.get())}", "{booking.expert.clone()}
                                        {cancelled.then(|| view! { " ("{tr(|u| u.appointment_cancelled)}")" })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <h2>{tr(|u| u.wipe)}</h2>
            <div role="status" aria-live="polite">
                {move || match wipe.get() {
                    Wipe::Done { withdrew, had_shared } => {
                        let ui = report_ui(lang.get());
                        view! {
                            <p class="notice">{ui.wipe_done}</p>
                            {withdrew.then(|| view! { <p>{ui.wipe_done_withdrawn}</p> })}
                            {(had_shared && !withdrew).then(|| view! { <p>{fill(ui.wipe_done_kept, &[("address", &withdraw_address())])}</p> })}
                        }.into_any()
                    }
                    Wipe::Withdrawing => view! { <p>{tr(|u| u.wiping)}</p> }.into_any(),
                    _ => ().into_any(),
                }}
            </div>
            {move || match wipe.get() {
                Wipe::Asking | Wipe::Withdrawing => {
                    let list = shared.get();
                    let busy = wipe.get() == Wipe::Withdrawing;
                    let address = address.clone();
                    view! {
                        <div class="confirm-box" role="group" aria-labelledby="wipe-question">
                            <p>{tr(|u| u.wipe_what)}</p>
                            {if list.is_empty() {
                                view! { <p>{tr(|u| u.wipe_nothing_shared)}</p> }.into_any()
                            } else {
                                view! {
                                    <p class="notice">{tr(|u| u.wipe_not_server)}</p>
                                    <p>{move || fill(report_ui(lang.get()).wipe_codes, &[("address", &address)])}</p>
                                    <ul class="receipts">{list.into_iter().map(|receipt| view! { <ReceiptLine receipt/> }).collect_view()}</ul>
                                }.into_any()
                            }}
                            {move || failed.get().then(|| view! { <p class="error" role="alert">{tr(|u| u.wipe_withdraw_failed)}</p> })}
                            <p id="wipe-question"><strong>{tr(|u| u.wipe_confirm)}</strong></p>
                            <div class="confirm">
                                {if shared.get().is_empty() {
                                    view! {
                                        <button type="button" class="button button-danger" on:click=move |_| erase(false)>{tr(|u| u.wipe_yes)}</button>
                                    }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class="button button-danger" disabled=busy on:click=withdraw_then_erase>{tr(|u| u.wipe_withdraw_first)}</button>
                                        <button type="button" class="button button-secondary" disabled=busy on:click=move |_| erase(false)>{tr(|u| u.wipe_only_device)}</button>
                                    }.into_any()
                                }}
                                <button type="button" class="button button-secondary" disabled=busy on:click=move |_| { failed.set(false); wipe.set(Wipe::Idle) }>{tr(|u| u.cancel)}</button>
                            </div>
                        </div>
                    }.into_any()
                }
                _ => view! {
                    <button type="button" class="button button-danger" on:click=move |_| wipe.set(Wipe::Asking)>{tr(|u| u.wipe)}</button>
                }.into_any(),
            }}
        </div>
    }
}

/// One upload shared from this device: when, for which campaign, and its withdrawal code.
#[component]
fn ReceiptLine(receipt: Receipt) -> impl IntoView {
    let lang = use_lang();
    let when = receipt.submitted_at.clone();
    // The campaign's name where this device still knows it; its code otherwise.
    let campaign =
        kept_campaign(&BrowserStore, &receipt.campaign).map_or(receipt.campaign.clone(), |campaign| campaign.name);
    view! {
        <li>
            {move || fill(report_ui(lang.get()).shared_on, &[("date", &day_words(&when, lang.get())), ("campaign", &campaign)])}
            ": "
            {match receipt.withdrawal_code {
                Some(code) => view! { <strong class="withdrawal-code" translate="no">{code}</strong> }.into_any(),
                None => view! { <span>{tr(|u| u.no_code)}</span> }.into_any(),
            }}
        </li>
    }
}

/// "Wat de server van je bewaart": the person picks an upload shared from this device (its
/// receipt proves it; nothing to type) or types a withdrawal code, and sees everything the
/// server holds about it, readable, with the server's answer as a file to download. The rules
/// are in [`crate::access`].
#[component]
fn ServerCopySection(shared: RwSignal<Vec<Receipt>>) -> impl IntoView {
    let lang = use_lang();
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<AccessProblem>);
    let loading = RwSignal::new(false);
    let copy = RwSignal::new(None::<(ServerCopy, Option<String>)>);
    let ask = move |proof: Proof| {
        problem.set(None);
        loading.set(true);
        spawn_local(async move {
            let outcome = fetch(&Server, &proof).await;
            // The previous file's address is given up: it held the previous answer.
            if let Some((_, Some(old))) = copy.get_untracked() {
                let _ = web_sys::Url::revoke_object_url(&old);
            }
            match outcome {
                Ok(found) => {
                    let url = werkscan_kit::file::blob_url(&found.file_text(), "application/json;charset=utf-8");
                    copy.set(Some((found, url)));
                }
                Err(reason) => {
                    copy.set(None);
                    problem.set(Some(reason));
                }
            }
            loading.set(false);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Proof::of_typed(&typed.get_untracked()) {
            Some(proof) => ask(proof),
            None => problem.set(Some(AccessProblem::Malformed)),
        }
    };
    let message = move || {
        let ui = report_ui(lang.get());
        problem.get().map(|problem| match problem {
            AccessProblem::Malformed => ui.code_malformed.to_owned(),
            AccessProblem::Unknown => ui.held_unknown.to_owned(),
            AccessProblem::TooManyWrong => ui.code_too_many.to_owned(),
            AccessProblem::Offline => ui.held_offline.to_owned(),
            AccessProblem::Other(message) => message,
        })
    };

    view! {
        <section class="server-copy" aria-labelledby="held-title">
            <h2 id="held-title">{tr(|u| u.held_title)}</h2>
            <p>{tr(|u| u.held_intro)}</p>
            {move || {
                let list = shared.get();
                (!list.is_empty()).then(|| view! {
                    <p>{tr(|u| u.held_receipts)}</p>
                    <ul class="held-receipts">
                        {list.into_iter().map(|receipt| {
                            let when = receipt.submitted_at.clone();
                            let campaign = kept_campaign(&BrowserStore, &receipt.campaign).map_or(receipt.campaign.clone(), |campaign| campaign.name);
                            let proof = Proof::of_receipt(&receipt);
                            view! {
                                <li>
                                    <button type="button" class="button button-secondary" disabled=move || loading.get() on:click=move |_| ask(proof.clone())>
                                        {move || fill(report_ui(lang.get()).held_view_receipt, &[("date", &day_words(&when, lang.get())), ("campaign", &campaign)])}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
            <form class="code-form" on:submit=submit>
                <label for="held-code">{tr(|u| u.held_or_code)}</label>
                <p id="held-code-hint" class="hint">{tr(|u| u.code_hint)}</p>
                <input
                    id="held-code"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby="held-code-hint held-code-error"
                    aria-invalid=move || problem.get().is_some().to_string()
                    prop:value=typed
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <p id="held-code-error" class="error" role="alert">{message}</p>
                <button type="submit" class="button" disabled=move || loading.get()>{tr(|u| u.held_code_submit)}</button>
            </form>
            <p role="status" aria-live="polite">{move || loading.get().then(|| tr(|u| u.held_loading).get())}</p>
            {move || copy.get().map(|(copy, url)| view! { <CopyView copy url/> })}
        </section>
    }
}

/// The server's copy, readable, with its file. Its heading takes the focus when it appears, so a
/// screen reader hears the result and a keyboard continues from it.
#[component]
fn CopyView(copy: ServerCopy, url: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let heading = NodeRef::<leptos::html::H3>::new();
    focus_on_mount(heading);
    let name = file_name(chrono::Local::now().date_naive());
    let data = copy.data.clone();
    view! {
        <div class="held">
            <h3 id="held-result" node_ref=heading tabindex="-1">{tr(|u| u.held_result_title)}</h3>
            {url.map(|url| view! {
                <p>
                    <a class="button" href=url download=name.clone() aria-describedby="held-download-hint">{tr(|u| u.held_download)}</a>
                </p>
                <p id="held-download-hint" class="hint">{tr(|u| u.held_download_hint)}</p>
            })}
            {move || {
                let lang = lang.get();
                let offset = chrono::Local::now().offset().fix();
                let consent = consent_paragraphs(&data, lang);
                view! {
                    {readable(&data, lang, offset).into_iter().map(|part| view! {
                        <section class="held-part">
                            <h4>{part.heading}</h4>
                            {part.note.map(|note| view! { <p>{note}</p> })}
                            {(!part.lines.is_empty()).then(|| view! { <Lines lines=part.lines/> })}
                            {(!part.entries.is_empty()).then(|| view! {
                                <ul class="held-entries">
                                    {part.entries.into_iter().map(|lines| view! { <li><Lines lines/></li> }).collect_view()}
                                </ul>
                            })}
                        </section>
                    }).collect_view()}
                    {(!consent.is_empty()).then(|| view! {
                        <details class="held-consent">
                            <summary>{tr(|u| u.held_consent_text)}</summary>
                            {consent.into_iter().map(|paragraph| view! { <p>{paragraph}</p> }).collect_view()}
                        </details>
                    })}
                }
            }}
        </div>
    }
}

/// Label–value lines as a definition list.
#[component]
fn Lines(lines: Vec<Line>) -> impl IntoView {
    view! {
        <dl class="held-lines">
            {lines.into_iter().map(|line| view! { <dt>{line.label}</dt><dd>{line.value}</dd> }).collect_view()}
        </dl>
    }
}
