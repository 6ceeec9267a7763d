use leptos::prelude::*;

use crate::components::ReportView;
use crate::flow::Step;
use crate::i18n::{t, tr};
use crate::routing::{self, Route};
use crate::storage::{self, HistoryEntry};

/// `/scan/{id}/rapport`: the report of the finished scan on this device, with earlier scans and,
/// for a campaign, the choice to share. Computed here from the stored draft; nothing is fetched.
#[component]
pub fn Report(id: String) -> impl IntoView {
    let finished = storage::load_flow(&id, None).filter(|(flow, _)| flow.step == Step::Report);
    let Some((flow, record)) = finished else {
        // Nothing finished here (wiped, another device, or the scan is not done yet).
        let scan = Route::scan_path(&id);
        return view! {
            <div class="page">
                <h1>{tr(|u| u.report_title)}</h1>
                <p>{tr(|u| u.no_report_yet)}</p>
                <p><a href=scan class="button">{t(|u| u.to_scan)}</a></p>
            </div>
        }
        .into_any();
    };
    // The moment the report is first shown is when the scan was finished: it enters the
    // history once, and the draft remembers it so a reload does not add it again.
    let result = flow.result();
    let finished_at = record.finished_at.clone().unwrap_or_else(|| {
        let when = storage::now();
        storage::push_history(HistoryEntry { finished_at: when.clone(), result: result.clone() });
        storage::save_flow(&flow, &record.started_at, Some(&when));
        when
    });
    let earlier: Vec<HistoryEntry> = storage::history()
        .into_iter()
        .filter(|entry| entry.result.definition == flow.definition.questionnaire.id && entry.finished_at != finished_at)
        .collect();
    let restart = Callback::new(move |()| {
        storage::delete_draft(&id);
        routing::navigate(&Route::scan_path(&id));
    });
    let definition = flow.definition;
    let answers = flow.answers;
    view! { <div class="page"><ReportView definition result answers earlier on_restart=restart/></div> }.into_any()
}
