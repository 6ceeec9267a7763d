//! The action plan of a campaign (issue 21): per theme what the organisation will do, who takes
//! it on, by when, and whether it is done. The employer adds, changes, marks done and removes
//! actions, and carries an unfinished action of the previous campaign into this plan; the
//! campaign's arbeidsdeskundige reads the same plan without buttons. The rules (grouping,
//! numbering as the CSV does, checks before sending, which field a refusal is about) are in
//! [`crate::figures`]; this module only wires them to the page.

use leptos::prelude::*;
use werkscan_api::figures::{Measure, MeasureKind};
use werkscan_api::plan::{PlanAction, PreviousActions};
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use crate::api::{self, ApiError};
use crate::components::{tr, Problem, ProblemOf};
use crate::figures::{carryable, overdue, plan_by_theme, refused_field, toggled, ActionForm, ACTION_MAX, OWNER_MAX};
use crate::words;

/// Whether the form adds an action or changes one.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// A new action.
    Add,
    /// The action with this id.
    Edit(String),
}

/// The form of the plan, shared with "waar beginnen" (its button picks the theme).
#[derive(Clone, Copy)]
pub struct PlanForm {
    /// What is typed.
    pub form: RwSignal<ActionForm>,
    /// Adding or changing.
    pub mode: RwSignal<Mode>,
}

impl PlanForm {
    /// An empty form that adds.
    pub fn new() -> PlanForm {
        PlanForm { form: RwSignal::new(ActionForm::default()), mode: RwSignal::new(Mode::Add) }
    }

    /// Starts a new action with `form` and puts the keyboard on its first field.
    pub fn start(&self, form: ActionForm) {
        self.mode.set(Mode::Add);
        self.form.set(form);
        focus_later(if self.form.with_untracked(|form| form.score.is_empty()) { "plan-score" } else { "plan-action" });
    }
}

/// Puts the keyboard focus on the element with this id once the screen has drawn it, and
/// scrolls it into view.
fn focus_later(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(id) {
            use wasm_bindgen::JsCast;
            element.scroll_into_view();
            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

fn input_id(field: &str) -> &'static str {
    match field {
        "score" => "plan-score",
        "action" => "plan-action",
        "owner" => "plan-owner",
        _ => "plan-due-on",
    }
}

/// Replaces the action with the same id, or adds it at the end.
fn upsert(actions: &mut Vec<PlanAction>, action: PlanAction) {
    match actions.iter_mut().find(|known| known.id == action.id) {
        Some(known) => *known = action,
        None => actions.push(action),
    }
}

fn theme_label(measures: &[Measure], score: &str, lang: Lang) -> String {
    measures
        .iter()
        .find(|measure| measure.score == score)
        .map(|measure| measure.label.get(lang).to_owned())
        .unwrap_or_else(|| score.to_owned())
}

fn status_words(lang: Lang, done: bool) -> &'static str {
    match (done, lang) {
        (true, Lang::Nl) => "✓ Klaar",
        (true, Lang::En) => "✓ Done",
        (false, Lang::Nl) => "○ Open",
        (false, Lang::En) => "○ Open",
    }
}

