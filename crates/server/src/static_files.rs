//! The built browser apps: each app's page for its routes, their files, and the service worker.
//!
//! The release build (scripts/build-app.sh) puts each app in a folder of its own under `dist/`:
//! `scan/` (served from `/`), `report/` (files under `/r/`), `console/` (files under
//! `/beheer/`), `login/` (files under `/beheer/login/`) and `author/` (files under
//! `/beheer/auteur/`, sent only to a definition author: `accounts::app_access` stands in front
//! of this module, and sends the login's page for staff screens until a login is complete). Which page a path gets is decided by the route table in
//! `werkscan_core::routes`, the same table the apps route with; a path no screen has gets the scan
//! app's page with status 404 (it shows "deze pagina bestaat niet").
//!
//! Read once at start: each page's start-up script, whose hash goes into the
//! Content-Security-Policy (the only inline scripts allowed), and the facts the service worker
//! needs (the route table, the pages to keep offline, a build tag), which are put in front of
//! `sw.js` when it is served, so the worker never keeps a copy of the table of its own.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use werkscan_core::routes::{app_for, pattern_regex, App, ROUTES};

use crate::error::ApiError;
use crate::web::CONTENT_SECURITY_POLICY;
use crate::AppState;

/// The built apps, as found at start.
#[derive(Debug, Clone)]
pub struct BuiltApps {
    dist: PathBuf,
    policy: String,
    worker_prelude: String,
    scan_style: Option<InlineStyle>,
    login_prefetch: Option<HeaderValue>,
}

/// The scan app's stylesheet, to be written into a page the server draws
/// (`crate::first_screen`): a first screen that waits for no other file paints one round trip
/// sooner. Its hash is in the Content-Security-Policy, so it is the only inline style allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineStyle {
    /// The `<link … rel=stylesheet>` tag of the scan app's page, exactly as written there.
    pub link: String,
    /// The stylesheet it loads.
    pub css: String,
}

impl BuiltApps {
    /// Reads the pages under `dist` (`scan/index.html` is required; an app whose folder is
    /// missing is simply not served). `drawn_scripts` are the inline scripts the server itself
    /// writes into pages (the first screen's), allowed by their hashes beside the pages' own.
    pub fn load(dist: &Path, drawn_scripts: &[&str]) -> Result<BuiltApps, String> {
        let mut hashes: Vec<String> = drawn_scripts.iter().copied().map(csp_hash).collect();
        let mut tag_input = Vec::new();
        let (mut scan_page, mut console_page) = (String::new(), String::new());
        for app in App::ALL {
            let page = dist.join(app.name()).join("index.html");
            let html = match std::fs::read_to_string(&page) {
                Ok(html) => html,
                Err(_) if app != App::Scan => continue,
                Err(error) => return Err(format!("{}: {error}", page.display())),
            };
            hashes.extend(inline_scripts(&html).into_iter().map(csp_hash));
            tag_input.extend_from_slice(html.as_bytes());
            match app {
                App::Scan => scan_page = html,
                App::Console => console_page = html,
                _ => {}
            }
        }
        tag_input.extend(std::fs::read(dist.join("scan").join("sw.js")).unwrap_or_default());
        let scan_style = stylesheet_link(&scan_page).and_then(|(link, href)| {
            let css = std::fs::read_to_string(dist.join("scan").join(href.trim_start_matches('/'))).ok()?;
            // Written into a <style> element as it is: a stylesheet that could close it is not.
            (!css.to_ascii_lowercase().contains("</style")).then_some(InlineStyle { link, css })
        });
        let mut policy = CONTENT_SECURITY_POLICY.replace(
            "script-src 'self' 'wasm-unsafe-eval'",
            format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes.join(" ")).trim_end(),
        );
        if let Some(style) = &scan_style {
            policy = policy.replace("style-src 'self'", &format!("style-src 'self' {}", csp_hash(&style.css)));
        }
        let build = werkscan_core::authoring::sha256_hex(&tag_input);
        let login_prefetch = prefetch_header(&console_page);
        Ok(BuiltApps {
            dist: dist.to_path_buf(),
            policy,
            worker_prelude: worker_prelude(&build[..16]),
            scan_style,
            login_prefetch,
        })
    }

    /// The scan app's stylesheet, for a page the server draws; `None` when the page has none
    /// (then the drawn page links it as the app's page does).
    pub fn scan_style(&self) -> Option<&InlineStyle> {
        self.scan_style.as_ref()
    }

    /// Where an app's page is (`crate::first_screen` draws into the scan app's).
    pub fn page_path(&self, app: App) -> PathBuf {
        self.dist.join(app.name()).join("index.html")
    }

    /// The Content-Security-Policy with the apps' start-up scripts allowed by their hashes.
    pub fn content_security_policy(&self) -> &str {
        &self.policy
    }
}

