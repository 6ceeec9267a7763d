//! Werkscan's staff login (`/beheer/login/`): the e-mail address and password, a new password
//! after a reset, setting up or giving the second factor, and choosing a password with the
//! one-time link from an e-mail; then the role's first screen or the screen the person wanted.
//!
//! A Leptos app of its own, kept small: it is all a member of staff downloads before the login
//! screen is usable, and the server sends its page for every staff screen (the console's, the
//! authors' app's) until a login is complete, so nobody downloads the console to log in. No
//! router: the screen follows from the address and the session (one signal each). Where a
//! person goes is `werkscan_api::login`, the rules the console and the authors' app follow too.

#![warn(missing_docs)]

use leptos::prelude::*;
use werkscan_api::accounts::{
    ChoosePassword, Code, LinkToken, LinkView, LoginRequest, PasswordChange, RecoveryCodes, SecondFactorSetup,
    SessionView,
};
use werkscan_api::login::{after_login, wanted_from_query, with_wanted, Screen};
use werkscan_core::Lang;
use werkscan_kit::frame::{focus_on_mount, LanguageButton};
use werkscan_kit::i18n::use_lang;
use werkscan_kit::store::BrowserStore;

pub mod api;
pub mod words;

use api::ApiError;

/// Where the login stands with the server.
#[derive(Clone, Debug, PartialEq)]
// The lint fires only where pointers are 64 bits wide (the host's checks), not in the browser's
// 32-bit build.
#[cfg_attr(
    target_pointer_width = "64",
    expect(
        clippy::large_enum_variant,
        reason = "one value at a time, held in a signal: boxing the large variant would add an allocation and code for no memory saved"
    )
)]
enum Known {
    /// Asking the server.
    Asking,
    /// The server could not be reached.
    Offline,
    /// The session (`None`: nobody logged in).
    Session(Option<SessionView>),
}

/// What the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Showing {
    /// "Laden…" (asking, or leaving for another app).
    Waiting,
    /// The server could not be reached.
    Offline,
    /// A screen of the login.
    Screen(Screen),
}

/// The page's context: the session, the screen the address asked for, and the staff screen the
/// person wanted (to go to after logging in).
#[derive(Clone, Copy)]
struct Login {
    known: RwSignal<Known>,
    wanted: StoredValue<Option<String>>,
}

impl Login {
    /// Takes a session the server gave, with its CSRF token.
    fn set(self, session: Option<SessionView>) {
        if let Some(view) = &session {
            api::set_csrf(&view.csrf_token);
        }
        self.known.set(Known::Session(session));
    }

    /// Asks the server for the session.
    async fn reload(self) {
        match api::call::<Option<SessionView>>("GET", "/api/session", None::<&()>).await {
            Ok(session) => self.set(session),
            Err(_) => self.known.set(Known::Offline),
        }
    }

    /// After a step: the next step, or, with the login complete, the screen wanted or the role's
    /// first screen (another app: a page load).
    async fn continue_login(self) {
        self.reload().await;
        if let Known::Session(Some(view)) = self.known.get_untracked() {
            if view.pending.is_none() {
                leave(&after_login(view.user.role, self.wanted.get_value().as_deref()));
            }
        }
    }
}

