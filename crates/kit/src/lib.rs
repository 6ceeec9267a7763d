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
//! - [`refusals`]: the server's refusals in words, shared by the staff apps;
//! - `api` (feature `staff`): the staff apps' requests, with the session's CSRF token and the
//!   server's refusals as values.
//!
//! No serde of its own: the scan app is built on this crate and has a byte budget (JSON goes
//! through `werkscan_core::json`). Only the `staff` feature, which the scan and the report never
//! enable, brings serde and the wire contract for the staff apps' requests.

#![warn(missing_docs)]

#[cfg(feature = "staff")]
pub mod api;
pub mod campaign;
pub mod drafts;
pub mod file;
pub mod flow;
pub mod frame;
pub mod http;
pub mod i18n;
pub mod loading;
pub mod refusals;
pub mod routing;
pub mod signal;
pub mod store;
