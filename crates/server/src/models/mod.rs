//! The records that several areas share, with their lookups: a campaign and the way people take
//! part in it. They sit below every area's routes, so that uploads, booking and releases can
//! read a campaign without depending on the campaign routes (which show the uploads, bookings and
//! releases of a campaign, and so depend on those areas). Their rows, as the lookups read them, are
//! `rows`.

pub mod campaign;
pub mod invitation;
pub(crate) mod rows;
