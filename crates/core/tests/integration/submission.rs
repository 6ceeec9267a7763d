//! The upload check: each consent rule and each kind of tampering is refused with its code.

use werkscan_core::{
    build_submission, check_submission, score, AnswerValue, ConsentChoices, Contact, Definition, Lang, Submission,
    CONSENT_VERSION,
};

use crate::support::{consent_values, questionnaire};

use werkscan_core::answers::example_answers;

fn contact() -> Contact {
    Contact { name: "Sam".into(), email: Some("sam@example.org".into()), phone: None, note: None }
}

fn all() -> ConsentChoices {
    ConsentChoices { share_scores: true, share_answers: true, contact_me: true, group_figures: true }
}

fn build(definition: &Definition, choices: ConsentChoices) -> Submission {
    let answers = example_answers(definition);
    let result = score(definition, &answers).expect("answers fit");
    let mut submission =
        build_submission("DEMO", None, definition, &result, &answers, choices, Lang::Nl, Some(contact()));
    submission.consent.values = Some(consent_values());
    submission
}

fn code(definition: &Definition, submission: &Submission) -> &'static str {
    match check_submission(submission, definition) {
        Ok(()) => "ok",
        Err(error) => {
            assert!(!error.to_string().is_empty());
            error.code()
        }
    }
}

#[test]
fn build_includes_exactly_what_was_consented() {
    let definition = questionnaire("werkscan");
    let scores_only = build(&definition, ConsentChoices { share_scores: true, ..Default::default() });
    assert!(scores_only.result.is_some() && scores_only.answers.is_none() && scores_only.contact.is_none());
    assert_eq!(scores_only.consent.text_version, CONSENT_VERSION);
    let group_only = build(&definition, ConsentChoices { group_figures: true, ..Default::default() });
    assert!(group_only.result.is_some() && group_only.answers.is_none() && group_only.contact.is_none());
    let contact_only = build(&definition, ConsentChoices { contact_me: true, ..Default::default() });
    assert!(contact_only.result.is_none() && contact_only.answers.is_none() && contact_only.contact.is_some());
    let everything = build(&definition, all());
    assert!(everything.result.is_some() && everything.answers.is_some() && everything.contact.is_some());
    for submission in [scores_only, group_only, contact_only, everything] {
        assert_eq!(code(&definition, &submission), "ok");
        // What is sent survives the JSON round trip and is still accepted.
        let json = serde_json::to_string(&submission).unwrap();
        let back: Submission = serde_json::from_str(&json).unwrap();
        assert_eq!(code(&definition, &back), "ok");
    }
}

#[test]
fn consent_rules_are_enforced() {
    let definition = questionnaire("werkscan");
    let nothing = build(&definition, ConsentChoices::default());
    assert_eq!(code(&definition, &nothing), "no_consent");

    let mut answers_without = build(&definition, all());
    answers_without.consent.choices.share_answers = false;
    assert_eq!(code(&definition, &answers_without), "answers_not_consented");

    let mut answers_need_scores = build(&definition, all());
    answers_need_scores.consent.choices.share_scores = false;
    assert_eq!(code(&definition, &answers_need_scores), "answers_need_scores");

    let mut contact_without = build(&definition, all());
    contact_without.consent.choices.contact_me = false;
    assert_eq!(code(&definition, &contact_without), "contact_not_consented");

    let mut contact_missing = build(&definition, all());
    contact_missing.contact = None;
    assert_eq!(code(&definition, &contact_missing), "contact_missing");

    let mut result_missing = build(&definition, ConsentChoices { group_figures: true, ..Default::default() });
    result_missing.result = None;
    assert_eq!(code(&definition, &result_missing), "result_missing");

    let mut result_unwanted =
        build(&definition, ConsentChoices { share_scores: true, contact_me: true, ..Default::default() });
    result_unwanted.consent.choices.share_scores = false;
    assert_eq!(code(&definition, &result_unwanted), "result_not_consented");

    let mut unknown_text = build(&definition, all());
    unknown_text.consent.text_version = "0".repeat(64);
    assert_eq!(code(&definition, &unknown_text), "consent_version_unknown");
}

