//! Group figures for the employer: stored releases and the employer's dashboard (`routes`), what
//! a release holds and how it is computed (`figures`, pure), the employer's action plan
//! (`actions`), the one number a day an employer sees while a campaign runs (`response`), and the
//! conversations booked and held, as numbers (`uptake`); the rows its queries read are `rows`.

pub mod actions;
pub mod figures;
pub mod response;
pub mod routes;
pub mod rows;
pub mod uptake;
