//! `/vragenlijsten/{id}/{version}`: a version opened to write the next one. Its files in the
//! editor; every problem the core's validator finds, on every change (a moment after the last
//! key), printed as `werkscan check` prints it; the preview on the scan's own screens; what
//! differs from the version opened, with the ids whose meaning would change; publishing; and
//! the files to download for the repository.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use werkscan_api::author::{SourceText, VersionSource, VersionSources, VersionSummary};
use werkscan_console::session::{use_session, SessionState};
use werkscan_core::authoring::Diagnostic;
use werkscan_core::changes::{compare, id_meaning_problems};
use werkscan_core::Definition;
use werkscan_kit::i18n::use_lang;

use crate::components::{focus_problem, loaded, pick, tr, Differences, Guard, Page, Phone, ProblemList, SourceEditor};
use crate::publishing::{blockers, Blocker, Refusal};
use crate::sources::{check, file_name, missing_translations, source_files};
use crate::{api, href, version_path};

/// How long the validator waits after the last change before it runs.
const QUIET: Duration = Duration::from_millis(300);

/// The editor of one version.
#[component]
pub fn Editor() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| {
        params.with(|params| (params.get("id").unwrap_or_default(), params.get("version").unwrap_or_default()))
    });
    view! {
        <Guard>
            {move || {
                let (id, version) = key.get();
                view! { <Load id version/> }
            }}
        </Guard>
    }
}

#[component]
fn Load(id: String, version: String) -> impl IntoView {
    let (wanted_id, wanted_version) = (id.clone(), version.clone());
    let sources = LocalResource::new(move || {
        let (id, version) = (wanted_id.clone(), wanted_version.clone());
        async move { api::version(&id, &version).await }
    });
    let list = LocalResource::new(api::questionnaires);
    // Every version the server has of this questionnaire: a new one needs a number of its own.
    let known = Signal::derive(move || {
        list.get()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|questionnaire| questionnaire.id == id))
            .map(|questionnaire| questionnaire.versions)
            .unwrap_or_default()
    });
    move || {
        loaded(sources.get(), |sources| {
            view! { <Workbench sources known on_published=Callback::new(move |()| list.refetch())/> }.into_any()
        })
    }
}

/// What the editor shows of the version opened: its number, where it came from, its licence.
#[component]
fn Summary(summary: VersionSummary) -> impl IntoView {
    let lang = use_lang();
    let VersionSummary { source, licence, published_at, published_by, current, .. } = summary;
    view! {
        <dl class="version-facts">
            <dt>{tr("Bron", "Source")}</dt>
            <dd>{move || match (source, &published_by, &published_at) {
                (VersionSource::Published, Some(by), Some(at)) => format!(
                    "{} {by}, {}",
                    pick(lang.get(), "Hier gepubliceerd door", "Published here by"),
                    werkscan_console::words::moment(lang.get(), at)
                ),
                (VersionSource::Published, _, _) => pick(lang.get(), "Hier gepubliceerd", "Published here").to_owned(),
                (VersionSource::File, _, _) => pick(lang.get(), "Bestand op de server (questionnaires/)", "File on the server (questionnaires/)").to_owned(),
            }}</dd>
            <dt>{tr("Huidige versie", "Current version")}</dt>
            <dd>{move || if current {
                pick(lang.get(), "Ja: nieuwe campagnes gebruiken deze versie", "Yes: new campaigns use this version")
            } else {
                pick(lang.get(), "Nee", "No")
            }}</dd>
            <dt>{tr("Licentie", "Licence")}</dt>
            <dd class="licence">{move || {
                let text = licence.get(lang.get());
                if text.trim().is_empty() { pick(lang.get(), "Geen licentie genoemd", "No licence given").to_owned() } else { text.to_owned() }
            }}</dd>
        </dl>
    }
}

