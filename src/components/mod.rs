//! Reusable pieces of the scan app's screens.

mod question;

pub use question::Question;
