//! What the scan app reads from the server: the catalogue, definitions and campaigns, read with
//! `werkscan_core::json`. It sends nothing: uploads belong to the report app, after consent.

use werkscan_core::campaign::PublicCampaign;
use werkscan_core::json::FromJson;
use werkscan_core::model::CatalogueEntry;
use werkscan_kit::drafts::FetchedDefinition;
use werkscan_kit::http::{get_text, FetchError};

fn read<T: FromJson>(url: &str, text: &str) -> Result<T, FetchError> {
    T::from_json_text(text).map_err(|error| FetchError(format!("{url}: {error}")).logged())
}

async fn get_json<T: FromJson>(url: &str) -> Result<T, FetchError> {
    read(url, &get_text(url).await?)
}

async fn get_definition(url: &str) -> Result<FetchedDefinition, FetchError> {
    FetchedDefinition::from_json_text(get_text(url).await?)
        .map_err(|error| FetchError(format!("{url}: {error}")).logged())
}

/// The questionnaires on offer.
pub async fn catalogue() -> Result<Vec<CatalogueEntry>, FetchError> {
    get_json("/api/questionnaires").await
}

/// One questionnaire, resolved.
pub async fn definition(id: &str) -> Result<FetchedDefinition, FetchError> {
    get_definition(&format!("/api/questionnaires/{}", werkscan_core::routes::encode(id))).await
}

/// A specific version of a questionnaire (what a campaign asks for).
pub async fn definition_version(id: &str, version: &str) -> Result<FetchedDefinition, FetchError> {
    let (id, version) = (werkscan_core::routes::encode(id), werkscan_core::routes::encode(version));
    get_definition(&format!("/api/questionnaires/{id}/{version}")).await
}

/// How a campaign link turned out.
#[derive(Clone, Debug, PartialEq)]
// The lint fires only where pointers are 64 bits wide (the host's checks), not in the browser's
// 32-bit build.
#[cfg_attr(
    target_pointer_width = "64",
    expect(
        clippy::large_enum_variant,
        reason = "one lookup at a time; a Box would cost the scan bytes under its budget for no memory saved"
    )
)]
pub enum CampaignLookup {
    /// The server knows the campaign.
    Found(PublicCampaign),
    /// The server says there is no such campaign.
    Unknown,
    /// No answer (no connection); nothing was seen of this link on this device before.
    Offline,
}

/// A campaign by its code, with the personal invitation's token if the link had one. Only a
/// real "not found" from the server means the link is wrong.
pub async fn campaign(code: &str, invitation: Option<&str>) -> CampaignLookup {
    let mut url = format!("/api/c/{}", werkscan_core::routes::encode(code));
    if let Some(token) = invitation {
        url.push_str("?u=");
        url.push_str(&werkscan_core::routes::encode(token));
    }
    match werkscan_kit::http::request("GET", &url, None, &[]).await {
        Ok(reply) if reply.ok() => match read(&url, &reply.text) {
            Ok(campaign) => CampaignLookup::Found(campaign),
            Err(_) => CampaignLookup::Offline,
        },
        Ok(reply) if reply.status == 404 => CampaignLookup::Unknown,
        _ => CampaignLookup::Offline,
    }
}
