//! Reusable pieces of the screens.

mod question;
mod report_view;
mod share;

pub use question::Question;
pub use report_view::ReportView;
pub use share::SharePanel;

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves focus to the element once it is on the page, so that a screen reader reads the new
/// screen or question at once (the introduction, each question, the campaign invitation and the
/// report use it).
pub fn focus_on_mount<E>(node: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        if let Some(element) = node.get() {
            let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    });
}
