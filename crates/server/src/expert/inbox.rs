//! The arbeidsdeskundige's access to what people shared (groundwork for the expert workspace).
//!
//! Only accounts with the expert role, and only for campaigns they are named in; only
//! submissions that shared scores or asked to be contacted (group-figures-only submissions are
//! for aggregates and never shown one by one); only the parts that were shared. Every read of an
//! individual submission is written to the audit log before the data is returned.

use axum::extract::{Path, State};
use axum::Json;
use werkscan_api::expert::{Outcome, Owner, Referral, SubmissionStatus};
use werkscan_core::{Answers, ConsentChoices, Contact, Lang, ScanResult, ScoreResult};

use axum::http::StatusCode;
use axum::response::IntoResponse;

use super::rows::{
    ActionRow, ActionTermsRow, ContactRow, DetailRow, ExportActionRow, ExportAppointmentRow, ExportRow, ExportScoreRow,
    LinkedAppointmentRow, NoteRow, ScoreRow, StatusChangeRow, SummaryRow,
};
use crate::accounts::auth::{CurrentUser, Role};
use crate::audit::{audit, audit_entries, AuditEntry, AuditRow, AUDIT_ROWS};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::util::{new_id, now, rfc3339};
use crate::AppState;

pub use werkscan_api::expert::{
    ActionPoint, Inbox, InboxQuery, LinkedAppointment, NewAction, NewNote, NewStatus, Note, StatusChange,
    SubmissionDetail, SubmissionSummary,
};

/// The flags of a shared result that say the person was off work for long because of their
/// health, or cannot work (fully) now (`questionnaires/parts/wai-gezondheid.toml`). Such a
/// person may already be in sick-leave guidance under the Wet verbetering poortwachter, in
/// which the bedrijfsarts, not the arbeidsdeskundige, has the medical side.
pub const SICK_LEAVE_FLAGS: [&str; 2] = ["veel_verzuim", "niet_kunnen_werken"];

fn require_expert(current: &CurrentUser) -> ApiResult<()> {
    // Employers and admins get 403 on every route that returns an individual submission.
    if current.user.role != Role::Expert {
        return Err(ApiError::forbidden(
            "forbidden",
            "only the campaign's arbeidsdeskundige sees individual submissions",
        ));
    }
    Ok(())
}

// The one rule of what is shared with an expert, as a literal so that both forms below are
// built from it at compile time.
macro_rules! shared_with_expert_rule {
    () => {
        concat!(" WHERE e.user_id = $1 AND ", shared_part!(), " ")
    };
}

// What of a submission must be shared for an expert to see it: half of the rule above.
macro_rules! shared_part {
    () => {
        "(s.share_scores = 1 OR s.contact_me = 1)"
    };
}

/// `FROM … WHERE` of the submissions an expert may see: those of the campaigns they receive
/// results from that shared scores or contact details (with the person's contact name, if any).
/// `$1` is the expert's user id. The inbox, the detail and the export use this one rule, so they
/// cannot disagree on it.
const SHARED_WITH_EXPERT: &str = concat!(
    " FROM submissions s JOIN campaigns c ON c.id = s.campaign_id \
     JOIN practice_campaign_experts e ON e.campaign_id = s.campaign_id LEFT JOIN submission_contacts k ON k.submission_id = s.id",
    shared_with_expert_rule!()
);

/// The same rule without the joins that only add columns (campaign name, contact), for counting
/// from the inbox index (the notifications' unread results). The inbox's page applies it per
/// campaign of the expert, and its counts are kept per campaign by the database for the rows it
/// selects (`list`).
///
/// The expert's campaigns are a semi-join (`IN`), not a join: the databases then find the few
/// campaigns first and read each one's index entries once, instead of joining every entry to the
/// view's campaign and account rows (measured in docs/PERFORMANCE.md, "The arbeidsdeskundige's
/// inbox"). The same rule as [`SHARED_WITH_EXPERT`]: the tests of who reads what
/// (`practices::a_practices_experts_read_only_their_practices_shares`,
/// `practices::the_inbox_lists_exactly_what_the_detail_opens`) compare the inbox with the detail
/// for each expert.
pub(crate) const INBOX: &str = concat!(
    " FROM submissions s WHERE s.campaign_id IN (SELECT e.campaign_id FROM practice_campaign_experts e WHERE e.user_id = $1) AND ",
    shared_part!(),
    " "
);

