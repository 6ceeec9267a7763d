//! The employee's first screen drawn into the page (`werkscan_server::first_screen`): the
//! campaign's invitation on `/c/{code}` and the scan's introduction on `/scan/{id}`, escaped,
//! the same texts as the API's, nothing personal, under the same Content-Security-Policy, and
//! marked so the service worker never keeps it as the app's page.

use std::io::Read;

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::{campaign_body, request, Reply, TestApp};

on_both_databases!(
    an_invitation_is_drawn_escaped_from_the_apis_texts,
    an_unknown_code_gets_the_apps_message,
    a_closed_campaign_is_drawn_with_the_apps_notice,
    a_personal_link_gets_the_plain_page,
    a_scans_introduction_is_drawn,
    the_drawn_page_is_compressed_like_the_others,
    the_stylesheet_is_written_into_the_drawn_page_and_allowed_by_its_hash,
);

/// The scan app's page as the release build writes it (minified; the start-up script inline, the
/// loading shell last in the body).
const SCAN_PAGE: &str = "<!doctype html><html lang=nl><head><meta charset=utf-8><title>Werkscan</title>\
<link rel=stylesheet href=/main-0123456789abcdef.css><script type=module>start('scan')</script></head>\
<body><div id=shell><header class=site-header><span class=brand>Werkscan</span></header><main>\
<section class=\"promise shell-promise\"><h1>Je antwoorden blijven op deze telefoon</h1></section>\
<p class=meta role=status>Even laden…</p></main></div>";

async fn with_scan_page(app: &TestApp) {
    std::fs::write(app.dir.join("dist/scan/index.html"), SCAN_PAGE).unwrap();
}

/// The body of a page, decompressed when it came compressed.
fn html(reply: &Reply) -> String {
    match reply.header("content-encoding").as_str() {
        "gzip" => {
            let mut plain = String::new();
            flate2::read::GzDecoder::new(reply.body.as_slice()).read_to_string(&mut plain).unwrap();
            plain
        }
        "" => reply.text(),
        other => panic!("unexpected encoding {other}"),
    }
}

/// How a Content-Security-Policy allows one inline script or stylesheet, worked out here
/// rather than by the server's own function.
fn csp_hash(text: &str) -> String {
    use base64::Engine;
    let hex = werkscan_core::authoring::sha256_hex(text.as_bytes());
    let digest: Vec<u8> =
        (0..hex.len()).step_by(2).map(|at| u8::from_str_radix(&hex[at..at + 2], 16).unwrap()).collect();
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The inline scripts of a drawn page are exactly the page's own start-up script and the drawn
/// screen's script for early taps, each allowed by its hash; nothing drawn adds another script
/// or a style. (Here the stylesheet the page links is not in `dist/`, so it stays linked; see the
/// test of the stylesheet written in.)
fn only_the_pages_own_scripts(page: &str, policy: &str) {
    let scripts = werkscan_server::static_files::inline_scripts(page);
    assert_eq!(scripts, vec!["start('scan')", werkscan_server::first_screen::EARLY_INPUT_SCRIPT], "{page}");
    let script_src = policy.split(';').map(str::trim).find(|part| part.starts_with("script-src")).unwrap();
    for script in scripts {
        assert!(script_src.split(' ').any(|source| source == csp_hash(script)), "{script}: {policy}");
    }
    assert!(!policy.contains("'unsafe-inline'"), "{policy}");
    assert_eq!(page.matches("<script").count(), 2, "{page}");
    assert!(!page.contains(" style=") && !page.contains("<style"), "{page}");
}

/// The status line at the end of a drawn screen, empty until a tap before the app has started
/// fills it with its `data-wait` (`first_screen::EARLY_INPUT_SCRIPT`).
const EARLY_STATUS: &str =
    "<p id=\"early-status\" class=\"meta\" role=\"status\" data-wait=\"Even laden…\"></p></main>";

async fn an_invitation_is_drawn_escaped_from_the_apis_texts(app: TestApp) {
    with_scan_page(&app).await;
    let fixture = app.fixture().await;
    let plain_policy = app.get("/", None).await.header("content-security-policy");
    // An employer writes the campaign's name and departments: markup in them stays text.
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, -1, 30);
    body["name"] = json!("Zorg & welzijn <script>alert('naam')</script>");
    body["departments"] = json!(["Verpleging \"A\" <img src=x onerror=alert(1)>", "Facilitair & <b>schoonmaak</b>"]);
    let created = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let code = created.json()["code"].as_str().unwrap().to_owned();

    let reply = app.get(&format!("/c/{code}"), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("werkscan-first-screen"), "campaign");
    assert_eq!(reply.header("cache-control"), "no-cache");
    assert!(reply.header("content-type").starts_with("text/html"));
    let page = html(&reply);
    assert!(
        page.contains("<h1 tabindex=\"-1\">Zorg &amp; welzijn &lt;script&gt;alert(&#39;naam&#39;)&lt;/script&gt;</h1>"),
        "{page}"
    );
    assert!(page.contains(">Verpleging &quot;A&quot; &lt;img src=x onerror=alert(1)&gt;</label>"), "{page}");
    assert!(page.contains(">Facilitair &amp; &lt;b&gt;schoonmaak&lt;/b&gt;</label>"), "{page}");
    assert!(!page.contains("<img") && !page.contains("<b>") && !page.contains("alert('naam')"), "{page}");
    // The API's texts, the app's sentences and markup, the decline last.
    let api = app.get(&format!("/api/c/{code}"), None).await.json();
    assert!(page.contains(&format!("door {}</p>", api["organisation"].as_str().unwrap())), "{page}");
    for sentence in ["Je bent uitgenodigd voor", "Op welke afdeling werk je?", "Zeg ik liever niet", "Naar de scan"] {
        assert!(page.contains(sentence), "{sentence}: {page}");
    }
    assert!(
        page.contains(
            "<div class=\"choice choice-decline\"><input type=\"radio\" name=\"department\" id=\"department-2\">"
        ),
        "{page}"
    );
    assert!(!page.contains("Deze campagne is gesloten"), "{page}");
    // In place of the loading shell, once; the app's data fetched with the page.
    assert_eq!(page.matches("id=\"shell\"").count(), 1, "{page}");
    assert!(page.contains("<div id=\"shell\" data-screen=\"campaign\">"), "{page}");
    assert!(!page.contains("<p class=meta role=status>Even laden"), "{page}");
    // Its controls work before the app does: nothing is disabled, and an early tap is answered.
    assert!(!page.contains("disabled"), "{page}");
    assert_eq!(page.matches(EARLY_STATUS).count(), 1, "{page}");
    assert!(
        page.contains(&format!("<link rel=\"preload\" href=\"/api/c/{code}\" as=\"fetch\" crossorigin>")),
        "{page}"
    );
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    // Nothing personal: not the experts' names (the API gives them for the consent), no address.
    for expert in api["experts"].as_array().unwrap() {
        assert!(!page.contains(expert.as_str().unwrap()), "{expert}: {page}");
    }
    assert!(!page.contains('@'), "{page}");
    // The same policy as every page, and no script or style beyond the page's own.
    assert_eq!(reply.header("content-security-policy"), plain_policy);
    only_the_pages_own_scripts(&page, &plain_policy);
    // A code in any case, with a trailing slash, is the same campaign (the API reads it so).
    let lower = html(&app.get(&format!("/c/{}/", code.to_lowercase()), None).await);
    assert!(lower.contains("Zorg &amp; welzijn"), "{lower}");
}

