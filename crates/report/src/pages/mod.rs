//! The report app's screens, one per route.

mod appointment;
mod book;
mod my_data;
mod report;
mod withdraw;

pub use appointment::Appointment;
pub use book::Book;
pub use my_data::MyData;
pub use report::Report;
pub use withdraw::Withdraw;
