//! What the app keeps on the device, in local storage under keys starting with `werkscan.`.
//!
//! Answers are saved the moment they are given, so closing the tab loses nothing. A draft keeps
//! the exact definition it was started with: a newer version on the server never changes the
//! questions or scoring of a scan in progress. "Wis mijn gegevens" removes every key.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use werkscan_core::json::{FromJson, Json, JsonError, Reader, ToJson};
use werkscan_core::{check_answers, Answers, Definition, Lang, ScanResult};

use crate::api::FetchedDefinition;
use crate::flow::{Flow, Step};

const PREFIX: &str = "werkscan.";

/// The full key for one of this app's entries.
pub(crate) fn key(rest: &str) -> String {
    format!("{PREFIX}{rest}")
}

/// A scan in progress (or finished, until a new one starts), as stored.
///
/// Read and written with `werkscan_core::json` rather than serde, like everything the scan
/// module stores (see there why). The report module uses the same code, so there is one format.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftRecord {
    /// Content hash of the definition it was started with (stored under its own key).
    pub definition_hash: String,
    /// The answers so far.
    pub answers: Answers,
    /// Where the person was.
    pub step: Step,
    /// When the scan was started (RFC 3339).
    pub started_at: String,
    /// When it was finished, if it was.
    pub finished_at: Option<String>,
}

impl FromJson for DraftRecord {
    fn from_json(json: &Json) -> Result<DraftRecord, JsonError> {
        let mut r = Reader::new(json)?;
        let step = r.required::<Step>("step");
        let answers = r.required::<Answers>("answers");
        let definition_hash = r.string("definition_hash");
        let started_at = r.string("started_at");
        let finished_at = r.optional("finished_at");
        r.finish()?;
        Ok(DraftRecord {
            definition_hash,
            answers: answers.unwrap_or_default(),
            step: step.unwrap_or(Step::Intro),
            started_at,
            finished_at,
        })
    }
}

impl ToJson for DraftRecord {
    fn to_json(&self) -> Json {
        Json::Object(vec![
            ("definition_hash".into(), self.definition_hash.to_json()),
            ("answers".into(), self.answers.to_json()),
            ("step".into(), self.step.to_json()),
            ("started_at".into(), self.started_at.to_json()),
            ("finished_at".into(), self.finished_at.to_json()),
        ])
    }
}

/// Reads a value stored under `key` (a full key), if it is there and readable.
pub(crate) fn read<T: FromJson>(key: &str) -> Option<T> {
    let text = LocalStorage::raw().get_item(key).ok().flatten()?;
    T::from_json_text(&text).ok()
}

/// Stores a value under `key` (a full key).
pub(crate) fn write(key: &str, value: &impl ToJson) {
    let _ = LocalStorage::raw().set_item(key, &value.to_json().write());
}

/// A finished scan kept for comparison over time ("a film, not a photo").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When it was finished (RFC 3339).
    pub finished_at: String,
    /// The result as computed on the device.
    pub result: ScanResult,
}

/// The current time as RFC 3339.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The language chosen earlier, if any.
pub fn load_lang() -> Option<Lang> {
    read(&key("lang"))
}

/// Remembers the chosen language.
pub fn save_lang(lang: Lang) {
    write(&key("lang"), &lang);
}

fn definition_key(hash: &str) -> String {
    key(&format!("definition.{hash}"))
}

/// Keeps a definition on the device, once per version, exactly as the server sent it. A draft
/// started on it keeps working after an update on the server or without a connection.
pub fn keep_definition(fetched: &FetchedDefinition) {
    let definition_key = definition_key(fetched.definition.content_hash.as_deref().unwrap_or_default());
    let storage = LocalStorage::raw();
    if storage.get_item(&definition_key).ok().flatten().is_none() {
        let _ = storage.set_item(&definition_key, &fetched.json);
    }
}

