//! The frame of every console screen: skip link, header with the role's menu, the account, the
//! language and logging out; the page heading that takes focus when a screen opens; and the
//! guard that shows a screen only to a complete login of the right role.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use werkscan_api::accounts::Role;
use werkscan_api::notifications::{Notifications, Seen, SeenBody};
use werkscan_kit::frame::{focus_on_mount, LanguageButton};

use crate::api;
use crate::notifications;
use crate::session::{self, access, use_session, Access, SessionState};
use crate::{href, BASE};

use super::{tr, Loading};

/// A menu entry: path, Dutch and English name.
type Entry = (&'static str, &'static str, &'static str);

/// The menu of a role: the screens of its working day.
fn menu(role: Role) -> &'static [Entry] {
    match role {
        Role::Expert => &[
            ("/resultaten", "Uitkomsten", "Results"),
            ("/opvolgen", "Opvolgen", "Follow up"),
            ("/afspraken", "Afspraken", "Appointments"),
            ("/beschikbaarheid", "Beschikbaarheid", "Availability"),
            ("/campagnes", "Campagnes", "Campaigns"),
            ("/logboek", "Mijn logboek", "My audit trail"),
        ],
        Role::Employer => &[("/campagnes", "Campagnes", "Campaigns")],
        Role::PracticeAdmin => &[("/praktijk", "Mijn praktijk", "My practice")],
        // Questionnaires are written in the authors' own app; the console keeps their account.
        Role::DefinitionAuthor => &[(session::AUTHOR_APP, "Vragenlijsten schrijven", "Write questionnaires")],
        Role::Admin => &[
            ("/accounts", "Accounts", "Accounts"),
            ("/organisaties", "Organisaties", "Organisations"),
            ("/praktijken", "Praktijken", "Practices"),
            ("/versies", "Vragenlijsten", "Questionnaires"),
            ("/audit", "Audit-log", "Audit log"),
        ],
    }
}

/// The arbeidsdeskundige's unread counts, shared by the menu and every screen's title; `None`
/// for other roles and until the first answer.
#[derive(Clone, Copy)]
pub struct Unread(pub RwSignal<Option<Notifications>>);

/// Keeps [`Unread`] current for an expert: asked again on every change of screen and every
/// minute, after telling the server that the screen just opened was seen.
fn follow_unread(unread: Unread, is_expert: Memo<bool>) {
    let here = here();
    let refresh = move |seen: Option<Seen>| {
        leptos::task::spawn_local(async move {
            if let Some(kind) = seen {
                let _ = api::post("/api/expert/notifications/seen", &SeenBody { kind }).await;
            }
            if let Ok(counts) = api::get::<Notifications>("/api/expert/notifications").await {
                let _ = unread.0.try_set(Some(counts));
            }
        })
    };
    Effect::new(move |_| {
        let path = here.get();
        if is_expert.get() {
            refresh(notifications::clears(&path));
        } else {
            unread.0.set(None);
        }
    });
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if is_expert.get_untracked() {
                refresh(None);
            }
        },
        std::time::Duration::from_secs(60),
    ) {
        on_cleanup(move || handle.clear());
    }
}

