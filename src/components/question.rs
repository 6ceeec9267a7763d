//! One question on screen: a native radio or checkbox group with a visible legend, large tap
//! targets, "zeg ik liever niet" where the definition allows it.

use leptos::prelude::*;
use werkscan_core::model::{AnswerOption, Item, ItemType, MatrixRow};
use werkscan_core::AnswerValue;

use werkscan_kit::flow::Flow;
use werkscan_kit::frame::focus_on_mount;

use crate::i18n::{t, tx, ui, use_lang};

/// Renders the current question. `advance` is called after a Likert or single choice made by
/// tapping (not by arrow keys, which would skip questions while a keyboard user browses).
#[component]
pub fn Question(
    flow: RwSignal<Flow>,
    item: Item,
    options: Vec<AnswerOption>,
    advance: Callback<String>,
    error_id: String,
) -> impl IntoView {
    let legend_ref = NodeRef::<leptos::html::Legend>::new();
    // Focus moves to the new question on every step, so screen readers read it at once.
    focus_on_mount(legend_ref);
    let via_pointer = StoredValue::new(false);
    let item_id = item.id.clone();
    let help_id = format!("{}-help", item.id);
    let has_help = item.help.is_some() || item.optional || item.kind == ItemType::Text;
    let describedby = if has_help { format!("{help_id} {error_id}") } else { error_id.clone() };
    let help = item.help.clone();
    let optional = item.optional;
    let kind = item.kind;
    let text = item.text.clone();

    let body = match item.kind {
        ItemType::Likert | ItemType::Single => {
            choice_list(flow, &item, options.clone(), via_pointer, advance).into_any()
        }
        ItemType::Number => number_scale(flow, &item).into_any(),
        ItemType::Multiple => checkbox_list(flow, &item, options.clone()).into_any(),
        ItemType::Matrix => matrix(flow, &item, options.clone()).into_any(),
        ItemType::Text => free_text(flow, &item).into_any(),
    };
    let text_for_legend = text.clone();
    view! {
        <fieldset
            class=format!("question question-{}", kind.name())
            data-item=item_id
            aria-describedby=describedby
            on:pointerdown=move |_| via_pointer.set_value(true)
            on:keydown=move |_| via_pointer.set_value(false)
        >
            <legend node_ref=legend_ref tabindex="-1" class="question-text">
                {tx(&text_for_legend)}
            </legend>
            <div id=help_id class="question-help">
                {help.map(|help| view! { <p>{tx(&help)}</p> })}
                {optional.then(|| view! { <p class="hint">{t(|u| u.optional_hint)}</p> })}
                {(kind == ItemType::Text).then(|| view! { <p class="hint">{t(|u| u.text_answer_hint)}</p> })}
            </div>
            {body}
        </fieldset>
    }
}

fn decline_label() -> Signal<String> {
    let label = t(|u| u.prefer_not_to_say);
    Signal::derive(move || label.get().to_owned())
}

/// One native radio button or checkbox with its label. Every choice of every question type is
/// rendered here, with its state and handler passed in type-erased, so the view code is compiled
/// once (the scan module has a size budget).
fn choice(
    class: &'static str,
    input_type: &'static str,
    id: String,
    name: Option<String>,
    label: Signal<String>,
    checked: Signal<bool>,
    on_change: Callback<bool>,
) -> AnyView {
    view! {
        <div class=class>
            <input
                type=input_type
                id=id.clone()
                name=name
                prop:checked=checked
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
    .into_any()
}

fn choice_list(
    flow: RwSignal<Flow>,
    item: &Item,
    options: Vec<AnswerOption>,
    via_pointer: StoredValue<bool>,
    advance: Callback<String>,
) -> impl IntoView {
    let item_id = item.id.clone();
    let decline = item.optional.then(|| (AnswerValue::Declined, decline_label(), "choice choice-decline"));
    options
        .into_iter()
        .map(|option| (AnswerValue::Text(option.key), tx(&option.label), "choice"))
        .chain(decline)
        .enumerate()
        .map(|(index, (value, label, class))| {
            let (item_checked, item_change) = (item_id.clone(), item_id.clone());
            let value_checked = value.clone();
            let checked = Signal::derive(move || flow.with(|f| f.answers.get(&item_checked) == Some(&value_checked)));
            let on_change = Callback::new(move |_| {
                flow.update(|f| f.answer(&item_change, value.clone()));
                if via_pointer.get_value() {
                    advance.run(item_change.clone());
                }
            });
            choice(class, "radio", format!("{item_id}-{index}"), Some(item_id.clone()), label, checked, on_change)
        })
        .collect_view()
}

fn number_scale(flow: RwSignal<Flow>, item: &Item) -> impl IntoView {
    let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(10));
    let min_label = item.min_label.clone().unwrap_or_default();
    let max_label = item.max_label.clone().unwrap_or_default();
    let item_id = item.id.clone();
    let numbers = (min..=max)
        .map(|number| {
            let (item_checked, item_change) = (item_id.clone(), item_id.clone());
            let checked = Signal::derive(move || {
                flow.with(|f| f.answers.get(&item_checked) == Some(&AnswerValue::Number(number)))
            });
            let on_change =
                Callback::new(move |_| flow.update(|f| f.answer(&item_change, AnswerValue::Number(number))));
            let label = Signal::stored(number.to_string());
            choice(
                "number-choice",
                "radio",
                format!("{item_id}-{number}"),
                Some(item_id.clone()),
                label,
                checked,
                on_change,
            )
        })
        .collect_view();
    let declined = item.optional.then(|| decline_choice(flow, &item_id, "radio"));
    view! {
        <div class="number-scale">
            <p class="scale-ends" aria-hidden="true">
                <span>{tx(&min_label)}</span>
                <span>{tx(&max_label)}</span>
            </p>
            <div class="number-grid">{numbers}</div>
        </div>
        {declined}
    }
}