/// `GET /api/expert/submissions` (expert): the results shared with this expert in their
/// campaigns, filtered by campaign, department, status and signal, newest (or oldest) first, a
/// page at a time, with counts per status. Audited. 403 `forbidden` for other roles.
///
/// Neither part reads every shared result (docs/PERFORMANCE.md, "The arbeidsdeskundige's inbox"):
/// the counts come from `inbox_counts`, which the database keeps per campaign, department, signal
/// and status (migration 0022), and the page is chosen per campaign that holds any of its
/// results, from the inbox index in its own order, reading no further than the page's end in
/// each ([`page_sql`]); only the page's rows are joined to their campaign and contact. Both read
/// the expert's campaigns by the one rule (`practice_campaign_experts`, as [`INBOX`] does).
pub async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    crate::extract::ApiQuery(query): crate::extract::ApiQuery<InboxQuery>,
) -> ApiResult<Json<Inbox>> {
    require_expert(&current)?;
    if !query.status.is_empty() && SubmissionStatus::parse(&query.status).is_none() {
        return Err(ApiError::bad_request("invalid_status", "unknown status"));
    }
    let limit = if query.limit <= 0 { 50 } else { query.limit.min(500) };
    let pool = &state.db().pool;
    let campaigns: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT e.campaign_id FROM practice_campaign_experts e WHERE e.user_id = $1 AND ($2 = '' OR e.campaign_id = $2) \
         ORDER BY e.campaign_id",
    )
    .bind(&current.user.id)
    .bind(&query.campaign)
    .fetch_all(pool)
    .await?;
    let mut counts: std::collections::BTreeMap<String, i64> =
        SubmissionStatus::ALL.iter().map(|status| (status.as_str().to_owned(), 0)).collect();
    let mut items = Vec::new();
    if !campaigns.is_empty() {
        let mut page = InboxPage {
            campaigns: &campaigns,
            department: &query.department,
            signal: &query.signal,
            status: &query.status,
            newest: query.sort != "oldest",
            offset: query.offset.max(0),
            limit,
        };
        let (sql, values) = counts_sql(&page);
        let count_rows = bind_each(sqlx::query_as::<_, (String, String, i64)>(sqlx::AssertSqlSafe(sql)), values)
            .fetch_all(pool)
            .await?;
        // Only the campaigns that hold some of the page's results are read for it.
        let mut holding: Vec<String> = Vec::new();
        for (campaign, status, n) in count_rows {
            if n > 0 && (query.status.is_empty() || query.status == status) && !holding.contains(&campaign) {
                holding.push(campaign);
            }
            *counts.entry(status).or_default() += n;
        }
        holding.sort();
        page.campaigns = &holding;
        if !holding.is_empty() {
            let (sql, values) = page_sql(&page);
            let rows =
                bind_each(sqlx::query_as::<_, SummaryRow>(sqlx::AssertSqlSafe(sql)), values).fetch_all(pool).await?;
            items = rows.into_iter().map(SubmissionSummary::from).collect();
        }
    }
    let total =
        if query.status.is_empty() { counts.values().sum() } else { counts.get(&query.status).copied().unwrap_or(0) };
    audit(&state, &current, "list_submissions", None, None).await?;
    Ok(Json(Inbox { total, counts, items }))
}

/// What the inbox was asked for, with the expert's campaigns (those the filter leaves, at least
/// one). An empty filter matches everything.
struct InboxPage<'a> {
    campaigns: &'a [String],
    /// A department's name, or `-` for results without one.
    department: &'a str,
    /// A signal's name, or `none` for results without one.
    signal: &'a str,
    /// A status's name (counted regardless; it chooses only the page).
    status: &'a str,
    newest: bool,
    offset: i64,
    limit: i64,
}

/// A value bound to a statement built here.
enum Value<'a> {
    Text(&'a str),
    Int(i64),
}

/// The statement's values in order: `next` gives the placeholder of one more.
#[derive(Default)]
struct Values<'a>(Vec<Value<'a>>);

impl<'a> Values<'a> {
    fn next(&mut self, value: Value<'a>) -> String {
        self.0.push(value);
        format!("${}", self.0.len())
    }
}

fn bind_each<'q, O>(
    mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments>,
    values: Values<'q>,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments> {
    for value in values.0 {
        query = match value {
            Value::Text(text) => query.bind(text),
            Value::Int(number) => query.bind(number),
        };
    }
    query
}

