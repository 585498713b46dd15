//! A bank statement's CSV read all or nothing (`date`, `amount`, `description`, optional
//! `reference`), and the fingerprint that recognises a line imported before.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::finance::error::FinanceError;
use crate::import_file::{self, ImportRequest, RowErrors};

const REQUIRED: [&str; 3] = ["date", "amount", "description"];
const COLUMNS: [&str; 1] = ["reference"];

/// A statement line as read from the file.
pub struct StatementLine {
    pub line_no: i32,
    pub booked_on: NaiveDate,
    pub amount: Decimal,
    pub description: String,
    pub reference: Option<String>,
}

/// `2026-12-04` or `04/12/2026`.
fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// `1234.56`, `-12.00`, or as Brazilian banks write it, `1.234,56`.
fn money(text: &str) -> Option<Decimal> {
    let plain = if text.contains(',') {
        text.replace('.', "").replace(',', ".")
    } else {
        text.to_owned()
    };
    plain.parse::<Decimal>().ok().filter(|a| a.scale() <= 4)
}

/// Reads the file: every bad value named by its line, nothing kept when there is one.
pub fn parse_statement(request: &ImportRequest<'_>) -> Result<Vec<StatementLine>, FinanceError> {
    let file = import_file::parse(request.file, &REQUIRED, &COLUMNS, request.max_rows)?;
    let mut errors = RowErrors::default();
    let mut lines = Vec::with_capacity(file.rows.len());
    for row in &file.rows {
        let booked_on = row.get("date").and_then(day);
        let amount = row.get("amount").and_then(money);
        let description = row.get("description").unwrap_or_default();
        if booked_on.is_none() {
            errors.add(
                row.line,
                "date",
                "must be a date such as 2026-12-04 or 04/12/2026",
            );
        }
        if amount.is_none_or(|a| a.is_zero()) {
            errors.add(
                row.line,
                "amount",
                "must be an amount other than 0, such as 119.80",
            );
        }
        if description.chars().count() > 500 {
            errors.add(row.line, "description", "must be at most 500 characters");
        }
        if let (Some(booked_on), Some(amount)) = (booked_on, amount) {
            lines.push(StatementLine {
                line_no: i32::try_from(row.line).unwrap_or(i32::MAX),
                booked_on,
                amount,
                description: description.to_owned(),
                reference: row.get("reference").map(str::to_owned),
            });
        }
    }
    errors
        .check(0)
        .map_err(|rows| FinanceError::BadFile(Box::new(rows)))?;
    Ok(lines)
}

/// The same line imported again has the same fingerprint: its date, amount, reference and
/// description, and how many equal lines came before it in its file.
pub(super) fn fingerprints(lines: &[StatementLine]) -> Vec<String> {
    let mut seen = std::collections::HashMap::new();
    lines
        .iter()
        .map(|line| {
            let key = format!(
                "{}|{}|{}|{}",
                line.booked_on,
                line.amount.normalize(),
                line.reference.as_deref().unwrap_or(""),
                line.description
            );
            let count = seen.entry(key.clone()).or_insert(0u32);
            *count += 1;
            hex::encode(Sha256::digest(format!("{key}|{count}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_days_read_as_banks_write_them() {
        assert_eq!(money("1.234,56"), "1234.56".parse().ok());
        assert_eq!(money("-12.00"), "-12.00".parse().ok());
        assert_eq!(money("12,5"), "12.5".parse().ok());
        assert_eq!(money("abc"), None);
        assert_eq!(day("04/12/2026"), NaiveDate::from_ymd_opt(2026, 12, 4));
        assert_eq!(day("2026-12-04"), NaiveDate::from_ymd_opt(2026, 12, 4));
        assert_eq!(day("2026-13-04"), None);
    }
}
