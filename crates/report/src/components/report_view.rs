//! The Werkscanrapport: a short summary first (what goes well, what needs attention, what to do
//! next), then the headline and the themes, strengths first. Each theme shows its name and band
//! at a glance and opens on demand (a button with `aria-expanded`, the accordion pattern, so
//! headings stay headings for screen readers); printing opens them all. Every band is shown by
//! colour, icon and words, and values without false precision. Earlier scans are compared only
//! when measured on the same scales.

use leptos::prelude::*;
use werkscan_core::compare::{changes, left_out_of_history, Change, Movement};
use werkscan_core::consent::names_in_words;
use werkscan_core::model::Signal;
use werkscan_core::report::{build, format_number, shown_value, Audience, Line, Report};
use werkscan_core::{Definition, Lang, ScanResult};

use werkscan_kit::campaign::context_for;
use werkscan_kit::frame::focus_on_mount;
use werkscan_kit::signal::{signal_class, signal_icon};
use werkscan_kit::store::BrowserStore;

use crate::components::day_words;
use crate::i18n::{fill, report_ui, tr, tx, use_lang};
use crate::records::{comparable, HistoryEntry};

/// "58 van 100", "7 (schaal 0–10)": rounded as people read a questionnaire's outcome.
fn value_text(line: &Line, lang: Lang) -> String {
    let ui = report_ui(lang);
    match line.value {
        None => ui.too_few_answers.to_owned(),
        Some(value) if line.out_of_100 => {
            format!("{} {}", format_number(shown_value(value, true), lang), ui.out_of_100)
        }
        Some(value) => {
            let (low, high) = line.range;
            format!(
                "{} ({} {}–{})",
                format_number(shown_value(value, false), lang),
                ui.scale,
                format_number(low, lang),
                format_number(high, lang)
            )
        }
    }
}

/// What a band says and what could help, and the score's own note.
#[component]
fn Explanation(line: Line) -> impl IntoView {
    let lang = use_lang();
    let signal = line.band.as_ref().map(|band| band.signal);
    let meter = line.value.filter(|_| line.out_of_100).map(|value| {
        view! { <progress class="meter" max="100" value=shown_value(value, true) aria-hidden="true"></progress> }
    });
    let band = line.band.clone();
    let note = line.note.clone();
    view! {
        <p class="score-line"><span class="score-value">{move || value_text(&line, lang.get())}</span></p>
        {meter}
        {move || band.as_ref().map(|band| {
            let lang = lang.get();
            let ui = report_ui(lang);
            let advice = band.advice.get(lang).to_owned();
            view! {
                <p>{band.explanation.get(lang).to_owned()}</p>
                {band.goal.as_ref().map(|goal| view! { <p><strong>{ui.goal}": "</strong>{goal.get(lang).to_owned()}</p> })}
                // "Wat kan helpen: Mooi." reads oddly where things go well: the label only where
                // there is something to help with.
                {(!advice.is_empty()).then(|| if signal == Some(Signal::Good) {
                    view! { <p class="advice">{advice}</p> }.into_any()
                } else {
                    view! { <p class="advice"><strong>{ui.what_could_help}": "</strong>{advice}</p> }.into_any()
                })}
            }
        })}
        {note.map(|note| view! { <p class="note">{tx(&note)}</p> })}
    }
}

/// The band's icon and name.
fn band_badge(line: &Line) -> impl IntoView {
    let lang = use_lang();
    let signal = line.band.as_ref().map(|band| band.signal);
    let band = line.band.clone();
    view! {
        <span class="band">
            <span class="band-icon" aria-hidden="true">{signal_icon(signal)}</span>
            <span class="band-label">{move || band.as_ref().map(|band| band.label.get(lang.get()).to_owned()).unwrap_or_default()}</span>
        </span>
    }
}

/// One score. A theme opens on demand; the headline and other scores show at once.
#[component]
fn ScoreCard(line: Line, #[prop(optional)] foldable: bool) -> impl IntoView {
    let signal = line.band.as_ref().map(|band| band.signal);
    let class = format!("score-card {}", signal_class(signal));
    let exact = line.value.map(|value| value.to_string()).unwrap_or_default();
    let label = line.label.clone();
    let id = line.id.clone();
    if !foldable {
        return view! {
            <article class=class data-score=id data-value=exact>
                <h3>{tx(&label)}</h3>
                <p>{band_badge(&line)}</p>
                <Explanation line/>
            </article>
        }
        .into_any();
    }
    let open = RwSignal::new(false);
    let body_id = format!("theme-{}", line.id);
    view! {
        <article class=class data-score=id data-value=exact>
            <h3 class="theme-heading">
                <button
                    type="button"
                    class="theme-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=body_id.clone()
                    on:click=move |_| open.update(|open| *open = !*open)
                >
                    <span class="theme-name">{tx(&label)}</span>
                    {band_badge(&line)}
                </button>
            </h3>
            <div id=body_id class="theme-body" hidden=move || !open.get()>
                <Explanation line/>
            </div>
        </article>
    }
    .into_any()
}

