use leptos::prelude::*;

use crate::components::focus_on_mount;
use crate::api;
use crate::loading;
use crate::i18n::t;
use crate::sharing::{self, CampaignContext};

/// `/c/{code}`: a campaign invitation. The person picks a department (or not) and goes to the scan.
#[component]
pub fn Campaign(code: String) -> impl IntoView {
    let campaign = loading::load(async move { api::campaign(&code).await });
    view! {
        <div class="page campaign">
            {move || match campaign.get() {
                None => view! { <p role="status">{t(|u| u.loading)}</p> }.into_any(),
                Some(Ok(campaign)) => view! { <Invitation campaign/> }.into_any(),
                Some(Err(_)) => view! {
                    <h1>{t(|u| u.not_found_title)}</h1>
                    <p role="alert">{t(|u| u.campaign_not_found)}</p>
                }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Invitation(campaign: api::Campaign) -> impl IntoView {
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
            sharing::save_context(&CampaignContext { campaign: campaign.clone(), department: chosen });
            crate::routing::navigate(&crate::routing::Route::scan_path(&campaign.questionnaire.id));
        }
    };
    view! {
        <p class="meta">{t(|u| u.campaign_invited)}</p>
        <h1 node_ref=heading tabindex="-1">{campaign.name.clone()}</h1>
        <p class="meta">{t(|u| u.campaign_by)}" "{campaign.organisation.clone()}</p>
        <p class="promise-inline">{t(|u| u.campaign_privacy)}</p>
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
