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
