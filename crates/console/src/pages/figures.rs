//! Group figures: the employer's dashboard of a published release (bars per theme with the
//! numbers beside them, the trend, the norm, CSV and print), and the arbeidsdeskundige's review
//! of a release with its padding signals before publishing it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use werkscan_core::{Definition, Lang};
use werkscan_kit::i18n::use_lang;

use crate::api::{self, BandCount, CampaignView, Dashboard, Group, Invitations, Measure, Publish, Review, Role};
use crate::components::{tr, Guard, Loading, Page, Problem};
use crate::figures::{
    change_words, distribution_words, group_name, hidden_groups_note, hidden_measure_note, measure_of, one_decimal, segments, shown_groups, signed,
    whole_percent,
};
use crate::{href, words};

fn signal_icon(signal: &str) -> &'static str {
    match signal {
        "attention" => "◆",
        "watch" => "!",
        _ => "✓",
    }
}

/// A distribution as a bar: one segment per band, with its count written inside where it fits.
/// An image for screen readers with the numbers as its name; the table beside it has them too.
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
                <rect x=part.start y="0" width=part.width height="10" class=format!("segment signal-{}", part.signal)></rect>
            }).collect_view()}
        </svg>
    }
}

/// The legend of a measure's bands: icon, name and, from the definition, what the band means.
#[component]
fn Legend(measure: Measure, definition: Option<Definition>) -> impl IntoView {
    let lang = use_lang();
    let explanations = definition
        .as_ref()
        .and_then(|definition| definition.score(&measure.score).and_then(|score| score.bands.clone()).and_then(|set| definition.bands.get(&set).cloned()));
    view! {
        <ul class="legend">
            {measure.bands.into_iter().map(|band| {
                let explanation = explanations.as_ref().and_then(|set| set.levels.iter().find(|known| known.key == band.key).map(|known| known.explanation.clone()));
                view! {
                    <li>
                        <span class=format!("swatch signal-{}", band.signal) aria-hidden="true">{signal_icon(&band.signal)}</span>
                        <strong>{move || band.label.get(lang.get()).to_owned()}</strong>
                        {explanation.map(|text| view! { ": "{move || text.get(lang.get()).to_owned()} })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// One measure for every shown group: bars and, beside them, the numbers.
#[component]
fn MeasureSection(measure: Measure, groups: Vec<Group>, definition: Option<Definition>) -> impl IntoView {
    let lang = use_lang();
    let title_id = format!("measure-{}", measure.score);
    let is_theme = measure.kind == "theme";
    let label = measure.label.clone();
    let caption = measure.label.clone();
    let bands = measure.bands.clone();
    let range = format!("{}–{}", one_decimal(measure.min, Lang::Nl), one_decimal(measure.max, Lang::Nl));
    view! {
        <section class="measure" aria-labelledby=title_id.clone()>
            <h2 id=title_id.clone()>{move || label.get(lang.get()).to_owned()}</h2>
            <Legend measure=measure.clone() definition/>
            <div class="table-scroll">
                <table class="data figures">
                    <caption class="visually-hidden">{move || caption.get(lang.get()).to_owned()}</caption>
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
                            let (kind, group_label) = (group.kind.clone(), group.name.clone());
                            let name = move || group_name(lang.get(), &kind, group_label.as_deref());
                            let band_count = measure.bands.len();
                            match measure_of(&group, &measure.score).filter(|figure| figure.shown).cloned() {
                                Some(figure) => {
                                    let distribution = figure.distribution.clone().unwrap_or_default();
                                    let total: i64 = distribution.iter().map(|count| count.count).sum();
                                    let counts: Vec<i64> = measure.bands.iter().map(|band| distribution.iter().find(|count| count.band == band.key).map_or(0, |count| count.count)).collect();
                                    view! {
                                        <tr>
                                            <th scope="row">{name}</th>
                                            <td>{figure.respondents.unwrap_or(total)}</td>
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
                    </tbody>
                </table>
            </div>
        </section>
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

/// A release's figures, exactly as the employer sees them (and the expert before publishing).
#[component]
pub fn DashboardView(dashboard: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let release = dashboard.release.clone();
    let k = release.min_group_size;
    let (shown, hidden) = shown_groups(&dashboard.groups);
    let shown: Vec<Group> = shown.into_iter().cloned().collect();
    let total = shown.iter().find(|group| group.kind == "total").cloned();
    let questionnaire = dashboard.campaign.questionnaire.clone();
    let definition = LocalResource::new(move || {
        let url = format!("/api/questionnaires/{}/{}", api::segment(&questionnaire.id), api::segment(&questionnaire.version));
        async move { api::get::<Definition>(&url).await.ok() }
    });
    let measures = dashboard.measures.clone();
    let trend = dashboard.trend.clone();
    let norm = dashboard.norm.clone();
    let all_measures = dashboard.measures.clone();
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
    view! {
        <dl class="facts">
            <dt>{tr("Deelnemers in de groepscijfers", "Respondents in the group figures")}</dt>
            <dd>{release.respondents.unwrap_or_default()}
                {total.response_rate.map(|rate| view! { " "<span class="meta">{move || match lang.get() {
                    Lang::Nl => format!("({} % van {} medewerkers)", one_decimal(rate, Lang::Nl), total.headcount.unwrap_or_default()),
                    Lang::En => format!("({} % of {} employees)", one_decimal(rate, Lang::En), total.headcount.unwrap_or_default()),
                }}</span> })}
            </dd>
            <dt>{tr("Minimale groepsgrootte", "Minimum group size")}</dt><dd>{k}</dd>
            <dt>{tr("Berekend", "Computed")}</dt><dd>{move || words::moment(lang.get(), &computed)}</dd>
            {published.map(|at| view! { <dt>{tr("Vrijgegeven", "Published")}</dt><dd>{move || words::moment(lang.get(), &at)}</dd> })}
            {total.appointments.map(|appointments| view! {
                <dt>{tr("Adviesgesprekken", "Advice conversations")}</dt>
                <dd>{move || words::appointments(lang.get(), &appointments, k)}</dd>
            })}
        </dl>
        <p class="hint">{tr(
            "Alleen mensen die daar zelf voor kozen tellen mee. De cijfers veranderen niet meer: ze zijn één keer berekend na de laatste dag.",
            "Only people who chose it themselves are counted. The figures no longer change: they were computed once after the last day.",
        )}</p>
        {move || hidden_groups_note(lang.get(), hidden, k).map(|note| view! { <p class="notice">{note}</p> })}
        {move || {
            let definition = definition.get().flatten();
            measures.iter().map(|measure| view! { <MeasureSection measure=measure.clone() groups=shown.clone() definition=definition.clone()/> }).collect_view()
        }}
        {trend.map(|trend| {
            let previous = trend.previous.clone();
            let labels = all_measures.clone();
            view! {
                <section aria-labelledby="trend-title">
                    <h2 id="trend-title">{tr("Vergeleken met de vorige campagne", "Compared with the previous campaign")}</h2>
                    <p>{move || match lang.get() {
                        Lang::Nl => format!("{} ({} – {}). Verschillen kleiner dan de drempel zijn geen betekenisvolle verandering: zo veel kan het ook verschillen als dezelfde mensen de scan opnieuw doen.", previous.campaign_name, words::day(Lang::Nl, previous.starts_on), words::day(Lang::Nl, previous.ends_on)),
                        Lang::En => format!("{} ({} – {}). Differences below the threshold are no meaningful change: that much can differ when the same people repeat the scan.", previous.campaign_name, words::day(Lang::En, previous.starts_on), words::day(Lang::En, previous.ends_on)),
                    }}</p>
                    <div class="table-scroll">
                        <table class="data trend">
                            <thead><tr>
                                <th scope="col">{tr("Groep", "Group")}</th>
                                <th scope="col">{tr("Thema", "Theme")}</th>
                                <th scope="col">{tr("Toen", "Then")}</th>
                                <th scope="col">{tr("Nu", "Now")}</th>
                                <th scope="col">{tr("Verschil", "Difference")}</th>
                                <th scope="col">{tr("Betekenis", "Meaning")}</th>
                            </tr></thead>
                            <tbody>{trend.groups.into_iter().flat_map(|group| {
                                let labels = labels.clone();
                                group.measures.clone().into_iter().map(move |change| {
                                    let (kind, name) = (group.kind.clone(), group.name.clone());
                                    let label = labels.iter().find(|measure| measure.score == change.score).map(|measure| measure.label.clone()).unwrap_or_default();
                                    let meaning = change.change.clone();
                                    let row_class = format!("change-{meaning}");
                                    view! {
                                        <tr class=row_class>
                                            <th scope="row">{move || group_name(lang.get(), &kind, name.as_deref())}</th>
                                            <td>{move || label.get(lang.get()).to_owned()}</td>
                                            <td>{move || one_decimal(change.previous_mean, lang.get())}</td>
                                            <td>{move || one_decimal(change.mean, lang.get())}</td>
                                            <td>{move || signed(change.difference, lang.get())}</td>
                                            <td>{move || format!("{} ({} {})", change_words(lang.get(), &meaning), tr("drempel", "threshold")(), one_decimal(change.threshold, lang.get()))}</td>
                                        </tr>
                                    }
                                }).collect::<Vec<_>>()
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                </section>
            }
        })}
        {norm.map(|norm| {
            let labels = all_measures.clone();
            let as_of = norm.as_of.clone();
            view! {
                <section aria-labelledby="norm-title">
                    <h2 id="norm-title">{tr("Vergeleken met andere organisaties", "Compared with other organisations")}</h2>
                    <p>{move || match lang.get() {
                        Lang::Nl => format!("Alle organisaties op het platform met deze vragenlijst: {} organisaties, {} deelnemers, tot {}.", norm.organisations, norm.respondents, words::moment(Lang::Nl, &as_of)),
                        Lang::En => format!("All organisations on the platform with this questionnaire: {} organisations, {} respondents, up to {}.", norm.organisations, norm.respondents, words::moment(Lang::En, &as_of)),
                    }}</p>
                    <div class="table-scroll">
                        <table class="data norm">
                            <thead><tr>
                                <th scope="col">{tr("Thema", "Theme")}</th>
                                <th scope="col">{tr("Gemiddelde elders", "Mean elsewhere")}</th>
                                <th scope="col">{tr("Verdeling elders", "Distribution elsewhere")}</th>
                                <th scope="col">{tr("Organisaties en deelnemers", "Organisations and respondents")}</th>
                            </tr></thead>
                            <tbody>{norm.measures.into_iter().map(|figure| {
                                let measure = labels.iter().find(|measure| measure.score == figure.score).cloned();
                                let label = measure.as_ref().map(|measure| measure.label.clone()).unwrap_or_default();
                                let distribution = figure.distribution.clone().unwrap_or_default();
                                view! {
                                    <tr>
                                        <th scope="row">{move || label.get(lang.get()).to_owned()}</th>
                                        <td>{move || figure.mean.map(|mean| one_decimal(mean, lang.get())).unwrap_or_else(|| "–".into())}</td>
                                        <td>{measure.clone().map(|measure| { let words_measure = measure.clone(); let words_distribution = distribution.clone(); view! {
                                            <Bar measure distribution/>
                                            <span class="meta">{move || distribution_words(lang.get(), &words_measure, &words_distribution)}</span>
                                        } })}</td>
                                        <td>{format!("{} / {}", figure.organisations, figure.respondents)}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                </section>
            }
        })}
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
        async move { api::get::<CampaignView>(&url).await.map(|campaign| campaign.invitations == Invitations::Open).unwrap_or(false) }
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
                        <DashboardView dashboard/>
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
                    let draft = review.release.status == "draft";
                    let open = review.campaign.open;
                    let published_at = review.release.published_at.clone();
                    let published_by = review.release.published_by.as_ref().map(|expert| expert.display_name.clone());
                    let recompute = review.recompute.clone();
                    view! {
                        <h2 class="campaign-name">{review.campaign.name.clone()}</h2>
                        {recompute.map(|recompute| view! { <p class="notice">{move || match (recompute.code.as_str(), lang.get()) {
                            ("too_few_new", Lang::Nl) => format!("Na de verlenging kwamen {} nieuwe deelnames; een nieuwe ronde groepscijfers komt pas bij {} nieuwe, anders zou het verschil iets over enkele mensen zeggen.", recompute.new_uploads.unwrap_or(0), recompute.needed.unwrap_or(0)),
                            ("too_few_new", Lang::En) => format!("After the extension {} new uploads arrived; a new round of figures needs {} new ones, or the difference would say something about a few people.", recompute.new_uploads.unwrap_or(0), recompute.needed.unwrap_or(0)),
                            ("new_may_be_own", Lang::Nl) => format!("Na de verlenging kwamen {} nieuwe deelnames via de open link. Die kunnen ook van de werkgever zelf zijn. Daarom tellen ze niet voor een nieuwe ronde groepscijfers: het verschil kan iets zeggen over één persoon. De vrijgegeven cijfers blijven staan.", recompute.new_uploads.unwrap_or(0)),
                            ("new_may_be_own", Lang::En) => format!("After the extension {} new uploads came in through the open link. They could also be the employer's own. So they do not count towards a new round of figures: the difference could say something about one person. The published figures stay.", recompute.new_uploads.unwrap_or(0)),
                            ("total_changed_by_few", Lang::Nl) => "Sinds de vrijgegeven ronde kwamen er maar een paar mensen bij of trokken een paar mensen zich terug. Een nieuwe ronde zou iets over hen zeggen. De vrijgegeven cijfers blijven staan.".to_owned(),
                            ("total_changed_by_few", Lang::En) => "Since the published round only a few people joined or withdrew. A new round would say something about them. The published figures stay.".to_owned(),
                            (_, Lang::Nl) => "Een nieuwe ronde groepscijfers kon niet veilig worden berekend.".to_owned(),
                            (_, Lang::En) => "A new round of group figures could not be computed safely.".to_owned(),
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
                                            <th scope="row">{move || group_name(lang.get(), &group.kind, group.name.as_deref())}" "<strong>{move || if group.attention { attention_mark(lang.get(), true) } else { "" }}</strong></th>
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
                        <DashboardView dashboard=review.dashboard.clone()/>
                    }
                    .into_any()
                }
            }}
        </Page>
    }
}
