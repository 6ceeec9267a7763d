//! Definition authors (issue 24): the questionnaires and every version of them, a version's TOML
//! sources (to open and to export), and publishing a new version.
//!
//! A publication is validated again here with the core's loader, the code `werkscan check` and
//! the server's start run, so a version no file could have passed is never stored, whatever a
//! browser sent. Stored versions never change: no route updates or removes one, and the
//! database refuses an update of a stored version's content (migration 0021's trigger).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use werkscan_core::authoring::{load, SourceFile};
use werkscan_core::changes::id_meaning_problems;
use werkscan_core::Definition;

use crate::accounts::auth::{CurrentUser, Role};
use crate::definitions::{hash_of, VersionRow};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::ApiJson;
use crate::util::{new_id, now, rfc3339};
use crate::AppState;

pub use werkscan_api::author::{
    Publish, QuestionnaireVersions, SourceText, VersionSource, VersionSources, VersionSummary,
};

/// The largest publication accepted: the shipped questionnaires and all their parts together
/// are under 100 KB.
pub const PUBLISH_BODY_LIMIT: usize = 1024 * 1024;

/// The most files one publication may hold.
pub const MAX_FILES: usize = 50;

/// The longest path of a file.
const MAX_PATH: usize = 200;

/// How often a publication that met another instance's insert at the same place in the order of
/// introduction is tried again (PostgreSQL only; SQLite writes one at a time).
const PUBLISH_ATTEMPTS: usize = 5;

/// Every version, each with what the author's and the admin's lists show, by questionnaire id,
/// the most recently introduced first.
pub async fn summaries(state: &AppState) -> ApiResult<BTreeMap<String, Vec<VersionSummary>>> {
    let definitions = state.definitions();
    let rows = definitions.versions(state.db()).await?;
    let current = definitions.current_hashes(state.db()).await?;
    let mut by_id: BTreeMap<String, Vec<VersionSummary>> = BTreeMap::new();
    for row in rows {
        let Some(definition) = definitions.by_hash(state.db(), &row.content_hash).await? else { continue };
        let is_current = current.get(&row.id) == Some(&row.content_hash);
        by_id.entry(row.id.clone()).or_default().push(summary(row, &definition, is_current));
    }
    Ok(by_id)
}

/// A version's row and definition as a summary.
fn summary(row: VersionRow, definition: &Definition, current: bool) -> VersionSummary {
    VersionSummary {
        title: definition.questionnaire.title.clone(),
        licence: definition.questionnaire.licence.clone(),
        source: VersionSource::parse(&row.source).unwrap_or(VersionSource::File),
        introduced_at: rfc3339(row.first_loaded_at),
        published_at: row.published_at.map(rfc3339),
        published_by: row.published_by,
        current,
        id: row.id,
        version: row.version,
        content_hash: row.content_hash,
    }
}

/// The summary of the version with this content hash.
async fn summary_of(state: &AppState, id: &str, hash: &str) -> ApiResult<VersionSummary> {
    summaries(state)
        .await?
        .remove(id)
        .and_then(|versions| versions.into_iter().find(|version| version.content_hash == hash))
        .ok_or_else(|| ApiError::internal("a stored version is missing"))
}

/// `GET /api/author/questionnaires` (definition author): every questionnaire with every version
/// the server has, read from files or published, the most recently introduced first; the title
/// is the current version's. 403 for other roles.
pub async fn list(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<QuestionnaireVersions>>> {
    current.require(Role::DefinitionAuthor)?;
    let list = summaries(&state)
        .await?
        .into_iter()
        .map(|(id, versions)| {
            let shown = versions.iter().find(|version| version.current).or(versions.first());
            let title = shown.map(|version| version.title.clone()).unwrap_or_default();
            QuestionnaireVersions { id, title, versions }
        })
        .collect();
    Ok(Json(list))
}

/// `GET /api/author/questionnaires/{id}/versions/{version}` (definition author): the version with
/// its TOML files, the definition's own first (an empty list for a version read from files
/// before the server kept them). 404 `version_not_found`; 403 for other roles.
pub async fn version(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, version)): Path<(String, String)>,
) -> ApiResult<Json<VersionSources>> {
    current.require(Role::DefinitionAuthor)?;
    let not_found = || ApiError::not_found("version_not_found", "no questionnaire with this id and version");
    let definition = state.definitions().by_version(state.db(), &id, &version).await?.ok_or_else(not_found)?;
    let hash = hash_of(&definition).to_owned();
    let files = state.definitions().sources(state.db(), &hash).await?.ok_or_else(not_found)?;
    let summary = summary_of(&state, &id, &hash).await?;
    Ok(Json(VersionSources { summary, files }))
}

