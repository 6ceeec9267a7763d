//! The preview's rules: a scan in progress carried over to the definition an edit made (answers
//! that still fit kept, the question kept where it still exists), and what the core computes for
//! the answers so far: every score the report or the arbeidsdeskundige shows, with its band and
//! advice, and the flags.

use werkscan_core::answers::first_unanswered;
use werkscan_core::model::{Band, Flag};
use werkscan_core::report::{self, Audience};
use werkscan_core::{Definition, Text};
use werkscan_kit::flow::{Flow, Step};

/// A preview of `definition` at its first question.
pub fn started(definition: Definition) -> Flow {
    let mut flow = Flow::new(definition);
    flow.start();
    flow
}

/// The scan `flow` continued on `definition` (the text was edited): every answer the new
/// definition still accepts is kept, and the question stays where it was if it is still shown;
/// otherwise the preview goes to the first question not answered yet.
pub fn carried_over(flow: &Flow, definition: Definition) -> Flow {
    // The core's preview keeps exactly the answers that still fit (an answer that an earlier
    // one now hides included).
    let answers = report::preview(&definition, &flow.answers, Audience::Expert).answers;
    let mut next = Flow { definition, answers, step: Step::Intro };
    let still_shown = |id: &str| next.visible_items().iter().any(|item| item.id == id);
    next.step = match &flow.step {
        Step::Intro => Step::Intro,
        Step::Question(id) if still_shown(id) => Step::Question(id.clone()),
        Step::Question(_) | Step::Report => match first_unanswered(&next.definition, &next.answers) {
            Some(item) => Step::Question(item.id.clone()),
            None if flow.step == Step::Report => Step::Report,
            None => next.visible_items().first().map_or(Step::Intro, |item| Step::Question(item.id.clone())),
        },
    };
    next
}

/// One score as the preview shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreLine {
    /// The score's id.
    pub id: String,
    /// Its name.
    pub label: Text,
    /// The value, or `None` for too few answers.
    pub value: Option<f64>,
    /// Whether the value is on 0–100.
    pub out_of_100: bool,
    /// Its band, with this score's own advice for it where the definition has one.
    pub band: Option<Band>,
    /// Shown only to the arbeidsdeskundige, not in the person's report.
    pub expert_only: bool,
}

/// What the core computes for the answers so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Every score the arbeidsdeskundige sees (which includes all the person sees), in the
    /// report's order: headline, strengths, watch, attention, too few answers, other.
    pub scores: Vec<ScoreLine>,
    /// The flags the answers raise.
    pub flags: Vec<Flag>,
    /// Whether the report advises a conversation strongly.
    pub strong_advice: bool,
    /// How many answers were left out because they no longer fit the definition.
    pub dropped: usize,
}

/// Scores, bands, advice and flags for the answers of `flow`, by the core's scoring and report
/// (`report::preview`, as the arbeidsdeskundige reads it: with the scores meant for them).
pub fn outcome(flow: &Flow) -> Outcome {
    let preview = report::preview(&flow.definition, &flow.answers, Audience::Expert);
    let built = preview.report;
    let scores = [built.headline, built.strengths, built.watch, built.attention, built.unknown, built.other]
        .into_iter()
        .flatten()
        .map(|line| ScoreLine {
            expert_only: flow.definition.score(&line.id).is_some_and(|score| score.expert_only),
            id: line.id,
            label: line.label,
            value: line.value,
            out_of_100: line.out_of_100,
            band: line.band,
        })
        .collect();
    Outcome { scores, flags: built.flags, strong_advice: built.strong_advice, dropped: preview.dropped.len() }
}
