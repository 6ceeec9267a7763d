//! What the phone uploads after consent, the server's strict check of it, and the receipt the
//! phone keeps.
//!
//! The app builds a submission with [`build_submission`], which puts in exactly what was
//! consented to and nothing else. The server runs [`check_submission`] on every upload: the same
//! rules, written once, so that a phone with other code (or a hand-made request) cannot smuggle
//! in answers nobody agreed to share, or scores that the answers do not produce.

use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::answers::{AnswerError, Answers};
use crate::consent::{known_version, ConsentChoices, ConsentValues, KnownVersion, CONSENT_VERSION};
use crate::model::{Definition, Method};
use crate::scoring::{band_for, score, score_ranges, ScanResult, ScoreResult};
use crate::text::{forbidden_character, Lang};

/// Longest name accepted in contact details, in characters.
pub const MAX_NAME: usize = 200;
/// Longest e-mail address or phone number accepted, in characters.
pub const MAX_CONTACT_FIELD: usize = 254;
/// Longest note accepted with contact details, in characters.
pub const MAX_NOTE: usize = 1000;

/// One upload: what a person chose to share from one scan, for one campaign.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Submission {
    /// The campaign's code (from the link `/c/{code}`).
    pub campaign: String,
    /// The department chosen; `None` is "zeg ik liever niet".
    #[cfg_attr(feature = "serde", serde(default))]
    pub department: Option<String>,
    /// Definition id of the questionnaire taken.
    pub definition: String,
    /// Its version.
    pub version: String,
    /// Its content hash, tying the scores to the exact wording and rules.
    pub content_hash: String,
    /// The consent given, with the exact text version and language it was given in.
    pub consent: ConsentRecord,
    /// The result; present exactly when scores or group figures were consented to.
    #[cfg_attr(feature = "serde", serde(default))]
    pub result: Option<ScanResult>,
    /// The answers; present exactly when answers were consented to.
    #[cfg_attr(feature = "serde", serde(default))]
    pub answers: Option<Answers>,
    /// Contact details; present exactly when contact was consented to.
    #[cfg_attr(feature = "serde", serde(default))]
    pub contact: Option<Contact>,
    /// The token of the person's personal invitation, for a campaign with personal invitations:
    /// it shows that the upload is one of the invited people's, and the upload uses it up. The
    /// server keeps no trace of it with the upload. `None` for a campaign with an open link.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub invitation: Option<String>,
}

/// The consent that came with an upload.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ConsentRecord {
    /// The [`CONSENT_VERSION`] of the text the person read.
    pub text_version: String,
    /// The language they read it in.
    pub lang: Lang,
    /// What they ticked.
    pub choices: ConsentChoices,
    /// The campaign's values as they were filled into the text the person read; with
    /// `text_version` they name the exact words. Required under [`CONSENT_VERSION`], absent under
    /// an earlier version (which had none). The app sets them after [`build_submission`].
    #[cfg_attr(feature = "serde", serde(default))]
    pub values: Option<ConsentValues>,
}

/// How the arbeidsdeskundige may reach the person.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Contact {
    /// Name (or how they want to be addressed).
    pub name: String,
    /// E-mail address.
    #[cfg_attr(feature = "serde", serde(default))]
    pub email: Option<String>,
    /// Phone number.
    #[cfg_attr(feature = "serde", serde(default))]
    pub phone: Option<String>,
    /// Anything they want to add (for example when they are best reached).
    #[cfg_attr(feature = "serde", serde(default))]
    pub note: Option<String>,
}

/// What the phone keeps after a successful upload. The withdrawal token is given only here;
/// the server stores only its hash.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Receipt {
    /// The submission's id.
    pub submission_id: String,
    /// The secret that withdraws the submission.
    pub withdrawal_token: String,
    /// The same power in a form a person can write down: 16 characters in groups of four, derived
    /// from the token (see [`crate::withdrawal_code`]). Receipts from before it existed have none.
    #[cfg_attr(feature = "serde", serde(default))]
    pub withdrawal_code: Option<String>,
    /// The campaign code.
    pub campaign: String,
    /// When the server stored it (RFC 3339).
    pub submitted_at: String,
    /// What was shared.
    pub shared: ConsentChoices,
}

