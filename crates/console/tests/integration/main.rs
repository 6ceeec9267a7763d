//! The console's rules, tested without a browser: where a login or a role sends a person, the
//! inbox's filters, editing a week of availability and the agenda, answers in words, the words
//! for the server's keys, and reading the server's replies.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime, Weekday};
use werkscan_api::accounts::{OrgRef, Pending, Role, SessionView, User};
use werkscan_api::audit::AuditAction;
use werkscan_api::booking::{AppointmentStatus, FollowUpReason};
use werkscan_api::campaigns::DepartmentInput;
use werkscan_api::expert::{Cause, Outcome, Owner, Referral, StatusChange, StrongestSignal, SubmissionStatus};
use werkscan_api::figures::{Change, NormMissing};
use werkscan_booking::{Availability, Kind, KindOffer, OfferError, Schedule};
use werkscan_console::api::{read_reply, ApiError};
use werkscan_console::inbox::{InboxFilter, PAGE_SIZE};
use werkscan_console::session::{access, home_for, next_step, other_app, Access, SessionState, AUTHOR_APP};
use werkscan_console::shared_answers::{answered_sections, AnswerWords};
use werkscan_console::{week, words};
use werkscan_core::model::{ItemType, Signal};
use werkscan_core::{AnswerValue, Answers, Definition, Lang};
use werkscan_kit::http::Reply;

mod roster;

fn session(role: Role, pending: Option<Pending>) -> SessionState {
    SessionState::In(SessionView {
        user: User {
            id: "u1".into(),
            org_id: None,
            practice_id: None,
            role,
            email: "a@b.example".into(),
            display_name: "A".into(),
        },
        organisation: Some(OrgRef { id: "o1".into(), name: "Org".into() }),
        csrf_token: "t".into(),
        expires_at: "2026-12-02T10:00:00Z".into(),
        pending,
        has_second_factor: pending.is_none(),
    })
}

#[test]
fn a_logged_out_person_goes_to_the_login_app_remembering_where_they_wanted_to_go() {
    assert_eq!(
        access(&SessionState::LoggedOut, &[Role::Expert], "/resultaten/abc"),
        Access::Go("/beheer/login/?terug=%2Fbeheer%2Fresultaten%2Fabc".into())
    );
    assert_eq!(next_step(&SessionState::LoggedOut, "/").as_deref(), Some("/beheer/login/"));
    // Only staff screens come back: a crafted link cannot send someone to another site.
    assert_eq!(next_step(&SessionState::LoggedOut, "//evil.example/x").as_deref(), Some("/beheer/login/"));
    assert_eq!(next_step(&SessionState::LoggedOut, "/inloggen").as_deref(), Some("/beheer/login/"));
}

#[test]
fn an_author_goes_on_to_the_authors_app_with_a_page_load() {
    assert_eq!(home_for(Role::DefinitionAuthor), AUTHOR_APP);
    // The authors' app is another app: the console loads its page instead of routing to it.
    assert_eq!(other_app(AUTHOR_APP).as_deref(), Some("/beheer/auteur"));
    assert_eq!(
        other_app("/auteur/vragenlijsten/quickscan/3.0.0").as_deref(),
        Some("/beheer/auteur/vragenlijsten/quickscan/3.0.0")
    );
    // Every other role's first screen, and the author's own account, stay in the console; the
    // login is another app.
    for &role in Role::ALL {
        if role != Role::DefinitionAuthor {
            assert_eq!(other_app(home_for(role)), None, "{role:?}");
        }
    }
    assert_eq!(other_app("/account"), None);
    assert_eq!(other_app("/auteurs"), None);
    assert_eq!(other_app("/login/").as_deref(), Some("/beheer/login/"));
}

