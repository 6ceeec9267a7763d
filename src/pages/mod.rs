//! The scan app's screens, one per route.

mod campaign;
mod home;
mod not_found;
mod scan;

pub use campaign::Campaign;
pub use home::Home;
pub use not_found::NotFound;
pub use scan::Scan;
