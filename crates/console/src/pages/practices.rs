//! Practices (issue #18): the platform admin's screen of every practice (create one, correct its
//! details, link it to the organisations it works for, put arbeidsdeskundigen and practice admins
//! in it), and the practice admin's screen of their own practice: its details, its
//! arbeidsdeskundigen and its definition authors (add one, deactivate or reactivate one) and its
//! audit trail. A practice's
//! details are what the consent text names as responsible for what people share; the employer
//! never enters them.

use leptos::prelude::*;
use werkscan_api::accounts::Role;
use werkscan_api::admin::{Account, LinkSent, Organisation};
use werkscan_api::campaigns::{ExpertRef, Party};
use werkscan_api::error::FieldError;
use werkscan_api::practices::{
    Member, NewAuthor, NewExpert, OrganisationLink, Practice, PracticeAuthor, PracticeDetails, PracticeExpert, Trail,
};
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use crate::api;
use crate::components::{loaded, tr, Guard, Page, ProblemOf};
use crate::words;

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
            officer_contact: practice
                .privacy_officer
                .as_ref()
                .and_then(|officer| officer.contact.clone())
                .unwrap_or_default(),
            website: practice.website.clone().unwrap_or_default(),
        }
    }

    /// The request. A data protection officer with only a name or only a contact goes to the
    /// server as typed, which refuses it with its field.
    fn request(&self) -> PracticeDetails {
        let officer = (!self.officer_name.trim().is_empty() || !self.officer_contact.trim().is_empty()).then(|| {
            Party { name: self.officer_name.trim().to_owned(), contact: Some(self.officer_contact.trim().to_owned()) }
        });
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
        "invalid_website" => (
            "De website begint met https:// (hooguit 200 tekens).",
            "The website starts with https:// (at most 200 characters).",
        ),
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
            Some(Err((_, fields))) => fields
                .into_iter()
                .find(|problem| problem.field == field)
                .map(|problem| field_words(lang.get(), &problem)),
            _ => None,
        }
    };
    let general = move || match save.value().get() {
        Some(Err((error, fields))) if fields.is_empty() => Some(error),
        _ => None,
    };
    let input = move |key: &'static str,
                      label: (&'static str, &'static str),
                      get: fn(&DetailsForm) -> String,
                      set: fn(&mut DetailsForm, String),
                      field: &'static str| {
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
fn names(list: &[ExpertRef]) -> String {
    if list.is_empty() {
        "–".to_owned()
    } else {
        list.iter().map(|person| person.display_name.clone()).collect::<Vec<_>>().join(", ")
    }
}

#[component]
fn PracticesScreen() -> impl IntoView {
    let practices = LocalResource::new(|| async { api::get::<Vec<Practice>>("/api/admin/practices").await });
    let organisations =
        LocalResource::new(|| async { api::get::<Vec<Organisation>>("/api/admin/organisations").await });
    let accounts = LocalResource::new(|| async { api::get::<Vec<Account>>("/api/admin/users").await });
    let link = Action::new_local(|(practice, organisation): &(String, String)| {
        let url = format!("/api/admin/practices/{}/organisations", api::segment(practice));
        let organisation = organisation.clone();
        async move { api::post(&url, &OrganisationLink { org_id: organisation }).await }
    });
    let member = Action::new_local(|(practice, account): &(String, String)| {
        let url = format!("/api/admin/practices/{}/members", api::segment(practice));
        let account = account.clone();
        async move { api::post(&url, &Member { user_id: account }).await }
    });
    Effect::new(move |_| {
        if matches!(link.value().get(), Some(Ok(()))) || matches!(member.value().get(), Some(Ok(()))) {
            practices.refetch();
            accounts.refetch();
        }
    });
    let refetch = Callback::new(move |()| practices.refetch());
    // The practice whose audit trail is shown below the table (id, name), if any.
    let trail_of = RwSignal::new(None::<(String, String)>);
    let trail_words = tr("Logboek van", "Audit trail of");
    let candidates = move || {
        accounts
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|account| matches!(account.role, Role::Expert | Role::PracticeAdmin) && account.active)
            .collect::<Vec<_>>()
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
                    <table class="data stack">
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
                            let name_for_trail = practice.name.clone();
                            let trail_target = (practice.id.clone(), practice.name.clone());
                            view! {
                                <tr>
                                    <th scope="row">
                                        {practice.name.clone()}
                                        <details>
                                            <summary>{tr("Gegevens", "Details")}</summary>
                                            <DetailsEditor prefix start method="PUT" url=editor_url button=("Opslaan", "Save") done=refetch/>
                                        </details>
                                        <button type="button" class="button button-secondary button-small"
                                            aria-label=move || format!("{}: {name_for_trail}", tr("Logboek bekijken", "View audit trail")())
                                            on:click=move |_| trail_of.set(Some(trail_target.clone()))>{tr("Logboek bekijken", "View audit trail")}</button>
                                    </th>
                                    <td data-label=tr("Organisaties", "Organisations")>
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
                                    <td data-label=tr("Arbeidsdeskundigen en beheerders", "Labour experts and administrators")>
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
            }
            .into_any())}
            {move || trail_of.get().map(|(id, name)| {
                let url = format!("/api/admin/practices/{}/audit", api::segment(&id));
                let title = Signal::derive(move || format!("{} {name}", trail_words()));
                view! { <TrailSection url title/> }
            })}
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
                    <dt>{tr("Beheerders", "Administrators")}</dt><dd>{names(&practice.admins)}</dd>
                    <dt>{tr("Werkt voor", "Works for")}</dt>
                    <dd>{if practice.organisations.is_empty() { "–".to_owned() } else { practice.organisations.iter().map(|organisation| organisation.name.clone()).collect::<Vec<_>>().join(", ") }}</dd>
                </dl>
            }
            .into_any())}
            <PeopleSection people=People::Experts/>
            <PeopleSection people=People::Authors/>
            <TrailSection url="/api/practice/audit".into() title=Signal::derive({ let words = tr("Logboek", "Audit trail"); move || words().to_owned() })/>
        </Page>
    }
}

