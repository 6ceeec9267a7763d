//! What the report shows and to whom: each theme's own advice, the short WAI's sum for the
//! arbeidsdeskundige only, and the texts of the shipped definitions (one thing per item, "je",
//! explained abbreviations, no "Mooi." as advice, intros that promise no more than follows).

use serde_json::Value;
use werkscan_core::answers::example_answers;
use werkscan_core::model::Signal;
use werkscan_core::report::{build, Audience, Line};
use werkscan_core::{score, AnswerValue, Answers, Definition};

use crate::support::{questionnaire, shipped};

/// Every theme item of the definition answered with the same option key.
fn every_theme_item(definition: &Definition, key: &str) -> Answers {
    let mut answers = example_answers(definition);
    for section in definition
        .sections
        .iter()
        .filter(|section| definition.scores.iter().any(|s| s.theme.as_ref() == Some(&section.id)))
    {
        for item in &section.items {
            let options = definition.options_of(item);
            let chosen = match options.iter().position(|option| option.key == key) {
                Some(index) => options[index].key.clone(),
                // The frequency scale: the middle option, like "neutraal" on the agreement scale.
                None => options[options.len() / 2].key.clone(),
            };
            answers.insert(item.id.clone(), AnswerValue::Text(chosen));
        }
    }
    werkscan_core::answers::prune_hidden(definition, &mut answers);
    answers
}

fn themes(lines: &[&Line]) -> Vec<String> {
    lines.iter().map(|line| line.id.clone()).collect()
}

#[test]
fn each_theme_gives_its_own_advice_for_its_band() {
    for id in ["werkscan", "quickscan"] {
        let definition = questionnaire(id);
        for key in ["helemaal_oneens", "neutraal", "helemaal_eens"] {
            let result = score(&definition, &every_theme_item(&definition, key)).unwrap();
            let report = build(&definition, &result, Audience::Employee);
            let lines: Vec<&Line> = report.strengths.iter().chain(&report.watch).chain(&report.attention).collect();
            assert_eq!(lines.len(), 6, "{id} {key}: {:?}", themes(&lines));
            let mut advice: Vec<&str> = Vec::new();
            for line in &lines {
                let band = line.band.as_ref().expect("a theme with all answers has a band");
                let own = &definition.score(&line.id).unwrap().advice[&band.key];
                assert_eq!(&band.advice, own, "{id} {}: the theme's own advice", line.id);
                advice.push(&band.advice.nl);
            }
            advice.sort_unstable();
            advice.dedup();
            assert_eq!(advice.len(), 6, "{id} {key}: six themes in one band, six different paragraphs");
        }
    }
}

#[test]
fn a_score_without_its_own_advice_keeps_the_band_advice() {
    let mut definition = questionnaire("quickscan");
    for score in &mut definition.scores {
        score.advice.clear();
    }
    let result = score(&definition, &every_theme_item(&definition, "helemaal_eens")).unwrap();
    let report = build(&definition, &result, Audience::Employee);
    let lines: Vec<&Line> = report.strengths.iter().chain(&report.watch).chain(&report.attention).collect();
    assert_eq!(lines.len(), 6);
    for line in lines {
        let band = line.band.as_ref().unwrap();
        let general = &definition.bands["thema"].levels.iter().find(|level| level.key == band.key).unwrap().advice;
        assert_eq!(&band.advice, general, "{}", line.id);
    }
}

