//! Administration used by the command line (and by tests): organisations, accounts, and the
//! demo seed.

use chrono::NaiveDate;
use sqlx::Row;

use crate::accounts::auth::{hash_password, PasswordCost, Role};
use crate::campaigns::routes::{DEFAULT_MIN_GROUP_SIZE, DEFAULT_RETENTION_DAYS};
use crate::db::Db;
use crate::definitions::{hash_of, Definitions};
use crate::models::campaign::{insert, CampaignRows};
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
    /// The practice an arbeidsdeskundige or practice admin belongs to (required for practice
    /// admins; an expert without one receives nothing until the admin puts them in one).
    pub practice_id: Option<String>,
    /// Role.
    pub role: Role,
    /// Login e-mail.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// Password (at least 10 characters).
    pub password: String,
}

/// Creates an account; returns its id. Refuses an e-mail address without `@`, a password under
/// 10 characters, an employer without an organisation and an empty (or blank) name.
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
    if user.role == Role::PracticeAdmin && user.practice_id.is_none() {
        return Err("a practice admin account belongs to a practice (--practice)".into());
    }
    if user.practice_id.is_some() && !matches!(user.role, Role::Expert | Role::PracticeAdmin) {
        return Err("only arbeidsdeskundigen and practice admins belong to a practice".into());
    }
    if let Some(practice) = user.practice_id.as_deref() {
        let found = crate::practices::routes::practice_ref(db, practice).await.map_err(|error| error.to_string())?;
        if found.is_none() {
            return Err(format!("no practice {practice:?}"));
        }
    }
    // The name is what people see in the consent text and the expert lists: a blank one would
    // show there as nothing at all.
    let display_name = user.display_name.trim().to_owned();
    if display_name.is_empty() {
        return Err("the name shown to others is empty: give the person's name".into());
    }
    let id = new_id();
    let password = user.password;
    let hash =
        tokio::task::spawn_blocking(move || hash_password(&password, cost)).await.map_err(|error| error.to_string())?;
    sqlx::query(
        "INSERT INTO users (id, org_id, practice_id, role, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(user.org_id.clone())
    .bind(user.practice_id.clone())
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
    sqlx::query(
        "INSERT INTO organisation_experts (org_id, user_id, linked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
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
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.trim().to_lowercase())
        .fetch_optional(&db.pool)
        .await
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
pub const DEMO_DEPARTMENTS: [&str; 5] =
    ["Verpleging", "Thuiszorg", "Facilitair", "Administratie", "Keuken en restaurant"];
/// Demo accounts: (role, e-mail, name, password). Known passwords: this is a demo.
pub const DEMO_USERS: [(Role, &str, &str, &str); 4] = [
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
];

/// The demo practice's id: found by its name, created (or its details brought up to date) here.
pub async fn demo_practice(db: &Db) -> Result<String, String> {
    let sql = |error: sqlx::Error| error.to_string();
    let details = crate::practices::routes::PracticeDetails {
        name: DEMO_PRACTICE.into(),
        contact: DEMO_PRACTICE_CONTACT.into(),
        privacy_officer: Some(crate::models::campaign::Party {
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
            crate::practices::routes::update_practice(db, &id, &details).await.map_err(sql)?;
            Ok(id)
        }
        None => crate::practices::routes::create_practice(db, &details).await.map_err(sql),
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
    crate::practices::routes::link_organisation(db, &practice, &org_id).await.map_err(sql)?;
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
                    crate::practices::routes::set_member(db, &practice, &id).await?;
                }
                id
            }
            None => {
                let org_id = matches!(role, Role::Employer | Role::Expert).then(|| org_id.clone());
                let practice_id = matches!(role, Role::Expert | Role::PracticeAdmin).then(|| practice.clone());
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
        "console   {base_url}/beheer/  (the expert and the admin set up a second factor at their first login: an authenticator app, or the secret shown)"
    ));
    let employer =
        user_ids.iter().find(|(role, _)| *role == Role::Employer).map(|(_, id)| id.clone()).expect("demo employer");
    let expert =
        user_ids.iter().find(|(role, _)| *role == Role::Expert).map(|(_, id)| id.clone()).expect("demo expert");
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
                    mode: crate::models::invitation::Mode::Open,
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
        crate::practices::routes::link_organisation(db, &practice, &org).await.map_err(sql)?;
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
/// each of the departments' headcount (see [`crate::campaigns::invitations::synthetic_roster`]).
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
    mode: crate::models::invitation::Mode,
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
    if mode == crate::models::invitation::Mode::Personal {
        crate::campaigns::invitations::synthetic_roster(db, id).await.map_err(|error| error.to_string())?;
    }
    Ok(())
}

