//! Personal invitations in the console: the campaign form's choice, the roster typed or pasted
//! per department and its refusals by line, the roster's state in words, and the server's
//! replies read into the console's types.

use chrono::NaiveDate;
use werkscan_api::campaigns::{CampaignView, Invitations};
use werkscan_api::error::FieldError;
use werkscan_api::roster::{Letters, RosterReview, RosterState, RosterSummary};
use werkscan_console::campaign_form::{field_message, input_id, CampaignForm, DepartmentRow};
use werkscan_console::roster::{addresses, box_id, letter_text, problem_words, state_words, RosterForm, TypedAddress};
use werkscan_core::Lang;

fn personal_form() -> CampaignForm {
    let mut form = CampaignForm::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    form.name = "Werkscan zorg 2027".into();
    form.questionnaire = "werkscan".into();
    form.version = "3.0.0".into();
    form.departments = vec![
        DepartmentRow { name: "Verpleging".into(), headcount: "40".into() },
        DepartmentRow { name: "Facilitair".into(), headcount: String::new() },
    ];
    form.experts = vec!["e1".into()];
    form
}

#[test]
fn a_new_campaign_invites_personally_unless_an_open_link_is_chosen() {
    let form = personal_form();
    assert_eq!(form.invitations, Invitations::Personal, "the recommended way is the default");
    let request = form.to_request().unwrap();
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(body["invitations"], "personal");
    // A headcount typed before choosing personal invitations is not sent: the server refuses
    // one (`headcount_from_roster`), since the roster gives it.
    assert_eq!(
        body["departments"],
        serde_json::json!([{"name": "Verpleging", "headcount": null}, {"name": "Facilitair", "headcount": null}])
    );
    // Nor is it checked: a wrong one left behind does not block the form.
    let mut leftover = personal_form();
    leftover.departments[0].headcount = "veertig".into();
    assert!(leftover.to_request().is_ok());

    let mut open = personal_form();
    open.invitations = Invitations::Open;
    let body = serde_json::to_value(open.to_request().unwrap()).unwrap();
    assert_eq!(body["invitations"], "open");
    assert_eq!(body["departments"][0], serde_json::json!({"name": "Verpleging", "headcount": 40}));
    open.departments[0].headcount = "veertig".into();
    assert_eq!(open.to_request().unwrap_err()[0].field, "departments[0].headcount");
}

#[test]
fn personal_invitations_need_a_department_and_say_so_at_the_first_one() {
    let mut form = personal_form();
    form.departments = vec![DepartmentRow::default()];
    form.name = String::new();
    let problems: Vec<(String, String)> =
        form.to_request().unwrap_err().into_iter().map(|problem| (problem.field, problem.code)).collect();
    assert_eq!(
        problems,
        vec![("name".into(), "invalid_name".into()), ("departments[0]".into(), "departments_required".into())]
    );
    assert_eq!(input_id("departments[0]"), "c-department-0", "the first department's name input takes the focus");
    let problem =
        FieldError { field: "departments[0]".into(), code: "departments_required".into(), message: String::new() };
    assert!(field_message(Lang::Nl, &problem).starts_with("Geef minstens één afdeling."));
    // An open link needs no department.
    form.invitations = Invitations::Open;
    assert_eq!(form.to_request().unwrap_err().len(), 1);
    // The server's refusal of a headcount with personal invitations has its own words.
    let refused = FieldError {
        field: "departments[1].headcount".into(),
        code: "headcount_from_roster".into(),
        message: String::new(),
    };
    assert!(field_message(Lang::Nl, &refused).contains("de lijst met e-mailadressen geeft het aantal"));
}