#[test]
fn the_current_text_needs_the_campaign_values_and_an_earlier_text_stays_valid_without() {
    let definition = questionnaire("werkscan");
    let mut without_values = build(&definition, all());
    without_values.consent.values = None;
    assert_eq!(code(&definition, &without_values), "consent_values_mismatch");
    // A phone that queued its upload under the text before this one still gets it accepted.
    let mut earlier = without_values.clone();
    earlier.consent.text_version = werkscan_core::consent::EARLIER_CONSENT_VERSIONS[0].to_owned();
    assert_eq!(code(&definition, &earlier), "ok");
    // That text named no campaign values, so an upload claiming both is not what anyone saw.
    earlier.consent.values = Some(consent_values());
    assert_eq!(code(&definition, &earlier), "consent_values_mismatch");
    // The values travel with the upload and come back the same.
    let with_values = build(&definition, all());
    let back: Submission = serde_json::from_str(&serde_json::to_string(&with_values).unwrap()).unwrap();
    assert_eq!(back.consent.values, Some(consent_values()));
}

#[test]
fn contact_details_must_be_usable() {
    let definition = questionnaire("werkscan");
    let choices = ConsentChoices { contact_me: true, ..Default::default() };
    let with = |contact: Contact| {
        let mut submission = build(&definition, choices);
        submission.contact = Some(contact);
        code(&definition, &submission)
    };
    assert_eq!(with(Contact { name: " ".into(), ..contact() }), "contact_invalid");
    assert_eq!(with(Contact { email: None, phone: None, ..contact() }), "contact_invalid");
    assert_eq!(with(Contact { email: None, phone: Some("bel me".into()), ..contact() }), "contact_invalid");
    assert_eq!(with(Contact { note: Some("x".repeat(5000)), ..contact() }), "contact_invalid");
    assert_eq!(with(Contact { email: None, phone: Some("+31 6 1234 5678".into()), ..contact() }), "ok");
}

#[test]
fn definition_must_match() {
    let definition = questionnaire("werkscan");
    for (field, expected) in [("definition", "definition"), ("version", "version"), ("content_hash", "content_hash")] {
        let mut submission = build(&definition, all());
        match field {
            "definition" => submission.definition = "quickscan".into(),
            "version" => submission.version = "0.0.1".into(),
            _ => submission.content_hash = "f".repeat(64),
        }
        let error = check_submission(&submission, &definition).unwrap_err();
        assert_eq!(error.code(), "definition_mismatch");
        assert!(error.to_string().starts_with(expected));
    }
    let mut result_version = build(&definition, all());
    result_version.result.as_mut().unwrap().version = "0.0.1".into();
    assert_eq!(code(&definition, &result_version), "definition_mismatch");
}

#[test]
fn answers_that_do_not_fit_are_refused() {
    let definition = questionnaire("werkscan");
    let mut submission = build(&definition, all());
    submission.answers.as_mut().unwrap().insert("no_such_item".into(), AnswerValue::Number(1));
    assert_eq!(code(&definition, &submission), "answers_invalid");
}

#[test]
fn with_answers_the_result_must_be_recomputed_exactly() {
    let definition = questionnaire("werkscan");
    let mut submission = build(&definition, all());
    let first = &mut submission.result.as_mut().unwrap().scores[0];
    first.value = first.value.map(|value| value + 0.1);
    assert_eq!(code(&definition, &submission), "score_mismatch");

    // The flags are part of the result too: a changed list is refused (the full WAI has flags).
    let wai = questionnaire("wai");
    let mut flags = build(&wai, all());
    let sent = &mut flags.result.as_mut().unwrap().flags;
    if sent.is_empty() {
        sent.push(wai.flags[0].id.clone());
    } else {
        sent.clear();
    }
    assert_eq!(code(&wai, &flags), "score_mismatch");
}