#[test]
fn an_unfinished_login_goes_to_its_next_step_in_the_login_app_first() {
    let cases = [
        (Pending::PasswordChange, "/beheer/login/wachtwoord"),
        (Pending::SecondFactorSetup, "/beheer/login/tweede-factor/instellen"),
        (Pending::SecondFactor, "/beheer/login/tweede-factor"),
    ];
    for (pending, step) in cases {
        let state = session(Role::Expert, Some(pending));
        assert_eq!(
            access(&state, &[Role::Expert], "/resultaten"),
            Access::Go(format!("{step}?terug=%2Fbeheer%2Fresultaten")),
            "{pending:?}"
        );
        assert_eq!(next_step(&state, "/"), Some(step.to_owned()));
    }
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
    let filter = InboxFilter::from_query(query(&[
        ("campaign", "c 1"),
        ("status", "nieuw"),
        ("signal", "attention"),
        ("sort", "oldest"),
        ("page", "2"),
    ]));
    assert_eq!(filter.path(), "/resultaten?campaign=c%201&status=nieuw&signal=attention&sort=oldest&page=2");
    assert_eq!(
        InboxFilter::from_query(|name| {
            let path = filter.path();
            let query = path.split_once('?').unwrap().1.to_owned();
            query.split('&').find_map(|pair| {
                pair.split_once('=').filter(|(key, _)| *key == name).map(|(_, value)| value.replace("%20", " "))
            })
        }),
        filter
    );
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
    assert_eq!(
        (draft.schedule.weekly[monday[0]].start, draft.schedule.weekly[monday[0]].end),
        (t("09:00"), t("12:00"))
    );
    assert_eq!(
        (draft.schedule.weekly[monday[1]].start, draft.schedule.weekly[monday[1]].end),
        (t("12:00"), t("13:00"))
    );
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
fn days_off_come_as_a_range_and_holidays_with_hours_are_proposed() {
    let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    let mut draft = availability();
    // A leave over the turn of the year, one stretch.
    assert_eq!(week::add_days_off(&mut draft, date("2026-12-28"), date("2027-01-03")), Ok(7));
    assert_eq!(draft.schedule.overrides.len(), 7);
    assert!(draft.schedule.overrides.iter().all(|exception| exception.hours.is_empty()));
    assert_eq!(draft.check(), Ok(()));
    assert_eq!(
        week::add_days_off(&mut draft, date("2027-01-03"), date("2027-01-02")),
        Err(week::DaysOffProblem::EndBeforeStart)
    );
    assert_eq!(
        week::add_days_off(&mut draft, date("2027-01-01"), date("2028-01-01")),
        Err(week::DaysOffProblem::TooLong)
    );
    assert_eq!(draft.schedule.overrides.len(), 7, "a refused range changes nothing");

    // Holidays are proposed only where the week offers hours and no exception was chosen.
    let mut week_days = availability();
    for day in [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri] {
        week::add_block(&mut week_days, day);
    }
    let today = date("2026-12-06");
    let proposed: Vec<NaiveDate> =
        week::holidays_to_propose(&week_days, today).iter().map(|holiday| holiday.date).collect();
    // 2026-12-26 is a Saturday (no hours); Koningsdag 2027 is a Tuesday; 5 May 2027 a Wednesday.
    assert!(proposed.contains(&date("2026-12-25")) && !proposed.contains(&date("2026-12-26")), "{proposed:?}");
    assert!(proposed.contains(&date("2027-04-27")) && proposed.contains(&date("2027-05-05")));
    assert!(proposed.iter().all(|day| *day >= today && *day <= date("2027-12-06")));
    // Working on Christmas by choice: no longer proposed.
    week::set_date_hours(&mut week_days, date("2026-12-25"), t("10:00"), t("12:00"));
    assert!(!week::holidays_to_propose(&week_days, today).iter().any(|holiday| holiday.date == date("2026-12-25")));
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

fn appointment(start: &str) -> werkscan_api::booking::ExpertAppointment {
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
    let ids = |items: &[werkscan_api::booking::ExpertAppointment]| {
        items.iter().map(|item| item.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&agenda.today), vec!["2026-12-02T12:00:00Z"]);
    assert_eq!(ids(&agenda.this_week), vec!["2026-12-06T12:00:00Z"], "Sunday is still this week");
    assert_eq!(ids(&agenda.later), vec!["2026-12-07T12:00:00Z"]);
    assert_eq!(week::monday_of(today), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
}

fn questionnaire(id: &str) -> Definition {
    let loaded =
        werkscan_definitions::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questionnaires")).unwrap();
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
                ItemType::Likert | ItemType::Single => {
                    (AnswerValue::Text(options[0].key.clone()), AnswerWords::Options(vec![options[0].label.clone()]))
                }
                ItemType::Multiple => (
                    AnswerValue::List(vec![options[0].key.clone()]),
                    AnswerWords::Options(vec![options[0].label.clone()]),
                ),
                ItemType::Number => (
                    AnswerValue::Number(item.max.unwrap()),
                    AnswerWords::Number { value: item.max.unwrap(), range: item.min.zip(item.max) },
                ),
                ItemType::Text => {
                    (AnswerValue::Text("Liever 's ochtends".into()), AnswerWords::Free("Liever 's ochtends".into()))
                }
                ItemType::Matrix => {
                    let grid = item.rows.iter().map(|row| (row.key.clone(), item.columns[0].key.clone())).collect();
                    let words =
                        item.rows.iter().map(|row| (row.label.clone(), item.columns[0].label.clone())).collect();
                    (AnswerValue::Grid(grid), AnswerWords::Grid(words))
                }
            };
            answers.insert(item.id.clone(), value);
            expected.push((item.id.clone(), words));
        }
        let shown: Vec<(String, AnswerWords)> = answered_sections(&definition, &answers)
            .into_iter()
            .flat_map(|section| section.items)
            .map(|item| (item.id, item.answer))
            .collect();
        assert_eq!(shown, expected, "{id}");
    }
}

#[test]
fn unanswered_questions_stay_out_and_odd_answers_stay_visible() {
    let definition = questionnaire("werkscan");
    let mut items = definition.items();
    let first = items.next().unwrap();
    let second = items.next().unwrap();
    let answers: Answers =
        [(first.id.clone(), AnswerValue::Declined), (second.id.clone(), AnswerValue::Text("no-such-option".into()))]
            .into_iter()
            .collect();
    let sections = answered_sections(&definition, &answers);
    let shown: Vec<&AnswerWords> =
        sections.iter().flat_map(|section| &section.items).map(|item| &item.answer).collect();
    assert_eq!(shown.len(), 2, "only the two answered questions");
    assert_eq!(shown[0], &AnswerWords::Declined);
    assert!(matches!(shown[1], AnswerWords::Unreadable(raw) if raw.contains("no-such-option")));
}

/// The words are chosen by an exhaustive match on the wire contract's enums, so every name has
/// words; what is left to check is that no two names of one list read the same.
fn distinct<T: Copy>(all: &[T], words: impl Fn(T) -> &'static str) {
    let mut said: Vec<&str> = all.iter().map(|value| words(*value)).collect();
    assert!(said.iter().all(|words| !words.is_empty()));
    said.sort_unstable();
    said.dedup();
    assert_eq!(said.len(), all.len(), "{said:?}");
}

#[test]
fn a_version_without_a_licence_says_so_in_the_admins_list() {
    let none = werkscan_core::Text::default();
    assert_eq!(words::licence(Lang::Nl, &none), "Geen opgegeven");
    assert_eq!(words::licence(Lang::En, &none), "None given");
    let licensed = werkscan_core::Text::new("Licentie van het AKC", "Licensed by the AKC");
    assert_eq!(words::licence(Lang::En, &licensed), "Licensed by the AKC");
}

