//! What changed between two versions (`werkscan_core::changes`), and the rule that an id keeps its
//! meaning: every kind of change on a small definition edited as an author edits its TOML, every
//! meaning rule with the diagnostic at the id in the new file, and the shipped history (each
//! archived version against the next) passing the rule.

use std::path::Path;

use werkscan_core::authoring::{load, SourceFile};
use werkscan_core::changes::{
    compare, id_meaning_problems, same_measure, BandsChange, Changes, Entry, FlagChange, ItemChange, MetaChange,
    ScoreChange, SectionChange, Status,
};
use werkscan_core::model::{ItemType, Method};
use werkscan_core::{Definition, Lang};

use crate::support::{questionnaires_dir, shipped, sources};

/// A small questionnaire with one item of every type, a shared scale, a conditional item, and
/// scores of several methods. Each test edits its text the way an author would.
const BASE: &str = r#"[questionnaire]
id = "proef"
version = "1.0.0"
minutes = 2
title = { nl = "Proef", en = "Trial" }
description = { nl = "Een proef", en = "A trial" }
provenance = { nl = "Eigen", en = "Own" }
licence = { nl = "EUPL", en = "EUPL" }

[scales.eens3]
options = [
  { key = "oneens", value = 1, label = { nl = "Oneens", en = "Disagree" } },
  { key = "neutraal", value = 2, label = { nl = "Neutraal", en = "Neutral" } },
  { key = "eens", value = 3, label = { nl = "Eens", en = "Agree" } },
]

[bands.niveau]
levels = [
  { key = "laag", from = 0, signal = "attention", label = { nl = "Laag", en = "Low" }, explanation = { nl = "Laag", en = "Low" }, advice = { nl = "Praat erover", en = "Talk about it" } },
  { key = "hoog", from = 50, signal = "good", label = { nl = "Hoog", en = "High" }, explanation = { nl = "Hoog", en = "High" }, advice = { nl = "Houd het vast", en = "Keep it" } },
]

[[sections]]
id = "werk"
title = { nl = "Werk", en = "Work" }
intro = { nl = "Over je werk.", en = "About your work." }

[[sections.items]]
id = "w_1"
type = "likert"
scale = "eens3"
text = { nl = "Mijn werk gaat goed.", en = "My work goes well." }

[[sections.items]]
id = "w_2"
type = "likert"
scale = "eens3"
reverse = true
text = { nl = "Mijn werk is zwaar.", en = "My work is hard." }

[[sections.items]]
id = "w_3"
type = "likert"
scale = "eens3"
text = { nl = "Ik kan het volhouden.", en = "I can keep it up." }
show_if = { item = "w_1", any_of = ["oneens"] }

[[sections]]
id = "overig"
title = { nl = "Overig", en = "Other" }

[[sections.items]]
id = "o_1"
type = "single"
text = { nl = "Hoe reis je?", en = "How do you travel?" }
options = [
  { key = "fiets", value = 1, label = { nl = "Fiets", en = "Bike" } },
  { key = "auto", value = 2, label = { nl = "Auto", en = "Car" } },
  { key = "bus", value = 3, label = { nl = "Bus", en = "Bus" } },
]

[[sections.items]]
id = "o_2"
type = "number"
text = { nl = "Hoe gaat het?", en = "How are you?" }
min = 0
max = 10
min_label = { nl = "Slecht", en = "Badly" }
max_label = { nl = "Goed", en = "Well" }

[[sections.items]]
id = "o_3"
type = "matrix"
text = { nl = "Heb je dit?", en = "Do you have this?" }
columns = [
  { key = "nee", label = { nl = "Nee", en = "No" } },
  { key = "ja", label = { nl = "Ja", en = "Yes" } },
]
rows = [
  { key = "rug", label = { nl = "Rugpijn", en = "Back pain" } },
  { key = "hoofd", label = { nl = "Hoofdpijn", en = "Headache" } },
]

[[sections.items]]
id = "o_4"
type = "multiple"
text = { nl = "Wat hindert je?", en = "What hinders you?" }
options = [
  { key = "niets", value = 3, exclusive = true, label = { nl = "Niets", en = "Nothing" } },
  { key = "pijn", value = 1, label = { nl = "Pijn", en = "Pain" } },
]

[[sections.items]]
id = "o_5"
type = "text"
optional = true
text = { nl = "Nog iets?", en = "Anything else?" }

[[scores]]
id = "werk"
label = { nl = "Werk", en = "Work" }
theme = "werk"
method = "mean"
items = ["w_1", "w_2"]
rescale = true
bands = "niveau"

[scores.advice]
laag = { nl = "Bespreek je werk", en = "Discuss your work" }
hoog = { nl = "Ga zo door", en = "Keep going" }

