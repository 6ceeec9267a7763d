//! The consent text: its version is its content hash; filled with a campaign's values it names
//! who is responsible, says these are health data used only with explicit consent, limits the
//! purpose, lists the person's rights, and names the arbeidsdeskundigen, the minimum group size
//! and the deletion date, in both languages, with "je" and without "anoniem" or "uitslag".

use werkscan_core::consent::{
    archived_text, canonical_json, computed_version, known_version, ConsentKey, KnownVersion, EARLIER_CONSENT_VERSIONS,
    PLACEHOLDERS,
};
use werkscan_core::{consent_document, ConsentChoices, ConsentDocument, ConsentValues, Lang, CONSENT_VERSION};

use crate::support::consent_values;

#[test]
fn version_is_the_content_hash() {
    let computed = computed_version();
    assert_eq!(
        CONSENT_VERSION, computed,
        "the consent text changed: set CONSENT_VERSION in crates/core/src/consent.rs to {computed} and move the old one to EARLIER_CONSENT_VERSIONS with its text in consent-archive/"
    );
}

#[test]
fn earlier_versions_stay_known_with_their_exact_words() {
    assert_eq!(known_version(CONSENT_VERSION), Some(KnownVersion::Current));
    assert_eq!(known_version(&"0".repeat(64)), None);
    assert!(!EARLIER_CONSENT_VERSIONS.is_empty());
    for version in EARLIER_CONSENT_VERSIONS {
        let known = known_version(version).expect("every earlier version stays known");
        assert_ne!(known, KnownVersion::Current);
        let text = archived_text(version).expect("every earlier version's words are archived");
        // A version carries campaign values exactly when its words had places for them.
        assert_eq!(known.names_values(), text.contains("{experts}"), "{version}");
        assert_eq!(
            &werkscan_core::authoring::sha256_hex(text.as_bytes()),
            version,
            "the archived words are exactly that version's"
        );
        assert!(serde_json::from_str::<serde_json::Value>(text).is_ok());
    }
    assert_eq!(archived_text(CONSENT_VERSION), None);
}

#[test]
fn canonical_json_reads_back_as_the_document() {
    let parsed: ConsentDocument = serde_json::from_slice(&canonical_json()).unwrap();
    assert_eq!(parsed, consent_document());
}

/// Every sentence of a filled document in one language, in reading order.
fn all_words(document: &ConsentDocument, lang: Lang) -> String {
    let mut texts = vec![&document.title, &document.intro];
    texts.extend(&document.first_layer);
    for item in &document.items {
        texts.extend([&item.label, &item.what, &item.with_whom, &item.why, &item.how_long]);
    }
    texts.extend([
        &document.nothing_label,
        &document.nothing,
        &document.group_note,
        &document.retention,
        &document.purpose,
        &document.health_data,
        &document.controller,
        &document.controller_contact,
        &document.privacy_officer,
        &document.rights,
        &document.withdrawal,
    ]);
    texts.iter().map(|text| text.get(lang)).collect::<Vec<_>>().join("\n")
}

#[test]
fn every_choice_says_what_with_whom_why_and_how_long_in_both_languages() {
    let document = consent_document();
    let keys: Vec<ConsentKey> = document.items.iter().map(|item| item.key).collect();
    assert_eq!(
        keys,
        [ConsentKey::ShareScores, ConsentKey::ShareAnswers, ConsentKey::ContactMe, ConsentKey::GroupFigures]
    );
    for item in &document.items {
        for text in [&item.label, &item.what, &item.with_whom, &item.why, &item.how_long] {
            assert!(text.missing().is_empty(), "{:?} misses a translation", item.key);
        }
    }
    for text in [
        &document.title,
        &document.intro,
        &document.nothing_label,
        &document.nothing,
        &document.withdrawal,
        &document.group_note,
        &document.retention,
        &document.purpose,
        &document.health_data,
        &document.controller,
        &document.controller_contact,
        &document.privacy_officer,
        &document.rights,
    ]
    .into_iter()
    .chain(&document.first_layer)
    {
        assert!(text.missing().is_empty(), "{text:?} misses a translation");
    }
    assert_eq!(document.item(ConsentKey::ShareAnswers).unwrap().requires, Some(ConsentKey::ShareScores));
}

