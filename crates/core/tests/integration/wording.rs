//! Golden tests of the shipped wording: rules that items and answer scales keep (no frequency
//! word inside an agreement, no double negative, parallel answer labels), the advice of the quick
//! scan speaking only of what the quick scan asks, the advice for employers, and the exact
//! sentences of the items that replaced wrong ones in 3.0.0 (questionnaires/README.md).

use werkscan_core::model::{Item, ItemType};
use werkscan_core::Definition;

use crate::support::{questionnaire, shipped};

/// The words of a text, lower case.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(str::to_lowercase).collect()
}

fn has_word(text: &str, any: &[&str]) -> bool {
    words(text).iter().any(|word| any.contains(&word.as_str()))
}

/// Every Likert item of a definition with the name of its scale.
fn likert_items(definition: &Definition) -> Vec<(&Item, &str)> {
    definition
        .items()
        .filter(|item| item.kind == ItemType::Likert)
        .filter_map(|item| Some((item, item.scale.as_deref()?)))
        .collect()
}

/// The agreement scale, recognised by its labels rather than its name, so a renamed copy is
/// checked too.
fn is_agreement(definition: &Definition, scale: &str) -> bool {
    definition.scales.get(scale).is_some_and(|set| set.options.iter().any(|option| option.label.nl == "Eens"))
}

/// An item on the agreement scale that says how often ("Ik wacht vaak af", answered "oneens")
/// asks two things: whether it happens and how often. Frequency has its own scale.
#[test]
fn no_item_on_the_agreement_scale_says_how_often() {
    let dutch = ["nooit", "zelden", "soms", "vaak", "altijd"];
    let english = ["never", "rarely", "seldom", "sometimes", "often", "always"];
    let mut checked = 0;
    for definition in &shipped().questionnaires {
        for (item, scale) in likert_items(definition).into_iter().filter(|(_, scale)| is_agreement(definition, scale)) {
            checked += 1;
            assert!(
                !has_word(&item.text.nl, &dutch),
                "{} {} on {scale}: {}",
                definition.questionnaire.id,
                item.id,
                item.text.nl
            );
            assert!(
                !has_word(&item.text.en, &english),
                "{} {} on {scale}: {}",
                definition.questionnaire.id,
                item.id,
                item.text.en
            );
        }
    }
    assert!(checked > 40, "{checked} items on the agreement scale");
}

/// A reverse-coded item is scored from disagreement; worded with "niet", disagreeing is a double
/// negative ("Op mijn werk voelt het niet veilig …" — "oneens"). It says the unfavourable thing
/// by its meaning instead ("moeilijk", "te laat", "stilsta").
#[test]
fn no_reverse_coded_agreement_item_carries_a_negation() {
    let mut checked = 0;
    for definition in &shipped().questionnaires {
        for (item, scale) in
            likert_items(definition).into_iter().filter(|(item, scale)| item.reverse && is_agreement(definition, scale))
        {
            checked += 1;
            assert!(
                !has_word(&item.text.nl, &["niet", "geen", "nooit"]),
                "{} {} on {scale}: {}",
                definition.questionnaire.id,
                item.id,
                item.text.nl
            );
            assert!(
                !has_word(&item.text.en, &["not", "no", "never"]),
                "{} {} on {scale}: {}",
                definition.questionnaire.id,
                item.id,
                item.text.en
            );
        }
    }
    assert!(checked >= 8, "{checked} reverse-coded items on the agreement scale");
}

/// The words of a label before its last one: "Vrij" of "Vrij zelden", "" of "Soms".
fn qualifier(label: &str) -> String {
    let words = words(label);
    words[..words.len().saturating_sub(1)].join(" ")
}

