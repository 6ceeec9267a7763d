//! Every enum of names reads and writes exactly its names on the wire, in both directions, and
//! `as_str`/`parse` agree with serde.

use serde::de::DeserializeOwned;
use serde::Serialize;
use werkscan_api::accounts::{Pending, Purpose, Role};
use werkscan_api::audit::AuditAction;
use werkscan_api::author::VersionSource;
use werkscan_api::booking::{AppointmentOutcome, AppointmentStatus, AppointmentView, FollowUpReason};
use werkscan_api::campaigns::{CampaignStatus, Invitations, ReleaseStatus};
use werkscan_api::expert::{Cause, Outcome, Owner, Referral, StrongestSignal, SubmissionStatus};
use werkscan_api::figures::{Change, GroupKind, MeasureKind, NormMissing};
use werkscan_api::notifications::Seen;
use werkscan_api::releases::RecomputeCode;
use werkscan_api::roster::RosterState;
use werkscan_api::submissions::AppointmentEventKind;

/// Checks one enum against the names the wire has always carried, in order.
fn names<T>(all: &[T], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>, expected: &[&str])
where
    T: Copy + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned,
{
    let listed: Vec<&str> = all.iter().map(|value| as_str(*value)).collect();
    assert_eq!(listed, expected);
    for (value, name) in all.iter().zip(expected) {
        let json = serde_json::to_string(value).unwrap();
        assert_eq!(json, format!("\"{name}\""));
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *value);
        assert_eq!(parse(name), Some(*value));
    }
    assert_eq!(parse("onbekend"), None);
    assert!(serde_json::from_str::<T>("\"onbekend\"").is_err());
}

#[test]
fn every_enum_carries_exactly_its_wire_names() {
    names(
        Role::ALL,
        Role::as_str,
        Role::parse,
        &["admin", "employer", "expert", "practice_admin", "definition_author"],
    );
    names(Pending::ALL, Pending::as_str, Pending::parse, &["password_change", "second_factor", "second_factor_setup"]);
    names(Purpose::ALL, Purpose::as_str, Purpose::parse, &["welcome", "reset"]);
    names(
        SubmissionStatus::ALL,
        SubmissionStatus::as_str,
        SubmissionStatus::parse,
        &[
            "nieuw",
            "contact_gezocht",
            "gesprek_gepland",
            "gesprek_gevoerd",
            "doorverwezen",
            "geen_contact_gewenst",
            "afgerond",
        ],
    );
    names(Referral::ALL, Referral::as_str, Referral::parse, &["bedrijfsarts", "huisarts", "vertrouwenspersoon"]);
    names(
        Outcome::ALL,
        Outcome::as_str,
        Outcome::parse,
        &["afspraken_gemaakt", "geen_actie_nodig", "doorverwezen", "anders"],
    );
    names(Cause::ALL, Cause::as_str, Cause::parse, &["booked", "held"]);
    names(
        StrongestSignal::ALL,
        StrongestSignal::as_str,
        StrongestSignal::parse,
        &["attention", "watch", "good", "none"],
    );
    names(Owner::ALL, Owner::as_str, Owner::parse, &["employee", "employer", "expert"]);
    names(
        AppointmentStatus::ALL,
        AppointmentStatus::as_str,
        AppointmentStatus::parse,
        &["booked", "held", "no_show", "cancelled"],
    );
    names(AppointmentView::ALL, AppointmentView::as_str, AppointmentView::parse, &["upcoming", "past", "cancelled"]);
    names(AppointmentOutcome::ALL, AppointmentOutcome::as_str, AppointmentOutcome::parse, &["held", "no_show"]);
    names(
        FollowUpReason::ALL,
        FollowUpReason::as_str,
        FollowUpReason::parse,
        &["asked_contact", "cancelled", "no_show"],
    );
    names(
        AppointmentEventKind::ALL,
        AppointmentEventKind::as_str,
        AppointmentEventKind::parse,
        &["booked", "moved", "cancelled", "held", "no_show"],
    );
    names(CampaignStatus::ALL, CampaignStatus::as_str, CampaignStatus::parse, &["planned", "open", "closed"]);
    names(ReleaseStatus::ALL, ReleaseStatus::as_str, ReleaseStatus::parse, &["draft", "published"]);
    names(Invitations::ALL, Invitations::as_str, Invitations::parse, &["open", "personal"]);
    names(RosterState::ALL, RosterState::as_str, RosterState::parse, &["none", "submitted", "approved", "rejected"]);
    names(MeasureKind::ALL, MeasureKind::as_str, MeasureKind::parse, &["theme", "headline"]);
    names(GroupKind::ALL, GroupKind::as_str, GroupKind::parse, &["total", "department", "no_department"]);
    names(Change::ALL, Change::as_str, Change::parse, &["higher", "lower", "no_clear_change"]);
    names(
        NormMissing::ALL,
        NormMissing::as_str,
        NormMissing::parse,
        &["too_few_organisations", "too_few_respondents", "one_organisation_too_large"],
    );
    names(Seen::ALL, Seen::as_str, Seen::parse, &["shares", "appointments"]);
    names(
        RecomputeCode::ALL,
        RecomputeCode::as_str,
        RecomputeCode::parse,
        &["too_few_new", "new_may_be_own", "total_changed_by_few", "cannot_verify"],
    );
    let actions: Vec<&str> = AuditAction::ALL.iter().map(|action| action.as_str()).collect();
    names(AuditAction::ALL, AuditAction::as_str, AuditAction::parse, &actions);
    assert_eq!(actions.len(), 36);
    assert_eq!((actions[0], actions[35]), ("read_submission", "definition_published"));
    names(VersionSource::ALL, VersionSource::as_str, VersionSource::parse, &["file", "published"]);
}

