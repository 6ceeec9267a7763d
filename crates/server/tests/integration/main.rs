//! Integration tests of the server: the API driven without a socket, each test run against both
//! SQLite and PostgreSQL, plus a crash-safety test of the real binary.
//!
//! The PostgreSQL half is marked `#[ignore]`: it needs a server, and a test that could not run
//! must not count as passed. `scripts/test.sh` runs it (`-- --include-ignored`) whenever
//! PostgreSQL answers, and fails without it when `WERKSCAN_REQUIRE_POSTGRES=1` (as in CI). Asked
//! to run without a reachable PostgreSQL, each such test fails.

/// Runs each listed `async fn name(app: TestApp)` once on SQLite and once on PostgreSQL, as
/// `<module>::sqlite::name` and `<module>::postgres::name` (the latter ignored unless asked for).
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::support::run(crate::support::Kind::Sqlite, concat!(module_path!(), "::", stringify!($name)), super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[ignore = "needs PostgreSQL (WERKSCAN_TEST_POSTGRES); scripts/test.sh runs it"]
                async fn $name() {
                    crate::support::run(crate::support::Kind::Postgres, concat!(module_path!(), "::", stringify!($name)), super::$name).await;
                }
            )*
        }
    };
}

/// The demo and its synthetic people: the binary's own module (`src/demo`), compiled here too for
/// the tests that write synthetic uploads; the demo seed itself is run as the binary's `seed-demo`.
#[path = "../../src/demo/mod.rs"]
#[allow(dead_code)]
mod demo;

mod access;
mod accounts;
mod architecture;
mod audit;
mod author_app;
mod authoring;
mod booking;
mod campaigns;
mod consent;
mod console;
mod crash;
mod disclosure_system;
mod figures;
mod first_screen;
mod hardening;
mod inbox;
mod invitations;
mod my_data;
mod notifications;
mod practice_admin;
mod practices;
mod privacy;
mod roster_wire;
mod security;
mod support;
mod uploads;
mod web;
mod withdrawal;