#[component]
fn Workbench(sources: VersionSources, known: Signal<Vec<VersionSummary>>, on_published: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let VersionSources { summary, files: opened } = sources;
    let id = summary.id.clone();
    let heading = format!("{} {}", summary.id, summary.version);
    let opened_check = check(&opened, &id);
    // The version opened, resolved: what the differences and the id rule compare against.
    let base: Option<Definition> = opened_check.definition.clone();
    let files = RwSignal::new(opened);
    let active = RwSignal::new(0usize);
    let checked = RwSignal::new(opened_check);

    // The validator runs a moment after the last change, not on every key.
    let generation = StoredValue::new(0u64);
    let check_id = id.clone();
    let on_edit = Callback::new(move |()| {
        let this = generation.get_value().wrapping_add(1);
        generation.set_value(this);
        let check_id = check_id.clone();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(this) {
                    let _ = checked.try_set(files.with_untracked(|files| check(files, &check_id)));
                }
            },
            QUIET,
        );
    });

    let definition = Memo::new(move |_| checked.with(|checked| checked.definition.clone()));
    let base_for_rule = base.clone();
    let id_meaning = Memo::new(move |_| match (&base_for_rule, definition.get()) {
        (Some(old), Some(new)) => files.with_untracked(|files| id_meaning_problems(old, &new, &source_files(files))),
        _ => Vec::new(),
    });
    let base_for_changes = base.clone();
    let changes =
        Memo::new(move |_| base_for_changes.as_ref().and_then(|old| definition.get().map(|new| compare(old, &new))));
    let diagnostics = Signal::derive(move || checked.with(|checked| checked.diagnostics.clone()));
    let every_problem = Signal::derive(move || {
        let mut all = diagnostics.get();
        all.extend(id_meaning.get());
        all
    });
    let translations = Signal::derive(move || {
        checked.with(|checked| missing_translations(&checked.diagnostics).into_iter().cloned().collect::<Vec<_>>())
    });
    let pick_problem =
        Callback::new(move |problem: Diagnostic| files.with_untracked(|files| focus_problem(files, active, &problem)));

    // The preview starts with the first definition without problems and follows the later ones.
    let first_valid = RwSignal::new(base.clone());
    Effect::new(move |_| {
        if first_valid.with_untracked(Option::is_none) {
            if let Some(definition) = definition.get() {
                first_valid.set(Some(definition));
            }
        }
    });
    let has_preview = Memo::new(move |_| first_valid.with(Option::is_some));

    // Publishing.
    let stopped = Memo::new(move |_| checked.with(|checked| blockers(checked, &id_meaning.get(), &known.get())));
    let publish =
        Action::new_local(move |(files, csrf): &(Vec<SourceText>, String)| api::publish(files.clone(), csrf.clone()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = publish.value().get() {
            on_published.run(());
        }
    });
    let send = move |_| {
        let csrf = match session.get_untracked() {
            SessionState::In(view) => view.csrf_token,
            _ => String::new(),
        };
        publish.dispatch((files.get_untracked(), csrf));
    };

    let summary_for_view = summary.clone();
    let base_version = summary.version.clone();
    view! {
        <Page title=move || heading.clone()>
            <p><A href=href("/")>{tr("Terug naar alle vragenlijsten", "Back to all questionnaires")}</A></p>
            <Summary summary=summary_for_view/>
            <div class="workbench">
                <section class="sources" aria-labelledby="sources-heading">
                    <h2 id="sources-heading">{tr("Bestanden", "Files")}</h2>
                    <SourceEditor files active problems=every_problem on_edit/>
                    <h3 id="problems-heading">{tr("Problemen", "Problems")}</h3>
                    <p role="status" class="problem-summary">{move || match diagnostics.with(Vec::len) {
                        0 => pick(lang.get(), "De validator vindt geen problemen.", "The validator finds no problems.").to_owned(),
                        1 => pick(lang.get(), "De validator vindt 1 probleem.", "The validator finds 1 problem.").to_owned(),
                        count => format!("{} {count} {}", pick(lang.get(), "De validator vindt", "The validator finds"), pick(lang.get(), "problemen.", "problems.")),
                    }}</p>
                    <ProblemList problems=diagnostics on_pick=pick_problem/>
                    <details class="check-output">
                        <summary>{tr("Zoals `werkscan check` het schrijft", "As `werkscan check` prints it")}</summary>
                        <pre>{move || checked.with(|checked| checked.report.clone())}</pre>
                    </details>
                    <h3>{tr("Beide talen", "Both languages")}</h3>
                    {move || if translations.with(Vec::is_empty) {
                        view! { <p class="both-languages">{tr("Elke tekst heeft Nederlands en Engels.", "Every text has Dutch and English.")}</p> }.into_any()
                    } else {
                        view! {
                            <p>{tr("Deze teksten missen een taal (het veld eindigt op de taal die ontbreekt):", "These texts lack a language (the field ends in the missing one):")}</p>
                            <ProblemList problems=translations on_pick=pick_problem class="missing-languages"/>
                        }.into_any()
                    }}
                </section>
                <section class="preview" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{tr("Voorbeeld op de telefoon", "Preview on the phone")}</h2>
                    {move || (!diagnostics.with(Vec::is_empty) && has_preview.get()).then(|| view! {
                        <p class="notice">{tr("Het voorbeeld toont de laatste tekst zonder problemen.", "The preview shows the last text without problems.")}</p>
                    })}
                    {move || match has_preview.get() {
                        true => first_valid.get_untracked().map(|initial| view! { <Phone initial latest=definition/> }.into_any()),
                        false => Some(view! {
                            <p>{tr("Het voorbeeld verschijnt zodra de validator geen problemen meer vindt.", "The preview appears once the validator finds no more problems.")}</p>
                        }.into_any()),
                    }}
                </section>
            </div>
            <section class="differences" aria-labelledby="differences-heading">
                <h2 id="differences-heading">{move || format!("{} {base_version}", pick(lang.get(), "Verschillen met versie", "Differences from version"))}</h2>
                <Differences changes id_meaning on_pick=pick_problem/>
            </section>
            <section class="publish" aria-labelledby="publish-heading">
                <h2 id="publish-heading">{tr("Publiceren als nieuwe versie", "Publish as a new version")}</h2>
                <p>{tr(
                    "Verhoog eerst `version` in het bestand van de vragenlijst. De server controleert alles opnieuw. Een gepubliceerde versie verandert nooit meer; nieuwe campagnes kunnen haar kiezen, en wie al met een oudere versie begon, maakt die af.",
                    "First raise `version` in the questionnaire's file. The server checks everything again. A published version never changes again; new campaigns can choose it, and whoever began on an older version finishes that one.",
                )}</p>
                {move || {
                    let stopped = stopped.get();
                    (!stopped.is_empty()).then(|| view! {
                        <ul class="blockers">
                            {stopped.into_iter().map(|blocker| view! { <li>{move || blocker_words(lang.get(), &blocker)}</li> }).collect_view()}
                        </ul>
                    })
                }}
                <button type="button" class="button" on:click=send
                    disabled=move || !stopped.with(Vec::is_empty) || publish.pending().get()>
                    {tr("Publiceren", "Publish")}
                </button>
                <PublishOutcome outcome=publish.value() on_pick=pick_problem/>
            </section>
            <section class="export" aria-labelledby="export-heading">
                <h2 id="export-heading">{tr("Bestanden downloaden", "Download the files")}</h2>
                <p>{tr(
                    "De bestanden zoals ze nu in de editor staan, om in de repository te zetten (questionnaires/ en questionnaires/parts/).",
                    "The files as they are in the editor now, to put in the repository (questionnaires/ and questionnaires/parts/).",
                )}</p>
                <ul class="downloads">
                    {move || files.with(|all| (0..all.len()).map(|index| {
                        let name = file_name(&all[index].path).to_owned();
                        let label = name.clone();
                        view! {
                            <li><button type="button" class="button button-secondary" on:click=move |_| {
                                files.with_untracked(|files| if let Some(file) = files.get(index) { werkscan_kit::file::download(&name, "application/toml;charset=utf-8", &file.contents) });
                            }>{tr("Download ", "Download ")}{label}</button></li>
                        }
                    }).collect_view())}
                </ul>
            </section>
        </Page>
    }
}

