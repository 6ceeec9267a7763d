//! The staff login's rules, shared by the login app (`/beheer/login/`), the console and the
//! authors' app, so the three agree on where a person goes: to the login (remembering the screen
//! they wanted), to the step of the login still open, and after logging in to the screen they
//! wanted or their role's first screen. Plain Rust over addresses (paths with a query), tested
//! natively.

use werkscan_core::routes::{app_for, decode, encode, App};

use crate::accounts::{Pending, Role, SessionView};

/// Where the login app lives; its screens' paths are written below it.
pub const LOGIN_APP: &str = "/beheer/login";

/// The query parameter that carries the screen a person wanted while they log in.
pub const WANTED: &str = "terug";

/// A screen of the login app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    /// E-mail address and password.
    LogIn,
    /// A new password: required after an admin reset it, possible any time.
    NewPassword,
    /// Choosing a password with a one-time link from an e-mail (the token in the fragment).
    ChoosePassword,
    /// The code of the second factor, or a recovery code.
    SecondFactor,
    /// Setting up a second factor, then the recovery codes, once.
    SetUpSecondFactor,
}

impl Screen {
    /// Every screen.
    pub const ALL: [Screen; 5] =
        [Screen::LogIn, Screen::NewPassword, Screen::ChoosePassword, Screen::SecondFactor, Screen::SetUpSecondFactor];

    /// The screen's path below [`LOGIN_APP`].
    pub fn rest(self) -> &'static str {
        match self {
            Screen::LogIn => "/",
            Screen::NewPassword => "/wachtwoord",
            Screen::ChoosePassword => "/wachtwoord-kiezen",
            Screen::SecondFactor => "/tweede-factor",
            Screen::SetUpSecondFactor => "/tweede-factor/instellen",
        }
    }

    /// The screen's address (`/beheer/login/tweede-factor`).
    pub fn path(self) -> String {
        format!("{LOGIN_APP}{}", self.rest())
    }

    /// The screen a path names: a path of the login app (an unknown one is the login itself),
    /// or one of the console's old login paths (`/beheer/inloggen`, `/beheer/wachtwoord-kiezen`,
    /// …), which links in earlier e-mails and bookmarks still use. `None` for any other path:
    /// the server sends the login app for a staff screen while nobody is logged in, and the
    /// screen is then the one to come back to.
    pub fn of_path(path: &str) -> Option<Screen> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path.strip_suffix('/').filter(|rest| !rest.is_empty()).unwrap_or(path);
        if let Some(rest) = path.strip_prefix(LOGIN_APP) {
            if !rest.is_empty() && !rest.starts_with('/') {
                return None;
            }
            return Some(Screen::ALL.into_iter().find(|screen| screen.rest() == rest).unwrap_or(Screen::LogIn));
        }
        match path {
            "/beheer/inloggen" => Some(Screen::LogIn),
            "/beheer/wachtwoord" => Some(Screen::NewPassword),
            "/beheer/wachtwoord-kiezen" => Some(Screen::ChoosePassword),
            "/beheer/tweede-factor" => Some(Screen::SecondFactor),
            "/beheer/tweede-factor/instellen" => Some(Screen::SetUpSecondFactor),
            _ => None,
        }
    }

    /// The step of a login still open.
    pub fn of_pending(pending: Pending) -> Screen {
        match pending {
            Pending::PasswordChange => Screen::NewPassword,
            Pending::SecondFactor => Screen::SecondFactor,
            Pending::SecondFactorSetup => Screen::SetUpSecondFactor,
        }
    }
}

/// The first screen of a role after logging in: the expert's inbox, the employer's campaigns,
/// the admins' accounts and practice, and the authors' app.
pub fn home_for(role: Role) -> &'static str {
    match role {
        Role::Expert => "/beheer/resultaten",
        Role::Employer => "/beheer/campagnes",
        Role::Admin => "/beheer/accounts",
        Role::PracticeAdmin => "/beheer/praktijk",
        Role::DefinitionAuthor => "/beheer/auteur",
    }
}

/// Whether an address is a staff screen worth coming back to after logging in: a screen of the
/// console or of the authors' app (not the login's own, not `/beheer` itself, and never another
/// host: `//host` or `/\host`).
pub fn is_staff_screen(address: &str) -> bool {
    if address.starts_with("//") || address.starts_with("/\\") || address.contains('\\') {
        return false;
    }
    let path = address.split(['?', '#']).next().unwrap_or_default();
    let path = path.strip_suffix('/').unwrap_or(path);
    path != "/beheer" && matches!(app_for(path), Some(App::Console | App::Author)) && Screen::of_path(path).is_none()
}

/// The login, remembering the screen the person wanted (only a staff screen, so a crafted link
/// cannot send someone elsewhere after logging in).
pub fn login_address(wanted: &str) -> String {
    with_wanted(Screen::LogIn, Some(wanted))
}

