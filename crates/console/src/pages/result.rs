//! `/resultaten/{id}`: one shared result, with only what the person chose to share: their
//! report as the core builds it for the phone, their answers and contact details where given,
//! the consent they agreed to; and the expert's work with the person: status (with to whom they
//! were referred, or how it ended), private notes and agreed action points. Where the result
//! says the person was off work for long or cannot work (fully), a reminder of sick-leave
//! guidance and the bedrijfsarts. Opening it is audited by the server.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use werkscan_api::accounts::Role;
use werkscan_api::expert::{
    ActionPoint, NewAction, NewNote, NewStatus, Note, Outcome, Owner, Referral, StatusChange, SubmissionDetail,
    SubmissionStatus,
};
use werkscan_core::report::{build, format_number, Audience, Line};
use werkscan_core::{Definition, Lang, Text};
use werkscan_kit::i18n::use_lang;
use werkscan_kit::signal::{signal_class, signal_icon};

use crate::api;
use crate::components::{loaded, short_id, tr, Guard, Page, ProblemOf};
use crate::href;
use crate::shared_answers::{answered_sections, AnswerWords};
use crate::words;

/// `/resultaten/{id}`.
#[component]
pub fn SharedResult() -> impl IntoView {
    view! { <Guard roles=&[Role::Expert]><ResultScreen/></Guard> }
}

fn text_in(text: &Text, lang: Lang) -> String {
    text.get(lang).to_owned()
}

#[component]
fn ResultScreen() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let detail = LocalResource::new(move || {
        let url = format!("/api/expert/submissions/{}", api::segment(&id.get()));
        async move { api::get::<SubmissionDetail>(&url).await }
    });
    let title = tr("Gedeelde uitkomst", "Shared result");
    view! {
        <Page title>
            <p><A href=href("/resultaten")>{tr("← Terug naar de uitkomsten", "← Back to the results")}</A></p>
            {move || loaded(detail.get(), |detail| view! { <Detail detail/> }.into_any())}
        </Page>
    }
}

