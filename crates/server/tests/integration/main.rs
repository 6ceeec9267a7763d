//! Integration tests of the server: the API driven without a socket, each test run against both
//! SQLite and PostgreSQL, plus a crash-safety test of the real binary.

/// Runs each listed `async fn name(app: TestApp)` once on SQLite and once on PostgreSQL, as
/// `<module>::sqlite::name` and `<module>::postgres::name`.
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
                async fn $name() {
                    crate::support::run(crate::support::Kind::Postgres, concat!(module_path!(), "::", stringify!($name)), super::$name).await;
                }
            )*
        }
    };
}

mod access;
mod accounts;
mod campaigns;
mod crash;
mod support;
mod uploads;
mod web;
mod withdrawal;
