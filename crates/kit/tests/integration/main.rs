//! The kit's rules, tested without a browser: the questionnaire flow, drafts kept and resumed
//! through the in-memory store, the campaign context, and wiping.

use std::path::Path;

use werkscan_core::{AnswerValue, Definition};
use werkscan_kit::campaign::{
    context_by_code, context_for, kept_campaign, refresh_campaign, remember_campaign, save_context, CampaignContext,
};
use werkscan_kit::drafts::{delete_draft, keep_definition, load_flow, save_flow, FetchedDefinition};
use werkscan_kit::flow::{Blocked, Flow, Step};
use werkscan_kit::store::{key, own_keys, wipe_all, MemoryStore, Store};

fn questionnaire(id: &str) -> Definition {
    let loaded =
        werkscan_definitions::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questionnaires")).unwrap();
    loaded.questionnaires.into_iter().find(|d| d.questionnaire.id == id).unwrap()
}

/// A definition as the server sends it (its JSON text), as the scan app fetches it.
fn fetched(id: &str) -> FetchedDefinition {
    let definition = questionnaire(id);
    FetchedDefinition { json: serde_json::to_string(&definition).unwrap(), definition }
}

fn choose_first(flow: &mut Flow) {
    let item = flow.current_item().unwrap().clone();
    let value = match item.kind {
        werkscan_core::model::ItemType::Number => AnswerValue::Number(item.max.unwrap()),
        werkscan_core::model::ItemType::Multiple => {
            AnswerValue::List(vec![flow.definition.options_of(&item)[0].key.clone()])
        }
        werkscan_core::model::ItemType::Text => AnswerValue::Text("tekst".into()),
        _ => AnswerValue::Text(flow.definition.options_of(&item)[0].key.clone()),
    };
    flow.answer(&item.id, value);
}

#[test]
fn next_needs_an_answer_unless_the_question_is_optional() {
    let mut flow = Flow::new(questionnaire("quickscan"));
    assert_eq!(flow.step, Step::Intro);
    flow.start();
    assert_eq!(flow.progress(), Some((1, 19)));
    assert_eq!(flow.go_next(), Err(Blocked::NeedsAnswer));
    choose_first(&mut flow);
    assert_eq!(flow.go_next(), Ok(()));
    assert_eq!(flow.progress(), Some((2, 19)));
    flow.go_back();
    assert_eq!(flow.progress(), Some((1, 19)));
    flow.go_back();
    assert_eq!(flow.step, Step::Intro);
}

#[test]
fn the_report_comes_only_after_every_required_question() {
    let mut flow = Flow::new(questionnaire("quickscan"));
    flow.start();
    let mut steps = 0;
    while flow.current_item().is_some() {
        choose_first(&mut flow);
        flow.go_next().unwrap();
        steps += 1;
        assert!(steps < 100);
    }
    assert_eq!(flow.step, Step::Report);
    assert_eq!(steps, 19);
    // Removing an answer sends the person back rather than showing a partial report.
    let first = flow.definition.items().next().unwrap().id.clone();
    flow.clear(&first);
    flow.go_back();
    flow.go_next().unwrap();
    assert_eq!(flow.step, Step::Question(first));
}

#[test]
fn conditional_questions_appear_and_disappear_with_their_answer() {
    let mut flow = Flow::new(questionnaire("werkscan"));
    let total_without = flow.visible_items().len();
    // gv_5 is shown only when gv_4 is answered with (strong) agreement.
    assert!(!flow.visible_items().iter().any(|item| item.id == "gv_5"));
    flow.answer("gv_4", AnswerValue::Text("eens".into()));
    assert_eq!(flow.visible_items().len(), total_without + 1);
    flow.answer("gv_5", AnswerValue::Text("eens".into()));
    // Changing gv_4 hides gv_5 and drops its answer, which the server would refuse.
    flow.answer("gv_4", AnswerValue::Text("oneens".into()));
    assert!(!flow.answers.contains_key("gv_5"));
}

