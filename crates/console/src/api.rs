//! The server's API as the console reads it: typed requests with the session's CSRF token, the
//! server's refusals as values, and the shapes of what comes back.
//!
//! The shapes are the console's own (deserialize only); the server's tests read real responses
//! into them (`crates/server/tests/integration/console.rs`), so a change on one side that the
//! other does not follow fails a test instead of a screen.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use werkscan_core::submission::Contact;
use werkscan_core::{Answers, ConsentChoices, Lang, ScanResult};
use werkscan_kit::http::{request, Offline, Reply};

thread_local! {
    // The session's CSRF token, repeated on every state-changing request. Kept beside the
    // requests rather than in a context: actions run outside the component tree's owner.
    static CSRF: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Remembers the CSRF token of the session (from login or `GET /api/session`).
pub fn set_csrf(token: &str) {
    CSRF.with(|cell| *cell.borrow_mut() = token.to_owned());
}

/// Why a request did not give what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: no connection, or the server is down.
    Offline,
    /// The server refused: its status, code and message.
    Refused {
        /// HTTP status.
        status: u16,
        /// The server's error code (`not_logged_in`, `invalid_name`, …).
        code: String,
        /// The server's message, in English, for the developer console and as a last resort.
        message: String,
    },
}

/// One field's problem in a refused form (`departments[1].headcount`, `invalid_headcount`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct FieldError {
    /// The field, as the request names it.
    pub field: String,
    /// The error code.
    pub code: String,
    /// The server's message.
    #[serde(default)]
    pub message: String,
}

/// Every field problem of a refused form, from the body of a 422 (empty for other refusals).
pub fn field_errors(reply: &Reply) -> Vec<FieldError> {
    #[derive(Deserialize)]
    struct Body {
        error: Fields,
    }
    #[derive(Deserialize)]
    struct Fields {
        #[serde(default)]
        fields: Vec<FieldError>,
        #[serde(default)]
        field: Option<String>,
        code: String,
        #[serde(default)]
        message: String,
    }
    match serde_json::from_str::<Body>(&reply.text) {
        Ok(Body { error }) if !error.fields.is_empty() => error.fields,
        Ok(Body { error: Fields { field: Some(field), code, message, .. } }) => {
            vec![FieldError { field, code, message }]
        }
        _ => Vec::new(),
    }
}

impl ApiError {
    /// The server's error code, if it refused.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Offline => None,
            ApiError::Refused { code, .. } => Some(code),
        }
    }

    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Offline => None,
            ApiError::Refused { status, .. } => Some(*status),
        }
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    code: String,
    message: String,
}

/// Reads a reply: the value of a success (an empty body reads as JSON `null`, for 204), or the
/// server's refusal. A body that is not our server's (a proxy answering instead) counts as a
/// refusal with the code `http_<status>`.
pub fn read_reply<T: DeserializeOwned>(reply: Reply) -> Result<T, ApiError> {
    if reply.ok() {
        let text = if reply.text.trim().is_empty() { "null" } else { reply.text.as_str() };
        return serde_json::from_str(text).map_err(|error| ApiError::Refused {
            status: reply.status,
            code: "bad_reply".into(),
            message: error.to_string(),
        });
    }
    Err(match serde_json::from_str::<ErrorBody>(&reply.text) {
        Ok(body) => ApiError::Refused { status: reply.status, code: body.error.code, message: body.error.message },
        Err(_) => {
            ApiError::Refused { status: reply.status, code: format!("http_{}", reply.status), message: reply.text }
        }
    })
}

async fn send<T: DeserializeOwned>(method: &str, url: &str, body: Option<String>) -> Result<T, ApiError> {
    let csrf = CSRF.with(|cell| cell.borrow().clone());
    let headers: Vec<(&str, &str)> = if method == "GET" { Vec::new() } else { vec![("X-CSRF-Token", csrf.as_str())] };
    let reply = request(method, url, body.as_deref(), &headers).await.map_err(|Offline| ApiError::Offline)?;
    let value = read_reply(reply);
    if let Err(ApiError::Refused { status, code, .. }) = &value {
        if *status == 401 || (*status == 403 && code.ends_with("_required")) {
            crate::session::session_lost(code);
        }
    }
    value
}

/// `GET url`.
pub async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    send("GET", url, None).await
}

/// A state-changing request with a JSON body (or none).
pub async fn call<T: DeserializeOwned>(method: &str, url: &str, body: Option<&impl Serialize>) -> Result<T, ApiError> {
    let body = body.map(|body| serde_json::to_string(body).expect("request bodies serialise"));
    send(method, url, body).await
}

/// A state-changing request whose refusal may name fields: the value, or the refusal with
/// every field problem.
pub async fn call_form<T: DeserializeOwned>(
    method: &str,
    url: &str,
    body: &impl Serialize,
) -> Result<T, (ApiError, Vec<FieldError>)> {
    let csrf = CSRF.with(|cell| cell.borrow().clone());
    let body = serde_json::to_string(body).expect("request bodies serialise");
    let reply = request(method, url, Some(&body), &[("X-CSRF-Token", csrf.as_str())])
        .await
        .map_err(|Offline| (ApiError::Offline, Vec::new()))?;
    let fields = field_errors(&reply);
    read_reply(reply).map_err(|error| (error, fields))
}

/// `POST url` with a JSON body, ignoring the answer's body.
pub async fn post(url: &str, body: &impl Serialize) -> Result<(), ApiError> {
    call::<serde_json::Value>("POST", url, Some(body)).await.map(drop)
}

/// A path segment, percent-encoded.
pub fn segment(value: &str) -> String {
    werkscan_core::routes::encode(value)
}

