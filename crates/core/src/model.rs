//! The questionnaire definition: what authors write (as TOML) and what the app receives (as
//! resolved JSON). One set of types serves both so that the browser and the server read exactly
//! what the validator checked.
//!
//! Fields that only make sense for some item types are flat optional fields rather than an enum,
//! so that authors get "field `rows` is only used by matrix items" instead of serde's opaque
//! "data did not match any variant", and so that unknown (misspelled) fields are rejected.

use std::collections::BTreeMap;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A questionnaire definition, or a part that other definitions include.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Definition {
    /// Identity, titles, provenance.
    pub questionnaire: Meta,
    /// Reusable answer scales (for Likert items), by name.
    #[cfg_attr(feature = "serde", serde(default))]
    pub scales: BTreeMap<String, Scale>,
    /// Band sets (traffic lights, categories), by name.
    #[cfg_attr(feature = "serde", serde(default))]
    pub bands: BTreeMap<String, BandSet>,
    /// Themes, each with its items, in the order they are asked.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sections: Vec<Section>,
    /// Scores computed from the answers, in the order they are reported.
    #[cfg_attr(feature = "serde", serde(default))]
    pub scores: Vec<Score>,
    /// Signals raised by particular answers or scores (for example "prognosis: unlikely").
    #[cfg_attr(feature = "serde", serde(default))]
    pub flags: Vec<Flag>,
    /// SHA-256 (hex) of the resolved definition with this field empty. Set by the loader;
    /// authors never write it. Results and uploads carry it so that a score is always tied to
    /// the exact wording and rules that produced it.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub content_hash: Option<String>,
}

/// Whether a file is a questionnaire a person can take, or a part for composing one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DefinitionKind {
    /// A questionnaire that can be opened and scored.
    #[default]
    Questionnaire,
    /// A building block, only used through `include`.
    Part,
}

/// Identity and descriptive text of a definition.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Meta {
    /// Stable id, used in URLs, exports and uploads. Never reused for another instrument.
    pub id: String,
    /// Version of the definition (semantic versioning). Raise it whenever items or scoring change.
    pub version: String,
    /// Questionnaire or part.
    #[cfg_attr(feature = "serde", serde(default))]
    pub kind: DefinitionKind,
    /// Title shown to the person.
    #[cfg_attr(feature = "serde", serde(default))]
    pub title: Text,
    /// One or two sentences on what the questionnaire shows.
    #[cfg_attr(feature = "serde", serde(default))]
    pub description: Text,
    /// Estimated minutes to complete.
    #[cfg_attr(feature = "serde", serde(default))]
    pub minutes: u32,
    /// Where the themes and items come from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub provenance: Text,
    /// Licence and use conditions.
    #[cfg_attr(feature = "serde", serde(default))]
    pub licence: Text,
}

/// A named answer scale: the options of a Likert item.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Scale {
    /// The options, from one end of the scale to the other.
    pub options: Vec<AnswerOption>,
}

/// One option of a Likert, single-choice or multiple-choice item, or one matrix column.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AnswerOption {
    /// Stable key stored in answers; rewording the label never changes it.
    pub key: String,
    /// The points this option is worth, where the item is scored.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub value: Option<f64>,
    /// The label shown.
    #[cfg_attr(feature = "serde", serde(default))]
    pub label: Text,
    /// Multiple choice only: this option cannot be ticked together with another one (for
    /// example "no hindrance" beside kinds of hindrance). The answers check refuses such a
    /// combination, and the phone unticks the others when it is chosen, and it when another is.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub exclusive: bool,
}

/// A theme: a group of items with an introduction.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Section {
    /// Stable id of the theme.
    #[cfg_attr(feature = "serde", serde(default))]
    pub id: String,
    /// Instead of a theme: the id of a part whose sections stand here. Its scales, bands, scores
    /// and flags come before this definition's own, so its scores can be used in totals. Never
    /// present in a resolved definition.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub include: Option<String>,
    /// The theme's name.
    #[cfg_attr(feature = "serde", serde(default))]
    pub title: Text,
    /// A short introduction shown before the first item.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub intro: Option<Text>,
    /// The questions, in order.
    #[cfg_attr(feature = "serde", serde(default))]
    pub items: Vec<Item>,
}

