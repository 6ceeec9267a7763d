//! The console's rules, tested without a browser: where a login or a role sends a person, the
//! inbox's filters, editing a week of availability and the agenda, answers in words, the words
//! for the server's keys, and reading the server's replies.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime, Weekday};
use werkscan_booking::{Availability, Kind, KindOffer, OfferError, Schedule};
use werkscan_console::api::{read_reply, ApiError, OrgRef, Pending, Role, SessionView, User};
use werkscan_console::inbox::{InboxFilter, PAGE_SIZE};
use werkscan_console::session::{access, after_login, login_path, next_step, Access, SessionState};
use werkscan_console::shared_answers::{answered_sections, AnswerWords};
use werkscan_console::{week, words};
use werkscan_core::model::ItemType;
use werkscan_core::{AnswerValue, Answers, Definition, Lang};
use werkscan_kit::http::Reply;

fn session(role: Role, pending: Option<Pending>) -> SessionState {
    SessionState::In(SessionView {
        user: User { id: "u1".into(), org_id: None, role, email: "a@b.example".into(), display_name: "A".into() },
        organisation: Some(OrgRef { id: "o1".into(), name: "Org".into() }),
        csrf_token: "t".into(),
        expires_at: "2026-12-02T10:00:00Z".into(),
        pending,
        has_second_factor: pending.is_none(),
    })
}

#[test]
fn a_logged_out_person_goes_to_the_login_remembering_where_they_wanted_to_go() {
    assert_eq!(access(&SessionState::LoggedOut, &[Role::Expert], "/resultaten/abc"), Access::Go("/inloggen?terug=%2Fresultaten%2Fabc".into()));
    assert_eq!(login_path("/"), "/inloggen");
    // Only console paths come back: a crafted link cannot send someone to another site.
    assert_eq!(login_path("//evil.example/x"), "/inloggen");
    assert_eq!(after_login(Role::Expert, Some("//evil.example")), "/resultaten");
    assert_eq!(after_login(Role::Expert, Some("/\\evil.example")), "/resultaten");
    assert_eq!(after_login(Role::Employer, Some("/campagnes/c1")), "/campagnes/c1");
    assert_eq!(after_login(Role::Admin, None), "/accounts");
    assert_eq!(after_login(Role::Expert, Some("/inloggen")), "/resultaten");
}

#[test]
fn an_unfinished_login_goes_to_its_next_step_first() {
    let cases = [
        (Pending::PasswordChange, "/wachtwoord"),
        (Pending::SecondFactorSetup, "/tweede-factor/instellen"),
        (Pending::SecondFactor, "/tweede-factor"),
    ];
    for (pending, step) in cases {
        let state = session(Role::Expert, Some(pending));
        assert_eq!(access(&state, &[Role::Expert], "/resultaten"), Access::Go(step.into()), "{pending:?}");
        assert_eq!(access(&state, &[], step), Access::Allowed, "the step itself opens");
        assert_eq!(next_step(&state, "/account"), Some(step.to_owned()));
    }
    // A second factor still to give cannot be skipped by opening the set-up screen.
    assert_eq!(
        access(&session(Role::Expert, Some(Pending::SecondFactor)), &[], "/tweede-factor/instellen"),
        Access::Go("/tweede-factor".into())
    );
}

#[test]
fn each_screen_opens_only_for_its_roles() {
    let expert = session(Role::Expert, None);
    let employer = session(Role::Employer, None);
    assert_eq!(access(&expert, &[Role::Expert], "/resultaten"), Access::Allowed);
    assert_eq!(access(&employer, &[Role::Expert], "/resultaten"), Access::WrongRole);
    assert_eq!(access(&employer, &[], "/account"), Access::Allowed);
    assert_eq!(access(&SessionState::Loading, &[Role::Expert], "/resultaten"), Access::Wait);
    assert_eq!(access(&SessionState::Offline, &[Role::Expert], "/resultaten"), Access::Offline);
}