fn group(title: fn(Lang) -> &'static str, lines: Vec<Line>, class: &'static str) -> Option<impl IntoView> {
    let lang = use_lang();
    (!lines.is_empty()).then(|| {
        view! {
            <section class=format!("report-group {class}")>
                <h2>{move || title(lang.get())}</h2>
                {lines.into_iter().map(|line| view! { <ScoreCard line foldable=true/> }).collect_view()}
            </section>
        }
    })
}

/// Theme names as a list in words: "Zelfredzaamheid, Arbeidssituatie en Werk-privé".
fn names(lines: &[&Line], lang: Lang) -> String {
    let names: Vec<String> = lines.iter().map(|line| line.label.get(lang).to_owned()).collect();
    names_in_words(&names, lang)
}

/// "In het kort": what goes well, what needs attention, what to do next.
#[component]
fn Summary(report: Report) -> impl IntoView {
    let lang = use_lang();
    let strong = report.strong_advice;
    let good = move || {
        let lines: Vec<&Line> = report.strengths.iter().collect();
        if lines.is_empty() {
            report_ui(lang.get()).summary_good_none.to_owned()
        } else {
            names(&lines, lang.get())
        }
    };
    let concerns: Vec<Line> = report.attention.iter().chain(&report.watch).cloned().collect();
    let attention = move || {
        let lines: Vec<&Line> = concerns.iter().collect();
        if lines.is_empty() {
            report_ui(lang.get()).summary_attention_none.to_owned()
        } else {
            names(&lines, lang.get())
        }
    };
    view! {
        <section class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{tr(|u| u.summary_title)}</h2>
            <dl>
                <dt>{tr(|u| u.summary_good)}</dt>
                <dd data-summary="good">{good}</dd>
                <dt>{tr(|u| u.summary_attention)}</dt>
                <dd data-summary="attention">{attention}</dd>
                <dt>{tr(|u| u.summary_next)}</dt>
                <dd data-summary="next">
                    {move || if strong { report_ui(lang.get()).summary_next_strong } else { report_ui(lang.get()).summary_next_normal }}
                    " "<a href="#talk-title" class="no-print">{tr(|u| u.summary_to_talk)}</a>
                </dd>
            </dl>
        </section>
    }
}

/// The band's name of a score, by its key.
fn band_name(definition: &Definition, score: &str, key: Option<&str>, lang: Lang) -> String {
    let levels = definition
        .score(score)
        .and_then(|rule| rule.bands.as_ref())
        .and_then(|name| definition.bands.get(name))
        .map(|set| &set.levels);
    key.and_then(|key| levels.and_then(|levels| levels.iter().find(|band| band.key == key)))
        .map(|band| band.label.get(lang).to_owned())
        .unwrap_or_default()
}

/// One change, in words: the band move first, the raw difference after it.
fn change_text(definition: &Definition, change: &Change, lang: Lang) -> (String, String) {
    let ui = report_ui(lang);
    let before = band_name(definition, &change.id, change.before.as_deref(), lang);
    let after = band_name(definition, &change.id, change.after.as_deref(), lang);
    let moved = |template: &str| fill(template, &[("before", &before), ("after", &after), ("band", &after)]);
    let words = match change.movement {
        Movement::Better => moved(ui.change_better),
        Movement::Worse => moved(ui.change_worse),
        Movement::Same => moved(ui.change_same),
        Movement::Unknown => ui.change_unknown.to_owned(),
    };
    let out_of_100 = definition.score(&change.id).is_some_and(|score| score.rescale);
    let raw = change.difference.map(|difference| {
        let sign = if difference > 0.0 {
            "+"
        } else if difference < 0.0 {
            "−"
        } else {
            "±"
        };
        let unit = if out_of_100 { format!(" {}", ui.points) } else { String::new() };
        let small = if change.small { format!(", {}", ui.change_small) } else { String::new() };
        format!("({sign}{}{unit}{small})", format_number(difference.abs(), lang))
    });
    (words, raw.unwrap_or_default())
}

