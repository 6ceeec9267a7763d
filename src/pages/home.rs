use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::i18n::{ui, use_lang};

/// The start page: what the scan is and is not, the privacy promise, and the scans on offer.
#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let catalogue = LocalResource::new(api::catalogue);
    view! {
        <div class="page home">
            <h1>{move || ui(lang.get()).home_title}</h1>
            <p class="lead">{move || ui(lang.get()).home_lead}</p>
            <section class="promise" aria-labelledby="privacy-title">
                <h2 id="privacy-title">{move || ui(lang.get()).privacy_title}</h2>
                <p>{move || ui(lang.get()).privacy_text}</p>
            </section>
            <div class="two-col">
                <section>
                    <h2>{move || ui(lang.get()).what_it_is}</h2>
                    <p>{move || ui(lang.get()).what_it_is_text}</p>
                </section>
                <section>
                    <h2>{move || ui(lang.get()).what_it_is_not}</h2>
                    <p>{move || ui(lang.get()).what_it_is_not_text}</p>
                </section>
            </div>
            <section aria-labelledby="choose-title">
                <h2 id="choose-title">{move || ui(lang.get()).choose_scan}</h2>
                <Suspense fallback=move || view! { <p>{ui(lang.get()).loading}</p> }>
                    {move || catalogue.get().map(|result| match result {
                        Ok(entries) => view! {
                            <ul class="catalogue">
                                {entries.into_iter().map(|entry| {
                                    let title = entry.title.clone();
                                    let hidden_title = entry.title.clone();
                                    let description = entry.description.clone();
                                    let href = format!("/scan/{}", entry.id);
                                    let minutes = entry.minutes;
                                    let items = entry.items;
                                    view! {
                                        <li class="card">
                                            <h3>{move || title.get(lang.get()).to_owned()}</h3>
                                            <p>{move || description.get(lang.get()).to_owned()}</p>
                                            <p class="meta">{move || format!("± {minutes} {} · {items} {}", ui(lang.get()).minutes, ui(lang.get()).questions)}</p>
                                            <A href=href attr:class="button">{move || ui(lang.get()).open_scan}<span class="visually-hidden">": "{move || hidden_title.get(lang.get()).to_owned()}</span></A>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! { <p role="alert">{ui(lang.get()).load_failed}</p> }.into_any(),
                    })}
                </Suspense>
            </section>
        </div>
    }
}
