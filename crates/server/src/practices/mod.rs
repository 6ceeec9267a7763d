//! Practices (an arbodienst or independent arbeidsdeskundige practice): its details, the
//! organisations it works for and its members (`routes`), with the rows
//! its queries read (`rows`). The practice admin's own routes are
//! with the other administration, in `admin::practice_admin`.

pub mod routes;
pub mod rows;
