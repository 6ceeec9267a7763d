//! The report app's rules, tested without a browser against the kit's in-memory store: what the
//! report shows, finishing a scan once, and the share state machine with its upload queue.

use std::cell::RefCell;
use std::path::Path;

use futures::executor::block_on;
use werkscan_core::compare::{changes, left_out_of_history};
use werkscan_core::model::Signal;
use werkscan_core::report::{build, change_since, format_number, Audience};
use werkscan_core::submission::{build_submission, Receipt, Submission};
use werkscan_core::{AnswerValue, ConsentChoices, Definition, Lang};
use werkscan_kit::drafts::{keep_definition, load_flow, save_flow, FetchedDefinition};
use werkscan_kit::flow::{Flow, Step};
use werkscan_kit::store::{key, MemoryStore, Store};
use werkscan_report::records::{comparable, finish, history, HistoryEntry};
use werkscan_report::sharing::{self, outbox, receipts, stored_state, SendError, ShareOutcome, ShareState, Transport};

mod access;

fn questionnaire(id: &str) -> Definition {
    let loaded =
        werkscan_definitions::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questionnaires")).unwrap();
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

/// A finished quick scan, kept on the device as the scan app leaves it.
fn finished_scan(store: &MemoryStore) -> Flow {
    let definition = questionnaire("quickscan");
    keep_definition(
        store,
        &FetchedDefinition { json: serde_json::to_string(&definition).unwrap(), definition: definition.clone() },
    );
    let mut flow = Flow::new(definition);
    flow.start();
    while flow.current_item().is_some() {
        choose_first(&mut flow);
        flow.go_next().unwrap();
    }
    assert_eq!(flow.step, Step::Report);
    save_flow(store, &flow, "2026-12-01T09:00:00Z", None);
    flow
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
    let report = build(&definition, &result, Audience::Employee);
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
        let bands = definition
            .score(&score.id)
            .and_then(|rule| rule.bands.as_ref())
            .and_then(|name| definition.bands.get(name));
        if let Some(best) = bands.and_then(|set| set.levels.iter().find(|band| band.signal == Signal::Good)) {
            score.value = Some(best.from);
            score.band = Some(best.key.clone());
        }
    }
    calm.flags.clear();
    let report = build(&definition, &calm, Audience::Employee);
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
fn a_scan_is_finished_once_however_often_its_report_opens() {
    let store = MemoryStore::new();
    let flow = finished_scan(&store);
    let first = finish(&store, "quickscan", "2026-12-01T10:00:00Z").expect("a finished scan");
    assert_eq!(first.finished_at, "2026-12-01T10:00:00Z");
    assert_eq!(first.result, flow.result());
    assert!(first.earlier.is_empty());
    // A reload (or a second tab) later: the same moment, no second history entry.
    let again = finish(&store, "quickscan", "2026-12-01T11:00:00Z").unwrap();
    assert_eq!(again.finished_at, "2026-12-01T10:00:00Z");
    assert_eq!(history(&store).len(), 1);
    assert_eq!(load_flow(&store, "quickscan", None).unwrap().1.finished_at.as_deref(), Some("2026-12-01T10:00:00Z"));
    // A new scan of the same questionnaire, finished later, sees the first as earlier.
    finished_scan(&store);
    let second = finish(&store, "quickscan", "2027-03-01T10:00:00Z").unwrap();
    assert_eq!(second.earlier.len(), 1);
    assert_eq!(second.earlier[0].finished_at, "2026-12-01T10:00:00Z");
    assert_eq!(history(&store).len(), 2);
}

#[test]
fn an_unfinished_or_missing_scan_has_no_report() {
    let store = MemoryStore::new();
    assert!(finish(&store, "quickscan", "2026-12-01T10:00:00Z").is_none());
    let definition = questionnaire("quickscan");
    keep_definition(
        &store,
        &FetchedDefinition { json: serde_json::to_string(&definition).unwrap(), definition: definition.clone() },
    );
    save_flow(&store, &Flow::new(definition), "2026-12-01T09:00:00Z", None);
    assert!(finish(&store, "quickscan", "2026-12-01T10:00:00Z").is_none());
    assert!(history(&store).is_empty());
}

/// The server, as a stand-in: offline, refusing, or accepting; a repeated key gets the first
/// receipt, as the real server answers.
#[derive(Default)]
struct FakeServer {
    offline: std::cell::Cell<bool>,
    refuse: RefCell<Option<(String, String)>>,
    uploads: RefCell<Vec<(Option<String>, Submission)>>,
    stored: RefCell<Vec<Receipt>>,
    withdrawn: RefCell<Vec<String>>,
    codes_asked: RefCell<Vec<String>>,
}

impl Transport for FakeServer {
    async fn upload(&self, key: Option<&str>, submission: &Submission) -> Result<Receipt, SendError> {
        if self.offline.get() {
            return Err(SendError::Offline);
        }
        self.uploads.borrow_mut().push((key.map(str::to_owned), submission.clone()));
        if let Some((code, message)) = self.refuse.borrow().clone() {
            return Err(SendError::Refused { code, message });
        }
        if let Some(existing) =
            self.stored.borrow().iter().find(|receipt| Some(receipt.withdrawal_token.as_str()) == key)
        {
            return Ok(existing.clone());
        }
        let receipt = Receipt {
            submission_id: format!("s{}", self.stored.borrow().len() + 1),
            withdrawal_token: key.unwrap_or("server-chosen").to_owned(),
            withdrawal_code: Some(werkscan_core::withdrawal_code::encode(&[self.stored.borrow().len() as u8 + 1; 10])),
            campaign: submission.campaign.clone(),
            submitted_at: "2026-12-01T10:00:00Z".into(),
            shared: submission.consent.choices,
        };
        self.stored.borrow_mut().push(receipt.clone());
        Ok(receipt)
    }

    async fn withdraw(&self, receipt: &Receipt) -> Result<(), SendError> {
        if self.offline.get() {
            return Err(SendError::Offline);
        }
        if self.withdrawn.borrow().contains(&receipt.submission_id) {
            return Err(SendError::Refused { code: "submission_not_found".into(), message: "gone".into() });
        }
        self.withdrawn.borrow_mut().push(receipt.submission_id.clone());
        Ok(())
    }

    async fn withdraw_by_code(&self, code: &str) -> Result<String, SendError> {
        if self.offline.get() {
            return Err(SendError::Offline);
        }
        self.codes_asked.borrow_mut().push(code.to_owned());
        if let Some((code, message)) = self.refuse.borrow().clone() {
            return Err(SendError::Refused { code, message });
        }
        let found = self
            .stored
            .borrow()
            .iter()
            .find(|receipt| {
                receipt.withdrawal_code.as_deref() == Some(code)
                    && !self.withdrawn.borrow().contains(&receipt.submission_id)
            })
            .map(|receipt| receipt.submission_id.clone());
        match found {
            Some(id) => {
                self.withdrawn.borrow_mut().push(id.clone());
                Ok(id)
            }
            None => Err(SendError::Refused {
                code: "withdrawal_code_not_found".into(),
                message: "no upload has this withdrawal code".into(),
            }),
        }
    }
}

fn upload_for(campaign: &str) -> Submission {
    let definition = questionnaire("quickscan");
    let answers = werkscan_core::answers::example_answers(&definition);
    let result = werkscan_core::score(&definition, &answers).unwrap();
    let choices = ConsentChoices { share_scores: true, ..ConsentChoices::default() };
    build_submission(campaign, None, &definition, &result, &answers, choices, Lang::Nl, None)
}

#[test]
fn sharing_offline_queues_with_the_key_and_sends_it_later_under_the_same_key() {
    let store = MemoryStore::new();
    let server = FakeServer::default();
    assert_eq!(stored_state(&store, "DEMO"), ShareState::Choosing);
    server.offline.set(true);
    let key = Some("a".repeat(64));
    let outcome = block_on(sharing::share(&store, &server, upload_for("DEMO"), key.clone()));
    assert_eq!(outcome, ShareOutcome::Queued);
    assert_eq!(stored_state(&store, "DEMO"), ShareState::Queued);
    assert_eq!(outbox(&store)[0].key, key);
    // Still offline: a flush keeps it.
    block_on(sharing::send_queued(&store, &server));
    assert_eq!(outbox(&store).len(), 1);
    // Back online: sent with the key it was queued with, then a receipt instead of the queue.
    server.offline.set(false);
    block_on(sharing::send_queued(&store, &server));
    assert!(outbox(&store).is_empty());
    assert_eq!(server.uploads.borrow()[0].0, key);
    let ShareState::Sent(receipt) = stored_state(&store, "DEMO") else { panic!("not sent") };
    assert_eq!(Some(receipt.withdrawal_token), key);
    // Another campaign's state is its own.
    assert_eq!(stored_state(&store, "OTHER"), ShareState::Choosing);
}

#[test]
fn a_refused_queued_upload_leaves_the_queue_with_its_reason_once() {
    let store = MemoryStore::new();
    let server = FakeServer::default();
    server.offline.set(true);
    block_on(sharing::share(&store, &server, upload_for("DEMO"), Some("b".repeat(64))));
    server.offline.set(false);
    *server.refuse.borrow_mut() = Some(("campaign_closed".into(), "this campaign has ended".into()));
    block_on(sharing::send_queued(&store, &server));
    assert!(outbox(&store).is_empty());
    assert_eq!(stored_state(&store, "DEMO"), ShareState::Choosing);
    let refusal = sharing::take_refusal(&store, "DEMO").unwrap();
    assert_eq!((refusal.code.as_str(), refusal.message.as_str()), ("campaign_closed", "this campaign has ended"));
    assert_eq!(sharing::take_refusal(&store, "DEMO"), None, "read once");
}

#[test]
fn a_share_queued_while_the_queue_is_sent_stays_queued() {
    // The queue is read again after sending: an upload queued meanwhile (another tab) survives.
    struct QueueingServer<'a> {
        store: &'a MemoryStore,
        inner: FakeServer,
    }
    impl Transport for QueueingServer<'_> {
        async fn upload(&self, key: Option<&str>, submission: &Submission) -> Result<Receipt, SendError> {
            if submission.campaign == "FIRST" {
                let queued = serde_json::json!([{"key": key, "submission": submission}, {"key": "c".repeat(64), "submission": upload_for("LATER")}]);
                self.store.set(&key_of_outbox(), &queued.to_string());
            }
            self.inner.upload(key, submission).await
        }
        async fn withdraw(&self, receipt: &Receipt) -> Result<(), SendError> {
            self.inner.withdraw(receipt).await
        }
        async fn withdraw_by_code(&self, code: &str) -> Result<String, SendError> {
            self.inner.withdraw_by_code(code).await
        }
    }
    fn key_of_outbox() -> String {
        key("outbox")
    }
    let store = MemoryStore::new();
    let offline = FakeServer::default();
    offline.offline.set(true);
    block_on(sharing::share(&store, &offline, upload_for("FIRST"), Some("d".repeat(64))));
    let server = QueueingServer { store: &store, inner: FakeServer::default() };
    block_on(sharing::send_queued(&store, &server));
    let left: Vec<String> = outbox(&store).into_iter().map(|queued| queued.submission.campaign).collect();
    assert_eq!(left, vec!["LATER".to_owned()]);
}

