//! Sharing after the report: which campaign a scan belongs to, what waits to be sent, and the
//! receipts that allow withdrawal. Kept on the device under `werkscan.` keys like everything else,
//! so "wis mijn gegevens" removes it too.

use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use werkscan_core::json::{FromJson, Json, JsonError, Reader, ToJson};
use werkscan_core::submission::{Receipt, Submission};

use crate::api::{self, Campaign, SendError};

/// The campaign a scan was opened from, and the department the person picked. Stored with
/// `werkscan_core::json`, because the scan module reads and writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct CampaignContext {
    /// The campaign as its link showed it.
    pub campaign: Campaign,
    /// The chosen department; `None` is "zeg ik liever niet".
    pub department: Option<String>,
}

impl FromJson for CampaignContext {
    fn from_json(json: &Json) -> Result<CampaignContext, JsonError> {
        let mut r = Reader::new(json)?;
        let campaign = r.required::<Campaign>("campaign");
        let department = r.optional("department");
        r.finish()?;
        match campaign {
            Some(campaign) => Ok(CampaignContext { campaign, department }),
            None => Err(JsonError { at: "campaign".into(), message: "missing".into() }),
        }
    }
}

impl ToJson for CampaignContext {
    fn to_json(&self) -> Json {
        Json::Object(vec![
            ("campaign".into(), self.campaign.to_json()),
            ("department".into(), self.department.to_json()),
        ])
    }
}

fn context_key(questionnaire: &str) -> String {
    format!("werkscan.campaign.{questionnaire}")
}

/// Remembers the campaign for the scan it opens.
pub fn save_context(context: &CampaignContext) {
    crate::storage::write(&context_key(&context.campaign.questionnaire.id), context);
}

/// The campaign a scan of this questionnaire belongs to, if it was opened from a campaign link.
pub fn context_for(questionnaire: &str) -> Option<CampaignContext> {
    crate::storage::read(&context_key(questionnaire))
}

/// Uploads waiting for a connection, oldest first.
pub fn outbox() -> Vec<Submission> {
    LocalStorage::get("werkscan.outbox").unwrap_or_default()
}

fn save_outbox(queue: &[Submission]) {
    save_list("werkscan.outbox", queue);
}

/// Stores a list, or removes the key when it is empty so nothing lingers on the device.
fn save_list<T: Serialize>(key: &str, list: &[T]) {
    if list.is_empty() {
        LocalStorage::delete(key);
    } else {
        let _ = LocalStorage::set(key, list);
    }
}

/// Receipts of uploads that can still be withdrawn.
pub fn receipts() -> Vec<Receipt> {
    LocalStorage::get("werkscan.receipts").unwrap_or_default()
}

fn save_receipts(all: &[Receipt]) {
    save_list("werkscan.receipts", all);
}

/// The latest receipt for a campaign.
pub fn receipt_for(campaign: &str) -> Option<Receipt> {
    receipts().into_iter().rev().find(|receipt| receipt.campaign == campaign)
}

/// What happened to an attempt to share.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareOutcome {
    /// Sent and stored by the server.
    Sent(Receipt),
    /// No connection: kept on the device and sent later.
    Queued,
    /// Refused by the server; nothing was stored there.
    Refused(String, String),
}

/// Sends a submission now, or queues it when there is no connection.
pub async fn share(submission: Submission) -> ShareOutcome {
    match api::upload(&submission).await {
        Ok(receipt) => {
            let mut all = receipts();
            all.push(receipt.clone());
            save_receipts(&all);
            ShareOutcome::Sent(receipt)
        }
        Err(SendError::Offline) => {
            let mut queue = outbox();
            queue.push(submission);
            save_outbox(&queue);
            ShareOutcome::Queued
        }
        Err(SendError::Refused { code, message }) => ShareOutcome::Refused(code, message),
    }
}

thread_local! {
    // One flush at a time: the start-up flush and an `online` event must not both send the
    // same queued upload.
    static FLUSHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static OUTBOX_CHANGED: leptos::prelude::RwSignal<u32> = leptos::prelude::RwSignal::new(0);
}

/// Changes whenever a flush of the queue finished, so screens can show the new state.
pub fn outbox_changed() -> leptos::prelude::RwSignal<u32> {
    OUTBOX_CHANGED.with(|signal| *signal)
}

/// Tries to send everything queued; keeps what still cannot go. Returns the outcomes of the
/// attempts that finished (sent or refused); nothing if a flush is already running.
pub async fn flush_outbox() -> Vec<ShareOutcome> {
    use leptos::prelude::Update;
    if FLUSHING.with(|flag| flag.replace(true)) {
        return Vec::new();
    }
    let finished = send_queued().await;
    FLUSHING.with(|flag| flag.set(false));
    outbox_changed().update(|count| *count += 1);
    finished
}

async fn send_queued() -> Vec<ShareOutcome> {
    let mut remaining = Vec::new();
    let mut finished = Vec::new();
    for submission in outbox() {
        match api::upload(&submission).await {
            Ok(receipt) => {
                let mut all = receipts();
                all.push(receipt.clone());
                save_receipts(&all);
                finished.push(ShareOutcome::Sent(receipt));
            }
            Err(SendError::Offline) => remaining.push(submission),
            Err(SendError::Refused { code, message }) => {
                // Kept so the share screen can say why, even if this ran at start-up with no
                // share screen open: a queued upload must never vanish without a word.
                let _ = LocalStorage::set(refusal_key(&submission.campaign), &message);
                finished.push(ShareOutcome::Refused(code, message))
            }
        }
    }
    save_outbox(&remaining);
    finished
}

fn refusal_key(campaign: &str) -> String {
    format!("werkscan.refused.{campaign}")
}

/// Why the server refused a queued upload for this campaign, once: reading it clears it.
pub fn take_refusal(campaign: &str) -> Option<String> {
    let message = LocalStorage::get(refusal_key(campaign)).ok();
    LocalStorage::delete(refusal_key(campaign));
    message
}

/// Withdraws an upload and forgets its receipt once the server confirmed the deletion.
pub async fn withdraw(receipt: &Receipt) -> Result<(), SendError> {
    match api::withdraw(receipt).await {
        // "Not found" with the token from our own receipt means already deleted (withdrawn on
        // another tab, or past the retention period): forget it too.
        Ok(()) => forget(receipt),
        Err(SendError::Refused { code, .. }) if code == "submission_not_found" => forget(receipt),
        Err(error) => Err(error),
    }
}

fn forget(receipt: &Receipt) -> Result<(), SendError> {
    let all: Vec<Receipt> = receipts().into_iter().filter(|r| r.submission_id != receipt.submission_id).collect();
    save_receipts(&all);
    Ok(())
}
