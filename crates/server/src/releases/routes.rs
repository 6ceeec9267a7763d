//! Releases of group figures: computed once when a campaign closes, stored, reviewed by the
//! campaign's arbeidsdeskundige with the padding signals, and published by them to the
//! employer. The employer's dashboard and export read only the stored, published release (with
//! a trend and a norm that are themselves read from published releases); nothing an employer
//! sees is computed from live uploads, so watching it cannot reveal one upload. The expert's
//! review and publish routes answer with the campaign as staff see it, so they are in
//! `campaigns::release_review`; the publishing itself (`publish_draft`) is here.
//!
//! When a release is (re)computed:
//! - the first one when the campaign closes (`close`, or the task below once its last day has
//!   passed; `campaigns.figures_due` says a campaign changed since its figures were computed);
//! - a draft again when an upload counted in it is withdrawn or deleted (`releases.stale`), or
//!   when the campaign was extended and closed again;
//! - after publication, a new release only when the campaign was extended and closed again and
//!   at least k group-figure uploads are new since the latest published release
//!   (`werkscan_core::disclosure::suppress_after` decides and checks it). A published release
//!   is never changed: it holds only aggregates, and a changed figure would show the employer
//!   the difference, which is one person's.

use std::time::Duration;
use werkscan_api::campaigns::ReleaseStatus;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use werkscan_core::disclosure::MinGroupSize;

use crate::accounts::auth::{CurrentUser, Role};
use crate::db::Db;
use crate::definitions::Definitions;
use crate::error::{ApiError, ApiResult};
use crate::models::campaign::{by_id, by_id_in, department_list_in, may_see, Campaign, Status};
use std::collections::{BTreeMap, HashMap};

use crate::releases::actions::Plan;
use crate::releases::figures::{
    compute, contribution, measures_of, needs_members, norm, rest_signals, start_here, trend, Arrival, Decisions,
    DepartmentInfo, Earlier, Figures, Input, Measure, MeasureCell, Member, NoRelease, Norm, NormMissing, NormSource,
    PreviousCampaign, RawSignals, Totals,
};
use crate::releases::rows::*;
use crate::util::{new_id, new_token, now, rfc3339, today};
use crate::AppState;

pub use werkscan_api::campaigns::ReleaseSummary;
pub use werkscan_api::releases::{Dashboard, DashboardCampaign, DashboardRelease, ReviewRelease};

/// The columns [`StoredRelease`] reads.
const RELEASE_COLUMNS: &str = "id, campaign_id, sequence, status, revision, stale, computed_at, respondents, figures, signals, published_by, published_at";

/// A stored release, read straight from its row.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StoredRelease {
    /// Its id.
    pub id: String,
    /// Its campaign.
    pub campaign_id: String,
    /// Its number within the campaign.
    pub sequence: i64,
    /// `draft`, `published` or `superseded`.
    pub status: String,
    /// How often the draft was computed.
    pub revision: i64,
    /// Withdrawals since the draft was computed (0: up to date).
    pub stale: i64,
    /// When it was computed (Unix seconds).
    pub computed_at: i64,
    /// Group-figure uploads counted.
    pub respondents: i64,
    /// The figures as JSON.
    pub figures: String,
    /// The padding signals as JSON.
    pub signals: String,
    /// Who published it.
    pub published_by: Option<String>,
    /// When (Unix seconds).
    pub published_at: Option<i64>,
}

/// The campaign's latest release (the highest sequence: a draft or the published one), or its
/// latest published release.
pub async fn latest(state: &AppState, campaign_id: &str, published_only: bool) -> ApiResult<Option<StoredRelease>> {
    latest_in(state.db(), campaign_id, published_only).await
}

async fn latest_in(db: &Db, campaign_id: &str, published_only: bool) -> ApiResult<Option<StoredRelease>> {
    let sql = if published_only {
        format!("SELECT {RELEASE_COLUMNS} FROM releases WHERE campaign_id = $1 AND status = 'published' ORDER BY sequence DESC LIMIT 1")
    } else {
        format!("SELECT {RELEASE_COLUMNS} FROM releases WHERE campaign_id = $1 ORDER BY sequence DESC LIMIT 1")
    };
    Ok(sqlx::query_as::<_, StoredRelease>(sqlx::AssertSqlSafe(sql)).bind(campaign_id).fetch_optional(&db.pool).await?)
}

/// What a campaign view says about releases: the published one, and for the campaign's experts
/// (`include_draft`) a draft too.
pub async fn summary(state: &AppState, campaign_id: &str, include_draft: bool) -> ApiResult<Option<ReleaseSummary>> {
    let Some(release) = latest(state, campaign_id, !include_draft).await? else { return Ok(None) };
    Ok(Some(ReleaseSummary {
        status: shown_status(&release)?,
        sequence: release.sequence,
        published_at: release.published_at.map(rfc3339),
    }))
}

/// The status of a release staff may see: the latest of a campaign is a draft or published (an
/// earlier, superseded one is never shown).
pub(crate) fn shown_status(release: &StoredRelease) -> ApiResult<ReleaseStatus> {
    ReleaseStatus::parse(&release.status)
        .ok_or_else(|| ApiError::internal(format!("a release with the status {} is not shown", release.status)))
}

