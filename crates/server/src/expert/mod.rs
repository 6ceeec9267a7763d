//! The arbeidsdeskundige's work: the inbox of shared results (`inbox`), and unread counts, the
//! daily digest and the private calendar feed (`notifications`).

pub mod inbox;
pub mod notifications;