/// A query string (`?a=1&b=2`) of the non-empty pairs, or nothing.
pub fn query(pairs: &[(&str, String)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", werkscan_core::routes::encode(value)))
        .collect();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{}", encoded.join("&"))
    }
}

// --- Accounts and sessions -------------------------------------------------------------------

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Platform administrator.
    Admin,
    /// Employer (HR) of an organisation.
    Employer,
    /// Arbeidsdeskundige.
    Expert,
    /// Administrator of one practice: its details and its experts.
    PracticeAdmin,
}

/// An account.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct User {
    /// Account id.
    pub id: String,
    /// Organisation id, if any.
    pub org_id: Option<String>,
    /// Role.
    pub role: Role,
    /// Login e-mail.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
}

/// An organisation's id and name.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct OrgRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// What a login still needs before the account can work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pending {
    /// A new password (after an admin reset it).
    PasswordChange,
    /// The code of the second factor.
    SecondFactor,
    /// Setting up a second factor (experts and admins must).
    SecondFactorSetup,
}

/// A session: login's and `GET /api/session`'s answer.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SessionView {
    /// The account.
    pub user: User,
    /// The account's organisation.
    pub organisation: Option<OrgRef>,
    /// Repeated in `X-CSRF-Token`.
    pub csrf_token: String,
    /// When the session ends (RFC 3339).
    pub expires_at: String,
    /// What the login still needs.
    pub pending: Option<Pending>,
    /// Whether the account has a second factor.
    pub has_second_factor: bool,
}

/// `POST /api/login` body.
#[derive(Serialize)]
pub struct LoginRequest<'a> {
    /// E-mail.
    pub email: &'a str,
    /// Password.
    pub password: &'a str,
}

/// `POST /api/account/password` body.
#[derive(Serialize)]
pub struct PasswordChange<'a> {
    /// The password now.
    pub current: &'a str,
    /// The new one.
    pub new: &'a str,
}

/// A second factor being set up.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SecondFactorSetup {
    /// The secret, to type into an app.
    pub secret: String,
    /// The `otpauth://` address.
    pub url: String,
    /// Its QR code as SVG (made by the server).
    pub qr_svg: String,
}

/// A code from the authenticator app or a recovery code.
#[derive(Serialize)]
pub struct Code<'a> {
    /// The code.
    pub code: &'a str,
}

/// Recovery codes, shown once.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RecoveryCodes {
    /// Each works once.
    pub recovery_codes: Vec<String>,
}

/// One of the account's sessions.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SessionEntry {
    /// Id.
    pub id: String,
    /// The browser it was started from.
    pub device: Option<String>,
    /// Started (RFC 3339).
    pub started_at: String,
    /// Ends (RFC 3339).
    pub expires_at: String,
    /// Whether it is this one.
    pub current: bool,
}

// --- The arbeidsdeskundige ---------------------------------------------------------------------

/// A line of the inbox.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SubmissionSummary {
    /// Id.
    pub id: String,
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// Department, if given.
    pub department: Option<String>,
    /// Uploaded (RFC 3339).
    pub submitted_at: String,
    /// What was shared.
    pub shared: ConsentChoices,
    /// Status key (see [`crate::words::STATUSES`]).
    pub status: String,
    /// Since when.
    pub status_changed_at: Option<String>,
    /// Strongest signal: `attention`, `watch`, `good`, `none`.
    pub signal: String,
    /// The person's name, if given.
    pub name: Option<String>,
}

/// One page of the inbox with its counts.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Inbox {
    /// How many match.
    pub total: i64,
    /// Per status, with the other filters.
    pub counts: BTreeMap<String, i64>,
    /// The page.
    pub items: Vec<SubmissionSummary>,
}

/// A change of status.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct StatusChange {
    /// New status.
    pub status: String,
    /// To whom the person was referred (see [`crate::words::REFERRALS`]), with `doorverwezen`.
    pub referred_to: Option<String>,
    /// How it ended (see [`crate::words::OUTCOMES`]), with `afgerond`.
    pub outcome: Option<String>,
    /// When.
    pub at: String,
    /// By whom.
    pub by: String,
    /// What caused it when not a change by hand: `booked` or `held`.
    #[serde(default)]
    pub cause: Option<String>,
}

/// A conversation the person booked with the shared result linked.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LinkedAppointment {
    /// `booked`, `held`, `no_show` or `cancelled`.
    pub status: String,
    /// `telefoon`, `video` or `locatie`.
    pub kind: String,
    /// Start (RFC 3339).
    pub start: String,
    /// With whom.
    pub expert: String,
    /// When booked (RFC 3339).
    pub booked_at: String,
    /// Who moved it last (`person` or `expert`).
    #[serde(default)]
    pub moved_by: Option<String>,
    /// The expert's reason for the move.
    #[serde(default)]
    pub move_reason: Option<String>,
    /// When cancelled (RFC 3339).
    #[serde(default)]
    pub cancelled_at: Option<String>,
    /// `person` or `expert`.
    #[serde(default)]
    pub cancelled_by: Option<String>,
    /// The expert's reason for cancelling.
    #[serde(default)]
    pub cancel_reason: Option<String>,
    /// When the outcome was recorded (RFC 3339).
    #[serde(default)]
    pub outcome_at: Option<String>,
}

/// A private note.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Note {
    /// Id.
    pub id: String,
    /// Author's name.
    pub author: String,
    /// Text.
    pub body: String,
    /// When.
    pub at: String,
}

/// An agreed action point.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ActionPoint {
    /// Id.
    pub id: String,
    /// `employee`, `employer` or `expert`.
    pub owner: String,
    /// What.
    pub description: String,
    /// By when (ISO date).
    pub due_on: Option<String>,
    /// Done (RFC 3339).
    pub done_at: Option<String>,
    /// Marked as agreed with the person (always so for the employer's).
    pub agreed_with_person: bool,
}

