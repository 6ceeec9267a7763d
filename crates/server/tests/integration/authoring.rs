//! Writing questionnaires in the browser (issue 24), the server's side: a definition author
//! publishes a new version, which every instance then serves to phones and new campaigns while
//! campaigns and drafts on the earlier version keep theirs; a publication is validated again by
//! the core's loader (a forged definition is refused with exactly the core's diagnostics);
//! versions never change, which the database enforces too; and the role is given by the platform
//! admin or a practice admin. Each against the real router on both databases.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use werkscan_api::author::{QuestionnaireVersions, SourceText, VersionSource, VersionSources, VersionSummary};
use werkscan_api::error::ErrorBody;
use werkscan_core::authoring::{load, SourceFile};
use werkscan_core::{build_submission, score, ConsentValues, Definition, Lang};
use werkscan_server::accounts::auth::Role;

use crate::demo::synthetic::{self, Person};

use crate::support::{
    campaign_body, contact, everything, example_answers, shipped_definitions, submission, Session, TestApp,
};

on_both_databases!(
    an_author_publishes_a_version_that_phones_and_new_campaigns_then_use,
    a_forged_definition_is_refused_with_the_cores_diagnostics,
    an_id_whose_meaning_changed_is_refused,
    a_version_never_changes,
    the_database_refuses_to_change_a_stored_version,
    a_file_version_stored_before_its_files_were_kept_gets_them,
    the_platform_admin_and_a_practice_admin_give_the_role,
    the_demo_has_an_author,
);

const PASSWORD: &str = "correct horse battery";

/// A definition author, logged in (with the second factor the role needs).
async fn author(app: &TestApp) -> Session {
    app.user(None, Role::DefinitionAuthor, "auteur@test.example").await;
    let session = app.login("auteur@test.example", PASSWORD).await;
    let account = app.get("/api/session", Some(&session)).await.json();
    assert!(account["has_second_factor"].as_bool().unwrap(), "an author sets up a second factor: {account}");
    session
}