fn blocker_words(lang: werkscan_core::Lang, blocker: &Blocker) -> String {
    match blocker {
        Blocker::Problems(count) => format!(
            "{} {count} {}",
            pick(lang, "Los eerst de problemen op:", "First solve the problems:"),
            pick(lang, "gevonden.", "found.")
        ),
        Blocker::IdMeaning(count) => format!(
            "{} {count}",
            pick(
                lang,
                "Een id dat iets anders gaat betekenen, krijgt een nieuw id. Aantal:",
                "An id whose meaning changes gets a new id. Count:"
            )
        ),
        Blocker::VersionNotRaised(version) => format!(
            "{} {version} {}",
            pick(lang, "Versie", "Version"),
            pick(lang, "bestaat al. Verhoog `version`.", "already exists. Raise `version`.")
        ),
    }
}

/// The server's answer to publishing: the new version, or why not, with its problems.
#[component]
fn PublishOutcome(
    #[prop(into)] outcome: Signal<Option<Result<VersionSummary, Refusal>>>,
    on_pick: Callback<Diagnostic>,
) -> impl IntoView {
    let lang = use_lang();
    move || match outcome.get() {
        None => None,
        Some(Ok(version)) => {
            let link = href(&version_path(&version.id, &version.version));
            Some(view! {
                <div class="published" role="status">
                    <p>{move || format!("{} {} {}", pick(lang.get(), "Versie", "Version"), version.version, pick(lang.get(), "is gepubliceerd.", "is published."))}</p>
                    <p><A href=href("/")>{tr("Naar de lijst met versies", "To the list of versions")}</A>" · "<A href=link>{tr("Open de nieuwe versie", "Open the new version")}</A></p>
                </div>
            }.into_any())
        }
        Some(Err(refusal)) => {
            let diagnostics = refusal.diagnostics.clone();
            Some(
                view! {
                    <div class="refused" role="alert">
                        <p>{move || refusal_words(lang.get(), &refusal)}</p>
                        <ProblemList problems=Signal::stored(diagnostics) on_pick/>
                    </div>
                }
                .into_any(),
            )
        }
    }
}