#[test]
fn the_filled_text_names_every_required_part_in_both_languages() {
    let filled = consent_document().filled(&consent_values());
    let nl = all_words(&filled, Lang::Nl);
    let en = all_words(&filled, Lang::En);
    for placeholder in PLACEHOLDERS {
        assert!(!nl.contains(placeholder) && !en.contains(placeholder), "{placeholder} left unfilled");
    }
    assert!(!nl.contains('{') && !en.contains('{'), "an unknown placeholder is left:\n{nl}\n{en}");
    let required = [
        // Who is responsible, and how to reach them; the data protection officer.
        (
            "controller",
            vec!["verwerkingsverantwoordelijke", "Zorggroep De Linde", "privacy@delinde.example"],
            vec!["controller", "Zorggroep De Linde", "privacy@delinde.example"],
        ),
        (
            "privacy officer",
            vec!["functionaris gegevensbescherming", "Marieke Smit", "fg@delinde.example"],
            vec!["data protection officer", "Marieke Smit", "fg@delinde.example"],
        ),
        // Health data, and explicit consent as the basis.
        (
            "health data",
            vec!["gezondheidsgegevens", "uitdrukkelijke toestemming"],
            vec!["health data", "explicit consent"],
        ),
        // The purpose limit.
        (
            "purpose",
            vec![
                "om je te beoordelen",
                "ziekteverzuim",
                "contract",
                "werkgever hoort niet of je iets hebt gedeeld",
                "geen gevolgen voor je werk",
            ],
            vec![
                "to judge you",
                "sick leave",
                "contract",
                "employer does not learn whether you shared",
                "no consequences for your work",
            ],
        ),
        // The rights.
        (
            "rights",
            vec![
                "zien",
                "verbeteren",
                "wissen",
                "toestemming altijd intrekken",
                "klacht",
                "Autoriteit Persoonsgegevens",
            ],
            vec![
                "see",
                "corrected",
                "deleted",
                "withdraw your consent at any time",
                "complain",
                "Autoriteit Persoonsgegevens",
            ],
        ),
        // What the campaign knows: the names, k and the date.
        ("names", vec!["Karim Bouzid en Anna de Boer"], vec!["Karim Bouzid and Anna de Boer"]),
        ("k", vec!["minstens 12 mensen"], vec!["at least 12 people"]),
        (
            "date",
            vec!["Tot en met 1 december 2027", "alles wat je deelt tot en met 1 december 2027"],
            vec!["Until 1 December 2027", "everything you share until 1 December 2027"],
        ),
        ("withdrawal code", vec!["intrekcode"], vec!["withdrawal code"]),
    ];
    for (part, dutch, english) in required {
        for words in dutch {
            assert!(nl.contains(words), "Dutch {part}: \"{words}\" is missing from:\n{nl}");
        }
        for words in english {
            assert!(en.contains(words), "English {part}: \"{words}\" is missing from:\n{en}");
        }
    }
}

#[test]
fn the_text_says_je_zonder_naam_and_uitkomst() {
    let filled = consent_document().filled(&consent_values());
    let nl = all_words(&filled, Lang::Nl).to_lowercase();
    let en = all_words(&filled, Lang::En).to_lowercase();
    let words: Vec<&str> = nl.split(|c: char| !c.is_alphanumeric()).collect();
    for formal in ["u", "uw", "uzelf"] {
        assert!(!words.contains(&formal), "the formal \"{formal}\" is used:\n{nl}");
    }
    assert!(words.contains(&"je") && words.contains(&"jij"));
    for wrong in ["anoniem", "uitslag"] {
        assert!(!nl.contains(wrong), "\"{wrong}\" is used:\n{nl}");
    }
    assert!(!en.contains("anonym"));
    assert!(nl.contains("zonder naam") && en.contains("without your name"));
    // The group figures get the theme scores and the band of the work ability, nothing else.
    let group = filled.item(ConsentKey::GroupFigures).unwrap();
    assert!(group.what.nl.contains("scores per thema") && group.what.nl.contains("werkvermogen"), "{}", group.what.nl);
    assert!(group.what.en.contains("scores per theme") && group.what.en.contains("work ability"), "{}", group.what.en);
    // It says what is not sent for them: the exact Work Ability Score.
    assert!(
        group.what.nl.contains("zonder je precieze werkvermogenscore")
            && group.what.en.contains("without your exact work ability score")
    );
    // The department goes with scores and group figures, and both say so.
    for key in [ConsentKey::ShareScores, ConsentKey::GroupFigures] {
        let item = filled.item(key).unwrap();
        assert!(
            item.what.nl.contains("je afdeling als je die koos")
                && item.what.en.contains("your department if you chose one"),
            "{key:?}"
        );
    }
}