#[test]
fn an_upload_queued_before_uploads_had_keys_is_still_sent() {
    let store = MemoryStore::new();
    store.set(&key("outbox"), &serde_json::to_string(&vec![upload_for("OLD")]).unwrap());
    assert_eq!(outbox(&store)[0].key, None);
    let server = FakeServer::default();
    block_on(sharing::send_queued(&store, &server));
    assert!(outbox(&store).is_empty());
    assert_eq!(receipts(&store).len(), 1);
}

#[test]
fn withdrawal_forgets_the_receipt_also_when_the_server_no_longer_has_it() {
    let store = MemoryStore::new();
    let server = FakeServer::default();
    let ShareOutcome::Sent(receipt) =
        block_on(sharing::share(&store, &server, upload_for("DEMO"), Some("e".repeat(64))))
    else {
        panic!("not sent")
    };
    server.offline.set(true);
    assert_eq!(block_on(sharing::withdraw(&store, &server, &receipt)), Err(SendError::Offline));
    assert_eq!(receipts(&store).len(), 1, "kept until the server confirms");
    server.offline.set(false);
    assert_eq!(block_on(sharing::withdraw(&store, &server, &receipt)), Ok(()));
    assert!(receipts(&store).is_empty());
    assert_eq!(stored_state(&store, "DEMO"), ShareState::Choosing);
    // Withdrawn elsewhere already: the receipt is forgotten here too.
    let ShareOutcome::Sent(second) =
        block_on(sharing::share(&store, &server, upload_for("DEMO"), Some("f".repeat(64))))
    else {
        panic!("not sent")
    };
    server.withdrawn.borrow_mut().push(second.submission_id.clone());
    assert_eq!(block_on(sharing::withdraw(&store, &server, &second)), Ok(()));
    assert!(receipts(&store).is_empty());
}