/// Why an upload is refused. Each has a stable [`code`](SubmissionError::code) for the API.
#[derive(Clone, Debug, PartialEq)]
pub enum SubmissionError {
    /// No choice ticked: with "Niets delen" nothing may be uploaded.
    NoConsent,
    /// The consent text version is not one this server knows.
    ConsentVersionUnknown {
        /// The version given.
        given: String,
    },
    /// Consent under the current text came without the campaign's values filled into it, or
    /// under an earlier text (which had none) with them.
    ConsentValuesMismatch,
    /// Answers were sent without the choice to share them.
    AnswersNotConsented,
    /// Sharing answers was chosen without sharing scores, which it requires.
    AnswersNeedScores,
    /// Contact details were sent without the choice to be contacted.
    ContactNotConsented,
    /// Being contacted was chosen, but no contact details were sent.
    ContactMissing,
    /// Contact details are unusable (no name, no way to reach, too long, malformed e-mail).
    ContactInvalid {
        /// What is wrong.
        reason: String,
    },
    /// Scores or group figures were chosen, but no result was sent.
    ResultMissing,
    /// A result was sent, but neither scores nor group figures were chosen.
    ResultNotConsented,
    /// The definition id, version or content hash does not match.
    DefinitionMismatch {
        /// Which field differs (`definition`, `version`, `content_hash`, `result.definition`, …).
        field: String,
    },
    /// Answers that do not fit the definition.
    AnswersInvalid(Vec<AnswerError>),
    /// The result is not what the answers produce.
    ScoreMismatch,
    /// The result's scores are not the definition's scores, each once and in order.
    ScoreListMismatch,
    /// A score's value lies outside what the definition can produce.
    ScoreOutOfRange {
        /// The score id.
        id: String,
    },
    /// A score's band is not the band its value falls in.
    WrongBand {
        /// The score id.
        id: String,
    },
    /// A score's answered/needed counts cannot come from this definition.
    ImplausibleCount {
        /// The score id.
        id: String,
    },
    /// A flag the definition does not have, or the same flag twice.
    UnknownFlag {
        /// The flag id.
        id: String,
    },
    /// A result in which no score has a value or a band: it says nothing about anyone, and
    /// would only pad the group figures.
    ResultEmpty,
    /// A result for group figures only (scores not shared) carries a score that is hidden in
    /// the definition: those are inputs that map almost one-to-one onto answers, and group
    /// figures never use them.
    HiddenScoreNotConsented {
        /// The score id.
        id: String,
    },
    /// A result for group figures only carries flags: a flag says one thing about one person
    /// and group figures never use it.
    FlagsNotConsented,
    /// A result for group figures only carries a score that group figures do not use (a sum
    /// for the arbeidsdeskundige, say): the person agreed to their theme scores and bands only.
    ScoreNotForGroupFigures {
        /// The score id.
        id: String,
    },
    /// A result for group figures only carries the headline's exact value: a release shows the
    /// headline as a distribution over its bands, and the person agreed to their band only.
    HeadlineValueNotConsented {
        /// The score id.
        id: String,
    },
    /// A department came with an upload whose choices do not need one (contact details alone):
    /// it goes only with scores for the arbeidsdeskundige or with group figures.
    DepartmentNotConsented,
}

