//! "Wat de server van je bewaart": the person's right of access and portability (art. 15 and 20
//! AVG). With the receipt on this device or a typed withdrawal code, the report app asks the
//! server (`POST /api/my-data`) for everything it holds about one upload, shows it as a readable
//! page and offers the server's answer, unchanged, as a JSON file.
//!
//! Plain Rust, tested natively: what to ask ([`Proof`]), what can go wrong ([`AccessProblem`]),
//! the file's name and text, and the readable page as headings with label–value rows
//! ([`readable`]). The component only wires them to the page.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::Value;
use werkscan_api::booking::Kind;
use werkscan_api::submissions::{MyData, MyDataRequest};
use werkscan_core::submission::Receipt;
use werkscan_core::when::date_in_words;
use werkscan_core::{AnswerValue, Lang};

use crate::sharing::SendError;

/// What proves the upload is the person's: the receipt this device kept, or a withdrawal code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proof {
    /// The receipt's submission id and withdrawal token (never shown, never typed).
    Receipt {
        /// The submission id.
        submission_id: String,
        /// The withdrawal token.
        withdrawal_token: String,
    },
    /// A withdrawal code, normalised (`ABCD-EFGH-JKLM-NPQR`).
    Code(String),
}

impl Proof {
    /// The proof of a receipt kept on this device.
    pub fn of_receipt(receipt: &Receipt) -> Proof {
        Proof::Receipt {
            submission_id: receipt.submission_id.clone(),
            withdrawal_token: receipt.withdrawal_token.clone(),
        }
    }

    /// The proof of a typed code; `None` when the text cannot be a code (checked here, so a
    /// typing error never reaches the server or counts against the connection).
    pub fn of_typed(typed: &str) -> Option<Proof> {
        werkscan_core::withdrawal_code::normalise(typed).map(Proof::Code)
    }

    /// The body of `POST /api/my-data`.
    pub fn body(&self) -> MyDataRequest {
        match self {
            Proof::Receipt { submission_id, withdrawal_token } => MyDataRequest {
                submission_id: Some(submission_id.clone()),
                withdrawal_token: Some(withdrawal_token.clone()),
                code: None,
            },
            Proof::Code(code) => MyDataRequest { code: Some(code.clone()), ..MyDataRequest::default() },
        }
    }
}

/// Why the server's copy could not be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessProblem {
    /// What was typed cannot be a code (nothing was sent).
    Malformed,
    /// The server holds nothing for this code or receipt: a typing error, or it was withdrawn or
    /// deleted already.
    Unknown,
    /// Too many wrong codes from this connection: wait a little.
    TooManyWrong,
    /// No connection.
    Offline,
    /// Another refusal, with the server's message.
    Other(String),
}

/// The server's refusal as a problem to show.
pub fn problem_of(error: SendError) -> AccessProblem {
    match error {
        SendError::Offline => AccessProblem::Offline,
        SendError::Refused { code, message } => match code.as_str() {
            "withdrawal_code_not_found" | "submission_not_found" => AccessProblem::Unknown,
            "invalid_withdrawal_code" => AccessProblem::Malformed,
            "too_many_wrong_codes" => AccessProblem::TooManyWrong,
            _ => AccessProblem::Other(message),
        },
    }
}

/// Where the server's copy comes from: the server (`crate::api::Server`), or a fake in tests.
// Single-threaded in the browser: the futures need not be `Send`, which is what the lint is about.
#[allow(async_fn_in_trait)]
pub trait CopySource {
    /// `POST /api/my-data` with this body: the server's answer, its JSON text as sent (kept
    /// unchanged for the download), or why not.
    async fn my_data(&self, body: &MyDataRequest) -> Result<String, SendError>;
}

/// Asks for the server's copy with this proof and reads it.
pub async fn fetch(source: &impl CopySource, proof: &Proof) -> Result<ServerCopy, AccessProblem> {
    let answer = source.my_data(&proof.body()).await.map_err(problem_of)?;
    ServerCopy::from_answer(&answer).ok_or_else(|| AccessProblem::Other("the server's answer cannot be read".into()))
}

/// The server's copy: its answer exactly as sent (for the file) and read (for the page).
#[derive(Clone, Debug, PartialEq)]
pub struct ServerCopy {
    /// The answer, unchanged.
    pub raw: Value,
    /// The answer, read.
    pub data: MyData,
}

