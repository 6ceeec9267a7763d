//! The roster of a campaign with personal invitations, as the employer types or pastes it: one
//! text box per department, read into addresses with the line each came from, so that the
//! server's refusals (`departments[0].addresses[3]`) can be shown as "Regel 4: …" beside the
//! right box; and the roster's state and the letters in words.

use werkscan_api::error::FieldError;
use werkscan_api::roster::{RosterDepartment, RosterInput, RosterState, RosterSummary};
use werkscan_core::Lang;

/// One address as typed, with the line (from 1) of the text box it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedAddress {
    /// The address as typed, without the spaces around it.
    pub address: String,
    /// Its line in the text box, counting from 1.
    pub line: usize,
}

/// The addresses in a text box: split on line breaks, commas, semicolons, tabs and spaces (so
/// that a column or a row pasted from a spreadsheet, or a list from a mail program, reads as
/// it should); empty pieces and blank lines are left out.
pub fn addresses(text: &str) -> Vec<TypedAddress> {
    text.lines()
        .enumerate()
        .flat_map(|(index, line)| {
            line.split(|c: char| matches!(c, ',' | ';' | '\t') || c.is_whitespace())
                .map(|piece| piece.trim_matches(|c: char| matches!(c, '<' | '>' | '"' | '\'')))
                .filter(|piece| !piece.is_empty())
                .map(move |piece| TypedAddress { address: piece.to_owned(), line: index + 1 })
        })
        .collect()
}

/// The roster form: per department of the campaign, its name and the text typed for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterForm {
    /// The departments in the campaign's order: name and text box.
    pub departments: Vec<(String, String)>,
}

impl RosterForm {
    /// An empty box for each of these departments.
    pub fn new(departments: impl IntoIterator<Item = String>) -> RosterForm {
        RosterForm { departments: departments.into_iter().map(|name| (name, String::new())).collect() }
    }

    /// The request, or the problems the form can see by itself, named as the server names them
    /// (`departments[1].addresses[4]`): nothing typed at all, something without an `@`, or an
    /// address given twice (also across departments, whatever its capitals). The server checks
    /// everything again, the exact form of an address included.
    pub fn to_request(&self) -> Result<RosterInput, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut departments = Vec::new();
        for (index, (name, text)) in self.departments.iter().enumerate() {
            let typed = addresses(text);
            for (position, entry) in typed.iter().enumerate() {
                let field = format!("departments[{index}].addresses[{position}]");
                let looks_like_address = matches!(entry.address.split_once('@'), Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !domain.contains('@'));
                if !looks_like_address {
                    problems.push(FieldError { field, code: "invalid_address".into(), message: String::new() });
                } else if !seen.insert(entry.address.to_lowercase()) {
                    problems.push(FieldError { field, code: "duplicate_address".into(), message: String::new() });
                }
            }
            departments.push(RosterDepartment {
                name: name.clone(),
                addresses: typed.into_iter().map(|entry| entry.address).collect(),
            });
        }
        if departments.iter().all(|department| department.addresses.is_empty()) {
            problems.push(FieldError {
                field: "departments".into(),
                code: "roster_empty".into(),
                message: String::new(),
            });
        }
        if problems.is_empty() {
            Ok(RosterInput { departments })
        } else {
            Err(problems)
        }
    }

    /// Where a refused field is: the department's position and, for an address, its line in
    /// that department's text box. `None` for a field about the whole roster.
    pub fn place(&self, field: &str) -> Option<(usize, Option<usize>)> {
        let (department, address) = field_position(field)?;
        let line = address.and_then(|position| {
            self.departments.get(department).and_then(|(_, text)| addresses(text).get(position).map(|entry| entry.line))
        });
        Some((department, line))
    }
}

