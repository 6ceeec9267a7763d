use leptos::prelude::*;
use leptos::task::spawn_local;
use werkscan_kit::frame::focus_on_mount;
use werkscan_kit::store::BrowserStore;

use crate::api::Server;
use crate::i18n::{report_ui, tr, use_lang};
use crate::sharing::{withdraw_with_code, CodeProblem};

/// Where the screen is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Typing the code.
    Typing,
    /// Asked: sure?
    Confirming,
    /// The request is under way.
    Sending,
    /// Withdrawn.
    Done,
}

/// `/intrekken`: withdrawing an upload with its withdrawal code, from any device. The code is
/// checked on the phone first (a typing error never reaches the server), and the person is asked
/// once before anything is deleted.
#[component]
pub fn Withdraw() -> impl IntoView {
    let lang = use_lang();
    let typed = RwSignal::new(String::new());
    let stage = RwSignal::new(Stage::Typing);
    let problem = RwSignal::new(None::<CodeProblem>);
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);

    let check = move |_| match werkscan_core::withdrawal_code::normalise(&typed.get_untracked()) {
        Some(code) => {
            typed.set(code);
            problem.set(None);
            stage.set(Stage::Confirming);
        }
        None => problem.set(Some(CodeProblem::Malformed)),
    };
    let withdraw = move |_| {
        stage.set(Stage::Sending);
        spawn_local(async move {
            match withdraw_with_code(&BrowserStore, &Server, &typed.get_untracked()).await {
                Ok(_) => stage.set(Stage::Done),
                Err(reason) => {
                    problem.set(Some(reason));
                    stage.set(Stage::Typing);
                }
            }
        });
    };
    let message = move || {
        let ui = report_ui(lang.get());
        problem.get().map(|problem| match problem {
            CodeProblem::Malformed => ui.code_malformed.to_owned(),
            CodeProblem::Unknown => ui.code_unknown.to_owned(),
            CodeProblem::TooManyWrong => ui.code_too_many.to_owned(),
            CodeProblem::Offline => ui.withdraw_needs_connection.to_owned(),
            CodeProblem::Other(message) => message,
        })
    };

    view! {
        <div class="page withdraw">
            <h1 node_ref=heading tabindex="-1">{tr(|u| u.withdraw_title)}</h1>
            {move || match stage.get() {
                Stage::Done => view! {
                    <p class="notice" role="status">{tr(|u| u.code_done)}</p>
                    <p class="actions">
                        <button type="button" class="button button-secondary" on:click=move |_| { typed.set(String::new()); stage.set(Stage::Typing) }>{tr(|u| u.code_another)}</button>
                        <a class="button button-secondary" href="/">{tr(|u| u.to_start)}</a>
                    </p>
                }
                .into_any(),
                Stage::Confirming | Stage::Sending => view! {
                    <p>{tr(|u| u.code_label)}": "<strong class="withdrawal-code" translate="no">{typed.get_untracked()}</strong></p>
                    <div class="confirm-box" role="group" aria-labelledby="code-question">
                        <p id="code-question"><strong>{tr(|u| u.code_confirm)}</strong></p>
                        <div class="confirm">
                            <button type="button" class="button button-danger" disabled=move || stage.get() == Stage::Sending on:click=withdraw>{tr(|u| u.withdraw_yes)}</button>
                            <button type="button" class="button button-secondary" on:click=move |_| stage.set(Stage::Typing)>{tr(|u| u.code_back)}</button>
                        </div>
                    </div>
                }
                .into_any(),
                Stage::Typing => view! {
                    <p>{tr(|u| u.withdraw_intro)}</p>
                    <form class="code-form" on:submit=move |ev| { ev.prevent_default(); check(()) }>
                        <label for="withdrawal-code">{tr(|u| u.code_label)}</label>
                        <p id="code-hint" class="hint">{tr(|u| u.code_hint)}</p>
                        <input
                            id="withdrawal-code"
                            type="text"
                            autocomplete="off"
                            autocapitalize="characters"
                            spellcheck="false"
                            aria-describedby="code-hint code-error"
                            aria-invalid=move || problem.get().is_some().to_string()
                            prop:value=typed
                            on:input=move |ev| typed.set(event_target_value(&ev))
                        />
                        <p id="code-error" class="error" role="alert">{message}</p>
                        <button type="submit" class="button">{tr(|u| u.code_submit)}</button>
                    </form>
                }
                .into_any(),
            }}
        </div>
    }
}