/// The action plan: the table per theme, and for the employer the buttons, the form and the
/// previous campaign's open actions to carry over.
#[component]
pub fn ActionPlan(
    /// The campaign (for the routes).
    campaign: String,
    /// The campaign's first day: an action is due from then on.
    starts_on: chrono::NaiveDate,
    /// The release's measures (labels and the themes an action may be about).
    measures: Vec<Measure>,
    /// The plan's actions, as the server lists them.
    actions: RwSignal<Vec<PlanAction>>,
    /// The previous campaign's plan.
    previous: Option<PreviousActions>,
    /// The employer may change it; the expert reads it.
    editable: bool,
    /// The form (shared with "waar beginnen").
    plan: PlanForm,
) -> impl IntoView {
    let lang = use_lang();
    let today = chrono::Local::now().date_naive();
    let base = format!("/api/campaigns/{}/actions", api::segment(&campaign));
    let themes: Vec<Measure> = measures.iter().filter(|measure| measure.kind == MeasureKind::Theme).cloned().collect();
    let theme_ids: Vec<String> = themes.iter().map(|measure| measure.score.clone()).collect();
    let said = RwSignal::new(None::<(&'static str, &'static str)>);

    let toggle_url = base.clone();
    let toggle = Action::new_local(move |action: &PlanAction| {
        let url = format!("{toggle_url}/{}", api::segment(&action.id));
        let body = toggled(action);
        async move { api::call::<PlanAction>("PUT", &url, Some(&body)).await }
    });
    let remove_url = base.clone();
    let remove = Action::new_local(move |id: &String| {
        let (url, id) = (format!("{remove_url}/{}", api::segment(id)), id.clone());
        async move { api::call::<serde_json::Value>("DELETE", &url, None::<&()>).await.map(|_| id) }
    });
    Effect::new(move |_| {
        if let Some(Ok(action)) = toggle.value().get() {
            let done = action.done;
            actions.update(|list| upsert(list, action));
            said.set(Some(if done {
                ("Actie staat op klaar.", "Action marked done.")
            } else {
                ("Actie staat weer open.", "Action is open again.")
            }));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(id)) = remove.value().get() {
            actions.update(|list| list.retain(|action| action.id != id));
            if plan.mode.get_untracked() == Mode::Edit(id) {
                plan.mode.set(Mode::Add);
                plan.form.set(ActionForm::default());
            }
            said.set(Some(("Actie verwijderd.", "Action removed.")));
        }
    });

    let table_measures = measures.clone();
    let table = move || {
        let grouped = plan_by_theme(&table_measures, &actions.get());
        if grouped.is_empty() {
            return view! { <p class="meta">{tr("Er staan nog geen acties in het actieplan.", "There are no actions in the action plan yet.")}</p> }.into_any();
        }
        let measures = table_measures.clone();
        view! {
            <table class="data stack plan-table">
                <caption class="visually-hidden">{tr("Acties per thema", "Actions per theme")}</caption>
                <thead><tr>
                    <th scope="col">{tr("Thema", "Theme")}</th>
                    <th scope="col">{tr("Actie", "Action")}</th>
                    <th scope="col">{tr("Wie pakt het op", "Who takes it on")}</th>
                    <th scope="col">{tr("Klaar op", "Done by")}</th>
                    <th scope="col">{tr("Status", "Status")}</th>
                    {editable.then(|| view! { <th scope="col" class="no-print">{tr("Wijzigen", "Change")}</th> })}
                </tr></thead>
                <tbody>
                    {grouped.into_iter().flat_map(|(score, numbered)| {
                        let measures = measures.clone();
                        numbered.into_iter().map(move |item| {
                            let action = item.action.clone();
                            let (label_measures, label_score) = (measures.clone(), score.clone());
                            let label = move || theme_label(&label_measures, &label_score, lang.get());
                            let (due, late) = (action.due_on.clone(), overdue(&action, today));
                            let (for_toggle, for_edit, id) = (action.clone(), action.clone(), action.id.clone());
                            let number = item.number;
                            view! {
                                <tr class:done=action.done>
                                    <th scope="row" data-label=tr("Thema", "Theme")>
                                        <span class="meta">{move || match lang.get() { Lang::Nl => format!("Actie {number}"), Lang::En => format!("Action {number}") }}</span>" "
                                        {label}
                                    </th>
                                    <td data-label=tr("Actie", "Action") class="free-text">{action.action.clone()}</td>
                                    <td data-label=tr("Wie pakt het op", "Who takes it on")>{action.owner.clone()}</td>
                                    <td data-label=tr("Klaar op", "Done by")>
                                        <time datetime=due.clone()>{let due = due.clone(); move || words::iso_day(lang.get(), &due)}</time>
                                        {late.then(|| view! { " "<strong>{tr("(datum voorbij)", "(date passed)")}</strong> })}
                                    </td>
                                    <td data-label=tr("Status", "Status")>{move || status_words(lang.get(), action.done)}</td>
                                    {editable.then(|| view! {
                                        <td data-label=tr("Wijzigen", "Change") class="no-print">
                                            <div class="row-actions">
                                                <button type="button" class="button button-secondary" disabled=move || toggle.pending().get()
                                                    on:click=move |_| { said.set(None); toggle.dispatch(for_toggle.clone()); }>
                                                    {move || match (for_edit.done, lang.get()) {
                                                        (false, Lang::Nl) => format!("Klaar (actie {number})"),
                                                        (false, Lang::En) => format!("Done (action {number})"),
                                                        (true, Lang::Nl) => format!("Weer open (actie {number})"),
                                                        (true, Lang::En) => format!("Open again (action {number})"),
                                                    }}
                                                </button>
                                                <button type="button" class="button button-secondary" on:click={
                                                    let action = action.clone();
                                                    move |_| {
                                                        said.set(None);
                                                        plan.mode.set(Mode::Edit(action.id.clone()));
                                                        plan.form.set(ActionForm::of(&action));
                                                        focus_later("plan-action");
                                                    }
                                                }>{move || match lang.get() { Lang::Nl => format!("Wijzigen (actie {number})"), Lang::En => format!("Change (action {number})") }}</button>
                                                <button type="button" class="button button-secondary" disabled=move || remove.pending().get() on:click={
                                                    let id = id.clone();
                                                    move |_| {
                                                        let question = match lang.get_untracked() {
                                                            Lang::Nl => format!("Actie {number} verwijderen uit het actieplan?"),
                                                            Lang::En => format!("Remove action {number} from the action plan?"),
                                                        };
                                                        if window().confirm_with_message(&question).unwrap_or(false) {
                                                            said.set(None);
                                                            remove.dispatch(id.clone());
                                                        }
                                                    }
                                                }>{move || match lang.get() { Lang::Nl => format!("Verwijderen (actie {number})"), Lang::En => format!("Remove (action {number})") }}</button>
                                            </div>
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect::<Vec<_>>()
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };

    let previous_view = previous.filter(|previous| !previous.actions.is_empty()).map(|previous| {
        let measures = measures.clone();
        let name = previous.campaign_name.clone();
        let old = previous.actions.clone();
        view! {
            <section aria-labelledby="previous-plan-title" class="previous-plan">
                <h3 id="previous-plan-title">{move || match lang.get() {
                    Lang::Nl => format!("Acties na {name}"),
                    Lang::En => format!("Actions after {name}"),
                }}</h3>
                <ul class="previous-actions">
                    {move || {
                        let current = actions.get();
                        let open: Vec<String> = carryable(&old, &current).into_iter().map(|action| action.id.clone()).collect();
                        old.iter().cloned().map(|action| {
                            let label = theme_label(&measures, &action.score, lang.get());
                            let can_carry = editable && open.contains(&action.id);
                            let carried = !action.done && !open.contains(&action.id);
                            let for_carry = action.clone();
                            let carry_label = format!(": {}", action.action);
                            view! {
                                <li>
                                    <strong>{label}</strong>": "{action.action.clone()}" — "{action.owner.clone()}", "
                                    {move || status_words(lang.get(), action.done)}
                                    {carried.then(|| view! { " "<span class="meta">{tr("(overgenomen in dit plan)", "(carried into this plan)")}</span> })}
                                    {can_carry.then(|| view! {
                                        " "<button type="button" class="button button-secondary no-print" on:click=move |_| { said.set(None); plan.start(ActionForm::carrying(&for_carry)); }>
                                            {tr("Overnemen in dit plan", "Carry into this plan")}
                                            <span class="visually-hidden">{carry_label}</span>
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()
                    }}
                </ul>
            </section>
        }
    });

    view! {
        <section id="actieplan" aria-labelledby="plan-title" class="plan">
            <h2 id="plan-title">{tr("Actieplan", "Action plan")}</h2>
            <p class="hint">{if editable {
                tr(
                    "Kies per thema wat de organisatie gaat doen, wie het oppakt en wanneer het klaar is. De arbeidsdeskundige van de campagne ziet het actieplan ook. Bij een volgende campagne zie je het terug naast de verandering.",
                    "Choose per theme what the organisation will do, who takes it on and when it is done. The campaign's labour expert sees the action plan too. At a next campaign you see it again beside the change.",
                )
            } else {
                tr("Wat de werkgever per thema gaat doen. Je kunt het actieplan lezen, niet wijzigen.", "What the employer will do per theme. You can read the action plan, not change it.")
            }}</p>
            <div class="table-scroll">{table}</div>
            <ProblemOf outcome=toggle.value()/>
            <ProblemOf outcome=remove.value()/>
            {editable.then(|| view! { <PlanEditor base=base.clone() starts_on themes=themes.clone() theme_ids=theme_ids.clone() actions plan said/> })}
            <p role="status" class="plan-said">{move || said.get().map(|(nl, en)| match lang.get() { Lang::Nl => nl, Lang::En => en })}</p>
            {previous_view}
        </section>
    }
}

/// The form that adds or changes an action, with each problem beside its field.
#[component]
fn PlanEditor(
    base: String,
    starts_on: chrono::NaiveDate,
    themes: Vec<Measure>,
    theme_ids: Vec<String>,
    actions: RwSignal<Vec<PlanAction>>,
    plan: PlanForm,
    said: RwSignal<Option<(&'static str, &'static str)>>,
) -> impl IntoView {
    let lang = use_lang();
    // The fields found wrong, before sending or by the server.
    let problems = RwSignal::new(Vec::<&'static str>::new());
    let save = Action::new_local(move |(mode, form): &(Mode, ActionForm)| {
        let (mode, form, base) = (mode.clone(), form.clone(), base.clone());
        async move {
            match mode {
                Mode::Add => api::call_form::<PlanAction>("POST", &base, &form.new_action()).await,
                Mode::Edit(id) => {
                    api::call_form::<PlanAction>("PUT", &format!("{base}/{}", api::segment(&id)), &form.change()).await
                }
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(action)) => {
            let added = plan.mode.get_untracked() == Mode::Add;
            actions.update(|list| upsert(list, action));
            plan.mode.set(Mode::Add);
            plan.form.set(ActionForm::default());
            problems.set(Vec::new());
            said.set(Some(if added {
                ("Actie toegevoegd aan het actieplan.", "Action added to the action plan.")
            } else {
                ("Actie opgeslagen.", "Action saved.")
            }));
        }
        Some(Err((error, fields))) => {
            if let Some(field) = refused_field(&error, &fields) {
                problems.set(vec![field]);
                focus_later(input_id(field));
            }
        }
        None => {}
    });
    // A refusal that is not about one field (too many actions, gone, offline).
    let general = move || match save.value().get() {
        Some(Err((error, fields))) if refused_field(&error, &fields).is_none() => Some(error),
        _ => None,
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        said.set(None);
        let form = plan.form.get_untracked();
        let found = form.problems(&theme_ids, starts_on);
        if let Some(first) = found.first() {
            focus_later(input_id(first));
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        save.dispatch((plan.mode.get_untracked(), form));
    };
    let has = move |field: &'static str| move || problems.get().contains(&field);
    let invalid = move |field: &'static str| move || has(field)().to_string();
    let described = move |field: &'static str, always: &'static str| {
        move || {
            let ids = if has(field)() { format!("{always} {}-error", input_id(field)) } else { always.to_owned() };
            Some(ids.trim().to_owned()).filter(|ids| !ids.is_empty())
        }
    };
    let error = move |field: &'static str| {
        move || {
            has(field)().then(|| view! { <p class="error field-error" id=format!("{}-error", input_id(field))>{move || words::action_problem(lang.get(), field)}</p> })
        }
    };
    let editing = move || matches!(plan.mode.get(), Mode::Edit(_));
    let carrying = move || plan.form.with(|form| form.carried_from.is_some()) && !editing();
    view! {
        <form class="console-form plan-form no-print" on:submit=submit novalidate>
            <h3 id="plan-form-title">{move || if editing() { tr("Actie wijzigen", "Change the action")() } else { tr("Actie toevoegen", "Add an action")() }}</h3>
            <p class="notice" id="plan-privacy">{tr(
                "Schrijf hier geen namen of gezondheidsgegevens van medewerkers. Beschrijf wat de organisatie doet, en wie het oppakt als functie of team, zoals „HR” of „teamleider Zorg”.",
                "Do not write names or health details of employees here. Describe what the organisation does, and who takes it on as a role or team, such as “HR” or “team leader Care”.",
            )}</p>
            {move || carrying().then(|| view! { <p class="meta">{tr("Overgenomen uit het vorige actieplan. Kies een nieuwe datum.", "Carried over from the previous action plan. Choose a new date.")}</p> })}
            <div class="field">
                <label for="plan-score">{tr("Thema", "Theme")}</label>
                <select id="plan-score" aria-invalid=invalid("score") aria-describedby=described("score", "") disabled=editing
                    prop:value=move || plan.form.with(|form| form.score.clone())
                    on:change=move |event| plan.form.update(|form| form.score = event_target_value(&event))>
                    <option value="">{tr("Kies een thema", "Choose a theme")}</option>
                    {themes.iter().map(|measure| {
                        let (score, label) = (measure.score.clone(), measure.label.clone());
                        let selected_score = score.clone();
                        view! { <option value=score selected=move || plan.form.with(|form| form.score == selected_score)>{move || label.get(lang.get()).to_owned()}</option> }
                    }).collect_view()}
                </select>
                {error("score")}
            </div>
            <div class="field">
                <label for="plan-action">{tr("Wat gaat de organisatie doen?", "What will the organisation do?")}</label>
                <textarea id="plan-action" rows="3" maxlength=ACTION_MAX.to_string() aria-invalid=invalid("action") aria-describedby=described("action", "plan-privacy")
                    prop:value=move || plan.form.with(|form| form.action.clone())
                    on:input=move |event| plan.form.update(|form| form.action = event_target_value(&event))></textarea>
                {error("action")}
            </div>
            <div class="grid-fields">
                <div class="field">
                    <label for="plan-owner">{tr("Wie pakt het op? (functie of team)", "Who takes it on? (role or team)")}</label>
                    <input id="plan-owner" type="text" maxlength=OWNER_MAX.to_string() aria-invalid=invalid("owner") aria-describedby=described("owner", "plan-privacy")
                        prop:value=move || plan.form.with(|form| form.owner.clone())
                        on:input=move |event| plan.form.update(|form| form.owner = event_target_value(&event))/>
                    {error("owner")}
                </div>
                <div class="field">
                    <label for="plan-due-on">{tr("Klaar op", "Done by")}</label>
                    <input id="plan-due-on" type="date" aria-invalid=invalid("due_on") aria-describedby=described("due_on", "")
                        prop:value=move || plan.form.with(|form| form.due_on.clone())
                        on:input=move |event| plan.form.update(|form| form.due_on = event_target_value(&event))/>
                    {error("due_on")}
                </div>
            </div>
            {move || editing().then(|| view! {
                <p class="choice-inline">
                    <input id="plan-done" type="checkbox" prop:checked=move || plan.form.with(|form| form.done)
                        on:change=move |event| plan.form.update(|form| form.done = event_target_checked(&event))/>
                    <label for="plan-done">{tr("Deze actie is klaar", "This action is done")}</label>
                </p>
            })}
            {move || general().map(|error: ApiError| view! { <Problem error/> })}
            <p>
                <button type="submit" class="button" disabled=move || save.pending().get()>{move || if editing() { tr("Opslaan", "Save")() } else { tr("Toevoegen aan het actieplan", "Add to the action plan")() }}</button>
                {move || (editing() || carrying()).then(|| view! {
                    " "<button type="button" class="button button-secondary" on:click=move |_| {
                        plan.mode.set(Mode::Add);
                        plan.form.set(ActionForm::default());
                        problems.set(Vec::new());
                    }>{tr("Annuleren", "Cancel")}</button>
                })}
            </p>
        </form>
    }
}