async fn an_unknown_code_gets_the_apps_message(app: TestApp) {
    with_scan_page(&app).await;
    let reply = app.get("/c/BESTAATNIET", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("werkscan-first-screen"), "campaign");
    let page = html(&reply);
    assert!(page.contains("<h1>Deze pagina bestaat niet</h1>"), "{page}");
    assert!(
        page.contains("<p role=\"alert\">Deze uitnodiging bestaat niet (meer). Kijk of de link goed is.</p>"),
        "{page}"
    );
    // A code with markup in it never reaches the page as markup.
    let odd = html(&app.get("/c/%3Cscript%3Ex%3C%2Fscript%3E", None).await);
    assert!(!odd.contains("<script>x"), "{odd}");
    assert!(odd.contains("href=\"/api/c/%3Cscript%3Ex%3C%2Fscript%3E\""), "{odd}");
    only_the_pages_own_scripts(&odd, &reply.header("content-security-policy"));
}

async fn a_closed_campaign_is_drawn_with_the_apps_notice(app: TestApp) {
    with_scan_page(&app).await;
    let fixture = app.fixture().await;
    let open = html(&app.get(&format!("/c/{}", fixture.code), None).await);
    assert!(!open.contains("Deze campagne is gesloten"), "{open}");
    let id = fixture.campaign["id"].as_str().unwrap();
    let closed =
        app.json(Method::POST, &format!("/api/campaigns/{id}/close"), Some(&fixture.employer), &json!({})).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    // The next request says so: the page is drawn per request, never kept.
    let reply = app.get(&format!("/c/{}", fixture.code), None).await;
    assert_eq!(reply.header("cache-control"), "no-cache");
    let page = html(&reply);
    assert!(
        page.contains("<p class=\"notice\">Deze campagne is gesloten. Je kunt de scan wel voor jezelf invullen; delen kan niet meer.</p>"),
        "{page}"
    );
    assert!(page.contains("Werkscan zorg 2026"), "{page}");
}

