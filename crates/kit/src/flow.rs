//! The questionnaire flow as plain data and operations: which question is shown, what "next"
//! and "back" do, and when the report may be shown. Components only call these (the todomvc
//! pattern), so the rules are tested without a browser.

use werkscan_core::answers::{first_unanswered, is_answered, is_shown, prune_hidden, toggle_option};
use werkscan_core::json::{FromJson, Json, JsonError, Reader, ToJson};
use werkscan_core::model::{Item, Section};
use werkscan_core::{score, AnswerValue, Answers, Definition, ScanResult, Text};

/// Where the person is in a scan. Stored as `{"at": "intro" | "question" | "report"}`, with
/// `"item"` for a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The introduction before the first question.
    Intro,
    /// A question, by item id.
    Question(String),
    /// The report (all required questions answered).
    Report,
}

impl FromJson for Step {
    fn from_json(json: &Json) -> Result<Step, JsonError> {
        let mut r = Reader::new(json)?;
        let at = r.string("at");
        let step = match at.as_str() {
            "intro" => Step::Intro,
            "question" => Step::Question(r.string("item")),
            "report" => Step::Report,
            other => return Err(JsonError::new("at", format!("unknown step `{other}`"))),
        };
        r.finish().map(|()| step)
    }
}

impl ToJson for Step {
    fn to_json(&self) -> Json {
        let at = |name: &str| ("at".to_owned(), Json::String(name.to_owned()));
        Json::Object(match self {
            Step::Intro => vec![at("intro")],
            Step::Question(item) => vec![at("question"), ("item".to_owned(), Json::String(item.clone()))],
            Step::Report => vec![at("report")],
        })
    }
}

/// Why "next" did not move on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// The current question is required and has no answer yet.
    NeedsAnswer,
}

/// A scan in progress: the definition, the answers so far and the current step.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    /// The definition being filled in (the version the person started with).
    pub definition: Definition,
    /// Answers so far.
    pub answers: Answers,
    /// The current step.
    pub step: Step,
}

impl Flow {
    /// A new scan at its introduction.
    pub fn new(definition: Definition) -> Flow {
        Flow { definition, answers: Answers::new(), step: Step::Intro }
    }

    /// The items shown with the current answers, in order.
    pub fn visible_items(&self) -> Vec<&Item> {
        self.definition.items().filter(|item| is_shown(&self.definition, item, &self.answers)).collect()
    }

    /// The current item, if the step is a question.
    pub fn current_item(&self) -> Option<&Item> {
        match &self.step {
            Step::Question(id) => self.definition.item(id),
            _ => None,
        }
    }

    /// The section (theme) an item belongs to.
    pub fn section_of(&self, item_id: &str) -> Option<&Section> {
        self.definition.sections.iter().find(|section| section.items.iter().any(|item| item.id == item_id))
    }

    /// "Question 7 of 42": the 1-based position of the current question among the visible ones,
    /// and how many are visible now.
    pub fn progress(&self) -> Option<(usize, usize)> {
        let current = self.current_item()?;
        let visible = self.visible_items();
        let index = visible.iter().position(|item| item.id == current.id)?;
        Some((index + 1, visible.len()))
    }

    /// Records an answer and drops answers to items the change hides.
    pub fn answer(&mut self, item_id: &str, value: AnswerValue) {
        self.answers.insert(item_id.to_owned(), value);
        prune_hidden(&self.definition, &mut self.answers);
    }

    /// Removes an answer (for example unticking the last box of an optional question).
    pub fn clear(&mut self, item_id: &str) {
        self.answers.remove(item_id);
        prune_hidden(&self.definition, &mut self.answers);
    }

    /// Ticks (`on`) or unticks option `key` of a multiple-choice item, keeping exclusive options
    /// exclusive ([`toggle_option`]): ticking one unticks the others, ticking another unticks
    /// it. Returns the labels of the options this unticked besides `key`, for the screen to say.
    pub fn toggle(&mut self, item_id: &str, key: &str, on: bool) -> Vec<Text> {
        let Some(item) = self.definition.item(item_id) else { return Vec::new() };
        let options = self.definition.options_of(item);
        let ticked = match self.answers.get(item_id) {
            Some(AnswerValue::List(keys)) => keys.clone(),
            _ => Vec::new(),
        };
        let (keys, cleared) = toggle_option(options, &ticked, key, on);
        let labels =
            options.iter().filter(|option| cleared.contains(&option.key)).map(|option| option.label.clone()).collect();
        if keys.is_empty() {
            self.clear(item_id);
        } else {
            self.answer(item_id, AnswerValue::List(keys));
        }
        labels
    }

    /// Starts at the first question.
    pub fn start(&mut self) {
        if let Some(first) = self.visible_items().first() {
            self.step = Step::Question(first.id.clone());
        }
    }

    /// Moves to the next visible question, or to the report after the last one.
    pub fn go_next(&mut self) -> Result<(), Blocked> {
        let Some(current) = self.current_item() else {
            self.start();
            return Ok(());
        };
        if !current.optional && !is_answered(current, &self.answers) {
            return Err(Blocked::NeedsAnswer);
        }
        let current_id = current.id.clone();
        let visible = self.visible_items();
        let index = visible.iter().position(|item| item.id == current_id).unwrap_or(0);
        self.step = match visible.get(index + 1) {
            Some(next) => Step::Question(next.id.clone()),
            // Only finished scans get a report; an unanswered required item sends the person back.
            None => match first_unanswered(&self.definition, &self.answers) {
                Some(missing) => Step::Question(missing.id.clone()),
                None => Step::Report,
            },
        };
        Ok(())
    }

    /// Moves to the previous visible question, or to the introduction from the first.
    pub fn go_back(&mut self) {
        self.step = match &self.step {
            Step::Intro => Step::Intro,
            Step::Report => self.visible_items().last().map_or(Step::Intro, |item| Step::Question(item.id.clone())),
            Step::Question(id) => {
                let visible = self.visible_items();
                match visible.iter().position(|item| &item.id == id) {
                    Some(0) | None => Step::Intro,
                    Some(index) => Step::Question(visible[index - 1].id.clone()),
                }
            }
        };
    }

    /// The result, computed on the device.
    pub fn result(&self) -> ScanResult {
        // The flow only ever stores answers checked against this definition, so scoring cannot
        // fail; if it ever did, an empty result is safer than a crash in the person's hands.
        score(&self.definition, &self.answers).unwrap_or_else(|_| ScanResult {
            definition: self.definition.questionnaire.id.clone(),
            version: self.definition.questionnaire.version.clone(),
            content_hash: self.definition.content_hash.clone().unwrap_or_default(),
            scores: Vec::new(),
            flags: Vec::new(),
        })
    }
}
