//! Accounts: logging in, sessions and their guards (`auth`), a person's own password, second
//! factor and sessions (`account`), one-time links to choose a password (`password_links`), and
//! password hashing on a fixed set of threads (`hashing`); which login is sent the author app
//! (`app_access`); the rows their queries read are `rows`.

pub mod account;
pub mod app_access;
pub mod auth;
pub mod hashing;
pub mod password_links;
pub mod rows;
