//! Booking a conversation with the arbeidsdeskundige (the adviesgesprek): free times, bookings,
//! moves and cancellations, the expert's agenda and follow-up. The rules themselves are in the
//! `werkscan-booking` crate.

pub mod routes;