#[test]
fn inbox_filters_survive_the_address_bar_and_reach_the_api() {
    let query = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_owned())
    };
    let filter = InboxFilter::from_query(query(&[("campaign", "c 1"), ("status", "nieuw"), ("signal", "attention"), ("sort", "oldest"), ("page", "2")]));
    assert_eq!(filter.path(), "/resultaten?campaign=c%201&status=nieuw&signal=attention&sort=oldest&page=2");
    assert_eq!(InboxFilter::from_query(|name| {
        let path = filter.path();
        let query = path.split_once('?').unwrap().1.to_owned();
        query.split('&').find_map(|pair| pair.split_once('=').filter(|(key, _)| *key == name).map(|(_, value)| value.replace("%20", " ")))
    }), filter);
    assert_eq!(
        filter.api_url(),
        format!("/api/expert/submissions?campaign=c%201&status=nieuw&signal=attention&sort=oldest&offset={}&limit={PAGE_SIZE}", 2 * PAGE_SIZE)
    );
    // Unknown values are dropped rather than sent on.
    let odd = InboxFilter::from_query(query(&[("status", "zomaar"), ("signal", "<script>"), ("page", "-1")]));
    assert_eq!(odd, InboxFilter::default());
    assert_eq!(odd.path(), "/resultaten");
    // Choosing a status or campaign starts at the first page; a campaign drops the department.
    let deep = InboxFilter { department: "Zorg".into(), page: 3, ..filter.clone() };
    assert_eq!(deep.with_status("afgerond").page, 0);
    assert_eq!(deep.with_campaign("c2").department, "");
    assert_eq!(deep.export_url(), "/api/expert/export.csv?campaign=c%201");
}

#[test]
fn paging_counts_what_is_shown() {
    let first = InboxFilter::default();
    assert_eq!(first.shown(0, 0), (0, 0));
    assert_eq!(first.shown(120, 50), (1, 50));
    assert!(first.has_next(120));
    let last = first.with_page(2);
    assert_eq!(last.shown(120, 20), (101, 120));
    assert!(!last.has_next(120));
    assert!(!first.has_next(50));
}

fn availability() -> Availability {
    Availability { schedule: Schedule::default(), kinds: vec![KindOffer { kind: Kind::Telefoon, detail: None }] }
}

fn t(text: &str) -> NaiveTime {
    week::parse_time(text).unwrap()
}

#[test]
fn a_week_is_edited_block_by_block_and_checked_like_the_server() {
    let mut draft = availability();
    week::add_block(&mut draft, Weekday::Mon);
    week::add_block(&mut draft, Weekday::Mon);
    let monday = week::blocks_of(&draft, Weekday::Mon);
    assert_eq!(monday.len(), 2);
    assert_eq!((draft.schedule.weekly[monday[0]].start, draft.schedule.weekly[monday[0]].end), (t("09:00"), t("12:00")));
    assert_eq!((draft.schedule.weekly[monday[1]].start, draft.schedule.weekly[monday[1]].end), (t("12:00"), t("13:00")));
    assert_eq!(draft.check(), Ok(()));
    // An afternoon block that overlaps the morning is refused, and the form says which day.
    week::set_block_time(&mut draft, monday[1], true, "11:00");
    let error = draft.check().unwrap_err();
    assert_eq!(error.code(), "overlap");
    assert_eq!(week::problem_day(Lang::Nl, &error).as_deref(), Some("Maandag"));
    // Text that is not a time changes nothing.
    week::set_block_time(&mut draft, monday[1], true, "elf uur");
    assert_eq!(draft.schedule.weekly[monday[1]].start, t("11:00"));
    week::remove_block(&mut draft, monday[1]);
    assert_eq!(draft.check(), Ok(()));
    assert!(week::blocks_of(&draft, Weekday::Tue).is_empty());
}

#[test]
fn days_off_replace_the_week_and_past_ones_are_dropped() {
    let mut draft = availability();
    let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    let boxing_day = NaiveDate::from_ymd_opt(2026, 12, 26).unwrap();
    week::add_day_off(&mut draft, boxing_day);
    week::add_day_off(&mut draft, christmas);
    week::add_day_off(&mut draft, christmas);
    let dates: Vec<NaiveDate> = draft.schedule.overrides.iter().map(|exception| exception.date).collect();
    assert_eq!(dates, vec![christmas, boxing_day], "by date, each once");
    week::set_date_hours(&mut draft, boxing_day, t("10:00"), t("12:00"));
    assert_eq!(draft.schedule.overrides[1].hours.len(), 1);
    assert_eq!(draft.check(), Ok(()));
    week::without_past(&mut draft, boxing_day);
    assert_eq!(draft.schedule.overrides.len(), 1);
    week::remove_date(&mut draft, boxing_day);
    assert!(draft.schedule.overrides.is_empty());
}

