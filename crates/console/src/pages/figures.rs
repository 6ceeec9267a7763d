//! Group figures: the employer's dashboard of a published release, and the arbeidsdeskundige's
//! review of a release with its padding signals before publishing it. The dashboard leads with
//! one screen (issue 21): a heatmap of themes × groups with the norm and the trend beside every
//! mean, then "waar beginnen", the action plan, and the details per theme (distribution, norm,
//! trend) folded away; CSV and print (two A4 pages) show the same.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use werkscan_api::accounts::Role;
use werkscan_api::campaigns::{CampaignView, Invitations, ReleaseStatus};
use werkscan_api::expert::StrongestSignal;
use werkscan_api::figures::{
    BandCount, GroupFigures, GroupKind, Measure, MeasureKind, Norm, NormMissing, Trend, TrendMeasure,
};
use werkscan_api::plan::Plan;
use werkscan_api::releases::{Dashboard, Publish, RecomputeCode, Review};
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use super::plan::{ActionPlan, PlanForm};
use crate::api;
use crate::components::{tr, Guard, Loading, Page, Problem};
use crate::figures::{
    band_of, change_words, distribution_words, group_name, heatmap, hidden_groups_note, hidden_measure_note,
    norm_explanation, norm_words, one_decimal, segments, signal_icon, signed, start_here_words, strongest_words,
    trend_explanation, trend_words, whole_percent, ActionForm, Cell, Heatmap,
};
use crate::{href, words};
use werkscan_core::model::Signal;

/// A distribution as a bar: one segment per band. An image for screen readers with the numbers
/// as its name; the cells beside it have them too.
#[component]
fn Bar(measure: Measure, distribution: Vec<BandCount>) -> impl IntoView {
    let lang = use_lang();
    let parts = segments(&measure, &distribution);
    let label_measure = measure.clone();
    let label_distribution = distribution.clone();
    view! {
        <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img"
            aria-label=move || distribution_words(lang.get(), &label_measure, &label_distribution)>
            {parts.into_iter().filter(|part| part.width > 0.0).map(|part| view! {
                <rect x=part.start y="0" width=part.width height="10" class=format!("segment signal-{}", StrongestSignal::from(part.signal))></rect>
            }).collect_view()}
        </svg>
    }
}