// ---------------------------------------------------------------------------------------------
// Computing and storing.

/// Departments by name, with "no department" ('' or unknown) as the last group.
struct Groups {
    index: HashMap<String, usize>,
    count: usize,
}

impl Groups {
    fn new(departments: &[DepartmentInfo]) -> Groups {
        Groups {
            index: departments.iter().enumerate().map(|(index, department)| (department.name.clone(), index)).collect(),
            count: departments.len() + 1,
        }
    }

    fn of(&self, department: Option<&str>) -> usize {
        department.and_then(|name| self.index.get(name).copied()).unwrap_or(self.count - 1)
    }
}

/// Uploads from before migration 0005 have no `group_mask` and `group_fingerprint` yet: they get
/// them the first time a release of their campaign is computed, from their stored scores.
async fn complete_older_uploads(db: &Db, campaign_id: &str, definition: &werkscan_core::Definition) -> ApiResult<()> {
    let older: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM submissions WHERE campaign_id = $1 AND group_figures = 1 AND group_mask IS NULL",
    )
    .bind(campaign_id)
    .fetch_one(&db.pool)
    .await?;
    if older == 0 {
        return Ok(());
    }
    let rows = sqlx::query_as::<_, OlderScoreRow>(
        "SELECT s.id, sc.score_id, sc.value, sc.band FROM submissions s LEFT JOIN submission_scores sc ON sc.submission_id = s.id \
         WHERE s.campaign_id = $1 AND s.group_figures = 1 AND s.group_mask IS NULL",
    )
    .bind(campaign_id)
    .fetch_all(&db.pool)
    .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut results: BTreeMap<String, werkscan_core::ScanResult> = BTreeMap::new();
    for row in rows {
        let result = results.entry(row.id).or_insert_with(|| werkscan_core::ScanResult {
            definition: String::new(),
            version: String::new(),
            content_hash: String::new(),
            scores: Vec::new(),
            flags: Vec::new(),
        });
        if let Some(score) = row.score_id {
            result.scores.push(werkscan_core::ScoreResult {
                id: score,
                value: row.value,
                band: row.band,
                answered: 0,
                needed: 0,
            });
        }
    }
    let mut write = db.begin_write().await?;
    let outcome = async {
        for (id, result) in &results {
            let contribution = contribution(definition, result);
            sqlx::query("UPDATE submissions SET group_mask = $1, group_fingerprint = $2 WHERE id = $3")
                .bind(contribution.mask)
                .bind(contribution.fingerprint)
                .bind(id)
                .execute(&mut *write.tx)
                .await?;
        }
        Ok::<_, sqlx::Error>(())
    }
    .await;
    Ok(write.finish(outcome).await?)
}

/// The sums per measure and group, from `group_cells`.
async fn read_cells(
    db: &Db,
    campaign_id: &str,
    groups: &Groups,
    measures: &[Measure],
) -> ApiResult<Vec<Vec<MeasureCell>>> {
    let rows = sqlx::query_as::<_, CellRow>("SELECT department, score_id, band, respondents, value_sum FROM group_cells WHERE campaign_id = $1 AND respondents > 0")
        .bind(campaign_id)
        .fetch_all(&db.pool)
        .await?;
    let mut cells: Vec<Vec<MeasureCell>> =
        measures.iter().map(|measure| vec![MeasureCell::new(measure.bands.len()); groups.count]).collect();
    for row in &rows {
        let Some(measure) = measures.iter().position(|measure| measure.score == row.score_id) else { continue };
        let Some(band) = measures[measure].bands.iter().position(|known| known.key == row.band) else { continue };
        let cell = &mut cells[measure][groups.of(Some(row.department.as_str()).filter(|name| !name.is_empty()))];
        let respondents = row.respondents();
        cell.respondents += respondents;
        cell.sum += row.sum();
        cell.bands[band] += respondents;
    }
    Ok(cells)
}

/// Who counts now (only read for a release after an earlier one that showed something).
async fn read_current(db: &Db, campaign_id: &str, groups: &Groups) -> ApiResult<Vec<Member>> {
    let rows = sqlx::query_as::<_, MemberRow>(
        "SELECT id, department, group_mask FROM submissions WHERE campaign_id = $1 AND group_figures = 1",
    )
    .bind(campaign_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Member { group: groups.of(row.department.as_deref()), mask: row.mask(), id: row.id })
        .collect())
}

/// The campaign's published (and superseded) releases, oldest first, with who counted in them.
async fn earlier_releases(db: &Db, campaign_id: &str, groups: &Groups) -> ApiResult<Vec<Earlier>> {
    let releases = sqlx::query_as::<_, DecisionsRow>("SELECT id, decisions FROM releases WHERE campaign_id = $1 AND status IN ('published', 'superseded') ORDER BY sequence")
        .bind(campaign_id)
        .fetch_all(&db.pool)
        .await?;
    let mut earlier = Vec::with_capacity(releases.len());
    for release in &releases {
        let decisions: Decisions = serde_json::from_str(&release.decisions).map_err(ApiError::internal)?;
        // Only a release that showed something is compared with: its members are needed then.
        let members = if decisions.groups.total || decisions.groups.groups.iter().any(|shown| *shown) {
            let text: Option<String> = sqlx::query_scalar("SELECT members FROM release_members WHERE release_id = $1")
                .bind(&release.id)
                .fetch_optional(&db.pool)
                .await?;
            parse_members(text.as_deref().unwrap_or_default(), groups)
        } else {
            Vec::new()
        };
        earlier.push(Earlier { members, decisions });
    }
    Ok(earlier)
}