/// A version with its files, as the author opens it.
async fn open(app: &TestApp, session: &Session, id: &str, version: &str) -> VersionSources {
    let reply = app.get(&format!("/api/author/questionnaires/{id}/versions/{version}"), Some(session)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.reads_as()
}

/// The files as the core reads them.
fn source_files(files: &[SourceText]) -> Vec<SourceFile> {
    files.iter().map(|file| SourceFile { path: file.path.clone(), contents: file.contents.clone() }).collect()
}

/// The files with `from` replaced by `to` in the first one (the questionnaire's own file).
fn edited(files: &[SourceText], edits: &[(&str, &str)]) -> Vec<SourceText> {
    let mut files = files.to_vec();
    for (from, to) in edits {
        assert!(files[0].contents.contains(from), "{from:?} is not in {}", files[0].path);
        files[0].contents = files[0].contents.replacen(from, to, 1);
    }
    files
}

async fn publish(app: &TestApp, session: &Session, files: &[SourceText]) -> crate::support::Reply {
    app.json(Method::POST, "/api/author/questionnaires", Some(session), &json!({ "files": files })).await
}

/// The shipped werkscan's version and the files of a new version of it: the same with another
/// title and version (`to`).
async fn next_werkscan(app: &TestApp, session: &Session, to: &str) -> (Definition, Vec<SourceText>) {
    let shipped = crate::support::definition("werkscan");
    let opened = open(app, session, "werkscan", &shipped.questionnaire.version).await;
    let version_line = format!("version = \"{}\"", shipped.questionnaire.version);
    let files = edited(
        &opened.files,
        &[
            (version_line.as_str(), format!("version = \"{to}\"").as_str()),
            ("en = \"Work Scan\"", "en = \"Work Scan, our wording\""),
        ],
    );
    (shipped, files)
}

/// The resolved definition of a version, as phones read it.
async fn served(app: &TestApp, path: &str) -> Value {
    let reply = app.get(path, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text());
    reply.json()
}

async fn definitions_stored(app: &TestApp) -> i64 {
    app.count("definitions", None).await
}

async fn an_author_publishes_a_version_that_phones_and_new_campaigns_then_use(app: TestApp) {
    // A campaign on the shipped version, opened before the author publishes.
    let fixture = app.fixture().await;
    let session = author(&app).await;
    let listed: Vec<QuestionnaireVersions> = app.get("/api/author/questionnaires", Some(&session)).await.reads_as();
    let werkscan = listed.iter().find(|questionnaire| questionnaire.id == "werkscan").expect("werkscan is listed");
    assert_eq!(werkscan.versions.len(), 1);
    assert_eq!((werkscan.versions[0].source, werkscan.versions[0].current), (VersionSource::File, true));

    // The file version opens as its files, named as in the repository, and they load to it.
    let opened = open(&app, &session, "werkscan", &fixture.definition.questionnaire.version).await;
    let paths: Vec<&str> = opened.files.iter().map(|file| file.path.as_str()).collect();
    assert_eq!(paths[0], "questionnaires/werkscan.toml");
    assert!(paths.contains(&"questionnaires/parts/wai-kort.toml"), "{paths:?}");
    assert_eq!(load(&source_files(&opened.files)).questionnaires, vec![fixture.definition.clone()]);
    assert_eq!(opened.summary.licence, fixture.definition.questionnaire.licence);

    let (_, files) = next_werkscan(&app, &session, "3.1.0").await;
    let expected = load(&source_files(&files)).questionnaires.remove(0);
    let new_hash = expected.content_hash.clone().unwrap();
    let reply = publish(&app, &session, &files).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let published: VersionSummary = reply.reads_as();
    assert_eq!((published.id.as_str(), published.version.as_str()), ("werkscan", "3.1.0"));
    assert_eq!(published.content_hash, new_hash);
    assert_eq!((published.source, published.current), (VersionSource::Published, true));
    assert_eq!(published.published_by.as_deref(), Some("auteur@test.example name"));
    assert!(published.published_at.is_some());
    assert_eq!(published.licence, expected.questionnaire.licence);
    // The same content again changes nothing and answers with what is stored.
    let stored = definitions_stored(&app).await;
    let again = publish(&app, &session, &files).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.reads_as::<VersionSummary>(), published);
    assert_eq!(definitions_stored(&app).await, stored);

    // Phones: the catalogue offers it, it is the current werkscan, and both versions are there.
    let catalogue = served(&app, "/api/questionnaires").await;
    let entry = catalogue.as_array().unwrap().iter().find(|entry| entry["id"] == "werkscan").unwrap().clone();
    assert_eq!(entry["version"], "3.1.0");
    assert_eq!(served(&app, "/api/questionnaires/werkscan").await["content_hash"], new_hash.as_str());
    assert_eq!(served(&app, "/api/questionnaires/werkscan/3.1.0").await["content_hash"], new_hash.as_str());
    let earlier = format!("/api/questionnaires/werkscan/{}", fixture.definition.questionnaire.version);
    assert_eq!(served(&app, &earlier).await["content_hash"], fixture.definition.content_hash.clone().unwrap());
    // Another instance on the same database, with the same files, serves it too.
    let second =
        werkscan_server::app(TestApp::instance(&app.url, &app.dir.join("dist"), shipped_definitions().clone()).await);
    let elsewhere =
        crate::support::send(&second, crate::support::request(Method::GET, "/api/questionnaires", None, None))
            .await
            .json();
    assert!(elsewhere.as_array().unwrap().iter().any(|entry| entry["id"] == "werkscan" && entry["version"] == "3.1.0"));

    // The author's list and the admin's.
    let listed: Vec<QuestionnaireVersions> = app.get("/api/author/questionnaires", Some(&session)).await.reads_as();
    let werkscan = listed.iter().find(|questionnaire| questionnaire.id == "werkscan").unwrap();
    let versions: Vec<(&str, VersionSource, bool)> =
        werkscan.versions.iter().map(|version| (version.version.as_str(), version.source, version.current)).collect();
    assert_eq!(versions, [("3.1.0", VersionSource::Published, true), ("3.0.0", VersionSource::File, false)]);
    assert_eq!(werkscan.title.en, "Work Scan, our wording");
    app.user(None, Role::Admin, "root@test.example").await;
    let admin = app.login("root@test.example", PASSWORD).await;
    let loaded: Vec<werkscan_api::admin::LoadedVersion> =
        app.get("/api/admin/definitions", Some(&admin)).await.reads_as();
    let row = loaded.iter().find(|version| version.content_hash == new_hash).expect("listed for the admin");
    assert_eq!(
        (row.source, row.current, &row.licence),
        (VersionSource::Published, true, &expected.questionnaire.licence)
    );
    let audit = app.get("/api/admin/audit?action=definition_published", Some(&admin)).await.json();
    assert_eq!(audit.as_array().unwrap().len(), 1, "{audit}");
    assert_eq!(audit[0]["questionnaire"], "werkscan 3.1.0");

    // A phone's draft begun on the earlier version, in the campaign that pins it, is accepted.
    let reply = app.upload(&submission(&fixture, everything())).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());

    // A new campaign pins the version current now; the earlier one is no longer offered.
    let refused =
        app.create_campaign(&fixture.employer, campaign_body(&fixture.definition, &fixture.expert_id, -1, 30)).await;
    assert_eq!((refused.status, refused.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "unknown_questionnaire"));
    assert_eq!(refused.json()["error"]["field"], "version");
    let created = app.create_campaign(&fixture.employer, campaign_body(&expected, &fixture.expert_id, -1, 30)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let campaign = created.json();
    assert_eq!(campaign["questionnaire"]["version"], "3.1.0");
    let code = campaign["code"].as_str().unwrap().to_owned();
    let public = served(&app, &format!("/api/c/{code}")).await;
    assert_eq!(public["questionnaire"]["content_hash"], new_hash.as_str());
    // A phone takes the scan on it and uploads.
    let answers = example_answers(&expected);
    let result = score(&expected, &answers).unwrap();
    let mut upload = build_submission(
        &code,
        Some("Verpleging".into()),
        &expected,
        &result,
        &answers,
        everything(),
        Lang::Nl,
        Some(contact()),
    );
    let values: ConsentValues = app.consent_values(&code).await;
    upload.consent.values = Some(values);
    let reply = app.upload(&upload).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());

    // The arbeidsdeskundige reads it, and the campaign's group figures are computed, published
    // and read on the published version.
    let shared = reply.json()["submission_id"].as_str().unwrap().to_owned();
    let detail = app.get(&format!("/api/expert/submissions/{shared}"), Some(&fixture.expert)).await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.text());
    let id = campaign["id"].as_str().unwrap().to_owned();
    let pinned = werkscan_server::models::campaign::by_id(&app.state, &id).await.unwrap().unwrap();
    let people: Vec<Person> = (0..12)
        .map(|index| Person {
            department: None,
            mood: 0.3 + index as f64 / 30.0,
            created_at: werkscan_server::util::now() - 86_400 + index * 3600,
            origin: index,
            seed: index as u64 + 1,
        })
        .collect();
    synthetic::add(app.db(), &expected, &pinned, &people).await.unwrap();
    let closed =
        app.json(Method::POST, &format!("/api/campaigns/{id}/close"), Some(&fixture.employer), &json!({})).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    let review = app.get(&format!("/api/expert/campaigns/{id}/release"), Some(&fixture.expert)).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.text());
    let revision = review.json()["release"]["revision"].clone();
    let published = app
        .json(
            Method::POST,
            &format!("/api/expert/campaigns/{id}/release/publish"),
            Some(&fixture.expert),
            &json!({ "revision": revision }),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    let dashboard = app.get(&format!("/api/campaigns/{id}/figures"), Some(&fixture.employer)).await;
    assert_eq!(dashboard.status, StatusCode::OK, "{}", dashboard.text());
    let dashboard: werkscan_api::releases::Dashboard = dashboard.reads_as();
    assert_eq!(dashboard.release.respondents, Some(13), "the total is shown");
    assert_eq!(dashboard.campaign.questionnaire.version, "3.1.0");
    assert!(!dashboard.employer_advice.is_empty(), "the published version's advice for employers");
}

