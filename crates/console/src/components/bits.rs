//! Small pieces that several screens show the same way.

use leptos::prelude::*;
use werkscan_kit::i18n::use_lang;

use crate::api::AuditEntry;
use crate::words;

use super::tr;

/// A result's strongest signal: icon and words, never colour alone.
#[component]
pub fn SignalBadge(#[prop(into)] signal: String) -> impl IntoView {
    let lang = use_lang();
    let (class, icon) = match signal.as_str() {
        "attention" => ("badge signal-attention", "◆"),
        "watch" => ("badge signal-watch", "!"),
        "good" => ("badge signal-good", "✓"),
        _ => ("badge signal-none", "–"),
    };
    view! {
        <span class=class><span aria-hidden="true">{icon}" "</span>{move || words::signal(lang.get(), &signal)}</span>
    }
}

/// An audit trail as a table, newest first.
#[component]
pub fn AuditTable(entries: Vec<AuditEntry>, show_actor: bool) -> impl IntoView {
    let lang = use_lang();
    if entries.is_empty() {
        return view! { <p>{tr("Nog niets vastgelegd.", "Nothing recorded yet.")}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="data audit">
                <thead><tr>
                    <th scope="col">{tr("Wanneer", "When")}</th>
                    {show_actor.then(|| view! { <th scope="col">{tr("Wie", "Who")}</th> })}
                    <th scope="col">{tr("Wat", "What")}</th>
                    <th scope="col">{tr("Uitkomst", "Result")}</th>
                    <th scope="col">{tr("Campagne", "Campaign")}</th>
                </tr></thead>
                <tbody>
                    {entries.into_iter().map(|entry| {
                        let at = entry.at.clone();
                        let action = entry.action.clone();
                        view! {
                            <tr>
                                <td>{move || words::moment(lang.get(), &at)}</td>
                                {show_actor.then(|| view! { <td>{entry.actor.clone()}</td> })}
                                <td>{move || words::audit_action(lang.get(), &action)}</td>
                                <td><code>{entry.submission_id.as_deref().map(short_id).unwrap_or("–").to_owned()}</code></td>
                                <td><code>{entry.campaign_id.as_deref().map(short_id).unwrap_or("–").to_owned()}</code></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The first eight characters of an id: enough to tell entries apart on screen.
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}