#[test]
fn the_short_wai_sum_is_for_the_arbeidsdeskundige_only() {
    let werkscan = questionnaire("werkscan");
    let result = score(&werkscan, &example_answers(&werkscan)).unwrap();
    assert!(result.score("wai_kort_som").unwrap().value.is_some(), "the result still carries it");
    let ids = |audience| {
        let report = build(&werkscan, &result, audience);
        let mut ids: Vec<String> = report
            .headline
            .iter()
            .chain(&report.strengths)
            .chain(&report.watch)
            .chain(&report.attention)
            .chain(&report.unknown)
            .chain(&report.other)
            .map(|line| line.id.clone())
            .collect();
        ids.sort();
        (ids, report)
    };
    let (employee, _) = ids(Audience::Employee);
    let (expert, expert_report) = ids(Audience::Expert);
    assert!(!employee.contains(&"wai_kort_som".to_owned()), "{employee:?}");
    assert!(expert.contains(&"wai_kort_som".to_owned()), "{expert:?}");
    assert_eq!(expert.len(), employee.len() + 1, "everything else is the same");
    let sum = expert_report.other.iter().find(|line| line.id == "wai_kort_som").unwrap();
    let note = sum.note.as_ref().expect("the sum comes with its note");
    assert!(note.nl.contains("Geen volledige") && note.en.contains("Not a full"), "{note:?}");
    assert_eq!(sum.range, (6.0, 42.0));
    // The quick scan has nothing for experts only: both see the same report.
    let quick = questionnaire("quickscan");
    let result = score(&quick, &example_answers(&quick)).unwrap();
    assert_eq!(build(&quick, &result, Audience::Employee), build(&quick, &result, Audience::Expert));
}

#[test]
fn gv_5_is_its_own_signal_and_not_part_of_the_themes_mean() {
    let werkscan = questionnaire("werkscan");
    let theme = werkscan.score("gezondheid_vitaliteit").unwrap();
    assert!(!werkscan.score_items(theme).iter().any(|item| item.id == "gv_5"));
    let with = |gv_5: &str| {
        let mut answers = example_answers(&werkscan);
        answers.insert("gv_4".into(), AnswerValue::Text("eens".into()));
        answers.insert("gv_5".into(), AnswerValue::Text(gv_5.into()));
        score(&werkscan, &answers).unwrap()
    };
    let (worse, better) = (with("helemaal_oneens"), with("helemaal_eens"));
    assert_eq!(worse.score("gezondheid_vitaliteit"), better.score("gezondheid_vitaliteit"));
    assert!(worse.flags.contains(&"klachten_erger".to_owned()), "{:?}", worse.flags);
    assert!(!better.flags.contains(&"klachten_erger".to_owned()), "{:?}", better.flags);
    assert!(with("oneens").flags.contains(&"klachten_erger".to_owned()));
    assert!(!with("neutraal").flags.contains(&"klachten_erger".to_owned()));
    // The signal is worth a conversation, and names the doctor for the complaints.
    assert!(build(&werkscan, &worse, Audience::Employee).strong_advice);
    let flag = werkscan.flags.iter().find(|flag| flag.id == "klachten_erger").unwrap();
    assert!(flag.text.nl.contains("bedrijfsarts") && flag.text.nl.contains("arbeidsdeskundige"));
}

#[test]
fn items_that_asked_two_things_were_replaced_by_items_that_ask_one() {
    // (questionnaire, retired id, the ids that now ask its parts)
    let replaced = [
        ("werkscan", "zr_1", &["zr_8"][..]),
        ("werkscan", "zr_5", &["zr_9", "zr_10"][..]),
        ("werkscan", "gv_7", &["gv_8", "gv_9"][..]),
        ("werkscan", "lc_7", &["lc_9"][..]),
        ("werkscan", "as_7", &["as_8", "as_9"][..]),
        ("werkscan", "oc_5", &["oc_9"][..]),
        ("werkscan", "wp_3", &["wp_8"][..]),
        ("werkscan", "wp_6", &["wp_9"][..]),
        ("quickscan", "qzr_1", &["qzr_4"][..]),
        ("quickscan", "qoc_3", &["qoc_5"][..]),
    ];
    for (id, retired, replacements) in replaced {
        let definition = questionnaire(id);
        assert!(definition.item(retired).is_none(), "{id}: {retired} still asked");
        for replacement in replacements {
            assert!(definition.item(replacement).is_some(), "{id}: {replacement} missing");
        }
    }
    // The quick scan asks the Werkscan's sentences about feeling safe and about rest at home,
    // word for word.
    let (quick, full) = (questionnaire("quickscan"), questionnaire("werkscan"));
    assert_eq!(quick.item("qoc_5").unwrap().text, full.item("oc_9").unwrap().text);
    assert_eq!(quick.item("qwp_4").unwrap().text, full.item("wp_10").unwrap().text);
    // wp_8: the Dutch and the English ask the same thing (thinking about work at home).
    let wp_8 = &full.item("wp_8").unwrap().text;
    assert!(wp_8.nl.contains("denken") && wp_8.en.contains("thinking"), "{wp_8:?}");
}