/// One shared result, with only what was shared.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SubmissionDetail {
    /// Id.
    pub id: String,
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// Department.
    pub department: Option<String>,
    /// Uploaded.
    pub submitted_at: String,
    /// Deleted at the latest.
    pub expires_at: String,
    /// Consent text version agreed to.
    pub consent_version: String,
    /// Language of the consent and the scan.
    pub lang: Lang,
    /// What was shared.
    pub shared: ConsentChoices,
    /// Scores and flags, with scores shared.
    pub result: Option<ScanResult>,
    /// Answers, with answers shared.
    pub answers: Option<Answers>,
    /// Contact details, with contact asked.
    pub contact: Option<Contact>,
    /// Status key.
    pub status: String,
    /// Every change, oldest first.
    pub status_history: Vec<StatusChange>,
    /// Notes, oldest first.
    pub notes: Vec<Note>,
    /// Action points.
    pub actions: Vec<ActionPoint>,
    /// The shared result has a flag about long sick leave or not being able to work: the
    /// page reminds the expert of sick-leave guidance and the bedrijfsarts.
    pub sick_leave_reminder: bool,
    /// The conversations booked with this result linked.
    #[serde(default)]
    pub appointments: Vec<LinkedAppointment>,
}

/// `POST …/notes` body.
#[derive(Serialize)]
pub struct NewNote<'a> {
    /// Text.
    pub body: &'a str,
}

/// `POST …/actions` body.
#[derive(Serialize)]
pub struct NewAction<'a> {
    /// `employee`, `employer` or `expert`.
    pub owner: &'a str,
    /// What.
    pub description: &'a str,
    /// By when.
    pub due_on: Option<chrono::NaiveDate>,
    /// Agreed with the person; the server requires it for the employer's.
    pub agreed_with_person: bool,
}

/// `PUT …/status` body.
#[derive(Serialize)]
pub struct NewStatus<'a> {
    /// Status key.
    pub status: &'a str,
    /// With `doorverwezen`: to whom.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referred_to: Option<&'a str>,
    /// With `afgerond`: how it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<&'a str>,
}

/// An entry of an audit trail.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: String,
    /// Who (name).
    pub actor: String,
    /// What (an action key).
    pub action: String,
    /// Which submission.
    pub submission_id: Option<String>,
    /// Which campaign.
    pub campaign_id: Option<String>,
    /// The campaign's name, while it exists.
    #[serde(default)]
    pub campaign_name: Option<String>,
    /// The staff account the action concerned (a password link sent to it, …).
    #[serde(default)]
    pub account: Option<AccountTarget>,
    /// The organisation it concerned, by name.
    #[serde(default)]
    pub organisation: Option<String>,
    /// The practice it concerned, by name.
    #[serde(default)]
    pub practice: Option<String>,
}

/// A staff account that an audited action concerned.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AccountTarget {
    /// Its name.
    pub name: String,
    /// Its login e-mail address.
    pub email: String,
}

/// An appointment in the expert's lists.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ExpertAppointment {
    /// Id.
    pub id: String,
    /// `booked`, `held`, `no_show`, `cancelled`.
    pub status: String,
    /// Phone, video or in person.
    pub kind: werkscan_booking::Kind,
    /// Start (RFC 3339).
    pub start: String,
    /// End.
    pub end: String,
    /// The time in words (Dutch, in the expert's zone).
    pub words: String,
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// The person's name.
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// The shared result the person linked.
    pub submission_id: Option<String>,
    /// Messages about it that are due and not sent.
    pub unsent_messages: i64,
    /// The reason the expert gave for cancelling it.
    #[serde(default)]
    pub cancel_reason: Option<String>,
    /// The reason the expert gave for their last move of it.
    #[serde(default)]
    pub move_reason: Option<String>,
}

/// A free time an appointment can be moved to.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FreeSlot {
    /// Start (RFC 3339): what a move sends.
    pub start: String,
    /// In Dutch words: "dinsdag 8 december, 10.30 uur".
    pub words: String,
}

/// `POST /api/expert/appointments/{id}/move` body.
#[derive(Serialize)]
pub struct ExpertMove {
    /// The new start.
    pub start: String,
    /// Why, in the expert's words to the person.
    pub reason: Option<String>,
}

/// `POST /api/expert/appointments/{id}/cancel` body.
#[derive(Serialize)]
pub struct ExpertCancel {
    /// Why, in the expert's words to the person.
    pub reason: Option<String>,
}

/// `POST …/outcome` body.
#[derive(Serialize)]
pub struct Outcome<'a> {
    /// `held` or `no_show`.
    pub outcome: &'a str,
}

/// One person to follow up.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FollowUp {
    /// `asked_contact`, `cancelled`, `no_show`.
    pub reason: String,
    /// Since when.
    pub since: String,
    /// Whole days since then.
    pub days_waiting: i64,
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// The shared result.
    pub submission_id: Option<String>,
    /// The appointment.
    pub appointment_id: Option<String>,
}

// --- Campaigns ---------------------------------------------------------------------------------

/// An arbeidsdeskundige as campaigns name them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ExpertRef {
    /// Account id.
    pub id: String,
    /// Name.
    pub display_name: String,
    /// Their practice (in the list of experts to choose from).
    #[serde(default)]
    pub practice_id: Option<String>,
}

/// A practice's id and name.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PracticeRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

pub use werkscan_core::campaign::QuestionnaireRef;

/// A department with its headcount, if the employer gave one (for the response rate).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Department {
    /// Name.
    pub name: String,
    /// How many people work there.
    #[serde(default)]
    pub headcount: Option<i64>,
}

