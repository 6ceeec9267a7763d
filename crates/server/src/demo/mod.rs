//! The demo: "Zorggroep De Linde" with its accounts, campaigns and published group figures over
//! made-up people (`seed-demo`, `serve --seed-demo`). Part of the binary, not of the library:
//! a server in production never carries it. The tests and the benchmarks compile these same
//! files (`#[path]`), the tests also run the binary's `seed-demo` itself.

pub mod synthetic;

use chrono::NaiveDate;
use werkscan_server::accounts::auth::{PasswordCost, Role};
use werkscan_server::admin::{create_org, create_user, find_org, find_user, generate_password, link_expert, NewUser};
use werkscan_server::campaigns::routes::{DEFAULT_MIN_GROUP_SIZE, DEFAULT_RETENTION_DAYS};
use werkscan_server::db::Db;
use werkscan_server::db::{insert_rows, Arg};
use werkscan_server::definitions::{hash_of, Definitions};
use werkscan_server::models::campaign::{insert, CampaignRows};
use werkscan_server::util::{new_id, now, today};

/// A demo campaign already there: what seeding again checks and reopens.
#[derive(Debug, sqlx::FromRow)]
struct ExistingCampaignRow {
    /// Its id.
    id: String,
    /// Its last day (YYYY-MM-DD): a campaign no longer open gets new dates.
    ends_on: String,
}

/// The demo organisation's name.
pub const DEMO_ORG: &str = "Zorggroep De Linde";

/// Demo departments.
pub const DEMO_DEPARTMENTS: [&str; 5] =
    ["Verpleging", "Thuiszorg", "Facilitair", "Administratie", "Keuken en restaurant"];

/// Demo accounts: (role, e-mail, name, password). Known passwords: this is a demo.
pub const DEMO_USERS: [(Role, &str, &str, &str); 5] = [
    (Role::Employer, "werkgever@delinde.example", "Petra de Vries (HR)", "demo-werkgever"),
    // A name only: every text that names an expert says "de arbeidsdeskundige" itself, and a
    // role in the name made it "de arbeidsdeskundige: Karim Bouzid (arbeidsdeskundige)".
    (Role::Expert, "ad@delinde.example", "Karim Bouzid", "demo-arbeidsdeskundige"),
    (Role::Admin, "admin@werkscan.example", "Platformbeheer", "demo-beheerder"),
    (
        Role::PracticeAdmin,
        "beheer@arbopraktijkvandijk.example",
        "Anouk van Dijk (praktijkbeheer)",
        "demo-praktijkbeheer",
    ),
    // Writes and publishes questionnaire versions; an author of the demo practice.
    (Role::DefinitionAuthor, "auteur@arbopraktijkvandijk.example", "Sanne Jansen", "demo-auteur"),
];

/// The demo practice's id: found by its name, created (or its details brought up to date) here.
pub async fn demo_practice(db: &Db) -> Result<String, String> {
    let sql = |error: sqlx::Error| error.to_string();
    let details = werkscan_server::practices::routes::PracticeDetails {
        name: DEMO_PRACTICE.into(),
        contact: DEMO_PRACTICE_CONTACT.into(),
        privacy_officer: Some(werkscan_server::models::campaign::Party {
            name: DEMO_PRIVACY_OFFICER.0.into(),
            contact: Some(DEMO_PRIVACY_OFFICER.1.into()),
        }),
        website: Some(DEMO_PRACTICE_WEBSITE.into()),
    };
    let existing: Option<String> =
        sqlx::query_scalar("SELECT id FROM practices WHERE name = $1 ORDER BY created_at LIMIT 1")
            .bind(DEMO_PRACTICE)
            .fetch_optional(&db.pool)
            .await
            .map_err(sql)?;
    match existing {
        Some(id) => {
            werkscan_server::practices::routes::update_practice(db, &id, &details).await.map_err(sql)?;
            Ok(id)
        }
        None => werkscan_server::practices::routes::create_practice(db, &details).await.map_err(sql),
    }
}