#[test]
fn a_reason_kept_by_an_earlier_app_is_still_told() {
    let store = MemoryStore::new();
    store.set(&key("refused.DEMO"), "this campaign has ended");
    let refusal = sharing::take_refusal(&store, "DEMO").unwrap();
    assert_eq!((refusal.code.as_str(), refusal.message.as_str()), ("", "this campaign has ended"));
}

#[test]
fn a_withdrawal_code_withdraws_from_any_device_and_the_receipt_here_goes_too() {
    use werkscan_report::sharing::{withdraw_with_code, CodeProblem};
    let store = MemoryStore::new();
    let server = FakeServer::default();
    let ShareOutcome::Sent(receipt) =
        block_on(sharing::share(&store, &server, upload_for("DEMO"), Some("a".repeat(64))))
    else {
        panic!("not sent")
    };
    let code = receipt.withdrawal_code.clone().unwrap();
    // Another device: nothing kept there; the code alone withdraws, typed loosely.
    let elsewhere = MemoryStore::new();
    let typed = code.to_lowercase().replace('-', " ");
    assert_eq!(block_on(withdraw_with_code(&elsewhere, &server, &typed)), Ok(receipt.submission_id.clone()));
    assert_eq!(*server.codes_asked.borrow(), vec![code.clone()], "sent in its usual form");
    assert_eq!(block_on(withdraw_with_code(&elsewhere, &server, &code)), Err(CodeProblem::Unknown));
    // Text that cannot be a code never reaches the server.
    assert_eq!(block_on(withdraw_with_code(&elsewhere, &server, "ABCD-EFGH")), Err(CodeProblem::Malformed));
    assert_eq!(server.codes_asked.borrow().len(), 2);

    // On the device that shared, the receipt is forgotten with it.
    let ShareOutcome::Sent(second) =
        block_on(sharing::share(&store, &server, upload_for("DEMO"), Some("b".repeat(64))))
    else {
        panic!("not sent")
    };
    let second_code = second.withdrawal_code.clone().unwrap();
    server.offline.set(true);
    assert_eq!(block_on(withdraw_with_code(&store, &server, &second_code)), Err(CodeProblem::Offline));
    server.offline.set(false);
    *server.refuse.borrow_mut() = Some(("too_many_wrong_codes".into(), "wait".into()));
    assert_eq!(block_on(withdraw_with_code(&store, &server, &second_code)), Err(CodeProblem::TooManyWrong));
    *server.refuse.borrow_mut() = None;
    assert!(receipts(&store).iter().any(|kept| kept.submission_id == second.submission_id));
    assert_eq!(block_on(withdraw_with_code(&store, &server, &second_code)), Ok(second.submission_id.clone()));
    assert!(!receipts(&store).iter().any(|kept| kept.submission_id == second.submission_id));
}

