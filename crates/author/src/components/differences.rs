//! What differs from the version opened: the questions added, removed and changed (then themes,
//! scores, band sets and flags), and every id whose meaning would change, as problems that stop
//! publishing.

use leptos::prelude::*;
use werkscan_core::authoring::Diagnostic;
use werkscan_core::changes::Changes;
use werkscan_kit::i18n::use_lang;

use super::{tr, ProblemList};
use crate::changes::{kind_words, lines, questionnaire_lines, what_words, Kind, Line, What};

/// The differences, and the id-meaning problems (`on_pick` opens one in the editor).
#[component]
pub fn Differences(
    #[prop(into)] changes: Signal<Option<Changes>>,
    #[prop(into)] id_meaning: Signal<Vec<Diagnostic>>,
    on_pick: Callback<Diagnostic>,
) -> impl IntoView {
    let lang = use_lang();
    let described = Memo::new(move |_| {
        changes.with(|changes| {
            changes.as_ref().map(|changes| (questionnaire_lines(lang.get(), changes), lines(lang.get(), changes)))
        })
    });
    view! {
        {move || (!id_meaning.with(Vec::is_empty)).then(|| view! {
            <div class="id-meaning" role="alert">
                <h3>{tr("Een id dat iets anders gaat betekenen", "An id whose meaning would change")}</h3>
                <p>{tr(
                    "Antwoorden, uploads, exports en groepscijfers rekenen op vaste ids. Geef een vraag die nu iets anders vraagt of telt een nieuw id. Zolang dit er staat, kun je niet publiceren.",
                    "Answers, uploads, exports and group figures rely on stable ids. Give a question that now asks or counts something else a new id. As long as this is here, you cannot publish.",
                )}</p>
                <ProblemList problems=id_meaning on_pick class="blocking"/>
            </div>
        })}
        {move || match described.get() {
            None => view! { <p>{tr("Er is nog niets te vergelijken: de tekst heeft problemen.", "Nothing to compare yet: the text has problems.")}</p> }.into_any(),
            Some((meta, all)) if meta.is_empty() && all.is_empty() => {
                view! { <p class="no-changes">{tr("Geen verschillen met de geopende versie.", "No differences from the version opened.")}</p> }.into_any()
            }
            Some((meta, all)) => view! {
                {(!meta.is_empty()).then(|| view! {
                    <h3>{tr("Vragenlijst", "Questionnaire")}</h3>
                    <ul class="changes-list">{meta.into_iter().map(|words| view! { <li>{words}</li> }).collect_view()}</ul>
                })}
                {[Kind::Item, Kind::Section, Kind::Score, Kind::Bands, Kind::Flag].into_iter().filter_map(|kind| {
                    let of_kind: Vec<Line> = all.iter().filter(|line| line.kind == kind).cloned().collect();
                    (!of_kind.is_empty()).then(|| view! {
                        <h3>{move || kind_words(lang.get(), kind)}</h3>
                        <ul class="changes-list" data-kind=format!("{kind:?}").to_lowercase()>
                            {of_kind.into_iter().map(|line| view! { <ChangeLine line/> }).collect_view()}
                        </ul>
                    })
                }).collect_view()}
            }.into_any(),
        }}
    }
}

#[component]
fn ChangeLine(line: Line) -> impl IntoView {
    let lang = use_lang();
    let what = line.what;
    let class = match what {
        What::Added => "change-added",
        What::Removed => "change-removed",
        What::Changed => "change-changed",
    };
    view! {
        <li class=class data-id=line.id.clone()>
            <code>{line.id.clone()}</code>": "{move || what_words(lang.get(), what)}
            {(!line.details.is_empty()).then(|| format!(" – {}", line.details.join("; ")))}
            {line.meaning.then(|| view! { " " <strong class="meaning">{tr("(andere betekenis)", "(another meaning)")}</strong> })}
        </li>
    }
}
