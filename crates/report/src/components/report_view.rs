//! The Werkscanrapport: strengths first, every band shown by colour, icon and words.

use leptos::prelude::*;
use werkscan_core::model::Signal;
use werkscan_core::{Definition, Lang, ScanResult};

use werkscan_kit::campaign::context_for;
use werkscan_kit::frame::focus_on_mount;
use werkscan_kit::store::BrowserStore;

use crate::i18n::{report_ui, tr, tx, use_lang};
use crate::records::HistoryEntry;
use werkscan_core::report::{build, change_since, format_number, Audience, Line};

fn signal_class(signal: Option<Signal>) -> &'static str {
    match signal {
        Some(Signal::Good) => "signal-good",
        Some(Signal::Watch) => "signal-watch",
        Some(Signal::Attention) => "signal-attention",
        None => "signal-none",
    }
}

fn signal_icon(signal: Option<Signal>) -> &'static str {
    match signal {
        Some(Signal::Good) => "✓",
        Some(Signal::Watch) => "!",
        Some(Signal::Attention) => "◆",
        None => "–",
    }
}

fn value_text(line: &Line, lang: Lang) -> String {
    match line.value {
        None => report_ui(lang).too_few_answers.to_owned(),
        Some(value) if line.out_of_100 => format!(
            "{} {}",
            format_number(value, lang),
            report_ui(lang).out_of_100
        ),
        Some(value) => {
            let (low, high) = line.range;
            let range = format!("{}–{}", format_number(low, lang), format_number(high, lang));
            match lang {
                Lang::Nl => format!("{} (schaal {range})", format_number(value, lang)),
                Lang::En => format!("{} (scale {range})", format_number(value, lang)),
            }
        }
    }
}

#[component]
fn ScoreCard(line: Line) -> impl IntoView {
    let lang = use_lang();
    let signal = line.band.as_ref().map(|band| band.signal);
    let band = line.band.clone();
    let band_for_advice = line.band.clone();
    let label = line.label.clone();
    let note = line.note.clone();
    let line_for_value = line.clone();
    let meter = line.value.filter(|_| line.out_of_100).map(|value| {
        view! { <progress class="meter" max="100" value=value aria-hidden="true"></progress> }
    });
    view! {
        <article class=format!("score-card {}", signal_class(signal)) data-score=line.id.clone()>
            <h3>{tx(&label)}</h3>
            <p class="band">
                <span class="band-icon" aria-hidden="true">{signal_icon(signal)}</span>
                <strong class="band-label">{move || band.as_ref().map(|band| band.label.get(lang.get()).to_owned()).unwrap_or_default()}</strong>
                " "
                <span class="score-value">{move || value_text(&line_for_value, lang.get())}</span>
            </p>
            {meter}
            {move || band_for_advice.as_ref().map(|band| {
                let lang = lang.get();
                view! {
                    <p>{band.explanation.get(lang).to_owned()}</p>
                    {band.goal.as_ref().map(|goal| view! { <p><strong>{report_ui(lang).goal}": "</strong>{goal.get(lang).to_owned()}</p> })}
                    <p class="advice"><strong>{report_ui(lang).what_could_help}": "</strong>{band.advice.get(lang).to_owned()}</p>
                }
            })}
            {note.map(|note| view! { <p class="note">{tx(&note)}</p> })}
        </article>
    }
}

fn group(
    title: fn(Lang) -> &'static str,
    lines: Vec<Line>,
    class: &'static str,
) -> Option<impl IntoView> {
    let lang = use_lang();
    (!lines.is_empty()).then(|| {
        view! {
            <section class=format!("report-group {class}")>
                <h2>{move || title(lang.get())}</h2>
                {lines.into_iter().map(|line| view! { <ScoreCard line/> }).collect_view()}
            </section>
        }
    })
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
    let previous = earlier.last().cloned();
    let changes = previous
        .as_ref()
        .map(|entry| change_since(&entry.result, &result))
        .unwrap_or_default();
    let history_rows = earlier
        .iter()
        .rev()
        .map(|entry| {
            let date = entry
                .finished_at
                .get(..10)
                .unwrap_or(&entry.finished_at)
                .to_owned();
            view! { <li><time datetime=entry.finished_at.clone()>{date}</time></li> }
        })
        .collect_view();
    let has_history = !earlier.is_empty();
    let change_rows = changes
        .into_iter()
        .filter_map(|(id, delta)| {
            let score = definition.score(&id).filter(|score| !score.hidden)?.clone();
            Some(view! {
                <li data-change=id.clone()>
                    {move || score.label.get(lang.get()).to_owned()}": "
                    <strong>{move || {
                        let sign = if delta > 0.0 { "+" } else if delta < 0.0 { "−" } else { "±" };
                        format!("{sign}{}", format_number(delta.abs(), lang.get()))
                    }}</strong>
                </li>
            })
        })
        .collect_view();

    view! {
        <div class="report">
            <h1 node_ref=heading tabindex="-1">{tr(|u| u.report_title)}</h1>
            <p class="lead">{tr(|u| u.report_lead)}</p>
            {(!report.headline.is_empty()).then(|| view! {
                <section class="report-group headline">
                    <h2>{tr(|u| u.headline_title)}</h2>
                    {report.headline.clone().into_iter().map(|line| view! { <ScoreCard line/> }).collect_view()}
                </section>
            })}
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
                {if has_history {
                    view! {
                        <h3>{tr(|u| u.change_since)}</h3>
                        <ul class="changes">{change_rows}</ul>
                        <ul class="history-dates">{history_rows}</ul>
                    }.into_any()
                } else {
                    view! { <p>{tr(|u| u.history_empty)}</p> }.into_any()
                }}
            </section>
            <div class="actions no-print">
                <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>{tr(|u| u.print)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| on_restart.run(())>{tr(|u| u.new_scan)}</button>
            </div>
        </div>
    }
}
