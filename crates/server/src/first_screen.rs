//! The employee's first screen, drawn into the page the server sends: a campaign's invitation on
//! `/c/{code}` and a scan's introduction on `/scan/{id}`.
//!
//! Without it the page shows a static loading shell and the scan app draws the screen only after
//! its module and the campaign or definition have arrived, so the largest paint came a second
//! after the first (docs/PERFORMANCE.md, "The employee's first screen"). Here the server draws the
//! same screen, from the same data the app reads (`campaigns::routes::public_campaign`, the
//! current definition) and the same sentences (`werkscan_core::screen_words`), with the app's
//! markup and classes, into the shell of the scan app's page. The page also asks the browser to
//! fetch the app's data at once (`<link rel=preload>`), so the app has it when it starts.
//!
//! The takeover: while the drawn screen (`#shell[data-screen]`) is in the page, `style/main.css`
//! keeps it in view and the app's own "loading" screen out of view; when the app's data arrives
//! (`werkscan_kit::loading`) the drawn screen is removed and the app's identical screen takes its
//! place in the same frame, so nothing moves.
//!
//! The drawn screen works before the app does, so a tap made while the module is still on its
//! way is not lost: its choices are the browser's own radio buttons, and its buttons answer at
//! once through the page's one small script ([`EARLY_INPUT_SCRIPT`]), which keeps each tap and
//! says in the screen's status line that the scan is loading. When the app takes the screen over
//! (`werkscan_kit::loading`), the same script makes the same choices and taps on the app's
//! screen and puts the focus back where it was.
//!
//! What is drawn is the same for everyone who opens the link: never a personal invitation's
//! department (a link with `?u=`, or any campaign with personal invitations, gets the plain page),
//! never the experts' names. Every text is HTML-escaped (an employer writes the campaign's name
//! and departments). An unknown code gets the app's own "does not exist" message; a closed or
//! ended campaign its invitation with the app's "closed" notice, as the app shows it. The page is
//! sent with `no-cache` (a campaign closes, its name changes) and marked with
//! [`DRAWN_HEADER`], so the service worker (`public/sw.js`) never keeps it as the app's page for
//! other paths or for later. When the database cannot be read, the plain page goes out.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use werkscan_core::campaign::PublicCampaign;
use werkscan_core::routes::{encode, App, Route};
use werkscan_core::screen_words::{first_screen_ui, frame_ui, length_of_scan, FirstScreenUi};
use werkscan_core::{Definition, Lang};

use crate::static_files::InlineStyle;
use crate::AppState;

/// The one script of a drawn page (`first_screen.js`), written into it after the screen; its hash
/// is in the Content-Security-Policy (`static_files::BuiltApps`).
///
/// - A tap on a button of the drawn screen before the app has started is kept on that button as
///   `data-pressed` (1 for the first tap, 2 for the next), and the status line at the end of the
///   screen (`#early-status`) answers it at once with the words in its `data-wait`.
/// - `window.werkscanTakeover(shell)`, called by the app just before it removes the drawn screen
///   (`werkscan_kit::loading`), reads what the person did there (the radio buttons chosen, the
///   taps, the focus, the scroll) and returns a function the app calls once its own screen is
///   drawn: it finds each control's twin there (an input by its id, a button by its place among
///   the buttons; only when it says the same words, so a screen that changed at the takeover is
///   never tapped in the wrong place) and makes the same choices, puts the focus and the scroll
///   back, and clicks the same buttons in the same order. What a tap means stays the app's.
///
/// It is script in the page, not code in the app, because in the app it cost the scan module
/// 4.4 KB gzipped of its 140,000-byte budget (docs/PERFORMANCE.md).
pub const EARLY_INPUT_SCRIPT: &str = include_str!("first_screen.js");

/// The response header that marks a page with a drawn first screen (its value: `campaign` or
/// `scan`). The service worker keeps no such page (public/sw.js).
pub const DRAWN_HEADER: &str = "werkscan-first-screen";

/// The router's fallback: a path whose first screen the server draws gets the scan app's page
/// with that screen in it; every other path goes on to the apps' pages and files.
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    // What the drawing needs of the request, taken apart from its body (which is not `Sync`).
    let asked = Asked {
        method: req.method().clone(),
        uri: req.uri().clone(),
        accept_encoding: req.headers().get(header::ACCEPT_ENCODING).cloned(),
    };
    if let Some(response) = drawn(&state, &asked).await {
        return response;
    }
    crate::accounts::app_access::serve(State(state), req).await
}

