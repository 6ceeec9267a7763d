use leptos::prelude::*;

use werkscan_kit::loading;
use werkscan_kit::routing::Route;

use crate::api;
use crate::i18n::{length_of_scan, t, tx, use_lang};

/// The start page: the privacy promise, the scans on offer, then what the scan is and is not.
/// The scans come before the explanation so that the first one's button to begin is in view
/// without scrolling on a phone (390 × 844, checked in tests/e2e/a11y.test.mjs).
#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let catalogue = loading::load(api::catalogue());
    view! {
        <div class="page home">
            <h1>{t(|u| u.home_title)}</h1>
            <p class="lead">{t(|u| u.home_lead)}</p>
            <section class="promise" aria-labelledby="privacy-title">
                <h2 id="privacy-title">{t(|u| u.privacy_title)}</h2>
                <p>{t(|u| u.privacy_text)}</p>
            </section>
            <section aria-labelledby="choose-title">
                <h2 id="choose-title">{t(|u| u.choose_scan)}</h2>
                {move || match catalogue.get() {
                        None => view! { <p class="waiting">{t(|u| u.loading)}</p> }.into_any(),
                        Some(Ok(entries)) => view! {
                            <ul class="catalogue">
                                {entries.into_iter().map(|entry| {
                                    let title = entry.title.clone();
                                    let hidden_title = entry.title.clone();
                                    let description = entry.description.clone();
                                    let href = Route::Scan(entry.id.clone()).path();
                                    let minutes = entry.minutes;
                                    let items = entry.items;
                                    view! {
                                        <li class="card">
                                            <h3>{tx(&title)}</h3>
                                            <p>{tx(&description)}</p>
                                            <p class="meta">{move || length_of_scan(lang.get(), minutes, items)}</p>
                                            <a href=href class="button">{t(|u| u.open_scan)}<span class="visually-hidden">": "{tx(&hidden_title)}</span></a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Some(Err(_)) => view! { <p role="alert">{t(|u| u.load_failed)}</p> }.into_any(),
                }}
            </section>
            <div class="two-col">
                <section>
                    <h2>{t(|u| u.what_it_is)}</h2>
                    <p>{t(|u| u.what_it_is_text)}</p>
                </section>
                <section>
                    <h2>{t(|u| u.what_it_is_not)}</h2>
                    <p>{t(|u| u.what_it_is_not_text)}</p>
                </section>
            </div>
        </div>
    }
}