/// The kinds of question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ItemType {
    /// A labelled agreement or frequency scale (options from `scale` or `options`); one answer.
    Likert,
    /// A whole number from `min` to `max` with labels at both ends (for example 0–10).
    Number,
    /// One option from `options`.
    Single,
    /// Any number of options from `options`.
    Multiple,
    /// For each of `rows`, one of `columns`.
    Matrix,
    /// Free text. Never scored, and never uploaded without explicit consent.
    Text,
}

impl ItemType {
    /// The name authors write in `type = "…"`.
    pub fn name(self) -> &'static str {
        match self {
            ItemType::Likert => "likert",
            ItemType::Number => "number",
            ItemType::Single => "single",
            ItemType::Multiple => "multiple",
            ItemType::Matrix => "matrix",
            ItemType::Text => "text",
        }
    }

    /// Whether answers of this type can feed a score.
    pub fn is_scorable(self) -> bool {
        !matches!(self, ItemType::Text)
    }
}

/// One question.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Item {
    /// Stable id, used as the key in answers. Keep it when rewording.
    pub id: String,
    /// What kind of question this is.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: ItemType,
    /// The question.
    #[cfg_attr(feature = "serde", serde(default))]
    pub text: Text,
    /// Optional explanation shown under the question.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub help: Option<Text>,
    /// If true the person may skip it or answer "zeg ik liever niet".
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub optional: bool,
    /// Name of a scale in `scales` (Likert items).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub scale: Option<String>,
    /// Options (Likert without a named scale, single, multiple).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub options: Vec<AnswerOption>,
    /// Lowest answer (number items).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub min: Option<i64>,
    /// Highest answer (number items).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub max: Option<i64>,
    /// Label at the low end (number items).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub min_label: Option<Text>,
    /// Label at the high end (number items).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub max_label: Option<Text>,
    /// Rows (matrix items).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub rows: Vec<MatrixRow>,
    /// Columns (matrix items); the same for every row.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub columns: Vec<AnswerOption>,
    /// Score the item the other way round: the lowest option counts as the highest.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub reverse: bool,
    /// Weight of the item in sums and means (default 1).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub weight: Option<f64>,
    /// Show the item only when this holds.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub show_if: Option<Condition>,
}

#[cfg(feature = "serde")]
fn is_false(value: &bool) -> bool {
    !*value
}

impl Item {
    /// The item's weight in sums and means.
    pub fn weight(&self) -> f64 {
        self.weight.unwrap_or(1.0)
    }
}

/// One row of a matrix item.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MatrixRow {
    /// Stable key stored in answers.
    pub key: String,
    /// The label shown.
    #[cfg_attr(feature = "serde", serde(default))]
    pub label: Text,
}

/// A declared condition on an earlier answer or on a score.
///
/// Exactly one of `item` and `score` is given, and at least one of the tests. All given tests
/// must hold.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Condition {
    /// The item whose answer is tested (it must come earlier).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub item: Option<String>,
    /// The score that is tested (flags only).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub score: Option<String>,
    /// Holds when the chosen option (or one of the chosen options) is one of these keys.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub any_of: Vec<String>,
    /// Holds when the number (answer or score) is at least this.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub at_least: Option<f64>,
    /// Holds when the number (answer or score) is at most this.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub at_most: Option<f64>,
}

/// How a score combines its inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Method {
    /// The value of one item (its option's value, or the number given).
    Value,
    /// Weighted sum of item values, reverse coding applied.
    Sum,
    /// Weighted mean of item values, reverse coding applied.
    Mean,
    /// The lowest value among the ticked options of a multiple-choice item.
    Lowest,
    /// The number of matrix rows answered with `column`.
    Count,
    /// Sum of item values, each multiplied by a weight chosen by the answer to `weight_by`.
    Weighted,
    /// Sum of other scores.
    Total,
}