impl ServerCopy {
    /// Reads the server's answer (its JSON text); `None` when it is not a copy of an upload.
    pub fn from_answer(answer: &str) -> Option<ServerCopy> {
        // Read twice from the text rather than once into a JSON value and then into the types:
        // the types' readers from text are in the app anyway, their readers from a value
        // would be one more copy of each.
        let raw = serde_json::from_str(answer).ok()?;
        let data = serde_json::from_str(answer).ok()?;
        Some(ServerCopy { raw, data })
    }

    /// The file's text: the server's answer, unchanged, indented so it can be read too.
    pub fn file_text(&self) -> String {
        serde_json::to_string_pretty(&self.raw).unwrap_or_default()
    }
}

/// The download's file name for a day: `werkscan-mijn-gegevens-2026-12-06.json`.
pub fn file_name(day: NaiveDate) -> String {
    format!("werkscan-mijn-gegevens-{}.json", day.format("%Y-%m-%d"))
}

/// One line of a readable part: a label and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// What it is.
    pub label: String,
    /// The value, in words.
    pub value: String,
}

/// One part of the readable page: a heading, lines, and entries (a note, an appointment), each
/// a list of lines of its own, and a sentence that says when there is nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The heading.
    pub heading: String,
    /// Lines about the part as a whole.
    pub lines: Vec<Line>,
    /// Entries, each a list of lines.
    pub entries: Vec<Vec<Line>>,
    /// A sentence under the heading: that the server keeps nothing of this kind.
    pub note: Option<String>,
}

impl Part {
    /// A part with lines and entries; `nothing` becomes its note when it has neither.
    fn new(heading: &str, lines: Vec<Line>, entries: Vec<Vec<Line>>, nothing: Option<&str>) -> Part {
        let note = (lines.is_empty() && entries.is_empty()).then_some(nothing).flatten().map(str::to_owned);
        Part { heading: heading.to_owned(), lines, entries, note }
    }
}

