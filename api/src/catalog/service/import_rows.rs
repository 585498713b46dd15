//! The rows of a catalog file, read and checked without the database: the columns, each
//! value's rules, and the SKUs and barcodes a file may name only once.

use std::collections::{BTreeMap, HashSet};
use std::str::FromStr;

use openapi::catalog::VariantIn;
use openapi::checks;
use rust_decimal::Decimal;

use crate::import_file::{CsvFile, CsvRow, RowErrors};

pub const COLUMNS: [&str; 8] = [
    "product_name",
    "sku",
    "price",
    "barcode",
    "cost",
    "weight_grams",
    "ncm",
    "options",
];

pub const REQUIRED: [&str; 3] = ["product_name", "sku", "price"];

/// One checked row.
pub struct Row {
    pub line: u64,
    pub product_name: String,
    pub variant: VariantIn,
    pub ncm: Option<String>,
}

/// The `options` column: `size=M;colour=blue`.
pub fn options_text(options: &BTreeMap<String, String>) -> String {
    options
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

fn parse_options(text: &str) -> Option<BTreeMap<String, String>> {
    text.split(';')
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=')?;
            let (key, value) = (key.trim(), value.trim());
            (!key.is_empty() && !value.is_empty()).then(|| (key.to_owned(), value.to_owned()))
        })
        .collect()
}

/// Every row that passes its checks; the others' problems go to `errors`, as does a SKU or
/// barcode that an earlier line already named.
pub fn check_rows(file: &CsvFile, errors: &mut RowErrors) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut seen_skus = HashSet::new();
    let mut seen_barcodes = HashSet::new();
    for csv_row in &file.rows {
        let Some(row) = check_row(csv_row, errors) else {
            continue;
        };
        if !seen_skus.insert(row.variant.sku.clone()) {
            errors.add(row.line, "sku", "appears on an earlier line of this file");
            continue;
        }
        if let Some(code) = &row.variant.barcode
            && !seen_barcodes.insert(code.clone())
        {
            errors.add(
                row.line,
                "barcode",
                "appears on an earlier line of this file",
            );
            continue;
        }
        rows.push(row);
    }
    rows
}

fn check_row(row: &CsvRow, errors: &mut RowErrors) -> Option<Row> {
    let line = row.line;
    let before = errors.count();
    let product_name = row.get("product_name").unwrap_or_default().to_owned();
    if product_name.is_empty() || product_name.chars().count() > 200 {
        errors.add(
            line,
            "product_name",
            "must have between 1 and 200 characters",
        );
    }
    let sku = row.get("sku").unwrap_or_default().to_owned();
    if sku.chars().count() > 64 || checks::sku(&sku).is_err() {
        errors.add(
            line,
            "sku",
            "is required: letters, digits, '-', '_', '.', '/' (64 at most)",
        );
    }
    let price = money(row, "price", true, errors);
    let cost = money(row, "cost", false, errors);
    let barcode = row.get("barcode").map(str::to_owned);
    if let Some(code) = &barcode
        && checks::gtin(code).is_err()
    {
        errors.add(
            line,
            "barcode",
            format!("`{code}` is not a GTIN with a right check digit"),
        );
    }
    let weight_grams = match row.get("weight_grams") {
        None => None,
        Some(text) => match text.parse::<i32>() {
            Ok(grams) if (0..=1_000_000).contains(&grams) => Some(grams),
            _ => {
                errors.add(
                    line,
                    "weight_grams",
                    "must be a whole number from 0 to 1000000",
                );
                None
            }
        },
    };
    let ncm = row.get("ncm").map(str::to_owned);
    if let Some(code) = &ncm
        && checks::ncm(code).is_err()
    {
        errors.add(line, "ncm", "must be 8 digits");
    }
    let options = match row.get("options") {
        None => BTreeMap::new(),
        Some(text) => parse_options(text).unwrap_or_else(|| {
            errors.add(line, "options", "must read like size=M;colour=blue");
            BTreeMap::new()
        }),
    };
    if errors.count() > before {
        return None;
    }
    Some(Row {
        line,
        product_name,
        variant: VariantIn {
            sku,
            barcode,
            options,
            price: price.unwrap_or_default(),
            cost,
            weight_grams,
            length_mm: None,
            width_mm: None,
            height_mm: None,
        },
        ncm,
    })
}

fn money(row: &CsvRow, column: &str, required: bool, errors: &mut RowErrors) -> Option<Decimal> {
    match row.get(column) {
        None if required => {
            errors.add(row.line, column, "is required");
            None
        }
        None => None,
        Some(text) => match Decimal::from_str(text) {
            Ok(value) if checks::money(&value).is_ok() => Some(value),
            _ => {
                errors.add(
                    row.line,
                    column,
                    format!(
                        "`{text}` is not an amount such as 59.90 (0 or more, 4 decimals at most)"
                    ),
                );
                None
            }
        },
    }
}