#[test]
fn pasted_addresses_are_split_and_keep_their_line() {
    let text = "jan@zorg.example\n\n  piet@zorg.example , kees@zorg.example;\tanne@zorg.example\r\n<els@zorg.example>\nmarie@zorg.example joop@zorg.example\n   \n";
    let read = addresses(text);
    let pairs: Vec<(&str, usize)> =
        read.iter().map(|TypedAddress { address, line }| (address.as_str(), *line)).collect();
    assert_eq!(
        pairs,
        vec![
            ("jan@zorg.example", 1),
            ("piet@zorg.example", 3),
            ("kees@zorg.example", 3),
            ("anne@zorg.example", 3),
            ("els@zorg.example", 4),
            ("marie@zorg.example", 5),
            ("joop@zorg.example", 5),
        ]
    );
    assert!(addresses("\n \n\t\n").is_empty(), "blank lines are no addresses");
    // A column pasted from a spreadsheet, with its cell separators.
    assert_eq!(addresses("a@x.example\tb@x.example\n").len(), 2);
}

#[test]
fn the_roster_becomes_the_request_or_its_problems_by_line() {
    let mut form = RosterForm::new(["Verpleging".to_owned(), "Facilitair".to_owned()]);
    assert_eq!(box_id(1), "roster-department-1");
    // Nothing typed: one problem about the whole roster.
    let empty = form.to_request().unwrap_err();
    assert_eq!((empty[0].field.as_str(), empty[0].code.as_str()), ("departments", "roster_empty"));
    assert_eq!(form.place("departments"), None);
    assert_eq!(problem_words(Lang::Nl, &empty[0], None), "Vul minstens één e-mailadres in.");

    form.departments[0].1 = "a@zorg.example\nb@zorg.example\n".into();
    form.departments[1].1 = "c@zorg.example\n\nA@Zorg.example\ngeen-adres\n".into();
    let problems = form.to_request().unwrap_err();
    let fields: Vec<(&str, &str)> =
        problems.iter().map(|problem| (problem.field.as_str(), problem.code.as_str())).collect();
    assert_eq!(
        fields,
        vec![("departments[1].addresses[1]", "duplicate_address"), ("departments[1].addresses[2]", "invalid_address")]
    );
    // Each lands in its department's box on the line it was typed on (the blank line counts).
    assert_eq!(form.place(&problems[0].field), Some((1, Some(3))));
    assert_eq!(form.place(&problems[1].field), Some((1, Some(4))));
    assert_eq!(problem_words(Lang::Nl, &problems[1], Some(4)), "Regel 4: dit is geen e-mailadres.");
    assert_eq!(
        problem_words(Lang::En, &problems[0], Some(3)),
        "Line 3: this address is on the list already. Everyone gets one invitation."
    );
    // A refusal of the server about a department's name points at its box without a line.
    assert_eq!(form.place("departments[0].name"), Some((0, None)));

    form.departments[1].1 = "c@zorg.example\n\nd@zorg.example\n".into();
    let request = form.to_request().unwrap();
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"departments": [
            {"name": "Verpleging", "addresses": ["a@zorg.example", "b@zorg.example"]},
            {"name": "Facilitair", "addresses": ["c@zorg.example", "d@zorg.example"]},
        ]})
    );
    // The server's positions are those of the request, so its refusals land on the right line.
    let refused = FieldError {
        field: "departments[1].addresses[1]".into(),
        code: "invalid_address".into(),
        message: String::new(),
    };
    assert_eq!(form.place(&refused.field), Some((1, Some(3))));
}

fn summary(state: &str, note: Option<&str>) -> RosterSummary {
    serde_json::from_value(serde_json::json!({
        "state": state, "note": note,
        "departments": [{"name": "Verpleging", "by_mail": 6, "by_letter": 1}, {"name": "Facilitair", "by_mail": 5, "by_letter": 0}],
        "invited": 12, "reminded_on": null
    }))
    .unwrap()
}

