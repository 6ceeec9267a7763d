//! Campaigns: the list (the employer's organisation, the expert's own), a new campaign with a
//! preview of what employees will see, and a campaign's page with its link, QR code, printable
//! poster, invitation text, progress, closing early and extending.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use werkscan_api::accounts::Role;
use werkscan_api::campaigns::{CampaignStatus, CampaignView, ExpertRef, Extension, Invitations, ReleaseStatus};
use werkscan_api::error::FieldError;
use werkscan_api::practices::PracticeRef;
use werkscan_api::roster::Letters;
use werkscan_core::model::CatalogueEntry;
use werkscan_core::{Definition, Lang};
use werkscan_kit::i18n::use_lang;

use crate::api::{self, ApiError};
use crate::campaign_form::{field_message, input_id, invitation, CampaignForm, DepartmentRow, MAX_K, MIN_K};
use crate::components::{loaded, tr, Guard, Loading, Page, Problem, ProblemOf};
use crate::session::{use_session, SessionState};
use crate::{href, words};

/// The role of the person looking, once logged in.
fn my_role() -> Memo<Option<Role>> {
    let state = use_session();
    Memo::new(move |_| match state.get() {
        SessionState::In(view) => Some(view.user.role),
        _ => None,
    })
}

fn status_words(lang: Lang, campaign: &CampaignView) -> &'static str {
    match (campaign.status, lang) {
        (CampaignStatus::Planned, Lang::Nl) => "Gepland",
        (CampaignStatus::Planned, Lang::En) => "Planned",
        (CampaignStatus::Closed, Lang::Nl) => "Gesloten",
        (CampaignStatus::Closed, Lang::En) => "Closed",
        (_, Lang::Nl) if campaign.open => "Loopt",
        (_, Lang::En) if campaign.open => "Running",
        (_, Lang::Nl) => "Gesloten",
        (_, Lang::En) => "Closed",
    }
}

fn release_words(lang: Lang, campaign: &CampaignView) -> String {
    match (&campaign.release, lang) {
        (None, Lang::Nl) => "Nog geen groepscijfers".into(),
        (None, Lang::En) => "No group figures yet".into(),
        (Some(release), Lang::Nl) if release.status == ReleaseStatus::Published => {
            format!("Groepscijfers vrijgegeven (ronde {})", release.sequence)
        }
        (Some(release), Lang::En) if release.status == ReleaseStatus::Published => {
            format!("Group figures published (round {})", release.sequence)
        }
        (Some(_), Lang::Nl) => "Groepscijfers klaar, wachten op de arbeidsdeskundige".into(),
        (Some(_), Lang::En) => "Group figures ready, waiting for the labour expert".into(),
    }
}

/// `/campagnes`.
#[component]
pub fn Campaigns() -> impl IntoView {
    view! { <Guard roles=&[Role::Employer, Role::Expert, Role::Admin]><CampaignList/></Guard> }
}

#[component]
fn CampaignList() -> impl IntoView {
    let lang = use_lang();
    let role = my_role();
    let campaigns = LocalResource::new(|| async { api::get::<Vec<CampaignView>>("/api/campaigns").await });
    view! {
        <Page title=tr("Campagnes", "Campaigns")>
            <Show when=move || role.get() == Some(Role::Employer)>
                <p><A href=href("/campagnes/nieuw") attr:class="button">{tr("Nieuwe campagne", "New campaign")}</A></p>
            </Show>
            {move || match campaigns.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <Problem error/> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{tr("Nog geen campagnes.", "No campaigns yet.")}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="table-scroll">
                        <table class="data campaigns">
                            <caption class="visually-hidden">{tr("Campagnes", "Campaigns")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("Campagne", "Campaign")}</th>
                                <th scope="col">{tr("Periode", "Period")}</th>
                                <th scope="col">{tr("Staat", "State")}</th>
                                <th scope="col">{tr("Reacties", "Responses")}</th>
                                <th scope="col">{tr("Groepscijfers", "Group figures")}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|campaign| {
                                let link = href(&format!("/campagnes/{}", api::segment(&campaign.id)));
                                let (start, end) = (campaign.starts_on, campaign.ends_on);
                                let status = campaign.clone();
                                let release = campaign.clone();
                                let response = campaign.response.clone();
                                view! {
                                    <tr>
                                        <th scope="row"><A href=link>{campaign.name.clone()}</A><br/><span class="meta">{campaign.organisation.name.clone()}</span></th>
                                        <td>{move || format!("{} – {}", words::day(lang.get(), start), words::day(lang.get(), end))}</td>
                                        <td>{move || status_words(lang.get(), &status)}</td>
                                        <td>{move || response.as_ref().map(|response| words::response_short(lang.get(), response)).unwrap_or_else(|| "–".into())}</td>
                                        <td>{move || release_words(lang.get(), &release)}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                }
                .into_any(),
            }}
        </Page>
    }
}

/// `/campagnes/nieuw`.
#[component]
pub fn NewCampaign() -> impl IntoView {
    view! { <Guard roles=&[Role::Employer]><NewCampaignForm/></Guard> }
}

/// A form field's problem, under the field, tied to it for screen readers.
fn field_problem(problems: RwSignal<Vec<FieldError>>, field: &'static str) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{}-error", input_id(field));
    move || {
        problems.get().into_iter().find(|problem| problem.field == field).map(|problem| {
            view! {
                <p class="error field-error" id=id.clone()>{field_message(lang.get(), &problem)}</p>
            }
        })
    }
}

