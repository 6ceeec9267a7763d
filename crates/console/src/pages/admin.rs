//! The admin's screens: organisations (and which practices they work with), accounts
//! (create, deactivate and activate, send a link to choose a password, reset a second factor), the questionnaire
//! versions the server has loaded, and the audit log. Admins never see a person's result.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use werkscan_api::accounts::Role;
use werkscan_api::admin::{Account, LinkSent, LoadedVersion, NewAccount, NewOrganisation, Organisation};
use werkscan_api::audit::{AuditAction, AuditEntry};
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use crate::api;
use crate::components::{loaded, short_id, tr, AuditTable, Guard, Page, ProblemOf};
use crate::words;

/// `/organisaties`.
#[component]
pub fn Organisations() -> impl IntoView {
    view! { <Guard roles=&[Role::Admin]><OrganisationsScreen/></Guard> }
}

#[component]
fn OrganisationsScreen() -> impl IntoView {
    let organisations =
        LocalResource::new(|| async { api::get::<Vec<Organisation>>("/api/admin/organisations").await });
    let name = RwSignal::new(String::new());
    let empty = RwSignal::new(false);
    let add = Action::new_local(|name: &String| {
        let name = name.clone();
        async move { api::post("/api/admin/organisations", &NewOrganisation { name }).await }
    });
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(()))) {
            name.set(String::new());
            organisations.refetch();
        }
    });
    let practices_href = crate::href("/praktijken");
    view! {
        <Page title=tr("Organisaties", "Organisations")>
            <form class="inline-form" novalidate on:submit=move |event| {
                event.prevent_default();
                // An empty name is said next to the field, not silently ignored.
                if name.get_untracked().trim().is_empty() {
                    empty.set(true);
                    if let Some(input) = document().get_element_by_id("org-name") {
                        let _ = input.unchecked_ref::<web_sys::HtmlElement>().focus();
                    }
                    return;
                }
                empty.set(false);
                add.dispatch(name.get_untracked().trim().to_owned());
            }>
                <label for="org-name">{tr("Nieuwe organisatie", "New organisation")}</label>
                <input id="org-name" type="text" maxlength="200" required prop:value=name
                    aria-invalid=move || empty.get().then_some("true") aria-describedby=move || empty.get().then_some("org-name-error")
                    on:input=move |event| { empty.set(false); name.set(event_target_value(&event)) }/>
                <button type="submit" class="button" disabled=move || add.pending().get()>{tr("Aanmaken", "Create")}</button>
            </form>
            {move || empty.get().then(|| view! { <p id="org-name-error" class="field-error" role="alert">{tr("Vul de naam van de organisatie in.", "Fill in the organisation's name.")}</p> })}
            <ProblemOf outcome=add.value()/>
            <p class="hint">
                {tr(
                    "Een organisatie start campagnes met een praktijk waarmee ze werkt; haar medewerkers delen met de arbeidsdeskundigen van die praktijk. Je koppelt een organisatie aan een praktijk op ",
                    "An organisation starts campaigns with a practice it works with; its staff share with that practice's labour experts. You link an organisation to a practice on ",
                )}
                <leptos_router::components::A href=practices_href>{tr("Praktijken", "Practices")}</leptos_router::components::A>"."
            </p>
            {move || loaded(organisations.get(), |list| view! {
                        <table class="data stack">
                            <caption class="visually-hidden">{tr("Organisaties", "Organisations")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("Naam", "Name")}</th>
                                <th scope="col">{tr("Werkt met de praktijken", "Works with the practices")}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|organisation| view! {
                                <tr>
                                    <th scope="row">{organisation.name.clone()}</th>
                                    <td data-label=tr("Werkt met de praktijken", "Works with the practices")>{if organisation.practices.is_empty() { "–".to_owned() } else { organisation.practices.iter().map(|practice| practice.name.clone()).collect::<Vec<_>>().join(", ") }}</td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                }
                .into_any())}
        </Page>
    }
}