/// "Zeg ik liever niet" beside a number scale (a radio in the same group) or a list of
/// checkboxes (a box that can be unticked again, which clears the answer).
fn decline_choice(flow: RwSignal<Flow>, item_id: &str, input_type: &'static str) -> AnyView {
    let (item_checked, item_change) = (item_id.to_owned(), item_id.to_owned());
    let checked = Signal::derive(move || flow.with(|f| f.answers.get(&item_checked) == Some(&AnswerValue::Declined)));
    let on_change = Callback::new(move |on: bool| {
        flow.update(|f| if on { f.answer(&item_change, AnswerValue::Declined) } else { f.clear(&item_change) })
    });
    choice(
        "choice choice-decline",
        input_type,
        format!("{item_id}-declined"),
        Some(item_id.to_owned()),
        decline_label(),
        checked,
        on_change,
    )
}

fn checkbox_list(flow: RwSignal<Flow>, item: &Item, options: Vec<AnswerOption>) -> impl IntoView {
    let lang = use_lang();
    let item_id = item.id.clone();
    // Ticking an exclusive option ("no hindrance") unticks the others and the other way round;
    // the polite status below says which ticks went, so that nobody misses a change they did
    // not make themselves. It is emptied on every other change, so a repeat is read again.
    let announcement = RwSignal::new(String::new());
    let boxes = options
        .into_iter()
        .enumerate()
        .map(|(index, option)| {
            let key = option.key;
            let (item_checked, item_change, key_checked) = (item_id.clone(), item_id.clone(), key.clone());
            let checked = Signal::derive(move || {
                flow.with(|f| matches!(f.answers.get(&item_checked), Some(AnswerValue::List(keys)) if keys.contains(&key_checked)))
            });
            let on_change = Callback::new(move |on: bool| {
                let mut cleared = Vec::new();
                flow.update(|f| cleared = f.toggle(&item_change, &key, on));
                // Built by hand rather than with `format!` and `join`: the scan has a byte budget.
                let lang = lang.get_untracked();
                let mut message = String::new();
                for label in &cleared {
                    message.push_str(if message.is_empty() { ui(lang).ticks_removed } else { ";" });
                    message.push(' ');
                    message.push_str(label.get(lang));
                }
                if !message.is_empty() {
                    message.push('.');
                }
                announcement.set(message);
            });
            choice("choice", "checkbox", format!("{item_id}-{index}"), None, tx(&option.label), checked, on_change)
        })
        .collect_view();
    let declined = item.optional.then(|| decline_choice(flow, &item_id, "checkbox"));
    view! {
        {boxes}
        {declined}
        <p class="visually-hidden" role="status">{Signal::<String>::from(announcement)}</p>
    }
}

fn matrix(flow: RwSignal<Flow>, item: &Item, columns: Vec<AnswerOption>) -> impl IntoView {
    let item_id = item.id.clone();
    item.rows
        .iter()
        .cloned()
        .enumerate()
        .map(|(row_index, row): (usize, MatrixRow)| {
            let radios = columns
                .iter()
                .enumerate()
                .map(|(column_index, column)| {
                    let (item_checked, item_change) = (item_id.clone(), item_id.clone());
                    let (row_checked, row_change) = (row.key.clone(), row.key.clone());
                    let (column_checked, column_change) = (column.key.clone(), column.key.clone());
                    let checked = Signal::derive(move || {
                        flow.with(|f| matches!(f.answers.get(&item_checked), Some(AnswerValue::Grid(grid)) if grid.get(&row_checked) == Some(&column_checked)))
                    });
                    let on_change = Callback::new(move |_| {
                        flow.update(|f| {
                            let mut grid = match f.answers.get(&item_change) {
                                Some(AnswerValue::Grid(grid)) => grid.clone(),
                                _ => Default::default(),
                            };
                            grid.insert(row_change.clone(), column_change.clone());
                            f.answer(&item_change, AnswerValue::Grid(grid));
                        })
                    });
                    let id = format!("{item_id}-{row_index}-{column_index}");
                    choice("choice choice-compact", "radio", id, Some(format!("{item_id}-{row_index}")), tx(&column.label), checked, on_change)
                })
                .collect_view();
            view! {
                <fieldset class="matrix-row">
                    <legend>{tx(&row.label)}</legend>
                    <div class="matrix-choices">{radios}</div>
                </fieldset>
            }
        })
        .collect_view()
}

fn free_text(flow: RwSignal<Flow>, item: &Item) -> impl IntoView {
    let item_id = item.id.clone();
    let item_value = item_id.clone();
    let input_id = format!("{item_id}-text");
    view! {
        <label class="visually-hidden" for=input_id.clone()>{t(|u| u.your_answer)}</label>
        <textarea
            id=input_id
            rows="5"
            maxlength=werkscan_core::answers::MAX_TEXT_ANSWER
            prop:value=move || flow.with_untracked(|f| match f.answers.get(&item_value) {
                Some(AnswerValue::Text(text)) => text.clone(),
                _ => String::new(),
            })
            on:input=move |ev| {
                // Control characters from a paste would only make sharing fail later.
                let text = werkscan_core::text::without_forbidden_characters(&event_target_value(&ev), true);
                flow.update(|f| if text.trim().is_empty() { f.clear(&item_id) } else { f.answer(&item_id, AnswerValue::Text(text)) })
            }
        ></textarea>
    }
}