#[test]
fn ticking_an_exclusive_option_unticks_the_others_and_says_which() {
    let mut flow = Flow::new(questionnaire("wai"));
    let list = |flow: &Flow| match flow.answers.get("wai_4") {
        Some(AnswerValue::List(keys)) => keys.clone(),
        other => panic!("{other:?}"),
    };
    assert!(flow.toggle("wai_4", "klachten", true).is_empty());
    assert!(flow.toggle("wai_4", "deeltijd", true).is_empty());
    assert_eq!(list(&flow), ["klachten", "deeltijd"]);
    let cleared = flow.toggle("wai_4", "geen_hinder", true);
    assert_eq!(list(&flow), ["geen_hinder"]);
    let labels: Vec<&str> = cleared.iter().map(|label| label.nl.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Ik kan mijn werk doen, maar ik krijg er wel klachten van",
            "Door mijn ziekte of letsel kan ik alleen in deeltijd werken"
        ]
    );
    let cleared = flow.toggle("wai_4", "niet_werken", true);
    assert_eq!(list(&flow), ["niet_werken"]);
    assert_eq!(
        cleared.iter().map(|label| label.en.as_str()).collect::<Vec<_>>(),
        ["No, I have no disease or injury that hinders me"]
    );
    // Unticking the last box leaves the question unanswered, as before.
    assert!(flow.toggle("wai_4", "niet_werken", false).is_empty());
    assert!(!flow.answers.contains_key("wai_4"));
    // Whatever the order, what the flow keeps is an answer the core accepts.
    assert!(werkscan_core::check_answers(&flow.definition, &flow.answers).is_ok());
}

#[test]
fn a_draft_resumes_where_it_was_on_the_definition_it_started_with() {
    let store = MemoryStore::new();
    let first = fetched("quickscan");
    keep_definition(&store, &first);
    let mut flow = Flow::new(first.definition.clone());
    flow.start();
    choose_first(&mut flow);
    flow.go_next().unwrap();
    save_flow(&store, &flow, "2026-12-01T10:00:00Z", None);

    // The server now offers another version: the draft still resumes on the one it started with.
    let mut newer = fetched("quickscan");
    newer.definition.questionnaire.version = "9.9.9".into();
    newer.definition.content_hash = Some("f".repeat(64));
    let (resumed, record) = load_flow(&store, "quickscan", Some(&newer)).expect("a draft");
    assert_eq!(resumed, flow);
    assert_eq!(resumed.definition.content_hash, first.definition.content_hash);
    assert_eq!(record.started_at, "2026-12-01T10:00:00Z");
    assert_eq!(record.finished_at, None);
    // Without a connection (no current definition) it resumes just the same.
    assert_eq!(load_flow(&store, "quickscan", None).unwrap().0, flow);
}

/// A definition as version 1.0.0 shipped it, exactly as phones that started a draft then keep
/// it (crates/core/tests/fixtures/previous).
fn previous(id: &str) -> FetchedDefinition {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../core/tests/fixtures/previous/{id}-1.0.0.json"));
    FetchedDefinition::from_json_text(std::fs::read_to_string(path).unwrap()).expect("the phone still reads it")
}

