//! Shared answers as the arbeidsdeskundige reads them: per theme, each question with the words
//! of the chosen option(s), not option keys. Only questions the person answered (or chose not to
//! answer) are listed; questions they never saw stay out.

use werkscan_core::model::{AnswerOption, ItemType};
use werkscan_core::{AnswerValue, Answers, Definition, Text};

/// An answer in words.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerWords {
    /// "Zeg ik liever niet".
    Declined,
    /// The chosen option(s), in their words.
    Options(Vec<Text>),
    /// A number, with the scale's end labels for context.
    Number {
        /// The number.
        value: i64,
        /// Lowest and highest, if the item has them.
        range: Option<(i64, i64)>,
    },
    /// Free text, as typed.
    Free(String),
    /// A matrix: each row's label with the chosen column's.
    Grid(Vec<(Text, Text)>),
    /// An answer that does not fit the definition (shown as stored rather than hidden).
    Unreadable(String),
}

/// One answered question.
#[derive(Clone, Debug, PartialEq)]
pub struct AnsweredItem {
    /// Item id.
    pub id: String,
    /// The question.
    pub question: Text,
    /// The answer.
    pub answer: AnswerWords,
}

/// A theme's answered questions.
#[derive(Clone, Debug, PartialEq)]
pub struct AnsweredSection {
    /// The theme's name.
    pub title: Text,
    /// Its answered questions, in the order they were asked.
    pub items: Vec<AnsweredItem>,
}

fn option_text(options: &[AnswerOption], key: &str) -> Option<Text> {
    options.iter().find(|option| option.key == key).map(|option| option.label.clone())
}

fn words(definition: &Definition, item: &werkscan_core::model::Item, value: &AnswerValue) -> AnswerWords {
    let options = definition.options_of(item);
    let unreadable = || AnswerWords::Unreadable(format!("{value:?}"));
    match (item.kind, value) {
        (_, AnswerValue::Declined) => AnswerWords::Declined,
        (ItemType::Text, AnswerValue::Text(text)) => AnswerWords::Free(text.clone()),
        (ItemType::Likert | ItemType::Single, AnswerValue::Text(key)) => {
            option_text(options, key).map(|text| AnswerWords::Options(vec![text])).unwrap_or_else(unreadable)
        }
        (ItemType::Multiple, AnswerValue::List(keys)) => {
            let texts: Option<Vec<Text>> = keys.iter().map(|key| option_text(options, key)).collect();
            texts.map(AnswerWords::Options).unwrap_or_else(unreadable)
        }
        (ItemType::Number, AnswerValue::Number(number)) => {
            AnswerWords::Number { value: *number, range: item.min.zip(item.max) }
        }
        (ItemType::Matrix, AnswerValue::Grid(grid)) => {
            let rows: Option<Vec<(Text, Text)>> = item
                .rows
                .iter()
                .filter_map(|row| grid.get(&row.key).map(|column| (row, column)))
                .map(|(row, column)| option_text(&item.columns, column).map(|text| (row.label.clone(), text)))
                .collect();
            rows.map(AnswerWords::Grid).unwrap_or_else(unreadable)
        }
        _ => unreadable(),
    }
}

/// The shared answers per theme, in the order the questionnaire asks them.
pub fn answered_sections(definition: &Definition, answers: &Answers) -> Vec<AnsweredSection> {
    definition
        .sections
        .iter()
        .map(|section| AnsweredSection {
            title: section.title.clone(),
            items: section
                .items
                .iter()
                .filter_map(|item| {
                    let value = answers.get(&item.id)?;
                    Some(AnsweredItem {
                        id: item.id.clone(),
                        question: item.text.clone(),
                        answer: words(definition, item, value),
                    })
                })
                .collect(),
        })
        .filter(|section| !section.items.is_empty())
        .collect()
}