/// Synthetic group-figure uploads: made-up people for the demo, the tests and the benchmark. They
/// go through the same core code as a phone's upload (`score`, `build_submission` for group
/// figures alone) and the same writer, so a release cannot tell them apart, which is the point.
pub mod synthetic {
    use werkscan_core::answers::prune_hidden;
    use werkscan_core::model::ItemType;
    use werkscan_core::{build_submission, score, AnswerValue, Answers, ConsentChoices, Definition, Lang};

    use crate::db::Db;
    use crate::models::campaign::Campaign;
    use crate::submissions::store::{write_batch, Pending};
    use crate::util::{new_id, sha256_hex};

    /// A small deterministic generator, so the same seed gives the same people.
    #[derive(Clone, Debug)]
    pub struct Dice(u64);

    impl Dice {
        /// A generator from a seed.
        pub fn new(seed: u64) -> Dice {
            Dice(seed ^ 0x9e37_79b9_7f4a_7c15)
        }

        /// A number from 0 to `sides - 1`.
        pub fn roll(&mut self, sides: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (self.0 >> 33) % sides.max(1)
        }
    }

    /// Answers to every question, leaning towards the favourable end of each scale by `mood`
    /// (0.0: everything goes badly, 1.0: everything goes well), with some spread. Free text is
    /// left empty: synthetic people have nothing to say.
    pub fn answers(definition: &Definition, dice: &mut Dice, mood: f64) -> Answers {
        let mut answers = Answers::new();
        for item in definition.items() {
            let options = definition.options_of(item);
            // Reverse-coded items are favourable at the other end of their scale.
            let lean = if item.reverse { 1.0 - mood } else { mood };
            let near = |dice: &mut Dice, count: usize| -> usize {
                let centre = lean * (count.saturating_sub(1)) as f64;
                let spread = dice.roll(5) as f64 - 2.0;
                (centre + spread * 0.6).round().clamp(0.0, count.saturating_sub(1) as f64) as usize
            };
            let pick = |dice: &mut Dice| {
                options.get(near(dice, options.len())).map(|option| option.key.clone()).unwrap_or_default()
            };
            let value = match item.kind {
                ItemType::Likert => AnswerValue::Text(pick(dice)),
                ItemType::Single => AnswerValue::Text(
                    options
                        .get(dice.roll(options.len() as u64) as usize)
                        .map(|option| option.key.clone())
                        .unwrap_or_default(),
                ),
                ItemType::Number => {
                    let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(0));
                    AnswerValue::Number(min + near(dice, (max - min + 1).max(1) as usize) as i64)
                }
                ItemType::Multiple => AnswerValue::List(vec![pick(dice)]),
                ItemType::Matrix => AnswerValue::Grid(
                    item.rows
                        .iter()
                        .map(|row| {
                            (row.key.clone(), options.first().map(|option| option.key.clone()).unwrap_or_default())
                        })
                        .collect(),
                ),
                ItemType::Text => continue,
            };
            answers.insert(item.id.clone(), value);
        }
        prune_hidden(definition, &mut answers);
        answers
    }

    /// One made-up person's upload.
    #[derive(Clone, Debug)]
    pub struct Person {
        /// The department they name, if any.
        pub department: Option<String>,
        /// How well things go (0.0 to 1.0).
        pub mood: f64,
        /// When the upload arrived (Unix seconds).
        pub created_at: i64,
        /// Its origin bucket.
        pub origin: i64,
        /// The seed of their answers.
        pub seed: u64,
    }

    /// Stores group-figure uploads for these people in `campaign` (whatever its dates), in
    /// batches. Returns each upload's id and withdrawal token.
    pub async fn add(
        db: &Db,
        definition: &Definition,
        campaign: &Campaign,
        people: &[Person],
    ) -> Result<Vec<(String, String)>, String> {
        add_sharing(db, definition, campaign, people, ConsentChoices { group_figures: true, ..Default::default() })
            .await
    }

    /// [`add`] with other consent choices, for example results shared with the campaign's
    /// arbeidsdeskundige (the inbox benchmark). Contact details are never made up: `contact_me`
    /// must be off, since a synthetic person has no address to be reached at.
    pub async fn add_sharing(
        db: &Db,
        definition: &Definition,
        campaign: &Campaign,
        people: &[Person],
        choices: ConsentChoices,
    ) -> Result<Vec<(String, String)>, String> {
        if choices.contact_me {
            return Err("synthetic people have no contact details to share".into());
        }
        // The words of the campaign's consent text, as a phone fills them in.
        let values =
            crate::models::campaign::consent_values_in(db, campaign).await.map_err(|error| error.to_string())?;
        let stored_values = serde_json::to_string(&values).map_err(|error| error.to_string())?;
        let mut receipts = Vec::with_capacity(people.len());
        for chunk in people.chunks(500) {
            let mut pending = Vec::with_capacity(chunk.len());
            for person in chunk {
                let mut dice = Dice::new(person.seed);
                let answers = answers(definition, &mut dice, person.mood);
                let result = score(definition, &answers)
                    .map_err(|errors| format!("synthetic answers do not fit: {errors:?}"))?;
                let mut submission = build_submission(
                    &campaign.code,
                    person.department.clone(),
                    definition,
                    &result,
                    &answers,
                    choices,
                    Lang::Nl,
                    None,
                );
                submission.consent.values = Some(values.clone());
                werkscan_core::check_submission(&submission, definition)
                    .map_err(|error| format!("synthetic upload refused: {error}"))?;
                let token = crate::util::new_token();
                let id = new_id();
                pending.push(Pending {
                    id: id.clone(),
                    campaign_id: campaign.id.clone(),
                    signal: submission
                        .result
                        .as_ref()
                        .map(|result| crate::submissions::routes::signal_of(result, definition).to_owned()),
                    contribution: submission
                        .result
                        .as_ref()
                        .map(|result| crate::releases::figures::contribution(definition, result)),
                    origin_bucket: person.origin,
                    withdrawal_hash: sha256_hex(&token),
                    withdrawal_code_hash: sha256_hex(&werkscan_core::withdrawal_code::for_token(&token)),
                    consent_values: Some(stored_values.clone()),
                    request_hash: sha256_hex(&format!("synthetic|{id}")),
                    created_at: person.created_at,
                    expires_at: campaign.expires_at(),
                    // The demo's own uploads, written directly: no address to limit.
                    limit: None,
                    invitation: None,
                    submission,
                });
                receipts.push((id, token));
            }
            let rows: Vec<&Pending> = pending.iter().collect();
            write_batch(db, &rows).await.map_err(|error| format!("cannot store synthetic uploads: {error}"))?;
        }
        Ok(receipts)
    }
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
#[allow(clippy::type_complexity)]
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
    let Some(definition) = definitions.current("werkscan") else { return Ok(()) };
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
                crate::models::invitation::Mode::Personal,
            )
            .await?;
            let campaign = crate::models::campaign::by_id_in(db, &id)
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
    crate::releases::routes::compute_and_publish(db, definitions, &id, expert).await.map_err(|error| error.message)?;
    Ok(())
}