/// The page: per campaign, its shared results in the inbox's order from the inbox index
/// (`submissions_inbox`, which leads with the campaign and the upload time), each read only as
/// far as the page's end (`offset + limit` entries at most, fewer filtered ones are read past
/// only as far as it takes to find them), then the campaigns' entries merged, and only the page's
/// rows joined. One campaign needs no merge. The filters are written into the text only when
/// given, so each combination is a statement of its own that the database plans for itself.
fn page_sql<'a>(page: &InboxPage<'a>) -> (String, Values<'a>) {
    let mut values = Values::default();
    let order = if page.newest { "DESC" } else { "ASC" };
    let mut filters = String::new();
    match page.department {
        "" => {}
        "-" => filters += &format!(" AND (s.department IS NULL OR s.department = {})", values.next(Value::Text("-"))),
        department => filters += &format!(" AND s.department = {}", values.next(Value::Text(department))),
    }
    // `COALESCE(s.signal, 'none') = $n` in two forms the planners estimate from the column's
    // statistics: as an expression it was guessed rare, and PostgreSQL read the whole table.
    match page.signal {
        "" => {}
        "none" => filters += &format!(" AND (s.signal IS NULL OR s.signal = {})", values.next(Value::Text("none"))),
        signal => filters += &format!(" AND s.signal = {}", values.next(Value::Text(signal))),
    }
    if !page.status.is_empty() {
        filters += &format!(" AND s.status = {}", values.next(Value::Text(page.status)));
    }
    let chosen = if let [campaign] = page.campaigns {
        let campaign = values.next(Value::Text(campaign));
        let (limit, offset) = (values.next(Value::Int(page.limit)), values.next(Value::Int(page.offset)));
        format!(
            "SELECT s.id FROM submissions s WHERE s.campaign_id = {campaign} AND {shared}{filters} \
             ORDER BY s.created_at {order}, s.id LIMIT {limit} OFFSET {offset}",
            shared = shared_part!(),
        )
    } else {
        // Each campaign's part ends where the page could end; the merge chooses the page.
        let reach = values.next(Value::Int(page.offset.saturating_add(page.limit)));
        let branches: Vec<String> = page
            .campaigns
            .iter()
            .enumerate()
            .map(|(index, campaign)| {
                let campaign = values.next(Value::Text(campaign));
                format!(
                    "SELECT * FROM (SELECT s.id, s.created_at FROM submissions s WHERE s.campaign_id = {campaign} AND {shared}{filters} \
                     ORDER BY s.created_at {order}, s.id LIMIT {reach}) part{index}",
                    shared = shared_part!(),
                )
            })
            .collect();
        let (limit, offset) = (values.next(Value::Int(page.limit)), values.next(Value::Int(page.offset)));
        format!("{} ORDER BY created_at {order}, id LIMIT {limit} OFFSET {offset}", branches.join(" UNION ALL "))
    };
    let sql = format!(
        "SELECT s.id, s.campaign_id, c.name AS campaign_name, s.department, s.created_at, s.share_scores, s.share_answers, s.contact_me, \
         s.group_figures, s.status, s.status_changed_at, s.signal, k.name AS contact_name \
         FROM ({chosen}) page JOIN submissions s ON s.id = page.id JOIN campaigns c ON c.id = s.campaign_id \
         LEFT JOIN submission_contacts k ON k.submission_id = s.id \
         ORDER BY s.created_at {order}, s.id"
    );
    (sql, values)
}

/// The counts per campaign and status of the shared results the filters (all but the status)
/// leave, summed from the kept counts of the expert's campaigns (`inbox_counts`, migration 0022):
/// a few rows per campaign, however many results it has. They count what [`INBOX`] selects,
/// since the database keeps them in the transaction of every change
/// (`inbox::kept_counts_equal_counted_ones_after_every_kind_of_change` holds them to a count of
/// the rows).
fn counts_sql<'a>(page: &InboxPage<'a>) -> (String, Values<'a>) {
    let mut values = Values::default();
    let campaigns: Vec<String> = page.campaigns.iter().map(|campaign| values.next(Value::Text(campaign))).collect();
    let mut filters = String::new();
    match page.department {
        "" => {}
        // Kept under '' when none was given (no department's name is empty).
        "-" => filters += &format!(" AND (k.department = '' OR k.department = {})", values.next(Value::Text("-"))),
        department => filters += &format!(" AND k.department = {}", values.next(Value::Text(department))),
    }
    if !page.signal.is_empty() {
        filters += &format!(" AND k.signal = {}", values.next(Value::Text(page.signal)));
    }
    // PostgreSQL sums BIGINT as NUMERIC; both read a BIGINT.
    let sql = format!(
        "SELECT k.campaign_id, k.status, CAST(SUM(k.shared) AS BIGINT) AS n FROM inbox_counts k WHERE k.campaign_id IN ({}){filters} \
         GROUP BY k.campaign_id, k.status",
        campaigns.join(", ")
    );
    (sql, values)
}