[[scores]]
id = "cijfer"
label = { nl = "Cijfer", en = "Mark" }
method = "value"
items = ["o_2"]

[[scores]]
id = "klachten"
label = { nl = "Klachten", en = "Complaints" }
method = "count"
items = ["o_3"]
column = "ja"
hidden = true

[[scores]]
id = "hinder"
label = { nl = "Hinder", en = "Hindrance" }
method = "lowest"
items = ["o_4"]
hidden = true

[[scores]]
id = "samen"
label = { nl = "Samen", en = "Together" }
method = "total"
scores = ["cijfer", "hinder"]

[[flags]]
id = "zwaar"
when = { item = "w_2", any_of = ["eens"] }
text = { nl = "Je werk is zwaar.", en = "Your work is hard." }
"#;

const FILE: &str = "proef.toml";

/// Text replacements, each `(from, to)`.
type Edits<'a> = &'a [(&'a str, &'a str)];

/// The one questionnaire in `text`; panics with the diagnostics if it does not load.
fn definition(text: &str) -> Definition {
    let loaded = load(&[source(text)]);
    let problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "the edited definition must load:\n{}", problems.join("\n"));
    loaded.questionnaires.into_iter().next().expect("one questionnaire")
}

fn source(text: &str) -> SourceFile {
    SourceFile { path: FILE.into(), contents: text.into() }
}