#[component]
fn NewCampaignForm() -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let form = RwSignal::new(CampaignForm::new(chrono::Local::now().date_naive()));
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let catalogue = LocalResource::new(|| async { api::get::<Vec<CatalogueEntry>>("/api/questionnaires").await });
    let experts = LocalResource::new(|| async { api::get::<Vec<ExpertRef>>("/api/experts").await });
    let practices = LocalResource::new(|| async { api::get::<Vec<PracticeRef>>("/api/practices").await });
    // The practice whose experts can be named: the one chosen, or the only one.
    let running_practice = move || {
        let chosen = form.with(|form| form.practice.clone());
        if !chosen.is_empty() {
            return Some(chosen);
        }
        match practices.get().and_then(Result::ok) {
            Some(list) if list.len() == 1 => Some(list[0].id.clone()),
            _ => None,
        }
    };
    let preview = LocalResource::new(move || {
        let id = form.with(|form| form.questionnaire.clone());
        async move {
            if id.is_empty() {
                return None;
            }
            Some(api::get::<Definition>(&format!("/api/questionnaires/{}", api::segment(&id))).await)
        }
    });
    let create = Action::new_local(|request: &werkscan_api::campaigns::NewCampaign| {
        let request = request.clone();
        async move { api::call_form::<CampaignView>("POST", "/api/campaigns", &request).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(campaign)) => navigate(&format!("/campagnes/{}", api::segment(&campaign.id)), Default::default()),
        Some(Err((_, fields))) if !fields.is_empty() => problems.set(fields),
        _ => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match form.get_untracked().to_request() {
            Ok(request) => {
                problems.set(Vec::new());
                create.dispatch(request);
            }
            Err(found) => {
                // Focus the first field with a problem, so a keyboard or screen reader user lands on it.
                let first = input_id(&found[0].field);
                problems.set(found);
                request_animation_frame(move || {
                    if let Some(element) = document().get_element_by_id(&first) {
                        use wasm_bindgen::JsCast;
                        let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                });
            }
        }
    };
    let invalid =
        move |field: &'static str| move || problems.get().iter().any(|problem| problem.field == field).to_string();
    let described = move |field: &'static str| {
        move || {
            problems.get().iter().any(|problem| problem.field == field).then(|| format!("{}-error", input_id(field)))
        }
    };
    let text_input = move |field: &'static str,
                           get: fn(&CampaignForm) -> String,
                           set: fn(&mut CampaignForm, String)| {
        view! {
            <input id=input_id(field) type="text" aria-invalid=invalid(field) aria-describedby=described(field)
                prop:value=move || form.with(get) on:input=move |event| form.update(|form| set(form, event_target_value(&event)))/>
        }
    };
    view! {
        <Page title=tr("Nieuwe campagne", "New campaign")>
            <p class="lead">{tr(
                "Een campagne is een uitnodiging aan je medewerkers om een vragenlijst in te vullen, in een bepaalde periode. Wat iemand invult blijft van hem of haar; jij ziet later alleen groepscijfers.",
                "A campaign invites your employees to fill in a questionnaire within a period. What someone fills in stays theirs; later you see group figures only.",
            )}</p>
            <form class="console-form" on:submit=submit novalidate>
                <fieldset>
                    <legend>{tr("Vragenlijst", "Questionnaire")}</legend>
                    <label for="c-questionnaire">{tr("Welke vragenlijst?", "Which questionnaire?")}</label>
                    <select id="c-questionnaire" aria-invalid=invalid("questionnaire") aria-describedby=described("questionnaire")
                        on:change=move |event| {
                            let id = event_target_value(&event);
                            let version = catalogue.get_untracked().and_then(Result::ok).and_then(|list| list.into_iter().find(|entry| entry.id == id)).map(|entry| entry.version).unwrap_or_default();
                            form.update(|form| { form.questionnaire = id; form.version = version; });
                        }>
                        <option value="">{tr("Kies…", "Choose…")}</option>
                        {move || catalogue.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|entry| {
                            let id = entry.id.clone();
                            view! { <option value=entry.id.clone() selected=move || form.with(|form| form.questionnaire == id)>
                                {move || format!("{} ({} min.)", entry.title.get(lang.get()), entry.minutes)}
                            </option> }
                        }).collect_view()}
                    </select>
                    {field_problem(problems, "questionnaire")}
                    {move || preview.get().flatten().map(|definition| match definition {
                        Err(error) => view! { <Problem error/> }.into_any(),
                        Ok(definition) => view! { <Preview definition/> }.into_any(),
                    })}
                </fieldset>

                <fieldset>
                    <legend>{tr("Campagne", "Campaign")}</legend>
                    <label for="c-name">{tr("Naam (zien werknemers ook)", "Name (employees see it too)")}</label>
                    {text_input("name", |form| form.name.clone(), |form, value| form.name = value)}
                    {field_problem(problems, "name")}
                    <div class="grid-fields">
                        <div class="field">
                            <label for="c-starts-on">{tr("Eerste dag", "First day")}</label>
                            <input id="c-starts-on" type="date" aria-invalid=invalid("starts_on") aria-describedby=described("starts_on")
                                prop:value=move || form.with(|form| form.starts_on.clone()) on:input=move |event| form.update(|form| form.starts_on = event_target_value(&event))/>
                            {field_problem(problems, "starts_on")}
                        </div>
                        <div class="field">
                            <label for="c-ends-on">{tr("Laatste dag", "Last day")}</label>
                            <input id="c-ends-on" type="date" aria-invalid=invalid("ends_on") aria-describedby=described("ends_on")
                                prop:value=move || form.with(|form| form.ends_on.clone()) on:input=move |event| form.update(|form| form.ends_on = event_target_value(&event))/>
                            {field_problem(problems, "ends_on")}
                        </div>
                    </div>
                </fieldset>

                <fieldset class="invitation-choice">
                    <legend>{tr("Hoe nodig je mensen uit?", "How do you invite people?")}</legend>
                    <div class="choice-block">
                        <input id="c-invitations-personal" type="radio" name="invitations" aria-describedby="c-invitations-personal-why"
                            prop:checked=move || form.with(|form| form.invitations == Invitations::Personal)
                            on:change=move |_| form.update(|form| form.invitations = Invitations::Personal)/>
                        <label for="c-invitations-personal">{tr("Persoonlijke uitnodigingen (aanbevolen)", "Personal invitations (recommended)")}</label>
                        <p class="hint" id="c-invitations-personal-why">{tr(
                            "Je ziet cijfers per afdeling. Jij geeft per afdeling de e-mailadressen; de praktijk controleert de lijst en stuurt iedereen een eigen link. Niemand ziet wie meedoet, jij ook niet.",
                            "You see figures per department. You give the e-mail addresses per department; the practice checks the list and sends everyone a link of their own. Nobody sees who takes part, you neither.",
                        )}</p>
                    </div>
                    <div class="choice-block">
                        <input id="c-invitations-open" type="radio" name="invitations" aria-describedby="c-invitations-open-why"
                            prop:checked=move || form.with(|form| form.invitations == Invitations::Open)
                            on:change=move |_| form.update(|form| form.invitations = Invitations::Open)/>
                        <label for="c-invitations-open">{tr("Open link", "Open link")}</label>
                        <p class="hint" id="c-invitations-open-why">{tr(
                            "Je deelt één link, bijvoorbeeld op een poster. Je ziet dan alleen het totaal, want met een open link kan iedereen meedoen en een afdeling kiezen.",
                            "You share one link, for example on a poster. You then see the total only, because with an open link anyone can take part and choose a department.",
                        )}</p>
                    </div>
                </fieldset>

                <fieldset>
                    <legend>{tr("Afdelingen", "Departments")}</legend>
                    <p class="hint">{move || if form.with(|form| form.invitations == Invitations::Personal) { tr(
                        "Na het aanmaken geef je per afdeling de e-mailadressen. Het aantal mensen per afdeling volgt uit die lijst.",
                        "After creating the campaign you give the e-mail addresses per department. The number of people per department follows from that list.",
                    )() } else { tr(
                        "Werknemers kiezen hun afdeling zelf (niet verplicht). Je ziet later alleen het totaal. Met het aantal medewerkers zie je het percentage dat meedeed.",
                        "Employees choose their department themselves (optional). Later you see the total only. With the headcount you see the share that took part.",
                    )() }}</p>
                    {move || (0..form.with(|form| form.departments.len())).map(|index| {
                        let name_field = format!("departments[{index}]");
                        let count_field = format!("departments[{index}].headcount");
                        let name_id = input_id(&name_field);
                        let count_id = input_id(&count_field);
                        let name_problem = {
                            let field = name_field.clone();
                            move || problems.get().into_iter().find(|problem| problem.field == field).map(|problem| field_message(lang.get(), &problem))
                        };
                        let count_problem = {
                            let field = count_field.clone();
                            move || problems.get().into_iter().find(|problem| problem.field == field).map(|problem| field_message(lang.get(), &problem))
                        };
                        let (name_error_id, count_error_id) = (format!("{name_id}-error"), format!("{count_id}-error"));
                        let name_invalid = name_problem.clone();
                        let count_invalid = count_problem.clone();
                        view! {
                            <div class="department-row" class:without-headcount=move || form.with(|form| form.invitations == Invitations::Personal) role="group" aria-label=move || format!("{} {}", tr("Afdeling", "Department")(), index + 1)>
                                <div class="field">
                                    <label for=name_id.clone()>{move || format!("{} {}", tr("Afdeling", "Department")(), index + 1)}</label>
                                    <input id=name_id.clone() type="text" maxlength="100" aria-invalid=move || name_invalid().is_some().to_string()
                                        prop:value=move || form.with(|form| form.departments.get(index).map(|row| row.name.clone()).unwrap_or_default())
                                        on:input=move |event| form.update(|form| if let Some(row) = form.departments.get_mut(index) { row.name = event_target_value(&event); })/>
                                    {move || name_problem().map(|message| view! { <p class="error field-error" id=name_error_id.clone()>{message}</p> })}
                                </div>
                                {move || form.with(|form| form.invitations == Invitations::Open).then(|| {
                                    let (count_id, count_error_id, count_invalid, count_problem) = (count_id.clone(), count_error_id.clone(), count_invalid.clone(), count_problem.clone());
                                    view! {
                                        <div class="field">
                                            <label for=count_id.clone()>{tr("Aantal medewerkers (niet verplicht)", "Headcount (optional)")}</label>
                                            <input id=count_id.clone() type="text" inputmode="numeric" aria-invalid=move || count_invalid().is_some().to_string()
                                                prop:value=move || form.with(|form| form.departments.get(index).map(|row| row.headcount.clone()).unwrap_or_default())
                                                on:input=move |event| form.update(|form| if let Some(row) = form.departments.get_mut(index) { row.headcount = event_target_value(&event); })/>
                                            {move || count_problem().map(|message| view! { <p class="error field-error" id=count_error_id.clone()>{message}</p> })}
                                        </div>
                                    }
                                })}
                                <button type="button" class="button button-secondary button-small"
                                    aria-label=move || format!("{}: {} {}", tr("Verwijderen", "Remove")(), tr("afdeling", "department")(), index + 1)
                                    on:click=move |_| form.update(|form| { if index < form.departments.len() { form.departments.remove(index); } })>
                                    {tr("Verwijderen", "Remove")}
                                </button>
                            </div>
                        }
                    }).collect_view()}
                    <button type="button" class="button button-secondary" on:click=move |_| form.update(|form| form.departments.push(DepartmentRow::default()))>
                        {tr("Afdeling toevoegen", "Add a department")}
                    </button>
                </fieldset>

                <fieldset>
                    <legend>{tr("Privacy", "Privacy")}</legend>
                    <label for="c-min-group-size">{tr("Minimale groepsgrootte", "Minimum group size")}</label>
                    <p class="hint" id="k-hint">{move || match lang.get() {
                        Lang::Nl => format!("Groepscijfers tonen alleen groepen met minstens zoveel mensen ({MIN_K} tot {MAX_K}; standaard 10). Het landelijke WAI-groepsrapport gebruikt 15. Hoe hoger, hoe beter mensen beschermd zijn, maar kleine afdelingen vallen dan eerder weg."),
                        Lang::En => format!("Group figures show only groups of at least this many people ({MIN_K} to {MAX_K}; default 10). The national WAI group report uses 15. Higher protects people better, but small departments drop out sooner."),
                    }}</p>
                    <input id="c-min-group-size" type="number" min=MIN_K max=MAX_K aria-invalid=invalid("min_group_size")
                        aria-describedby=move || format!("k-hint{}", described("min_group_size")().map(|id| format!(" {id}")).unwrap_or_default())
                        prop:value=move || form.with(|form| form.min_group_size.clone()) on:input=move |event| form.update(|form| form.min_group_size = event_target_value(&event))/>
                    {field_problem(problems, "min_group_size")}
                    <label for="c-retention-days">{tr("Gegevens bewaren na de laatste dag (dagen)", "Keep the data after the last day (days)")}</label>
                    <input id="c-retention-days" type="number" min="1" max="3650" aria-invalid=invalid("retention_days") aria-describedby=described("retention_days")
                        prop:value=move || form.with(|form| form.retention_days.clone()) on:input=move |event| form.update(|form| form.retention_days = event_target_value(&event))/>
                    {field_problem(problems, "retention_days")}
                </fieldset>

                <fieldset id="c-practice" tabindex="-1" aria-invalid=invalid("practice") aria-describedby=described("practice")>
                    <legend>{tr("Praktijk", "Practice")}</legend>
                    <p class="hint">{tr(
                        "De praktijk voert de campagne uit en is verantwoordelijk voor wat werknemers met haar arbeidsdeskundigen delen. De toestemmingstekst noemt de praktijk, met de gegevens die de praktijk zelf heeft ingevuld.",
                        "The practice runs the campaign and is responsible for what employees share with its labour experts. The consent text names the practice, with the details the practice entered itself.",
                    )}</p>
                    {move || match practices.get() {
                        None => view! { <Loading/> }.into_any(),
                        Some(Err(error)) => view! { <Problem error/> }.into_any(),
                        Some(Ok(list)) if list.is_empty() => view! { <p class="error">{tr(
                            "Je organisatie werkt nog met geen enkele praktijk. Vraag de beheerder van Werkscan om er een te koppelen.",
                            "Your organisation does not work with a practice yet. Ask the Werkscan administrator to link one.",
                        )}</p> }.into_any(),
                        Some(Ok(list)) if list.len() == 1 => view! { <p>{list[0].name.clone()}</p> }.into_any(),
                        Some(Ok(list)) => view! {
                            <label for="c-practice-choice">{tr("Welke praktijk voert deze campagne uit?", "Which practice runs this campaign?")}</label>
                            <select id="c-practice-choice" aria-invalid=invalid("practice")
                                on:change=move |event| {
                                    let chosen = event_target_value(&event);
                                    // Experts of another practice cannot be named: they are dropped.
                                    let of_practice: Vec<String> = experts.get_untracked().and_then(Result::ok).unwrap_or_default().into_iter()
                                        .filter(|expert| expert.practice_id.as_deref() == Some(chosen.as_str())).map(|expert| expert.id).collect();
                                    form.update(|form| { form.experts.retain(|expert| of_practice.contains(expert)); form.practice = chosen; });
                                }>
                                <option value="" selected=move || form.with(|form| form.practice.is_empty())>{tr("Kies…", "Choose…")}</option>
                                {list.into_iter().map(|practice| {
                                    let id = practice.id.clone();
                                    view! { <option value=practice.id.clone() selected=move || form.with(|form| form.practice == id)>{practice.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any(),
                    }}
                    {field_problem(problems, "practice")}
                </fieldset>

                <fieldset id="c-experts" tabindex="-1" aria-invalid=invalid("experts") aria-describedby=described("experts")>
                    <legend>{tr("Arbeidsdeskundigen", "Labour experts")}</legend>
                    <p class="hint">{tr(
                        "Zij ontvangen wat werknemers met hen willen delen, plannen gesprekken en geven de groepscijfers vrij.",
                        "They receive what employees choose to share with them, hold conversations and publish the group figures.",
                    )}</p>
                    {move || match experts.get() {
                        None => view! { <Loading/> }.into_any(),
                        Some(Err(error)) => view! { <Problem error/> }.into_any(),
                        Some(Ok(_)) if running_practice().is_none() => {
                            view! { <p class="hint">{tr("Kies eerst de praktijk: je kiest uit haar arbeidsdeskundigen.", "Choose the practice first: you choose from its labour experts.")}</p> }.into_any()
                        }
                        Some(Ok(list)) if !list.iter().any(|expert| expert.practice_id == running_practice()) => view! { <p class="error">{tr(
                            "Deze praktijk heeft nog geen arbeidsdeskundige in Werkscan. Vraag de beheerder.",
                            "This practice has no labour expert in Werkscan yet. Ask the administrator.",
                        )}</p> }.into_any(),
                        Some(Ok(list)) => list.into_iter().filter(|expert| expert.practice_id == running_practice()).map(|expert| {
                            let id = format!("c-expert-{}", expert.id);
                            let (checked_id, changed_id) = (expert.id.clone(), expert.id.clone());
                            view! {
                                <p class="choice-inline">
                                    <input id=id.clone() type="checkbox" prop:checked=move || form.with(|form| form.experts.contains(&checked_id))
                                        on:change=move |event| {
                                            let on = event_target_checked(&event);
                                            let expert = changed_id.clone();
                                            form.update(|form| { form.experts.retain(|other| other != &expert); if on { form.experts.push(expert); } });
                                        }/>
                                    <label for=id>{expert.display_name.clone()}</label>
                                </p>
                            }
                        }).collect_view().into_any(),
                    }}
                    {field_problem(problems, "experts")}
                </fieldset>

                {move || match create.value().get() {
                    Some(Err((error, fields))) if fields.is_empty() => Some(view! { <Problem error/> }),
                    _ => None,
                }}
                {move || (!problems.get().is_empty()).then(|| view! {
                    <p class="error" role="alert">{move || match lang.get() {
                        Lang::Nl => format!("Nog niet opgeslagen: {} {} verbeteren.", problems.get().len(), if problems.get().len() == 1 { "veld" } else { "velden" }),
                        Lang::En => format!("Not saved yet: {} {} to correct.", problems.get().len(), if problems.get().len() == 1 { "field" } else { "fields" }),
                    }}</p>
                })}
                <button type="submit" class="button" disabled=move || create.pending().get()>{tr("Campagne aanmaken", "Create campaign")}</button>
            </form>
        </Page>
    }
}

/// What employees will see: the questionnaire's themes and questions, and a link to try it.
#[component]
fn Preview(definition: Definition) -> impl IntoView {
    let lang = use_lang();
    let id = definition.questionnaire.id.clone();
    let description = definition.questionnaire.description.clone();
    let count = definition.question_count();
    let sections: Vec<(werkscan_core::Text, Vec<werkscan_core::Text>)> = definition
        .sections
        .iter()
        .map(|section| (section.title.clone(), section.items.iter().map(|item| item.text.clone()).collect()))
        .collect();
    view! {
        <div class="preview">
            <p>{move || description.get(lang.get()).to_owned()}</p>
            <p class="meta">{move || match lang.get() { Lang::Nl => format!("{count} vragen"), Lang::En => format!("{count} questions") }}</p>
            <details>
                <summary>{tr("Bekijk de vragen", "See the questions")}</summary>
                {sections.into_iter().map(|(title, items)| view! {
                    <h3>{move || title.get(lang.get()).to_owned()}</h3>
                    <ol>{items.into_iter().map(|text| view! { <li>{move || text.get(lang.get()).to_owned()}</li> }).collect_view()}</ol>
                }).collect_view()}
            </details>
            <p><a href=format!("/scan/{}", api::segment(&id)) target="_blank" rel="noopener">{tr("Probeer de vragenlijst zoals werknemers hem zien (nieuw tabblad)", "Try the questionnaire as employees see it (new tab)")}</a></p>
        </div>
    }
}

/// `/campagnes/{id}`.
#[component]
pub fn Campaign() -> impl IntoView {
    view! { <Guard roles=&[Role::Employer, Role::Expert, Role::Admin]><CampaignScreen/></Guard> }
}

/// How many minutes the campaign's questionnaire takes, from its definition.
fn minutes_of(campaign: &CampaignView) -> LocalResource<u32> {
    let questionnaire = campaign.questionnaire.clone();
    LocalResource::new(move || {
        let url =
            format!("/api/questionnaires/{}/{}", api::segment(&questionnaire.id), api::segment(&questionnaire.version));
        async move { api::get::<Definition>(&url).await.map(|definition| definition.questionnaire.minutes).unwrap_or(10) }
    })
}

fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// Copies text to the clipboard; says whether the browser let it.
fn copy(text: String, done: RwSignal<bool>) {
    let clipboard = window().navigator().clipboard();
    leptos::task::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await.is_ok();
        done.set(copied);
    });
}

#[component]
fn CampaignScreen() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let campaign = LocalResource::new(move || {
        let url = format!("/api/campaigns/{}", api::segment(&id.get()));
        async move { api::get::<CampaignView>(&url).await }
    });
    // Letters just made are shown instead of the campaign, to print: their links exist only here.
    let letters = RwSignal::new(None::<Letters>);
    view! {
        <Page title=tr("Campagne", "Campaign")>
            <p class="no-print"><A href=href("/campagnes")>{tr("← Alle campagnes", "← All campaigns")}</A></p>
            {move || match letters.get() {
                Some(made) => view! { <super::roster::LettersView letters=made done=move || { letters.set(None); campaign.refetch(); }/> }.into_any(),
                None => loaded(campaign.get(), |found| view! { <CampaignDetail campaign=found letters reload=move || campaign.refetch()/> }.into_any()),
            }}
        </Page>
    }
}

#[component]
fn CampaignDetail(
    campaign: CampaignView,
    letters: RwSignal<Option<Letters>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let role = my_role();
    let id = campaign.id.clone();
    let link = format!("{}{}", origin(), campaign.link);
    let copied_link = RwSignal::new(false);
    let copied_text = RwSignal::new(false);
    let minutes = minutes_of(&campaign);
    let text_campaign = campaign.clone();
    let text = Signal::derive(move || invitation(lang.get(), &text_campaign, &origin(), minutes.get().unwrap_or(10)));
    let close = Action::new_local({
        let id = id.clone();
        move |_: &()| {
            let url = format!("/api/campaigns/{}/close", api::segment(&id));
            async move { api::call::<CampaignView>("POST", &url, Some(&serde_json::json!({}))).await }
        }
    });
    let new_end = RwSignal::new(String::new());
    let extend = Action::new_local({
        let id = id.clone();
        move |ends_on: &chrono::NaiveDate| {
            let url = format!("/api/campaigns/{}/extend", api::segment(&id));
            let body = Extension { ends_on: *ends_on };
            async move { api::call::<CampaignView>("POST", &url, Some(&body)).await }
        }
    });
    Effect::new(move |_| {
        if matches!(close.value().get(), Some(Ok(_))) || matches!(extend.value().get(), Some(Ok(_))) {
            reload();
        }
    });
    let bad_date = RwSignal::new(false);
    let is_employer = move || role.get() == Some(Role::Employer);
    let is_expert = move || role.get() == Some(Role::Expert);
    let (start, end, deleted) = (campaign.starts_on, campaign.ends_on, campaign.delete_after);
    let status_campaign = campaign.clone();
    let departments = campaign.departments.clone();
    let published = campaign.release.as_ref().is_some_and(|release| release.status == ReleaseStatus::Published);
    let has_release = campaign.release.is_some();
    let open = campaign.open;
    let closed = campaign.status == CampaignStatus::Closed;
    let figures_href = href(&format!("/campagnes/{}/cijfers", api::segment(&id)));
    let review_href = href(&format!("/campagnes/{}/vrijgave", api::segment(&id)));
    let poster_href = href(&format!("/campagnes/{}/poster", api::segment(&id)));
    let qr = format!("/api/campaigns/{}/qr.svg", api::segment(&id));
    let link_for_copy = link.clone();
    let personal = campaign.invitations == Invitations::Personal;
    let roster = campaign.roster.clone();
    let roster_campaign = id.clone();
    view! {
        <h2 class="campaign-name">{campaign.name.clone()}</h2>
        <dl class="facts">
            <dt>{tr("Staat", "State")}</dt><dd>{move || status_words(lang.get(), &status_campaign)}</dd>
            <dt>{tr("Periode", "Period")}</dt><dd>{move || format!("{} – {}", words::day(lang.get(), start), words::day(lang.get(), end))}</dd>
            <dt>{tr("Vragenlijst", "Questionnaire")}</dt><dd>{format!("{} {}", campaign.questionnaire.id, campaign.questionnaire.version)}</dd>
            <dt>{tr("Minimale groepsgrootte", "Minimum group size")}</dt><dd>{campaign.min_group_size}</dd>
            <dt>{tr("Gegevens verwijderd op", "Data deleted on")}</dt><dd>{move || words::day(lang.get(), deleted)}</dd>
            {campaign.practice.clone().map(|practice| view! {
                <dt>{tr("Praktijk (verantwoordelijk voor wat gedeeld wordt)", "Practice (responsible for what is shared)")}</dt><dd>{practice.name}</dd>
            })}
            <dt>{tr("Arbeidsdeskundigen", "Labour experts")}</dt><dd>{campaign.experts.iter().map(|expert| expert.display_name.clone()).collect::<Vec<_>>().join(", ")}</dd>
            <dt>{tr("Afdelingen", "Departments")}</dt>
            <dd>{if departments.is_empty() { "–".to_owned() } else {
                departments.iter().map(|department| match department.headcount { Some(count) => format!("{} ({count})", department.name), None => department.name.clone() }).collect::<Vec<_>>().join(", ")
            }}</dd>
            {campaign.response.clone().map(|response| { let k = response.min_group_size; view! {
                <dt>{tr("Reacties", "Responses")}</dt>
                <dd>{move || words::response(lang.get(), &response)}<br/><span class="meta">{move || match lang.get() {
                    Lang::Nl => format!("Eén keer per dag bijgewerkt, in stappen van {k} en naar beneden afgerond. Alleen wie meedoet aan de groepscijfers telt mee. Zo kan niemand zien wanneer iemand meedoet of stopt."),
                    Lang::En => format!("Updated once a day, in steps of {k} and rounded down. Only people who take part in the group figures count. So nobody can see when someone takes part or stops."),
                }}</span></dd>
            }})}
            {campaign.uploads.map(|uploads| view! {
                <dt>{tr("Deelnames nu (alleen voor de arbeidsdeskundige)", "Uploads now (for the labour expert only)")}</dt>
                <dd>{uploads}" "<span class="meta">{tr("(ook wat alleen met jou is gedeeld; de werkgever ziet dit niet)", "(including what was shared with you only; the employer does not see this)")}</span></dd>
            })}
            {campaign.bookings.map(|bookings| view! {
                <dt>{tr("Gesprekken", "Conversations")}</dt>
                <dd>{move || match lang.get() { Lang::Nl => format!("{} gepland, {} gevoerd", bookings.booked, bookings.held), Lang::En => format!("{} booked, {} held", bookings.booked, bookings.held) }}</dd>
            })}
        </dl>

        <section aria-labelledby="figures-title" class="card">
            <h2 id="figures-title">{tr("Groepscijfers", "Group figures")}</h2>
            <p>{move || release_words(lang.get(), &campaign)}</p>
            {move || (is_employer() && published).then(|| view! { <p><A href=figures_href.clone() attr:class="button">{tr("Bekijk de groepscijfers", "See the group figures")}</A></p> })}
            {move || (is_employer() && !published).then(|| view! { <p class="hint">{tr(
                "Na de laatste dag worden de groepscijfers één keer berekend. De arbeidsdeskundige controleert ze eerst en geeft ze dan vrij; daarna zie je ze hier.",
                "After the last day the group figures are computed once. The labour expert checks them first and then publishes them; after that you see them here.",
            )}</p> })}
            {move || (is_expert() && has_release).then(|| view! { <p><A href=review_href.clone() attr:class="button">{tr("Controleren en vrijgeven", "Check and publish")}</A></p> })}
        </section>

        {move || match (personal, role.get(), roster.clone()) {
            (true, Some(Role::Employer), Some(roster)) => Some(view! {
                <super::roster::RosterCard campaign_id=roster_campaign.clone() roster may_change=!closed reload/>
            }.into_any()),
            (true, Some(Role::Expert), _) => Some(view! { <super::roster::RosterReviewCard campaign_id=roster_campaign.clone() letters/> }.into_any()),
            _ => None,
        }}

        {personal.then(|| view! {
            <section aria-labelledby="invite-title" class="card">
                <h2 id="invite-title">{tr("Uitnodigen", "Invite")}</h2>
                <p>{tr(
                    "Bij deze campagne krijgt iedereen een persoonlijke link van de praktijk: per e-mail, of op een brief voor wie geen e-mail heeft. Er is geen open link en geen poster. Met een open link kan iedereen meedoen en een afdeling kiezen; dan kloppen cijfers per afdeling niet meer.",
                    "In this campaign everyone gets a personal link from the practice: by e-mail, or on a letter for those without e-mail. There is no open link and no poster. With an open link anyone can take part and choose a department; then figures per department can no longer be trusted.",
                )}</p>
            </section>
        })}

        {(!personal).then(|| view! { <section aria-labelledby="invite-title" class="card">
            <h2 id="invite-title">{tr("Uitnodigen", "Invite")}</h2>
            <p>{tr("De link voor je medewerkers:", "The link for your employees:")}</p>
            <p class="campaign-link"><code>{link.clone()}</code>" "
                <button type="button" class="button button-secondary button-small" on:click=move |_| copy(link_for_copy.clone(), copied_link)>{tr("Kopieer link", "Copy link")}</button>
                {move || copied_link.get().then(|| view! { <span class="saved" role="status">{tr("Gekopieerd", "Copied")}</span> })}
            </p>
            <img class="qr" src=qr alt=tr("QR-code van de link", "QR code of the link") width="200" height="200"/>
            <p><A href=poster_href>{tr("Poster om af te drukken (A4)", "Poster to print (A4)")}</A></p>
            <label for="invitation">{tr("Uitnodiging om te kopiëren", "Invitation to copy")}</label>
            <textarea id="invitation" class="invitation" rows="16" readonly prop:value=text></textarea>
            <p>
                <button type="button" class="button button-secondary" on:click=move |_| copy(text.get_untracked(), copied_text)>{tr("Kopieer tekst", "Copy text")}</button>
                {move || copied_text.get().then(|| view! { <span class="saved" role="status">{tr("Gekopieerd", "Copied")}</span> })}
            </p>
        </section> })}

        <Show when=is_employer>
            <section aria-labelledby="run-title" class="card">
                <h2 id="run-title">{tr("Looptijd", "Period")}</h2>
                {open.then(|| view! {
                    <p>{tr(
                        "Vroeg sluiten: daarna kan niemand meer meedoen en worden de groepscijfers berekend.",
                        "Close early: nobody can take part any more and the group figures are computed.",
                    )}</p>
                    <button type="button" class="button button-secondary" on:click=move |_| {
                        let question = match lang.get_untracked() {
                            Lang::Nl => "De campagne nu sluiten? Niemand kan daarna nog meedoen.",
                            Lang::En => "Close the campaign now? Nobody can take part afterwards.",
                        };
                        if window().confirm_with_message(question).unwrap_or(false) {
                            close.dispatch(());
                        }
                    }>{tr("Campagne sluiten", "Close campaign")}</button>
                    <ProblemOf outcome=close.value()/>
                })}
                <form class="inline-form" on:submit=move |event| {
                    event.prevent_default();
                    match chrono::NaiveDate::parse_from_str(&new_end.get_untracked(), "%Y-%m-%d") {
                        Ok(date) => { bad_date.set(false); extend.dispatch(date); }
                        Err(_) => bad_date.set(true),
                    }
                }>
                    <label for="new-end">{if closed { tr("Weer openen tot en met", "Reopen until") } else { tr("Verlengen tot en met", "Extend until") }}</label>
                    <input id="new-end" type="date" aria-invalid=move || bad_date.get().to_string() prop:value=new_end on:input=move |event| new_end.set(event_target_value(&event))/>
                    <button type="submit" class="button button-secondary">{if closed { tr("Weer openen", "Reopen") } else { tr("Verlengen", "Extend") }}</button>
                </form>
                {move || bad_date.get().then(|| view! { <p class="error" role="alert">{tr("Kies een datum.", "Choose a date.")}</p> })}
                {move || match extend.value().get() {
                    Some(Err(error)) => Some(view! { <p class="error" role="alert">{extend_problem(lang.get(), &error)}</p> }),
                    _ => None,
                }}
            </section>
        </Show>
    }
}

fn extend_problem(lang: Lang, error: &ApiError) -> String {
    match (error.code(), lang) {
        (Some("invalid_dates"), Lang::Nl) => {
            "Kies een datum vanaf vandaag, na de huidige laatste dag en hooguit 5 jaar vooruit.".into()
        }
        (Some("invalid_dates"), Lang::En) => {
            "Choose a date from today, after the current last day and at most 5 years ahead.".into()
        }
        (Some("campaign_expired"), Lang::Nl) => {
            "De gegevens van deze campagne zijn al verwijderd; maak een nieuwe campagne.".into()
        }
        (Some("campaign_expired"), Lang::En) => "This campaign's data have been deleted; create a new campaign.".into(),
        _ => words::error(lang, error),
    }
}

/// `/campagnes/{id}/poster`: an A4 poster with the QR code, to print.
#[component]
pub fn Poster() -> impl IntoView {
    view! { <Guard roles=&[Role::Employer, Role::Expert]><PosterScreen/></Guard> }
}

#[component]
fn PosterScreen() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let campaign = LocalResource::new(move || {
        let url = format!("/api/campaigns/{}", api::segment(&id.get()));
        async move { api::get::<CampaignView>(&url).await }
    });
    view! {
        <Page title=tr("Poster", "Poster")>
            <p class="no-print">
                <A href=move || href(&format!("/campagnes/{}", api::segment(&id.get())))>{tr("← Terug naar de campagne", "← Back to the campaign")}</A>" "
                <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>{tr("Afdrukken", "Print")}</button>
            </p>
            {move || loaded(campaign.get(), |campaign| {
                    if campaign.invitations == Invitations::Personal {
                        return view! { <p class="notice">{tr(
                            "Deze campagne heeft geen poster: iedereen krijgt een persoonlijke link van de praktijk.",
                            "This campaign has no poster: everyone gets a personal link from the practice.",
                        )}</p> }.into_any();
                    }
                    let minutes = minutes_of(&campaign);
                    let link = format!("{}{}", origin(), campaign.link);
                    let until = campaign.ends_on;
                    let k = campaign.min_group_size;
                    view! {
                        <article class="poster">
                            <h2>{tr("Hoe gaat het met je werk?", "How is your work going?")}</h2>
                            <p class="poster-lead">{move || match lang.get() {
                                Lang::Nl => format!("Doe mee met de Werkscan van {}. Het kost ongeveer {} minuten.", campaign.organisation.name, minutes.get().unwrap_or(10)),
                                Lang::En => format!("Take part in {}'s Work Scan. It takes about {} minutes.", campaign.organisation.name, minutes.get().unwrap_or(10)),
                            }}</p>
                            <img src=format!("/api/campaigns/{}/qr.svg", api::segment(&campaign.id)) alt=tr("QR-code: scan hem met de camera van je telefoon", "QR code: scan it with your phone's camera") width="320" height="320"/>
                            <p class="poster-link">{link}</p>
                            <ul class="poster-promises">
                                <li>{tr("Je naam is niet nodig.", "Your name is not needed.")}</li>
                                <li>{tr("Je uitkomst zie je meteen; alleen jij.", "You see your result at once; only you.")}</li>
                                <li>{move || match lang.get() {
                                    Lang::Nl => format!("Je werkgever ziet alleen cijfers van groepen van minstens {k} mensen."),
                                    Lang::En => format!("Your employer only sees figures of groups of at least {k} people."),
                                }}</li>
                                <li>{tr("Delen met de arbeidsdeskundige kies je zelf.", "Sharing with the labour expert is your own choice.")}</li>
                            </ul>
                            <p>{move || match lang.get() {
                                Lang::Nl => format!("Meedoen kan tot en met {}.", words::day(Lang::Nl, until)),
                                Lang::En => format!("You can take part until {}.", words::day(Lang::En, until)),
                            }}</p>
                        </article>
                    }
                    .into_any()
                })}
        </Page>
    }
}