/// Which of the practice's people a section manages. Arbeidsdeskundigen and definition authors
/// are added, deactivated and sent a password link in the same way, so they share one section
/// with words of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum People {
    /// The arbeidsdeskundigen, who read what employees share with them.
    Experts,
    /// The definition authors, who write and publish questionnaire versions.
    Authors,
}

/// One person of a section, whichever kind.
#[derive(Clone, Debug)]
struct Person {
    id: String,
    display_name: String,
    email: String,
    active: bool,
    has_second_factor: bool,
    /// The campaigns that name an arbeidsdeskundige; authors are in no campaign.
    campaigns: Option<Vec<String>>,
}

/// A section's words, Dutch and English.
struct PeopleWords {
    id: &'static str,
    title: (&'static str, &'static str),
    hint: (&'static str, &'static str),
    add: (&'static str, &'static str),
    link_hint: (&'static str, &'static str),
    none_yet: (&'static str, &'static str),
    caption: (&'static str, &'static str),
    deactivate_question: (&'static str, &'static str),
    new_link_question: (&'static str, &'static str),
}

impl People {
    /// Where the practice admin's API keeps this kind of person.
    fn url(self) -> &'static str {
        match self {
            People::Experts => "/api/practice/experts",
            People::Authors => "/api/practice/authors",
        }
    }

    async fn list(self) -> Result<Vec<Person>, api::ApiError> {
        Ok(match self {
            People::Experts => api::get::<Vec<PracticeExpert>>(self.url())
                .await?
                .into_iter()
                .map(|expert| Person {
                    id: expert.id,
                    display_name: expert.display_name,
                    email: expert.email,
                    active: expert.active,
                    has_second_factor: expert.has_second_factor,
                    campaigns: Some(expert.campaigns.into_iter().map(|campaign| campaign.name).collect()),
                })
                .collect(),
            People::Authors => api::get::<Vec<PracticeAuthor>>(self.url())
                .await?
                .into_iter()
                .map(|author| Person {
                    id: author.id,
                    display_name: author.display_name,
                    email: author.email,
                    active: author.active,
                    has_second_factor: author.has_second_factor,
                    campaigns: None,
                })
                .collect(),
        })
    }

    async fn add(self, email: String, display_name: String) -> Result<LinkSent, api::ApiError> {
        match self {
            People::Experts => api::call("POST", self.url(), Some(&NewExpert { email, display_name })).await,
            People::Authors => api::call("POST", self.url(), Some(&NewAuthor { email, display_name })).await,
        }
    }

    fn words(self) -> PeopleWords {
        match self {
            People::Experts => PeopleWords {
                id: "expert",
                title: ("Arbeidsdeskundigen", "Labour experts"),
                hint: (
                    "Een arbeidsdeskundige leest wat werknemers met hem of haar delen in de campagnes van je praktijk die hem of haar noemen. Blokkeer je iemand, dan is die overal uitgelogd en kan niet meer inloggen.",
                    "A labour expert reads what employees share with them in your practice's campaigns that name them. If you deactivate someone, they are logged out everywhere and cannot log in any more.",
                ),
                add: ("Arbeidsdeskundige toevoegen", "Add a labour expert"),
                link_hint: (
                    "Met die link kiest de arbeidsdeskundige zelf een wachtwoord. De link werkt één keer en 24 uur lang. Bij de eerste keer inloggen stelt hij of zij een tweede stap in.",
                    "With that link the labour expert chooses their own password. The link works once, for 24 hours. At the first login they set up a second step.",
                ),
                none_yet: ("Je praktijk heeft nog geen arbeidsdeskundigen.", "Your practice has no labour experts yet."),
                caption: ("Arbeidsdeskundigen van je praktijk", "Your practice's labour experts"),
                deactivate_question: (
                    "Deze arbeidsdeskundige blokkeren? Hij of zij wordt overal uitgelogd en kan niet meer inloggen.",
                    "Deactivate this labour expert? They are logged out everywhere and can no longer log in.",
                ),
                new_link_question: (
                    "Een nieuwe link sturen waarmee de arbeidsdeskundige een wachtwoord kiest? Het huidige wachtwoord blijft werken tot de link gebruikt is.",
                    "Send a new link with which the labour expert chooses a password? The current password keeps working until the link is used.",
                ),
            },
            People::Authors => PeopleWords {
                id: "author",
                title: ("Auteurs van vragenlijsten", "Questionnaire authors"),
                hint: (
                    "Een auteur schrijft vragenlijsten en publiceert nieuwe versies ervan. Een gepubliceerde versie verandert nooit meer en kan in elke campagne gebruikt worden. Een auteur ziet geen antwoorden en geen gedeelde uitslagen. Blokkeer je iemand, dan is die overal uitgelogd en kan niet meer inloggen.",
                    "An author writes questionnaires and publishes new versions of them. A published version never changes and can be used in every campaign. An author sees no answers and no shared results. If you deactivate someone, they are logged out everywhere and cannot log in any more.",
                ),
                add: ("Auteur toevoegen", "Add an author"),
                link_hint: (
                    "Met die link kiest de auteur zelf een wachtwoord. De link werkt één keer en 24 uur lang. Bij de eerste keer inloggen stelt hij of zij een tweede stap in.",
                    "With that link the author chooses their own password. The link works once, for 24 hours. At the first login they set up a second step.",
                ),
                none_yet: ("Je praktijk heeft nog geen auteurs.", "Your practice has no authors yet."),
                caption: ("Auteurs van je praktijk", "Your practice's authors"),
                deactivate_question: (
                    "Deze auteur blokkeren? Hij of zij wordt overal uitgelogd en kan niet meer inloggen. Wat al gepubliceerd is, blijft.",
                    "Deactivate this author? They are logged out everywhere and can no longer log in. What they published stays.",
                ),
                new_link_question: (
                    "Een nieuwe link sturen waarmee de auteur een wachtwoord kiest? Het huidige wachtwoord blijft werken tot de link gebruikt is.",
                    "Send a new link with which the author chooses a password? The current password keeps working until the link is used.",
                ),
            },
        }
    }
}