#[component]
fn Detail(detail: SubmissionDetail) -> impl IntoView {
    let lang = use_lang();
    let id = StoredValue::new(detail.id.clone());
    let shared = detail.shared;
    let person = detail.contact.as_ref().map(|contact| contact.name.clone());
    let submitted = detail.submitted_at.clone();
    let expires = detail.expires_at.clone();
    let consent_version = detail.consent_version.clone();
    let consent_lang = detail.lang;
    // The definition the result was scored with, exactly (an older version stays readable).
    let definition = detail.result.as_ref().map(|result| {
        let url = format!("/api/questionnaires/{}/{}", api::segment(&result.definition), api::segment(&result.version));
        LocalResource::new(move || {
            let url = url.clone();
            async move { api::get::<Definition>(&url).await }
        })
    });
    let result = detail.result.clone();
    let answers = detail.answers.clone();
    let yes_no = move |on: bool| if on { tr("ja", "yes")() } else { tr("nee", "no")() };
    view! {
        <h2 class="person">{person.clone().unwrap_or_else(|| tr("Zonder naam", "No name given")().to_owned())}</h2>
        <dl class="facts">
            <dt>{tr("Campagne", "Campaign")}</dt><dd>{detail.campaign_name.clone()}</dd>
            <dt>{tr("Afdeling", "Department")}</dt><dd>{detail.department.clone().unwrap_or_else(|| "–".into())}</dd>
            <dt>{tr("Gedeeld op", "Shared on")}</dt><dd>{move || words::moment(lang.get(), &submitted)}</dd>
            <dt>{tr("Wordt verwijderd uiterlijk op", "Deleted at the latest on")}</dt><dd>{move || words::moment_day(lang.get(), &expires)}</dd>
            <dt>{tr("Toestemming", "Consent")}</dt>
            <dd>
                {move || match (lang.get(), consent_lang) {
                    (Lang::Nl, Lang::Nl) => "Tekst in het Nederlands".to_owned(),
                    (Lang::Nl, Lang::En) => "Tekst in het Engels".to_owned(),
                    (Lang::En, Lang::Nl) => "Text in Dutch".to_owned(),
                    (Lang::En, Lang::En) => "Text in English".to_owned(),
                }}
                ", " {tr("versie", "version")} " " <code title=consent_version.clone()>{short_id(&consent_version).to_owned()}</code>
            </dd>
        </dl>
        <section aria-labelledby="shared-title">
            <h2 id="shared-title">{tr("Wat deze persoon deelde", "What this person shared")}</h2>
            <ul class="shared-list">
                <li>{tr("Uitkomst (scores en signalen): ", "Result (scores and signals): ")}{move || yes_no(shared.share_scores)}</li>
                <li>{tr("Antwoorden: ", "Answers: ")}{move || yes_no(shared.share_answers)}</li>
                <li>{tr("Wil contact: ", "Wants contact: ")}{move || yes_no(shared.contact_me)}</li>
                <li>{tr("Telt mee in groepscijfers: ", "Counts in group figures: ")}{move || yes_no(shared.group_figures)}</li>
            </ul>
        </section>
        {detail.contact.clone().map(|contact| view! {
            <section aria-labelledby="contact-title" class="card">
                <h2 id="contact-title">{tr("Contact", "Contact")}</h2>
                <dl class="facts">
                    <dt>{tr("Naam", "Name")}</dt><dd>{contact.name.clone()}</dd>
                    {contact.email.clone().map(|email| view! { <dt>{tr("E-mail", "E-mail")}</dt><dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd> })}
                    {contact.phone.clone().map(|phone| view! { <dt>{tr("Telefoon", "Phone")}</dt><dd><a href=format!("tel:{phone}")>{phone.clone()}</a></dd> })}
                    {contact.note.clone().map(|note| view! { <dt>{tr("Toelichting", "Note")}</dt><dd class="free-text">{note}</dd> })}
                </dl>
            </section>
        })}
        {detail.sick_leave_reminder.then(|| view! { <SickLeaveReminder/> })}
        {(!detail.appointments.is_empty()).then(|| {
            let appointments = detail.appointments.clone();
            view! {
                <section aria-labelledby="appointments-title" class="card">
                    <h2 id="appointments-title">{tr("Gesprek", "Conversation")}</h2>
                    <ul class="linked-appointments">
                        {appointments.into_iter().map(|appointment| {
                            let history = appointment.clone();
                            view! {
                                <li>
                                    <strong>{move || words::moment(lang.get(), &appointment.start)}</strong>
                                    " — "{appointment.expert.clone()}
                                    <ul class="appointment-history">
                                        {move || words::appointment_history(lang.get(), &history).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                                    </ul>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}
        <StatusPanel id=id.get_value() status=detail.status history=detail.status_history.clone()/>
        {definition.map(|definition| view! {
            <section aria-labelledby="report-title">
                <h2 id="report-title">{tr("Uitkomst", "Result")}</h2>
                <p class="hint">{tr(
                    "De scores en signalen zoals de persoon ze op de telefoon zag, in dezelfde volgorde, plus de scores die alleen jij ziet omdat ze uitleg van een professional nodig hebben (zie de toelichting).",
                    "The scores and signals as the person saw them on the phone, in the same order, plus the scores only you see because they need a professional's explanation (see the notes).",
                )}</p>
                {move || loaded(definition.get(), |definition| {
                        let result = result.clone().expect("a definition is only loaded for a result");
                        let answers = answers.clone();
                        view! {
                            <ReportLines definition=definition.clone() result/>
                            {answers.map(|answers| view! { <Answers definition answers/> })}
                        }
                        .into_any()
                    })}
            </section>
        })}
        <Notes id=id.get_value() notes=detail.notes.clone()/>
        <Actions id=id.get_value() actions=detail.actions.clone()/>
    }
}

/// A score's value as the report writes it.
fn value_words(line: &Line, lang: Lang) -> String {
    match line.value {
        None => match lang {
            Lang::Nl => "te weinig antwoorden".into(),
            Lang::En => "too few answers".into(),
        },
        Some(value) if line.out_of_100 => match lang {
            Lang::Nl => format!("{} van 100", format_number(value, lang)),
            Lang::En => format!("{} out of 100", format_number(value, lang)),
        },
        Some(value) => {
            let (low, high) = line.range;
            match lang {
                Lang::Nl => format!(
                    "{} (schaal {}–{})",
                    format_number(value, lang),
                    format_number(low, lang),
                    format_number(high, lang)
                ),
                Lang::En => format!(
                    "{} (scale {}–{})",
                    format_number(value, lang),
                    format_number(low, lang),
                    format_number(high, lang)
                ),
            }
        }
    }
}

#[component]
fn ScoreRow(line: Line) -> impl IntoView {
    let lang = use_lang();
    let signal = line.band.as_ref().map(|band| band.signal);
    let label = line.label.clone();
    let band = line.band.clone();
    let id = line.id.clone();
    view! {
        <tr class=signal_class(signal) data-score=id>
            <th scope="row">{move || text_in(&label, lang.get())}</th>
            <td>
                <span class="band-icon" aria-hidden="true">{signal_icon(signal)}</span>" "
                {move || band.as_ref().map(|band| text_in(&band.label, lang.get())).unwrap_or_else(|| "–".into())}
            </td>
            <td>{move || value_words(&line, lang.get())}</td>
        </tr>
    }
}

/// The report's scores in the order the phone shows them (headline, then attention, watch,
/// strengths, unknown and other scores), with flags and notes.
#[component]
fn ReportLines(definition: Definition, result: werkscan_core::ScanResult) -> impl IntoView {
    let lang = use_lang();
    // The expert audience: also the scores that need a professional's explanation (the short WAI's sum).
    let report = build(&definition, &result, Audience::Expert);
    let lines: Vec<Line> = report
        .headline
        .iter()
        .chain(&report.attention)
        .chain(&report.watch)
        .chain(&report.strengths)
        .chain(&report.unknown)
        .chain(&report.other)
        .cloned()
        .collect();
    let notes: Vec<(Text, Text)> =
        lines.iter().filter_map(|line| line.note.clone().map(|note| (line.label.clone(), note))).collect();
    let flags = report.flags.clone();
    view! {
        <p class="meta">{move || format!("{} {}", text_in(&definition.questionnaire.title, lang.get()), definition.questionnaire.version)}</p>
        <div class="table-scroll">
            <table class="data scores">
                <thead><tr>
                    <th scope="col">{tr("Onderdeel", "Part")}</th>
                    <th scope="col">{tr("Uitkomst", "Result")}</th>
                    <th scope="col">{tr("Score", "Score")}</th>
                </tr></thead>
                <tbody>{lines.into_iter().map(|line| view! { <ScoreRow line/> }).collect_view()}</tbody>
            </table>
        </div>
        {(!flags.is_empty()).then(|| view! {
            <h3>{tr("Signalen uit de antwoorden", "Signals from the answers")}</h3>
            <ul class="flags">{flags.into_iter().map(|flag| view! { <li class="signal-attention"><span aria-hidden="true">"◆ "</span>{move || text_in(&flag.text, lang.get())}</li> }).collect_view()}</ul>
        })}
        {(!notes.is_empty()).then(|| view! {
            <h3>{tr("Toelichting bij de scores", "Notes on the scores")}</h3>
            <dl class="score-notes">{notes.into_iter().map(|(label, note)| view! {
                <dt>{move || text_in(&label, lang.get())}</dt><dd>{move || text_in(&note, lang.get())}</dd>
            }).collect_view()}</dl>
        })}
    }
}

/// The shared answers, per theme.
#[component]
fn Answers(definition: Definition, answers: werkscan_core::Answers) -> impl IntoView {
    let lang = use_lang();
    let sections = answered_sections(&definition, &answers);
    view! {
        <h3>{tr("Antwoorden", "Answers")}</h3>
        {sections.into_iter().map(|section| view! {
            <details class="answers">
                <summary>{move || text_in(&section.title, lang.get())}" ("{section.items.len()}")"</summary>
                <dl>
                    {section.items.into_iter().map(|item| {
                        let answer = item.answer.clone();
                        view! {
                            <dt>{move || text_in(&item.question, lang.get())}</dt>
                            <dd>{move || answer_text(&answer, lang.get())}</dd>
                        }
                    }).collect_view()}
                </dl>
            </details>
        }).collect_view()}
    }
}

fn answer_text(answer: &AnswerWords, lang: Lang) -> String {
    match answer {
        AnswerWords::Declined => match lang {
            Lang::Nl => "Zeg ik liever niet".into(),
            Lang::En => "Prefer not to say".into(),
        },
        AnswerWords::Options(options) => {
            options.iter().map(|option| option.get(lang).to_owned()).collect::<Vec<_>>().join("; ")
        }
        AnswerWords::Number { value, range: Some((low, high)) } => format!("{value} ({low}–{high})"),
        AnswerWords::Number { value, range: None } => value.to_string(),
        AnswerWords::Free(text) => text.clone(),
        AnswerWords::Grid(rows) => rows
            .iter()
            .map(|(row, column)| format!("{}: {}", row.get(lang), column.get(lang)))
            .collect::<Vec<_>>()
            .join("; "),
        AnswerWords::Unreadable(raw) => raw.clone(),
    }
}

/// A calm reminder, shown when the shared result has a flag about long sick leave or not being
/// able to work (the server decides: `sick_leave_reminder`): such a person may already be in
/// sick-leave guidance, and the medical side of it is the bedrijfsarts's, with the person's
/// consent.
#[component]
fn SickLeaveReminder() -> impl IntoView {
    view! {
        <aside class="notice" aria-labelledby="sick-leave-title" data-testid="sick-leave-reminder">
            <h2 id="sick-leave-title">{tr("Let op bij verzuim", "Mind sick leave")}</h2>
            <p>{tr(
                "Uit de uitkomst blijkt dat deze persoon lang of vaak niet kon werken door de gezondheid, of nu niet (helemaal) kan werken. Misschien krijgt de persoon al verzuimbegeleiding volgens de Wet verbetering poortwachter.",
                "The result shows that this person was off work for long or often because of their health, or cannot work (fully) now. The person may already be in sick-leave guidance under the Wet verbetering poortwachter (the Dutch act on sick-leave guidance).",
            )}</p>
            <p>{tr(
                "Vragen over ziekte en verzuim gaan via de bedrijfsarts. Overleg alleen met de bedrijfsarts als de persoon daar toestemming voor geeft.",
                "Questions about illness and sick leave go through the company doctor (bedrijfsarts). Talk to the company doctor only with the person's consent.",
            )}</p>
        </aside>
    }
}

/// What the status needs besides itself: to whom (`doorverwezen`) or how it ended
/// (`afgerond`), as the server requires; the names it sends.
fn detail_keys(status: SubmissionStatus) -> Option<Vec<&'static str>> {
    match status {
        SubmissionStatus::Doorverwezen => Some(Referral::ALL.iter().map(|referral| referral.as_str()).collect()),
        SubmissionStatus::Afgerond => Some(Outcome::ALL.iter().map(|outcome| outcome.as_str()).collect()),
        _ => None,
    }
}

/// A name of [`detail_keys`] in words.
fn detail_words(lang: Lang, referral: bool, key: &str) -> &'static str {
    if referral {
        Referral::parse(key).map(|referral| words::referral(lang, referral)).unwrap_or_default()
    } else {
        Outcome::parse(key).map(|outcome| words::outcome(lang, outcome)).unwrap_or_default()
    }
}

/// Where the expert is with the person, with every change and its date.
#[component]
fn StatusPanel(id: String, status: SubmissionStatus, history: Vec<StatusChange>) -> impl IntoView {
    let lang = use_lang();
    let current = RwSignal::new(status);
    let chosen = RwSignal::new(status);
    // To whom the person was referred, or how it ended: asked for only with those statuses.
    let detail = RwSignal::new(String::new());
    let history = RwSignal::new(history);
    let save = Action::new_local(move |(status, detail): &(SubmissionStatus, String)| {
        let url = format!("/api/expert/submissions/{}/status", api::segment(&id));
        let (status, detail) = (*status, detail.clone());
        async move {
            let given = Some(detail).filter(|detail| !detail.is_empty());
            let body = NewStatus {
                status: status.as_str().to_owned(),
                referred_to: given.clone().filter(|_| status == SubmissionStatus::Doorverwezen),
                outcome: given.filter(|_| status == SubmissionStatus::Afgerond),
            };
            api::call::<StatusChange>("PUT", &url, Some(&body)).await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(change)) = save.value().get() {
            current.set(change.status);
            history.update(|list| list.push(change));
        }
    });
    view! {
        <section aria-labelledby="status-title" class="card">
            <h2 id="status-title">{tr("Status", "Status")}</h2>
            <form class="inline-form" on:submit=move |event| { event.prevent_default(); save.dispatch((chosen.get_untracked(), detail.get_untracked())); }>
                <label for="status">{tr("Waar sta je met deze persoon?", "Where are you with this person?")}</label>
                <select id="status" on:change=move |event| { if let Some(status) = SubmissionStatus::parse(&event_target_value(&event)) { chosen.set(status); } detail.set(String::new()); }>
                    {SubmissionStatus::ALL.iter().map(|status| {
                        let status = *status;
                        view! { <option value=status.as_str() selected=move || chosen.get() == status>{move || words::status(lang.get(), status)}</option> }
                    }).collect_view()}
                </select>
                {move || {
                    let status = chosen.get();
                    detail_keys(status).map(|keys| {
                        let referral = status == SubmissionStatus::Doorverwezen;
                        let label = if referral { tr("Naar wie?", "To whom?") } else { tr("Hoe is het afgerond?", "How did it end?") };
                        view! {
                            <label for="status-detail">{label}</label>
                            <select id="status-detail" required on:change=move |event| detail.set(event_target_value(&event))>
                                <option value="" selected=move || detail.get().is_empty()>{tr("Kies…", "Choose…")}</option>
                                {keys.into_iter().map(|key| view! {
                                    <option value=key selected=move || detail.get() == key>
                                        {move || detail_words(lang.get(), referral, key)}
                                    </option>
                                }).collect_view()}
                            </select>
                        }
                    })
                }}
                <button type="submit" class="button button-secondary"
                    disabled=move || save.pending().get() || (chosen.get() == current.get() && detail_keys(chosen.get()).is_none())>
                    {tr("Opslaan", "Save")}
                </button>
            </form>
            <ProblemOf outcome=save.value()/>
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="saved" role="status">{tr("Status opgeslagen.", "Status saved.")}</p> })}
            <h3>{tr("Eerdere wijzigingen", "Earlier changes")}</h3>
            {move || {
                let list = history.get();
                if list.is_empty() {
                    view! { <p>{tr("Nog geen; de status is Nieuw.", "None yet; the status is New.")}</p> }.into_any()
                } else {
                    view! {
                        <ol class="history">{list.into_iter().map(|change| view! {
                            <li>{move || format!("{}: {} ({})", words::moment(lang.get(), &change.at), words::status_change(lang.get(), &change), change.by)}</li>
                        }).collect_view()}</ol>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Private notes: seen only by the experts of this campaign; audited.
#[component]
fn Notes(id: String, notes: Vec<Note>) -> impl IntoView {
    let lang = use_lang();
    let notes = RwSignal::new(notes);
    let draft = RwSignal::new(String::new());
    let add = Action::new_local(move |body: &String| {
        let url = format!("/api/expert/submissions/{}/notes", api::segment(&id));
        let body = body.clone();
        async move { api::call::<Note>("POST", &url, Some(&NewNote { body })).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(note)) = add.value().get() {
            notes.update(|list| list.push(note));
            draft.set(String::new());
        }
    });
    view! {
        <section aria-labelledby="notes-title" class="card">
            <h2 id="notes-title">{tr("Notities", "Notes")}</h2>
            <p class="hint" id="note-hint">{tr(
                "Alleen jij en de andere arbeidsdeskundigen van deze campagne zien notities. De werkgever ziet ze niet.",
                "Only you and the campaign's other labour experts see notes. The employer does not.",
            )}</p>
            <p class="hint" id="note-what">{tr(
                "Schrijf hier alleen feiten en afspraken. Geen diagnoses of medische details: die horen bij de bedrijfsarts. De persoon kan vragen om de notities te lezen.",
                "Write only facts and agreements here. No diagnoses or medical details: those belong with the company doctor (bedrijfsarts). The person can ask to read the notes.",
            )}</p>
            {move || notes.get().into_iter().map(|note| view! {
                <article class="note">
                    <p class="meta">{move || format!("{} · {}", note.author, words::moment(lang.get(), &note.at))}</p>
                    <p class="free-text">{note.body.clone()}</p>
                </article>
            }).collect_view()}
            <form class="console-form" on:submit=move |event| { event.prevent_default(); add.dispatch(draft.get_untracked()); }>
                <label for="note">{tr("Nieuwe notitie", "New note")}</label>
                <textarea id="note" rows="3" maxlength="5000" required aria-describedby="note-hint note-what" prop:value=draft on:input=move |event| draft.set(event_target_value(&event))></textarea>
                <ProblemOf outcome=add.value()/>
                <button type="submit" class="button button-secondary" disabled=move || add.pending().get()>{tr("Notitie opslaan", "Save note")}</button>
            </form>
        </section>
    }
}

/// Agreed action points, each with an owner and a date.
#[component]
fn Actions(id: String, actions: Vec<ActionPoint>) -> impl IntoView {
    let lang = use_lang();
    let actions = RwSignal::new(actions);
    let id = StoredValue::new(id);
    let owner = RwSignal::new("employee".to_owned());
    let description = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    // Asked for only when the employer is to do it: the expert passes such a point on outside
    // Werkscan, and only once the person agreed.
    let agreed = RwSignal::new(false);
    let add = Action::new_local(move |(owner, description, due, agreed): &(String, String, String, bool)| {
        let url = format!("/api/expert/submissions/{}/actions", api::segment(&id.get_value()));
        let (owner, description) = (owner.clone(), description.clone());
        let due_on = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").ok();
        let agreed_with_person = *agreed && owner == "employer";
        async move {
            api::call::<ActionPoint>("POST", &url, Some(&NewAction { owner, description, due_on, agreed_with_person }))
                .await
        }
    });
    let done = Action::new_local(move |action: &String| {
        let url =
            format!("/api/expert/submissions/{}/actions/{}/done", api::segment(&id.get_value()), api::segment(action));
        async move { api::call::<ActionPoint>("POST", &url, Some(&serde_json::json!({}))).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(action)) = add.value().get() {
            actions.update(|list| list.push(action));
            description.set(String::new());
            due.set(String::new());
            agreed.set(false);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(updated)) = done.value().get() {
            actions.update(|list| {
                if let Some(action) = list.iter_mut().find(|action| action.id == updated.id) {
                    *action = updated;
                }
            });
        }
    });
    view! {
        <section aria-labelledby="actions-title" class="card">
            <h2 id="actions-title">{tr("Afgesproken acties", "Agreed actions")}</h2>
            <p class="hint" id="actions-hint">{tr(
                "De werkgever ziet deze acties niet in Werkscan. Moet de werkgever iets doen? Spreek dat eerst met de persoon af, en geef het dan zelf door.",
                "The employer does not see these actions in Werkscan. Is the employer to do something? Agree it with the person first, then pass it on yourself.",
            )}</p>
            {move || {
                let list = actions.get();
                if list.is_empty() {
                    return view! { <p>{tr("Nog geen acties afgesproken.", "No actions agreed yet.")}</p> }.into_any();
                }
                view! {
                    <ul class="actions-list">{list.into_iter().map(|action| {
                        let action_id = action.id.clone();
                        let owner = action.owner;
                        let due_on = action.due_on.clone();
                        let done_at = action.done_at.clone();
                        view! {
                            <li class=if action.done_at.is_some() { "action done" } else { "action" }>
                                <p><strong>{move || words::owner(lang.get(), owner)}</strong>": "{action.description.clone()}</p>
                                {action.agreed_with_person.then(|| view! { <p class="meta">{tr("Afgesproken met de persoon", "Agreed with the person")}</p> })}
                                <p class="meta">
                                    {move || due_on.as_deref().map(|day| format!("{} {}", tr("Uiterlijk", "By")(), words::iso_day(lang.get(), day))).unwrap_or_default()}
                                    {move || done_at.as_deref().map(|at| format!(" · {} {}", tr("Gedaan op", "Done on")(), words::moment(lang.get(), at)))}
                                </p>
                                {action.done_at.is_none().then(|| view! {
                                    <button type="button" class="button button-secondary button-small" on:click=move |_| { done.dispatch(action_id.clone()); }>
                                        {tr("Markeer als gedaan", "Mark as done")}
                                    </button>
                                })}
                            </li>
                        }
                    }).collect_view()}</ul>
                }
                .into_any()
            }}
            <ProblemOf outcome=done.value()/>
            <form class="console-form" on:submit=move |event| {
                event.prevent_default();
                add.dispatch((owner.get_untracked(), description.get_untracked(), due.get_untracked(), agreed.get_untracked()));
            }>
                <fieldset>
                    <legend>{tr("Nieuwe actie", "New action")}</legend>
                    <label for="action-owner">{tr("Wie doet het?", "Who does it?")}</label>
                    <select id="action-owner" aria-describedby="actions-hint" on:change=move |event| owner.set(event_target_value(&event))>
                        {Owner::ALL.iter().map(|choice| {
                            let (choice, key) = (*choice, choice.as_str());
                            view! { <option value=key selected=move || owner.get() == key>{move || words::owner(lang.get(), choice)}</option> }
                        }).collect_view()}
                    </select>
                    {move || (owner.get() == "employer").then(|| view! {
                        <p class="choice-inline">
                            <input id="action-agreed" type="checkbox" required prop:checked=agreed on:change=move |event| agreed.set(event_target_checked(&event))/>
                            <label for="action-agreed">{tr("Ik heb dit met de persoon afgesproken", "I agreed this with the person")}</label>
                        </p>
                    })}
                    <label for="action-text">{tr("Wat is afgesproken?", "What was agreed?")}</label>
                    <textarea id="action-text" rows="2" maxlength="1000" required prop:value=description on:input=move |event| description.set(event_target_value(&event))></textarea>
                    <label for="action-due">{tr("Uiterlijk op (niet verplicht)", "By (optional)")}</label>
                    <input id="action-due" type="date" prop:value=due on:input=move |event| due.set(event_target_value(&event))/>
                </fieldset>
                <ProblemOf outcome=add.value()/>
                <button type="submit" class="button button-secondary" disabled=move || add.pending().get()>{tr("Actie toevoegen", "Add action")}</button>
            </form>
        </section>
    }
}
