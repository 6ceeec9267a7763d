//! The report app's screens, one per route.

mod appointment;
mod book;
mod my_data;
mod report;

pub use appointment::Appointment;
pub use book::Book;
pub use my_data::MyData;
pub use report::Report;