async fn a_forged_definition_is_refused_with_the_cores_diagnostics(app: TestApp) {
    let session = author(&app).await;
    let stored = definitions_stored(&app).await;
    // Bands no score can reach, overlapping bands and tables, weights that do not fit (the core's
    // fixture of broken ranges).
    let ranges = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/broken/ranges.toml"),
    )
    .unwrap();
    let forged = vec![SourceText { path: "questionnaires/ranges.toml".into(), contents: ranges }];
    // The werkscan without the part it includes.
    let shipped = crate::support::definition("werkscan");
    let opened = open(&app, &session, "werkscan", &shipped.questionnaire.version).await;
    let without_part: Vec<SourceText> =
        opened.files.iter().filter(|file| !file.path.ends_with("/wai-kort.toml")).cloned().collect();
    // A syntax error.
    let syntax = edited(&opened.files, &[("[questionnaire]", "[questionnaire")]);
    for files in [forged, without_part, syntax] {
        let core = load(&source_files(&files)).diagnostics;
        assert!(!core.is_empty());
        let reply = publish(&app, &session, &files).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_definition"));
        let refusal: ErrorBody = reply.reads_as();
        assert_eq!(refusal.error.diagnostics, core, "every diagnostic, exactly as the core gives it");
    }
    let ranges = publish(
        &app,
        &session,
        &[SourceText {
            path: "questionnaires/ranges.toml".into(),
            contents: std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/broken/ranges.toml"),
            )
            .unwrap(),
        }],
    )
    .await;
    let messages: Vec<String> =
        ranges.reads_as::<ErrorBody>().error.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().any(|line| line.contains("above the highest reachable score")),
        "a band no score reaches: {messages:?}"
    );

    // Files that hold no questionnaire, or two; paths a repository cannot hold.
    let parts: Vec<SourceText> = opened.files.iter().skip(1).cloned().collect();
    let none = publish(&app, &session, &parts).await;
    assert_eq!((none.status, none.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "not_one_questionnaire"));
    let quickscan =
        open(&app, &session, "quickscan", &crate::support::definition("quickscan").questionnaire.version).await;
    let mut both = opened.files.clone();
    let more: Vec<SourceText> =
        quickscan.files.into_iter().filter(|file| !both.iter().any(|known| known.path == file.path)).collect();
    both.extend(more);
    let two = publish(&app, &session, &both).await;
    assert_eq!((two.status, two.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "not_one_questionnaire"));
    let mut odd = opened.files.clone();
    odd[1].path = "../parts/wai-kort.toml".into();
    let reply = publish(&app, &session, &odd).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_path"));
    assert_eq!(reply.json()["error"]["field"], "files[1].path");
    let empty = publish(&app, &session, &[]).await;
    assert_eq!(empty.code(), "no_files");

    // Nothing was stored, nothing audited.
    assert_eq!(definitions_stored(&app).await, stored);
    let published: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'definition_published'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(published, 0);
}