#[test]
fn a_draft_started_on_the_previous_version_is_finished_and_scored_on_it() {
    for id in ["quickscan", "werkscan"] {
        let store = MemoryStore::new();
        let old = previous(id);
        keep_definition(&store, &old);
        let mut flow = Flow::new(old.definition.clone());
        flow.start();
        for _ in 0..4 {
            choose_first(&mut flow);
            flow.go_next().unwrap();
        }
        // Answers that only the old version has: items retired since (qzr_1, zr_1 are the
        // first questions answered above), and for the Werkscan "no hindrance" together with
        // a kind of hindrance, which version 1.0.0 allowed.
        let retired = if id == "quickscan" { "qzr_1" } else { "zr_1" };
        assert!(flow.answers.contains_key(retired));
        if id == "werkscan" {
            flow.answer("wai_4", AnswerValue::List(vec!["geen_hinder".into(), "klachten".into()]));
        }
        save_flow(&store, &flow, "2026-11-30T10:00:00Z", None);

        // The app is updated and the server now offers a later version.
        let current = fetched(id);
        assert_ne!(current.definition.questionnaire.version, "1.0.0");
        let (mut resumed, _) = load_flow(&store, id, Some(&current)).expect("a draft");
        assert_eq!(resumed.definition, old.definition, "{id}: the draft keeps its version");
        assert_eq!(resumed.answers, flow.answers, "{id}: no answer is lost");
        while resumed.current_item().is_some() {
            if resumed.current_item().unwrap().id != "wai_4" || !resumed.answers.contains_key("wai_4") {
                choose_first(&mut resumed);
            }
            resumed.go_next().unwrap();
        }
        assert_eq!(resumed.step, Step::Report);
        let result = resumed.result();
        assert_eq!(
            (result.version.as_str(), Some(&result.content_hash)),
            ("1.0.0", old.definition.content_hash.as_ref())
        );
        assert!(result.scores.iter().filter(|score| score.value.is_some()).count() >= 7, "{id}: {result:?}");
        assert_eq!(werkscan_core::score(&old.definition, &resumed.answers).as_ref(), Ok(&result));
        if id == "werkscan" {
            assert_eq!(result.score("wai_4").unwrap().value, Some(5.0));
        }
    }
}

#[test]
fn a_draft_whose_definition_is_gone_continues_on_the_current_one_with_what_still_fits() {
    let store = MemoryStore::new();
    let current = fetched("quickscan");
    let mut flow = Flow::new(current.definition.clone());
    flow.start();
    choose_first(&mut flow);
    flow.answers.insert("not_an_item".into(), AnswerValue::Number(3));
    save_flow(&store, &flow, "2026-12-01T10:00:00Z", None);
    // Its definition was never kept (or was removed): nothing to resume on without a connection.
    assert!(load_flow(&store, "quickscan", None).is_none());
    let (resumed, _) = load_flow(&store, "quickscan", Some(&current)).unwrap();
    assert!(!resumed.answers.contains_key("not_an_item"), "answers that do not fit are dropped");
    assert_eq!(resumed.answers.len(), 1);
    // ... and the definition is kept now, so the next resume works offline.
    assert!(load_flow(&store, "quickscan", None).is_some());
}

#[test]
fn a_step_that_no_longer_exists_goes_back_to_the_introduction() {
    let store = MemoryStore::new();
    let current = fetched("quickscan");
    keep_definition(&store, &current);
    let mut flow = Flow::new(current.definition.clone());
    flow.step = Step::Report; // a report step without the answers for it
    save_flow(&store, &flow, "2026-12-01T10:00:00Z", None);
    assert_eq!(load_flow(&store, "quickscan", None).unwrap().0.step, Step::Intro);
    flow.step = Step::Question("gone".into());
    save_flow(&store, &flow, "2026-12-01T10:00:00Z", None);
    assert_eq!(load_flow(&store, "quickscan", None).unwrap().0.step, Step::Intro);
}

#[test]
fn deleting_a_draft_removes_definitions_no_draft_uses() {
    let store = MemoryStore::new();
    for id in ["quickscan", "werkscan"] {
        let current = fetched(id);
        keep_definition(&store, &current);
        save_flow(&store, &Flow::new(current.definition), "2026-12-01T10:00:00Z", None);
    }
    assert_eq!(own_keys(&store).len(), 4);
    delete_draft(&store, "quickscan");
    let left = own_keys(&store);
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(load_flow(&store, "werkscan", None).is_some());
    assert!(load_flow(&store, "quickscan", None).is_none());
}

