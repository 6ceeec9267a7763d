//! Personal invitations (issue 19): a campaign run with a roster instead of an open link.
//!
//! The employer gives the practice a roster, per department the people's e-mail addresses. The
//! practice (the campaign's arbeidsdeskundige) reviews the numbers per department, and the
//! addresses' domains, before anything is sent; approving sends each person a personal,
//! single-use link through the outbox, and printed letters with a QR code serve people without
//! e-mail. The department of an upload then comes from its invitation, not from the person's
//! choice, and the roster gives the headcount: figures per department can be trusted, and the
//! uploads of a re-release cannot be the employer's own beyond the roster.
//!
//! What the server keeps, and does not:
//! - an invitation is marked used (1) without a time, and the upload keeps no trace of the
//!   invitation (no token, no id; the request hash is taken without the token), so nothing in
//!   the database ties one to the other;
//! - tokens are stored as SHA-256 only; the token itself is only in the mail or on the letter;
//! - reminders go to everyone invited, used or not, each with a fresh link to the same
//!   invitation, so the mail server (the employer's) sees the same message to everyone;
//! - checking a link (`GET /api/c/{code}?u=…`) says the department whether the invitation was
//!   used or not: only an upload tells, and an upload uses the invitation up, so someone who
//!   reads staff mail cannot find out who took part without the person noticing ("al gebruikt");
//! - the addresses are deleted once the campaign has ended or closed; the outbox messages
//!   holding the links expire then too.

use axum::extract::{Path, State};
use axum::Json;
use std::collections::{BTreeMap, HashSet};

use super::rows::{DomainRow, RosterCountRow, RosterRow};
use crate::accounts::auth::{CurrentUser, Role};
use crate::db::{insert_rows, Arg};
use crate::db::{Backend, Tx};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::ApiJson;
use crate::models::campaign::{by_id, department_list, may_see, Campaign};
use crate::models::invitation::Mode;
use crate::util::{new_id, new_token, now, sha256_hex, today};
use crate::AppState;

pub use werkscan_api::roster::{
    DomainCount, Letter, LetterRequest, Letters, Rejection, Reminded, ReviewedDepartment, RosterCount,
    RosterDepartment, RosterInput, RosterReview, RosterState, RosterSummary,
};

/// The most people one roster can hold.
pub const MAX_ROSTER: usize = 100_000;
/// The largest roster body accepted: 100,000 addresses of up to 60 bytes fit.
pub const ROSTER_BODY_LIMIT: usize = 8 * 1024 * 1024;
/// The most letters made at once.
pub const MAX_LETTERS: i64 = 500;
/// The most field problems a refused roster names: enough to fix a pasted list in one go,
/// few enough that a list of 100,000 wrong lines is not echoed back.
const MAX_PROBLEMS: usize = 50;

/// The roster's state as stored (`NULL`: none given yet).
fn roster_state(text: Option<&str>) -> RosterState {
    text.and_then(RosterState::parse).unwrap_or(RosterState::NotGiven)
}

/// An address as the roster keeps it: trimmed and lower case, so the same person is not
/// invited twice through a capital letter. `None` when it is not an address one can write to.
fn normalised(address: &str) -> Option<String> {
    let address = address.trim().to_lowercase();
    (address.len() <= 254 && crate::submissions::routes::check_email(&address).is_ok()).then_some(address)
}

/// The roster's problems, by field (`departments[1].addresses[20]`), at most [`MAX_PROBLEMS`].
fn check_roster(input: &RosterInput, departments: &[String]) -> Result<Vec<(String, Vec<String>)>, Vec<FieldError>> {
    let mut problems = Vec::new();
    let total: usize = input.departments.iter().map(|department| department.addresses.len()).sum();
    if total > MAX_ROSTER {
        return Err(vec![FieldError::new(
            "departments",
            "roster_too_large",
            format!("a roster holds at most {MAX_ROSTER} people"),
        )]);
    }
    if total == 0 {
        return Err(vec![FieldError::new("departments", "roster_empty", "give at least one address")]);
    }
    let mut seen_departments = HashSet::new();
    let mut seen_addresses = HashSet::with_capacity(total);
    let mut checked = Vec::with_capacity(input.departments.len());
    for (index, department) in input.departments.iter().enumerate() {
        let name = department.name.trim().to_owned();
        if !departments.contains(&name) {
            problems.push(FieldError::new(
                format!("departments[{index}].name"),
                "unknown_department",
                "this department is not one of the campaign's",
            ));
        } else if !seen_departments.insert(name.clone()) {
            problems.push(FieldError::new(
                format!("departments[{index}].name"),
                "invalid_department",
                "a department is listed twice",
            ));
        }
        let mut addresses = Vec::with_capacity(department.addresses.len());
        for (line, address) in department.addresses.iter().enumerate() {
            let field = format!("departments[{index}].addresses[{line}]");
            match normalised(address) {
                None => problems.push(FieldError::new(field, "invalid_address", "this is not an e-mail address")),
                Some(address) if !seen_addresses.insert(address.clone()) => problems.push(FieldError::new(
                    field,
                    "duplicate_address",
                    "this address is on the roster twice: everyone gets one invitation",
                )),
                Some(address) => addresses.push(address),
            }
        }
        checked.push((name, addresses));
    }
    if problems.is_empty() {
        Ok(checked)
    } else {
        problems.truncate(MAX_PROBLEMS);
        Err(problems)
    }
}