#[test]
fn withdrawing_everything_before_a_wipe_keeps_what_could_not_be_withdrawn() {
    let store = MemoryStore::new();
    let server = FakeServer::default();
    for key in ["c", "d"] {
        block_on(sharing::share(&store, &server, upload_for("DEMO"), Some(key.repeat(64))));
    }
    server.offline.set(true);
    assert_eq!(block_on(sharing::withdraw_all(&store, &server)), Err(SendError::Offline));
    assert_eq!(receipts(&store).len(), 2, "nothing is forgotten that was not withdrawn");
    server.offline.set(false);
    assert_eq!(block_on(sharing::withdraw_all(&store, &server)), Ok(()));
    assert!(receipts(&store).is_empty());
    assert_eq!(server.withdrawn.borrow().len(), 2);
}

#[test]
fn earlier_scans_are_compared_only_on_the_same_scales() {
    let store = MemoryStore::new();
    finished_scan(&store);
    finish(&store, "quickscan", "2026-12-01T10:00:00Z").unwrap();
    finished_scan(&store);
    let second = finish(&store, "quickscan", "2027-03-01T10:00:00Z").unwrap();
    let definition = second.flow.definition.clone();
    let kept = &second.earlier[0];
    assert!(kept.scales.is_some(), "the history keeps how each score was measured");
    assert_eq!(comparable(&second.earlier, &definition), Some(kept));

    // A later version that moved a band boundary: not comparable with what was kept.
    let mut moved = definition.clone();
    let name = moved.scores.iter().find(|score| score.theme.is_some()).unwrap().bands.clone().unwrap();
    moved.bands.get_mut(&name).unwrap().levels[1].from += 5.0;
    moved.content_hash = Some("ff".repeat(32));
    assert_eq!(comparable(&second.earlier, &moved), None);

    // An entry kept before scales were recorded compares only with the very same definition.
    let old = HistoryEntry { scales: None, ..kept.clone() };
    let old_list = vec![old.clone()];
    assert_eq!(comparable(&old_list, &definition), Some(&old));
    let mut same_scales_other_hash = definition.clone();
    same_scales_other_hash.content_hash = Some("ee".repeat(32));
    assert_eq!(comparable(&old_list, &same_scales_other_hash), None);
    // With scales kept, another version on the same scales is comparable.
    assert_eq!(comparable(&second.earlier, &same_scales_other_hash), Some(kept));
}

