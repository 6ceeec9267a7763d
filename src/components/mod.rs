//! Reusable pieces of the scan app's screens.

mod question;
mod question_page;

pub use question::Question;
pub use question_page::QuestionPage;