async fn an_id_whose_meaning_changed_is_refused(app: TestApp) {
    let session = author(&app).await;
    let (shipped, files) = next_werkscan(&app, &session, "3.1.0").await;
    // An item turned round: the same answer would now say the opposite.
    let turned = edited(&files, &[("reverse = true\n", "")]);
    let new = load(&source_files(&turned)).questionnaires.remove(0);
    let expected = werkscan_core::changes::id_meaning_problems(&shipped, &new, &source_files(&turned));
    assert_eq!(expected.len(), 1, "{expected:?}");
    let reply = publish(&app, &session, &turned).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "id_meaning_changed"));
    assert_eq!(reply.reads_as::<ErrorBody>().error.diagnostics, expected);
    assert_eq!(expected[0].file, "questionnaires/werkscan.toml");
    // Reworded only, it is published.
    assert_eq!(publish(&app, &session, &files).await.status, StatusCode::CREATED);
}

async fn a_version_never_changes(app: TestApp) {
    let session = author(&app).await;
    let (shipped, files) = next_werkscan(&app, &session, "3.1.0").await;
    assert_eq!(publish(&app, &session, &files).await.status, StatusCode::CREATED);
    let before = open(&app, &session, "werkscan", "3.1.0").await;
    // Other content under the same id and version: refused, and the stored version stays.
    let other = edited(&files, &[("en = \"Work Scan, our wording\"", "en = \"Work Scan, other wording\"")]);
    let reply = publish(&app, &session, &other).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::CONFLICT, "version_exists"));
    assert_eq!(open(&app, &session, "werkscan", "3.1.0").await, before);
    let served_now = served(&app, "/api/questionnaires/werkscan/3.1.0").await;
    assert_eq!(served_now["questionnaire"]["title"]["en"], "Work Scan, our wording");
    // Nor may a publication take the version of the files.
    let opened = open(&app, &session, "werkscan", &shipped.questionnaire.version).await;
    let same_version = edited(&opened.files, &[("en = \"Work Scan\"", "en = \"Work Scan, mine\"")]);
    let reply = publish(&app, &session, &same_version).await;
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::CONFLICT, "version_exists"));
    assert_eq!(
        served(&app, "/api/questionnaires/werkscan").await["content_hash"],
        before.summary.content_hash.as_str()
    );
}

