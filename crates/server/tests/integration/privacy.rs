//! docs/PRIVACY.md lists every field the server stores, with who sees it, for how long and on
//! which basis. The list is only worth something while it is complete: these tests compare it with
//! the schema as the migrations leave it, on both databases, so a column added without saying what
//! it holds fails here.

use std::collections::BTreeSet;

use sqlx::Row;
use werkscan_server::db::Backend;

use crate::support::TestApp;

on_both_databases!(the_privacy_register_lists_exactly_the_stored_fields);

/// The `table.column` names in the first cell of the tables of docs/PRIVACY.md.
fn documented_fields() -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/PRIVACY.md");
    let text = std::fs::read_to_string(path).expect("docs/PRIVACY.md exists");
    text.lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once("` |").map(|(field, _)| field.to_owned()))
        .filter(|field| field.split_once('.').is_some_and(|(table, column)| !table.is_empty() && !column.is_empty()))
        .collect()
}

/// Every `table.column` of the application's tables (not the migrator's own, and not views,
/// which store nothing).
async fn schema_fields(app: &TestApp) -> BTreeSet<String> {
    let db = app.db();
    let rows = match db.backend {
        Backend::Sqlite => {
            sqlx::query(
                "SELECT m.name || '.' || p.name AS field FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
            )
            .fetch_all(&db.pool)
            .await
        }
        Backend::Postgres => {
            sqlx::query(
                "SELECT c.table_name || '.' || c.column_name AS field FROM information_schema.columns c \
                 JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
                 WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE '_sqlx%'",
            )
            .fetch_all(&db.pool)
            .await
        }
    }
    .expect("the schema can be read");
    rows.iter().map(|row| row.try_get::<String, _>("field").unwrap()).collect()
}

async fn the_privacy_register_lists_exactly_the_stored_fields(app: TestApp) {
    let documented = documented_fields();
    let stored = schema_fields(&app).await;
    assert!(stored.len() > 100, "the schema was read: {stored:?}");
    let missing: Vec<&String> = stored.difference(&documented).collect();
    let gone: Vec<&String> = documented.difference(&stored).collect();
    assert!(
        missing.is_empty(),
        "stored but not in docs/PRIVACY.md (say what it holds, who sees it, how long, on which basis): {missing:?}"
    );
    assert!(gone.is_empty(), "in docs/PRIVACY.md but not stored: {gone:?}");
}