/// Answer labels at the same distance from the middle of a scale carry the same qualifier
/// ("Vrij vaak" with "Vrij zelden", never "Tamelijk vaak" with "Vrij zelden"), so the scale
/// reads as steps of the same size both ways.
#[test]
fn the_labels_of_every_scale_are_parallel() {
    let mut checked = 0;
    for definition in &shipped().questionnaires {
        for (name, scale) in &definition.scales {
            let options = &scale.options;
            for index in 0..options.len() / 2 {
                let (low, high) = (&options[index].label, &options[options.len() - 1 - index].label);
                checked += 1;
                assert_eq!(
                    qualifier(&low.nl),
                    qualifier(&high.nl),
                    "{} {name}: \"{}\" against \"{}\"",
                    definition.questionnaire.id,
                    low.nl,
                    high.nl
                );
                assert_eq!(
                    qualifier(&low.en),
                    qualifier(&high.en),
                    "{} {name}: \"{}\" against \"{}\"",
                    definition.questionnaire.id,
                    low.en,
                    high.en
                );
            }
        }
    }
    assert!(checked >= 8, "{checked} pairs of labels");
    // The WAI's item 7, exactly: keys and values as the instrument has them, labels in step.
    let wai = questionnaire("wai");
    let labels: Vec<(&str, f64, &str, &str)> = wai.scales["wai_vaak"]
        .options
        .iter()
        .map(|option| (option.key.as_str(), option.value.unwrap(), option.label.nl.as_str(), option.label.en.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("vaak", 4.0, "Vaak", "Often"),
            ("tamelijk_vaak", 3.0, "Vrij vaak", "Rather often"),
            ("soms", 2.0, "Soms", "Sometimes"),
            ("zelden", 1.0, "Vrij zelden", "Rather seldom"),
            ("nooit", 0.0, "Nooit", "Never"),
        ]
    );
}

/// The items that replaced wrong ones in 3.0.0, word for word, and the retired ids gone.
#[test]
fn the_items_replaced_in_3_0_0_read_as_written() {
    let expected = [
        (
            "werkscan",
            "zr_6",
            "zr_11",
            "vaak5",
            true,
            "Hoe vaak wacht je af tot anderen iets voor je regelen?",
            "How often do you wait for others to arrange things for you?",
        ),
        (
            "werkscan",
            "lc_8",
            "lc_9",
            "eens5",
            false,
            "Als mijn huidige werk zou verdwijnen, weet ik wat ik dan zou kunnen doen.",
            "If my current work disappeared, I know what else I could do.",
        ),
        (
            "werkscan",
            "oc_8",
            "oc_9",
            "eens5",
            false,
            "Als ik op mijn werk een fout maak, kan ik dat gewoon zeggen.",
            "If I make a mistake at work, I can simply say so.",
        ),
        (
            "werkscan",
            "wp_7",
            "wp_10",
            "eens5",
            false,
            "Na mijn werk kom ik thuis goed tot rust.",
            "After work, I can unwind well at home.",
        ),
        (
            "quickscan",
            "qoc_4",
            "qoc_5",
            "eens5",
            false,
            "Als ik op mijn werk een fout maak, kan ik dat gewoon zeggen.",
            "If I make a mistake at work, I can simply say so.",
        ),
        (
            "quickscan",
            "qwp_3",
            "qwp_4",
            "eens5",
            false,
            "Na mijn werk kom ik thuis goed tot rust.",
            "After work, I can unwind well at home.",
        ),
    ];
    for (id, retired, new, scale, reverse, nl, en) in expected {
        let definition = questionnaire(id);
        assert_eq!(definition.questionnaire.version, "3.0.0", "{id}");
        assert!(definition.item(retired).is_none(), "{id}: {retired} is retired and never asked again");
        let item = definition.item(new).unwrap_or_else(|| panic!("{id}: {new} missing"));
        assert_eq!((item.scale.as_deref(), item.reverse), (Some(scale), reverse), "{id} {new}");
        assert_eq!((item.text.nl.as_str(), item.text.en.as_str()), (nl, en), "{id} {new}");
    }
    // The safety item asks something the item beside it does not: that one is about talking
    // about problems, this one about owning up to a mistake.
    for (id, open, safe) in [("werkscan", "oc_4", "oc_9"), ("quickscan", "qoc_2", "qoc_5")] {
        let definition = questionnaire(id);
        let (open, safe) = (&definition.item(open).unwrap().text.nl, &definition.item(safe).unwrap().text.nl);
        assert!(open.contains("open praten over problemen"), "{id}: {open}");
        assert!(!has_word(safe, &["praten", "bespreken", "problemen", "zorgen"]), "{id}: {safe}");
    }
}