async fn a_personal_link_gets_the_plain_page(app: TestApp) {
    with_scan_page(&app).await;
    let fixture = app.fixture().await;
    // A link with a personal invitation's token: the department is the invitation's, so it stays
    // between the phone and the API.
    let reply = app.get(&format!("/c/{}?u=sometoken", fixture.code), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("werkscan-first-screen"), "");
    assert_eq!(html(&reply), SCAN_PAGE);
    // A campaign with personal invitations, opened without a token: the plain page too.
    let (_, code) = crate::invitations::personal_campaign(&app, &fixture).await;
    let reply = app.get(&format!("/c/{code}"), None).await;
    assert_eq!(reply.header("werkscan-first-screen"), "");
    assert_eq!(html(&reply), SCAN_PAGE);
}

async fn a_scans_introduction_is_drawn(app: TestApp) {
    with_scan_page(&app).await;
    let reply = app.get("/scan/quickscan", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("werkscan-first-screen"), "scan");
    assert_eq!(reply.header("cache-control"), "no-cache");
    let page = html(&reply);
    let definition = crate::support::definition("quickscan");
    let meta = &definition.questionnaire;
    assert!(page.contains(&format!("<h1 tabindex=\"-1\">{}</h1>", meta.title.get(werkscan_core::Lang::Nl))), "{page}");
    let length =
        werkscan_core::screen_words::length_of_scan(werkscan_core::Lang::Nl, meta.minutes, definition.question_count());
    assert!(page.contains(&format!("<p class=\"meta\">{length}</p>")), "{page}");
    assert!(
        page.contains(&format!(
            "<button type=\"button\" class=\"button button-large\">Start de scan</button></div>{EARLY_STATUS}"
        )),
        "{page}"
    );
    assert!(
        page.contains("<link rel=\"preload\" href=\"/api/questionnaires/quickscan\" as=\"fetch\" crossorigin>"),
        "{page}"
    );
    only_the_pages_own_scripts(&page, &reply.header("content-security-policy"));
    // An id without a questionnaire: the plain page (the app says the scan could not be loaded).
    let unknown = app.get("/scan/bestaat-niet", None).await;
    assert_eq!(unknown.header("werkscan-first-screen"), "");
    assert_eq!(html(&unknown), SCAN_PAGE);
    // The other screens of the scan app keep the plain page.
    for path in ["/", "/nergens"] {
        assert_eq!(html(&app.get(path, None).await), SCAN_PAGE, "{path}");
    }
}

async fn the_drawn_page_is_compressed_like_the_others(app: TestApp) {
    with_scan_page(&app).await;
    let mut get = request(Method::GET, "/scan/werkscan", None, None);
    get.headers_mut().insert("accept-encoding", "gzip".parse().unwrap());
    let reply = app.send(get).await;
    assert_eq!(reply.header("content-encoding"), "gzip");
    assert_eq!(reply.header("vary"), "accept-encoding");
    assert!(html(&reply).contains("data-screen=\"scan\""));
    let mut get = request(Method::GET, "/scan/werkscan", None, None);
    get.headers_mut().insert("accept-encoding", "br".parse().unwrap());
    assert_eq!(app.send(get).await.header("content-encoding"), "br");
}

async fn the_stylesheet_is_written_into_the_drawn_page_and_allowed_by_its_hash(mut app: TestApp) {
    let css = "body{margin:0;color:#1d1d1b}.page{padding:1rem}";
    std::fs::write(app.dir.join("dist/scan/main-0123456789abcdef.css"), css).unwrap();
    with_scan_page(&app).await;
    // The pages and the stylesheet are read at start.
    app.reconfigure(|_| {}).await;
    let hash = csp_hash(css);

    let reply = app.get("/scan/quickscan", None).await;
    assert_eq!(reply.header("werkscan-first-screen"), "scan");
    let page = html(&reply);
    assert!(page.contains(&format!("<title>Werkscan</title><style>{css}</style><script type=module>")), "{page}");
    assert!(!page.contains("main-0123456789abcdef.css"), "{page}");
    assert_eq!(page.matches("<style").count(), 1, "{page}");
    // Allowed by its hash and by nothing broader; the start-up script as before.
    let policy = reply.header("content-security-policy");
    let style_src = policy.split(';').map(str::trim).find(|part| part.starts_with("style-src")).unwrap();
    assert_eq!(style_src, format!("style-src 'self' {hash}"), "{policy}");
    assert!(!policy.contains("'unsafe-inline'"), "{policy}");
    assert_eq!(
        werkscan_server::static_files::inline_scripts(&page),
        vec!["start('scan')", werkscan_server::first_screen::EARLY_INPUT_SCRIPT],
        "{page}"
    );
    // The campaign's invitation too; the app's other pages keep the link, under the same policy.
    let fixture = app.fixture().await;
    let created =
        app.create_campaign(&fixture.employer, campaign_body(&fixture.definition, &fixture.expert_id, -1, 30)).await;
    let code = created.json()["code"].as_str().unwrap().to_owned();
    assert!(html(&app.get(&format!("/c/{code}"), None).await).contains(&format!("<style>{css}</style>")));
    let plain = app.get("/", None).await;
    assert_eq!(html(&plain), SCAN_PAGE);
    assert_eq!(plain.header("content-security-policy"), policy);
}
