use leptos::prelude::*;
use werkscan_kit::drafts::{delete_draft, now};
use werkscan_kit::routing::{navigate, Route};
use werkscan_kit::store::BrowserStore;

use crate::components::ReportView;
use crate::i18n::tr;
use crate::records::{finish, Finished};

/// `/scan/{id}/rapport`: the report of the finished scan on this device, with earlier scans and,
/// for a campaign, the choice to share. Computed here from the stored draft; nothing is fetched.
#[component]
pub fn Report(id: String) -> impl IntoView {
    let Some(Finished { flow, result, earlier, .. }) = finish(&BrowserStore, &id, &now()) else {
        // Nothing finished here (wiped, another device, or the scan is not done yet).
        let scan = Route::Scan(id).path();
        return view! {
            <div class="page">
                <h1>{tr(|u| u.report_title)}</h1>
                <p>{tr(|u| u.no_report_yet)}</p>
                <p><a href=scan class="button">{tr(|u| u.to_scan)}</a></p>
            </div>
        }
        .into_any();
    };
    let restart = Callback::new(move |()| {
        delete_draft(&BrowserStore, &id);
        navigate(&Route::Scan(id.clone()).path());
    });
    let definition = flow.definition;
    let answers = flow.answers;
    view! { <div class="page"><ReportView definition result answers earlier on_restart=restart/></div> }.into_any()
}