/// `POST /api/author/questionnaires` (definition author): publishes a new version from its TOML
/// files, after validating them with the core's loader (every problem of every file, as
/// `werkscan check` gives them). Stores the questionnaire's own file and the parts it includes,
/// and writes `definition_published` to the audit log. The version is then current: the
/// catalogue offers it and new campaigns pin it; campaigns and drafts on earlier versions keep
/// theirs.
///
/// 201 with the new version; 200 with the stored one when exactly this content was published
/// (or read from files) before, changing nothing. Refusals: 422 `no_files`, `too_many_files`,
/// `invalid_path` and `duplicate_path` (each with its field, `files[2].path`);
/// 422 `invalid_definition` with the diagnostics; 422 `not_one_questionnaire` when the files hold
/// no questionnaire or several; 409 `version_exists` when this id and version is stored with other
/// content; 422 `id_meaning_changed` with a diagnostic at each id kept with another meaning than
/// in the current version (`werkscan_core::changes::id_meaning_problems`); 403 for other roles.
pub async fn publish(
    State(state): State<AppState>,
    current: CurrentUser,
    ApiJson(body): ApiJson<Publish>,
) -> ApiResult<(StatusCode, Json<VersionSummary>)> {
    current.require(Role::DefinitionAuthor)?;
    if let Some(error) = ApiError::invalid_fields(file_problems(&body.files)) {
        return Err(error);
    }
    let files: Vec<SourceFile> =
        body.files.iter().map(|file| SourceFile { path: file.path.clone(), contents: file.contents.clone() }).collect();
    let loaded = load(&files);
    if !loaded.diagnostics.is_empty() {
        let count = loaded.diagnostics.len();
        let message = if count == 1 {
            "the definition has a problem".to_owned()
        } else {
            format!("the definition has {count} problems")
        };
        return Err(ApiError::definition("invalid_definition", message, loaded.diagnostics));
    }
    let [definition] = <[Definition; 1]>::try_from(loaded.questionnaires).map_err(|found| {
        ApiError::unprocessable(
            "not_one_questionnaire",
            format!("the files hold {} questionnaires; a publication holds exactly one, with its parts", found.len()),
        )
    })?;
    let id = definition.questionnaire.id.clone();
    let hash = hash_of(&definition).to_owned();
    if state.definitions().by_hash(state.db(), &hash).await?.is_some() {
        return Ok((StatusCode::OK, Json(summary_of(&state, &id, &hash).await?)));
    }
    if version_taken(&state, &definition).await? {
        return Err(version_exists(&definition));
    }
    // Exports, uploads and group figures rely on an id keeping its meaning: one whose meaning
    // changed against the current version must get a new id.
    if let Some(current_version) = state.definitions().current(state.db(), &id).await? {
        let problems = id_meaning_problems(&current_version, &definition, &files);
        if !problems.is_empty() {
            let message = format!(
                "{} id(s) kept with another meaning than in version {}; give each a new id",
                problems.len(),
                current_version.questionnaire.version
            );
            return Err(ApiError::definition("id_meaning_changed", message, problems));
        }
    }
    // Only what the questionnaire is made of is kept: its own file, then the parts it includes.
    let sources: Vec<SourceText> = werkscan_definitions::files_of(&files, &id)
        .into_iter()
        .map(|file| SourceText { path: file.path.clone(), contents: file.contents.clone() })
        .collect();
    let mut attempt = 1;
    let written = loop {
        let mut write = state.db().begin_write().await?;
        let outcome: Result<bool, sqlx::Error> = async {
            let written =
                crate::definitions::Definitions::publish(&mut write.tx, &definition, &sources, &current.user.id)
                    .await?;
            if written {
                sqlx::query(
                    "INSERT INTO audit_log (id, at, actor_user_id, action, detail) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(new_id())
                .bind(now())
                .bind(&current.user.id)
                .bind(werkscan_api::audit::AuditAction::DefinitionPublished.as_str())
                .bind(&hash)
                .execute(&mut *write.tx)
                .await?;
            }
            Ok(written)
        }
        .await;
        match write.finish(outcome).await {
            Ok(written) => break written,
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                // Another author published this id and version first, or (PostgreSQL) another
                // instance took the same place in the order of introduction.
                if version_taken(&state, &definition).await? {
                    return Err(version_exists(&definition));
                }
                if attempt == PUBLISH_ATTEMPTS {
                    return Err(ApiError::internal("publishing met other writes five times"));
                }
                attempt += 1;
            }
            Err(error) => return Err(error.into()),
        }
    };
    let status = if written { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(summary_of(&state, &id, &hash).await?)))
}