/// A drawn screen: which one, its HTML (the frame and `<main>`), and the URL of the data the app
/// will ask for first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    /// `campaign` or `scan` (the value of `data-screen` and of [`DRAWN_HEADER`]).
    pub kind: &'static str,
    /// The frame and the screen, as the app draws them.
    pub html: String,
    /// What the app fetches first on this screen, to be fetched with the page.
    pub preload: Option<String>,
}

/// The parts of a request the drawing reads.
struct Asked {
    method: Method,
    uri: axum::http::Uri,
    accept_encoding: Option<HeaderValue>,
}

async fn drawn(state: &AppState, req: &Asked) -> Option<Response> {
    if !matches!(req.method, Method::GET | Method::HEAD) {
        return None;
    }
    let apps = state.apps()?;
    let route = Route::parse(req.uri.path());
    if !matches!(route, Route::Campaign(_) | Route::Scan(_)) {
        return None;
    }
    // Read per request, like the plain page: a new build is served at once, and one instance
    // keeps nothing another would need.
    let template = std::fs::read_to_string(apps.page_path(App::Scan)).ok()?;
    shell_of(&template)?;
    let screen = match route {
        // A personal invitation's link shows the invitation's own department: that stays
        // between the phone and the API.
        Route::Campaign(_)
            if req.uri.query().is_some_and(|query| query.split('&').any(|pair| pair.starts_with("u="))) =>
        {
            return None
        }
        Route::Campaign(code) => campaign_screen(state, &code).await,
        Route::Scan(id) => scan_screen(state, &id).await,
        _ => return None,
    };
    let screen = match screen {
        Ok(Some(screen)) => screen,
        Ok(None) => return None,
        Err(error) => {
            tracing::warn!(error = %error.message, "first screen not drawn; the plain page goes out");
            return None;
        }
    };
    let html = into_page(&template, &screen, apps.scan_style())?;
    Some(compressed(req, page_response(html, screen.kind)).await)
}