/// The response of a running campaign as the employer sees it: once a day, rounded down.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct DailyResponse {
    /// Group-figure uploads rounded down to a multiple of k; `None`: fewer than k.
    pub at_least: Option<i64>,
    /// The campaign's k.
    pub min_group_size: i64,
    /// The moment the number describes (RFC 3339): the last 06:00 in Amsterdam.
    pub as_of: String,
}

/// Conversations in a release: each number only from k (`None`: fewer than k, or for held
/// conversations also too close to the booked number to show).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct AppointmentFigures {
    /// Booked.
    pub booked: Option<i64>,
    /// Held.
    pub held: Option<i64>,
}

/// Conversations of a campaign: booked (not cancelled) and held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct Uptake {
    /// Booked.
    pub booked: i64,
    /// Held.
    pub held: i64,
}

/// The release a campaign's staff may know of.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ReleaseSummary {
    /// `draft` (only the campaign's experts see one) or `published`.
    pub status: String,
    /// Which release of the campaign (1, 2, …).
    pub sequence: i64,
    /// When it was published.
    pub published_at: Option<String>,
}

/// Someone the consent text names (the controller, the data protection officer), and how to
/// reach them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Party {
    /// Name.
    pub name: String,
    /// How to reach them (e-mail address, phone number or web address).
    #[serde(default)]
    pub contact: Option<String>,
}

/// A campaign as staff see it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CampaignView {
    /// Id.
    pub id: String,
    /// The code in its link.
    pub code: String,
    /// The link employees open (a path on this server).
    pub link: String,
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: OrgRef,
    /// Questionnaire.
    pub questionnaire: QuestionnaireRef,
    /// Departments.
    pub departments: Vec<Department>,
    /// First day.
    pub starts_on: chrono::NaiveDate,
    /// Last day.
    pub ends_on: chrono::NaiveDate,
    /// `planned`, `open` or `closed`.
    #[serde(default)]
    pub status: String,
    /// Whether it takes uploads now.
    pub open: bool,
    /// When it was closed early.
    #[serde(default)]
    pub closed_at: Option<String>,
    /// Minimum group size k.
    pub min_group_size: i64,
    /// Days results are kept after the end.
    pub retention_days: i64,
    /// When its data are deleted.
    pub delete_after: chrono::NaiveDate,
    /// Its arbeidsdeskundigen.
    pub experts: Vec<ExpertRef>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// While open, for the campaign's experts and admins only: how many uploads arrived so far,
    /// shares with the expert included (nothing per department).
    #[serde(default)]
    pub uploads: Option<i64>,
    /// While open, for everyone: the group-figure uploads before the last 06:00, rounded down
    /// to a multiple of k (the only progress an employer sees).
    #[serde(default)]
    pub response: Option<DailyResponse>,
    /// Conversations (experts and admins only; employers see them in the release).
    #[serde(default)]
    pub bookings: Option<Uptake>,
    /// The release, if any.
    #[serde(default)]
    pub release: Option<ReleaseSummary>,
    /// The practice that runs it.
    #[serde(default)]
    pub practice: Option<PracticeRef>,
    /// The controller the consent text names: the practice.
    #[serde(default)]
    pub controller: Option<Party>,
    /// The data protection officer, where there is one.
    #[serde(default)]
    pub privacy_officer: Option<Party>,
    /// How people take part: an open link (the total only) or personal invitations.
    #[serde(default)]
    pub invitations: Invitations,
    /// The roster of a campaign with personal invitations (none with an open link).
    #[serde(default)]
    pub roster: Option<RosterSummary>,
}

/// How people take part in a campaign.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invitations {
    /// Anyone holding the campaign's link: the employer sees the total only, because anyone
    /// can take part and name any department.
    #[default]
    Open,
    /// Personal, single-use invitations from a roster the practice checks and sends: figures
    /// per department.
    Personal,
}

/// Where a campaign's roster is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RosterState {
    /// Nothing given yet (the server's `none`).
    #[serde(rename = "none")]
    NotGiven,
    /// Given by the employer; the practice has not checked it yet.
    Submitted,
    /// Approved by the practice: the invitations went out.
    Approved,
    /// Refused by the practice, with its reason; the addresses were deleted.
    Rejected,
}

/// A department's part of the roster: numbers only.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RosterCount {
    /// The department.
    pub name: String,
    /// People invited by e-mail.
    pub by_mail: i64,
    /// People invited with a printed letter.
    pub by_letter: i64,
}

/// `GET`/`PUT /api/campaigns/{id}/roster`: the roster as the employer sees it, numbers only.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RosterSummary {
    /// Where it is.
    pub state: RosterState,
    /// The practice's reason, when it refused the roster.
    #[serde(default)]
    pub note: Option<String>,
    /// Per department.
    pub departments: Vec<RosterCount>,
    /// Everyone invited.
    pub invited: i64,
    /// The last day (`YYYY-MM-DD`) a reminder went to everyone, if one did.
    #[serde(default)]
    pub reminded_on: Option<String>,
}

/// `PUT /api/campaigns/{id}/roster` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RosterInput {
    /// The departments, each with its people's addresses.
    pub departments: Vec<RosterDepartment>,
}

/// One department of a roster as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RosterDepartment {
    /// One of the campaign's departments.
    pub name: String,
    /// E-mail addresses, one per person, in the order they were typed.
    pub addresses: Vec<String>,
}

/// How many addresses of a department are at one domain.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct DomainCount {
    /// The part after `@`.
    pub domain: String,
    /// Addresses there.
    pub addresses: i64,
}

