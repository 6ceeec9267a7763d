//! Scans in progress on the device: the answers, the step, and the exact definition each was
//! started with.
//!
//! Answers are saved the moment they are given, so closing the tab loses nothing. A draft keeps
//! the exact definition it was started with: a newer version on the server never changes the
//! questions or scoring of a scan in progress, and a draft opens without a connection. The scan
//! app writes drafts; the report app reads the finished one.

use werkscan_core::json::{FromJson, Json, JsonError, Reader, ToJson};
use werkscan_core::{check_answers, Answers, Definition};

use crate::flow::{Flow, Step};
use crate::store::{key, read, write, Store};

/// A definition as the server sent it: read, and its exact JSON text, which is what the device
/// keeps for a draft (so the apps need no code to write definitions).
#[derive(Clone, Debug)]
pub struct FetchedDefinition {
    /// The definition, read.
    pub definition: Definition,
    /// The JSON it was read from.
    pub json: String,
}

impl FetchedDefinition {
    /// Reads a definition from the server's JSON text.
    pub fn from_json_text(json: String) -> Result<FetchedDefinition, JsonError> {
        Ok(FetchedDefinition { definition: Definition::from_json_text(&json)?, json })
    }
}

/// A scan in progress (or finished, until a new one starts), as stored.
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
    /// When it was finished (the report was first shown), if it was.
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

/// The current time as RFC 3339, in UTC to the second (`2026-12-07T15:40:00Z`).
pub fn now() -> String {
    // In the browser from the JavaScript clock: chrono's formatting (and its calls into the
    // clock) cost the scan module, which has a byte budget, more than these few lines.
    // `toISOString` always writes `YYYY-MM-DDTHH:mm:ss.sssZ` for the years a phone's clock
    // shows, so the milliseconds are cut off and the `Z` kept: the same text as chrono's below.
    #[cfg(target_arch = "wasm32")]
    {
        let mut iso = String::from(js_sys::Date::new_0().to_iso_string());
        iso.truncate(19);
        iso.push('Z');
        iso
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

fn draft_key(questionnaire: &str) -> String {
    key(&format!("draft.{questionnaire}"))
}

fn definition_key(hash: &str) -> String {
    key(&format!("definition.{hash}"))
}

/// Keeps a definition on the device, once per version, exactly as the server sent it.
pub fn keep_definition(store: &dyn Store, fetched: &FetchedDefinition) {
    let definition_key = definition_key(fetched.definition.content_hash.as_deref().unwrap_or_default());
    if store.get(&definition_key).is_none() {
        store.set(&definition_key, &fetched.json);
    }
}

/// Saves the flow of a scan: its answers and step. Its definition was kept when it was fetched
/// ([`keep_definition`]).
pub fn save_flow(store: &dyn Store, flow: &Flow, started_at: &str, finished_at: Option<&str>) {
    let record = DraftRecord {
        definition_hash: flow.definition.content_hash.clone().unwrap_or_default(),
        answers: flow.answers.clone(),
        step: flow.step.clone(),
        started_at: started_at.to_owned(),
        finished_at: finished_at.map(str::to_owned),
    };
    write(store, &draft_key(&flow.definition.questionnaire.id), &record);
}

/// The stored draft for a questionnaire, resumed against the definition it was started with.
///
/// If that definition is no longer stored, the draft continues on `current` (when there is one,
/// which is then kept), keeping only the answers that still fit it. A step that no longer exists
/// (the question is hidden now, or the report of an incomplete scan) goes back to the start.
pub fn load_flow(store: &dyn Store, id: &str, current: Option<&FetchedDefinition>) -> Option<(Flow, DraftRecord)> {
    let record: DraftRecord = read(store, &draft_key(id))?;
    let stored: Option<Definition> = read(store, &definition_key(&record.definition_hash));
    let definition = stored.or_else(|| {
        let current = current?;
        keep_definition(store, current);
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
pub fn delete_draft(store: &dyn Store, id: &str) {
    store.remove(&draft_key(id));
    remove_unused_definitions(store);
}

fn remove_unused_definitions(store: &dyn Store) {
    let keys = crate::store::own_keys(store);
    let used: Vec<String> = keys
        .iter()
        .filter(|k| k.starts_with(&key("draft.")))
        .filter_map(|k| read::<DraftRecord>(store, k))
        .map(|record| definition_key(&record.definition_hash))
        .collect();
    for k in keys.iter().filter(|k| k.starts_with(&key("definition.")) && !used.contains(k)) {
        store.remove(k);
    }
}