/// `GET /api/expert/submissions/{id}` (expert of its campaign): the shared parts of one
/// submission. Audited. 403 `forbidden` for other roles; 404 `submission_not_found` when it does
/// not exist, belongs to another expert's campaign, or shared nothing with the expert.
pub async fn detail(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<SubmissionDetail>> {
    require_expert(&current)?;
    let row = sqlx::query_as::<_, DetailRow>(sqlx::AssertSqlSafe(format!(
        "SELECT s.id, s.campaign_id, c.name AS campaign_name, s.department, s.created_at, s.expires_at, s.definition_id, s.definition_version, \
         s.content_hash, s.consent_version, s.consent_lang, s.share_scores, s.share_answers, s.contact_me, s.group_figures, s.status{SHARED_WITH_EXPERT} AND s.id = $2"
    )))
    .bind(&current.user.id)
    .bind(&id)
    .fetch_optional(&state.db().pool)
    .await?
    .ok_or_else(|| ApiError::not_found("submission_not_found", "no such submission shared with you"))?;
    let shared = ConsentChoices::from(&row.choices);
    let campaign_id = row.campaign_id;
    // Audit first: if the record cannot be written, nothing is shown.
    audit(&state, &current, "read_submission", Some(&id), Some(&campaign_id)).await?;

    let result = if shared.share_scores {
        let (scores, flags) = stored_scores_and_flags(&state.db().pool, &id).await?;
        Some(ScanResult {
            definition: row.definition_id,
            version: row.definition_version,
            content_hash: row.content_hash,
            scores,
            flags,
        })
    } else {
        None
    };
    let answers = if shared.share_answers {
        let json: Option<String> =
            sqlx::query_scalar("SELECT answers FROM submission_answers WHERE submission_id = $1")
                .bind(&id)
                .fetch_optional(&state.db().pool)
                .await?;
        json.map(|json| serde_json::from_str::<Answers>(&json)).transpose().map_err(ApiError::internal)?
    } else {
        None
    };
    let contact = if shared.contact_me {
        sqlx::query_as::<_, ContactRow>(
            "SELECT name, email, phone, note FROM submission_contacts WHERE submission_id = $1",
        )
        .bind(&id)
        .fetch_optional(&state.db().pool)
        .await?
        .map(Contact::from)
    } else {
        None
    };
    let pool = &state.db().pool;
    let status_history = sqlx::query_as::<_, StatusChangeRow>(
        "SELECT h.status, h.referred_to, h.outcome, h.cause, h.changed_at, u.display_name FROM status_changes h JOIN users u ON u.id = h.changed_by WHERE h.submission_id = $1 ORDER BY h.seq",
    )
    .bind(&id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(StatusChange::from)
    .collect();
    let notes = sqlx::query_as::<_, NoteRow>(
        "SELECT n.id, n.body, n.created_at, u.display_name FROM notes n JOIN users u ON u.id = n.author_id WHERE n.submission_id = $1 ORDER BY n.seq",
    )
    .bind(&id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(Note::from)
    .collect();
    let actions = sqlx::query_as::<_, ActionRow>("SELECT id, owner, description, due_on, done_at, agreed_with_person FROM action_points WHERE submission_id = $1 ORDER BY seq")
        .bind(&id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(ActionPoint::from)
        .collect();
    let sick_leave_reminder =
        result.as_ref().is_some_and(|result| result.flags.iter().any(|flag| SICK_LEAVE_FLAGS.contains(&flag.as_str())));
    let appointments = sqlx::query_as::<_, LinkedAppointmentRow>(
        "SELECT a.status, a.kind, a.starts_at, a.created_at, a.moved_by, a.move_reason, a.cancelled_at, a.cancelled_by, a.cancel_reason, \
         a.outcome_at, u.display_name FROM appointments a JOIN users u ON u.id = a.expert_id WHERE a.submission_id = $1 ORDER BY a.created_at, a.id",
    )
    .bind(&id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(LinkedAppointment::from)
    .collect();
    Ok(Json(SubmissionDetail {
        sick_leave_reminder,
        appointments,
        status: row.status.0,
        status_history,
        notes,
        actions,
        id,
        campaign_id,
        campaign_name: row.campaign_name,
        department: row.department,
        submitted_at: rfc3339(row.created_at),
        expires_at: rfc3339(row.expires_at),
        consent_version: row.consent_version,
        lang: Lang::from_tag(&row.consent_lang).unwrap_or_default(),
        shared,
        result,
        answers,
        contact,
    }))
}

/// The campaign of a submission this expert may see; 404 `submission_not_found` otherwise (the
/// same answer whether it does not exist or is another expert's).
async fn visible(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<String> {
    require_expert(current)?;
    let campaign: Option<String> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT s.campaign_id{SHARED_WITH_EXPERT} AND s.id = $2")))
            .bind(&current.user.id)
            .bind(id)
            .fetch_optional(&state.db().pool)
            .await?;
    campaign.ok_or_else(|| ApiError::not_found("submission_not_found", "no such submission shared with you"))
}

/// Typed text of the console: trimmed, not empty, within `max` characters, without control
/// characters (line breaks allowed); 422 `invalid_text` otherwise.
fn checked_text(text: &str, max: usize) -> ApiResult<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > max || werkscan_core::text::forbidden_character(text, true).is_some() {
        return Err(ApiError::unprocessable(
            "invalid_text",
            format!("write 1 to {max} characters, without control characters"),
        ));
    }
    Ok(text.to_owned())
}

/// `POST /api/expert/submissions/{id}/notes` (an expert of the person's campaign): a private note,
/// seen only by the experts of that campaign. Audited. 201 with the note.
pub async fn add_note(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewNote>,
) -> ApiResult<(StatusCode, Json<Note>)> {
    let campaign = visible(&state, &current, &id).await?;
    let text = checked_text(&body.body, 5000)?;
    let note = Note { id: new_id(), author: current.user.display_name.clone(), body: text, at: rfc3339(now()) };
    let created_at = now();
    sqlx::query(
        "INSERT INTO notes (id, submission_id, author_id, body, created_at, seq) \
         VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(seq), 0) + 1 FROM notes WHERE submission_id = $2))",
    )
    .bind(&note.id)
    .bind(&id)
    .bind(&current.user.id)
    .bind(&note.body)
    .bind(created_at)
    .execute(&state.db().pool)
    .await?;
    audit(&state, &current, "add_note", Some(&id), Some(&campaign)).await?;
    Ok((StatusCode::CREATED, Json(Note { at: rfc3339(created_at), ..note })))
}

/// `POST /api/expert/submissions/{id}/actions` (an expert of the person's campaign): an agreed
/// action point. Audited. 201 with the action point; 422 `invalid_owner`, `invalid_text`; 400
/// `not_agreed_with_person` for the employer's without `agreed_with_person: true`.
pub async fn add_action(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewAction>,
) -> ApiResult<(StatusCode, Json<ActionPoint>)> {
    let campaign = visible(&state, &current, &id).await?;
    let Some(owner) = Owner::parse(&body.owner) else {
        return Err(ApiError::unprocessable("invalid_owner", "the owner is the employee, the employer or the expert"));
    };
    // Something the employer is to do reaches the employer only through the expert, outside
    // Werkscan; the person decides whether it does, so it is recorded only once they agreed.
    if owner == Owner::Employer && !body.agreed_with_person {
        return Err(ApiError::bad_request(
            "not_agreed_with_person",
            "an action point for the employer is recorded only when agreed with the person",
        )
        .with_field("agreed_with_person"));
    }
    let text = checked_text(&body.description, 1000)?;
    let action = ActionPoint {
        id: new_id(),
        owner,
        description: text,
        due_on: body.due_on.map(|day| day.to_string()),
        done_at: None,
        agreed_with_person: body.agreed_with_person,
    };
    sqlx::query(
        "INSERT INTO action_points (id, submission_id, owner, description, due_on, created_by, created_at, seq, agreed_with_person) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT COALESCE(MAX(seq), 0) + 1 FROM action_points WHERE submission_id = $2), $8)",
    )
    .bind(&action.id)
    .bind(&id)
    .bind(action.owner.as_str())
    .bind(&action.description)
    .bind(action.due_on.clone())
    .bind(&current.user.id)
    .bind(now())
    .bind(i64::from(action.agreed_with_person))
    .execute(&state.db().pool)
    .await?;
    audit(&state, &current, "add_action", Some(&id), Some(&campaign)).await?;
    Ok((StatusCode::CREATED, Json(action)))
}

/// `POST /api/expert/submissions/{id}/actions/{action}/done` (an expert of the person's
/// campaign): marks an action point done. 200 with the action point; 404 `action_not_found`.
pub async fn action_done(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, action)): Path<(String, String)>,
) -> ApiResult<Json<ActionPoint>> {
    let campaign = visible(&state, &current, &id).await?;
    let at = now();
    let done =
        sqlx::query("UPDATE action_points SET done_at = $1 WHERE id = $2 AND submission_id = $3 AND done_at IS NULL")
            .bind(at)
            .bind(&action)
            .bind(&id)
            .execute(&state.db().pool)
            .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::not_found("action_not_found", "no such open action point"));
    }
    audit(&state, &current, "complete_action", Some(&id), Some(&campaign)).await?;
    let terms = sqlx::query_as::<_, ActionTermsRow>(
        "SELECT owner, description, due_on, agreed_with_person FROM action_points WHERE id = $1",
    )
    .bind(&action)
    .fetch_one(&state.db().pool)
    .await?;
    Ok(Json(terms.into_action(action, Some(at))))
}

/// A detail that one status requires and the others do not take: present and known with
/// `needed_by`, absent otherwise; 422 `code` (naming `field`) when not so.
fn status_detail<T: werkscan_api::Name>(
    status: SubmissionStatus,
    needed_by: SubmissionStatus,
    given: Option<&str>,
    known: &[T],
    field: &str,
    code: &'static str,
) -> ApiResult<Option<T>> {
    match (status == needed_by, given.map(|value| (value, T::from_name(value)))) {
        (true, Some((_, Some(value)))) => Ok(Some(value)),
        (false, None) => Ok(None),
        (true, _) => {
            let names: Vec<&str> = known.iter().map(|value| value.name()).collect();
            Err(ApiError::unprocessable(code, format!("with {needed_by}, {field} is one of {}", names.join(", ")))
                .with_field(field))
        }
        (false, Some(_)) => {
            Err(ApiError::unprocessable(code, format!("{field} goes only with {needed_by}")).with_field(field))
        }
    }
}

/// `PUT /api/expert/submissions/{id}/status` (an expert of the person's campaign): where things
/// stand with the person; each change is kept with its date, and with `doorverwezen` to whom,
/// with `afgerond` how it ended. 200 with the change; 422 `invalid_status`, `invalid_referral`
/// (`referred_to` missing or unknown with `doorverwezen`, or given with another status),
/// `invalid_outcome` (the same for `outcome` and `afgerond`).
pub async fn set_status(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewStatus>,
) -> ApiResult<Json<StatusChange>> {
    let campaign = visible(&state, &current, &id).await?;
    let Some(status) = SubmissionStatus::parse(&body.status) else {
        let names: Vec<&str> = SubmissionStatus::ALL.iter().map(|status| status.as_str()).collect();
        return Err(ApiError::unprocessable("invalid_status", format!("the status is one of {}", names.join(", "))));
    };
    let referred_to = status_detail(
        status,
        SubmissionStatus::Doorverwezen,
        body.referred_to.as_deref(),
        Referral::ALL,
        "referred_to",
        "invalid_referral",
    )?;
    let ending = status_detail(
        status,
        SubmissionStatus::Afgerond,
        body.outcome.as_deref(),
        Outcome::ALL,
        "outcome",
        "invalid_outcome",
    )?;
    let at = now();
    let mut write = state.db().begin_write().await?;
    let change = StatusRecord {
        submission_id: &id,
        status: status.as_str(),
        by: &current.user.id,
        at,
        referred_to: referred_to.map(Referral::as_str),
        outcome: ending.map(Outcome::as_str),
        cause: None,
    };
    let outcome = record_status(&mut write.tx, &change).await;
    write.finish(outcome).await?;
    audit(&state, &current, "set_status", Some(&id), Some(&campaign)).await?;
    Ok(Json(StatusChange {
        status,
        referred_to,
        outcome: ending,
        at: rfc3339(at),
        by: current.user.display_name.clone(),
        cause: None,
    }))
}

/// The scores (with their counts) and flags stored for an upload, in the order they came: what
/// the expert's view and the person's own download read back.
pub(crate) async fn stored_scores_and_flags(
    pool: &sqlx::AnyPool,
    id: &str,
) -> Result<(Vec<ScoreResult>, Vec<String>), sqlx::Error> {
    let scores = sqlx::query_as::<_, ScoreRow>("SELECT score_id, value, band, answered, needed FROM submission_scores WHERE submission_id = $1 ORDER BY position")
        .bind(id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(ScoreResult::from)
        .collect();
    let flags = sqlx::query_scalar("SELECT flag_id FROM submission_flags WHERE submission_id = $1 ORDER BY position")
        .bind(id)
        .fetch_all(pool)
        .await?;
    Ok((scores, flags))
}

/// One status change to write.
pub(crate) struct StatusRecord<'a> {
    /// The submission.
    pub submission_id: &'a str,
    /// The new status (a [`SubmissionStatus`] name).
    pub status: &'a str,
    /// The expert it is recorded for.
    pub by: &'a str,
    /// When (Unix seconds).
    pub at: i64,
    /// With `doorverwezen`: to whom.
    pub referred_to: Option<&'a str>,
    /// With `afgerond`: how it ended.
    pub outcome: Option<&'a str>,
    /// What caused it when not a change by hand (`booked`, `held`).
    pub cause: Option<&'a str>,
}

/// Sets a submission's status and keeps the change in its history, in the caller's transaction.
pub(crate) async fn record_status(tx: &mut crate::db::Tx, change: &StatusRecord<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE submissions SET status = $1, status_changed_at = $2 WHERE id = $3")
        .bind(change.status)
        .bind(change.at)
        .bind(change.submission_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO status_changes (id, submission_id, status, changed_by, changed_at, seq, referred_to, outcome, cause) \
         VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(seq), 0) + 1 FROM status_changes WHERE submission_id = $2), $6, $7, $8)",
    )
    .bind(new_id())
    .bind(change.submission_id)
    .bind(change.status)
    .bind(change.by)
    .bind(change.at)
    .bind(change.referred_to)
    .bind(change.outcome)
    .bind(change.cause)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The statuses an appointment moves a file on from: booking moves a file that is still new or
