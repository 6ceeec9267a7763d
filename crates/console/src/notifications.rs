//! The arbeidsdeskundige's unread counts in the menu and the tab's title, as plain Rust: which
//! screen clears which count, what a menu entry shows, and the title with the total. The layout
//! asks the server again whenever the screen changes (and every minute), and tells it first when
//! the screen just opened is the one a count is about.

use serde::{Deserialize, Serialize};

/// The counts and settings (`GET /api/expert/notifications`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notifications {
    /// Results shared since the inbox was last opened.
    pub new_shares: i64,
    /// Appointments booked, or moved or cancelled by the person, since the appointments were
    /// last opened.
    pub changed_appointments: i64,
    /// The daily digest.
    pub digest: DigestSetting,
    /// Since when a calendar feed exists (RFC 3339), if one does.
    #[serde(default)]
    pub feed_since: Option<String>,
}

/// The daily e-mail digest's setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestSetting {
    /// Whether it is sent.
    pub on: bool,
    /// The local hour (0–23).
    pub hour: u32,
}

impl Default for DigestSetting {
    fn default() -> Self {
        DigestSetting { on: true, hour: 8 }
    }
}

/// The feed's address, shown once when made (`POST /api/expert/calendar-feed`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct FeedAddress {
    /// The address to subscribe to.
    pub url: String,
}

/// The count a screen clears when it opens (`shares` or `appointments`, as the server calls
/// them), by the screen's path without the console's base.
pub fn clears(path: &str) -> Option<&'static str> {
    match path.split('?').next().unwrap_or_default() {
        "/resultaten" => Some("shares"),
        "/afspraken" => Some("appointments"),
        _ => None,
    }
}

/// What a menu entry shows next to its name: the count of its screen, if any is unread.
pub fn badge(path: &str, counts: &Notifications) -> Option<i64> {
    let count = match clears(path)? {
        "shares" => counts.new_shares,
        _ => counts.changed_appointments,
    };
    (count > 0).then_some(count)
}

/// Everything unread: the menu button on a phone shows it while the menu is closed, and the tab's
/// title starts with it.
pub fn total(counts: &Notifications) -> i64 {
    counts.new_shares + counts.changed_appointments
}

/// The tab's title: "(3) Uitkomsten · Werkscan beheer" while something is unread, so it shows
/// in a tab that is not in front.
pub fn title(unread: i64, screen: &str, app: &str) -> String {
    if unread > 0 {
        format!("({unread}) {screen} · {app}")
    } else {
        format!("{screen} · {app}")
    }
}