#[test]
fn the_first_layer_says_health_data_basis_who_what_for_until_when_and_how_to_withdraw() {
    let filled = consent_document().filled(&consent_values());
    assert!(!filled.first_layer.is_empty() && filled.first_layer.len() <= 5, "five short lines at most");
    for lang in [Lang::Nl, Lang::En] {
        for line in &filled.first_layer {
            // Short: B1 means short sentences; a line of the first layer is read at a glance.
            assert!(line.get(lang).split_whitespace().count() <= 32, "too long: {}", line.get(lang));
        }
    }
    let nl = filled.first_layer.iter().map(|line| line.nl.as_str()).collect::<Vec<_>>().join(" ");
    let en = filled.first_layer.iter().map(|line| line.en.as_str()).collect::<Vec<_>>().join(" ");
    for words in [
        "gezondheidsgegevens",
        "uitdrukkelijk",
        "artikel 9 lid 2 onder a AVG",
        "Zorggroep De Linde",
        "Karim Bouzid en Anna de Boer",
        "Nooit je werkgever",
        "Waarvoor",
        "1 december 2027",
        "intrekcode",
    ] {
        assert!(nl.contains(words), "\"{words}\" is missing from the first layer:\n{nl}");
    }
    for words in [
        "health data",
        "explicitly",
        "Article 9(2)(a) GDPR",
        "Zorggroep De Linde",
        "Karim Bouzid and Anna de Boer",
        "Never by your employer",
        "What for",
        "1 December 2027",
        "withdrawal code",
    ] {
        assert!(en.contains(words), "\"{words}\" is missing from the first layer:\n{en}");
    }
}

#[test]
fn every_choice_whose_data_are_health_data_says_so_in_its_label() {
    let document = consent_document();
    for item in &document.items {
        // Contact details alone are not about health; everything with a result or answers is.
        let health = item.key != ConsentKey::ContactMe;
        assert_eq!(item.label.nl.contains("(gezondheidsgegevens)"), health, "{:?}", item.key);
        assert_eq!(item.label.en.contains("(health data)"), health, "{:?}", item.key);
    }
}

#[test]
fn withdrawal_says_what_it_does_and_what_it_cannot_undo() {
    let filled = consent_document().filled(&consent_values());
    assert!(
        !filled.withdrawal.nl.contains("helemaal") && !filled.withdrawal.en.contains("completely"),
        "no promise beyond what happens"
    );
    for words in [
        "Vanaf dat moment wissen we alles wat je deelde",
        "Groepscijfers die al zijn gepubliceerd, blijven zoals ze zijn",
        "niets dat naar jou wijst",
        "afspraak",
    ] {
        assert!(filled.withdrawal.nl.contains(words), "{words}");
    }
    for words in [
        "From that moment we delete everything you shared",
        "Group figures that were already published stay as they are",
        "Nothing in them points to you",
        "appointment",
    ] {
        assert!(filled.withdrawal.en.contains(words), "{words}");
    }
    // The rights in full, addressed to the practice.
    for words in [
        "aan Zorggroep De Linde",
        "kopie",
        "Mijn gegevens",
        "verbeteren",
        "wissen",
        "beperken",
        "als bestand meenemen",
        "bezwaar",
        "Autoriteit Persoonsgegevens",
    ] {
        assert!(filled.rights.nl.contains(words), "{words}: {}", filled.rights.nl);
    }
    for words in [
        "ask Zorggroep De Linde",
        "copy",
        "My data",
        "corrected",
        "deleted",
        "restriction",
        "as a file",
        "object",
        "Autoriteit Persoonsgegevens",
    ] {
        assert!(filled.rights.en.contains(words), "{words}: {}", filled.rights.en);
    }
}