async fn the_database_refuses_to_change_a_stored_version(app: TestApp) {
    let session = author(&app).await;
    let (shipped, files) = next_werkscan(&app, &session, "3.1.0").await;
    let published: VersionSummary = publish(&app, &session, &files).await.reads_as();
    let row = |hash: String| {
        let pool = app.db().pool.clone();
        async move {
            sqlx::query_as::<_, (String, Option<String>, String)>(
                "SELECT json, sources, source FROM definitions WHERE content_hash = $1",
            )
            .bind(hash)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    for hash in [published.content_hash.clone(), shipped.content_hash.clone().unwrap()] {
        let before = row(hash.clone()).await;
        assert!(before.1.is_some(), "its files are kept");
        for change in [
            "UPDATE definitions SET json = '{}' WHERE content_hash = $1",
            "UPDATE definitions SET sources = '[]' WHERE content_hash = $1",
            "UPDATE definitions SET sources = NULL WHERE content_hash = $1",
            "UPDATE definitions SET version = '9.9.9' WHERE content_hash = $1",
            "UPDATE definitions SET source = CASE WHEN source = 'file' THEN 'published' ELSE 'file' END WHERE content_hash = $1",
            "UPDATE definitions SET published_at = 5 WHERE content_hash = $1",
            "UPDATE definitions SET introduced = introduced + 100 WHERE content_hash = $1",
            "DELETE FROM definitions WHERE content_hash = $1",
        ] {
            let outcome = sqlx::query(change).bind(&hash).execute(&app.db().pool).await;
            assert!(outcome.is_err(), "{change} was allowed");
        }
        assert_eq!(row(hash).await, before);
    }
}

async fn a_file_version_stored_before_its_files_were_kept_gets_them(app: TestApp) {
    // A database an older server wrote: the shipped werkscan recorded without its files, and an
    // arbeidsdeskundige account, whose role the widened column keeps.
    let werkscan = crate::support::definition("werkscan");
    let json = serde_json::to_string(&werkscan).unwrap().replace('\'', "''");
    let hash = werkscan.content_hash.clone().unwrap();
    let insert_definition = format!(
        "INSERT INTO definitions (content_hash, id, version, json, first_loaded_at) VALUES ('{hash}', 'werkscan', '{}', '{json}', 1)",
        werkscan.questionnaire.version
    );
    let insert_user = "INSERT INTO users (id, org_id, role, email, display_name, password_hash, created_at) VALUES ('old-expert', NULL, 'expert', 'oud@test.example', 'Oud', 'x', 1)";
    let app = TestApp::after_legacy(app_kind(&app), 20, &[&insert_definition, insert_user]).await;
    let role: String =
        sqlx::query_scalar("SELECT role FROM users WHERE id = 'old-expert'").fetch_one(&app.db().pool).await.unwrap();
    assert_eq!(role, "expert");
    let (source, introduced): (String, i64) =
        sqlx::query_as("SELECT source, introduced FROM definitions WHERE content_hash = $1")
            .bind(&hash)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!((source.as_str(), introduced), ("file", 1));
    // The server read the same files at start, and kept them now.
    let session = author(&app).await;
    let opened = open(&app, &session, "werkscan", &werkscan.questionnaire.version).await;
    assert_eq!(opened.files[0].path, "questionnaires/werkscan.toml");
    assert_eq!(load(&source_files(&opened.files)).questionnaires, vec![werkscan]);
}

/// Which database a test app runs on.
fn app_kind(app: &TestApp) -> crate::support::Kind {
    match app.db().backend {
        werkscan_server::Backend::Sqlite => crate::support::Kind::Sqlite,
        werkscan_server::Backend::Postgres => crate::support::Kind::Postgres,
    }
}

async fn the_platform_admin_and_a_practice_admin_give_the_role(app: TestApp) {
    // The platform admin gives it.
    app.user(None, Role::Admin, "root@test.example").await;
    let admin = app.login("root@test.example", PASSWORD).await;
    let body = json!({"email": "schrijver@test.example", "display_name": "Schrijver", "role": "definition_author"});
    let reply = app.json(Method::POST, "/api/admin/users", Some(&admin), &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    app.choose_password_from_mail("schrijver@test.example", "a good new password").await;
    // The role needs the second factor before anything else.
    let login = app
        .json(
            Method::POST,
            "/api/login",
            None,
            &json!({"email": "schrijver@test.example", "password": "a good new password"}),
        )
        .await;
    assert_eq!(login.json()["pending"], "second_factor_setup");
    let half = crate::support::session_of(&login);
    let refused = app.get("/api/author/questionnaires", Some(&half)).await;
    assert_eq!((refused.status, refused.code().as_str()), (StatusCode::UNAUTHORIZED, "second_factor_setup_required"));
    let writer = app.login("schrijver@test.example", "a good new password").await;
    assert_eq!(app.get("/api/author/questionnaires", Some(&writer)).await.status, StatusCode::OK);

    // A practice admin adds one to their own practice, and manages only their own authors.
    let practice = app.practice("Arbopraktijk Auteurs", "auteurs@test.example").await;
    app.user_in_practice(&practice, Role::PracticeAdmin, "beheer@auteurs.example").await;
    let expert = app.user_in_practice(&practice, Role::Expert, "ad@auteurs.example").await;
    let practice_admin = app.login("beheer@auteurs.example", PASSWORD).await;
    let body = json!({"email": "auteur@auteurs.example", "display_name": "Auteur Van Praktijk"});
    let reply = app.json(Method::POST, "/api/practice/authors", Some(&practice_admin), &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let id = reply.json()["user_id"].as_str().unwrap().to_owned();
    let listed: Vec<werkscan_api::practices::PracticeAuthor> =
        app.get("/api/practice/authors", Some(&practice_admin)).await.reads_as();
    assert_eq!(listed.iter().map(|author| author.id.as_str()).collect::<Vec<_>>(), [id.as_str()]);
    let experts = app.get("/api/practice/experts", Some(&practice_admin)).await.json();
    assert!(!experts.to_string().contains(&id), "an author is not listed as an expert");
    app.choose_password_from_mail("auteur@auteurs.example", "another good password").await;
    let own = app.login("auteur@auteurs.example", "another good password").await;
    assert_eq!(app.get("/api/author/questionnaires", Some(&own)).await.status, StatusCode::OK);
    let account: Value = app.get("/api/session", Some(&own)).await.json();
    assert_eq!(
        (account["user"]["role"].as_str(), account["user"]["practice_id"].as_str()),
        (Some("definition_author"), Some(practice.as_str()))
    );
    // Deactivated, the author's sessions end; activated, they log in again.
    let path = |action: &str| format!("/api/practice/authors/{id}/{action}");
    let deactivated = app.json(Method::POST, &path("deactivate"), Some(&practice_admin), &json!({})).await;
    assert_eq!(deactivated.status, StatusCode::NO_CONTENT, "{}", deactivated.text());
    assert_eq!(app.get("/api/author/questionnaires", Some(&own)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.json(Method::POST, &path("activate"), Some(&practice_admin), &json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.json(Method::POST, &path("password-link"), Some(&practice_admin), &json!({})).await.status,
        StatusCode::OK
    );
    // The authors' routes reach no expert, nor another practice's author, nor the admin's.
    let writer_id: String = sqlx::query_scalar("SELECT id FROM users WHERE email = 'schrijver@test.example'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    for other in [expert.as_str(), writer_id.as_str()] {
        let reply = app
            .json(Method::POST, &format!("/api/practice/authors/{other}/deactivate"), Some(&practice_admin), &json!({}))
            .await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::NOT_FOUND, "user_not_found"));
    }
    let reply = app
        .json(Method::POST, &format!("/api/practice/experts/{id}/deactivate"), Some(&practice_admin), &json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "an author is not reached as an expert");
}

async fn the_demo_has_an_author(app: TestApp) {
    app.seed_demo().await;
    let session = app.login("auteur@arbopraktijkvandijk.example", "demo-auteur").await;
    let listed: Vec<QuestionnaireVersions> = app.get("/api/author/questionnaires", Some(&session)).await.reads_as();
    assert!(listed.iter().any(|questionnaire| questionnaire.id == "werkscan"), "{listed:?}");
    let account: Value = app.get("/api/session", Some(&session)).await.json();
    assert_eq!(account["user"]["role"], "definition_author");
}
