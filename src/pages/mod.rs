//! The screens, one per route.

mod campaign;
mod home;
mod my_data;
mod not_found;
mod scan;

pub use campaign::Campaign;
pub use home::Home;
pub use my_data::MyData;
pub use not_found::NotFound;
pub use scan::Scan;
