//! `/beschikbaarheid`: the arbeidsdeskundige's week (hours per weekday, split days allowed),
//! days off and other exceptions, the length of a conversation and the pause around it, how far
//! ahead and how soon people may book, and which kinds of conversation they offer. Checked with
//! the same rules as the server before it is sent.

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use werkscan_api::accounts::Role;
use werkscan_booking::{Availability, Kind};
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

use crate::api;
use crate::components::{tr, Guard, Loading, Page, Problem};
use crate::week::{self, WEEK};
use crate::words;

/// `/beschikbaarheid`.
#[component]
pub fn AvailabilityPage() -> impl IntoView {
    view! { <Guard roles=&[Role::Expert]><AvailabilityScreen/></Guard> }
}

#[component]
fn AvailabilityScreen() -> impl IntoView {
    let loaded = LocalResource::new(|| async { api::get::<Availability>("/api/expert/availability").await });
    view! {
        <Page title=tr("Beschikbaarheid", "Availability")>
            <p class="lead">{tr(
                "Wanneer werknemers een adviesgesprek met je kunnen plannen. Geplande gesprekken blijven staan als je je tijden wijzigt.",
                "When employees can book an advice conversation with you. Booked conversations stay when you change your hours.",
            )}</p>
            {move || match loaded.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <Problem error/> }.into_any(),
                Some(Ok(mut availability)) => {
                    week::without_past(&mut availability, chrono::Local::now().date_naive());
                    view! { <Editor availability/> }.into_any()
                }
            }}
        </Page>
    }
}

fn kind_name(lang: Lang, kind: Kind) -> &'static str {
    match (kind, lang) {
        (Kind::Telefoon, Lang::Nl) => "Telefonisch",
        (Kind::Video, Lang::Nl) => "Video",
        (Kind::Locatie, Lang::Nl) => "Op locatie",
        (Kind::Telefoon, Lang::En) => "By phone",
        (Kind::Video, Lang::En) => "Video",
        (Kind::Locatie, Lang::En) => "In person",
    }
}

/// Asks before leaving the screen while `dirty` says there are unsaved changes: closing or
/// reloading the tab (the browser's own question) and following a link inside the console (a
/// question of ours, asked before the router sees the click).
fn ask_before_leaving(dirty: Memo<bool>) {
    let unload = window_event_listener(leptos::ev::beforeunload, move |event| {
        if dirty.get_untracked() {
            event.prevent_default();
        }
    });
    // Made here, inside the screen: the click arrives outside any reactive owner, where the
    // language could not be looked up.
    let question =
        tr("Je wijzigingen zijn nog niet opgeslagen. Toch weggaan?", "Your changes are not saved yet. Leave anyway?");
    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
        if !dirty.get_untracked() {
            return;
        }
        let link = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten());
        if link.is_some() && !window().confirm_with_message(question()).unwrap_or(true) {
            event.prevent_default();
            event.stop_propagation();
        }
    });
    // Capture phase: before the router's own click handler turns the click into navigation.
    let _ = window().add_event_listener_with_callback_and_bool("click", click.as_ref().unchecked_ref(), true);
    // Kept on this thread (the closure is a JavaScript function) until the screen goes.
    let click = StoredValue::new_local(click);
    on_cleanup(move || {
        unload.remove();
        click.with_value(|click| {
            let _ =
                window().remove_event_listener_with_callback_and_bool("click", click.as_ref().unchecked_ref(), true);
        });
    });
}

