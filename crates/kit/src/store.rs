//! What the apps keep on the device, behind a trait: in the browser it is local storage, in tests
//! a map in memory, so the rules that read and write it (drafts, the upload queue, receipts,
//! bookings) run and are tested without a browser.
//!
//! Every key starts with `werkscan.`, so "wis mijn gegevens" can remove exactly what the apps
//! stored and nothing else.

use std::cell::RefCell;
use std::collections::BTreeMap;

use werkscan_core::json::{FromJson, ToJson};

/// The prefix of every key the apps store.
pub const PREFIX: &str = "werkscan.";

/// The full key for one of the apps' entries.
pub fn key(rest: &str) -> String {
    format!("{PREFIX}{rest}")
}

/// A key-value store of texts, like the browser's local storage.
pub trait Store {
    /// The text under `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`; `false` when the device refused (storage full or disabled).
    fn set(&self, key: &str, value: &str) -> bool;
    /// Removes `key` (nothing happens when it is not there).
    fn remove(&self, key: &str);
    /// Every key in the store, including other sites' keys where the store is shared.
    fn keys(&self) -> Vec<String>;
}

/// The browser's local storage (through gloo-storage's raw handle: texts in and out, so no serde
/// code is involved). Reading or writing fails quietly where storage is disabled (private
/// browsing in some browsers): the scan then works for the session without being kept.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserStore;

impl BrowserStore {
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?;
        Some(<gloo_storage::LocalStorage as gloo_storage::Storage>::raw())
    }
}

impl Store for BrowserStore {
    fn get(&self, key: &str) -> Option<String> {
        BrowserStore::storage()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> bool {
        BrowserStore::storage().is_some_and(|storage| storage.set_item(key, value).is_ok())
    }

    fn remove(&self, key: &str) {
        if let Some(storage) = BrowserStore::storage() {
            let _ = storage.remove_item(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        let Some(storage) = BrowserStore::storage() else { return Vec::new() };
        let count = storage.length().unwrap_or(0);
        (0..count).filter_map(|index| storage.key(index).ok().flatten()).collect()
    }
}

/// A store in memory, for tests (and for a device where local storage is unavailable).
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> bool {
        self.entries.borrow_mut().insert(key.to_owned(), value.to_owned());
        true
    }

    fn remove(&self, key: &str) {
        self.entries.borrow_mut().remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.entries.borrow().keys().cloned().collect()
    }
}

/// Reads a value stored under `key` (a full key), if it is there and readable.
pub fn read<T: FromJson>(store: &dyn Store, key: &str) -> Option<T> {
    T::from_json_text(&store.get(key)?).ok()
}

/// Stores a value under `key` (a full key).
pub fn write(store: &dyn Store, key: &str, value: &impl ToJson) -> bool {
    store.set(key, &value.to_json().write())
}

/// Every key the apps stored.
pub fn own_keys(store: &dyn Store) -> Vec<String> {
    store.keys().into_iter().filter(|key| key.starts_with(PREFIX)).collect()
}

/// Removes everything the apps stored on the device (other sites' keys stay).
pub fn wipe_all(store: &dyn Store) {
    for key in own_keys(store) {
        store.remove(&key);
    }
}

/// The language chosen earlier on this device, if any.
pub fn load_lang(store: &dyn Store) -> Option<werkscan_core::Lang> {
    read(store, &key("lang"))
}

/// Remembers the chosen language (only when the person chooses one: an untouched device keeps
/// nothing).
pub fn save_lang(store: &dyn Store, lang: werkscan_core::Lang) {
    write(store, &key("lang"), &lang);
}
