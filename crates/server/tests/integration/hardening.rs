//! Low findings of the security review (issue 17): formula cells in either reading of the
//! exports, plain-text errors for bad query strings and paths, connections held open by half a
//! request, and accounts without a name.

use axum::http::StatusCode;
use werkscan_core::Contact;

use crate::support::{contact, everything, submission, TestApp};

on_both_databases!(
    no_cell_of_the_export_starts_a_formula_whatever_the_separator,
);

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cells a spreadsheet reads from `text` split at `separator` (and at line breaks): a quote
/// at the start of a cell opens a quoted cell (`""` is a quote inside it; after its closing quote
/// the rest of the cell is taken as it is, as Excel does).
fn cells(text: &str, separator: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut quoted, mut at_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
        } else if c == '"' && at_start {
            quoted = true;
            at_start = false;
        } else if c == separator || c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            cells.push(std::mem::take(&mut cell));
            at_start = true;
        } else {
            cell.push(c);
            at_start = false;
        }
    }
    cells.push(cell);
    cells
}

async fn no_cell_of_the_export_starts_a_formula_whatever_the_separator(app: TestApp) {
    let fixture = app.fixture().await;
    for name in ["Jan;=7*6;x", "a,=1+1", "x;\"=1\"", "@SUM(A1);-1", "Ans;"] {
        let mut upload = submission(&fixture, everything());
        upload.contact = Some(Contact { name: name.into(), ..contact() });
        assert_eq!(app.upload(&upload).await.status, StatusCode::CREATED);
    }
    let reply = app.get("/api/expert/export.csv", Some(&fixture.expert)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let text = reply.text();
    let text = text.trim_start_matches('\u{feff}');
    for separator in [',', ';'] {
        for cell in cells(text, separator) {
            assert!(!cell.starts_with(FORMULA_STARTS), "split at {separator:?}: cell {cell:?} of\n{text}");
        }
    }
    // Read at commas, the name is there, marked as text where a formula could have started.
    let names: Vec<String> = cells(text, ',').into_iter().filter(|cell| cell.starts_with("Jan")).collect();
    assert_eq!(names, ["Jan;'=7*6;x"]);
}

