//! The route table: every path a person opens, and which browser app shows it.
//!
//! Written once, here. The apps' routers parse paths with it, the server picks the page to send
//! for a path with it, and the service worker receives it from the server (as regular
//! expressions, see [`pattern_regex`]) to answer offline navigations with the right app. Adding a
//! screen means adding a line to [`ROUTES`]; nothing else keeps a copy.

/// The browser apps. Each is its own WebAssembly module with its own page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum App {
    /// The employee's scan: start page, campaign invitation, introduction and questions. All a
    /// phone downloads before the first question (it has a byte budget).
    Scan,
    /// The employee's report: the report, sharing, booking a conversation, "mijn gegevens".
    Report,
    /// The staff console of employers, arbeidsdeskundigen and admins. Employees never load it.
    Console,
    /// The questionnaire authors' app: versions, the editor with the validator, the preview on
    /// the scan's own screens, publishing. The server sends it only to a definition author.
    Author,
    /// The staff login: password, second factor, a password chosen with a link. Small on
    /// purpose: it is what a member of staff downloads before logging in, and what the server
    /// sends for any staff screen until the login is complete.
    Login,
}

impl App {
    /// Every app.
    pub const ALL: [App; 5] = [App::Scan, App::Report, App::Console, App::Author, App::Login];

    /// The app's name: its folder under the build's `dist/` and the name the service worker knows.
    pub fn name(self) -> &'static str {
        match self {
            App::Scan => "scan",
            App::Report => "report",
            App::Console => "console",
            App::Author => "author",
            App::Login => "login",
        }
    }

    /// Where the app's own files (its page, script, module and style) are served from.
    pub fn base(self) -> &'static str {
        match self {
            App::Scan => "/",
            App::Report => "/r/",
            App::Console => "/beheer/",
            App::Author => "/beheer/auteur/",
            App::Login => "/beheer/login/",
        }
    }

    /// Whether the service worker keeps the app for use without a connection: the employee's
    /// apps are; the staff apps need the server for everything they show.
    pub fn offline(self) -> bool {
        !matches!(self, App::Console | App::Author | App::Login)
    }

    /// The app whose own files a path names, by the longest base it starts with (the author
    /// app's `/beheer/auteur/` and the login's `/beheer/login/` lie inside the console's
    /// `/beheer/`): `None` for the scan's files, which are served from the root.
    pub fn of_file(path: &str) -> Option<(App, &str)> {
        [App::Author, App::Login, App::Report, App::Console]
            .into_iter()
            .find_map(|app| path.strip_prefix(app.base()).map(|rest| (app, rest)))
    }
}

/// A screen, parsed from a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the start page.
    Home,
    /// `/scan/{id}`: a questionnaire's introduction and questions.
    Scan(String),
    /// `/c/{code}`: a campaign invitation.
    Campaign(String),
    /// `/scan/{id}/rapport`: the report of a finished scan on this device.
    Report(String),
    /// `/scan/{id}/gesprek`: booking a conversation with the campaign's arbeidsdeskundige.
    Book(String),
    /// `/mijn-gegevens`: what this device holds, and wiping it.
    MyData,
    /// `/intrekken`: withdrawing an upload with its withdrawal code, from any device.
    Withdraw,
    /// `/afspraak/{token}`: an appointment, to see, move or cancel it from any device.
    Appointment(String),
    /// `/beheer` and everything below it: the staff console (its own router takes over there).
    Console(String),
    /// `/beheer/auteur` and everything below it: the questionnaire authors' app (its own router
    /// takes over there).
    Author(String),
    /// `/beheer/login` and everything below it: the staff login and its steps.
    Login(String),
    /// Anything else.
    NotFound,
}

/// One line of the route table: a path pattern, the app that shows it, and how its parts make a
/// [`Route`]. Patterns are `/`-separated literals, `{name}` (one segment) and, last, `{*name}`
/// (the rest of the path, possibly empty).
#[derive(Clone, Copy, Debug)]
pub struct RouteSpec {
    /// The path pattern.
    pub pattern: &'static str,
    /// The app that shows it.
    pub app: App,
    build: fn(Vec<String>) -> Route,
}

fn first(mut parts: Vec<String>) -> String {
    parts.swap_remove(0)
}