/// waiting for contact to "gesprek gepland"; a conversation held moves one that is not further
/// than "gesprek gepland" to "gesprek gevoerd". A file the expert already moved on (referred,
/// finished, no contact wanted) keeps its status: an appointment never moves it back.
fn follows_appointment(current: &str, next: &str) -> bool {
    match next {
        "gesprek_gepland" => matches!(current, "nieuw" | "contact_gezocht"),
        "gesprek_gevoerd" => matches!(current, "nieuw" | "contact_gezocht" | "gesprek_gepland"),
        _ => false,
    }
}

/// Moves the file of a linked result on when its appointment is booked (`booked`, to
/// `gesprek_gepland`) or held (`held`, to `gesprek_gevoerd`), in the history like a manual change
/// and recorded for the appointment's expert, with the cause. Only forward ([`follows_appointment`]).
pub(crate) async fn follow_appointment(
    tx: &mut crate::db::Tx,
    submission_id: &str,
    expert_id: &str,
    cause: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    let next = if cause == "booked" { "gesprek_gepland" } else { "gesprek_gevoerd" };
    let current: Option<String> = sqlx::query_scalar("SELECT status FROM submissions WHERE id = $1")
        .bind(submission_id)
        .fetch_optional(&mut **tx)
        .await?;
    if current.is_some_and(|current| follows_appointment(&current, next)) {
        record_status(
            tx,
            &StatusRecord {
                submission_id,
                status: next,
                by: expert_id,
                at,
                referred_to: None,
                outcome: None,
                cause: Some(cause),
            },
        )
        .await?;
    }
    Ok(())
}