/// The practice's arbeidsdeskundigen or its definition authors: who they are, whether they can
/// log in and set up their second step (and for arbeidsdeskundigen the campaigns that name
/// them); add one (they get a link to choose a password), send one a new link, deactivate or
/// reactivate one.
#[component]
fn PeopleSection(people: People) -> impl IntoView {
    let lang = use_lang();
    let words = people.words();
    let list = LocalResource::new(move || people.list());
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let create = Action::new_local(move |(email, name): &(String, String)| people.add(email.clone(), name.clone()));
    let change = Action::new_local(move |(id, active): &(String, bool)| {
        let url = format!("{}/{}/{}", people.url(), api::segment(id), if *active { "activate" } else { "deactivate" });
        async move { api::post(&url, &serde_json::json!({})).await }
    });
    let resend = Action::new_local(move |id: &String| {
        let url = format!("{}/{}/password-link", people.url(), api::segment(id));
        async move { api::call::<LinkSent>("POST", &url, Some(&serde_json::json!({}))).await }
    });
    // Where the link went: nobody, the practice admin included, sees the password or the link.
    let sent = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(link)) = resend.value().get() {
            sent.set(Some(link.link_sent_to));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(link)) = create.value().get() {
            sent.set(Some(link.link_sent_to));
            email.set(String::new());
            display_name.set(String::new());
            list.refetch();
        }
    });
    Effect::new(move |_| {
        if matches!(change.value().get(), Some(Ok(()))) {
            list.refetch();
        }
    });
    let ask = move |(nl, en): (&'static str, &'static str)| {
        window().confirm_with_message(if lang.get_untracked() == Lang::Nl { nl } else { en }).unwrap_or(false)
    };
    let title_id = format!("own-{}s-title", words.id);
    let labelled_by = title_id.clone();
    let name_id = format!("new-{}-name", words.id);
    let email_id = format!("new-{}-email", words.id);
    let (name_label, email_label) = (name_id.clone(), email_id.clone());
    let with_campaigns = people == People::Experts;
    let PeopleWords { title, hint, add, link_hint, none_yet, caption, deactivate_question, new_link_question, .. } =
        words;
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=title_id>{tr(title.0, title.1)}</h2>
            <p class="hint">{tr(hint.0, hint.1)}</p>
            <form class="console-form grid-fields" on:submit=move |event| {
                event.prevent_default();
                sent.set(None);
                create.dispatch((email.get_untracked(), display_name.get_untracked()));
            }>
                <div class="field">
                    <label for=name_label>{tr("Naam", "Name")}</label>
                    <input id=name_id type="text" required maxlength="200" autocomplete="off"
                        prop:value=display_name on:input=move |event| display_name.set(event_target_value(&event))/>
                </div>
                <div class="field">
                    <label for=email_label>{tr("E-mailadres", "E-mail address")}</label>
                    <input id=email_id type="email" required autocomplete="off"
                        prop:value=email on:input=move |event| email.set(event_target_value(&event))/>
                </div>
                <ProblemOf outcome=create.value()/>
                <button type="submit" class="button" disabled=move || create.pending().get()>{tr(add.0, add.1)}</button>
            </form>
            {move || sent.get().map(|who| view! {
                <div class="handed-out" role="status">
                    <p>{tr("Er is een link gestuurd naar ", "A link was sent to ")}<strong>{who}</strong>"."</p>
                    <p class="hint">{tr(link_hint.0, link_hint.1)}</p>
                </div>
            })}
            <ProblemOf outcome=change.value()/>
            <ProblemOf outcome=resend.value()/>
            {move || loaded(list.get(), |list| {
                if list.is_empty() {
                    return view! { <p>{tr(none_yet.0, none_yet.1)}</p> }.into_any();
                }
                view! {
                        <table class="data stack">
                            <caption class="visually-hidden">{tr(caption.0, caption.1)}</caption>
                            <thead><tr>
                                <th scope="col">{tr("Naam", "Name")}</th>
                                <th scope="col">{tr("E-mailadres", "E-mail address")}</th>
                                <th scope="col">{tr("Staat", "State")}</th>
                                {with_campaigns.then(|| view! { <th scope="col">{tr("Campagnes", "Campaigns")}</th> })}
                                <th scope="col">{tr("Acties", "Actions")}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|person| {
                                let id = person.id.clone();
                                let link_id = person.id.clone();
                                let name = person.display_name.clone();
                                let link_name = person.display_name.clone();
                                let active = person.active;
                                let state = move || {
                                    let login = if active { tr("actief", "active")() } else { tr("geblokkeerd", "deactivated")() };
                                    let factor = if person.has_second_factor { tr("tweede stap ingesteld", "second step set up")() } else { tr("tweede stap nog niet ingesteld", "second step not set up yet")() };
                                    format!("{login}, {factor}")
                                };
                                let campaigns = person.campaigns.map(|names| if names.is_empty() { "–".to_owned() } else { names.join(", ") });
                                view! {
                                    <tr>
                                        <th scope="row">{person.display_name.clone()}</th>
                                        <td data-label=tr("E-mailadres", "E-mail address")>{person.email.clone()}</td>
                                        <td data-label=tr("Staat", "State")>{state}</td>
                                        {campaigns.map(|campaigns| view! { <td data-label=tr("Campagnes", "Campaigns")>{campaigns}</td> })}
                                        <td class="row-actions">
                                            {if active {
                                                view! { <button type="button" class="button button-secondary button-small" aria-label=move || format!("{}: {name}", tr("Blokkeren", "Deactivate")())
                                                    on:click=move |_| if ask(deactivate_question) { change.dispatch((id.clone(), false)); }>
                                                    {tr("Blokkeren", "Deactivate")}</button> }.into_any()
                                            } else {
                                                view! { <button type="button" class="button button-secondary button-small" aria-label=move || format!("{}: {name}", tr("Weer toegang geven", "Reactivate")())
                                                    on:click=move |_| { change.dispatch((id.clone(), true)); }>
                                                    {tr("Weer toegang geven", "Reactivate")}</button> }.into_any()
                                            }}
                                            <button type="button" class="button button-secondary button-small" aria-label=move || format!("{}: {link_name}", tr("Nieuwe wachtwoordlink sturen", "Send a new password link")())
                                                on:click=move |_| if ask(new_link_question) { sent.set(None); resend.dispatch(link_id.clone()); }>
                                                {tr("Nieuwe wachtwoordlink", "New password link")}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                }
                .into_any()
            })}
        </section>
    }
}