/// The roster state and numbers of a campaign.
pub(crate) async fn summary_of(state: &AppState, campaign: &Campaign) -> ApiResult<RosterSummary> {
    let row =
        sqlx::query_as::<_, RosterRow>("SELECT roster_state, roster_note, reminded_on FROM campaigns WHERE id = $1")
            .bind(&campaign.id)
            .fetch_one(&state.db().pool)
            .await?;
    let counts = sqlx::query_as::<_, RosterCountRow>(
        "SELECT department, CAST(SUM(CASE WHEN letter = 0 THEN 1 ELSE 0 END) AS BIGINT) AS by_mail, \
         CAST(SUM(letter) AS BIGINT) AS by_letter FROM invitations WHERE campaign_id = $1 GROUP BY department",
    )
    .bind(&campaign.id)
    .fetch_all(&state.db().pool)
    .await?;
    let mut by_department: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for count in counts {
        by_department.insert(count.department, (count.by_mail, count.by_letter));
    }
    let departments: Vec<RosterCount> = department_list(state, &campaign.id)
        .await?
        .into_iter()
        .map(|department| {
            let (by_mail, by_letter) = by_department.get(&department.name).copied().unwrap_or_default();
            RosterCount { name: department.name, by_mail, by_letter }
        })
        .collect();
    Ok(RosterSummary {
        state: roster_state(row.roster_state.as_deref()),
        note: row.roster_note,
        invited: departments.iter().map(|department| department.by_mail + department.by_letter).sum(),
        departments,
        reminded_on: row.reminded_on,
    })
}

