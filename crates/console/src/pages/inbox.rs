//! `/resultaten`: the results people shared with this arbeidsdeskundige, across their
//! campaigns, with filters, counts per status and paging; and `/logboek`, their own audit trail.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use werkscan_api::accounts::Role;
use werkscan_api::audit::AuditEntry;
use werkscan_api::campaigns::CampaignView;
use werkscan_api::expert::{Inbox as InboxPage, StrongestSignal, SubmissionStatus, SubmissionSummary};
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use crate::api;
use crate::components::{loaded, tr, AuditTable, Guard, Page, SignalBadge};
use crate::href;
use crate::inbox::InboxFilter;
use crate::words;

/// `/resultaten`.
#[component]
pub fn Inbox() -> impl IntoView {
    view! { <Guard roles=&[Role::Expert]><InboxScreen/></Guard> }
}

/// What was shared, in a few words: "uitkomst, antwoorden, contact".
fn shared_words(lang: Lang, item: &SubmissionSummary) -> String {
    let mut parts = Vec::new();
    if item.shared.share_scores {
        parts.push(match lang {
            Lang::Nl => "uitkomst",
            Lang::En => "result",
        });
    }
    if item.shared.share_answers {
        parts.push(match lang {
            Lang::Nl => "antwoorden",
            Lang::En => "answers",
        });
    }
    if item.shared.contact_me {
        parts.push(match lang {
            Lang::Nl => "contact",
            Lang::En => "contact",
        });
    }
    parts.join(", ")
}