/// The positions in a field name: `departments[2].addresses[7]` → (2, Some(7)),
/// `departments[1].name` → (1, None).
fn field_position(field: &str) -> Option<(usize, Option<usize>)> {
    let rest = field.strip_prefix("departments[")?;
    let (department, rest) = rest.split_once(']')?;
    let department = department.parse().ok()?;
    let address = rest
        .strip_prefix(".addresses[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(position, _)| position.parse().ok());
    Some((department, address))
}

/// The id of a department's text box.
pub fn box_id(department: usize) -> String {
    format!("roster-department-{department}")
}

fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// A refused roster field in words, with its line where there is one: "Regel 4: dit is geen
/// e-mailadres."
pub fn problem_words(lang: Lang, problem: &FieldError, line: Option<usize>) -> String {
    let what = match problem.code.as_str() {
        "invalid_address" => pick(lang, "dit is geen e-mailadres.", "this is not an e-mail address."),
        "duplicate_address" => pick(
            lang,
            "dit adres staat al eerder op de lijst. Iedereen krijgt één uitnodiging.",
            "this address is on the list already. Everyone gets one invitation.",
        ),
        "unknown_department" | "invalid_department" => pick(
            lang,
            "deze afdeling hoort niet (meer) bij de campagne. Laad de pagina opnieuw.",
            "this department is not (or no longer) part of the campaign. Reload the page.",
        ),
        "roster_empty" => pick(lang, "vul minstens één e-mailadres in.", "enter at least one e-mail address."),
        "roster_too_large" => {
            pick(lang, "de lijst mag hooguit 100.000 mensen hebben.", "the list may hold at most 100,000 people.")
        }
        _ => pick(lang, "dit klopt niet.", "this is not right."),
    };
    match (line, lang) {
        (Some(line), Lang::Nl) => format!("Regel {line}: {what}"),
        (Some(line), Lang::En) => format!("Line {line}: {what}"),
        (None, _) => {
            let mut sentence = what.to_owned();
            if let Some(first) = sentence.get(..1) {
                let upper = first.to_uppercase();
                sentence.replace_range(..1, &upper);
            }
            sentence
        }
    }
}

/// Where the roster is, in words for the employer.
pub fn state_words(lang: Lang, roster: &RosterSummary) -> String {
    match (roster.state, lang) {
        (RosterState::NotGiven, Lang::Nl) => "Je hebt nog geen e-mailadressen gegeven. Zonder lijst krijgt niemand een uitnodiging.".into(),
        (RosterState::NotGiven, Lang::En) => "You have not given any e-mail addresses yet. Without a list nobody gets an invitation.".into(),
        (RosterState::Submitted, Lang::Nl) => {
            "De praktijk controleert de lijst. Daarna stuurt de praktijk de uitnodigingen. Tot dan kun je de lijst nog vervangen.".into()
        }
        (RosterState::Submitted, Lang::En) => {
            "The practice is checking the list. Then the practice sends the invitations. Until then you can still replace the list.".into()
        }
        (RosterState::Approved, Lang::Nl) => "De uitnodigingen zijn verstuurd door de praktijk.".into(),
        (RosterState::Approved, Lang::En) => "The invitations were sent by the practice.".into(),
        (RosterState::Rejected, Lang::Nl) => match &roster.note {
            Some(note) => format!("De praktijk heeft de lijst niet goedgekeurd. De reden: „{note}”. De adressen zijn gewist. Geef een nieuwe lijst."),
            None => "De praktijk heeft de lijst niet goedgekeurd. De adressen zijn gewist. Geef een nieuwe lijst.".into(),
        },
        (RosterState::Rejected, Lang::En) => match &roster.note {
            Some(note) => format!("The practice did not approve the list. The reason: “{note}”. The addresses were deleted. Give a new list."),
            None => "The practice did not approve the list. The addresses were deleted. Give a new list.".into(),
        },
    }
}

/// A department's people in words: "12 per e-mail, 3 per brief".
pub fn count_words(lang: Lang, by_mail: i64, by_letter: i64) -> String {
    match lang {
        Lang::Nl => format!("{by_mail} per e-mail, {by_letter} per brief"),
        Lang::En => format!("{by_mail} by e-mail, {by_letter} by letter"),
    }
}

/// The text of a printed invitation: B1, what the scan is, that the code is personal, and what
/// stays private. `ends_on` is the campaign's last day in words.
pub fn letter_text(lang: Lang, organisation: &str, ends_on: &str, k: i64) -> [String; 4] {
    match lang {
        Lang::Nl => [
            format!("{organisation} doet mee aan de Werkscan. Je bent uitgenodigd om de vragen in te vullen. Dat duurt ongeveer 15 minuten."),
            "Scan de QR-code met de camera van je telefoon, of typ de link hieronder over. Deze code is alleen voor jou en werkt één keer om iets te delen. Geef hem niet aan iemand anders.".into(),
            format!("Je antwoorden blijven op je telefoon. Jij kiest zelf of je iets deelt, en met wie. Je werkgever ziet niet of je meedoet, en ziet alleen cijfers van groepen van minstens {k} mensen."),
            format!("Meedoen kan tot en met {ends_on}."),
        ],
        Lang::En => [
            format!("{organisation} takes part in the Work Scan. You are invited to answer the questions. It takes about 15 minutes."),
            "Scan the QR code with your phone's camera, or type in the link below. This code is for you only and works once to share something. Do not give it to anyone else.".into(),
            format!("Your answers stay on your phone. You choose yourself whether to share something, and with whom. Your employer does not see whether you take part, and only sees figures of groups of at least {k} people."),
            format!("You can take part until {ends_on}."),
        ],
    }
}
