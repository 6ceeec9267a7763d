//! The screens, one per route. `Home`, `Campaign` and `Scan` belong to the scan module,
//! `Report` and `MyData` to the report module (see `routing::Module`).

mod campaign;
mod home;
mod my_data;
mod not_found;
mod report;
mod scan;

pub use campaign::Campaign;
pub use home::Home;
pub use my_data::MyData;
pub use not_found::NotFound;
pub use report::Report;
pub use scan::Scan;