/// `BASE` with each `(from, to)` replaced (each `from` must occur), and the version raised.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.replace("version = \"1.0.0\"", "version = \"2.0.0\"");
    for (from, to) in edits {
        assert!(text.contains(from), "the base has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// The changes from the base to the edited text.
fn changes(edits: &[(&str, &str)]) -> Changes {
    compare(&definition(BASE), &definition(&edited(edits)))
}

/// The changes of one changed element, failing when it was added, removed or unchanged.
fn changed<K: Clone + std::fmt::Debug>(entries: &[Entry<K>], id: &str) -> Vec<K> {
    match entries.iter().find(|entry| entry.id == id).map(|entry| &entry.status) {
        Some(Status::Changed(kinds)) => kinds.clone(),
        other => panic!("{id} is not changed but {other:?}"),
    }
}

/// The id problems of the edited text against the base, as `werkscan check` would print them.
fn problems(edits: &[(&str, &str)]) -> Vec<String> {
    let text = edited(edits);
    id_meaning_problems(&definition(BASE), &definition(&text), &[source(&text)])
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The 1-based line and column of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    let before = &text[..offset];
    (before.matches('\n').count() + 1, before.rsplit('\n').next().unwrap().chars().count() + 1)
}

#[test]
fn a_definition_compared_with_itself_has_no_changes() {
    let base = definition(BASE);
    assert!(compare(&base, &base).is_empty());
    assert!(compare(&base, &base).lines().is_empty());
    assert!(id_meaning_problems(&base, &base, &[source(BASE)]).is_empty());
}

#[test]
fn the_shipped_questionnaires_compared_with_themselves_give_no_changes_and_no_problems() {
    let files = sources(&questionnaires_dir());
    for definition in &shipped().questionnaires {
        let found = compare(definition, definition);
        assert!(found.is_empty(), "{}: {found:?}", definition.questionnaire.id);
        assert_eq!(id_meaning_problems(definition, definition, &files), [], "{}", definition.questionnaire.id);
        for score in &definition.scores {
            assert!(same_measure(definition, definition, &score.id), "{}", score.id);
        }
    }
    assert_eq!(shipped().questionnaires.len(), 3);
}

#[test]
fn the_questionnaire_itself() {
    let found = changes(&[
        ("title = { nl = \"Proef\", en = \"Trial\" }", "title = { nl = \"Proef\", en = \"Test run\" }"),
        ("minutes = 2", "minutes = 3"),
        ("description = { nl = \"Een proef\"", "description = { nl = \"Een test\""),
        ("provenance = { nl = \"Eigen\", en = \"Own\" }", "provenance = { nl = \"Eigen\", en = \"Ours\" }"),
        ("licence = { nl = \"EUPL\"", "licence = { nl = \"EUPL-1.2\""),
    ]);
    assert_eq!(
        found.questionnaire,
        [
            MetaChange::Version { was: "1.0.0".into(), now: "2.0.0".into() },
            MetaChange::Title(Lang::En),
            MetaChange::Description(Lang::Nl),
            MetaChange::Minutes { was: 2, now: 3 },
            MetaChange::Provenance(Lang::En),
            MetaChange::Licence(Lang::Nl),
        ]
    );
    assert_eq!(
        found.lines(),
        ["questionnaire: version 1.0.0 became 2.0.0; title reworded (en); description reworded (nl); minutes 2 became 3; provenance reworded (en); licence reworded (nl)"]
    );
    let mut other = definition(BASE);
    other.questionnaire.id = "ander".into();
    assert_eq!(
        compare(&definition(BASE), &other).questionnaire,
        [MetaChange::Id { was: "proef".into(), now: "ander".into() }]
    );
}

#[test]
fn items_added_removed_and_reworded() {
    let found = changes(&[
        (
            "[[sections.items]]\nid = \"o_5\"\ntype = \"text\"\noptional = true\ntext = { nl = \"Nog iets?\", en = \"Anything else?\" }\n",
            "[[sections.items]]\nid = \"o_6\"\ntype = \"text\"\noptional = true\ntext = { nl = \"Nog iets?\", en = \"Anything else?\" }\n",
        ),
        ("text = { nl = \"Mijn werk gaat goed.\"", "text = { nl = \"Mijn werk gaat prima.\""),
        ("text = { nl = \"Hoe reis je?\", en = \"How do you travel?\" }", "text = { nl = \"Hoe reis je?\", en = \"How do you get to work?\" }\nhelp = { nl = \"Meestal\", en = \"Mostly\" }"),
    ]);
    assert_eq!(changed(&found.items, "w_1"), [ItemChange::Text(Lang::Nl)]);
    assert_eq!(
        changed(&found.items, "o_1"),
        [ItemChange::Text(Lang::En), ItemChange::Help(Lang::Nl), ItemChange::Help(Lang::En)]
    );
    let added_and_removed: Vec<(&str, &Status<ItemChange>)> = found
        .items
        .iter()
        .filter(|entry| !matches!(entry.status, Status::Changed(_)))
        .map(|entry| (entry.id.as_str(), &entry.status))
        .collect();
    assert_eq!(added_and_removed, [("o_6", &Status::Added), ("o_5", &Status::Removed)], "added in order, then removed");
    let lines = found.lines();
    assert!(lines.contains(&"item w_1: question reworded (nl)".to_owned()), "{lines:?}");
    assert!(lines.contains(&"item o_6: added".to_owned()), "{lines:?}");
    assert!(lines.contains(&"item o_5: removed".to_owned()), "{lines:?}");
    // Wording alone keeps the id: nothing to say.
    assert_eq!(
        problems(&[
            ("text = { nl = \"Mijn werk gaat goed.\"", "text = { nl = \"Mijn werk gaat prima.\""),
            (
                "{ key = \"eens\", value = 3, label = { nl = \"Eens\", en = \"Agree\" } }",
                "{ key = \"eens\", value = 3, label = { nl = \"Mee eens\", en = \"Agree\" } }"
            ),
        ]),
        Vec::<String>::new()
    );
}

#[test]
fn a_shared_scale_is_compared_as_each_item_offers_it() {
    let found = changes(&[(
        "{ key = \"eens\", value = 3, label = { nl = \"Eens\", en = \"Agree\" } }",
        "{ key = \"eens\", value = 4, label = { nl = \"Eens\", en = \"I agree\" } }",
    )]);
    for id in ["w_1", "w_2", "w_3"] {
        assert_eq!(
            changed(&found.items, id),
            [
                ItemChange::Labels(Lang::En),
                ItemChange::OptionValue { key: "eens".into(), was: Some(3.0), now: Some(4.0) }
            ],
            "{id}"
        );
    }
    // Another scale with the same options is no change to what the item offers.
    let found = changes(&[
        ("[bands.niveau]", "[scales.kopie]\noptions = [\n  { key = \"oneens\", value = 1, label = { nl = \"Oneens\", en = \"Disagree\" } },\n  { key = \"neutraal\", value = 2, label = { nl = \"Neutraal\", en = \"Neutral\" } },\n  { key = \"eens\", value = 3, label = { nl = \"Eens\", en = \"Agree\" } },\n]\n\n[bands.niveau]"),
        ("scale = \"eens3\"\ntext = { nl = \"Mijn werk gaat goed.\"", "scale = \"kopie\"\ntext = { nl = \"Mijn werk gaat goed.\""),
    ]);
    let kinds = changed(&found.items, "w_1");
    assert_eq!(kinds, [ItemChange::Scale { was: Some("eens3".into()), now: Some("kopie".into()) }]);
    assert!(!kinds[0].changes_meaning());
}

#[test]
fn options_added_removed_revalued_reordered_and_made_exclusive() {
    let found = changes(&[
        (
            "  { key = \"fiets\", value = 1, label = { nl = \"Fiets\", en = \"Bike\" } },\n  { key = \"auto\", value = 2, label = { nl = \"Auto\", en = \"Car\" } },",
            "  { key = \"auto\", value = 2, label = { nl = \"Auto\", en = \"Car\" } },\n  { key = \"fiets\", value = 1, label = { nl = \"Fiets\", en = \"Bike\" } },\n  { key = \"trein\", value = 3, label = { nl = \"Trein\", en = \"Train\" } },",
        ),
        ("{ key = \"niets\", value = 3, exclusive = true,", "{ key = \"niets\", value = 3,"),
        ("{ key = \"pijn\", value = 1, label", "{ key = \"pijn\", value = 1, exclusive = true, label"),
    ]);
    assert_eq!(
        changed(&found.items, "o_1"),
        [ItemChange::OptionAdded { key: "trein".into() }, ItemChange::OptionsReordered]
    );
    assert_eq!(
        changed(&found.items, "o_4"),
        [
            ItemChange::Exclusive { key: "niets".into(), now: false },
            ItemChange::Exclusive { key: "pijn".into(), now: true }
        ]
    );
    let found = changes(&[("  { key = \"auto\", value = 2, label = { nl = \"Auto\", en = \"Car\" } },\n", "")]);
    assert_eq!(changed(&found.items, "o_1"), [ItemChange::OptionRemoved { key: "auto".into() }]);
    assert!(ItemChange::OptionRemoved { key: "auto".into() }.changes_meaning());
    assert!(ItemChange::OptionAdded { key: "trein".into() }.changes_meaning());
    assert!(!ItemChange::OptionsReordered.changes_meaning());
    assert!(!ItemChange::Exclusive { key: "pijn".into(), now: true }.changes_meaning());
}

#[test]
fn numbers_matrices_and_types() {
    let found = changes(&[
        ("min = 0\nmax = 10", "min = 1\nmax = 10"),
        ("max_label = { nl = \"Goed\", en = \"Well\" }", "max_label = { nl = \"Heel goed\", en = \"Well\" }"),
        (
            "  { key = \"rug\", label = { nl = \"Rugpijn\", en = \"Back pain\" } },\n  { key = \"hoofd\", label = { nl = \"Hoofdpijn\", en = \"Headache\" } },",
            "  { key = \"hoofd\", label = { nl = \"Hoofdpijn\", en = \"Headache\" } },\n  { key = \"rug\", label = { nl = \"Rugpijn\", en = \"Back ache\" } },\n  { key = \"knie\", label = { nl = \"Kniepijn\", en = \"Knee pain\" } },",
        ),
        ("  { key = \"ja\", label = { nl = \"Ja\", en = \"Yes\" } },", "  { key = \"ja\", label = { nl = \"Ja\", en = \"Yes\" } },\n  { key = \"misschien\", label = { nl = \"Misschien\", en = \"Maybe\" } },"),
    ]);
    assert_eq!(
        changed(&found.items, "o_2"),
        [ItemChange::Labels(Lang::Nl), ItemChange::Range { was: (Some(0), Some(10)), now: (Some(1), Some(10)) }]
    );
    assert_eq!(
        changed(&found.items, "o_3"),
        [
            ItemChange::Labels(Lang::En),
            ItemChange::OptionAdded { key: "misschien".into() },
            ItemChange::RowAdded { key: "knie".into() },
            ItemChange::RowsReordered,
        ]
    );
    let found = changes(&[("  { key = \"hoofd\", label = { nl = \"Hoofdpijn\", en = \"Headache\" } },\n", "")]);
    assert_eq!(changed(&found.items, "o_3"), [ItemChange::RowRemoved { key: "hoofd".into() }]);
    // Rows are questions of their own: adding or removing one leaves the others' answers as
    // they were. The count that reads them changes, which is the score's change.
    assert!(!ItemChange::RowAdded { key: "knie".into() }.changes_meaning());
    assert!(!ItemChange::RowRemoved { key: "hoofd".into() }.changes_meaning());
    assert_eq!(
        changed(&found.scores, "klachten"),
        [ScoreChange::Input { id: "o_3".into() }, ScoreChange::Range { was: (0.0, 2.0), now: (0.0, 1.0) }]
    );

    let found = changes(&[("id = \"o_1\"\ntype = \"single\"", "id = \"o_1\"\ntype = \"likert\"")]);
    assert_eq!(changed(&found.items, "o_1"), [ItemChange::Kind { was: ItemType::Single, now: ItemType::Likert }]);
}

#[test]
fn coding_weight_readers_section_optional_and_condition() {
    let found = changes(&[
        ("reverse = true\ntext = { nl = \"Mijn werk is zwaar.\"", "text = { nl = \"Mijn werk is zwaar.\""),
        (
            "scale = \"eens3\"\ntext = { nl = \"Mijn werk gaat goed.\"",
            "scale = \"eens3\"\nweight = 2\noptional = true\ntext = { nl = \"Mijn werk gaat goed.\"",
        ),
        (
            "show_if = { item = \"w_1\", any_of = [\"oneens\"] }",
            "show_if = { item = \"w_1\", any_of = [\"oneens\", \"neutraal\"] }",
        ),
        ("items = [\"w_1\", \"w_2\"]", "items = [\"w_1\"]"),
        ("method = \"value\"\nitems = [\"o_2\"]", "method = \"value\"\nitems = [\"w_2\"]"),
    ]);
    assert_eq!(
        changed(&found.items, "w_2"),
        [
            ItemChange::Reverse { now: false },
            ItemChange::Scores { joined: vec!["cijfer".into()], left: vec!["werk".into()] }
        ]
    );
    assert_eq!(
        changed(&found.items, "w_1"),
        [ItemChange::Weight { was: 1.0, now: 2.0 }, ItemChange::Optional { now: true }]
    );
    let kinds = changed(&found.items, "w_3");
    assert!(matches!(&kinds[..], [ItemChange::Condition { was: Some(_), now: Some(_) }]), "{kinds:?}");
    assert_eq!(kinds[0].to_string(), "shown under another condition");
    assert_eq!(changed(&found.items, "o_2"), [ItemChange::Scores { joined: vec![], left: vec!["cijfer".into()] }]);

    // Moving an item to another theme.
    let moved = edited(&[]).replacen(
        "[[sections.items]]\nid = \"w_3\"",
        "[[sections]]\nid = \"later\"\ntitle = { nl = \"Later\", en = \"Later\" }\n\n[[sections.items]]\nid = \"w_3\"",
        1,
    );
    let found = compare(&definition(BASE), &definition(&moved));
    assert_eq!(changed(&found.items, "w_3"), [ItemChange::Section { was: "werk".into(), now: "later".into() }]);
    assert_eq!(
        found.sections.iter().map(|entry| (entry.id.as_str(), &entry.status)).collect::<Vec<_>>(),
        [("later", &Status::Added)]
    );

    for kind in [
        ItemChange::Weight { was: 1.0, now: 2.0 },
        ItemChange::Optional { now: true },
        ItemChange::Section { was: "a".into(), now: "b".into() },
    ] {
        assert!(!kind.changes_meaning(), "{kind:?}");
    }
    assert!(ItemChange::Reverse { now: false }.changes_meaning());
    assert!(!ItemChange::Scores { joined: vec![], left: vec!["werk".into()] }.changes_meaning());
}

#[test]
fn sections_bands_and_flags() {
    let found = changes(&[
        ("title = { nl = \"Werk\", en = \"Work\" }\nintro = { nl = \"Over je werk.\", en = \"About your work.\" }", "title = { nl = \"Je werk\", en = \"Work\" }"),
        (
            "[[sections.items]]\nid = \"w_1\"\ntype = \"likert\"\nscale = \"eens3\"\ntext = { nl = \"Mijn werk gaat goed.\", en = \"My work goes well.\" }\n\n[[sections.items]]\nid = \"w_2\"\ntype = \"likert\"\nscale = \"eens3\"\nreverse = true\ntext = { nl = \"Mijn werk is zwaar.\", en = \"My work is hard.\" }\n",
            "[[sections.items]]\nid = \"w_2\"\ntype = \"likert\"\nscale = \"eens3\"\nreverse = true\ntext = { nl = \"Mijn werk is zwaar.\", en = \"My work is hard.\" }\n\n[[sections.items]]\nid = \"w_1\"\ntype = \"likert\"\nscale = \"eens3\"\ntext = { nl = \"Mijn werk gaat goed.\", en = \"My work goes well.\" }\n",
        ),
        ("{ key = \"hoog\", from = 50, signal = \"good\", label = { nl = \"Hoog\", en = \"High\" }", "{ key = \"hoog\", from = 60, signal = \"good\", label = { nl = \"Hoog\", en = \"Good\" }"),
        ("when = { item = \"w_2\", any_of = [\"eens\"] }\ntext = { nl = \"Je werk is zwaar.\"", "when = { item = \"w_2\", any_of = [\"eens\", \"neutraal\"] }\ntext = { nl = \"Je werk is best zwaar.\""),
    ]);
    assert_eq!(
        changed(&found.sections, "werk"),
        [
            SectionChange::Title(Lang::Nl),
            SectionChange::Intro(Lang::Nl),
            SectionChange::Intro(Lang::En),
            SectionChange::Order
        ]
    );
    assert_eq!(changed(&found.bands, "niveau"), [BandsChange::Levels, BandsChange::Words(Lang::En)]);
    assert_eq!(changed(&found.flags, "zwaar"), [FlagChange::Text(Lang::Nl), FlagChange::Condition]);
    assert_eq!(changed(&found.scores, "werk"), [ScoreChange::Bands]);
    let lines = found.lines();
    assert!(
        lines.contains(&"bands niveau: keys, lower bounds or signals changed; reworded (en)".to_owned()),
        "{lines:?}"
    );
    assert!(lines.contains(&"flag zwaar: text reworded (nl); raised under another condition".to_owned()), "{lines:?}");
    assert!(lines.contains(&"section werk: title reworded (nl); introduction reworded (nl); introduction reworded (en); items in another order".to_owned()), "{lines:?}");
}

#[test]
fn scores_reads_rule_range_words_and_where_shown() {
    let found = changes(&[
        ("items = [\"w_1\", \"w_2\"]\nrescale = true", "items = [\"w_1\", \"w_2\", \"w_3\"]\nmin_answered = 0.5\nrescale = true"),
        ("laag = { nl = \"Bespreek je werk\", en = \"Discuss your work\" }", "laag = { nl = \"Bespreek je werk\", en = \"Talk about your work\" }"),
        ("label = { nl = \"Cijfer\", en = \"Mark\" }\nmethod = \"value\"", "label = { nl = \"Je cijfer\", en = \"Mark\" }\nnote = { nl = \"Van 0 tot 10\", en = \"From 0 to 10\" }\nheadline = true\nmethod = \"value\""),
        ("method = \"lowest\"\nitems = [\"o_4\"]", "method = \"value\"\nitems = [\"o_1\"]"),
    ]);
    assert_eq!(
        changed(&found.scores, "werk"),
        [
            ScoreChange::Reads { added: vec!["w_3".into()], removed: vec![] },
            ScoreChange::Rule,
            ScoreChange::Advice(Lang::En)
        ]
    );
    assert_eq!(
        changed(&found.scores, "cijfer"),
        [ScoreChange::Label(Lang::Nl), ScoreChange::Note(Lang::Nl), ScoreChange::Note(Lang::En), ScoreChange::Shown]
    );
    assert_eq!(
        changed(&found.scores, "hinder"),
        [
            ScoreChange::Reads { added: vec!["o_1".into()], removed: vec!["o_4".into()] },
            ScoreChange::Method { was: Method::Lowest, now: Method::Value },
        ]
    );
    // A total reads its input scores: one that measures differently is an input that changed.
    assert_eq!(changed(&found.scores, "samen"), [ScoreChange::Input { id: "hinder".into() }]);
    for kind in
        [ScoreChange::Label(Lang::Nl), ScoreChange::Note(Lang::En), ScoreChange::Advice(Lang::En), ScoreChange::Shown]
    {
        assert!(!kind.changes_measure(), "{kind:?}");
    }
    assert!(!same_measure(
        &definition(BASE),
        &definition(&edited(&[("rescale = true", "rescale = true\nmin_answered = 0.5")])),
        "werk"
    ));
    assert!(same_measure(
        &definition(BASE),
        &definition(&edited(&[(
            "label = { nl = \"Werk\", en = \"Work\" }\ntheme",
            "label = { nl = \"Het werk\", en = \"Work\" }\ntheme"
        )])),
        "werk"
    ));

    let found = changes(&[
        ("scores = [\"cijfer\", \"hinder\"]", "scores = [\"cijfer\"]"),
        ("bands = \"niveau\"\n", "bands = \"niveau\"\ncomparable_with = [\"1.0.0\"]\n"),
    ]);
    assert_eq!(
        changed(&found.scores, "samen")[0],
        ScoreChange::Reads { added: vec![], removed: vec!["hinder".into()] }
    );
    assert_eq!(
        changed(&found.scores, "werk"),
        [ScoreChange::ComparableWith { was: vec![], now: vec!["1.0.0".into()] }]
    );
    assert_eq!(
        found.scores.iter().filter(|entry| entry.status == Status::Added || entry.status == Status::Removed).count(),
        0
    );
}

#[test]
fn an_item_id_kept_with_another_meaning_is_a_problem_at_its_id() {
    // The reverse coding flipped, as when "Mijn werk is zwaar" became "Mijn werk is licht".
    let text = edited(&[(
        "reverse = true\ntext = { nl = \"Mijn werk is zwaar.\", en = \"My work is hard.\" }",
        "text = { nl = \"Mijn werk is licht.\", en = \"My work is light.\" }",
    )]);
    let found = id_meaning_problems(&definition(BASE), &definition(&text), &[source(&text)]);
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, column) = position(&text, "id = \"w_2\"");
    assert_eq!((found[0].file.as_str(), found[0].line, found[0].column), (FILE, line, column));
    assert_eq!(found[0].field, "sections[0].items[1].id");
    assert_eq!(
        found[0].to_string(),
        format!("proef.toml:{line}:{column}: sections[0].items[1].id: item \"w_2\" no longer means what it meant in version 1.0.0 (no longer reverse-coded); give it a new id and leave \"w_2\" retired, since answers, exports and group figures rely on it")
    );

    // Every meaning rule, each on its own.
    let cases: [(Edits, &str, &str); 5] = [
        (&[("id = \"o_1\"\ntype = \"single\"", "id = \"o_1\"\ntype = \"likert\"")], "o_1", "type single became likert"),
        (&[("{ key = \"auto\", value = 2,", "{ key = \"auto\", value = 5,")], "o_1", "option \"auto\" is worth 5, was 2"),
        (&[("  { key = \"auto\", value = 2, label = { nl = \"Auto\", en = \"Car\" } },\n", "")], "o_1", "option \"auto\" removed"),
        (&[("{ key = \"pijn\", value = 1, label = { nl = \"Pijn\", en = \"Pain\" } },", "{ key = \"pijn\", value = 1, label = { nl = \"Pijn\", en = \"Pain\" } },\n  { key = \"moe\", value = 2, label = { nl = \"Moe\", en = \"Tired\" } },")], "o_4", "option \"moe\" added"),
        (&[("min = 0\nmax = 10", "min = 1\nmax = 5")], "o_2", "answers run from 1 to 5, was 0 to 10"),
    ];
    for (edits, id, reason) in cases {
        let found = problems(edits);
        assert_eq!(found.len(), 1, "{id}: {found:?}");
        assert!(
            found[0].contains(&format!("item \"{id}\" no longer means what it meant in version 1.0.0 ({reason})")),
            "{found:?}"
        );
        let (line, column) = position(&edited(edits), &format!("id = \"{id}\""));
        assert!(found[0].starts_with(&format!("proef.toml:{line}:{column}: sections[1].items[")), "{found:?}");
    }

    // A changed shared scale is a problem at every item that offers it.
    let found = problems(&[("{ key = \"eens\", value = 3,", "{ key = \"eens\", value = 4,")]);
    let ids: Vec<&str> = found.iter().map(|line| line.split('"').nth(1).unwrap()).collect();
    assert_eq!(ids, ["w_1", "w_2", "w_3"], "{found:?}");

    // What an id may survive: wording, order, exclusivity, optionality, condition, weight,
    // section, readers, rows.
    assert_eq!(
        problems(&[
            ("text = { nl = \"Hoe reis je?\"", "text = { nl = \"Hoe kom je naar je werk?\""),
            ("{ key = \"niets\", value = 3, exclusive = true,", "{ key = \"niets\", value = 3,"),
            ("show_if = { item = \"w_1\", any_of = [\"oneens\"] }", ""),
            ("  { key = \"hoofd\", label = { nl = \"Hoofdpijn\", en = \"Headache\" } },\n", ""),
            ("items = [\"w_1\", \"w_2\"]", "items = [\"w_1\", \"w_2\", \"w_3\"]"),
        ]),
        Vec::<String>::new()
    );
}

#[test]
fn a_score_that_claims_to_compare_must_measure_the_same() {
    let claim = ("bands = \"niveau\"\n", "bands = \"niveau\"\ncomparable_with = [\"1.0.0\"]\n");
    // Declared comparable, and the same measure with other words: fine.
    assert_eq!(
        problems(&[claim, ("hoog = { nl = \"Ga zo door\"", "hoog = { nl = \"Houd dit vast\"")]),
        Vec::<String>::new()
    );
    // Declared comparable while it reads another item: the declaration is at fault.
    let edits = [claim, ("items = [\"w_1\", \"w_2\"]", "items = [\"w_1\", \"w_3\"]")];
    let found = problems(&edits);
    let (line, column) = position(&edited(&edits), "\"1.0.0\"]");
    assert_eq!(
        found,
        [format!("proef.toml:{line}:{column}: scores[0].comparable_with[0]: score \"werk\" is declared comparable with version 1.0.0 but measures something else (now reads \"w_3\", no longer reads \"w_2\"); take 1.0.0 out of `comparable_with`, so that histories and trends do not compare it")]
    );
    // Not declared: a new series under the same id, as the shipped themes did in 3.0.0.
    assert_eq!(problems(&[("items = [\"w_1\", \"w_2\"]", "items = [\"w_1\", \"w_3\"]")]), Vec::<String>::new());
    // Its bands moved, or an item it reads is coded the other way: the item's problem, and the
    // declared score's too.
    let found = problems(&[claim, ("from = 50, signal = \"good\"", "from = 60, signal = \"good\"")]);
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("measures something else (its bands changed)"), "{found:?}");
    let found = problems(&[claim, ("reverse = true\ntext", "text")]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[1].contains("(\"w_2\" counts differently)"), "{found:?}");

    // The same version with another computation compares by the rule (results of one version
    // always compare), so the version must be raised.
    let same_version = BASE.replace("items = [\"w_1\", \"w_2\"]", "items = [\"w_1\", \"w_3\"]");
    let found = id_meaning_problems(&definition(BASE), &definition(&same_version), &[source(&same_version)]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field, "scores[0].id");
    assert!(found[0].message.ends_with("but the version is still 1.0.0; raise the version"), "{found:?}");
}

