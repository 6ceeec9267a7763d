//! Pieces every screen of the console uses: the layout with the menu of the role, the page
//! with its title and heading, the guard that lets only the right login in, and the ways to
//! say that something is loading, went wrong or is done.

mod bits;
mod feedback;
mod layout;

pub use bits::{short_id, AuditTable, SignalBadge};
pub use feedback::{loaded, Loading, Problem, ProblemOf};
pub use layout::{Guard, Layout, Page};

use leptos::prelude::*;
use werkscan_core::Lang;
use werkscan_kit::i18n::use_lang;

/// A sentence of the console in the current language, Dutch and English side by side where it
/// is used (the console has no byte budget to keep them in tables).
pub fn tr(nl: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || match lang.get() {
        Lang::Nl => nl,
        Lang::En => en,
    }
}
