//! "Wat de server van je bewaart": what is asked, how refusals read, the file, and the readable
//! page of the server's copy.

use std::cell::RefCell;

use chrono::{FixedOffset, NaiveDate};
use futures::executor::block_on;
use serde_json::{json, Value};
use werkscan_api::submissions::MyDataRequest;
use werkscan_core::submission::Receipt;
use werkscan_core::{ConsentChoices, Lang};
use werkscan_report::access::{consent_paragraphs, fetch, file_name, readable, AccessProblem, CopySource, Proof};
use werkscan_report::sharing::SendError;

/// A server's answer to `POST /api/my-data`, shaped as the server sends it.
fn answer() -> Value {
    json!({
        "submission_id": "s1",
        "submitted_at": "2026-12-06T13:05:00Z",
        "delete_after": "2027-02-05T00:00:00Z",
        "campaign": {"code": "ZORG26", "name": "Werkscan zorg 2026"},
        "department": "Verpleging",
        "questionnaire": {"id": "werkscan", "version": "1.2.0", "content_hash": "abc"},
        "consent": {
            "text_version": "v1",
            "lang": "nl",
            "choices": {"share_scores": true, "share_answers": true, "contact_me": true, "group_figures": false},
            "values": {"controller": "Arbopraktijk Test", "controller_contact": "privacy@example.org", "privacy_officer": null,
                       "privacy_officer_contact": null, "experts": ["Karim Bouzid", "Eva de Wit"], "min_group_size": 10, "delete_after": "2027-02-04"},
            "text": {"withdrawal": {"nl": "Intrekken kan altijd.", "en": "You can always withdraw."},
                     "title": {"nl": "Wat deel je?", "en": "What do you share?"},
                     "items": [{"label": {"nl": "Scores delen", "en": "Share scores"}, "what": {"nl": "Je scores.", "en": "Your scores."}}],
                     "privacy_officer": {"nl": "", "en": ""},
                     "new_field": {"nl": "Nieuw.", "en": "New."}}
        },
        "result": {"definition": "werkscan", "version": "1.2.0", "content_hash": "abc",
                   "scores": [{"id": "wai", "value": 7.5, "band": "matig", "answered": 1, "needed": 1}], "flags": ["verzuim"]},
        "signal": "attention",
        "answers": {"q1": "eens", "q2": null, "q3": 4},
        "contact": {"name": "Sam Jansen", "email": "sam@example.org", "phone": null, "note": "Liefst 's middags"},
        "expert_file": {
            "status": "contact_gezocht",
            "status_history": [{"status": "contact_gezocht", "at": "2026-12-07T09:00:00Z", "by": "Karim Bouzid"}],
            "notes": [{"at": "2026-12-07T09:01:00Z", "author": "Karim Bouzid", "body": "Gebeld."}],
            "actions": [{"created_at": "2026-12-07T09:02:00Z", "owner": "employee", "description": "Rooster bespreken", "due_on": "2027-01-15", "done_at": null, "agreed_with_person": false}]
        },
        "appointments": [{"status": "cancelled", "kind": "locatie", "place": "Stationsplein 1, Utrecht", "expert": "Karim Bouzid",
                          "start": "2026-12-10T09:00:00Z", "end": "2026-12-10T09:45:00Z", "words": "donderdag 10 december, 10.00 uur",
                          "name": "Sam Jansen", "email": "sam@example.org", "phone": null, "lang": "nl",
                          "history": [{"event": "booked", "at": "2026-12-07T10:00:00Z", "by": "person", "reason": null},
                                      {"event": "cancelled", "at": "2026-12-08T10:00:00Z", "by": "expert", "reason": "Ik ben ziek."}],
                          "delete_after": "2027-02-05T00:00:00Z"}],
        "responsible": {"name": "Arbopraktijk Test", "contact": "privacy@example.org", "privacy_officer": null,
                        "privacy_officer_contact": null, "website": "https://arbo.example.org"},
        "added_later": {"anything": 1}
    })
}

/// Answers as a server would, and remembers what it was asked.
#[derive(Default)]
struct FakeServer {
    asked: RefCell<Vec<Value>>,
    refuse: Option<(&'static str, &'static str)>,
    offline: bool,
}

impl CopySource for FakeServer {
    async fn my_data(&self, body: &MyDataRequest) -> Result<String, SendError> {
        self.asked.borrow_mut().push(serde_json::to_value(body).unwrap());
        if self.offline {
            return Err(SendError::Offline);
        }
        match self.refuse {
            Some((code, message)) => Err(SendError::Refused { code: code.into(), message: message.into() }),
            None => Ok(answer().to_string()),
        }
    }
}

fn amsterdam_winter() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