/// The route table.
pub const ROUTES: &[RouteSpec] = &[
    RouteSpec { pattern: "/", app: App::Scan, build: |_| Route::Home },
    RouteSpec { pattern: "/scan/{id}", app: App::Scan, build: |parts| Route::Scan(first(parts)) },
    RouteSpec { pattern: "/c/{code}", app: App::Scan, build: |parts| Route::Campaign(first(parts)) },
    RouteSpec { pattern: "/scan/{id}/rapport", app: App::Report, build: |parts| Route::Report(first(parts)) },
    RouteSpec { pattern: "/scan/{id}/gesprek", app: App::Report, build: |parts| Route::Book(first(parts)) },
    RouteSpec { pattern: "/mijn-gegevens", app: App::Report, build: |_| Route::MyData },
    RouteSpec { pattern: "/intrekken", app: App::Report, build: |_| Route::Withdraw },
    RouteSpec { pattern: "/afspraak/{token}", app: App::Report, build: |parts| Route::Appointment(first(parts)) },
    // Before the console's own lines: the author app's paths are inside the console's.
    RouteSpec { pattern: "/beheer/auteur", app: App::Author, build: |_| Route::Author(String::new()) },
    RouteSpec { pattern: "/beheer/auteur/{*rest}", app: App::Author, build: |parts| Route::Author(first(parts)) },
    RouteSpec { pattern: "/beheer/login", app: App::Login, build: |_| Route::Login(String::new()) },
    RouteSpec { pattern: "/beheer/login/{*rest}", app: App::Login, build: |parts| Route::Login(first(parts)) },
    RouteSpec { pattern: "/beheer", app: App::Console, build: |_| Route::Console(String::new()) },
    RouteSpec { pattern: "/beheer/{*rest}", app: App::Console, build: |parts| Route::Console(first(parts)) },
];

/// The parts of `path` that the pattern's placeholders stand for (percent-decoded), if it matches.
/// A trailing slash is ignored; empty segments (`//`) never match a placeholder.
pub fn match_pattern(pattern: &str, path: &str) -> Option<Vec<String>> {
    let segments: Vec<&str> = split(path);
    let expected: Vec<&str> = split(pattern);
    let mut parts = Vec::new();
    for (index, want) in expected.iter().enumerate() {
        if want.starts_with("{*") {
            let rest = segments.get(index..).unwrap_or_default();
            if rest.iter().any(|segment| segment.is_empty()) {
                return None;
            }
            parts.push(rest.iter().map(|segment| decode(segment)).collect::<Vec<_>>().join("/"));
            return Some(parts);
        }
        let segment = segments.get(index)?;
        if want.starts_with('{') {
            if segment.is_empty() {
                return None;
            }
            parts.push(decode(segment));
        } else if want != segment {
            return None;
        }
    }
    (segments.len() == expected.len()).then_some(parts)
}

/// The segments of a path without its leading and one trailing slash (`/` has none).
fn split(path: &str) -> Vec<&str> {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    if trimmed.is_empty() {
        Vec::new()
    } else {
        trimmed.split('/').collect()
    }
}

impl Route {
    /// The screen for a path (without query or fragment).
    pub fn parse(path: &str) -> Route {
        ROUTES.iter().find_map(|spec| match_pattern(spec.pattern, path).map(spec.build)).unwrap_or(Route::NotFound)
    }

    /// The app that shows this screen; unknown paths are the scan app's (its start page says
    /// where to go).
    pub fn app(&self) -> App {
        match self {
            Route::Home | Route::Scan(_) | Route::Campaign(_) | Route::NotFound => App::Scan,
            Route::Report(_) | Route::Book(_) | Route::MyData | Route::Withdraw | Route::Appointment(_) => App::Report,
            Route::Console(_) => App::Console,
            Route::Author(_) => App::Author,
            Route::Login(_) => App::Login,
        }
    }

    /// The path of this screen, with its parts percent-encoded.
    pub fn path(&self) -> String {
        match self {
            Route::Home | Route::NotFound => "/".into(),
            Route::Scan(id) => format!("/scan/{}", encode(id)),
            Route::Campaign(code) => format!("/c/{}", encode(code)),
            Route::Report(id) => format!("/scan/{}/rapport", encode(id)),
            Route::Book(id) => format!("/scan/{}/gesprek", encode(id)),
            Route::MyData => "/mijn-gegevens".into(),
            Route::Withdraw => "/intrekken".into(),
            Route::Appointment(token) => format!("/afspraak/{}", encode(token)),
            Route::Console(rest) if rest.is_empty() => "/beheer".into(),
            Route::Console(rest) => format!("/beheer/{}", encode_rest(rest)),
            Route::Author(rest) if rest.is_empty() => "/beheer/auteur".into(),
            Route::Author(rest) => format!("/beheer/auteur/{}", encode_rest(rest)),
            Route::Login(rest) if rest.is_empty() => "/beheer/login".into(),
            Route::Login(rest) => format!("/beheer/login/{}", encode_rest(rest)),
        }
    }
}

/// The segments of a rest of a path, each percent-encoded.
fn encode_rest(rest: &str) -> String {
    rest.split('/').map(encode).collect::<Vec<_>>().join("/")
}

/// The app that shows a path, as the server and the service worker decide it: `None` for a path
/// no screen has (the server answers it with the scan app's page and status 404).
pub fn app_for(path: &str) -> Option<App> {
    ROUTES.iter().find(|spec| match_pattern(spec.pattern, path).is_some()).map(|spec| spec.app)
}