/// The demo practice: the arbodienst that runs the demo campaigns and is responsible for what
/// is shared with its arbeidsdeskundige (not the employer).
pub const DEMO_PRACTICE: &str = "Arbopraktijk Van Dijk";

/// How to reach the demo practice about what was shared.
pub const DEMO_PRACTICE_CONTACT: &str = "privacy@arbopraktijkvandijk.example of 030 765 43 21";

/// The demo practice's data protection officer, and how to reach them.
pub const DEMO_PRIVACY_OFFICER: (&str, &str) = ("Marieke Smit", "fg@arbopraktijkvandijk.example");

/// The demo practice's website.
pub const DEMO_PRACTICE_WEBSITE: &str = "https://arbopraktijkvandijk.example";

/// Demo campaigns: (code, name, questionnaire id).
pub const DEMO_CAMPAIGNS: [(&str, &str, &str); 2] = [
    ("DEMO-WERKSCAN", "Werkscan 2026 — risicogroepen", "werkscan"),
    ("DEMO-SNEL", "Quickscan voor alle medewerkers", "quickscan"),
];

/// The demo expert's hours, unless they set their own: weekdays 09:00–12:30 and 13:15–17:00 in
/// Amsterdam, 45-minute conversations by phone, video or at the office.
async fn demo_availability(db: &Db, expert: &str) -> Result<(), sqlx::Error> {
    let weekly: Vec<serde_json::Value> = ["Mon", "Tue", "Wed", "Thu", "Fri"]
        .iter()
        .flat_map(|day| {
            [
                serde_json::json!({"weekday": day, "start": "09:00:00", "end": "12:30:00"}),
                serde_json::json!({"weekday": day, "start": "13:15:00", "end": "17:00:00"}),
            ]
        })
        .collect();
    let schedule = serde_json::json!({"time_zone": "Europe/Amsterdam", "weekly": weekly, "slot_minutes": 45, "buffer_minutes": 15});
    let kinds = serde_json::json!([
        {"kind": "telefoon"},
        {"kind": "video", "detail": "https://meet.example.org/delinde-ad"},
        {"kind": "locatie", "detail": "Arbodienst De Linde, Stationsplein 1, Utrecht"},
    ]);
    sqlx::query("INSERT INTO expert_schedules (user_id, schedule, kinds, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO NOTHING")
        .bind(expert)
        .bind(schedule.to_string())
        .bind(kinds.to_string())
        .bind(now())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// What the demo seed set up, for printing.
#[derive(Debug, Default)]
pub struct SeedReport {
    /// Lines to print.
    pub lines: Vec<String>,
}

/// Sets up (or brings up to date) the demo: organisation, departments, accounts, and two open
/// campaigns with known codes. Idempotent: running it again keeps what exists, reopens the
/// campaigns if their dates have passed, and moves them to the currently loaded questionnaire
/// versions. The caller has recorded `definitions` in the database (as `serve` does at start).
pub async fn seed_demo(
    db: &Db,
    definitions: &Definitions,
    cost: PasswordCost,
    base_url: &str,
) -> Result<SeedReport, String> {
    let sql = |error: sqlx::Error| error.to_string();
    let mut report = SeedReport::default();
    let org_id = match find_org(db, DEMO_ORG).await.map_err(sql)? {
        Some(id) => id,
        None => create_org(db, DEMO_ORG).await?,
    };
    let practice = demo_practice(db).await?;
    werkscan_server::practices::routes::link_organisation(db, &practice, &org_id).await.map_err(sql)?;
    let mut user_ids = Vec::new();
    for (role, email, name, password) in DEMO_USERS {
        let existing: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&db.pool)
            .await
            .map_err(sql)?;
        let id = match existing {
            Some(id) => {
                // The demo's names as they are now (the expert's once carried a role).
                sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
                    .bind(name)
                    .bind(&id)
                    .execute(&db.pool)
                    .await
                    .map_err(sql)?;
                if role == Role::Expert {
                    link_expert(db, &org_id, &id).await?;
                }
                if matches!(role, Role::Expert | Role::PracticeAdmin) {
                    werkscan_server::practices::routes::set_member(db, &practice, &id).await?;
                }
                id
            }
            None => {
                let org_id = matches!(role, Role::Employer | Role::Expert).then(|| org_id.clone());
                let practice_id = matches!(role, Role::Expert | Role::PracticeAdmin | Role::DefinitionAuthor)
                    .then(|| practice.clone());
                let user = NewUser {
                    org_id,
                    practice_id,
                    role,
                    email: email.into(),
                    display_name: name.into(),
                    password: password.into(),
                };
                create_user(db, user, cost).await?
            }
        };
        report.lines.push(format!("login {:<14} {email} / {password}", role.as_str()));
        user_ids.push((role, id));
    }
    report.lines.push(format!(
        "console   {base_url}/beheer/  (the expert, the admins and the author set up a second factor at their first login: an authenticator app, or the secret shown)"
    ));
    let employer =
        user_ids.iter().find(|(role, _)| *role == Role::Employer).map(|(_, id)| id.clone()).expect("demo employer");
    let expert =
        user_ids.iter().find(|(role, _)| *role == Role::Expert).map(|(_, id)| id.clone()).expect("demo expert");
    demo_availability(db, &expert).await.map_err(sql)?;
    let starts_on = today() - chrono::Days::new(7);
    let ends_on = today() + chrono::Days::new(365);
    for (code, name, questionnaire) in DEMO_CAMPAIGNS {
        let Some(definition) = definitions.loaded_version(questionnaire) else {
            report.lines.push(format!("skipped campaign {code}: questionnaire {questionnaire:?} is not loaded"));
            continue;
        };
        let existing =
            sqlx::query_as::<_, ExistingCampaignRow>("SELECT id, starts_on, ends_on FROM campaigns WHERE code = $1")
                .bind(code)
                .fetch_optional(&db.pool)
                .await
                .map_err(sql)?;
        match existing {
            Some(row) => {
                let ExistingCampaignRow { id, ends_on: open_until } = row;
                let still_open = NaiveDate::parse_from_str(&open_until, "%Y-%m-%d").is_ok_and(|end| end >= today());
                if !still_open {
                    sqlx::query("UPDATE campaigns SET starts_on = $1, ends_on = $2 WHERE id = $3")
                        .bind(starts_on.to_string())
                        .bind(ends_on.to_string())
                        .bind(&id)
                        .execute(&db.pool)
                        .await
                        .map_err(sql)?;
                }
                sqlx::query(
                    "UPDATE campaigns SET definition_version = $1, content_hash = $2, practice_id = $3 WHERE id = $4",
                )
                .bind(&definition.questionnaire.version)
                .bind(hash_of(&definition))
                .bind(&practice)
                .bind(&id)
                .execute(&db.pool)
                .await
                .map_err(sql)?;
            }
            None => {
                let id = new_id();
                let rows = CampaignRows {
                    id: &id,
                    org_id: &org_id,
                    code,
                    name,
                    definition: &definition,
                    starts_on,
                    ends_on,
                    min_group_size: DEFAULT_MIN_GROUP_SIZE,
                    retention_days: DEFAULT_RETENTION_DAYS,
                    created_by: &employer,
                    departments: DEMO_DEPARTMENTS.iter().map(|name| (*name, None)).collect(),
                    experts: vec![expert.as_str()],
                    practice_id: &practice,
                    // The demo's running campaigns open with their link alone, so the scan can be
                    // tried at once; the closed ones show figures per department from a roster.
                    mode: werkscan_server::models::invitation::Mode::Open,
                };
                let mut tx = db.begin().await.map_err(sql)?;
                insert(&mut tx, &rows).await.map_err(sql)?;
                tx.commit().await.map_err(sql)?;
            }
        }
        report.lines.push(format!(
            "campaign  {code:<14} {base_url}/c/{code}  ({name}; {questionnaire} {})",
            definition.questionnaire.version
        ));
    }
    // Closed campaigns with synthetic uploads and published group figures, one a year earlier
    // for the trend, and two other organisations for the norm.
    for (code, name, start, end, people, headcounts, mood) in DEMO_CLOSED {
        let departments: Vec<(&str, Option<i64>, u64)> = DEMO_DEPARTMENTS
            .iter()
            .zip(headcounts)
            .zip(people)
            .map(|((name, headcount), count)| (*name, Some(headcount), count))
            .collect();
        demo_closed_campaign(
            db,
            definitions,
            &org_id,
            &practice,
            code,
            name,
            (start, end),
            &departments,
            people[5],
            mood,
            &employer,
            &expert,
        )
        .await?;
        report.lines.push(format!("closed    {code:<14} group figures published (synthetic uploads)"));
    }
    demo_actions(db, "DEMO-VORIG", &employer).await.map_err(sql)?;
    for (org_name, code, departments, mood) in DEMO_OTHERS {
        let org = match find_org(db, org_name).await.map_err(sql)? {
            Some(id) => id,
            None => create_org(db, org_name).await?,
        };
        werkscan_server::practices::routes::link_organisation(db, &practice, &org).await.map_err(sql)?;
        let email = format!("ad@{}.example", code.to_lowercase());
        let publisher = match find_user(db, &email).await.map_err(sql)? {
            Some(id) => id,
            // An account only to publish the other organisation's figures; nobody logs in with it.
            None => {
                let user = NewUser {
                    org_id: Some(org.clone()),
                    practice_id: Some(practice.clone()),
                    role: Role::Expert,
                    email,
                    display_name: format!("Arbeidsdeskundige {org_name}"),
                    password: generate_password(),
                };
                create_user(db, user, cost).await?
            }
        };
        let departments: Vec<(&str, Option<i64>, u64)> =
            departments.iter().map(|(name, count)| (*name, None, *count)).collect();
        demo_closed_campaign(
            db,
            definitions,
            &org,
            &practice,
            code,
            "Demo: Werkscan (voorbeeldgegevens)",
            (-60, -30),
            &departments,
            2,
            mood,
            &publisher,
            &publisher,
        )
        .await?;
    }
    Ok(report)
}