/// The uploads of the hidden groups with what the padding signals look at, for the signals of
/// the hidden rest. Read only when a release hides a group with uploads.
async fn read_arrivals(db: &Db, campaign_id: &str, groups: &Groups, hidden: &[usize]) -> ApiResult<Vec<Arrival>> {
    let rows = sqlx::query_as::<_, ArrivalRow>("SELECT department, created_at, origin_bucket, group_fingerprint FROM submissions WHERE campaign_id = $1 AND group_figures = 1")
        .bind(campaign_id)
        .fetch_all(&db.pool)
        .await?;
    let mut arrivals = Vec::new();
    for row in rows {
        let group = groups.of(row.department.as_deref().filter(|name| !name.is_empty()));
        if hidden.contains(&group) {
            arrivals.push(Arrival {
                group,
                created_at: row.created_at,
                origin: row.origin_bucket,
                fingerprint: row.group_fingerprint,
            });
        }
    }
    Ok(arrivals)
}

/// The number of group-figure uploads per group, and the counts behind the padding signals,
/// computed by the database: the busiest 10 minutes and hour (window functions over the upload
/// times), groups of identical fingerprints, and the fullest origin bucket, overall and per
/// group. Three statements, whatever the number of uploads.
async fn read_signals(db: &Db, campaign_id: &str, groups: &Groups) -> ApiResult<(Vec<u64>, RawSignals)> {
    let pool = &db.pool;
    let mut counts = vec![0u64; groups.count];
    let mut raw = RawSignals { groups: vec![(0, 0, 0); groups.count], ..RawSignals::default() };
    let windows = sqlx::query_as::<_, WindowRow>(
        "WITH w AS (SELECT department, created_at, \
           COUNT(*) OVER (ORDER BY created_at RANGE BETWEEN CURRENT ROW AND 599 FOLLOWING) AS all10, \
           COUNT(*) OVER (ORDER BY created_at RANGE BETWEEN CURRENT ROW AND 3599 FOLLOWING) AS all60, \
           COUNT(*) OVER (PARTITION BY department ORDER BY created_at RANGE BETWEEN CURRENT ROW AND 599 FOLLOWING) AS dep10 \
           FROM submissions WHERE campaign_id = $1 AND group_figures = 1) \
         SELECT CAST(0 AS BIGINT) AS kind, department, MAX(all10) AS a, MAX(all60) AS b, MAX(dep10) AS c FROM w GROUP BY department \
         UNION ALL SELECT CAST(1 AS BIGINT), NULL, MIN(created_at), CAST(0 AS BIGINT), CAST(0 AS BIGINT) FROM w WHERE all10 = (SELECT MAX(all10) FROM w) \
         UNION ALL SELECT CAST(2 AS BIGINT), NULL, MIN(created_at), CAST(0 AS BIGINT), CAST(0 AS BIGINT) FROM w WHERE all60 = (SELECT MAX(all60) FROM w)",
    )
    .bind(campaign_id)
    .fetch_all(pool)
    .await?;
    let (mut start10, mut start60) = (None, None);
    for row in &windows {
        let a = row.a;
        match row.kind {
            0 => {
                raw.busiest_10.0 = raw.busiest_10.0.max(a.unwrap_or(0) as u64);
                raw.busiest_60.0 = raw.busiest_60.0.max(row.b.unwrap_or(0) as u64);
                let group = &mut raw.groups[groups.of(row.department.as_deref())];
                group.0 = group.0.max(row.c.unwrap_or(0) as u64);
            }
            1 => start10 = a,
            _ => start60 = a,
        }
    }
    raw.busiest_10.1 = start10.filter(|_| raw.busiest_10.0 > 0);
    raw.busiest_60.1 = start60.filter(|_| raw.busiest_60.0 > 0);
    // Identical results: the fingerprints that occur more than once, per department.
    let identical = sqlx::query_as::<_, IdenticalRow>(
        "WITH g AS (SELECT department, group_fingerprint, COUNT(*) AS n FROM submissions \
           WHERE campaign_id = $1 AND group_figures = 1 AND group_fingerprint IS NOT NULL GROUP BY department, group_fingerprint) \
         SELECT department, group_fingerprint, n FROM g WHERE group_fingerprint IN \
           (SELECT group_fingerprint FROM g GROUP BY group_fingerprint HAVING SUM(n) >= 2)",
    )
    .bind(campaign_id)
    .fetch_all(pool)
    .await?;
    let mut sizes: HashMap<String, u64> = HashMap::new();
    for row in identical {
        let n = row.n as u64;
        *sizes.entry(row.group_fingerprint).or_default() += n;
        let group = &mut raw.groups[groups.of(row.department.as_deref())];
        group.1 = group.1.max(n);
    }
    raw.identical = sizes.into_values().collect();
    // Origins, and the number of uploads per group, in one pass.
    let origins = sqlx::query_as::<_, OriginRow>(
        "WITH g AS (SELECT department, origin_bucket, COUNT(*) AS n FROM submissions WHERE campaign_id = $1 AND group_figures = 1 \
           GROUP BY department, origin_bucket) \
         SELECT CAST(0 AS BIGINT) AS kind, department, MAX(CASE WHEN origin_bucket IS NULL THEN 0 ELSE n END) AS a, CAST(SUM(n) AS BIGINT) AS b FROM g GROUP BY department \
         UNION ALL SELECT CAST(1 AS BIGINT), NULL, MAX(t), COUNT(*) FROM (SELECT origin_bucket, CAST(SUM(n) AS BIGINT) AS t FROM g WHERE origin_bucket IS NOT NULL GROUP BY origin_bucket) o",
    )
    .bind(campaign_id)
    .fetch_all(pool)
    .await?;
    for row in &origins {
        let (a, b) = row.counts();
        if row.kind == 0 {
            let index = groups.of(row.department.as_deref());
            raw.groups[index].2 = raw.groups[index].2.max(a);
            counts[index] += b;
        } else {
            raw.origins = (a, b);
        }
    }
    // A group whose results all differ still has a largest group of identical results: 1.
    for (group, count) in raw.groups.iter_mut().zip(&counts) {
        if *count > 0 {
            group.1 = group.1.max(1);
        }
    }
    Ok((counts, raw))
}

