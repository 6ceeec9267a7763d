//! A new campaign as the employer fills it in: the form's text fields, the checks that can be
//! made before sending (the server checks everything again), the request, the field of each
//! refusal, and the words employees get to see (the invitation and the poster).

use chrono::NaiveDate;
use werkscan_api::campaigns::{CampaignView, DepartmentEntry, DepartmentInput, Invitations, NewCampaign};
use werkscan_api::error::FieldError;
use werkscan_core::consent::names_in_words;
use werkscan_core::when::date_in_words;
use werkscan_core::Lang;

/// The smallest minimum group size the platform allows.
pub const MIN_K: i64 = 5;
/// The largest.
pub const MAX_K: i64 = 50;
/// The default: small enough for most departments, large enough to protect people.
pub const DEFAULT_K: i64 = 10;
/// How long results are kept after the end by default.
pub const DEFAULT_RETENTION_DAYS: i64 = 365;

/// A department row of the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DepartmentRow {
    /// Name.
    pub name: String,
    /// Headcount, as typed (may be empty).
    pub headcount: String,
}

/// The form, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignForm {
    /// Name.
    pub name: String,
    /// Questionnaire id.
    pub questionnaire: String,
    /// Its version.
    pub version: String,
    /// Departments.
    pub departments: Vec<DepartmentRow>,
    /// First day (`YYYY-MM-DD`).
    pub starts_on: String,
    /// Last day.
    pub ends_on: String,
    /// Minimum group size.
    pub min_group_size: String,
    /// Chosen experts (account ids).
    pub experts: Vec<String>,
    /// Days results are kept after the end.
    pub retention_days: String,
    /// The practice that runs the campaign (its id), when the organisation works with several;
    /// empty: the only one. The consent names the practice with the details it entered itself.
    pub practice: String,
    /// How people take part: personal invitations (figures per department; no headcounts, the
    /// roster gives them) or an open link (the total only).
    pub invitations: Invitations,
}

impl CampaignForm {
    /// An empty form: four weeks from today, k = 10, a year's retention, personal invitations
    /// (the recommended way: only they give figures per department).
    pub fn new(today: NaiveDate) -> CampaignForm {
        CampaignForm {
            name: String::new(),
            questionnaire: String::new(),
            version: String::new(),
            departments: vec![DepartmentRow::default()],
            starts_on: today.to_string(),
            ends_on: (today + chrono::Days::new(27)).to_string(),
            min_group_size: DEFAULT_K.to_string(),
            experts: Vec::new(),
            retention_days: DEFAULT_RETENTION_DAYS.to_string(),
            practice: String::new(),
            invitations: Invitations::Personal,
        }
    }

