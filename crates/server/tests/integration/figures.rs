//! Group figures (#13): campaign management, releases, publication by the campaign's
//! arbeidsdeskundige, what the employer sees (never below k, never a person), withdrawal,
//! re-releases, trend, norm and the CSV.

use std::collections::BTreeMap;

use crate::demo::synthetic::{self, Dice, Person};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};
use sqlx::Row;
use werkscan_core::{build_submission, score, ConsentChoices, Definition, Lang};
use werkscan_server::accounts::auth::Role;
use werkscan_server::util::now;

use crate::support::{campaign_body, contact, definition, Fixture, Reply, Session, TestApp};

on_both_databases!(
    campaign_fields_close_extend_and_qr_are_checked,
    the_draft_is_invisible_to_the_employer_until_the_expert_publishes_it,
    only_the_campaigns_expert_publishes,
    no_employer_route_shows_a_person_or_a_group_below_k,
    a_withdrawal_leaves_the_draft_but_never_changes_a_published_release,
    attack_a_withdrawal_and_k_own_uploads_between_releases_reveal_nothing,
    attack_one_newcomer_and_k_minus_1_own_uploads_between_releases_reveal_nothing,
    attack_padding_a_hidden_group_shows_in_the_signals_of_the_group_and_the_hidden_rest,
    a_new_release_needs_k_more_uploads,
    the_trend_compares_with_the_previous_campaign_where_both_meet_k,
    the_norm_is_five_other_organisations_none_dominant_on_one_version,
    the_csv_holds_exactly_the_dashboards_numbers,
    group_figures_uploads_carry_only_what_a_release_needs,
    ended_campaigns_get_a_release_from_the_task_and_the_purge_keeps_it,
    the_kept_sums_and_the_signals_match_every_upload,
    an_employer_polling_a_running_campaign_learns_nothing_within_a_day,
    appointments_below_k_and_empty_groups_are_hidden_from_the_employer,
    with_personal_invitations_departments_show_and_the_employer_has_no_uploads_to_add,
    the_action_plan_is_the_employers_read_by_the_expert_and_carried_to_the_next_campaign,
    waar_beginnen_shows_only_what_the_release_publishes,
    the_demo_dashboard_has_a_trend_a_norm_where_to_begin_and_last_years_plan,
);

/// The fixture campaign's id.
fn id_of(fixture: &Fixture) -> String {
    fixture.campaign["id"].as_str().unwrap().to_owned()
}

/// Makes the campaign one with personal invitations, which figures per department need (with an
/// open link a release shows the total only). The tests that call this are about the release
/// rules over departments that can be trusted; their uploads, written before, took the open
/// path, and the roster itself is tested in `invitations`.
async fn trust_departments(app: &TestApp, campaign_id: &str) {
    sqlx::query("UPDATE campaigns SET invitations = 'personal', roster_state = 'approved' WHERE id = $1")
        .bind(campaign_id)
        .execute(&app.db().pool)
        .await
        .unwrap();
}

/// `count` synthetic group-figure uploads in `department`, written directly (as many as a test
/// needs, without the per-address limit), arriving an hour apart from different addresses.
async fn add_people(
    app: &TestApp,
    campaign_id: &str,
    department: Option<&str>,
    count: usize,
    mood: f64,
    seed: u64,
) -> Vec<(String, String)> {
    let campaign = werkscan_server::models::campaign::by_id(&app.state, campaign_id).await.unwrap().unwrap();
    let definition =
        app.state.definitions().by_hash(app.db(), &campaign.questionnaire.content_hash).await.unwrap().unwrap();
    let mut dice = Dice::new(seed);
    let people: Vec<Person> = (0..count)
        .map(|index| Person {
            department: department.map(str::to_owned),
            mood: (mood + (dice.roll(11) as f64 - 5.0) / 25.0).clamp(0.0, 1.0),
            created_at: now() - 86_400 + index as i64 * 3600,
            origin: dice.roll(65_536) as i64,
            seed: dice.roll(u64::MAX),
        })
        .collect();
    synthetic::add(app.db(), &definition, &campaign, &people).await.unwrap()
}

/// One group-figure upload through the API, with an upload key (the withdrawal token).
async fn upload_group(app: &TestApp, fixture: &Fixture, department: Option<&str>, seed: u64) -> (String, String) {
    let mut dice = Dice::new(seed);
    let answers = synthetic::answers(&fixture.definition, &mut dice, 0.5);
    let result = score(&fixture.definition, &answers).unwrap();
    let choices = ConsentChoices { group_figures: true, ..Default::default() };
    let mut sub = build_submission(
        &fixture.code,
        department.map(str::to_owned),
        &fixture.definition,
        &result,
        &answers,
        choices,
        Lang::Nl,
        None,
    );
    sub.consent.values = Some(fixture.consent_values.clone());
    let key = format!("{seed:064x}");
    let reply = app.upload_with_key(&sub, &key).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    (reply.json()["submission_id"].as_str().unwrap().to_owned(), key)
}

async fn post(app: &TestApp, path: &str, session: Option<&Session>, body: Value) -> Reply {
    app.json(Method::POST, path, session, &body).await
}