fn refusal_words(lang: werkscan_core::Lang, refusal: &Refusal) -> String {
    let words = match refusal.code.as_str() {
        "offline" => pick(
            lang,
            "Geen verbinding met de server. Probeer het zo nog eens.",
            "No connection to the server. Please try again shortly.",
        ),
        "invalid_definition" => pick(
            lang,
            "De server publiceert deze versie niet: de validator vindt problemen.",
            "The server does not publish this version: the validator finds problems.",
        ),
        "id_meaning_changed" => pick(
            lang,
            "De server publiceert deze versie niet: een id gaat iets anders betekenen en moet een nieuw id krijgen.",
            "The server does not publish this version: an id changes its meaning and needs a new id.",
        ),
        "version_exists" => pick(
            lang,
            "Deze versie bestaat al met een andere inhoud. Verhoog `version`.",
            "This version already exists with other content. Raise `version`.",
        ),
        "not_one_questionnaire" => pick(
            lang,
            "Precies één bestand moet een vragenlijst zijn; de andere zijn delen die zij gebruikt.",
            "Exactly one file must be a questionnaire; the others are parts it includes.",
        ),
        _ => "",
    };
    if words.is_empty() {
        format!(
            "{} ({}: {})",
            pick(lang, "De server publiceert deze versie niet.", "The server does not publish this version."),
            refusal.code,
            refusal.message
        )
    } else {
        words.to_owned()
    }
}
