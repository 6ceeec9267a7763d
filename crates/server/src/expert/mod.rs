//! The arbeidsdeskundige's work: the inbox of shared results (`inbox`), and unread counts, the
//! daily digest and the private calendar feed (`notifications`); the rows their queries read
//! (`rows`).

pub mod inbox;
pub mod notifications;
pub(crate) mod rows;
