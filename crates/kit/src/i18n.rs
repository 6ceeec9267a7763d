//! Language plumbing shared by the apps: the current language as a signal in context, reading a
//! sentence from an app's own table in it, and the few sentences of the frame around every page.
//! Each app keeps its own sentences (Dutch at B1 level first, English second); questionnaire text
//! comes from the definitions.

use leptos::prelude::*;
use werkscan_core::{Lang, Text};

use crate::store::{load_lang, Store};

/// The current language, provided once at the start of an app.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

/// Provides the language for an app: Dutch unless the person chose English on this device
/// before. Keeps `<html lang>` right so screen readers pronounce Dutch as Dutch.
pub fn provide_language(store: &dyn Store) -> RwSignal<Lang> {
    let lang = RwSignal::new(load_lang(store).unwrap_or_default());
    provide_context(Language(lang));
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().tag());
        }
    });
    lang
}

/// The language signal from context.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<Language>().0
}

/// One of an app's own sentences in the current language, from its table. A `Signal` rather
/// than a closure per call: every sentence shares one render path in the WebAssembly, which keeps
/// the scan app within its byte budget.
pub fn text<T: 'static>(table: fn(Lang) -> &'static T, pick: fn(&T) -> &'static str) -> Signal<&'static str> {
    let lang = use_lang();
    Signal::derive(move || pick(table(lang.get())))
}

/// A definition's text in the current language (see [`text`] for why a `Signal`).
pub fn tx(text: &Text) -> Signal<String> {
    let lang = use_lang();
    let text = text.clone();
    Signal::derive(move || text.get(lang.get()).to_owned())
}

/// The frame's sentences: kept in the core, where the server reads them too when it draws a
/// first screen into a page.
pub use werkscan_core::screen_words::{frame_ui, FrameUi};
