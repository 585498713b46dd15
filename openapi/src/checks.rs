//! Field checks shared by the server and the web app (custom `validator` functions).

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::de::{Deserialize, Deserializer, Error, Unexpected};
use validator::ValidationError;

fn error(code: &'static str, message: &'static str) -> ValidationError {
    ValidationError::new(code).with_message(Cow::Borrowed(message))
}

/// A GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) whose check digit is right.
/// Whitespace as a JSON Schema pattern's `\s` means it (ECMA-262), which differs from Rust's
/// `char::is_whitespace` (U+0085 is not one, U+FEFF is).
fn pattern_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Text with something in it besides whitespace (the schema's `\S` pattern).
pub fn not_blank(text: &str) -> Result<(), ValidationError> {
    if text.chars().all(pattern_space) {
        let mut error = ValidationError::new("blank");
        error.message = Some("must not be blank".into());
        return Err(error);
    }
    Ok(())
}

/// An `http://` or `https://` address without whitespace (the schema's `^https?://\S+$`).
pub fn web_address(text: &str) -> Result<(), ValidationError> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.chars().any(pattern_space) => Ok(()),
        _ => Err(error("web_address", "must be an http or https address")),
    }
}

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

/// A carrier's tracking code (or event id): letters, digits and `-`.
pub fn tracking_code(code: &str) -> Result<(), ValidationError> {
    if !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(())
    } else {
        Err(error(
            "tracking_code",
            "may hold only letters, digits and '-'",
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

/// A balance: money that may be negative, at most 4 decimal places, within a trillion.
pub fn signed_money(value: &Decimal) -> Result<(), ValidationError> {
    money(&value.abs())
}

/// A percentage: `0` to `100`, at most 4 decimal places.
pub fn percent(value: &Decimal) -> Result<(), ValidationError> {
    if value.is_sign_negative() || *value > Decimal::ONE_HUNDRED {
        return Err(error("percent", "must be from 0 to 100"));
    }
    if value.scale() > 4 {
        return Err(error("percent", "may have at most 4 decimal places"));
    }
    Ok(())
}

/// Money in a body is text in its plain form only (`59.90`: digits, then maybe a point and
/// digits), as the document's pattern says (what else this reads, `money` refuses);
/// rust_decimal alone would also read `+1`, `.5`, `5.`, `1_000` and `1e3`. For
/// `#[serde(deserialize_with)]`.
pub fn plain_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_plain(&text)
        .ok_or_else(|| D::Error::invalid_value(Unexpected::Str(&text), &"an amount such as 59.90"))
}

/// `plain_decimal` of an optional amount.
pub fn plain_decimal_opt<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    parse_plain(&text)
        .map(Some)
        .ok_or_else(|| D::Error::invalid_value(Unexpected::Str(&text), &"an amount such as 59.90"))
}

/// `-` is read, so that `checks::money` names a negative amount along with the body's other
/// bad fields rather than the reading stopping at it.
fn parse_plain(text: &str) -> Option<Decimal> {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let plain = match unsigned.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(unsigned),
    };
    plain.then(|| text.parse().ok()).flatten()
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

/// A Brazilian CPF (11 digits) or CNPJ (14 digits) with right check digits; dots, dashes and
/// slashes are allowed between digits.
pub fn cpf_or_cnpj(text: &str) -> Result<(), ValidationError> {
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    let separators_only = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '/' | ' '));
    let valid = separators_only
        && match digits.len() {
            11 => cpf_digits_ok(&digits),
            14 => cnpj_digits_ok(&digits),
            _ => false,
        };
    if valid {
        Ok(())
    } else {
        Err(error(
            "tax_id",
            "must be a valid CPF (11 digits) or CNPJ (14 digits)",
        ))
    }
}

/// An NF-e access key: 44 digits, the last a check digit of the other 43 (modulo 11,
/// weights 2 to 9 from the right).
pub fn fiscal_access_key(key: &str) -> Result<(), ValidationError> {
    let digits: Vec<u32> = key.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 44 || key.len() != 44 {
        return Err(error("access_key", "must be 44 digits"));
    }
    let (body, check) = digits.split_at(43);
    if access_key_digit(body) == check[0] {
        Ok(())
    } else {
        Err(error("access_key", "has a wrong check digit"))
    }
}

/// The check digit of an NF-e access key's first 43 digits.
pub fn access_key_digit(body: &[u32]) -> u32 {
    let sum: u32 = body
        .iter()
        .rev()
        .zip((2..=9).cycle())
        .map(|(digit, weight)| digit * weight)
        .sum();
    mod11_digit(sum)
}

