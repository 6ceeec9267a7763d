//! Sharing after the report, as plain Rust: what waits to be sent, the receipts that allow
//! withdrawal, and where sharing with a campaign stands. Requests go through a [`Transport`]
//! (the server in the browser, a stand-in in tests), and everything is kept through the kit's
//! [`Store`], under `werkscan.` keys, so "wis mijn gegevens" removes it too.
//!
//! Every upload has a key chosen on the phone when the person shares (256 random bits). It goes
//! with the upload when it is queued, so a retry after a lost answer gets the first receipt back
//! instead of making a second copy on the server that nobody could withdraw. The key is also the
//! withdrawal token.

use serde::{Deserialize, Serialize};
use werkscan_core::submission::{Receipt, Submission};
use werkscan_kit::store::{key, Store};

use crate::records::{list, push, save_list};

/// Why a request did not succeed.
#[derive(Clone, Debug, PartialEq)]
pub enum SendError {
    /// No connection: try again later (the upload stays queued on the device).
    Offline,
    /// The server refused, with its stable code and message: retrying will not help.
    Refused {
        /// Stable error code, e.g. `campaign_closed`.
        code: String,
        /// The server's explanation.
        message: String,
    },
}

/// How uploads and withdrawals reach the server.
// Single-threaded in the browser: the futures need not be `Send`, which is what the lint is about.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Uploads a submission under its key; returns the receipt.
    async fn upload(
        &self,
        key: Option<&str>,
        submission: &Submission,
    ) -> Result<Receipt, SendError>;
    /// Withdraws an upload: the server deletes it and everything derived from it.
    async fn withdraw(&self, receipt: &Receipt) -> Result<(), SendError>;
}

/// An upload waiting for a connection, with its key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuedUpload {
    /// The upload's key (`None` only where the browser had no secure random source).
    #[serde(default)]
    pub key: Option<String>,
    /// What is sent.
    pub submission: Submission,
}

/// Reads the queue, including entries written before uploads had keys (a bare submission).
#[derive(Deserialize)]
#[serde(untagged)]
enum Stored {
    Keyed(QueuedUpload),
    Bare(Submission),
}

fn outbox_key() -> String {
    key("outbox")
}

fn receipts_key() -> String {
    key("receipts")
}

fn refusal_key(campaign: &str) -> String {
    key(&format!("refused.{campaign}"))
}

/// Uploads waiting for a connection, oldest first.
pub fn outbox(store: &dyn Store) -> Vec<QueuedUpload> {
    list::<Stored>(store, &outbox_key())
        .into_iter()
        .map(|stored| match stored {
            Stored::Keyed(queued) => queued,
            Stored::Bare(submission) => QueuedUpload {
                key: None,
                submission,
            },
        })
        .collect()
}

/// Receipts of uploads that can still be withdrawn.
pub fn receipts(store: &dyn Store) -> Vec<Receipt> {
    list(store, &receipts_key())
}

/// The latest receipt for a campaign.
pub fn receipt_for(store: &dyn Store, campaign: &str) -> Option<Receipt> {
    receipts(store)
        .into_iter()
        .rev()
        .find(|receipt| receipt.campaign == campaign)
}

/// Where sharing with a campaign stands, as the device knows it.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareState {
    /// Nothing shared or queued: the consent form.
    Choosing,
    /// An upload is under way.
    Sending,
    /// Shared; the receipt allows withdrawal.
    Sent(Receipt),
    /// Waiting for a connection.
    Queued,
    /// The person chose "Niets delen".
    Nothing,
    /// Withdrawn: nothing of it is left on the server.
    Withdrawn,
}

/// Where sharing with this campaign stands according to what the device holds: a receipt, a
/// queued upload, or neither.
pub fn stored_state(store: &dyn Store, campaign: &str) -> ShareState {
    if let Some(receipt) = receipt_for(store, campaign) {
        ShareState::Sent(receipt)
    } else if outbox(store)
        .iter()
        .any(|queued| queued.submission.campaign == campaign)
    {
        ShareState::Queued
    } else {
        ShareState::Choosing
    }
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

/// Sends a submission now under a new key, or queues it (with the key) when there is no
/// connection.
pub async fn share(
    store: &dyn Store,
    transport: &impl Transport,
    submission: Submission,
    key: Option<String>,
) -> ShareOutcome {
    match transport.upload(key.as_deref(), &submission).await {
        Ok(receipt) => {
            push(store, &receipts_key(), receipt.clone());
            ShareOutcome::Sent(receipt)
        }
        Err(SendError::Offline) => {
            push(store, &outbox_key(), QueuedUpload { key, submission });
            ShareOutcome::Queued
        }
        Err(SendError::Refused { message, .. }) => ShareOutcome::Refused(message),
    }
}

/// Tries to send everything queued, with the keys it was queued with; keeps what still cannot
/// go. A refusal is kept for the share screen to explain (a queued upload must never vanish
/// without a word).
pub async fn send_queued(store: &dyn Store, transport: &impl Transport) {
    let mut settled = Vec::new();
    for queued in outbox(store) {
        match transport
            .upload(queued.key.as_deref(), &queued.submission)
            .await
        {
            Ok(receipt) => push(store, &receipts_key(), receipt),
            Err(SendError::Offline) => continue,
            Err(SendError::Refused { message, .. }) => {
                store.set(&refusal_key(&queued.submission.campaign), &message);
            }
        }
        settled.push(queued);
    }
    // Read again rather than saving what was read before the uploads: a share made while they
    // were under way (here or in another tab) was queued meanwhile and must stay.
    let remaining: Vec<QueuedUpload> = outbox(store)
        .into_iter()
        .filter(|queued| !settled.contains(queued))
        .collect();
    save_list(store, &outbox_key(), &remaining);
}

/// Why the server refused a queued upload for this campaign, once: reading it clears it.
pub fn take_refusal(store: &dyn Store, campaign: &str) -> Option<String> {
    let message = store.get(&refusal_key(campaign));
    store.remove(&refusal_key(campaign));
    message
}

/// Withdraws an upload and forgets its receipt once the server confirmed the deletion.
pub async fn withdraw(
    store: &dyn Store,
    transport: &impl Transport,
    receipt: &Receipt,
) -> Result<(), SendError> {
    match transport.withdraw(receipt).await {
        // "Not found" with the token from our own receipt means already deleted (withdrawn on
        // another tab or device, or past the retention period): forget it too.
        Ok(()) => forget(store, receipt),
        Err(SendError::Refused { code, .. }) if code == "submission_not_found" => {
            forget(store, receipt)
        }
        Err(error) => Err(error),
    }
}

fn forget(store: &dyn Store, receipt: &Receipt) -> Result<(), SendError> {
    let all: Vec<Receipt> = receipts(store)
        .into_iter()
        .filter(|r| r.submission_id != receipt.submission_id)
        .collect();
    save_list(store, &receipts_key(), &all);
    Ok(())
}