/// What computing found to do.
enum Action {
    /// A new release with this sequence.
    New(i64),
    /// Compute this draft again.
    Redo(StoredRelease),
}

/// Computes the campaign's release if one is due: the first when it has closed, a draft again
/// when it is stale or the campaign was extended and closed again, a new one after an
/// extension when enough is new. Does nothing for a campaign that is not closed, or when
/// nothing changed. Safe to run from several places at once: every write checks that what it
/// was computed from still holds, and otherwise the computation starts again.
pub async fn compute_due(state: &AppState, campaign_id: &str) -> ApiResult<()> {
    compute_due_in(state.db(), state.definitions(), campaign_id).await
}

/// [`compute_due`] with the database and definitions given (the demo seed has no `AppState`).
pub async fn compute_due_in(db: &Db, definitions: &Definitions, campaign_id: &str) -> ApiResult<()> {
    for _ in 0..3 {
        let Some(campaign) = by_id_in(db, campaign_id).await? else { return Ok(()) };
        if campaign.status_on(today()) != Status::Closed {
            return Ok(());
        }
        let due: i64 = sqlx::query_scalar("SELECT figures_due FROM campaigns WHERE id = $1")
            .bind(campaign_id)
            .fetch_one(&db.pool)
            .await?;
        let action = match latest_in(db, campaign_id, false).await? {
            None => Action::New(1),
            Some(release) if release.status == "draft" && (release.stale > 0 || due == 1) => Action::Redo(release),
            Some(release) if release.status == "published" && due == 1 => Action::New(release.sequence + 1),
            Some(_) if due == 1 => {
                // A draft that is up to date: nothing to compute, only the mark to clear.
                sqlx::query("UPDATE campaigns SET figures_due = 0 WHERE id = $1")
                    .bind(campaign_id)
                    .execute(&db.pool)
                    .await?;
                return Ok(());
            }
            Some(_) => return Ok(()),
        };
        if store(db, definitions, &campaign, action).await? {
            return Ok(());
        }
    }
    Err(ApiError::internal("the campaign kept changing while its release was computed"))
}

