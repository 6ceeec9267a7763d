//! Practices (issue #18): the platform admin's screen of every practice (create one, correct its
//! details, link it to the organisations it works for, put arbeidsdeskundigen and practice admins
//! in it), and the practice admin's screen of their own practice. A practice's details are what
//! the consent text names as responsible for what people share; the employer never enters them.

use leptos::prelude::*;
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use crate::api::{self, Account, FieldError, Organisation, OrganisationLink, Party, Practice, PracticeDetails, Role};
use crate::components::{loaded, tr, Guard, Page, ProblemOf};

/// `/praktijken` (admin).
#[component]
pub fn Practices() -> impl IntoView {
    view! { <Guard roles=&[Role::Admin]><PracticesScreen/></Guard> }
}

/// `/praktijk` (practice admin).
#[component]
pub fn OwnPractice() -> impl IntoView {
    view! { <Guard roles=&[Role::PracticeAdmin]><OwnPracticeScreen/></Guard> }
}

/// The details form as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct DetailsForm {
    name: String,
    contact: String,
    officer_name: String,
    officer_contact: String,
    website: String,
}

impl DetailsForm {
    fn of(practice: &Practice) -> DetailsForm {
        DetailsForm {
            name: practice.name.clone(),
            contact: practice.contact.clone().unwrap_or_default(),
            officer_name: practice.privacy_officer.as_ref().map(|officer| officer.name.clone()).unwrap_or_default(),
            officer_contact: practice.privacy_officer.as_ref().and_then(|officer| officer.contact.clone()).unwrap_or_default(),
            website: practice.website.clone().unwrap_or_default(),
        }
    }

    /// The request. A data protection officer with only a name or only a contact goes to the
    /// server as typed, which refuses it with its field.
    fn request(&self) -> PracticeDetails {
        let officer = (!self.officer_name.trim().is_empty() || !self.officer_contact.trim().is_empty())
            .then(|| Party { name: self.officer_name.trim().to_owned(), contact: Some(self.officer_contact.trim().to_owned()) });
        PracticeDetails {
            name: self.name.trim().to_owned(),
            contact: self.contact.trim().to_owned(),
            privacy_officer: officer,
            website: Some(self.website.trim().to_owned()).filter(|site| !site.is_empty()),
        }
    }
}

/// The words for a refused field of the details.
fn field_words(lang: Lang, problem: &FieldError) -> &'static str {
    let (nl, en) = match problem.code.as_str() {
        "invalid_practice" => (
            "Vul de naam van de praktijk en hoe mensen haar bereiken in (elk hooguit 200 tekens).",
            "Fill in the practice's name and how people reach it (each at most 200 characters).",
        ),
        "invalid_privacy_officer" => (
            "Vul van de functionaris gegevensbescherming naam én contact in, of laat beide leeg.",
            "Fill in both the name and the contact of the data protection officer, or leave both empty.",
        ),
        "invalid_website" => ("De website begint met https:// (hooguit 200 tekens).", "The website starts with https:// (at most 200 characters)."),
        _ => ("Dit veld klopt niet.", "This field is not right."),
    };
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// The form of a practice's details: sends them with `method` to `url`; `done` after it worked.
#[component]
fn DetailsEditor(
    /// A prefix for the inputs' ids (unique on the page).
    prefix: String,
    /// The details to start from.
    start: DetailsForm,
    /// `POST` or `PUT`.
    method: &'static str,
    /// Where to send them.
    url: String,
    /// The button's words (Dutch, English).
    button: (&'static str, &'static str),
    /// Called after it worked.
    done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let form = RwSignal::new(start.clone());
    let save = Action::new_local(move |details: &PracticeDetails| {
        let (details, url) = (details.clone(), url.clone());
        async move { api::call_form::<Practice>(method, &url, &details).await }
    });
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            if method == "POST" {
                form.set(start.clone());
            }
            done.run(());
        }
    });
    let problem_of = move |field: &'static str| {
        move || match save.value().get() {
            Some(Err((_, fields))) => fields.into_iter().find(|problem| problem.field == field).map(|problem| field_words(lang.get(), &problem)),
            _ => None,
        }
    };
    let general = move || match save.value().get() {
        Some(Err((error, fields))) if fields.is_empty() => Some(error),
        _ => None,
    };
    let input = move |key: &'static str, label: (&'static str, &'static str), get: fn(&DetailsForm) -> String, set: fn(&mut DetailsForm, String), field: &'static str| {
        let id = format!("{prefix}-{key}");
        let error_id = format!("{id}-error");
        let described = error_id.clone();
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label.0, label.1)}</label>
                <input id=id.clone() type="text" maxlength="200"
                    aria-invalid=move || problem_of(field)().is_some().then_some("true")
                    aria-describedby=move || problem_of(field)().is_some().then(|| described.clone())
                    prop:value=move || form.with(get) on:input=move |event| form.update(|form| set(form, event_target_value(&event)))/>
                {move || problem_of(field)().map(|words| view! { <p class="error field-error" id=error_id.clone()>{words}</p> })}
            </div>
        }
    };
    view! {
        <form on:submit=move |event| { event.prevent_default(); save.dispatch(form.get_untracked().request()); }>
            <div class="grid-fields">
                {input("name", ("Naam van de praktijk", "Name of the practice"), |form| form.name.clone(), |form, value| form.name = value, "name")}
                {input("contact", ("Contact voor wie iets deelde (e-mail of telefoon)", "Contact for people who shared (e-mail or phone)"), |form| form.contact.clone(), |form, value| form.contact = value, "name")}
            </div>
            <div class="grid-fields">
                {input("officer", ("Functionaris gegevensbescherming (als die er is)", "Data protection officer (if any)"), |form| form.officer_name.clone(), |form, value| form.officer_name = value, "privacy_officer")}
                {input("officer-contact", ("Contact van de functionaris", "Contact of the officer"), |form| form.officer_contact.clone(), |form, value| form.officer_contact = value, "privacy_officer")}
            </div>
            {input("website", ("Website (als die er is)", "Website (if any)"), |form| form.website.clone(), |form, value| form.website = value, "website")}
            {move || general().map(|error| view! { <crate::components::Problem error/> })}
            <button type="submit" class="button" disabled=move || save.pending().get()>{tr(button.0, button.1)}</button>
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p role="status">{tr("Opgeslagen.", "Saved.")}</p> })}
        </form>
    }
}

