//! What changed between two versions of a questionnaire, for its author, and the rule that an
//! id keeps its meaning from one version to the next.
//!
//! [`compare`] lists every item, section, score, band set and flag added, removed or changed (by
//! id), each change as a kind an editor can put into words: which language of which text was
//! reworded, which answer option got another value, which scores read an item, and so on. Options
//! are compared as the person sees them, through the definition's named scales, so a changed
//! shared scale shows on every item that uses it.
//!
//! # What an id means
//!
//! Answers, uploads, the arbeidsdeskundige's exports and the employer's group figures name items
//! and scores by id, and the phone keeps every earlier result with those ids. So an id that stays
//! must mean what it meant, and [`id_meaning_problems`] says where it does not.
//!
//! **An item's meaning is what a stored answer to it says.** Two versions of an item mean the
//! same when:
//! - its type (`likert`, `number`, …) is the same;
//! - its answer options (for a matrix, its columns) have the same keys with the same values,
//!   none added and none removed: an answer "eens" worth 4 stays "eens" worth 4;
//! - a number item has the same `min` and `max`;
//! - its reverse coding is the same. `reverse` records which way the statement points (a
//!   reverse-coded item is worded negatively), so flipping it means that the same answer now
//!   says the opposite.
//!
//! Wording (the question, its help, option and row labels, in either language), the order of
//! options, which option is exclusive, whether the item is optional, when it is shown, its
//! section, its weight, which scores read it and a matrix's rows may all change under the same
//! id: an answer given before still says the same thing. [`compare`] lists each of these as a
//! change. A matrix row is a question of its own with its own key, so adding or removing one
//! leaves the other rows' answers as they were (2.0.0 of the WAI's disease list merged two rows
//! into a new one and kept `wai_3`); a row key, like an option key, is never reused for
//! something else, which two versions cannot see. A score that reads different items or reads
//! them differently is the score's change, and the score rule below covers it (the shipped
//! history did exactly this: 2.0.0 took `gv_5` out of its theme's mean and kept its id).
//!
//! **A score's meaning across versions is what [`crate::compare::comparable`] says**, the one
//! rule the phone's history and the employer's trend follow: a score id may stay while its
//! computation changes (a theme with a replaced item starts a new series), but a score that
//! claims to be comparable with the earlier version (it names that version in `comparable_with`,
//! or the version did not change) must measure the same: the same items or input scores, each
//! with the same type, answer keys and values, reverse coding, weight, optionality and condition;
//! the same method and rule (column, weights, lookup, rescaling, the share of answers needed);
//! the same reachable range; and the same bands (keys, lower bounds and signals). Its words may
//! change.
//!
//! Ids that were removed, or retired before the earlier version, are outside what two versions
//! can tell; the review rule in `questionnaires/README.md` (retired ids are never reused) covers
//! them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

#[cfg(feature = "authoring")]
use crate::authoring::{Diagnostic, SourceFile};
use crate::model::{AnswerOption, BandSet, Condition, Definition, Item, ItemType, Method, Score, Signal};
use crate::scoring::score_ranges;
use crate::text::{Lang, Text};

const LANGS: [Lang; 2] = [Lang::Nl, Lang::En];

/// Everything that differs between two versions of a definition, by kind of element. Each list
/// holds first what the new version has (added or changed, in its order), then what it lost (in
/// the old version's order).
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Changes {
    /// The questionnaire's identity and descriptive texts.
    pub questionnaire: Vec<MetaChange>,
    /// Themes, by section id.
    pub sections: Vec<Entry<SectionChange>>,
    /// Questions, by item id.
    pub items: Vec<Entry<ItemChange>>,
    /// Scores, by score id.
    pub scores: Vec<Entry<ScoreChange>>,
    /// Band sets, by name.
    pub bands: Vec<Entry<BandsChange>>,
    /// Flags, by flag id.
    pub flags: Vec<Entry<FlagChange>>,
}

/// One element that differs: added, removed, or kept with changes.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Entry<K> {
    /// The element's id (for band sets, their name).
    pub id: String,
    /// What happened to it.
    pub status: Status<K>,
}

/// What happened to an element between the versions.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Status<K> {
    /// Only the new version has it.
    Added,
    /// Only the old version has it.
    Removed,
    /// Both have it; these differ (never empty).
    Changed(Vec<K>),
}

/// A change to the questionnaire's identity or descriptive texts.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MetaChange {
    /// The definition's id (two different questionnaires were compared).
    Id {
        /// The old id.
        was: String,
        /// The new id.
        now: String,
    },
    /// The version number.
    Version {
        /// The old version.
        was: String,
        /// The new version.
        now: String,
    },
    /// The title was reworded in this language.
    Title(Lang),
    /// The description was reworded in this language.
    Description(Lang),
    /// The estimated minutes.
    Minutes {
        /// The old estimate.
        was: u32,
        /// The new estimate.
        now: u32,
    },
    /// The provenance was reworded in this language.
    Provenance(Lang),
    /// The licence was reworded in this language.
    Licence(Lang),
}

