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
use werkscan_core::submission::{Contact, Receipt, Submission};
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
    async fn upload(&self, key: Option<&str>, submission: &Submission) -> Result<Receipt, SendError>;
    /// Withdraws an upload: the server deletes it and everything derived from it.
    async fn withdraw(&self, receipt: &Receipt) -> Result<(), SendError>;
    /// Withdraws the upload a withdrawal code belongs to (in its usual form); returns the
    /// deleted submission's id.
    async fn withdraw_by_code(&self, code: &str) -> Result<String, SendError>;
}

/// Why the server refused an upload: its stable code (for the screen to choose its words) and
/// its message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// Stable error code, e.g. `consent_outdated`.
    pub code: String,
    /// The server's explanation.
    pub message: String,
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
            Stored::Bare(submission) => QueuedUpload { key: None, submission },
        })
        .collect()
}

/// Receipts of uploads that can still be withdrawn.
pub fn receipts(store: &dyn Store) -> Vec<Receipt> {
    list(store, &receipts_key())
}

/// The latest receipt for a campaign.
pub fn receipt_for(store: &dyn Store, campaign: &str) -> Option<Receipt> {
    receipts(store).into_iter().rev().find(|receipt| receipt.campaign == campaign)
}

fn contact_key() -> String {
    key("contact")
}

/// Keeps the contact details the person typed when sharing, on this device only, so that a
/// booking afterwards can offer them again instead of asking for every key once more. Erased
/// with everything else by "wis mijn gegevens".
pub fn remember_contact(store: &dyn Store, contact: &Contact) {
    if let Ok(text) = serde_json::to_string(contact) {
        store.set(&contact_key(), &text);
    }
}

/// The contact details typed when sharing, if this device kept them.
pub fn remembered_contact(store: &dyn Store) -> Option<Contact> {
    serde_json::from_str(&store.get(&contact_key())?).ok()
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
    } else if outbox(store).iter().any(|queued| queued.submission.campaign == campaign) {
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
    Refused(Refusal),
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
        Err(SendError::Refused { code, message }) => ShareOutcome::Refused(Refusal { code, message }),
    }
}

/// Tries to send everything queued, with the keys it was queued with; keeps what still cannot
/// go. A refusal is kept for the share screen to explain (a queued upload must never vanish
/// without a word).
pub async fn send_queued(store: &dyn Store, transport: &impl Transport) {
    let mut settled = Vec::new();
    for queued in outbox(store) {
        match transport.upload(queued.key.as_deref(), &queued.submission).await {
            Ok(receipt) => push(store, &receipts_key(), receipt),
            Err(SendError::Offline) => continue,
            Err(SendError::Refused { code, message }) => {
                if let Ok(text) = serde_json::to_string(&Refusal { code, message }) {
                    store.set(&refusal_key(&queued.submission.campaign), &text);
                }
            }
        }
        settled.push(queued);
    }
    // Read again rather than saving what was read before the uploads: a share made while they
    // were under way (here or in another tab) was queued meanwhile and must stay.
    let remaining: Vec<QueuedUpload> = outbox(store).into_iter().filter(|queued| !settled.contains(queued)).collect();
    save_list(store, &outbox_key(), &remaining);
}

/// Why the server refused a queued upload for this campaign, once: reading it clears it. (A
/// reason kept by an earlier version of the app is a bare message.)
pub fn take_refusal(store: &dyn Store, campaign: &str) -> Option<Refusal> {
    let text = store.get(&refusal_key(campaign))?;
    store.remove(&refusal_key(campaign));
    Some(serde_json::from_str(&text).unwrap_or(Refusal { code: String::new(), message: text }))
}

/// Withdraws an upload and forgets its receipt once the server confirmed the deletion.
pub async fn withdraw(store: &dyn Store, transport: &impl Transport, receipt: &Receipt) -> Result<(), SendError> {
    match transport.withdraw(receipt).await {
        // "Not found" with the token from our own receipt means already deleted (withdrawn on
        // another tab or device, or past the retention period): forget it too.
        Ok(()) => forget(store, receipt),
        Err(SendError::Refused { code, .. }) if code == "submission_not_found" => forget(store, receipt),
        Err(error) => Err(error),
    }
}

fn forget(store: &dyn Store, receipt: &Receipt) -> Result<(), SendError> {
    forget_submission(store, &receipt.submission_id);
    Ok(())
}

/// Forgets the receipt of a submission that is gone from the server.
fn forget_submission(store: &dyn Store, submission_id: &str) {
    let all: Vec<Receipt> = receipts(store).into_iter().filter(|r| r.submission_id != submission_id).collect();
    save_list(store, &receipts_key(), &all);
}

/// Why a withdrawal by code did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeProblem {
    /// What was typed cannot be a code (checked on the phone; nothing was sent).
    Malformed,
    /// No upload has this code: a typing error, or it was withdrawn or deleted already.
    Unknown,
    /// Too many wrong codes from this connection: wait an hour.
    TooManyWrong,
    /// No connection.
    Offline,
    /// Another refusal, with the server's message.
    Other(String),
}

/// Withdraws the upload a typed withdrawal code belongs to (from any device). If this device
/// kept its receipt, that is forgotten too. Returns the deleted submission's id.
pub async fn withdraw_with_code(
    store: &dyn Store,
    transport: &impl Transport,
    typed: &str,
) -> Result<String, CodeProblem> {
    let code = werkscan_core::withdrawal_code::normalise(typed).ok_or(CodeProblem::Malformed)?;
    match transport.withdraw_by_code(&code).await {
        Ok(id) => {
            forget_submission(store, &id);
            Ok(id)
        }
        Err(SendError::Offline) => Err(CodeProblem::Offline),
        Err(SendError::Refused { code, message }) => Err(match code.as_str() {
            "withdrawal_code_not_found" => CodeProblem::Unknown,
            "invalid_withdrawal_code" => CodeProblem::Malformed,
            "too_many_wrong_codes" => CodeProblem::TooManyWrong,
            _ => CodeProblem::Other(message),
        }),
    }
}

/// Withdraws every upload this device has a receipt for (before wiping the device). Stops at the
/// first that cannot be withdrawn now and returns that error; what was withdrawn is forgotten.
pub async fn withdraw_all(store: &dyn Store, transport: &impl Transport) -> Result<(), SendError> {
    for receipt in receipts(store) {
        withdraw(store, transport, &receipt).await?;
    }
    Ok(())
}
