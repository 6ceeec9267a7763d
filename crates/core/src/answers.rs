//! A person's answers, and their check against a definition.
//!
//! The answers format (JSON) is what the phone stores, what `werkscan score` reads and what an
//! upload carries:
//!
//! ```json
//! { "zr_2": "eens", "wai_1": 7, "wai_4": ["geen_hinder"], "wai_3": { "huid": "arts" },
//!   "open": "vrije tekst", "ov_2": null }
//! ```
//!
//! Keys are item ids. Likert and single-choice answers are option keys, number items whole
//! numbers, multiple choice a list of option keys, a matrix an object from row key to column key,
//! free text a string, and `null` means "zeg ik liever niet". A missing key means not answered.

use std::collections::BTreeMap;
use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::model::{AnswerOption, Condition, Definition, Item, ItemType};

/// One answer, as stored. Its meaning depends on the item's type.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum AnswerValue {
    /// "Zeg ik liever niet" (JSON `null`).
    Declined,
    /// A whole number (number items).
    Number(i64),
    /// An option key (Likert, single choice) or free text.
    Text(String),
    /// Option keys (multiple choice).
    List(Vec<String>),
    /// Row key to column key (matrix).
    Grid(BTreeMap<String, String>),
}

/// Answers by item id.
pub type Answers = BTreeMap<String, AnswerValue>;

/// Why an answer does not fit the definition.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AnswerError {
    /// The item id the answer was given for.
    pub item: String,
    /// What is wrong.
    pub problem: AnswerProblem,
}

/// The ways an answer can be wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "code", rename_all = "snake_case"))]
pub enum AnswerProblem {
    /// No such item in the definition.
    UnknownItem,
    /// The answer has the wrong shape for the item type.
    WrongType {
        /// What the item needs.
        expected: String,
    },
    /// A number outside the item's range.
    OutOfRange {
        /// The lowest allowed.
        min: i64,
        /// The highest allowed.
        max: i64,
    },
    /// An option, row or column key the item does not have.
    UnknownOption {
        /// The key given.
        key: String,
    },
    /// The same option twice in a multiple-choice answer.
    DuplicateOption {
        /// The key given twice.
        key: String,
    },
    /// A multiple-choice answer with nothing ticked on a required item.
    NothingChosen,
    /// An exclusive option (such as "no hindrance") ticked together with another option.
    ExclusiveOption {
        /// The exclusive option's key.
        key: String,
    },
    /// "Zeg ik liever niet" on an item that does not offer it.
    DeclineNotAllowed,
    /// An answer to an item that its condition hides.
    HiddenItem,
    /// A free-text answer longer than [`MAX_TEXT_ANSWER`] characters.
    TextTooLong {
        /// The most allowed.
        max: usize,
    },
    /// A free-text answer with a control character or a character that reorders displayed text.
    ForbiddenCharacter,
}

/// The longest free-text answer accepted, in characters: a few paragraphs. The phone's text field
/// stops there too.
pub const MAX_TEXT_ANSWER: usize = 2000;

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let item = &self.item;
        match &self.problem {
            AnswerProblem::UnknownItem => write!(f, "{item}: no such item in this questionnaire"),
            AnswerProblem::WrongType { expected } => write!(f, "{item}: expected {expected}"),
            AnswerProblem::OutOfRange { min, max } => {
                write!(f, "{item}: the number must be from {min} to {max}")
            }
            AnswerProblem::UnknownOption { key } => write!(f, "{item}: unknown option \"{key}\""),
            AnswerProblem::DuplicateOption { key } => {
                write!(f, "{item}: option \"{key}\" is chosen twice")
            }
            AnswerProblem::NothingChosen => write!(f, "{item}: choose at least one option"),
            AnswerProblem::ExclusiveOption { key } => {
                write!(f, "{item}: option \"{key}\" excludes every other option, but others are chosen too")
            }
            AnswerProblem::DeclineNotAllowed => {
                write!(f, "{item}: this question does not offer \"zeg ik liever niet\"")
            }
            AnswerProblem::HiddenItem => {
                write!(f, "{item}: answered although its condition hides it")
            }
            AnswerProblem::TextTooLong { max } => write!(f, "{item}: the text is longer than {max} characters"),
            AnswerProblem::ForbiddenCharacter => write!(f, "{item}: the text contains a control character"),
        }
    }
}