impl SubmissionError {
    /// A stable snake_case code, used in API errors and by the app to choose its message.
    pub fn code(&self) -> &'static str {
        match self {
            SubmissionError::NoConsent => "no_consent",
            SubmissionError::ConsentVersionUnknown { .. } => "consent_version_unknown",
            SubmissionError::ConsentValuesMismatch => "consent_values_mismatch",
            SubmissionError::AnswersNotConsented => "answers_not_consented",
            SubmissionError::AnswersNeedScores => "answers_need_scores",
            SubmissionError::ContactNotConsented => "contact_not_consented",
            SubmissionError::ContactMissing => "contact_missing",
            SubmissionError::ContactInvalid { .. } => "contact_invalid",
            SubmissionError::ResultMissing => "result_missing",
            SubmissionError::ResultNotConsented => "result_not_consented",
            SubmissionError::DefinitionMismatch { .. } => "definition_mismatch",
            SubmissionError::AnswersInvalid(_) => "answers_invalid",
            SubmissionError::ScoreMismatch => "score_mismatch",
            SubmissionError::ScoreListMismatch => "score_list_mismatch",
            SubmissionError::ScoreOutOfRange { .. } => "score_out_of_range",
            SubmissionError::WrongBand { .. } => "wrong_band",
            SubmissionError::ImplausibleCount { .. } => "implausible_count",
            SubmissionError::UnknownFlag { .. } => "unknown_flag",
            SubmissionError::ResultEmpty => "result_empty",
            SubmissionError::HiddenScoreNotConsented { .. } => "hidden_score_not_consented",
            SubmissionError::FlagsNotConsented => "flags_not_consented",
            SubmissionError::ScoreNotForGroupFigures { .. } => "score_not_for_group_figures",
            SubmissionError::HeadlineValueNotConsented { .. } => "headline_value_not_consented",
            SubmissionError::DepartmentNotConsented => "department_not_consented",
        }
    }
}

impl fmt::Display for SubmissionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SubmissionError::NoConsent => {
                write!(f, "nothing was chosen to share, so nothing may be uploaded")
            }
            SubmissionError::ConsentVersionUnknown { given } => write!(
                f,
                "consent text version \"{given}\" is not known (the current one is {CONSENT_VERSION}); ask for consent again"
            ),
            SubmissionError::ConsentValuesMismatch => write!(
                f,
                "the consent's campaign values must come with the current text version, and only with it"
            ),
            SubmissionError::AnswersNotConsented => {
                write!(f, "answers were sent without consent to share them")
            }
            SubmissionError::AnswersNeedScores => {
                write!(f, "sharing answers requires sharing scores as well")
            }
            SubmissionError::ContactNotConsented => {
                write!(f, "contact details were sent without consent to be contacted")
            }
            SubmissionError::ContactMissing => {
                write!(f, "consent to be contacted was given but no contact details were sent")
            }
            SubmissionError::ContactInvalid { reason } => write!(f, "contact details: {reason}"),
            SubmissionError::ResultMissing => write!(
                f,
                "sharing scores or counting in group figures was chosen but no result was sent"
            ),
            SubmissionError::ResultNotConsented => {
                write!(f, "a result was sent without consent to share scores or count in group figures")
            }
            SubmissionError::DefinitionMismatch { field } => {
                write!(f, "{field} does not match the campaign's questionnaire")
            }
            SubmissionError::AnswersInvalid(errors) => {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "the answers do not fit the questionnaire: {}", list.join("; "))
            }
            SubmissionError::ScoreMismatch => {
                write!(f, "the result is not what the answers produce")
            }
            SubmissionError::ScoreListMismatch => {
                write!(f, "the result must list every score of the questionnaire once, in order")
            }
            SubmissionError::ScoreOutOfRange { id } => {
                write!(f, "score \"{id}\" lies outside the range the questionnaire can produce")
            }
            SubmissionError::WrongBand { id } => {
                write!(f, "score \"{id}\" has a band that does not match its value")
            }
            SubmissionError::ImplausibleCount { id } => {
                write!(f, "score \"{id}\" has answered/needed counts this questionnaire cannot produce")
            }
            SubmissionError::UnknownFlag { id } => {
                write!(f, "flag \"{id}\" is unknown to the questionnaire or given twice")
            }
            SubmissionError::ResultEmpty => write!(f, "the result has no score with a value or a band"),
            SubmissionError::HiddenScoreNotConsented { id } => write!(
                f,
                "score \"{id}\" is hidden in the questionnaire and may only be uploaded when scores are shared"
            ),
            SubmissionError::FlagsNotConsented => {
                write!(f, "flags may only be uploaded when scores are shared, not for group figures alone")
            }
            SubmissionError::ScoreNotForGroupFigures { id } => write!(
                f,
                "score \"{id}\" is not part of group figures and may only be uploaded when scores are shared"
            ),
            SubmissionError::HeadlineValueNotConsented { id } => write!(
                f,
                "for group figures alone only the band of \"{id}\" may be uploaded, not its exact value"
            ),
            SubmissionError::DepartmentNotConsented => write!(
                f,
                "a department goes only with scores shared or with group figures, not with contact details alone"
            ),
        }
    }
}