#[test]
fn the_reasons_for_a_missing_norm_are_ordered_by_how_close_they_came() {
    assert!(NormMissing::TooFewOrganisations < NormMissing::TooFewRespondents);
    assert!(NormMissing::TooFewRespondents < NormMissing::OneOrganisationTooLarge);
}

#[test]
fn a_refusal_reads_and_writes_in_the_order_the_server_always_wrote_it() {
    use werkscan_api::error::{ErrorBody, ErrorDetail, FieldError};
    let body = ErrorBody {
        error: ErrorDetail {
            code: "invalid_headcount".into(),
            field: Some("departments[1].headcount".into()),
            fields: vec![FieldError {
                field: "departments[1].headcount".into(),
                code: "invalid_headcount".into(),
                message: "1 to 100000".into(),
            }],
            diagnostics: Vec::new(),
            message: "1 to 100000".into(),
        },
    };
    let text = serde_json::to_string(&body).unwrap();
    assert_eq!(
        text,
        r#"{"error":{"code":"invalid_headcount","field":"departments[1].headcount","fields":[{"field":"departments[1].headcount","code":"invalid_headcount","message":"1 to 100000"}],"message":"1 to 100000"}}"#
    );
    assert_eq!(serde_json::from_str::<ErrorBody>(&text).unwrap(), body);
    let plain: ErrorBody = serde_json::from_str(r#"{"error":{"code":"not_logged_in","message":"log in"}}"#).unwrap();
    assert_eq!(plain.error.field, None);
    assert!(plain.error.fields.is_empty());
}

#[test]
fn a_shown_group_reads_with_its_figures_and_a_hidden_one_without() {
    use werkscan_api::figures::GroupFigures;
    let shown: GroupFigures = serde_json::from_str(
        r#"{"kind":"total","name":null,"shown":true,"headcount":40,"respondents":12,"response_rate":30.0,
            "measures":[{"score":"werkdruk","shown":true,"respondents":12,"mean":55.0,
            "distribution":[{"band":"laag","count":12}]}],"appointments":null}"#,
    )
    .unwrap();
    assert_eq!(shown.respondents(), Some(12));
    assert_eq!(shown.shown_measure("werkdruk").and_then(|measure| measure.mean), Some(55.0));
    let hidden: GroupFigures =
        serde_json::from_str(r#"{"kind":"department","name":"Zorg","shown":false,"headcount":null}"#).unwrap();
    assert_eq!(hidden.respondents(), None);
    assert_eq!(
        serde_json::to_string(&hidden).unwrap(),
        r#"{"kind":"department","name":"Zorg","shown":false,"headcount":null}"#
    );
}

#[test]
fn figures_read_back_what_they_write() {
    use werkscan_api::figures::{BandCount, GroupFigures, GroupKind, MeasureFigures, ShownGroup, ShownMeasure};
    use werkscan_api::roster::{DomainCount, ReviewedDepartment, RosterCount};
    let shown = GroupFigures {
        kind: GroupKind::Department,
        name: Some("Zorg".into()),
        shown: true,
        headcount: Some(40),
        figures: Some(ShownGroup {
            respondents: 12,
            response_rate: None,
            measures: vec![
                MeasureFigures {
                    score: "werkdruk".into(),
                    shown: true,
                    figures: Some(ShownMeasure {
                        respondents: 12,
                        mean: None,
                        distribution: vec![BandCount { band: "laag".into(), count: 12 }],
                    }),
                },
                MeasureFigures { score: "cultuur".into(), shown: false, figures: None },
            ],
            appointments: None,
        }),
    };
    let text = serde_json::to_string(&shown).unwrap();
    assert_eq!(serde_json::from_str::<GroupFigures>(&text).unwrap(), shown);
    let department = ReviewedDepartment {
        count: RosterCount { name: "Zorg".into(), by_mail: 6, by_letter: 1 },
        domains: vec![DomainCount { domain: "zorg.example".into(), addresses: 6 }],
        below_minimum: false,
    };
    let text = serde_json::to_string(&department).unwrap();
    assert_eq!(
        text,
        r#"{"name":"Zorg","by_mail":6,"by_letter":1,"domains":[{"domain":"zorg.example","addresses":6}],"below_minimum":false}"#
    );
    assert_eq!(serde_json::from_str::<ReviewedDepartment>(&text).unwrap(), department);
}

/// The inbox's query string is built from `InboxQuery::pairs`: its names are exactly the fields
/// serde reads, in order, so the console and the server cannot name a filter differently.
#[test]
fn the_inbox_query_names_are_the_fields_the_server_reads() {
    use werkscan_api::expert::InboxQuery;
    let query = InboxQuery {
        campaign: "c".into(),
        department: "d".into(),
        status: "nieuw".into(),
        signal: "attention".into(),
        sort: "oldest".into(),
        offset: 50,
        limit: 50,
    };
    let fields: Vec<String> = serde_json::to_value(&query).unwrap().as_object().unwrap().keys().cloned().collect();
    let mut names: Vec<String> = query.pairs().iter().map(|(name, _)| name.to_string()).collect();
    names.sort();
    let mut fields = fields;
    fields.sort();
    assert_eq!(names, fields);
    // Read back as the server reads a query: every pair by its name.
    let back: InboxQuery = serde_json::from_value(serde_json::Value::Object(
        query
            .pairs()
            .into_iter()
            .map(|(name, value)| {
                let value = match name {
                    "offset" | "limit" => serde_json::json!(value.parse::<i64>().unwrap()),
                    _ => serde_json::json!(value),
                };
                (name.to_owned(), value)
            })
            .collect(),
    ))
    .unwrap();
    assert_eq!(back, query);
}

#[test]
fn a_refused_definition_lists_its_diagnostics_in_the_error() {
    use werkscan_api::author::Diagnostic;
    use werkscan_api::error::ErrorBody;
    let text = r#"{"error":{"code":"invalid_definition","diagnostics":[{"file":"questionnaires/x.toml","line":3,"column":1,"field":"questionnaire.version","message":"required"}],"message":"the definition has problems"}}"#;
    let body: ErrorBody = serde_json::from_str(text).unwrap();
    assert_eq!(
        body.error.diagnostics,
        vec![Diagnostic {
            file: "questionnaires/x.toml".into(),
            line: 3,
            column: 1,
            field: "questionnaire.version".into(),
            message: "required".into(),
        }]
    );
    assert_eq!(serde_json::to_string(&body).unwrap(), text);
}
