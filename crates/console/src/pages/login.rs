//! Logging in, step by step: password, a new password after a reset, setting up or giving the
//! second factor, and then the role's first screen.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;
use werkscan_api::accounts::{
    ChoosePassword, Code, LinkToken, LinkView, LoginRequest, PasswordChange, Pending, RecoveryCodes, SecondFactorSetup,
    SessionView,
};

use crate::api;
use crate::components::{loaded, tr, Guard, Loading, Page, ProblemOf};
use crate::session::{self, after_login, home_for, next_step, use_session, SessionState};

fn replace() -> NavigateOptions {
    NavigateOptions { replace: true, ..Default::default() }
}

/// Goes on to `target` in place of this screen: within the console, or with a page load to the
/// app that shows it (an author's first screen is the authors' app).
fn go(navigate: &impl Fn(&str, NavigateOptions), target: &str) {
    match session::other_app(target) {
        Some(address) => {
            let _ = window().location().replace(&address);
        }
        None => navigate(target, replace()),
    }
}

/// After a step of the login: the next step, or the role's first screen.
async fn continue_login(navigate: impl Fn(&str, NavigateOptions)) {
    if let SessionState::In(view) = session::reload().await {
        let state = SessionState::In(view.clone());
        let target = next_step(&state, "").unwrap_or_else(|| home_for(view.user.role).to_owned());
        go(&navigate, &target);
    }
}

/// `/`: the role's first screen.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let SessionState::In(view) = state.get() {
            if view.pending.is_none() {
                go(&navigate, home_for(view.user.role));
            }
        }
    });
    view! { <Guard><Loading/></Guard> }
}

/// A path the console does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Page title=tr("Pagina niet gevonden", "Page not found")>
            <p>{tr("Deze pagina bestaat niet (meer).", "This page does not exist (any more).")}</p>
            <p><leptos_router::components::A href=crate::href("/")>{tr("Naar de startpagina", "To the start page")}</leptos_router::components::A></p>
        </Page>
    }
}