fn mod11_digit(sum: u32) -> u32 {
    let rest = sum % 11;
    if rest < 2 { 0 } else { 11 - rest }
}

fn cpf_digits_ok(d: &[u32]) -> bool {
    if d.iter().all(|x| *x == d[0]) {
        return false;
    }
    let first: u32 = (0..9).map(|i| d[i] * (10 - i as u32)).sum();
    let second: u32 = (0..10).map(|i| d[i] * (11 - i as u32)).sum();
    mod11_digit(first) == d[9] && mod11_digit(second) == d[10]
}

fn cnpj_digits_ok(d: &[u32]) -> bool {
    if d.iter().all(|x| *x == d[0]) {
        return false;
    }
    const W1: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const W2: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let first: u32 = W1.iter().zip(d).map(|(w, x)| w * x).sum();
    let second: u32 = W2.iter().zip(d).map(|(w, x)| w * x).sum();
    mod11_digit(first) == d[12] && mod11_digit(second) == d[13]
}

/// Whether a postal code has the form its country uses (ISO 3166 alpha-2). Countries without
/// a known form accept any 2 to 12 letters, digits, spaces and dashes.
pub fn postal_code_fits(country: &str, code: &str) -> bool {
    let code = code.trim();
    let digits = |n: usize, text: &str| text.len() == n && text.chars().all(|c| c.is_ascii_digit());
    match country {
        "BR" => digits(8, &code.replace('-', "")) && (code.len() == 8 || code.find('-') == Some(5)),
        "US" => {
            digits(5, code)
                || (code.len() == 10
                    && digits(5, &code[..5])
                    && code.as_bytes()[5] == b'-'
                    && digits(4, &code[6..]))
        }
        "AR" => {
            digits(4, code)
                || (code.len() == 8
                    && code.chars().enumerate().all(|(i, c)| {
                        if (1..=4).contains(&i) {
                            c.is_ascii_digit()
                        } else {
                            c.is_ascii_uppercase()
                        }
                    }))
        }
        "MX" | "UY" | "PE" | "ES" | "DE" | "FR" | "IT" => digits(5, code),
        "CL" => digits(7, code),
        "CO" => digits(6, code),
        "PY" => digits(4, code) || digits(6, code),
        "PT" => {
            code.len() == 8
                && digits(4, &code[..4])
                && code.as_bytes()[4] == b'-'
                && digits(3, &code[5..])
        }
        _ => {
            (2..=12).contains(&code.len())
                && code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        }
    }
}

/// An ISO 3166 alpha-2 country code (two capital letters).
pub fn country(code: &str) -> Result<(), ValidationError> {
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(error(
            "country",
            "must be an ISO 3166 country code such as BR",
        ))
    }
}

#[cfg(test)]
mod brazilian_ids {
    use super::*;

    #[test]
    fn cpf_and_cnpj_check_digits() {
        assert!(cpf_or_cnpj("529.982.247-25").is_ok());
        assert!(cpf_or_cnpj("529.982.247-26").is_err());
        assert!(cpf_or_cnpj("111.111.111-11").is_err());
        assert!(cpf_or_cnpj("11.222.333/0001-81").is_ok());
        assert!(cpf_or_cnpj("11.222.333/0001-82").is_err());
        assert!(cpf_or_cnpj("1234").is_err());
    }

    #[test]
    fn nfe_access_key_check_digit() {
        // The example key of SEFAZ's *Manual de Orientação do Contribuinte* (check digit 5).
        assert!(fiscal_access_key("52060433009911002506550120000007800267301615").is_ok());
        assert!(fiscal_access_key("52060433009911002506550120000007800267301614").is_err());
        // A remainder of 0 or 1 gives the check digit 0.
        assert!(fiscal_access_key("35261112345678000190550010000000011000000040").is_ok());
        assert!(fiscal_access_key("35261112345678000190550010000000011000000041").is_err());
        assert!(fiscal_access_key("5206043300991100250655012000000780026730161").is_err());
        assert!(fiscal_access_key("5206043300991100250655012000000780026730161x").is_err());
        assert!(fiscal_access_key("5206043300991100250655012000000780026730161５").is_err());
    }

    #[test]
    fn postal_codes_per_country() {
        assert!(postal_code_fits("BR", "01310-100"));
        assert!(postal_code_fits("BR", "01310100"));
        assert!(!postal_code_fits("BR", "0131-0100"));
        assert!(!postal_code_fits("BR", "1234"));
        assert!(postal_code_fits("AR", "C1425DKH"));
        assert!(postal_code_fits("US", "94103-1234"));
        assert!(!postal_code_fits("CL", "123"));
    }
}