#[test]
fn every_key_of_the_server_has_words_in_both_languages() {
    for lang in [Lang::Nl, Lang::En] {
        distinct(SubmissionStatus::ALL, |status| words::status(lang, status));
        distinct(StrongestSignal::ALL, |signal| words::signal(lang, signal));
        distinct(Owner::ALL, |owner| words::owner(lang, owner));
        distinct(Referral::ALL, |referral| words::referral(lang, referral));
        distinct(Outcome::ALL, |outcome| words::outcome(lang, outcome));
        distinct(Role::ALL, |role| words::role(lang, role));
        distinct(AppointmentStatus::ALL, |status| words::appointment_status(lang, status));
        distinct(FollowUpReason::ALL, |reason| words::follow_up_reason(lang, reason));
        distinct(werkscan_api::author::VersionSource::ALL, |source| words::version_source(lang, source));
        for code in ["not_agreed_with_person", "invalid_referral", "invalid_outcome"] {
            let refused = ApiError::Refused { status: 422, code: code.into(), message: String::new() };
            assert!(!words::error(lang, &refused).contains(code), "{code} has its own sentence");
        }
    }
    // Every action the server writes has its words, each its own, in both languages.
    for lang in [Lang::Nl, Lang::En] {
        distinct(AuditAction::ALL, |action| words::action_words(lang, action));
        assert_eq!(
            words::audit_action(lang, "read_submission"),
            words::action_words(lang, AuditAction::ReadSubmission)
        );
        assert!(!AuditAction::ALL
            .iter()
            .any(|action| words::action_words(lang, *action) == words::audit_action(lang, "?")));
    }
    let change = |status: SubmissionStatus, referred_to: Option<Referral>, outcome: Option<Outcome>| StatusChange {
        status,
        referred_to,
        outcome,
        at: "2026-12-01T10:00:00Z".into(),
        by: "Karim".into(),
        cause: None,
    };
    assert_eq!(
        words::status_change(Lang::Nl, &change(SubmissionStatus::Doorverwezen, Some(Referral::Huisarts), None)),
        "Doorverwezen: Huisarts"
    );
    // A change an appointment caused says so.
    let booked = StatusChange { cause: Some(Cause::Booked), ..change(SubmissionStatus::GesprekGepland, None, None) };
    assert!(
        words::status_change(Lang::Nl, &booked).ends_with("(de persoon plande een gesprek)"),
        "{}",
        words::status_change(Lang::Nl, &booked)
    );
    let held = StatusChange { cause: Some(Cause::Held), ..change(SubmissionStatus::GesprekGevoerd, None, None) };
    assert!(words::status_change(Lang::En, &held).ends_with("(conversation recorded as held)"));
    // An appointment's history: booked, moved by the expert with the reason, held.
    let appointment = werkscan_api::expert::LinkedAppointment {
        status: AppointmentStatus::Held,
        kind: Kind::Video,
        start: "2026-12-08T09:00:00Z".into(),
        expert: "Karim".into(),
        booked_at: "2026-12-01T10:00:00Z".into(),
        moved_by: Some("expert".into()),
        move_reason: Some("ziek".into()),
        cancelled_at: None,
        cancelled_by: None,
        cancel_reason: None,
        outcome_at: Some("2026-12-08T10:00:00Z".into()),
    };
    let lines = words::appointment_history(Lang::Nl, &appointment);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].starts_with("Gepland op")
            && lines[1] == "Verplaatst door de arbeidsdeskundige: ziek"
            && lines[2].starts_with("Gehouden"),
        "{lines:?}"
    );
    assert_eq!(
        words::status_change(Lang::En, &change(SubmissionStatus::Afgerond, None, Some(Outcome::GeenActieNodig))),
        "Closed: No action needed"
    );
    assert_eq!(
        words::status_change(Lang::Nl, &change(SubmissionStatus::GeenContactGewenst, None, None)),
        "Geen contact gewenst"
    );
    assert_eq!(words::iso_day(Lang::Nl, "2026-12-01"), "1 december 2026");
    assert_eq!(words::iso_day(Lang::En, "not a date"), "not a date");
}