/// Loads another page in place of this one (the console, the authors' app), once. A finished
/// login can ask twice (the step that finished it, and the screen that then shows "waiting"); a
/// second `location.replace` would abort the first page load and start it again.
fn leave(address: &str) {
    thread_local!(static LEFT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if !LEFT.with(|left| left.replace(true)) {
        let _ = window().location().replace(address);
    }
}

/// A sentence in the current language, Dutch and English side by side where it is used.
fn tr(nl: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || match lang.get() {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// The login app.
#[component]
pub fn App() -> impl IntoView {
    werkscan_kit::i18n::provide_language(&BrowserStore);
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    // Served for a staff screen while nobody is logged in: that screen is where to come back to.
    let asked = Screen::of_path(&path);
    let wanted = match asked {
        Some(_) => wanted_from_query(&search),
        None => Some(format!("{path}{search}")),
    };
    let asked = asked.unwrap_or(Screen::LogIn);
    let login = Login { known: RwSignal::new(Known::Asking), wanted: StoredValue::new(wanted) };
    provide_context(login);
    leptos::task::spawn_local(login.reload());
    let showing = Memo::new(move |_| match login.known.get() {
        Known::Asking => Showing::Waiting,
        Known::Offline => Showing::Offline,
        Known::Session(None) if asked == Screen::ChoosePassword => Showing::Screen(Screen::ChoosePassword),
        Known::Session(None) => Showing::Screen(Screen::LogIn),
        Known::Session(Some(view)) => match view.pending {
            Some(pending) => Showing::Screen(Screen::of_pending(pending)),
            // Complete: what one may do any time (a new password, a second factor, a link),
            // or else on to work.
            None if asked != Screen::LogIn && asked != Screen::SecondFactor => Showing::Screen(asked),
            None => Showing::Waiting,
        },
    });
    Effect::new(move |_| match showing.get() {
        Showing::Screen(screen) => keep_address(screen, login.wanted.get_value().as_deref()),
        Showing::Waiting => {
            if let Known::Session(Some(view)) = login.known.get() {
                leave(&after_login(view.user.role, login.wanted.get_value().as_deref()));
            }
        }
        Showing::Offline => {}
    });
    view! {
        <Layout>
            {move || match showing.get() {
                Showing::Waiting => view! { <Loading/> }.into_any(),
                Showing::Offline => view! {
                    <p class="error" role="alert">{tr("Geen verbinding met de server. Probeer het zo nog eens.", "No connection to the server. Please try again shortly.")}</p>
                    <button type="button" class="button" on:click=move |_| {
                        login.known.set(Known::Asking);
                        leptos::task::spawn_local(login.reload());
                    }>{tr("Opnieuw proberen", "Try again")}</button>
                }.into_any(),
                Showing::Screen(Screen::LogIn) => view! { <LogIn/> }.into_any(),
                Showing::Screen(Screen::NewPassword) => view! { <NewPassword/> }.into_any(),
                Showing::Screen(Screen::ChoosePassword) => view! { <ChoosePasswordWithLink/> }.into_any(),
                Showing::Screen(Screen::SecondFactor) => view! { <GiveSecondFactor/> }.into_any(),
                Showing::Screen(Screen::SetUpSecondFactor) => view! { <SetUpSecondFactor/> }.into_any(),
            }}
        </Layout>
    }
}

/// Puts the screen's own address in the address bar (without a new history entry), so a reload
/// shows the same step. A link's token stays in the fragment, where it was.
fn keep_address(screen: Screen, wanted: Option<&str>) {
    let location = window().location();
    let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let address = with_wanted(screen, wanted);
    if here != address && screen != Screen::ChoosePassword {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
        }
    }
}

/// Skip link, header (the name, the language) and the main landmark.
#[component]
fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#inhoud">{tr("Ga naar de inhoud", "Skip to content")}</a>
        <header class="site-header console-header">
            <span class="brand">{tr("Werkscan beheer", "Werkscan console")}</span>
            <LanguageButton/>
        </header>
        <main id="inhoud" tabindex="-1" class="console-main">{children()}</main>
    }
}

/// A screen's heading (focused when the screen opens, so a screen reader reads where one is)
/// and the browser tab's title.
#[component]
fn Page(title: impl Fn() -> &'static str + Copy + Send + Sync + 'static, children: Children) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    let app = tr("Werkscan beheer", "Werkscan console");
    Effect::new(move |_| document().set_title(&format!("{} – {}", title(), app())));
    view! {
        <h1 tabindex="-1" node_ref=heading>{title}</h1>
        {children()}
    }
}

/// "Laden…", announced politely.
#[component]
fn Loading() -> impl IntoView {
    view! { <p class="meta" role="status">{tr("Laden…", "Loading…")}</p> }
}

/// The refusal of an action's last run, if it failed, announced at once.
#[component]
fn ProblemOf<T: Clone + Send + Sync + 'static>(
    #[prop(into)] outcome: Signal<Option<Result<T, ApiError>>>,
) -> impl IntoView {
    let lang = use_lang();
    move || match outcome.get() {
        Some(Err(error)) => {
            Some(view! { <p class="error" role="alert">{move || words::error(lang.get(), &error)}</p> })
        }
        _ => None,
    }
}