/// Skip link, header and the main landmark around the screens.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let state = use_session();
    // The menu only once the login is complete: a half-finished login has one way forward.
    let complete = Memo::new(move |_| match state.get() {
        SessionState::In(view) if view.pending.is_none() => Some((view.user.role, view.user.display_name.clone())),
        _ => None,
    });
    let unread = Unread(RwSignal::new(None));
    provide_context(unread);
    let is_expert = Memo::new(move |_| complete.get().is_some_and(|(role, _)| role == Role::Expert));
    follow_unread(unread, is_expert);
    let logout = Action::new_local(move |_: &()| async move {
        api::call::<serde_json::Value>("POST", "/api/logout", None::<&()>).await
    });
    Effect::new(move |_| {
        if logout.value().get().is_some() {
            // The login is another app: a page load, which leaves nothing of the console behind.
            session::leave(&werkscan_api::login::Screen::LogIn.path());
        }
    });
    // The menu on a phone: closed at first and after every change of screen, so the screen one
    // went to is what shows. On a wider screen the menu is always there and the button is not.
    let menu_open = RwSignal::new(false);
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let path = here();
    Effect::new(move |_| {
        // Read, not only tracked: a memo nobody reads is never computed, so it would never
        // tell of a change.
        path.with(|_| ());
        menu_open.set(false);
    });
    // Escape closes the open menu from anywhere in the header and puts the focus back on its
    // button, as a disclosure does.
    let close_on_escape = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" && menu_open.get_untracked() {
            event.prevent_default();
            menu_open.set(false);
            if let Some(button) = menu_button.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    let unread_total =
        move || unread.0.with(|counts| counts.as_ref().map(notifications::total)).filter(|total| *total > 0);
    view! {
        <a class="skip-link" href="#inhoud">{tr("Ga naar de inhoud", "Skip to content")}</a>
        <header class="site-header console-header" on:keydown=close_on_escape>
            <A href=href("/") attr:class="brand">{tr("Werkscan beheer", "Werkscan console")}</A>
            // The language first, so that on a phone it stays in the top row with the menu's
            // button, and the menu opens right after its button, in the order the focus goes.
            <LanguageButton/>
            {move || complete.get().map(|_| view! {
                <button type="button" class="header-link menu-toggle" node_ref=menu_button
                    aria-expanded=move || menu_open.get().to_string() aria-controls="console-nav"
                    on:click=move |_| menu_open.update(|open| *open = !*open)>
                    <span class="menu-icon" aria-hidden="true"></span>
                    {tr("Menu", "Menu")}
                    {move || unread_total().map(|count| view! {
                        <span class="badge" aria-hidden="true">{count}</span>
                        <span class="visually-hidden">{move || format!(", {count} {}", tr("nieuw", "new")())}</span>
                    })}
                </button>
            })}
            {move || complete.get().map(|(role, name)| view! {
                <div id="console-nav" class="console-nav" class:open=move || menu_open.get()>
                <nav class="console-menu" aria-label=tr("Hoofdmenu", "Main menu")>
                    <ul>
                        {menu(role).iter().map(|(path, nl, en)| {
                            // Another app (the authors'): a plain link, loaded as its own page.
                            if let Some(address) = session::other_app(path) {
                                return view! { <li><a href=address class="header-link">{tr(nl, en)}</a></li> }.into_any();
                            }
                            let count = move || unread.0.with(|counts| counts.as_ref().and_then(|counts| notifications::badge(path, counts)));
                            view! {
                                <li><A href=href(path) attr:class="header-link">
                                    {tr(nl, en)}
                                    {move || count().map(|count| view! {
                                        <span class="badge" aria-hidden="true">{count}</span>
                                        <span class="visually-hidden">{move || format!(", {count} {}", tr("nieuw", "new")())}</span>
                                    })}
                                </A></li>
                            }
                            .into_any()
                        }).collect_view()}
                    </ul>
                </nav>
                <div class="console-account">
                    <A href=href("/account") attr:class="header-link">
                        <span class="visually-hidden">{tr("Mijn account: ", "My account: ")}</span>{name}
                    </A>
                    <button type="button" class="header-link link-button" on:click=move |_| { logout.dispatch(()); }>
                        {tr("Uitloggen", "Log out")}
                    </button>
                </div>
                </div>
            })}
        </header>
        <main id="inhoud" tabindex="-1" class="console-main">{children()}</main>
    }
}

/// A screen's heading (focused when the screen opens, so a screen reader reads where one is)
/// and the browser tab's title.
#[component]
pub fn Page(title: impl Fn() -> &'static str + Copy + Send + Sync + 'static, children: Children) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    let app = tr("Werkscan beheer", "Werkscan console");
    // The unread total in front, so a tab in the background says that something arrived.
    let unread = use_context::<Unread>();
    Effect::new(move |_| {
        let total = unread.and_then(|unread| unread.0.get()).map_or(0, |counts| notifications::total(&counts));
        document().set_title(&notifications::title(total, title(), app()))
    });
    view! {
        <h1 tabindex="-1" node_ref=heading>{title}</h1>
        {children()}
    }
}

/// The path of this screen without the console's base (`/resultaten/abc`), with its query.
pub fn here() -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| {
        let path = location.pathname.get();
        let path = path.strip_prefix(BASE).filter(|rest| !rest.is_empty()).unwrap_or("/").to_owned();
        let search = location.search.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{}", search.trim_start_matches('?'))
        }
    })
}

/// Shows its children only to a complete login of one of `roles` (any role when empty); sends
/// anyone else to the login app, at the login or the step of it still open (the server sends
/// the login app for console screens without a complete login, so this is for a session that
/// ends while the console is open).
#[component]
pub fn Guard(#[prop(optional)] roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let state = use_session();
    let here = here();
    // A memo, so that a session read again with the same outcome does not rebuild the screen
    // (and lose what is typed in it).
    let access = Memo::new(move |_| access(&state.get(), roles, &here.get()));
    Effect::new(move |_| {
        if let Access::Go(address) = access.get() {
            session::leave(&address);
        }
    });
    move || {
        match access.get() {
        Access::Wait | Access::Go(_) => view! { <Loading/> }.into_any(),
        Access::Offline => view! {
            <p class="error" role="alert">{tr("Geen verbinding met de server. Probeer het zo nog eens.", "No connection to the server. Please try again shortly.")}</p>
            <button type="button" class="button" on:click=move |_| session::refresh()>{tr("Opnieuw proberen", "Try again")}</button>
        }
        .into_any(),
        Access::WrongRole => view! {
            <h1>{tr("Niet voor jouw rol", "Not for your role")}</h1>
            <p>{tr("Deze pagina hoort bij een andere rol dan die van je account.", "This page belongs to a role other than your account's.")}</p>
            <p><A href=href("/")>{tr("Naar je startpagina", "To your start page")}</A></p>
        }
        .into_any(),
        Access::Allowed => children().into_any(),
    }
    }
}
