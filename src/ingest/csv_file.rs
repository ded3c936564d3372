//! Reading CSV files for a mapping: the text checked (UTF-8, byte-order mark,
//! NUL bytes), the header checked (named, unique columns), every row checked
//! for its number of fields and for oversized fields. Problems name the file,
//! the line, the row and the column.

use super::files::text_of;
use crate::db::{Origin, Problem};
use std::path::Path;

/// The largest field accepted, in bytes (a longer one is almost always a
/// broken quote that swallowed the rest of the file).
pub const MAX_FIELD: usize = 1 << 20;

/// A CSV file read whole: its header and rows.
#[derive(Clone, Debug)]
pub struct CsvTable {
    /// The file as given (for messages and templates).
    pub file: String,
    /// Column names, in order.
    pub headers: Vec<String>,
    /// The data rows.
    pub rows: Vec<CsvRow>,
}

/// One data row.
#[derive(Clone, Debug)]
pub struct CsvRow {
    /// The row as a spreadsheet numbers it: the header is row 1, the first
    /// data row is row 2.
    pub row: usize,
    /// 1-based line where the row starts (differs from `row` after fields
    /// with line breaks).
    pub line: usize,
    /// One value per column.
    pub fields: Vec<String>,
}

impl CsvTable {
    /// The index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// Where in a CSV file a problem is: `file:line`, with `row N, column 'X'`
/// leading the message.
pub fn problem(file: &str, row: &CsvRow, column: Option<&str>, message: &str) -> Problem {
    let at = match column {
        Some(c) => format!("row {}, column '{c}'", row.row),
        None => format!("row {}", row.row),
    };
    Problem::new(format!("{at}: {message}")).origin(Some(&Origin::at(file, row.line)))
}

/// Reads and checks a CSV file from disk.
pub fn read(path: &Path, delimiter: u8) -> Result<CsvTable, Vec<Problem>> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        vec![Problem::new(format!("cannot read: {e}")).origin(Some(&Origin::of(file.as_str())))]
    })?;
    parse(&file, bytes, delimiter)
}

/// Checks and parses the bytes of a CSV file named `file`.
pub fn parse(file: &str, bytes: Vec<u8>, delimiter: u8) -> Result<CsvTable, Vec<Problem>> {
    let text = text_of(file, bytes).map_err(|p| vec![p])?;
    if let Some(line) = super::files::nul_line(&text) {
        return Err(vec![super::files::nul_byte(file, line)]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(vec![Problem::new(
                "the file is empty: a CSV file needs a header row naming its columns",
            )
            .origin(Some(&Origin::at(file, 1)))])
        }
        Some(Err(e)) => return Err(vec![csv_error(file, &e)]),
        Some(Ok(h)) => h,
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut problems = Vec::new();
    let at_header = Origin::at(file, 1);
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            problems.push(
                Problem::new(format!(
                    "header: column {} has no name; name every column",
                    i + 1
                ))
                .origin(Some(&at_header)),
            );
        } else if let Some(first) = headers[..i].iter().position(|x| x == h) {
            problems.push(
                Problem::new(format!(
                    "header: column '{h}' appears twice (columns {} and {})",
                    first + 1,
                    i + 1
                ))
                .origin(Some(&at_header)),
            );
        }
    }
    let mut rows = Vec::new();
    for (index, record) in records.enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_error(file, &e));
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let row = CsvRow {
            row: index + 2,
            line,
            fields: record.iter().map(str::to_string).collect(),
        };
        if row.fields.len() != headers.len() {
            let (column, what) = if row.fields.len() < headers.len() {
                (
                    headers.get(row.fields.len()).cloned(),
                    "is missing from here on",
                )
            } else {
                (None, "is beyond the last column")
            };
            let message = format!(
                "has {} fields but the header has {} columns; field {} {what}",
                row.fields.len(),
                headers.len(),
                row.fields.len().min(headers.len()) + 1
            );
            problems.push(problem(file, &row, column.as_deref(), &message));
            continue;
        }
        if let Some(i) = row.fields.iter().position(|f| f.len() > MAX_FIELD) {
            let message = format!(
                "the field is {} bytes long (at most {MAX_FIELD}); is a quote unclosed?",
                row.fields[i].len()
            );
            problems.push(problem(file, &row, Some(&headers[i]), &message));
            continue;
        }
        rows.push(row);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(CsvTable {
        file: file.to_string(),
        headers,
        rows,
    })
}

fn csv_error(file: &str, e: &csv::Error) -> Problem {
    let line = e.position().map_or(1, |p| p.line() as usize);
    Problem::new(format!("invalid CSV: {e}")).origin(Some(&Origin::at(file, line)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<CsvTable, Vec<Problem>> {
        parse("t.csv", text.as_bytes().to_vec(), b',')
    }

    #[test]
    fn reads_header_rows_and_lines() {
        let t = parse_str("\u{feff}a,b\n1,\"x\ny\"\n2,z\n").unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!((t.rows[1].row, t.rows[1].line), (3, 4));
        assert_eq!(t.rows[0].fields[1], "x\ny");
    }

    #[test]
    fn wrong_field_counts_name_row_and_column() {
        let e = parse_str("a,b,c\n1,2,3\n4,5\n").unwrap_err();
        let msg = e[0].to_string();
        assert!(msg.starts_with("t.csv:3: row 3, column 'c':"), "{msg}");
        let e = parse_str("a,b\n1,2,3\n").unwrap_err();
        assert!(
            e[0].to_string().contains("beyond the last column"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn header_and_text_problems() {
        let e = parse_str("a,,a\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(e[0].to_string().contains("column 2 has no name"));
        assert!(e[1].to_string().contains("'a' appears twice"));
        assert!(parse_str("").unwrap_err()[0].to_string().contains("empty"));
        let e = parse("t.csv", b"a\n\xff\n".to_vec(), b',').unwrap_err();
        assert!(e[0].to_string().starts_with("t.csv:2:"), "{}", e[0]);
    }

    #[test]
    fn huge_fields_are_refused() {
        let text = format!("a,b\n1,\"{}\"\n", "x".repeat(MAX_FIELD + 1));
        let e = parse_str(&text).unwrap_err();
        assert!(e[0].to_string().contains("row 2, column 'b'"), "{}", e[0]);
    }
}