/// Writes a campaign directly, with the default minimum group size and a retention of two years
/// (the demo's and the benchmark's way; the API checks every field first). `practice_id` runs it.
/// With personal invitations, the roster is taken as approved and is synthetic: a letter for
/// each of the departments' headcount (see [`synthetic_roster`]).
#[allow(clippy::too_many_arguments)]
pub async fn insert_campaign(
    db: &Db,
    id: &str,
    org_id: &str,
    practice_id: &str,
    code: &str,
    name: &str,
    definition: &werkscan_core::Definition,
    dates: (NaiveDate, NaiveDate),
    departments: &[(&str, Option<i64>)],
    created_by: &str,
    expert: &str,
    mode: werkscan_server::models::invitation::Mode,
) -> Result<(), String> {
    let rows = CampaignRows {
        id,
        org_id,
        code,
        name,
        definition,
        starts_on: dates.0,
        ends_on: dates.1,
        min_group_size: DEFAULT_MIN_GROUP_SIZE,
        // Long enough that synthetic uploads outlive a year of demos.
        retention_days: 730,
        created_by,
        departments: departments.to_vec(),
        experts: vec![expert],
        practice_id,
        mode,
    };
    let mut tx = db.begin().await.map_err(|error| error.to_string())?;
    insert(&mut tx, &rows).await.map_err(|error| error.to_string())?;
    tx.commit().await.map_err(|error| error.to_string())?;
    if mode == werkscan_server::models::invitation::Mode::Personal {
        synthetic_roster(db, id).await.map_err(|error| error.to_string())?;
    }
    Ok(())
}