/// Saves the flow of a scan: its answers and step. Its definition was kept when it was fetched
/// ([`keep_definition`]).
pub fn save_flow(flow: &Flow, started_at: &str, finished_at: Option<&str>) {
    let hash = flow.definition.content_hash.clone().unwrap_or_default();
    let record = DraftRecord {
        definition_hash: hash,
        answers: flow.answers.clone(),
        step: flow.step.clone(),
        started_at: started_at.to_owned(),
        finished_at: finished_at.map(str::to_owned),
    };
    write(&key(&format!("draft.{}", flow.definition.questionnaire.id)), &record);
}

/// The stored draft for a questionnaire, resumed against the definition it was started with.
///
/// If that definition is no longer stored, the draft continues on `current` (when there is one,
/// which is then kept), keeping only the answers that still fit it.
pub fn load_flow(id: &str, current: Option<&FetchedDefinition>) -> Option<(Flow, DraftRecord)> {
    let record: DraftRecord = read(&key(&format!("draft.{id}")))?;
    let stored: Option<Definition> = read(&definition_key(&record.definition_hash));
    let definition = stored.or_else(|| {
        let current = current?;
        keep_definition(current);
        Some(current.definition.clone())
    })?;
    let mut answers = record.answers.clone();
    if let Err(errors) = check_answers(&definition, &answers) {
        for error in errors {
            answers.remove(&error.item);
        }
    }
    let mut flow = Flow { definition, answers, step: record.step.clone() };
    let step_exists = match &flow.step {
        Step::Question(item) => flow.visible_items().iter().any(|visible| &visible.id == item),
        Step::Report => werkscan_core::answers::is_complete(&flow.definition, &flow.answers),
        Step::Intro => true,
    };
    if !step_exists {
        flow.step = Step::Intro;
    }
    Some((flow, record))
}

/// Forgets the draft of a questionnaire (to start afresh). Definitions no draft uses go too.
pub fn delete_draft(id: &str) {
    LocalStorage::delete(key(&format!("draft.{id}")));
    remove_unused_definitions();
}

fn remove_unused_definitions() {
    let keys = all_keys();
    let used: Vec<String> = keys
        .iter()
        .filter(|k| k.starts_with(&key("draft.")))
        .filter_map(|k| read::<DraftRecord>(k))
        .map(|record| definition_key(&record.definition_hash))
        .collect();
    for k in keys.iter().filter(|k| k.starts_with(&key("definition.")) && !used.contains(k)) {
        LocalStorage::delete(k);
    }
}

/// A list kept under `key` (a full key); empty when there is none. Lists are the report
/// module's (history, upload queue, receipts) and use serde.
pub(crate) fn list<T: serde::de::DeserializeOwned>(key: &str) -> Vec<T> {
    LocalStorage::get(key).unwrap_or_default()
}

/// Stores a list, or removes the key when it is empty so nothing lingers on the device.
pub(crate) fn save_list<T: Serialize>(key: &str, list: &[T]) {
    if list.is_empty() {
        LocalStorage::delete(key);
    } else {
        let _ = LocalStorage::set(key, list);
    }
}

/// Adds one entry at the end of a list.
pub(crate) fn push<T: Serialize + serde::de::DeserializeOwned>(key: &str, entry: T) {
    let mut all: Vec<T> = list(key);
    all.push(entry);
    save_list(key, &all);
}

/// Finished scans on this device, oldest first.
pub fn history() -> Vec<HistoryEntry> {
    list(&key("history"))
}

/// Adds a finished scan to the history.
pub fn push_history(entry: HistoryEntry) {
    push(&key("history"), entry);
}

fn all_keys() -> Vec<String> {
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|index| storage.key(index).ok().flatten()).collect()
}

/// Every key this app stored.
fn stored_keys() -> Vec<String> {
    all_keys().into_iter().filter(|k| k.starts_with(PREFIX)).collect()
}

/// Removes everything this app stored on the device.
pub fn wipe_all() {
    for k in stored_keys() {
        LocalStorage::delete(&k);
    }
}