/// A change to a theme (section).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SectionChange {
    /// The title was reworded in this language.
    Title(Lang),
    /// The introduction was reworded (or added, or removed) in this language.
    Intro(Lang),
    /// The items both versions have in this section are asked in another order.
    Order,
}

/// A change to a question. [`ItemChange::changes_meaning`] tells which kinds an id cannot
/// survive.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ItemChange {
    /// The question was reworded in this language.
    Text(Lang),
    /// The help text was reworded (or added, or removed) in this language.
    Help(Lang),
    /// Labels of options, matrix rows or a number's ends were reworded in this language.
    Labels(Lang),
    /// The type of question.
    Kind {
        /// The old type.
        was: ItemType,
        /// The new type.
        now: ItemType,
    },
    /// An answer option (a matrix column) that only the new version has.
    OptionAdded {
        /// Its key.
        key: String,
    },
    /// An answer option (a matrix column) that only the old version has.
    OptionRemoved {
        /// Its key.
        key: String,
    },
    /// An answer option kept its key but is worth another value.
    OptionValue {
        /// Its key.
        key: String,
        /// The old value.
        was: Option<f64>,
        /// The new value.
        now: Option<f64>,
    },
    /// The same options are shown in another order.
    OptionsReordered,
    /// An option became exclusive, or stopped being so.
    Exclusive {
        /// Its key.
        key: String,
        /// Whether it is exclusive now.
        now: bool,
    },
    /// The item names another shared scale (what it offers is compared through the scales).
    Scale {
        /// The old scale's name.
        was: Option<String>,
        /// The new scale's name.
        now: Option<String>,
    },
    /// A number item's lowest or highest answer.
    Range {
        /// The old `min` and `max`.
        was: (Option<i64>, Option<i64>),
        /// The new `min` and `max`.
        now: (Option<i64>, Option<i64>),
    },
    /// A matrix row that only the new version has.
    RowAdded {
        /// Its key.
        key: String,
    },
    /// A matrix row that only the old version has.
    RowRemoved {
        /// Its key.
        key: String,
    },
    /// The same matrix rows are shown in another order.
    RowsReordered,
    /// The item is reverse-coded now, or no longer.
    Reverse {
        /// Whether it is reverse-coded now.
        now: bool,
    },
    /// Its weight in sums and means.
    Weight {
        /// The old weight.
        was: f64,
        /// The new weight.
        now: f64,
    },
    /// The scores that read it (as an input, or to choose weights).
    Scores {
        /// Scores that read it now and did not before.
        joined: Vec<String>,
        /// Scores that read it before and no longer do.
        left: Vec<String>,
    },
    /// It moved to another theme.
    Section {
        /// The old section id.
        was: String,
        /// The new section id.
        now: String,
    },
    /// Whether it may be skipped ("zeg ik liever niet").
    Optional {
        /// Whether it is optional now.
        now: bool,
    },
    /// When it is shown (`show_if`).
    Condition {
        /// The old condition.
        was: Option<Condition>,
        /// The new condition.
        now: Option<Condition>,
    },
}

impl ItemChange {
    /// Whether an answer given to the old version would say something else to the new one: a
    /// changed type, answer options added, removed or worth another value, another number
    /// range, or flipped reverse coding. Such an item needs a new id.
    pub fn changes_meaning(&self) -> bool {
        matches!(
            self,
            ItemChange::Kind { .. }
                | ItemChange::OptionAdded { .. }
                | ItemChange::OptionRemoved { .. }
                | ItemChange::OptionValue { .. }
                | ItemChange::Range { .. }
                | ItemChange::Reverse { .. }
        )
    }
}

/// A change to a score. [`ScoreChange::changes_measure`] tells which kinds make it measure
/// something else.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ScoreChange {
    /// The name was reworded in this language.
    Label(Lang),
    /// The note was reworded (or added, or removed) in this language.
    Note(Lang),
    /// The score's own advice for the person was reworded in this language.
    Advice(Lang),
    /// The advice for employers was reworded in this language.
    EmployerAdvice(Lang),
    /// It reads other items or input scores.
    Reads {
        /// Items or scores it reads now and did not before.
        added: Vec<String>,
        /// Items or scores it read before and no longer does.
        removed: Vec<String>,
    },
    /// An item or score it reads in both versions is scored differently (its answer values,
    /// reverse coding, weight, optionality or condition; for a score, its measure).
    Input {
        /// The item or score id.
        id: String,
    },
    /// The method that combines its inputs.
    Method {
        /// The old method.
        was: Method,
        /// The new method.
        now: Method,
    },
    /// Its rule otherwise: the counted column, the weights or what chooses them, the lookup
    /// table, rescaling, or the share of answers needed.
    Rule,
    /// The range of values it can reach.
    Range {
        /// The old lowest and highest value.
        was: (f64, f64),
        /// The new lowest and highest value.
        now: (f64, f64),
    },
    /// Its bands: keys, lower bounds or signals (or bands added or taken away).
    Bands,
    /// Where and to whom it is shown: its theme, headline, hidden or expert-only.
    Shown,
    /// The earlier versions it declares itself comparable with.
    ComparableWith {
        /// The old list.
        was: Vec<String>,
        /// The new list.
        now: Vec<String>,
    },
}