    /// The request, or every problem the form can see by itself (each with its field).
    pub fn to_request(&self) -> Result<NewCampaign, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut problem = |field: String, code: &str| {
            problems.push(FieldError { field, code: code.to_owned(), message: String::new() })
        };
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            problem("name".into(), "invalid_name");
        }
        if self.questionnaire.is_empty() {
            problem("questionnaire".into(), "unknown_questionnaire");
        }
        let mut departments: Vec<DepartmentEntry> = Vec::new();
        for (index, row) in self.departments.iter().enumerate() {
            let department = row.name.trim();
            // With personal invitations the headcount inputs are not shown: the roster gives it,
            // and anything typed before switching is left out.
            let headcount = if self.invitations == Invitations::Personal { "" } else { row.headcount.trim() };
            if department.is_empty() && headcount.is_empty() {
                continue; // an empty row left over is not a department
            }
            if department.is_empty()
                || department.chars().count() > 100
                || departments.iter().any(|other| other.name == department)
            {
                problem(format!("departments[{index}]"), "invalid_department");
            }
            let count = if headcount.is_empty() {
                None
            } else {
                match headcount.parse::<i64>() {
                    Ok(count) if (1..=100_000).contains(&count) => Some(count),
                    _ => {
                        problem(format!("departments[{index}].headcount"), "invalid_headcount");
                        None
                    }
                }
            };
            departments.push(DepartmentEntry { name: department.to_owned(), headcount: count });
        }
        if self.invitations == Invitations::Personal && departments.is_empty() {
            // The roster is given per department: without one there is nowhere to put anyone.
            problem("departments[0]".into(), "departments_required");
        }
        let date = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        let starts_on = date(&self.starts_on);
        let ends_on = date(&self.ends_on);
        if starts_on.is_none() {
            problem("starts_on".into(), "invalid_dates");
        }
        match (starts_on, ends_on) {
            (_, None) => problem("ends_on".into(), "invalid_dates"),
            (Some(start), Some(end)) if end < start => problem("ends_on".into(), "invalid_dates"),
            _ => {}
        }
        let k = self.min_group_size.trim().parse::<i64>();
        match k {
            Ok(k) if k < MIN_K => problem("min_group_size".into(), "min_group_size_too_small"),
            Ok(k) if k > MAX_K => problem("min_group_size".into(), "min_group_size_too_large"),
            Ok(_) => {}
            Err(_) => problem("min_group_size".into(), "min_group_size_too_small"),
        }
        let retention = self.retention_days.trim().parse::<i64>();
        if !matches!(retention, Ok(days) if (1..=3650).contains(&days)) {
            problem("retention_days".into(), "invalid_retention");
        }
        if self.experts.is_empty() {
            problem("experts".into(), "experts_required");
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(NewCampaign {
            name: name.to_owned(),
            questionnaire: self.questionnaire.clone(),
            version: self.version.clone(),
            departments: departments.into_iter().map(DepartmentInput::Entry).collect(),
            starts_on: starts_on.expect("checked"),
            ends_on: ends_on.expect("checked"),
            min_group_size: Some(k.expect("checked")),
            experts: self.experts.clone(),
            retention_days: Some(retention.expect("checked")),
            practice: Some(self.practice.clone()).filter(|practice| !practice.is_empty()),
            invitations: self.invitations,
        })
    }
}

/// The form input a refused field belongs to (`departments[1].headcount` → `c-department-1-headcount`).
pub fn input_id(field: &str) -> String {
    let mut id = String::from("c-");
    for part in field.split(['[', ']', '.']).filter(|part| !part.is_empty()) {
        if id.len() > 2 {
            id.push('-');
        }
        id.push_str(match part {
            "departments" => "department",
            "experts" => "experts",
            other => other,
        });
    }
    id.replace('_', "-")
}

