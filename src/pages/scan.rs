use std::time::Duration;

use leptos::prelude::*;

use werkscan_kit::campaign::context_for;
use werkscan_kit::drafts::{self, now};
use werkscan_kit::flow::{Blocked, Flow, Step};
use werkscan_kit::frame::focus_on_mount;
use werkscan_kit::loading;
use werkscan_kit::routing::{replace_with, Route};
use werkscan_kit::store::BrowserStore;

use crate::api;
use crate::components::Question;
use crate::i18n::{fill, length_of_scan, t, tx, ui, use_lang};

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
    let blocked = RwSignal::new(false);

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
    // "Next", from the button or after a tapped choice: moves on, or says an answer is needed.
    let go_next = move || {
        let outcome = flow.try_update(|f| f.go_next());
        blocked.set(matches!(outcome, Some(Err(Blocked::NeedsAnswer))));
    };
    let advance = Callback::new(move |item: String| {
        // A short pause lets the person see their choice before the next question appears. Only
        // the question that was tapped moves on: a quick second tap must not skip the next one.
        set_timeout(
            move || {
                if flow.with_untracked(|f| f.current_item().is_some_and(|current| current.id == item)) {
                    go_next();
                }
            },
            Duration::from_millis(250),
        );
    });
    let next = move |_| go_next();
    let back = move |_| {
        blocked.set(false);
        flow.update(|f| f.go_back());
    };

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
        Step::Question(item_id) => {
            let (item, options, section_title, progress) = flow.with_untracked(|f| {
                let item = f.definition.item(&item_id).cloned().expect("the step names a visible item");
                let options = f.definition.options_of(&item).to_vec();
                let section = f.section_of(&item_id).map(|section| section.title.clone()).unwrap_or_default();
                (item, options, section, f.progress().unwrap_or((1, 1)))
            });
            let (n, total) = progress;
            let error_id = format!("{}-error", item.id);
            let is_last = n == total;
            view! {
                <div class="page question-page">
                    <h1 class="progress-text">
                        <span class="theme-name">{tx(&section_title)}</span>
                        " · "
                        <span>{move || fill(ui(lang.get()).question_of, n, total)}</span>
                    </h1>
                    <progress max=total value=n aria-hidden="true"></progress>
                    {older_version.then(|| view! { <p class="notice">{t(|u| u.older_version_note)}</p> })}
                    <Question flow item options advance error_id=error_id.clone()/>
                    <p id=error_id class="error" role="alert">
                        {move || blocked.get().then(|| ui(lang.get()).needs_answer)}
                    </p>
                    <div class="nav-buttons">
                        <button type="button" class="button button-secondary" on:click=back>{t(|u| u.back)}</button>
                        <button type="button" class="button" on:click=next>
                            {move || if is_last { ui(lang.get()).to_report } else { ui(lang.get()).next }}
                        </button>
                    </div>
                    <p class="saved" aria-hidden="true">{t(|u| u.saved_on_device)}</p>
                </div>
            }
            .into_any()
        }
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