#[test]
fn a_campaign_seen_once_is_found_again_by_its_code_and_kept_up_to_date() {
    let store = MemoryStore::new();
    let definition = questionnaire("quickscan");
    let campaign = werkscan_core::campaign::PublicCampaign {
        code: "DEMO-SNEL".into(),
        name: "Quickscan".into(),
        organisation: "Zorggroep".into(),
        questionnaire: werkscan_core::campaign::QuestionnaireRef {
            id: definition.questionnaire.id.clone(),
            version: definition.questionnaire.version.clone(),
            content_hash: definition.content_hash.clone().unwrap(),
        },
        departments: vec!["Zorg".into()],
        open: true,
        starts_on: "2026-11-01".into(),
        ends_on: "2027-11-01".into(),
        delete_after: "2028-11-01".into(),
        experts: vec!["Karim".into()],
        min_group_size: 10,
        controller: "Zorggroep".into(),
        controller_contact: Some("privacy@zorggroep.example".into()),
        privacy_officer: None,
        privacy_officer_contact: None,
        personal: false,
    };
    // Seen before any choice: the link opens again offline.
    assert_eq!(kept_campaign(&store, "DEMO-SNEL"), None);
    remember_campaign(&store, &campaign);
    assert_eq!(kept_campaign(&store, "demo-snel"), Some(campaign.clone()));
    assert_eq!(context_for(&store, "quickscan"), None, "no department was chosen yet");
    let context = CampaignContext { campaign: campaign.clone(), department: Some("Zorg".into()), invitation: None };
    save_context(&store, &context);
    assert_eq!(context_for(&store, "quickscan"), Some(context.clone()));
    assert_eq!(context_by_code(&store, "demo-snel"), Some(context));
    assert_eq!(context_by_code(&store, "OTHER"), None);
    assert_eq!(kept_campaign(&store, "OTHER"), None);
    // The server's newer copy (extended) replaces both; the chosen department stays.
    let extended = werkscan_core::campaign::PublicCampaign {
        ends_on: "2027-12-01".into(),
        delete_after: "2028-12-01".into(),
        ..campaign
    };
    refresh_campaign(&store, &extended);
    assert_eq!(
        context_for(&store, "quickscan").unwrap(),
        CampaignContext { campaign: extended.clone(), department: Some("Zorg".into()), invitation: None }
    );
    assert_eq!(kept_campaign(&store, "DEMO-SNEL"), Some(extended));
    wipe_all(&store);
    assert_eq!(kept_campaign(&store, "DEMO-SNEL"), None);
}

#[test]
fn a_personal_invitation_and_its_department_survive_a_refresh_without_the_link() {
    let store = MemoryStore::new();
    let campaign = werkscan_core::campaign::PublicCampaign {
        code: "PERSOONLIJK".into(),
        name: "Werkscan".into(),
        organisation: "Zorggroep".into(),
        questionnaire: werkscan_core::campaign::QuestionnaireRef {
            id: "quickscan".into(),
            version: "1.0.0".into(),
            content_hash: "ab".repeat(32),
        },
        departments: vec!["Zorg".into()],
        open: true,
        starts_on: "2026-11-01".into(),
        ends_on: "2026-12-01".into(),
        delete_after: "2027-12-01".into(),
        experts: vec!["A. de Vries".into()],
        min_group_size: 10,
        controller: "Praktijk".into(),
        controller_contact: None,
        privacy_officer: None,
        privacy_officer_contact: None,
        personal: true,
    };
    let context = CampaignContext {
        campaign: campaign.clone(),
        department: Some("Zorg".into()),
        invitation: Some("ab12".into()),
    };
    save_context(&store, &context);
    // Read back from storage as written.
    assert_eq!(context_for(&store, "quickscan"), Some(context));
    // The server asked without `?u=` names no department; what the link showed stays, and so
    // does the invitation.
    let asked_without_link = werkscan_core::campaign::PublicCampaign {
        departments: Vec::new(),
        ends_on: "2026-12-15".into(),
        ..campaign.clone()
    };
    refresh_campaign(&store, &asked_without_link);
    let kept = context_for(&store, "quickscan").unwrap();
    assert_eq!(kept.campaign.departments, vec!["Zorg".to_owned()]);
    assert_eq!(kept.campaign.ends_on, "2026-12-15");
    assert_eq!(kept.invitation.as_deref(), Some("ab12"));
    assert_eq!(kept.department.as_deref(), Some("Zorg"));
}

#[test]
fn wiping_removes_only_what_the_apps_stored() {
    let store = MemoryStore::new();
    store.set("someone.else", "keep me");
    store.set(&key("lang"), "\"en\"");
    store.set(&key("draft.quickscan"), "{}");
    wipe_all(&store);
    assert_eq!(store.keys(), vec!["someone.else".to_owned()]);
}
