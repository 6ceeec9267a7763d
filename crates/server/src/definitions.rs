//! Questionnaire definitions: the versions read from `questionnaires/` at start and the versions
//! definition authors publish, all recorded in the database (table `definitions`, every version
//! ever had), looked up by content hash when an upload is checked.
//!
//! Which version of a questionnaire is current is read from the database on every request, so a
//! version published on one instance is served by every instance: of each id, the version
//! introduced last (`introduced`) among those this instance read from its files and those
//! published. A file version first read after a publication takes over again, as a new file
//! version always did. Definitions themselves are cached by content hash: immutable,
//! content-addressed data, which no instance ever needs from another.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, RwLock};

use werkscan_api::author::{SourceText, VersionSource};
use werkscan_core::authoring::SourceFile;
use werkscan_core::model::CatalogueEntry;
use werkscan_core::Definition;

use crate::db::Db;
use crate::util::now;

/// A version this instance read from files, with the files it was read from.
#[derive(Clone, Debug)]
struct FileVersion {
    /// The resolved definition.
    definition: Arc<Definition>,
    /// Its TOML files, the definition's own first (empty when given without them).
    sources: Vec<SourceText>,
}

/// The definitions this instance read from files, and a cache of every version read since.
#[derive(Debug, Default)]
pub struct Definitions {
    /// The questionnaires read from files at start, ordered by id.
    files: Vec<FileVersion>,
    /// Definitions by content hash: the file versions and any others read since. A cache of
    /// immutable, content-addressed data, so it never needs to be shared between instances.
    by_hash: RwLock<HashMap<String, Arc<Definition>>>,
}

/// Another instance's view: the same file versions, and a cache of only those.
impl Clone for Definitions {
    fn clone(&self) -> Definitions {
        let by_hash = self.files.iter().map(|file| (hash_of(&file.definition).to_owned(), file.definition.clone()));
        Definitions { files: self.files.clone(), by_hash: RwLock::new(by_hash.collect()) }
    }
}

/// A version's row, as the author's and the admin's lists read it.
#[derive(Debug, sqlx::FromRow)]
pub struct VersionRow {
    /// Content hash.
    pub content_hash: String,
    /// Questionnaire id.
    pub id: String,
    /// Version.
    pub version: String,
    /// `file` or `published`.
    pub source: String,
    /// When the server first had it (Unix seconds).
    pub first_loaded_at: i64,
    /// When it was published (Unix seconds).
    pub published_at: Option<i64>,
    /// The publishing author's display name.
    pub published_by: Option<String>,
    /// The order in which versions were introduced.
    pub introduced: i64,
}

/// What decides which version is current: a row's hash, id, source and order.
#[derive(Debug, sqlx::FromRow)]
struct CandidateRow {
    content_hash: String,
    id: String,
    source: String,
    introduced: i64,
}

/// Inserts a version with the next place in the order of introduction. On PostgreSQL two
/// instances inserting at once may take the same place; the unique index refuses the second,
/// which takes the next one.
const INSERT_VERSION: &str = "INSERT INTO definitions (content_hash, id, version, json, first_loaded_at, source, sources, published_at, published_by, introduced) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT COALESCE(MAX(introduced), 0) + 1 FROM definitions)) \
     ON CONFLICT (content_hash) DO NOTHING";

/// How often an insert that met another instance's insert at the same place is tried again.
const INSERT_ATTEMPTS: usize = 5;

impl Definitions {
    /// Wraps already-loaded definitions (every one must have its content hash set), without the
    /// files they were read from.
    pub fn new(current: Vec<Definition>) -> Definitions {
        Definitions::with_sources(current.into_iter().map(|definition| (definition, Vec::new())).collect())
    }

    /// Wraps already-loaded definitions, each with the files it was read from.
    pub fn with_sources(loaded: Vec<(Definition, Vec<SourceText>)>) -> Definitions {
        let mut files: Vec<FileVersion> = loaded
            .into_iter()
            .map(|(definition, sources)| FileVersion { definition: Arc::new(definition), sources })
            .collect();
        files.sort_by(|a, b| a.definition.questionnaire.id.cmp(&b.definition.questionnaire.id));
        let by_hash =
            files.iter().map(|file| (hash_of(&file.definition).to_owned(), file.definition.clone())).collect();
        Definitions { files, by_hash: RwLock::new(by_hash) }
    }