/// A department as the practice checks it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ReviewedDepartment {
    /// The department.
    pub name: String,
    /// People invited by e-mail.
    pub by_mail: i64,
    /// People invited with a printed letter.
    pub by_letter: i64,
    /// The domains of its addresses, most used first.
    #[serde(default)]
    pub domains: Vec<DomainCount>,
    /// Fewer people than the minimum group size: its figures can never be shown on their own.
    pub below_minimum: bool,
}

/// `GET /api/expert/campaigns/{id}/roster`: what the practice checks before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RosterReview {
    /// Where it is.
    pub state: RosterState,
    /// The reason given when it was refused.
    #[serde(default)]
    pub note: Option<String>,
    /// The campaign's minimum group size.
    pub min_group_size: i64,
    /// Per department.
    pub departments: Vec<ReviewedDepartment>,
    /// Everyone invited.
    pub invited: i64,
    /// The last day a reminder went to everyone, if one did.
    #[serde(default)]
    pub reminded_on: Option<String>,
    /// Whether the campaign still takes part (reminders and letters only then).
    pub open: bool,
}

/// `POST /api/expert/campaigns/{id}/roster/reject` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// Why, for the employer.
    pub reason: String,
}

/// `POST /api/expert/campaigns/{id}/letters` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LetterRequest {
    /// One of the campaign's departments.
    pub department: String,
    /// How many letters (1 to 500).
    pub count: i64,
}

/// One printed invitation.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Letter {
    /// The department it invites to.
    pub department: String,
    /// The personal link.
    pub link: String,
    /// The link as a QR code (SVG, made by our server).
    pub qr_svg: String,
}

/// `POST /api/expert/campaigns/{id}/letters` reply: shown once, for printing.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Letters {
    /// The letters.
    pub letters: Vec<Letter>,
    /// The campaign's name.
    pub campaign: String,
    /// The organisation's name.
    pub organisation: String,
    /// The last day (`YYYY-MM-DD`).
    pub ends_on: String,
    /// The minimum group size the letter promises.
    pub min_group_size: i64,
}

/// `POST /api/expert/campaigns/{id}/roster/remind` reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct Reminded {
    /// Messages sent: one per address on the roster.
    pub sent: i64,
}

/// `POST /api/campaigns` body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewCampaign {
    /// Name.
    pub name: String,
    /// Questionnaire id.
    pub questionnaire: String,
    /// Its version.
    pub version: String,
    /// Departments (with optional headcount).
    pub departments: Vec<Department>,
    /// First day.
    pub starts_on: chrono::NaiveDate,
    /// Last day.
    pub ends_on: chrono::NaiveDate,
    /// Minimum group size k.
    pub min_group_size: i64,
    /// The arbeidsdeskundigen (account ids).
    pub experts: Vec<String>,
    /// Days results are kept after the end.
    pub retention_days: i64,
    /// The practice that runs it (left out: the only one the organisation works with). The
    /// consent names the practice with the details it entered; the employer enters none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub practice: Option<String>,
    /// How people take part. With personal invitations no headcount is sent: the roster gives it.
    pub invitations: Invitations,
}

/// `POST /api/campaigns/{id}/extend` body.
#[derive(Serialize)]
pub struct Extension {
    /// The new last day.
    pub ends_on: chrono::NaiveDate,
}

/// A questionnaire in the catalogue.
pub use werkscan_core::model::CatalogueEntry;

// --- Practices ---------------------------------------------------------------------------------

/// A practice with its details, the organisations it works for and its members.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Practice {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// How to reach it.
    #[serde(default)]
    pub contact: Option<String>,
    /// Its data protection officer.
    #[serde(default)]
    pub privacy_officer: Option<Party>,
    /// Its website.
    #[serde(default)]
    pub website: Option<String>,
    /// Organisations it works for.
    pub organisations: Vec<OrgRef>,
    /// Its arbeidsdeskundigen.
    pub experts: Vec<ExpertRef>,
    /// Its practice admins.
    pub admins: Vec<ExpertRef>,
}

/// A practice's details as entered (`POST /api/admin/practices`, `PUT /api/practice`, …).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PracticeDetails {
    /// Name.
    pub name: String,
    /// How people reach it.
    pub contact: String,
    /// Its data protection officer, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_officer: Option<Party>,
    /// Its website, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// `POST /api/admin/practices/{id}/organisations` body.
#[derive(Serialize)]
pub struct OrganisationLink<'a> {
    /// The organisation's id.
    pub org_id: &'a str,
}

/// A campaign's id and name.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CampaignRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// An arbeidsdeskundige of the practice, as its practice admin sees them
/// (`GET /api/practice/experts`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PracticeExpert {
    /// Account id.
    pub id: String,
    /// Name.
    pub display_name: String,
    /// Login e-mail.
    pub email: String,
    /// Can log in.
    pub active: bool,
    /// Has set up a second factor.
    pub has_second_factor: bool,
    /// The practice's campaigns that name them.
    pub campaigns: Vec<CampaignRef>,
}

/// `POST /api/practice/experts` body.
#[derive(Debug, Serialize)]
pub struct NewExpert<'a> {
    /// Login e-mail.
    pub email: &'a str,
    /// Name shown to others.
    pub display_name: &'a str,
}

/// One line of a practice's audit trail: who did what, when, in which campaign.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TrailEntry {
    /// When (RFC 3339).
    pub at: String,
    /// Who (name).
    pub actor: String,
    /// What (an action key).
    pub action: String,
    /// Which campaign, if any.
    pub campaign_id: Option<String>,
    /// Its name.
    pub campaign_name: Option<String>,
    /// The staff account it concerned, by name, if any.
    pub subject: Option<String>,
}

