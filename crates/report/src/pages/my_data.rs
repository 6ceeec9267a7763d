use leptos::prelude::*;

use werkscan_kit::store::{wipe_all, BrowserStore};

use werkscan_kit::routing::Route;

use crate::booking::bookings;
use crate::components::kind_label;
use crate::i18n::{report_ui, tr, use_lang};
use crate::records::history;

/// What this device holds, and the button that erases all of it.
#[component]
pub fn MyData() -> impl IntoView {
    let lang = use_lang();
    let confirming = RwSignal::new(false);
    let done = RwSignal::new(false);
    // What the page says is kept must follow the wipe.
    let count = RwSignal::new(history(&BrowserStore).len());
    // Bookings kept here: each links to its page, where it can be moved or cancelled.
    let kept = RwSignal::new(bookings(&BrowserStore));
    view! {
        <div class="page">
            <h1>{tr(|u| u.my_data_title)}</h1>
            <p>{tr(|u| u.my_data_text)}</p>
            <p>
                {tr(|u| u.history_title)}": "
                <strong>{count}</strong>
            </p>
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
                                let cancelled = booking.status == "cancelled";
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
            <div role="status" aria-live="polite">
                {move || done.get().then(|| view! { <p class="notice">{report_ui(lang.get()).wipe_done}</p> })}
            </div>
            {move || if confirming.get() {
                view! {
                    <div class="confirm" role="group" aria-labelledby="wipe-question">
                        <p id="wipe-question"><strong>{report_ui(lang.get()).wipe_confirm}</strong></p>
                        <button type="button" class="button button-danger" on:click=move |_| {
                            // The language choice goes too: nothing of this person is left.
                            wipe_all(&BrowserStore);
                            count.set(0);
                            kept.set(Vec::new());
                            confirming.set(false);
                            done.set(true);
                        }>{report_ui(lang.get()).wipe}</button>
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{report_ui(lang.get()).cancel}</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-danger" on:click=move |_| { done.set(false); confirming.set(true); }>{report_ui(lang.get()).wipe}</button>
                }.into_any()
            }}
        </div>
    }
}