/// A score: a number computed from answers, optionally mapped through a lookup table, rescaled
/// and placed in a band.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Score {
    /// Stable id, used in results and uploads.
    pub id: String,
    /// Name shown in the report.
    #[cfg_attr(feature = "serde", serde(default))]
    pub label: Text,
    /// The theme (section id) this score reports on, if any.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub theme: Option<String>,
    /// How the inputs are combined.
    pub method: Method,
    /// Items used (all methods except `total`).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub items: Vec<String>,
    /// All scorable items of this section (instead of listing `items`).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub section: Option<String>,
    /// Scores summed (method `total`).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub scores: Vec<String>,
    /// The matrix column that counts (method `count`), e.g. only a physician's diagnosis.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub column: Option<String>,
    /// The item whose answer chooses the weights (method `weighted`).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub weight_by: Option<String>,
    /// For each option key of `weight_by`: one weight per item in `items`.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "BTreeMap::is_empty"))]
    pub weights: BTreeMap<String, Vec<f64>>,
    /// Maps the computed number to points: the last row whose `from` is at most the number wins.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub lookup: Vec<LookupRow>,
    /// Rescale the result linearly from its reachable range to 0–100 (rounded to one decimal).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub rescale: bool,
    /// Fraction of the items that must be answered (sum and mean); below it the score is
    /// "te weinig antwoorden". Other methods need every input.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub min_answered: Option<f64>,
    /// Name of the band set that classifies the result.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub bands: Option<String>,
    /// What could help, per band key of `bands`: advice written for this score, so that themes
    /// in the same band do not all repeat the band set's one paragraph. When given, every band
    /// of the set needs its own; without it the report falls back to the band's advice.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "BTreeMap::is_empty"))]
    pub advice: BTreeMap<String, Text>,
    /// What an organisation can do, per band key of `bands`: advice written for the employer who
    /// reads the group figures ("waar beginnen"), never shown to the person. Like `advice`, every
    /// band of the set needs its own when it is given.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "BTreeMap::is_empty"))]
    pub employer_advice: BTreeMap<String, Text>,
    /// Earlier versions of this questionnaire whose score with the same id measures the same
    /// thing on the same scale, so a trend or a person's history may compare the two. A version
    /// not named here is never compared with this one, whatever its numbers look like.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub comparable_with: Vec<String>,
    /// Shown prominently at the top of the report.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub headline: bool,
    /// Explanation shown with the score (for example: "not a full WAI total").
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub note: Option<Text>,
    /// Shown only as an input to other scores, not in the report.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub hidden: bool,
    /// Shown to the arbeidsdeskundige only, not in the person's own report: a number that needs
    /// a professional's explanation (the short WAI's sum, which is no WAI total) would be a bare
    /// figure without meaning to the person.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub expert_only: bool,
}

/// One row of a lookup table: numbers from `from` up to the next row's `from` get `points`.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LookupRow {
    /// Lower bound (inclusive).
    pub from: f64,
    /// Points for numbers in this row.
    pub points: f64,
}

/// How a band is meant: it decides colour, icon and how strongly a conversation is advised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Signal {
    /// Things go well: keep it that way.
    Good,
    /// Worth watching.
    Watch,
    /// Asks for attention; a conversation is advised more strongly.
    Attention,
}

/// An ordered set of bands over a score's range.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct BandSet {
    /// Bands by ascending lower bound; each runs up to the next band's lower bound.
    pub levels: Vec<Band>,
}

/// One band, defined by its lower bound.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Band {
    /// Stable key (for example `matig`).
    pub key: String,
    /// Lower bound (inclusive).
    pub from: f64,
    /// Colour and icon meaning.
    pub signal: Signal,
    /// Short name (for example "Matig").
    #[cfg_attr(feature = "serde", serde(default))]
    pub label: Text,
    /// What the band means, in plain words.
    #[cfg_attr(feature = "serde", serde(default))]
    pub explanation: Text,
    /// What could help.
    #[cfg_attr(feature = "serde", serde(default))]
    pub advice: Text,
    /// Goal of the band (for WAI categories: herstellen, verbeteren, ondersteunen, behouden).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub goal: Option<Text>,
}