impl std::error::Error for SubmissionError {}

/// Builds the upload for what was consented to, and nothing more: the result only with scores
/// or group figures (for group figures alone only what a release needs, see
/// [`group_figures_result`]), answers only with answers, contact details only with contact.
#[allow(clippy::too_many_arguments)]
pub fn build_submission(
    campaign: &str,
    department: Option<String>,
    definition: &Definition,
    result: &ScanResult,
    answers: &Answers,
    choices: ConsentChoices,
    lang: Lang,
    contact: Option<Contact>,
) -> Submission {
    Submission {
        campaign: campaign.to_owned(),
        department: department.filter(|_| needs_department(choices)),
        definition: definition.questionnaire.id.clone(),
        version: definition.questionnaire.version.clone(),
        content_hash: definition.content_hash.clone().unwrap_or_default(),
        consent: ConsentRecord { text_version: CONSENT_VERSION.to_owned(), lang, choices, values: None },
        result: if choices.share_scores {
            Some(result.clone())
        } else if choices.group_figures {
            Some(group_figures_result(definition, result))
        } else {
            None
        },
        answers: choices.share_answers.then(|| answers.clone()),
        contact: if choices.contact_me { contact } else { None },
        invitation: None,
    }
}

/// Whether these choices send the department: only scores for the arbeidsdeskundige (who sees
/// it with them) and group figures (which are shown per department) need it; contact details
/// alone go without.
pub fn needs_department(choices: ConsentChoices) -> bool {
    choices.share_scores || choices.group_figures
}

/// What an upload for group figures alone carries of a result: what a release needs and no
/// more ([`Definition::group_figure_scores`]): the theme scores with their bands, and of the
/// headline only its band (a release shows it as a distribution), no exact Work Ability Score,
/// no sums for the arbeidsdeskundige, no hidden inputs and no flags. The arbeidsdeskundige gets
/// the full result only when the person shares scores.
pub fn group_figures_result(definition: &Definition, result: &ScanResult) -> ScanResult {
    let scores = definition
        .group_figure_scores()
        .filter_map(|known| {
            let mut given = result.score(&known.id)?.clone();
            if known.headline {
                given.value = None;
            }
            Some(given)
        })
        .collect();
    ScanResult { scores, flags: Vec::new(), ..result.clone() }
}

/// Brings an upload given under an earlier consent text up to what the current rules send, so
/// that an upload a phone queued before an update is neither lost nor kept beyond what the
/// current text promises: for group figures alone only [`group_figures_result`], and a
/// department only where [`needs_department`]. Uploads under the current text are left as they
/// are: there, sending more is refused by [`check_submission`] with its own code.
pub fn minimise_earlier(sub: &mut Submission, definition: &Definition) {
    if known_version(&sub.consent.text_version).is_none_or(|known| known == KnownVersion::Current) {
        return;
    }
    let choices = sub.consent.choices;
    if !needs_department(choices) {
        sub.department = None;
    }
    if choices.group_figures && !choices.share_scores {
        if let Some(result) = &sub.result {
            sub.result = Some(group_figures_result(definition, result));
        }
    }
}

/// Whether the definition marks this score hidden (an input to other scores only).
fn is_hidden(definition: &Definition, id: &str) -> bool {
    definition.score(id).is_some_and(|score| score.hidden)
}