/// A JavaScript regular expression source that matches the paths of a pattern, for the service
/// worker: literals escaped, `{name}` one non-empty segment, `{*name}` anything after it, a
/// trailing slash allowed.
pub fn pattern_regex(pattern: &str) -> String {
    let mut out = String::from("^");
    for segment in split(pattern) {
        if segment.starts_with("{*") {
            out.push_str("(?:/[^/]+)*");
            continue;
        }
        out.push('/');
        if segment.starts_with('{') {
            out.push_str("[^/]+");
        } else {
            for c in segment.chars() {
                if !c.is_ascii_alphanumeric() {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    out.push_str("/?$");
    out
}

/// Percent-encodes everything but unreserved characters (RFC 3986), so any id stays one segment.
pub fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 15)] as char);
        }
    }
    out
}

/// Decodes `%XX` escapes; malformed escapes and invalid UTF-8 are kept as written, so a hand-typed
/// path never breaks the app (it just names nothing).
pub fn decode(segment: &str) -> String {
    if !segment.contains('%') {
        return segment.to_owned();
    }
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|byte| (*byte as char).to_digit(16));
        match (bytes[index], hex(index + 1), hex(index + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                index += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_has_one_path_and_comes_back_from_it() {
        let screens = [
            Route::Home,
            Route::Scan("werkscan".into()),
            Route::Scan("a b/c%".into()),
            Route::Campaign("DEMO-SNEL".into()),
            Route::Report("werkscan".into()),
            Route::Report("a b".into()),
            Route::Book("werkscan".into()),
            Route::MyData,
            Route::Withdraw,
            Route::Appointment("abc123".into()),
            Route::Console(String::new()),
            Route::Console("resultaten/12".into()),
            Route::Author(String::new()),
            Route::Author("vragenlijsten/werkscan/3.0.0".into()),
            Route::Login(String::new()),
            Route::Login("tweede-factor/instellen".into()),
        ];
        for screen in screens {
            let path = screen.path();
            assert_eq!(Route::parse(&path), screen, "{path}");
            assert_eq!(app_for(&path), Some(screen.app()), "{path}");
        }
    }

    #[test]
    fn unknown_and_malformed_paths_name_nothing() {
        for path in ["/scan", "/scan/", "/scan//rapport", "/c/a/b", "/nergens", "/beheer//x", "/scan/%zz%"] {
            let route = Route::parse(path);
            assert!(matches!(route, Route::NotFound | Route::Scan(_)), "{path}: {route:?}");
        }
        assert_eq!(Route::parse("/scan/%zz%"), Route::Scan("%zz%".into()));
        assert_eq!(app_for("/nergens"), None);
        assert_eq!(Route::parse("/mijn-gegevens/"), Route::MyData);
    }

    #[test]
    fn the_regexes_match_what_the_patterns_match() {
        assert_eq!(pattern_regex("/"), "^/?$");
        assert_eq!(pattern_regex("/scan/{id}/rapport"), "^/scan/[^/]+/rapport/?$");
        assert_eq!(pattern_regex("/mijn-gegevens"), "^/mijn\\-gegevens/?$");
        assert_eq!(pattern_regex("/beheer/{*rest}"), "^/beheer(?:/[^/]+)*/?$");
    }

    #[test]
    fn the_author_app_lies_inside_the_console_and_wins_there() {
        assert_eq!(app_for("/beheer/auteur"), Some(App::Author));
        assert_eq!(app_for("/beheer/auteur/vragenlijsten/x/1.0.0"), Some(App::Author));
        assert_eq!(app_for("/beheer/auteurs"), Some(App::Console));
        assert_eq!(app_for("/beheer/account"), Some(App::Console));
        assert_eq!(
            App::of_file("/beheer/auteur/werkscan-author-0123456789abcdef.js").map(|(app, _)| app),
            Some(App::Author)
        );
        assert_eq!(App::of_file("/beheer/x.css"), Some((App::Console, "x.css")));
        assert_eq!(App::of_file("/r/x.js"), Some((App::Report, "x.js")));
        assert_eq!(App::of_file("/main.css"), None);
        assert!(!App::Author.offline() && !App::Console.offline());
    }

    #[test]
    fn the_login_lies_inside_the_console_and_wins_there() {
        assert_eq!(app_for("/beheer/login"), Some(App::Login));
        assert_eq!(app_for("/beheer/login/tweede-factor"), Some(App::Login));
        assert_eq!(app_for("/beheer/logins"), Some(App::Console));
        assert_eq!(
            App::of_file("/beheer/login/werkscan-login-0123456789abcdef.js").map(|(app, _)| app),
            Some(App::Login)
        );
        assert!(!App::Login.offline());
    }
}