/// The words of the readable page, in one language.
struct Words {
    upload: &'static str,
    shared_on: &'static str,
    campaign: &'static str,
    department: &'static str,
    questionnaire: &'static str,
    deleted_on: &'static str,
    upload_number: &'static str,
    responsible: &'static str,
    name: &'static str,
    contact: &'static str,
    privacy_officer: &'static str,
    website: &'static str,
    no_responsible: &'static str,
    consent: &'static str,
    consent_lang: &'static str,
    text_version: &'static str,
    experts: &'static str,
    min_group: &'static str,
    keep_until: &'static str,
    yes: &'static str,
    no: &'static str,
    choices: [&'static str; 4],
    result: &'static str,
    no_result: &'static str,
    band: &'static str,
    flags: &'static str,
    signal: &'static str,
    answers: &'static str,
    no_answers: &'static str,
    declined: &'static str,
    contact_part: &'static str,
    no_contact: &'static str,
    email: &'static str,
    phone: &'static str,
    note: &'static str,
    file: &'static str,
    status: &'static str,
    at: &'static str,
    by: &'static str,
    note_entry: &'static str,
    action: &'static str,
    owner: &'static str,
    due: &'static str,
    done: &'static str,
    not_done: &'static str,
    nothing_recorded: &'static str,
    appointments: &'static str,
    no_appointments: &'static str,
    when: &'static str,
    kind: &'static str,
    place: &'static str,
    with: &'static str,
    happened: &'static str,
}

const NL: Words = Words {
    upload: "Wat je deelde",
    shared_on: "Gedeeld op",
    campaign: "Campagne",
    department: "Afdeling",
    questionnaire: "Vragenlijst",
    deleted_on: "Wordt uiterlijk gewist op",
    upload_number: "Nummer van je deling",
    responsible: "Wie verantwoordelijk is",
    name: "Naam",
    contact: "Contact",
    privacy_officer: "Functionaris gegevensbescherming (bewaakt je privacy in de praktijk)",
    website: "Website",
    no_responsible: "De server weet niet welke praktijk verantwoordelijk is.",
    consent: "Je toestemming",
    consent_lang: "Taal",
    text_version: "Versie van de tekst",
    experts: "Arbeidsdeskundigen",
    min_group: "Groepscijfers pas vanaf",
    keep_until: "Bewaard tot en met",
    yes: "ja",
    no: "nee",
    choices: [
        "Je scores delen met de arbeidsdeskundige",
        "Ook je antwoorden delen",
        "De arbeidsdeskundige mag contact opnemen",
        "Meetellen in de groepscijfers",
    ],
    result: "Je uitkomst",
    no_result: "De server bewaart geen uitkomst van je.",
    band: "groep",
    flags: "Signalen",
    signal: "Sterkste signaal",
    answers: "Je antwoorden",
    no_answers: "De server bewaart je antwoorden niet.",
    declined: "zeg ik liever niet",
    contact_part: "Je contactgegevens",
    no_contact: "De server bewaart geen contactgegevens van je deling.",
    email: "E-mail",
    phone: "Telefoon",
    note: "Opmerking",
    file: "Wat de arbeidsdeskundige bijhoudt",
    status: "Status",
    at: "Op",
    by: "Door",
    note_entry: "Notitie",
    action: "Actiepunt",
    owner: "Wie doet het",
    due: "Klaar op",
    done: "Gedaan op",
    not_done: "nog niet gedaan",
    nothing_recorded: "De arbeidsdeskundige heeft nog niets over je bijgehouden.",
    appointments: "Je afspraken",
    no_appointments: "Er zijn geen afspraken met deze deling gemaakt.",
    when: "Wanneer",
    kind: "Soort gesprek",
    place: "Plaats",
    with: "Met",
    happened: "Wat er gebeurde",
};

const EN: Words = Words {
    upload: "What you shared",
    shared_on: "Shared on",
    campaign: "Campaign",
    department: "Department",
    questionnaire: "Questionnaire",
    deleted_on: "Deleted at the latest on",
    upload_number: "Number of your share",
    responsible: "Who is responsible",
    name: "Name",
    contact: "Contact",
    privacy_officer: "Data protection officer (guards your privacy in the practice)",
    website: "Website",
    no_responsible: "The server does not know which practice is responsible.",
    consent: "Your consent",
    consent_lang: "Language",
    text_version: "Version of the text",
    experts: "Labour experts",
    min_group: "Group figures only from",
    keep_until: "Kept until",
    yes: "yes",
    no: "no",
    choices: [
        "Share your scores with the labour expert",
        "Also share your answers",
        "The labour expert may contact you",
        "Count in the group figures",
    ],
    result: "Your result",
    no_result: "The server keeps no result of yours.",
    band: "group",
    flags: "Signals",
    signal: "Strongest signal",
    answers: "Your answers",
    no_answers: "The server does not keep your answers.",
    declined: "I would rather not say",
    contact_part: "Your contact details",
    no_contact: "The server keeps no contact details with your share.",
    email: "E-mail",
    phone: "Phone",
    note: "Note",
    file: "What the labour expert keeps",
    status: "Status",
    at: "On",
    by: "By",
    note_entry: "Note",
    action: "Action point",
    owner: "Who does it",
    due: "Done by",
    done: "Done on",
    not_done: "not done yet",
    nothing_recorded: "The labour expert has not recorded anything about you yet.",
    appointments: "Your appointments",
    no_appointments: "No appointments were made with this share.",
    when: "When",
    kind: "Kind of conversation",
    place: "Place",
    with: "With",
    happened: "What happened",
};

/// A moment (RFC 3339) as a date in words at `offset` (the device's time zone): `6 december
/// 2026, 14.05 uur` / `6 December 2026, 14:05`; a date alone (`2027-01-15`) in words too; any
/// other text as it is.
pub fn moment_words(value: &str, lang: Lang, offset: FixedOffset) -> String {
    if let Ok(when) = DateTime::parse_from_rfc3339(value) {
        let local = when.with_timezone(&offset);
        return match lang {
            Lang::Nl => format!("{}, {} uur", date_in_words(lang, local.date_naive()), local.format("%H.%M")),
            Lang::En => format!("{}, {}", date_in_words(lang, local.date_naive()), local.format("%H:%M")),
        };
    }
    day_words(value, lang, offset)
}

/// A moment or date as a date in words, without the time.
pub fn day_words(value: &str, lang: Lang, offset: FixedOffset) -> String {
    if let Ok(when) = DateTime::parse_from_rfc3339(value) {
        return date_in_words(lang, when.with_timezone(&offset).date_naive());
    }
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(day) => date_in_words(lang, day),
        Err(_) => value.to_owned(),
    }
}