    /// Reads every `.toml` file below `dir` and loads them; on any problem returns every
    /// diagnostic, one per line, so the server refuses to start with a full list. Each
    /// questionnaire keeps the files it was made of, named as in the repository
    /// (`questionnaires/werkscan.toml`, `questionnaires/parts/wai-kort.toml`), whatever `dir` is.
    pub fn load_dir(dir: &Path) -> Result<Definitions, String> {
        let paths = werkscan_definitions::definition_files(&[dir.to_path_buf()])?;
        let files = werkscan_definitions::read_sources(&paths)?;
        let loaded = werkscan_core::authoring::load(&files);
        if !loaded.diagnostics.is_empty() {
            let lines: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
            return Err(format!("the definitions have problems:\n{}", lines.join("\n")));
        }
        if loaded.questionnaires.is_empty() {
            return Err(format!("no questionnaire definitions found in {}", dir.display()));
        }
        // Each file's name in the repository, by its name on disk.
        let repository_names: HashMap<&str, String> = files
            .iter()
            .zip(&paths)
            .map(|(file, path)| {
                let relative = path.strip_prefix(dir).unwrap_or(path);
                let parts: Vec<String> =
                    relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
                (file.path.as_str(), format!("questionnaires/{}", parts.join("/")))
            })
            .collect();
        let with_sources = loaded
            .questionnaires
            .into_iter()
            .map(|definition| {
                let sources = werkscan_definitions::files_of(&files, &definition.questionnaire.id)
                    .into_iter()
                    .map(|file: &SourceFile| SourceText {
                        path: repository_names.get(file.path.as_str()).cloned().unwrap_or_else(|| file.path.clone()),
                        contents: file.contents.clone(),
                    })
                    .collect();
                (definition, sources)
            })
            .collect();
        Ok(Definitions::with_sources(with_sources))
    }

