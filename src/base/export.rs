//! Export of a table's current view (every matching row, in display order) to CSV and JSON,
//! pure. Only what the table shows is exported: the cells' text, never anything else the page
//! holds (the token least of all).
//!
//! CSV follows RFC 4180 (comma separated, CRLF line ends, a field quoted when it holds a comma,
//! a quote or a line break, quotes doubled), in UTF-8 with a byte-order mark so spreadsheets
//! read it as UTF-8. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! prefixed with `'`, so a spreadsheet shows it as text instead of running it as a formula
//! (CSV injection: server strings such as peer names are chosen by others).

use crate::base::listing::{Column, Row};

/// The header and one line per row: `id`, then each column's text.
pub fn csv(columns: &[Column], rows: &[&Row]) -> String {
    let mut out = String::from("\u{feff}");
    let header = std::iter::once("id").chain(columns.iter().map(|c| c.title));
    push_line(&mut out, header);
    for row in rows {
        let cells = (0..columns.len()).map(|i| row.cells.get(i).map_or("", |c| c.text.as_str()));
        push_line(&mut out, std::iter::once(row.id.as_str()).chain(cells));
    }
    out
}

fn push_line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

fn push_field(out: &mut String, field: &str) {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = formula || field.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// An array of objects, one per row: `id`, then each column's key with its text. Written by
/// hand (a few lines) rather than through serde_json's value and pretty printer.
pub fn json(columns: &[Column], rows: &[&Row]) -> String {
    if rows.is_empty() {
        return "[]".into();
    }
    let mut out = String::from("[\n");
    for (n, row) in rows.iter().enumerate() {
        out.push_str("  {\"id\": ");
        push_json_string(&mut out, &row.id);
        for (i, c) in columns.iter().enumerate() {
            out.push_str(", ");
            push_json_string(&mut out, c.key);
            out.push_str(": ");
            push_json_string(
                &mut out,
                row.cells.get(i).map_or("", |cell| cell.text.as_str()),
            );
        }
        out.push_str(if n + 1 < rows.len() { "},\n" } else { "}\n" });
    }
    out.push(']');
    out
}

fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as usize;
                out.push_str("\\u00");
                out.push(HEX[n >> 4] as char);
                out.push(HEX[n & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A file name for an export: `netbird-routes-2026-12-01.csv`.
pub fn file_name(what: &str, date: &str, extension: &str) -> String {
    let what: String = what
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("netbird-{what}-{date}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::listing::Cell;

    const COLUMNS: &[Column] = &[Column::new("name", "Name"), Column::new("note", "Note")];

    fn row(id: &str, name: &str, note: &str) -> Row {
        Row::new(id, vec![Cell::text(name), Cell::text(note)], &[])
    }

    #[test]
    fn csv_quotes_as_rfc_4180_says() {
        let rows = [
            row("1", "plain", "a, b"),
            row("2", "say \"hi\"", "two\nlines"),
        ];
        let refs: Vec<&Row> = rows.iter().collect();
        assert_eq!(
            csv(COLUMNS, &refs),
            "\u{feff}id,Name,Note\r\n1,plain,\"a, b\"\r\n2,\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn csv_never_lets_a_cell_run_as_a_formula() {
        for evil in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            let rows = [row("1", evil, "")];
            let out = csv(COLUMNS, &[&rows[0]]);
            let line = out.split("\r\n").nth(1).unwrap_or_default();
            let field = line.strip_prefix("1,").unwrap_or_default();
            assert!(field.starts_with("\"'"), "{evil:?} → {field:?}");
        }
        // Not a formula: a dash inside, an em dash first.
        let rows = [row("1", "a-b", "— none")];
        assert!(csv(COLUMNS, &[&rows[0]]).ends_with("1,a-b,— none\r\n"));
    }

    #[test]
    fn json_is_an_array_of_objects_keyed_by_column() {
        let rows = [row("r1", "office", "<b>"), row("r2", "q\"\\\n\u{1}✓", "")];
        let refs: Vec<&Row> = rows.iter().collect();
        let v: serde_json::Value = serde_json::from_str(&json(COLUMNS, &refs)).unwrap();
        assert_eq!(
            v,
            serde_json::json!([
                {"id": "r1", "name": "office", "note": "<b>"},
                {"id": "r2", "name": "q\"\\\n\u{1}✓", "note": ""}
            ])
        );
        assert_eq!(json(COLUMNS, &[]), "[]");
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            file_name("Setup keys", "2026-12-01", "csv"),
            "netbird-setup-keys-2026-12-01.csv"
        );
    }
}