impl ScoreChange {
    /// Whether the score computes something else: what it reads or how, its range or its bands.
    /// Words, where it is shown and its `comparable_with` leave the measure as it was.
    pub fn changes_measure(&self) -> bool {
        matches!(
            self,
            ScoreChange::Reads { .. }
                | ScoreChange::Input { .. }
                | ScoreChange::Method { .. }
                | ScoreChange::Rule
                | ScoreChange::Range { .. }
                | ScoreChange::Bands
        )
    }
}

/// A change to a named band set.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum BandsChange {
    /// Its bands' keys, lower bounds or signals.
    Levels,
    /// A band's label, explanation, advice or goal was reworded in this language.
    Words(Lang),
}

/// A change to a flag.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FlagChange {
    /// Its text was reworded in this language.
    Text(Lang),
    /// When it is raised.
    Condition,
}

impl Changes {
    /// Whether the two versions are the same in everything compared.
    pub fn is_empty(&self) -> bool {
        self.questionnaire.is_empty()
            && self.sections.is_empty()
            && self.items.is_empty()
            && self.scores.is_empty()
            && self.bands.is_empty()
            && self.flags.is_empty()
    }

    /// The item entry with this id, if the item differs.
    pub fn item(&self, id: &str) -> Option<&Entry<ItemChange>> {
        self.items.iter().find(|entry| entry.id == id)
    }

    /// The score entry with this id, if the score differs.
    pub fn score(&self, id: &str) -> Option<&Entry<ScoreChange>> {
        self.scores.iter().find(|entry| entry.id == id)
    }
}

/// Everything that differs from `old` to `new` (both resolved definitions).
pub fn compare(old: &Definition, new: &Definition) -> Changes {
    let old_ranges = score_ranges(old);
    let new_ranges = score_ranges(new);
    let ranges = |score: &Score, of: &BTreeMap<&str, crate::scoring::Range>| {
        of.get(score.id.as_str()).map_or((0.0, 0.0), |range| range.out)
    };
    let (old_readers, new_readers) = (readers(old), readers(new));
    let (old_home, new_home) = (sections_of(old), sections_of(new));
    Changes {
        questionnaire: meta_changes(old, new),
        sections: entries(&old.sections, &new.sections, |section| &section.id, section_changes),
        items: entries(
            &old.items().collect::<Vec<_>>(),
            &new.items().collect::<Vec<_>>(),
            |item| &item.id,
            |was, now| {
                let mut changes = item_changes(old, new, was, now);
                let empty = Vec::new();
                let (before, after) = (
                    old_readers.get(was.id.as_str()).unwrap_or(&empty),
                    new_readers.get(now.id.as_str()).unwrap_or(&empty),
                );
                let (joined, left) = (missing_from(after, before), missing_from(before, after));
                if !joined.is_empty() || !left.is_empty() {
                    changes.push(ItemChange::Scores { joined, left });
                }
                let (from, to) = (old_home[was.id.as_str()], new_home[now.id.as_str()]);
                if from != to {
                    changes.push(ItemChange::Section { was: from.to_owned(), now: to.to_owned() });
                }
                changes
            },
        ),
        scores: entries(
            &old.scores,
            &new.scores,
            |score| &score.id,
            |was, now| {
                let mut changes = score_changes(old, new, was, now, 0);
                let (from, to) = (ranges(was, &old_ranges), ranges(now, &new_ranges));
                if from != to {
                    // The range is part of the measure, which comes before the words.
                    let at = changes.iter().position(|change| !change.changes_measure()).unwrap_or(changes.len());
                    changes.insert(at, ScoreChange::Range { was: from, now: to });
                }
                if was.comparable_with != now.comparable_with {
                    changes.push(ScoreChange::ComparableWith {
                        was: was.comparable_with.clone(),
                        now: now.comparable_with.clone(),
                    });
                }
                changes
            },
        ),
        bands: entries(
            &old.bands.iter().collect::<Vec<_>>(),
            &new.bands.iter().collect::<Vec<_>>(),
            |(name, _)| name.as_str(),
            |(_, was), (_, now)| band_set_changes(was, now),
        ),
        flags: entries(
            &old.flags,
            &new.flags,
            |flag| &flag.id,
            |was, now| {
                let mut changes: Vec<FlagChange> = reworded(&was.text, &now.text).map(FlagChange::Text).collect();
                if was.when != now.when {
                    changes.push(FlagChange::Condition);
                }
                changes
            },
        ),
    }
}

/// Whether score `id` computes the same in `old` and `new` (see the module's rule): what it
/// reads and how, its method and rule, its range and its bands. False when either lacks it.
pub fn same_measure(old: &Definition, new: &Definition, id: &str) -> bool {
    match (old.score(id), new.score(id)) {
        (Some(was), Some(now)) => {
            score_changes(old, new, was, now, 0).iter().all(|change| !change.changes_measure())
                && score_ranges(old).get(id).map(|range| range.out) == score_ranges(new).get(id).map(|range| range.out)
        }
        _ => false,
    }
}