/// The names in a list, or a dash.
fn names(list: &[api::ExpertRef]) -> String {
    if list.is_empty() { "–".to_owned() } else { list.iter().map(|person| person.display_name.clone()).collect::<Vec<_>>().join(", ") }
}

#[component]
fn PracticesScreen() -> impl IntoView {
    let practices = LocalResource::new(|| async { api::get::<Vec<Practice>>("/api/admin/practices").await });
    let organisations = LocalResource::new(|| async { api::get::<Vec<Organisation>>("/api/admin/organisations").await });
    let accounts = LocalResource::new(|| async { api::get::<Vec<Account>>("/api/admin/users").await });
    let link = Action::new_local(|(practice, organisation): &(String, String)| {
        let url = format!("/api/admin/practices/{}/organisations", api::segment(practice));
        let organisation = organisation.clone();
        async move { api::post(&url, &OrganisationLink { org_id: &organisation }).await }
    });
    let member = Action::new_local(|(practice, account): &(String, String)| {
        let url = format!("/api/admin/practices/{}/members", api::segment(practice));
        let account = account.clone();
        async move { api::post(&url, &api::Link { user_id: &account }).await }
    });
    Effect::new(move |_| {
        if matches!(link.value().get(), Some(Ok(()))) || matches!(member.value().get(), Some(Ok(()))) {
            practices.refetch();
            accounts.refetch();
        }
    });
    let refetch = Callback::new(move |()| practices.refetch());
    let candidates = move || {
        accounts.get().and_then(Result::ok).unwrap_or_default().into_iter().filter(|account| matches!(account.role, Role::Expert | Role::PracticeAdmin) && account.active).collect::<Vec<_>>()
    };
    view! {
        <Page title=tr("Praktijken", "Practices")>
            <p class="hint">{tr(
                "Een praktijk (arbodienst of zelfstandige arbeidsdeskundige) is verantwoordelijk voor wat werknemers met haar arbeidsdeskundigen delen. De toestemmingstekst van haar campagnes noemt deze gegevens. Werkgevers kunnen ze niet wijzigen.",
                "A practice (occupational health service or independent labour expert) is responsible for what employees share with its labour experts. The consent text of its campaigns names these details. Employers cannot change them.",
            )}</p>
            <section class="card" aria-labelledby="new-practice-title">
                <h2 id="new-practice-title">{tr("Nieuwe praktijk", "New practice")}</h2>
                <DetailsEditor prefix="new-practice".into() start=DetailsForm::default() method="POST" url="/api/admin/practices".into()
                    button=("Aanmaken", "Create") done=refetch/>
            </section>
            <ProblemOf outcome=link.value()/>
            <ProblemOf outcome=member.value()/>
            {move || loaded(practices.get(), |list| view! {
                <div class="table-scroll">
                    <table class="data">
                        <caption class="visually-hidden">{tr("Praktijken", "Practices")}</caption>
                        <thead><tr>
                            <th scope="col">{tr("Praktijk", "Practice")}</th>
                            <th scope="col">{tr("Organisaties", "Organisations")}</th>
                            <th scope="col">{tr("Arbeidsdeskundigen en beheerders", "Labour experts and administrators")}</th>
                        </tr></thead>
                        <tbody>{list.into_iter().map(|practice| {
                            let (org_choice, member_choice) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
                            let (link_id, member_id) = (practice.id.clone(), practice.id.clone());
                            let linked: Vec<String> = practice.organisations.iter().map(|organisation| organisation.id.clone()).collect();
                            let members: Vec<String> = practice.experts.iter().chain(&practice.admins).map(|person| person.id.clone()).collect();
                            let (org_select, member_select) = (format!("org-{}", practice.id), format!("member-{}", practice.id));
                            let (name_for_org, name_for_member) = (practice.name.clone(), practice.name.clone());
                            let editor_url = format!("/api/admin/practices/{}", api::segment(&practice.id));
                            let start = DetailsForm::of(&practice);
                            let prefix = format!("practice-{}", practice.id);
                            view! {
                                <tr>
                                    <th scope="row">
                                        {practice.name.clone()}
                                        <details>
                                            <summary>{tr("Gegevens", "Details")}</summary>
                                            <DetailsEditor prefix start method="PUT" url=editor_url button=("Opslaan", "Save") done=refetch/>
                                        </details>
                                    </th>
                                    <td>
                                        {practice.organisations.iter().map(|organisation| organisation.name.clone()).collect::<Vec<_>>().join(", ")}
                                        <form class="inline-form" on:submit=move |event| { event.prevent_default(); if !org_choice.get_untracked().is_empty() { link.dispatch((link_id.clone(), org_choice.get_untracked())); } }>
                                            <label for=org_select.clone() class="visually-hidden">{move || format!("{} {name_for_org}", tr("Organisatie koppelen aan", "Link an organisation to")())}</label>
                                            <select id=org_select.clone() on:change=move |event| org_choice.set(event_target_value(&event))>
                                                <option value="">{tr("Kies…", "Choose…")}</option>
                                                {organisations.get().and_then(Result::ok).unwrap_or_default().into_iter().filter(|organisation| !linked.contains(&organisation.id)).map(|organisation| view! {
                                                    <option value=organisation.id.clone()>{organisation.name.clone()}</option>
                                                }).collect_view()}
                                            </select>
                                            <button type="submit" class="button button-secondary button-small">{tr("Koppelen", "Link")}</button>
                                        </form>
                                    </td>
                                    <td>
                                        {names(&practice.experts)}
                                        {(!practice.admins.is_empty()).then(|| view! { <br/>{tr("Beheer: ", "Administration: ")}{names(&practice.admins)} })}
                                        <form class="inline-form" on:submit=move |event| { event.prevent_default(); if !member_choice.get_untracked().is_empty() { member.dispatch((member_id.clone(), member_choice.get_untracked())); } }>
                                            <label for=member_select.clone() class="visually-hidden">{move || format!("{} {name_for_member}", tr("Account toevoegen aan", "Add an account to")())}</label>
                                            <select id=member_select.clone() on:change=move |event| member_choice.set(event_target_value(&event))>
                                                <option value="">{tr("Kies…", "Choose…")}</option>
                                                {candidates().into_iter().filter(|account| !members.contains(&account.id)).map(|account| view! {
                                                    <option value=account.id.clone()>{format!("{} ({})", account.display_name, account.email)}</option>
                                                }).collect_view()}
                                            </select>
                                            <button type="submit" class="button button-secondary button-small">{tr("Toevoegen", "Add")}</button>
                                        </form>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                </div>
            }
            .into_any())}
        </Page>
    }
}

#[component]
fn OwnPracticeScreen() -> impl IntoView {
    let practice = LocalResource::new(|| async { api::get::<Practice>("/api/practice").await });
    let refetch = Callback::new(move |()| practice.refetch());
    view! {
        <Page title=tr("Mijn praktijk", "My practice")>
            {move || loaded(practice.get(), |practice| view! {
                <p class="hint">{tr(
                    "De toestemmingstekst van de campagnes van je praktijk noemt deze gegevens: wie verantwoordelijk is voor wat werknemers delen, en hoe ze jullie bereiken. Verander je ze, dan lezen mensen die de scan al open hebben de tekst opnieuw.",
                    "The consent text of your practice's campaigns names these details: who is responsible for what employees share, and how they reach you. If you change them, people who have the scan open read the text again.",
                )}</p>
                <section class="card" aria-labelledby="own-details-title">
                    <h2 id="own-details-title">{practice.name.clone()}</h2>
                    <DetailsEditor prefix="own-practice".into() start=DetailsForm::of(&practice) method="PUT" url="/api/practice".into()
                        button=("Opslaan", "Save") done=refetch/>
                </section>
                <dl class="facts">
                    <dt>{tr("Arbeidsdeskundigen", "Labour experts")}</dt><dd>{names(&practice.experts)}</dd>
                    <dt>{tr("Beheerders", "Administrators")}</dt><dd>{names(&practice.admins)}</dd>
                    <dt>{tr("Werkt voor", "Works for")}</dt>
                    <dd>{if practice.organisations.is_empty() { "–".to_owned() } else { practice.organisations.iter().map(|organisation| organisation.name.clone()).collect::<Vec<_>>().join(", ") }}</dd>
                </dl>
            }
            .into_any())}
        </Page>
    }
}