/// `/inloggen`: e-mail address and password.
#[component]
pub fn Login() -> impl IntoView {
    let state = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let login = Action::new_local(|(email, password): &(String, String)| {
        let (email, password) = (email.clone(), password.clone());
        async move { api::call::<SessionView>("POST", "/api/login", Some(&LoginRequest { email, password })).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(view)) = login.value().get() {
            password.set(String::new());
            session::set_view(view);
        }
    });
    // Logged in (now, or already when the page opened): on to the next step or the screen the
    // person wanted.
    Effect::new(move |_| {
        let current = state.get();
        if let SessionState::In(view) = &current {
            let wanted = query.read_untracked().get("terug");
            let target =
                next_step(&current, "/inloggen").unwrap_or_else(|| after_login(view.user.role, wanted.as_deref()));
            go(&navigate, &target);
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        login.dispatch((email.get_untracked(), password.get_untracked()));
    };
    view! {
        <Page title=tr("Inloggen", "Log in")>
            <p>{tr(
                "Voor arbeidsdeskundigen, werkgevers en beheerders. Werknemers hebben geen account nodig: zij openen de link van hun campagne.",
                "For labour experts, employers and administrators. Employees need no account: they open their campaign's link.",
            )}</p>
            <form class="console-form narrow" on:submit=submit>
                <label for="email">{tr("E-mailadres", "E-mail address")}</label>
                <input id="email" type="email" autocomplete="username" required
                    prop:value=email on:input=move |event| email.set(event_target_value(&event))/>
                <label for="password">{tr("Wachtwoord", "Password")}</label>
                <input id="password" type="password" autocomplete="current-password" required
                    prop:value=password on:input=move |event| password.set(event_target_value(&event))/>
                <ProblemOf outcome=login.value()/>
                <button type="submit" class="button" disabled=move || login.pending().get()>{tr("Inloggen", "Log in")}</button>
            </form>
        </Page>
    }
}

/// `/wachtwoord`: a new password, required after an admin reset it and possible any time.
#[component]
pub fn NewPassword() -> impl IntoView {
    view! { <Guard><NewPasswordForm/></Guard> }
}

#[component]
fn NewPasswordForm() -> impl IntoView {
    let state = use_session();
    let navigate = use_navigate();
    let required = Memo::new(move |_| {
        matches!(state.get(), SessionState::In(SessionView { pending: Some(Pending::PasswordChange), .. }))
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
            done.set(true);
            let navigate = navigate.clone();
            if required.get_untracked() {
                leptos::task::spawn_local(continue_login(navigate));
            } else {
                session::refresh();
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
                <Show when=move || done.get() && !required.get()>
                    <p class="saved" role="status">{tr("Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd.", "Your password was changed. Your other sessions were ended.")}</p>
                </Show>
                <button type="submit" class="button" disabled=move || change.pending().get()>{tr("Wachtwoord opslaan", "Save password")}</button>
            </form>
        </Page>
    }
}

/// `/wachtwoord-kiezen#<token>`: choosing a password with the one-time link from an e-mail (a
/// new account, or after an admin sent a reset link). No session is needed: the link is the
/// proof. The token stays in the fragment, which browsers never send to a server.
#[component]
pub fn ChoosePasswordWithLink() -> impl IntoView {
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
    view! {
        <Page title=tr("Wachtwoord kiezen", "Choose a password")>
            {move || if chosen() {
                view! {
                    <p class="saved" role="status">{tr("Je wachtwoord is opgeslagen. Je kunt nu inloggen.", "Your password was saved. You can log in now.")}</p>
                    <p><leptos_router::components::A href=crate::href("/inloggen")>{tr("Naar inloggen", "To log in")}</leptos_router::components::A></p>
                }.into_any()
            } else {
                loaded(link.get(), move |link| view! {
                    <p>{tr("Kies een wachtwoord voor ", "Choose a password for ")}<strong>{link.email.clone()}</strong>"."</p>
                    <form class="console-form narrow" on:submit=submit>
                        // For password managers: the account the new password belongs to.
                        <input type="email" autocomplete="username" hidden readonly prop:value=link.email.clone()/>
                        <NewPasswordFields new repeat mismatch/>
                        <ProblemOf outcome=choose.value()/>
                        <button type="submit" class="button" disabled=move || choose.pending().get()>{tr("Wachtwoord opslaan", "Save password")}</button>
                    </form>
                }.into_any()).into_any()
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

/// `/tweede-factor`: the code from the authenticator app (or a recovery code).
#[component]
pub fn GiveSecondFactor() -> impl IntoView {
    view! { <Guard><GiveSecondFactorForm/></Guard> }
}

#[component]
fn GiveSecondFactorForm() -> impl IntoView {
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let verify = Action::new_local(|code: &String| {
        let code = code.clone();
        async move { api::post("/api/account/second-factor/verify", &Code { code }).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = verify.value().get() {
            leptos::task::spawn_local(continue_login(navigate.clone()));
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

/// `/tweede-factor/instellen`: a second factor (required for experts and admins before any
/// work, possible for employers), then the recovery codes, once.
#[component]
pub fn SetUpSecondFactor() -> impl IntoView {
    view! { <Guard><SetUpForm/></Guard> }
}

#[component]
fn SetUpForm() -> impl IntoView {
    let navigate = use_navigate();
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
    let finish = move |_| {
        leptos::task::spawn_local(continue_login(navigate.clone()));
    };
    let steps = move || {
        loaded(setup.get(), |setup| {
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
        })
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
                                <button type="button" class="button button-secondary" on:click=move |_| download_text("werkscan-herstelcodes.txt", &text)>{tr("Opslaan als bestand", "Save as a file")}</button>
                            </p>
                            <p class="choice-inline">
                                <input id="saved" type="checkbox" prop:checked=saved on:change=move |event| saved.set(event_target_checked(&event))/>
                                <label for="saved">{tr("Ik heb de codes bewaard", "I have kept the codes")}</label>
                            </p>
                            <button type="button" class="button" disabled=move || !saved.get() on:click=finish.clone()>{tr("Verder", "Continue")}</button>
                        </section>
                    }
                    .into_any()
                }
                _ => steps().into_any(),
            }}
        </Page>
    }
}

/// A base32 secret in groups of four, easier to type over.
pub(crate) fn group_secret(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|chunk| String::from_utf8_lossy(chunk).into_owned()).collect::<Vec<_>>().join(" ")
}

/// Offers text as a file to save.
pub(crate) fn download_text(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(anchor) = document().create_element("a") {
        let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
