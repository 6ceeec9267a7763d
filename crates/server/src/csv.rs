//! The one CSV writer of the exports (the expert's export and the group figures).
//!
//! The files are written with `,` between fields, but Excel with Dutch settings splits them at
//! `;` instead, and then a `;` inside a field starts a new cell. A cell that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return can be taken as a formula, so whatever someone
//! typed (a contact name, a department) is written so that no cell of either reading starts with
//! one: every field is quoted, and a `'` goes before such a character at the start of the field
//! and after every `,`, `;` or line break inside it (where a reader might start a new cell or
//! row). Spreadsheets show a leading `'` as the mark of text.

/// Characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One field, always quoted (RFC 4180: `"` doubled) and neutralised against formulas for a
/// reader that splits at `,` as well as one that splits at `;`. Numbers the server writes go
/// through here too: `-2.5` is written `"'-2.5"`, which spreadsheets show as the text `'-2.5`.
pub fn field(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 4);
    out.push('"');
    let mut starts_a_cell = true;
    let mut inside = false;
    for character in value.chars() {
        // After a separator inside the field, a quote would open a quoted cell in the other
        // reading, whose content could start a formula; at the very start it is this field's
        // own quoting and harmless.
        if starts_a_cell && (FORMULA_STARTS.contains(&character) || (inside && character == '"')) {
            out.push('\'');
        }
        if character == '"' {
            out.push_str("\"\"");
        } else {
            out.push(character);
        }
        starts_a_cell = matches!(character, ',' | ';' | '\r' | '\n');
        inside = true;
    }
    // A separator at the very end: the cell it starts in the other reading would begin with the
    // closing quote and run on into the next field or row.
    if starts_a_cell && inside {
        out.push('\'');
    }
    out.push('"');
    out
}

/// One column name of a header row: written as it is when it is a plain name (letters, digits,
/// spaces, `_`, `-`, `(`, `)`, `%`, not starting with a formula character), so headers stay
/// readable; anything else goes through [`field`].
pub fn name(value: &str) -> String {
    let plain = value.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '(' | ')' | '%'))
        && !value.starts_with(FORMULA_STARTS);
    if plain {
        value.to_owned()
    } else {
        field(value)
    }
}

/// One row of fields with [`field`], `,` between them, ending in CRLF.
pub fn row<S: AsRef<str>>(fields: &[S]) -> String {
    row_with(fields, ',')
}

/// A header row of column names with [`name`], ending in CRLF.
pub fn header<S: AsRef<str>>(names: &[S]) -> String {
    header_with(names, ',')
}

/// [`row`] with another separator: `;` for a file that opens in Excel with Dutch settings (which
/// reads `,` as the decimal comma).
pub fn row_with<S: AsRef<str>>(fields: &[S], separator: char) -> String {
    let mut line = fields.iter().map(|value| field(value.as_ref())).collect::<Vec<_>>().join(&separator.to_string());
    line.push_str("\r\n");
    line
}

/// [`header`] with another separator.
pub fn header_with<S: AsRef<str>>(names: &[S], separator: char) -> String {
    let mut line = names.iter().map(|value| name(value.as_ref())).collect::<Vec<_>>().join(&separator.to_string());
    line.push_str("\r\n");
    line
}

/// A number as Dutch Excel reads it: a decimal comma, no thousands separator (`7,5`).
pub fn dutch_number(value: f64) -> String {
    let text = format!("{}", (value * 100.0).round() / 100.0);
    text.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How a spreadsheet might read the text: split at `separator` and at line breaks, a quote
    /// at the start of a cell opening a quoted cell (`""` inside is a quote; after the closing
    /// quote the rest is taken as it is, as Excel does) — or, `toggling`, every quote switching
    /// quoted reading on and off wherever it stands. Returns every cell.
    fn cells(text: &str, separator: char, toggling: bool) -> Vec<String> {
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut at_start = true;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        cell.push('"');
                        chars.next();
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.push(c);
                }
                continue;
            }
            if c == '"' && (at_start || toggling) {
                quoted = true;
                at_start = false;
                continue;
            }
            if c == separator || c == '\n' || c == '\r' {
                // CRLF ends a row once.
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cells.push(std::mem::take(&mut cell));
                at_start = true;
                continue;
            }
            cell.push(c);
            at_start = false;
        }
        cells.push(cell);
        cells
    }

    const NASTY: &[&str] = &[
        "Jan;=7*6;x",
        "a,=1+1",
        "=HYPERLINK(\"http://x\";\"klik\")",
        "\"=1\"",
        "x;\"=1\"",
        "x,\"=1\"",
        "x;\"\"=1",
        "\tstart",
        "\rstart",
        "@SUM(A1)",
        "-1",
        "+31 6 12345678",
        "a;",
        "a,",
        ";",
        "a;\"",
        "regel\n=1",
        "regel\r\n-1",
        "a;\t=1",
        "\"",
        "\"\"",
        "a\";=1",
        "x\",\"=1",
        "Zoë; @A1, -B2",
        "",
        "plain",
    ];

    #[test]
    fn no_cell_of_either_reading_starts_a_formula() {
        // Each nasty value alone, between others, and every pair of them in one row.
        let mut rows: Vec<String> = NASTY.iter().map(|value| row(&["id", value, "z"])).collect();
        for first in NASTY {
            for second in NASTY {
                rows.push(row(&[*first, *second]));
            }
        }
        let text = rows.concat();
        for separator in [',', ';'] {
            for toggling in [false, true] {
                for cell in cells(&text, separator, toggling) {
                    assert!(
                        !cell.starts_with(FORMULA_STARTS),
                        "{separator:?} toggling={toggling}: cell {cell:?} in\n{text}"
                    );
                }
            }
        }
    }

    #[test]
    fn read_at_commas_every_field_comes_back_as_written_but_for_the_marks() {
        for value in NASTY {
            let cells = cells(&row(&[*value, "next"]), ',', false);
            assert_eq!(cells.len(), 3, "{value:?}: {cells:?}"); // the two fields and the empty rest after CRLF
            assert_eq!(cells[0].replace('\'', ""), value.replace('\'', ""), "{value:?}");
            assert_eq!(cells[1], "next");
        }
        assert_eq!(field("-2.5"), "\"'-2.5\"");
        assert_eq!(field("61.2"), "\"61.2\"");
        assert_eq!(field("Jan;=7*6;x"), "\"Jan;'=7*6;x\"");
        assert_eq!(field("=HYPERLINK(\"x\"), Zoë"), "\"'=HYPERLINK(\"\"x\"\"), Zoë\"");
        assert_eq!(header(&["id", "respons (%)", "=x"]), "id,respons (%),\"'=x\"\r\n");
    }
}