/// Whether a version with this id and version, and other content, is stored.
async fn version_taken(state: &AppState, definition: &Definition) -> ApiResult<bool> {
    let others: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM definitions WHERE id = $1 AND version = $2 AND content_hash <> $3")
            .bind(&definition.questionnaire.id)
            .bind(&definition.questionnaire.version)
            .bind(hash_of(definition))
            .fetch_one(&state.db().pool)
            .await?;
    Ok(others > 0)
}

/// 409 `version_exists`.
fn version_exists(definition: &Definition) -> ApiError {
    ApiError::conflict(
        "version_exists",
        format!(
            "{} version {} exists with other content; versions never change, so give this one a new version",
            definition.questionnaire.id, definition.questionnaire.version
        ),
    )
}

/// What is wrong with the list of files itself, before any is read: how many there are, and
/// their paths (relative, `/`-separated, letters, digits, `.`, `_` and `-`, ending in `.toml`,
/// each once), so that an exported version can be written to disk as it is named.
fn file_problems(files: &[SourceText]) -> Vec<FieldError> {
    if files.is_empty() {
        return vec![FieldError::new("files", "no_files", "a publication holds the questionnaire's file")];
    }
    if files.len() > MAX_FILES {
        return vec![FieldError::new("files", "too_many_files", format!("at most {MAX_FILES} files"))];
    }
    let mut problems = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let field = format!("files[{index}].path");
        if !path_is_plain(&file.path) {
            problems.push(FieldError::new(
                field,
                "invalid_path",
                "a path is relative, separated by /, of letters, digits, '.', '_' and '-', and ends in .toml",
            ));
        } else if files[..index].iter().any(|earlier| earlier.path == file.path) {
            problems.push(FieldError::new(field, "duplicate_path", "each file is given once"));
        }
    }
    problems
}

/// Whether a path is one a repository can hold as it is: `questionnaires/parts/wai-kort.toml`.
fn path_is_plain(path: &str) -> bool {
    let segment_is_plain = |segment: &str| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && segment.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    };
    path.len() <= MAX_PATH && path.ends_with(".toml") && path.split('/').all(segment_is_plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> SourceText {
        SourceText { path: path.into(), contents: String::new() }
    }

    #[test]
    fn paths_are_plain_relative_toml_files() {
        for plain in ["questionnaires/werkscan.toml", "questionnaires/parts/wai-kort.toml", "eigen_scan.v2.toml"] {
            assert!(path_is_plain(plain), "{plain}");
        }
        for odd in [
            "",
            "/etc/werkscan.toml",
            "questionnaires/../werkscan.toml",
            "questionnaires//werkscan.toml",
            "questionnaires/werkscan.txt",
            "questionnaires\\werkscan.toml",
            "vragen lijst.toml",
            "vragenlijst\u{202e}.toml",
        ] {
            assert!(!path_is_plain(odd), "{odd:?}");
        }
        assert!(!path_is_plain(&format!("{}.toml", "a".repeat(MAX_PATH))));
    }

    #[test]
    fn each_file_is_named_once_and_the_list_is_neither_empty_nor_endless() {
        assert_eq!(file_problems(&[])[0].code, "no_files");
        assert_eq!(file_problems(&vec![file("a.toml"); MAX_FILES + 1])[0].code, "too_many_files");
        let problems = file_problems(&[file("a.toml"), file("../b.toml"), file("a.toml")]);
        let found: Vec<(&str, &str)> = problems.iter().map(|problem| (problem.field.as_str(), problem.code)).collect();
        assert_eq!(found, [("files[1].path", "invalid_path"), ("files[2].path", "duplicate_path")]);
        assert!(file_problems(&[file("questionnaires/x.toml"), file("questionnaires/parts/y.toml")]).is_empty());
    }
}