#[test]
fn without_answers_values_bands_counts_and_flags_must_be_possible() {
    let definition = questionnaire("werkscan");
    let scores_only = ConsentChoices { share_scores: true, group_figures: true, ..Default::default() };
    let banded = definition.scores.iter().position(|score| score.bands.is_some()).expect("a banded score");

    let mut out_of_range = build(&definition, scores_only);
    let score = &mut out_of_range.result.as_mut().unwrap().scores[banded];
    score.value = Some(1000.0);
    assert_eq!(code(&definition, &out_of_range), "score_out_of_range");

    let mut negative = build(&definition, scores_only);
    negative.result.as_mut().unwrap().scores[banded].value = Some(-5.0);
    assert_eq!(code(&definition, &negative), "score_out_of_range");

    // A value moved into another band while keeping the old band key.
    let mut wrong_band = build(&definition, scores_only);
    let levels = &definition.bands[definition.scores[banded].bands.as_ref().unwrap()].levels;
    let score = &mut wrong_band.result.as_mut().unwrap().scores[banded];
    let current = score.band.clone().unwrap();
    let other = levels.iter().find(|band| band.key != current).unwrap();
    score.value = Some(other.from);
    assert_eq!(code(&definition, &wrong_band), "wrong_band");

    let mut band_without_value = build(&definition, scores_only);
    band_without_value.result.as_mut().unwrap().scores[banded].value = None;
    assert_eq!(code(&definition, &band_without_value), "wrong_band");

    let mut counts = build(&definition, scores_only);
    counts.result.as_mut().unwrap().scores[banded].answered = 999;
    assert_eq!(code(&definition, &counts), "implausible_count");

    let mut missing_score = build(&definition, scores_only);
    missing_score.result.as_mut().unwrap().scores.pop();
    assert_eq!(code(&definition, &missing_score), "score_list_mismatch");

    let mut renamed = build(&definition, scores_only);
    renamed.result.as_mut().unwrap().scores[0].id = "made_up".into();
    assert_eq!(code(&definition, &renamed), "score_list_mismatch");

    let mut flag = build(&definition, scores_only);
    flag.result.as_mut().unwrap().flags.push("made_up".into());
    assert_eq!(code(&definition, &flag), "unknown_flag");
}

#[test]
fn unknown_fields_are_refused_everywhere() {
    let definition = questionnaire("werkscan");
    let submission = build(&definition, all());
    let mut json = serde_json::to_value(&submission).unwrap();
    json["extra"] = serde_json::json!(1);
    assert!(serde_json::from_value::<Submission>(json).is_err());
    let mut json = serde_json::to_value(&submission).unwrap();
    json["consent"]["choices"]["share_everything"] = serde_json::json!(true);
    assert!(serde_json::from_value::<Submission>(json).is_err());
    let mut json = serde_json::to_value(&submission).unwrap();
    json["contact"]["address"] = serde_json::json!("Dorpsstraat 1");
    assert!(serde_json::from_value::<Submission>(json).is_err());
    let mut json = serde_json::to_value(&submission).unwrap();
    json["result"]["scores"][0]["extra"] = serde_json::json!(1);
    assert!(serde_json::from_value::<Submission>(json).is_err());
}

#[test]
fn contact_problems_are_named_the_same_for_the_phone_and_the_server() {
    use werkscan_core::submission::{contact_problem, ContactProblem};
    let with = |change: fn(&mut Contact)| {
        let mut contact = contact();
        change(&mut contact);
        contact
    };
    assert_eq!(contact_problem(&contact()), None);
    let definition = questionnaire("werkscan");
    let mut submission = build(&definition, ConsentChoices { contact_me: true, ..Default::default() });
    for (contact, problem) in [
        (with(|c| c.name = "  ".into()), ContactProblem::NameMissing),
        (with(|c| c.name = "x".repeat(201)), ContactProblem::NameTooLong),
        (with(|c| c.email = None), ContactProblem::NoWayToReach),
        (with(|c| c.email = Some("x".repeat(255))), ContactProblem::FieldTooLong),
        (with(|c| c.note = Some("x".repeat(2001))), ContactProblem::NoteTooLong),
        (with(|c| c.phone = Some("abc".into())), ContactProblem::PhoneInvalid),
        (with(|c| c.name = "Sam\u{0}".into()), ContactProblem::ForbiddenCharacter),
        (with(|c| c.name = "Sam\nJansen".into()), ContactProblem::ForbiddenCharacter),
        (with(|c| c.email = Some("sam\u{202E}@example.org".into())), ContactProblem::ForbiddenCharacter),
        (with(|c| c.note = Some("bel \u{1b}[2J".into())), ContactProblem::ForbiddenCharacter),
    ] {
        assert_eq!(contact_problem(&contact), Some(problem), "{contact:?}");
        // The server refuses exactly these, with the same reason.
        submission.contact = Some(contact);
        let error = check_submission(&submission, &definition).unwrap_err();
        assert_eq!(error.to_string(), format!("contact details: {}", problem.reason()));
    }
}