/// Writes [`DEMO_ACTIONS`] into the plan of the campaign with this code, unless it has a plan.
async fn demo_actions(db: &Db, code: &str, employer: &str) -> Result<(), sqlx::Error> {
    let Some(campaign) = sqlx::query_scalar::<_, String>("SELECT id FROM campaigns WHERE code = $1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await?
    else {
        return Ok(());
    };
    let planned: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM plan_actions WHERE campaign_id = $1")
        .bind(&campaign)
        .fetch_one(&db.pool)
        .await?;
    if planned > 0 {
        return Ok(());
    }
    for (index, (score, action, owner, days, done)) in DEMO_ACTIONS.iter().enumerate() {
        let due = today().checked_add_signed(chrono::Duration::days(*days)).unwrap_or_else(today);
        sqlx::query(
            "INSERT INTO plan_actions (id, campaign_id, score, action, owner, due_on, done, position, carried_from, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $10, NULL, $8, $9, $9)",
        )
        .bind(new_id())
        .bind(&campaign)
        .bind(*score)
        .bind(*action)
        .bind(*owner)
        .bind(due.to_string())
        .bind(i64::from(*done))
        .bind(employer)
        .bind(now() - 400 * 86_400)
        // In the order listed.
        .bind(index as i64 + 1)
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

/// Creates a closed demo campaign with synthetic uploads and publishes its release, unless a
/// campaign with this code exists (then only a release still waiting is published).
#[allow(clippy::too_many_arguments)]
async fn demo_closed_campaign(
    db: &Db,
    definitions: &Definitions,
    org_id: &str,
    practice_id: &str,
    code: &str,
    name: &str,
    days: (i64, i64),
    departments: &[(&str, Option<i64>, u64)],
    unnamed: u64,
    mood: f64,
    employer: &str,
    expert: &str,
) -> Result<(), String> {
    let sql = |error: sqlx::Error| error.to_string();
    let Some(definition) = definitions.loaded_version("werkscan") else { return Ok(()) };
    let existing: Option<String> = sqlx::query_scalar("SELECT id FROM campaigns WHERE code = $1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await
        .map_err(sql)?;
    let id = match existing {
        Some(id) => id,
        None => {
            let id = new_id();
            let day = |offset: i64| today().checked_add_signed(chrono::Duration::days(offset)).unwrap_or_else(today);
            let names: Vec<(&str, Option<i64>)> =
                departments.iter().map(|(name, headcount, _)| (*name, *headcount)).collect();
            // Headcounts for the roster: where the demo gives none, a fifth more than took part
            // (a department in which everyone took part is hidden, `figures::nobody_all_in`).
            let names: Vec<(&str, Option<i64>)> = departments
                .iter()
                .zip(&names)
                .map(|((_, _, people), (name, headcount))| {
                    let people = *people as i64;
                    (*name, Some(headcount.unwrap_or(people + people / 5 + 1).max(people + 1)))
                })
                .collect();
            insert_campaign(
                db,
                &id,
                org_id,
                practice_id,
                code,
                name,
                &definition,
                (day(days.0), day(days.1)),
                &names,
                employer,
                expert,
                werkscan_server::models::invitation::Mode::Personal,
            )
            .await?;
            let campaign = werkscan_server::models::campaign::by_id_in(db, &id)
                .await
                .map_err(|error| error.message)?
                .ok_or("demo campaign vanished")?;
            let mut dice = synthetic::Dice::new(
                code.bytes().fold(7u64, |seed, byte| seed.wrapping_mul(31).wrapping_add(u64::from(byte))),
            );
            let start = campaign.starts_on.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
            let seconds = (campaign.ends_on - campaign.starts_on).num_seconds().max(1) as u64;
            let groups =
                departments.iter().map(|(name, _, count)| (Some((*name).to_owned()), *count)).chain([(None, unnamed)]);
            let mut people = Vec::new();
            for (index, (department, count)) in groups.enumerate() {
                // Each department a little different, so the figures have something to say.
                let lean = (mood + (index as f64 - 2.0) * 0.06).clamp(0.1, 0.9);
                for _ in 0..count {
                    people.push(synthetic::Person {
                        department: department.clone(),
                        mood: (lean + (dice.roll(21) as f64 - 10.0) / 40.0).clamp(0.0, 1.0),
                        created_at: start + dice.roll(seconds) as i64,
                        origin: dice.roll(65_536) as i64,
                        seed: dice.roll(u64::MAX),
                    });
                }
            }
            synthetic::add(db, &definition, &campaign, &people).await?;
            id
        }
    };
    werkscan_server::releases::routes::compute_and_publish(db, definitions, &id, expert)
        .await
        .map_err(|error| error.message)?;
    Ok(())
}

/// A roster for a campaign written directly (the demo's closed campaigns and the benchmarks):
/// approved, with one letter per person of each department's headcount and no address. The
/// synthetic uploads that go with it use no invitation, so all are left unused.
pub async fn synthetic_roster(db: &werkscan_server::db::Db, campaign_id: &str) -> Result<(), sqlx::Error> {
    let departments = werkscan_server::models::campaign::department_list_in(db, campaign_id)
        .await
        .map_err(|error| sqlx::Error::Protocol(error.message))?;
    let mut write = db.begin_write().await?;
    let outcome = async {
        sqlx::query("UPDATE campaigns SET roster_state = 'approved' WHERE id = $1")
            .bind(campaign_id)
            .execute(&mut *write.tx)
            .await?;
        let rows = departments
            .iter()
            .flat_map(|department| {
                (0..department.headcount.unwrap_or(0)).map(|_| {
                    vec![
                        Arg::Text(new_id()),
                        Arg::Text(campaign_id.to_owned()),
                        Arg::Text(department.name.clone()),
                        Arg::Int(1),
                    ]
                })
            })
            .collect();
        insert_rows(
            &mut write.tx,
            db.backend,
            "INSERT INTO invitations (id, campaign_id, department, letter) VALUES ",
            "",
            4,
            rows,
        )
        .await
    }
    .await;
    write.finish(outcome).await
}

/// Closed demo campaigns with synthetic group-figure uploads and a published release:
/// (code, name, days from today to the first and last day, people per department in the order
/// of [`DEMO_DEPARTMENTS`] then without a department, the departments' headcounts, mood).
#[allow(clippy::type_complexity)]
const DEMO_CLOSED: [(&str, &str, i64, i64, [u64; 6], [i64; 5], f64); 2] = [
    (
        "DEMO-VORIG",
        "Demo: Werkscan vorig jaar (voorbeeldgegevens)",
        -430,
        -400,
        [33, 25, 11, 9, 6, 5],
        [45, 40, 20, 12, 15],
        0.45,
    ),
    (
        "DEMO-AFGEROND",
        "Demo: Werkscan najaar (voorbeeldgegevens)",
        -40,
        -10,
        [38, 27, 14, 8, 4, 6],
        [45, 40, 20, 12, 15],
        0.55,
    ),
];

/// Other demo organisations, so the norm over organisations has something to show: (name,
/// campaign code, departments with their people, mood).
/// Five, of about the same size: a norm needs five other organisations, none more than a
/// quarter of its respondents (`figures::NORM_MIN_ORGANISATIONS`, `NORM_MAX_SHARE`).
#[allow(clippy::type_complexity)]
const DEMO_OTHERS: [(&str, &str, [(&str, u64); 2], f64); 5] = [
    ("Demo: Bouwbedrijf Noord", "DEMO-NOORD", [("Uitvoering", 28), ("Kantoor", 14)], 0.5),
    ("Demo: Gemeente Oost", "DEMO-OOST", [("Publiekszaken", 21), ("Beleid", 17)], 0.6),
    ("Demo: Zorggroep West", "DEMO-WEST", [("Verpleging", 24), ("Ondersteuning", 14)], 0.45),
    ("Demo: Logistiek Zuid", "DEMO-ZUID", [("Magazijn", 22), ("Planning", 13)], 0.55),
    ("Demo: Scholengroep Midden", "DEMO-MIDDEN", [("Docenten", 25), ("Staf", 15)], 0.5),
];

/// The action plan the demo's employer made after last year's campaign: one action done, one
/// still open, so this year's dashboard shows what was done beside the trend: (theme score id,
/// action, owner, days from today to the date, done).
const DEMO_ACTIONS: [(&str, &str, &str, i64, bool); 2] = [
    ("arbeidssituatie", "Werkdruk bespreken in elk werkoverleg, met één vast agendapunt", "Teamleiders", -300, true),
    ("werk_prive", "Afspraken maken over bereikbaarheid buiten werktijd", "HR", -200, false),
];