/// E-mail address and password.
#[component]
fn LogIn() -> impl IntoView {
    let login = expect_context::<Login>();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let send = Action::new_local(|(email, password): &(String, String)| {
        let (email, password) = (email.clone(), password.clone());
        async move { api::call::<SessionView>("POST", "/api/login", Some(&LoginRequest { email, password })).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(view)) = send.value().get() {
            password.set(String::new());
            login.set(Some(view));
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        send.dispatch((email.get_untracked(), password.get_untracked()));
    };
    view! {
        <Page title=tr("Inloggen", "Log in")>
            <p>{tr(
                "Voor arbeidsdeskundigen, werkgevers en beheerders. Werknemers hebben geen account nodig: zij openen de link van hun campagne.",
                "For labour experts, employers and administrators. Employees need no account: they open their campaign's link.",
            )}</p>
            // A person who starts typing here is logging in: the console's files come meanwhile.
            <form class="console-form narrow" on:submit=submit on:input=move |_| prefetch_console(login, false)>
                <label for="email">{tr("E-mailadres", "E-mail address")}</label>
                <input id="email" type="email" autocomplete="username" required
                    prop:value=email on:input=move |event| email.set(event_target_value(&event))/>
                <label for="password">{tr("Wachtwoord", "Password")}</label>
                <input id="password" type="password" autocomplete="current-password" required
                    prop:value=password on:input=move |event| password.set(event_target_value(&event))/>
                <ProblemOf outcome=send.value()/>
                <button type="submit" class="button" disabled=move || send.pending().get()>{tr("Inloggen", "Log in")}</button>
            </form>
        </Page>
    }
}

/// A new password: required after an admin reset it (the login's first step then), and
/// possible any time from the console's account screen.
#[component]
fn NewPassword() -> impl IntoView {
    let login = expect_context::<Login>();
    let required = Memo::new(move |_| {
        matches!(
            login.known.get(),
            Known::Session(Some(SessionView { pending: Some(werkscan_api::accounts::Pending::PasswordChange), .. }))
        )
    });
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let mismatch = RwSignal::new(false);
    let change = Action::new_local(|(current, new): &(String, String)| {
        let (current, new) = (current.clone(), new.clone());
        async move { api::post("/api/account/password", &PasswordChange { current, new }).await }
    });
    let done = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            current.set(String::new());
            new.set(String::new());
            repeat.set(String::new());
            if required.get_untracked() {
                leptos::task::spawn_local(login.continue_login());
            } else {
                done.set(true);
                // The session's token and CSRF token changed with the password.
                leptos::task::spawn_local(login.reload());
            }
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(false);
        let differ = new.get_untracked() != repeat.get_untracked();
        mismatch.set(differ);
        if !differ {
            change.dispatch((current.get_untracked(), new.get_untracked()));
        }
    };
    view! {
        <Page title=tr("Nieuw wachtwoord", "New password")>
            <Show when=move || required.get()>
                <p>{tr(
                    "Je hebt een tijdelijk wachtwoord gekregen. Kies nu een eigen wachtwoord; het tijdelijke werkt daarna niet meer.",
                    "You were given a temporary password. Choose your own password now; the temporary one stops working.",
                )}</p>
            </Show>
            <form class="console-form narrow" on:submit=submit>
                <label for="current">{move || if required.get() { tr("Tijdelijk wachtwoord", "Temporary password")() } else { tr("Huidig wachtwoord", "Current password")() }}</label>
                <input id="current" type="password" autocomplete="current-password" required
                    prop:value=current on:input=move |event| current.set(event_target_value(&event))/>
                <NewPasswordFields new repeat mismatch/>
                <ProblemOf outcome=change.value()/>
                <Show when=move || done.get()>
                    <p class="saved" role="status">{tr("Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd.", "Your password was changed. Your other sessions were ended.")}</p>
                </Show>
                <button type="submit" class="button" disabled=move || change.pending().get()>{tr("Wachtwoord opslaan", "Save password")}</button>
            </form>
            <Show when=move || !required.get()>
                <p><a href="/beheer/account">{tr("Terug naar mijn account", "Back to my account")}</a></p>
            </Show>
        </Page>
    }
}

/// Choosing a password with the one-time link from an e-mail (a new account, or after an admin
/// sent a reset link). No session is needed: the link is the proof. The token stays in the
/// fragment, which browsers never send to a server.
#[component]
fn ChoosePasswordWithLink() -> impl IntoView {
    let token = window().location().hash().unwrap_or_default().trim_start_matches('#').to_owned();
    let link = {
        let token = token.clone();
        LocalResource::new(move || {
            let token = token.clone();
            async move { api::call::<LinkView>("POST", "/api/password-link/check", Some(&LinkToken { token })).await }
        })
    };
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let mismatch = RwSignal::new(false);
    let choose = Action::new_local(move |password: &String| {
        let (token, password) = (token.clone(), password.clone());
        async move { api::post("/api/password-link", &ChoosePassword { token, password }).await }
    });
    let chosen = move || matches!(choose.value().get(), Some(Ok(())));
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let differ = new.get_untracked() != repeat.get_untracked();
        mismatch.set(differ);
        if !differ {
            choose.dispatch(new.get_untracked());
        }
    };
    let lang = use_lang();
    view! {
        <Page title=tr("Wachtwoord kiezen", "Choose a password")>
            {move || if chosen() {
                view! {
                    <p class="saved" role="status">{tr("Je wachtwoord is opgeslagen. Je kunt nu inloggen.", "Your password was saved. You can log in now.")}</p>
                    <p><a href="/beheer/login/">{tr("Naar inloggen", "To log in")}</a></p>
                }.into_any()
            } else {
                match link.get() {
                    None => view! { <Loading/> }.into_any(),
                    Some(Err(error)) => view! { <p class="error" role="alert">{move || words::error(lang.get(), &error)}</p> }.into_any(),
                    Some(Ok(link)) => view! {
                        <p>{tr("Kies een wachtwoord voor ", "Choose a password for ")}<strong>{link.email.clone()}</strong>"."</p>
                        <form class="console-form narrow" on:submit=submit>
                            // For password managers: the account the new password belongs to.
                            <input type="email" autocomplete="username" hidden readonly prop:value=link.email.clone()/>
                            <NewPasswordFields new repeat mismatch/>
                            <ProblemOf outcome=choose.value()/>
                            <button type="submit" class="button" disabled=move || choose.pending().get()>{tr("Wachtwoord opslaan", "Save password")}</button>
                        </form>
                    }.into_any(),
                }
            }}
        </Page>
    }
}