#[component]
fn InboxScreen() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| {
        let query = query.read();
        InboxFilter::from_query(|name| query.get(name))
    });
    let inbox = LocalResource::new(move || {
        let url = filter.get().api_url();
        async move { api::get::<InboxPage>(&url).await }
    });
    let campaigns = LocalResource::new(|| async { api::get::<Vec<CampaignView>>("/api/campaigns").await });
    let departments = move || {
        let chosen = filter.get().campaign;
        campaigns
            .get()
            .and_then(Result::ok)
            .map(|list| {
                let mut names: Vec<String> = list
                    .iter()
                    .filter(|campaign| chosen.is_empty() || campaign.id == chosen)
                    .flat_map(|campaign| campaign.departments.iter().map(|department| department.name.clone()))
                    .collect();
                names.sort();
                names.dedup();
                names
            })
            .unwrap_or_default()
    };
    let go = move |next: InboxFilter| navigate(&next.path(), Default::default());
    let go_campaign = go.clone();
    let go_department = go.clone();
    let go_signal = go.clone();
    let go_sort = go.clone();
    let go_page = go.clone();
    view! {
        <Page title=tr("Gedeelde uitkomsten", "Shared results")>
            <p class="lead">{tr(
                "Wat werknemers met je deelden in jouw campagnes. Je ziet alleen wat iemand koos te delen.",
                "What employees shared with you in your campaigns. You only see what someone chose to share.",
            )}</p>
            <form class="filters" role="search" aria-label=tr("Filters", "Filters") on:submit=|event| event.prevent_default()>
                <div class="field">
                    <label for="f-campaign">{tr("Campagne", "Campaign")}</label>
                    <select id="f-campaign" on:change=move |event| go_campaign(filter.get_untracked().with_campaign(&event_target_value(&event)))>
                        <option value="" selected=move || filter.get().campaign.is_empty()>{tr("Alle campagnes", "All campaigns")}</option>
                        {move || campaigns.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|campaign| {
                            let id = campaign.id.clone();
                            view! { <option value=campaign.id selected=move || filter.get().campaign == id>{campaign.name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-department">{tr("Afdeling", "Department")}</label>
                    <select id="f-department" on:change=move |event| go_department(InboxFilter { department: event_target_value(&event), page: 0, ..filter.get_untracked() })>
                        <option value="" selected=move || filter.get().department.is_empty()>{tr("Alle afdelingen", "All departments")}</option>
                        {move || departments().into_iter().map(|name| {
                            let (value, compared) = (name.clone(), name.clone());
                            view! { <option value=value selected=move || filter.get().department == compared>{name}</option> }
                        }).collect_view()}
                        <option value="-" selected=move || filter.get().department == "-">{tr("Niet opgegeven", "Not given")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="f-signal">{tr("Signaal", "Signal")}</label>
                    <select id="f-signal" on:change=move |event| go_signal(InboxFilter { signal: event_target_value(&event), page: 0, ..filter.get_untracked() })>
                        <option value="" selected=move || filter.get().signal.is_empty()>{tr("Alle signalen", "All signals")}</option>
                        {StrongestSignal::ALL.iter().map(|signal| {
                            let (signal, key) = (*signal, signal.as_str());
                            view! { <option value=key selected=move || filter.get().signal == key>{move || words::signal(lang.get(), signal)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-sort">{tr("Volgorde", "Order")}</label>
                    <select id="f-sort" on:change=move |event| go_sort(InboxFilter { oldest_first: event_target_value(&event) == "oldest", page: 0, ..filter.get_untracked() })>
                        <option value="newest" selected=move || !filter.get().oldest_first>{tr("Nieuwste eerst", "Newest first")}</option>
                        <option value="oldest" selected=move || filter.get().oldest_first>{tr("Oudste eerst", "Oldest first")}</option>
                    </select>
                </div>
            </form>
            {move || loaded(inbox.get(), |page| {
                    let current = filter.get();
                    let all: i64 = page.counts.values().sum();
                    let (first, last) = current.shown(page.total, page.items.len());
                    let has_next = current.has_next(page.total);
                    let previous = current.page.checked_sub(1).map(|page| current.with_page(page));
                    let next = has_next.then(|| current.with_page(current.page + 1));
                    let go_previous = go_page.clone();
                    let go_next = go_page.clone();
                    view! {
                        <nav class="status-tabs" aria-label=tr("Status", "Status")>
                            <ul>
                                <li><a href=href(&current.with_status("").path()) aria-current=current.status.is_empty().then_some("page")>
                                    {tr("Alle", "All")}" "<span class="count">{all}</span>
                                </a></li>
                                {SubmissionStatus::ALL.iter().map(|status| {
                                    let (status, key) = (*status, status.as_str());
                                    let count = page.counts.get(key).copied().unwrap_or(0);
                                    view! {
                                        <li><a href=href(&current.with_status(key).path()) aria-current=(current.status == key).then_some("page")>
                                            {move || words::status(lang.get(), status)}" "<span class="count">{count}</span>
                                        </a></li>
                                    }
                                }).collect_view()}
                            </ul>
                        </nav>
                        <p class="meta" role="status">{move || match lang.get() {
                            Lang::Nl if page.total == 0 => "Geen uitkomsten met deze filters.".to_owned(),
                            Lang::En if page.total == 0 => "No results with these filters.".to_owned(),
                            Lang::Nl => format!("{first}–{last} van {}", page.total),
                            Lang::En => format!("{first}–{last} of {}", page.total),
                        }}</p>
                        <Show when=move || page.total != 0>
                            <table class="data inbox stack">
                                    <caption class="visually-hidden">{tr("Gedeelde uitkomsten", "Shared results")}</caption>
                                    <thead><tr>
                                        <th scope="col">{tr("Persoon", "Person")}</th>
                                        <th scope="col">{tr("Gedeeld op", "Shared on")}</th>
                                        <th scope="col">{tr("Campagne", "Campaign")}</th>
                                        <th scope="col">{tr("Afdeling", "Department")}</th>
                                        <th scope="col">{tr("Signaal", "Signal")}</th>
                                        <th scope="col">{tr("Status", "Status")}</th>
                                        <th scope="col">{tr("Gedeeld", "Shared")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.items.clone().into_iter().map(|item| {
                                            let link = href(&format!("/resultaten/{}", api::segment(&item.id)));
                                            let name = item.name.clone();
                                            let submitted = item.submitted_at.clone();
                                            let (status, signal) = (item.status, item.signal);
                                            let shared = item.clone();
                                            view! {
                                                <tr>
                                                    <th scope="row"><A href=link>{move || name.clone().unwrap_or_else(|| tr("Zonder naam", "No name given")().to_owned())}</A></th>
                                                    <td data-label=tr("Gedeeld op", "Shared on")>{move || words::moment(lang.get(), &submitted)}</td>
                                                    <td data-label=tr("Campagne", "Campaign")>{item.campaign_name.clone()}</td>
                                                    <td data-label=tr("Afdeling", "Department")>{item.department.clone().unwrap_or_else(|| "–".into())}</td>
                                                    <td data-label=tr("Signaal", "Signal")><SignalBadge signal/></td>
                                                    <td data-label=tr("Status", "Status")>{move || words::status(lang.get(), status)}</td>
                                                    <td data-label=tr("Gedeeld", "Shared")>{move || shared_words(lang.get(), &shared)}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                        </Show>
                        <nav class="pager" aria-label=tr("Pagina's", "Pages")>
                            {previous.map(|target| view! { <button type="button" class="button button-secondary" on:click=move |_| go_previous(target.clone())>{tr("Vorige", "Previous")}</button> })}
                            {next.map(|target| view! { <button type="button" class="button button-secondary" on:click=move |_| go_next(target.clone())>{tr("Volgende", "Next")}</button> })}
                        </nav>
                    }
                    .into_any()
                })}
            <h2>{tr("Exporteren", "Export")}</h2>
            <p>
                {tr(
                    "Een CSV-bestand (opent in Excel) met één regel per persoon: alles wat je mag zien, van de gekozen campagne of van alle. Het maken van een export komt in je logboek.",
                    "A CSV file (opens in Excel) with one row per person: everything you may see, of the chosen campaign or of all. Making an export is recorded in your audit trail.",
                )}
            </p>
            <p><a class="button button-secondary" href=move || filter.get().export_url() download="werkscan-uitkomsten.csv">{tr("Download CSV", "Download CSV")}</a></p>
        </Page>
    }
}

/// `/logboek`: what this expert opened and did, and when.
#[component]
pub fn OwnAudit() -> impl IntoView {
    view! { <Guard roles=&[Role::Expert]><OwnAuditScreen/></Guard> }
}

#[component]
fn OwnAuditScreen() -> impl IntoView {
    let entries = LocalResource::new(|| async { api::get::<Vec<AuditEntry>>("/api/expert/audit").await });
    view! {
        <Page title=tr("Mijn logboek", "My audit trail")>
            <p>{tr(
                "Alles wat je opende of deed met gedeelde uitkomsten, nieuwste eerst. Werknemers en toezichthouders kunnen hierom vragen.",
                "Everything you opened or did with shared results, newest first. Employees and supervisors may ask for it.",
            )}</p>
            {move || loaded(entries.get(), |list| view! { <AuditTable entries=list show_actor=false/> }.into_any())}
        </Page>
    }
}