/// The platform admin's API: organisations, accounts, loaded questionnaire versions, and the
/// audit log. Admins never see a person's result (the expert routes refuse them).
pub mod api {
    use axum::extract::{Path, State};
    use axum::http::StatusCode;
    use axum::Json;
    use serde::{Deserialize, Serialize};
    use sqlx::Row;

    use super::{create_org, create_user, generate_password, link_expert, NewUser};
    use crate::accounts::auth::{CurrentUser, Role};
    use crate::accounts::password_links::{self, Purpose, Recipient};
    use crate::error::{ApiError, ApiResult};
    use crate::expert::inbox::{audit_entries, AuditEntry, AUDIT_ROWS};
    use crate::extract::ApiJson;
    use crate::util::{new_id, now, rfc3339};
    use crate::AppState;

    /// Writes an admin's action to the audit log; `detail` names the account or organisation.
    async fn audit(state: &AppState, current: &CurrentUser, action: &str, detail: &str) -> ApiResult<()> {
        sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, detail) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id())
            .bind(now())
            .bind(&current.user.id)
            .bind(action)
            .bind(detail)
            .execute(&state.db().pool)
            .await?;
        Ok(())
    }

    /// An organisation, with the practices it works with and the experts linked to it.
    #[derive(Debug, Serialize)]
    pub struct Organisation {
        /// Id.
        pub id: String,
        /// Name.
        pub name: String,
        /// When it was created (RFC 3339).
        pub created_at: String,
        /// The arbeidsdeskundigen linked to it before practices decided who can be named
        /// (kept for reference; its campaigns name experts of the practice that runs them).
        pub experts: Vec<crate::models::campaign::ExpertRef>,
        /// The practices it works with: one of them runs each of its campaigns.
        pub practices: Vec<crate::practices::routes::PracticeRef>,
    }

    /// `GET /api/admin/organisations` (admin).
    pub async fn organisations(
        State(state): State<AppState>,
        current: CurrentUser,
    ) -> ApiResult<Json<Vec<Organisation>>> {
        current.require(Role::Admin)?;
        let rows = sqlx::query("SELECT id, name, created_at FROM organisations ORDER BY name")
            .fetch_all(&state.db().pool)
            .await?;
        let links = sqlx::query(
            "SELECT o.org_id, u.id, u.display_name FROM organisation_experts o JOIN users u ON u.id = o.user_id ORDER BY u.display_name",
        )
        .fetch_all(&state.db().pool)
        .await?;
        let practice_links = sqlx::query(
            "SELECT l.org_id, p.id, p.name FROM practice_organisations l JOIN practices p ON p.id = l.practice_id ORDER BY p.name, p.id",
        )
        .fetch_all(&state.db().pool)
        .await?;
        let mut list = Vec::new();
        for row in &rows {
            let id: String = row.try_get("id")?;
            let mut practices = Vec::new();
            for link in practice_links.iter() {
                if link.try_get::<String, _>("org_id")? == id {
                    practices.push(crate::practices::routes::PracticeRef {
                        id: link.try_get("id")?,
                        name: link.try_get("name")?,
                    });
                }
            }
            let mut experts = Vec::new();
            for link in links.iter() {
                if link.try_get::<String, _>("org_id")? == id {
                    experts.push(crate::models::campaign::ExpertRef {
                        id: link.try_get("id")?,
                        display_name: link.try_get("display_name")?,
                        practice_id: None,
                    });
                }
            }
            list.push(Organisation {
                id,
                name: row.try_get("name")?,
                created_at: rfc3339(row.try_get("created_at")?),
                experts,
                practices,
            });
        }
        Ok(Json(list))
    }

    /// `POST /api/admin/organisations` body.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct NewOrganisation {
        /// Its name (unique).
        pub name: String,
    }

    /// `POST /api/admin/organisations` (admin): creates an organisation. 201; 422 `invalid_name`,
    /// 409 `name_taken`.
    pub async fn add_organisation(
        State(state): State<AppState>,
        current: CurrentUser,
        ApiJson(body): ApiJson<NewOrganisation>,
    ) -> ApiResult<StatusCode> {
        current.require(Role::Admin)?;
        let name = body.name.trim();
        if name.is_empty()
            || name.chars().count() > 200
            || werkscan_core::text::forbidden_character(name, false).is_some()
        {
            return Err(ApiError::unprocessable(
                "invalid_name",
                "the name must have 1 to 200 characters, without control characters",
            ));
        }
        if super::find_org(state.db(), name).await?.is_some() {
            return Err(ApiError::conflict("name_taken", "an organisation with this name exists"));
        }
        let id = create_org(state.db(), name).await.map_err(ApiError::internal)?;
        audit(&state, &current, "create_organisation", &id).await?;
        Ok(StatusCode::CREATED)
    }

    /// `POST /api/admin/organisations/{id}/experts` body.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Link {
        /// The expert's account id.
        pub user_id: String,
    }

    /// `POST /api/admin/organisations/{id}/experts` (admin): links an arbeidsdeskundige to an
    /// organisation. 204; 404 `organisation_not_found`; 422 `not_an_expert`.
    pub async fn link(
        State(state): State<AppState>,
        current: CurrentUser,
        Path(org): Path<String>,
        ApiJson(body): ApiJson<Link>,
    ) -> ApiResult<StatusCode> {
        current.require(Role::Admin)?;
        if crate::accounts::auth::org_ref(&state, &org).await?.is_none() {
            return Err(ApiError::not_found("organisation_not_found", "no such organisation"));
        }
        link_expert(state.db(), &org, &body.user_id)
            .await
            .map_err(|message| ApiError::unprocessable("not_an_expert", message))?;
        audit(&state, &current, "link_expert", &body.user_id).await?;
        Ok(StatusCode::NO_CONTENT)
    }

    /// An account, as the admin sees it.
    #[derive(Debug, Serialize)]
    pub struct Account {
        /// Id.
        pub id: String,
        /// Login e-mail.
        pub email: String,
        /// Name.
        pub display_name: String,
        /// Role.
        pub role: Role,
        /// Organisation id.
        pub org_id: Option<String>,
        /// The practice of an arbeidsdeskundige or practice admin.
        pub practice_id: Option<String>,
        /// Whether it can log in.
        pub active: bool,
        /// Whether it has a second factor.
        pub has_second_factor: bool,
        /// Whether it must choose a new password at its next login.
        pub must_change_password: bool,
        /// When it was created (RFC 3339).
        pub created_at: String,
    }

    /// `GET /api/admin/users` (admin): every account.
    pub async fn users(State(state): State<AppState>, current: CurrentUser) -> ApiResult<Json<Vec<Account>>> {
        current.require(Role::Admin)?;
        let rows = sqlx::query(
            "SELECT id, email, display_name, role, org_id, practice_id, active, totp_enabled_at, must_change_password, created_at FROM users ORDER BY email",
        )
        .fetch_all(&state.db().pool)
        .await?;
        let list = rows
            .iter()
            .map(|row| {
                let role: String = row.try_get("role")?;
                Ok(Account {
                    id: row.try_get("id")?,
                    email: row.try_get("email")?,
                    display_name: row.try_get("display_name")?,
                    role: Role::parse(&role).ok_or_else(|| ApiError::internal(format!("unknown role {role}")))?,
                    org_id: row.try_get("org_id")?,
                    practice_id: row.try_get("practice_id")?,
                    active: row.try_get::<i64, _>("active")? != 0,
                    has_second_factor: row.try_get::<Option<i64>, _>("totp_enabled_at")?.is_some(),
                    must_change_password: row.try_get::<i64, _>("must_change_password")? != 0,
                    created_at: rfc3339(row.try_get("created_at")?),
                })
            })
            .collect::<ApiResult<Vec<_>>>()?;
        Ok(Json(list))
    }

    /// `POST /api/admin/users` body.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct NewAccount {
        /// Login e-mail.
        pub email: String,
        /// Name shown to others.
        pub display_name: String,
        /// Role.
        pub role: Role,
        /// Organisation (required for employers; links an expert).
        #[serde(default)]
        pub org_id: Option<String>,
        /// Practice (required for practice admins; an expert's practice).
        #[serde(default)]
        pub practice_id: Option<String>,
    }

    /// A one-time link sent to the account's own address (see [`crate::accounts::password_links`]): the
    /// admin learns where it went and until when it works, never the link or a password.
    #[derive(Debug, Serialize)]
    pub struct LinkSent {
        /// The account.
        pub user_id: String,
        /// The address the link went to: the account's own.
        pub link_sent_to: String,
        /// Until when the link works (RFC 3339).
        pub link_expires_at: String,
    }

    /// Sends an account a one-time link to choose a password, and audits the request.
    pub(crate) async fn send_link(
        state: &AppState,
        current: &CurrentUser,
        id: &str,
        purpose: Purpose,
        action: &str,
    ) -> ApiResult<LinkSent> {
        let row = sqlx::query("SELECT email, display_name FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(&state.db().pool)
            .await?;
        let recipient = Recipient {
            user_id: id.to_owned(),
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
        };
        let mut write = state.db().begin_write().await?;
        let outcome: Result<i64, sqlx::Error> = async {
            let expires_at = password_links::send(
                &mut write.tx,
                &state.config().base_url,
                &recipient,
                purpose,
                Some(&current.user.id),
            )
            .await?;
            sqlx::query("INSERT INTO audit_log (id, at, actor_user_id, action, detail) VALUES ($1, $2, $3, $4, $5)")
                .bind(new_id())
                .bind(now())
                .bind(&current.user.id)
                .bind(action)
                .bind(id)
                .execute(&mut *write.tx)
                .await?;
            Ok(expires_at)
        }
        .await;
        let expires_at = write.finish(outcome).await?;
        Ok(LinkSent { user_id: id.to_owned(), link_sent_to: recipient.email, link_expires_at: rfc3339(expires_at) })
    }

    /// `POST /api/admin/users` (admin): creates an account and sends it a one-time link to choose
    /// its password (nobody, the admin included, knows a password of it until then). 201
    /// `LinkSent`; 422 `invalid_account` (with the reason), 409 `email_taken`.
    pub async fn add_user(
        State(state): State<AppState>,
        current: CurrentUser,
        ApiJson(body): ApiJson<NewAccount>,
    ) -> ApiResult<(StatusCode, Json<LinkSent>)> {
        current.require(Role::Admin)?;
        Ok((StatusCode::CREATED, Json(create_with_link(&state, &current, body).await?)))
    }

    /// Creates an account from `body` with a password nobody is told, and sends it a one-time
    /// link to choose one (the platform admin's and the practice admin's way to add an account;
    /// the caller has checked that `current` may create this one). Audited as `create_user`.
    pub(crate) async fn create_with_link(
        state: &AppState,
        current: &CurrentUser,
        body: NewAccount,
    ) -> ApiResult<LinkSent> {
        if super::find_user(state.db(), &body.email).await?.is_some() {
            return Err(ApiError::conflict("email_taken", "an account with this e-mail address exists"));
        }
        if werkscan_core::text::forbidden_character(&body.display_name, false).is_some()
            || body.display_name.chars().count() > 200
        {
            return Err(ApiError::unprocessable(
                "invalid_account",
                "the name is too long or contains a control character",
            ));
        }
        crate::submissions::routes::check_email(body.email.trim())
            .map_err(|_| ApiError::unprocessable("invalid_account", "the e-mail address is not valid"))?;
        // A password nobody is told: the account can only be used once its owner chose one.
        let user = NewUser {
            org_id: body.org_id.clone(),
            practice_id: body.practice_id.clone(),
            role: body.role,
            email: body.email.clone(),
            display_name: body.display_name.clone(),
            password: generate_password(),
        };
        let id = create_user(state.db(), user, state.config().password_cost)
            .await
            .map_err(|message| ApiError::unprocessable("invalid_account", message))?;
        send_link(state, current, &id, Purpose::Welcome, "create_user").await
    }

    async fn end_sessions(state: &AppState, user: &str) -> ApiResult<()> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(&state.db().pool).await?;
        Ok(())
    }

    async fn existing(state: &AppState, id: &str) -> ApiResult<()> {
        let found: Option<String> =
            sqlx::query_scalar("SELECT id FROM users WHERE id = $1").bind(id).fetch_optional(&state.db().pool).await?;
        found.map(|_| ()).ok_or_else(|| ApiError::not_found("user_not_found", "no such account"))
    }

    /// `POST /api/admin/users/{id}/deactivate` (admin): the account can no longer log in; its
    /// sessions end. 204; 409 `own_account` (an admin cannot lock themselves out).
    pub async fn deactivate(
        State(state): State<AppState>,
        current: CurrentUser,
        Path(id): Path<String>,
    ) -> ApiResult<StatusCode> {
        current.require(Role::Admin)?;
        existing(&state, &id).await?;
        if id == current.user.id {
            return Err(ApiError::conflict("own_account", "you cannot deactivate your own account"));
        }
        sqlx::query("UPDATE users SET active = 0 WHERE id = $1").bind(&id).execute(&state.db().pool).await?;
        end_sessions(&state, &id).await?;
        audit(&state, &current, "deactivate_user", &id).await?;
        Ok(StatusCode::NO_CONTENT)
    }

    /// `POST /api/admin/users/{id}/activate` (admin): the account can log in again. 204.
    pub async fn activate(
        State(state): State<AppState>,
        current: CurrentUser,
        Path(id): Path<String>,
    ) -> ApiResult<StatusCode> {
        current.require(Role::Admin)?;
        existing(&state, &id).await?;
        sqlx::query("UPDATE users SET active = 1 WHERE id = $1").bind(&id).execute(&state.db().pool).await?;
        audit(&state, &current, "activate_user", &id).await?;
        Ok(StatusCode::NO_CONTENT)
    }

    /// `POST /api/admin/users/{id}/reset-password` (admin): sends the account a one-time link to
    /// choose a new password, to its own address. The password stays as it is until the link is
    /// used (then the account's sessions end): the admin can neither learn nor set it, nor lock
    /// the person out. 200 `LinkSent`; 404 `user_not_found`.
    pub async fn reset_password(
        State(state): State<AppState>,
        current: CurrentUser,
        Path(id): Path<String>,
    ) -> ApiResult<Json<LinkSent>> {
        current.require(Role::Admin)?;
        existing(&state, &id).await?;
        Ok(Json(send_link(&state, &current, &id, Purpose::Reset, "reset_password").await?))
    }

    /// `POST /api/admin/users/{id}/reset-second-factor` (admin): removes the account's second
    /// factor and recovery codes (a lost phone); they set up a new one at the next login. 204.
    pub async fn reset_second_factor(
        State(state): State<AppState>,
        current: CurrentUser,
        Path(id): Path<String>,
    ) -> ApiResult<StatusCode> {
        current.require(Role::Admin)?;
        existing(&state, &id).await?;
        sqlx::query("UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1")
            .bind(&id)
            .execute(&state.db().pool)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(&id).execute(&state.db().pool).await?;
        end_sessions(&state, &id).await?;
        audit(&state, &current, "reset_second_factor", &id).await?;
        Ok(StatusCode::NO_CONTENT)
    }

    /// A questionnaire version the server has loaded.
    #[derive(Debug, Serialize)]
    pub struct LoadedVersion {
        /// Definition id.
        pub id: String,
        /// Version.
        pub version: String,
        /// Content hash.
        pub content_hash: String,
        /// When this server first loaded it (RFC 3339).
        pub first_loaded_at: String,
        /// Whether it is the one the server serves now.
        pub current: bool,
    }

    /// `GET /api/admin/definitions` (admin): every questionnaire version ever loaded, newest first.
    pub async fn definitions(
        State(state): State<AppState>,
        current: CurrentUser,
    ) -> ApiResult<Json<Vec<LoadedVersion>>> {
        current.require(Role::Admin)?;
        let rows = sqlx::query(
            "SELECT id, version, content_hash, first_loaded_at FROM definitions ORDER BY id, first_loaded_at DESC",
        )
        .fetch_all(&state.db().pool)
        .await?;
        let list = rows
            .iter()
            .map(|row| {
                let hash: String = row.try_get("content_hash")?;
                let id: String = row.try_get("id")?;
                let current = state
                    .definitions()
                    .current(&id)
                    .is_some_and(|definition| definition.content_hash.as_deref() == Some(hash.as_str()));
                Ok(LoadedVersion {
                    id,
                    version: row.try_get("version")?,
                    content_hash: hash,
                    first_loaded_at: rfc3339(row.try_get("first_loaded_at")?),
                    current,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(Json(list))
    }

    /// Filters of the audit log; each optional.
    #[derive(Debug, Default, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct AuditQuery {
        /// An account's name or e-mail address (or part of it): the rows it did, and the rows
        /// that concerned it (a password link sent to it, its deactivation, …).
        pub account: String,
        /// The action (`read_submission`, `export`, `create_user`, …).
        pub action: String,
        /// From this date (ISO, inclusive).
        pub from: Option<chrono::NaiveDate>,
        /// Up to this date (ISO, inclusive).
        pub to: Option<chrono::NaiveDate>,
    }

    /// `GET /api/admin/audit?account=&action=&from=&to=` (admin): the audit log, newest first (the
    /// last 1,000 that match), each row with what it concerned by name.
    pub async fn audit_log(
        State(state): State<AppState>,
        current: CurrentUser,
        crate::extract::ApiQuery(query): crate::extract::ApiQuery<AuditQuery>,
    ) -> ApiResult<Json<Vec<AuditEntry>>> {
        current.require(Role::Admin)?;
        let day = |date: chrono::NaiveDate| date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
        let from = query.from.map_or(i64::MIN, day);
        let to = query.to.and_then(|date| date.succ_opt()).map_or(i64::MAX, day);
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{AUDIT_ROWS} WHERE ($1 = '' OR LOWER(u.email) LIKE $2 OR LOWER(u.display_name) LIKE $2 OR LOWER(t.email) LIKE $2 OR LOWER(t.display_name) LIKE $2) \
             AND ($3 = '' OR a.action = $3) AND a.at >= $4 AND a.at < $5 ORDER BY a.at DESC, a.id LIMIT 1000"
        )))
        .bind(query.account.trim())
        .bind(format!("%{}%", query.account.trim().to_lowercase().replace(['%', '_'], "")))
        .bind(&query.action)
        .bind(from)
        .bind(to)
        .fetch_all(&state.db().pool)
        .await?;
        audit_entries(&state, &rows).await
    }
}