/// `GET /api/expert/export.csv?campaign=` (expert): everything they may see, one row per person,
/// as CSV that opens as it is in Excel with Dutch settings: UTF-8 with a byte order mark (so the
/// accents read), `;` between cells, decimal commas, words as headers and values, Dutch time.
/// The submission, campaign, department, date, status, signal, the contact details given, the
/// expert's own notes, action points and appointments with the person, and each shared score
/// headed by its name. Audited.
pub async fn export(
    State(state): State<AppState>,
    current: CurrentUser,
    crate::extract::ApiQuery(query): crate::extract::ApiQuery<InboxQuery>,
) -> ApiResult<axum::response::Response> {
    require_expert(&current)?;
    let rows = sqlx::query_as::<_, ExportRow>(sqlx::AssertSqlSafe(format!(
        "SELECT s.id, c.name AS campaign_name, s.department, s.created_at, s.status, s.signal, s.share_scores, s.content_hash, k.name AS contact_name, k.email, k.phone \
         {SHARED_WITH_EXPERT} AND ($2 = '' OR s.campaign_id = $2) ORDER BY s.created_at, s.id"
    )))
    .bind(&current.user.id)
    .bind(&query.campaign)
    .fetch_all(&state.db().pool)
    .await?;
    let scores = sqlx::query_as::<_, ExportScoreRow>(
        "SELECT q.submission_id, q.score_id, q.value FROM submission_scores q JOIN submissions s ON s.id = q.submission_id \
         JOIN practice_campaign_experts e ON e.campaign_id = s.campaign_id WHERE e.user_id = $1 AND s.share_scores = 1 AND ($2 = '' OR s.campaign_id = $2) \
         ORDER BY q.position",
    )
    .bind(&current.user.id)
    .bind(&query.campaign)
    .fetch_all(&state.db().pool)
    .await?;
    let mut columns: Vec<String> = Vec::new();
    let mut values: std::collections::HashMap<(String, String), Option<f64>> = std::collections::HashMap::new();
    for row in scores {
        if !columns.contains(&row.score_id) {
            columns.push(row.score_id.clone());
        }
        values.insert((row.submission_id, row.score_id), row.value);
    }
    // Score columns headed by their names in the questionnaire, not their ids.
    let mut labels: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for hash in rows.iter().map(|row| &row.content_hash).collect::<std::collections::BTreeSet<_>>() {
        if let Some(definition) = state.definitions().by_hash(state.db(), hash).await? {
            for score in &definition.scores {
                labels.entry(score.id.clone()).or_insert_with(|| score.label.nl.clone());
            }
        }
    }
    let pool = &state.db().pool;
    let user = &current.user.id;
    // The expert's own notes, action points and appointments, per person.
    let mut notes: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for (submission_id, body) in
        sqlx::query_as::<_, (String, String)>("SELECT submission_id, body FROM notes WHERE author_id = $1 ORDER BY seq")
            .bind(user)
            .fetch_all(pool)
            .await?
    {
        notes.entry(submission_id).or_default().push(body);
    }
    let mut actions: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for row in sqlx::query_as::<_, ExportActionRow>(
        "SELECT submission_id, owner, description, done_at FROM action_points WHERE created_by = $1 ORDER BY seq",
    )
    .bind(user)
    .fetch_all(pool)
    .await?
    {
        let done = row.done_at.is_some();
        let line = format!("{}: {}{}", owner_words(&row.owner), row.description, if done { " (gedaan)" } else { "" });
        actions.entry(row.submission_id).or_default().push(line);
    }
    let mut appointments: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for row in sqlx::query_as::<_, ExportAppointmentRow>("SELECT submission_id, starts_at, kind, status FROM appointments WHERE expert_id = $1 AND submission_id IS NOT NULL ORDER BY starts_at")
        .bind(user)
        .fetch_all(pool)
        .await?
    {
        let line = format!("{} {} ({})", local_time(row.starts_at), row.kind, appointment_words(&row.status));
        appointments.entry(row.submission_id).or_default().push(line);
    }
    // Dutch Excel: `;` between cells, decimal commas, words for headers and values, local time.
    let mut csv = String::from("\u{feff}");
    let header: Vec<String> = [
        "Kenmerk",
        "Campagne",
        "Afdeling",
        "Gedeeld op (Nederlandse tijd)",
        "Status",
        "Signaal",
        "Naam",
        "E-mail",
        "Telefoon",
        "Mijn notities",
        "Mijn acties",
        "Afspraken",
    ]
    .iter()
    .map(|name| (*name).to_owned())
    .chain(columns.iter().map(|id| labels.get(id).cloned().unwrap_or_else(|| id.clone())))
    .collect();
    csv.push_str(&crate::csv::header_with(&header, ';'));
    let joined = |map: &std::collections::HashMap<String, Vec<String>>, id: &str| {
        map.get(id).map(|lines| lines.join(" | ")).unwrap_or_default()
    };
    for row in rows {
        let id = row.id;
        let mut fields = vec![
            id.clone(),
            row.campaign_name,
            row.department.unwrap_or_default(),
            local_time(row.created_at),
            status_words(&row.status).to_owned(),
            signal_words(row.signal.as_deref()).to_owned(),
            row.contact_name.unwrap_or_default(),
            row.email.unwrap_or_default(),
            row.phone.unwrap_or_default(),
            joined(&notes, &id),
            joined(&actions, &id),
            joined(&appointments, &id),
        ];
        for column in &columns {
            let value = values.get(&(id.clone(), column.clone())).copied().flatten();
            fields.push(value.map(crate::csv::dutch_number).unwrap_or_default());
        }
        // Every field quoted and neutralised against formulas (crate::csv).
        csv.push_str(&crate::csv::row_with(&fields, ';'));
    }
    let campaign = Some(query.campaign.as_str()).filter(|campaign| !campaign.is_empty());
    audit(&state, &current, "export", None, campaign).await?;
    let mut response = csv.into_response();
    let headers = response.headers_mut();
    headers.insert(axum::http::header::CONTENT_TYPE, axum::http::HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(
        axum::http::header::CONTENT_DISPOSITION,
        axum::http::HeaderValue::from_static("attachment; filename=\"werkscan-gedeelde-uitkomsten.csv\""),
    );
    Ok(response)
}

/// A moment as Dutch spreadsheets and people read it: `07-12-2026 14:05`, Dutch time.
fn local_time(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|at| at.with_timezone(&chrono_tz::Europe::Amsterdam).format("%d-%m-%Y %H:%M").to_string())
        .unwrap_or_default()
}