/// Checks every answer against the definition and returns all problems found.
///
/// Missing answers are not a problem here: a partial answer set is valid and scores to
/// "te weinig antwoorden" where the missing-data rules say so. See [`is_complete`].
pub fn check_answers(definition: &Definition, answers: &Answers) -> Result<(), Vec<AnswerError>> {
    let mut errors = Vec::new();
    for (id, value) in answers {
        let problem = match definition.item(id) {
            None => Some(AnswerProblem::UnknownItem),
            Some(item) if !is_shown(definition, item, answers) => Some(AnswerProblem::HiddenItem),
            Some(item) => check_one(definition, item, value),
        };
        if let Some(problem) = problem {
            errors.push(AnswerError { item: id.clone(), problem });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn check_one(definition: &Definition, item: &Item, value: &AnswerValue) -> Option<AnswerProblem> {
    let wrong = |expected: &str| Some(AnswerProblem::WrongType { expected: expected.into() });
    let known = |key: &str| definition.options_of(item).iter().any(|option| option.key == key);
    match (item.kind, value) {
        (_, AnswerValue::Declined) if item.optional => None,
        (_, AnswerValue::Declined) => Some(AnswerProblem::DeclineNotAllowed),
        (ItemType::Likert | ItemType::Single, AnswerValue::Text(key)) => {
            (!known(key)).then(|| AnswerProblem::UnknownOption { key: key.clone() })
        }
        (ItemType::Likert | ItemType::Single, _) => wrong("an option key (a string)"),
        (ItemType::Number, AnswerValue::Number(number)) => {
            let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(0));
            (*number < min || *number > max).then_some(AnswerProblem::OutOfRange { min, max })
        }
        (ItemType::Number, _) => wrong("a whole number"),
        (ItemType::Multiple, AnswerValue::List(keys)) => {
            if keys.is_empty() && !item.optional {
                return Some(AnswerProblem::NothingChosen);
            }
            let mut seen = Vec::new();
            for key in keys {
                if !known(key) {
                    return Some(AnswerProblem::UnknownOption { key: key.clone() });
                }
                if seen.contains(&key) {
                    return Some(AnswerProblem::DuplicateOption { key: key.clone() });
                }
                seen.push(key);
            }
            let exclusive =
                definition.options_of(item).iter().find(|option| option.exclusive && keys.contains(&option.key));
            match exclusive {
                Some(option) if keys.len() > 1 => Some(AnswerProblem::ExclusiveOption { key: option.key.clone() }),
                _ => None,
            }
        }
        (ItemType::Multiple, _) => wrong("a list of option keys"),
        (ItemType::Matrix, AnswerValue::Grid(grid)) => grid.iter().find_map(|(row, column)| {
            if !item.rows.iter().any(|candidate| &candidate.key == row) {
                Some(AnswerProblem::UnknownOption { key: row.clone() })
            } else if !known(column) {
                Some(AnswerProblem::UnknownOption { key: column.clone() })
            } else {
                None
            }
        }),
        (ItemType::Matrix, _) => wrong("an object from row key to column key"),
        (ItemType::Text, AnswerValue::Text(text)) => {
            if text.chars().count() > MAX_TEXT_ANSWER {
                Some(AnswerProblem::TextTooLong { max: MAX_TEXT_ANSWER })
            } else if crate::text::forbidden_character(text, true).is_some() {
                Some(AnswerProblem::ForbiddenCharacter)
            } else {
                None
            }
        }
        (ItemType::Text, _) => wrong("text"),
    }
}

/// Ticks (`on`) or unticks option `key` of a multiple-choice answer, keeping exclusive options
/// exclusive: ticking one unticks all others, ticking another unticks it. Returns the keys now
/// ticked, in the order ticked, and the keys this unticked besides `key` itself, so that the
/// screen can say so.
pub fn toggle_option(options: &[AnswerOption], ticked: &[String], key: &str, on: bool) -> (Vec<String>, Vec<String>) {
    let is_exclusive = |candidate: &str| options.iter().any(|option| option.key == candidate && option.exclusive);
    let mut kept = Vec::with_capacity(ticked.len() + 1);
    let mut cleared = Vec::new();
    for other in ticked.iter().filter(|other| other.as_str() != key) {
        if on && (is_exclusive(key) || is_exclusive(other)) {
            cleared.push(other.clone());
        } else {
            kept.push(other.clone());
        }
    }
    if on {
        kept.push(key.to_owned());
    }
    (kept, cleared)
}

/// Whether the item is shown, given the answers so far. Items without a condition always are.
pub fn is_shown(definition: &Definition, item: &Item, answers: &Answers) -> bool {
    match &item.show_if {
        None => true,
        Some(condition) => match &condition.item {
            None => true,
            Some(source) => item_condition_holds(definition, source, condition, answers),
        },
    }
}

/// Whether a condition on the answer to item `source` holds. A condition on a hidden item cannot
/// hold: hiding cascades.
pub(crate) fn item_condition_holds(
    definition: &Definition,
    source: &str,
    condition: &Condition,
    answers: &Answers,
) -> bool {
    definition.item(source).is_some_and(|item| {
        is_shown(definition, item, answers)
            && answers.get(source).is_some_and(|answer| answer_meets(definition, item, answer, condition))
    })
}

/// An answer as a number: the option's value, or the number given; `None` for anything else.
pub(crate) fn answer_number(definition: &Definition, item: &Item, answer: &AnswerValue) -> Option<f64> {
    match answer {
        AnswerValue::Number(number) => Some(*number as f64),
        AnswerValue::Text(key) => definition.option_value(item, key),
        _ => None,
    }
}

/// Whether an answer meets a condition's tests.
fn answer_meets(definition: &Definition, item: &Item, answer: &AnswerValue, condition: &Condition) -> bool {
    let keys: Vec<&str> = match answer {
        AnswerValue::Text(key) => vec![key.as_str()],
        AnswerValue::List(keys) => keys.iter().map(String::as_str).collect(),
        AnswerValue::Grid(grid) => grid.values().map(String::as_str).collect(),
        AnswerValue::Number(_) | AnswerValue::Declined => Vec::new(),
    };
    let number = answer_number(definition, item, answer);
    let any_of_holds = condition.any_of.is_empty() || keys.iter().any(|key| condition.any_of.iter().any(|k| k == key));
    let at_least_holds = condition.at_least.is_none_or(|bound| number.is_some_and(|n| n >= bound));
    let at_most_holds = condition.at_most.is_none_or(|bound| number.is_some_and(|n| n <= bound));
    any_of_holds && at_least_holds && at_most_holds
}

/// Whether every shown, required item has an answer (for matrix items: every row).
pub fn is_complete(definition: &Definition, answers: &Answers) -> bool {
    first_unanswered(definition, answers).is_none()
}

/// The first shown, required item without a complete answer, in the order asked.
pub fn first_unanswered<'a>(definition: &'a Definition, answers: &Answers) -> Option<&'a Item> {
    definition.items().find(|item| !item.optional && is_shown(definition, item, answers) && !is_answered(item, answers))
}

