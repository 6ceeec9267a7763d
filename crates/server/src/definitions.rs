//! Questionnaire definitions: loaded from `questionnaires/` at start, recorded in the database
//! (every version ever loaded), and looked up by content hash when an upload is checked.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

use werkscan_core::model::CatalogueEntry;
use werkscan_core::Definition;

use crate::db::Db;
use crate::util::now;

/// The definitions this instance serves, and a cache of older versions read from the database.
#[derive(Debug, Default)]
pub struct Definitions {
    /// The questionnaires loaded from disk at start, ordered by id.
    current: Vec<Arc<Definition>>,
    /// Definitions by content hash: the current ones and any older ones read since. A cache of
    /// immutable, content-addressed data, so it never needs to be shared between instances.
    by_hash: RwLock<HashMap<String, Arc<Definition>>>,
}

impl Definitions {
    /// Wraps already-loaded definitions (every one must have its content hash set).
    pub fn new(current: Vec<Definition>) -> Definitions {
        let current: Vec<Arc<Definition>> = current.into_iter().map(Arc::new).collect();
        let by_hash = current.iter().map(|definition| (hash_of(definition).to_owned(), definition.clone())).collect();
        Definitions { current, by_hash: RwLock::new(by_hash) }
    }

    /// Reads every `.toml` file below `dir` and loads them; on any problem returns every
    /// diagnostic, one per line, so the server refuses to start with a full list.
    pub fn load_dir(dir: &Path) -> Result<Definitions, String> {
        let loaded = werkscan_definitions::load_dir(dir)?;
        if loaded.questionnaires.is_empty() {
            return Err(format!("no questionnaire definitions found in {}", dir.display()));
        }
        Ok(Definitions::new(loaded.questionnaires))
    }

    /// Records every current definition in the database (once per content hash), so uploads
    /// scored with it stay checkable after the files change.
    pub async fn record(&self, db: &Db) -> Result<(), sqlx::Error> {
        for definition in &self.current {
            let json = serde_json::to_string(definition.as_ref()).expect("a definition always serialises");
            sqlx::query(
                "INSERT INTO definitions (content_hash, id, version, json, first_loaded_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (content_hash) DO NOTHING",
            )
            .bind(hash_of(definition))
            .bind(&definition.questionnaire.id)
            .bind(&definition.questionnaire.version)
            .bind(json)
            .bind(now())
            .execute(&db.pool)
            .await?;
        }
        Ok(())
    }

    /// The catalogue of current questionnaires.
    pub fn catalogue(&self) -> Vec<CatalogueEntry> {
        self.current.iter().map(|definition| definition.catalogue_entry()).collect()
    }

    /// The current questionnaire with this id.
    pub fn current(&self, id: &str) -> Option<Arc<Definition>> {
        self.current.iter().find(|definition| definition.questionnaire.id == id).cloned()
    }

    /// The current questionnaire with this id and version.
    pub fn current_version(&self, id: &str, version: &str) -> Option<Arc<Definition>> {
        self.current
            .iter()
            .find(|definition| definition.questionnaire.id == id && definition.questionnaire.version == version)
            .cloned()
    }

    /// The definition with this content hash: current, cached, or read from the database.
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

    /// A definition by id and version: the current one if it matches, else the most recently
    /// recorded one in the database.
    pub async fn by_version(&self, db: &Db, id: &str, version: &str) -> Result<Option<Arc<Definition>>, sqlx::Error> {
        if let Some(current) = self.current_version(id, version) {
            return Ok(Some(current));
        }
        let hash: Option<String> = sqlx::query_scalar(
            "SELECT content_hash FROM definitions WHERE id = $1 AND version = $2 ORDER BY first_loaded_at DESC LIMIT 1",
        )
        .bind(id)
        .bind(version)
        .fetch_optional(&db.pool)
        .await?;
        match hash {
            Some(hash) => self.by_hash(db, &hash).await,
            None => Ok(None),
        }
    }
}

/// A loaded definition's content hash.
pub fn hash_of(definition: &Definition) -> &str {
    definition.content_hash.as_deref().unwrap_or_default()
}
