//! Field checks shared by the server and the web app (custom `validator` functions).

use std::borrow::Cow;

use rust_decimal::Decimal;
use validator::ValidationError;

fn error(code: &'static str, message: &'static str) -> ValidationError {
    ValidationError::new(code).with_message(Cow::Borrowed(message))
}

/// A GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) whose check digit is right.
pub fn gtin(code: &str) -> Result<(), ValidationError> {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != code.len() || ![8, 12, 13, 14].contains(&digits.len()) {
        return Err(error("gtin", "must be a GTIN of 8, 12, 13 or 14 digits"));
    }
    let (body, check) = digits.split_at(digits.len() - 1);
    // Weights 3,1,3,1… from the digit next to the check digit leftwards.
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    if (10 - sum % 10) % 10 == check[0] {
        Ok(())
    } else {
        Err(error("gtin", "has a wrong check digit"))
    }
}

/// A SKU: letters, digits, `-`, `_`, `.` and `/`.
pub fn sku(sku: &str) -> Result<(), ValidationError> {
    if !sku.is_empty()
        && sku
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        Ok(())
    } else {
        Err(error(
            "sku",
            "may hold only letters, digits, '-', '_', '.' and '/'",
        ))
    }
}

/// A Brazilian NCM code: 8 digits.
pub fn ncm(code: &str) -> Result<(), ValidationError> {
    if code.len() == 8 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(error("ncm", "must be 8 digits"))
    }
}

/// Money: not negative, at most 4 decimal places, below a trillion.
pub fn money(value: &Decimal) -> Result<(), ValidationError> {
    if value.is_sign_negative() {
        return Err(error("money", "must not be negative"));
    }
    if value.scale() > 4 {
        return Err(error("money", "may have at most 4 decimal places"));
    }
    if *value >= Decimal::from(1_000_000_000_000i64) {
        return Err(error("money", "is too large"));
    }
    Ok(())
}

/// A positive quantity of units.
pub fn positive(value: i64) -> Result<(), ValidationError> {
    if value > 0 {
        Ok(())
    } else {
        Err(error("positive", "must be greater than 0"))
    }
}

/// A non-zero change of a quantity.
pub fn non_zero(value: i64) -> Result<(), ValidationError> {
    if value != 0 {
        Ok(())
    } else {
        Err(error("non_zero", "must not be 0"))
    }
}