    /// Records every version read from files in the database (once per content hash), with the
    /// files it was read from, so uploads scored with it stay checkable after the files change
    /// and authors can open it. A version recorded before its files were kept gets them now.
    pub async fn record(&self, db: &Db) -> Result<(), sqlx::Error> {
        for file in &self.files {
            let definition = &file.definition;
            let json = serde_json::to_string(definition.as_ref()).expect("a definition always serialises");
            let sources = (!file.sources.is_empty())
                .then(|| serde_json::to_string(&file.sources).expect("source texts always serialise"));
            let row = FileRow {
                content_hash: hash_of(definition),
                id: &definition.questionnaire.id,
                version: &definition.questionnaire.version,
                json: &json,
                sources: sources.as_deref(),
            };
            insert(db, &row).await?;
            // Files that reuse a published id and version with other content: phones and
            // campaigns that pinned the published one by its hash keep it, but the two are not
            // the same version, so the operator hears of it.
            let published_differently: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM definitions WHERE id = $1 AND version = $2 AND source = 'published' AND content_hash <> $3",
            )
            .bind(row.id)
            .bind(row.version)
            .bind(row.content_hash)
            .fetch_one(&db.pool)
            .await?;
            if published_differently > 0 {
                tracing::warn!(
                    id = row.id,
                    version = row.version,
                    "the files hold a version an author published with other content; give the files a new version"
                );
            }
            if let Some(sources) = &sources {
                sqlx::query("UPDATE definitions SET sources = $1 WHERE content_hash = $2 AND sources IS NULL")
                    .bind(sources)
                    .bind(hash_of(definition))
                    .execute(&db.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// The versions this instance read from files, ordered by id.
    pub fn loaded(&self) -> impl Iterator<Item = &Arc<Definition>> {
        self.files.iter().map(|file| &file.definition)
    }

    /// The version of `id` this instance read from files.
    pub fn loaded_version(&self, id: &str) -> Option<Arc<Definition>> {
        self.loaded().find(|definition| definition.questionnaire.id == id).cloned()
    }

    /// The content hashes of the versions this instance read from files.
    fn file_hashes(&self) -> HashSet<&str> {
        self.loaded().map(|definition| hash_of(definition)).collect()
    }

    /// The current version of every questionnaire, ordered by id.
    pub async fn current_all(&self, db: &Db) -> Result<Vec<Arc<Definition>>, sqlx::Error> {
        let rows = sqlx::query_as::<_, CandidateRow>("SELECT content_hash, id, source, introduced FROM definitions")
            .fetch_all(&db.pool)
            .await?;
        let mut current = Vec::new();
        for hash in current_hashes(&rows, &self.file_hashes()).into_values() {
            if let Some(definition) = self.by_hash(db, &hash).await? {
                current.push(definition);
            }
        }
        Ok(current)
    }

    /// The catalogue of current questionnaires, ordered by id.
    pub async fn catalogue(&self, db: &Db) -> Result<Vec<CatalogueEntry>, sqlx::Error> {
        Ok(self.current_all(db).await?.iter().map(|definition| definition.catalogue_entry()).collect())
    }

    /// The current version of questionnaire `id`.
    pub async fn current(&self, db: &Db, id: &str) -> Result<Option<Arc<Definition>>, sqlx::Error> {
        let rows = sqlx::query_as::<_, CandidateRow>(
            "SELECT content_hash, id, source, introduced FROM definitions WHERE id = $1",
        )
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
        match current_hashes(&rows, &self.file_hashes()).remove(id) {
            Some(hash) => self.by_hash(db, &hash).await,
            None => Ok(None),
        }
    }

    /// The content hash of the current version of every questionnaire, by id.
    pub async fn current_hashes(&self, db: &Db) -> Result<BTreeMap<String, String>, sqlx::Error> {
        let rows = sqlx::query_as::<_, CandidateRow>("SELECT content_hash, id, source, introduced FROM definitions")
            .fetch_all(&db.pool)
            .await?;
        Ok(current_hashes(&rows, &self.file_hashes()))
    }

    /// The definition with this content hash: cached, or read from the database.
    pub async fn by_hash(&self, db: &Db, hash: &str) -> Result<Option<Arc<Definition>>, sqlx::Error> {
        if let Some(found) = self.by_hash.read().expect("cache lock").get(hash) {
            return Ok(Some(found.clone()));
        }
        let json: Option<String> = sqlx::query_scalar("SELECT json FROM definitions WHERE content_hash = $1")
            .bind(hash)
            .fetch_optional(&db.pool)
            .await?;
        let Some(json) = json else { return Ok(None) };
        let definition: Definition = serde_json::from_str(&json)
            .map_err(|error| sqlx::Error::Decode(format!("stored definition {hash}: {error}").into()))?;
        let definition = Arc::new(definition);
        self.by_hash.write().expect("cache lock").insert(hash.to_owned(), definition.clone());
        Ok(Some(definition))
    }

    /// A definition by id and version: one this instance serves (read from its files, or
    /// published) if there is one, else the one recorded last.
    pub async fn by_version(&self, db: &Db, id: &str, version: &str) -> Result<Option<Arc<Definition>>, sqlx::Error> {
        let rows = sqlx::query_as::<_, CandidateRow>(
            "SELECT content_hash, id, source, introduced FROM definitions WHERE id = $1 AND version = $2",
        )
        .bind(id)
        .bind(version)
        .fetch_all(&db.pool)
        .await?;
        let files = self.file_hashes();
        let chosen = rows.iter().max_by_key(|row| (served(row, &files), row.introduced));
        match chosen {
            Some(row) => self.by_hash(db, &row.content_hash).await,
            None => Ok(None),
        }
    }

    /// Every version ever recorded, each questionnaire's most recently introduced first.
    pub async fn versions(&self, db: &Db) -> Result<Vec<VersionRow>, sqlx::Error> {
        sqlx::query_as::<_, VersionRow>(
            "SELECT d.content_hash, d.id, d.version, d.source, d.first_loaded_at, d.published_at, \
             u.display_name AS published_by, d.introduced \
             FROM definitions d LEFT JOIN users u ON u.id = d.published_by ORDER BY d.id, d.introduced DESC",
        )
        .fetch_all(&db.pool)
        .await
    }

    /// The TOML files a version was read from or published as; `None` when the version is not
    /// recorded, an empty list when its files were never kept (a file version recorded before
    /// they were, which no server has read from files since).
    pub async fn sources(&self, db: &Db, hash: &str) -> Result<Option<Vec<SourceText>>, sqlx::Error> {
        let row: Option<Option<String>> = sqlx::query_scalar("SELECT sources FROM definitions WHERE content_hash = $1")
            .bind(hash)
            .fetch_optional(&db.pool)
            .await?;
        match row {
            None => Ok(None),
            Some(None) => Ok(Some(Vec::new())),
            Some(Some(json)) => serde_json::from_str(&json)
                .map(Some)
                .map_err(|error| sqlx::Error::Decode(format!("stored sources of {hash}: {error}").into())),
        }
    }

    /// Stores a version an author published (validated already), in the caller's transaction.
    /// `false` when a version with this content hash is stored already (nothing is written).
    pub async fn publish(
        tx: &mut sqlx::AnyConnection,
        definition: &Definition,
        sources: &[SourceText],
        author: &str,
    ) -> Result<bool, sqlx::Error> {
        let json = serde_json::to_string(definition).expect("a definition always serialises");
        let sources = serde_json::to_string(sources).expect("source texts always serialise");
        let at = now();
        let written = sqlx::query(INSERT_VERSION)
            .bind(hash_of(definition))
            .bind(&definition.questionnaire.id)
            .bind(&definition.questionnaire.version)
            .bind(json)
            .bind(at)
            .bind(VersionSource::Published.as_str())
            .bind(sources)
            .bind(at)
            .bind(author)
            .execute(&mut *tx)
            .await?;
        Ok(written.rows_affected() == 1)
    }
}

/// A version read from files, to record.
struct FileRow<'a> {
    content_hash: &'a str,
    id: &'a str,
    version: &'a str,
    json: &'a str,
    sources: Option<&'a str>,
}

/// Inserts a file version unless its content hash is stored already, taking the next place in
/// the order of introduction (again, when another instance took that place at the same moment).
async fn insert(db: &Db, row: &FileRow<'_>) -> Result<(), sqlx::Error> {
    let mut attempt = 1;
    loop {
        let outcome = sqlx::query(INSERT_VERSION)
            .bind(row.content_hash)
            .bind(row.id)
            .bind(row.version)
            .bind(row.json)
            .bind(now())
            .bind(VersionSource::File.as_str())
            .bind(row.sources)
            .bind(None::<i64>)
            .bind(None::<String>)
            .execute(&db.pool)
            .await;
        match outcome {
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() && attempt < INSERT_ATTEMPTS => {
                attempt += 1;
            }
            other => return other.map(|_| ()),
        }
    }
}

/// Whether this instance serves a recorded version: it read it from its files, or an author
/// published it.
fn served(row: &CandidateRow, files: &HashSet<&str>) -> bool {
    row.source == VersionSource::Published.as_str() || files.contains(row.content_hash.as_str())
}

/// Of each questionnaire, the content hash of the version introduced last among those served.
fn current_hashes(rows: &[CandidateRow], files: &HashSet<&str>) -> BTreeMap<String, String> {
    let mut latest: BTreeMap<&str, &CandidateRow> = BTreeMap::new();
    for row in rows.iter().filter(|row| served(row, files)) {
        let entry = latest.entry(&row.id).or_insert(row);
        if row.introduced > entry.introduced {
            *entry = row;
        }
    }
    latest.into_iter().map(|(id, row)| (id.to_owned(), row.content_hash.clone())).collect()
}

/// A loaded definition's content hash.
pub fn hash_of(definition: &Definition) -> &str {
    definition.content_hash.as_deref().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(hash: &str, id: &str, source: VersionSource, introduced: i64) -> CandidateRow {
        CandidateRow { content_hash: hash.into(), id: id.into(), source: source.as_str().into(), introduced }
    }

    #[test]
    fn the_current_version_is_the_one_introduced_last_of_those_served() {
        let rows = [
            row("old-file", "werkscan", VersionSource::File, 1),
            row("file", "werkscan", VersionSource::File, 2),
            row("published", "werkscan", VersionSource::Published, 3),
            row("later-file", "quickscan", VersionSource::File, 5),
            row("earlier-published", "quickscan", VersionSource::Published, 4),
            row("new", "eigen", VersionSource::Published, 6),
            row("elsewhere", "wai", VersionSource::File, 7),
        ];
        let files: HashSet<&str> = ["file", "later-file"].into_iter().collect();
        let current = current_hashes(&rows, &files);
        assert_eq!(current.get("werkscan").map(String::as_str), Some("published"));
        assert_eq!(current.get("quickscan").map(String::as_str), Some("later-file"));
        assert_eq!(current.get("eigen").map(String::as_str), Some("new"));
        // A file version another instance read is not this instance's to serve.
        assert_eq!(current.get("wai"), None);
    }
}