/// A finished Werkscan, kept on the device as the scan app leaves it.
fn finished_werkscan(store: &MemoryStore) -> Flow {
    let definition = questionnaire("werkscan");
    keep_definition(
        store,
        &FetchedDefinition { json: serde_json::to_string(&definition).unwrap(), definition: definition.clone() },
    );
    let mut flow = Flow::new(definition);
    flow.start();
    while flow.current_item().is_some() {
        choose_first(&mut flow);
        flow.go_next().unwrap();
    }
    save_flow(store, &flow, "2026-12-01T09:00:00Z", None);
    flow
}

#[test]
fn a_second_werkscan_compares_only_what_the_person_sees() {
    let store = MemoryStore::new();
    finished_werkscan(&store);
    finish(&store, "werkscan", "2026-12-01T10:00:00Z").unwrap();
    finished_werkscan(&store);
    let second = finish(&store, "werkscan", "2029-12-01T10:00:00Z").unwrap();
    let definition = &second.flow.definition;
    let earlier = comparable(&second.earlier, definition).expect("the same version compares");
    assert!(second.result.score("wai_kort_som").is_some(), "the result carries the expert's sum");
    let kept: Vec<&str> = earlier.scales.as_ref().unwrap().iter().map(|scale| scale.id.as_str()).collect();
    assert!(!kept.contains(&"wai_kort_som"), "the history does not even keep its scale: {kept:?}");
    let shown: Vec<String> =
        changes(definition, &earlier.result, &second.result).into_iter().map(|change| change.id).collect();
    assert!(
        !shown.iter().any(|id| id == "wai_kort_som"),
        "the short WAI's sum is for the arbeidsdeskundige only: {shown:?}"
    );
    assert!(shown.iter().all(|id| !definition.score(id).unwrap().hidden && !definition.score(id).unwrap().expert_only));
    // Exactly what the person's own report shows, in its order.
    let report = build(definition, &second.result, Audience::Employee);
    let mut in_report: Vec<String> = report
        .headline
        .iter()
        .chain(&report.strengths)
        .chain(&report.watch)
        .chain(&report.attention)
        .chain(&report.unknown)
        .chain(&report.other)
        .map(|line| line.id.clone())
        .collect();
    in_report.sort();
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(sorted, in_report);
}

#[test]
fn a_scan_of_an_earlier_version_is_compared_only_on_the_scores_declared_comparable() {
    let store = MemoryStore::new();
    finished_scan(&store);
    finish(&store, "quickscan", "2026-12-01T10:00:00Z").unwrap();
    finished_scan(&store);
    let second = finish(&store, "quickscan", "2029-12-01T10:00:00Z").unwrap();
    let definition = second.flow.definition.clone();
    assert_eq!(definition.questionnaire.version, "3.0.0");
    // The first scan as version 2.0.0 would have kept it: the same scales, another version.
    let mut older = second.earlier.clone();
    older[0].result.version = "2.0.0".into();
    older[0].result.content_hash = "20".repeat(32);
    let earlier = comparable(&older, &definition).expect("four themes and the Work Ability Score kept their items");
    let shown: Vec<String> =
        changes(&definition, &earlier.result, &second.result).into_iter().map(|change| change.id).collect();
    assert_eq!(shown, ["was", "zelfredzaamheid", "gezondheid_vitaliteit", "loopbaan_competenties", "arbeidssituatie"]);
    let left_out: Vec<&str> = left_out_of_history(&definition, "2.0.0").iter().map(|score| score.id.as_str()).collect();
    assert_eq!(left_out, ["organisatiecultuur", "werk_prive"], "named on the screen, not silently dropped");
    // Version 1.0.0 declared nothing comparable: no comparison at all, however equal the scales.
    older[0].result.version = "1.0.0".into();
    assert_eq!(comparable(&older, &definition), None);
    // Nor does a scan of a later version than the one on the screen (a draft finished on the
    // version it started with), which its definition cannot vouch for.
    older[0].result.version = "4.0.0".into();
    assert_eq!(comparable(&older, &definition), None);
}