/// Advice for the person may only build on what the scan asked: "Let op momenten waarop je
/// afwacht" presumes an answer about waiting for others, which the quick scan never asks. Each
/// phrase below, in a theme's own advice, needs an item of that theme that asks about it.
#[test]
fn advice_speaks_only_of_what_its_scan_asks() {
    // (words in the advice, words one of the theme's items must contain)
    let presumes = [
        ("afwacht", "wacht"),
        ("gesteund", "steun"),
        ("weet wat je kunt", "waar ik goed in ben"),
        ("voelt je fit", "fit"),
        ("tot rust", "tot rust"),
        ("werktijden", "werktijden"),
        ("open praten", "open praten"),
        ("kennis", "kennis"),
    ];
    let mut checked = 0;
    for id in ["werkscan", "quickscan"] {
        let definition = questionnaire(id);
        for score in definition.scores.iter().filter(|score| score.theme.is_some()) {
            let theme = definition.sections.iter().find(|section| Some(&section.id) == score.theme.as_ref()).unwrap();
            for (band, advice) in &score.advice {
                for (said, asked) in presumes {
                    if advice.nl.contains(said) {
                        checked += 1;
                        assert!(
                            theme.items.iter().any(|item| item.text.nl.contains(asked)),
                            "{id} {} {band}: \"{said}\" but no item of the theme asks about \"{asked}\": {}",
                            score.id,
                            advice.nl
                        );
                    }
                }
            }
        }
    }
    assert!(checked >= 8, "{checked} phrases checked");
    // The quick scan's own words where the Werkscan's presume more than it asks.
    let quick = questionnaire("quickscan");
    let advice = |score: &str, band: &str| quick.score(score).unwrap().advice[band].nl.clone();
    assert_eq!(
        advice("zelfredzaamheid", "let_op"),
        "Let op momenten waarop je niet om hulp durft te vragen. Zeg eens wat eerder wat je nodig hebt. Een gesprek met een arbeidsdeskundige kan helpen om daar op tijd mee te beginnen."
    );
    assert_eq!(
        advice("loopbaan_competenties", "goed"),
        "Je hebt de kennis die je werk nu vraagt en je blijft leren. Houd dat vast, ook als je werk verandert."
    );
    assert_eq!(
        advice("organisatiecultuur", "goed"),
        "Je voelt je gewaardeerd op je werk en je kunt er open praten. Dat helpt jou en je collega's."
    );
}

/// Every theme of both scans tells the employer, per band, what the organisation can do: about
/// the group (never "je", never a person), two or three sentences, the same in both scans, and in
/// the attention band naming who can help.
#[test]
fn every_theme_has_advice_for_the_employer() {
    let (full, quick) = (questionnaire("werkscan"), questionnaire("quickscan"));
    for definition in [&full, &quick] {
        let id = &definition.questionnaire.id;
        let themes: Vec<_> = definition.scores.iter().filter(|score| score.theme.is_some()).collect();
        assert_eq!(themes.len(), 6, "{id}");
        for score in themes {
            let bands = &definition.bands[score.bands.as_ref().unwrap()];
            assert_eq!(score.employer_advice.len(), bands.levels.len(), "{id} {}", score.id);
            for band in &bands.levels {
                let advice = &score.employer_advice[&band.key];
                let sentences = [". ", "? ", "! "].iter().map(|end| advice.nl.matches(end).count()).sum::<usize>() + 1;
                assert!(
                    (2..=3).contains(&sentences),
                    "{id} {} {}: {sentences} sentences: {}",
                    score.id,
                    band.key,
                    advice.nl
                );
                assert!(
                    !has_word(&advice.nl, &["je", "jij", "jouw", "jou", "u", "uw"]),
                    "{id} {} {}: {}",
                    score.id,
                    band.key,
                    advice.nl
                );
                assert!(!has_word(&advice.en, &["you", "your"]), "{id} {} {}: {}", score.id, band.key, advice.en);
                assert_ne!(
                    advice.nl, score.advice[&band.key].nl,
                    "{id} {}: the employer's advice is not the person's",
                    score.id
                );
                if band.signal == werkscan_core::model::Signal::Attention {
                    assert!(
                        advice.nl.contains("arbeidsdeskundige") || advice.nl.contains("bedrijfsarts"),
                        "{id} {}: {}",
                        score.id,
                        advice.nl
                    );
                }
            }
            let same = quick.score(&score.id).unwrap();
            assert_eq!(score.employer_advice, same.employer_advice, "{} is told the same in both scans", score.id);
        }
    }
}

#[test]
fn the_language_button_switches_to_the_other_language_and_names_it_in_that_language() {
    use werkscan_core::screen_words::frame_ui;
    use werkscan_core::Lang;
    for lang in [Lang::Nl, Lang::En] {
        assert_ne!(lang.other(), lang);
        assert_eq!(lang.other().other(), lang);
    }
    // The button reads as the language it switches to, for a person who reads only that one.
    assert_eq!(frame_ui(Lang::Nl).language_switch, "English");
    assert_eq!(frame_ui(Lang::En).language_switch, "Nederlands");
    assert_eq!(frame_ui(Lang::Nl).other_language_name, "Switch to English");
    assert_eq!(frame_ui(Lang::En).other_language_name, "Wissel naar Nederlands");
}