async fn close(app: &TestApp, employer: &Session, id: &str) -> Value {
    let reply = post(app, &format!("/api/campaigns/{id}/close"), Some(employer), json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let _: werkscan_api::campaigns::CampaignView = reply.reads_as();
    reply.json()
}

/// The employer reopens a closed campaign up to its own end date (an extension to the same day).
async fn reopen(app: &TestApp, fixture: &Fixture, id: &str) {
    let ends_on = fixture.campaign["ends_on"].as_str().unwrap();
    let reply =
        post(app, &format!("/api/campaigns/{id}/extend"), Some(&fixture.employer), json!({"ends_on": ends_on})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

async fn review(app: &TestApp, expert: &Session, id: &str) -> Value {
    let reply = app.get(&format!("/api/expert/campaigns/{id}/release"), Some(expert)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let _: werkscan_api::releases::Review = reply.reads_as();
    reply.json()
}

async fn publish(app: &TestApp, expert: &Session, id: &str) -> Value {
    let revision = review(app, expert, id).await["release"]["revision"].clone();
    let reply = post(
        app,
        &format!("/api/expert/campaigns/{id}/release/publish"),
        Some(expert),
        json!({ "revision": revision }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let typed: werkscan_api::releases::Review = reply.reads_as();
    assert_eq!(typed.release.status, werkscan_api::campaigns::ReleaseStatus::Published);
    assert!(typed.release.published_by.is_some(), "the review names who published");
    reply.json()
}

async fn figures(app: &TestApp, employer: &Session, id: &str) -> Value {
    let reply = app.get(&format!("/api/campaigns/{id}/figures"), Some(employer)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let _: werkscan_api::releases::Dashboard = reply.reads_as();
    reply.json()
}

fn withdraw(id: &str, token: &str) -> Request<Body> {
    Request::builder()
        .method(Method::DELETE)
        .uri(format!("/api/submissions/{id}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

/// A group's row by its department name (`None`: the total).
fn group<'a>(dashboard: &'a Value, name: Option<&str>) -> &'a Value {
    dashboard["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|group| match name {
            None => group["kind"] == "total",
            Some(name) => group["name"] == name,
        })
        .expect("the group is listed")
}

/// Every count a dashboard shows about a group is 0 or at least k, a hidden group shows no
/// number, and the total minus the shown groups is 0 or at least k people in at least two
/// hidden groups (checked against what the test knows was uploaded).
fn assert_nothing_below_k(dashboard: &Value, k: u64, uploaded: &BTreeMap<String, u64>) {
    let groups = dashboard["groups"].as_array().unwrap();
    for group in groups {
        if group["shown"] == false {
            for field in ["respondents", "response_rate", "measures", "appointments"] {
                assert!(group.get(field).is_none(), "a hidden group shows {field}: {group}");
            }
            continue;
        }
        let respondents = group["respondents"].as_u64().unwrap();
        assert!(respondents == 0 || respondents >= k, "{group}");
        for measure in group["measures"].as_array().unwrap() {
            if measure["shown"] == true {
                let count = measure["respondents"].as_u64().unwrap();
                assert!(count == 0 || count >= k, "{measure}");
                let in_bands: u64 = measure["distribution"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|band| band["count"].as_u64().unwrap())
                    .sum();
                assert_eq!(in_bands, count);
                let occupied = measure["distribution"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|band| band["count"].as_u64().unwrap() > 0)
                    .count();
                assert!(count == 0 || occupied >= 2, "everyone in one band: {measure}");
            } else {
                assert!(measure.get("respondents").is_none() && measure.get("mean").is_none(), "{measure}");
            }
        }
    }
    let total = &groups[0];
    if total["shown"] == true {
        let visible: u64 = groups[1..].iter().filter_map(|group| group["respondents"].as_u64()).sum();
        let rest = total["respondents"].as_u64().unwrap() - visible;
        assert!(rest == 0 || rest >= k, "the total minus the shown groups is {rest}");
        let hidden_with_people = groups[1..]
            .iter()
            .filter(|group| group["shown"] == false)
            .filter(|group| uploaded.get(group["name"].as_str().unwrap_or("")).copied().unwrap_or(0) > 0)
            .count();
        assert!(hidden_with_people != 1, "one hidden group would be the total minus the others");
    }
}

async fn campaign_fields_close_extend_and_qr_are_checked(app: TestApp) {
    let fixture = app.fixture().await;
    let day = |offset: i64| (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string();
    // Headcounts and several problems at once, each with its field.
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    body["departments"] = json!(["Zorg", {"name": "Keuken", "headcount": 0}, {"name": "Kantoor", "headcount": 12}]);
    body["min_group_size"] = json!(51);
    body["name"] = json!(" ");
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = &reply.json()["error"];
    assert_eq!((error["code"].as_str().unwrap(), error["field"].as_str().unwrap()), ("invalid_name", "name"));
    let fields: Vec<(String, String)> = error["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| (problem["field"].as_str().unwrap().to_owned(), problem["code"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("name".to_owned(), "invalid_name".to_owned()),
            ("departments[1].headcount".to_owned(), "invalid_headcount".to_owned()),
            ("min_group_size".to_owned(), "min_group_size_too_large".to_owned()),
        ]
    );
    for (change, code, field) in [
        (
            json!({"departments": [{"name": "Zorg", "headcount": 100001}]}),
            "invalid_headcount",
            "departments[0].headcount",
        ),
        (json!({"departments": ["Zorg", " "]}), "invalid_department", "departments[1]"),
        (json!({"min_group_size": 4}), "min_group_size_too_small", "min_group_size"),
        (json!({"experts": ["nobody"]}), "unknown_expert", "experts[0]"),
        (json!({"version": "9.9.9"}), "unknown_questionnaire", "version"),
        (json!({"ends_on": day(6 * 366)}), "invalid_dates", "ends_on"),
    ] {
        let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let reply = app.create_campaign(&fixture.employer, body).await;
        assert_eq!(
            (reply.code().as_str(), reply.json()["error"]["field"].as_str().unwrap_or("")),
            (code, field),
            "{change}"
        );
    }
    // Nothing of the refused campaigns was saved.
    assert_eq!(app.count("campaigns", None).await, 1);
    assert_eq!(app.count("campaign_departments", None).await, 2);
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, 0, 10);
    body["departments"] = json!(["Zorg", {"name": "Kantoor", "headcount": 12}]);
    body["min_group_size"] = json!(50);
    let created = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert_eq!(
        created.json()["departments"],
        json!([{"name": "Zorg", "headcount": null}, {"name": "Kantoor", "headcount": 12}])
    );
    assert_eq!(created.json()["min_group_size"], 50);

    let id = id_of(&fixture);
    // Progress while open: the total only; the employer never gets a live booking number.
    upload_group(&app, &fixture, Some("Verpleging"), 1).await;
    upload_group(&app, &fixture, None, 2).await;
    let view = app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.json();
    assert_eq!(
        (view["status"].clone(), view["uploads"].clone(), view["bookings"].clone()),
        (json!("open"), json!(null), json!(null))
    );
    assert_eq!(view["response"]["at_least"], json!(null), "fewer than k: {view}");
    assert_eq!(app.get(&format!("/api/campaigns/{id}"), Some(&fixture.expert)).await.json()["uploads"], json!(2));
    assert_eq!(
        app.get(&format!("/api/campaigns/{id}"), Some(&fixture.expert)).await.json()["bookings"],
        json!({"booked": 0, "held": 0})
    );

    // Only the organisation's employer closes and extends.
    for (session, status, code) in [
        (&fixture.expert, StatusCode::FORBIDDEN, "forbidden"),
        (&fixture.other_expert, StatusCode::NOT_FOUND, "campaign_not_found"),
    ] {
        let reply = post(&app, &format!("/api/campaigns/{id}/close"), Some(session), json!({})).await;
        assert_eq!((reply.status, reply.code().as_str()), (status, code));
        let reply =
            post(&app, &format!("/api/campaigns/{id}/extend"), Some(session), json!({"ends_on": day(40)})).await;
        assert_eq!((reply.status, reply.code().as_str()), (status, code));
    }
    assert_eq!(
        post(&app, &format!("/api/campaigns/{id}/close"), None, json!({})).await.status,
        StatusCode::UNAUTHORIZED
    );

    let closed = close(&app, &fixture.employer, &id).await;
    assert_eq!(
        (closed["status"].clone(), closed["open"].clone(), closed["uploads"].clone()),
        (json!("closed"), json!(false), json!(null))
    );
    assert!(closed["closed_at"].is_string());
    let again = post(&app, &format!("/api/campaigns/{id}/close"), Some(&fixture.employer), json!({})).await;
    assert_eq!((again.status, again.code().as_str()), (StatusCode::CONFLICT, "campaign_already_closed"));
    // Closed means closed for uploads too.
    let mut dice = Dice::new(3);
    let answers = synthetic::answers(&fixture.definition, &mut dice, 0.5);
    let result = score(&fixture.definition, &answers).unwrap();
    let mut late = build_submission(
        &fixture.code,
        None,
        &fixture.definition,
        &result,
        &answers,
        ConsentChoices { group_figures: true, ..Default::default() },
        Lang::Nl,
        None,
    );
    late.consent.values = Some(fixture.consent_values.clone());
    assert_eq!(app.upload(&late).await.code(), "campaign_closed");

    // Extending: never into the past, later than the end (or equal, to reopen a campaign closed
    // early), within five years.
    let ends_on = fixture.campaign["ends_on"].as_str().unwrap().to_owned();
    for (ends, message_part) in [(day(-1), "today"), (day(6 * 366), "years ahead")] {
        let reply =
            post(&app, &format!("/api/campaigns/{id}/extend"), Some(&fixture.employer), json!({"ends_on": ends})).await;
        assert_eq!(
            (reply.code().as_str(), reply.json()["error"]["field"].as_str().unwrap()),
            ("invalid_dates", "ends_on")
        );
        assert!(reply.json()["error"]["message"].as_str().unwrap().contains(message_part), "{}", reply.text());
    }
    let bad =
        post(&app, &format!("/api/campaigns/{id}/extend"), Some(&fixture.employer), json!({"ends_on": "morgen"})).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let reopened =
        post(&app, &format!("/api/campaigns/{id}/extend"), Some(&fixture.employer), json!({"ends_on": ends_on})).await;
    assert_eq!(reopened.status, StatusCode::OK, "{}", reopened.text());
    assert_eq!((reopened.json()["status"].clone(), reopened.json()["closed_at"].clone()), (json!("open"), json!(null)));
    assert_eq!(app.upload(&late).await.status, StatusCode::CREATED);
    let same =
        post(&app, &format!("/api/campaigns/{id}/extend"), Some(&fixture.employer), json!({"ends_on": ends_on})).await;
    assert_eq!(same.code(), "invalid_dates");
    let later =
        post(&app, &format!("/api/campaigns/{id}/extend"), Some(&fixture.employer), json!({"ends_on": day(60)})).await;
    assert_eq!(later.json()["ends_on"], day(60));
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE campaign_id = $1 ORDER BY at, action")
            .bind(&id)
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(audit.iter().filter(|action| *action == "extend_campaign").count(), 2);
    assert!(audit.contains(&"close_campaign".to_owned()));

    // The QR code: an SVG of the full link, with a title, for whoever may see the campaign.
    let qr = app.get(&format!("/api/campaigns/{id}/qr.svg"), Some(&fixture.employer)).await;
    assert_eq!(qr.status, StatusCode::OK);
    assert_eq!(qr.header("content-type"), "image/svg+xml; charset=utf-8");
    assert!(qr.text().starts_with("<?xml") || qr.text().starts_with("<svg"), "{}", &qr.text()[..40]);
    assert!(qr
        .text()
        .contains(&format!("<title>QR-code van de campagnelink http://127.0.0.1:8080/c/{}</title>", fixture.code)));
    assert_eq!(app.get(&format!("/api/campaigns/{id}/qr.svg"), Some(&fixture.expert)).await.status, StatusCode::OK);
    assert_eq!(
        app.get(&format!("/api/campaigns/{id}/qr.svg"), Some(&fixture.other_expert)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&format!("/api/campaigns/{id}/qr.svg"), None).await.status, StatusCode::UNAUTHORIZED);
}

async fn the_draft_is_invisible_to_the_employer_until_the_expert_publishes_it(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    add_people(&app, &id, Some("Verpleging"), 14, 0.4, 1).await;
    add_people(&app, &id, Some("Facilitair"), 12, 0.7, 2).await;
    // Open: no release at all.
    let none = app.get(&format!("/api/expert/campaigns/{id}/release"), Some(&fixture.expert)).await;
    assert_eq!((none.status, none.code().as_str()), (StatusCode::NOT_FOUND, "release_not_computed"));
    let early = post(
        &app,
        &format!("/api/expert/campaigns/{id}/release/publish"),
        Some(&fixture.expert),
        json!({"revision": 1}),
    )
    .await;
    assert_eq!((early.status, early.code().as_str()), (StatusCode::CONFLICT, "campaign_open"));

    trust_departments(&app, &id).await;
    let closed = close(&app, &fixture.employer, &id).await;
    assert_eq!(closed["release"], json!(null), "the employer does not learn of a draft");
    for path in [format!("/api/campaigns/{id}/figures"), format!("/api/campaigns/{id}/figures.csv")] {
        let reply = app.get(&path, Some(&fixture.employer)).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::NOT_FOUND, "release_not_published"), "{path}");
    }
    // The expert sees the draft: exactly the dashboard the employer will get, and the signals.
    let draft = review(&app, &fixture.expert, &id).await;
    assert_eq!((draft["release"]["status"].clone(), draft["release"]["sequence"].clone()), (json!("draft"), json!(1)));
    assert_eq!(draft["release"]["respondents"], 26);
    assert_eq!(draft["campaign"]["release"]["status"], "draft");
    assert_eq!(draft["signals"]["uploads"], 26);
    assert_eq!(draft["signals"]["groups"][0]["uploads"], 14);
    assert_eq!(draft["published"], json!(null));
    assert_eq!(group(&draft["dashboard"], None)["respondents"], 26);
    assert_eq!(group(&draft["dashboard"], Some("Verpleging"))["respondents"], 14);

    let published = publish(&app, &fixture.expert, &id).await;
    assert_eq!(published["release"]["status"], "published");
    assert_eq!(published["release"]["published_by"]["id"], fixture.expert_id);
    let dashboard = figures(&app, &fixture.employer, &id).await;
    assert_eq!(dashboard["release"]["status"], "published");
    assert_eq!(dashboard["release"]["respondents"], 26);
    assert_eq!(dashboard["groups"], draft["dashboard"]["groups"]);
    assert_eq!(dashboard["measures"], draft["dashboard"]["measures"]);
    assert_eq!(dashboard["measures"].as_array().unwrap().len(), 7, "six themes and the headline");
    assert_eq!(dashboard["measures"][6]["kind"], "headline");
    assert_eq!(dashboard["measures"][6]["score"], "was");
    assert!(group(&dashboard, None)["measures"][6]["mean"].is_null());
    assert!(group(&dashboard, None)["measures"][0]["mean"].is_number());
    let view = app.get(&format!("/api/campaigns/{id}"), Some(&fixture.employer)).await.json();
    assert_eq!(
        (view["release"]["status"].clone(), view["release"]["sequence"].clone()),
        (json!("published"), json!(1))
    );
    // Admins and experts do not read the employer's dashboard route; other employers never see it.
    let admin_id = app.user(None, Role::Admin, "root@test.example").await;
    assert!(!admin_id.is_empty());
    let admin = app.login("root@test.example", "correct horse battery").await;
    for session in [&fixture.expert, &admin] {
        assert_eq!(app.get(&format!("/api/campaigns/{id}/figures"), Some(session)).await.code(), "forbidden");
    }
    assert_eq!(app.get(&format!("/api/campaigns/{id}/figures"), None).await.status, StatusCode::UNAUTHORIZED);
}

async fn only_the_campaigns_expert_publishes(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    add_people(&app, &id, Some("Verpleging"), 11, 0.5, 4).await;
    close(&app, &fixture.employer, &id).await;
    let path = format!("/api/expert/campaigns/{id}/release/publish");
    let revision = review(&app, &fixture.expert, &id).await["release"]["revision"].clone();
    assert_eq!(post(&app, &path, None, json!({"revision": revision})).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get(&format!("/api/expert/campaigns/{id}/release"), None).await.status, StatusCode::UNAUTHORIZED);
    app.user(None, Role::Admin, "root@test.example").await;
    let admin = app.login("root@test.example", "correct horse battery").await;
    for (session, code) in
        [(&fixture.employer, "forbidden"), (&admin, "forbidden"), (&fixture.other_expert, "not_campaign_expert")]
    {
        let reply = post(&app, &path, Some(session), json!({"revision": revision})).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, code));
        let reply = app.get(&format!("/api/expert/campaigns/{id}/release"), Some(session)).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, code));
    }
    // A CSRF token is needed like everywhere.
    let mut forged =
        crate::support::request(Method::POST, &path, Some(&fixture.expert), Some(&json!({"revision": revision})));
    forged.headers_mut().remove("x-csrf-token");
    assert_eq!(app.send(forged).await.code(), "csrf_token_invalid");
    let stale = post(&app, &path, Some(&fixture.expert), json!({"revision": 99})).await;
    assert_eq!((stale.status, stale.code().as_str()), (StatusCode::CONFLICT, "release_changed"));
    assert_eq!(
        app.get(&format!("/api/campaigns/{id}/figures"), Some(&fixture.employer)).await.code(),
        "release_not_published"
    );
    let done = post(&app, &path, Some(&fixture.expert), json!({"revision": revision})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let twice = post(&app, &path, Some(&fixture.expert), json!({"revision": revision})).await;
    assert_eq!((twice.status, twice.code().as_str()), (StatusCode::CONFLICT, "release_already_published"));
    let audit = sqlx::query(
        "SELECT actor_user_id, detail FROM audit_log WHERE action = 'publish_release' AND campaign_id = $1",
    )
    .bind(&id)
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].get::<String, _>("actor_user_id"), fixture.expert_id);
    assert_eq!(audit[0].get::<Option<String>, _>("detail").as_deref(), Some("release 1"));
    assert_eq!(figures(&app, &fixture.employer, &id).await["release"]["sequence"], 1);
}

