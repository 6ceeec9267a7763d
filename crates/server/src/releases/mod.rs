//! Group figures for the employer: stored releases (`routes`), what a release holds and how it
//! is computed (`figures`, pure), the employer's action plan (`actions`), and the one number a
//! day an employer sees while a campaign runs (`response`).

pub mod actions;
pub mod figures;
pub mod response;
pub mod routes;
pub mod uptake;