/// The message for a refused field, in words for the person filling in the form.
pub fn field_message(lang: Lang, error: &FieldError) -> String {
    let (nl, en) = match error.code.as_str() {
        "invalid_name" => ("Geef de campagne een naam (hooguit 200 tekens).", "Give the campaign a name (at most 200 characters)."),
        "unknown_questionnaire" => ("Kies een vragenlijst.", "Choose a questionnaire."),
        "invalid_department" => ("Geef elke afdeling een eigen naam (hooguit 100 tekens).", "Give each department its own name (at most 100 characters)."),
        "invalid_headcount" => ("Het aantal medewerkers is een heel getal van 1 tot 100.000, of leeg.", "The headcount is a whole number from 1 to 100,000, or empty."),
        "departments_required" => (
            "Geef minstens één afdeling. Met persoonlijke uitnodigingen geef je de e-mailadressen per afdeling.",
            "Give at least one department. With personal invitations you give the e-mail addresses per department.",
        ),
        "headcount_from_roster" => (
            "Met persoonlijke uitnodigingen vul je geen aantal in: de lijst met e-mailadressen geeft het aantal.",
            "With personal invitations you enter no headcount: the list of e-mail addresses gives it.",
        ),
        "invalid_dates" => (
            "Kies een begin- en einddatum; het einde ligt na het begin en hooguit 5 jaar vooruit.",
            "Choose a start and end date; the end comes after the start and at most 5 years ahead.",
        ),
        "min_group_size_too_small" => ("De minimale groepsgrootte is minstens 5.", "The minimum group size is at least 5."),
        "min_group_size_too_large" => ("De minimale groepsgrootte is hooguit 50.", "The minimum group size is at most 50."),
        "invalid_retention" => ("Bewaar de gegevens 1 tot 3650 dagen na het einde.", "Keep the data 1 to 3650 days after the end."),
        "experts_required" | "unknown_expert" => (
            "Kies minstens één arbeidsdeskundige van de praktijk die de campagne uitvoert.",
            "Choose at least one labour expert of the practice that runs the campaign.",
        ),
        "practice_required" | "unknown_practice" => (
            "Kies de praktijk die de campagne uitvoert. Werkt je organisatie nog met geen enkele praktijk? Vraag het de beheerder van Werkscan.",
            "Choose the practice that runs the campaign. Does your organisation not work with a practice yet? Ask the Werkscan administrator.",
        ),
        _ => ("Dit veld klopt niet.", "This field is not right."),
    };
    match lang {
        Lang::Nl => nl.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// Who reads what a person shares, after "alleen voor": "de arbeidsdeskundige: Karim Bouzid",
/// "de arbeidsdeskundigen: Karim Bouzid en Eva de Wit". The names follow a colon, never inside
/// brackets: a display name may carry brackets of its own ("Karim Bouzid (arbeidsdeskundige)"),
/// and brackets inside brackets read as a mistake.
pub fn shared_with(lang: Lang, names: &[String]) -> String {
    let listed = names_in_words(names, lang);
    match (lang, names.len()) {
        (Lang::Nl, 0) => "de arbeidsdeskundige van deze campagne".to_owned(),
        (Lang::Nl, 1) => format!("de arbeidsdeskundige: {listed}"),
        (Lang::Nl, _) => format!("de arbeidsdeskundigen: {listed}"),
        (Lang::En, 0) => "this campaign's labour expert".to_owned(),
        (Lang::En, 1) => format!("the labour expert: {listed}"),
        (Lang::En, _) => format!("the labour experts: {listed}"),
    }
}

/// The invitation text to copy into an e-mail or the intranet: B1 Dutch (or English), saying
/// what stays private. `origin` is this server's address (`https://werkscan.example`).
pub fn invitation(lang: Lang, campaign: &CampaignView, origin: &str, minutes: u32) -> String {
    let link = format!("{origin}{}", campaign.link);
    let until = date_in_words(lang, campaign.ends_on);
    let experts =
        shared_with(lang, &campaign.experts.iter().map(|expert| expert.display_name.clone()).collect::<Vec<_>>());
    let k = campaign.min_group_size;
    let organisation = &campaign.organisation.name;
    match lang {
        Lang::Nl => format!(
            "Hoe gaat het met je werk? Doe mee met de Werkscan.\n\n\
             {organisation} nodigt je uit om de Werkscan in te vullen. Het kost ongeveer {minutes} minuten. \
             Je vult hem in op je telefoon of computer. Je naam is niet nodig.\n\n\
             Wat blijft van jou?\n\
             - Je ziet je uitkomst meteen. Alleen jij ziet hem.\n\
             - Je antwoorden blijven op je eigen telefoon of computer, tenzij je zelf kiest om iets te delen. Wat je deelt, is alleen voor {experts}.\n\
             - Je werkgever ziet nooit wie meedeed of wat iemand antwoordde. Alleen cijfers over groepen van minstens {k} mensen, als jij dat goed vindt.\n\
             - Niet meedoen of niets delen heeft geen gevolgen voor je werk.\n\n\
             Meedoen kan tot en met {until}:\n{link}"
        ),
        Lang::En => format!(
            "How is your work going? Take part in the Work Scan.\n\n\
             {organisation} invites you to fill in the Work Scan. It takes about {minutes} minutes. \
             You fill it in on your phone or computer. Your name is not needed.\n\n\
             What stays yours?\n\
             - You see your result at once. Only you see it.\n\
             - Your answers stay on your own phone or computer, unless you choose to share something. What you share is only for {experts}.\n\
             - Your employer never sees who took part or what anyone answered. Only figures about groups of at least {k} people, if you agree.\n\
             - Not taking part or not sharing has no consequences for your work.\n\n\
             You can take part until {until}:\n{link}"
        ),
    }
}