/// Pairs elements by id: changed and added ones in `new`'s order, then removed ones in `old`'s.
fn entries<'a, T, K, I>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&'a T) -> &'a I,
    changes: impl Fn(&'a T, &'a T) -> Vec<K>,
) -> Vec<Entry<K>>
where
    I: ToString + PartialEq + ?Sized + 'a,
{
    let mut list = Vec::new();
    for now in new {
        match old.iter().find(|was| id(was) == id(now)) {
            None => list.push(Entry { id: id(now).to_string(), status: Status::Added }),
            Some(was) => {
                let found = changes(was, now);
                if !found.is_empty() {
                    list.push(Entry { id: id(now).to_string(), status: Status::Changed(found) });
                }
            }
        }
    }
    for was in old {
        if !new.iter().any(|now| id(now) == id(was)) {
            list.push(Entry { id: id(was).to_string(), status: Status::Removed });
        }
    }
    list
}

/// The languages in which two texts differ.
fn reworded<'a>(was: &'a Text, now: &'a Text) -> impl Iterator<Item = Lang> + 'a {
    LANGS.into_iter().filter(move |lang| was.get(*lang) != now.get(*lang))
}

/// The languages in which two optional texts differ (a missing text reads as empty).
fn reworded_optional(was: Option<&Text>, now: Option<&Text>) -> Vec<Lang> {
    let empty = Text::default();
    reworded(was.unwrap_or(&empty), now.unwrap_or(&empty)).collect()
}

/// Adds each language once.
fn add_langs(list: &mut Vec<Lang>, langs: impl IntoIterator<Item = Lang>) {
    for lang in langs {
        if !list.contains(&lang) {
            list.push(lang);
        }
    }
}

/// The elements of `these` that `those` lacks, in order.
fn missing_from(these: &[String], those: &[String]) -> Vec<String> {
    these.iter().filter(|id| !those.contains(id)).cloned().collect()
}

fn meta_changes(old: &Definition, new: &Definition) -> Vec<MetaChange> {
    let (was, now) = (&old.questionnaire, &new.questionnaire);
    let mut changes = Vec::new();
    if was.id != now.id {
        changes.push(MetaChange::Id { was: was.id.clone(), now: now.id.clone() });
    }
    if was.version != now.version {
        changes.push(MetaChange::Version { was: was.version.clone(), now: now.version.clone() });
    }
    changes.extend(reworded(&was.title, &now.title).map(MetaChange::Title));
    changes.extend(reworded(&was.description, &now.description).map(MetaChange::Description));
    if was.minutes != now.minutes {
        changes.push(MetaChange::Minutes { was: was.minutes, now: now.minutes });
    }
    changes.extend(reworded(&was.provenance, &now.provenance).map(MetaChange::Provenance));
    changes.extend(reworded(&was.licence, &now.licence).map(MetaChange::Licence));
    changes
}

fn section_changes(was: &crate::model::Section, now: &crate::model::Section) -> Vec<SectionChange> {
    let mut changes: Vec<SectionChange> = reworded(&was.title, &now.title).map(SectionChange::Title).collect();
    changes.extend(reworded_optional(was.intro.as_ref(), now.intro.as_ref()).into_iter().map(SectionChange::Intro));
    let kept = |from: &crate::model::Section, other: &crate::model::Section| -> Vec<String> {
        from.items
            .iter()
            .filter(|item| other.items.iter().any(|candidate| candidate.id == item.id))
            .map(|item| item.id.clone())
            .collect()
    };
    if kept(was, now) != kept(now, was) {
        changes.push(SectionChange::Order);
    }
    changes
}

/// For every item id, the scores that read it (as an input or to choose weights), in order.
fn readers(definition: &Definition) -> BTreeMap<&str, Vec<String>> {
    let mut readers: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for score in &definition.scores {
        let inputs = definition.score_items(score).into_iter().map(|item| item.id.as_str());
        for id in inputs.chain(score.weight_by.as_deref()) {
            let list = readers.entry(id).or_default();
            if !list.contains(&score.id) {
                list.push(score.id.clone());
            }
        }
    }
    readers
}

/// For every item id, the id of its section.
fn sections_of(definition: &Definition) -> BTreeMap<&str, &str> {
    definition
        .sections
        .iter()
        .flat_map(|section| section.items.iter().map(|item| (item.id.as_str(), section.id.as_str())))
        .collect()
}

