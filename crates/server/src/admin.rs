//! Administration used by the command line (and by tests): organisations, accounts, and the
//! demo seed.

use chrono::NaiveDate;
use sqlx::Row;

use crate::auth::{hash_password, PasswordCost, Role};
use crate::campaigns::{insert, CampaignRows, DEFAULT_MIN_GROUP_SIZE, DEFAULT_RETENTION_DAYS};
use crate::db::Db;
use crate::definitions::{hash_of, Definitions};
use crate::util::{new_id, new_token, now, today};

/// Creates an organisation; returns its id. Fails if the name is taken.
pub async fn create_org(db: &Db, name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("an organisation needs a name".into());
    }
    let id = new_id();
    sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(&id)
        .bind(name)
        .bind(now())
        .execute(&db.pool)
        .await
        .map_err(|error| format!("cannot create organisation {name:?}: {error}"))?;
    Ok(id)
}

/// The id of the organisation with this id or name.
pub async fn find_org(db: &Db, id_or_name: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM organisations WHERE id = $1 OR name = $1")
        .bind(id_or_name.trim())
        .fetch_optional(&db.pool)
        .await
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Organisation id (required for employers).
    pub org_id: Option<String>,
    /// Role.
    pub role: Role,
    /// Login e-mail.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// Password (at least 10 characters).
    pub password: String,
}

/// Creates an account; returns its id.
pub async fn create_user(db: &Db, user: NewUser, cost: PasswordCost) -> Result<String, String> {
    let email = user.email.trim().to_lowercase();
    if !email.contains('@') {
        return Err(format!("{email:?} is not an e-mail address"));
    }
    if user.password.chars().count() < 10 {
        return Err("the password must have at least 10 characters".into());
    }
    if user.role == Role::Employer && user.org_id.is_none() {
        return Err("an employer account belongs to an organisation (--org)".into());
    }
    let id = new_id();
    let password = user.password;
    let hash = tokio::task::spawn_blocking(move || hash_password(&password, cost)).await.map_err(|error| error.to_string())?;
    let display_name = if user.display_name.trim().is_empty() { email.clone() } else { user.display_name.trim().to_owned() };
    sqlx::query(
        "INSERT INTO users (id, org_id, role, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(user.org_id.clone())
    .bind(user.role.as_str())
    .bind(&email)
    .bind(display_name)
    .bind(hash)
    .bind(now())
    .execute(&db.pool)
    .await
    .map_err(|error| format!("cannot create account {email}: {error}"))?;
    if let (Role::Expert, Some(org_id)) = (user.role, user.org_id.as_deref()) {
        link_expert(db, org_id, &id).await?;
    }
    Ok(id)
}

/// Links an arbeidsdeskundige to an organisation, so that its campaigns can name them. Linking
/// twice is harmless.
pub async fn link_expert(db: &Db, org_id: &str, user_id: &str) -> Result<(), String> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await
        .map_err(|error| error.to_string())?;
    if role.as_deref() != Some(Role::Expert.as_str()) {
        return Err("only arbeidsdeskundige (expert) accounts can be linked to an organisation".into());
    }
    sqlx::query("INSERT INTO organisation_experts (org_id, user_id, linked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(org_id)
        .bind(user_id)
        .bind(now())
        .execute(&db.pool)
        .await
        .map_err(|error| format!("cannot link the expert: {error}"))?;
    Ok(())
}

/// The id of the account with this e-mail address (case does not matter).
pub async fn find_user(db: &Db, email: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1").bind(email.trim().to_lowercase()).fetch_optional(&db.pool).await
}

/// A readable random password (for `create-user` without `--password-stdin`).
pub fn generate_password() -> String {
    // 20 hex characters = 80 bits; grouped for reading aloud.
    let token = new_token();
    format!("{}-{}-{}-{}", &token[0..5], &token[5..10], &token[10..15], &token[15..20])
}

/// The demo organisation's name.
pub const DEMO_ORG: &str = "Zorggroep De Linde";
/// Demo departments.
pub const DEMO_DEPARTMENTS: [&str; 5] = ["Verpleging", "Thuiszorg", "Facilitair", "Administratie", "Keuken en restaurant"];
/// Demo accounts: (role, e-mail, name, password). Known passwords: this is a demo.
pub const DEMO_USERS: [(Role, &str, &str, &str); 3] = [
    (Role::Employer, "werkgever@delinde.example", "Petra de Vries (HR)", "demo-werkgever"),
    (Role::Expert, "ad@delinde.example", "Karim Bouzid (arbeidsdeskundige)", "demo-arbeidsdeskundige"),
    (Role::Admin, "admin@werkscan.example", "Platformbeheer", "demo-beheerder"),
];
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
pub async fn seed_demo(db: &Db, definitions: &Definitions, cost: PasswordCost, base_url: &str) -> Result<SeedReport, String> {
    let sql = |error: sqlx::Error| error.to_string();
    let mut report = SeedReport::default();
    let org_id = match find_org(db, DEMO_ORG).await.map_err(sql)? {
        Some(id) => id,
        None => create_org(db, DEMO_ORG).await?,
    };
    let mut user_ids = Vec::new();
    for (role, email, name, password) in DEMO_USERS {
        let existing: Option<String> =
            sqlx::query_scalar("SELECT id FROM users WHERE email = $1").bind(email).fetch_optional(&db.pool).await.map_err(sql)?;
        let id = match existing {
            Some(id) => {
                if role == Role::Expert {
                    link_expert(db, &org_id, &id).await?;
                }
                id
            }
            None => {
                let org_id = (role != Role::Admin).then(|| org_id.clone());
                let user = NewUser { org_id, role, email: email.into(), display_name: name.into(), password: password.into() };
                create_user(db, user, cost).await?
            }
        };
        report.lines.push(format!("login {:<9} {email} / {password}", role.as_str()));
        user_ids.push((role, id));
    }
    let employer = user_ids.iter().find(|(role, _)| *role == Role::Employer).map(|(_, id)| id.clone()).expect("demo employer");
    let expert = user_ids.iter().find(|(role, _)| *role == Role::Expert).map(|(_, id)| id.clone()).expect("demo expert");
    demo_availability(db, &expert).await.map_err(sql)?;
    let starts_on = today() - chrono::Days::new(7);
    let ends_on = today() + chrono::Days::new(365);
    for (code, name, questionnaire) in DEMO_CAMPAIGNS {
        let Some(definition) = definitions.current(questionnaire) else {
            report.lines.push(format!("skipped campaign {code}: questionnaire {questionnaire:?} is not loaded"));
            continue;
        };
        let existing = sqlx::query("SELECT id, starts_on, ends_on FROM campaigns WHERE code = $1")
            .bind(code)
            .fetch_optional(&db.pool)
            .await
            .map_err(sql)?;
        match existing {
            Some(row) => {
                let id: String = row.try_get("id").map_err(sql)?;
                let open_until: String = row.try_get("ends_on").map_err(sql)?;
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
                sqlx::query("UPDATE campaigns SET definition_version = $1, content_hash = $2 WHERE id = $3")
                    .bind(&definition.questionnaire.version)
                    .bind(hash_of(&definition))
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
                    departments: DEMO_DEPARTMENTS.to_vec(),
                    experts: vec![expert.as_str()],
                };
                let mut tx = db.begin().await.map_err(sql)?;
                insert(&mut tx, &rows).await.map_err(sql)?;
                tx.commit().await.map_err(sql)?;
            }
        }
        report.lines.push(format!("campaign  {code:<14} {base_url}/c/{code}  ({name}; {questionnaire} {})", definition.questionnaire.version));
    }
    Ok(report)
}