/// A signal raised when a condition on an answer or a score holds.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Flag {
    /// Stable id.
    pub id: String,
    /// When the flag is raised.
    pub when: Condition,
    /// What the report says, calmly.
    #[cfg_attr(feature = "serde", serde(default))]
    pub text: Text,
}

/// What a list of questionnaires shows about each one, without its items.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CatalogueEntry {
    /// Definition id.
    pub id: String,
    /// Definition version.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Short description.
    pub description: Text,
    /// Estimated minutes.
    pub minutes: u32,
    /// Number of questions everyone is asked ([`Definition::question_count`]).
    pub items: usize,
    /// Content hash of the resolved definition.
    pub content_hash: String,
}

impl Definition {
    /// The catalogue entry for this (resolved) definition.
    pub fn catalogue_entry(&self) -> CatalogueEntry {
        let meta = &self.questionnaire;
        CatalogueEntry {
            id: meta.id.clone(),
            version: meta.version.clone(),
            title: meta.title.clone(),
            description: meta.description.clone(),
            minutes: meta.minutes,
            items: self.question_count(),
            content_hash: self.content_hash.clone().unwrap_or_default(),
        }
    }

    /// How many questions everyone is asked: every item without a `show_if`. A follow-up that
    /// only some people see (the Werkscan's gv_5) is not counted, so the number a person reads
    /// before starting is the number of questions that follow for most people. The one count the
    /// scan's introduction, the catalogue and the employer's preview of a campaign show.
    pub fn question_count(&self) -> usize {
        self.items().filter(|item| item.show_if.is_none()).count()
    }

    /// All items in the order they are asked.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|section| section.items.iter())
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|item| item.id == id)
    }

    /// The score with this id.
    pub fn score(&self, id: &str) -> Option<&Score> {
        self.scores.iter().find(|score| score.id == id)
    }

    /// The scores group figures are made of, in the order a release shows them: the theme scores
    /// (not hidden, with bands; mean and distribution), then the headline (distribution over its
    /// bands only, so only its band is ever needed). Everything else (sums, hidden inputs, flags)
    /// never reaches group figures, and an upload for group figures alone carries only these.
    pub fn group_figure_scores(&self) -> impl Iterator<Item = &Score> {
        let usable = |score: &&Score| !score.hidden && score.bands.is_some();
        let themes = self.scores.iter().filter(usable).filter(|score| score.theme.is_some() && !score.headline);
        themes.chain(self.scores.iter().filter(usable).filter(|score| score.headline))
    }

    /// The options a person chooses from for this item (its own, or its named scale's).
    pub fn options_of<'a>(&'a self, item: &'a Item) -> &'a [AnswerOption] {
        match (&item.scale, item.kind) {
            (Some(name), ItemType::Likert) => {
                self.scales.get(name).map(|scale| scale.options.as_slice()).unwrap_or(&[])
            }
            (_, ItemType::Matrix) => &item.columns,
            _ => &item.options,
        }
    }

    /// The value of the option with this key, if the item has such an option with a value.
    pub fn option_value(&self, item: &Item, key: &str) -> Option<f64> {
        self.options_of(item).iter().find(|option| option.key == key).and_then(|option| option.value)
    }

    /// The items a score reads: its listed items, or every scorable item of its section.
    pub fn score_items<'a>(&'a self, score: &'a Score) -> Vec<&'a Item> {
        match &score.section {
            Some(section) => self
                .sections
                .iter()
                .filter(|candidate| &candidate.id == section)
                .flat_map(|section| section.items.iter())
                .filter(|item| item.kind.is_scorable())
                .collect(),
            None => score.items.iter().filter_map(|id| self.item(id)).collect(),
        }
    }
}