/// The changes to an item itself; its scores and section are added by the caller.
fn item_changes(old: &Definition, new: &Definition, was: &Item, now: &Item) -> Vec<ItemChange> {
    let mut changes: Vec<ItemChange> = reworded(&was.text, &now.text).map(ItemChange::Text).collect();
    changes.extend(reworded_optional(was.help.as_ref(), now.help.as_ref()).into_iter().map(ItemChange::Help));
    let mut labels = Vec::new();
    if was.kind != now.kind {
        changes.push(ItemChange::Kind { was: was.kind, now: now.kind });
    }
    if was.scale != now.scale {
        changes.push(ItemChange::Scale { was: was.scale.clone(), now: now.scale.clone() });
    }
    option_changes(old.options_of(was), new.options_of(now), &mut changes, &mut labels);
    if (was.min, was.max) != (now.min, now.max) {
        changes.push(ItemChange::Range { was: (was.min, was.max), now: (now.min, now.max) });
    }
    add_langs(&mut labels, reworded_optional(was.min_label.as_ref(), now.min_label.as_ref()));
    add_langs(&mut labels, reworded_optional(was.max_label.as_ref(), now.max_label.as_ref()));
    let row_keys = |item: &Item| item.rows.iter().map(|row| row.key.clone()).collect::<Vec<_>>();
    let (rows_before, rows_after) = (row_keys(was), row_keys(now));
    for key in missing_from(&rows_after, &rows_before) {
        changes.push(ItemChange::RowAdded { key });
    }
    for key in missing_from(&rows_before, &rows_after) {
        changes.push(ItemChange::RowRemoved { key });
    }
    let kept_rows = |from: &[String], other: &[String]| -> Vec<String> {
        from.iter().filter(|key| other.contains(key)).cloned().collect()
    };
    if kept_rows(&rows_before, &rows_after) != kept_rows(&rows_after, &rows_before) {
        changes.push(ItemChange::RowsReordered);
    }
    for row in &was.rows {
        if let Some(other) = now.rows.iter().find(|candidate| candidate.key == row.key) {
            add_langs(&mut labels, reworded(&row.label, &other.label));
        }
    }
    // Labels come right after the question's own words, before what the answers are.
    let at = changes.iter().position(|change| !matches!(change, ItemChange::Text(_) | ItemChange::Help(_)));
    let at = at.unwrap_or(changes.len());
    for (offset, lang) in labels.into_iter().enumerate() {
        changes.insert(at + offset, ItemChange::Labels(lang));
    }
    if was.reverse != now.reverse {
        changes.push(ItemChange::Reverse { now: now.reverse });
    }
    if was.weight() != now.weight() {
        changes.push(ItemChange::Weight { was: was.weight(), now: now.weight() });
    }
    if was.optional != now.optional {
        changes.push(ItemChange::Optional { now: now.optional });
    }
    if was.show_if != now.show_if {
        changes.push(ItemChange::Condition { was: was.show_if.clone(), now: now.show_if.clone() });
    }
    changes
}

/// Options (or matrix columns) added, removed, revalued, made exclusive, reordered, relabelled.
fn option_changes(was: &[AnswerOption], now: &[AnswerOption], changes: &mut Vec<ItemChange>, labels: &mut Vec<Lang>) {
    let keys = |options: &[AnswerOption]| options.iter().map(|option| option.key.clone()).collect::<Vec<_>>();
    let (before, after) = (keys(was), keys(now));
    for key in missing_from(&after, &before) {
        changes.push(ItemChange::OptionAdded { key });
    }
    for key in missing_from(&before, &after) {
        changes.push(ItemChange::OptionRemoved { key });
    }
    for option in was {
        let Some(other) = now.iter().find(|candidate| candidate.key == option.key) else { continue };
        if option.value != other.value {
            changes.push(ItemChange::OptionValue { key: option.key.clone(), was: option.value, now: other.value });
        }
        if option.exclusive != other.exclusive {
            changes.push(ItemChange::Exclusive { key: option.key.clone(), now: other.exclusive });
        }
        add_langs(labels, reworded(&option.label, &other.label));
    }
    let kept = |from: &[String], other: &[String]| -> Vec<String> {
        from.iter().filter(|key| other.contains(key)).cloned().collect()
    };
    if kept(&before, &after) != kept(&after, &before) {
        changes.push(ItemChange::OptionsReordered);
    }
}

/// How an item counts in a score: everything about it except its words, position and readers.
#[derive(PartialEq)]
struct ItemMeasure<'a> {
    kind: ItemType,
    options: BTreeMap<&'a str, (Option<f64>, bool)>,
    rows: BTreeSet<&'a str>,
    range: (Option<i64>, Option<i64>),
    reverse: bool,
    weight: f64,
    optional: bool,
    show_if: Option<&'a Condition>,
}

fn item_measure<'a>(definition: &'a Definition, item: &'a Item) -> ItemMeasure<'a> {
    ItemMeasure {
        kind: item.kind,
        options: definition
            .options_of(item)
            .iter()
            .map(|option| (option.key.as_str(), (option.value, option.exclusive)))
            .collect(),
        rows: item.rows.iter().map(|row| row.key.as_str()).collect(),
        range: (item.min, item.max),
        reverse: item.reverse,
        weight: item.weight(),
        optional: item.optional,
        show_if: item.show_if.as_ref(),
    }
}