#[test]
fn each_choice_names_whom_it_goes_to_and_until_when() {
    let filled = consent_document().filled(&consent_values());
    for key in [ConsentKey::ShareScores, ConsentKey::ShareAnswers, ConsentKey::ContactMe] {
        let item = filled.item(key).unwrap();
        assert!(item.with_whom.nl.contains("Karim Bouzid en Anna de Boer"), "{key:?}");
        assert!(item.with_whom.nl.contains("Niet je werkgever"), "{key:?}");
    }
    for item in &filled.items {
        assert!(
            item.how_long.nl.contains("1 december 2027") && item.how_long.en.contains("1 December 2027"),
            "{:?}",
            item.key
        );
    }
    let group = filled.item(ConsentKey::GroupFigures).unwrap();
    assert!(group.with_whom.nl.contains("12") && group.with_whom.en.contains("12"));
}

#[test]
fn what_a_campaign_does_not_have_is_left_out_rather_than_left_blank() {
    let values = ConsentValues {
        controller_contact: None,
        privacy_officer: None,
        privacy_officer_contact: None,
        experts: vec!["Karim Bouzid".into()],
        ..consent_values()
    };
    let filled = consent_document().filled(&values);
    assert_eq!(filled.controller_contact.nl, "");
    assert_eq!(filled.privacy_officer.en, "");
    assert!(filled.controller.nl.contains("Zorggroep De Linde"));
    assert!(filled.item(ConsentKey::ShareScores).unwrap().with_whom.en.contains("expert: Karim Bouzid."));
    // An officer without a way to reach them is not named half.
    let half = ConsentValues { privacy_officer: Some("Marieke Smit".into()), ..values.clone() };
    assert_eq!(consent_document().filled(&half).privacy_officer.nl, "");
    // A date that is not a date is shown as it is, never dropped.
    let odd = ConsentValues { delete_after: "binnenkort".into(), ..values };
    assert!(consent_document().filled(&odd).items[0].how_long.nl.contains("binnenkort"));
}

#[test]
fn the_values_are_the_campaigns() {
    let campaign = werkscan_core::campaign::PublicCampaign {
        code: "DEMO".into(),
        name: "Werkscan".into(),
        organisation: "Zorggroep De Linde".into(),
        questionnaire: werkscan_core::campaign::QuestionnaireRef {
            id: "werkscan".into(),
            version: "1".into(),
            content_hash: "ab".repeat(32),
        },
        departments: vec![],
        open: true,
        starts_on: "2026-12-01".into(),
        ends_on: "2026-12-31".into(),
        delete_after: "2027-12-01".into(),
        experts: vec!["Karim Bouzid".into(), "Anna de Boer".into()],
        min_group_size: 12,
        controller: "Zorggroep De Linde".into(),
        controller_contact: Some("privacy@delinde.example".into()),
        privacy_officer: Some("Marieke Smit".into()),
        privacy_officer_contact: Some("fg@delinde.example".into()),
        personal: false,
    };
    assert_eq!(ConsentValues::of(&campaign), consent_values());
}

#[test]
fn nothing_is_chosen_by_default() {
    let choices = ConsentChoices::default();
    assert!(choices.is_nothing());
    assert!(!choices.needs_result());
    let parsed: ConsentChoices = serde_json::from_str("{}").unwrap();
    assert_eq!(parsed, choices);
    assert!(serde_json::from_str::<ConsentChoices>(r#"{"share_everything": true}"#).is_err());
    let mut choices = choices;
    choices.set(ConsentKey::GroupFigures, true);
    assert!(choices.get(ConsentKey::GroupFigures) && choices.needs_result() && !choices.is_nothing());
}