#[test]
fn kinds_of_conversation_need_their_link_or_address() {
    let mut draft = availability();
    week::set_kind(&mut draft, Kind::Video, true);
    assert_eq!(draft.check(), Err(OfferError::VideoWithoutLink));
    week::set_kind_detail(&mut draft, Kind::Video, "  https://meet.example/ad  ");
    assert_eq!(draft.kinds[1].detail.as_deref(), Some("https://meet.example/ad"));
    assert_eq!(draft.check(), Ok(()));
    week::set_kind(&mut draft, Kind::Locatie, true);
    assert_eq!(draft.check(), Err(OfferError::PlaceWithoutAddress));
    week::set_kind(&mut draft, Kind::Locatie, false);
    week::set_kind(&mut draft, Kind::Telefoon, false);
    week::set_kind(&mut draft, Kind::Video, false);
    assert_eq!(draft.check(), Err(OfferError::NoKind));
    assert_eq!(OfferError::NoKind.code(), "invalid_kinds");
}

fn appointment(start: &str) -> werkscan_console::api::ExpertAppointment {
    serde_json::from_value(serde_json::json!({
        "id": start, "status": "booked", "kind": "telefoon", "start": start, "end": start, "words": "",
        "campaign_id": "c", "campaign_name": "C", "name": "N", "email": null, "phone": null,
        "submission_id": null, "unsent_messages": 0
    }))
    .unwrap()
}

#[test]
fn the_agenda_splits_today_this_week_and_later() {
    // Noon UTC keeps each date the same in any browser zone from UTC-11 to UTC+11.
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(); // a Wednesday
    let list = ["2026-12-02T12:00:00Z", "2026-12-06T12:00:00Z", "2026-12-07T12:00:00Z"].map(appointment).to_vec();
    let agenda = week::agenda(list, today);
    let ids = |items: &[werkscan_console::api::ExpertAppointment]| items.iter().map(|item| item.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&agenda.today), vec!["2026-12-02T12:00:00Z"]);
    assert_eq!(ids(&agenda.this_week), vec!["2026-12-06T12:00:00Z"], "Sunday is still this week");
    assert_eq!(ids(&agenda.later), vec!["2026-12-07T12:00:00Z"]);
    assert_eq!(week::monday_of(today), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
}

fn questionnaire(id: &str) -> Definition {
    let loaded = werkscan_definitions::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questionnaires")).unwrap();
    loaded.questionnaires.into_iter().find(|definition| definition.questionnaire.id == id).unwrap()
}

#[test]
fn shared_answers_read_as_the_words_the_person_chose() {
    for id in ["werkscan", "wai", "quickscan"] {
        let definition = questionnaire(id);
        let mut answers = Answers::new();
        let mut expected = Vec::new();
        for item in definition.items() {
            let options = definition.options_of(item);
            let (value, words) = match item.kind {
                ItemType::Likert | ItemType::Single => (AnswerValue::Text(options[0].key.clone()), AnswerWords::Options(vec![options[0].label.clone()])),
                ItemType::Multiple => (AnswerValue::List(vec![options[0].key.clone()]), AnswerWords::Options(vec![options[0].label.clone()])),
                ItemType::Number => (AnswerValue::Number(item.max.unwrap()), AnswerWords::Number { value: item.max.unwrap(), range: item.min.zip(item.max) }),
                ItemType::Text => (AnswerValue::Text("Liever 's ochtends".into()), AnswerWords::Free("Liever 's ochtends".into())),
                ItemType::Matrix => {
                    let grid = item.rows.iter().map(|row| (row.key.clone(), item.columns[0].key.clone())).collect();
                    let words = item.rows.iter().map(|row| (row.label.clone(), item.columns[0].label.clone())).collect();
                    (AnswerValue::Grid(grid), AnswerWords::Grid(words))
                }
            };
            answers.insert(item.id.clone(), value);
            expected.push((item.id.clone(), words));
        }
        let shown: Vec<(String, AnswerWords)> =
            answered_sections(&definition, &answers).into_iter().flat_map(|section| section.items).map(|item| (item.id, item.answer)).collect();
        assert_eq!(shown, expected, "{id}");
    }
}