/// A page of a practice's audit trail, newest first (`GET /api/practice/audit`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Trail {
    /// Entries in the whole trail.
    pub total: i64,
    /// The first entry of this page.
    pub offset: i64,
    /// The page's size.
    pub limit: i64,
    /// The page.
    pub items: Vec<TrailEntry>,
}

// --- The admin ---------------------------------------------------------------------------------

/// An organisation with its linked experts.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Organisation {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Created.
    pub created_at: String,
    /// Linked arbeidsdeskundigen (from before practices).
    pub experts: Vec<ExpertRef>,
    /// The practices it works with.
    #[serde(default)]
    pub practices: Vec<PracticeRef>,
}

/// `POST /api/admin/organisations` body.
#[derive(Serialize)]
pub struct NewOrganisation<'a> {
    /// Name.
    pub name: &'a str,
}

/// `POST /api/admin/organisations/{id}/experts` body.
#[derive(Serialize)]
pub struct Link<'a> {
    /// The expert's account id.
    pub user_id: &'a str,
}

/// An account as the admin sees it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Account {
    /// Id.
    pub id: String,
    /// E-mail.
    pub email: String,
    /// Name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Organisation.
    pub org_id: Option<String>,
    /// Practice (experts and practice admins).
    #[serde(default)]
    pub practice_id: Option<String>,
    /// Can log in.
    pub active: bool,
    /// Has a second factor.
    pub has_second_factor: bool,
    /// Must choose a new password at next login.
    pub must_change_password: bool,
    /// Created.
    pub created_at: String,
}

/// `POST /api/admin/users` body.
#[derive(Serialize)]
pub struct NewAccount<'a> {
    /// E-mail.
    pub email: &'a str,
    /// Name.
    pub display_name: &'a str,
    /// Role.
    pub role: Role,
    /// Organisation (employers must have one).
    pub org_id: Option<&'a str>,
    /// Practice (practice admins must have one; an expert's practice).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub practice_id: Option<&'a str>,
}

/// Where a one-time link to choose a password went (the admin never sees the link itself).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LinkSent {
    /// The account.
    pub user_id: String,
    /// The account's own address, which the link went to.
    pub link_sent_to: String,
    /// Until when the link works (RFC 3339).
    pub link_expires_at: String,
}

/// `POST /api/password-link/check` body.
#[derive(Debug, Serialize)]
pub struct LinkToken<'a> {
    /// The part of the link after `#`.
    pub token: &'a str,
}

/// What a working password link is for.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LinkView {
    /// The account's login address.
    pub email: String,
    /// `welcome` (a new account) or `reset`.
    pub purpose: String,
}

/// `POST /api/password-link` body.
#[derive(Debug, Serialize)]
pub struct ChoosePassword<'a> {
    /// The part of the link after `#`.
    pub token: &'a str,
    /// The chosen password.
    pub password: &'a str,
}

/// A questionnaire version the server has loaded.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LoadedVersion {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash.
    pub content_hash: String,
    /// First loaded.
    pub first_loaded_at: String,
    /// Whether it is the one new scans use.
    pub current: bool,
}

// --- Group figures ----------------------------------------------------------------------------

/// A band of a measure, with its meaning.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BandRef {
    /// Key.
    pub key: String,
    /// Name.
    pub label: werkscan_core::Text,
    /// `attention`, `watch` or `good`.
    pub signal: String,
    /// The lowest value in this band: the band of a mean is the last band whose `from` is at
    /// most the mean (absent from servers before issue 21).
    #[serde(default)]
    pub from: Option<f64>,
}

/// A score that group figures report on.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Measure {
    /// Score id.
    pub score: String,
    /// `theme` (mean and distribution) or `headline` (distribution only).
    pub kind: String,
    /// Name.
    pub label: werkscan_core::Text,
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
    /// Its bands, in order.
    pub bands: Vec<BandRef>,
}

/// How many of a group fall in a band.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BandCount {
    /// Band key.
    pub band: String,
    /// How many.
    pub count: i64,
}

/// A measure for one group: hidden, or its respondents, mean and distribution.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GroupMeasure {
    /// Score id.
    pub score: String,
    /// Whether it is shown for this group.
    pub shown: bool,
    /// Who have a value.
    #[serde(default)]
    pub respondents: Option<i64>,
    /// Mean (themes only).
    #[serde(default)]
    pub mean: Option<f64>,
    /// Per band, in band order.
    #[serde(default)]
    pub distribution: Option<Vec<BandCount>>,
}

/// A group of a release: the organisation, a department, or those who named none.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Group {
    /// `total`, `department` or `no_department`.
    pub kind: String,
    /// The department's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether it is shown at all.
    pub shown: bool,
    /// Group-figure uploads.
    #[serde(default)]
    pub respondents: Option<i64>,
    /// Headcount the employer gave.
    #[serde(default)]
    pub headcount: Option<i64>,
    /// Response rate in percent.
    #[serde(default)]
    pub response_rate: Option<f64>,
    /// Per measure.
    #[serde(default)]
    pub measures: Vec<GroupMeasure>,
    /// Conversations (total only, each number only from k).
    #[serde(default)]
    pub appointments: Option<AppointmentFigures>,
}

/// A release's identity as the dashboard shows it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ReleaseInfo {
    /// Which release.
    pub sequence: i64,
    /// `draft` or `published`.
    pub status: String,
    /// Computed.
    pub computed_at: String,
    /// Published.
    #[serde(default)]
    pub published_at: Option<String>,
    /// Minimum group size k.
    pub min_group_size: i64,
    /// The organisation's group-figure uploads (none when even the total is hidden).
    #[serde(default)]
    pub respondents: Option<i64>,
}

