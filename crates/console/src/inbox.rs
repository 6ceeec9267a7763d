//! The inbox's filters as they live in the address bar (so back, forward, reload and a
//! bookmark keep them) and as the API reads them.

use werkscan_api::expert::{InboxQuery, StrongestSignal, SubmissionStatus};

use crate::api::query;

/// Results per page of the inbox.
pub const PAGE_SIZE: u32 = 50;

/// What the inbox shows: every filter optional (empty), newest first unless asked otherwise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InboxFilter {
    /// A campaign id.
    pub campaign: String,
    /// A department; `-` for "not given".
    pub department: String,
    /// A status key.
    pub status: String,
    /// A signal key.
    pub signal: String,
    /// Oldest first.
    pub oldest_first: bool,
    /// The page, from 0.
    pub page: u32,
}

impl InboxFilter {
    /// Reads the filters of the address bar; what is not a known status, signal or number is
    /// left out rather than sent on.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> InboxFilter {
        let known =
            |value: Option<String>, known: fn(&str) -> bool| value.filter(|value| known(value)).unwrap_or_default();
        InboxFilter {
            campaign: get("campaign").unwrap_or_default(),
            department: get("department").unwrap_or_default(),
            status: known(get("status"), |key| SubmissionStatus::parse(key).is_some()),
            signal: known(get("signal"), |key| StrongestSignal::parse(key).is_some()),
            oldest_first: get("sort").as_deref() == Some("oldest"),
            page: get("page").and_then(|page| page.parse::<u32>().ok()).filter(|page| *page < 100_000).unwrap_or(0),
        }
    }

    /// The filters as the API reads them, on this page.
    fn api_query(&self) -> InboxQuery {
        InboxQuery {
            campaign: self.campaign.clone(),
            department: self.department.clone(),
            status: self.status.clone(),
            signal: self.signal.clone(),
            sort: if self.oldest_first { "oldest".into() } else { String::new() },
            offset: i64::from(self.page) * i64::from(PAGE_SIZE),
            limit: i64::from(PAGE_SIZE),
        }
    }

    /// The inbox's own address with these filters (`/resultaten?status=nieuw`): the API's names
    /// for the filters, and the page instead of offset and limit.
    pub fn path(&self) -> String {
        let mut pairs: Vec<(&str, String)> =
            self.api_query().pairs().into_iter().filter(|(name, _)| !matches!(*name, "offset" | "limit")).collect();
        if self.page > 0 {
            pairs.push(("page", self.page.to_string()));
        }
        format!("/resultaten{}", query(&pairs))
    }

    /// The API request for this page.
    pub fn api_url(&self) -> String {
        format!("/api/expert/submissions{}", query(&self.api_query().pairs()))
    }

    /// The CSV export of everything the expert may see, of the chosen campaign or of all.
    pub fn export_url(&self) -> String {
        format!("/api/expert/export.csv{}", query(&[("campaign", self.campaign.clone())]))
    }

    /// The same filters with another status (from the first page).
    pub fn with_status(&self, status: &str) -> InboxFilter {
        InboxFilter { status: status.to_owned(), page: 0, ..self.clone() }
    }

    /// Another campaign: its departments differ, so the department filter goes too.
    pub fn with_campaign(&self, campaign: &str) -> InboxFilter {
        InboxFilter { campaign: campaign.to_owned(), department: String::new(), page: 0, ..self.clone() }
    }

    /// Another page.
    pub fn with_page(&self, page: u32) -> InboxFilter {
        InboxFilter { page, ..self.clone() }
    }

    /// Which rows of `total` this page shows, counted from 1 (`(0, 0)` when none).
    pub fn shown(&self, total: i64, on_page: usize) -> (i64, i64) {
        if on_page == 0 || total == 0 {
            return (0, 0);
        }
        let first = i64::from(self.page) * i64::from(PAGE_SIZE) + 1;
        (first, first + on_page as i64 - 1)
    }

    /// Whether a later page exists.
    pub fn has_next(&self, total: i64) -> bool {
        (i64::from(self.page) + 1) * i64::from(PAGE_SIZE) < total
    }
}
