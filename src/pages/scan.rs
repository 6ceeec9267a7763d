use leptos::prelude::*;

use werkscan_kit::campaign::context_for;
use werkscan_kit::drafts::{self, now};
use werkscan_kit::flow::{Flow, Step};
use werkscan_kit::frame::focus_on_mount;
use werkscan_kit::loading;
use werkscan_kit::routing::{replace_with, Route};
use werkscan_kit::store::BrowserStore;

use crate::api;
use crate::components::QuestionPage;
use crate::i18n::{length_of_scan, t, tx, ui, use_lang};

/// A scan ready to show: the flow (resumed or new) and how it was started.
#[derive(Clone)]
struct Loaded {
    flow: Flow,
    started_at: String,
    finished_at: Option<String>,
    /// The draft continues on an older definition than the server now offers.
    older_version: bool,
}

async fn load(id: String) -> Result<Loaded, werkscan_kit::http::FetchError> {
    // The server's copy is preferred for new scans; a draft keeps its own copy, so an update or
    // being offline never breaks a scan in progress.
    // A scan opened from a campaign uses the campaign's version, so the upload matches it.
    let current = match context_for(&BrowserStore, &id) {
        Some(context) => api::definition_version(&id, &context.campaign.questionnaire.version).await,
        None => api::definition(&id).await,
    };
    let draft = drafts::load_flow(&BrowserStore, &id, current.as_ref().ok());
    match (draft, current) {
        (Some((flow, record)), current) => {
            let older_version =
                current.as_ref().is_ok_and(|fetched| fetched.definition.content_hash != flow.definition.content_hash);
            Ok(Loaded { flow, started_at: record.started_at, finished_at: record.finished_at, older_version })
        }
        (None, Ok(fetched)) => {
            drafts::keep_definition(&BrowserStore, &fetched);
            Ok(Loaded {
                flow: Flow::new(fetched.definition),
                started_at: now(),
                finished_at: None,
                older_version: false,
            })
        }
        (None, Err(error)) => Err(error),
    }
}

/// `/scan/{id}`: introduction and one question per screen; the report follows in the report module.
#[component]
pub fn Scan(id: String) -> impl IntoView {
    let loaded = loading::load(load(id.clone()));
    move || match loaded.get() {
        None => view! { <p class="page" role="status">{t(|u| u.loading)}</p> }.into_any(),
        Some(Ok(state)) => view! { <ScanFlow state/> }.into_any(),
        Some(Err(_)) => {
            let id = id.clone();
            view! {
                <div class="page">
                    <p role="alert">{t(|u| u.load_failed)}</p>
                    <button type="button" class="button" on:click=move |_| loading::reload(loaded, load(id.clone()))>{t(|u| u.try_again)}</button>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn ScanFlow(state: Loaded) -> impl IntoView {
    let lang = use_lang();
    let Loaded { flow, started_at, finished_at, older_version } = state;
    let flow = RwSignal::new(flow);

    // Every change is written to the device at once: closing the tab loses nothing. The report
    // is the report module's screen; it opens only after the draft is saved, and in place of
    // this page, so "back" from the report does not land on a page that sends one forward again.
    Effect::new(move |_| {
        flow.with(|f| {
            drafts::save_flow(&BrowserStore, f, &started_at, finished_at.as_deref());
            if f.step == Step::Report {
                replace_with(&Route::Report(f.definition.questionnaire.id.clone()).path());
            }
        });
    });

    let step = Memo::new(move |_| flow.with(|f| f.step.clone()));

    move || match step.get() {
        Step::Intro => {
            let meta = flow.with_untracked(|f| f.definition.questionnaire.clone());
            let count = flow.with_untracked(|f| f.definition.question_count());
            let resumed = flow.with_untracked(|f| !f.answers.is_empty());
            let title = meta.title.clone();
            let description = meta.description.clone();
            view! {
                <div class="page intro">
                    <IntroHeading title=title/>
                    <p class="lead">{tx(&description)}</p>
                    <p class="meta">{move || length_of_scan(lang.get(), meta.minutes, count)}</p>
                    <p class="promise-inline">{t(|u| u.intro_privacy)}</p>
                    {older_version.then(|| view! { <p class="notice">{t(|u| u.older_version_note)}</p> })}
                    <button type="button" class="button button-large" on:click=move |_| flow.update(Flow::start)>
                        {move || if resumed { ui(lang.get()).resume_scan } else { ui(lang.get()).start }}
                    </button>
                </div>
            }
            .into_any()
        }
        Step::Question(item_id) => view! { <QuestionPage flow item_id older_version/> }.into_any(),
        // The save effect above has sent the person on to the report module.
        Step::Report => view! { <p class="page" role="status">{t(|u| u.loading)}</p> }.into_any(),
    }
}

#[component]
fn IntroHeading(title: werkscan_core::Text) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    view! { <h1 node_ref=heading tabindex="-1">{tx(&title)}</h1> }
}