#[test]
fn control_and_reordering_characters_are_found() {
    use werkscan_core::text::forbidden_character;
    assert_eq!(forbidden_character("Sam Jansen, 06-12345678", false), None);
    assert_eq!(forbidden_character("één regel\nen nog één\ttab", true), None);
    assert_eq!(forbidden_character("één regel\nen nog één", false), Some('\n'));
    for bad in ['\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
        assert_eq!(forbidden_character(&format!("a{bad}b"), true), Some(bad), "{bad:?}");
    }
}

#[test]
fn free_text_answers_are_bounded_and_clean() {
    use werkscan_core::answers::{check_answers, AnswerProblem, MAX_TEXT_ANSWER};
    let definition = questionnaire("werkscan");
    let item = definition.items().find(|item| item.kind == werkscan_core::model::ItemType::Text).unwrap().id.clone();
    let problem = |text: String| {
        let mut answers = example_answers(&definition);
        answers.insert(item.clone(), AnswerValue::Text(text));
        check_answers(&definition, &answers).err().map(|errors| errors[0].problem.clone())
    };
    assert_eq!(problem("Minder avonddiensten.\nEn een vaste collega.".into()), None);
    assert_eq!(problem("x".repeat(MAX_TEXT_ANSWER)), None);
    assert_eq!(problem("x".repeat(MAX_TEXT_ANSWER + 1)), Some(AnswerProblem::TextTooLong { max: MAX_TEXT_ANSWER }));
    assert_eq!(problem("nul\u{0}".into()), Some(AnswerProblem::ForbiddenCharacter));
}

#[test]
fn a_result_without_any_value_is_refused() {
    let definition = questionnaire("werkscan");
    let mut submission = build(&definition, ConsentChoices { group_figures: true, ..Default::default() });
    for score in &mut submission.result.as_mut().unwrap().scores {
        score.value = None;
        score.band = None;
        score.answered = 0;
    }
    submission.result.as_mut().unwrap().flags.clear();
    assert_eq!(code(&definition, &submission), "result_empty");
}

/// Answers for the full WAI that raise a flag (prognosis "unlikely"), so the flags rule is
/// tested with a flag that really comes from the answers.
fn wai_with_a_flag() -> (Definition, werkscan_core::ScanResult, werkscan_core::Answers) {
    let wai = questionnaire("wai");
    let mut answers = example_answers(&wai);
    answers.insert("wai_6".into(), AnswerValue::Text("onwaarschijnlijk".into()));
    let result = score(&wai, &answers).expect("answers fit");
    assert!(!result.flags.is_empty(), "the answers raise a flag");
    (wai, result, answers)
}