#[test]
fn problems_in_a_part_point_into_the_part() {
    let part = "[questionnaire]\nid = \"deel\"\nversion = \"1.0.0\"\nkind = \"part\"\ntitle = { nl = \"Deel\", en = \"Part\" }\n\n[[sections]]\nid = \"deel\"\ntitle = { nl = \"Deel\", en = \"Part\" }\n\n[[sections.items]]\nid = \"d_1\"\ntype = \"number\"\ntext = { nl = \"Hoeveel?\", en = \"How many?\" }\nmin = 0\nmax = 5\nmin_label = { nl = \"Geen\", en = \"None\" }\nmax_label = { nl = \"Veel\", en = \"Many\" }\n";
    let with_part = |text: &str, part: &str| {
        vec![
            source(&text.replacen(
                "[[sections]]\nid = \"overig\"",
                "[[sections]]\ninclude = \"deel\"\n\n[[sections]]\nid = \"overig\"",
                1,
            )),
            SourceFile { path: "parts/deel.toml".into(), contents: part.into() },
        ]
    };
    let old_files = with_part(BASE, part);
    let new_part = part.replace("max = 5", "max = 7");
    let new_files = with_part(&edited(&[]), &new_part);
    let (old, new) = (load(&old_files), load(&new_files));
    assert!(old.diagnostics.is_empty() && new.diagnostics.is_empty(), "{:?} {:?}", old.diagnostics, new.diagnostics);
    let found = id_meaning_problems(&old.questionnaires[0], &new.questionnaires[0], &new_files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].file.as_str(), found[0].field.as_str()), ("parts/deel.toml", "sections[0].items[0].id"));
    assert_eq!((found[0].line, found[0].column), position(&new_part, "id = \"d_1\""));
    // Sources that do not hold the questionnaire still say which id, in the questionnaire's name.
    let found = id_meaning_problems(&old.questionnaires[0], &new.questionnaires[0], &[]);
    assert_eq!(found[0].to_string().split(": ").next(), Some("proef:1:1"));
}

