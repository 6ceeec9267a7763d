//! Small pieces that several screens show the same way.

use leptos::prelude::*;
use werkscan_api::audit::AuditEntry;
use werkscan_api::expert::StrongestSignal;
use werkscan_kit::i18n::use_lang;

use super::tr;
use crate::words;

/// A result's strongest signal: icon and words, never colour alone.
#[component]
pub fn SignalBadge(signal: StrongestSignal) -> impl IntoView {
    let lang = use_lang();
    let icon = match signal {
        StrongestSignal::Attention => "◆",
        StrongestSignal::Watch => "!",
        StrongestSignal::Good => "✓",
        StrongestSignal::None => "–",
    };
    view! {
        <span class=format!("badge signal-{signal}")><span aria-hidden="true">{icon}" "</span>{move || words::signal(lang.get(), signal)}</span>
    }
}

/// An audit trail as a table, newest first: when, who, what, and what it concerned in words.
/// On a phone each line is a card (`table.stack`), so nothing scrolls sideways.
#[component]
pub fn AuditTable(entries: Vec<AuditEntry>, show_actor: bool) -> impl IntoView {
    let lang = use_lang();
    if entries.is_empty() {
        return view! { <p>{tr("Nog niets vastgelegd.", "Nothing recorded yet.")}</p> }.into_any();
    }
    view! {
        <table class="data audit stack">
            <caption class="visually-hidden">{tr("Logboek", "Audit trail")}</caption>
            <thead><tr>
                <th scope="col">{tr("Wanneer", "When")}</th>
                {show_actor.then(|| view! { <th scope="col">{tr("Wie", "Who")}</th> })}
                <th scope="col">{tr("Wat", "What")}</th>
                <th scope="col">{tr("Betreft", "Concerns")}</th>
            </tr></thead>
            <tbody>
                {entries.into_iter().map(|entry| {
                    let at = entry.at.clone();
                    let action = entry.action.clone();
                    let actor = if entry.actor.is_empty() { "–".to_owned() } else { entry.actor.clone() };
                    view! {
                        <tr>
                            <td data-label=tr("Wanneer", "When")>{move || words::moment(lang.get(), &at)}</td>
                            {show_actor.then(|| view! { <td data-label=tr("Wie", "Who")>{actor}</td> })}
                            <td data-label=tr("Wat", "What")>{move || words::audit_action(lang.get(), &action)}</td>
                            <td data-label=tr("Betreft", "Concerns")>{move || words::audit_target(lang.get(), &entry)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The first eight characters of an id: enough to tell entries apart on screen.
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}