#[test]
fn group_figures_alone_carry_only_the_scores_a_release_needs() {
    for id in ["werkscan", "quickscan", "wai"] {
        let definition = questionnaire(id);
        let answers = example_answers(&definition);
        let full = score(&definition, &answers).unwrap();
        let group = build(&definition, ConsentChoices { group_figures: true, ..Default::default() });
        let sent = group.result.as_ref().unwrap();
        // Exactly the theme scores and the headline with bands, in the order a release shows them.
        let themes = definition
            .scores
            .iter()
            .filter(|score| !score.hidden && score.bands.is_some() && score.theme.is_some() && !score.headline);
        let headline =
            definition.scores.iter().filter(|score| !score.hidden && score.bands.is_some() && score.headline);
        let needed: Vec<&str> = themes.chain(headline).map(|score| score.id.as_str()).collect();
        assert_eq!(sent.scores.iter().map(|score| score.id.as_str()).collect::<Vec<_>>(), needed, "{id}");
        assert!(sent.flags.is_empty());
        // Each theme score that is sent is exactly the phone's own; of the headline only its band.
        for score in &sent.scores {
            let own = full.score(&score.id).unwrap();
            if definition.score(&score.id).unwrap().headline {
                assert_eq!((score.value, &score.band), (None, &own.band), "{id}: the headline's band only");
            } else {
                assert_eq!(score, own);
            }
        }
        // No sum for the arbeidsdeskundige and no department without a choice that needs one.
        assert!(definition
            .scores
            .iter()
            .filter(|score| score.expert_only)
            .all(|score| sent.score(&score.id).is_none()));
        assert_eq!(code(&definition, &group), "ok");
        // With scores shared as well, the arbeidsdeskundige gets the full result.
        let both = build(&definition, ConsentChoices { group_figures: true, share_scores: true, ..Default::default() });
        assert_eq!(both.result.as_ref().unwrap(), &full);
        assert_eq!(code(&definition, &both), "ok");
    }
    // The Werkscan has hidden WAI item scores: they really are left out.
    let werkscan = questionnaire("werkscan");
    let group = build(&werkscan, ConsentChoices { group_figures: true, ..Default::default() });
    assert!(werkscan.scores.iter().any(|score| score.hidden));
    assert!(group.result.unwrap().scores.len() < werkscan.scores.len());
    // Flags too.
    let (wai, result, answers) = wai_with_a_flag();
    let group_only = ConsentChoices { group_figures: true, ..Default::default() };
    let mut upload = build_submission("DEMO", None, &wai, &result, &answers, group_only, Lang::Nl, None);
    upload.consent.values = Some(consent_values());
    assert!(upload.result.as_ref().unwrap().flags.is_empty());
    assert_eq!(code(&wai, &upload), "ok");
}

#[test]
fn tampered_group_figures_uploads_are_refused() {
    let werkscan = questionnaire("werkscan");
    let answers = example_answers(&werkscan);
    let full = score(&werkscan, &answers).unwrap();
    let group_only = ConsentChoices { group_figures: true, ..Default::default() };
    let hidden = werkscan.scores.iter().find(|score| score.hidden).unwrap().id.clone();

    // The phone's full result under group figures alone: the first hidden score is named.
    let mut everything = build(&werkscan, group_only);
    everything.result = Some(full.clone());
    let error = check_submission(&everything, &werkscan).unwrap_err();
    assert_eq!(error.code(), "hidden_score_not_consented");
    assert!(error.to_string().contains(&hidden));

    // One hidden score slipped in at its place.
    let mut one = build(&werkscan, group_only);
    let position = werkscan.scores.iter().position(|score| score.id == hidden).unwrap();
    one.result.as_mut().unwrap().scores.insert(position, full.scores[position].clone());
    assert_eq!(code(&werkscan, &one), "hidden_score_not_consented");

    // Flags, real ones from the answers.
    let (wai, result, answers) = wai_with_a_flag();
    let mut flagged = build_submission("DEMO", None, &wai, &result, &answers, group_only, Lang::Nl, None);
    flagged.consent.values = Some(consent_values());
    flagged.result.as_mut().unwrap().flags = result.flags.clone();
    assert_eq!(code(&wai, &flagged), "flags_not_consented");

    // A visible score left out, or the list out of order, is still a list mismatch.
    let mut short = build(&werkscan, group_only);
    short.result.as_mut().unwrap().scores.pop();
    assert_eq!(code(&werkscan, &short), "score_list_mismatch");
    let mut swapped = build(&werkscan, group_only);
    swapped.result.as_mut().unwrap().scores.swap(0, 1);
    assert_eq!(code(&werkscan, &swapped), "score_list_mismatch");

    // A score group figures never use (the sum for the arbeidsdeskundige), at its place.
    let sum = werkscan.scores.iter().position(|score| score.expert_only).unwrap();
    let mut with_sum = build(&werkscan, group_only);
    let place = with_sum.result.as_ref().unwrap().scores.len() - 1;
    with_sum.result.as_mut().unwrap().scores.insert(place, full.scores[sum].clone());
    let error = check_submission(&with_sum, &werkscan).unwrap_err();
    assert_eq!(
        (error.code(), error.to_string().contains(&werkscan.scores[sum].id)),
        ("score_not_for_group_figures", true)
    );

    // The headline's exact value, where only its band was agreed to.
    let mut exact = build(&werkscan, group_only);
    let headline = exact.result.as_mut().unwrap().scores.last_mut().unwrap();
    headline.value = full.score(&headline.id).unwrap().value;
    assert_eq!(code(&werkscan, &exact), "headline_value_not_consented");
    // Its band must still be one of its bands.
    let mut made_up = build(&werkscan, group_only);
    made_up.result.as_mut().unwrap().scores.last_mut().unwrap().band = Some("prachtig".into());
    assert_eq!(code(&werkscan, &made_up), "wrong_band");

    // With scores shared the full list is required: the group list alone is short.
    let mut shared = build(&werkscan, group_only);
    shared.consent.choices.share_scores = true;
    assert_eq!(code(&werkscan, &shared), "score_list_mismatch");
}

