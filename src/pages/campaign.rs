use leptos::prelude::*;
use werkscan_core::campaign::PublicCampaign;
use werkscan_kit::campaign::{kept_campaign, remember_campaign, save_context, CampaignContext};
use werkscan_kit::frame::focus_on_mount;
use werkscan_kit::loading;
use werkscan_kit::routing::{navigate, Route};
use werkscan_kit::store::BrowserStore;

use crate::api::{self, CampaignLookup};
use crate::i18n::t;

/// `/c/{code}`: a campaign invitation. The person picks a department (or not) and goes to the scan.
/// A personal invitation's link carries its token (`?u=`): the server then offers only the
/// invitation's department, and the token is kept with the scan for the upload.
///
/// A campaign's link is kept on the phone as soon as it opens. Without a connection, a campaign
/// this phone has seen before opens as it was kept; one it has not seen says that it needs a
/// connection. Only the server's own "not found" says the link is wrong.
#[component]
pub fn Campaign(code: String) -> impl IntoView {
    let invitation = invitation_token();
    let lookup = {
        let code = code.clone();
        let invitation = invitation.clone();
        move || {
            let code = code.clone();
            let invitation = invitation.clone();
            async move { api::campaign(&code, invitation.as_deref()).await }
        }
    };
    let campaign = loading::load(lookup());
    view! {
        <div class="page campaign">
            {move || match campaign.get() {
                None => view! { <p role="status">{t(|u| u.loading)}</p> }.into_any(),
                Some(CampaignLookup::Found(campaign)) => {
                    remember_campaign(&BrowserStore, &campaign);
                    view! { <Invitation campaign kept=false invitation=invitation.clone()/> }.into_any()
                }
                Some(CampaignLookup::Unknown) => view! {
                    <h1>{t(|u| u.not_found_title)}</h1>
                    <p role="alert">{t(|u| u.campaign_not_found)}</p>
                }.into_any(),
                Some(CampaignLookup::Offline) => match kept_campaign(&BrowserStore, &code) {
                    Some(campaign) => view! { <Invitation campaign kept=true invitation=invitation.clone()/> }.into_any(),
                    None => {
                        let lookup = lookup.clone();
                        view! {
                            <h1>{t(|u| u.offline_title)}</h1>
                            <p role="status">{t(|u| u.campaign_needs_connection)}</p>
                            <button type="button" class="button" on:click=move |_| loading::reload(campaign, lookup())>{t(|u| u.try_again)}</button>
                        }.into_any()
                    }
                },
            }}
        </div>
    }
}

/// The personal invitation's token from the link's `?u=`, if it has one.
fn invitation_token() -> Option<String> {
    let search = window().location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("u="))
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
}

#[component]
fn Invitation(campaign: PublicCampaign, kept: bool, invitation: Option<String>) -> impl IntoView {
    let department = RwSignal::new(None::<Option<String>>);
    let missing = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    let options = campaign
        .departments
        .iter()
        .cloned()
        .map(Some)
        .chain(std::iter::once(None))
        .enumerate()
        .map(|(index, choice)| {
            let id = format!("department-{index}");
            let label = choice.clone();
            let value = choice.clone();
            let is_decline = choice.is_none();
            view! {
                <div class="choice" class:choice-decline=is_decline>
                    <input
                        type="radio"
                        name="department"
                        id=id.clone()
                        prop:checked=move || department.get().as_ref() == Some(&choice)
                        on:change=move |_| { missing.set(false); department.set(Some(value.clone())) }
                    />
                    <label for=id>{match label { Some(name) => name.into_any(), None => t(|u| u.prefer_not_to_say).into_any() }}</label>
                </div>
            }
        })
        .collect_view();
    let start = {
        let campaign = campaign.clone();
        move |_| {
            let Some(chosen) = department.get_untracked() else {
                missing.set(true);
                return;
            };
            save_context(
                &BrowserStore,
                &CampaignContext { campaign: campaign.clone(), department: chosen, invitation: invitation.clone() },
            );
            navigate(&Route::Scan(campaign.questionnaire.id.clone()).path());
        }
    };
    view! {
        <p class="meta">{t(|u| u.campaign_invited)}</p>
        <h1 node_ref=heading tabindex="-1">{campaign.name.clone()}</h1>
        <p class="meta">{t(|u| u.campaign_by)}" "{campaign.organisation.clone()}</p>
        <p class="promise-inline">{t(|u| u.campaign_privacy)}</p>
        {kept.then(|| view! { <p class="notice" role="status">{t(|u| u.campaign_kept_offline)}</p> })}
        {(!campaign.open).then(|| view! { <p class="notice">{t(|u| u.campaign_closed)}</p> })}
        <fieldset class="question" aria-describedby="department-help department-error">
            <legend class="question-text">{t(|u| u.department_legend)}</legend>
            <p id="department-help" class="hint">{t(|u| u.department_help)}</p>
            {options}
        </fieldset>
        <p id="department-error" class="error" role="alert">{move || missing.get().then(|| t(|u| u.needs_answer))}</p>
        <button type="button" class="button button-large" on:click=start>{t(|u| u.to_scan)}</button>
    }
}
