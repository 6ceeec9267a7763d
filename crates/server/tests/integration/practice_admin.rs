//! The practice admin's role (issue #18): they manage their own practice's arbeidsdeskundigen
//! (list, add with a password link, deactivate, reactivate) and read their own practice's audit
//! trail, which never carries content; nobody else does either, except the platform admin, who
//! reads any practice's trail. Each rule as the user's action or the attack against the real
//! router on both databases.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use werkscan_server::accounts::auth::Role;

use crate::support::{contact, everything, submission, Fixture, Session, TestApp};

on_both_databases!(
    a_practice_admin_manages_its_own_experts,
    a_practice_admin_touches_no_other_account,
    a_practice_admin_reads_its_own_trail_without_content,
    only_the_practice_admin_and_the_platform_admin_read_a_trail,
    the_console_reads_the_practice_admins_answers,
);

const PASSWORD: &str = "correct horse battery";

/// The fixture's practice with a practice admin of its own, and a second practice with its own
/// admin and expert.
struct Practices {
    fixture: Fixture,
    practice: String,
    own_admin: Session,
    own_admin_id: String,
    other: String,
    other_admin: Session,
    other_admin_id: String,
    other_expert_id: String,
}

async fn practices(app: &TestApp) -> Practices {
    let fixture = app.fixture().await;
    let practice = fixture.campaign["practice"]["id"].as_str().unwrap().to_owned();
    let own_admin_id = app.user_in_practice(&practice, Role::PracticeAdmin, "beheer@eigen.example").await;
    let other = app.practice("Arbodienst Anders", "anders@example.org").await;
    let other_admin_id = app.user_in_practice(&other, Role::PracticeAdmin, "beheer@anders.example").await;
    let other_expert_id = app.user_in_practice(&other, Role::Expert, "ad@anders.example").await;
    let own_admin = app.login("beheer@eigen.example", PASSWORD).await;
    let other_admin = app.login("beheer@anders.example", PASSWORD).await;
    Practices { fixture, practice, own_admin, own_admin_id, other, other_admin, other_admin_id, other_expert_id }
}

/// The platform admin, logged in, and their id.
async fn platform_admin(app: &TestApp) -> (Session, String) {
    let id = app.user(None, Role::Admin, "root@x.example").await;
    (app.login("root@x.example", PASSWORD).await, id)
}

