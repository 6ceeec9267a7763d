//! One question screen of the scan: where the person is ("Vraag 7 van 42"), the question, the
//! "answer first" message, and "back" and "next". Public, so that the questionnaire author's
//! preview (`crates/author`) shows a definition on exactly these screens rather than a copy.

use std::time::Duration;

use leptos::prelude::*;
use werkscan_kit::flow::{Blocked, Flow};

use super::Question;
use crate::i18n::{fill, t, tx, ui, use_lang};

/// The screen of the question `item_id` of `flow` (which must be a visible item of its
/// definition). `older_version` adds the note that a draft continues on the version it began
/// with. Moving on or back changes `flow`; the caller shows the step it is at.
#[component]
pub fn QuestionPage(flow: RwSignal<Flow>, item_id: String, older_version: bool) -> impl IntoView {
    let lang = use_lang();
    let blocked = RwSignal::new(false);
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
    let back = move |_| {
        blocked.set(false);
        flow.update(|f| f.go_back());
    };
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
                <button type="button" class="button" on:click=move |_| go_next()>
                    {move || if is_last { ui(lang.get()).to_report } else { ui(lang.get()).next }}
                </button>
            </div>
            <p class="saved" aria-hidden="true">{t(|u| u.saved_on_device)}</p>
        </div>
    }
}