/// A screen of the login, carrying the screen wanted along (when there is one worth keeping).
pub fn with_wanted(screen: Screen, wanted: Option<&str>) -> String {
    match wanted.filter(|wanted| is_staff_screen(wanted)) {
        Some(wanted) => format!("{}?{WANTED}={}", screen.path(), encode(wanted)),
        None => screen.path(),
    }
}

/// The screen wanted, from the query of a login address (`?terug=%2Fbeheer%2F…`).
pub fn wanted_from_query(search: &str) -> Option<String> {
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (name == WANTED).then(|| decode(&value.replace('+', " "))).filter(|wanted| is_staff_screen(wanted))
    })
}

/// Where to go after a complete login: the screen wanted, if it is a staff screen the role may
/// open (the authors' app is a definition author's alone; an author may open the console's
/// account screen), else the role's first screen.
pub fn after_login(role: Role, wanted: Option<&str>) -> String {
    match wanted {
        Some(wanted) if is_staff_screen(wanted) => {
            let path = wanted.split(['?', '#']).next().unwrap_or_default();
            let for_authors = app_for(path.strip_suffix('/').unwrap_or(path)) == Some(App::Author);
            if for_authors && role != Role::DefinitionAuthor {
                home_for(role).to_owned()
            } else {
                wanted.to_owned()
            }
        }
        _ => home_for(role).to_owned(),
    }
}

/// Where a person with this session (`None`: logged out) must go before they can see `wanted`,
/// if anywhere: the login, the step of the login still open, or nowhere (`None`).
pub fn before(session: Option<&SessionView>, wanted: &str) -> Option<String> {
    match session {
        None => Some(login_address(wanted)),
        Some(view) => view.pending.map(|pending| with_wanted(Screen::of_pending(pending), Some(wanted))),
    }
}

/// Whether a person logging in will land in the console, so its files are worth fetching ahead:
/// with the role known (after the password), where [`after_login`] sends them; before it, only
/// when the screen they asked for is the console's. An author lands in the authors' app and
/// downloads nothing of the console; a login opened without a screen to return to waits for
/// the role.
pub fn lands_in_console(role: Option<Role>, wanted: Option<&str>) -> bool {
    let in_console = |address: &str| {
        let path = address.split(['?', '#']).next().unwrap_or_default();
        app_for(path.strip_suffix('/').unwrap_or(path)) == Some(App::Console)
    };
    match role {
        Some(role) => in_console(&after_login(role, wanted)),
        None => wanted.is_some_and(|wanted| is_staff_screen(wanted) && in_console(wanted)),
    }
}

/// The response header of the staff login's page that names the console's start-up files
/// (its module, WebAssembly and stylesheets), in the syntax of a `Link` header. Not a `Link`
/// header itself: the browser would fetch them at once, beside the login's own files; the
/// login app fetches them once the person starts typing, while they give their password and
/// second step, so the console then starts from the browser's cache (docs/PERFORMANCE.md, "The staff
/// login").
pub const PREFETCH_HEADER: &str = "werkscan-prefetch";

/// One file to fetch ahead, as the page that needs it will fetch it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefetch {
    /// Its address on this server (a path).
    pub href: String,
    /// What it is: `script`, `fetch` or `style`.
    pub kind: String,
    /// Fetched with CORS (module scripts and WebAssembly are), so the cached copy is the one used.
    pub cors: bool,
}