/// The practice's experts as its admin lists them.
async fn experts(app: &TestApp, session: &Session) -> Vec<Value> {
    let reply = app.get("/api/practice/experts", Some(session)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json().as_array().unwrap().clone()
}

/// The actions (with their actor) written to the audit log about account `id`, by time and name.
async fn audited(app: &TestApp, id: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT action, actor_user_id FROM audit_log WHERE detail = $1 ORDER BY at, action")
        .bind(id)
        .fetch_all(&app.db().pool)
        .await
        .unwrap()
}

async fn a_practice_admin_manages_its_own_experts(app: TestApp) {
    let p = practices(&app).await;
    let campaign = p.fixture.campaign.clone();
    // The list: name, address, whether they can log in and set up a second factor, and the
    // practice's campaigns that name them. Not the other practice's expert, nor the admins.
    let list = experts(&app, &p.own_admin).await;
    assert_eq!(
        list,
        [json!({
            "id": p.fixture.expert_id, "display_name": "ad@test.example name", "email": "ad@test.example", "active": true,
            "has_second_factor": true, "campaigns": [{"id": campaign["id"], "name": campaign["name"]}],
        })]
    );
    // A new arbeidsdeskundige in the own practice: a link to their own address, no password.
    let body = json!({"email": "Nieuw@Eigen.example", "display_name": "Nieuwe Arbeidsdeskundige"});
    let created = app.json(Method::POST, "/api/practice/experts", Some(&p.own_admin), &body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert_eq!(created.json()["link_sent_to"], "nieuw@eigen.example");
    let new_id = created.json()["user_id"].as_str().unwrap().to_owned();
    let keys: Vec<String> = created.json().as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["link_expires_at", "link_sent_to", "user_id"]);
    let (role, practice): (String, Option<String>) =
        sqlx::query_as("SELECT role, practice_id FROM users WHERE id = $1")
            .bind(&new_id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!((role.as_str(), practice.as_deref()), ("expert", Some(p.practice.as_str())));
    let listed = experts(&app, &p.own_admin).await;
    let new = listed.iter().find(|expert| expert["id"] == json!(new_id)).expect("the new expert is listed");
    assert_eq!(
        (new["active"].clone(), new["has_second_factor"].clone(), new["campaigns"].clone()),
        (json!(true), json!(false), json!([]))
    );
    // They choose their password with the link and set up a second factor at their first login.
    app.choose_password_from_mail("nieuw@eigen.example", "een eigen wachtwoord").await;
    app.login("nieuw@eigen.example", "een eigen wachtwoord").await;
    assert_eq!(
        experts(&app, &p.own_admin).await.iter().find(|expert| expert["id"] == json!(new_id)).unwrap()
            ["has_second_factor"],
        true
    );
    // The link can be sent again (a day went by): a new one to their own address, which
    // replaces the first; the practice admin sees neither.
    let again = app
        .json(Method::POST, &format!("/api/practice/experts/{new_id}/password-link"), Some(&p.own_admin), &json!({}))
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.json()["link_sent_to"], "nieuw@eigen.example");
    let (links, live) = app.mailed_links("nieuw@eigen.example").await;
    assert_eq!(links.len(), 2);
    assert!(!again.text().contains(live.as_deref().unwrap()));
    // Taken addresses and role smuggling are refused; nothing is created.
    let taken = app
        .json(
            Method::POST,
            "/api/practice/experts",
            Some(&p.own_admin),
            &json!({"email": "HR@test.example", "display_name": "x"}),
        )
        .await;
    assert_eq!((taken.status, taken.code().as_str()), (StatusCode::CONFLICT, "email_taken"));
    let smuggled = json!({"email": "baas@eigen.example", "display_name": "Baas", "role": "admin"});
    let reply = app.json(Method::POST, "/api/practice/experts", Some(&p.own_admin), &smuggled).await;
    assert!(reply.status.is_client_error(), "{}", reply.text());
    let invalid = app
        .json(
            Method::POST,
            "/api/practice/experts",
            Some(&p.own_admin),
            &json!({"email": "geen-adres", "display_name": "x"}),
        )
        .await;
    assert_eq!((invalid.status, invalid.code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_account"));
    assert!(werkscan_server::admin::find_user(app.db(), "baas@eigen.example").await.unwrap().is_none());

    // Deactivated: their session ends and they cannot log in; the list says so.
    let expert = p.fixture.expert_id.clone();
    let reply = app
        .json(Method::POST, &format!("/api/practice/experts/{expert}/deactivate"), Some(&p.own_admin), &json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert!(app.logged_out(Some(&p.fixture.expert)).await);
    assert_eq!(app.get("/api/expert/submissions", Some(&p.fixture.expert)).await.status, StatusCode::UNAUTHORIZED);
    let login =
        app.json(Method::POST, "/api/login", None, &json!({"email": "ad@test.example", "password": PASSWORD})).await;
    assert_eq!((login.status, login.code().as_str()), (StatusCode::UNAUTHORIZED, "invalid_credentials"));
    let listed = experts(&app, &p.own_admin).await;
    assert_eq!(listed.iter().find(|entry| entry["id"] == json!(expert)).unwrap()["active"], false);
    // Reactivated: they log in again.
    let reply = app
        .json(Method::POST, &format!("/api/practice/experts/{expert}/activate"), Some(&p.own_admin), &json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    let again = app.login("ad@test.example", PASSWORD).await;
    assert_eq!(app.get("/api/expert/submissions", Some(&again)).await.status, StatusCode::OK);
    // Every change is audited, by the practice admin (compared in the order of their names: the
    // two may fall in one second or in two).
    let by = p.own_admin_id.clone();
    let mut changes = audited(&app, &expert).await;
    changes.sort();
    assert_eq!(changes, [("activate_user".to_owned(), by.clone()), ("deactivate_user".to_owned(), by.clone())]);
    assert_eq!(audited(&app, &new_id).await[0], ("create_user".to_owned(), by.clone()));
    assert!(audited(&app, &new_id).await.contains(&("reset_password".to_owned(), by)));
}

async fn a_practice_admin_touches_no_other_account(app: TestApp) {
    let p = practices(&app).await;
    let (admin, admin_id) = platform_admin(&app).await;
    let before = app.count("audit_log", None).await;
    // Another practice's expert, an employer, the platform admin, another practice admin and
    // the practice admin themselves: "not found" to this practice admin, and untouched.
    let strangers = [&p.other_expert_id, &p.fixture.employer_id, &admin_id, &p.other_admin_id, &p.own_admin_id];
    for id in strangers {
        for step in ["deactivate", "activate", "password-link"] {
            let reply = app
                .json(Method::POST, &format!("/api/practice/experts/{id}/{step}"), Some(&p.own_admin), &json!({}))
                .await;
            assert_eq!((reply.status, reply.code().as_str()), (StatusCode::NOT_FOUND, "user_not_found"), "{step} {id}");
        }
    }
    // The other practice's admin cannot touch this practice's expert either.
    let expert = p.fixture.expert_id.clone();
    let reply = app
        .json(Method::POST, &format!("/api/practice/experts/{expert}/deactivate"), Some(&p.other_admin), &json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let active: Vec<i64> = sqlx::query_scalar("SELECT active FROM users").fetch_all(&app.db().pool).await.unwrap();
    assert!(active.iter().all(|flag| *flag == 1), "an account was deactivated");
    assert_eq!(app.count("audit_log", None).await, before, "a refused change was audited as done");
    assert_eq!(app.count("outbox", None).await, 0, "a link was sent to an account of someone else");
    assert_eq!(
        app.get("/api/expert/submissions", Some(&p.fixture.expert)).await.status,
        StatusCode::OK,
        "the expert's session ended"
    );
    // Nobody but a practice admin uses these routes: the employer, an expert, the platform admin.
    let body = json!({"email": "iemand@x.example", "display_name": "Iemand"});
    for (who, session) in [("employer", &p.fixture.employer), ("expert", &p.fixture.expert), ("admin", &admin)] {
        assert_eq!(app.get("/api/practice/experts", Some(session)).await.status, StatusCode::FORBIDDEN, "{who}");
        let reply = app.json(Method::POST, "/api/practice/experts", Some(session), &body).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"), "{who}");
        for step in ["deactivate", "activate", "password-link"] {
            let reply = app
                .json(Method::POST, &format!("/api/practice/experts/{expert}/{step}"), Some(session), &json!({}))
                .await;
            assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"), "{who} {step}");
        }
    }
    assert!(werkscan_server::admin::find_user(app.db(), "iemand@x.example").await.unwrap().is_none());
    // The other practice's admin lists only their own expert.
    let theirs = experts(&app, &p.other_admin).await;
    assert_eq!(theirs.iter().map(|expert| expert["id"].clone()).collect::<Vec<_>>(), [json!(p.other_expert_id)]);
    // Without a login: 401.
    assert_eq!(app.get("/api/practice/experts", None).await.status, StatusCode::UNAUTHORIZED);
}

/// Moves everything logged so far a minute back: the audit log counts in seconds, and the next
/// entry must be the newest.
async fn earlier(app: &TestApp) {
    sqlx::query("UPDATE audit_log SET at = at - 60").execute(&app.db().pool).await.unwrap();
}

/// A page of a trail as `session` reads it from `path`.
async fn trail(app: &TestApp, session: &Session, path: &str) -> Value {
    let reply = app.get(path, Some(session)).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text());
    reply.json()
}

/// What happens in the fixture's practice: a person shares everything with contact details, the
/// expert opens it and writes a note, the employer closes the campaign, the practice admin adds
/// an expert. Returns the submission's id and the secrets that must never show in a trail.
async fn activity(app: &TestApp, p: &Practices) -> (String, Vec<String>) {
    let mut upload = submission(&p.fixture, everything());
    upload.contact = Some(werkscan_core::Contact {
        name: "Uniekenaam Persoon".into(),
        email: Some("uniek@example.org".into()),
        ..contact()
    });
    let reply = app.upload(&upload).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let id = reply.json()["submission_id"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/api/expert/submissions/{id}"), Some(&p.fixture.expert)).await.status, StatusCode::OK);
    let note = app
        .json(
            Method::POST,
            &format!("/api/expert/submissions/{id}/notes"),
            Some(&p.fixture.expert),
            &json!({"body": "Geheime notitie 4711"}),
        )
        .await;
    assert!(note.status.is_success(), "{}", note.text());
    let campaign = p.fixture.campaign["id"].as_str().unwrap();
    let closed = app
        .json(Method::POST, &format!("/api/campaigns/{campaign}/close"), Some(&p.fixture.employer), &json!({}))
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    let created = app
        .json(
            Method::POST,
            "/api/practice/experts",
            Some(&p.own_admin),
            &json!({"email": "nieuw@eigen.example", "display_name": "Nieuwe AD"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let secrets = ["Geheime notitie", "Uniekenaam", "uniek@example.org", id.as_str(), "1234 5678"]
        .iter()
        .map(|secret| (*secret).to_owned())
        .collect();
    (id, secrets)
}

async fn a_practice_admin_reads_its_own_trail_without_content(app: TestApp) {
    let p = practices(&app).await;
    let (_, secrets) = activity(&app, &p).await;
    let page = trail(&app, &p.own_admin, "/api/practice/audit").await;
    let items = page["items"].as_array().unwrap().clone();
    assert_eq!(page["total"], json!(items.len()));
    let has = |action: &str, actor: &str| {
        items
            .iter()
            .find(|entry| entry["action"] == action && entry["actor"] == actor)
            .unwrap_or_else(|| panic!("no {action} by {actor}: {page}"))
            .clone()
    };
    // The expert's reads and notes, with the campaign's name; the employer's closing of the
    // practice's campaign; the practice admin's new account, with whom it concerned.
    let campaign_name = p.fixture.campaign["name"].clone();
    for action in ["read_submission", "add_note"] {
        assert_eq!(has(action, "ad@test.example name")["campaign_name"], campaign_name, "{action}");
    }
    assert_eq!(has("close_campaign", "hr@test.example name")["campaign_name"], campaign_name);
    assert_eq!(has("create_user", "beheer@eigen.example name")["subject"], "Nieuwe AD");
    // Only these fields: who, what, when, which campaign, whom; never content.
    for entry in &items {
        let mut keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["action", "actor", "at", "campaign_id", "campaign_name", "subject"]);
    }
    let text = page.to_string();
    for secret in &secrets {
        assert!(!text.contains(secret.as_str()), "the trail shows {secret}: {text}");
    }
    // Newest first, a page at a time.
    let times: Vec<String> = items.iter().map(|entry| entry["at"].as_str().unwrap().to_owned()).collect();
    assert!(times.windows(2).all(|pair| pair[0] >= pair[1]), "{times:?}");
    assert!(items.len() >= 4, "{page}");
    let first = trail(&app, &p.own_admin, "/api/practice/audit?limit=2").await;
    let second = trail(&app, &p.own_admin, "/api/practice/audit?limit=2&offset=2").await;
    let paged: Vec<Value> =
        first["items"].as_array().unwrap().iter().chain(second["items"].as_array().unwrap()).cloned().collect();
    assert_eq!(paged, items[..4]);
    assert_eq!(
        (first["total"].clone(), first["limit"].clone(), second["offset"].clone()),
        (page["total"].clone(), json!(2), json!(2))
    );
    let bad = app.get("/api/practice/audit?limit=many", Some(&p.own_admin)).await;
    assert_eq!((bad.status, bad.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_query"));
    // The other practice's admin sees none of it: their trail is their own.
    let theirs = trail(&app, &p.other_admin, "/api/practice/audit").await;
    assert_eq!((theirs["total"].clone(), theirs["items"].clone()), (json!(0), json!([])), "{theirs}");
    // Their own action shows in their trail, not in this one.
    let other_expert = p.other_expert_id.clone();
    let reply = app
        .json(
            Method::POST,
            &format!("/api/practice/experts/{other_expert}/deactivate"),
            Some(&p.other_admin),
            &json!({}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let theirs = trail(&app, &p.other_admin, "/api/practice/audit").await;
    assert_eq!(
        theirs["items"].as_array().unwrap().iter().map(|entry| entry["action"].clone()).collect::<Vec<_>>(),
        [json!("deactivate_user")]
    );
    assert_eq!(theirs["items"][0]["subject"], "ad@anders.example name");
    assert_eq!(trail(&app, &p.own_admin, "/api/practice/audit").await["total"], page["total"]);
    // A platform admin's change to the practice's accounts is the practice's business. (What was
    // logged so far moves a minute back, so that the change is the newest entry.)
    earlier(&app).await;
    let (admin, _) = platform_admin(&app).await;
    let reset = app
        .json(
            Method::POST,
            &format!("/api/admin/users/{}/reset-second-factor", p.fixture.expert_id),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT);
    let after = trail(&app, &p.own_admin, "/api/practice/audit?limit=1").await;
    assert_eq!(
        (after["items"][0]["action"].clone(), after["items"][0]["subject"].clone()),
        (json!("reset_second_factor"), json!("ad@test.example name"))
    );
    assert!(trail(&app, &p.other_admin, "/api/practice/audit").await.to_string().find("reset_second_factor").is_none());
}

async fn only_the_practice_admin_and_the_platform_admin_read_a_trail(app: TestApp) {
    let p = practices(&app).await;
    activity(&app, &p).await;
    let (admin, _) = platform_admin(&app).await;
    // The employer, an expert and the platform admin have no "own practice" trail.
    for (who, session) in [("employer", &p.fixture.employer), ("expert", &p.fixture.expert), ("admin", &admin)] {
        let reply = app.get("/api/practice/audit", Some(session)).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"), "{who}");
    }
    assert_eq!(app.get("/api/practice/audit", None).await.status, StatusCode::UNAUTHORIZED);
    // The platform admin reads any practice's trail: the same as its practice admin reads.
    let own = trail(&app, &p.own_admin, "/api/practice/audit").await;
    let by_admin = trail(&app, &admin, &format!("/api/admin/practices/{}/audit", p.practice)).await;
    assert_eq!(by_admin, own);
    let other = trail(&app, &admin, &format!("/api/admin/practices/{}/audit", p.other)).await;
    assert_eq!(other["total"], 0, "{other}");
    let missing = app.get("/api/admin/practices/nope/audit", Some(&admin)).await;
    assert_eq!((missing.status, missing.code().as_str()), (StatusCode::NOT_FOUND, "practice_not_found"));
    // Nobody else reads it there: not the practice admins (their own included), nor the others.
    let path = format!("/api/admin/practices/{}/audit", p.practice);
    for (who, session) in [
        ("own practice admin", &p.own_admin),
        ("other practice admin", &p.other_admin),
        ("employer", &p.fixture.employer),
        ("expert", &p.fixture.expert),
    ] {
        let reply = app.get(&path, Some(session)).await;
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, "forbidden"), "{who}");
    }
}

async fn the_console_reads_the_practice_admins_answers(app: TestApp) {
    use werkscan_api::admin::LinkSent;
    use werkscan_api::practices::{NewExpert, PracticeExpert, Trail};
    let p = practices(&app).await;
    activity(&app, &p).await;
    let list: Vec<PracticeExpert> = app.get("/api/practice/experts", Some(&p.own_admin)).await.reads_as();
    assert!(list.iter().any(|expert| expert.id == p.fixture.expert_id && expert.active && expert.campaigns.len() == 1));
    // What the console sends for a new expert is what the server takes.
    earlier(&app).await;
    let body = NewExpert { email: "console@eigen.example".into(), display_name: "Console AD".into() };
    let reply = app
        .json(Method::POST, "/api/practice/experts", Some(&p.own_admin), &serde_json::to_value(&body).unwrap())
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let sent: LinkSent = reply.reads_as();
    assert_eq!(sent.link_sent_to, "console@eigen.example");
    let page: Trail = app.get("/api/practice/audit?limit=3", Some(&p.own_admin)).await.reads_as();
    assert_eq!(page.items.len(), 3);
    assert_eq!(page.items[0].action, "create_user");
    assert_eq!(page.items[0].subject.as_deref(), Some("Console AD"));
    let by_admin: Trail = {
        let (admin, _) = platform_admin(&app).await;
        app.get(&format!("/api/admin/practices/{}/audit", p.practice), Some(&admin)).await.reads_as()
    };
    assert!(by_admin.items.iter().any(|entry| entry.campaign_name.is_some()));
}
