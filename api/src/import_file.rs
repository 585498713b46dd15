//! Reading an uploaded CSV file: its header, its rows with their line numbers, and the bad
//! values found in them, so a refused file lists its problems at once (the first
//! `LISTED_ROW_ERRORS` by line, with how many there were in all).

use std::collections::HashMap;

use openapi::RowError;

use crate::csv_export;

/// Rows an import writes per transaction, so that a big file never holds the database's
/// write lock (all of it, on SQLite) for long.
pub const CHUNK_ROWS: usize = 500;

/// Bad values a refused file lists at most; the problem also counts them all.
pub const LISTED_ROW_ERRORS: usize = 1000;

/// What an import is asked to do.
pub struct ImportRequest<'a> {
    pub file: &'a [u8],
    /// Check and count only.
    pub dry_run: bool,
    /// Rows the file may hold (`RETAGUARDA_IMPORT_MAX_ROWS`).
    pub max_rows: usize,
}

/// A parsed CSV file: rows of named values.
pub struct CsvFile {
    pub rows: Vec<CsvRow>,
}

pub struct CsvRow {
    /// Line in the file (the header is line 1).
    pub line: u64,
    values: HashMap<String, String>,
}

impl CsvRow {
    /// The trimmed value of a column; `None` when absent or empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.values
            .get(column)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// Why a file was refused.
#[derive(Debug)]
pub enum FileError {
    BadRows(BadRows),
    /// More rows than `RETAGUARDA_IMPORT_MAX_ROWS`; nothing of it was read further.
    TooManyRows {
        limit: usize,
    },
}

/// The bad values of a refused file: the first `LISTED_ROW_ERRORS` by line, how many there
/// were, and how many rows had been imported when they were found (0 when found before any
/// row was written, which is the rule; see the imports' modules for the exception).
#[derive(Debug, Clone, Default)]
pub struct BadRows {
    pub listed: Vec<RowError>,
    pub total: usize,
    pub written: usize,
}

impl BadRows {
    pub fn new(listed: Vec<RowError>) -> BadRows {
        BadRows {
            total: listed.len(),
            listed,
            written: 0,
        }
    }
}

impl BadRows {
    /// The problem's detail, as `Display` writes it in English.
    pub fn message(&self) -> crate::i18n::Message {
        use crate::i18n::{Key, Message};
        let total = i64::try_from(self.total).unwrap_or(i64::MAX);
        match self.written {
            0 => Message::new(Key::ProblemBadValues).with("total", total),
            written => Message::new(Key::ProblemBadValuesAfter)
                .with("total", total)
                .with("written", i64::try_from(written).unwrap_or(i64::MAX)),
        }
    }
}

impl std::fmt::Display for BadRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = self.total;
        match self.written {
            0 => write!(f, "the file has {total} bad value(s); nothing was imported"),
            written => write!(
                f,
                "the file has {total} bad value(s), found after {written} row(s) were \
                 imported: correct them and send the whole file again"
            ),
        }
    }
}

/// Collects the bad values of a file, keeping the first `LISTED_ROW_ERRORS` by line.
#[derive(Default)]
pub struct RowErrors {
    listed: Vec<RowError>,
    total: usize,
}

impl RowErrors {
    pub fn add(&mut self, line: u64, field: &str, message: impl Into<String>) {
        self.total += 1;
        self.listed.push(RowError {
            line,
            field: field.to_owned(),
            message: message.into(),
        });
        // Errors come mostly, not only, in line order: keep the lowest lines seen so far,
        // trimming now and then rather than at every error.
        if self.listed.len() >= 2 * LISTED_ROW_ERRORS {
            self.trim();
        }
    }