/// A band set's levels as a score is classified by them.
fn levels(definition: &Definition, score: &Score) -> Option<Vec<(String, f64, Signal)>> {
    let set = definition.bands.get(score.bands.as_ref()?)?;
    Some(set.levels.iter().map(|band| (band.key.clone(), band.from, band.signal)).collect())
}

/// What a score reads: its items (resolved through `section`), then its input scores.
fn reads(definition: &Definition, score: &Score) -> Vec<String> {
    let items = definition.score_items(score).into_iter().map(|item| item.id.clone());
    items.chain(score.scores.iter().cloned()).collect()
}

/// The changes to a score, its range left to the caller. `depth` stops a cycle of totals in a
/// definition the validator would refuse.
fn score_changes(old: &Definition, new: &Definition, was: &Score, now: &Score, depth: usize) -> Vec<ScoreChange> {
    let mut changes = Vec::new();
    let (before, after) = (reads(old, was), reads(new, now));
    let (added, removed) = (missing_from(&after, &before), missing_from(&before, &after));
    if !added.is_empty() || !removed.is_empty() {
        changes.push(ScoreChange::Reads { added, removed });
    }
    for id in before.iter().filter(|id| after.contains(id)) {
        let differs = match (old.item(id), new.item(id)) {
            (Some(item_was), Some(item_now)) => item_measure(old, item_was) != item_measure(new, item_now),
            _ => match (old.score(id), new.score(id)) {
                (Some(input_was), Some(input_now)) if depth < old.scores.len() => {
                    score_changes(old, new, input_was, input_now, depth + 1).iter().any(ScoreChange::changes_measure)
                        || score_ranges(old).get(id.as_str()).map(|range| range.out)
                            != score_ranges(new).get(id.as_str()).map(|range| range.out)
                }
                _ => true,
            },
        };
        if differs {
            changes.push(ScoreChange::Input { id: id.clone() });
        }
    }
    if was.method != now.method {
        changes.push(ScoreChange::Method { was: was.method, now: now.method });
    }
    // Weights pair with items by position, so a weighted score's item order is part of its rule.
    let kept_order = |from: &[String], other: &[String]| -> Vec<String> {
        from.iter().filter(|id| other.contains(id)).cloned().collect()
    };
    let reordered = now.method == Method::Weighted && kept_order(&before, &after) != kept_order(&after, &before);
    if was.column != now.column
        || was.weight_by != now.weight_by
        || was.weights != now.weights
        || was.lookup != now.lookup
        || was.rescale != now.rescale
        || was.min_answered != now.min_answered
        || reordered
    {
        changes.push(ScoreChange::Rule);
    }
    if levels(old, was) != levels(new, now) {
        changes.push(ScoreChange::Bands);
    }
    changes.extend(reworded(&was.label, &now.label).map(ScoreChange::Label));
    changes.extend(reworded_optional(was.note.as_ref(), now.note.as_ref()).into_iter().map(ScoreChange::Note));
    changes.extend(advice_reworded(&was.advice, &now.advice).into_iter().map(ScoreChange::Advice));
    changes.extend(
        advice_reworded(&was.employer_advice, &now.employer_advice).into_iter().map(ScoreChange::EmployerAdvice),
    );
    if (&was.theme, was.headline, was.hidden, was.expert_only)
        != (&now.theme, now.headline, now.hidden, now.expert_only)
    {
        changes.push(ScoreChange::Shown);
    }
    changes
}

/// The languages in which advice per band differs (a band with advice on one side only counts).
fn advice_reworded(was: &BTreeMap<String, Text>, now: &BTreeMap<String, Text>) -> Vec<Lang> {
    let mut langs = Vec::new();
    for key in was.keys().chain(now.keys()) {
        add_langs(&mut langs, reworded_optional(was.get(key), now.get(key)));
    }
    langs
}

fn band_set_changes(was: &BandSet, now: &BandSet) -> Vec<BandsChange> {
    let mut changes = Vec::new();
    let levels =
        |set: &BandSet| set.levels.iter().map(|band| (band.key.clone(), band.from, band.signal)).collect::<Vec<_>>();
    if levels(was) != levels(now) {
        changes.push(BandsChange::Levels);
    }
    let mut langs = Vec::new();
    for band in &was.levels {
        if let Some(other) = now.levels.iter().find(|candidate| candidate.key == band.key) {
            add_langs(&mut langs, reworded(&band.label, &other.label));
            add_langs(&mut langs, reworded(&band.explanation, &other.explanation));
            add_langs(&mut langs, reworded(&band.advice, &other.advice));
            add_langs(&mut langs, reworded_optional(band.goal.as_ref(), other.goal.as_ref()));
        }
    }
    changes.extend(langs.into_iter().map(BandsChange::Words));
    changes
}