/// A status of the arbeidsdeskundige in words.
pub fn status_words(status: &str, lang: Lang) -> String {
    let words = match (status, lang) {
        ("nieuw", Lang::Nl) => "nieuw, nog niet bekeken",
        ("nieuw", Lang::En) => "new, not looked at yet",
        ("contact_gezocht", Lang::Nl) => "contact gezocht",
        ("contact_gezocht", Lang::En) => "contact sought",
        ("gesprek_gepland", Lang::Nl) => "gesprek gepland",
        ("gesprek_gepland", Lang::En) => "conversation planned",
        ("gesprek_gevoerd", Lang::Nl) => "gesprek gevoerd",
        ("gesprek_gevoerd", Lang::En) => "conversation held",
        ("afgerond", Lang::Nl) => "afgerond",
        ("afgerond", Lang::En) => "finished",
        ("doorverwezen", Lang::Nl) => "doorverwezen",
        ("doorverwezen", Lang::En) => "referred",
        ("geen_contact_gewenst", Lang::Nl) => "geen contact gewenst",
        ("geen_contact_gewenst", Lang::En) => "no contact wanted",
        // A status added later is shown as the server names it.
        (other, _) => other,
    };
    words.to_owned()
}

fn owner_words(owner: &str, lang: Lang) -> String {
    match (owner, lang) {
        ("employee", Lang::Nl) => "jij".into(),
        ("employee", Lang::En) => "you".into(),
        ("employer", Lang::Nl) => "je werkgever".into(),
        ("employer", Lang::En) => "your employer".into(),
        ("expert", Lang::Nl) => "de arbeidsdeskundige".into(),
        ("expert", Lang::En) => "the labour expert".into(),
        (other, _) => other.to_owned(),
    }
}

fn appointment_status_words(status: &str, lang: Lang) -> String {
    match (status, lang) {
        ("booked", Lang::Nl) => "gepland".into(),
        ("booked", Lang::En) => "booked".into(),
        ("held", Lang::Nl) => "gevoerd".into(),
        ("held", Lang::En) => "held".into(),
        ("no_show", Lang::Nl) => "niet gekomen".into(),
        ("no_show", Lang::En) => "did not take place".into(),
        ("cancelled", Lang::Nl) => "afgezegd".into(),
        ("cancelled", Lang::En) => "cancelled".into(),
        ("moved", Lang::Nl) => "verzet".into(),
        ("moved", Lang::En) => "moved".into(),
        (other, _) => other.to_owned(),
    }
}

fn who_words(by: &str, lang: Lang) -> String {
    match (by, lang) {
        ("person", Lang::Nl) => "jij".into(),
        ("person", Lang::En) => "you".into(),
        ("expert", Lang::Nl) => "de arbeidsdeskundige".into(),
        ("expert", Lang::En) => "the labour expert".into(),
        (other, _) => other.to_owned(),
    }
}

fn kind_words(kind: Kind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Kind::Telefoon, Lang::Nl) => "telefoongesprek",
        (Kind::Telefoon, Lang::En) => "phone call",
        (Kind::Video, Lang::Nl) => "videogesprek",
        (Kind::Video, Lang::En) => "video call",
        (Kind::Locatie, Lang::Nl) => "gesprek op locatie",
        (Kind::Locatie, Lang::En) => "conversation in person",
    }
}

/// An answer in words (option keys as they are stored).
pub fn answer_words(answer: &AnswerValue, lang: Lang) -> String {
    match answer {
        AnswerValue::Declined => (if lang == Lang::Nl { NL.declined } else { EN.declined }).to_owned(),
        AnswerValue::Number(number) => number.to_string(),
        AnswerValue::Text(text) => text.clone(),
        AnswerValue::List(keys) => keys.join(", "),
        AnswerValue::Grid(cells) => {
            cells.iter().map(|(row, column)| format!("{row}: {column}")).collect::<Vec<_>>().join("; ")
        }
    }
}

fn line(label: &str, value: impl Into<String>) -> Line {
    Line { label: label.to_owned(), value: value.into() }
}

/// Adds a line when there is a value.
fn maybe(lines: &mut Vec<Line>, label: &str, value: Option<&str>) {
    if let Some(value) = value.map(str::trim).filter(|value| !value.is_empty()) {
        lines.push(line(label, value));
    }
}