/// The value of [`PREFETCH_HEADER`] for these files.
pub fn prefetch_header(files: &[Prefetch]) -> String {
    files
        .iter()
        .map(|file| {
            format!("<{}>; rel=prefetch; as={}{}", file.href, file.kind, if file.cors { "; crossorigin" } else { "" })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The files of a [`PREFETCH_HEADER`] value; anything not a path on this server is left out.
pub fn read_prefetch_header(value: &str) -> Vec<Prefetch> {
    value
        .split(", ")
        .filter_map(|link| {
            let mut parts = link.split("; ");
            let href = parts.next()?.strip_prefix('<')?.strip_suffix('>')?;
            if !href.starts_with('/') || href.starts_with("//") {
                return None;
            }
            let mut file = Prefetch { href: href.to_owned(), kind: String::new(), cors: false };
            for part in parts {
                match part {
                    "crossorigin" => file.cors = true,
                    part => {
                        if let Some(kind) = part.strip_prefix("as=") {
                            file.kind = kind.to_owned();
                        }
                    }
                }
            }
            matches!(file.kind.as_str(), "script" | "fetch" | "style").then_some(file)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_a_person_bound_for_the_console_fetches_its_files_ahead() {
        // Before the password: by the screen asked for.
        assert!(lands_in_console(None, Some("/beheer/resultaten")));
        assert!(lands_in_console(None, Some("/beheer/afspraken?week=2026-50")));
        assert!(!lands_in_console(None, Some("/beheer/auteur")));
        assert!(!lands_in_console(None, Some("/beheer/auteur/vragenlijsten/a/1")));
        assert!(!lands_in_console(None, None));
        assert!(!lands_in_console(None, Some("/c/ABC")));
        // After it: where the role goes.
        assert!(lands_in_console(Some(Role::Expert), None));
        assert!(lands_in_console(Some(Role::Employer), None));
        assert!(!lands_in_console(Some(Role::DefinitionAuthor), None));
        assert!(lands_in_console(Some(Role::DefinitionAuthor), Some("/beheer/account")));
        assert!(lands_in_console(Some(Role::Expert), Some("/beheer/auteur")));
    }

    #[test]
    fn the_console_s_files_are_read_back_as_written_and_nothing_else() {
        let files = vec![
            Prefetch { href: "/beheer/main-6f.css".into(), kind: "style".into(), cors: false },
            Prefetch { href: "/beheer/werkscan-console-74.js".into(), kind: "script".into(), cors: true },
            Prefetch { href: "/beheer/werkscan-console-74_bg.wasm".into(), kind: "fetch".into(), cors: true },
        ];
        let value = prefetch_header(&files);
        assert_eq!(
            value,
            "</beheer/main-6f.css>; rel=prefetch; as=style, </beheer/werkscan-console-74.js>; rel=prefetch; as=script; crossorigin, \
             </beheer/werkscan-console-74_bg.wasm>; rel=prefetch; as=fetch; crossorigin"
        );
        assert_eq!(read_prefetch_header(&value), files);
        // Another server's address, or an unknown kind, is not fetched.
        assert!(read_prefetch_header("<https://elders.example/x.js>; rel=prefetch; as=script").is_empty());
        assert!(read_prefetch_header("<//elders.example/x.js>; rel=prefetch; as=script").is_empty());
        assert!(read_prefetch_header("</x.html>; rel=prefetch; as=document").is_empty());
        assert!(read_prefetch_header("").is_empty());
    }

    use super::*;

    #[test]
    fn every_screen_comes_back_from_its_path() {
        for screen in Screen::ALL {
            assert_eq!(Screen::of_path(&screen.path()), Some(screen), "{screen:?}");
        }
        assert_eq!(Screen::of_path("/beheer/login"), Some(Screen::LogIn));
        assert_eq!(Screen::of_path("/beheer/login/nergens"), Some(Screen::LogIn));
        assert_eq!(Screen::of_path("/beheer/inloggen?terug=%2Fbeheer%2Faudit"), Some(Screen::LogIn));
        assert_eq!(Screen::of_path("/beheer/wachtwoord-kiezen#abc"), Some(Screen::ChoosePassword));
        assert_eq!(Screen::of_path("/beheer/logins"), None);
        assert_eq!(Screen::of_path("/beheer/resultaten"), None);
    }

    #[test]
    fn only_staff_screens_are_remembered() {
        assert_eq!(login_address("/beheer/resultaten/12"), "/beheer/login/?terug=%2Fbeheer%2Fresultaten%2F12");
        assert_eq!(wanted_from_query("?terug=%2Fbeheer%2Fresultaten%2F12").as_deref(), Some("/beheer/resultaten/12"));
        for elsewhere in [
            "/",
            "//evil.example/beheer",
            "/\\evil",
            "/beheer",
            "/beheer/",
            "/beheer/login/",
            "/c/abc",
            "https://x/beheer/a",
        ] {
            assert_eq!(login_address(elsewhere), "/beheer/login/", "{elsewhere}");
            assert_eq!(wanted_from_query(&format!("terug={}", encode(elsewhere))), None, "{elsewhere}");
        }
        assert!(is_staff_screen("/beheer/campagnes?status=open"));
        assert!(is_staff_screen("/beheer/auteur/vragenlijsten/werkscan/3.0.0"));
    }

    #[test]
    fn after_logging_in_each_role_goes_where_it_may() {
        assert_eq!(after_login(Role::Expert, None), "/beheer/resultaten");
        assert_eq!(after_login(Role::DefinitionAuthor, None), "/beheer/auteur");
        assert_eq!(after_login(Role::Expert, Some("/beheer/afspraken")), "/beheer/afspraken");
        assert_eq!(after_login(Role::Expert, Some("/beheer/auteur")), "/beheer/resultaten");
        assert_eq!(
            after_login(Role::DefinitionAuthor, Some("/beheer/auteur/vragenlijsten/a/1")),
            "/beheer/auteur/vragenlijsten/a/1"
        );
        assert_eq!(after_login(Role::DefinitionAuthor, Some("/beheer/account")), "/beheer/account");
        assert_eq!(after_login(Role::Employer, Some("//evil.example")), "/beheer/campagnes");
        assert_eq!(after_login(Role::Admin, Some("/beheer/login/")), "/beheer/accounts");
    }
}