async fn no_employer_route_shows_a_person_or_a_group_below_k(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    // Nurses: 12, facilities: 3, no department: 15 (the issue's {12, 3, 15}); one nurse also
    // shares scores and contact details with a marker name.
    add_people(&app, &id, Some("Verpleging"), 11, 0.5, 5).await;
    add_people(&app, &id, Some("Facilitair"), 3, 0.2, 6).await;
    add_people(&app, &id, None, 15, 0.6, 7).await;
    let mut shared = crate::support::submission(
        &fixture,
        ConsentChoices { share_scores: true, contact_me: true, group_figures: true, ..Default::default() },
    );
    shared.contact = Some(werkscan_core::Contact { name: "Uniekenaam Persoon".into(), ..contact() });
    let reply = app.upload(&shared).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let person = reply.json()["submission_id"].as_str().unwrap().to_owned();
    let token = reply.json()["withdrawal_token"].as_str().unwrap().to_owned();
    trust_departments(&app, &id).await;
    close(&app, &fixture.employer, &id).await;
    publish(&app, &fixture.expert, &id).await;

    let dashboard = figures(&app, &fixture.employer, &id).await;
    let uploaded: BTreeMap<String, u64> =
        [("Verpleging".to_owned(), 12), ("Facilitair".to_owned(), 3), ("".to_owned(), 15)].into();
    assert_nothing_below_k(&dashboard, 10, &uploaded);
    // {12, 3, 15}: only the 15 and the total.
    let shown: Vec<bool> =
        dashboard["groups"].as_array().unwrap().iter().map(|group| group["shown"].as_bool().unwrap()).collect();
    assert_eq!(shown, vec![true, false, false, true]);
    assert_eq!(group(&dashboard, None)["respondents"], 30);

    // Every route an employer can reach, read after publication: no person, no hidden count.
    let paths = [
        "/api/campaigns".to_owned(),
        format!("/api/campaigns/{id}"),
        format!("/api/campaigns/{id}/figures"),
        format!("/api/campaigns/{id}/figures.csv"),
        format!("/api/campaigns/{id}/qr.svg"),
        "/api/experts".to_owned(),
        "/api/session".to_owned(),
        "/api/account/sessions".to_owned(),
    ];
    for path in &paths {
        let reply = app.get(path, Some(&fixture.employer)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let text = reply.text();
        for secret in [person.as_str(), token.as_str(), "Uniekenaam", "sam@example.org", "signals", "origin"] {
            assert!(!text.contains(secret), "{path} shows {secret}");
        }
        // The hidden groups' sizes (12 nurses, 3 in facilities) appear nowhere as a count.
        for hidden in [
            "\"respondents\":12",
            "\"respondents\":3,",
            "\"uploads\":12",
            "\"uploads\":3,",
            ",respondenten,,12\r\n",
            ",respondenten,,3\r\n",
        ] {
            assert!(!text.contains(hidden), "{path} shows {hidden}");
        }
    }
    // The expert routes stay closed to the employer.
    for path in [format!("/api/expert/campaigns/{id}/release"), format!("/api/expert/submissions/{person}")] {
        assert_eq!(app.get(&path, Some(&fixture.employer)).await.code(), "forbidden", "{path}");
    }
    // The published figures do not move when the person withdraws.
    assert_eq!(app.send(withdraw(&person, &token)).await.status, StatusCode::OK);
    assert_eq!(figures(&app, &fixture.employer, &id).await, dashboard);
}

async fn a_withdrawal_leaves_the_draft_but_never_changes_a_published_release(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    let mut uploads = Vec::new();
    for seed in 0..12u64 {
        uploads.push(
            upload_group(&app, &fixture, Some(if seed % 2 == 0 { "Verpleging" } else { "Facilitair" }), 100 + seed)
                .await,
        );
    }
    add_people(&app, &id, Some("Verpleging"), 10, 0.5, 8).await;
    add_people(&app, &id, Some("Facilitair"), 10, 0.5, 9).await;
    close(&app, &fixture.employer, &id).await;
    let first = review(&app, &fixture.expert, &id).await;
    assert_eq!(first["release"]["respondents"], 32);
    let revision = first["release"]["revision"].as_i64().unwrap();

    // Withdrawn before publication: the draft is computed again without it, and the old
    // revision can no longer be published.
    let (gone, key) = uploads.pop().unwrap();
    assert_eq!(app.send(withdraw(&gone, &key)).await.status, StatusCode::OK);
    let stale: i64 = sqlx::query_scalar("SELECT stale FROM releases WHERE campaign_id = $1")
        .bind(&id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(stale, 1);
    // Who counted: one line per upload, its id first.
    let members = || {
        let pool = app.db().pool.clone();
        async move {
            let text: String =
                sqlx::query_scalar("SELECT members FROM release_members").fetch_one(&pool).await.unwrap();
            text.split('\n')
                .filter(|line| !line.is_empty())
                .map(|line| line.split('\t').next().unwrap().to_owned())
                .collect::<Vec<String>>()
        }
    };
    let rows_of = |member: String| {
        let members = members();
        async move { members.await.iter().filter(|id| **id == member).count() }
    };
    assert_eq!(rows_of(gone.clone()).await, 0, "the withdrawn upload's id is replaced at once");
    assert_eq!(members().await.len(), 32, "its line stays (with a random id) until the draft is computed again");
    let old = post(
        &app,
        &format!("/api/expert/campaigns/{id}/release/publish"),
        Some(&fixture.expert),
        json!({"revision": revision}),
    )
    .await;
    assert_eq!(old.code(), "release_changed");
    let again = review(&app, &fixture.expert, &id).await;
    assert_eq!(again["release"]["respondents"], 31);
    assert_eq!(again["release"]["revision"], revision + 1);
    assert_eq!(group(&again["dashboard"], None)["respondents"], 31);
    assert_eq!(members().await.len(), 31);
    publish(&app, &fixture.expert, &id).await;
    let published = figures(&app, &fixture.employer, &id).await;

    // Withdrawn after publication: the figures stay as published, and nothing stored ties the
    // release to the upload any more.
    let (gone, key) = uploads.pop().unwrap();
    assert_eq!(rows_of(gone.clone()).await, 1);
    assert_eq!(app.send(withdraw(&gone, &key)).await.status, StatusCode::OK);
    assert_eq!(figures(&app, &fixture.employer, &id).await, published);
    let after = review(&app, &fixture.expert, &id).await;
    assert_eq!(
        (after["release"]["status"].clone(), after["release"]["respondents"].clone()),
        (json!("published"), json!(31))
    );
    assert_eq!(rows_of(gone).await, 0);
    assert_eq!(members().await.len(), 31, "who counted in the published release, the withdrawn one as a stranger");
    assert_eq!(app.count("releases", None).await, 1);
}

async fn a_new_release_needs_k_more_uploads(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    add_people(&app, &id, Some("Verpleging"), 15, 0.4, 10).await;
    add_people(&app, &id, Some("Facilitair"), 15, 0.6, 11).await;
    close(&app, &fixture.employer, &id).await;
    publish(&app, &fixture.expert, &id).await;
    let first = figures(&app, &fixture.employer, &id).await;

    // Reopened; nine more (k - 1) arrive: closing again brings no new release.
    reopen(&app, &fixture, &id).await;
    for seed in 0..9u64 {
        upload_group(&app, &fixture, Some("Verpleging"), 200 + seed).await;
    }
    close(&app, &fixture.employer, &id).await;
    let review_now = review(&app, &fixture.expert, &id).await;
    assert_eq!(
        (review_now["release"]["status"].clone(), review_now["release"]["sequence"].clone()),
        (json!("published"), json!(1))
    );
    assert_eq!(review_now["recompute"], json!({"code": "too_few_new", "new_uploads": 9, "needed": 10}));
    let same = |now: &Value| now["groups"] == first["groups"] && now["release"] == first["release"];
    assert!(same(&figures(&app, &fixture.employer, &id).await));
    assert_eq!(app.count("releases", None).await, 1);

    // One more makes ten new, but through the open link: the employer could have made all of
    // them (issue 19, attack 2), so they never count towards a new release.
    reopen(&app, &fixture, &id).await;
    upload_group(&app, &fixture, Some("Facilitair"), 300).await;
    close(&app, &fixture.employer, &id).await;
    let second = review(&app, &fixture.expert, &id).await;
    assert_eq!(
        (second["release"]["status"].clone(), second["release"]["sequence"].clone()),
        (json!("published"), json!(1))
    );
    assert_eq!(second["recompute"], json!({"code": "new_may_be_own", "new_uploads": 10, "needed": 10}));
    assert!(same(&figures(&app, &fixture.employer, &id).await), "the employer still sees release 1");
    assert_eq!(app.count("releases", None).await, 1);
}

/// Issue 19, attack 1: release 1 shows every department; one person withdraws; the employer
/// reopens the campaign, adds k uploads from their own phones and closes it again. Were a
/// release 2 to show the total, total 1 + own - total 2 would be the person who left.
async fn attack_a_withdrawal_and_k_own_uploads_between_releases_reveal_nothing(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    add_people(&app, &id, Some("Verpleging"), 15, 0.4, 20).await;
    add_people(&app, &id, Some("Facilitair"), 14, 0.6, 21).await;
    let (person, key) = upload_group(&app, &fixture, Some("Facilitair"), 400).await;
    close(&app, &fixture.employer, &id).await;
    publish(&app, &fixture.expert, &id).await;
    let first = figures(&app, &fixture.employer, &id).await;
    assert_eq!(group(&first, None)["respondents"], 30);
    // With an open link anyone can name any department: the total only.
    assert_eq!(first["groups"].as_array().unwrap().len(), 1, "{first}");

    assert_eq!(app.send(withdraw(&person, &key)).await.status, StatusCode::OK);
    reopen(&app, &fixture, &id).await;
    for seed in 0..10u64 {
        upload_group(&app, &fixture, Some("Verpleging"), 500 + seed).await;
    }
    close(&app, &fixture.employer, &id).await;

    // No release 2: ten uploads through the open link could all be the employer's.
    let review_now = review(&app, &fixture.expert, &id).await;
    assert_eq!(
        (review_now["release"]["status"].clone(), review_now["release"]["sequence"].clone()),
        (json!("published"), json!(1))
    );
    assert_eq!(review_now["recompute"], json!({"code": "new_may_be_own", "new_uploads": 10, "needed": 10}));
    assert_eq!(app.count("releases", None).await, 1);
    let now = figures(&app, &fixture.employer, &id).await;
    assert_eq!(
        (now["groups"].clone(), now["release"].clone()),
        (first["groups"].clone(), first["release"].clone()),
        "release 1, unchanged"
    );
}

/// Issue 19, attack 2: one real person joins during an extension and the employer adds k - 1
/// uploads of their own: "k new uploads" is met, and the difference of the totals would be that
/// person. Uploads by the open link never count towards the k new.
async fn attack_one_newcomer_and_k_minus_1_own_uploads_between_releases_reveal_nothing(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    add_people(&app, &id, Some("Verpleging"), 15, 0.4, 30).await;
    add_people(&app, &id, Some("Facilitair"), 15, 0.6, 31).await;
    close(&app, &fixture.employer, &id).await;
    publish(&app, &fixture.expert, &id).await;
    let first = figures(&app, &fixture.employer, &id).await;

    reopen(&app, &fixture, &id).await;
    upload_group(&app, &fixture, Some("Facilitair"), 600).await;
    for seed in 1..10u64 {
        upload_group(&app, &fixture, Some("Facilitair"), 600 + seed).await;
    }
    close(&app, &fixture.employer, &id).await;

    let review_now = review(&app, &fixture.expert, &id).await;
    assert_eq!(review_now["release"]["sequence"], 1);
    assert_eq!(review_now["recompute"]["code"], "new_may_be_own");
    assert_eq!(app.count("releases", None).await, 1);
    let now = figures(&app, &fixture.employer, &id).await;
    assert_eq!(group(&now, None)["respondents"], 30, "the total still counts only release 1");
    assert_eq!((now["groups"].clone(), now["release"].clone()), (first["groups"].clone(), first["release"].clone()));
}

/// Issue 19, attack 4: the employer pads a small group with k - 1 uploads of their own minus
/// a few, so that it is hidden with a partner and the rest (total minus shown groups) is about
/// the one real person plus the partner. The whole-release signals stay quiet (a handful of
/// uploads is far from a quarter of everything); the group's own signals and those of the hidden
/// rest ask for a look.
async fn attack_padding_a_hidden_group_shows_in_the_signals_of_the_group_and_the_hidden_rest(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    add_people(&app, &id, Some("Verpleging"), 40, 0.5, 40).await;
    add_people(&app, &id, Some("Facilitair"), 12, 0.5, 41).await;
    add_people(&app, &id, None, 1, 0.5, 42).await;
    for seed in 0..4u64 {
        upload_group(&app, &fixture, None, 700 + seed).await;
    }
    trust_departments(&app, &id).await;
    close(&app, &fixture.employer, &id).await;
    let review_now = review(&app, &fixture.expert, &id).await;
    let signals = &review_now["signals"];
    assert!(signals["bursts"].as_array().unwrap().iter().all(|burst| burst["attention"] == false), "{signals}");
    let group_signals = |name: Option<&str>| {
        signals["groups"].as_array().unwrap().iter().find(|group| group["name"].as_str() == name).unwrap().clone()
    };
    assert_eq!(
        group_signals(Some("Verpleging"))["attention"],
        false,
        "forty uploads an hour apart from forty addresses"
    );
    assert_eq!(group_signals(None)["attention"], true, "four within minutes");
    let rest = &signals["hidden_rest"];
    assert_eq!(rest["uploads"], 17, "the five without a department and their partner of twelve");
    assert_eq!(rest["groups"], json!(["Facilitair", null]));
    assert_eq!(rest["attention"], true);
    let dashboard = &review_now["dashboard"];
    assert_eq!(group(dashboard, Some("Facilitair"))["shown"], false);
    assert_eq!(group(dashboard, Some("Verpleging"))["shown"], true);
}

/// A campaign of the fixture's organisation starting `start` days from today, with `people`
/// synthetic uploads per department (Verpleging, Facilitair), closed and published.
async fn published_campaign(
    app: &TestApp,
    fixture: &Fixture,
    definition: &Definition,
    start: i64,
    people: [usize; 2],
    mood: f64,
) -> String {
    let mut body = campaign_body(definition, &fixture.expert_id, start, start + 3);
    body["name"] = json!(format!("Ronde {start}"));
    let reply = app.create_campaign(&fixture.employer, body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let id = reply.json()["id"].as_str().unwrap().to_owned();
    trust_departments(app, &id).await;
    add_people(app, &id, Some("Verpleging"), people[0], mood, start.unsigned_abs() * 7 + 1).await;
    add_people(app, &id, Some("Facilitair"), people[1], mood, start.unsigned_abs() * 7 + 2).await;
    if start + 3 >= 0 {
        close(app, &fixture.employer, &id).await;
    }
    publish(app, &fixture.expert, &id).await;
    id
}

async fn the_trend_compares_with_the_previous_campaign_where_both_meet_k(app: TestApp) {
    let fixture = app.fixture().await;
    let werkscan = definition("werkscan");
    let oldest = published_campaign(&app, &fixture, &werkscan, -60, [20, 15], 0.4).await;
    // Too small to compare with: skipped.
    let small = published_campaign(&app, &fixture, &werkscan, -40, [4, 3], 0.5).await;
    // Another questionnaire: never compared.
    published_campaign(&app, &fixture, &definition("quickscan"), -20, [20, 20], 0.5).await;
    let latest = published_campaign(&app, &fixture, &werkscan, -10, [22, 16], 0.65).await;

    let dashboard = figures(&app, &fixture.employer, &latest).await;
    let trend = &dashboard["trend"];
    assert_eq!(trend["previous"]["campaign_id"], oldest);
    let old = figures(&app, &fixture.employer, &oldest).await;
    assert_eq!(old["trend"], json!(null), "nothing before the first");
    assert_eq!(figures(&app, &fixture.employer, &small).await["trend"], json!(null), "its own total does not meet k");
    let groups = trend["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 3, "the total and both departments: {trend}");
    let mut labels = std::collections::BTreeSet::new();
    for entry in groups {
        let name = entry["name"].as_str();
        for measure in entry["measures"].as_array().unwrap() {
            let score = measure["score"].as_str().unwrap();
            let index =
                dashboard["measures"].as_array().unwrap().iter().position(|known| known["score"] == score).unwrap();
            let now = group(&dashboard, name)["measures"][index]["mean"].as_f64().unwrap();
            let then = group(&old, name)["measures"][index]["mean"].as_f64().unwrap();
            assert_eq!(measure["mean"].as_f64().unwrap(), now);
            assert_eq!(measure["previous_mean"].as_f64().unwrap(), then);
            let difference = measure["difference"].as_f64().unwrap();
            assert!((difference - (now - then)).abs() < 0.051);
            // The threshold comes from the two groups' sizes and spreads: positive, and wider
            // for a department than for the whole organisation on the same theme.
            let threshold = measure["threshold"].as_f64().unwrap();
            assert!((0.1..50.0).contains(&threshold), "{threshold}");
            if name.is_some() {
                let total = groups.iter().find(|entry| entry["kind"] == "total").unwrap();
                let whole = total["measures"].as_array().unwrap().iter().find(|known| known["score"] == score).unwrap();
                assert!(whole["threshold"].as_f64().unwrap() < threshold, "a smaller group needs a larger difference");
            }
            let expected = if difference.abs() < threshold {
                "no_clear_change"
            } else if difference > 0.0 {
                "higher"
            } else {
                "lower"
            };
            assert_eq!(measure["change"], expected);
            labels.insert(expected);
        }
        let themes = entry["measures"].as_array().unwrap().len();
        assert!((1..=6).contains(&themes), "at most the six themes: the headline has no mean");
        if name.is_none() {
            assert_eq!(themes, 6, "the organisation shows every theme in both rounds");
        }
    }
    assert!(labels.contains("higher"), "a clearly better round shows as higher: {labels:?}");
    assert_eq!(trend["not_comparable"], json!([]), "the same version measures every theme alike");
    assert_eq!(trend["previous"]["version"], werkscan.questionnaire.version);

    // The previous campaign ran a version that this one does not declare comparable: the trend
    // names the themes it cannot compare and compares none of them.
    sqlx::query("UPDATE campaigns SET definition_version = '0.1.0' WHERE id = $1")
        .bind(&oldest)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let dashboard = figures(&app, &fixture.employer, &latest).await;
    let trend = &dashboard["trend"];
    assert_eq!(trend["previous"]["version"], "0.1.0");
    assert_eq!(trend["groups"], json!([]));
    assert_eq!(trend["not_comparable"].as_array().unwrap().len(), 6, "{trend}");
}

async fn the_norm_is_five_other_organisations_none_dominant_on_one_version(app: TestApp) {
    let fixture = app.fixture().await;
    let werkscan = definition("werkscan");
    let own = published_campaign(&app, &fixture, &werkscan, -10, [14, 12], 0.5).await;
    /// Another organisation with one closed, published werkscan campaign of `people` uploads.
    async fn organisation(app: &TestApp, name: &str, people: usize) -> String {
        let org = werkscan_server::admin::create_org(app.db(), name).await.unwrap();
        let slug = name.to_lowercase().replace(' ', "");
        app.user(Some(&org), Role::Employer, &format!("hr@{slug}.example")).await;
        let expert = app.user(Some(&org), Role::Expert, &format!("ad@{slug}.example")).await;
        let employer = app.login(&format!("hr@{slug}.example"), "correct horse battery").await;
        let mut body = campaign_body(&definition("werkscan"), &expert, -5, 10);
        body["departments"] = json!([]);
        let id = app.create_campaign(&employer, body).await.json()["id"].as_str().unwrap().to_owned();
        add_people(app, &id, None, people, 0.5, people as u64).await;
        close(app, &employer, &id).await;
        let definitions = app.state.definitions();
        assert_eq!(
            werkscan_server::releases::routes::compute_and_publish(app.db(), definitions, &id, &expert).await.unwrap(),
            Some(1)
        );
        id
    }
    let norm_of = |dashboard: &Value| (dashboard["norm"].clone(), dashboard["norm_missing"].clone());
    for (index, people) in [24, 22, 21, 20].iter().enumerate() {
        organisation(&app, &format!("Organisatie {index}"), *people).await;
    }
    assert_eq!(
        norm_of(&figures(&app, &fixture.employer, &own).await),
        (json!(null), json!("too_few_organisations")),
        "four others"
    );
    organisation(&app, "Klein BV", 9).await;
    assert_eq!(
        norm_of(&figures(&app, &fixture.employer, &own).await).1,
        json!("too_few_organisations"),
        "a hidden total contributes nothing"
    );
    // Five others, but one of 60 among 147 (41 %) would dominate the norm.
    let large = organisation(&app, "Groot BV", 60).await;
    assert_eq!(
        norm_of(&figures(&app, &fixture.employer, &own).await),
        (json!(null), json!("one_organisation_too_large"))
    );
    // Another version's release is no part of this norm.
    sqlx::query("UPDATE campaigns SET definition_version = '0.1.0' WHERE id = $1")
        .bind(&large)
        .execute(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(
        norm_of(&figures(&app, &fixture.employer, &own).await).1,
        json!("too_few_organisations"),
        "the large one ran another version"
    );
    organisation(&app, "Vijfde BV", 23).await;
    let (norm, missing) = norm_of(&figures(&app, &fixture.employer, &own).await);
    assert_eq!(missing, json!(null));
    // 24 + 22 + 21 + 20 + 23: the employer's own 26 are never part of it.
    assert_eq!((norm["organisations"].clone(), norm["respondents"].clone()), (json!(5), json!(110)), "{norm}");
    assert_eq!(norm["questionnaire"], "werkscan");
    assert_eq!(norm["version"], werkscan.questionnaire.version);
    assert_eq!(norm["max_share"], 0.25);
    assert!(norm["as_of"].is_string());
    let measures = norm["measures"].as_array().unwrap();
    assert_eq!(measures.len(), 7);
    for measure in measures {
        assert_eq!(measure["organisations"], 5);
        let total: u64 =
            measure["distribution"].as_array().unwrap().iter().map(|band| band["count"].as_u64().unwrap()).sum();
        assert_eq!(total, measure["respondents"].as_u64().unwrap());
        assert!(measure["respondents"].as_u64().unwrap() >= 100);
    }
    // Another organisation's employer sees a norm that holds the first organisation instead.
    let other = app.login("hr@vijfdebv.example", "correct horse battery").await;
    let theirs: Vec<Value> = app.get("/api/campaigns", Some(&other)).await.json().as_array().unwrap().clone();
    let theirs = theirs[0]["id"].as_str().unwrap().to_owned();
    let (norm, _) = norm_of(&figures(&app, &other, &theirs).await);
    assert_eq!(norm["respondents"], json!(110 - 23 + 26), "{norm}");
}

/// Reads the CSV into (onderdeel, groep, thema, cijfer, band, waarde) rows.
fn csv_rows(text: &str) -> Vec<[String; 6]> {
    let text = text.strip_prefix('\u{feff}').expect("a byte order mark");
    let mut lines = text.split("\r\n").filter(|line| !line.is_empty());
    assert_eq!(lines.next(), Some("onderdeel,groep,thema,cijfer,band,waarde"));
    lines
        .map(|line| {
            let mut fields = Vec::new();
            let mut field = String::new();
            let mut quoted = false;
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, quoted) {
                    ('"', true) if chars.peek() == Some(&'"') => {
                        field.push('"');
                        chars.next();
                    }
                    ('"', _) => quoted = !quoted,
                    (',', false) => fields.push(std::mem::take(&mut field)),
                    (c, _) => field.push(c),
                }
            }
            fields.push(field);
            fields.try_into().expect("six fields")
        })
        .collect()
}

/// The rows the CSV must hold, built from the dashboard's JSON.
fn expected_rows(dashboard: &Value) -> Vec<[String; 6]> {
    let number = |value: &Value| {
        let value = value.as_f64().unwrap();
        let text = if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.1}") };
        if text.starts_with('-') {
            format!("'{text}")
        } else {
            text
        }
    };
    let measures = dashboard["measures"].as_array().unwrap();
    let label = |score: &Value| {
        measures.iter().find(|measure| measure["score"] == *score).unwrap()["label"]["nl"].as_str().unwrap().to_owned()
    };
    let band_label = |score: &Value, band: &Value| {
        let measure = measures.iter().find(|measure| measure["score"] == *score).unwrap();
        measure["bands"].as_array().unwrap().iter().find(|known| known["key"] == *band).unwrap()["label"]["nl"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let row = |part: &str, group: &str, theme: &str, figure: &str, band: &str, value: String| {
        [part.to_owned(), group.to_owned(), theme.to_owned(), figure.to_owned(), band.to_owned(), value]
    };
    let name_of = |group: &Value| match group["kind"].as_str().unwrap() {
        "total" => "Hele organisatie".to_owned(),
        "no_department" => "Afdeling niet genoemd".to_owned(),
        _ => {
            let name = group["name"].as_str().unwrap();
            if name.starts_with(['=', '+', '-', '@']) {
                format!("'{name}")
            } else {
                name.to_owned()
            }
        }
    };
    let mut rows = Vec::new();
    for group in dashboard["groups"].as_array().unwrap() {
        let name = name_of(group);
        if let Some(headcount) = group["headcount"].as_i64() {
            rows.push(row("uitkomst", &name, "", "aantal medewerkers", "", headcount.to_string()));
        }
        if group["shown"] == false {
            rows.push(row("uitkomst", &name, "", "respondenten", "", "niet getoond".into()));
            continue;
        }
        rows.push(row("uitkomst", &name, "", "respondenten", "", group["respondents"].to_string()));
        if !group["response_rate"].is_null() {
            rows.push(row("uitkomst", &name, "", "respons (%)", "", number(&group["response_rate"])));
        }
        for measure in group["measures"].as_array().unwrap() {
            let theme = label(&measure["score"]);
            if measure["shown"] == false {
                rows.push(row("uitkomst", &name, &theme, "respondenten", "", "niet getoond".into()));
                continue;
            }
            rows.push(row("uitkomst", &name, &theme, "respondenten", "", measure["respondents"].to_string()));
            if !measure["mean"].is_null() {
                rows.push(row("uitkomst", &name, &theme, "gemiddelde", "", number(&measure["mean"])));
            }
            for band in measure["distribution"].as_array().unwrap() {
                rows.push(row(
                    "uitkomst",
                    &name,
                    &theme,
                    "aantal",
                    &band_label(&measure["score"], &band["band"]),
                    band["count"].to_string(),
                ));
            }
        }
        if !group["appointments"].is_null() {
            let booked = &group["appointments"]["booked"];
            let fewer = format!("minder dan {}", dashboard["release"]["min_group_size"]);
            let count = |value: &Value, hidden: String| if value.is_null() { hidden } else { value.to_string() };
            rows.push(row("uitkomst", &name, "", "gesprekken gepland", "", count(booked, fewer.clone())));
            let held_hidden = if booked.is_null() { fewer } else { "niet getoond".into() };
            rows.push(row(
                "uitkomst",
                &name,
                "",
                "gesprekken gevoerd",
                "",
                count(&group["appointments"]["held"], held_hidden),
            ));
        }
    }
    if !dashboard["trend"].is_null() {
        let change = |value: &Value| match value.as_str().unwrap() {
            "higher" => "hoger",
            "lower" => "lager",
            _ => "geen duidelijke verandering",
        };
        for group in dashboard["trend"]["groups"].as_array().unwrap() {
            let name = name_of(group);
            for measure in group["measures"].as_array().unwrap() {
                let theme = label(&measure["score"]);
                rows.push(row("trend", &name, &theme, "vorig gemiddelde", "", number(&measure["previous_mean"])));
                rows.push(row("trend", &name, &theme, "gemiddelde", "", number(&measure["mean"])));
                rows.push(row("trend", &name, &theme, "verschil", "", number(&measure["difference"])));
                rows.push(row("trend", &name, &theme, "betekenis", "", change(&measure["change"]).to_owned()));
            }
        }
    }
    assert!(dashboard["norm"].is_null(), "this test has no norm");
    for (rank, start) in dashboard["start_here"].as_array().unwrap().iter().enumerate() {
        let theme = label(&start["score"]);
        let place = (rank + 1).to_string();
        rows.push(row("waar beginnen", &place, &theme, "vraagt aandacht", "", start["attention"].to_string()));
        rows.push(row("waar beginnen", &place, &theme, "respondenten", "", start["respondents"].to_string()));
        let departments: Vec<String> =
            start["departments"].as_array().unwrap().iter().map(|name| name.as_str().unwrap().to_owned()).collect();
        if !departments.is_empty() {
            let joined = departments.join("; ");
            let joined = if joined.starts_with(['=', '+', '-', '@']) { format!("'{joined}") } else { joined };
            rows.push(row("waar beginnen", &place, &theme, "sterkst in", "", joined));
        }
    }
    for (index, action) in dashboard["actions"].as_array().unwrap().iter().enumerate() {
        let number = format!("Actie {}", index + 1);
        let theme = label(&action["score"]);
        let text = |field: &str| {
            let value = action[field].as_str().unwrap();
            if value.starts_with(['=', '+', '-', '@']) {
                format!("'{value}")
            } else {
                value.to_owned()
            }
        };
        rows.push(row("actieplan", &number, &theme, "actie", "", text("action")));
        rows.push(row("actieplan", &number, &theme, "eigenaar", "", text("owner")));
        rows.push(row("actieplan", &number, &theme, "datum", "", text("due_on")));
        rows.push(row(
            "actieplan",
            &number,
            &theme,
            "status",
            "",
            if action["done"] == true { "klaar" } else { "open" }.to_owned(),
        ));
    }
    rows
}

async fn the_csv_holds_exactly_the_dashboards_numbers(app: TestApp) {
    let fixture = app.fixture().await;
    let werkscan = definition("werkscan");
    let mut body = campaign_body(&werkscan, &fixture.expert_id, -30, -27);
    body["departments"] = json!([{"name": "Verpleging", "headcount": 30}, "Facilitair", {"name": "=HYPERLINK(\"http://x\")", "headcount": 9}]);
    let previous = app.create_campaign(&fixture.employer, body.clone()).await.json()["id"].as_str().unwrap().to_owned();
    trust_departments(&app, &previous).await;
    add_people(&app, &previous, Some("Verpleging"), 20, 0.3, 40).await;
    add_people(&app, &previous, Some("Facilitair"), 12, 0.4, 41).await;
    publish(&app, &fixture.expert, &previous).await;
    body["starts_on"] = json!((chrono::Utc::now().date_naive() - chrono::Duration::days(5)).to_string());
    body["ends_on"] = json!((chrono::Utc::now().date_naive() + chrono::Duration::days(5)).to_string());
    let id = app.create_campaign(&fixture.employer, body).await.json()["id"].as_str().unwrap().to_owned();
    trust_departments(&app, &id).await;
    add_people(&app, &id, Some("Verpleging"), 21, 0.8, 42).await;
    add_people(&app, &id, Some("Facilitair"), 13, 0.5, 43).await;
    add_people(&app, &id, Some("=HYPERLINK(\"http://x\")"), 11, 0.5, 44).await;
    add_people(&app, &id, None, 2, 0.5, 45).await;
    close(&app, &fixture.employer, &id).await;
    publish(&app, &fixture.expert, &id).await;

    // The action plan is exported too, a formula in it as text.
    for (score, action, owner) in [
        ("werk_prive", "=Bereikbaarheid afspreken", "HR"),
        ("arbeidssituatie", "Werkdruk in het werkoverleg", "Teamleiders"),
    ] {
        let body = json!({"score": score, "action": action, "owner": owner, "due_on": chrono::Utc::now().date_naive().to_string()});
        let reply = post(&app, &format!("/api/campaigns/{id}/actions"), Some(&fixture.employer), body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    }
    let dashboard = figures(&app, &fixture.employer, &id).await;
    assert!(!dashboard["trend"].is_null());
    assert!(
        !dashboard["start_here"].as_array().unwrap().is_empty(),
        "some people need attention somewhere: {}",
        dashboard["start_here"]
    );
    let reply = app.get(&format!("/api/campaigns/{id}/figures.csv"), Some(&fixture.employer)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), "text/csv; charset=utf-8");
    assert!(reply.header("content-disposition").contains("werkscan-groepscijfers.csv"));
    let rows = csv_rows(&reply.text());
    assert_eq!(rows, expected_rows(&dashboard));
    // A department name that a spreadsheet would run as a formula is text.
    assert!(reply.text().contains("\"'=HYPERLINK(\"\"http://x\"\")\""));
    assert!(rows.iter().any(|row| row[0] == "trend" && row[3] == "betekenis"));
    assert!(rows.iter().any(|row| row[3] == "gesprekken gepland"));
    assert!(rows.iter().any(|row| row[3] == "respons (%)"));
    assert!(rows.iter().any(|row| row[0] == "waar beginnen"));
    assert!(rows.iter().any(|row| row[0] == "actieplan" && row[5] == "'=Bereikbaarheid afspreken"));
}

async fn group_figures_uploads_carry_only_what_a_release_needs(app: TestApp) {
    let fixture = app.fixture().await;
    let group_only = ConsentChoices { group_figures: true, ..Default::default() };
    let honest = crate::support::submission(&fixture, group_only);
    let reply = app.upload(&honest).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    // The theme scores and the headline's band: what a release needs.
    let needed = fixture.definition.group_figure_scores().count() as i64;
    assert!(needed < fixture.definition.scores.iter().filter(|score| !score.hidden).count() as i64);
    assert_eq!(app.count("submission_scores", Some(&id)).await, needed);
    assert_eq!(app.count("submission_flags", Some(&id)).await, 0);

    // Tampered: the full result, or flags, under group figures alone.
    let answers = crate::support::example_answers(&fixture.definition);
    let full = score(&fixture.definition, &answers).unwrap();
    let mut hidden = honest.clone();
    hidden.result = Some(full.clone());
    let reply = app.upload(&hidden).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "hidden_score_not_consented"));
    let mut flagged = honest.clone();
    flagged.result.as_mut().unwrap().flags = vec![fixture.definition.flags[0].id.clone()];
    assert_eq!(app.upload(&flagged).await.code(), "flags_not_consented");
    assert_eq!(app.count("submissions", None).await, 1, "nothing stored of a refused upload");
    // Shared with the expert as well: the full result, flags included, as before.
    let both = crate::support::submission(
        &fixture,
        ConsentChoices { share_scores: true, group_figures: true, ..Default::default() },
    );
    let reply = app.upload(&both).await;
    let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    assert_eq!(app.count("submission_scores", Some(&id)).await, fixture.definition.scores.len() as i64);
}

async fn ended_campaigns_get_a_release_from_the_task_and_the_purge_keeps_it(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    add_people(&app, &id, Some("Verpleging"), 12, 0.5, 50).await;
    add_people(&app, &id, Some("Facilitair"), 12, 0.5, 51).await;
    assert!(werkscan_server::releases::routes::due_campaigns(&app.state).await.unwrap().is_empty(), "still open");
    // The last day passed (as if a month went by).
    sqlx::query("UPDATE campaigns SET starts_on = $1, ends_on = $2 WHERE id = $3")
        .bind((chrono::Utc::now().date_naive() - chrono::Duration::days(40)).to_string())
        .bind((chrono::Utc::now().date_naive() - chrono::Duration::days(2)).to_string())
        .bind(&id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(werkscan_server::releases::routes::due_campaigns(&app.state).await.unwrap(), vec![id.clone()]);
    werkscan_server::releases::routes::compute_due(&app.state, &id).await.unwrap();
    assert!(werkscan_server::releases::routes::due_campaigns(&app.state).await.unwrap().is_empty());
    let draft = review(&app, &fixture.expert, &id).await;
    assert_eq!(
        (draft["release"]["status"].clone(), draft["release"]["respondents"].clone()),
        (json!("draft"), json!(24))
    );
    assert_eq!(draft["campaign"]["status"], "closed");
    publish(&app, &fixture.expert, &id).await;
    let published = figures(&app, &fixture.employer, &id).await;
    // The retention purge deletes the uploads and who counted; the published figures stay.
    let purged = werkscan_server::submissions::retention::purge_expired(app.db(), now() + 400 * 86_400).await.unwrap();
    assert_eq!(purged.submissions, 24);
    assert_eq!(app.count("release_members", None).await, 0);
    // (The purge ended the sessions too, as if a year had passed.)
    let employer = app.login("hr@test.example", "correct horse battery").await;
    assert_eq!(figures(&app, &employer, &id).await, published);
    let row = sqlx::query("SELECT figures FROM releases WHERE campaign_id = $1")
        .bind(&id)
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert!(row.get::<String, _>("figures").contains("\"respondents\":24"));
    // An extension after the data is gone is refused.
    sqlx::query("UPDATE campaigns SET ends_on = $1, retention_days = 1 WHERE id = $2")
        .bind((chrono::Utc::now().date_naive() - chrono::Duration::days(10)).to_string())
        .bind(&id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let late = post(
        &app,
        &format!("/api/campaigns/{id}/extend"),
        Some(&employer),
        json!({"ends_on": (chrono::Utc::now().date_naive() + chrono::Duration::days(5)).to_string()}),
    )
    .await;
    assert_eq!((late.status, late.code().as_str()), (StatusCode::CONFLICT, "campaign_expired"));
}

async fn the_kept_sums_and_the_signals_match_every_upload(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    let campaign = werkscan_server::models::campaign::by_id(&app.state, &id).await.unwrap().unwrap();
    // Spread out, then a burst of twelve identical results from one address in the facilities
    // department, some without a department, some through the API with scores shared too.
    add_people(&app, &id, Some("Verpleging"), 25, 0.5, 60).await;
    let start = now() - 1800;
    let burst: Vec<Person> = (0..12)
        .map(|index| Person {
            department: Some("Facilitair".into()),
            mood: 0.5,
            created_at: start + index * 20,
            origin: 4242,
            seed: 777,
        })
        .collect();
    let receipts = synthetic::add(app.db(), &fixture.definition, &campaign, &burst).await.unwrap();
    add_people(&app, &id, None, 6, 0.5, 61).await;
    let mut both = crate::support::submission(
        &fixture,
        ConsentChoices { share_scores: true, group_figures: true, ..Default::default() },
    );
    both.department = Some("Facilitair".into());
    assert_eq!(app.upload(&both).await.status, StatusCode::CREATED);
    let (api_id, api_key) = upload_group(&app, &fixture, Some("Verpleging"), 62).await;
    // Withdrawn: one of the burst and one through the API; their values leave the sums.
    let gone = &receipts[0];
    assert_eq!(app.send(withdraw(&gone.0, &gone.1)).await.status, StatusCode::OK);
    assert_eq!(app.send(withdraw(&api_id, &api_key)).await.status, StatusCode::OK);
    // Two uploads as if from before the change: their mask and fingerprint are worked out later.
    sqlx::query("UPDATE submissions SET group_mask = NULL, group_fingerprint = NULL WHERE id = $1 OR id = $2")
        .bind(&receipts[1].0)
        .bind(&receipts[2].0)
        .execute(&app.db().pool)
        .await
        .unwrap();

    // The kept sums equal a sum over every stored score of the measures.
    let measures = werkscan_server::releases::figures::measures_of(&fixture.definition);
    let rows = sqlx::query(
        "SELECT COALESCE(s.department, '') AS department, sc.score_id, sc.band, sc.value FROM submissions s \
         JOIN submission_scores sc ON sc.submission_id = s.id WHERE s.campaign_id = $1 AND s.group_figures = 1 AND sc.band IS NOT NULL",
    )
    .bind(&id)
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    let mut expected: BTreeMap<(String, String, String), (i64, i64)> = BTreeMap::new();
    for row in &rows {
        let score: String = row.get("score_id");
        if !measures.iter().any(|measure| measure.score == score) {
            continue;
        }
        let entry = expected.entry((row.get("department"), score, row.get("band"))).or_default();
        entry.0 += 1;
        // The headline of group figures alone comes as a band without a value: counted with 0.
        entry.1 += (row.get::<Option<f64>, _>("value").unwrap_or(0.0) * 1000.0).round() as i64;
    }
    let kept: BTreeMap<(String, String, String), (i64, i64)> =
        sqlx::query("SELECT department, score_id, band, respondents, value_sum FROM group_cells WHERE campaign_id = $1 AND respondents > 0")
            .bind(&id)
            .fetch_all(&app.db().pool)
            .await
            .unwrap()
            .iter()
            .map(|row| ((row.get("department"), row.get("score_id"), row.get("band")), (row.get("respondents"), row.get("value_sum"))))
            .collect();
    assert_eq!(kept, expected);
    assert_eq!(expected.values().map(|(count, _)| count).sum::<i64>(), 43 * 7, "43 uploads left, seven measures each");

    trust_departments(&app, &id).await;
    close(&app, &fixture.employer, &id).await;
    let review = review(&app, &fixture.expert, &id).await;
    let masks: Vec<Option<i64>> = sqlx::query_scalar("SELECT group_mask FROM submissions WHERE id = $1 OR id = $2")
        .bind(&receipts[1].0)
        .bind(&receipts[2].0)
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(masks, vec![Some(0b111_1111), Some(0b111_1111)], "older uploads completed");

    // The database's signals equal the reference computed here from every upload.
    let departments = ["Verpleging", "Facilitair"];
    let arrivals: Vec<werkscan_server::releases::figures::Arrival> =
        sqlx::query("SELECT department, created_at, origin_bucket, group_fingerprint FROM submissions WHERE campaign_id = $1 AND group_figures = 1")
            .bind(&id)
            .fetch_all(&app.db().pool)
            .await
            .unwrap()
            .iter()
            .map(|row| werkscan_server::releases::figures::Arrival {
                group: row.get::<Option<String>, _>("department").and_then(|name| departments.iter().position(|known| *known == name)).unwrap_or(2),
                created_at: row.get("created_at"),
                origin: row.get("origin_bucket"),
                fingerprint: row.get("group_fingerprint"),
            })
            .collect();
    let counts: Vec<u64> =
        (0..3).map(|group| arrivals.iter().filter(|arrival| arrival.group == group).count() as u64).collect();
    assert_eq!(counts, vec![25, 12, 6]);
    let infos: Vec<werkscan_server::releases::figures::DepartmentInfo> = departments
        .iter()
        .map(|name| werkscan_server::releases::figures::DepartmentInfo { name: (*name).into(), headcount: None })
        .collect();
    let k = werkscan_core::disclosure::MinGroupSize::new(10).unwrap();
    let mut reference = werkscan_server::releases::figures::signals(
        k,
        &infos,
        &counts,
        &werkscan_server::releases::figures::raw_signals(&arrivals, 3),
    );
    // The 12 and the 6 are hidden together: their signals over the hidden rest as well.
    let hidden: Vec<werkscan_server::releases::figures::Arrival> =
        arrivals.iter().filter(|arrival| arrival.group != 0).cloned().collect();
    reference.hidden_rest =
        werkscan_server::releases::figures::rest_signals(k, vec![Some("Facilitair".into()), None], &hidden);
    assert_eq!(review["signals"]["hidden_rest"]["uploads"], 18);
    assert_eq!(review["signals"], serde_json::to_value(&reference).unwrap());
    assert_eq!(
        review["signals"]["identical_results"]["largest"], 11,
        "the burst's identical results: {}",
        review["signals"]
    );
    assert_eq!(review["signals"]["identical_results"]["attention"], true);
    assert_eq!(review["signals"]["groups"][1]["largest_origin"], 11);
    assert_eq!(review["signals"]["groups"][1]["largest_burst_10_minutes"], 11);
    assert_eq!(review["signals"]["bursts"][0]["largest"], 11);
    assert_eq!(
        review["signals"]["bursts"][0]["attention"], true,
        "eleven of 43 within ten minutes is a quarter, and at least k"
    );
}

/// Everything an employer can read about a campaign: the campaign view, the campaign list, the
/// figures, the CSV and the QR code, as they answer.
async fn employer_sees(app: &TestApp, employer: &Session, id: &str) -> Vec<(StatusCode, Vec<u8>)> {
    let mut seen = Vec::new();
    for path in [
        format!("/api/campaigns/{id}"),
        "/api/campaigns".to_owned(),
        format!("/api/campaigns/{id}/figures"),
        format!("/api/campaigns/{id}/figures.csv"),
        format!("/api/campaigns/{id}/qr.svg"),
    ] {
        let reply = app.get(&path, Some(employer)).await;
        seen.push((reply.status, reply.body));
    }
    seen
}

/// The attack of issue 19: an employer polls everything they can read about a running campaign
/// while one person uploads for group figures, one shares contact details with the expert only
/// and one withdraws. Within the day nothing they see changes; the day's number counts only
/// group-figure uploads made before 06:00, rounded down to a multiple of k.
async fn an_employer_polling_a_running_campaign_learns_nothing_within_a_day(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    // Ten group-figure uploads and two shares with the expert only, all made two days ago.
    let mut earlier = Vec::new();
    for seed in 0..10 {
        earlier.push(upload_group(&app, &fixture, Some("Verpleging"), 1000 + seed).await);
    }
    for _ in 0..2 {
        let mut share = crate::support::submission(&fixture, ConsentChoices { contact_me: true, ..Default::default() });
        share.contact = Some(contact());
        let reply = app.upload(&share).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    }
    sqlx::query("UPDATE submissions SET created_at = created_at - 2 * 86400").execute(&app.db().pool).await.unwrap();
    // The view of the new campaign already kept today's number (0); as if these uploads had come
    // before it, the day's number is taken again.
    sqlx::query("DELETE FROM response_counts").execute(&app.db().pool).await.unwrap();

    let before = employer_sees(&app, &fixture.employer, &id).await;
    let view: Value = serde_json::from_slice(&before[0].1).unwrap();
    assert_eq!(view["uploads"], json!(null), "never a live count for the employer: {view}");
    assert_eq!(view["bookings"], json!(null));
    assert_eq!(view["response"]["at_least"], json!(10), "group figures only, rounded down: {view}");
    assert_eq!(view["response"]["min_group_size"], json!(10));
    let typed: werkscan_api::campaigns::CampaignView = serde_json::from_slice(&before[0].1).unwrap();
    assert_eq!(typed.response.map(|response| response.at_least), Some(Some(10)));
    let list: Vec<Value> = serde_json::from_slice(&before[1].1).unwrap();
    assert!(list.iter().all(|campaign| campaign["uploads"].is_null()), "{list:?}");

    // One upload for group figures, one share with the expert only, two withdrawals.
    upload_group(&app, &fixture, Some("Facilitair"), 2000).await;
    assert_eq!(employer_sees(&app, &fixture.employer, &id).await, before, "an upload showed");
    let share = crate::support::submission(&fixture, ConsentChoices { contact_me: true, ..Default::default() });
    assert_eq!(app.upload(&share).await.status, StatusCode::CREATED);
    assert_eq!(employer_sees(&app, &fixture.employer, &id).await, before, "a share with the expert only showed");
    for (submission, token) in &earlier[..2] {
        assert_eq!(app.send(withdraw(submission, token)).await.status, StatusCode::OK);
        assert_eq!(employer_sees(&app, &fixture.employer, &id).await, before, "a withdrawal showed");
    }
    // The campaign's expert still sees the live number (the inbox shows every share anyway).
    let expert_view = app.get(&format!("/api/campaigns/{id}"), Some(&fixture.expert)).await.json();
    assert_eq!(expert_view["uploads"], json!(12 + 1 + 1 - 2));

    // Another instance reads the same stored number.
    let other = werkscan_server::db::Db::connect(&app.url).await.unwrap();
    assert_eq!(werkscan_server::releases::response::stored_count(&other, &id, now()).await.unwrap(), 10);
    // The next day's number: 10 - 2 + 1 group-figure uploads, fewer than k.
    let tomorrow = werkscan_server::releases::response::daily(app.db(), &id, 10, now() + 86_400).await.unwrap();
    assert_eq!(tomorrow.at_least, None);
}

/// Appointments reach the employer only at the total level and only from k; a group nobody in
/// it answered is hidden, also in releases stored before these rules.
async fn appointments_below_k_and_empty_groups_are_hidden_from_the_employer(app: TestApp) {
    let fixture = app.fixture().await;
    let id = id_of(&fixture);
    // Everyone in Verpleging, nobody in Facilitair; one conversation booked.
    add_people(&app, &id, Some("Verpleging"), 14, 0.5, 77).await;
    sqlx::query(
        "INSERT INTO appointments (id, campaign_id, expert_id, kind, starts_at, ends_at, blocked_until, status, active, name, lang, key_hash, \
         request_hash, ics_uid, sequence, created_at, updated_at, expires_at) \
         VALUES ('appointment-1', $1, $2, 'adviesgesprek', $3, $4, $4, 'booked', 1, 'Sam', 'nl', 'key-1', 'request-1', 'uid-1', 0, $5, $5, $6)",
    )
    .bind(&id)
    .bind(&fixture.expert_id)
    .bind(now() + 86_400)
    .bind(now() + 86_400 + 3600)
    .bind(now())
    .bind(now() + 400 * 86_400)
    .execute(&app.db().pool)
    .await
    .unwrap();
    trust_departments(&app, &id).await;
    close(&app, &fixture.employer, &id).await;
    publish(&app, &fixture.expert, &id).await;
    let dashboard = figures(&app, &fixture.employer, &id).await;
    let total = group(&dashboard, None);
    assert_eq!(total["appointments"], json!({"booked": null, "held": null}), "one booking with k = 10: {total}");
    assert_eq!(group(&dashboard, Some("Facilitair"))["shown"], json!(false), "a 0 says nobody there took part");
    assert!(group(&dashboard, Some("Facilitair")).get("respondents").is_none());
    let csv = app.get(&format!("/api/campaigns/{id}/figures.csv"), Some(&fixture.employer)).await.text();
    assert!(csv.contains(r#""gesprekken gepland","","minder dan 10""#), "{csv}");

    // A release stored before these rules, with "1 booked" and a 0 shown: the employer still
    // sees neither.
    let stored: String =
        sqlx::query_scalar("SELECT figures FROM releases WHERE campaign_id = $1 AND status = 'published'")
            .bind(&id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    let mut old: Value = serde_json::from_str(&stored).unwrap();
    for group in old["groups"].as_array_mut().unwrap() {
        if group["kind"] == "total" {
            group["appointments"] = json!({"booked": 1, "held": 0});
        }
        if group["name"] == "Facilitair" {
            for (key, value) in [
                ("shown", json!(true)),
                ("respondents", json!(0)),
                ("response_rate", json!(null)),
                ("measures", json!([])),
                ("appointments", json!(null)),
            ] {
                group[key] = value;
            }
        }
    }
    sqlx::query("UPDATE releases SET figures = $1 WHERE campaign_id = $2")
        .bind(old.to_string())
        .bind(&id)
        .execute(&app.db().pool)
        .await
        .unwrap();
    let dashboard = figures(&app, &fixture.employer, &id).await;
    assert_eq!(group(&dashboard, None)["appointments"], json!({"booked": null, "held": null}));
    assert_eq!(group(&dashboard, Some("Facilitair"))["shown"], json!(false));
}

/// A campaign with personal invitations (k = 5) whose approved roster has `sizes` people in
/// Verpleging and Facilitair; its id, code and the personal links per department.
async fn roster_campaign(
    app: &TestApp,
    fixture: &Fixture,
    name: &str,
    sizes: [usize; 2],
) -> (String, String, [Vec<String>; 2]) {
    let mut body = campaign_body(&fixture.definition, &fixture.expert_id, -1, 30);
    body["invitations"] = json!("personal");
    body["min_group_size"] = json!(5);
    body["name"] = json!(name);
    let campaign = app.create_campaign(&fixture.employer, body).await.json();
    let (id, code) = (campaign["id"].as_str().unwrap().to_owned(), campaign["code"].as_str().unwrap().to_owned());
    let prefix = format!("{}.", name.to_lowercase().replace(' ', "-"));
    let roster = json!({"departments": [
        {"name": "Verpleging", "addresses": (0..sizes[0]).map(|n| format!("{prefix}v{n}@zorggroep.example")).collect::<Vec<_>>()},
        {"name": "Facilitair", "addresses": (0..sizes[1]).map(|n| format!("{prefix}f{n}@zorggroep.example")).collect::<Vec<_>>()},
    ]});
    let reply = app.json(Method::PUT, &format!("/api/campaigns/{id}/roster"), Some(&fixture.employer), &roster).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let reply = app
        .json(Method::POST, &format!("/api/expert/campaigns/{id}/roster/approve"), Some(&fixture.expert), &json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let mut links = [Vec::new(), Vec::new()];
    for (to, token) in crate::invitations::links_in_outbox(app, "invitation").await {
        if let Some(rest) = to.strip_prefix(&prefix) {
            links[usize::from(rest.starts_with('f'))].push(token);
        }
    }
    (id, code, links)
}

/// Issue 19 with a roster: release 1 shows the departments the invitations named; after a
/// withdrawal the employer, holding the campaign's code but no invitation, cannot add the k
/// uploads that would give the person away (refused before anything is stored), so no release 2
/// comes. Five invited newcomers (letters) do make one, and it differs from release 1 by them.
/// A department in which everyone invited took part is hidden: "6 of 6" would say it of each.
async fn with_personal_invitations_departments_show_and_the_employer_has_no_uploads_to_add(app: TestApp) {
    use crate::invitations::personal_upload;
    let fixture = app.fixture().await;
    let (id, code, links) = roster_campaign(&app, &fixture, "Eerste ronde", [7, 7]).await;
    let mut receipts = Vec::new();
    for (department, tokens) in [("Verpleging", &links[0]), ("Facilitair", &links[1])] {
        for token in tokens.iter().take(6) {
            let reply = app.upload(&personal_upload(&app, &fixture, &code, Some(department), Some(token)).await).await;
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
            receipts.push((
                reply.json()["submission_id"].as_str().unwrap().to_owned(),
                reply.json()["withdrawal_token"].as_str().unwrap().to_owned(),
            ));
        }
    }
    close(&app, &fixture.employer, &id).await;
    publish(&app, &fixture.expert, &id).await;
    let first = figures(&app, &fixture.employer, &id).await;
    assert_eq!(group(&first, None)["respondents"], 12);
    assert_eq!(
        (
            group(&first, Some("Verpleging"))["respondents"].clone(),
            group(&first, Some("Facilitair"))["respondents"].clone()
        ),
        (json!(6), json!(6))
    );

    // Attack 1: one withdraws; the employer reopens and tries to add uploads of their own.
    let (person, key) = &receipts[0];
    assert_eq!(app.send(withdraw(person, key)).await.status, StatusCode::OK);
    reopen(&app, &fixture, &id).await;
    for attempt in 0..5u64 {
        let mut own = personal_upload(&app, &fixture, &code, Some("Verpleging"), None).await;
        assert_eq!(app.upload(&own).await.code(), "invitation_required");
        own.invitation = Some(format!("{attempt:064x}"));
        assert_eq!(app.upload(&own).await.code(), "invitation_unknown");
    }
    close(&app, &fixture.employer, &id).await;
    let review_now = review(&app, &fixture.expert, &id).await;
    assert_eq!(review_now["release"]["sequence"], 1, "no second release: {review_now}");
    assert_eq!(figures(&app, &fixture.employer, &id).await["groups"], first["groups"], "release 1, unchanged");

    // A second campaign: twelve of fourteen take part, then five people with letters join.
    let (id2, code2, links) = roster_campaign(&app, &fixture, "Tweede ronde", [7, 7]).await;
    for (department, tokens) in [("Verpleging", &links[0]), ("Facilitair", &links[1])] {
        for token in tokens.iter().take(6) {
            let reply = app.upload(&personal_upload(&app, &fixture, &code2, Some(department), Some(token)).await).await;
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        }
    }
    close(&app, &fixture.employer, &id2).await;
    publish(&app, &fixture.expert, &id2).await;
    let letters = app
        .json(
            Method::POST,
            &format!("/api/expert/campaigns/{id2}/letters"),
            Some(&fixture.expert),
            &json!({"department": "Facilitair", "count": 5}),
        )
        .await;
    assert_eq!(letters.status, StatusCode::CONFLICT, "no letters after the campaign: {}", letters.text());
    let reopened = post(
        &app,
        &format!("/api/campaigns/{id2}/extend"),
        Some(&fixture.employer),
        json!({"ends_on": fixture.campaign["ends_on"]}),
    )
    .await;
    assert_eq!(reopened.status, StatusCode::OK, "{}", reopened.text());
    let letters = app
        .json(
            Method::POST,
            &format!("/api/expert/campaigns/{id2}/letters"),
            Some(&fixture.expert),
            &json!({"department": "Facilitair", "count": 5}),
        )
        .await
        .json();
    for letter in letters["letters"].as_array().unwrap() {
        let link = letter["link"].as_str().unwrap();
        let token = &link[link.find("?u=").unwrap() + 3..];
        let reply = app.upload(&personal_upload(&app, &fixture, &code2, Some("Facilitair"), Some(token)).await).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    }
    close(&app, &fixture.employer, &id2).await;
    let second = review(&app, &fixture.expert, &id2).await;
    assert_eq!(second["release"]["sequence"], 2, "k invited newcomers make a release: {second}");
    assert_eq!(group(&second["dashboard"], None)["respondents"], 17);
    assert_eq!(group(&second["dashboard"], Some("Facilitair"))["respondents"], 11);

    // Everyone invited to Verpleging in a third campaign takes part: it is hidden, with a
    // partner, though it is larger than k; the total (not everyone) is shown.
    let (id3, code3, links) = roster_campaign(&app, &fixture, "Derde ronde", [6, 9]).await;
    for (department, tokens, count) in [("Verpleging", &links[0], 6), ("Facilitair", &links[1], 7)] {
        for token in tokens.iter().take(count) {
            let reply = app.upload(&personal_upload(&app, &fixture, &code3, Some(department), Some(token)).await).await;
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        }
    }
    close(&app, &fixture.employer, &id3).await;
    let third = review(&app, &fixture.expert, &id3).await;
    assert_eq!(group(&third["dashboard"], None)["respondents"], 13);
    assert_eq!(group(&third["dashboard"], Some("Verpleging"))["shown"], false, "6 of 6 would say it of each of them");
    assert_eq!(
        group(&third["dashboard"], Some("Facilitair"))["shown"],
        false,
        "the partner: else the total minus it says 6"
    );
}

async fn the_action_plan_is_the_employers_read_by_the_expert_and_carried_to_the_next_campaign(app: TestApp) {
    let fixture = app.fixture().await;
    let werkscan = definition("werkscan");
    let today = chrono::Utc::now().date_naive();
    let action =
        |score: &str, text: &str| json!({"score": score, "action": text, "owner": "HR", "due_on": today.to_string()});
    // Before its figures are published a campaign has no plan.
    let running = id_of(&fixture);
    let reply =
        post(&app, &format!("/api/campaigns/{running}/actions"), Some(&fixture.employer), action("werk_prive", "Iets"))
            .await;
    assert_eq!(
        (reply.status, reply.json()["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!("release_not_published")),
        "{}",
        reply.text()
    );

    let previous = published_campaign(&app, &fixture, &werkscan, -60, [20, 15], 0.4).await;
    let path = format!("/api/campaigns/{previous}/actions");
    let reply =
        post(&app, &path, Some(&fixture.employer), action("werk_prive", "  Afspraken over bereikbaarheid  ")).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let first = reply.json();
    assert_eq!(
        (first["action"].clone(), first["owner"].clone(), first["done"].clone()),
        (json!("Afspraken over bereikbaarheid"), json!("HR"), json!(false))
    );
    assert_eq!(first["due_on"], today.to_string());
    let first_id = first["id"].as_str().unwrap().to_owned();

    // Every field is checked, and the error names it.
    let long = "x".repeat(101);
    let start = today - chrono::Duration::days(61);
    for (body, field) in [
        (json!({"score": "werk_prive", "action": "  ", "owner": "HR", "due_on": today.to_string()}), "action"),
        (json!({"score": "werk_prive", "action": "Iets", "owner": long, "due_on": today.to_string()}), "owner"),
        (json!({"score": "werk_prive", "action": "Iets", "owner": "HR", "due_on": "31-12-2026"}), "due_on"),
        (json!({"score": "werk_prive", "action": "Iets", "owner": "HR", "due_on": start.to_string()}), "due_on"),
        (json!({"score": "onbekend", "action": "Iets", "owner": "HR", "due_on": today.to_string()}), "score"),
        (json!({"score": "wai_ws", "action": "Iets", "owner": "HR", "due_on": today.to_string()}), "score"),
        (
            json!({"score": "werk_prive", "action": "Iets", "owner": "HR", "due_on": today.to_string(), "carried_from": first_id}),
            "carried_from",
        ),
    ] {
        let reply = post(&app, &path, Some(&fixture.employer), body.clone()).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", reply.text());
        assert_eq!(
            (reply.json()["error"]["code"].clone(), reply.json()["error"]["field"].clone()),
            (json!("invalid_action"), json!(field)),
            "{}",
            reply.text()
        );
    }

    // The employer's alone to write; the campaign's expert reads it; nobody else sees it.
    let reply = post(&app, &path, Some(&fixture.expert), action("werk_prive", "Iets")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let org = werkscan_server::admin::create_org(app.db(), "Ander BV").await.unwrap();
    app.user(Some(&org), Role::Employer, "hr@ander.example").await;
    let stranger = app.login("hr@ander.example", "correct horse battery").await;
    let reply = post(&app, &path, Some(&stranger), action("werk_prive", "Iets")).await;
    assert_eq!(
        (reply.status, reply.json()["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!("campaign_not_found"))
    );
    let read = app.get(&format!("/api/expert/campaigns/{previous}/actions"), Some(&fixture.expert)).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text());
    assert_eq!(read.json()["actions"][0]["id"], first_id.as_str());
    assert_eq!(read.json()["previous_actions"], json!(null));
    let other = app.get(&format!("/api/expert/campaigns/{previous}/actions"), Some(&fixture.other_expert)).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/api/expert/campaigns/{previous}/actions"), Some(&fixture.employer)).await.status,
        StatusCode::FORBIDDEN
    );

    // Marked done.
    let change = json!({"action": "Afspraken over bereikbaarheid", "owner": "HR en teamleiders", "due_on": today.to_string(), "done": true});
    let reply = app.json(Method::PUT, &format!("{path}/{first_id}"), Some(&fixture.employer), &change).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        (reply.json()["done"].clone(), reply.json()["owner"].clone()),
        (json!(true), json!("HR en teamleiders"))
    );
    let reply = app.json(Method::PUT, &format!("{path}/onbekend"), Some(&fixture.employer), &change).await;
    assert_eq!(
        (reply.status, reply.json()["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!("action_not_found"))
    );
    let open = post(&app, &path, Some(&fixture.employer), action("arbeidssituatie", "Werkdruk in elk werkoverleg"))
        .await
        .json();

    // The next campaign shows the previous plan beside the trend, and carries an action on once.
    let next = published_campaign(&app, &fixture, &werkscan, -10, [22, 16], 0.6).await;
    let dashboard = figures(&app, &fixture.employer, &next).await;
    assert_eq!(dashboard["previous_actions"]["campaign_id"], previous.as_str());
    let carried: Vec<&str> = dashboard["previous_actions"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|known| known["id"].as_str().unwrap())
        .collect();
    assert_eq!(carried, vec![first_id.as_str(), open["id"].as_str().unwrap()]);
    assert_eq!(dashboard["actions"], json!([]));
    // An action of this campaign's own path cannot be changed through another campaign.
    let reply = app
        .json(Method::PUT, &format!("/api/campaigns/{next}/actions/{first_id}"), Some(&fixture.employer), &change)
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let mut again = action("arbeidssituatie", "Werkdruk in elk werkoverleg");
    again["carried_from"] = open["id"].clone();
    let next_path = format!("/api/campaigns/{next}/actions");
    let reply = post(&app, &next_path, Some(&fixture.employer), again.clone()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(reply.json()["carried_from"], open["id"]);
    let carried_id = reply.json()["id"].as_str().unwrap().to_owned();
    let reply = post(&app, &next_path, Some(&fixture.employer), again).await;
    assert_eq!((reply.status, reply.json()["error"]["code"].clone()), (StatusCode::CONFLICT, json!("already_carried")));
    let plan = app.get(&format!("/api/expert/campaigns/{next}/actions"), Some(&fixture.expert)).await.json();
    assert_eq!(plan["actions"][0]["id"], carried_id.as_str());
    assert_eq!(plan["previous_actions"]["actions"].as_array().unwrap().len(), 2);

    // Removed, once.
    let reply =
        app.json(Method::DELETE, &format!("{next_path}/{carried_id}"), Some(&fixture.employer), &json!(null)).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    let reply =
        app.json(Method::DELETE, &format!("{next_path}/{carried_id}"), Some(&fixture.employer), &json!(null)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);

    // A plan, not an endless list: the fifty-first action is refused.
    for index in 0..werkscan_server::releases::actions::MAX_ACTIONS {
        sqlx::query(
            "INSERT INTO plan_actions (id, campaign_id, score, action, owner, due_on, done, created_at, updated_at) VALUES ($1, $2, 'werk_prive', 'x', 'y', '2030-01-01', 0, 0, 0)",
        )
        .bind(format!("filler-{index}"))
        .bind(&next)
        .execute(&app.db().pool)
        .await
        .unwrap();
    }
    let reply = post(&app, &next_path, Some(&fixture.employer), action("werk_prive", "Nog één")).await;
    assert_eq!(
        (reply.status, reply.json()["error"]["code"].clone()),
        (StatusCode::CONFLICT, json!("too_many_actions"))
    );

    // Every write is in the audit trail, with the campaign and not the words.
    let audited: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT action, campaign_id, detail FROM audit_log WHERE action LIKE '%plan_action' ORDER BY at, action",
    )
    .fetch_all(&app.db().pool)
    .await
    .unwrap();
    let actions: std::collections::BTreeSet<&str> = audited.iter().map(|(action, _, _)| action.as_str()).collect();
    assert_eq!(actions, ["add_plan_action", "change_plan_action", "remove_plan_action"].into_iter().collect());
    assert!(audited.iter().all(|(_, campaign, detail)| campaign.is_some() && detail.is_none()));
}

async fn waar_beginnen_shows_only_what_the_release_publishes(app: TestApp) {
    let fixture = app.fixture().await;
    let werkscan = definition("werkscan");
    let id = published_campaign(&app, &fixture, &werkscan, -10, [22, 16], 0.3).await;
    let dashboard = figures(&app, &fixture.employer, &id).await;
    let start = dashboard["start_here"].as_array().unwrap();
    assert!(!start.is_empty() && start.len() <= 3, "{start:?}");
    let measures = dashboard["measures"].as_array().unwrap();
    let attention_in = |group: &Value, score: &Value| -> Option<(u64, u64)> {
        let index = measures.iter().position(|measure| measure["score"] == *score)?;
        let shown = &group["measures"][index];
        if shown["shown"] != true {
            return None;
        }
        let bands = measures[index]["bands"].as_array().unwrap();
        let count = shown["distribution"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|counted| bands.iter().any(|band| band["key"] == counted["band"] && band["signal"] == "attention"))
            .map(|counted| counted["count"].as_u64().unwrap())
            .sum();
        Some((count, shown["respondents"].as_u64().unwrap()))
    };
    let mut last = u64::MAX;
    for entry in start {
        // Each number is one the release shows of the whole organisation.
        let (count, respondents) = attention_in(group(&dashboard, None), &entry["score"]).unwrap();
        assert_eq!(
            (entry["attention"].as_u64().unwrap(), entry["respondents"].as_u64().unwrap()),
            (count, respondents)
        );
        assert!(count > 0 && count <= last, "most people first");
        last = count;
        // The departments named are shown ones with the highest share.
        let shares: Vec<(String, f64)> = dashboard["groups"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|known| known["kind"] == "department" && known["shown"] == true)
            .filter_map(|known| {
                let (count, of) = attention_in(known, &entry["score"])?;
                Some((known["name"].as_str().unwrap().to_owned(), count as f64 / of as f64))
            })
            .collect();
        let highest = shares.iter().map(|(_, share)| *share).fold(0.0, f64::max);
        let named: Vec<String> =
            entry["departments"].as_array().unwrap().iter().map(|name| name.as_str().unwrap().to_owned()).collect();
        let expected: Vec<String> = shares
            .iter()
            .filter(|(_, share)| highest > 0.0 && *share == highest)
            .map(|(name, _)| name.clone())
            .collect();
        assert_eq!(named, expected);
        // The advice is the definition's own for employers, for that theme's attention band.
        let score = entry["score"].as_str().unwrap();
        let band = measures.iter().find(|measure| measure["score"] == score).unwrap()["bands"]
            .as_array()
            .unwrap()
            .iter()
            .find(|band| band["signal"] == "attention")
            .unwrap()["key"]
            .clone();
        assert_eq!(entry["advice"], dashboard["employer_advice"][score][band.as_str().unwrap()]);
        assert!(
            entry["advice"]["nl"].as_str().is_some_and(|text| !text.is_empty()),
            "every Werkscan theme has advice for employers"
        );
    }
    // Band starts come with every measure, so a mean can be placed in its band.
    for measure in measures {
        assert!(measure["bands"].as_array().unwrap().iter().all(|band| band["from"].is_number()), "{measure}");
    }
}

async fn the_demo_dashboard_has_a_trend_a_norm_where_to_begin_and_last_years_plan(app: TestApp) {
    app.seed_demo().await;
    let org = werkscan_server::admin::find_org(app.db(), crate::demo::DEMO_ORG).await.unwrap().unwrap();
    app.user(Some(&org), Role::Employer, "lezer@demo.example").await;
    let employer = app.login("lezer@demo.example", "correct horse battery").await;
    let id: String = sqlx::query_scalar("SELECT id FROM campaigns WHERE code = 'DEMO-AFGEROND'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    let dashboard = figures(&app, &employer, &id).await;
    let trend = &dashboard["trend"];
    assert!(!trend["groups"].as_array().unwrap().is_empty(), "last year's campaign to compare with: {trend}");
    assert_eq!(dashboard["norm_missing"], json!(null));
    assert_eq!(dashboard["norm"]["organisations"], 5, "{}", dashboard["norm"]);
    assert!(!dashboard["start_here"].as_array().unwrap().is_empty());
    assert_eq!(dashboard["previous_actions"]["actions"].as_array().unwrap().len(), 2);
    // Seeding again changes nothing.
    app.seed_demo().await;
    assert_eq!(figures(&app, &employer, &id).await["previous_actions"], dashboard["previous_actions"]);
}