/// How many entries of the trail one page shows.
const TRAIL_PAGE: i64 = 25;

/// A practice's audit trail read from `url` (`/api/practice/audit`, or the platform admin's
/// `/api/admin/practices/{id}/audit`): who did what and when, in which campaign, newest first, a
/// page at a time. It never shows what was read or written.
#[component]
fn TrailSection(
    /// Where the trail is read.
    url: String,
    /// The heading.
    title: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let offset = RwSignal::new(0_i64);
    let trail = LocalResource::new(move || {
        let url = format!("{url}?offset={}&limit={TRAIL_PAGE}", offset.get());
        async move { api::get::<Trail>(&url).await }
    });
    view! {
        <section class="card" aria-labelledby="trail-title">
            <h2 id="trail-title">{title}</h2>
            <p class="hint">{tr(
                "Wat mensen van de praktijk deden, en wat er in de campagnes van de praktijk gebeurde: wie, wat, wanneer en in welke campagne. Wat er gelezen of geschreven is, staat er niet in.",
                "What people of the practice did, and what happened in the practice's campaigns: who, what, when and in which campaign. What was read or written is not in it.",
            )}</p>
            {move || loaded(trail.get(), |page| {
                if page.items.is_empty() {
                    return view! { <p>{tr("Nog niets vastgelegd.", "Nothing recorded yet.")}</p> }.into_any();
                }
                let (first, last, total) = (page.offset + 1, page.offset + page.items.len() as i64, page.total);
                let newer = page.offset > 0;
                let older = last < total;
                view! {
                    // On a phone each line is a card: nothing to scroll sideways.
                        <table class="data audit stack">
                            <caption class="visually-hidden">{tr("Logboek van je praktijk", "Your practice's audit trail")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("Wanneer", "When")}</th>
                                <th scope="col">{tr("Wie", "Who")}</th>
                                <th scope="col">{tr("Wat", "What")}</th>
                                <th scope="col">{tr("Campagne", "Campaign")}</th>
                            </tr></thead>
                            <tbody>{page.items.into_iter().map(|entry| {
                                let (at, action, subject) = (entry.at.clone(), entry.action.clone(), entry.subject.clone());
                                let actor = if entry.actor.is_empty() { "–".to_owned() } else { entry.actor.clone() };
                                view! {
                                    <tr>
                                        <td data-label=tr("Wanneer", "When")>{move || words::moment(lang.get(), &at)}</td>
                                        <td data-label=tr("Wie", "Who")>{actor}</td>
                                        <td data-label=tr("Wat", "What")>{move || match &subject {
                                            Some(subject) => format!("{}: {subject}", words::audit_action(lang.get(), &action)),
                                            None => words::audit_action(lang.get(), &action).to_owned(),
                                        }}</td>
                                        <td data-label=tr("Campagne", "Campaign")>{entry.campaign_name.clone().unwrap_or_else(|| "–".to_owned())}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                    <nav class="pager" aria-label=tr("Pagina's van het logboek", "Pages of the audit trail")>
                        <p role="status">{move || match lang.get() {
                            Lang::Nl => format!("{first}–{last} van {total}"),
                            Lang::En => format!("{first}–{last} of {total}"),
                        }}</p>
                        <button type="button" class="button button-secondary button-small" disabled=!newer
                            on:click=move |_| offset.update(|offset| *offset = (*offset - TRAIL_PAGE).max(0))>{tr("Nieuwere", "Newer")}</button>
                        <button type="button" class="button button-secondary button-small" disabled=!older
                            on:click=move |_| offset.update(|offset| *offset += TRAIL_PAGE)>{tr("Oudere", "Older")}</button>
                    </nav>
                }
                .into_any()
            })}
        </section>
    }
}
