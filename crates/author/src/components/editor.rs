//! The files of a version as tabs, each a plain `<textarea>` with its line numbers beside it.
//! Plain on purpose: no third-party editor, nothing fetched, the browser's own undo, and the Tab
//! key moves on to the next control as everywhere else (it is never trapped). A problem opens
//! its file and puts the caret on its line and column.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use werkscan_api::author::SourceText;
use werkscan_core::authoring::Diagnostic;

use super::tr;
use crate::sources::{caret_offset, file_index, file_name, line_count, line_numbers};

fn tab_id(index: usize) -> String {
    format!("file-tab-{index}")
}

fn panel_id(index: usize) -> String {
    format!("file-panel-{index}")
}

fn textarea_id(index: usize) -> String {
    format!("file-text-{index}")
}

fn gutter_id(index: usize) -> String {
    format!("file-lines-{index}")
}

/// The textarea of file `index`, once it is on the page.
fn textarea(index: usize) -> Option<web_sys::HtmlTextAreaElement> {
    document().get_element_by_id(&textarea_id(index))?.dyn_into().ok()
}

/// Keeps the line numbers beside the text when it scrolls.
fn follow_scroll(index: usize) {
    if let (Some(text), Some(lines)) = (textarea(index), document().get_element_by_id(&gutter_id(index))) {
        lines.set_scroll_top(text.scroll_top());
    }
}

/// Opens the file of a problem and puts the caret at its line and column, with the keyboard
/// focus on the text, so the author can mend it at once.
pub fn focus_problem(files: &[SourceText], active: RwSignal<usize>, diagnostic: &Diagnostic) {
    let Some(index) = file_index(files, diagnostic) else { return };
    let offset = caret_offset(&files[index].contents, diagnostic.line, diagnostic.column);
    let (line, lines) = (diagnostic.line, line_count(&files[index].contents));
    active.set(index);
    // After the tab's panel is shown (the switch above is drawn before the next frame).
    request_animation_frame(move || {
        let Some(text) = textarea(index) else { return };
        let _ = text.focus();
        let _ = text.set_selection_range(offset, offset);
        // The line in view, a few lines from the top, whatever the browser did on its own.
        let line_height = f64::from(text.scroll_height()) / lines.max(1) as f64;
        text.set_scroll_top((line_height * line.saturating_sub(4) as f64) as i32);
        follow_scroll(index);
    });
}

/// The files as tabs, each with its text and line numbers. `on_edit` runs after every change of
/// a text (already written into `files`); `problems` counts the problems per file for the tabs.
#[component]
pub fn SourceEditor(
    files: RwSignal<Vec<SourceText>>,
    active: RwSignal<usize>,
    #[prop(into)] problems: Signal<Vec<Diagnostic>>,
    on_edit: Callback<()>,
) -> impl IntoView {
    let count = files.with_untracked(Vec::len);
    let names: Vec<(String, String)> = files.with_untracked(|files| {
        files.iter().map(|file| (file.path.clone(), file_name(&file.path).to_owned())).collect()
    });
    // Arrow keys, Home and End move between the tabs (the tabs pattern); Tab leaves the list.
    let on_tab_key = move |event: leptos::ev::KeyboardEvent| {
        let current = active.get_untracked();
        let next = match event.key().as_str() {
            "ArrowRight" => (current + 1) % count,
            "ArrowLeft" => (current + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        event.prevent_default();
        active.set(next);
        if let Some(tab) = document().get_element_by_id(&tab_id(next)) {
            let _ = tab.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    let tabs = names
        .iter()
        .enumerate()
        .map(|(index, (path, name))| {
            let selected = move || active.get() == index;
            let path_for_count = path.clone();
            let count = move || problems.with(|all| all.iter().filter(|problem| problem.file == path_for_count).count());
            view! {
                <button
                    type="button"
                    role="tab"
                    id=tab_id(index)
                    class="file-tab"
                    aria-selected=move || selected().to_string()
                    aria-controls=panel_id(index)
                    tabindex=move || if selected() { "0" } else { "-1" }
                    title=path.clone()
                    on:click=move |_| active.set(index)
                >
                    {name.clone()}
                    {move || (count() > 0).then(|| view! {
                        <span class="badge problem-count">{count()}<span class="visually-hidden">{tr(" problemen", " problems")}</span></span>
                    })}
                </button>
            }
        })
        .collect_view();
    let panels = names
        .into_iter()
        .enumerate()
        .map(|(index, (path, name))| {
            let initial = files.with_untracked(|files| files[index].contents.clone());
            let lines = Memo::new(move |_| files.with(|files| files.get(index).map_or(1, |file| line_count(&file.contents))));
            let numbers = Memo::new(move |_| line_numbers(lines.get()));
            let label = format!("{name} ({path})");
            view! {
                <div role="tabpanel" id=panel_id(index) aria-labelledby=tab_id(index) class="file-panel" hidden=move || active.get() != index>
                    <label class="file-label" for=textarea_id(index)>{label}</label>
                    <div class="source">
                        <pre class="gutter" id=gutter_id(index) aria-hidden="true">{numbers}</pre>
                        <textarea
                            id=textarea_id(index)
                            class="source-text"
                            spellcheck="false"
                            autocomplete="off"
                            autocapitalize="off"
                            wrap="off"
                            aria-describedby="editor-hint"
                            prop:value=initial
                            on:input=move |event| {
                                let text = event_target_value(&event);
                                files.update(|files| if let Some(file) = files.get_mut(index) { file.contents = text });
                                on_edit.run(());
                            }
                            on:scroll=move |_| follow_scroll(index)
                        ></textarea>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="file-tabs" role="tablist" aria-label=tr("Bestanden van deze versie", "Files of this version") on:keydown=on_tab_key>
            {tabs}
        </div>
        {panels}
        <p id="editor-hint" class="meta">{tr(
            "Met Tab ga je naar het volgende onderdeel. Elk probleem staat onder de bestanden; kies er een om ernaartoe te gaan.",
            "Tab moves on to the next control. Every problem is listed below the files; choose one to go to it.",
        )}</p>
    }
}