mod booking {
    use werkscan_api::booking::{Appointment, AppointmentStatus, BookingOffer, ExpertOffer, Kind, KindOffer, Slot};
    use werkscan_core::submission::{ContactProblem, Receipt};
    use werkscan_core::{ConsentChoices, Lang};
    use werkscan_kit::store::MemoryStore;
    use werkscan_report::booking::*;

    fn expert(id: &str) -> ExpertOffer {
        ExpertOffer {
            id: id.into(),
            name: format!("AD {id}"),
            kinds: vec![
                KindOffer { kind: Kind::Telefoon, detail: None },
                KindOffer { kind: Kind::Locatie, detail: Some("Stationsplein 1".into()) },
            ],
        }
    }

    fn offer(experts: usize) -> BookingOffer {
        BookingOffer { open: true, experts: (0..experts).map(|n| expert(&n.to_string())).collect(), reminder_days: 10 }
    }

    fn slot(date: &str, time: &str) -> Slot {
        Slot {
            start: format!("{date}T{time}:00Z"),
            end: format!("{date}T{time}:45Z"),
            date: date.into(),
            time: time.into(),
            words: format!("{date} {time}"),
        }
    }

    fn receipt(share_scores: bool) -> Receipt {
        Receipt {
            submission_id: "s1".into(),
            withdrawal_token: "t".repeat(64),
            withdrawal_code: None,
            campaign: "DEMO".into(),
            submitted_at: "2026-12-01T10:00:00Z".into(),
            shared: ConsentChoices { share_scores, ..ConsentChoices::default() },
        }
    }

    #[test]
    fn one_step_per_screen_and_nothing_is_skipped() {
        let mut booking = Booking::new("DEMO", &offer(1), None);
        // One expert: no question about whom.
        assert_eq!(booking.step, Step::Kind);
        assert_eq!(booking.go_next(), Err(Missing::Choice));
        booking.kind = Some(Kind::Telefoon);
        booking.go_next().unwrap();
        assert_eq!(booking.step, Step::Day);
        booking.set_slots(vec![slot("2026-12-08", "09:00"), slot("2026-12-08", "10:00"), slot("2026-12-09", "09:00")]);
        assert_eq!(booking.days(), vec![("2026-12-08".to_owned(), 2), ("2026-12-09".to_owned(), 1)]);
        assert_eq!(booking.go_next(), Err(Missing::Choice));
        booking.day = Some("2026-12-08".into());
        booking.go_next().unwrap();
        assert_eq!(booking.times().len(), 2);
        booking.slot = Some(booking.times()[1].clone());
        booking.go_next().unwrap();
        assert_eq!(booking.step, Step::Contact);
        assert_eq!(booking.go_next(), Err(Missing::Contact(ContactProblem::NameMissing)));
        booking.name = "Sam".into();
        booking.email = "sam@example.org".into();
        // A phone call needs a phone number.
        assert_eq!(booking.go_next(), Err(Missing::PhoneForCall));
        booking.phone = "06 1234 5678".into();
        booking.go_next().unwrap();
        assert_eq!(booking.step, Step::Check);
        let request = booking.request(Lang::Nl).unwrap();
        assert_eq!(
            (request.expert.as_str(), request.kind, request.start.to_rfc3339()),
            ("0", Kind::Telefoon, "2026-12-08T10:00:00+00:00".to_owned())
        );
        // On the wire the start reads as the slot gave it.
        assert_eq!(serde_json::to_value(&request).unwrap()["start"], "2026-12-08T10:00:00Z");
        assert_eq!(request.shared_result, None);
        // Back keeps what was chosen and typed.
        booking.back();
        booking.back();
        assert_eq!(booking.step, Step::Time);
        assert_eq!(booking.name, "Sam");
        assert!(booking.slot.is_some());
    }

