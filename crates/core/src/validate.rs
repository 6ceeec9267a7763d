//! Validation of a resolved definition: every problem at once, each naming the field at fault by
//! its path in the source (for example `sections[1].items[0].scale`). The authoring loader turns
//! paths into file names and line numbers.

use std::collections::{BTreeMap, BTreeSet};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::model::{AnswerOption, BandSet, Condition, Definition, DefinitionKind, Item, ItemType, Method, Score};
use crate::scoring::{item_range, lookup, score_ranges};
use crate::text::Text;

/// One validation problem: the field at fault and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Problem {
    /// Path of the field, as written in the source (`scores[2].lookup[0].from`).
    pub path: String,
    /// What is wrong, in one sentence.
    pub message: String,
}

/// Checks a resolved definition and returns every problem found (empty when valid).
pub fn validate(definition: &Definition) -> Vec<Problem> {
    let mut check = Checker { definition, problems: Vec::new() };
    check.meta();
    check.scales();
    check.band_sets();
    check.sections();
    check.scores();
    check.flags();
    check.problems
}

struct Checker<'a> {
    definition: &'a Definition,
    problems: Vec<Problem>,
}

/// Not empty, and only a-z, 0-9, `_` and `-`.
fn slug_chars(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn is_slug(id: &str) -> bool {
    slug_chars(id) && id.starts_with(|c: char| c.is_ascii_lowercase())
}

impl<'a> Checker<'a> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into() });
    }

    /// Every number must reach the phone unchanged: the app reads numbers with
    /// [`crate::json::exact_f64`]. `Display` writes the shortest text that reads back as the same
    /// number, as the server's JSON does.
    fn exact(&mut self, path: impl FnOnce() -> String, value: f64) {
        if crate::json::exact_f64(&value.to_string()) != Some(value) {
            self.problem(
                path(),
                format!("{value} cannot be read exactly by the app: use at most 15 significant digits and a power of ten within ±22"),
            );
        }
    }

    fn text(&mut self, path: &str, text: &Text) {
        for lang in text.missing() {
            self.problem(format!("{path}.{}", lang.tag()), "translation is missing");
        }
    }

    fn id(&mut self, path: &str, id: &str, seen: &mut BTreeSet<String>, what: &str) {
        if !is_slug(id) {
            self.problem(path, format!("{what} id \"{id}\" must start with a letter and use only a-z, 0-9, _ and -"));
        }
        if !seen.insert(id.to_owned()) {
            self.problem(path, format!("duplicate {what} id \"{id}\""));
        }
    }

    fn meta(&mut self) {
        let meta = &self.definition.questionnaire;
        if !is_slug(&meta.id) {
            self.problem("questionnaire.id", "id must start with a letter and use only a-z, 0-9, _ and -");
        }
        let parts: Vec<&str> = meta.version.split('.').collect();
        if parts.len() != 3 || parts.iter().any(|part| part.parse::<u32>().is_err()) {
            self.problem("questionnaire.version", format!("version \"{}\" is not of the form 1.2.3", meta.version));
        }
        self.text("questionnaire.title", &meta.title);
        if meta.kind == DefinitionKind::Questionnaire {
            self.text("questionnaire.description", &meta.description);
            self.text("questionnaire.provenance", &meta.provenance);
            self.text("questionnaire.licence", &meta.licence);
            if meta.minutes == 0 {
                self.problem("questionnaire.minutes", "give the estimated minutes (more than 0)");
            }
            if self.definition.items().next().is_none() {
                self.problem("sections", "a questionnaire needs at least one item");
            }
        }
    }

    /// Checks a list of options; `exclusive` says whether they may be exclusive (only the
    /// options of a multiple-choice item can: elsewhere only one option is chosen anyway).
    fn options(&mut self, path: &str, options: &[AnswerOption], minimum: usize, exclusive: bool) {
        if options.len() < minimum {
            self.problem(path, format!("needs at least {minimum} options"));
        }
        let mut keys = BTreeSet::new();
        for (index, option) in options.iter().enumerate() {
            let option_path = format!("{path}[{index}]");
            if !keys.insert(option.key.as_str()) {
                self.problem(format!("{option_path}.key"), format!("duplicate option key \"{}\"", option.key));
            }
            if !slug_chars(&option.key) || option.key.starts_with('_') {
                // Keys starting with `_` stay reserved for the app's own markers.
                self.problem(
                    format!("{option_path}.key"),
                    format!("option key \"{}\" must use only a-z, 0-9, _ and -, and not start with _", option.key),
                );
            }
            self.text(&format!("{option_path}.label"), &option.label);
            if let Some(value) = option.value {
                self.exact(|| format!("{option_path}.value"), value);
            }
            if option.exclusive && !exclusive {
                self.problem(
                    format!("{option_path}.exclusive"),
                    "`exclusive` is only used by options of multiple-choice items",
                );
            }
        }
        if exclusive && !options.is_empty() && options.iter().all(|option| option.exclusive) {
            self.problem(path, "every option is exclusive: make this a single-choice item");
        }
    }

    fn scales(&mut self) {
        for (name, scale) in &self.definition.scales {
            self.options(&format!("scales.{name}.options"), &scale.options, 2, false);
        }
    }

    fn band_sets(&mut self) {
        for (name, set) in &self.definition.bands {
            let path = format!("bands.{name}.levels");
            if set.levels.is_empty() {
                self.problem(&path, "a band set needs at least one band");
            }
            let mut keys = BTreeSet::new();
            for (index, band) in set.levels.iter().enumerate() {
                let band_path = format!("{path}[{index}]");
                if !keys.insert(band.key.as_str()) {
                    self.problem(format!("{band_path}.key"), format!("duplicate band key \"{}\"", band.key));
                }
                self.exact(|| format!("{band_path}.from"), band.from);
                if index > 0 && band.from <= set.levels[index - 1].from {
                    self.problem(
                        format!("{band_path}.from"),
                        format!(
                            "bands overlap: lower bound {} is not above the previous band's {}",
                            band.from,
                            set.levels[index - 1].from
                        ),
                    );
                }
                self.text(&format!("{band_path}.label"), &band.label);
                self.text(&format!("{band_path}.explanation"), &band.explanation);
                self.text(&format!("{band_path}.advice"), &band.advice);
                if let Some(goal) = &band.goal {
                    self.text(&format!("{band_path}.goal"), goal);
                }
            }
        }
    }

    fn sections(&mut self) {
        let mut section_ids = BTreeSet::new();
        let mut item_ids = BTreeSet::new();
        let mut earlier: Vec<&'a Item> = Vec::new();
        for (s, section) in self.definition.sections.iter().enumerate() {
            let path = format!("sections[{s}]");
            self.id(&format!("{path}.id"), &section.id, &mut section_ids, "section");
            self.text(&format!("{path}.title"), &section.title);
            if let Some(intro) = &section.intro {
                self.text(&format!("{path}.intro"), intro);
            }
            if section.items.is_empty() {
                self.problem(format!("{path}.items"), "a section needs at least one item");
            }
            for (i, item) in section.items.iter().enumerate() {
                let item_path = format!("{path}.items[{i}]");
                self.id(&format!("{item_path}.id"), &item.id, &mut item_ids, "item");
                self.item(&item_path, item, &earlier);
                earlier.push(item);
            }
        }
    }

    fn item(&mut self, path: &str, item: &Item, earlier: &[&Item]) {
        self.text(&format!("{path}.text"), &item.text);
        if let Some(help) = &item.help {
            self.text(&format!("{path}.help"), help);
        }
        let kind = item.kind;
        let type_name = kind.name();
        let not_for = |this: &mut Self, field: &str, present: bool, allowed: &[ItemType]| {
            if present && !allowed.contains(&kind) {
                this.problem(format!("{path}.{field}"), format!("`{field}` is not used by {type_name} items"));
            }
        };
        not_for(self, "scale", item.scale.is_some(), &[ItemType::Likert]);
        not_for(self, "options", !item.options.is_empty(), &[ItemType::Likert, ItemType::Single, ItemType::Multiple]);
        not_for(self, "min", item.min.is_some(), &[ItemType::Number]);
        not_for(self, "max", item.max.is_some(), &[ItemType::Number]);
        not_for(self, "min_label", item.min_label.is_some(), &[ItemType::Number]);
        not_for(self, "max_label", item.max_label.is_some(), &[ItemType::Number]);
        not_for(self, "rows", !item.rows.is_empty(), &[ItemType::Matrix]);
        not_for(self, "columns", !item.columns.is_empty(), &[ItemType::Matrix]);
        not_for(self, "reverse", item.reverse, &[ItemType::Likert, ItemType::Single, ItemType::Number]);
        not_for(self, "weight", item.weight.is_some(), &[ItemType::Likert, ItemType::Single, ItemType::Number]);
        match kind {
            ItemType::Likert => match (&item.scale, item.options.is_empty()) {
                (Some(name), true) => {
                    if !self.definition.scales.contains_key(name) {
                        self.problem(format!("{path}.scale"), format!("unknown scale \"{name}\""));
                    }
                }
                (None, false) => self.options(&format!("{path}.options"), &item.options, 2, false),
                (Some(_), false) => {
                    self.problem(format!("{path}.options"), "give either `scale` or `options`, not both")
                }
                (None, true) => self.problem(format!("{path}.scale"), "a likert item needs `scale` or `options`"),
            },
            ItemType::Single => self.options(&format!("{path}.options"), &item.options, 2, false),
            ItemType::Multiple => self.options(&format!("{path}.options"), &item.options, 1, true),
            ItemType::Number => match (item.min, item.max) {
                (Some(min), Some(max)) if min < max => {
                    for (field, label) in [("min_label", &item.min_label), ("max_label", &item.max_label)] {
                        match label {
                            Some(text) => self.text(&format!("{path}.{field}"), text),
                            None => self.problem(format!("{path}.{field}"), format!("a number item needs `{field}`")),
                        }
                    }
                }
                (Some(_), Some(_)) => self.problem(format!("{path}.max"), "`max` must be above `min`"),
                _ => self.problem(format!("{path}.max"), "a number item needs `min` and `max`"),
            },
            ItemType::Matrix => {
                if item.rows.is_empty() {
                    self.problem(format!("{path}.rows"), "a matrix item needs rows");
                }
                let mut keys = BTreeSet::new();
                for (index, row) in item.rows.iter().enumerate() {
                    if !keys.insert(row.key.as_str()) {
                        self.problem(format!("{path}.rows[{index}].key"), format!("duplicate row key \"{}\"", row.key));
                    }
                    self.text(&format!("{path}.rows[{index}].label"), &row.label);
                }
                self.options(&format!("{path}.columns"), &item.columns, 2, false);
            }
            ItemType::Text => {}
        }
        if let Some(weight) = item.weight {
            if weight <= 0.0 || !weight.is_finite() {
                self.problem(format!("{path}.weight"), "weight must be above 0");
            }
            self.exact(|| format!("{path}.weight"), weight);
        }
        if item.reverse && item_range(self.definition, item).is_none() {
            self.problem(format!("{path}.reverse"), "only an item whose options have values can be reverse-coded");
        }
        if let Some(condition) = &item.show_if {
            self.show_if(&format!("{path}.show_if"), condition, earlier);
        }
    }

    fn show_if(&mut self, path: &str, condition: &Condition, earlier: &[&Item]) {
        if condition.score.is_some() {
            self.problem(format!("{path}.score"), "a question can only depend on an earlier answer, not on a score");
        }
        let Some(id) = &condition.item else {
            self.problem(path, "`show_if` needs `item`");
            return;
        };
        match earlier.iter().find(|item| &item.id == id) {
            Some(source) => self.condition_tests(path, condition, Some(source)),
            None if self.definition.item(id).is_some() => self.problem(
                format!("{path}.item"),
                format!("condition refers to \"{id}\", which is asked later; it must refer to an earlier item"),
            ),
            None => self.problem(format!("{path}.item"), format!("condition refers to unknown item \"{id}\"")),
        }
    }

    fn condition_tests(&mut self, path: &str, condition: &Condition, source: Option<&Item>) {
        if condition.any_of.is_empty() && condition.at_least.is_none() && condition.at_most.is_none() {
            self.problem(path, "a condition needs `any_of`, `at_least` or `at_most`");
        }
        for (field, bound) in [("at_least", condition.at_least), ("at_most", condition.at_most)] {
            if let Some(bound) = bound {
                self.exact(|| format!("{path}.{field}"), bound);
            }
        }
        let Some(source) = source else { return };
        let options = self.definition.options_of(source);
        for key in &condition.any_of {
            if !options.iter().any(|option| &option.key == key) {
                self.problem(format!("{path}.any_of"), format!("\"{}\" has no option \"{key}\"", source.id));
            }
        }
        if (condition.at_least.is_some() || condition.at_most.is_some())
            && item_range(self.definition, source).is_none()
        {
            self.problem(path, format!("\"{}\" has no numeric values to compare", source.id));
        }
    }

    fn scores(&mut self) {
        let ranges = score_ranges(self.definition);
        let mut ids = BTreeSet::new();
        let mut earlier: BTreeSet<&str> = BTreeSet::new();
        for (index, score) in self.definition.scores.iter().enumerate() {
            let path = format!("scores[{index}]");
            self.id(&format!("{path}.id"), &score.id, &mut ids, "score");
            if !score.hidden {
                self.text(&format!("{path}.label"), &score.label);
            }
            if let Some(note) = &score.note {
                self.text(&format!("{path}.note"), note);
            }
            if let Some(theme) = &score.theme {
                if !self.definition.sections.iter().any(|section| &section.id == theme) {
                    self.problem(format!("{path}.theme"), format!("unknown section \"{theme}\""));
                }
            }
            let inputs_ok = self.score_inputs(&path, score, &earlier);
            for (key, weights) in &score.weights {
                for (w, weight) in weights.iter().enumerate() {
                    self.exact(|| format!("{path}.weights.{key}[{w}]"), *weight);
                }
            }
            for (row, entry) in score.lookup.iter().enumerate() {
                self.exact(|| format!("{path}.lookup[{row}].from"), entry.from);
                self.exact(|| format!("{path}.lookup[{row}].points"), entry.points);
            }
            if let Some(fraction) = score.min_answered {
                self.exact(|| format!("{path}.min_answered"), fraction);
                if !(fraction > 0.0 && fraction <= 1.0) {
                    self.problem(format!("{path}.min_answered"), "min_answered is a fraction above 0 and at most 1");
                }
                if !matches!(score.method, Method::Sum | Method::Mean) {
                    self.problem(format!("{path}.min_answered"), "min_answered is only used by sum and mean");
                }
            }
            self.advice(&path, score);
            self.comparable_with(&path, score);
            if score.expert_only && score.hidden {
                self.problem(
                    format!("{path}.expert_only"),
                    "a hidden score is shown to nobody, so `expert_only` has no effect",
                );
            }
            if score.expert_only && score.headline {
                self.problem(
                    format!("{path}.expert_only"),
                    "a headline is shown to the person; it cannot be for the arbeidsdeskundige only",
                );
            }
            if inputs_ok {
                let range = ranges[score.id.as_str()];
                self.lookup_table(&path, score, range.raw);
                if let Some(name) = &score.bands {
                    match self.definition.bands.get(name) {
                        Some(set) => self.band_coverage(&format!("{path}.bands"), name, set, range.out),
                        None => self.problem(format!("{path}.bands"), format!("unknown band set \"{name}\"")),
                    }
                }
            }
            earlier.insert(&score.id);
        }
    }

    /// A score's own advice (`advice` for the person, `employer_advice` for the organisation):
    /// one text per band of its band set, no more and no fewer, so that no band silently falls
    /// back to a general paragraph or to nothing.
    fn advice(&mut self, path: &str, score: &Score) {
        self.advice_per_band(path, "advice", score, &score.advice);
        self.advice_per_band(path, "employer_advice", score, &score.employer_advice);
    }

    fn advice_per_band(&mut self, path: &str, field: &str, score: &Score, advice: &BTreeMap<String, Text>) {
        for (key, text) in advice {
            self.text(&format!("{path}.{field}.{key}"), text);
        }
        if advice.is_empty() {
            return;
        }
        let Some(name) = &score.bands else {
            self.problem(format!("{path}.{field}"), format!("`{field}` is given per band, so it needs `bands`"));
            return;
        };
        // An unknown band set is reported with `bands`.
        let Some(set) = self.definition.bands.get(name) else { return };
        for key in advice.keys() {
            if !set.levels.iter().any(|band| &band.key == key) {
                self.problem(format!("{path}.{field}.{key}"), format!("band set \"{name}\" has no band \"{key}\""));
            }
        }
        for band in &set.levels {
            if !advice.contains_key(&band.key) {
                self.problem(
                    format!("{path}.{field}"),
                    format!("no {} for band \"{}\" of \"{name}\"", field.replace('_', " "), band.key),
                );
            }
        }
    }

    /// `comparable_with` names earlier versions, each once and never this one.
    fn comparable_with(&mut self, path: &str, score: &Score) {
        let own = &self.definition.questionnaire.version;
        let mut seen = BTreeSet::new();
        for (index, version) in score.comparable_with.iter().enumerate() {
            let at = format!("{path}.comparable_with[{index}]");
            if version.trim().is_empty() {
                self.problem(at, "a version is needed here");
            } else if version == own {
                self.problem(at, format!("\"{version}\" is this definition's own version; name earlier versions only"));
            } else if !seen.insert(version.as_str()) {
                self.problem(at, format!("\"{version}\" is named twice"));
            }
        }
    }

    /// Checks what a score reads; returns whether its range can be computed.
    fn score_inputs(&mut self, path: &str, score: &Score, earlier: &BTreeSet<&str>) -> bool {
        let before = self.problems.len();
        let method = score.method;
        if method == Method::Total {
            if score.scores.is_empty() {
                self.problem(format!("{path}.scores"), "a total needs `scores`");
            }
            for id in &score.scores {
                if !earlier.contains(id.as_str()) {
                    let message = if self.definition.score(id).is_some() {
                        format!("score \"{id}\" is defined later; a total can only add earlier scores")
                    } else {
                        format!("unknown score \"{id}\"")
                    };
                    self.problem(format!("{path}.scores"), message);
                }
            }
            if !score.items.is_empty() || score.section.is_some() {
                self.problem(format!("{path}.items"), "a total adds scores, not items");
            }
            return self.problems.len() == before;
        }
        if !score.scores.is_empty() {
            self.problem(format!("{path}.scores"), "`scores` is only used by method total");
        }
        match (&score.section, score.items.is_empty()) {
            (Some(_), false) => self.problem(format!("{path}.items"), "give either `items` or `section`, not both"),
            (None, true) => self.problem(format!("{path}.items"), "a score needs `items` or `section`"),
            (Some(section), true) => {
                if !self.definition.sections.iter().any(|candidate| &candidate.id == section) {
                    self.problem(format!("{path}.section"), format!("unknown section \"{section}\""));
                }
            }
            (None, false) => {
                for id in &score.items {
                    if self.definition.item(id).is_none() {
                        self.problem(format!("{path}.items"), format!("unknown item \"{id}\""));
                    }
                }
            }
        }
        if self.problems.len() > before {
            return false;
        }
        let items = self.definition.score_items(score);
        let single = matches!(method, Method::Value | Method::Lowest | Method::Count);
        if single && items.len() != 1 {
            self.problem(format!("{path}.items"), "this method reads exactly one item");
            return false;
        }
        let needed_type = match method {
            Method::Lowest => Some(ItemType::Multiple),
            Method::Count => Some(ItemType::Matrix),
            _ => None,
        };
        for item in &items {
            match needed_type {
                Some(kind) if item.kind != kind => {
                    self.problem(
                        format!("{path}.items"),
                        format!("\"{}\" must be a {kind:?} item for this method", item.id).to_lowercase(),
                    );
                }
                Some(_) => {}
                None if matches!(item.kind, ItemType::Multiple | ItemType::Matrix | ItemType::Text) => {
                    self.problem(
                        format!("{path}.items"),
                        format!("\"{}\" has no single numeric value to score", item.id),
                    );
                }
                None => {}
            }
            let options = self.definition.options_of(item);
            if method != Method::Count
                && item.kind != ItemType::Number
                && options.iter().any(|option| option.value.is_none())
            {
                self.problem(
                    format!("{path}.items"),
                    format!("every option of \"{}\" needs a `value` to be scored", item.id),
                );
            }
        }
        if method == Method::Count {
            match (&score.column, items.first()) {
                (Some(column), Some(item)) if !item.columns.iter().any(|option| &option.key == column) => {
                    self.problem(format!("{path}.column"), format!("\"{}\" has no column \"{column}\"", item.id));
                }
                (None, _) => self.problem(format!("{path}.column"), "a count needs `column`"),
                _ => {}
            }
        } else if score.column.is_some() {
            self.problem(format!("{path}.column"), "`column` is only used by method count");
        }
        if method == Method::Weighted {
            self.weights(path, score, items.len());
        } else if score.weight_by.is_some() || !score.weights.is_empty() {
            self.problem(format!("{path}.weight_by"), "`weight_by` and `weights` are only used by method weighted");
        }
        self.problems.len() == before
    }

    fn weights(&mut self, path: &str, score: &Score, item_count: usize) {
        let Some(id) = &score.weight_by else {
            self.problem(format!("{path}.weight_by"), "a weighted score needs `weight_by`");
            return;
        };
        let Some(driver) = self.definition.item(id) else {
            self.problem(format!("{path}.weight_by"), format!("unknown item \"{id}\""));
            return;
        };
        if driver.kind != ItemType::Single {
            self.problem(format!("{path}.weight_by"), format!("\"{id}\" must be a single-choice item"));
            return;
        }
        let keys: BTreeSet<&str> = driver.options.iter().map(|option| option.key.as_str()).collect();
        let given: BTreeSet<&str> = score.weights.keys().map(String::as_str).collect();
        for missing in keys.difference(&given) {
            self.problem(format!("{path}.weights"), format!("no weights for option \"{missing}\" of \"{id}\""));
        }
        for unknown in given.difference(&keys) {
            self.problem(format!("{path}.weights.{unknown}"), format!("\"{id}\" has no option \"{unknown}\""));
        }
        for (key, weights) in &score.weights {
            if weights.len() != item_count {
                self.problem(
                    format!("{path}.weights.{key}"),
                    format!("{} weights given for {item_count} items", weights.len()),
                );
            }
            if weights.iter().any(|weight| *weight < 0.0 || !weight.is_finite()) {
                self.problem(format!("{path}.weights.{key}"), "weights must be 0 or more");
            }
        }
    }

    fn lookup_table(&mut self, path: &str, score: &Score, (low, high): (f64, f64)) {
        let rows = &score.lookup;
        if rows.is_empty() {
            return;
        }
        for index in 1..rows.len() {
            if rows[index].from <= rows[index - 1].from {
                self.problem(
                    format!("{path}.lookup[{index}].from"),
                    format!(
                        "rows overlap: {} is not above the previous row's {}",
                        rows[index].from,
                        rows[index - 1].from
                    ),
                );
            }
        }
        if lookup(rows, low).is_none() {
            self.problem(
                format!("{path}.lookup[0].from"),
                format!("the table does not cover inputs from {low} up to {}", rows[0].from),
            );
        }
        for (index, row) in rows.iter().enumerate() {
            if row.from > high {
                self.problem(
                    format!("{path}.lookup[{index}].from"),
                    format!("row starts at {}, above the highest reachable input {high}", row.from),
                );
            }
        }
    }

    fn band_coverage(&mut self, path: &str, name: &str, set: &BandSet, (low, high): (f64, f64)) {
        let Some(first) = set.levels.first() else { return };
        if first.from > low {
            self.problem(
                path,
                format!("band set \"{name}\" leaves a gap: scores from {low} up to {} fall in no band", first.from),
            );
        }
        for band in &set.levels {
            if band.from > high {
                self.problem(
                    path,
                    format!(
                        "band \"{}\" of \"{name}\" starts at {}, above the highest reachable score {high}",
                        band.key, band.from
                    ),
                );
            }
        }
    }

    fn flags(&mut self) {
        let mut ids = BTreeSet::new();
        let bands_by_score: BTreeMap<&str, Option<&BandSet>> = self
            .definition
            .scores
            .iter()
            .map(|score| (score.id.as_str(), score.bands.as_ref().and_then(|name| self.definition.bands.get(name))))
            .collect();
        for (index, flag) in self.definition.flags.iter().enumerate() {
            let path = format!("flags[{index}]");
            self.id(&format!("{path}.id"), &flag.id, &mut ids, "flag");
            self.text(&format!("{path}.text"), &flag.text);
            let when = &flag.when;
            let when_path = format!("{path}.when");
            match (&when.item, &when.score) {
                (Some(id), None) => match self.definition.item(id) {
                    Some(item) => self.condition_tests(&when_path, when, Some(item)),
                    None => self.problem(format!("{when_path}.item"), format!("unknown item \"{id}\"")),
                },
                (None, Some(id)) => match bands_by_score.get(id.as_str()) {
                    Some(bands) => {
                        self.condition_tests(&when_path, when, None);
                        for key in &when.any_of {
                            if !bands.is_some_and(|set| set.levels.iter().any(|band| &band.key == key)) {
                                self.problem(
                                    format!("{when_path}.any_of"),
                                    format!("score \"{id}\" has no band \"{key}\""),
                                );
                            }
                        }
                    }
                    None => self.problem(format!("{when_path}.score"), format!("unknown score \"{id}\"")),
                },
                _ => self.problem(&when_path, "a flag's condition needs exactly one of `item` and `score`"),
            }
        }
    }
}