/// The campaign a dashboard is about.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DashboardCampaign {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Questionnaire.
    pub questionnaire: QuestionnaireRef,
    /// First day.
    pub starts_on: chrono::NaiveDate,
    /// Last day.
    pub ends_on: chrono::NaiveDate,
    /// Closed early.
    #[serde(default)]
    pub closed_at: Option<String>,
    /// The questionnaire version the campaign used.
    #[serde(default)]
    pub version: Option<String>,
}

/// A theme's change since the previous campaign.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TrendMeasure {
    /// Score id.
    pub score: String,
    /// Mean then.
    pub previous_mean: f64,
    /// Mean now.
    pub mean: f64,
    /// Now minus then.
    pub difference: f64,
    /// Below this, no clear change: what two groups of these sizes and spreads could differ by
    /// chance.
    pub threshold: f64,
    /// `higher`, `lower` or `no_clear_change` (`no_meaningful_change` from servers before
    /// issue 21); higher theme scores are more favourable.
    pub change: String,
}

/// A group's changes.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TrendGroup {
    /// `total`, `department` or `no_department`.
    pub kind: String,
    /// Department name.
    #[serde(default)]
    pub name: Option<String>,
    /// Per theme.
    pub measures: Vec<TrendMeasure>,
}

/// The campaign compared with.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PreviousCampaign {
    /// Id.
    pub campaign_id: String,
    /// Name.
    pub campaign_name: String,
    /// First day.
    pub starts_on: chrono::NaiveDate,
    /// Last day.
    pub ends_on: chrono::NaiveDate,
    /// Its release's publication.
    pub published_at: String,
    /// Its questionnaire version.
    #[serde(default)]
    pub version: Option<String>,
}

/// The comparison with the organisation's previous campaign of the same questionnaire.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Trend {
    /// Which campaign.
    pub previous: PreviousCampaign,
    /// Per group present in both.
    pub groups: Vec<TrendGroup>,
    /// Themes left out because the two versions measure them differently.
    #[serde(default)]
    pub not_comparable: Vec<String>,
}

/// A measure over all organisations on the platform.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct NormMeasure {
    /// Score id.
    pub score: String,
    /// Contributing organisations.
    pub organisations: i64,
    /// Contributing respondents.
    pub respondents: i64,
    /// Mean (themes).
    #[serde(default)]
    pub mean: Option<f64>,
    /// Per band.
    #[serde(default)]
    pub distribution: Option<Vec<BandCount>>,
}

/// The norm: the same questionnaire version at other organisations (never the employer's own),
/// each organisation's latest published release once.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Norm {
    /// Questionnaire id.
    pub questionnaire: String,
    /// Questionnaire version.
    #[serde(default)]
    pub version: Option<String>,
    /// The largest share of a measure's respondents one organisation may have (0.25: a
    /// quarter).
    #[serde(default)]
    pub max_share: Option<f64>,
    /// The latest publication among them (RFC 3339; the server's type allows none).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Organisations.
    pub organisations: i64,
    /// Respondents.
    pub respondents: i64,
    /// Per measure that qualifies.
    pub measures: Vec<NormMeasure>,
}

/// The employer's dashboard of a published release (and the expert's preview of a draft).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Dashboard {
    /// The campaign.
    pub campaign: DashboardCampaign,
    /// The release.
    pub release: ReleaseInfo,
    /// What is measured.
    pub measures: Vec<Measure>,
    /// The organisation, its departments, and those who named none.
    pub groups: Vec<Group>,
    /// Change since the previous campaign.
    #[serde(default)]
    pub trend: Option<Trend>,
    /// The norm at other organisations.
    #[serde(default)]
    pub norm: Option<Norm>,
    /// Why there is no norm: `too_few_organisations` or `one_organisation_too_large`.
    #[serde(default)]
    pub norm_missing: Option<String>,
    /// "Waar beginnen": at most three themes with the most people in "vraagt aandacht".
    #[serde(default)]
    pub start_here: Vec<StartHere>,
    /// What the organisation can do, per theme and band (score id → band key → text).
    #[serde(default)]
    pub employer_advice: BTreeMap<String, BTreeMap<String, werkscan_core::Text>>,
    /// The campaign's action plan.
    #[serde(default)]
    pub actions: Vec<PlanAction>,
    /// The action plan of the campaign the trend compares with.
    #[serde(default)]
    pub previous_actions: Option<PreviousActions>,
}

/// A theme to start with: many people in its attention band.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct StartHere {
    /// Theme score id.
    pub score: String,
    /// People in the attention band, in the total.
    pub attention: i64,
    /// People with a value for this theme, in the total.
    pub respondents: i64,
    /// The shown department(s) with the highest share in attention; empty when no department
    /// is shown.
    #[serde(default)]
    pub departments: Vec<String>,
    /// What the organisation can do.
    #[serde(default)]
    pub advice: Option<werkscan_core::Text>,
}

/// One action of a campaign's action plan: what the organisation does about a theme.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PlanAction {
    /// Id.
    pub id: String,
    /// Theme score id.
    pub score: String,
    /// What will be done (1–500 characters).
    pub action: String,
    /// Who takes it on (1–100 characters).
    pub owner: String,
    /// By when (`YYYY-MM-DD`).
    pub due_on: String,
    /// Done.
    pub done: bool,
    /// The action of the previous campaign it carries on.
    #[serde(default)]
    pub carried_from: Option<String>,
    /// Added.
    #[serde(default)]
    pub created_at: String,
    /// Last changed.
    #[serde(default)]
    pub updated_at: String,
}

/// The action plan of the previous campaign.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PreviousActions {
    /// Its campaign.
    pub campaign_id: String,
    /// Its campaign's name.
    pub campaign_name: String,
    /// Its actions.
    #[serde(default)]
    pub actions: Vec<PlanAction>,
}