/// How the Content-Security-Policy allows one inline script or stylesheet: `'sha256-…'`.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(sha256(text.as_bytes())))
}

/// SHA-256 of some bytes.
fn sha256(bytes: &[u8]) -> Vec<u8> {
    let hex = werkscan_core::authoring::sha256_hex(bytes);
    (0..hex.len()).step_by(2).map(|at| u8::from_str_radix(&hex[at..at + 2], 16).expect("hex")).collect()
}

/// One `<link>` tag of a page, as Trunk writes it (minified: attributes without quotes where
/// they need none).
struct LinkTag<'a> {
    /// The whole tag, exactly as written.
    tag: &'a str,
    attributes: Vec<&'a str>,
}

impl<'a> LinkTag<'a> {
    /// An attribute's value, without its quotes.
    fn value(&self, name: &str) -> Option<&'a str> {
        self.attributes
            .iter()
            .find_map(|a| a.strip_prefix(name).and_then(|v| v.strip_prefix('=')))
            .map(|v| v.trim_matches('"'))
    }
}

/// Every `<link>` tag of a page, in order.
fn link_tags(html: &str) -> Vec<LinkTag<'_>> {
    let mut links = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<link") {
        let Some(end) = rest[start..].find('>') else { break };
        let tag = &rest[start..start + end + 1];
        rest = &rest[start + end + 1..];
        let attributes =
            tag["<link".len()..tag.len() - 1].split_ascii_whitespace().map(|a| a.trim_end_matches('/')).collect();
        links.push(LinkTag { tag, attributes });
    }
    links
}

/// The files a page loads at its start (its module, WebAssembly and stylesheets), as
/// [`werkscan_api::login::PREFETCH_HEADER`] names them: sent with the staff login's page for the
/// console's files, which the login app fetches ahead for a person bound for the console. `None`
/// when the page loads none.
pub fn prefetch_header(page: &str) -> Option<HeaderValue> {
    use werkscan_api::login::Prefetch;
    let mut files = Vec::new();
    for link in link_tags(page) {
        let (Some(rel), Some(href)) = (link.value("rel"), link.value("href")) else { continue };
        // Fetched as the page fetches them, so the cached copy is the one it uses.
        let (kind, cors) = match rel {
            "modulepreload" => ("script", true),
            "preload" if link.value("as") == Some("fetch") => ("fetch", true),
            "stylesheet" => ("style", false),
            _ => continue,
        };
        if href.starts_with('/') && !href.contains([',', ';', '<', '>', ' ']) {
            files.push(Prefetch { href: href.to_owned(), kind: kind.to_owned(), cors });
        }
    }
    (!files.is_empty()).then(|| HeaderValue::from_str(&werkscan_api::login::prefetch_header(&files)).ok()).flatten()
}

/// A page's one `<link … rel=stylesheet>` tag and the address it loads. `None` for no or several.
pub fn stylesheet_link(html: &str) -> Option<(String, String)> {
    let mut sheets = link_tags(html).into_iter().filter(|link| link.value("rel") == Some("stylesheet"));
    let sheet = sheets.next()?;
    if sheets.next().is_some() {
        return None;
    }
    Some((sheet.tag.to_owned(), sheet.value("href")?.to_owned()))
}