/// `/accounts`.
#[component]
pub fn Accounts() -> impl IntoView {
    view! { <Guard roles=&[Role::Admin]><AccountsScreen/></Guard> }
}

/// What an admin did to an account, for the confirmation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Change {
    Deactivate,
    Activate,
    ResetSecondFactor,
}

#[component]
fn AccountsScreen() -> impl IntoView {
    let lang = use_lang();
    let accounts = LocalResource::new(|| async { api::get::<Vec<Account>>("/api/admin/users").await });
    let organisations =
        LocalResource::new(|| async { api::get::<Vec<Organisation>>("/api/admin/organisations").await });
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Employer);
    let organisation = RwSignal::new(String::new());
    let practices =
        LocalResource::new(|| async { api::get::<Vec<werkscan_api::practices::PracticeRef>>("/api/practices").await });
    let practice = RwSignal::new(String::new());
    let create =
        Action::new_local(|(email, name, role, organisation, practice): &(String, String, Role, String, String)| {
            let (email, name, role, organisation, practice) =
                (email.clone(), name.clone(), *role, organisation.clone(), practice.clone());
            async move {
                // Only arbeidsdeskundigen, practice admins and definition authors belong to a practice.
                let practice_id = (matches!(role, Role::Expert | Role::PracticeAdmin | Role::DefinitionAuthor)
                    && !practice.is_empty())
                .then_some(practice);
                let body = NewAccount {
                    email,
                    display_name: name,
                    role,
                    org_id: (!organisation.is_empty()).then_some(organisation),
                    practice_id,
                };
                api::call::<LinkSent>("POST", "/api/admin/users", Some(&body)).await
            }
        });
    let change = Action::new_local(|(id, change): &(String, Change)| {
        let path = match change {
            Change::Deactivate => "deactivate",
            Change::Activate => "activate",
            Change::ResetSecondFactor => "reset-second-factor",
        };
        let url = format!("/api/admin/users/{}/{path}", api::segment(id));
        async move { api::post(&url, &serde_json::json!({})).await }
    });
    let reset = Action::new_local(|id: &String| {
        let url = format!("/api/admin/users/{}/reset-password", api::segment(id));
        async move { api::call::<LinkSent>("POST", &url, Some(&serde_json::json!({}))).await }
    });
    // Where the last link went: the admin never sees a password or the link itself.
    let sent = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(link)) = create.value().get() {
            sent.set(Some(link.link_sent_to));
            email.set(String::new());
            display_name.set(String::new());
            accounts.refetch();
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(link)) = reset.value().get() {
            sent.set(Some(link.link_sent_to));
            accounts.refetch();
        }
    });
    Effect::new(move |_| {
        if matches!(change.value().get(), Some(Ok(()))) {
            accounts.refetch();
        }
    });
    let org_name = move |id: &Option<String>| {
        let Some(id) = id else { return "–".to_owned() };
        organisations
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .find(|organisation| &organisation.id == id)
            .map(|organisation| organisation.name)
            .unwrap_or_else(|| short_id(id).to_owned())
    };
    let ask = move |nl: &'static str, en: &'static str| {
        window().confirm_with_message(if lang.get_untracked() == Lang::Nl { nl } else { en }).unwrap_or(false)
    };
    view! {
        <Page title=tr("Accounts", "Accounts")>
            <section aria-labelledby="new-account" class="card">
                <h2 id="new-account">{tr("Nieuw account", "New account")}</h2>
                <form class="console-form grid-fields" on:submit=move |event| {
                    event.prevent_default();
                    sent.set(None);
                    create.dispatch((email.get_untracked(), display_name.get_untracked(), role.get_untracked(), organisation.get_untracked(), practice.get_untracked()));
                }>
                    <div class="field">
                        <label for="acc-email">{tr("E-mailadres", "E-mail address")}</label>
                        <input id="acc-email" type="email" required prop:value=email on:input=move |event| email.set(event_target_value(&event))/>
                    </div>
                    <div class="field">
                        <label for="acc-name">{tr("Naam", "Name")}</label>
                        <input id="acc-name" type="text" required maxlength="200" prop:value=display_name on:input=move |event| display_name.set(event_target_value(&event))/>
                    </div>
                    <div class="field">
                        <label for="acc-role">{tr("Rol", "Role")}</label>
                        <select id="acc-role" on:change=move |event| role.set(match event_target_value(&event).as_str() {
                            "expert" => Role::Expert,
                            "practice_admin" => Role::PracticeAdmin,
                            "definition_author" => Role::DefinitionAuthor,
                            "admin" => Role::Admin,
                            _ => Role::Employer,
                        })>
                            <option value="employer" selected=move || role.get() == Role::Employer>{move || words::role(lang.get(), Role::Employer)}</option>
                            <option value="expert" selected=move || role.get() == Role::Expert>{move || words::role(lang.get(), Role::Expert)}</option>
                            <option value="practice_admin" selected=move || role.get() == Role::PracticeAdmin>{move || words::role(lang.get(), Role::PracticeAdmin)}</option>
                            <option value="definition_author" selected=move || role.get() == Role::DefinitionAuthor>{move || words::role(lang.get(), Role::DefinitionAuthor)}</option>
                            <option value="admin" selected=move || role.get() == Role::Admin>{move || words::role(lang.get(), Role::Admin)}</option>
                        </select>
                    </div>
                    <Show when=move || matches!(role.get(), Role::Expert | Role::PracticeAdmin | Role::DefinitionAuthor)>
                        <div class="field">
                            <label for="acc-practice">{tr("Praktijk", "Practice")}</label>
                            <select id="acc-practice" on:change=move |event| practice.set(event_target_value(&event))>
                                <option value="">{tr("Nog geen (je voegt de arbeidsdeskundige later toe)", "None yet (you add the labour expert later)")}</option>
                                {move || practices.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|choice| {
                                    let id = choice.id.clone();
                                    view! { <option value=choice.id.clone() selected=move || practice.get() == id>{choice.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    </Show>
                    <div class="field">
                        <label for="acc-org">{tr("Organisatie", "Organisation")}</label>
                        <select id="acc-org" on:change=move |event| organisation.set(event_target_value(&event))>
                            <option value="">{tr("Geen (beheerder, of arbeidsdeskundige die je later koppelt)", "None (administrator, or an expert you link later)")}</option>
                            {move || organisations.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|organisation| view! {
                                <option value=organisation.id.clone()>{organisation.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <ProblemOf outcome=create.value()/>
                    <button type="submit" class="button" disabled=move || create.pending().get()>{tr("Account aanmaken", "Create account")}</button>
                </form>
            </section>
            {move || sent.get().map(|who| view! {
                <div class="card handed-out" role="status">
                    <p>{tr("Er is een link gestuurd naar ", "A link was sent to ")}<strong>{who}</strong>"."</p>
                    <p class="hint">{tr(
                        "Met die link kiest de persoon zelf een wachtwoord. De link werkt één keer en 24 uur lang. Niemand anders krijgt het wachtwoord te zien, jij ook niet.",
                        "With that link the person chooses their own password. The link works once, for 24 hours. Nobody else sees the password, you neither.",
                    )}</p>
                </div>
            })}
            <ProblemOf outcome=change.value()/>
            <ProblemOf outcome=reset.value()/>
            {move || loaded(accounts.get(), |list| view! {
                        <table class="data accounts stack">
                            <caption class="visually-hidden">{tr("Accounts", "Accounts")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("Naam", "Name")}</th>
                                <th scope="col">{tr("E-mailadres", "E-mail address")}</th>
                                <th scope="col">{tr("Rol", "Role")}</th>
                                <th scope="col">{tr("Organisatie", "Organisation")}</th>
                                <th scope="col">{tr("Staat", "State")}</th>
                                <th scope="col">{tr("Acties", "Actions")}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|account| {
                                let (deactivate_id, activate_id, reset_id, factor_id) = (account.id.clone(), account.id.clone(), account.id.clone(), account.id.clone());
                                let name = account.display_name.clone();
                                let state = move || {
                                    let mut parts = vec![if account.active { tr("actief", "active")() } else { tr("geblokkeerd", "deactivated")() }];
                                    if account.has_second_factor { parts.push(tr("tweede stap aan", "second step on")()); }
                                    if account.must_change_password { parts.push(tr("moet nieuw wachtwoord kiezen", "must choose a new password")()); }
                                    parts.join(", ")
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{account.display_name.clone()}</th>
                                        <td data-label=tr("E-mailadres", "E-mail address")>{account.email.clone()}</td>
                                        <td data-label=tr("Rol", "Role")>{move || words::role(lang.get(), account.role)}</td>
                                        <td data-label=tr("Organisatie", "Organisation")>{org_name(&account.org_id)}</td>
                                        <td data-label=tr("Staat", "State")>{state}</td>
                                        <td class="row-actions">
                                            {if account.active {
                                                view! { <button type="button" class="button button-secondary button-small" aria-label=format!("{}: {name}", tr("Blokkeren", "Deactivate")())
                                                    on:click=move |_| if ask("Dit account blokkeren? De persoon wordt overal uitgelogd.", "Deactivate this account? The person is logged out everywhere.") { change.dispatch((deactivate_id.clone(), Change::Deactivate)); }>
                                                    {tr("Blokkeren", "Deactivate")}</button> }.into_any()
                                            } else {
                                                view! { <button type="button" class="button button-secondary button-small" on:click=move |_| { change.dispatch((activate_id.clone(), Change::Activate)); }>{tr("Activeren", "Activate")}</button> }.into_any()
                                            }}
                                            <button type="button" class="button button-secondary button-small"
                                                on:click=move |_| if ask("Een link sturen waarmee de persoon een nieuw wachtwoord kiest? Het huidige wachtwoord blijft werken tot de link gebruikt is.", "Send a link with which the person chooses a new password? The current password keeps working until the link is used.") { reset.dispatch(reset_id.clone()); }>
                                                {tr("Link voor nieuw wachtwoord", "Link for a new password")}</button>
                                            {account.has_second_factor.then(|| view! {
                                                <button type="button" class="button button-secondary button-small"
                                                    on:click=move |_| if ask("De tweede stap opnieuw instellen? De persoon stelt bij de volgende keer inloggen een nieuwe in.", "Reset the second step? The person sets up a new one at the next login.") { change.dispatch((factor_id.clone(), Change::ResetSecondFactor)); }>
                                                    {tr("Tweede stap opnieuw", "Reset second step")}</button>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                }
                .into_any())}
        </Page>
    }
}

/// `/versies`.
#[component]
pub fn Versions() -> impl IntoView {
    view! { <Guard roles=&[Role::Admin]><VersionsScreen/></Guard> }
}

#[component]
fn VersionsScreen() -> impl IntoView {
    let lang = use_lang();
    let versions = LocalResource::new(|| async { api::get::<Vec<LoadedVersion>>("/api/admin/definitions").await });
    view! {
        <Page title=tr("Vragenlijsten", "Questionnaires")>
            <p>{tr(
                "Elke versie die de server ooit had: uit de bestanden geladen, of gepubliceerd door een auteur. Uitkomsten en concepten houden hun eigen versie; nieuwe scans en campagnes gebruiken de huidige.",
                "Every version the server ever had: loaded from the files, or published by an author. Results and drafts keep their own version; new scans and campaigns use the current one.",
            )}</p>
            {move || loaded(versions.get(), |list| view! {
                        <table class="data stack">
                            <caption class="visually-hidden">{tr("Geladen versies", "Loaded versions")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("Vragenlijst", "Questionnaire")}</th>
                                <th scope="col">{tr("Versie", "Version")}</th>
                                <th scope="col">{tr("Inhoud (hash)", "Content (hash)")}</th>
                                <th scope="col">{tr("Eerst geladen", "First loaded")}</th>
                                <th scope="col">{tr("Herkomst", "Source")}</th>
                                <th scope="col">{tr("Licentie", "Licence")}</th>
                                <th scope="col">{tr("Huidig", "Current")}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|version| {
                                let loaded = version.first_loaded_at.clone();
                                let source = version.source;
                                let licence = version.licence.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{version.id.clone()}</th>
                                        <td data-label=tr("Versie", "Version")>{version.version.clone()}</td>
                                        <td data-label=tr("Inhoud (hash)", "Content (hash)")><code title=version.content_hash.clone()>{short_id(&version.content_hash).to_owned()}</code></td>
                                        <td data-label=tr("Eerst geladen", "First loaded")>{move || words::moment(lang.get(), &loaded)}</td>
                                        <td data-label=tr("Herkomst", "Source")>{move || words::version_source(lang.get(), source)}</td>
                                        <td data-label=tr("Licentie", "Licence")>{move || words::licence(lang.get(), &licence)}</td>
                                        <td data-label=tr("Huidig", "Current")>{if version.current { tr("ja", "yes") } else { tr("nee", "no") }}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                }
                .into_any())}
        </Page>
    }
}

/// `/audit`.
#[component]
pub fn AuditLog() -> impl IntoView {
    view! { <Guard roles=&[Role::Admin]><AuditScreen/></Guard> }
}

#[component]
fn AuditScreen() -> impl IntoView {
    let lang = use_lang();
    let account = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // The search runs when asked, not at every key press.
    let asked = RwSignal::new(String::new());
    let entries = LocalResource::new(move || {
        let url = format!("/api/admin/audit{}", asked.get());
        async move { api::get::<Vec<AuditEntry>>(&url).await }
    });
    let search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        asked.set(api::query(&[
            ("account", account.get_untracked()),
            ("action", action.get_untracked()),
            ("from", from.get_untracked()),
            ("to", to.get_untracked()),
        ]));
    };
    view! {
        <Page title=tr("Audit-log", "Audit log")>
            <form class="filters" role="search" on:submit=search>
                <div class="field">
                    <label for="a-account">{tr("Account (naam of e-mailadres)", "Account (name or e-mail address)")}</label>
                    <input id="a-account" type="text" prop:value=account on:input=move |event| account.set(event_target_value(&event))/>
                </div>
                <div class="field">
                    <label for="a-action">{tr("Handeling", "Action")}</label>
                    <select id="a-action" on:change=move |event| action.set(event_target_value(&event))>
                        <option value="" selected=move || action.get().is_empty()>{tr("Alle handelingen", "All actions")}</option>
                        {AuditAction::ALL.iter().map(|choice| {
                            let (choice, key) = (*choice, choice.as_str());
                            view! { <option value=key selected=move || action.get() == key>{move || words::action_words(lang.get(), choice)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="a-from">{tr("Vanaf", "From")}</label>
                    <input id="a-from" type="date" prop:value=from on:input=move |event| from.set(event_target_value(&event))/>
                </div>
                <div class="field">
                    <label for="a-to">{tr("Tot en met", "Until")}</label>
                    <input id="a-to" type="date" prop:value=to on:input=move |event| to.set(event_target_value(&event))/>
                </div>
                <button type="submit" class="button">{tr("Zoeken", "Search")}</button>
            </form>
            {move || loaded(entries.get(), |list| view! { <AuditTable entries=list show_actor=true/> }.into_any())}
        </Page>
    }
}
