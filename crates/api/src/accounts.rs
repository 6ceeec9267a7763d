//! Logging in, the session, the account's own settings (password, second factor, sessions) and
//! the one-time links to choose a password.

use serde::{Deserialize, Serialize};

names! {
    /// What an account may do.
    pub enum Role {
        /// Platform administrator: organisations and accounts. Never sees individual submissions.
        Admin = "admin",
        /// Organisation administrator (employer, HR): campaigns and group figures only.
        Employer = "employer",
        /// Arbeidsdeskundige: receives what people chose to share in their campaigns, when those
        /// campaigns are run by their practice.
        Expert = "expert",
        /// Administrator of one practice: its details (the consent text names them) and its
        /// experts. Reads no shared result.
        PracticeAdmin = "practice_admin",
        /// Writes and publishes questionnaire versions (which every phone is then asked). Reads
        /// no result, campaign or figure.
        DefinitionAuthor = "definition_author",
    }
}

names! {
    /// What a session still needs before the account can work.
    pub enum Pending {
        /// A new password (after an admin reset it).
        PasswordChange = "password_change",
        /// The code of the second factor.
        SecondFactor = "second_factor",
        /// Setting up a second factor (experts, admins, practice admins and definition authors
        /// must).
        SecondFactorSetup = "second_factor_setup",
    }
}

/// An account, as the API shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Account id.
    pub id: String,
    /// Organisation id (employers; optional for experts; none for admins).
    pub org_id: Option<String>,
    /// The practice an arbeidsdeskundige or practice admin belongs to.
    pub practice_id: Option<String>,
    /// Role.
    pub role: Role,
    /// Login e-mail (lower case).
    pub email: String,
    /// Name shown to others (for experts: to the people taking the scan).
    pub display_name: String,
}

/// An organisation's id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRef {
    /// Organisation id.
    pub id: String,
    /// Organisation name.
    pub name: String,
}

/// `POST /api/login` and `GET /api/session` reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// The account.
    pub user: User,
    /// The account's organisation, if any.
    pub organisation: Option<OrgRef>,
    /// Repeat this in `X-CSRF-Token` on every state-changing request.
    pub csrf_token: String,
    /// When the session ends (RFC 3339).
    pub expires_at: String,
    /// What the login still needs, if anything.
    pub pending: Option<Pending>,
    /// Whether the account has a second factor.
    pub has_second_factor: bool,
}

/// `POST /api/login` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// E-mail address (case does not matter).
    pub email: String,
    /// Password.
    pub password: String,
}

/// `POST /api/account/password` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The password now (after a reset: the temporary one).
    pub current: String,
    /// The new password (at least 10 characters, not the current one).
    pub new: String,
}

/// `POST /api/account/second-factor/setup` reply: what the authenticator app needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorSetup {
    /// The secret, for typing into an app (base32).
    pub secret: String,
    /// The `otpauth://` address, for apps and the QR code.
    pub url: String,
    /// The QR code of that address, as SVG (made by the server).
    pub qr_svg: String,
}

/// `POST /api/account/second-factor/confirm` and `…/verify` body: a code from the
/// authenticator app, or a recovery code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// Six digits, or a recovery code (`xxxxx-xxxxx`).
    pub code: String,
}

/// `POST /api/account/second-factor/confirm` reply: the recovery codes, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryCodes {
    /// Each works once instead of a code from the app.
    pub recovery_codes: Vec<String>,
}

/// One of the account's sessions (`GET /api/account/sessions`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionEntry {
    /// Its id (to end it).
    pub id: String,
    /// The browser it was started from.
    pub device: Option<String>,
    /// When it was started (RFC 3339).
    pub started_at: String,
    /// When it ends by itself.
    pub expires_at: String,
    /// Whether it is the session of this request.
    pub current: bool,
}

names! {
    /// Why a password link was sent.
    pub enum Purpose {
        /// A new account chooses its first password.
        Welcome = "welcome",
        /// An admin reset the password at the person's request.
        Reset = "reset",
    }
}

/// `POST /api/password-link/check` body: a link's token (the part after `#`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkToken {
    /// The token.
    pub token: String,
}

/// `POST /api/password-link/check` reply: what the page shows before the person types a
/// password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    /// The account's login address.
    pub email: String,
    /// Why the link was sent.
    pub purpose: Purpose,
    /// Until when it works (RFC 3339).
    pub expires_at: String,
}

/// `POST /api/password-link` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoosePassword {
    /// The link's token.
    pub token: String,
    /// The new password (at least 10 characters).
    pub password: String,
}