#[test]
fn a_quick_scan_theme_gets_a_band_only_when_all_its_items_are_answered() {
    let quick = questionnaire("quickscan");
    for section in quick.sections.iter().filter(|section| section.id != "wai_werkvermogen") {
        for item in &section.items {
            let mut answers = every_theme_item(&quick, "eens");
            answers.remove(&item.id);
            let result = score(&quick, &answers).unwrap();
            let theme = result.score(&section.id).unwrap();
            assert_eq!((theme.value, theme.band.as_deref()), (None, None), "{} without {}", section.id, item.id);
            assert_eq!((theme.answered, theme.needed), (2, 3));
        }
    }
}

#[test]
fn an_all_neutral_quick_scan_is_told_it_is_in_between() {
    let quick = questionnaire("quickscan");
    let result = score(&quick, &every_theme_item(&quick, "neutraal")).unwrap();
    let report = build(&quick, &result, Audience::Employee);
    assert_eq!(report.watch.len(), 6, "all six themes at 50, the start of 'Let op'");
    for line in &report.watch {
        assert_eq!(line.value, Some(50.0));
        let band = line.band.as_ref().unwrap();
        assert_eq!(band.signal, Signal::Watch);
        // Neutral answers do not say that much goes well: the explanation must not either.
        assert!(!band.explanation.nl.contains("veel goed"), "{}", band.explanation.nl);
        assert!(!band.explanation.en.to_lowercase().contains("much is going well"), "{}", band.explanation.en);
        assert!(band.explanation.nl.contains("niet slecht") && band.explanation.nl.contains("niet echt goed"));
    }
}