#[test]
fn the_department_goes_only_with_a_choice_that_needs_it() {
    let definition = questionnaire("werkscan");
    let answers = example_answers(&definition);
    let result = score(&definition, &answers).unwrap();
    let with_department = |choices: ConsentChoices| {
        let mut upload = build_submission(
            "DEMO",
            Some("Zorg".into()),
            &definition,
            &result,
            &answers,
            choices,
            Lang::Nl,
            Some(contact()),
        );
        upload.consent.values = Some(consent_values());
        upload
    };
    let contact_only = ConsentChoices { contact_me: true, ..Default::default() };
    assert_eq!(with_department(contact_only).department, None);
    for choices in [
        ConsentChoices { share_scores: true, ..Default::default() },
        ConsentChoices { group_figures: true, ..Default::default() },
        ConsentChoices { group_figures: true, contact_me: true, ..Default::default() },
    ] {
        let upload = with_department(choices);
        assert_eq!(upload.department.as_deref(), Some("Zorg"), "{choices:?}");
        assert_eq!(code(&definition, &upload), "ok", "{choices:?}");
    }
    // A hand-made upload that sends it anyway is refused.
    let mut sneaked = with_department(contact_only);
    sneaked.department = Some("Zorg".into());
    assert_eq!(code(&definition, &sneaked), "department_not_consented");
}

#[test]
fn an_upload_queued_under_an_earlier_text_is_brought_down_to_what_the_current_text_sends() {
    use werkscan_core::submission::minimise_earlier;
    let definition = questionnaire("werkscan");
    let answers = example_answers(&definition);
    let full = score(&definition, &answers).unwrap();
    // What the app of the previous text sent for group figures alone: every score that was not
    // hidden (the exact Work Ability Score and the sum included), with a contact-only department.
    let mut queued = build(&definition, ConsentChoices { group_figures: true, ..Default::default() });
    queued.result.as_mut().unwrap().scores =
        full.scores.iter().filter(|score| !definition.score(&score.id).unwrap().hidden).cloned().collect();
    queued.consent.text_version = werkscan_core::consent::EARLIER_CONSENT_VERSIONS[1].to_owned();
    queued.department = Some("Zorg".into());
    assert_ne!(code(&definition, &queued), "ok", "as it was sent, it holds more than the current rules allow");
    minimise_earlier(&mut queued, &definition);
    assert_eq!(code(&definition, &queued), "ok");
    assert_eq!(queued.result, build(&definition, ConsentChoices { group_figures: true, ..Default::default() }).result);
    assert_eq!(queued.department.as_deref(), Some("Zorg"), "group figures need the department");
    let mut contact_only = build(&definition, ConsentChoices { contact_me: true, ..Default::default() });
    contact_only.consent.text_version = werkscan_core::consent::EARLIER_CONSENT_VERSIONS[1].to_owned();
    contact_only.department = Some("Zorg".into());
    minimise_earlier(&mut contact_only, &definition);
    assert_eq!((contact_only.department.clone(), code(&definition, &contact_only)), (None, "ok"));
    // Under the current text nothing is changed: sending more is refused, not trimmed.
    let mut current = build(&definition, ConsentChoices { contact_me: true, ..Default::default() });
    current.department = Some("Zorg".into());
    minimise_earlier(&mut current, &definition);
    assert_eq!(code(&definition, &current), "department_not_consented");
}