/// A new password typed twice, with the hint and the refusal when the two differ (the caller
/// sets `mismatch` when it compares them on sending).
#[component]
fn NewPasswordFields(new: RwSignal<String>, repeat: RwSignal<String>, mismatch: RwSignal<bool>) -> impl IntoView {
    view! {
        <label for="new">{tr("Nieuw wachtwoord", "New password")}</label>
        <p class="hint" id="new-hint">{tr("Minstens 10 tekens. Een zin van een paar woorden is sterk en goed te onthouden.", "At least 10 characters. A sentence of a few words is strong and easy to remember.")}</p>
        <input id="new" type="password" autocomplete="new-password" required minlength="10" aria-describedby="new-hint"
            prop:value=new on:input=move |event| new.set(event_target_value(&event))/>
        <label for="repeat">{tr("Nieuw wachtwoord nog een keer", "New password again")}</label>
        <input id="repeat" type="password" autocomplete="new-password" required
            aria-invalid=move || mismatch.get().to_string()
            prop:value=repeat on:input=move |event| repeat.set(event_target_value(&event))/>
        <Show when=move || mismatch.get()>
            <p class="error" role="alert">{tr("De twee nieuwe wachtwoorden zijn niet gelijk.", "The two new passwords are not the same.")}</p>
        </Show>
    }
}