#[test]
fn the_rosters_state_is_told_with_the_practices_reason() {
    assert_eq!(summary("none", None).state, RosterState::NotGiven);
    assert!(state_words(Lang::Nl, &summary("none", None)).contains("nog geen e-mailadressen"));
    assert!(state_words(Lang::Nl, &summary("submitted", None)).starts_with("De praktijk controleert de lijst."));
    assert_eq!(state_words(Lang::Nl, &summary("approved", None)), "De uitnodigingen zijn verstuurd door de praktijk.");
    let refused = state_words(Lang::Nl, &summary("rejected", Some("Facilitair heeft veel privé-adressen")));
    assert!(refused.contains("„Facilitair heeft veel privé-adressen”"), "{refused}");
    assert!(state_words(Lang::En, &summary("rejected", Some("Too many private addresses")))
        .contains("Too many private addresses"));
}

#[test]
fn the_servers_invitation_replies_read_into_the_consoles_types() {
    // A campaign with an open link has no roster.
    let campaign = serde_json::json!({
        "id": "c1", "code": "K7PQ2M4XWA", "link": "/c/K7PQ2M4XWA", "name": "Werkscan zorg",
        "organisation": {"id": "o1", "name": "Zorggroep De Linde"},
        "questionnaire": {"id": "werkscan", "version": "3.0.0", "content_hash": "h"},
        "departments": [{"name": "Verpleging", "headcount": null}], "starts_on": "2026-12-01", "ends_on": "2026-12-28",
        "status": "open", "open": true, "min_group_size": 5, "retention_days": 365, "delete_after": "2027-12-28",
        "experts": [{"id": "e1", "display_name": "Karim Bouzid"}], "created_at": "2026-12-01T09:00:00Z",
        "invitations": "open", "roster": null, "controller": {"name": "Arbopraktijk De Linde", "contact": null}
    });
    let read: CampaignView = serde_json::from_value(campaign.clone()).unwrap();
    assert_eq!((read.invitations, read.roster), (Invitations::Open, None));
    let mut personal = campaign;
    personal["invitations"] = "personal".into();
    personal["roster"] = serde_json::json!({"state": "submitted", "note": null, "departments": [{"name": "Verpleging", "by_mail": 6, "by_letter": 0}], "invited": 6, "reminded_on": null});
    let read: CampaignView = serde_json::from_value(personal).unwrap();
    assert_eq!(read.invitations, Invitations::Personal);
    assert_eq!(read.roster.unwrap().state, RosterState::Submitted);

    let review: RosterReview = serde_json::from_value(serde_json::json!({
        "state": "approved", "note": null, "min_group_size": 5,
        "departments": [{"name": "Facilitair", "by_mail": 5, "by_letter": 0, "domains": [{"domain": "zorggroep.example", "addresses": 4}, {"domain": "gmail.example", "addresses": 1}], "below_minimum": false}],
        "invited": 5, "reminded_on": "2026-12-07", "open": true
    }))
    .unwrap();
    assert_eq!(review.departments[0].domains[1].domain, "gmail.example");
    let letters: Letters = serde_json::from_value(serde_json::json!({
        "letters": [{"department": "Facilitair", "link": "https://werkscan.example/c/K7PQ2M4XWA?u=ab12", "qr_svg": "<svg></svg>"}],
        "campaign": "Werkscan zorg", "organisation": "Zorggroep De Linde", "ends_on": "2026-12-28", "min_group_size": 5
    }))
    .unwrap();
    assert_eq!(letters.letters[0].department, "Facilitair");
}

#[test]
fn a_letter_says_what_stays_private_in_plain_words() {
    let text = letter_text(Lang::Nl, "Zorggroep De Linde", "28 december 2026", 5).join(" ");
    for part in ["Zorggroep De Linde", "alleen voor jou", "minstens 5 mensen", "28 december 2026", "QR-code"] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert!(!text.contains(" u ") && !text.contains("anoniem"), "je, and never 'anoniem'");
    assert!(letter_text(Lang::En, "Zorggroep De Linde", "28 December 2026", 5).join(" ").contains("at least 5 people"));
}