#[component]
fn Editor(availability: Availability) -> impl IntoView {
    let lang = use_lang();
    let saved = RwSignal::new(availability.clone());
    let draft = RwSignal::new(availability);
    let dirty = Memo::new(move |_| draft.with(|draft| saved.with(|saved| draft != saved)));
    ask_before_leaving(dirty);
    // A local check error (the same rules as the server's), shown before anything is sent.
    let local_problem = RwSignal::new(None::<werkscan_booking::OfferError>);
    let save = Action::new_local(|availability: &Availability| {
        let availability = availability.clone();
        async move { api::call::<Availability>("PUT", "/api/expert/availability", Some(&availability)).await }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let current = draft.get_untracked();
        match current.check() {
            Ok(()) => {
                local_problem.set(None);
                save.dispatch(current);
            }
            Err(error) => local_problem.set(Some(error)),
        }
    };
    // What was sent is what is saved once the server says so.
    Effect::new(move |_| {
        if let Some(Ok(stored)) = save.value().get() {
            saved.set(stored.clone());
            draft.set(stored);
        }
    });
    let new_date = RwSignal::new(String::new());
    let until_date = RwSignal::new(String::new());
    let range_problem = RwSignal::new(None::<week::DaysOffProblem>);
    let proposed =
        Memo::new(move |_| draft.with(|draft| week::holidays_to_propose(draft, chrono::Local::now().date_naive())));
    let added_holidays = RwSignal::new(0usize);
    // A number field: a value that is not a whole number leaves the draft as it was.
    let number = move |update: fn(&mut Availability, u32)| {
        move |event: leptos::ev::Event| {
            if let Ok(parsed) = event_target_value(&event).trim().parse::<u32>() {
                draft.update(|draft| update(draft, parsed));
            }
        }
    };
    view! {
        <form class="console-form availability" on:submit=submit novalidate>
            <fieldset class="week">
                <legend>{tr("Je week", "Your week")}</legend>
                <p class="hint">{tr("Tijden per dag. Voeg een tweede blok toe voor een pauze tussendoor.", "Hours per day. Add a second block for a break in between.")}</p>
                {WEEK.iter().map(|&day| view! {
                    <div class="week-day" role="group" aria-labelledby=format!("day-{}", day.num_days_from_monday())>
                        <h2 id=format!("day-{}", day.num_days_from_monday())>{move || week::weekday_name(lang.get(), day)}</h2>
                        {move || {
                            let blocks = week::blocks_of(&draft.get(), day);
                            if blocks.is_empty() {
                                return view! { <p class="meta">{tr("Geen gesprekken", "No conversations")}</p> }.into_any();
                            }
                            blocks.into_iter().enumerate().map(|(number, index)| {
                                let rule = draft.get_untracked().schedule.weekly[index];
                                let id = format!("d{}-{number}", day.num_days_from_monday());
                                view! {
                                    <div class="block">
                                        <label for=format!("{id}-start")>{tr("van", "from")}</label>
                                        <input id=format!("{id}-start") type="time" step="300" value=week::time_text(rule.start)
                                            on:change=move |event| draft.update(|draft| week::set_block_time(draft, index, true, &event_target_value(&event)))/>
                                        <label for=format!("{id}-end")>{tr("tot", "until")}</label>
                                        <input id=format!("{id}-end") type="time" step="300" value=week::time_text(rule.end)
                                            on:change=move |event| draft.update(|draft| week::set_block_time(draft, index, false, &event_target_value(&event)))/>
                                        <button type="button" class="button button-secondary button-small"
                                            aria-label=move || format!("{}: {} {}–{}", tr("Verwijderen", "Remove")(), week::weekday_name(lang.get(), day), week::time_text(rule.start), week::time_text(rule.end))
                                            on:click=move |_| draft.update(|draft| week::remove_block(draft, index))>
                                            {tr("Verwijderen", "Remove")}
                                        </button>
                                    </div>
                                }
                            }).collect_view().into_any()
                        }}
                        <button type="button" class="button button-secondary button-small"
                            aria-label=move || format!("{} {}", tr("Tijdblok toevoegen op", "Add a block on")(), week::weekday_name(lang.get(), day))
                            on:click=move |_| draft.update(|draft| week::add_block(draft, day))>
                            {tr("Tijdblok toevoegen", "Add a block")}
                        </button>
                    </div>
                }).collect_view()}
            </fieldset>

            <fieldset>
                <legend>{tr("Vrije dagen en uitzonderingen", "Days off and exceptions")}</legend>
                {move || {
                    let overrides = draft.get().schedule.overrides;
                    if overrides.is_empty() {
                        return view! { <p class="meta">{tr("Geen. Elke week gelden dezelfde tijden.", "None. The same hours apply every week.")}</p> }.into_any();
                    }
                    view! {
                        <ul class="overrides">{overrides.into_iter().map(|exception| {
                            let date = exception.date;
                            let hours = exception.hours.iter().map(|hours| format!("{}–{}", week::time_text(hours.start), week::time_text(hours.end))).collect::<Vec<_>>().join(", ");
                            view! {
                                <li>
                                    <strong>{move || werkscan_core::when::day_in_words(lang.get(), date)}</strong>": "
                                    {if hours.is_empty() { tr("vrij", "day off")().to_owned() } else { hours }}
                                    " "
                                    <button type="button" class="button button-secondary button-small"
                                        aria-label=move || format!("{}: {}", tr("Verwijderen", "Remove")(), werkscan_core::when::day_in_words(lang.get(), date))
                                        on:click=move |_| draft.update(|draft| week::remove_date(draft, date))>
                                        {tr("Verwijderen", "Remove")}
                                    </button>
                                </li>
                            }
                        }).collect_view()}</ul>
                    }
                    .into_any()
                }}
                <div class="inline-form days-off">
                    <div class="field">
                        <label for="day-off">{tr("Vrij vanaf", "Off from")}</label>
                        <input id="day-off" type="date" prop:value=new_date aria-describedby="days-off-problem"
                            on:input=move |event| new_date.set(event_target_value(&event))/>
                    </div>
                    <div class="field">
                        <label for="day-off-until">{tr("tot en met (leeg: één dag)", "until (empty: one day)")}</label>
                        <input id="day-off-until" type="date" prop:value=until_date aria-describedby="days-off-problem"
                            on:input=move |event| until_date.set(event_target_value(&event))/>
                    </div>
                    <button type="button" class="button button-secondary" on:click=move |_| {
                        let Ok(from) = NaiveDate::parse_from_str(&new_date.get_untracked(), "%Y-%m-%d") else { return };
                        let until = NaiveDate::parse_from_str(&until_date.get_untracked(), "%Y-%m-%d").unwrap_or(from);
                        let mut outcome = Ok(0);
                        draft.update(|draft| outcome = week::add_days_off(draft, from, until));
                        match outcome {
                            Ok(_) => {
                                range_problem.set(None);
                                new_date.set(String::new());
                                until_date.set(String::new());
                            }
                            Err(problem) => range_problem.set(Some(problem)),
                        }
                    }>{tr("Toevoegen", "Add")}</button>
                </div>
                <p id="days-off-problem" class="field-error" role="alert">{move || range_problem.get().map(|problem| match problem {
                    week::DaysOffProblem::EndBeforeStart => tr("De laatste dag ligt voor de eerste.", "The last day is before the first.")(),
                    week::DaysOffProblem::TooLong => tr("Dat zijn meer dan 120 dagen. Kies een kortere periode.", "That is more than 120 days. Choose a shorter period.")(),
                })}</p>
                {move || {
                    let holidays = proposed.get();
                    (!holidays.is_empty()).then(|| {
                        let names = holidays.iter().map(|holiday| format!("{} ({})", holiday.name(lang.get()), werkscan_core::when::day_in_words(lang.get(), holiday.date))).collect::<Vec<_>>().join(", ");
                        view! {
                            <div class="holidays" role="group" aria-labelledby="holidays-title">
                                <p id="holidays-title"><strong>{tr("Feestdagen waarop je nu gesprekken aanbiedt", "Public holidays on which you now offer conversations")}</strong></p>
                                <p class="meta">{names}</p>
                                <button type="button" class="button button-secondary" on:click=move |_| {
                                    let dates: Vec<NaiveDate> = proposed.get_untracked().iter().map(|holiday| holiday.date).collect();
                                    draft.update(|draft| dates.iter().for_each(|date| week::add_day_off(draft, *date)));
                                    added_holidays.set(dates.len());
                                }>{tr("Maak ze vrij", "Make them days off")}</button>
                            </div>
                        }
                    })
                }}
                {move || (added_holidays.get() > 0).then(|| view! {
                    <p role="status">{move || format!("{} {}", added_holidays.get(), tr("feestdagen toegevoegd als vrije dag. Vergeet niet op te slaan.", "holidays added as days off. Remember to save.")())}</p>
                })}
            </fieldset>

            <fieldset>
                <legend>{tr("Gesprekken", "Conversations")}</legend>
                <div class="grid-fields">
                    <div class="field">
                        <label for="slot">{tr("Duur van een gesprek (minuten)", "Length of a conversation (minutes)")}</label>
                        <input id="slot" type="number" min="10" max="240" step="5" prop:value=move || draft.get().schedule.slot_minutes.to_string()
                            on:change=number(|draft, value| draft.schedule.slot_minutes = value)/>
                    </div>
                    <div class="field">
                        <label for="buffer">{tr("Pauze voor en na (minuten)", "Pause before and after (minutes)")}</label>
                        <input id="buffer" type="number" min="0" max="120" step="5" prop:value=move || draft.get().schedule.buffer_minutes.to_string()
                            on:change=number(|draft, value| draft.schedule.buffer_minutes = value)/>
                    </div>
                    <div class="field">
                        <label for="notice">{tr("Minstens zoveel uur van tevoren plannen", "Book at least this many hours ahead")}</label>
                        <input id="notice" type="number" min="0" max="720" prop:value=move || draft.get().schedule.min_notice_hours.to_string()
                            on:change=number(|draft, value| draft.schedule.min_notice_hours = value)/>
                    </div>
                    <div class="field">
                        <label for="window">{tr("Hoogstens zoveel dagen vooruit", "At most this many days ahead")}</label>
                        <input id="window" type="number" min="1" max="365" prop:value=move || draft.get().schedule.window_days.to_string()
                            on:change=number(|draft, value| draft.schedule.window_days = value)/>
                    </div>
                </div>
            </fieldset>

            <fieldset>
                <legend>{tr("Soorten gesprek", "Kinds of conversation")}</legend>
                {Kind::ALL.into_iter().map(|kind| {
                    let id = format!("kind-{}", kind.as_str());
                    let offered = move || draft.get().kinds.iter().any(|offer| offer.kind == kind);
                    let detail = move || draft.get().kinds.iter().find(|offer| offer.kind == kind).and_then(|offer| offer.detail.clone()).unwrap_or_default();
                    view! {
                        <div class="kind">
                            <p class="choice-inline">
                                <input id=id.clone() type="checkbox" prop:checked=offered on:change=move |event| draft.update(|draft| week::set_kind(draft, kind, event_target_checked(&event)))/>
                                <label for=id.clone()>{move || kind_name(lang.get(), kind)}</label>
                            </p>
                            {(kind != Kind::Telefoon).then(|| {
                                let detail_id = format!("{id}-detail");
                                view! {
                                    <Show when=offered>
                                        <label for=detail_id.clone()>{if kind == Kind::Video { tr("Link van je videogesprek (https://…)", "Your video meeting link (https://…)") } else { tr("Adres", "Address") }}</label>
                                        <input id=detail_id.clone() type=if kind == Kind::Video { "url" } else { "text" } maxlength="300" prop:value=detail
                                            on:change=move |event| draft.update(|draft| week::set_kind_detail(draft, kind, &event_target_value(&event)))/>
                                    </Show>
                                }
                            })}
                        </div>
                    }
                }).collect_view()}
            </fieldset>

            {move || local_problem.get().map(|error| {
                let at = week::problem_day(lang.get(), &error);
                let code = error.code().to_owned();
                let refusal = api::ApiError::Refused { status: 422, code, message: error.to_string() };
                view! { <p class="error" role="alert">{at.map(|day| format!("{day}: ")).unwrap_or_default()}{words::error(lang.get(), &refusal)}</p> }
            })}
            {move || match save.value().get() {
                Some(Err(error)) => Some(view! { <Problem error/> }.into_any()),
                Some(Ok(_)) => Some(view! { <p class="saved" role="status">{tr("Je beschikbaarheid is opgeslagen.", "Your availability was saved.")}</p> }.into_any()),
                None => None,
            }}
            {move || dirty.get().then(|| view! { <p class="meta" role="status">{tr("Je hebt wijzigingen die nog niet zijn opgeslagen.", "You have changes that are not saved yet.")}</p> })}
            <button type="submit" class="button" disabled=move || save.pending().get()>{tr("Opslaan", "Save")}</button>
        </form>
    }
}