fn page_response(html: String, kind: &'static str) -> Response {
    let mut response = (StatusCode::OK, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    // Revalidated every time: a campaign closes or is renamed, and the next visit must say so.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(DRAWN_HEADER, HeaderValue::from_static(kind));
    response
}

/// The page compressed as the static pages are (Brotli or gzip, as the browser accepts).
async fn compressed(req: &Asked, response: Response) -> Response {
    let mut request = Request::builder().method(req.method.clone()).body(Body::empty()).expect("a request");
    if let Some(accepted) = &req.accept_encoding {
        request.headers_mut().insert(header::ACCEPT_ENCODING, accepted.clone());
    }
    let mut response = Some(response);
    let service = tower_http::compression::Compression::new(tower::service_fn(move |_: Request| {
        std::future::ready(Ok::<_, std::convert::Infallible>(response.take().expect("called once")))
    }));
    match service.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

/// The invitation of an open campaign, or the app's "does not exist" for an unknown code; `None`
/// (the plain page) for a campaign with personal invitations.
async fn campaign_screen(state: &AppState, code: &str) -> Result<Option<Screen>, crate::ApiError> {
    let preload = Some(format!("/api/c/{}", encode(code)));
    match crate::campaigns::routes::public_campaign(state, code, None).await {
        Ok(campaign) if campaign.personal => Ok(None),
        Ok(campaign) => Ok(Some(Screen { kind: "campaign", html: frame(&invitation(&campaign)), preload })),
        Err(error) if error.status == StatusCode::NOT_FOUND && error.code == "campaign_not_found" => {
            Ok(Some(Screen { kind: "campaign", html: frame(&unknown_campaign()), preload }))
        }
        Err(error) => Err(error),
    }
}

/// The introduction of the current version of a questionnaire; `None` for an id without one
/// (the app says what it says when the definition cannot be loaded).
async fn scan_screen(state: &AppState, id: &str) -> Result<Option<Screen>, crate::ApiError> {
    let Some(definition) = state.definitions().current(state.db(), id).await? else {
        return Ok(None);
    };
    Ok(Some(Screen {
        kind: "scan",
        html: frame(&introduction(&definition)),
        preload: Some(format!("/api/questionnaires/{}", encode(id))),
    }))
}

/// The words of the drawn screens: Dutch, the app's language until a person chooses another.
const LANG: Lang = Lang::Nl;

fn words() -> &'static FirstScreenUi {
    first_screen_ui(LANG)
}

/// The frame around a screen, as `werkscan_kit::frame::Frame` draws it (skip link, header,
/// `<main>`), and after the screen the status line that answers an early tap
/// ([`EARLY_INPUT_SCRIPT`]; empty, and so not shown, until then).
pub fn frame(screen: &str) -> String {
    let ui = frame_ui(LANG);
    let other = LANG.other();
    format!(
        "<a class=\"skip-link\" href=\"#inhoud\">{skip}</a>\
         <header class=\"site-header\"><a href=\"/\" class=\"brand\">{name}</a>\
         <nav aria-label=\"{my_data}\"><a href=\"/mijn-gegevens\" class=\"header-link\">{my_data}</a>\
         <button type=\"button\" class=\"header-link lang-switch\" lang=\"{other}\" aria-label=\"{other_name}\">{switch}</button>\
         </nav></header><main id=\"inhoud\" tabindex=\"-1\">{screen}\
         <p id=\"early-status\" class=\"meta\" role=\"status\" data-wait=\"{wait}\"></p></main>",
        skip = escape(ui.skip_to_content),
        name = escape(ui.app_name),
        my_data = escape(ui.my_data),
        other = other.tag(),
        other_name = escape(ui.other_language_name),
        switch = escape(ui.language_switch),
        wait = escape(words().loading),
    )
}

/// A campaign's invitation, as `src/pages/campaign.rs` draws it for a campaign seen online.
pub fn invitation(campaign: &PublicCampaign) -> String {
    let words = words();
    let mut html = format!(
        "<div class=\"page campaign\"><p class=\"meta\">{invited}</p><h1 tabindex=\"-1\">{name}</h1>\
         <p class=\"meta\">{by} {organisation}</p><p class=\"promise-inline\">{privacy}</p>",
        invited = escape(words.campaign_invited),
        name = escape(&campaign.name),
        by = escape(words.campaign_by),
        organisation = escape(&campaign.organisation),
        privacy = escape(words.campaign_privacy),
    );
    if !campaign.open {
        html.push_str(&format!("<p class=\"notice\">{}</p>", escape(words.campaign_closed)));
    }
    html.push_str(&format!(
        "<fieldset class=\"question\" aria-describedby=\"department-help department-error\">\
         <legend class=\"question-text\">{}</legend><p id=\"department-help\" class=\"hint\">{}</p>",
        escape(words.department_legend),
        escape(words.department_help)
    ));
    let choices = campaign.departments.iter().map(|name| Some(name.as_str())).chain(std::iter::once(None));
    for (index, choice) in choices.enumerate() {
        let (class, label) = match choice {
            Some(name) => ("choice", escape(name)),
            None => ("choice choice-decline", escape(words.prefer_not_to_say)),
        };
        html.push_str(&format!(
            "<div class=\"{class}\"><input type=\"radio\" name=\"department\" id=\"department-{index}\">\
             <label for=\"department-{index}\">{label}</label></div>"
        ));
    }
    html.push_str(&format!(
        "</fieldset><p id=\"department-error\" class=\"error\" role=\"alert\"></p>\
         <button type=\"button\" class=\"button button-large\">{}</button></div>",
        escape(words.to_scan)
    ));
    html
}

/// What the app shows for a code the server does not know.
pub fn unknown_campaign() -> String {
    let words = words();
    format!(
        "<div class=\"page campaign\"><h1>{}</h1><p role=\"alert\">{}</p></div>",
        escape(words.not_found_title),
        escape(words.campaign_not_found)
    )
}

/// A scan's introduction, as `src/pages/scan.rs` draws it for a scan not yet begun on the device.
pub fn introduction(definition: &Definition) -> String {
    let words = words();
    let meta = &definition.questionnaire;
    format!(
        "<div class=\"page intro\"><h1 tabindex=\"-1\">{title}</h1><p class=\"lead\">{lead}</p>\
         <p class=\"meta\">{length}</p><p class=\"promise-inline\">{privacy}</p>\
         <button type=\"button\" class=\"button button-large\">{start}</button></div>",
        title = escape(meta.title.get(LANG)),
        lead = escape(meta.description.get(LANG)),
        length = escape(&length_of_scan(LANG, meta.minutes, definition.question_count())),
        privacy = escape(words.intro_privacy),
        start = escape(words.start),
    )
}

/// The scan app's page with the drawn screen in place of its loading shell, the screen's data
/// asked for with the page, and the stylesheet written into the page (when `style` is the
/// page's own; its hash is in the Content-Security-Policy, `static_files::BuiltApps`), so the
/// screen paints as soon as the page is in, one round trip sooner than with a linked
/// stylesheet. `None` when the page has no shell to replace.
pub fn into_page(template: &str, screen: &Screen, style: Option<&InlineStyle>) -> Option<String> {
    let (start, end) = shell_of(template)?;
    let preload = screen
        .preload
        .as_deref()
        .map(|url| format!("<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>", escape(url)))
        .unwrap_or_default();
    // The shell's word for a browser without JavaScript stays (it shows nothing otherwise).
    let shell = &template[start..end];
    let noscript = shell
        .find("<noscript>")
        .and_then(|from| shell[from..].find("</noscript>").map(|to| &shell[from..from + to + "</noscript>".len()]))
        .unwrap_or_default();
    let head = &template[..start];
    let head = match style {
        // Only the page's own link: a page from another build keeps its link.
        Some(style) if head.contains(&style.link) => {
            head.replacen(&style.link, &format!("<style>{}</style>", style.css), 1)
        }
        _ => head.to_owned(),
    };
    Some(format!(
        "{head}{preload}<div id=\"shell\" data-screen=\"{}\">{}{noscript}</div><script>{EARLY_INPUT_SCRIPT}</script>{}",
        screen.kind,
        screen.html,
        &template[end..]
    ))
}

/// Where the page's loading shell is: from its `<div id=shell>` to the last `</div>` (in
/// `index.html` and in its minified build the shell is the body's last element but for the
/// start-up script, which holds no `</div>`).
fn shell_of(template: &str) -> Option<(usize, usize)> {
    let start = template.find("<div id=shell").or_else(|| template.find("<div id=\"shell\""))?;
    let end = template.rfind("</div>")? + "</div>".len();
    (end > start).then_some((start, end))
}

/// Text for HTML content or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen() -> Screen {
        Screen { kind: "scan", html: "<main>drawn</main>".into(), preload: Some("/api/questionnaires/x".into()) }
    }

    #[test]
    fn the_drawn_screen_takes_the_place_of_the_shell_in_a_minified_page_and_in_the_source() {
        // The release build: the start-up script after the shell, `async` (index.html).
        let minified = "<!doctype html><html lang=nl><head></head><body><div id=shell><main><p>Even laden…</p></main></div><script type=module async>start()</script></body></html>";
        assert_eq!(
            into_page(minified, &screen(), None).unwrap(),
            format!(
                "<!doctype html><html lang=nl><head></head><body>\
             <link rel=\"preload\" href=\"/api/questionnaires/x\" as=\"fetch\" crossorigin>\
             <div id=\"shell\" data-screen=\"scan\"><main>drawn</main></div>\
             <script>{EARLY_INPUT_SCRIPT}</script><script type=module async>start()</script></body></html>"
            )
        );
        let source = "<body>\n<div id=\"shell\">\n<div><p>x</p></div>\n<noscript><p>Zet JavaScript aan.</p></noscript>\n</div>\n</body>\n</html>\n";
        assert_eq!(
            into_page(source, &Screen { preload: None, ..screen() }, None).unwrap(),
            format!("<body>\n<div id=\"shell\" data-screen=\"scan\"><main>drawn</main><noscript><p>Zet JavaScript aan.</p></noscript></div>\
             <script>{EARLY_INPUT_SCRIPT}</script>\n</body>\n</html>\n")
        );
        assert_eq!(into_page("<body><p>no shell</p></body>", &screen(), None), None);
    }

    #[test]
    fn the_drawn_screen_s_script_cannot_end_its_element_early() {
        assert!(!EARLY_INPUT_SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!EARLY_INPUT_SCRIPT.contains("<!--"));
    }

    #[test]
    fn the_page_s_own_stylesheet_is_written_into_the_drawn_page_and_no_other() {
        let page = "<!doctype html><head><link href=/main-1.css integrity=sha384-x rel=stylesheet></head><body><div id=shell><p>Even laden…</p></div>";
        let style = InlineStyle {
            link: "<link href=/main-1.css integrity=sha384-x rel=stylesheet>".into(),
            css: "body{margin:0}".into(),
        };
        let drawn = into_page(page, &screen(), Some(&style)).unwrap();
        assert!(drawn.starts_with("<!doctype html><head><style>body{margin:0}</style></head><body>"), "{drawn}");
        assert!(!drawn.contains("main-1.css"));
        // A page of another build (its stylesheet under another name) keeps its own link.
        let other = page.replace("main-1.css", "main-2.css");
        let drawn = into_page(&other, &screen(), Some(&style)).unwrap();
        assert!(drawn.contains("<link href=/main-2.css") && !drawn.contains("<style>"), "{drawn}");
    }

    #[test]
    fn every_character_that_could_open_markup_or_leave_an_attribute_is_escaped() {
        assert_eq!(escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
        assert_eq!(escape("Zeg ik liever niet ± · ë"), "Zeg ik liever niet ± · ë");
    }
}