#[test]
fn the_receipt_proves_it_without_typing_and_a_code_is_checked_before_it_is_sent() {
    let receipt = Receipt {
        submission_id: "s1".into(),
        withdrawal_token: "t".repeat(64),
        withdrawal_code: Some("ABCD-EFGH-JKLM-NPQR".into()),
        campaign: "ZORG26".into(),
        submitted_at: "2026-12-06T13:05:00Z".into(),
        shared: ConsentChoices::default(),
    };
    let server = FakeServer::default();
    let copy = block_on(fetch(&server, &Proof::of_receipt(&receipt))).unwrap();
    assert_eq!(server.asked.borrow()[0], json!({"submission_id": "s1", "withdrawal_token": "t".repeat(64)}));
    // The file is the server's answer, unchanged, including what this app does not know.
    assert_eq!(serde_json::from_str::<Value>(&copy.file_text()).unwrap(), answer());
    assert_eq!(copy.data.contact.as_ref().unwrap().name, "Sam Jansen");

    // A typed code, in small letters with spaces, is sent normalised; text that cannot be a code
    // is not sent at all.
    let typed = werkscan_core::withdrawal_code::encode(&[7; 10]);
    let proof = Proof::of_typed(&typed.to_lowercase().replace('-', " ")).unwrap();
    block_on(fetch(&server, &proof)).unwrap();
    assert_eq!(server.asked.borrow()[1], json!({"code": typed}));
    assert_eq!(Proof::of_typed("ABCD-EFGH"), None);
    assert_eq!(file_name(NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()), "werkscan-mijn-gegevens-2026-12-06.json");
}

#[test]
fn refusals_read_as_what_the_person_can_do() {
    let code = Proof::Code("ABCD-EFGH-JKLM-NPQR".into());
    for (refusal, problem) in [
        ("withdrawal_code_not_found", AccessProblem::Unknown),
        ("submission_not_found", AccessProblem::Unknown),
        ("too_many_wrong_codes", AccessProblem::TooManyWrong),
        ("invalid_withdrawal_code", AccessProblem::Malformed),
        ("other", AccessProblem::Other("message".into())),
    ] {
        let server = FakeServer { refuse: Some((refusal, "message")), ..FakeServer::default() };
        assert_eq!(block_on(fetch(&server, &code)), Err(problem), "{refusal}");
    }
    let offline = FakeServer { offline: true, ..FakeServer::default() };
    assert_eq!(block_on(fetch(&offline, &code)), Err(AccessProblem::Offline));
}

#[test]
fn the_readable_page_shows_everything_under_headings_with_dates_in_words() {
    let copy = block_on(fetch(&FakeServer::default(), &Proof::Code("ABCD-EFGH-JKLM-NPQR".into()))).unwrap();
    let parts = readable(&copy.data, Lang::Nl, amsterdam_winter());
    let headings: Vec<&str> = parts.iter().map(|part| part.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Wat je deelde",
            "Wie verantwoordelijk is",
            "Je toestemming",
            "Je uitkomst",
            "Je antwoorden",
            "Je contactgegevens",
            "Wat de arbeidsdeskundige bijhoudt",
            "Je afspraken"
        ]
    );
    let text = format!("{parts:?}");
    for expected in [
        "6 december 2026, 14.05 uur",
        "Werkscan zorg 2026 (ZORG26)",
        "Verpleging",
        "5 februari 2027",
        "Arbopraktijk Test",
        "https://arbo.example.org",
        "Karim Bouzid en Eva de Wit",
        "4 februari 2027",
        "7.5 (groep matig)",
        "verzuim",
        "zeg ik liever niet",
        "Sam Jansen",
        "Liefst 's middags",
        "contact gezocht",
        "Gebeld.",
        "Rooster bespreken",
        "15 januari 2027",
        "nog niet gedaan",
        "gesprek op locatie",
        "Stationsplein 1, Utrecht",
        "afgezegd 8 december 2026, 11.00 uur (de arbeidsdeskundige): Ik ben ziek.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    // Nothing held of a kind: the part says so.
    let mut bare = copy.data.clone();
    bare.answers = None;
    bare.contact = None;
    bare.appointments.clear();
    bare.expert_file.notes.clear();
    bare.expert_file.actions.clear();
    bare.expert_file.status_history.clear();
    let parts = readable(&bare, Lang::En, amsterdam_winter());
    let notes: Vec<&str> = parts.iter().filter_map(|part| part.note.as_deref()).collect();
    assert_eq!(
        notes,
        [
            "The server does not keep your answers.",
            "The server keeps no contact details with your share.",
            "The labour expert has not recorded anything about you yet.",
            "No appointments were made with this share."
        ]
    );
}

#[test]
fn the_consent_text_reads_in_the_apps_order_whatever_its_fields() {
    let copy = block_on(fetch(&FakeServer::default(), &Proof::Code("ABCD-EFGH-JKLM-NPQR".into()))).unwrap();
    assert_eq!(
        consent_paragraphs(&copy.data, Lang::Nl),
        ["Wat deel je?", "Scores delen", "Je scores.", "Intrekken kan altijd.", "Nieuw."]
    );
    assert_eq!(consent_paragraphs(&copy.data, Lang::En)[0], "What do you share?");
}