/// Earlier scans on this device, and the change since the latest one on the same scales.
#[component]
fn History(definition: Definition, result: ScanResult, earlier: Vec<HistoryEntry>) -> impl IntoView {
    let lang = use_lang();
    if earlier.is_empty() {
        return view! { <p>{tr(|u| u.history_empty)}</p> }.into_any();
    }
    let dates = earlier
        .iter()
        .rev()
        .map(|entry| {
            let when = entry.finished_at.clone();
            view! { <li><time datetime=entry.finished_at.clone()>{move || day_words(&when, lang.get())}</time></li> }
        })
        .collect_view();
    let compared = comparable(&earlier, &definition).cloned().map(|entry| {
        let rows = changes(&definition, &entry.result, &result)
            .into_iter()
            .map(|change| {
                let definition = definition.clone();
                let label = definition.score(&change.id).map(|score| score.label.clone()).unwrap_or_default();
                let movement = format!("{:?}", change.movement).to_lowercase();
                let id = change.id.clone();
                let text = move || change_text(&definition, &change, lang.get());
                let text_again = text.clone();
                view! {
                    <li data-change=id data-movement=movement>
                        <strong>{tx(&label)}</strong>": "{move || text().0}" "<span class="raw">{move || text_again().1}</span>
                    </li>
                }
            })
            .collect_view();
        let when = entry.finished_at.clone();
        // Themes whose questions changed between the two versions are named, not silently dropped.
        let left_out: Vec<werkscan_core::Text> =
            left_out_of_history(&definition, &entry.result.version).into_iter().map(|score| score.label.clone()).collect();
        let left_out = (!left_out.is_empty()).then(|| {
            let names = move || left_out.iter().map(|label| label.get(lang.get())).collect::<Vec<_>>().join(", ");
            view! { <p class="notice" data-left-out="">{move || fill(report_ui(lang.get()).history_left_out, &[("scores", &names())])}</p> }
        });
        view! {
            <p>{move || fill(report_ui(lang.get()).compared_with, &[("date", &day_words(&when, lang.get()))])}</p>
            <ul class="changes">{rows}</ul>
            {left_out}
            <p class="hint">{tr(|u| u.changes_small_note)}</p>
        }
    });
    let incompatible = compared.is_none();
    view! {
        {compared}
        {incompatible.then(|| view! { <p class="notice">{tr(|u| u.history_incompatible)}</p> })}
        <p>{tr(|u| u.history_dates)}</p>
        <ul class="history-dates">{dates}</ul>
    }
    .into_any()
}

/// The report for a finished scan, with earlier scans of the same questionnaire on this device.
#[component]
pub fn ReportView(
    definition: Definition,
    result: ScanResult,
    answers: werkscan_core::Answers,
    earlier: Vec<HistoryEntry>,
    on_restart: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let report = build(&definition, &result, Audience::Employee);
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    let strong = report.strong_advice;
    let share = context_for(&BrowserStore, &definition.questionnaire.id).map(|context| {
        view! { <super::SharePanel definition=definition.clone() result=result.clone() answers context/> }
    });
    let flags = report.flags.clone();
    let has_themes = !(report.strengths.is_empty()
        && report.watch.is_empty()
        && report.attention.is_empty()
        && report.unknown.is_empty());

    view! {
        <div class="report">
            <h1 node_ref=heading tabindex="-1">{tr(|u| u.report_title)}</h1>
            <p class="lead">{tr(|u| u.report_lead)}</p>
            <Summary report=report.clone()/>
            {(!report.headline.is_empty()).then(|| view! {
                <section class="report-group headline">
                    <h2>{tr(|u| u.headline_title)}</h2>
                    {report.headline.clone().into_iter().map(|line| view! { <ScoreCard line/> }).collect_view()}
                </section>
            })}
            {has_themes.then(|| view! { <p class="hint no-print">{tr(|u| u.themes_hint)}</p> })}
            {group(|lang| report_ui(lang).strengths_title, report.strengths.clone(), "strengths")}
            {group(|lang| report_ui(lang).watch_title, report.watch.clone(), "watch")}
            {group(|lang| report_ui(lang).attention_title, report.attention.clone(), "attention")}
            {group(|lang| report_ui(lang).too_few_answers, report.unknown.clone(), "unknown")}
            {(!report.other.is_empty()).then(|| view! {
                <section class="report-group other">
                    {report.other.clone().into_iter().map(|line| view! { <ScoreCard line/> }).collect_view()}
                </section>
            })}
            {(!flags.is_empty()).then(|| view! {
                <section class="report-group flags">
                    <h2>{tr(|u| u.flags_title)}</h2>
                    <ul>
                        {flags.into_iter().map(|flag| view! { <li data-flag=flag.id.clone()>{move || flag.text.get(lang.get()).to_owned()}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            <p class="direction">{tr(|u| u.direction_not_diagnosis)}</p>
            <super::Talk strong questionnaire=definition.questionnaire.id.clone()/>
            {share}
            <section class="history" aria-labelledby="history-title">
                <h2 id="history-title">{tr(|u| u.history_title)}</h2>
                <History definition=definition.clone() result=result.clone() earlier/>
            </section>
            <div class="actions no-print">
                <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>{tr(|u| u.print)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| on_restart.run(())>{tr(|u| u.new_scan)}</button>
            </div>
        </div>
    }
}