/// A campaign with personal invitations that `current` may see; 404 otherwise, 409
/// `campaign_not_personal` for a campaign with an open link.
async fn personal_campaign(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<Campaign> {
    let not_found = || ApiError::not_found("campaign_not_found", "no such campaign");
    let campaign = by_id(state, id).await?.ok_or_else(not_found)?;
    if !may_see(state, current, &campaign).await? {
        return Err(not_found());
    }
    if campaign.mode != Mode::Personal {
        return Err(ApiError::conflict(
            "campaign_not_personal",
            "this campaign has an open link, not personal invitations",
        ));
    }
    Ok(campaign)
}

/// The campaign's arbeidsdeskundige: only they review the roster, for the practice.
async fn reviewed_campaign(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<Campaign> {
    current.require(Role::Expert)?;
    personal_campaign(state, current, id).await
}

async fn audit(tx: &mut Tx, actor: &str, action: &str, campaign_id: &str, detail: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, submission_id, campaign_id, detail) VALUES ($1, $2, $3, $4, NULL, $5, $6)")
        .bind(new_id())
        .bind(now())
        .bind(actor)
        .bind(action)
        .bind(campaign_id)
        .bind(detail)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// `PUT /api/campaigns/{id}/roster` (the campaign's employer): gives or replaces the roster
/// while the practice has not approved it. Nothing is sent: the practice reviews it first.
/// Audited as `roster_submitted` (numbers only). 422 with every problem by field
/// (`invalid_address`, `duplicate_address`, `unknown_department`, `roster_empty`,
/// `roster_too_large`), 409 `roster_approved` once approved, 409 `campaign_closed` after the
/// campaign.
pub async fn put_roster(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<RosterInput>,
) -> ApiResult<Json<RosterSummary>> {
    current.require(Role::Employer)?;
    let campaign = personal_campaign(&state, &current, &id).await?;
    if campaign.status_on(today()) == crate::models::campaign::Status::Closed {
        return Err(ApiError::conflict("campaign_closed", "this campaign has ended"));
    }
    let departments = crate::models::campaign::departments(&state, &campaign.id).await?;
    let checked = check_roster(&input, &departments)
        .map_err(|problems| ApiError::invalid_fields(problems).unwrap_or_else(|| ApiError::internal("no problem")))?;
    let backend = state.db().backend;
    let mut write = state.db().begin_write().await?;
    let outcome = async {
        let changed = sqlx::query(
            "UPDATE campaigns SET roster_state = 'submitted', roster_note = NULL WHERE id = $1 AND (roster_state IS NULL OR roster_state <> 'approved')",
        )
        .bind(&campaign.id)
        .execute(&mut *write.tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM invitations WHERE campaign_id = $1").bind(&campaign.id).execute(&mut *write.tx).await?;
        let rows: Vec<Vec<Arg>> = checked
            .iter()
            .flat_map(|(department, addresses)| {
                addresses.iter().map(|address| {
                    vec![Arg::Text(new_id()), Arg::Text(campaign.id.clone()), Arg::Text(department.clone()), Arg::Text(address.clone())]
                })
            })
            .collect();
        let people = rows.len();
        insert_rows(&mut write.tx, backend, "INSERT INTO invitations (id, campaign_id, department, email) VALUES ", "", 4, rows).await?;
        audit(&mut write.tx, &current.user.id, "roster_submitted", &campaign.id, &format!("{people} people")).await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await;
    if !write.finish(outcome).await? {
        return Err(ApiError::conflict(
            "roster_approved",
            "the practice has approved the roster and sent the invitations; it cannot be replaced",
        ));
    }
    Ok(Json(summary_of(&state, &campaign).await?))
}

/// `GET /api/campaigns/{id}/roster` (the campaign's employer, its experts, an admin): the
/// roster's state and numbers per department.
pub async fn get_roster(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<RosterSummary>> {
    let campaign = personal_campaign(&state, &current, &id).await?;
    Ok(Json(summary_of(&state, &campaign).await?))
}

/// `GET /api/expert/campaigns/{id}/roster` (the campaign's arbeidsdeskundige): the numbers per
/// department with the addresses' domains, for the practice's review. No address is shown.
pub async fn review(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<RosterReview>> {
    let campaign = reviewed_campaign(&state, &current, &id).await?;
    Ok(Json(review_of(&state, &campaign).await?))
}

async fn review_of(state: &AppState, campaign: &Campaign) -> ApiResult<RosterReview> {
    let summary = summary_of(state, campaign).await?;
    // Domains are counted by the database; addresses never leave it for this.
    let rows = sqlx::query_as::<_, DomainRow>(
        "SELECT department, LOWER(SUBSTR(email, INSTR(email, '@') + 1)) AS domain, COUNT(*) AS n FROM invitations \
         WHERE campaign_id = $1 AND email IS NOT NULL GROUP BY department, LOWER(SUBSTR(email, INSTR(email, '@') + 1))",
    );
    let rows = match state.db().backend {
        Backend::Sqlite => rows,
        Backend::Postgres => sqlx::query_as::<_, DomainRow>(
            "SELECT department, LOWER(SPLIT_PART(email, '@', 2)) AS domain, COUNT(*) AS n FROM invitations \
             WHERE campaign_id = $1 AND email IS NOT NULL GROUP BY department, LOWER(SPLIT_PART(email, '@', 2))",
        ),
    }
    .bind(&campaign.id)
    .fetch_all(&state.db().pool)
    .await?;
    let mut domains: BTreeMap<String, Vec<DomainCount>> = BTreeMap::new();
    for row in rows {
        domains.entry(row.department).or_default().push(DomainCount { domain: row.domain, addresses: row.n });
    }
    let departments = summary
        .departments
        .into_iter()
        .map(|count| {
            let mut domains = domains.remove(&count.name).unwrap_or_default();
            domains.sort_by(|a, b| b.addresses.cmp(&a.addresses).then_with(|| a.domain.cmp(&b.domain)));
            let below_minimum = count.by_mail + count.by_letter < campaign.min_group_size;
            ReviewedDepartment { count, domains, below_minimum }
        })
        .collect();
    Ok(RosterReview {
        state: summary.state,
        note: summary.note,
        min_group_size: campaign.min_group_size,
        departments,
        invited: summary.invited,
        reminded_on: summary.reminded_on,
        open: campaign.status_on(today()) != crate::models::campaign::Status::Closed,
    })
}

/// The personal link a token opens.
fn link(state: &AppState, campaign: &Campaign, token: &str) -> String {
    format!("{}/c/{}?u={token}", state.config().base_url.trim_end_matches('/'), campaign.code)
}

/// When the messages holding links go: the end of the campaign's last day (UTC), after which
/// no link can be used.
fn links_expire_at(campaign: &Campaign) -> i64 {
    campaign.ends_on.succ_opt().map_or(i64::MAX, |day| day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
}

/// The invitation mail: what the scan is, that the link is personal, and what stays private.
fn invitation_mail(campaign: &Campaign, organisation: &str, link: &str, reminder: bool) -> (String, String) {
    let subject = if reminder {
        format!("Herinnering: doe mee aan de Werkscan van {organisation}")
    } else {
        format!("Je uitnodiging voor de Werkscan van {organisation}")
    };
    let opening = if reminder {
        "Dit is een herinnering. Iedereen die is uitgenodigd krijgt dit bericht. Heb je de scan al gedaan? Dan hoef je niets te doen."
    } else {
        "Je werkgever doet mee aan de Werkscan. Je bent uitgenodigd om de vragen in te vullen."
    };
    let body = format!(
        "Hallo,\n\n{opening}\n\n\
         De Werkscan gaat over hoe het met je werk gaat. Het invullen duurt ongeveer 15 minuten. \
         Je antwoorden blijven op je telefoon. Jij kiest daarna zelf of je iets deelt, en met wie.\n\n\
         Je persoonlijke link:\n{link}\n\n\
         Deze link is alleen voor jou en werkt één keer om iets te delen. Stuur hem niet door. \
         Je werkgever ziet niet of je meedoet, en ziet alleen cijfers van groepen van minstens {k} mensen.\n\n\
         Campagne: {name}, tot en met {ends}.\n\
         De uitnodiging komt van {controller}, de praktijk van de arbeidsdeskundige. \
         Vragen over je gegevens? {contact}\n",
        k = campaign.min_group_size,
        name = campaign.name,
        ends = werkscan_core::when::date_in_words(werkscan_core::text::Lang::Nl, campaign.ends_on),
        controller = campaign.controller,
        contact = campaign.controller_contact.clone().unwrap_or_else(|| "Vraag het de praktijk.".to_owned()),
    );
    (subject, body)
}

/// New links for these invitations (id, address) with their mails, written in the caller's
/// transaction: one multi-row insert for the link hashes and one for the messages.
async fn send_links(
    tx: &mut Tx,
    state: &AppState,
    campaign: &Campaign,
    invitations: &[(String, String)],
    reminder: bool,
) -> Result<(), sqlx::Error> {
    let organisation = crate::accounts::auth::org_ref(state, &campaign.org_id)
        .await
        .ok()
        .flatten()
        .map(|org| org.name)
        .unwrap_or_default();
    let backend = state.db().backend;
    let mut links = Vec::with_capacity(invitations.len());
    let mut mails = Vec::with_capacity(invitations.len());
    let at = now();
    for (invitation, address) in invitations {
        let token = new_token();
        links.push(vec![Arg::Text(sha256_hex(&token)), Arg::Text(invitation.clone())]);
        let (subject, body) = invitation_mail(campaign, &organisation, &link(state, campaign, &token), reminder);
        mails.push(crate::mail::Outgoing {
            kind: if reminder { crate::mail::Kind::InvitationReminder } else { crate::mail::Kind::Invitation },
            appointment: None,
            reminder_id: None,
            recipient: address.clone(),
            subject,
            body,
            calendar: None,
            due_at: at,
            expires_at: links_expire_at(campaign),
        });
    }
    insert_rows(tx, backend, "INSERT INTO invitation_links (token_hash, invitation_id) VALUES ", "", 2, links).await?;
    crate::mail::enqueue_many(tx, backend, &mails).await
}

/// The campaign's invitations with an address: (invitation id, address).
async fn by_mail(state: &AppState, campaign: &Campaign) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, email FROM invitations WHERE campaign_id = $1 AND email IS NOT NULL")
        .bind(&campaign.id)
        .fetch_all(&state.db().pool)
        .await
}

/// `POST /api/expert/campaigns/{id}/roster/approve` (the campaign's arbeidsdeskundige): sends
/// every invitation of the submitted roster through the outbox, and makes the roster the
/// departments' headcounts. Audited as `roster_approved` (numbers only). 409 `roster_not_submitted`.
pub async fn approve(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<RosterReview>> {
    let campaign = reviewed_campaign(&state, &current, &id).await?;
    if campaign.status_on(today()) == crate::models::campaign::Status::Closed {
        return Err(ApiError::conflict("campaign_closed", "this campaign has ended"));
    }
    let invitations = by_mail(&state, &campaign).await?;
    let mut write = state.db().begin_write().await?;
    let outcome = async {
        // The state changes first, in the same transaction: two approvals at once send once.
        let changed =
            sqlx::query("UPDATE campaigns SET roster_state = 'approved' WHERE id = $1 AND roster_state = 'submitted'")
                .bind(&campaign.id)
                .execute(&mut *write.tx)
                .await?
                .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        send_links(&mut write.tx, &state, &campaign, &invitations, false).await?;
        set_headcounts(&mut write.tx, &campaign.id).await?;
        audit(
            &mut write.tx,
            &current.user.id,
            "roster_approved",
            &campaign.id,
            &format!("{} people", invitations.len()),
        )
        .await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await;
    if !write.finish(outcome).await? {
        return Err(ApiError::conflict("roster_not_submitted", "there is no roster waiting for review"));
    }
    Ok(Json(review_of(&state, &campaign).await?))
}

/// The departments' headcounts are the roster's: everyone invited, by mail or letter.
async fn set_headcounts(tx: &mut Tx, campaign_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE campaign_departments SET headcount = (SELECT COUNT(*) FROM invitations i WHERE i.campaign_id = campaign_departments.campaign_id \
         AND i.department = campaign_departments.name) WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// `POST /api/expert/campaigns/{id}/roster/reject` (the campaign's arbeidsdeskundige): refuses
/// the submitted roster with a reason the employer reads; its addresses are deleted. Audited as
/// `roster_rejected`. 422 `invalid_reason`, 409 `roster_not_submitted`.
pub async fn reject(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Rejection>,
) -> ApiResult<Json<RosterReview>> {
    let campaign = reviewed_campaign(&state, &current, &id).await?;
    let reason = body.reason.trim().to_owned();
    if reason.is_empty()
        || reason.chars().count() > 500
        || werkscan_core::text::forbidden_character(&reason, true).is_some()
    {
        return Err(
            ApiError::unprocessable("invalid_reason", "give a reason of 1 to 500 characters").with_field("reason")
        );
    }
    let mut write = state.db().begin_write().await?;
    let outcome = async {
        let changed = sqlx::query("UPDATE campaigns SET roster_state = 'rejected', roster_note = $2 WHERE id = $1 AND roster_state = 'submitted'")
            .bind(&campaign.id)
            .bind(&reason)
            .execute(&mut *write.tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM invitations WHERE campaign_id = $1").bind(&campaign.id).execute(&mut *write.tx).await?;
        audit(&mut write.tx, &current.user.id, "roster_rejected", &campaign.id, "").await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await;
    if !write.finish(outcome).await? {
        return Err(ApiError::conflict("roster_not_submitted", "there is no roster waiting for review"));
    }
    Ok(Json(review_of(&state, &campaign).await?))
}

/// `POST /api/expert/campaigns/{id}/letters` (the campaign's arbeidsdeskundige): personal
/// invitations on paper for people without e-mail, added to the department's headcount. The
/// links are in this reply only. Audited as `letters_made`. 409 `roster_not_approved`,
/// `campaign_closed`; 422 `unknown_department`, `invalid_count`.
pub async fn letters(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<LetterRequest>,
) -> ApiResult<Json<Letters>> {
    let campaign = reviewed_campaign(&state, &current, &id).await?;
    if campaign.status_on(today()) == crate::models::campaign::Status::Closed {
        return Err(ApiError::conflict("campaign_closed", "this campaign has ended"));
    }
    if !(1..=MAX_LETTERS).contains(&body.count) {
        return Err(ApiError::unprocessable("invalid_count", format!("make 1 to {MAX_LETTERS} letters at a time"))
            .with_field("count"));
    }
    let department = body.department.trim().to_owned();
    if !crate::models::campaign::departments(&state, &campaign.id).await?.contains(&department) {
        return Err(ApiError::unprocessable("unknown_department", "this department is not one of the campaign's")
            .with_field("department"));
    }
    let tokens: Vec<(String, String)> = (0..body.count).map(|_| (new_id(), new_token())).collect();
    let backend = state.db().backend;
    let mut write = state.db().begin_write().await?;
    let outcome = async {
        let approved: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM campaigns WHERE id = $1 AND roster_state = 'approved'")
                .bind(&campaign.id)
                .fetch_one(&mut *write.tx)
                .await?;
        if approved == 0 {
            return Ok(false);
        }
        let invitations = tokens
            .iter()
            .map(|(id, _)| {
                vec![Arg::Text(id.clone()), Arg::Text(campaign.id.clone()), Arg::Text(department.clone()), Arg::Int(1)]
            })
            .collect();
        insert_rows(
            &mut write.tx,
            backend,
            "INSERT INTO invitations (id, campaign_id, department, letter) VALUES ",
            "",
            4,
            invitations,
        )
        .await?;
        let links =
            tokens.iter().map(|(id, token)| vec![Arg::Text(sha256_hex(token)), Arg::Text(id.clone())]).collect();
        insert_rows(
            &mut write.tx,
            backend,
            "INSERT INTO invitation_links (token_hash, invitation_id) VALUES ",
            "",
            2,
            links,
        )
        .await?;
        set_headcounts(&mut write.tx, &campaign.id).await?;
        audit(&mut write.tx, &current.user.id, "letters_made", &campaign.id, &format!("{} letters", body.count))
            .await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await;
    if !write.finish(outcome).await? {
        return Err(ApiError::conflict("roster_not_approved", "letters are made once the roster is approved"));
    }
    let mut letters = Vec::with_capacity(tokens.len());
    for (_, token) in &tokens {
        let link = link(&state, &campaign, token);
        letters.push(Letter {
            department: department.clone(),
            qr_svg: crate::campaigns::routes::qr_svg(&link, "QR-code van je persoonlijke link")?,
            link,
        });
    }
    let organisation =
        crate::accounts::auth::org_ref(&state, &campaign.org_id).await?.map(|org| org.name).unwrap_or_default();
    Ok(Json(Letters {
        letters,
        campaign: campaign.name.clone(),
        organisation,
        ends_on: campaign.ends_on.to_string(),
        min_group_size: campaign.min_group_size,
    }))
}

/// `POST /api/expert/campaigns/{id}/roster/remind` (the campaign's arbeidsdeskundige): a
/// reminder to everyone invited by e-mail, whether they took part or not, each with a new link
/// to their invitation (the first keeps working). Never only to those who have not answered:
/// the employer's mail server would learn who did. At most once a day. Audited as
/// `invitations_reminded`. 409 `roster_not_approved`, `campaign_closed`, `reminded_today`.
pub async fn remind(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Reminded>> {
    let campaign = reviewed_campaign(&state, &current, &id).await?;
    let day = today();
    if !campaign.is_open_on(day) {
        return Err(ApiError::conflict("campaign_closed", "reminders only while the campaign takes part"));
    }
    let invitations = by_mail(&state, &campaign).await?;
    let mut write = state.db().begin_write().await?;
    let outcome = async {
        let changed = sqlx::query(
            "UPDATE campaigns SET reminded_on = $2 WHERE id = $1 AND roster_state = 'approved' AND (reminded_on IS NULL OR reminded_on <> $2)",
        )
        .bind(&campaign.id)
        .bind(day.to_string())
        .execute(&mut *write.tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        send_links(&mut write.tx, &state, &campaign, &invitations, true).await?;
        audit(&mut write.tx, &current.user.id, "invitations_reminded", &campaign.id, &format!("{} people", invitations.len())).await?;
        Ok::<_, sqlx::Error>(true)
    }
    .await;
    if !write.finish(outcome).await? {
        let approved: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM campaigns WHERE id = $1 AND roster_state = 'approved'")
                .bind(&campaign.id)
                .fetch_one(&state.db().pool)
                .await?;
        return Err(if approved == 0 {
            ApiError::conflict("roster_not_approved", "reminders go out once the roster is approved")
        } else {
            ApiError::conflict("reminded_today", "a reminder went out today already; at most one a day")
        });
    }
    Ok(Json(Reminded { sent: invitations.len() as i64 }))
}
