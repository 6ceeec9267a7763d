//! A list of problems, each exactly as `werkscan check` prints it, each a button that opens its
//! file at its line and column.

use leptos::prelude::*;
use werkscan_core::authoring::Diagnostic;

use crate::sources::rendered;

/// The problems as a list of buttons; `on_pick` opens one. `class` marks the list (`blocking`
/// for problems that stop publishing).
#[component]
pub fn ProblemList(
    #[prop(into)] problems: Signal<Vec<Diagnostic>>,
    on_pick: Callback<Diagnostic>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    move || {
        problems.with(|problems| {
            (!problems.is_empty()).then(|| {
                let items = problems
                    .iter()
                    .cloned()
                    .map(|problem| {
                        let words = rendered(&problem);
                        view! {
                            <li>
                                <button type="button" class="problem link-button"
                                    data-file=problem.file.clone() data-line=problem.line data-column=problem.column
                                    on:click=move |_| on_pick.run(problem.clone())>
                                    <code>{words}</code>
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class=format!("problems {class}")>{items}</ul> }
            })
        })
    }
}
