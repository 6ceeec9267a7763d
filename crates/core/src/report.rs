//! What a report shows, decided once for the person's phone and the arbeidsdeskundige's console
//! (who sees a shared result as the person saw it, plus the few scores meant for a
//! professional): the order (strengths first), each theme's advice, how strongly a conversation
//! is advised, and the change since the previous scan.

use crate::answers::{check_answers, AnswerError, Answers};
use crate::model::{Band, Flag, Signal};
use crate::scoring::{band_of, score, score_ranges};
use crate::{Definition, ScanResult, Text};

/// One score as the report shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Score id.
    pub id: String,
    /// Its name.
    pub label: Text,
    /// The value, or `None` for "te weinig antwoorden".
    pub value: Option<f64>,
    /// The band the value falls in. Its `advice` is this score's own advice for the band where
    /// the definition gives one, so that themes in one band do not repeat one paragraph.
    pub band: Option<Band>,
    /// Extra explanation from the definition.
    pub note: Option<Text>,
    /// Whether the value is on a 0–100 scale.
    pub out_of_100: bool,
    /// Lowest and highest reachable value, for scores not on 0–100.
    pub range: (f64, f64),
}

/// The report's content, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The headline scores (the Work Ability Score; the WAI total in the full WAI).
    pub headline: Vec<Line>,
    /// Themes that go well, first: strengths before concerns.
    pub strengths: Vec<Line>,
    /// Themes worth keeping an eye on.
    pub watch: Vec<Line>,
    /// Themes that need attention.
    pub attention: Vec<Line>,
    /// Themes with too few answers.
    pub unknown: Vec<Line>,
    /// Other visible scores (for example the sum of the short WAI).
    pub other: Vec<Line>,
    /// Flags raised by the answers.
    pub flags: Vec<Flag>,
    /// Advise the conversation more strongly: a band or a flag signals risk.
    pub strong_advice: bool,
}

/// Who reads the report, which decides the scores it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The person who filled in the scan, on their phone.
    Employee,
    /// The arbeidsdeskundige looking at what the person shared: also the scores the definition
    /// marks `expert_only`, which need a professional's explanation.
    Expert,
}

/// Builds the report for a result, as `audience` sees it.
pub fn build(definition: &Definition, result: &ScanResult, audience: Audience) -> Report {
    let ranges = score_ranges(definition);
    let mut report = Report {
        headline: Vec::new(),
        strengths: Vec::new(),
        watch: Vec::new(),
        attention: Vec::new(),
        unknown: Vec::new(),
        other: Vec::new(),
        flags: Vec::new(),
        strong_advice: false,
    };
    for outcome in &result.scores {
        let Some(score) = definition.score(&outcome.id) else {
            continue;
        };
        if score.hidden || (score.expert_only && audience == Audience::Employee) {
            continue;
        }
        let band = band_of(definition, outcome).map(|band| match score.advice.get(&band.key) {
            Some(own) => Band { advice: own.clone(), ..band.clone() },
            None => band.clone(),
        });
        let line = Line {
            id: score.id.clone(),
            label: score.label.clone(),
            value: outcome.value,
            band,
            note: score.note.clone(),
            out_of_100: score.rescale,
            range: ranges.get(score.id.as_str()).map_or((0.0, 0.0), |range| range.out),
        };
        if score.headline {
            report.headline.push(line);
        } else if score.theme.is_some() {
            match line.band.as_ref().map(|band| band.signal) {
                Some(Signal::Good) => report.strengths.push(line),
                Some(Signal::Watch) => report.watch.push(line),
                Some(Signal::Attention) => report.attention.push(line),
                None => report.unknown.push(line),
            }
        } else {
            report.other.push(line);
        }
    }
    report.flags = definition.flags.iter().filter(|flag| result.flags.contains(&flag.id)).cloned().collect();
    report.strong_advice = !report.flags.is_empty() || result.strongest_signal(definition) == Some(Signal::Attention);
    report
}

/// What an author's preview shows for a set of answers: the result and report the core computes,
/// and the answers it had to leave out.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// The answers that fit the definition and were scored.
    pub answers: Answers,
    /// Answers left out because they no longer fit (the author changed the item, removed it, or
    /// an earlier answer now hides it), each with why.
    pub dropped: Vec<AnswerError>,
    /// Every score, band and flag, as [`crate::score`] computes them.
    pub result: ScanResult,
    /// The report as `audience` reads it: bands with their advice, strengths first.
    pub report: Report,
}

/// Scores any answers, partial or stale, for a definition being written: the answers that fit
/// are scored with [`crate::score`] and shown with [`build`], exactly as the phone would; the
/// rest are left out and listed, so editing an item never makes the whole preview fail. A
/// definition that scores at all (the validator passed) always gives a preview.
pub fn preview(definition: &Definition, answers: &Answers, audience: Audience) -> Preview {
    let mut kept = answers.clone();
    let mut dropped = Vec::new();
    // Leaving an answer out can hide a later item whose condition read it, so check again
    // until everything left fits; every round removes at least one answer.
    while let Err(errors) = check_answers(definition, &kept) {
        for error in errors {
            kept.remove(&error.item);
            dropped.push(error);
        }
    }
    let result = score(definition, &kept).expect("answers that pass the check always score");
    let report = build(definition, &result, audience);
    Preview { answers: kept, dropped, result, report }
}

/// How each score changed since an earlier result of the same questionnaire: (score id,
/// difference), for scores with a value both times.
pub fn change_since(earlier: &ScanResult, now: &ScanResult) -> Vec<(String, f64)> {
    now.scores
        .iter()
        .filter_map(|current| {
            let before = earlier.score(&current.id)?.value?;
            let after = current.value?;
            Some((current.id.clone(), ((after - before) * 10.0).round() / 10.0))
        })
        .collect()
}

/// A number for people: whole numbers without decimals, others with one, Dutch decimal comma.
pub fn format_number(value: f64, lang: crate::Lang) -> String {
    let text = if (value - value.round()).abs() < 1e-9 { format!("{value:.0}") } else { format!("{value:.1}") };
    match lang {
        crate::Lang::Nl => text.replace('.', ","),
        crate::Lang::En => text,
    }
}

/// A value as people are shown it, without false precision: a score on 0–100 as a whole number
/// ("58", not "58,3", which suggests a precision a questionnaire does not have); other scales
/// (the Work Ability Score, the WAI with its half points) to one decimal at most, as scored.
pub fn shown_value(value: f64, out_of_100: bool) -> f64 {
    let rounded = if out_of_100 { value.round() } else { (value * 10.0).round() / 10.0 };
    // No "-0" after rounding a small negative difference.
    if rounded == 0.0 {
        0.0
    } else {
        rounded
    }
}