/// An archived definition (tests/fixtures/previous).
fn archived(id: &str, version: &str) -> Definition {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/previous/{id}-{version}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("archived")).expect("the model reads it")
}

/// The shipped history keeps to the rule: from 1.0.0 to 2.0.0 to the current version, no item id
/// changed its meaning and no score declared comparable measures differently (what the project
/// replaced got new ids, as questionnaires/README.md lists).
#[test]
fn the_shipped_history_keeps_every_id_meaning() {
    let files = sources(&questionnaires_dir());
    for definition in &shipped().questionnaires {
        let id = definition.questionnaire.id.as_str();
        let (first, second) = (archived(id, "1.0.0"), archived(id, "2.0.0"));
        let meaning_changes = |old: &Definition, new: &Definition| -> Vec<String> {
            compare(old, new)
                .items
                .iter()
                .filter_map(|entry| match &entry.status {
                    Status::Changed(kinds) if kinds.iter().any(ItemChange::changes_meaning) => Some(entry.id.clone()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(meaning_changes(&first, &second), Vec::<String>::new(), "{id} 1.0.0 to 2.0.0");
        assert_eq!(meaning_changes(&second, definition), Vec::<String>::new(), "{id} 2.0.0 to now");
        assert_eq!(id_meaning_problems(&second, definition, &files), [], "{id} 2.0.0 to now");
        // The themes the README calls a new series do measure differently; the others do not.
        for score in &definition.scores {
            if second.score(&score.id).is_some() {
                let declared = score.comparable_with.iter().any(|version| version == "2.0.0");
                if declared {
                    assert!(same_measure(&second, definition, &score.id), "{id} {}", score.id);
                } else if score.theme.is_some() {
                    assert!(!same_measure(&second, definition, &score.id), "{id} {}", score.id);
                }
            }
        }
    }
    // And the check would have caught a replaced item that kept its id.
    let mut careless = shipped().questionnaires.iter().find(|d| d.questionnaire.id == "werkscan").unwrap().clone();
    let item = careless
        .sections
        .iter_mut()
        .flat_map(|section| section.items.iter_mut())
        .find(|item| item.id == "lc_9")
        .unwrap();
    item.id = "lc_8".into();
    let before = archived("werkscan", "2.0.0");
    let found = compare(&before, &careless);
    assert!(changed(&found.items, "lc_8").contains(&ItemChange::Reverse { now: false }));
}