/// Checks an upload against the consent rules and the definition it claims to be scored with.
///
/// Campaign-level checks (does the campaign exist, is it open, is the department one of its
/// departments, is this its questionnaire) need the database and are the server's job.
pub fn check_submission(sub: &Submission, definition: &Definition) -> Result<(), SubmissionError> {
    check_consent(sub)?;
    if sub.department.is_some() && !needs_department(sub.consent.choices) {
        return Err(SubmissionError::DepartmentNotConsented);
    }
    check_definition(sub, definition)?;
    if let Some(contact) = &sub.contact {
        check_contact(contact)?;
    }
    // Answers never come without a result (`check_consent`), and `score` checks them first.
    let Some(result) = &sub.result else { return Ok(()) };
    // A band without a value is what group figures alone send of the headline: that counts.
    if result.scores.iter().all(|score| score.value.is_none() && score.band.is_none()) {
        return Err(SubmissionError::ResultEmpty);
    }
    match &sub.answers {
        Some(answers) => {
            let expected = score(definition, answers).map_err(SubmissionError::AnswersInvalid)?;
            if !same_result(&expected, result) {
                return Err(SubmissionError::ScoreMismatch);
            }
            Ok(())
        }
        None if sub.consent.choices.share_scores => check_plausible(result, definition, false),
        None => {
            // Group figures alone: refused with its own code before the list check, so a phone
            // (or a hand-made request) that sends too much learns exactly what.
            if let Some(hidden) = result.scores.iter().find(|score| is_hidden(definition, &score.id)) {
                return Err(SubmissionError::HiddenScoreNotConsented { id: hidden.id.clone() });
            }
            if !result.flags.is_empty() {
                return Err(SubmissionError::FlagsNotConsented);
            }
            if let Some(extra) =
                result.scores.iter().find(|score| !definition.group_figure_scores().any(|known| known.id == score.id))
            {
                return Err(SubmissionError::ScoreNotForGroupFigures { id: extra.id.clone() });
            }
            let headline_value = result
                .scores
                .iter()
                .find(|score| score.value.is_some() && definition.score(&score.id).is_some_and(|known| known.headline));
            if let Some(headline) = headline_value {
                return Err(SubmissionError::HeadlineValueNotConsented { id: headline.id.clone() });
            }
            check_plausible(result, definition, true)
        }
    }
}

fn check_consent(sub: &Submission) -> Result<(), SubmissionError> {
    let choices = sub.consent.choices;
    if choices.is_nothing() {
        return Err(SubmissionError::NoConsent);
    }
    match known_version(&sub.consent.text_version) {
        None => return Err(SubmissionError::ConsentVersionUnknown { given: sub.consent.text_version.clone() }),
        Some(known) if known.names_values() != sub.consent.values.is_some() => {
            return Err(SubmissionError::ConsentValuesMismatch)
        }
        Some(_) => {}
    }
    if choices.share_answers && !choices.share_scores {
        return Err(SubmissionError::AnswersNeedScores);
    }
    if sub.answers.is_some() && !choices.share_answers {
        return Err(SubmissionError::AnswersNotConsented);
    }
    if sub.contact.is_some() && !choices.contact_me {
        return Err(SubmissionError::ContactNotConsented);
    }
    if sub.contact.is_none() && choices.contact_me {
        return Err(SubmissionError::ContactMissing);
    }
    if sub.result.is_none() && choices.needs_result() {
        return Err(SubmissionError::ResultMissing);
    }
    if sub.result.is_some() && !choices.needs_result() {
        return Err(SubmissionError::ResultNotConsented);
    }
    // Answers without scores would be refused above; answers chosen but not sent are fine: a
    // person may have skipped every question, and the empty set is then sent as `{}`.
    Ok(())
}

