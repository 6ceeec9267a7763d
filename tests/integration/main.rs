//! The app's rules, tested without a browser: the questionnaire flow and the report model.

use std::path::Path;

use werkscan_app::flow::{Blocked, Flow, Step};
use werkscan_app::report::{build, change_since, format_number};
use werkscan_core::model::Signal;
use werkscan_core::{AnswerValue, Definition, Lang};

fn questionnaire(id: &str) -> Definition {
    let loaded = werkscan_cli::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires")).unwrap();
    loaded.questionnaires.into_iter().find(|d| d.questionnaire.id == id).unwrap()
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
fn the_report_groups_themes_by_signal_and_advises_more_strongly_on_risk() {
    let definition = questionnaire("quickscan");
    let mut flow = Flow::new(definition.clone());
    flow.start();
    while flow.current_item().is_some() {
        choose_first(&mut flow);
        flow.go_next().unwrap();
    }
    let result = flow.result();
    let report = build(&definition, &result);
    assert_eq!(report.headline.len(), 1, "the work ability score is the headline");
    assert_eq!(report.headline[0].id, "was");
    let themes = report.strengths.len() + report.watch.len() + report.attention.len() + report.unknown.len();
    assert_eq!(themes, 6);
    // The lowest option everywhere puts every theme at risk: the advice is the strong one.
    assert_eq!(report.attention.len(), 6);
    assert!(report.strong_advice);

    // The same scan with every score in its best band: all strengths, the calm advice.
    let mut calm = result.clone();
    for score in &mut calm.scores {
        let bands = definition.score(&score.id).and_then(|rule| rule.bands.as_ref()).and_then(|name| definition.bands.get(name));
        if let Some(best) = bands.and_then(|set| set.levels.iter().find(|band| band.signal == Signal::Good)) {
            score.value = Some(best.from);
            score.band = Some(best.key.clone());
        }
    }
    calm.flags.clear();
    let report = build(&definition, &calm);
    assert_eq!(report.strengths.len(), 6);
    for line in &report.strengths {
        assert_eq!(line.band.as_ref().unwrap().signal, Signal::Good);
    }
    assert!(!report.strong_advice);
}

#[test]
fn change_since_last_time_is_per_score() {
    let definition = questionnaire("quickscan");
    let mut flow = Flow::new(definition.clone());
    flow.answer("wai_1", AnswerValue::Number(5));
    let before = flow.result();
    flow.answer("wai_1", AnswerValue::Number(8));
    let after = flow.result();
    assert_eq!(change_since(&before, &after), vec![("was".to_owned(), 3.0)]);
}

#[test]
fn numbers_read_naturally_in_each_language() {
    assert_eq!(format_number(78.6, Lang::Nl), "78,6");
    assert_eq!(format_number(78.6, Lang::En), "78.6");
    assert_eq!(format_number(50.0, Lang::Nl), "50");
}

#[test]
fn paths_map_to_screens() {
    use werkscan_app::routing::Route;
    assert_eq!(Route::parse("/"), Route::Home);
    assert_eq!(Route::parse(""), Route::Home);
    assert_eq!(Route::parse("/scan/werkscan"), Route::Scan("werkscan".into()));
    assert_eq!(Route::parse("/scan/werkscan/"), Route::Scan("werkscan".into()));
    assert_eq!(Route::parse("/c/DEMO-SNEL"), Route::Campaign("DEMO-SNEL".into()));
    assert_eq!(Route::parse("/mijn-gegevens"), Route::MyData);
    assert_eq!(Route::parse("/scan/"), Route::NotFound);
    assert_eq!(Route::parse("/scan/a/b"), Route::NotFound);
    assert_eq!(Route::parse("/scan/werkscan/rapport"), Route::Report("werkscan".into()));
    assert_eq!(Route::parse("/scan//rapport"), Route::NotFound);
    assert_eq!(Route::parse("/elders"), Route::NotFound);
}

#[test]
fn report_and_my_data_belong_to_the_report_module_and_paths_round_trip() {
    use werkscan_app::routing::{Module, Route};
    assert_eq!(Route::parse(&Route::report_path("werkscan")), Route::Report("werkscan".into()));
    assert_eq!(Route::parse(&Route::scan_path("quickscan")), Route::Scan("quickscan".into()));
    assert_eq!(Route::report_path("a b/c"), "/scan/a%20b%2Fc/rapport");
    assert_eq!(Route::Report("werkscan".into()).module(), Module::Report);
    assert_eq!(Route::MyData.module(), Module::Report);
    for scan_screen in [Route::Home, Route::Scan("x".into()), Route::Campaign("C".into()), Route::NotFound] {
        assert_eq!(scan_screen.module(), Module::Scan, "{scan_screen:?}");
    }
}