/// The signals with their icon, their words and what they mean for the organisation.
#[component]
fn SignalLegend() -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="legend heat-legend">
            {[Signal::Attention, Signal::Watch, Signal::Good].into_iter().map(|signal| view! {
                <li>
                    <span class=format!("swatch signal-{}", StrongestSignal::from(signal)) aria-hidden="true">{signal_icon(signal)}</span>
                    <strong>{move || words::signal(lang.get(), signal.into())}</strong>
                    <span class="legend-explanation">": "{move || words::band_for_employer(lang.get(), signal)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The norm in one sentence, or why there is none.
fn norm_sentence(lang: Lang, norm: Option<&Norm>, missing: Option<NormMissing>) -> String {
    match norm {
        Some(norm) => norm_explanation(lang, norm),
        None => words::norm_missing(lang, missing).to_owned(),
    }
}

/// One cell of the heatmap: the band (icon and words, the colour only repeats them), the mean,
/// and the differences beside it.
fn heat_cell(lang: RwSignal<Lang>, cell: Cell) -> AnyView {
    match cell {
        Cell::Hidden => view! { <td class="heat-cell heat-hidden">{tr("Niet getoond", "Not shown")}</td> }.into_any(),
        Cell::Shown(figures) => {
            let signal = figures.band.as_ref().map_or(StrongestSignal::None, |band| band.signal.into());
            let band = figures.band.clone();
            view! {
                <td class=format!("heat-cell signal-{signal}")>
                    {band.map(|band| {
                        let label = band.label.clone();
                        view! {
                            <span class="heat-band"><span class=format!("swatch signal-{}", StrongestSignal::from(band.signal)) aria-hidden="true">{signal_icon(band.signal)}</span>
                            {move || label.get(lang.get()).to_owned()}</span>
                        }
                    })}
                    <span class="heat-mean"><span class="visually-hidden">{tr("Gemiddelde ", "Mean ")}</span>{move || one_decimal(figures.mean, lang.get())}</span>
                    {figures.norm_difference.map(|difference| view! { <span class="heat-compare">{move || norm_words(lang.get(), difference)}</span> })}
                    {figures.trend.map(|trend| {
                        let class = format!("heat-compare change-{}", trend.change);
                        view! { <span class=class>{move || trend_words(lang.get(), &trend)}</span> }
                    })}
                </td>
            }
            .into_any()
        }
    }
}

/// The one screen the dashboard leads with: themes × shown groups, a real table.
#[component]
fn HeatmapSection(
    heat: Heatmap,
    groups: Vec<GroupFigures>,
    k: i64,
    norm: Option<Norm>,
    norm_missing: Option<NormMissing>,
    trend: Option<Trend>,
    measures: Vec<Measure>,
) -> impl IntoView {
    let lang = use_lang();
    let any_hidden = heat.rows.iter().any(|row| row.cells.contains(&Cell::Hidden));
    let trend_words_view = trend.clone().map(|trend| {
        let not_comparable: Vec<String> = trend.not_comparable.clone();
        let measures = measures.clone();
        view! {
            <p class="hint compare-note">{move || trend_explanation(lang.get(), &trend)}</p>
            {(!not_comparable.is_empty()).then(|| view! {
                <p class="hint">{move || {
                    let names: Vec<String> = not_comparable.iter().map(|score| measures.iter().find(|measure| &measure.score == score).map(|measure| measure.label.get(lang.get()).to_owned()).unwrap_or_else(|| score.clone())).collect();
                    let list = crate::figures::names_in_words(lang.get(), &names);
                    match lang.get() {
                        Lang::Nl => format!("Niet vergeleken: {list}. De vorige versie van de vragenlijst mat dit anders."),
                        Lang::En => format!("Not compared: {list}. The previous version of the questionnaire measured this differently."),
                    }
                }}</p>
            })}
        }
    });
    view! {
        <section aria-labelledby="heatmap-title" class="heatmap-section">
            <h2 id="heatmap-title">{tr("Overzicht per thema en groep", "Overview per theme and group")}</h2>
            <SignalLegend/>
            <div class="table-scroll heatmap-scroll" role="region" tabindex="0" aria-labelledby="heatmap-caption">
                <table class="data heatmap">
                    <caption id="heatmap-caption">{tr(
                        "Per thema en groep: de uitkomst van het gemiddelde, het gemiddelde, en het verschil met andere organisaties en met de vorige campagne, waar die er zijn",
                        "Per theme and group: the outcome of the mean, the mean, and the difference from other organisations and from the previous campaign, where those exist",
                    )}</caption>
                    <thead><tr>
                        <th scope="col">{tr("Thema", "Theme")}</th>
                        {heat.columns.iter().cloned().map(|group| {
                            let respondents = group.respondents();
                            view! {
                                <th scope="col"><span class="heat-group">{move || group_name(lang.get(), group.kind, group.name.as_deref())}</span>
                                    {respondents.map(|count| view! { <span class="heat-count">{move || match lang.get() { Lang::Nl => format!("{count} deelnemers"), Lang::En => format!("{count} respondents") }}</span> })}
                                </th>
                            }
                        }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {heat.rows.into_iter().map(|row| {
                            let label = row.measure.label.clone();
                            let range = format!("{}–{}", one_decimal(row.measure.min, Lang::Nl), one_decimal(row.measure.max, Lang::Nl));
                            view! {
                                <tr>
                                    <th scope="row"><span class="heat-theme">{move || label.get(lang.get()).to_owned()}</span><span class="heat-count">{move || match lang.get() { Lang::Nl => format!("schaal {range}"), Lang::En => format!("scale {range}") }}</span></th>
                                    {row.cells.into_iter().map(|cell| heat_cell(lang, cell)).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || hidden_groups_note(lang.get(), &groups, k).map(|note| view! { <p class="notice hidden-groups">{note}</p> })}
            {any_hidden.then(|| view! { <p class="hint">{move || hidden_measure_note(lang.get())}</p> })}
            <p class="hint compare-note">{move || norm_sentence(lang.get(), norm.as_ref(), norm_missing)}</p>
            {trend_words_view}
        </section>
    }
}

/// "Waar beginnen": the themes with the most people in "vraagt aandacht", where it is strongest,
/// and what the organisation can do.
#[component]
fn StartHereSection(dashboard: Dashboard, editable: bool, plan: PlanForm) -> impl IntoView {
    let lang = use_lang();
    let items = dashboard.start_here.clone();
    let measures = dashboard.figures.measures.clone();
    view! {
        <section aria-labelledby="start-title" class="start-here">
            <h2 id="start-title">{tr("Waar beginnen", "Where to start")}</h2>
            {if items.is_empty() {
                view! { <p>{tr(
                    "Bij geen enkel thema valt een getoond aantal mensen in „Vraagt aandacht”. Kijk in het overzicht welke thema's „Let op” zijn.",
                    "For no theme does a shown number of people fall in “Needs attention”. See in the overview which themes are “Worth watching”.",
                )}</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{tr("De thema's met de meeste mensen in „Vraagt aandacht”, in de hele organisatie.", "The themes with the most people in “Needs attention”, in the whole organisation.")}</p>
                    <ol class="start-list">
                        {items.into_iter().map(|item| {
                            let measure = measures.iter().find(|measure| measure.score == item.score).cloned();
                            let label = measure.as_ref().map(|measure| measure.label.clone());
                            let score = item.score.clone();
                            let words_item = item.clone();
                            let advice = item.advice.clone();
                            let departments = item.departments.clone();
                            let button_label = label.clone();
                            view! {
                                <li>
                                    <h3>{move || label.as_ref().map(|label| label.get(lang.get()).to_owned()).unwrap_or_else(|| score.clone())}</h3>
                                    <p><strong>{move || start_here_words(lang.get(), &words_item, measure.as_ref())}</strong>
                                        {move || strongest_words(lang.get(), &departments).map(|words| format!(" {words}"))}</p>
                                    // Without the definition's own advice for employers, what the band means for them.
                                    <p class="advice"><span class="advice-lead">{tr("Wat de organisatie kan doen: ", "What the organisation can do: ")}</span>
                                        {move || advice.as_ref().map(|advice| advice.get(lang.get()).to_owned()).unwrap_or_else(|| words::band_for_employer(lang.get(), Signal::Attention).to_owned())}</p>
                                    {editable.then(|| {
                                        let score = item.score.clone();
                                        view! {
                                            <button type="button" class="button button-secondary no-print" on:click=move |_| plan.start(ActionForm { score: score.clone(), ..ActionForm::default() })>
                                                {tr("Actie kiezen voor dit thema", "Choose an action for this theme")}
                                                <span class="visually-hidden">{move || button_label.as_ref().map(|label| format!(": {}", label.get(lang.get()))).unwrap_or_default()}</span>
                                            </button>
                                        }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// The details of one theme, folded away: the distribution per group with the norm as a row
/// beside them, the trend per group, what the organisation can do at the organisation's band,
/// and what was done after the previous campaign.
#[component]
fn ThemeDetails(measure: Measure, dashboard: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let (shown, _) = crate::figures::shown_groups(&dashboard.figures.groups);
    let groups: Vec<GroupFigures> = shown.into_iter().cloned().collect();
    let is_theme = measure.kind == MeasureKind::Theme;
    let total_mean = groups
        .iter()
        .find(|group| group.kind == GroupKind::Total)
        .and_then(|group| group.shown_measure(&measure.score))
        .and_then(|figure| figure.mean);
    let total_band = total_mean.and_then(|mean| band_of(&measure, mean).cloned());
    // The definition's advice for employers at the organisation's band; without it, what the
    // band means for them.
    let advice = total_band.as_ref().map(|band| {
        let own = dashboard.employer_advice.get(&measure.score).and_then(|bands| bands.get(&band.key)).cloned();
        let signal = band.signal;
        move |lang: Lang| {
            own.as_ref()
                .map(|text| text.get(lang).to_owned())
                .unwrap_or_else(|| words::band_for_employer(lang, signal).to_owned())
        }
    });
    let norm = dashboard
        .norm
        .as_ref()
        .and_then(|norm| norm.measures.iter().find(|figure| figure.score == measure.score).cloned());
    let trend: Vec<(GroupKind, Option<String>, TrendMeasure)> = dashboard
        .trend
        .as_ref()
        .map(|trend| {
            trend
                .groups
                .iter()
                .filter_map(|group| {
                    let change = group.measures.iter().find(|change| change.score == measure.score)?;
                    Some((group.kind, group.name.clone(), change.clone()))
                })
                .collect()
        })
        .unwrap_or_default();
    let previous_name = dashboard.trend.as_ref().map(|trend| trend.previous.campaign_name.clone());
    let previous_actions: Vec<werkscan_api::plan::PlanAction> = dashboard
        .previous_actions
        .as_ref()
        .map(|previous| previous.actions.iter().filter(|action| action.score == measure.score).cloned().collect())
        .unwrap_or_default();
    let label = measure.label.clone();
    let caption = measure.label.clone();
    let bands = measure.bands.clone();
    let range = format!("{}–{}", one_decimal(measure.min, Lang::Nl), one_decimal(measure.max, Lang::Nl));
    let summary_band = total_band.clone();
    let band_count = measure.bands.len();
    view! {
        <details class="theme" id=format!("theme-{}", measure.score)>
            <summary>
                <span class="theme-name">{move || label.get(lang.get()).to_owned()}</span>
                {summary_band.map(|band| view! { " "<span class=format!("badge signal-{}", StrongestSignal::from(band.signal))><span aria-hidden="true">{signal_icon(band.signal)}" "</span>{move || band.label.get(lang.get()).to_owned()}</span> })}
            </summary>
            {advice.map(|advice| view! { <p class="advice"><span class="advice-lead">{tr("Wat de organisatie kan doen: ", "What the organisation can do: ")}</span>{move || advice(lang.get())}</p> })}
            <div class="table-scroll">
                <table class="data figures">
                    <caption class="visually-hidden">{move || match lang.get() { Lang::Nl => format!("Verdeling: {}", caption.get(Lang::Nl)), Lang::En => format!("Distribution: {}", caption.get(Lang::En)) }}</caption>
                    <thead><tr>
                        <th scope="col">{tr("Groep", "Group")}</th>
                        <th scope="col">{tr("Aantal", "Number")}</th>
                        {is_theme.then(|| view! { <th scope="col">{move || format!("{} ({range})", tr("Gemiddelde", "Mean")())}</th> })}
                        <th scope="col" class="bar-column">{tr("Verdeling", "Distribution")}</th>
                        {bands.iter().map(|band| {
                            let label = band.label.clone();
                            view! { <th scope="col">{move || label.get(lang.get()).to_owned()}</th> }
                        }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {groups.into_iter().map(|group| {
                            let (kind, group_label) = (group.kind, group.name.clone());
                            let name = move || group_name(lang.get(), kind, group_label.as_deref());
                            match group.shown_measure(&measure.score).cloned() {
                                Some(figure) => {
                                    let distribution = figure.distribution.clone();
                                    let total: u64 = distribution.iter().map(|count| count.count).sum();
                                    let counts: Vec<u64> = measure.bands.iter().map(|band| distribution.iter().find(|count| count.band == band.key).map_or(0, |count| count.count)).collect();
                                    view! {
                                        <tr>
                                            <th scope="row">{name}</th>
                                            <td>{figure.respondents}</td>
                                            {is_theme.then(|| view! { <td>{move || figure.mean.map(|mean| one_decimal(mean, lang.get())).unwrap_or_else(|| "–".into())}</td> })}
                                            <td class="bar-column"><Bar measure=measure.clone() distribution=distribution.clone()/></td>
                                            {counts.into_iter().map(|count| view! { <td>{format!("{count} ({}%)", whole_percent(count, total))}</td> }).collect_view()}
                                        </tr>
                                    }
                                    .into_any()
                                }
                                None => view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        <td colspan=(band_count + if is_theme { 3 } else { 2 }).to_string() class="meta">{move || hidden_measure_note(lang.get())}</td>
                                    </tr>
                                }
                                .into_any(),
                            }
                        }).collect_view()}
                        {norm.map(|figure| {
                            let distribution = figure.distribution.clone();
                            let total: u64 = distribution.iter().map(|count| count.count).sum();
                            let counts: Vec<u64> = measure.bands.iter().map(|band| distribution.iter().find(|count| count.band == band.key).map_or(0, |count| count.count)).collect();
                            let organisations = figure.organisations;
                            view! {
                                <tr class="norm-row">
                                    <th scope="row">{move || match lang.get() {
                                        Lang::Nl => format!("Bij andere organisaties ({organisations} organisaties)"),
                                        Lang::En => format!("At other organisations ({organisations} organisations)"),
                                    }}</th>
                                    <td>{figure.respondents}</td>
                                    {is_theme.then(|| view! { <td>{move || figure.mean.map(|mean| one_decimal(mean, lang.get())).unwrap_or_else(|| "–".into())}</td> })}
                                    <td class="bar-column"><Bar measure=measure.clone() distribution=distribution.clone()/></td>
                                    {counts.into_iter().map(|count| view! { <td>{format!("{count} ({}%)", whole_percent(count, total))}</td> }).collect_view()}
                                </tr>
                            }
                        })}
                    </tbody>
                </table>
            </div>
            {(!trend.is_empty()).then(|| {
                let previous_name = previous_name.clone().unwrap_or_default();
                view! {
                    <h3 class="details-heading">{move || match lang.get() {
                        Lang::Nl => format!("Vergeleken met de groep van {previous_name}"),
                        Lang::En => format!("Compared with the group of {previous_name}"),
                    }}</h3>
                    <ul class="trend-lines">
                        {trend.into_iter().map(|(kind, name, change)| view! {
                            <li>
                                <strong>{move || group_name(lang.get(), kind, name.as_deref())}</strong>": "
                                {move || match lang.get() {
                                    Lang::Nl => format!(
                                        "toen {}, nu {}, verschil {}: {} (drempel {}).",
                                        one_decimal(change.previous_mean, Lang::Nl), one_decimal(change.mean, Lang::Nl), signed(change.difference, Lang::Nl),
                                        change_words(Lang::Nl, change.change).to_lowercase(), one_decimal(change.threshold, Lang::Nl),
                                    ),
                                    Lang::En => format!(
                                        "then {}, now {}, difference {}: {} (threshold {}).",
                                        one_decimal(change.previous_mean, Lang::En), one_decimal(change.mean, Lang::En), signed(change.difference, Lang::En),
                                        change_words(Lang::En, change.change).to_lowercase(), one_decimal(change.threshold, Lang::En),
                                    ),
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                }
            })}
            {(!previous_actions.is_empty()).then(|| view! {
                <h3 class="details-heading">{tr("Gedaan na de vorige campagne", "Done after the previous campaign")}</h3>
                <ul class="trend-lines">
                    {previous_actions.into_iter().map(|action| view! {
                        <li>{action.action.clone()}" — "{move || if action.done { tr("klaar", "done")() } else { tr("niet klaar", "not done")() }}</li>
                    }).collect_view()}
                </ul>
            })}
        </details>
    }
}

/// Why a campaign with an open link shows the total only.
#[component]
fn OpenLinkNote() -> impl IntoView {
    view! {
        <p class="notice open-link-note">{tr(
            "Deze campagne had een open link. Daarom zie je alleen het totaal, geen cijfers per afdeling. Met een open link kan iedereen meedoen en elke afdeling kiezen. Cijfers per afdeling zijn dan niet te vertrouwen, en door ze te vergelijken kan iets over één persoon uitlekken. Wil je cijfers per afdeling? Kies bij een volgende campagne persoonlijke uitnodigingen.",
            "This campaign had an open link. So you see the total only, no figures per department. With an open link anyone can take part and choose any department. Figures per department cannot be trusted then, and comparing them could give away something about one person. Do you want figures per department? Choose personal invitations for a next campaign.",
        )}</p>
    }
}

/// A release's figures, exactly as the employer sees them (and the expert before publishing):
/// the heatmap, "waar beginnen", the action plan (`editable` for the employer) and the details
/// per theme.
#[component]
pub fn DashboardView(
    dashboard: Dashboard,
    /// The employer may change the action plan; the expert reads it.
    #[prop(optional)]
    editable: bool,
) -> impl IntoView {
    let lang = use_lang();
    let release = dashboard.release.clone();
    let k = release.min_group_size;
    let (shown, _) = crate::figures::shown_groups(&dashboard.figures.groups);
    let total = shown.iter().find(|group| group.kind == GroupKind::Total).map(|group| (*group).clone());
    if release.respondents.is_none() || total.is_none() {
        return view! {
            <p class="notice" role="status">{move || match lang.get() {
                Lang::Nl => format!("Er deden minder dan {k} mensen mee met groepscijfers. Om hen te beschermen toont Werkscan dan niets."),
                Lang::En => format!("Fewer than {k} people took part with group figures. To protect them, Werkscan shows nothing."),
            }}</p>
        }
        .into_any();
    }
    let total = total.expect("checked");
    let computed = release.computed_at.clone();
    let published = release.published_at.clone();
    let plan = PlanForm::new();
    let actions = RwSignal::new(dashboard.actions.clone());
    let heat = heatmap(&dashboard);
    // The server writes the first day as `YYYY-MM-DD`; the plan's dates are checked against it.
    let campaign_start =
        chrono::NaiveDate::parse_from_str(&dashboard.campaign.starts_on, "%Y-%m-%d").unwrap_or_default();
    view! {
        <dl class="facts">
            <dt>{tr("Deelnemers in de groepscijfers", "Respondents in the group figures")}</dt>
            <dd>{release.respondents.unwrap_or_default()}
                {total.figures.as_ref().and_then(|figures| figures.response_rate).map(|rate| view! { " "<span class="meta">{move || match lang.get() {
                    Lang::Nl => format!("({} % van {} medewerkers)", one_decimal(rate, Lang::Nl), total.headcount.unwrap_or_default()),
                    Lang::En => format!("({} % of {} employees)", one_decimal(rate, Lang::En), total.headcount.unwrap_or_default()),
                }}</span> })}
            </dd>
            <dt>{tr("Minimale groepsgrootte", "Minimum group size")}</dt><dd>{k}</dd>
            <dt>{tr("Berekend", "Computed")}</dt><dd>{move || words::moment(lang.get(), &computed)}</dd>
            {published.map(|at| view! { <dt>{tr("Vrijgegeven", "Published")}</dt><dd>{move || words::moment(lang.get(), &at)}</dd> })}
            {total.figures.as_ref().and_then(|figures| figures.appointments).map(|appointments| view! {
                <dt>{tr("Adviesgesprekken", "Advice conversations")}</dt>
                <dd>{move || words::appointments(lang.get(), &appointments, k)}</dd>
            })}
        </dl>
        <p class="hint dashboard-intro">{tr(
            "Alleen mensen die daar zelf voor kozen tellen mee. De cijfers veranderen niet meer: ze zijn één keer berekend na de laatste dag.",
            "Only people who chose it themselves are counted. The figures no longer change: they were computed once after the last day.",
        )}</p>
        <HeatmapSection heat groups=dashboard.figures.groups.clone() k norm=dashboard.norm.clone() norm_missing=dashboard.norm_missing
            trend=dashboard.trend.clone() measures=dashboard.figures.measures.clone()/>
        <StartHereSection dashboard=dashboard.clone() editable plan/>
        <ActionPlan campaign=dashboard.campaign.id.clone() starts_on=campaign_start measures=dashboard.figures.measures.clone() actions previous=dashboard.previous_actions.clone() editable plan/>
        <section aria-labelledby="details-title" class="theme-details">
            <h2 id="details-title">{tr("Per thema", "Per theme")}</h2>
            <p class="hint">{tr(
                "Open een thema voor de verdeling per groep, de vergelijking met andere organisaties en met de vorige campagne, en wat de organisatie kan doen.",
                "Open a theme for the distribution per group, the comparison with other organisations and with the previous campaign, and what the organisation can do.",
            )}</p>
            {dashboard.figures.measures.iter().cloned().map(|measure| view! { <ThemeDetails measure dashboard=dashboard.clone()/> }).collect_view()}
        </section>
    }
    .into_any()
}

/// `/campagnes/{id}/cijfers`: the employer's dashboard.
#[component]
pub fn Figures() -> impl IntoView {
    view! { <Guard roles=&[Role::Employer]><FiguresScreen/></Guard> }
}

#[component]
fn FiguresScreen() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let dashboard = LocalResource::new(move || {
        let url = format!("/api/campaigns/{}/figures", api::segment(&id.get()));
        async move { api::get::<Dashboard>(&url).await }
    });
    // How people took part decides whether departments can be shown (the dashboard itself does
    // not say it).
    let open_link = LocalResource::new(move || {
        let url = format!("/api/campaigns/{}", api::segment(&id.get()));
        async move {
            api::get::<CampaignView>(&url)
                .await
                .map(|campaign| campaign.invitations == Invitations::Open)
                .unwrap_or(false)
        }
    });
    view! {
        <Page title=tr("Groepscijfers", "Group figures")>
            <p class="no-print">
                <A href=move || href(&format!("/campagnes/{}", api::segment(&id.get())))>{tr("← Terug naar de campagne", "← Back to the campaign")}</A>
            </p>
            {move || match dashboard.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) if error.code() == Some("release_not_published") => view! {
                    <p class="notice">{tr(
                        "Er zijn nog geen groepscijfers vrijgegeven. Na de laatste dag controleert de arbeidsdeskundige ze en geeft ze vrij.",
                        "No group figures have been published yet. After the last day the labour expert checks and publishes them.",
                    )}</p>
                }.into_any(),
                Some(Err(error)) => view! { <Problem error/> }.into_any(),
                Some(Ok(dashboard)) => {
                    let csv = format!("/api/campaigns/{}/figures.csv", api::segment(&dashboard.campaign.id));
                    let name = dashboard.campaign.name.clone();
                    view! {
                        <h2 class="campaign-name">{name}</h2>
                        <p class="actions no-print">
                            <a class="button button-secondary" href=csv download="werkscan-groepscijfers.csv">{tr("Download CSV", "Download CSV")}</a>
                            <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>{tr("Afdrukken of als PDF bewaren", "Print or save as PDF")}</button>
                        </p>
                        {move || open_link.get().unwrap_or(false).then(|| view! { <OpenLinkNote/> })}
                        <DashboardView dashboard editable=true/>
                    }
                    .into_any()
                }
            }}
        </Page>
    }
}

/// `/campagnes/{id}/vrijgave`: the expert checks a release for padding and publishes it.
#[component]
pub fn ReleaseReview() -> impl IntoView {
    view! { <Guard roles=&[Role::Expert]><ReviewScreen/></Guard> }
}

fn attention_mark(lang: Lang, attention: bool) -> &'static str {
    match (attention, lang) {
        (true, Lang::Nl) => "◆ Bekijk dit",
        (true, Lang::En) => "◆ Look into this",
        (false, Lang::Nl) => "✓ Geen bijzonderheden",
        (false, Lang::En) => "✓ Nothing unusual",
    }
}

#[component]
fn ReviewScreen() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let review = LocalResource::new(move || {
        let url = format!("/api/expert/campaigns/{}/release", api::segment(&id.get()));
        async move { api::get::<Review>(&url).await }
    });
    // The action plan as the campaign's expert reads it (read only), with the previous
    // campaign's plan.
    let plan = LocalResource::new(move || {
        let url = format!("/api/expert/campaigns/{}/actions", api::segment(&id.get()));
        async move { api::get::<Plan>(&url).await.ok() }
    });
    let publish = Action::new_local(move |revision: &i64| {
        let url = format!("/api/expert/campaigns/{}/release/publish", api::segment(&id.get_untracked()));
        let body = Publish { revision: *revision };
        async move { api::call::<Review>("POST", &url, Some(&body)).await }
    });
    Effect::new(move |_| {
        if matches!(publish.value().get(), Some(Ok(_)) | Some(Err(api::ApiError::Refused { status: 409, .. }))) {
            review.refetch();
        }
    });
    view! {
        <Page title=tr("Groepscijfers controleren", "Check group figures")>
            <p><A href=move || href(&format!("/campagnes/{}", api::segment(&id.get())))>{tr("← Terug naar de campagne", "← Back to the campaign")}</A></p>
            <p class="lead">{tr(
                "De werkgever ziet de groepscijfers pas als jij ze vrijgeeft. Kijk eerst of iemand een groep heeft opgevuld met eigen inzendingen om een kleine groep zichtbaar te maken: met een open link kan iedereen meedoen, en ook een lijst met persoonlijke uitnodigingen kan adressen van de werkgever zelf bevatten.",
                "The employer sees the group figures only after you publish them. First check whether someone padded a group with their own uploads to make a small group visible: with an open link anyone can take part, and a roster of personal invitations can hold the employer's own addresses too.",
            )}</p>
            {move || match review.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) if error.code() == Some("release_not_computed") => view! {
                    <p class="notice">{tr("Er zijn nog geen groepscijfers: ze worden berekend als de campagne sluit.", "There are no group figures yet: they are computed when the campaign closes.")}</p>
                }.into_any(),
                Some(Err(error)) => view! { <Problem error/> }.into_any(),
                Some(Ok(review)) => {
                    let signals = review.signals.clone();
                    let revision = review.release.revision;
                    let draft = review.release.status == ReleaseStatus::Draft;
                    let open = review.campaign.open;
                    let published_at = review.release.published_at.clone();
                    let published_by = review.release.published_by.as_ref().map(|expert| expert.display_name.clone());
                    let recompute = review.recompute.clone();
                    view! {
                        <h2 class="campaign-name">{review.campaign.name.clone()}</h2>
                        {recompute.map(|recompute| view! { <p class="notice">{move || match (recompute.code, lang.get()) {
                            (RecomputeCode::TooFewNew, Lang::Nl) => format!("Na de verlenging kwamen {} nieuwe deelnames; een nieuwe ronde groepscijfers komt pas bij {} nieuwe, anders zou het verschil iets over enkele mensen zeggen.", recompute.new_uploads.unwrap_or(0), recompute.needed.unwrap_or(0)),
                            (RecomputeCode::TooFewNew, Lang::En) => format!("After the extension {} new uploads arrived; a new round of figures needs {} new ones, or the difference would say something about a few people.", recompute.new_uploads.unwrap_or(0), recompute.needed.unwrap_or(0)),
                            (RecomputeCode::NewMayBeOwn, Lang::Nl) => format!("Na de verlenging kwamen {} nieuwe deelnames via de open link. Die kunnen ook van de werkgever zelf zijn. Daarom tellen ze niet voor een nieuwe ronde groepscijfers: het verschil kan iets zeggen over één persoon. De vrijgegeven cijfers blijven staan.", recompute.new_uploads.unwrap_or(0)),
                            (RecomputeCode::NewMayBeOwn, Lang::En) => format!("After the extension {} new uploads came in through the open link. They could also be the employer's own. So they do not count towards a new round of figures: the difference could say something about one person. The published figures stay.", recompute.new_uploads.unwrap_or(0)),
                            (RecomputeCode::TotalChangedByFew, Lang::Nl) => "Sinds de vrijgegeven ronde kwamen er maar een paar mensen bij of trokken een paar mensen zich terug. Een nieuwe ronde zou iets over hen zeggen. De vrijgegeven cijfers blijven staan.".to_owned(),
                            (RecomputeCode::TotalChangedByFew, Lang::En) => "Since the published round only a few people joined or withdrew. A new round would say something about them. The published figures stay.".to_owned(),
                            (RecomputeCode::CannotVerify, Lang::Nl) => "Een nieuwe ronde groepscijfers kon niet veilig worden berekend.".to_owned(),
                            (RecomputeCode::CannotVerify, Lang::En) => "A new round of group figures could not be computed safely.".to_owned(),
                        }}</p> })}
                        <section aria-labelledby="signals-title" class="card">
                            <h2 id="signals-title">{tr("Signalen van opvullen", "Signs of padding")}</h2>
                            <p>{move || match lang.get() { Lang::Nl => format!("{} deelnames in deze groepscijfers.", signals.uploads), Lang::En => format!("{} uploads in these group figures.", signals.uploads) }}</p>
                            <ul class="signals">
                                {signals.bursts.iter().cloned().map(|burst| view! {
                                    <li class:attention=burst.attention>
                                        <strong>{move || attention_mark(lang.get(), burst.attention)}</strong>" — "
                                        {move || match lang.get() {
                                            Lang::Nl => format!("Hoogstens {} deelnames binnen {} minuten ({} % van alle).", burst.largest, burst.window_minutes, one_decimal(burst.share, Lang::Nl)),
                                            Lang::En => format!("At most {} uploads within {} minutes ({} % of all).", burst.largest, burst.window_minutes, one_decimal(burst.share, Lang::En)),
                                        }}
                                    </li>
                                }).collect_view()}
                                {
                                    let identical = signals.identical_results.clone();
                                    view! { <li class:attention=identical.attention>
                                        <strong>{move || attention_mark(lang.get(), identical.attention)}</strong>" — "
                                        {move || match lang.get() {
                                            Lang::Nl => format!("Gelijke uitkomsten: de grootste groep telt {}; {} deelnames lijken op een andere.", identical.largest, identical.uploads_in_groups),
                                            Lang::En => format!("Identical results: the largest group has {}; {} uploads match another.", identical.largest, identical.uploads_in_groups),
                                        }}
                                    </li> }
                                }
                                {
                                    let origins = signals.origins.clone();
                                    view! { <li class:attention=origins.attention>
                                        <strong>{move || attention_mark(lang.get(), origins.attention)}</strong>" — "
                                        {move || match lang.get() {
                                            Lang::Nl => format!("Van één adres kwamen hoogstens {} deelnames ({} %), uit {} verschillende adressen. Veel mensen achter één kantooradres zien er hetzelfde uit: een aanwijzing, geen bewijs.", origins.largest, one_decimal(origins.share, Lang::Nl), origins.addresses),
                                            Lang::En => format!("At most {} uploads came from one address ({} %), from {} different addresses. Many people behind one office address look the same: a hint, not a proof.", origins.largest, one_decimal(origins.share, Lang::En), origins.addresses),
                                        }}
                                    </li> }
                                }
                            </ul>
                            <div class="table-scroll">
                                <table class="data signals-table">
                                    <caption>{tr("Per afdeling (ook afdelingen die de werkgever niet ziet)", "Per department (including departments the employer does not see)")}</caption>
                                    <thead><tr>
                                        <th scope="col">{tr("Groep", "Group")}</th>
                                        <th scope="col">{tr("Deelnames", "Uploads")}</th>
                                        <th scope="col">{tr("Meeste binnen 10 minuten", "Most within 10 minutes")}</th>
                                        <th scope="col">{tr("Grootste groep gelijke uitkomsten", "Largest group of identical results")}</th>
                                        <th scope="col">{tr("Meeste van één adres", "Most from one address")}</th>
                                    </tr></thead>
                                    <tbody>{signals.groups.iter().cloned().map(|group| view! {
                                        <tr class:attention=group.attention>
                                            <th scope="row">{move || group_name(lang.get(), group.kind, group.name.as_deref())}" "<strong>{move || if group.attention { attention_mark(lang.get(), true) } else { "" }}</strong></th>
                                            <td>{group.uploads}</td>
                                            <td>{group.largest_burst_10_minutes}</td>
                                            <td>{group.largest_identical}</td>
                                            <td>{group.largest_origin}</td>
                                        </tr>
                                    }).collect_view()}
                                    {signals.hidden_rest.clone().map(|rest| view! {
                                        <tr class:attention=rest.attention>
                                            <th scope="row">{tr("Verborgen groepen samen", "Hidden groups together")}" "<strong>{move || if rest.attention { attention_mark(lang.get(), true) } else { "" }}</strong></th>
                                            <td>{rest.uploads}</td>
                                            <td>{rest.largest_burst_10_minutes}</td>
                                            <td>{rest.largest_identical}</td>
                                            <td>{rest.largest_origin}</td>
                                        </tr>
                                    })}</tbody>
                                </table>
                            </div>
                            <p>{tr(
                                "Per groep is de drempel laag: al een paar deelnames van één adres, kort na elkaar of met dezelfde uitkomst vragen om een blik. Ook de verborgen groepen samen tellen mee, want daaruit valt een verborgen groep af te leiden.",
                                "Per group the threshold is low: a few uploads from one address, close together or with the same result already ask for a look. The hidden groups together count too, because a hidden group can be derived from them.",
                            )}</p>
                        </section>
                        <section aria-labelledby="publish-title" class="card">
                            <h2 id="publish-title">{tr("Vrijgeven", "Publish")}</h2>
                            {if draft && !open {
                                view! {
                                    <p>{tr(
                                        "Na vrijgeven ziet de werkgever precies de cijfers hieronder. Dat is niet terug te draaien.",
                                        "After publishing, the employer sees exactly the figures below. This cannot be undone.",
                                    )}</p>
                                    <button type="button" class="button" disabled=move || publish.pending().get() on:click=move |_| {
                                        let question = match lang.get_untracked() {
                                            Lang::Nl => "Deze groepscijfers vrijgeven aan de werkgever?",
                                            Lang::En => "Publish these group figures to the employer?",
                                        };
                                        if window().confirm_with_message(question).unwrap_or(false) {
                                            publish.dispatch(revision);
                                        }
                                    }>{tr("Vrijgeven aan de werkgever", "Publish to the employer")}</button>
                                }.into_any()
                            } else if draft {
                                view! { <p>{tr("De campagne loopt weer; vrijgeven kan als hij gesloten is.", "The campaign is running again; publishing is possible once it is closed.")}</p> }.into_any()
                            } else {
                                view! { <p role="status">{move || match lang.get() {
                                    Lang::Nl => format!(
                                        "Vrijgegeven op {}{}.",
                                        published_at.as_deref().map(|at| words::moment(Lang::Nl, at)).unwrap_or_default(),
                                        published_by.as_deref().map(|name| format!(" door {name}")).unwrap_or_default(),
                                    ),
                                    Lang::En => format!(
                                        "Published on {}{}.",
                                        published_at.as_deref().map(|at| words::moment(Lang::En, at)).unwrap_or_default(),
                                        published_by.as_deref().map(|name| format!(" by {name}")).unwrap_or_default(),
                                    ),
                                }}</p> }.into_any()
                            }}
                            {move || match publish.value().get() {
                                Some(Err(api::ApiError::Refused { code, .. })) if code == "release_changed" => Some(view! {
                                    <p class="error" role="alert">{tr("De cijfers zijn intussen opnieuw berekend (iemand trok een deelname in). Bekijk ze opnieuw voordat je vrijgeeft.", "The figures were computed again meanwhile (someone withdrew). Look at them again before publishing.")}</p>
                                }.into_any()),
                                Some(Err(error)) => Some(view! { <Problem error/> }.into_any()),
                                _ => None,
                            }}
                        </section>
                        <h2>{tr("Wat de werkgever te zien krijgt", "What the employer will see")}</h2>
                        {(review.campaign.invitations == Invitations::Open).then(|| view! { <OpenLinkNote/> })}
                        {
                            let dashboard = review.dashboard.clone();
                            move || {
                                let mut dashboard = dashboard.clone();
                                if let Some(plan) = plan.get().flatten() {
                                    dashboard.actions = plan.actions;
                                    dashboard.previous_actions = plan.previous_actions;
                                }
                                view! { <DashboardView dashboard/> }
                            }
                        }
                    }
                    .into_any()
                }
            }}
        </Page>
    }
}
