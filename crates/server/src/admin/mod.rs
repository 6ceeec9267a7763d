//! Administration: organisations and accounts as the command line creates them (`werkscan-server
//! admin …`, also used by the tests), the platform admin's API (`api`) and the practice admin's
//! (`practice_admin`); the rows their queries read are `rows`.

pub mod api;
pub mod practice_admin;
pub mod rows;

use crate::accounts::auth::{hash_password, PasswordCost, Role};
use crate::db::Db;
use crate::util::{new_id, new_token, now};

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
    /// The practice an arbeidsdeskundige, practice admin or definition author belongs to
    /// (required for practice admins; an expert without one receives nothing until the admin puts
    /// them in one; a definition author's practice admin manages their account).
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
    if user.practice_id.is_some() && !matches!(user.role, Role::Expert | Role::PracticeAdmin | Role::DefinitionAuthor) {
        return Err("only arbeidsdeskundigen, practice admins and definition authors belong to a practice".into());
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
