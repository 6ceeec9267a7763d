//! The report app's screens, one per route.

mod my_data;
mod report;

pub use my_data::MyData;
pub use report::Report;
