//! Personal invitations on a campaign's page: the employer's roster (one text box per
//! department, refusals by line), the practice's check of it (numbers and domains, approve or
//! refuse with a reason), letters with a personal QR code for people without e-mail, and the
//! reminder that goes to everyone invited.

use leptos::prelude::*;
use werkscan_api::error::FieldError;
use werkscan_api::roster::{
    LetterRequest, Letters, Rejection, Reminded, RosterInput, RosterReview, RosterState, RosterSummary,
};
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use crate::api::{self, ApiError};
use crate::components::{tr, Loading, Problem, ProblemOf};
use crate::roster::{box_id, count_words, letter_text, problem_words, state_words, RosterForm};
use crate::words;

/// Puts the keyboard focus on the element with this id once the screen has drawn it.
fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id) {
            use wasm_bindgen::JsCast;
            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

/// The roster's numbers per department: a table, the same for the employer and the practice.
#[component]
fn RosterNumbers(roster: RosterSummary) -> impl IntoView {
    let lang = use_lang();
    let invited = roster.invited;
    view! {
        <div class="table-scroll">
            <table class="data roster-numbers">
                <caption>{move || match lang.get() {
                    Lang::Nl => format!("Uitgenodigd per afdeling ({invited} mensen samen)"),
                    Lang::En => format!("Invited per department ({invited} people in all)"),
                }}</caption>
                <thead><tr>
                    <th scope="col">{tr("Afdeling", "Department")}</th>
                    <th scope="col">{tr("Per e-mail", "By e-mail")}</th>
                    <th scope="col">{tr("Per brief", "By letter")}</th>
                </tr></thead>
                <tbody>{roster.departments.into_iter().map(|department| view! {
                    <tr>
                        <th scope="row">{department.name}</th>
                        <td>{department.by_mail}</td>
                        <td>{department.by_letter}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// The employer's roster card on a campaign with personal invitations: where the roster is,
/// its numbers, and, until the practice approves it, the form to give or replace it.
#[component]
pub fn RosterCard(
    campaign_id: String,
    roster: RosterSummary,
    may_change: bool,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let state_roster = roster.clone();
    let numbers = matches!(roster.state, RosterState::Submitted | RosterState::Approved).then(|| roster.clone());
    let approved = roster.state == RosterState::Approved;
    let rejected = roster.state == RosterState::Rejected;
    let reminded_on = roster.reminded_on.clone();
    let form = RwSignal::new(RosterForm::new(roster.departments.iter().map(|department| department.name.clone())));
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let show_problems = move |found: Vec<FieldError>| {
        let first = found
            .iter()
            .find_map(|problem| form.with_untracked(|form| form.place(&problem.field)))
            .map_or(0, |(department, _)| department);
        problems.set(found);
        focus_later(box_id(first));
    };
    let save = Action::new_local(move |request: &RosterInput| {
        let url = format!("/api/campaigns/{}/roster", api::segment(&campaign_id));
        let request = request.clone();
        async move { api::call_form::<RosterSummary>("PUT", &url, &request).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => reload(),
        Some(Err((_, fields))) if !fields.is_empty() => show_problems(fields),
        _ => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match form.get_untracked().to_request() {
            Ok(request) => {
                problems.set(Vec::new());
                save.dispatch(request);
            }
            Err(found) => show_problems(found),
        }
    };
    // Problems about the roster as a whole (nothing typed, too many people).
    let general = move || {
        problems
            .get()
            .into_iter()
            .filter(|problem| form.with(|form| form.place(&problem.field)).is_none())
            .map(|problem| problem_words(lang.get(), &problem, None))
            .collect::<Vec<_>>()
    };
    let department_count = roster.departments.len();
    view! {
        <section aria-labelledby="roster-title" class="card roster">
            <h2 id="roster-title">{tr("Persoonlijke uitnodigingen", "Personal invitations")}</h2>
            <p class:notice=rejected>{move || state_words(lang.get(), &state_roster)}</p>
            {approved.then(|| view! { <p>{tr(
                "Iedereen op de lijst kreeg een eigen link. Wie meedoet en wie niet, zie je niet: je ziet alleen cijfers van groepen.",
                "Everyone on the list got a link of their own. You do not see who takes part and who does not: you only see figures of groups.",
            )}</p> })}
            {reminded_on.map(|day| view! { <p class="meta">{move || match lang.get() {
                Lang::Nl => format!("Laatste herinnering van de praktijk: {}.", words::iso_day(Lang::Nl, &day)),
                Lang::En => format!("Last reminder from the practice: {}.", words::iso_day(Lang::En, &day)),
            }}</p> })}
            {numbers.map(|roster| view! { <RosterNumbers roster/> })}
            {(may_change && !approved).then(|| view! {
                <form class="roster-form" on:submit=submit novalidate>
                    <p class="hint" id="roster-hint">{tr(
                        "Eén e-mailadres per regel; plakken uit Excel kan (een kolom of een rij). Lege regels tellen niet mee. De praktijk controleert de lijst en stuurt de uitnodigingen. De praktijk ziet alleen aantallen, geen adressen. Na de campagne worden de adressen gewist.",
                        "One e-mail address per line; pasting from Excel works (a column or a row). Blank lines do not count. The practice checks the list and sends the invitations. The practice sees only numbers, no addresses. After the campaign the addresses are deleted.",
                    )}</p>
                    {(0..department_count).map(|index| {
                        let name = form.with_untracked(|form| form.departments[index].0.clone());
                        let label_name = name.clone();
                        let id = box_id(index);
                        let error_id = format!("{id}-error");
                        let own = move || {
                            problems.get().into_iter().filter_map(|problem| {
                                let (department, line) = form.with(|form| form.place(&problem.field))?;
                                (department == index).then(|| problem_words(lang.get(), &problem, line))
                            }).collect::<Vec<_>>()
                        };
                        let has_problems = move || !own().is_empty();
                        let described = {
                            let error_id = error_id.clone();
                            move || if has_problems() { format!("roster-hint {error_id}") } else { "roster-hint".to_owned() }
                        };
                        let count = move || form.with(|form| crate::roster::addresses(&form.departments[index].1).len());
                        view! {
                            <div class="field roster-field">
                                <label for=id.clone()>{move || match lang.get() {
                                    Lang::Nl => format!("E-mailadressen voor {label_name}"),
                                    Lang::En => format!("E-mail addresses for {label_name}"),
                                }}</label>
                                <textarea id=id.clone() rows="6" spellcheck="false" autocomplete="off" autocapitalize="none"
                                    aria-invalid=move || has_problems().to_string() aria-describedby=described
                                    prop:value=move || form.with(|form| form.departments[index].1.clone())
                                    on:input=move |event| form.update(|form| form.departments[index].1 = event_target_value(&event))></textarea>
                                <p class="meta">{move || match lang.get() {
                                    Lang::Nl => format!("{} adressen", count()),
                                    Lang::En => format!("{} addresses", count()),
                                }}</p>
                                {move || has_problems().then(|| view! {
                                    <ul class="error field-error" id=error_id.clone()>
                                        {own().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
                                    </ul>
                                })}
                            </div>
                        }
                    }).collect_view()}
                    {move || {
                        let general = general();
                        (!general.is_empty()).then(|| view! { <p class="error" role="alert">{general.join(" ")}</p> })
                    }}
                    {move || (!problems.get().is_empty()).then(|| view! {
                        <p class="error" role="alert">{move || match lang.get() {
                            Lang::Nl => "Nog niet opgeslagen: verbeter de regels hierboven. Er is nog niets verstuurd.".to_owned(),
                            Lang::En => "Not saved yet: correct the lines above. Nothing has been sent.".to_owned(),
                        }}</p>
                    })}
                    {move || match save.value().get() {
                        Some(Err((error, fields))) if fields.is_empty() => Some(view! { <Problem error/> }),
                        _ => None,
                    }}
                    <button type="submit" class="button" disabled=move || save.pending().get()>{tr("Lijst naar de praktijk sturen", "Send the list to the practice")}</button>
                </form>
            })}
        </section>
    }
}

/// The practice's words for where the roster is.
fn review_state_words(lang: Lang, review: &RosterReview) -> String {
    match (review.state, lang) {
        (RosterState::NotGiven, Lang::Nl) => "De werkgever heeft nog geen lijst met e-mailadressen gegeven.".into(),
        (RosterState::NotGiven, Lang::En) => "The employer has not given a list of e-mail addresses yet.".into(),
        (RosterState::Submitted, Lang::Nl) => {
            "De werkgever heeft een lijst gegeven. Controleer de aantallen voordat je de uitnodigingen verstuurt."
                .into()
        }
        (RosterState::Submitted, Lang::En) => {
            "The employer has given a list. Check the numbers before you send the invitations.".into()
        }
        (RosterState::Approved, Lang::Nl) => "Goedgekeurd: de uitnodigingen zijn verstuurd.".into(),
        (RosterState::Approved, Lang::En) => "Approved: the invitations were sent.".into(),
        (RosterState::Rejected, Lang::Nl) => {
            format!("Afgekeurd. Je reden voor de werkgever: „{}”.", review.note.clone().unwrap_or_default())
        }
        (RosterState::Rejected, Lang::En) => {
            format!("Refused. Your reason for the employer: “{}”.", review.note.clone().unwrap_or_default())
        }
    }
}

/// The practice's card on a campaign with personal invitations: check the roster (numbers,
/// domains, departments below the minimum) and approve or refuse it; once approved, letters
/// and the reminder to everyone.
#[component]
pub fn RosterReviewCard(campaign_id: String, letters: RwSignal<Option<Letters>>) -> impl IntoView {
    let lang = use_lang();
    let review_url = format!("/api/expert/campaigns/{}/roster", api::segment(&campaign_id));
    let review = LocalResource::new(move || {
        let url = review_url.clone();
        async move { api::get::<RosterReview>(&url).await }
    });
    let base = format!("/api/expert/campaigns/{}", api::segment(&campaign_id));
    let approve = Action::new_local({
        let url = format!("{base}/roster/approve");
        move |_: &()| {
            let url = url.clone();
            async move { api::call::<RosterReview>("POST", &url, Some(&serde_json::json!({}))).await }
        }
    });
    let reject = Action::new_local({
        let url = format!("{base}/roster/reject");
        move |reason: &String| {
            let url = url.clone();
            let body = Rejection { reason: reason.clone() };
            async move { api::call_form::<RosterReview>("POST", &url, &body).await }
        }
    });
    let remind = Action::new_local({
        let url = format!("{base}/roster/remind");
        move |_: &()| {
            let url = url.clone();
            async move { api::call::<Reminded>("POST", &url, Some(&serde_json::json!({}))).await }
        }
    });
    let make_letters = Action::new_local({
        let url = format!("{base}/letters");
        move |request: &LetterRequest| {
            let url = url.clone();
            let request = request.clone();
            async move { api::call::<Letters>("POST", &url, Some(&request)).await }
        }
    });
    // Each action's own outcome reads the roster again (one effect each, so that one action's
    // answer does not replay another's).
    Effect::new(move |_| {
        if matches!(approve.value().get(), Some(Ok(_)) | Some(Err(ApiError::Refused { status: 409, .. }))) {
            review.refetch();
        }
    });
    Effect::new(move |_| {
        if matches!(reject.value().get(), Some(Ok(_))) {
            review.refetch();
        }
    });
    Effect::new(move |_| {
        if matches!(remind.value().get(), Some(Ok(_))) {
            review.refetch();
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(made)) = make_letters.value().get() {
            letters.set(Some(made));
        }
    });
    let reason = RwSignal::new(String::new());
    let reason_problem = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Err((_, fields))) = reject.value().get() {
            if fields.iter().any(|field| field.field == "reason") {
                reason_problem.set(true);
                focus_later("roster-reason".into());
            }
        }
    });
    let letter_department = RwSignal::new(String::new());
    let letter_count = RwSignal::new("1".to_owned());
    let count_problem = RwSignal::new(false);
    view! {
        <section aria-labelledby="review-roster-title" class="card roster">
            <h2 id="review-roster-title">{tr("Lijst met e-mailadressen controleren", "Check the list of e-mail addresses")}</h2>
            {move || match review.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <Problem error/> }.into_any(),
                Some(Ok(found)) => {
                    let k = found.min_group_size;
                    let invited = found.invited;
                    let submitted = found.state == RosterState::Submitted;
                    let approved = found.state == RosterState::Approved;
                    let open = found.open;
                    let names: Vec<String> = found.departments.iter().map(|department| department.count.name.clone()).collect();
                    if letter_department.get_untracked().is_empty() {
                        if let Some(first) = names.first() {
                            letter_department.set(first.clone());
                        }
                    }
                    let state = found.clone();
                    let reminded_on = found.reminded_on.clone();
                    let any_below = found.departments.iter().any(|department| department.below_minimum);
                    view! {
                        <p>{move || review_state_words(lang.get(), &state)}</p>
                        {(found.state != RosterState::NotGiven && found.state != RosterState::Rejected).then(|| view! {
                            <p class="hint">{tr(
                                "Je ziet geen adressen, alleen aantallen en domeinen. Kloppen de aantallen met wat je van de organisatie weet? Adressen op een ander domein dan dat van de organisatie kunnen van mensen zonder werkadres zijn, maar ook adressen die de werkgever zelf in handen heeft om een afdeling op te vullen.",
                                "You see no addresses, only numbers and domains. Do the numbers match what you know of the organisation? Addresses on a domain other than the organisation's can belong to people without a work address, but also be addresses the employer holds to pad a department.",
                            )}</p>
                            <div class="table-scroll">
                                <table class="data roster-review">
                                    <caption>{move || match lang.get() {
                                        Lang::Nl => format!("Per afdeling ({invited} mensen samen; minimale groepsgrootte {k})"),
                                        Lang::En => format!("Per department ({invited} people in all; minimum group size {k})"),
                                    }}</caption>
                                    <thead><tr>
                                        <th scope="col">{tr("Afdeling", "Department")}</th>
                                        <th scope="col">{tr("Mensen", "People")}</th>
                                        <th scope="col">{tr("Domeinen van de adressen", "Domains of the addresses")}</th>
                                    </tr></thead>
                                    <tbody>{found.departments.clone().into_iter().map(|department| {
                                        let below = department.below_minimum;
                                        let domains = department.domains.iter().map(|domain| format!("{}: {}", domain.domain, domain.addresses)).collect::<Vec<_>>().join(", ");
                                        view! {
                                            <tr class:attention=below>
                                                <th scope="row">{department.count.name.clone()}
                                                    {below.then(|| view! { <br/><strong class="below-minimum">{move || match lang.get() {
                                                        Lang::Nl => format!("◆ Minder dan {k} mensen"),
                                                        Lang::En => format!("◆ Fewer than {k} people"),
                                                    }}</strong> })}
                                                </th>
                                                <td>{move || count_words(lang.get(), department.count.by_mail, department.count.by_letter)}</td>
                                                <td>{if domains.is_empty() { "–".to_owned() } else { domains }}</td>
                                            </tr>
                                        }
                                    }).collect_view()}</tbody>
                                </table>
                            </div>
                            {any_below.then(|| view! { <p class="notice">{move || match lang.get() {
                                Lang::Nl => format!("Een afdeling met minder dan {k} mensen krijgt nooit eigen cijfers: de werkgever ziet haar alleen in het totaal. Je kunt de lijst toch goedkeuren, of afkeuren en de werkgever vragen afdelingen samen te voegen."),
                                Lang::En => format!("A department with fewer than {k} people never gets figures of its own: the employer sees it only in the total. You can approve the list anyway, or refuse it and ask the employer to merge departments."),
                            }}</p> })}
                        })}
                        {submitted.then(|| view! {
                            <div class="roster-decision">
                                <p>
                                    <button type="button" class="button" disabled=move || approve.pending().get() on:click=move |_| {
                                        let question = match lang.get_untracked() {
                                            Lang::Nl => format!("De uitnodigingen nu versturen naar {invited} mensen? Dat kan niet worden teruggedraaid."),
                                            Lang::En => format!("Send the invitations to {invited} people now? This cannot be undone."),
                                        };
                                        if window().confirm_with_message(&question).unwrap_or(false) {
                                            approve.dispatch(());
                                        }
                                    }>{tr("Goedkeuren en uitnodigingen versturen", "Approve and send the invitations")}</button>
                                </p>
                                <ProblemOf outcome=approve.value()/>
                                <form class="inline-form reject-form" on:submit=move |event| {
                                    event.prevent_default();
                                    let text = reason.get_untracked();
                                    if text.trim().is_empty() || text.chars().count() > 500 {
                                        reason_problem.set(true);
                                        focus_later("roster-reason".into());
                                    } else {
                                        reason_problem.set(false);
                                        reject.dispatch(text.trim().to_owned());
                                    }
                                }>
                                    <label for="roster-reason">{tr("Afkeuren: de reden (de werkgever leest dit)", "Refuse: the reason (the employer reads this)")}</label>
                                    <textarea id="roster-reason" rows="3" maxlength="500" aria-invalid=move || reason_problem.get().to_string()
                                        aria-describedby=move || reason_problem.get().then_some("roster-reason-error")
                                        prop:value=reason on:input=move |event| reason.set(event_target_value(&event))></textarea>
                                    {move || reason_problem.get().then(|| view! {
                                        <p class="error field-error" id="roster-reason-error">{move || words::error(lang.get(), &ApiError::Refused { status: 422, code: "invalid_reason".into(), message: String::new() })}</p>
                                    })}
                                    <button type="submit" class="button button-secondary" disabled=move || reject.pending().get()>{tr("Lijst afkeuren", "Refuse the list")}</button>
                                </form>
                                {move || match reject.value().get() {
                                    Some(Err((error, fields))) if fields.is_empty() => Some(view! { <Problem error/> }),
                                    _ => None,
                                }}
                            </div>
                        })}
                        {(approved && open).then(|| view! {
                            <section aria-labelledby="remind-title" class="roster-part">
                                <h3 id="remind-title">{tr("Herinnering sturen", "Send a reminder")}</h3>
                                <p>{tr(
                                    "De herinnering gaat naar iedereen die een uitnodiging per e-mail kreeg, ook naar wie al meedeed. Zo kan niemand zien wie wel of niet meedeed, ook de mailserver van de werkgever niet. Dit kan één keer per dag.",
                                    "The reminder goes to everyone who got an invitation by e-mail, also to those who already took part. So nobody can see who took part or not, not even the employer's mail server. This is possible once a day.",
                                )}</p>
                                {reminded_on.clone().map(|day| view! { <p class="meta">{move || match lang.get() {
                                    Lang::Nl => format!("Laatste herinnering: {}.", words::iso_day(Lang::Nl, &day)),
                                    Lang::En => format!("Last reminder: {}.", words::iso_day(Lang::En, &day)),
                                }}</p> })}
                                <button type="button" class="button button-secondary" disabled=move || remind.pending().get() on:click=move |_| {
                                    let question = match lang.get_untracked() {
                                        Lang::Nl => "Een herinnering sturen aan iedereen die is uitgenodigd?",
                                        Lang::En => "Send a reminder to everyone invited?",
                                    };
                                    if window().confirm_with_message(question).unwrap_or(false) {
                                        remind.dispatch(());
                                    }
                                }>{tr("Herinnering sturen", "Send a reminder")}</button>
                                {move || match remind.value().get() {
                                    Some(Ok(reminded)) => Some(view! { <p class="saved" role="status">{move || match lang.get() {
                                        Lang::Nl => format!("Herinnering gestuurd aan {} mensen.", reminded.sent),
                                        Lang::En => format!("Reminder sent to {} people.", reminded.sent),
                                    }}</p> }.into_any()),
                                    Some(Err(error)) => Some(view! { <Problem error/> }.into_any()),
                                    None => None,
                                }}
                            </section>
                            <section aria-labelledby="letters-title" class="roster-part">
                                <h3 id="letters-title">{tr("Brieven voor mensen zonder e-mail", "Letters for people without e-mail")}</h3>
                                <p>{tr(
                                    "Elke brief heeft een eigen link en QR-code en telt mee bij het aantal mensen van de afdeling. De links zie je maar één keer: druk de brieven meteen af of bewaar ze als PDF.",
                                    "Each letter has a link and QR code of its own and counts towards the department's number of people. You see the links only once: print the letters at once or save them as PDF.",
                                )}</p>
                                <form class="inline-form letters-form" on:submit=move |event| {
                                    event.prevent_default();
                                    match letter_count.get_untracked().trim().parse::<i64>() {
                                        Ok(count) if (1..=500).contains(&count) => {
                                            count_problem.set(false);
                                            make_letters.dispatch(LetterRequest { department: letter_department.get_untracked(), count });
                                        }
                                        _ => {
                                            count_problem.set(true);
                                            focus_later("letter-count".into());
                                        }
                                    }
                                }>
                                    <div class="field">
                                        <label for="letter-department">{tr("Afdeling", "Department")}</label>
                                        <select id="letter-department" on:change=move |event| letter_department.set(event_target_value(&event))>
                                            {names.clone().into_iter().map(|name| {
                                                let chosen = name.clone();
                                                view! { <option value=name.clone() selected=move || letter_department.get() == chosen>{name.clone()}</option> }
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="letter-count">{tr("Aantal brieven (1 tot 500)", "Number of letters (1 to 500)")}</label>
                                        <input id="letter-count" type="number" min="1" max="500" inputmode="numeric"
                                            aria-invalid=move || count_problem.get().to_string()
                                            aria-describedby=move || count_problem.get().then_some("letter-count-error")
                                            prop:value=letter_count on:input=move |event| letter_count.set(event_target_value(&event))/>
                                        {move || count_problem.get().then(|| view! {
                                            <p class="error field-error" id="letter-count-error">{move || words::error(lang.get(), &ApiError::Refused { status: 422, code: "invalid_count".into(), message: String::new() })}</p>
                                        })}
                                    </div>
                                    <button type="submit" class="button button-secondary" disabled=move || make_letters.pending().get()>{tr("Brieven maken", "Make letters")}</button>
                                </form>
                                <ProblemOf outcome=make_letters.value()/>
                            </section>
                        })}
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// Letters just made, one per printed page: campaign, organisation, a short text, the QR code
/// and the link. Shown once: the server keeps only the links' hashes.
#[component]
pub fn LettersView(letters: Letters, done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let count = letters.letters.len();
    let department = letters.letters.first().map(|letter| letter.department.clone()).unwrap_or_default();
    let ends_on = letters.ends_on.clone();
    let organisation = letters.organisation.clone();
    let campaign = letters.campaign.clone();
    let k = letters.min_group_size;
    view! {
        <section class="letters" aria-labelledby="letters-made-title">
            <div class="no-print">
                <h2 id="letters-made-title">{tr("Brieven om af te drukken", "Letters to print")}</h2>
                <p role="status">{move || match lang.get() {
                    Lang::Nl => format!("{count} brieven gemaakt voor {department}. De links staan alleen hier. Druk ze nu af of bewaar ze als PDF: daarna zijn ze niet meer te zien."),
                    Lang::En => format!("{count} letters made for {department}. The links are only here. Print them now or save them as PDF: afterwards they cannot be seen again."),
                }}</p>
                <p class="actions-inline">
                    <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>{tr("Afdrukken of als PDF bewaren", "Print or save as PDF")}</button>" "
                    <button type="button" class="button button-secondary" on:click=move |_| {
                        let question = match lang.get_untracked() {
                            Lang::Nl => "Heb je de brieven afgedrukt of bewaard? Daarna zijn de links niet meer te zien.",
                            Lang::En => "Have you printed or saved the letters? Afterwards the links cannot be seen again.",
                        };
                        if window().confirm_with_message(question).unwrap_or(false) {
                            done();
                        }
                    }>{tr("Klaar, terug naar de campagne", "Done, back to the campaign")}</button>
                </p>
            </div>
            {letters.letters.into_iter().enumerate().map(|(index, letter)| {
                let ends_on = ends_on.clone();
                let organisation = organisation.clone();
                let campaign = campaign.clone();
                let paragraphs = move || {
                    let lang = lang.get();
                    letter_text(lang, &organisation, &words::iso_day(lang, &ends_on), k)
                };
                view! {
                    <article class="letter" aria-label=move || match lang.get() { Lang::Nl => format!("Brief {}", index + 1), Lang::En => format!("Letter {}", index + 1) }>
                        <p class="letter-campaign">{campaign.clone()}" · "{letter.department.clone()}</p>
                        <h3>{tr("Je persoonlijke uitnodiging voor de Werkscan", "Your personal invitation to the Work Scan")}</h3>
                        {move || paragraphs().into_iter().map(|text| view! { <p>{text}</p> }).collect_view()}
                        // The SVG is our server's own output (a QR code with a title), not text
                        // anyone typed.
                        <div class="letter-qr" inner_html=letter.qr_svg.clone()></div>
                        <p class="letter-link">{letter.link.clone()}</p>
                    </article>
                }
            }).collect_view()}
        </section>
    }
}
