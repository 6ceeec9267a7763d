//! Golden cases for the Work Ability Index, worked out by hand from the published rules
//! (domain.md §4): every row of every item's table, the job-type weighting with half points,
//! the category boundaries, "lowest ticked counts" and "only a physician's diagnosis counts".

use serde_json::json;
use werkscan_core::answers::toggle_option;
use werkscan_core::report::{build, Audience};
use werkscan_core::{score, AnswerProblem, AnswerValue, Answers, Definition};

use crate::support::questionnaire;

/// The 14 disease groups of the WAI's short list, neurological and sensory diseases together.
const DISEASE_ROWS: [&str; 14] = [
    "ongeval",
    "spieren_gewrichten",
    "hart_bloedvaten",
    "luchtwegen",
    "psychisch",
    "zenuwen_zintuigen",
    "spijsvertering",
    "urogenitaal",
    "huid",
    "tumor",
    "hormonen_stofwisseling",
    "bloed",
    "aangeboren",
    "overig",
];

/// One person's WAI answers, in the terms of the questionnaire.
#[derive(Clone)]
struct Wai {
    item1: i64,
    job: &'static str,
    physical: &'static str,
    mental: &'static str,
    /// Disease groups diagnosed by a physician.
    diagnosed: usize,
    /// Disease groups the person only thinks they have (must not count).
    own_opinion: usize,
    impairment: Vec<&'static str>,
    sick_days: &'static str,
    prognosis: &'static str,
    resources: [&'static str; 3],
}

impl Wai {
    fn answers(&self) -> Answers {
        let mut grid = serde_json::Map::new();
        for (index, row) in DISEASE_ROWS.iter().enumerate() {
            let column = if index < self.diagnosed {
                "arts"
            } else if index < self.diagnosed + self.own_opinion {
                "eigen_mening"
            } else {
                "nee"
            };
            grid.insert((*row).into(), json!(column));
        }
        serde_json::from_value(json!({
            "wai_1": self.item1,
            "wai_werk": self.job,
            "wai_2a": self.physical,
            "wai_2b": self.mental,
            "wai_3": grid,
            "wai_4": self.impairment,
            "wai_5": self.sick_days,
            "wai_6": self.prognosis,
            "wai_7a": self.resources[0],
            "wai_7b": self.resources[1],
            "wai_7c": self.resources[2],
        }))
        .expect("valid answers JSON")
    }
}

/// A person with every answer at the top of its table: total 49.
fn best() -> Wai {
    Wai {
        item1: 10,
        job: "beide",
        physical: "zeer_goed",
        mental: "zeer_goed",
        diagnosed: 0,
        own_opinion: 0,
        impairment: vec!["geen_hinder"],
        sick_days: "geen",
        prognosis: "vrij_zeker",
        resources: ["vaak", "vaak", "vaak"],
    }
}

fn value(definition: &Definition, answers: &Answers, id: &str) -> f64 {
    let result = score(definition, answers).expect("answers fit the WAI");
    result.score(id).and_then(|score| score.value).unwrap_or_else(|| panic!("{id} has no value"))
}

fn total_and_category(definition: &Definition, person: &Wai) -> (f64, String) {
    let result = score(definition, &person.answers()).expect("answers fit the WAI");
    let wai = result.score("wai").expect("wai score");
    (wai.value.expect("complete answers give a total"), wai.band.clone().expect("a category"))
}

#[test]
fn item_1_counts_its_own_points() {
    let wai = questionnaire("wai");
    for points in 0..=10 {
        let person = Wai { item1: points, ..best() };
        assert_eq!(value(&wai, &person.answers(), "wai_1"), points as f64);
    }
}

#[test]
fn item_2_is_weighted_by_the_kind_of_work_with_half_points() {
    let wai = questionnaire("wai");
    // (job, physical, mental, expected): physical×1.5 + mental×0.5, the reverse, or plain sum.
    let cases = [
        ("lichamelijk", "zeer_goed", "vrij_slecht", 8.5), // 5×1.5 + 2×0.5
        ("geestelijk", "zeer_goed", "vrij_slecht", 5.5),  // 5×0.5 + 2×1.5
        ("beide", "zeer_goed", "vrij_slecht", 7.0),       // 5 + 2
        ("lichamelijk", "vrij_goed", "redelijk", 7.5),    // 4×1.5 + 3×0.5
        ("geestelijk", "vrij_goed", "redelijk", 6.5),     // 4×0.5 + 3×1.5
        ("lichamelijk", "zeer_slecht", "zeer_slecht", 2.0),
        ("geestelijk", "zeer_goed", "zeer_goed", 10.0),
    ];
    for (job, physical, mental, expected) in cases {
        let person = Wai { job, physical, mental, ..best() };
        assert_eq!(value(&wai, &person.answers(), "wai_2"), expected, "{job} {physical} {mental}");
    }
}

#[test]
fn item_3_counts_only_diagnoses_by_a_physician() {
    let wai = questionnaire("wai");
    let table = [(0, 7.0), (1, 5.0), (2, 4.0), (3, 3.0), (4, 2.0), (5, 1.0), (6, 1.0), (14, 1.0)];
    for (diagnosed, points) in table {
        let person = Wai { diagnosed, ..best() };
        assert_eq!(value(&wai, &person.answers(), "wai_3"), points, "{diagnosed} diagnoses");
    }
    // Own opinion, however often, does not count.
    let person = Wai { diagnosed: 1, own_opinion: 10, ..best() };
    assert_eq!(value(&wai, &person.answers(), "wai_3"), 5.0);
    let person = Wai { diagnosed: 0, own_opinion: 14, ..best() };
    assert_eq!(value(&wai, &person.answers(), "wai_3"), 7.0);
}

#[test]
fn item_3_lists_the_14_disease_groups_of_the_wai_as_diagnosed_diseases() {
    let wai = questionnaire("wai");
    let item = wai.item("wai_3").expect("the disease list");
    let rows: Vec<&str> = item.rows.iter().map(|row| row.key.as_str()).collect();
    assert_eq!(rows, DISEASE_ROWS, "neurological and sensory diseases are one group, as in the WAI");
    // Worded as a disease or condition, not as complaints ("klachten").
    for row in &item.rows {
        let label = row.label.nl.to_lowercase();
        assert!(!label.contains("klacht") && !label.contains("problem"), "{}: {}", row.key, row.label.nl);
        assert!(
            ["ziekte", "aandoening", "letsel", "tumor"].iter().any(|word| label.contains(word)),
            "{}: {}",
            row.key,
            row.label.nl
        );
    }
    let columns: Vec<&str> = item.columns.iter().map(|column| column.key.as_str()).collect();
    assert_eq!(columns, ["nee", "eigen_mening", "arts"]);
    // The total over the full table: 14 diagnoses give the lowest item score, and the lowest
    // possible total is still 7.
    let worst = Wai {
        diagnosed: 14,
        item1: 0,
        job: "lichamelijk",
        physical: "zeer_slecht",
        mental: "zeer_slecht",
        impairment: vec!["niet_werken"],
        sick_days: "100_365",
        prognosis: "onwaarschijnlijk",
        resources: ["nooit", "nooit", "nooit"],
        ..best()
    };
    assert_eq!(total_and_category(&wai, &worst), (7.0, "slecht".to_owned()));
}

#[test]
fn item_3_needs_every_row_answered() {
    let wai = questionnaire("wai");
    let mut answers = best().answers();
    answers.insert("wai_3".into(), serde_json::from_value(json!({ "psychisch": "arts" })).unwrap());
    let result = score(&wai, &answers).unwrap();
    assert_eq!(result.score("wai_3").unwrap().value, None, "a partly filled list is not zero diseases");
    assert_eq!(result.score("wai").unwrap().value, None);
}

#[test]
fn item_4_the_lowest_ticked_option_counts() {
    let wai = questionnaire("wai");
    let single = [
        ("geen_hinder", 6.0),
        ("klachten", 5.0),
        ("soms_aanpassen", 4.0),
        ("vaak_aanpassen", 3.0),
        ("deeltijd", 2.0),
        ("niet_werken", 1.0),
    ];
    for (option, points) in single {
        let person = Wai { impairment: vec![option], ..best() };
        assert_eq!(value(&wai, &person.answers(), "wai_4"), points, "{option}");
    }
    let person = Wai { impairment: vec!["klachten", "deeltijd", "soms_aanpassen"], ..best() };
    assert_eq!(value(&wai, &person.answers(), "wai_4"), 2.0);
}

#[test]
fn item_4_no_hindrance_excludes_every_other_option() {
    for id in ["wai", "werkscan"] {
        let definition = questionnaire(id);
        let item = definition.item("wai_4").expect("item 4");
        let exclusive: Vec<&str> =
            item.options.iter().filter(|option| option.exclusive).map(|option| option.key.as_str()).collect();
        assert_eq!(exclusive, ["geen_hinder"], "{id}");
        // The Werkscan's short form asks every item but the disease list.
        let answers_of = |person: Wai| {
            let mut answers = person.answers();
            answers.retain(|key, _| definition.item(key).is_some());
            answers
        };
        // Alone it is the best answer; with any other option, in either order, it is refused.
        assert!(score(&definition, &answers_of(Wai { impairment: vec!["geen_hinder"], ..best() })).is_ok());
        for other in ["klachten", "soms_aanpassen", "vaak_aanpassen", "deeltijd", "niet_werken"] {
            for impairment in [vec!["geen_hinder", other], vec![other, "geen_hinder"]] {
                let answers = answers_of(Wai { impairment, ..best() });
                let errors = score(&definition, &answers).expect_err("no hindrance with hindrance");
                assert_eq!(errors.len(), 1, "{errors:?}");
                assert_eq!(errors[0].item, "wai_4");
                assert_eq!(errors[0].problem, AnswerProblem::ExclusiveOption { key: "geen_hinder".into() });
                assert!(errors[0].to_string().contains("geen_hinder"), "{}", errors[0]);
            }
        }
    }
    // The total with it: 49, the best.
    let wai = questionnaire("wai");
    assert_eq!(total_and_category(&wai, &best()), (49.0, "uitstekend".to_owned()));
}

#[test]
fn ticking_no_hindrance_unticks_the_others_and_the_other_way_round() {
    let wai = questionnaire("wai");
    let options = wai.options_of(wai.item("wai_4").unwrap());
    let keys = |list: &[&str]| list.iter().map(|key| (*key).to_owned()).collect::<Vec<String>>();
    let (ticked, cleared) = toggle_option(options, &keys(&["klachten", "deeltijd"]), "geen_hinder", true);
    assert_eq!((ticked, cleared), (keys(&["geen_hinder"]), keys(&["klachten", "deeltijd"])));
    let (ticked, cleared) = toggle_option(options, &keys(&["geen_hinder"]), "klachten", true);
    assert_eq!((ticked, cleared), (keys(&["klachten"]), keys(&["geen_hinder"])));
    // Between ordinary options nothing is unticked; unticking clears nothing else either.
    let (ticked, cleared) = toggle_option(options, &keys(&["klachten"]), "deeltijd", true);
    assert_eq!((ticked, cleared), (keys(&["klachten", "deeltijd"]), Vec::<String>::new()));
    let (ticked, cleared) = toggle_option(options, &keys(&["klachten", "deeltijd"]), "klachten", false);
    assert_eq!((ticked, cleared), (keys(&["deeltijd"]), Vec::<String>::new()));
    // Whatever is ticked in whatever order, the result is an answer the check accepts.
    let all: Vec<&str> = options.iter().map(|option| option.key.as_str()).collect();
    for first in &all {
        for second in &all {
            let (once, _) = toggle_option(options, &[], first, true);
            let (twice, _) = toggle_option(options, &once, second, true);
            let mut answers = best().answers();
            answers.insert("wai_4".into(), AnswerValue::List(twice.clone()));
            assert!(score(&wai, &answers).is_ok(), "{first} then {second}: {twice:?}");
        }
    }
}

#[test]
fn items_5_and_6_follow_their_tables() {
    let wai = questionnaire("wai");
    for (days, points) in [("geen", 5.0), ("1_9", 4.0), ("10_24", 3.0), ("25_99", 2.0), ("100_365", 1.0)] {
        let person = Wai { sick_days: days, ..best() };
        assert_eq!(value(&wai, &person.answers(), "wai_5"), points, "{days}");
    }
    for (prognosis, points) in [("onwaarschijnlijk", 1.0), ("niet_zeker", 4.0), ("vrij_zeker", 7.0)] {
        let person = Wai { prognosis, ..best() };
        assert_eq!(value(&wai, &person.answers(), "wai_6"), points, "{prognosis}");
    }
}

#[test]
fn item_7_maps_the_sum_of_three_questions_to_points() {
    let wai = questionnaire("wai");
    // (answers, their sum, points): 0–3 → 1, 4–6 → 2, 7–9 → 3, 10–12 → 4.
    let cases = [
        (["nooit", "nooit", "nooit"], 0, 1.0),
        (["zelden", "zelden", "zelden"], 3, 1.0),
        (["vaak", "nooit", "nooit"], 4, 2.0),
        (["vaak", "nooit", "zelden"], 5, 2.0),
        (["soms", "soms", "soms"], 6, 2.0),
        (["vaak", "soms", "zelden"], 7, 3.0),
        (["tamelijk_vaak", "tamelijk_vaak", "tamelijk_vaak"], 9, 3.0),
        (["vaak", "tamelijk_vaak", "tamelijk_vaak"], 10, 4.0),
        (["vaak", "vaak", "vaak"], 12, 4.0),
    ];
    let value_of = |key: &str| match key {
        "vaak" => 4,
        "tamelijk_vaak" => 3,
        "soms" => 2,
        "zelden" => 1,
        _ => 0,
    };
    for (resources, sum, points) in cases {
        // The listed sum documents the case; check it against the option values too.
        let actual_sum: i32 = resources.iter().map(|key| value_of(key)).sum();
        assert_eq!(actual_sum, sum, "{resources:?}");
        let person = Wai { resources, ..best() };
        assert_eq!(value(&wai, &person.answers(), "wai_7"), points, "{resources:?}");
    }
}

#[test]
fn totals_and_categories_at_every_boundary() {
    let wai = questionnaire("wai");
    let worst = Wai {
        item1: 0,
        job: "lichamelijk",
        physical: "zeer_slecht",
        mental: "zeer_slecht",
        diagnosed: 5,
        own_opinion: 0,
        impairment: vec!["niet_werken"],
        sick_days: "100_365",
        prognosis: "onwaarschijnlijk",
        resources: ["nooit", "nooit", "nooit"],
    };
    // 5 + 7 + 1 + 3 + 2 + 7 + 2 = 27 with both kinds of work; 7.5 instead of 7 when physical.
    let low = Wai {
        item1: 5,
        job: "beide",
        physical: "vrij_goed",
        mental: "redelijk",
        diagnosed: 5,
        own_opinion: 0,
        impairment: vec!["vaak_aanpassen"],
        sick_days: "25_99",
        prognosis: "vrij_zeker",
        resources: ["soms", "soms", "soms"],
    };
    // 6 + 7 + 5 + 3 + 5 + 7 + 3 = 36.
    let middle = Wai {
        item1: 6,
        diagnosed: 1,
        sick_days: "geen",
        resources: ["tamelijk_vaak", "tamelijk_vaak", "tamelijk_vaak"],
        ..low.clone()
    };
    // 10 + 7 + 7 + 4 + 5 + 7 + 3 = 43.
    let high = Wai { item1: 10, diagnosed: 0, impairment: vec!["soms_aanpassen"], ..middle.clone() };
    let cases = [
        (worst, 7.0, "slecht"),
        (low.clone(), 27.0, "slecht"),
        (Wai { job: "lichamelijk", ..low.clone() }, 27.5, "slecht"),
        (Wai { item1: 6, ..low.clone() }, 28.0, "matig"),
        (middle.clone(), 36.0, "matig"),
        (Wai { job: "lichamelijk", ..middle.clone() }, 36.5, "matig"),
        (Wai { item1: 7, ..middle.clone() }, 37.0, "goed"),
        (high.clone(), 43.0, "goed"),
        (Wai { job: "lichamelijk", ..high.clone() }, 43.5, "goed"),
        (Wai { impairment: vec!["klachten"], ..high.clone() }, 44.0, "uitstekend"),
        (best(), 49.0, "uitstekend"),
    ];
    for (person, total, category) in cases {
        assert_eq!(total_and_category(&wai, &person), (total, category.to_owned()));
    }
}

#[test]
fn a_missing_item_gives_no_total_rather_than_a_low_one() {
    let wai = questionnaire("wai");
    let mut answers = best().answers();
    answers.remove("wai_5");
    let result = score(&wai, &answers).unwrap();
    let total = result.score("wai").unwrap();
    assert_eq!(total.value, None);
    assert_eq!((total.answered, total.needed), (6, 7));
}

#[test]
fn answers_that_do_not_fit_are_errors_not_ignored() {
    let wai = questionnaire("wai");
    let mut answers = best().answers();
    answers.insert("wai_1".into(), serde_json::from_value(json!(11)).unwrap());
    answers.insert("wai_5".into(), serde_json::from_value(json!("veel")).unwrap());
    answers.insert("wai_6".into(), serde_json::from_value(json!(3)).unwrap());
    answers.insert("wai_99".into(), serde_json::from_value(json!("x")).unwrap());
    answers.insert("wai_7a".into(), serde_json::from_value(json!(null)).unwrap());
    let errors = score(&wai, &answers).unwrap_err();
    let problems: Vec<(&str, &AnswerProblem)> =
        errors.iter().map(|error| (error.item.as_str(), &error.problem)).collect();
    assert_eq!(
        problems,
        vec![
            ("wai_1", &AnswerProblem::OutOfRange { min: 0, max: 10 }),
            ("wai_5", &AnswerProblem::UnknownOption { key: "veel".into() }),
            ("wai_6", &AnswerProblem::WrongType { expected: "an option key (a string)".into() }),
            ("wai_7a", &AnswerProblem::DeclineNotAllowed),
            ("wai_99", &AnswerProblem::UnknownItem),
        ]
    );
}

#[test]
fn the_result_names_the_exact_definition() {
    let wai = questionnaire("wai");
    let result = score(&wai, &best().answers()).unwrap();
    assert_eq!(result.definition, "wai");
    assert_eq!(result.version, "2.1.0");
    assert_eq!(result.content_hash.len(), 64);
    assert_eq!(Some(result.content_hash.clone()), wai.content_hash);
    // Deterministic: the same answers give the same result, byte for byte.
    let again = score(&wai, &best().answers()).unwrap();
    assert_eq!(serde_json::to_string(&result).unwrap(), serde_json::to_string(&again).unwrap());
}

#[test]
fn risk_flags_follow_the_answers() {
    let wai = questionnaire("wai");
    let calm = score(&wai, &best().answers()).unwrap();
    assert!(calm.flags.is_empty(), "{:?}", calm.flags);
    let person = Wai {
        prognosis: "onwaarschijnlijk",
        resources: ["soms", "soms", "soms"],
        sick_days: "25_99",
        impairment: vec!["vaak_aanpassen"],
        ..best()
    };
    let flagged = score(&wai, &person.answers()).unwrap();
    assert_eq!(flagged.flags, ["prognose_onzeker", "weinig_reserves", "veel_verzuim", "veel_hinder"]);
    // Working part-time or not at all because of illness is its own flag, not "often adjusting".
    for impairment in ["deeltijd", "niet_werken"] {
        let person = Wai { impairment: vec![impairment], ..best() };
        assert_eq!(score(&wai, &person.answers()).unwrap().flags, ["niet_kunnen_werken"], "{impairment}");
    }
}

#[test]
fn long_sick_leave_and_being_unable_to_work_point_to_the_company_doctor_too() {
    let wai = questionnaire("wai");
    for id in ["veel_verzuim", "niet_kunnen_werken"] {
        let flag = wai.flags.iter().find(|flag| flag.id == id).unwrap();
        for needed in ["bedrijfsarts", "open spreekuur", "arbeidsdeskundige"] {
            assert!(flag.text.nl.contains(needed), "{id} (nl) does not name the {needed}: {}", flag.text.nl);
        }
        for needed in ["company doctor", "open consultation hour", "labour expert"] {
            assert!(flag.text.en.contains(needed), "{id} (en) does not name the {needed}: {}", flag.text.en);
        }
    }
}

#[test]
fn the_full_wai_has_one_headline_whose_lowest_category_is_called_low() {
    let wai = questionnaire("wai");
    let result = score(&wai, &best().answers()).unwrap();
    for audience in [Audience::Employee, Audience::Expert] {
        let report = build(&wai, &result, audience);
        let headlines: Vec<&str> = report.headline.iter().map(|line| line.id.as_str()).collect();
        assert_eq!(headlines, ["wai"]);
        assert!(report.other.is_empty() && report.strengths.is_empty(), "only the total is shown");
    }
    let lowest = &wai.bands["wai_categorie"].levels[0];
    assert_eq!((lowest.key.as_str(), lowest.label.nl.as_str(), lowest.label.en.as_str()), ("slecht", "Laag", "Low"));
    // The FIOH name stays in the explanation, so that a professional recognises the category.
    assert!(lowest.explanation.nl.contains("slecht"), "{}", lowest.explanation.nl);
    assert!(lowest.explanation.en.contains("poor"), "{}", lowest.explanation.en);
}

#[test]
fn the_wai_wording_follows_the_instrument() {
    let wai = questionnaire("wai");
    // Item 1 compares with one's own best, not with the job.
    let item_1 = wai.item("wai_1").unwrap();
    assert!(
        item_1.text.nl.contains("beste tijd van je leven") && item_1.text.nl.contains("werkvermogen"),
        "{}",
        item_1.text.nl
    );
    assert!(item_1.text.en.contains("best time of your life"), "{}", item_1.text.en);
    assert!(!item_1.text.nl.contains("je werk "), "item 1 must not rate the job: {}", item_1.text.nl);
    assert!(wai.item("wai_7b").unwrap().text.nl.contains("actief en alert"));
    let rarely = wai.scales["wai_vaak"].options.iter().find(|option| option.key == "zelden").unwrap();
    assert_eq!((rarely.label.nl.as_str(), rarely.label.en.as_str()), ("Vrij zelden", "Rather seldom"));
    let unlikely =
        wai.options_of(wai.item("wai_6").unwrap()).iter().find(|option| option.key == "onwaarschijnlijk").unwrap();
    assert_eq!(unlikely.label.en, "Unlikely");
}