    #[test]
    fn several_experts_are_asked_for_first_and_choosing_another_starts_over() {
        let mut booking = Booking::new("DEMO", &offer(2), None);
        assert_eq!(booking.step, Step::Expert);
        booking.choose_expert("1");
        booking.go_next().unwrap();
        booking.kind = Some(Kind::Locatie);
        booking.set_slots(vec![slot("2026-12-08", "09:00")]);
        assert!(booking.loaded);
        booking.choose_expert("0");
        assert_eq!((booking.kind, booking.slots.len(), booking.loaded), (None, 0, false));
        booking.back();
        assert_eq!(booking.step, Step::Expert);
    }

    #[test]
    fn a_shared_result_is_offered_ticked_can_be_unticked_and_only_if_scores_were_shared() {
        let mut booking = Booking::new("DEMO", &offer(1), Some(receipt(true)));
        booking.kind = Some(Kind::Locatie);
        booking.slot = Some(slot("2026-12-08", "09:00"));
        booking.name = "Sam".into();
        booking.email = "sam@example.org".into();
        assert!(booking.link_result, "after sharing, linking is the suggestion");
        let linked = booking.request(Lang::Nl).unwrap().shared_result.unwrap();
        assert_eq!((linked.submission_id.as_str(), linked.withdrawal_token.len()), ("s1", 64));
        booking.link_result = false;
        assert_eq!(booking.request(Lang::Nl).unwrap().shared_result, None);
        // A receipt of group figures only has no result for the expert to link.
        let mut groups_only = Booking::new("DEMO", &offer(1), Some(receipt(false)));
        assert!(!groups_only.link_result);
        groups_only.link_result = true;
        assert!(groups_only.shared.is_none());
        assert!(!Booking::new("DEMO", &offer(1), None).link_result);
    }

    #[test]
    fn the_contact_typed_when_sharing_is_suggested_and_stays_editable() {
        use werkscan_core::submission::Contact;
        use werkscan_report::sharing::{remember_contact, remembered_contact};
        let store = MemoryStore::new();
        assert_eq!(remembered_contact(&store), None);
        let typed = Contact {
            name: "Zoë Jansen".into(),
            email: Some("zoe@example.org".into()),
            phone: None,
            note: Some("liefst 's ochtends".into()),
        };
        remember_contact(&store, &typed);
        assert_eq!(remembered_contact(&store), Some(typed.clone()));
        let mut booking = Booking::new("DEMO", &offer(1), Some(receipt(true)));
        booking.suggest(&remembered_contact(&store).unwrap());
        assert_eq!(
            (booking.name.as_str(), booking.email.as_str(), booking.phone.as_str()),
            ("Zoë Jansen", "zoe@example.org", "")
        );
        // What the person already typed here is not overwritten; the suggestion can be changed.
        let mut typed_first = Booking::new("DEMO", &offer(1), None);
        typed_first.name = "Zoë".into();
        typed_first.suggest(&typed);
        assert_eq!((typed_first.name.as_str(), typed_first.email.as_str()), ("Zoë", "zoe@example.org"));
        typed_first.email = "ander@example.org".into();
        assert_eq!(typed_first.contact().email.as_deref(), Some("ander@example.org"));
        // Erased with everything else.
        werkscan_kit::store::wipe_all(&store);
        assert_eq!(remembered_contact(&store), None);
    }

    #[test]
    fn each_contact_problem_points_at_its_field() {
        let mut booking = Booking::new("DEMO", &offer(1), None);
        booking.kind = Some(Kind::Telefoon);
        booking.step = Step::Contact;
        let field = |booking: &Booking| booking.missing().and_then(|missing| booking.field_of(missing));
        assert_eq!(field(&booking), Some(ContactField::Name));
        booking.name = "Sam".into();
        assert_eq!(field(&booking), Some(ContactField::Email), "no way to reach: the e-mail field first");
        booking.email = "sam@example.org".into();
        assert_eq!(field(&booking), Some(ContactField::Phone), "a call needs a number");
        booking.phone = "12".into();
        assert_eq!(field(&booking), Some(ContactField::Phone));
        booking.phone = "06 1234 5678".into();
        assert_eq!(field(&booking), None);
        booking.email = format!("{}@example.org", "a".repeat(300));
        assert_eq!(field(&booking), Some(ContactField::Email));
        booking.email = "sam@example.org".into();
        booking.name = "Sam\u{202e}".into();
        assert_eq!(field(&booking), Some(ContactField::Name));
        assert_eq!(ContactField::Phone.input_id(), "booking-phone");
        assert_eq!(booking.field_of(Missing::Choice), None);
    }

