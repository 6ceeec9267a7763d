//! Reusable pieces of the screens.

mod question;
mod report_view;
mod share;

pub use question::Question;
pub use report_view::ReportView;
pub use share::SharePanel;