/// Every id of `new` that `old` also has and that changed its meaning (the module's rule), as a
/// diagnostic at the id where `new_sources` write it: an item id whose meaning changed, and a
/// score that claims to compare with `old` (`comparable_with`, or the same version) while it
/// measures something else. `new` is the resolved questionnaire loaded from `new_sources`; should
/// they not hold it, the diagnostics name the questionnaire's id as their file, at line 1.
#[cfg(feature = "authoring")]
pub fn id_meaning_problems(old: &Definition, new: &Definition, new_sources: &[SourceFile]) -> Vec<Diagnostic> {
    let changes = compare(old, new);
    let mut problems = Vec::new();
    let since = &old.questionnaire.version;
    for (section_index, section) in new.sections.iter().enumerate() {
        for (item_index, item) in section.items.iter().enumerate() {
            let Some(Entry { status: Status::Changed(kinds), .. }) = changes.item(&item.id) else { continue };
            let reasons: Vec<String> =
                kinds.iter().filter(|kind| kind.changes_meaning()).map(ToString::to_string).collect();
            if reasons.is_empty() {
                continue;
            }
            problems.push(crate::validate::Problem {
                path: format!("sections[{section_index}].items[{item_index}].id"),
                message: format!(
                    "item \"{}\" no longer means what it meant in version {since} ({}); give it a new id and leave \"{}\" retired, since answers, exports and group figures rely on it",
                    item.id,
                    reasons.join("; "),
                    item.id
                ),
            });
        }
    }
    for (index, score) in new.scores.iter().enumerate() {
        if !crate::compare::comparable(new, &score.id, since) || old.score(&score.id).is_none() {
            continue;
        }
        if same_measure(old, new, &score.id) {
            continue;
        }
        let reasons: Vec<String> = match changes.score(&score.id) {
            Some(Entry { status: Status::Changed(kinds), .. }) => {
                kinds.iter().filter(|kind| kind.changes_measure()).map(ToString::to_string).collect()
            }
            _ => Vec::new(),
        };
        let (path, message) = match score.comparable_with.iter().position(|version| version == since) {
            Some(at) => (
                format!("scores[{index}].comparable_with[{at}]"),
                format!(
                    "score \"{}\" is declared comparable with version {since} but measures something else ({}); take {since} out of `comparable_with`, so that histories and trends do not compare it",
                    score.id,
                    reasons.join("; ")
                ),
            ),
            None => (
                format!("scores[{index}].id"),
                format!(
                    "score \"{}\" now computes differently ({}) but the version is still {since}; raise the version",
                    score.id,
                    reasons.join("; ")
                ),
            ),
        };
        problems.push(crate::validate::Problem { path, message });
    }
    crate::authoring::locate_problems(new_sources, &new.questionnaire.id, &problems)
}

fn number(value: f64) -> String {
    value.to_string()
}

fn optional_number(value: Option<f64>) -> String {
    value.map_or_else(|| "no value".to_owned(), number)
}

fn list(ids: &[String]) -> String {
    ids.iter().map(|id| format!("\"{id}\"")).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for MetaChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetaChange::Id { was, now } => write!(f, "id \"{was}\" became \"{now}\""),
            MetaChange::Version { was, now } => write!(f, "version {was} became {now}"),
            MetaChange::Title(lang) => write!(f, "title reworded ({})", lang.tag()),
            MetaChange::Description(lang) => write!(f, "description reworded ({})", lang.tag()),
            MetaChange::Minutes { was, now } => write!(f, "minutes {was} became {now}"),
            MetaChange::Provenance(lang) => write!(f, "provenance reworded ({})", lang.tag()),
            MetaChange::Licence(lang) => write!(f, "licence reworded ({})", lang.tag()),
        }
    }
}

impl fmt::Display for SectionChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SectionChange::Title(lang) => write!(f, "title reworded ({})", lang.tag()),
            SectionChange::Intro(lang) => write!(f, "introduction reworded ({})", lang.tag()),
            SectionChange::Order => write!(f, "items in another order"),
        }
    }
}

