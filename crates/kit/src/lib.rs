//! What Werkscan's browser apps share: the employee's scan (the root package), the employee's
//! report (`werkscan-report`) and the staff console (`werkscan-console`).
//!
//! - [`store`]: what is kept on the device, behind a trait (local storage in the browser, memory
//!   in tests), so that every rule that keeps something is tested without a browser;
//! - [`flow`], [`drafts`] and [`campaign`]: the scan in progress and the campaign it came from,
//!   which the scan app writes and the report app reads;
//! - [`http`]: requests to the app's own server;
//! - [`i18n`], [`routing`], [`frame`], [`loading`]: language, routes, the page frame, and data
//!   loading for screens;
//! - [`refusals`]: the server's refusals in words, shared by the staff apps.
//!
//! No serde of its own: the scan app is built on this crate and has a byte budget (JSON goes
//! through `werkscan_core::json`).

#![warn(missing_docs)]

pub mod campaign;
pub mod drafts;
pub mod flow;
pub mod frame;
pub mod http;
pub mod i18n;
pub mod loading;
pub mod refusals;
pub mod routing;
pub mod signal;
pub mod store;