/// The readable page of everything held, in `lang`, with times at `offset` (the device's zone):
/// what was shared, who is responsible, the consent, the result, answers, contact details, what
/// the arbeidsdeskundige keeps, and the appointments, each under its own heading.
pub fn readable(data: &MyData, lang: Lang, offset: FixedOffset) -> Vec<Part> {
    let w = if lang == Lang::Nl { &NL } else { &EN };
    let moment = |value: &str| moment_words(value, lang, offset);
    let day = |value: &str| day_words(value, lang, offset);
    let yes_no = |value: bool| if value { w.yes } else { w.no }.to_owned();
    let mut parts = Vec::new();

    let mut lines = vec![
        line(w.shared_on, moment(&data.submitted_at)),
        line(w.campaign, format!("{} ({})", data.campaign.name, data.campaign.code)),
    ];
    maybe(&mut lines, w.department, data.department.as_deref());
    lines.push(line(w.questionnaire, format!("{} {}", data.questionnaire.id, data.questionnaire.version)));
    lines.push(line(w.deleted_on, day(&data.delete_after)));
    lines.push(line(w.upload_number, data.submission_id.clone()));
    parts.push(Part::new(w.upload, lines, Vec::new(), None));

    let lines = match &data.responsible {
        Some(practice) => {
            let mut lines = vec![line(w.name, practice.name.clone())];
            maybe(&mut lines, w.contact, practice.contact.as_deref());
            let officer = [practice.privacy_officer.as_deref(), practice.privacy_officer_contact.as_deref()]
                .into_iter()
                .flatten()
                .filter(|part| !part.trim().is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            maybe(&mut lines, w.privacy_officer, Some(officer.as_str()));
            maybe(&mut lines, w.website, practice.website.as_deref());
            lines
        }
        None => Vec::new(),
    };
    parts.push(Part::new(w.responsible, lines, Vec::new(), Some(w.no_responsible)));

    let consent = &data.consent;
    let choices = consent.choices;
    let mut lines: Vec<Line> = [choices.share_scores, choices.share_answers, choices.contact_me, choices.group_figures]
        .into_iter()
        .zip(w.choices)
        .map(|(chosen, label)| line(label, yes_no(chosen)))
        .collect();
    lines.push(line(w.consent_lang, if consent.lang == Lang::Nl { "Nederlands" } else { "English" }));
    if let Some(values) = &consent.values {
        lines.push(line(w.experts, werkscan_core::consent::names_in_words(&values.experts, lang)));
        let from = if lang == Lang::Nl {
            format!("{} mensen", values.min_group_size)
        } else {
            format!("{} people", values.min_group_size)
        };
        lines.push(line(w.min_group, from));
        lines.push(line(w.keep_until, day(&values.delete_after)));
    }
    lines.push(line(w.text_version, consent.text_version.clone()));
    parts.push(Part::new(w.consent, lines, Vec::new(), None));

    let lines = match &data.result {
        Some(result) => {
            let mut lines: Vec<Line> = result
                .scores
                .iter()
                .map(|score| {
                    let value = score.value.map_or_else(|| "–".to_owned(), |value| format!("{value}"));
                    match &score.band {
                        Some(band) => line(&score.id, format!("{value} ({} {band})", w.band)),
                        None => line(&score.id, value),
                    }
                })
                .collect();
            if !result.flags.is_empty() {
                lines.push(line(w.flags, result.flags.join(", ")));
            }
            maybe(&mut lines, w.signal, data.signal.map(|signal| signal.as_str()));
            lines
        }
        None => Vec::new(),
    };
    parts.push(Part::new(w.result, lines, Vec::new(), Some(w.no_result)));

    let lines = data.answers.iter().flatten().map(|(item, answer)| line(item, answer_words(answer, lang))).collect();
    parts.push(Part::new(w.answers, lines, Vec::new(), Some(w.no_answers)));

    let lines = match &data.contact {
        Some(contact) => {
            let mut lines = vec![line(w.name, contact.name.clone())];
            maybe(&mut lines, w.email, contact.email.as_deref());
            maybe(&mut lines, w.phone, contact.phone.as_deref());
            maybe(&mut lines, w.note, contact.note.as_deref());
            lines
        }
        None => Vec::new(),
    };
    parts.push(Part::new(w.contact_part, lines, Vec::new(), Some(w.no_contact)));

    let file = &data.expert_file;
    let mut entries = Vec::new();
    for change in &file.status_history {
        entries.push(vec![
            line(w.status, status_words(change.status.as_str(), lang)),
            line(w.at, moment(&change.at)),
            line(w.by, change.by.clone()),
        ]);
    }
    for note in &file.notes {
        entries.push(vec![
            line(w.note_entry, note.body.clone()),
            line(w.at, moment(&note.at)),
            line(w.by, note.author.clone()),
        ]);
    }
    for action in &file.actions {
        let mut entry =
            vec![line(w.action, action.description.clone()), line(w.owner, owner_words(action.owner.as_str(), lang))];
        if let Some(due) = &action.due_on {
            entry.push(line(w.due, day(due)));
        }
        entry.push(line(w.done, action.done_at.as_deref().map_or_else(|| w.not_done.to_owned(), day)));
        entry.push(line(w.at, moment(&action.created_at)));
        entries.push(entry);
    }
    let note = entries.is_empty().then(|| w.nothing_recorded.to_owned());
    parts.push(Part {
        heading: w.file.into(),
        lines: vec![line(w.status, status_words(file.status.as_str(), lang))],
        entries,
        note,
    });

    let entries = data
        .appointments
        .iter()
        .map(|appointment| {
            let mut entry = vec![
                line(w.when, appointment.words.clone()),
                line(w.kind, kind_words(appointment.kind, lang)),
                line(w.status, appointment_status_words(appointment.status.as_str(), lang)),
                line(w.with, appointment.expert.clone()),
            ];
            maybe(&mut entry, w.place, appointment.place.as_deref());
            entry.push(line(w.name, appointment.name.clone()));
            maybe(&mut entry, w.email, appointment.email.as_deref());
            maybe(&mut entry, w.phone, appointment.phone.as_deref());
            let happened = appointment
                .history
                .iter()
                .map(|event| {
                    let mut words = appointment_status_words(event.event.as_str(), lang);
                    if let Some(at) = &event.at {
                        words = format!("{words} {}", moment(at));
                    }
                    if let Some(by) = &event.by {
                        words = format!("{words} ({})", who_words(by, lang));
                    }
                    if let Some(reason) = &event.reason {
                        words = format!("{words}: {reason}");
                    }
                    words
                })
                .collect::<Vec<_>>()
                .join("; ");
            maybe(&mut entry, w.happened, Some(happened.as_str()));
            entry.push(line(w.deleted_on, day(&appointment.delete_after)));
            entry
        })
        .collect();
    parts.push(Part::new(w.appointments, Vec::new(), entries, Some(w.no_appointments)));
    parts
}

/// The consent text the person read, in `lang`, as paragraphs in the order the app shows them
/// (title and introduction first, each choice's label before what it means). Read from the JSON
/// without the core's types, so an earlier text whose fields differ reads just as well: every
/// `{"nl", "en"}` text in it, known fields in their order first, the rest after.
pub fn consent_paragraphs(copy: &MyData, lang: Lang) -> Vec<String> {
    let mut paragraphs = Vec::new();
    if let Some(text) = &copy.consent.text {
        collect_texts(text, lang, &mut paragraphs);
    }
    paragraphs
}

/// The order of the consent text's fields on the phone; fields not named here follow.
const CONSENT_ORDER: [&str; 19] = [
    "title",
    "intro",
    "health_data",
    "items",
    "label",
    "what",
    "with_whom",
    "why",
    "how_long",
    "nothing_label",
    "nothing",
    "group_note",
    "retention",
    "purpose",
    "controller",
    "controller_contact",
    "privacy_officer",
    "rights",
    "withdrawal",
];

fn collect_texts(value: &Value, lang: Lang, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(nl)), Some(Value::String(en))) = (map.get("nl"), map.get("en")) {
                let text = if lang == Lang::Nl { nl } else { en };
                if !text.trim().is_empty() {
                    out.push(text.trim().to_owned());
                }
                return;
            }
            let rank = |key: &str| CONSENT_ORDER.iter().position(|known| *known == key).unwrap_or(CONSENT_ORDER.len());
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|key| (rank(key), (*key).clone()));
            for key in keys {
                collect_texts(&map[key.as_str()], lang, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_texts(item, lang, out)),
        _ => {}
    }
}