    /// How many were added.
    pub fn count(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// `Ok` when none were added; otherwise the errors by line, `written` rows having been
    /// imported before they were found.
    pub fn check(mut self, written: usize) -> Result<(), BadRows> {
        if self.is_empty() {
            return Ok(());
        }
        self.trim();
        Err(BadRows {
            listed: self.listed,
            total: self.total,
            written,
        })
    }

    fn trim(&mut self) {
        // Stable: the errors of one line keep the order of its columns.
        self.listed.sort_by_key(|e| e.line);
        self.listed.truncate(LISTED_ROW_ERRORS);
    }
}

/// Parses `bytes` as CSV with a header naming `required` and, optionally, `optional` columns,
/// of at most `max_rows` rows. Header problems and unreadable rows are reported as row
/// errors. Every value is read through `csv_export::restore`, so an exported file imports as
/// it was exported.
pub fn parse(
    bytes: &[u8],
    required: &[&str],
    optional: &[&str],
    max_rows: usize,
) -> Result<CsvFile, FileError> {
    let mut errors = RowErrors::default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header: Vec<String> = match reader.headers() {
        Ok(header) => header.iter().map(|h| h.to_lowercase()).collect(),
        Err(error) => {
            errors.add(1, "header", format!("the file is not CSV: {error}"));
            return Err(FileError::BadRows(BadRows::new(errors.listed)));
        }
    };
    for column in required {
        if !header.iter().any(|h| h == column) {
            errors.add(1, column, "this column is missing from the header");
        }
    }
    for column in &header {
        if !required.contains(&column.as_str()) && !optional.contains(&column.as_str()) {
            errors.add(1, column, "is not a column this import knows");
        }
    }
    let mut rows = Vec::new();
    let mut unreadable = 0;
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.iter().all(|value| value.is_empty()) {
                    continue;
                }
                let values = header
                    .iter()
                    .cloned()
                    .zip(record.iter().map(|v| csv_export::restore(v).to_owned()))
                    .collect();
                rows.push(CsvRow { line, values });
            }
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                errors.add(line, "row", format!("cannot be read: {error}"));
                unreadable += 1;
            }
        }
        if rows.len() + unreadable > max_rows {
            return Err(FileError::TooManyRows { limit: max_rows });
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.add(2, "row", "the file has no rows");
    }
    errors.check(0).map_err(FileError::BadRows)?;
    Ok(CsvFile { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_row_limit_is_refused_as_such() {
        let file = "sku,on_hand\nA,1\nB,2\n\nC,3\n";
        assert!(parse(file.as_bytes(), &["sku", "on_hand"], &[], 3).is_ok());
        assert!(matches!(
            parse(file.as_bytes(), &["sku", "on_hand"], &[], 2),
            Err(FileError::TooManyRows { limit: 2 })
        ));
    }

    #[test]
    fn the_first_errors_by_line_are_kept_and_all_are_counted() {
        let mut errors = RowErrors::default();
        for line in (2..5000).rev() {
            errors.add(line, "sku", "is required");
        }
        errors.add(1, "header", "is not CSV");
        let Err(bad) = errors.check(0) else {
            panic!("errors were added");
        };
        assert_eq!((bad.total, bad.listed.len()), (4999, LISTED_ROW_ERRORS));
        let lines: Vec<u64> = bad.listed.iter().map(|e| e.line).collect();
        assert_eq!(lines, (1..=1000).collect::<Vec<u64>>());
    }

    #[test]
    fn values_are_read_back_as_the_export_wrote_them() {
        let file = "name,sku\n\"'=HYPERLINK(\"\"x\"\")\",'-A\n'plain,-5\n";
        let Ok(parsed) = parse(file.as_bytes(), &["name", "sku"], &[], 10) else {
            panic!("the file is good");
        };
        let cells: Vec<(Option<&str>, Option<&str>)> = parsed
            .rows
            .iter()
            .map(|row| (row.get("name"), row.get("sku")))
            .collect();
        assert_eq!(
            cells,
            [
                (Some("=HYPERLINK(\"x\")"), Some("-A")),
                (Some("'plain"), Some("-5")),
            ]
        );
    }
}