/// A status in Dutch words, as the console shows it.
fn status_words(key: &str) -> &'static str {
    match key {
        "nieuw" => "Nieuw",
        "contact_gezocht" => "Contact gezocht",
        "gesprek_gepland" => "Gesprek gepland",
        "gesprek_gevoerd" => "Gesprek gevoerd",
        "doorverwezen" => "Doorverwezen",
        "geen_contact_gewenst" => "Geen contact gewenst",
        "afgerond" => "Afgerond",
        _ => "Onbekend",
    }
}

/// A signal in Dutch words.
fn signal_words(key: Option<&str>) -> &'static str {
    match key {
        Some("attention") => "Vraagt aandacht",
        Some("watch") => "Let op",
        Some("good") => "Goed",
        _ => "Geen uitkomst gedeeld",
    }
}

/// Who does an action point, in Dutch words.
fn owner_words(key: &str) -> &'static str {
    match key {
        "employee" => "Werknemer",
        "employer" => "Werkgever",
        "expert" => "Arbeidsdeskundige",
        _ => "Onbekend",
    }
}

/// An appointment's status in Dutch words.
fn appointment_words(key: &str) -> &'static str {
    match key {
        "booked" => "gepland",
        "held" => "gehouden",
        "no_show" => "niet gekomen",
        "cancelled" => "afgezegd",
        _ => "onbekend",
    }
}

/// `GET /api/expert/audit` (expert): their own audit trail, newest first (the last 500).
pub async fn own_audit(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<AuditEntry>>> {
    require_expert(&current)?;
    let rows = sqlx::query_as::<_, AuditRow>(sqlx::AssertSqlSafe(format!(
        "{AUDIT_ROWS} WHERE a.actor_user_id = $1 ORDER BY a.at DESC, a.id LIMIT 500"
    )))
    .bind(&current.user.id)
    .fetch_all(&state.db().pool)
    .await?;
    audit_entries(&state, rows).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_words_in_the_export() {
        for status in SubmissionStatus::ALL {
            assert_ne!(status_words(status.as_str()), "Onbekend", "{status}");
        }
        assert_eq!(local_time(1_765_000_000), "06-12-2025 06:46");
        assert_eq!(crate::csv::dutch_number(7.5), "7,5");
        assert_eq!(crate::csv::dutch_number(42.0), "42");
    }
}
