//! The arbeidsdeskundige's unread counts in the menu and the tab's title, as plain Rust: which
//! screen clears which count, what a menu entry shows, and the title with the total. The layout
//! asks the server again whenever the screen changes (and every minute), and tells it first when
//! the screen just opened is the one a count is about.

use werkscan_api::notifications::{Notifications, Seen};

/// The count a screen clears when it opens, by the screen's path without the console's base.
pub fn clears(path: &str) -> Option<Seen> {
    match path.split('?').next().unwrap_or_default() {
        "/resultaten" => Some(Seen::Shares),
        "/afspraken" => Some(Seen::Appointments),
        _ => None,
    }
}

/// What a menu entry shows next to its name: the count of its screen, if any is unread.
pub fn badge(path: &str, counts: &Notifications) -> Option<i64> {
    let count = match clears(path)? {
        Seen::Shares => counts.new_shares,
        Seen::Appointments => counts.changed_appointments,
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