fn check_definition(sub: &Submission, definition: &Definition) -> Result<(), SubmissionError> {
    let hash = definition.content_hash.as_deref().unwrap_or_default();
    let meta = &definition.questionnaire;
    let mismatch = |field: &str| Err(SubmissionError::DefinitionMismatch { field: field.to_owned() });
    if sub.definition != meta.id {
        return mismatch("definition");
    }
    if sub.version != meta.version {
        return mismatch("version");
    }
    if sub.content_hash != hash {
        return mismatch("content_hash");
    }
    if let Some(result) = &sub.result {
        if result.definition != meta.id {
            return mismatch("result.definition");
        }
        if result.version != meta.version {
            return mismatch("result.version");
        }
        if result.content_hash != hash {
            return mismatch("result.content_hash");
        }
    }
    Ok(())
}

/// What is wrong with contact details, checked the same way on the phone (to say so in the
/// person's language before sending) and on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactProblem {
    /// No name.
    NameMissing,
    /// The name is longer than [`MAX_NAME`] characters.
    NameTooLong,
    /// Neither an e-mail address nor a phone number.
    NoWayToReach,
    /// An e-mail address or phone number longer than [`MAX_CONTACT_FIELD`] characters.
    FieldTooLong,
    /// A note longer than [`MAX_NOTE`] characters.
    NoteTooLong,
    /// A phone number with other characters than digits, spaces and `+-()./`, or with fewer than
    /// 6 or more than 20 digits.
    PhoneInvalid,
    /// A control character (NUL, ESC, a line break outside the note) or a character that
    /// reorders displayed text ([`crate::text::forbidden_character`]).
    ForbiddenCharacter,
}

impl ContactProblem {
    /// The reason in English, as the server reports it.
    pub fn reason(self) -> &'static str {
        match self {
            ContactProblem::NameMissing => "a name is needed",
            ContactProblem::NameTooLong => "the name is too long",
            ContactProblem::NoWayToReach => "an e-mail address or a phone number is needed",
            ContactProblem::FieldTooLong => "an e-mail address or phone number is too long",
            ContactProblem::NoteTooLong => "the note is too long",
            ContactProblem::PhoneInvalid => "the phone number is not valid",
            ContactProblem::ForbiddenCharacter => "the contact details contain a control character",
        }
    }
}

/// The first problem with contact details, if any. The e-mail address's syntax is checked by the
/// server with the `validator` crate, which the browser bundle does not need to carry.
pub fn contact_problem(contact: &Contact) -> Option<ContactProblem> {
    let blank = |field: &Option<String>| field.as_deref().is_none_or(|value| value.trim().is_empty());
    if contact.name.trim().is_empty() {
        return Some(ContactProblem::NameMissing);
    }
    if contact.name.chars().count() > MAX_NAME {
        return Some(ContactProblem::NameTooLong);
    }
    if blank(&contact.email) && blank(&contact.phone) {
        return Some(ContactProblem::NoWayToReach);
    }
    if [&contact.email, &contact.phone]
        .into_iter()
        .any(|field| field.as_deref().is_some_and(|value| value.chars().count() > MAX_CONTACT_FIELD))
    {
        return Some(ContactProblem::FieldTooLong);
    }
    if contact.note.as_deref().is_some_and(|note| note.chars().count() > MAX_NOTE) {
        return Some(ContactProblem::NoteTooLong);
    }
    let single_line = [Some(&contact.name), contact.email.as_ref(), contact.phone.as_ref()];
    if single_line.into_iter().flatten().any(|field| forbidden_character(field, false).is_some())
        || contact.note.as_deref().is_some_and(|note| forbidden_character(note, true).is_some())
    {
        return Some(ContactProblem::ForbiddenCharacter);
    }
    if let Some(phone) = contact.phone.as_deref().filter(|phone| !phone.trim().is_empty()) {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone.chars().all(|c| c.is_ascii_digit() || " +-()./".contains(c));
        if !allowed || !(6..=20).contains(&digits) {
            return Some(ContactProblem::PhoneInvalid);
        }
    }
    None
}

fn check_contact(contact: &Contact) -> Result<(), SubmissionError> {
    match contact_problem(contact) {
        Some(problem) => Err(SubmissionError::ContactInvalid { reason: problem.reason().to_owned() }),
        None => Ok(()),
    }
}