/// Every Dutch text of a definition, with where it stands.
fn dutch_texts(definition: &Definition) -> Vec<(String, String)> {
    fn walk(value: &Value, path: String, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    match (key.as_str(), member) {
                        ("nl", Value::String(text)) => out.push((path.clone(), text.clone())),
                        _ => walk(member, format!("{path}.{key}"), out),
                    }
                }
            }
            Value::Array(elements) => {
                for (index, element) in elements.iter().enumerate() {
                    walk(element, format!("{path}[{index}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(definition).unwrap(), String::new(), &mut out);
    out
}

#[test]
fn every_dutch_text_says_je_not_u() {
    for definition in &shipped().questionnaires {
        let texts = dutch_texts(definition);
        assert!(texts.len() > 20);
        for (path, text) in texts {
            let formal = text
                .split(|c: char| !c.is_alphabetic())
                .find(|word| ["u", "uw", "uzelf"].contains(&word.to_lowercase().as_str()));
            assert_eq!(formal, None, "{} {path}: {text}", definition.questionnaire.id);
        }
    }
}

#[test]
fn advice_never_opens_with_praise_and_abbreviations_are_explained() {
    for definition in &shipped().questionnaires {
        let id = &definition.questionnaire.id;
        let advice = definition
            .bands
            .values()
            .flat_map(|set| set.levels.iter().map(|band| &band.advice))
            .chain(definition.scores.iter().flat_map(|score| score.advice.values()));
        for text in advice {
            assert!(!text.nl.starts_with("Mooi") && !text.en.starts_with("Well done"), "{id}: {text:?}");
        }
        for score in definition.scores.iter().filter(|score| !score.hidden) {
            let words = format!("{} {}", score.label.nl, score.note.as_ref().map_or("", |note| note.nl.as_str()));
            for (short, long) in [("WAS", "Work Ability Score"), ("WAI", "Work Ability Index")] {
                if words.split(|c: char| !c.is_alphanumeric()).any(|word| word == short) {
                    assert!(words.contains(long), "{id} {}: \"{short}\" is not explained: {words}", score.id);
                }
            }
        }
    }
}

#[test]
fn an_introduction_promises_no_more_questions_than_follow() {
    for definition in &shipped().questionnaires {
        for section in &definition.sections {
            let Some(intro) = &section.intro else { continue };
            if section.items.len() == 1 {
                assert!(
                    !intro.nl.contains("vragen") && !intro.en.contains("questions"),
                    "{} {}: {intro:?}",
                    definition.questionnaire.id,
                    section.id
                );
            }
        }
    }
}

/// The author's preview scores whatever fits and leaves out, with the reason, what no longer does:
/// an answer to a removed item, an unknown option, an answer of the wrong shape, and an answer
/// its condition hides once that wrong answer is gone (gv_5 after gv_4), so a half-edited questionnaire still shows scores, bands and advice.
#[test]
fn the_preview_scores_what_fits_and_lists_what_it_left_out() {
    use werkscan_core::answers::AnswerProblem;
    use werkscan_core::report::preview;

    let werkscan = questionnaire("werkscan");
    let complete = every_theme_item(&werkscan, "eens");
    let whole = preview(&werkscan, &complete, Audience::Employee);
    assert!(whole.dropped.is_empty());
    assert_eq!(whole.result, score(&werkscan, &complete).unwrap(), "the phone's own scoring");
    assert_eq!(whole.report, build(&werkscan, &whole.result, Audience::Employee));
    let themes: Vec<&Line> = whole.report.strengths.iter().chain(&whole.report.watch).collect();
    assert_eq!(themes.len(), 6, "every theme with its band: {:?}", whole.report);
    assert!(themes.iter().all(|line| line.band.as_ref().is_some_and(|band| !band.advice.nl.is_empty())));

    let mut stale = complete.clone();
    stale.insert("gv_4".into(), AnswerValue::Text("eens".into()));
    stale.insert("gv_5".into(), AnswerValue::Text("oneens".into()));
    assert!(score(&werkscan, &stale).is_ok(), "gv_5 is shown while gv_4 says eens");
    // A list where one key belongs still meets gv_5's condition, so gv_5 is hidden only once the
    // wrong answer is left out: a second round.
    stale.insert("gv_4".into(), AnswerValue::List(vec!["eens".into()]));
    stale.insert("zr_2".into(), AnswerValue::Text("weet_niet".into()));
    stale.insert("verdwenen".into(), AnswerValue::Text("eens".into()));
    assert!(score(&werkscan, &stale).is_err(), "the phone's scoring refuses these answers as a whole");
    let partial = preview(&werkscan, &stale, Audience::Expert);
    let dropped: Vec<(&str, &AnswerProblem)> =
        partial.dropped.iter().map(|error| (error.item.as_str(), &error.problem)).collect();
    assert_eq!(
        dropped,
        [
            ("gv_4", &AnswerProblem::WrongType { expected: "an option key (a string)".into() }),
            ("verdwenen", &AnswerProblem::UnknownItem),
            ("zr_2", &AnswerProblem::UnknownOption { key: "weet_niet".into() }),
            ("gv_5", &AnswerProblem::HiddenItem),
        ]
    );
    assert!(!partial.answers.contains_key("gv_4") && !partial.answers.contains_key("gv_5"));
    assert_eq!(partial.result, score(&werkscan, &partial.answers).unwrap());
    assert_eq!(partial.report, build(&werkscan, &partial.result, Audience::Expert));
    assert!(partial.report.other.iter().any(|line| line.id == "wai_kort_som"), "the expert's view");
}
