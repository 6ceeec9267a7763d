//! The campaign a scan was opened from. The scan app keeps it when the person follows a campaign
//! link; the report app reads it to offer sharing and booking with that campaign.
//!
//! Kept whole, as the link showed it, so that a campaign seen once still opens without a
//! connection (its questionnaire is kept with the draft).

use werkscan_core::campaign::PublicCampaign;
use werkscan_core::json::{present, FromJson, Json, JsonError, Reader, ToJson};

use crate::store::{key, read, write, Store};

/// The campaign a scan was opened from, the department the person picked, and their personal
/// invitation.
#[derive(Clone, Debug, PartialEq)]
pub struct CampaignContext {
    /// The campaign as its link showed it.
    pub campaign: PublicCampaign,
    /// The chosen department; `None` is "zeg ik liever niet".
    pub department: Option<String>,
    /// The token of the personal invitation the link carried (`?u=`), for a campaign with
    /// personal invitations: an upload needs it, and uses it up.
    pub invitation: Option<String>,
}

impl FromJson for CampaignContext {
    fn from_json(json: &Json) -> Result<CampaignContext, JsonError> {
        let mut r = Reader::new(json)?;
        let campaign = r.required::<PublicCampaign>("campaign");
        let department = r.optional("department");
        let invitation = r.optional("invitation");
        r.finish()?;
        Ok(CampaignContext { campaign: present(campaign)?, department, invitation })
    }
}

impl ToJson for CampaignContext {
    fn to_json(&self) -> Json {
        Json::Object(vec![
            ("campaign".into(), self.campaign.to_json()),
            ("department".into(), self.department.to_json()),
            ("invitation".into(), self.invitation.to_json()),
        ])
    }
}

fn context_key(questionnaire: &str) -> String {
    key(&format!("campaign.{questionnaire}"))
}

/// Remembers the campaign for the scan it opens.
pub fn save_context(store: &dyn Store, context: &CampaignContext) {
    write(store, &context_key(&context.campaign.questionnaire.id), context);
}

/// The campaign a scan of this questionnaire belongs to, if it was opened from a campaign link.
pub fn context_for(store: &dyn Store, questionnaire: &str) -> Option<CampaignContext> {
    read(store, &context_key(questionnaire))
}

/// The last campaign seen with this code, for opening its link again without a connection.
pub fn context_by_code(store: &dyn Store, code: &str) -> Option<CampaignContext> {
    crate::store::own_keys(store)
        .iter()
        .filter(|k| k.starts_with(&key("campaign.")))
        .filter_map(|k| read::<CampaignContext>(store, k))
        .find(|context| context.campaign.code.eq_ignore_ascii_case(code))
}

fn seen_key(code: &str) -> String {
    // ASCII only: codes are, and full Unicode case tables would cost the scan module kilobytes.
    key(&format!("seen.{}", code.trim().to_ascii_uppercase()))
}

/// Keeps a campaign as its link showed it, as soon as the link opens: opened again without a
/// connection, the invitation then shows as it was (saying it was kept) instead of claiming the
/// link does not exist. Only what the link showed everyone; "wis mijn gegevens" removes it.
pub fn remember_campaign(store: &dyn Store, campaign: &PublicCampaign) {
    // Kept in the same form as a scan's context (no department chosen yet), which costs the scan
    // module no second reader and writer.
    write(
        store,
        &seen_key(&campaign.code),
        &CampaignContext { campaign: campaign.clone(), department: None, invitation: None },
    );
}

/// The campaign with this code as this phone last saw it: from a scan it opened, or from its
/// link alone.
pub fn kept_campaign(store: &dyn Store, code: &str) -> Option<PublicCampaign> {
    context_by_code(store, code)
        .or_else(|| read::<CampaignContext>(store, &seen_key(code)))
        .map(|context| context.campaign)
}

/// Replaces what the phone keeps of a campaign by what the server says now (the department the
/// person chose and their invitation stay): the consent text must name the campaign's current
/// values, and an extension or a closing must show.
pub fn refresh_campaign(store: &dyn Store, campaign: &PublicCampaign) {
    if let Some(context) =
        context_for(store, &campaign.questionnaire.id).filter(|context| context.campaign.code == campaign.code)
    {
        let mut latest = campaign.clone();
        // Asked without the personal link, the server names no department: the invitation's,
        // as the link showed it, stays.
        if latest.personal && latest.departments.is_empty() {
            latest.departments = context.campaign.departments;
        }
        save_context(
            store,
            &CampaignContext { campaign: latest, department: context.department, invitation: context.invitation },
        );
    }
    if store.get(&seen_key(&campaign.code)).is_some() {
        remember_campaign(store, campaign);
    }
}