/// `POST /api/campaigns/{id}/actions` body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewPlanAction {
    /// Theme score id.
    pub score: String,
    /// What will be done.
    pub action: String,
    /// Who takes it on.
    pub owner: String,
    /// By when (`YYYY-MM-DD`).
    pub due_on: String,
    /// The previous campaign's action it carries on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
}

/// `PUT /api/campaigns/{id}/actions/{action_id}` body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanActionChange {
    /// What will be done.
    pub action: String,
    /// Who takes it on.
    pub owner: String,
    /// By when (`YYYY-MM-DD`).
    pub due_on: String,
    /// Done.
    pub done: bool,
}

/// `GET /api/expert/campaigns/{id}/actions`: the plan as the campaign's expert reads it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ExpertActions {
    /// The campaign's actions.
    #[serde(default)]
    pub actions: Vec<PlanAction>,
    /// The previous campaign's plan.
    #[serde(default)]
    pub previous_actions: Option<PreviousActions>,
}

/// A burst of uploads.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Burst {
    /// The window.
    pub window_minutes: i64,
    /// The most uploads within one such window.
    pub largest: i64,
    /// Their share of all, in percent.
    pub share: f64,
    /// When that window began.
    #[serde(default)]
    pub starts_at: Option<String>,
    /// Worth a look.
    pub attention: bool,
}

/// Size and number of groups of identical results.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct IdenticalGroup {
    /// Uploads in such a group.
    pub size: i64,
    /// How many such groups.
    pub count: i64,
}

/// Uploads with identical results.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Identical {
    /// The biggest group.
    pub largest: i64,
    /// Uploads in groups of two or more.
    pub uploads_in_groups: i64,
    /// The groups by size.
    pub groups: Vec<IdenticalGroup>,
    /// Worth a look.
    pub attention: bool,
}

/// Uploads per origin (a hash bucket of campaign and address).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Origins {
    /// The biggest bucket.
    pub largest: i64,
    /// Its share, in percent.
    pub share: f64,
    /// Number of buckets.
    pub addresses: i64,
    /// Worth a look.
    pub attention: bool,
}

/// Padding signals of one department.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GroupSignals {
    /// `total`, `department` or `no_department`.
    pub kind: String,
    /// Department name.
    #[serde(default)]
    pub name: Option<String>,
    /// Uploads.
    pub uploads: i64,
    /// Most within ten minutes.
    pub largest_burst_10_minutes: i64,
    /// Biggest group of identical results.
    pub largest_identical: i64,
    /// Biggest origin bucket.
    pub largest_origin: i64,
    /// Worth a look, with thresholds that k - 1 padded uploads reach.
    #[serde(default)]
    pub attention: bool,
}

/// Padding signals of the hidden rest: every group the release hides, together.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RestSignals {
    /// The hidden groups' names (`None`: no department).
    pub groups: Vec<Option<String>>,
    /// Uploads.
    pub uploads: i64,
    /// Most within ten minutes.
    pub largest_burst_10_minutes: i64,
    /// Most within an hour.
    pub largest_burst_60_minutes: i64,
    /// Biggest group of identical results.
    pub largest_identical: i64,
    /// Biggest origin bucket.
    pub largest_origin: i64,
    /// Worth a look.
    pub attention: bool,
}

/// What could point at padding: bursts, identical results, one address.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Signals {
    /// Uploads in the release.
    pub uploads: i64,
    /// Bursts (10 and 60 minutes).
    pub bursts: Vec<Burst>,
    /// Identical results.
    pub identical_results: Identical,
    /// One address.
    pub origins: Origins,
    /// Per department.
    pub groups: Vec<GroupSignals>,
    /// The hidden groups together, when they hold uploads.
    #[serde(default)]
    pub hidden_rest: Option<RestSignals>,
}

/// The release as the expert reviews it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ReleaseMeta {
    /// Id.
    pub id: String,
    /// Which release.
    pub sequence: i64,
    /// `draft` or `published`.
    pub status: String,
    /// Revision of the draft (to publish exactly what was reviewed).
    pub revision: i64,
    /// Computed.
    pub computed_at: String,
    /// Published.
    #[serde(default)]
    pub published_at: Option<String>,
    /// The arbeidsdeskundige who published it.
    #[serde(default)]
    pub published_by: Option<ExpertRef>,
    /// Respondents.
    #[serde(default)]
    pub respondents: Option<i64>,
}

/// Why no new release was computed after an extension.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Recompute {
    /// `too_few_new`, `new_may_be_own`, `total_changed_by_few` or `cannot_verify`.
    pub code: String,
    /// New group-figure uploads.
    #[serde(default)]
    pub new_uploads: Option<i64>,
    /// How many are needed.
    #[serde(default)]
    pub needed: Option<i64>,
}

/// The latest published release of the campaign, for the review.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PublishedRef {
    /// Which release.
    pub sequence: i64,
    /// When.
    #[serde(default)]
    pub published_at: Option<String>,
}

/// `GET /api/expert/campaigns/{id}/release`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Review {
    /// The campaign.
    pub campaign: CampaignView,
    /// The release.
    pub release: ReleaseMeta,
    /// What the employer will see.
    pub dashboard: Dashboard,
    /// Padding signals.
    pub signals: Signals,
    /// The release published before, if any.
    #[serde(default)]
    pub published: Option<PublishedRef>,
    /// Why no new release was computed, if so.
    #[serde(default)]
    pub recompute: Option<Recompute>,
}

/// `POST …/release/publish` body.
#[derive(Serialize)]
pub struct Publish {
    /// The revision that was reviewed.
    pub revision: i64,
}
