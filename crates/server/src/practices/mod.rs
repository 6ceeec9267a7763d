//! Practices (an arbodienst or independent arbeidsdeskundige practice): its details, the
//! organisations it works for and its members (`routes`), and the practice admin's work
//! (`practice_admin`).

pub mod practice_admin;
pub mod routes;
