//! Lists the report app keeps on the device (finished scans, the upload queue, receipts,
//! bookings), as JSON through the kit's [`Store`], so they are tested with the in-memory store.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use werkscan_core::compare::{history_comparable, scales, ScoreScale};
use werkscan_core::ScanResult;
use werkscan_kit::drafts::{load_flow, save_flow};
use werkscan_kit::flow::{Flow, Step};
use werkscan_kit::store::{key, Store};

/// A list kept under `key` (a full key); empty when there is none or it cannot be read.
pub fn list<T: DeserializeOwned>(store: &dyn Store, key: &str) -> Vec<T> {
    store.get(key).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

/// Stores a list, or removes the key when it is empty so nothing lingers on the device.
pub fn save_list<T: Serialize>(store: &dyn Store, key: &str, list: &[T]) {
    if list.is_empty() {
        store.remove(key);
    } else if let Ok(text) = serde_json::to_string(list) {
        store.set(key, &text);
    }
}

/// Adds one entry at the end of a list.
pub fn push<T: Serialize + DeserializeOwned>(store: &dyn Store, key: &str, entry: T) {
    let mut all: Vec<T> = list(store, key);
    all.push(entry);
    save_list(store, key, &all);
}

/// A finished scan kept for comparison over time ("a film, not a photo").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When it was finished (RFC 3339).
    pub finished_at: String,
    /// The result as computed on the device.
    pub result: ScanResult,
    /// How its scores were measured, so a later scan of another version can tell whether it may
    /// be compared with this one. Entries kept before this was recorded have none; they compare
    /// only with a scan of the very same definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scales: Option<Vec<ScoreScale>>,
}

impl HistoryEntry {
    /// Whether this earlier scan may be compared with a result of `definition`: some score the
    /// person sees is declared comparable between the two versions, and each such score is still
    /// measured on the scales kept with this scan (`werkscan_core::compare::history_comparable`).
    pub fn comparable_with(&self, definition: &werkscan_core::Definition) -> bool {
        history_comparable(definition, &self.result, self.scales.as_deref())
    }
}

/// The latest of the earlier scans that may be compared with a result of `definition`.
pub fn comparable<'a>(earlier: &'a [HistoryEntry], definition: &werkscan_core::Definition) -> Option<&'a HistoryEntry> {
    earlier.iter().rev().find(|entry| entry.comparable_with(definition))
}

fn history_key() -> String {
    key("history")
}

/// Finished scans on this device, oldest first.
pub fn history(store: &dyn Store) -> Vec<HistoryEntry> {
    list(store, &history_key())
}

/// A finished scan, ready for its report.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    /// The flow, at its report step.
    pub flow: Flow,
    /// Its result, computed on the device.
    pub result: ScanResult,
    /// When it was finished (RFC 3339).
    pub finished_at: String,
    /// Earlier finished scans of the same questionnaire on this device, oldest first.
    pub earlier: Vec<HistoryEntry>,
}

/// The finished scan of a questionnaire on this device, if there is one. The first time its
/// report is shown is when the scan was finished: it enters the history then, once, and the
/// draft remembers the moment, so a reload (or a second tab) does not add it again.
pub fn finish(store: &dyn Store, questionnaire: &str, now: &str) -> Option<Finished> {
    let (flow, record) = load_flow(store, questionnaire, None).filter(|(flow, _)| flow.step == Step::Report)?;
    let result = flow.result();
    let finished_at = match record.finished_at.clone() {
        Some(when) => when,
        None => {
            push(
                store,
                &history_key(),
                HistoryEntry {
                    finished_at: now.to_owned(),
                    result: result.clone(),
                    scales: Some(scales(&flow.definition)),
                },
            );
            save_flow(store, &flow, &record.started_at, Some(now));
            now.to_owned()
        }
    };
    let earlier = history(store)
        .into_iter()
        .filter(|entry| entry.result.definition == flow.definition.questionnaire.id && entry.finished_at != finished_at)
        .collect();
    Some(Finished { flow, result, finished_at, earlier })
}
