//! The live preview: the definition on the scan's own question screen
//! (`werkscan_scan::QuestionPage`, not a copy) in a frame as wide as a phone (360 px), in Dutch or
//! English, and beside it what the core computes for the answers given: every score with its
//! band and advice, and the flags.
//!
//! The question screen is the scan's page, with its `h1`; the outcome after it is a section of
//! its own (`h2`), so the headings keep their order. The scan's question takes the keyboard
//! focus when it appears, as it should on a phone. When
//! an edit changes the definition the question is drawn again; the frame is `inert` meanwhile, so
//! that the focus stays in the text the author is typing.

use std::time::Duration;

use leptos::context::Provider;
use leptos::prelude::*;
use werkscan_core::report::{format_number, shown_value};
use werkscan_core::{Definition, Lang};
use werkscan_kit::flow::{Flow, Step};
use werkscan_kit::i18n::{use_lang, Language};
use werkscan_scan::QuestionPage;

use super::{pick, tr};
use crate::preview::{carried_over, outcome, started};

/// The preview of `initial`, carried over to each later definition `latest` gives (the last one
/// without problems).
#[component]
pub fn Phone(initial: Definition, #[prop(into)] latest: Signal<Option<Definition>>) -> impl IntoView {
    let lang = use_lang();
    let flow = RwSignal::new(started(initial));
    let frame = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(definition) = latest.get() else { return };
        let changed = flow.with_untracked(|flow| flow.definition.content_hash != definition.content_hash);
        if !changed {
            return;
        }
        if let Some(frame) = frame.get_untracked() {
            let _ = frame.set_attribute("inert", "");
        }
        flow.update(|flow| *flow = carried_over(flow, definition));
        set_timeout(
            move || {
                if let Some(frame) = frame.get_untracked() {
                    let _ = frame.remove_attribute("inert");
                }
            },
            Duration::from_millis(50),
        );
    });
    // Drawn again for another step, and for another definition at the same step.
    let screen = Memo::new(move |_| flow.with(|flow| (flow.step.clone(), flow.definition.content_hash.clone())));
    let preview_lang = RwSignal::new(Lang::Nl);
    let language_button = move |choice: Lang, name: &'static str| {
        view! {
            <button type="button" class="button button-secondary" lang=choice.tag()
                aria-pressed=move || (preview_lang.get() == choice).to_string()
                on:click=move |_| preview_lang.set(choice)>{name}</button>
        }
    };
    let computed = Memo::new(move |_| flow.with(outcome));
    view! {
        <div class="preview-languages" role="group" aria-label=tr("Taal van het voorbeeld", "Language of the preview")>
            {language_button(Lang::Nl, "Nederlands")}
            {language_button(Lang::En, "English")}
        </div>
        <div class="phone" node_ref=frame lang=move || preview_lang.get().tag()>
            <Provider value=Language(preview_lang)>
                {move || {
                    let (step, _) = screen.get();
                    match step {
                        Step::Intro => view! {
                            <div class="page">
                                <p>{move || flow.with(|flow| flow.definition.questionnaire.title.get(preview_lang.get()).to_owned())}</p>
                                <button type="button" class="button" on:click=move |_| flow.update(Flow::start)>
                                    {move || pick(preview_lang.get(), "Begin met de vragen", "Start the questions")}
                                </button>
                            </div>
                        }.into_any(),
                        Step::Question(item_id) => view! { <QuestionPage flow item_id older_version=false/> }.into_any(),
                        Step::Report => view! {
                            <div class="page">
                                <p role="status">{move || pick(preview_lang.get(),
                                    "Alle vragen zijn beantwoord. De telefoon toont nu het rapport; de uitkomst staat onder het voorbeeld.",
                                    "Every question is answered. The phone now shows the report; the outcome is below the preview.")}</p>
                                <button type="button" class="button button-secondary" on:click=move |_| flow.update(Flow::go_back)>
                                    {move || pick(preview_lang.get(), "Vorige", "Back")}
                                </button>
                            </div>
                        }.into_any(),
                    }
                }}
            </Provider>
        </div>
        <button type="button" class="button button-secondary restart" on:click=move |_| flow.update(|flow| *flow = started(flow.definition.clone()))>
            {tr("Opnieuw beginnen", "Start again")}
        </button>
        <section class="outcome" aria-labelledby="outcome-heading">
            <h2 id="outcome-heading">{tr("Uitkomst volgens de core", "Outcome as the core computes it")}</h2>
            <p class="meta">{tr(
                "Wat de telefoon en de server voor deze antwoorden berekenen, met de scores die alleen de arbeidsdeskundige ziet.",
                "What the phone and the server compute for these answers, with the scores only the labour expert sees.",
            )}</p>
            <ul class="outcome-scores">
                {move || computed.get().scores.into_iter().map(|line| {
                    let exact = line.value.map(|value| value.to_string()).unwrap_or_default();
                    let value = line.value;
                    let out_of_100 = line.out_of_100;
                    let band = line.band.clone();
                    let advice = line.band.map(|band| band.advice);
                    view! {
                        <li data-score=line.id.clone() data-value=exact>
                            <strong>{move || line.label.get(lang.get()).to_owned()}</strong>
                            ": "
                            {move || match value {
                                Some(value) => {
                                    let shown = format_number(shown_value(value, out_of_100), lang.get());
                                    if out_of_100 { format!("{shown} {}", pick(lang.get(), "van 100", "out of 100")) } else { shown }
                                }
                                None => pick(lang.get(), "te weinig antwoorden", "too few answers").to_owned(),
                            }}
                            {band.map(|band| view! { " · " <span class="band">{move || band.label.get(lang.get()).to_owned()}</span> })}
                            {line.expert_only.then(|| view! { " " <span class="badge">{tr("alleen arbeidsdeskundige", "labour expert only")}</span> })}
                            {advice.filter(|advice| !advice.nl.is_empty() || !advice.en.is_empty()).map(|advice| view! {
                                <p class="advice">{move || advice.get(lang.get()).to_owned()}</p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || {
                let flags = computed.get().flags;
                (!flags.is_empty()).then(|| view! {
                    <h3>{tr("Signalen", "Flags")}</h3>
                    <ul class="outcome-flags">
                        {flags.into_iter().map(|flag| view! {
                            <li data-flag=flag.id.clone()>{move || flag.text.get(lang.get()).to_owned()}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
