//! Reading an uploaded CSV file: its header, its rows with their line numbers, and the bad
//! values found in them, so a refused file lists every problem at once.

use std::collections::HashMap;

use openapi::RowError;

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

/// Collects the bad values of a file.
#[derive(Default)]
pub struct RowErrors(pub Vec<RowError>);

impl RowErrors {
    pub fn add(&mut self, line: u64, field: &str, message: impl Into<String>) {
        self.0.push(RowError {
            line,
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Parses `bytes` as CSV with a header naming `required` and, optionally, `optional` columns.
/// Header problems and unreadable rows are reported as row errors.
pub fn parse(bytes: &[u8], required: &[&str], optional: &[&str]) -> Result<CsvFile, Vec<RowError>> {
    let mut errors = RowErrors::default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header: Vec<String> = match reader.headers() {
        Ok(header) => header.iter().map(|h| h.to_lowercase()).collect(),
        Err(error) => {
            errors.add(1, "header", format!("the file is not CSV: {error}"));
            return Err(errors.0);
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
                    .zip(record.iter().map(str::to_owned))
                    .collect();
                rows.push(CsvRow { line, values });
            }
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                errors.add(line, "row", format!("cannot be read: {error}"));
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.add(2, "row", "the file has no rows");
    }
    if errors.is_empty() {
        Ok(CsvFile { rows })
    } else {
        Err(errors.0)
    }
}

/// Writes rows as CSV text.
pub fn write(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail but for a bug; a broken row is dropped, not a panic.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}