/// Whether the item has an answer that counts as complete ("zeg ik liever niet" included).
pub fn is_answered(item: &Item, answers: &Answers) -> bool {
    match answers.get(&item.id) {
        None => false,
        Some(AnswerValue::Grid(grid)) => item.rows.iter().all(|row| grid.contains_key(&row.key)),
        Some(AnswerValue::List(keys)) => item.optional || !keys.is_empty(),
        Some(_) => true,
    }
}

/// Removes answers to items that the current answers hide, so that changing an earlier answer
/// never leaves a stale answer behind (which the server would refuse).
pub fn prune_hidden(definition: &Definition, answers: &mut Answers) {
    // One pass is enough: `is_shown` already follows a chain of conditions, and removing the
    // answer to a hidden item cannot change whether any other item is shown (whatever depends on
    // it is hidden already).
    let hidden: Vec<String> = answers
        .keys()
        .filter(|id| definition.item(id).is_some_and(|item| !is_shown(definition, item, answers)))
        .cloned()
        .collect();
    for id in hidden {
        answers.remove(&id);
    }
}

/// A complete, valid answer set: every shown item answered with its first option (or its
/// highest number, or a line of text). For authors (`werkscan example`), demos and tests.
pub fn example_answers(definition: &Definition) -> Answers {
    let mut answers = Answers::new();
    for item in definition.items() {
        let first = || definition.options_of(item).first().map(|option| option.key.clone()).unwrap_or_default();
        let value = match item.kind {
            ItemType::Likert | ItemType::Single => AnswerValue::Text(first()),
            ItemType::Number => AnswerValue::Number(item.max.unwrap_or(0)),
            ItemType::Multiple => AnswerValue::List(vec![first()]),
            ItemType::Matrix => AnswerValue::Grid(item.rows.iter().map(|row| (row.key.clone(), first())).collect()),
            ItemType::Text => AnswerValue::Text("Ik wil graag minder avonddiensten.".into()),
        };
        answers.insert(item.id.clone(), value);
    }
    prune_hidden(definition, &mut answers);
    answers
}