/// The contents of a page's inline `<script>` elements (those without `src`), exactly as written.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start + "<script".len()..];
        let Some(tag_end) = after.find('>') else { break };
        let attributes = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else { break };
        if !attributes.contains("src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

/// What `sw.js` is told when it is served: the build tag (so every new build installs a new
/// worker), the route table as regular expressions with the app of each, and the page of each
/// app kept for use offline.
fn worker_prelude(build: &str) -> String {
    let routes: Vec<String> = ROUTES
        .iter()
        .map(|spec| format!("{{\"pattern\":{:?},\"app\":{:?}}}", pattern_regex(spec.pattern), spec.app.name()))
        .collect();
    let pages: Vec<String> =
        App::ALL.iter().filter(|app| app.offline()).map(|app| format!("{:?}:{:?}", app.name(), app.base())).collect();
    format!(
        "// Written by the server from werkscan_core::routes; see crates/server/src/static_files.rs.\n\
         const BUILD = {build:?};\nconst ROUTES = [{}];\nconst PAGES = {{{}}};\n\n",
        routes.join(","),
        pages.join(",")
    )
}

/// Where a path's file would be: the app whose files live under its prefix, and the path within
/// that app's folder.
fn file_of(path: &str) -> (App, &str) {
    App::of_file(path).unwrap_or((App::Scan, path.trim_start_matches('/')))
}

/// Serves the built apps: `sw.js` with its prelude; an app's file if it exists; otherwise the
/// page of the app whose route the path is (404 with the scan app's page for no route).
///
/// The release build holds a Brotli (`.br`) and a gzip (`.gz`) copy of every text and wasm file
/// (scripts/trunk_post_build.mjs); a browser that accepts one gets it.
///
/// Cache headers: files whose names carry Trunk's content hash never change and are cached for
/// a year; pages, `sw.js` and everything else must be revalidated, so an update reaches people on
/// their next visit.
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let Some(apps) = state.apps() else {
        return (
            StatusCode::NOT_FOUND,
            "The apps are not built into this server (build them with ./scripts/build-app.sh).",
        )
            .into_response();
    };
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return crate::web::method_not_allowed().await.into_response();
    }
    let path = req.uri().path().to_owned();
    if path == "/sw.js" {
        return worker(apps);
    }
    let (app, rest) = file_of(&path);
    let dir = apps.dist.join(app.name());
    if !rest.is_empty() && !rest.ends_with('/') {
        let response = serve_from(&dir, rest, req.headers().clone()).await;
        if response.status() != StatusCode::NOT_FOUND {
            return with_cache_headers(response, &path);
        }
    }
    let (status, page_app) = match app_for(&path) {
        Some(app) => (StatusCode::OK, app),
        // An app's own folder (`/r/`, `/beheer/`) is its page, which the service worker keeps.
        None if rest.is_empty() && app != App::Scan => (StatusCode::OK, app),
        None => (StatusCode::NOT_FOUND, App::Scan),
    };
    page(apps, page_app, status, req).await
}

/// The page of `app` for a request, whatever its path (the staff login's page for any staff
/// screen while nobody is logged in: `accounts::app_access` decides that).
pub async fn serve_page(State(state): State<AppState>, req: Request, app: App) -> Response {
    match state.apps() {
        Some(apps) => page(apps, app, StatusCode::OK, req).await,
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Whether a path names one of the built apps' files (not a page).
pub fn names_a_file(state: &AppState, path: &str) -> bool {
    let Some(apps) = state.apps() else { return false };
    let (app, rest) = file_of(path);
    !rest.is_empty()
        && !rest.ends_with('/')
        && !rest.split('/').any(|segment| segment.is_empty() || segment == "..")
        && apps.dist.join(app.name()).join(rest).is_file()
}

async fn page(apps: &BuiltApps, app: App, status: StatusCode, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    let page = apps.dist.join(app.name()).join("index.html");
    let mut response = match ServeFile::new(page).precompressed_br().precompressed_gzip().oneshot(req).await {
        Ok(response) => response.map(Body::new),
        Err(error) => return ApiError::internal(error).into_response(),
    };
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
        if let (App::Login, Some(prefetch)) = (app, &apps.login_prefetch) {
            response.headers_mut().insert(werkscan_api::login::PREFETCH_HEADER, prefetch.clone());
        }
    }
    with_cache_headers(response, &path)
}

/// One file of an app's folder (ServeDir keeps requests inside the folder).
async fn serve_from(dir: &Path, rest: &str, headers: axum::http::HeaderMap) -> Response {
    let Ok(uri) = format!("/{rest}").parse::<Uri>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut request = Request::builder().uri(uri).body(Body::empty()).expect("a request");
    *request.headers_mut() = headers;
    match ServeDir::new(dir).precompressed_br().precompressed_gzip().oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(error) => ApiError::internal(error).into_response(),
    }
}

