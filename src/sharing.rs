//! Sharing after the report: which campaign a scan belongs to, what waits to be sent, and the
//! receipts that allow withdrawal. Kept on the device under `werkscan.` keys like everything else,
//! so "wis mijn gegevens" removes it too.

use gloo_storage::{LocalStorage, Storage};
use werkscan_core::json::{present, FromJson, Json, JsonError, Reader, ToJson};
use werkscan_core::submission::{Receipt, Submission};

use crate::api::{self, Campaign, SendError};
use crate::storage::{key, list, push, read, save_list, write};

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
        Ok(CampaignContext { campaign: present(campaign)?, department })
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
    key(&format!("campaign.{questionnaire}"))
}

fn outbox_key() -> String {
    key("outbox")
}

fn receipts_key() -> String {
    key("receipts")
}

/// Remembers the campaign for the scan it opens.
pub fn save_context(context: &CampaignContext) {
    write(&context_key(&context.campaign.questionnaire.id), context);
}

/// The campaign a scan of this questionnaire belongs to, if it was opened from a campaign link.
pub fn context_for(questionnaire: &str) -> Option<CampaignContext> {
    read(&context_key(questionnaire))
}

/// Uploads waiting for a connection, oldest first.
pub fn outbox() -> Vec<Submission> {
    list(&outbox_key())
}

/// Receipts of uploads that can still be withdrawn.
pub fn receipts() -> Vec<Receipt> {
    list(&receipts_key())
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
    /// Refused by the server, with its reason; nothing was stored there.
    Refused(String),
}

/// Sends a submission now, or queues it when there is no connection.
pub async fn share(submission: Submission) -> ShareOutcome {
    match api::upload(&submission).await {
        Ok(receipt) => {
            push(&receipts_key(), receipt.clone());
            ShareOutcome::Sent(receipt)
        }
        Err(SendError::Offline) => {
            push(&outbox_key(), submission);
            ShareOutcome::Queued
        }
        Err(SendError::Refused { message, .. }) => ShareOutcome::Refused(message),
    }
}

thread_local! {
    // One flush at a time: the start-up flush and an `online` event must not both send the
    // same queued upload.
    static FLUSHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static OUTBOX_CHANGED: leptos::prelude::Trigger = leptos::prelude::Trigger::new();
}

/// Notified whenever a flush of the queue finished, so screens can show the new state.
pub fn outbox_changed() -> leptos::prelude::Trigger {
    OUTBOX_CHANGED.with(|signal| *signal)
}

/// Tries to send everything queued and keeps what still cannot go; does nothing if a flush is
/// already running. Screens follow the result through [`outbox_changed`]: receipts for what was
/// sent, refusals for what was refused.
pub async fn flush_outbox() {
    use leptos::prelude::Notify;
    if FLUSHING.with(|flag| flag.replace(true)) {
        return;
    }
    send_queued().await;
    FLUSHING.with(|flag| flag.set(false));
    outbox_changed().notify();
}

async fn send_queued() {
    let mut settled = Vec::new();
    for submission in outbox() {
        match api::upload(&submission).await {
            Ok(receipt) => push(&receipts_key(), receipt),
            Err(SendError::Offline) => continue,
            Err(SendError::Refused { message, .. }) => {
                // Kept so the share screen can say why, even if this ran at start-up with no
                // share screen open: a queued upload must never vanish without a word.
                let _ = LocalStorage::set(refusal_key(&submission.campaign), &message);
            }
        }
        settled.push(submission);
    }
    // Read again rather than saving what was read before the uploads: a share made while they
    // were under way (here or in another tab) was queued meanwhile and must stay.
    let remaining: Vec<Submission> = outbox().into_iter().filter(|queued| !settled.contains(queued)).collect();
    save_list(&outbox_key(), &remaining);
}

fn refusal_key(campaign: &str) -> String {
    key(&format!("refused.{campaign}"))
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
    save_list(&receipts_key(), &all);
    Ok(())
}