impl fmt::Display for ItemChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemChange::Text(lang) => write!(f, "question reworded ({})", lang.tag()),
            ItemChange::Help(lang) => write!(f, "help reworded ({})", lang.tag()),
            ItemChange::Labels(lang) => write!(f, "answer labels reworded ({})", lang.tag()),
            ItemChange::Kind { was, now } => write!(f, "type {} became {}", was.name(), now.name()),
            ItemChange::OptionAdded { key } => write!(f, "option \"{key}\" added"),
            ItemChange::OptionRemoved { key } => write!(f, "option \"{key}\" removed"),
            ItemChange::OptionValue { key, was, now } => {
                write!(f, "option \"{key}\" is worth {}, was {}", optional_number(*now), optional_number(*was))
            }
            ItemChange::OptionsReordered => write!(f, "options in another order"),
            ItemChange::Exclusive { key, now: true } => write!(f, "option \"{key}\" became exclusive"),
            ItemChange::Exclusive { key, now: false } => write!(f, "option \"{key}\" is no longer exclusive"),
            ItemChange::Scale { was, now } => {
                let name = |scale: &Option<String>| {
                    scale.as_ref().map_or("its own options".to_owned(), |s| format!("scale \"{s}\""))
                };
                write!(f, "uses {}, was {}", name(now), name(was))
            }
            ItemChange::Range { was, now } => {
                let range = |(low, high): &(Option<i64>, Option<i64>)| {
                    let end = |end: &Option<i64>| end.map_or("?".to_owned(), |end| end.to_string());
                    format!("{} to {}", end(low), end(high))
                };
                write!(f, "answers run from {}, was {}", range(now), range(was))
            }
            ItemChange::RowAdded { key } => write!(f, "row \"{key}\" added"),
            ItemChange::RowRemoved { key } => write!(f, "row \"{key}\" removed"),
            ItemChange::RowsReordered => write!(f, "rows in another order"),
            ItemChange::Reverse { now: true } => write!(f, "now reverse-coded"),
            ItemChange::Reverse { now: false } => write!(f, "no longer reverse-coded"),
            ItemChange::Weight { was, now } => write!(f, "weight {}, was {}", number(*now), number(*was)),
            ItemChange::Scores { joined, left } => {
                let mut parts = Vec::new();
                if !joined.is_empty() {
                    parts.push(format!("now read by {}", list(joined)));
                }
                if !left.is_empty() {
                    parts.push(format!("no longer read by {}", list(left)));
                }
                write!(f, "{}", parts.join(", "))
            }
            ItemChange::Section { was, now } => write!(f, "moved from section \"{was}\" to \"{now}\""),
            ItemChange::Optional { now: true } => write!(f, "now optional"),
            ItemChange::Optional { now: false } => write!(f, "no longer optional"),
            ItemChange::Condition { was: None, now: Some(_) } => write!(f, "now shown only under a condition"),
            ItemChange::Condition { was: Some(_), now: None } => write!(f, "now always shown"),
            ItemChange::Condition { .. } => write!(f, "shown under another condition"),
        }
    }
}

impl fmt::Display for ScoreChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScoreChange::Label(lang) => write!(f, "name reworded ({})", lang.tag()),
            ScoreChange::Note(lang) => write!(f, "note reworded ({})", lang.tag()),
            ScoreChange::Advice(lang) => write!(f, "advice reworded ({})", lang.tag()),
            ScoreChange::EmployerAdvice(lang) => write!(f, "advice for employers reworded ({})", lang.tag()),
            ScoreChange::Reads { added, removed } => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("now reads {}", list(added)));
                }
                if !removed.is_empty() {
                    parts.push(format!("no longer reads {}", list(removed)));
                }
                write!(f, "{}", parts.join(", "))
            }
            ScoreChange::Input { id } => write!(f, "\"{id}\" counts differently"),
            ScoreChange::Method { was, now } => write!(f, "method {} became {}", method_name(*was), method_name(*now)),
            ScoreChange::Rule => write!(f, "its rule changed"),
            ScoreChange::Range { was, now } => {
                write!(f, "range {} to {}, was {} to {}", number(now.0), number(now.1), number(was.0), number(was.1))
            }
            ScoreChange::Bands => write!(f, "its bands changed"),
            ScoreChange::Shown => write!(f, "shown elsewhere or to others"),
            ScoreChange::ComparableWith { was, now } => {
                write!(f, "comparable with [{}], was [{}]", list(now), list(was))
            }
        }
    }
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Value => "value",
        Method::Sum => "sum",
        Method::Mean => "mean",
        Method::Lowest => "lowest",
        Method::Count => "count",
        Method::Weighted => "weighted",
        Method::Total => "total",
    }
}

impl fmt::Display for BandsChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BandsChange::Levels => write!(f, "keys, lower bounds or signals changed"),
            BandsChange::Words(lang) => write!(f, "reworded ({})", lang.tag()),
        }
    }
}

impl fmt::Display for FlagChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlagChange::Text(lang) => write!(f, "text reworded ({})", lang.tag()),
            FlagChange::Condition => write!(f, "raised under another condition"),
        }
    }
}

impl Changes {
    /// One line per element that differs, as `werkscan diff` prints them: `item zr_6: removed`,
    /// `item wp_2: question reworded (nl); answer labels reworded (en)`.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.questionnaire.is_empty() {
            let parts: Vec<String> = self.questionnaire.iter().map(ToString::to_string).collect();
            lines.push(format!("questionnaire: {}", parts.join("; ")));
        }
        push_entries(&mut lines, "section", &self.sections);
        push_entries(&mut lines, "item", &self.items);
        push_entries(&mut lines, "score", &self.scores);
        push_entries(&mut lines, "bands", &self.bands);
        push_entries(&mut lines, "flag", &self.flags);
        lines
    }
}

fn push_entries<K: fmt::Display>(lines: &mut Vec<String>, what: &str, entries: &[Entry<K>]) {
    for entry in entries {
        let status = match &entry.status {
            Status::Added => "added".to_owned(),
            Status::Removed => "removed".to_owned(),
            Status::Changed(kinds) => kinds.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
        };
        lines.push(format!("{what} {}: {status}", entry.id));
    }
}

impl fmt::Display for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}
