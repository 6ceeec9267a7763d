//! Reusable pieces of the report app's screens.

mod choices;
mod report_view;
mod share;
mod talk;

pub use choices::{Choice, ChoiceList};
use leptos::prelude::*;
pub use report_view::ReportView;
pub use share::SharePanel;
pub use talk::{kind_label, Talk};
use werkscan_kit::store::BrowserStore;

use crate::api::Server;
use werkscan_core::when::date_in_words;
use werkscan_core::Lang;

thread_local! {
    // One flush at a time: the start-up flush and an `online` event must not both send the
    // same queued upload.
    static FLUSHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static OUTBOX_CHANGED: Trigger = Trigger::new();
}

/// Notified whenever a flush of the queue finished, so screens can show the new state.
pub fn outbox_changed() -> Trigger {
    OUTBOX_CHANGED.with(|trigger| *trigger)
}

/// Sends what is queued (see [`crate::sharing::send_queued`]), one flush at a time, and tells the
/// screens through [`outbox_changed`].
pub async fn flush_outbox() {
    if FLUSHING.with(|flag| flag.replace(true)) {
        return;
    }
    crate::sharing::send_queued(&BrowserStore, &Server).await;
    FLUSHING.with(|flag| flag.set(false));
    outbox_changed().notify();
}

/// `2026-12-01` or an RFC 3339 time as "1 december 2026" (the phone's own date for a time);
/// anything else as it is.
pub(crate) fn day_words(value: &str, lang: Lang) -> String {
    if let Ok(when) = chrono::DateTime::parse_from_rfc3339(value) {
        return date_in_words(lang, when.with_timezone(&chrono::Local).date_naive());
    }
    match chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(day) => date_in_words(lang, day),
        Err(_) => value.to_owned(),
    }
}

/// The address of the withdrawal page on this site, as a person would type it.
pub(crate) fn withdraw_address() -> String {
    let host = window().location().host().unwrap_or_default();
    format!("{host}{}", werkscan_core::routes::Route::Withdraw.path())
}