    #[test]
    fn a_taken_time_sends_the_person_back_to_the_times_that_are_free() {
        let mut booking = Booking::new("DEMO", &offer(1), None);
        booking.set_slots(vec![slot("2026-12-08", "09:00"), slot("2026-12-08", "10:00")]);
        booking.day = Some("2026-12-08".into());
        booking.slot = Some(slot("2026-12-08", "09:00"));
        booking.step = Step::Check;
        booking.time_was_taken(vec![slot("2026-12-08", "10:00")]);
        assert_eq!((booking.step.clone(), booking.slot.clone()), (Step::Time, None));
        // The whole day gone: back to the days.
        booking.time_was_taken(vec![slot("2026-12-09", "10:00")]);
        assert_eq!((booking.step.clone(), booking.day.clone()), (Step::Day, None));
    }

    fn appointment() -> Appointment {
        Appointment {
            status: AppointmentStatus::Booked,
            kind: Kind::Telefoon,
            place: None,
            expert: "AD".into(),
            expert_id: "0".into(),
            campaign: "DEMO".into(),
            campaign_name: "Demo".into(),
            start: "2026-12-08T09:00:00Z".into(),
            end: "2026-12-08T09:45:00Z".into(),
            words: "dinsdag 8 december, 10.00 uur".into(),
            date: "2026-12-08".into(),
            time: "10:00".into(),
            name: "Sam".into(),
            email: None,
            phone: Some("0612345678".into()),
            shared_result_linked: false,
            lang: Lang::Nl,
            changeable: true,
        }
    }

    #[test]
    fn kept_bookings_follow_the_server_when_it_can_be_reached() {
        use futures::executor::block_on;
        use werkscan_report::sharing::SendError;
        let store = MemoryStore::new();
        keep(&store, "moved", &appointment());
        keep(&store, "gone", &Appointment { campaign: "OTHER".into(), ..appointment() });
        keep(&store, "cancelled-here", &Appointment { status: AppointmentStatus::Cancelled, ..appointment() });
        // Offline: nothing changes.
        let offline = block_on(refresh_kept(&store, |_token| async { Err::<Appointment, _>(SendError::Offline) }));
        assert!(!offline);
        assert_eq!(bookings(&store).len(), 3);
        // Moved on another device, then cancelled; another one deleted on the server.
        let asked = std::cell::RefCell::new(Vec::new());
        let changed = block_on(refresh_kept(&store, |token| {
            asked.borrow_mut().push(token.clone());
            async move {
                match token.as_str() {
                    "moved" => Ok(Appointment {
                        status: AppointmentStatus::Cancelled,
                        start: "2026-12-10T09:00:00Z".into(),
                        words: "donderdag 10 december, 10.00 uur".into(),
                        ..appointment()
                    }),
                    _ => Err(SendError::Refused { code: "appointment_not_found".into(), message: "gone".into() }),
                }
            }
        }));
        assert!(changed);
        assert_eq!(*asked.borrow(), ["moved", "gone"], "a booking cancelled here is final and not asked for");
        let kept = bookings(&store);
        assert_eq!(kept.iter().map(|kept| kept.token.as_str()).collect::<Vec<_>>(), ["moved", "cancelled-here"]);
        assert_eq!(
            (kept[0].status.as_str(), kept[0].words.as_str()),
            ("cancelled", "donderdag 10 december, 10.00 uur")
        );
        assert!(upcoming_for(&store, "DEMO", "2026-12-01T00:00:00Z").is_none(), "the report no longer shows it");
        // Asked again with nothing new: no change.
        let again = block_on(refresh_kept(&store, |_token| async { Ok(appointment()) }));
        assert!(!again, "only bookings that are not cancelled are asked, and none is left");
    }

    #[test]
    fn bookings_are_kept_on_the_device_and_updated_by_their_token() {
        let store = MemoryStore::new();
        let appointment = appointment();
        keep(&store, "token-1", &appointment);
        assert_eq!(upcoming_for(&store, "DEMO", "2026-12-01T00:00:00Z").unwrap().token, "token-1");
        assert!(upcoming_for(&store, "DEMO", "2026-12-09T00:00:00Z").is_none(), "past");
        assert!(upcoming_for(&store, "OTHER", "2026-12-01T00:00:00Z").is_none());
        keep(&store, "token-1", &Appointment { status: AppointmentStatus::Cancelled, ..appointment });
        assert_eq!(bookings(&store).len(), 1);
        assert!(upcoming_for(&store, "DEMO", "2026-12-01T00:00:00Z").is_none(), "cancelled");
    }
}
