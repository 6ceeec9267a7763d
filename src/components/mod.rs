//! Reusable pieces of the screens.

mod question;
mod report_view;

pub use question::Question;
pub use report_view::ReportView;