/// Computes and stores; `false` when something changed meanwhile (try again).
async fn store(db: &Db, definitions: &Definitions, campaign: &Campaign, action: Action) -> ApiResult<bool> {
    let definition = definitions
        .by_hash(db, &campaign.questionnaire.content_hash)
        .await?
        .ok_or_else(|| ApiError::internal("a campaign's questionnaire version is not known"))?;
    let measures = measures_of(&definition);
    // Figures per department only where departments can be trusted: with personal
    // invitations, the department comes from the invitation. With an open link anyone can
    // upload and name any department, so there is one group, the total.
    let personal = campaign.mode == crate::models::invitation::Mode::Personal;
    let departments: Vec<DepartmentInfo> = if personal {
        department_list_in(db, &campaign.id)
            .await?
            .into_iter()
            .map(|department| DepartmentInfo { name: department.name, headcount: department.headcount })
            .collect()
    } else {
        Vec::new()
    };
    let groups = Groups::new(&departments);
    // Withdrawals and deletions count here; the write below checks it did not move meanwhile.
    let changes: i64 = sqlx::query_scalar("SELECT figures_changes FROM campaigns WHERE id = $1")
        .bind(&campaign.id)
        .fetch_one(&db.pool)
        .await?;
    complete_older_uploads(db, &campaign.id, &definition).await?;
    let earlier = earlier_releases(db, &campaign.id, &groups).await?;
    let current = if needs_members(&earlier) { read_current(db, &campaign.id, &groups).await? } else { Vec::new() };
    let cells = read_cells(db, &campaign.id, &groups, &measures).await?;
    let (counts, raw) = read_signals(db, &campaign.id, &groups).await?;
    let appointments = crate::releases::uptake::uptake_in(db, &campaign.id).await?;
    let k = MinGroupSize::new(campaign.min_group_size.max(0) as u64).map_err(ApiError::internal)?;
    let mut signals = crate::releases::figures::signals(k, &departments, &counts, &raw);
    let names: Vec<Option<String>> =
        departments.iter().map(|department| Some(department.name.clone())).chain([None]).collect();
    let outcome = compute(&Input {
        k,
        measures,
        departments,
        counts: counts.clone(),
        cells,
        current,
        appointments,
        earlier,
        personal,
    });
    if let Ok(computed) = &outcome {
        let flags = &computed.decisions.groups;
        let hidden: Vec<usize> = (0..groups.count)
            .filter(|&group| flags.total && !flags.groups.get(group).copied().unwrap_or(true))
            .collect();
        if hidden.iter().any(|&group| counts[group] > 0) {
            let arrivals = read_arrivals(db, &campaign.id, &groups, &hidden).await?;
            signals.hidden_rest =
                rest_signals(k, hidden.iter().map(|&group| names[group].clone()).collect(), &arrivals);
        }
    }
    let note = match &outcome {
        Ok(_) => None,
        Err(NoRelease::TooFewNew { new, needed }) => {
            Some(serde_json::json!({"code": "too_few_new", "new_uploads": new, "needed": needed}).to_string())
        }
        Err(NoRelease::CannotVerify) => Some(serde_json::json!({"code": "cannot_verify"}).to_string()),
        Err(NoRelease::NewMayBeOwn { new, needed }) => {
            Some(serde_json::json!({"code": "new_may_be_own", "new_uploads": new, "needed": needed}).to_string())
        }
        // The sizes stay out of the note: the expert needs the reason, not who left.
        Err(NoRelease::TotalChangedByFew { .. }) => {
            Some(serde_json::json!({"code": "total_changed_by_few"}).to_string())
        }
    };
    let mut write = db.begin_write().await?;
    let result: ApiResult<bool> = async {
        // First a write, so SQLite takes its lock at once; and a check that the campaign is as
        // it was when the uploads were read (not extended or reopened meanwhile).
        let unchanged = sqlx::query(
            "UPDATE campaigns SET figures_due = 0, figures_note = $1 WHERE id = $2 AND ends_on = $3 AND COALESCE(closed_at, 0) = $4 \
             AND figures_changes = $5",
        )
        .bind(note.clone())
        .bind(&campaign.id)
        .bind(campaign.ends_on.to_string())
        .bind(campaign.closed_at.unwrap_or(0))
        .bind(changes)
        .execute(&mut *write.tx)
        .await?
        .rows_affected();
        if unchanged == 0 {
            return Ok(false);
        }
        let at = now();
        match (&action, &outcome) {
            (Action::New(sequence), Ok(computed)) => {
                let id = new_id();
                let inserted = sqlx::query(
                    "INSERT INTO releases (id, campaign_id, org_id, definition_id, sequence, status, revision, stale, computed_at, respondents, \
                     figures, totals, signals, decisions, members_expire_at) VALUES ($1, $2, $3, $4, $5, 'draft', 1, 0, $6, $7, $8, $9, $10, $11, $12) \
                     ON CONFLICT (campaign_id, sequence) DO NOTHING",
                )
                .bind(&id)
                .bind(&campaign.id)
                .bind(&campaign.org_id)
                .bind(&campaign.questionnaire.id)
                .bind(*sequence)
                .bind(at)
                .bind(computed.respondents as i64)
                .bind(to_json(&computed.figures)?)
                .bind(to_json(&Totals::of(&computed.figures))?)
                .bind(to_json(&signals)?)
                .bind(to_json(&computed.decisions)?)
                .bind(campaign.expires_at())
                .execute(&mut *write.tx)
                .await?
                .rows_affected();
                if inserted == 0 {
                    return Ok(false);
                }
                copy_members(&mut write.tx, db.backend, &id, &campaign.id).await?;
            }
            (Action::Redo(draft), Ok(computed)) => {
                let updated = sqlx::query(
                    "UPDATE releases SET revision = revision + 1, stale = 0, computed_at = $1, respondents = $2, figures = $3, totals = $4, \
                     signals = $5, decisions = $6, members_expire_at = $9 WHERE id = $7 AND status = 'draft' AND stale = $8",
                )
                .bind(at)
                .bind(computed.respondents as i64)
                .bind(to_json(&computed.figures)?)
                .bind(to_json(&Totals::of(&computed.figures))?)
                .bind(to_json(&signals)?)
                .bind(to_json(&computed.decisions)?)
                .bind(&draft.id)
                .bind(draft.stale)
                .bind(campaign.expires_at())
                .execute(&mut *write.tx)
                .await?
                .rows_affected();
                if updated == 0 {
                    return Ok(false);
                }
                sqlx::query("DELETE FROM release_members WHERE release_id = $1").bind(&draft.id).execute(&mut *write.tx).await?;
                copy_members(&mut write.tx, db.backend, &draft.id, &campaign.id).await?;
            }
            (Action::New(_), Err(_)) => {}
            (Action::Redo(draft), Err(_)) => {
                // Withdrawals left fewer than k new uploads: the draft goes, the published
                // release stays what the employer sees.
                sqlx::query("DELETE FROM release_members WHERE release_id = $1").bind(&draft.id).execute(&mut *write.tx).await?;
                let deleted = sqlx::query("DELETE FROM releases WHERE id = $1 AND status = 'draft' AND stale = $2")
                    .bind(&draft.id)
                    .bind(draft.stale)
                    .execute(&mut *write.tx)
                    .await?
                    .rows_affected();
                if deleted == 0 {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }
    .await;
    // Something changed meanwhile: roll back whatever was written and start again.
    let result = result.and_then(|done| {
        if done {
            Ok(())
        } else {
            Err(ApiError::new(StatusCode::CONFLICT, "retry", "changed meanwhile"))
        }
    });
    match write.finish(result).await {
        Ok(()) => Ok(true),
        Err(error) if error.code == "retry" => Ok(false),
        Err(error) => Err(error),
    }
}

fn to_json<T: Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(ApiError::internal)
}

/// Separates the fields of a line in a list of who counted: a tab, which a department name
/// cannot hold (control characters are refused).
const FIELD: &str = "\t";
/// Separates (and starts and ends) the lines.
const LINE: &str = "\n";

/// Records who counted in a release, built inside the database in one statement whatever the
/// number of uploads: one text of lines `\n<id>\t<department>\t<mask>`.
async fn copy_members(
    tx: &mut crate::db::Tx,
    backend: crate::db::Backend,
    release_id: &str,
    campaign_id: &str,
) -> Result<(), sqlx::Error> {
    let aggregate = match backend {
        crate::db::Backend::Sqlite => "group_concat",
        crate::db::Backend::Postgres => "string_agg",
    };
    let sql = format!(
        "INSERT INTO release_members (release_id, campaign_id, members) \
         SELECT $1, $2, $4 || COALESCE({aggregate}(id || $3 || COALESCE(department, '') || $3 || CAST(COALESCE(group_mask, 0) AS TEXT), $4), '') || $4 \
         FROM submissions WHERE campaign_id = $2 AND group_figures = 1"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(release_id)
        .bind(campaign_id)
        .bind(FIELD)
        .bind(LINE)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Reads a list of who counted.
fn parse_members(text: &str, groups: &Groups) -> Vec<Member> {
    text.split(LINE)
        .filter_map(|line| {
            let mut fields = line.split(FIELD);
            let id = fields.next().filter(|id| !id.is_empty())?.to_owned();
            let department = fields.next()?;
            let mask = fields.next()?.parse().ok()?;
            Some(Member { id, group: groups.of(Some(department).filter(|name| !name.is_empty())), mask })
        })
        .collect()
}

/// Campaigns whose figures are due: closed (early, or their last day has passed) and changed
/// since their figures were computed, or with a stale draft.
pub async fn due_campaigns(state: &AppState) -> ApiResult<Vec<String>> {
    let mut ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM campaigns WHERE figures_due = 1 AND (closed_at IS NOT NULL OR ends_on < $1)",
    )
    .bind(today().to_string())
    .fetch_all(&state.db().pool)
    .await?;
    let stale: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT campaign_id FROM releases WHERE status = 'draft' AND stale > 0")
            .fetch_all(&state.db().pool)
            .await?;
    for id in stale {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Computes every due release (and takes the day's response counts) now and then every `every`,
/// forever (spawn it).
pub async fn run_periodically(state: AppState, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    loop {
        ticker.tick().await;
        // The day's response count of running campaigns, kept close to 06:00 (see `response`).
        if let Err(error) = crate::releases::response::take_due(state.db(), crate::util::now()).await {
            tracing::error!(code = error.code, "taking the day's response counts failed; will retry");
        }
        match due_campaigns(&state).await {
            Ok(ids) => {
                for id in ids {
                    if let Err(error) = compute_due(&state, &id).await {
                        tracing::error!(code = error.code, "computing a release failed; will retry");
                    }
                }
            }
            Err(error) => tracing::error!(code = error.code, "finding due releases failed; will retry"),
        }
    }
}

/// After a group-figure upload was withdrawn or deleted by the retention purge, inside that
/// transaction and before its scores are deleted: its values leave the campaign's sums
/// (`group_cells`), drafts that counted it are marked stale (computed again before anyone sees
/// them), any computation under way starts again (`figures_changes`), and its id in the lists of
/// who counted in a release is replaced by a random one, so nothing left can be tied to it.
pub async fn forget_upload(
    tx: &mut crate::db::Tx,
    campaign_id: &str,
    department: Option<&str>,
    submission_id: &str,
) -> Result<(), sqlx::Error> {
    // A band without a value is a headline sent for group figures alone: it was counted with 0.
    let scores = sqlx::query_as::<_, CountedScoreRow>(
        "SELECT score_id, value, band FROM submission_scores WHERE submission_id = $1 AND band IS NOT NULL",
    )
    .bind(submission_id)
    .fetch_all(&mut **tx)
    .await?;
    for score in &scores {
        let value: f64 = score.value.unwrap_or(0.0);
        // Rounded as when it was added (`figures::contribution`), so the sum stays exact.
        sqlx::query(
            "UPDATE group_cells SET respondents = respondents - 1, value_sum = value_sum - $1 \
             WHERE campaign_id = $2 AND department = $3 AND score_id = $4 AND band = $5",
        )
        .bind((value * 1000.0).round() as i64)
        .bind(campaign_id)
        .bind(department.unwrap_or_default())
        .bind(&score.score_id)
        .bind(&score.band)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("UPDATE campaigns SET figures_changes = figures_changes + 1 WHERE id = $1")
        .bind(campaign_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE releases SET stale = stale + 1 WHERE campaign_id = $1 AND status = 'draft'")
        .bind(campaign_id)
        .execute(&mut **tx)
        .await?;
    // Ids are 32 hex characters at the start of a line; nothing else in a list looks like that.
    sqlx::query("UPDATE release_members SET members = REPLACE(members, $1, $2) WHERE campaign_id = $3")
        .bind(format!("{LINE}{submission_id}{FIELD}"))
        .bind(format!("{LINE}{}{FIELD}", &new_token()[..32]))
        .bind(campaign_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// What the employer and the arbeidsdeskundige see.

pub(crate) async fn dashboard(state: &AppState, campaign: &Campaign, release: &StoredRelease) -> ApiResult<Dashboard> {
    let mut figures: Figures = serde_json::from_str(&release.figures).map_err(ApiError::internal)?;
    // Releases stored before the rules of issue 19 (empty groups, appointments below k).
    crate::releases::figures::protect(&mut figures, campaign.min_group_size.max(0) as u64);
    let definition = state.definitions().by_hash(state.db(), &campaign.questionnaire.content_hash).await?;
    let mut employer_advice = BTreeMap::new();
    if let Some(definition) = &definition {
        // Releases stored before band starts were recorded.
        crate::releases::figures::band_starts(&mut figures, &measures_of(definition));
        for measure in &figures.measures {
            if let Some(score) =
                definition.scores.iter().find(|score| score.id == measure.score && !score.employer_advice.is_empty())
            {
                employer_advice.insert(measure.score.clone(), score.employer_advice.clone());
            }
        }
    }
    let previous = previous_campaign(state, campaign).await?;
    let trend = previous.as_ref().and_then(|(about, earlier)| {
        // The phone's history follows the same rule (werkscan_core::compare).
        let comparable = |score: &str| match &definition {
            Some(definition) => werkscan_core::compare::comparable(definition, score, &about.version),
            None => about.version == campaign.questionnaire.version,
        };
        trend(&figures, earlier, about.clone(), comparable)
    });
    let (norm, norm_missing) = match norm_for(state, campaign, &figures).await? {
        Ok(norm) => (Some(norm), None),
        Err(missing) => (None, Some(missing)),
    };
    let respondents = figures.total().and_then(|total| total.figures.as_ref()).map(|total| total.respondents);
    let Plan { actions, previous_actions } =
        crate::releases::actions::plan(state, &campaign.id, previous.as_ref().map(|(about, _)| about)).await?;
    Ok(Dashboard {
        campaign: DashboardCampaign {
            id: campaign.id.clone(),
            name: campaign.name.clone(),
            questionnaire: campaign.questionnaire.clone(),
            starts_on: campaign.starts_on.to_string(),
            ends_on: campaign.ends_on.to_string(),
            closed_at: campaign.closed_at.map(rfc3339),
        },
        release: DashboardRelease {
            sequence: release.sequence,
            status: shown_status(release)?,
            computed_at: rfc3339(release.computed_at),
            published_at: release.published_at.map(rfc3339),
            min_group_size: campaign.min_group_size,
            respondents,
        },
        start_here: start_here(&figures, &employer_advice),
        employer_advice,
        figures,
        trend,
        norm,
        norm_missing,
        actions,
        previous_actions,
    })
}

/// The organisation's previous campaign with the same questionnaire id (the latest that started
/// before this one) whose published release shows its total, with that release's figures:
/// what the trend compares with and whose action plan the dashboard shows again. Its version
/// may differ; the trend then compares only the themes declared comparable.
pub(crate) async fn previous_campaign(
    state: &AppState,
    campaign: &Campaign,
) -> ApiResult<Option<(PreviousCampaign, Figures)>> {
    let rows = sqlx::query_as::<_, PreviousRow>(
        "SELECT c.id, c.name, c.starts_on, c.ends_on, c.definition_version, r.figures, r.published_at FROM campaigns c \
         JOIN releases r ON r.campaign_id = c.id \
         WHERE c.org_id = $1 AND c.definition_id = $2 AND c.id <> $3 AND c.starts_on < $4 AND r.status = 'published' \
         ORDER BY c.starts_on DESC, c.created_at DESC LIMIT 20",
    )
    .bind(&campaign.org_id)
    .bind(&campaign.questionnaire.id)
    .bind(&campaign.id)
    .bind(campaign.starts_on.to_string())
    .fetch_all(&state.db().pool)
    .await?;
    for row in &rows {
        let previous: Figures = serde_json::from_str(&row.figures).map_err(ApiError::internal)?;
        if !previous.total().is_some_and(|total| total.shown) {
            continue;
        }
        return Ok(Some((row.about(), previous)));
    }
    Ok(None)
}

/// The norm for this campaign's organisation: the published releases of other organisations'
/// campaigns with the same questionnaire, under the rules of [`crate::releases::figures::norm`].
async fn norm_for(state: &AppState, campaign: &Campaign, figures: &Figures) -> ApiResult<Result<Norm, NormMissing>> {
    let rows = sqlx::query_as::<_, NormSourceRow>(
        "SELECT r.org_id, c.definition_version, r.totals, r.published_at FROM releases r JOIN campaigns c ON c.id = r.campaign_id \
         WHERE r.definition_id = $1 AND r.status = 'published' AND r.org_id <> $2",
    )
    .bind(&campaign.questionnaire.id)
    .bind(&campaign.org_id)
    .fetch_all(&state.db().pool)
    .await?;
    let sources = rows.into_iter().map(NormSource::try_from).collect::<ApiResult<Vec<_>>>()?;
    Ok(norm(&campaign.questionnaire.id, &campaign.questionnaire.version, &campaign.org_id, &figures.measures, &sources))
}

/// The campaign whose figures an employer reads: 404 `campaign_not_found` when they may not see
/// it, 403 `forbidden` for other roles.
pub(crate) async fn employer_campaign(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<Campaign> {
    let not_found = || ApiError::not_found("campaign_not_found", "no such campaign");
    let campaign = by_id(state, id).await?.ok_or_else(not_found)?;
    if !may_see(state, current, &campaign).await? {
        return Err(not_found());
    }
    current.require(Role::Employer)?;
    Ok(campaign)
}

/// The published release an employer may see; 404 `release_not_published` before publication
/// (whether or not a draft waits).
pub(crate) async fn published(state: &AppState, campaign: &Campaign) -> ApiResult<StoredRelease> {
    latest(state, &campaign.id, true).await?.ok_or_else(|| {
        ApiError::not_found(
            "release_not_published",
            "the group figures are not published yet: the arbeidsdeskundige publishes them after the campaign has closed",
        )
    })
}

/// `GET /api/campaigns/{id}/figures` (employer): the dashboard of the published release.
pub async fn figures(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Dashboard>> {
    let campaign = employer_campaign(&state, &current, &id).await?;
    let release = published(&state, &campaign).await?;
    Ok(Json(dashboard(&state, &campaign, &release).await?))
}

/// `GET /api/campaigns/{id}/figures.csv` (employer): the dashboard's numbers as CSV.
pub async fn figures_csv(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let campaign = employer_campaign(&state, &current, &id).await?;
    let release = published(&state, &campaign).await?;
    let dashboard = dashboard(&state, &campaign, &release).await?;
    let csv = crate::releases::figures::csv(&crate::releases::figures::Export {
        figures: &dashboard.figures,
        k: campaign.min_group_size.max(0) as u64,
        trend: dashboard.trend.as_ref(),
        norm: dashboard.norm.as_ref(),
        start_here: &dashboard.start_here,
        actions: &dashboard.actions,
    });
    let mut response = csv.into_response();
    let headers = response.headers_mut();
    headers.insert(axum::http::header::CONTENT_TYPE, axum::http::HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(
        axum::http::header::CONTENT_DISPOSITION,
        axum::http::HeaderValue::from_static("attachment; filename=\"werkscan-groepscijfers.csv\""),
    );
    Ok(response)
}

/// Publishes a campaign's draft at `revision` in one transaction: the earlier published release
/// is superseded, the draft published, and the publication written to the audit log. 409
/// `release_changed` when the draft is no longer at that revision or is stale.
pub async fn publish_draft(
    db: &Db,
    campaign_id: &str,
    release: &StoredRelease,
    revision: i64,
    publisher: &str,
) -> ApiResult<()> {
    let mut write = db.begin_write().await?;
    let outcome = async {
        sqlx::query("UPDATE releases SET status = 'superseded' WHERE campaign_id = $1 AND status = 'published'")
            .bind(campaign_id)
            .execute(&mut *write.tx)
            .await?;
        let published = sqlx::query(
            "UPDATE releases SET status = 'published', published_by = $1, published_at = $2 \
             WHERE id = $3 AND status = 'draft' AND revision = $4 AND stale = 0",
        )
        .bind(publisher)
        .bind(now())
        .bind(&release.id)
        .bind(revision)
        .execute(&mut *write.tx)
        .await?
        .rows_affected();
        if published == 0 {
            return Err(ApiError::conflict(
                "release_changed",
                "the release was computed again since this revision: review it again before publishing",
            ));
        }
        sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, submission_id, campaign_id, detail) VALUES ($1, $2, $3, 'publish_release', NULL, $4, $5)")
            .bind(new_id())
            .bind(now())
            .bind(publisher)
            .bind(campaign_id)
            .bind(format!("release {}", release.sequence))
            .execute(&mut *write.tx)
            .await?;
        Ok(())
    }
    .await;
    write.finish(outcome).await
}

/// The demo seed's and the benchmark's way in: computes a closed campaign's release if due and
/// publishes its draft as `publisher` (an arbeidsdeskundige of the campaign). Returns the
/// published release's sequence, or `None` when there was no draft to publish.
pub async fn compute_and_publish(
    db: &Db,
    definitions: &Definitions,
    campaign_id: &str,
    publisher: &str,
) -> ApiResult<Option<i64>> {
    compute_due_in(db, definitions, campaign_id).await?;
    let Some(release) = latest_in(db, campaign_id, false).await? else { return Ok(None) };
    if release.status != "draft" {
        return Ok(None);
    }
    publish_draft(db, campaign_id, &release, release.revision, publisher).await?;
    Ok(Some(release.sequence))
}
