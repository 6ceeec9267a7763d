//! `/`: every questionnaire with its versions: where each came from (the files the server read,
//! or published here), its licence, who published it and when, and which is current.

use leptos::prelude::*;
use leptos_router::components::A;
use werkscan_api::author::{QuestionnaireVersions, VersionSource, VersionSummary};
use werkscan_kit::i18n::use_lang;

use crate::components::{loaded, pick, tr, Guard, Page};
use crate::{api, href, version_path};

/// The list of questionnaires and their versions.
#[component]
pub fn Versions() -> impl IntoView {
    let title = tr("Vragenlijsten en versies", "Questionnaires and versions");
    view! {
        <Guard>
            <Page title=move || title().to_owned()>
                <VersionList/>
            </Page>
        </Guard>
    }
}

#[component]
fn VersionList() -> impl IntoView {
    let list = LocalResource::new(api::questionnaires);
    view! {
        <p>{tr(
            "Open een versie om een nieuwe versie te schrijven. Een gepubliceerde versie verandert nooit meer: campagnes en telefoons die ermee begonnen, houden haar.",
            "Open a version to write a new one. A published version never changes again: campaigns and phones that began with it keep it.",
        )}</p>
        {move || loaded(list.get(), |questionnaires| {
            questionnaires.into_iter().map(|questionnaire| view! { <Questionnaire questionnaire/> }).collect_view().into_any()
        })}
    }
}

#[component]
fn Questionnaire(questionnaire: QuestionnaireVersions) -> impl IntoView {
    let lang = use_lang();
    let title = questionnaire.title.clone();
    let heading_id = format!("q-{}", questionnaire.id);
    let labelled_by = heading_id.clone();
    let (id, shown_id) = (questionnaire.id.clone(), questionnaire.id.clone());
    view! {
        <section class="questionnaire" aria-labelledby=labelled_by data-questionnaire=id>
            <h2 id=heading_id>{move || title.get(lang.get()).to_owned()} " " <span class="meta">"(" {shown_id} ")"</span></h2>
            <table class="data stack versions">
                <caption class="visually-hidden">{tr("Versies", "Versions")}</caption>
                <thead><tr>
                    <th scope="col">{tr("Versie", "Version")}</th>
                    <th scope="col">{tr("Bron", "Source")}</th>
                    <th scope="col">{tr("Licentie", "Licence")}</th>
                    <th scope="col">{tr("Gepubliceerd", "Published")}</th>
                    <th scope="col">{tr("Openen", "Open")}</th>
                </tr></thead>
                <tbody>
                    {questionnaire.versions.into_iter().map(|version| view! { <VersionRow version/> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn VersionRow(version: VersionSummary) -> impl IntoView {
    let lang = use_lang();
    let VersionSummary {
        id, version: number, source, licence, published_at, published_by, introduced_at, current, ..
    } = version;
    let link = href(&version_path(&id, &number));
    let (row_version, shown_version, link_name) = (number.clone(), number.clone(), format!(" {id} {number}"));
    let published = move || match (&published_by, &published_at) {
        (Some(by), Some(at)) => {
            format!("{} {by}, {}", pick(lang.get(), "door", "by"), werkscan_console::words::moment(lang.get(), at))
        }
        (None, Some(at)) => werkscan_console::words::moment(lang.get(), at),
        // Read from the files: since when the server has it.
        _ => format!(
            "{} {}",
            pick(lang.get(), "Niet hier; de server las het bestand op", "Not here; the server read the file on"),
            werkscan_console::words::moment(lang.get(), &introduced_at)
        ),
    };
    view! {
        <tr data-version=row_version>
            <th scope="row" data-label=tr("Versie", "Version")>
                {shown_version}
                {current.then(|| view! { " " <span class="badge current">{tr("huidig", "current")}</span> })}
            </th>
            <td data-label=tr("Bron", "Source")>{move || match source {
                VersionSource::File => pick(lang.get(), "Bestand op de server", "File on the server"),
                VersionSource::Published => pick(lang.get(), "Hier gepubliceerd", "Published here"),
            }}</td>
            <td data-label=tr("Licentie", "Licence") class="licence">{move || {
                let text = licence.get(lang.get());
                if text.trim().is_empty() { pick(lang.get(), "Geen licentie genoemd", "No licence given").to_owned() } else { text.to_owned() }
            }}</td>
            <td data-label=tr("Gepubliceerd", "Published")>{published}</td>
            <td data-label=tr("Openen", "Open")>
                <A href=link>
                    {tr("Openen", "Open")}<span class="visually-hidden">{link_name}</span>
                </A>
            </td>
        </tr>
    }
}
