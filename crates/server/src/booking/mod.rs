//! Booking a conversation with the arbeidsdeskundige (the adviesgesprek). The rules of free
//! times and slots are in the `werkscan-booking` crate; here: the public booking routes (offer,
//! free times, book, move, cancel, "remind me"; `routes`), the expert's agenda (`agenda`), the
//! appointment as data (`appointment`), its calendar files (`calendar`, pure) and its mails
//! (`messages`); the rows its queries read are `rows`. The campaign's booking uptake, which releases count, is `releases::uptake`.

pub mod agenda;
pub mod appointment;
pub mod calendar;
pub mod messages;
pub mod routes;
pub mod rows;
