//! The arbeidsdeskundige's unread counts, the daily digest and the calendar feed.

use serde::{Deserialize, Serialize};

/// `GET /api/expert/notifications` reply: what the console shows in its menu, and the expert's
/// settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notifications {
    /// Results shared since the expert last opened the inbox.
    pub new_shares: i64,
    /// Appointments booked, or moved or cancelled by the person, since the expert last opened
    /// the appointments.
    pub changed_appointments: i64,
    /// The daily digest.
    pub digest: DigestSetting,
    /// Since when a calendar feed address exists (RFC 3339), if one does.
    #[serde(default)]
    pub feed_since: Option<String>,
}

/// The daily e-mail digest's setting (`PUT /api/expert/notifications/digest` body).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestSetting {
    /// Whether it is sent at all.
    pub on: bool,
    /// The local hour (0–23) it is sent at, at most once a day.
    pub hour: u32,
}

impl Default for DigestSetting {
    /// Until the expert chooses: on, at 08:00.
    fn default() -> Self {
        DigestSetting { on: true, hour: 8 }
    }
}

names! {
    /// Which count the expert has just seen.
    pub enum Seen {
        /// The inbox of shared results.
        Shares = "shares",
        /// The appointments.
        Appointments = "appointments",
    }
}

/// `POST /api/expert/notifications/seen` body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeenBody {
    /// What was seen.
    pub kind: Seen,
}

/// `POST /api/expert/calendar-feed` reply: the feed's address, given once when it is made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedAddress {
    /// The full address to subscribe to.
    pub url: String,
}
