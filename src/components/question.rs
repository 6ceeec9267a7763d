//! One question on screen: a native radio or checkbox group with a visible legend, large tap
//! targets, "zeg ik liever niet" where the definition allows it.

use leptos::prelude::*;
use werkscan_core::model::{AnswerOption, Item, ItemType, MatrixRow};
use werkscan_core::{AnswerValue, Text};

use crate::flow::Flow;
use crate::i18n::{t, tx};

/// Sentinel key for "zeg ik liever niet" in the option lists; never a definition key, because
/// definition keys are checked to be slugs without a leading underscore.
const DECLINE: &str = "_declined";

/// Renders the current question. `advance` is called after a Likert or single choice made by
/// tapping (not by arrow keys, which would skip questions while a keyboard user browses).
#[component]
pub fn Question(flow: RwSignal<Flow>, item: Item, options: Vec<AnswerOption>, advance: Callback<String>, error_id: String) -> impl IntoView {
    let legend_ref = NodeRef::<leptos::html::Legend>::new();
    // Focus moves to the new question on every step, so screen readers read it at once.
    Effect::new(move |_| {
        if let Some(legend) = legend_ref.get() {
            let _ = legend.focus();
        }
    });
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

fn decline_option() -> AnswerOption {
    AnswerOption { key: DECLINE.into(), value: None, label: Text::new(crate::i18n::NL.prefer_not_to_say, crate::i18n::EN.prefer_not_to_say) }
}

fn selected_key(flow: &Flow, item_id: &str) -> Option<String> {
    match flow.answers.get(item_id) {
        Some(AnswerValue::Text(key)) => Some(key.clone()),
        Some(AnswerValue::Declined) => Some(DECLINE.into()),
        _ => None,
    }
}

fn value_for(key: &str) -> AnswerValue {
    if key == DECLINE {
        AnswerValue::Declined
    } else {
        AnswerValue::Text(key.to_owned())
    }
}

fn choice_list(flow: RwSignal<Flow>, item: &Item, mut options: Vec<AnswerOption>, via_pointer: StoredValue<bool>, advance: Callback<String>) -> impl IntoView {
    if item.optional {
        options.push(decline_option());
    }
    let item_id = item.id.clone();
    options
        .into_iter()
        .enumerate()
        .map(|(index, option)| {
            let input_id = format!("{}-{index}", item_id);
            let name = item_id.clone();
            let key = option.key.clone();
            let key_for_checked = key.clone();
            let item_for_checked = item_id.clone();
            let item_for_change = item_id.clone();
            let label = option.label.clone();
            let is_decline = key == DECLINE;
            view! {
                <div class="choice" class:choice-decline=is_decline>
                    <input
                        type="radio"
                        id=input_id.clone()
                        name=name
                        value=key.clone()
                        prop:checked=move || flow.with(|f| selected_key(f, &item_for_checked).as_deref() == Some(key_for_checked.as_str()))
                        on:change=move |_| {
                            flow.update(|f| f.answer(&item_for_change, value_for(&key)));
                            if via_pointer.get_value() {
                                advance.run(item_for_change.clone());
                            }
                        }
                    />
                    <label for=input_id>{tx(&label)}</label>
                </div>
            }
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
            let input_id = format!("{item_id}-{number}");
            let item_for_checked = item_id.clone();
            let item_for_change = item_id.clone();
            let name = item_id.clone();
            view! {
                <div class="number-choice">
                    <input
                        type="radio"
                        id=input_id.clone()
                        name=name
                        value=number.to_string()
                        prop:checked=move || flow.with(|f| f.answers.get(&item_for_checked) == Some(&AnswerValue::Number(number)))
                        on:change=move |_| flow.update(|f| f.answer(&item_for_change, AnswerValue::Number(number)))
                    />
                    <label for=input_id>{number}</label>
                </div>
            }
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
fn decline_choice(flow: RwSignal<Flow>, item_id: &str, input_type: &'static str) -> impl IntoView {
    let input_id = format!("{item_id}-declined");
    let item_checked = item_id.to_owned();
    let item_change = item_id.to_owned();
    view! {
        <div class="choice choice-decline">
            <input
                type=input_type
                id=input_id.clone()
                name=item_id.to_owned()
                prop:checked=move || flow.with(|f| f.answers.get(&item_checked) == Some(&AnswerValue::Declined))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    flow.update(|f| if on { f.answer(&item_change, AnswerValue::Declined) } else { f.clear(&item_change) })
                }
            />
            <label for=input_id>{t(|u| u.prefer_not_to_say)}</label>
        </div>
    }
}

fn checkbox_list(flow: RwSignal<Flow>, item: &Item, options: Vec<AnswerOption>) -> impl IntoView {
    let item_id = item.id.clone();
    let ticked = {
        let item_id = item_id.clone();
        move |f: &Flow| match f.answers.get(&item_id) {
            Some(AnswerValue::List(keys)) => keys.clone(),
            _ => Vec::new(),
        }
    };
    let boxes = options
        .into_iter()
        .enumerate()
        .map(|(index, option)| {
            let input_id = format!("{item_id}-{index}");
            let key = option.key.clone();
            let key_checked = key.clone();
            let item_for_change = item_id.clone();
            let label = option.label.clone();
            let ticked_checked = ticked.clone();
            let ticked_change = ticked.clone();
            view! {
                <div class="choice">
                    <input
                        type="checkbox"
                        id=input_id.clone()
                        value=key.clone()
                        prop:checked=move || flow.with(|f| ticked_checked(f).contains(&key_checked))
                        on:change=move |_| {
                            flow.update(|f| {
                                let mut keys = ticked_change(f);
                                match keys.iter().position(|k| k == &key) {
                                    Some(at) => {
                                        keys.remove(at);
                                    }
                                    None => keys.push(key.clone()),
                                }
                                if keys.is_empty() {
                                    f.clear(&item_for_change);
                                } else {
                                    f.answer(&item_for_change, AnswerValue::List(keys));
                                }
                            })
                        }
                    />
                    <label for=input_id>{tx(&label)}</label>
                </div>
            }
        })
        .collect_view();
    let declined = item.optional.then(|| decline_choice(flow, &item_id, "checkbox"));
    view! { {boxes} {declined} }
}

fn matrix(flow: RwSignal<Flow>, item: &Item, columns: Vec<AnswerOption>) -> impl IntoView {
    let item_id = item.id.clone();
    item.rows
        .iter()
        .cloned()
        .enumerate()
        .map(|(row_index, row): (usize, MatrixRow)| {
            let row_label = row.label.clone();
            let radios = columns
                .iter()
                .cloned()
                .enumerate()
                .map(|(column_index, column)| {
                    let input_id = format!("{item_id}-{row_index}-{column_index}");
                    let item_checked = item_id.clone();
                    let item_change = item_id.clone();
                    let row_checked = row.key.clone();
                    let row_change = row.key.clone();
                    let column_checked = column.key.clone();
                    let column_change = column.key.clone();
                    let label = column.label.clone();
                    view! {
                        <div class="choice choice-compact">
                            <input
                                type="radio"
                                id=input_id.clone()
                                name=format!("{item_id}-{row_index}")
                                prop:checked=move || flow.with(|f| match f.answers.get(&item_checked) {
                                    Some(AnswerValue::Grid(grid)) => grid.get(&row_checked) == Some(&column_checked),
                                    _ => false,
                                })
                                on:change=move |_| flow.update(|f| {
                                    let mut grid = match f.answers.get(&item_change) {
                                        Some(AnswerValue::Grid(grid)) => grid.clone(),
                                        _ => Default::default(),
                                    };
                                    grid.insert(row_change.clone(), column_change.clone());
                                    f.answer(&item_change, AnswerValue::Grid(grid));
                                })
                            />
                            <label for=input_id>{tx(&label)}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="matrix-row">
                    <legend>{tx(&row_label)}</legend>
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
            prop:value=move || flow.with_untracked(|f| match f.answers.get(&item_value) {
                Some(AnswerValue::Text(text)) => text.clone(),
                _ => String::new(),
            })
            on:input=move |ev| {
                let text = event_target_value(&ev);
                flow.update(|f| if text.trim().is_empty() { f.clear(&item_id) } else { f.answer(&item_id, AnswerValue::Text(text)) })
            }
        ></textarea>
    }
}