/// Whether two results are the same, with values equal up to 1e-9. Values are rounded to 0.1 or
/// 0.01, so this tolerance only absorbs a last-bit difference from JSON float parsing, never a
/// changed score.
fn same_result(expected: &ScanResult, given: &ScanResult) -> bool {
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        _ => false,
    };
    expected.definition == given.definition
        && expected.version == given.version
        && expected.content_hash == given.content_hash
        && expected.flags == given.flags
        && expected.scores.len() == given.scores.len()
        && expected.scores.iter().zip(&given.scores).all(|(a, b)| {
            a.id == b.id
                && close(a.value, b.value)
                && a.band == b.band
                && a.answered == b.answered
                && a.needed == b.needed
        })
}

/// Without answers the server cannot recompute, so it checks what it can: every expected score
/// once and in order (all of the definition's, or for group figures alone
/// [`Definition::group_figure_scores`]), values within reach, bands matching values (a band
/// without a value only for the headline of group figures alone, and then one of its bands),
/// counts possible, flags known.
fn check_plausible(
    result: &ScanResult,
    definition: &Definition,
    group_figures_only: bool,
) -> Result<(), SubmissionError> {
    let expected: Vec<&crate::model::Score> = if group_figures_only {
        definition.group_figure_scores().collect()
    } else {
        definition.scores.iter().collect()
    };
    if result.scores.len() != expected.len()
        || result.scores.iter().zip(&expected).any(|(given, known)| given.id != known.id)
    {
        return Err(SubmissionError::ScoreListMismatch);
    }
    let ranges = score_ranges(definition);
    for (given, known) in result.scores.iter().zip(expected) {
        check_counts(given, known, definition)?;
        let id = || given.id.clone();
        let bands = known.bands.as_ref().and_then(|name| definition.bands.get(name));
        match given.value {
            None if group_figures_only && known.headline => {
                let known_band = |key: &String| bands.is_some_and(|set| set.levels.iter().any(|band| &band.key == key));
                if given.band.as_ref().is_some_and(|key| !known_band(key)) {
                    return Err(SubmissionError::WrongBand { id: id() });
                }
            }
            None => {
                if given.band.is_some() {
                    return Err(SubmissionError::WrongBand { id: id() });
                }
            }
            Some(value) => {
                let (low, high) = ranges.get(known.id.as_str()).map_or((0.0, 0.0), |range| range.out);
                let slack = 1e-9 * low.abs().max(high.abs()).max(1.0);
                if !value.is_finite() || value < low - slack || value > high + slack {
                    return Err(SubmissionError::ScoreOutOfRange { id: id() });
                }
                let expected = bands.and_then(|set| band_for(&set.levels, value)).map(|band| &band.key);
                if expected != given.band.as_ref() {
                    return Err(SubmissionError::WrongBand { id: id() });
                }
            }
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for flag in &result.flags {
        if !definition.flags.iter().any(|known| &known.id == flag) || seen.contains(&flag.as_str()) {
            return Err(SubmissionError::UnknownFlag { id: flag.clone() });
        }
        seen.push(flag);
    }
    Ok(())
}

/// The counts scoring can produce: never more answered than there are inputs, never more needed
/// than inputs (plus one for the weight-choosing item of a weighted score), and a value only
/// when enough were answered.
fn check_counts(
    given: &ScoreResult,
    known: &crate::model::Score,
    definition: &Definition,
) -> Result<(), SubmissionError> {
    let inputs = match known.method {
        Method::Total => known.scores.len(),
        Method::Lowest | Method::Count => 1,
        _ => definition.score_items(known).len(),
    } as u32;
    let extra = u32::from(known.method == Method::Weighted);
    let plausible = given.answered <= inputs
        && given.needed <= inputs + extra.max(u32::from(inputs == 0))
        && (given.value.is_none() || (given.answered >= given.needed && given.answered > 0));
    if plausible {
        Ok(())
    } else {
        Err(SubmissionError::ImplausibleCount { id: given.id.clone() })
    }
}