/// The code from the authenticator app (or a recovery code).
#[component]
fn GiveSecondFactor() -> impl IntoView {
    let login = expect_context::<Login>();
    prefetch_console(login, true);
    let code = RwSignal::new(String::new());
    let verify = Action::new_local(|code: &String| {
        let code = code.clone();
        async move { api::post("/api/account/second-factor/verify", &Code { code }).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = verify.value().get() {
            leptos::task::spawn_local(login.continue_login());
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        verify.dispatch(code.get_untracked());
    };
    view! {
        <Page title=tr("Tweede stap", "Second step")>
            <p>{tr(
                "Open de authenticator-app op je telefoon en vul de code van zes cijfers in. Heb je je telefoon niet bij de hand? Gebruik dan een van je herstelcodes.",
                "Open the authenticator app on your phone and enter the six-digit code. Don't have your phone at hand? Use one of your recovery codes.",
            )}</p>
            <form class="console-form narrow" on:submit=submit>
                <label for="code">{tr("Code", "Code")}</label>
                <input id="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="11" class="code-input"
                    prop:value=code on:input=move |event| code.set(event_target_value(&event))/>
                <ProblemOf outcome=verify.value()/>
                <button type="submit" class="button" disabled=move || verify.pending().get()>{tr("Verder", "Continue")}</button>
            </form>
        </Page>
    }
}

/// A second factor (required for experts, admins and authors before any work, possible for
/// employers), then the recovery codes, once.
#[component]
fn SetUpSecondFactor() -> impl IntoView {
    let login = expect_context::<Login>();
    prefetch_console(login, true);
    let lang = use_lang();
    let setup = LocalResource::new(|| async {
        api::call::<SecondFactorSetup>("POST", "/api/account/second-factor/setup", None::<&()>).await
    });
    let code = RwSignal::new(String::new());
    let confirm = Action::new_local(|code: &String| {
        let code = code.clone();
        async move { api::call::<RecoveryCodes>("POST", "/api/account/second-factor/confirm", Some(&Code { code })).await }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        confirm.dispatch(code.get_untracked());
    };
    let saved = RwSignal::new(false);
    let steps = move || match setup.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => {
            view! { <p class="error" role="alert">{move || words::error(lang.get(), &error)}</p> }.into_any()
        }
        Some(Ok(setup)) => {
            let grouped = group_secret(&setup.secret);
            view! {
                <ol class="steps">
                    <li>{tr(
                        "Installeer een authenticator-app op je telefoon, als je er nog geen hebt (bijvoorbeeld de app van je organisatie, FreeOTP of een andere app voor eenmalige codes).",
                        "Install an authenticator app on your phone if you have none yet (for example your organisation's app, FreeOTP or another app for one-time codes).",
                    )}</li>
                    <li>
                        {tr("Scan deze QR-code met de app.", "Scan this QR code with the app.")}
                        <div class="qr" role="img" aria-label=tr("QR-code voor de authenticator-app", "QR code for the authenticator app") inner_html=setup.qr_svg></div>
                        {tr("Lukt scannen niet? Typ dan deze sleutel in de app:", "Cannot scan? Type this key into the app instead:")}
                        " "<code class="secret">{grouped}</code>
                    </li>
                    <li>
                        <form class="console-form narrow" on:submit=submit>
                            <label for="code">{tr("Vul de code van zes cijfers uit de app in", "Enter the six-digit code from the app")}</label>
                            <input id="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="7" class="code-input"
                                prop:value=code on:input=move |event| code.set(event_target_value(&event))/>
                            <ProblemOf outcome=confirm.value()/>
                            <button type="submit" class="button" disabled=move || confirm.pending().get()>{tr("Bevestigen", "Confirm")}</button>
                        </form>
                    </li>
                </ol>
            }
            .into_any()
        }
    };
    view! {
        <Page title=tr("Tweede stap instellen", "Set up a second step")>
            <p>{tr(
                "Wie uitkomsten van werknemers kan zien, logt in met twee stappen: het wachtwoord en een code die elke 30 seconden verandert. Zo blijft een uitgelekt wachtwoord alleen niet genoeg.",
                "Whoever can see employees' results logs in with two steps: the password and a code that changes every 30 seconds. A leaked password alone is then not enough.",
            )}</p>
            {move || match confirm.value().get() {
                Some(Ok(codes)) => {
                    let text = codes.recovery_codes.join("\n");
                    view! {
                        <section aria-labelledby="codes-title" class="card">
                            <h2 id="codes-title" tabindex="-1">{tr("Je herstelcodes", "Your recovery codes")}</h2>
                            <p role="status">{tr(
                                "De tweede stap staat aan. Bewaar deze codes op een veilige plek, los van je telefoon. Elke code werkt één keer, als je je telefoon niet bij de hand hebt. Je ziet ze maar één keer.",
                                "The second step is on. Keep these codes in a safe place, apart from your phone. Each code works once, when you do not have your phone at hand. You see them only once.",
                            )}</p>
                            <ul class="recovery-codes">
                                {codes.recovery_codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                            </ul>
                            <p class="actions">
                                <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>{tr("Afdrukken", "Print")}</button>
                                <button type="button" class="button button-secondary" on:click=move |_| werkscan_kit::file::download("werkscan-herstelcodes.txt", "text/plain;charset=utf-8", &text)>{tr("Opslaan als bestand", "Save as a file")}</button>
                            </p>
                            <p class="choice-inline">
                                <input id="saved" type="checkbox" prop:checked=saved on:change=move |event| saved.set(event_target_checked(&event))/>
                                <label for="saved">{tr("Ik heb de codes bewaard", "I have kept the codes")}</label>
                            </p>
                            <button type="button" class="button" disabled=move || !saved.get()
                                on:click=move |_| leptos::task::spawn_local(login.continue_login())>{tr("Verder", "Continue")}</button>
                        </section>
                    }
                    .into_any()
                }
                _ => steps(),
            }}
        </Page>
    }
}

/// Once a person starts typing in the login form (or reaches the second step): the console's
/// start-up files, which the server names in a header of this app's page
/// (`werkscan_api::login::PREFETCH_HEADER`), fetched when the browser is idle while the person
/// types their address, password and code, so that the console then starts from the cache. Not
/// before: the login screen itself loads nothing beside its own files, and a page left open
/// untouched downloads no console. Only for a person bound for the console
/// (`werkscan_api::login::lands_in_console`: by the screen asked for, or, once the password is
/// accepted (`with_role`), by the role): an author downloads nothing of it. Asked once per page.
fn prefetch_console(login: Login, with_role: bool) {
    thread_local!(static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    let role = match login.known.get_untracked() {
        Known::Session(Some(view)) if with_role => Some(view.user.role),
        _ => None,
    };
    let wanted = login.wanted.get_value();
    if !werkscan_api::login::lands_in_console(role, wanted.as_deref()) || ASKED.with(|asked| asked.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async {
        use wasm_bindgen::JsCast;
        let init = web_sys::RequestInit::new();
        init.set_method("HEAD");
        let Ok(reply) = wasm_bindgen_futures::JsFuture::from(window().fetch_with_str_and_init(LOGIN_PAGE, &init)).await
        else {
            return;
        };
        let Ok(reply) = reply.dyn_into::<web_sys::Response>() else { return };
        let Ok(Some(value)) = reply.headers().get(werkscan_api::login::PREFETCH_HEADER) else { return };
        let Some(head) = document().head() else { return };
        for file in werkscan_api::login::read_prefetch_header(&value) {
            let Ok(link) = document().create_element("link") else { continue };
            let _ = link.set_attribute("rel", "prefetch");
            let _ = link.set_attribute("href", &file.href);
            let _ = link.set_attribute("as", &file.kind);
            if file.cors {
                let _ = link.set_attribute("crossorigin", "");
            }
            let _ = head.append_child(&link);
        }
    });
}

/// This app's page, whose headers name the console's files.
const LOGIN_PAGE: &str = "/beheer/login/";

/// A base32 secret in groups of four, easier to type over.
pub fn group_secret(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|chunk| String::from_utf8_lossy(chunk).into_owned()).collect::<Vec<_>>().join(" ")
}