#[test]
fn refusals_a_person_can_act_on_have_their_own_sentence() {
    let refused = |code: &str| ApiError::Refused { status: 422, code: code.into(), message: String::new() };
    assert_eq!(
        words::error(Lang::Nl, &refused("invalid_credentials")),
        "Het e-mailadres of het wachtwoord klopt niet."
    );
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

fn measure() -> werkscan_api::figures::Measure {
    serde_json::from_value(serde_json::json!({
        "score": "zelfredzaamheid", "kind": "theme", "label": {"nl": "Zelfredzaamheid", "en": "Self-reliance"}, "min": 0.0, "max": 100.0,
        "bands": [
            {"key": "aandacht", "label": {"nl": "Vraagt aandacht", "en": "Needs attention"}, "signal": "attention"},
            {"key": "let_op", "label": {"nl": "Let op", "en": "Worth watching"}, "signal": "watch"},
            {"key": "goed", "label": {"nl": "Goed", "en": "Good"}, "signal": "good"}
        ]
    }))
    .unwrap()
}

fn counts(pairs: &[(&str, u64)]) -> Vec<werkscan_api::figures::BandCount> {
    pairs.iter().map(|(band, count)| werkscan_api::figures::BandCount { band: (*band).into(), count: *count }).collect()
}

#[test]
fn a_distribution_becomes_a_bar_in_band_order() {
    use werkscan_console::figures::{distribution_words, segments};
    // Given out of order, drawn in the definition's band order; a band nobody is in has no width.
    let parts = segments(&measure(), &counts(&[("goed", 6), ("aandacht", 2)]));
    let shape: Vec<(&str, u64, f64, f64)> =
        parts.iter().map(|part| (part.band.as_str(), part.count, part.start, part.width)).collect();
    assert_eq!(shape, vec![("aandacht", 2, 0.0, 25.0), ("let_op", 0, 25.0, 0.0), ("goed", 6, 25.0, 75.0)]);
    assert!(segments(&measure(), &[]).is_empty());
    assert_eq!(
        distribution_words(Lang::Nl, &measure(), &counts(&[("goed", 6), ("aandacht", 2)])),
        "Vraagt aandacht: 2 (25%); Let op: 0 (0%); Goed: 6 (75%)"
    );
}

#[test]
fn numbers_are_written_without_false_precision() {
    use werkscan_console::figures::{change_words, one_decimal, signed, whole_percent};
    assert_eq!(one_decimal(66.44, Lang::Nl), "66,4");
    assert_eq!(one_decimal(66.0, Lang::Nl), "66");
    assert_eq!(one_decimal(5.25, Lang::En), "5.3");
    assert_eq!(signed(-2.5, Lang::Nl), "−2,5");
    assert_eq!(signed(5.2, Lang::En), "+5.2");
    assert_eq!(whole_percent(1, 3), 33);
    assert_eq!(whole_percent(3, 0), 0);
    assert_eq!(change_words(Lang::Nl, Change::NoClearChange), "Geen duidelijke verandering");
    assert_eq!(change_words(Lang::Nl, Change::Higher), "Hoger (gunstiger)");
    assert_eq!(change_words(Lang::En, Change::Lower), "Lower (less favourable)");
}

#[test]
fn hidden_groups_are_named_together_without_saying_which_was_too_small() {
    use werkscan_console::figures::{hidden_groups_note, names_in_words};
    let dashboard = dashboard();
    let shown_only: Vec<_> = dashboard.figures.groups.iter().filter(|group| group.shown).cloned().collect();
    assert_eq!(hidden_groups_note(Lang::Nl, &shown_only, 5), None);
    let note = hidden_groups_note(Lang::Nl, &dashboard.figures.groups, 5).unwrap();
    assert!(note.starts_with("Directie en Staf: samen te klein om te tonen."), "{note}");
    assert!(note.contains("minstens 5 mensen"));
    // One sentence for all: nothing says which one was too small itself.
    assert!(!note.contains("Zorg"));
    let one = vec![
        dashboard.figures.groups[0].clone(),
        dashboard.figures.groups[1].clone(),
        dashboard.figures.groups[3].clone(),
    ];
    assert!(hidden_groups_note(Lang::En, &one, 5).unwrap().starts_with("Directie: too small to show."));
    assert_eq!(names_in_words(Lang::Nl, &["A".into(), "B".into(), "C".into()]), "A, B en C");
    assert_eq!(names_in_words(Lang::En, &["A".into()]), "A");
}

/// A dashboard as the server sends it after issue 21: the total and Zorg shown, Directie and
/// Staf hidden; a norm, a trend for the total, "waar beginnen" and an action plan.
fn dashboard() -> werkscan_api::releases::Dashboard {
    let band = |key: &str, nl: &str, signal: &str, from: f64| serde_json::json!({"key": key, "label": {"nl": nl, "en": nl}, "signal": signal, "from": from});
    let bands = serde_json::json!([
        band("aandacht", "Vraagt aandacht", "attention", 0.0),
        band("let_op", "Let op", "watch", 50.0),
        band("goed", "Goed", "good", 70.0)
    ]);
    let theme = |score: &str, mean: f64| serde_json::json!({"score": score, "shown": true, "respondents": 20, "mean": mean, "distribution": [{"band": "aandacht", "count": 5}, {"band": "let_op", "count": 5}, {"band": "goed", "count": 10}]});
    serde_json::from_value(serde_json::json!({
        "campaign": {"id": "c2", "name": "Werkscan 2026", "questionnaire": {"id": "werkscan", "version": "2.1.0", "content_hash": "h"}, "starts_on": "2026-10-01", "ends_on": "2026-10-31", "version": "2.1.0"},
        "release": {"sequence": 1, "status": "published", "computed_at": "2026-11-01T06:00:00Z", "published_at": "2026-11-02T10:00:00Z", "min_group_size": 5, "respondents": 40},
        "measures": [
            {"score": "wd", "kind": "theme", "label": {"nl": "Werkdruk", "en": "Workload"}, "min": 0.0, "max": 100.0, "bands": bands},
            {"score": "oc", "kind": "theme", "label": {"nl": "Cultuur", "en": "Culture"}, "min": 0.0, "max": 100.0, "bands": bands},
            {"score": "wai", "kind": "headline", "label": {"nl": "Werkvermogen", "en": "Work ability"}, "min": 0.0, "max": 10.0, "bands": bands}
        ],
        "groups": [
            {"kind": "total", "shown": true, "respondents": 40, "measures": [theme("wd", 49.9), theme("oc", 70.0), {"score": "wai", "shown": true, "distribution": []}]},
            {"kind": "department", "name": "Directie", "shown": false},
            {"kind": "department", "name": "Staf", "shown": false},
            {"kind": "department", "name": "Zorg", "shown": true, "respondents": 20, "measures": [theme("wd", 42.0), {"score": "oc", "shown": false}]}
        ],
        "trend": {
            "previous": {"campaign_id": "c1", "campaign_name": "Werkscan 2025", "starts_on": "2025-10-01", "ends_on": "2025-10-31", "published_at": "2025-11-02T10:00:00Z", "version": "2.1.0"},
            "groups": [{"kind": "total", "name": null, "measures": [{"score": "wd", "previous_mean": 55.0, "mean": 49.9, "difference": -5.1, "threshold": 4.2, "change": "lower"}]}],
            "not_comparable": ["oc"]
        },
        "norm": {"questionnaire": "werkscan", "version": "2.1.0", "as_of": "2026-11-01T06:00:00Z", "organisations": 5, "respondents": 231, "max_share": 0.25,
                 "measures": [{"score": "wd", "organisations": 5, "respondents": 231, "mean": 52.3, "distribution": []}]},
        "norm_missing": null,
        "start_here": [{"score": "wd", "attention": 5, "respondents": 40, "departments": ["Zorg"], "advice": {"nl": "Praat over werkdruk.", "en": "Talk about workload."}}],
        "employer_advice": {"wd": {"aandacht": {"nl": "Praat over werkdruk.", "en": "Talk about workload."}}},
        "actions": [
            {"id": "a1", "score": "oc", "action": "Teamoverleg", "owner": "HR", "due_on": "2026-12-01", "done": false, "carried_from": null, "created_at": "2026-11-03T10:00:00Z", "updated_at": "2026-11-03T10:00:00Z"},
            {"id": "a2", "score": "wd", "action": "Roosters", "owner": "Teamleider Zorg", "due_on": "2027-01-15", "done": true, "carried_from": "p1", "created_at": "2026-11-03T10:00:00Z", "updated_at": "2026-11-03T10:00:00Z"}
        ],
        "previous_actions": {"campaign_id": "c1", "campaign_name": "Werkscan 2025", "actions": [
            {"id": "p1", "score": "wd", "action": "Roosters", "owner": "HR", "due_on": "2026-03-01", "done": false, "created_at": "x", "updated_at": "x"},
            {"id": "p2", "score": "wd", "action": "Pauzes", "owner": "HR", "due_on": "2026-03-01", "done": false, "created_at": "x", "updated_at": "x"},
            {"id": "p3", "score": "oc", "action": "Training", "owner": "HR", "due_on": "2026-03-01", "done": true, "created_at": "x", "updated_at": "x"}
        ]}
    }))
    .unwrap()
}

#[test]
fn the_band_of_a_mean_is_the_last_band_it_reaches() {
    use werkscan_console::figures::band_of;
    let dashboard = dashboard();
    let measure = &dashboard.figures.measures[0];
    let band = |mean: f64| band_of(measure, mean).map(|band| band.key.as_str());
    assert_eq!(band(0.0), Some("aandacht"));
    assert_eq!(band(49.9), Some("aandacht"));
    assert_eq!(band(50.0), Some("let_op"), "a band starts at its `from`");
    assert_eq!(band(69.9), Some("let_op"));
    assert_eq!(band(70.0), Some("goed"));
    assert_eq!(band(100.0), Some("goed"));
    assert_eq!(band(-1.0), None, "below the first band");
    // A server from before issue 21 does not say where bands start: no band is guessed.
    assert_eq!(band_of(&self::measure(), 80.0), None);
}

#[test]
fn the_heatmap_has_a_row_per_theme_and_a_column_per_shown_group_with_the_comparisons() {
    use werkscan_console::figures::{heatmap, norm_words, trend_words, Cell};
    let heat = heatmap(&dashboard());
    let columns: Vec<Option<&str>> = heat.columns.iter().map(|group| group.name.as_deref()).collect();
    assert_eq!(columns, vec![None, Some("Zorg")], "the total and the shown department; hidden ones are not columns");
    let rows: Vec<&str> = heat.rows.iter().map(|row| row.measure.score.as_str()).collect();
    assert_eq!(rows, vec!["wd", "oc"], "themes only: the headline has no mean");
    let Cell::Shown(total) = &heat.rows[0].cells[0] else { panic!("the total's workload is shown") };
    assert_eq!(total.mean, 49.9);
    assert_eq!(total.band.as_ref().map(|band| band.key.as_str()), Some("aandacht"));
    assert_eq!(total.norm_difference, Some(-2.4), "49,9 against 52,3 elsewhere");
    assert_eq!(total.trend.as_ref().map(|trend| trend.change.as_str()), Some("lower"));
    assert_eq!(norm_words(Lang::Nl, -2.4), "Andere organisaties: −2,4");
    assert_eq!(trend_words(Lang::Nl, total.trend.as_ref().unwrap()), "Vorige campagne: lager (minder gunstig) (−5,1)");
    // Zorg: no trend for the department (not in the previous release), the norm still beside it.
    let Cell::Shown(zorg) = &heat.rows[0].cells[1] else { panic!("Zorg's workload is shown") };
    assert_eq!((zorg.trend.is_none(), zorg.norm_difference), (true, Some(-10.3)));
    // Culture: no norm for it; hidden for Zorg (one band, or it would give a hidden group away).
    let Cell::Shown(culture) = &heat.rows[1].cells[0] else { panic!("the total's culture is shown") };
    assert_eq!((culture.norm_difference, culture.band.as_ref().map(|band| band.key.as_str())), (None, Some("goed")));
    assert_eq!(heat.rows[1].cells[1], Cell::Hidden);
}

#[test]
fn the_trend_says_it_compares_groups_not_the_same_people() {
    use werkscan_console::figures::trend_explanation;
    let dashboard = dashboard();
    let words = trend_explanation(Lang::Nl, dashboard.trend.as_ref().unwrap());
    assert!(
        words.starts_with("Vergeleken met de groep van Werkscan 2025 (1 oktober 2025 – 31 oktober 2025)."),
        "{words}"
    );
    assert!(words.contains("niet per se dezelfde mensen") && words.contains("door toeval"), "{words}");
    assert!(trend_explanation(Lang::En, dashboard.trend.as_ref().unwrap()).contains("not necessarily the same people"));
}

#[test]
fn where_to_start_counts_people_in_attention_and_names_the_departments() {
    use werkscan_console::figures::{start_here_words, strongest_words};
    let dashboard = dashboard();
    let item = &dashboard.start_here[0];
    assert_eq!(
        start_here_words(Lang::Nl, item, dashboard.figures.measures.first()),
        "5 van de 40 mensen (13%) vallen in „Vraagt aandacht”."
    );
    assert_eq!(strongest_words(Lang::Nl, &item.departments).as_deref(), Some("Het sterkst bij: Zorg."));
    assert_eq!(strongest_words(Lang::En, &["A".into(), "B".into()]).as_deref(), Some("Strongest in: A and B."));
    assert_eq!(strongest_words(Lang::Nl, &[]), None, "no department shown: nothing to name");
}

#[test]
fn the_action_plan_is_grouped_per_theme_and_numbered_as_the_csv() {
    use werkscan_console::figures::{carryable, overdue, plan_by_theme};
    let dashboard = dashboard();
    let plan = plan_by_theme(&dashboard.figures.measures, &dashboard.actions);
    let shape: Vec<(&str, Vec<usize>)> =
        plan.iter().map(|(score, items)| (score.as_str(), items.iter().map(|item| item.number).collect())).collect();
    // In the order of the themes, each action keeping the number the server's order gives it.
    assert_eq!(shape, vec![("wd", vec![2]), ("oc", vec![1])]);
    // Of the previous plan: p1 is carried already, p3 is done; only p2 can be carried.
    let previous = &dashboard.previous_actions.as_ref().unwrap().actions;
    let open: Vec<&str> = carryable(previous, &dashboard.actions).iter().map(|action| action.id.as_str()).collect();
    assert_eq!(open, vec!["p2"]);
    let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    assert!(overdue(&dashboard.actions[0], today), "open and past its date");
    assert!(!overdue(&dashboard.actions[1], today), "done");
}

#[test]
fn an_action_is_checked_like_the_server_before_it_is_sent() {
    use werkscan_console::figures::{refused_field, toggled, ActionForm};
    let themes = vec!["wd".to_owned(), "oc".to_owned()];
    let starts_on = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let form = ActionForm {
        score: "wd".into(),
        action: " Roosters samen maken ".into(),
        owner: "HR".into(),
        due_on: "2027-01-15".into(),
        ..ActionForm::default()
    };
    assert!(form.problems(&themes, starts_on).is_empty());
    assert_eq!(form.new_action().action, "Roosters samen maken", "trimmed");
    assert_eq!(serde_json::to_value(form.new_action()).unwrap().get("carried_from"), None, "only sent when carried");
    let wrong = ActionForm {
        score: "wai".into(),
        action: "x".repeat(501),
        owner: " ".into(),
        due_on: "15-01-2027".into(),
        ..ActionForm::default()
    };
    assert_eq!(wrong.problems(&themes, starts_on), vec!["score", "action", "owner", "due_on"]);
    // As the server: no control characters; a date from the campaign's first day, within five years.
    let with_break = ActionForm { action: "Roosters\nsamen".into(), ..form.clone() };
    assert_eq!(with_break.problems(&themes, starts_on), vec!["action"]);
    for (day, right) in [("2026-09-30", false), ("2026-10-01", true), ("2031-10-01", true), ("2031-10-07", false)] {
        let dated = ActionForm { due_on: day.into(), ..form.clone() };
        assert_eq!(dated.problems(&themes, starts_on).is_empty(), right, "{day}");
    }
    let longest = ActionForm { action: "é".repeat(500), owner: "ö".repeat(100), ..form.clone() };
    assert!(longest.problems(&themes, starts_on).is_empty(), "characters are counted, not bytes");
    // Carrying an action of the previous plan keeps its words and asks for a new date.
    let dashboard = dashboard();
    let carried = ActionForm::carrying(&dashboard.previous_actions.as_ref().unwrap().actions[1]);
    assert_eq!(
        (carried.carried_from.as_deref(), carried.due_on.as_str(), carried.action.as_str()),
        (Some("p2"), "", "Pauzes")
    );
    assert_eq!(serde_json::to_value(carried.new_action()).unwrap()["carried_from"], "p2");
    assert!(toggled(&dashboard.actions[0]).done);
    // Which field a refusal is about: the field it names, or the field its message names.
    let refused =
        |message: &str| ApiError::Refused { status: 422, code: "invalid_action".into(), message: message.into() };
    let field = |name: &str| werkscan_api::error::FieldError {
        field: name.into(),
        code: "invalid_action".into(),
        message: String::new(),
    };
    assert_eq!(refused_field(&refused("whatever"), &[field("owner")]), Some("owner"));
    // A field the form does not have is not pinned on one that happens to share a word.
    assert_eq!(
        refused_field(&refused("carried_from: not an action of the previous campaign"), &[field("carried_from")]),
        None
    );
    assert_eq!(refused_field(&refused("due_on is not a date"), &[]), Some("due_on"));
    assert_eq!(refused_field(&refused("the action's owner is empty"), &[]), Some("owner"));
    assert_eq!(refused_field(&refused("score is not a theme of this release"), &[]), Some("score"));
    assert_eq!(refused_field(&refused("action text is too long"), &[]), Some("action"));
    let too_many =
        ApiError::Refused { status: 409, code: "too_many_actions".into(), message: "at most 50 actions".into() };
    assert_eq!(refused_field(&too_many, &[]), None, "not about one field");
    for lang in [Lang::Nl, Lang::En] {
        for field in ["score", "action", "owner", "due_on"] {
            assert_ne!(words::action_problem(lang, field), words::action_problem(lang, "?"), "{field}");
        }
        assert!(!words::error(lang, &too_many).contains("too_many_actions"), "its own sentence");
    }
}

#[test]
fn a_dashboard_of_a_server_before_issue_21_still_reads() {
    let old = serde_json::json!({
        "campaign": {"id": "c2", "name": "W", "questionnaire": {"id": "werkscan", "version": "2.0.0", "content_hash": "h"}, "starts_on": "2026-10-01", "ends_on": "2026-10-31"},
        "release": {"sequence": 1, "status": "published", "computed_at": "2026-11-01T06:00:00Z", "min_group_size": 5, "respondents": 40},
        "measures": [{"score": "wd", "kind": "theme", "label": {"nl": "Werkdruk", "en": "Workload"}, "min": 0.0, "max": 100.0,
                      "bands": [{"key": "goed", "label": {"nl": "Goed", "en": "Good"}, "signal": "good"}]}],
        "groups": [{"kind": "total", "shown": true, "respondents": 40, "measures": []}]
    });
    let dashboard: werkscan_api::releases::Dashboard = serde_json::from_value(old).unwrap();
    assert!(dashboard.actions.is_empty() && dashboard.start_here.is_empty() && dashboard.norm_missing.is_none());
    assert_eq!(dashboard.figures.measures[0].bands[0].from, None);
}

#[test]
fn the_norm_says_it_is_other_organisations_with_n_date_and_version() {
    use werkscan_console::figures::norm_explanation;
    let dashboard = dashboard();
    let words = norm_explanation(Lang::Nl, dashboard.norm.as_ref().unwrap());
    assert_eq!(
        words,
        "„Andere organisaties” is het gemiddelde bij andere organisaties: 5 organisaties met samen 231 deelnemers, met dezelfde vragenlijst (versie 2.1.0), stand van 1 november 2026. Je eigen organisatie telt niet mee. Geen organisatie telt voor meer dan 25% van de deelnemers."
    );
    assert!(!words.contains("elders"));
}

#[test]
fn the_norm_is_missing_for_a_reason_in_words() {
    for lang in [Lang::Nl, Lang::En] {
        let general = words::norm_missing(lang, None);
        for missing in NormMissing::ALL {
            assert_ne!(words::norm_missing(lang, Some(*missing)), general, "{missing}");
        }
        for signal in [Signal::Attention, Signal::Watch, Signal::Good] {
            assert!(!words::band_for_employer(lang, signal).contains("wie je bent"), "written for the employer");
        }
    }
}

fn form() -> werkscan_console::campaign_form::CampaignForm {
    use werkscan_console::campaign_form::{CampaignForm, DepartmentRow};
    let mut form = CampaignForm::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    form.name = " Werkscan zorg 2027 ".into();
    form.questionnaire = "werkscan".into();
    form.version = "3.0.0".into();
    form.departments = vec![
        DepartmentRow { name: "Verpleging".into(), headcount: "40".into() },
        DepartmentRow { name: "Facilitair".into(), headcount: String::new() },
        DepartmentRow::default(),
    ];
    form.experts = vec!["e1".into()];
    // Headcounts are only typed for an open link; personal invitations are tested in `roster`.
    form.invitations = werkscan_api::campaigns::Invitations::Open;
    form
}

#[test]
fn a_filled_in_form_becomes_the_request() {
    let request = form().to_request().unwrap();
    assert_eq!(request.name, "Werkscan zorg 2027");
    assert_eq!(
        (request.starts_on.to_string(), request.ends_on.to_string()),
        ("2026-12-01".into(), "2026-12-28".into())
    );
    assert_eq!(request.min_group_size, Some(10), "the default");
    assert_eq!(request.retention_days, Some(365));
    let departments: Vec<(String, Option<i64>)> = request
        .departments
        .iter()
        .map(|department| match department {
            DepartmentInput::Entry(entry) => (entry.name.clone(), entry.headcount),
            DepartmentInput::Name(name) => (name.clone(), None),
        })
        .collect();
    assert_eq!(
        departments,
        vec![("Verpleging".into(), Some(40)), ("Facilitair".into(), None)],
        "the empty row is left out"
    );
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(body["departments"][1], serde_json::json!({"name": "Facilitair", "headcount": null}));
    // The employer sends nothing about who is responsible: the server takes it from the practice
    // (and refuses a body that names a controller). Left empty, the only practice runs it.
    for field in ["controller", "privacy_officer", "practice"] {
        assert!(body.get(field).is_none(), "{field}");
    }
    let mut chosen = form();
    chosen.practice = "p2".into();
    assert_eq!(serde_json::to_value(chosen.to_request().unwrap()).unwrap()["practice"], "p2");
}

#[test]
fn every_problem_of_the_form_is_named_with_its_field() {
    let mut bad = form();
    bad.name = "  ".into();
    bad.departments[0].headcount = "veertig".into();
    bad.departments[1].name = "Verpleging".into();
    bad.ends_on = "2026-11-30".into();
    bad.min_group_size = "4".into();
    bad.experts.clear();
    let fields: Vec<(String, String)> =
        bad.to_request().unwrap_err().into_iter().map(|problem| (problem.field, problem.code)).collect();
    assert_eq!(
        fields,
        vec![
            ("name".into(), "invalid_name".into()),
            ("departments[0].headcount".into(), "invalid_headcount".into()),
            ("departments[1]".into(), "invalid_department".into()),
            ("ends_on".into(), "invalid_dates".into()),
            ("min_group_size".into(), "min_group_size_too_small".into()),
            ("experts".into(), "experts_required".into()),
        ]
    );
    let mut large = form();
    large.min_group_size = "51".into();
    assert_eq!(large.to_request().unwrap_err()[0].code, "min_group_size_too_large");
}

#[test]
fn refusals_point_at_their_input() {
    use werkscan_console::campaign_form::{field_message, input_id};
    assert_eq!(input_id("departments[1].headcount"), "c-department-1-headcount");
    assert_eq!(input_id("min_group_size"), "c-min-group-size");
    assert_eq!(input_id("experts[0]"), "c-experts-0");
    let problem = werkscan_api::error::FieldError {
        field: "min_group_size".into(),
        code: "min_group_size_too_small".into(),
        message: String::new(),
    };
    assert_eq!(field_message(Lang::Nl, &problem), "De minimale groepsgrootte is minstens 5.");
    // A 422 body with several fields reads as all of them.
    let reply = Reply {
        status: 422,
        text: r#"{"error":{"code":"invalid_name","message":"m","field":"name","fields":[{"field":"name","code":"invalid_name","message":"m"},{"field":"departments[1].headcount","code":"invalid_headcount","message":"n"}]}}"#.into(),
    };
    let fields = werkscan_console::api::field_errors(&reply);
    assert_eq!(
        fields.iter().map(|field| field.field.as_str()).collect::<Vec<_>>(),
        vec!["name", "departments[1].headcount"]
    );
}

#[test]
fn the_invitation_says_what_stays_private() {
    use werkscan_console::campaign_form::invitation;
    let campaign: werkscan_api::campaigns::CampaignView = serde_json::from_value(serde_json::json!({
        "id": "c1", "code": "K7PQ2M4XWA", "link": "/c/K7PQ2M4XWA", "name": "Werkscan zorg",
        "organisation": {"id": "o1", "name": "Zorggroep De Linde"},
        "questionnaire": {"id": "werkscan", "version": "3.0.0", "content_hash": "h"},
        "departments": [{"name": "Verpleging", "headcount": 40}], "starts_on": "2026-12-01", "ends_on": "2026-12-28",
        "status": "open", "open": true, "min_group_size": 10, "retention_days": 365, "delete_after": "2027-12-28",
        "experts": [{"id": "e1", "display_name": "Karim Bouzid"}], "created_at": "2026-12-01T09:00:00Z", "uploads": 3,
        "invitations": "open", "controller": {"name": "Arbopraktijk De Linde", "contact": "privacy@linde.example"}
    }))
    .unwrap();
    let text = invitation(Lang::Nl, &campaign, "https://werkscan.example", 12);
    for part in [
        "Zorggroep De Linde",
        "12 minuten",
        "Karim Bouzid",
        "minstens 10 mensen",
        "28 december 2026",
        "https://werkscan.example/c/K7PQ2M4XWA",
        "geen gevolgen",
    ] {
        assert!(text.contains(part), "{part} in:\n{text}");
    }
    assert!(!text.contains(" u ") && !text.contains("anoniem"), "je, and never 'anoniem'");
    assert!(invitation(Lang::En, &campaign, "https://werkscan.example", 12).contains("at least 10 people"));
}

/// A display name may carry brackets of its own, as the demo's "Karim Bouzid (arbeidsdeskundige)"
/// does; the invitation names the experts after a colon, so no brackets end up inside brackets.
#[test]
fn the_invitation_names_the_experts_without_brackets_in_brackets() {
    use werkscan_console::campaign_form::{invitation, shared_with};
    let campaign = |experts: serde_json::Value| -> werkscan_api::campaigns::CampaignView {
        serde_json::from_value(serde_json::json!({
            "id": "c1", "code": "K7PQ2M4XWA", "link": "/c/K7PQ2M4XWA", "name": "Werkscan zorg",
            "organisation": {"id": "o1", "name": "Zorggroep De Linde"},
            "questionnaire": {"id": "werkscan", "version": "3.0.0", "content_hash": "h"},
            "departments": [], "starts_on": "2026-12-01", "ends_on": "2026-12-28",
            "status": "open", "open": true, "min_group_size": 10, "retention_days": 365, "delete_after": "2027-12-28",
            "experts": experts, "created_at": "2026-12-01T09:00:00Z", "uploads": 0,
            "invitations": "open", "controller": {"name": "Arbopraktijk De Linde", "contact": "privacy@linde.example"}
        }))
        .unwrap()
    };
    let demo = campaign(serde_json::json!([{"id": "e1", "display_name": "Karim Bouzid (arbeidsdeskundige)"}]));
    for lang in [Lang::Nl, Lang::En] {
        let text = invitation(lang, &demo, "https://werkscan.example", 15);
        assert!(!text.contains("((") && !text.contains("))"), "{text}");
        assert!(text.contains("Karim Bouzid (arbeidsdeskundige)."), "{text}");
    }
    assert!(invitation(Lang::Nl, &demo, "https://werkscan.example", 15)
        .contains("Wat je deelt, is alleen voor de arbeidsdeskundige: Karim Bouzid (arbeidsdeskundige)."));
    let names = |list: &[&str]| list.iter().map(|name| (*name).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        shared_with(Lang::Nl, &names(&["Karim Bouzid", "Eva de Wit"])),
        "de arbeidsdeskundigen: Karim Bouzid en Eva de Wit"
    );
    assert_eq!(shared_with(Lang::En, &names(&["Karim Bouzid"])), "the labour expert: Karim Bouzid");
    assert_eq!(shared_with(Lang::Nl, &[]), "de arbeidsdeskundige van deze campagne");
    assert!(!invitation(Lang::Nl, &campaign(serde_json::json!([])), "https://werkscan.example", 15)
        .contains(':'.to_string().repeat(2).as_str()));
}

/// A deletion date is a day: no stray "1.00" from the midnight (UTC) it falls on.
#[test]
fn a_deletion_moment_reads_as_a_day_without_a_time() {
    // Noon UTC is the same day in every time zone the tests may run in.
    assert_eq!(words::moment_day(Lang::Nl, "2028-12-06T12:00:00Z"), "6 december 2028");
    assert_eq!(words::moment_day(Lang::En, "2028-12-06T12:00:00Z"), "6 December 2028");
    let midnight = words::moment_day(Lang::Nl, "2028-12-06T00:00:00Z");
    assert!(!midnight.contains(',') && !midnight.chars().any(|c| c == '.' || c == ':'), "{midnight}");
    assert_eq!(words::moment_day(Lang::Nl, "geen moment"), "geen moment");
}

/// The employer's preview of a campaign and the employee's scan say the same number of
/// questions: the core's one count, which leaves out the follow-up only some people see.
#[test]
fn the_preview_counts_the_questions_the_scan_announces() {
    let werkscan = questionnaire("werkscan");
    let all = werkscan.items().count();
    let conditional = werkscan.items().filter(|item| item.show_if.is_some()).count();
    assert_eq!(conditional, 1, "gv_5 follows gv_4");
    assert_eq!(werkscan.question_count(), all - conditional);
    assert_eq!(
        werkscan.catalogue_entry().items,
        werkscan.question_count(),
        "the scan's start page reads the catalogue"
    );
}

/// The employer's progress line never shows a live number: the day's count in steps of k, or
/// "fewer than k"; conversations below k are "fewer than k" too.
#[test]
fn the_response_and_conversations_are_told_in_steps_of_k() {
    use werkscan_api::campaigns::DailyResponse;
    use werkscan_api::figures::Appointments as AppointmentFigures;
    let response = |at_least| DailyResponse { at_least, min_group_size: 10, as_of: "2026-12-07T05:00:00Z".into() };
    assert_eq!(words::response(Lang::Nl, &response(None)), "Nog minder dan 10 reacties (bijgewerkt om 6.00 uur)");
    assert_eq!(words::response(Lang::Nl, &response(Some(20))), "20 reacties of meer (bijgewerkt om 6.00 uur)");
    assert_eq!(words::response(Lang::En, &response(Some(20))), "20 responses or more (updated at 6:00)");
    assert_eq!(words::response_short(Lang::Nl, &response(None)), "minder dan 10");
    let conversations = |booked, held| AppointmentFigures { booked, held };
    assert_eq!(
        words::appointments(Lang::Nl, &conversations(None, None), 10),
        "gepland: minder dan 10, gevoerd: minder dan 10"
    );
    assert_eq!(words::appointments(Lang::Nl, &conversations(Some(12), None), 10), "gepland: 12, gevoerd: niet getoond");
    assert_eq!(words::appointments(Lang::En, &conversations(Some(30), Some(20)), 10), "booked: 30, held: 20");
}

#[test]
fn unread_counts_belong_to_their_screens_and_lead_the_title() {
    use werkscan_api::notifications::{Notifications, Seen};
    use werkscan_console::notifications::{badge, clears, title, total};
    let counts = Notifications { new_shares: 3, changed_appointments: 0, ..Default::default() };
    // The menu's button on a phone shows everything unread.
    assert_eq!(total(&Notifications { new_shares: 3, changed_appointments: 2, ..Default::default() }), 5);
    assert_eq!(total(&Notifications::default()), 0);
    assert_eq!(clears("/resultaten"), Some(Seen::Shares));
    assert_eq!(clears("/resultaten?status=nieuw"), Some(Seen::Shares));
    assert_eq!(clears("/afspraken"), Some(Seen::Appointments));
    assert_eq!(clears("/resultaten/abc"), None, "one result is not the inbox");
    assert_eq!(badge("/resultaten", &counts), Some(3));
    assert_eq!(badge("/afspraken", &counts), None, "nothing unread: no badge");
    assert_eq!(badge("/campagnes", &counts), None);
    assert_eq!(title(3, "Uitkomsten", "Werkscan beheer"), "(3) Uitkomsten · Werkscan beheer");
    assert_eq!(title(0, "Uitkomsten", "Werkscan beheer"), "Uitkomsten · Werkscan beheer");
    // What the server sends reads into the console's type.
    let wire = serde_json::json!({"new_shares": 1, "changed_appointments": 2, "digest": {"on": false, "hour": 7}, "feed_since": null});
    let read: Notifications = serde_json::from_value(wire).unwrap();
    assert_eq!((read.new_shares, read.changed_appointments, read.digest.on, read.digest.hour), (1, 2, false, 7));
}

#[test]
fn every_audit_line_says_what_it_concerned() {
    use werkscan_api::audit::{AccountTarget, AuditEntry};
    let bare = |action: &str| AuditEntry {
        at: "2026-12-07T10:00:00Z".into(),
        actor: "Admin".into(),
        action: action.into(),
        submission_id: None,
        campaign_id: None,
        campaign_name: None,
        account: None,
        organisation: None,
        practice: None,
        questionnaire: None,
    };
    // A published questionnaire version names it.
    let published = AuditEntry { questionnaire: Some("werkscan 2.1.0".into()), ..bare("definition_published") };
    assert_eq!(words::audit_target(Lang::Nl, &published), "Vragenlijst werkscan 2.1.0");
    // A password link names the account it was for, with its address.
    let reset = AuditEntry {
        account: Some(AccountTarget { name: "Karim Bouzid".into(), email: "ad@x.example".into() }),
        ..bare("reset_password")
    };
    assert_eq!(words::audit_target(Lang::Nl, &reset), "Account Karim Bouzid (ad@x.example)");
    // A read names the result (its first eight characters) and the campaign by name.
    let read = AuditEntry {
        submission_id: Some("0123456789abcdef".into()),
        campaign_id: Some("c1".into()),
        campaign_name: Some("Werkscan 2026".into()),
        ..bare("read_submission")
    };
    assert_eq!(words::audit_target(Lang::Nl, &read), "Uitkomst 01234567 · Campagne Werkscan 2026");
    let link = AuditEntry {
        practice: Some("Van Dijk".into()),
        organisation: Some("De Linde".into()),
        ..bare("link_practice_organisation")
    };
    assert_eq!(words::audit_target(Lang::En, &link), "Practice Van Dijk · Organisation De Linde");
    // Actions on one's own things say so; a target that is gone says that, never "–".
    for lang in [Lang::Nl, Lang::En] {
        let gone = words::audit_target(lang, &bare("?"));
        for action in [
            "list_submissions",
            "list_appointments",
            "list_follow_up",
            "export",
            "renew_calendar_feed",
            "stop_calendar_feed",
        ] {
            assert_ne!(words::audit_target(lang, &bare(action)), gone, "{action}");
        }
        for action in AuditAction::ALL.iter().map(|action| action.as_str()) {
            assert!(!words::audit_target(lang, &bare(action)).trim_matches(['–', ' ']).is_empty(), "{action}");
        }
    }
}