fn with_cache_headers(mut response: Response, path: &str) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    let cache = if response.status().is_success() && !is_html && is_hashed_asset(path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The body depends on Accept-Encoding; caches between here and the phone must know.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// `sw.js`: the worker from the scan app's build, after its prelude.
fn worker(apps: &BuiltApps) -> Response {
    let Ok(source) = std::fs::read_to_string(apps.dist.join("scan").join("sw.js")) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut response = format!("{}{source}", apps.worker_prelude).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Whether a file name carries a content hash, as Trunk writes them
/// (`werkscan-scan-5c1f8a2e3b4d6f70_bg.wasm`, `main-0123456789abcdef.css`).
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    if name == "sw.js" {
        return false;
    }
    let stem = name.split('.').next().unwrap_or_default();
    stem.split(['-', '_']).any(|part| part.len() >= 16 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_console_s_start_up_files_are_named_for_prefetching_as_the_console_fetches_them() {
        let console = "<head><link href=/beheer/main-6f.css integrity=sha384-3x rel=stylesheet>\
            <link href=/icons/icon.svg rel=icon type=image/svg+xml>\
            <link crossorigin href=/beheer/werkscan-console-74.js rel=modulepreload>\
            <link as=fetch crossorigin href=/beheer/werkscan-console-74_bg.wasm rel=preload type=application/wasm></head>";
        assert_eq!(
            prefetch_header(console).unwrap().to_str().unwrap(),
            "</beheer/main-6f.css>; rel=prefetch; as=style, \
             </beheer/werkscan-console-74.js>; rel=prefetch; as=script; crossorigin, \
             </beheer/werkscan-console-74_bg.wasm>; rel=prefetch; as=fetch; crossorigin"
        );
        // A page without such files (or an app not built) asks for nothing.
        assert_eq!(prefetch_header("<link href=/icons/icon.svg rel=icon>"), None);
        assert_eq!(prefetch_header(""), None);
    }

    #[test]
    fn the_one_stylesheet_link_of_a_page_is_found_as_trunk_writes_it() {
        let page = "<head><script type=module>x</script><link href=/main-6f.css integrity=sha384-3x rel=stylesheet><link href=/manifest.webmanifest rel=manifest></head>";
        assert_eq!(
            stylesheet_link(page),
            Some(("<link href=/main-6f.css integrity=sha384-3x rel=stylesheet>".into(), "/main-6f.css".into()))
        );
        assert_eq!(
            stylesheet_link("<link rel=\"stylesheet\" href=\"/a.css\">"),
            Some(("<link rel=\"stylesheet\" href=\"/a.css\">".into(), "/a.css".into()))
        );
        // None, or two (which one would the drawn page need?): the page keeps its links.
        assert_eq!(stylesheet_link("<link href=/m rel=manifest>"), None);
        assert_eq!(stylesheet_link("<link href=/a.css rel=stylesheet><link href=/b.css rel=stylesheet>"), None);
    }

    use super::*;

    #[test]
    fn inline_scripts_are_found_and_external_ones_left_alone() {
        let html = "<head><script type=module src=/x.js></script><script type=\"module\">\nimport init from '/a.js';\n</script></head><body><script>b()</script>";
        assert_eq!(inline_scripts(html), vec!["\nimport init from '/a.js';\n", "b()"]);
    }

    #[test]
    fn files_are_looked_for_in_the_folder_of_their_prefix() {
        assert_eq!(
            file_of("/r/werkscan-report-0123456789abcdef.js"),
            (App::Report, "werkscan-report-0123456789abcdef.js")
        );
        assert_eq!(file_of("/beheer/x.css"), (App::Console, "x.css"));
        assert_eq!(file_of("/beheer/auteur/x.css"), (App::Author, "x.css"));
        assert_eq!(file_of("/beheer/login/x.css"), (App::Login, "x.css"));
        assert_eq!(file_of("/beheer"), (App::Scan, "beheer"));
        assert_eq!(file_of("/main-0123456789abcdef.css"), (App::Scan, "main-0123456789abcdef.css"));
    }
}