#[test]
fn unanswered_questions_stay_out_and_odd_answers_stay_visible() {
    let definition = questionnaire("werkscan");
    let mut items = definition.items();
    let first = items.next().unwrap();
    let second = items.next().unwrap();
    let answers: Answers = [(first.id.clone(), AnswerValue::Declined), (second.id.clone(), AnswerValue::Text("no-such-option".into()))].into_iter().collect();
    let sections = answered_sections(&definition, &answers);
    let shown: Vec<&AnswerWords> = sections.iter().flat_map(|section| &section.items).map(|item| &item.answer).collect();
    assert_eq!(shown.len(), 2, "only the two answered questions");
    assert_eq!(shown[0], &AnswerWords::Declined);
    assert!(matches!(shown[1], AnswerWords::Unreadable(raw) if raw.contains("no-such-option")));
}

#[test]
fn every_key_of_the_server_has_words_in_both_languages() {
    for lang in [Lang::Nl, Lang::En] {
        let unknown = words::status(lang, "something-else");
        for key in words::STATUSES {
            assert_ne!(words::status(lang, key), unknown, "{key}");
        }
        for key in words::SIGNALS {
            assert!(!words::signal(lang, key).is_empty());
        }
        for key in words::OWNERS {
            assert_ne!(words::owner(lang, key), words::owner(lang, "?"), "{key}");
        }
        for key in ["booked", "held", "no_show", "cancelled"] {
            assert_ne!(words::appointment_status(lang, key), words::appointment_status(lang, "?"), "{key}");
        }
        for key in ["asked_contact", "cancelled", "no_show"] {
            assert_ne!(words::follow_up_reason(lang, key), words::follow_up_reason(lang, "?"), "{key}");
        }
    }
    assert_eq!(words::iso_day(Lang::Nl, "2026-12-01"), "1 december 2026");
    assert_eq!(words::iso_day(Lang::En, "not a date"), "not a date");
}

#[test]
fn refusals_a_person_can_act_on_have_their_own_sentence() {
    let refused = |code: &str| ApiError::Refused { status: 422, code: code.into(), message: String::new() };
    assert_eq!(words::error(Lang::Nl, &refused("invalid_credentials")), "Het e-mailadres of het wachtwoord klopt niet.");
    assert!(words::error(Lang::En, &refused("code_invalid")).contains("code"));
    assert!(words::error(Lang::Nl, &ApiError::Offline).contains("Geen verbinding"));
    // Anything else names the code for the helpdesk.
    assert!(words::error(Lang::Nl, &refused("something_new")).contains("something_new"));
}

#[test]
fn replies_read_as_values_or_refusals() {
    let reply = |status: u16, text: &str| Reply { status, text: text.into() };
    assert_eq!(read_reply::<serde_json::Value>(reply(204, "")), Ok(serde_json::Value::Null));
    assert_eq!(read_reply::<Vec<i32>>(reply(200, "[1,2]")), Ok(vec![1, 2]));
    assert_eq!(
        read_reply::<serde_json::Value>(reply(429, r#"{"error":{"code":"too_many_attempts","message":"wait"}}"#)),
        Err(ApiError::Refused { status: 429, code: "too_many_attempts".into(), message: "wait".into() })
    );
    // A proxy's page instead of our server's answer.
    let proxy = read_reply::<serde_json::Value>(reply(502, "<html>Bad gateway</html>")).unwrap_err();
    assert_eq!(proxy.code(), Some("http_502"));
    assert_eq!(read_reply::<Vec<i32>>(reply(200, "{}")).unwrap_err().code(), Some("bad_reply"));
}
