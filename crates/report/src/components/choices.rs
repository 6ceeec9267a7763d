//! A question with native radio buttons, for the steps of booking: a fieldset with a visible
//! legend that takes focus when the step appears (so a screen reader reads the new step), one
//! labelled radio per choice.

use leptos::prelude::*;
use werkscan_kit::frame::focus_on_mount;

/// One choice: its value and its label (with an optional second line).
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// What choosing it passes on.
    pub value: String,
    /// The label.
    pub label: String,
    /// A second line under the label, if any.
    pub detail: Option<String>,
}

/// A radio group. `selected` is the chosen value, `on_select` receives a new choice.
#[component]
pub fn ChoiceList(
    /// The question.
    legend: String,
    /// The radio group's name (and the prefix of its ids).
    name: &'static str,
    /// The choices.
    choices: Vec<Choice>,
    /// The chosen value.
    #[prop(into)]
    selected: Signal<Option<String>>,
    /// Receives a choice.
    on_select: Callback<String>,
    /// The id of the element that says what is wrong, for `aria-describedby`.
    error_id: &'static str,
    /// Leave focus where it is (for a list that appears below another as the person chooses).
    #[prop(optional)]
    keep_focus: bool,
) -> impl IntoView {
    let legend_ref = NodeRef::<leptos::html::Legend>::new();
    if !keep_focus {
        focus_on_mount(legend_ref);
    }
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let id = format!("{name}-{index}");
            let value = choice.value.clone();
            let checked_value = choice.value.clone();
            view! {
                <div class="choice">
                    <input
                        type="radio"
                        id=id.clone()
                        name=name
                        prop:checked=move || selected.get().as_deref() == Some(checked_value.as_str())
                        on:change=move |_| on_select.run(value.clone())
                    />
                    <label for=id>
                        {choice.label}
                        // The detail is on its own line on screen; read aloud (and in the label's
                        // text) it needs a pause, not "december9 vrije tijden".
                        {choice.detail.map(|detail| view! { <span class="visually-hidden">", "</span><span class="choice-detail">{detail}</span> })}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="question" aria-describedby=error_id>
            <legend node_ref=legend_ref tabindex="-1" class="question-text">{legend}</legend>
            {items}
        </fieldset>
    }
}
