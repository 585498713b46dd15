//! Money and numbers as people read them in each locale (`R$ 1.234,56`, `US$ 1,234.56`), from
//! exact decimals, never through floats. Shared by the emails and the web app.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::tenancy::{Currency, Locale};

/// The thousands and decimal separators of a locale.
fn separators(locale: Locale) -> (char, char) {
    match locale {
        Locale::PtBr | Locale::Es => ('.', ','),
        Locale::En => (',', '.'),
    }
}

/// A number rounded half-even to `decimals` places, grouped in thousands.
pub fn number(value: Decimal, decimals: u32, locale: Locale) -> String {
    let (thousands, point) = separators(locale);
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointNearestEven);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{fraction}")
    }
}

/// An amount with its currency's symbol and minor units: `R$ 1.234,56`.
pub fn money(value: Decimal, currency: Currency, locale: Locale) -> String {
    let digits = number(value.abs(), currency.minor_units(), locale);
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{} {digits}", currency.symbol())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn money_per_locale() {
        assert_eq!(
            money(d("1234.56"), Currency::BRL, Locale::PtBr),
            "R$ 1.234,56"
        );
        assert_eq!(
            money(d("1234.56"), Currency::USD, Locale::En),
            "US$ 1,234.56"
        );
        assert_eq!(
            money(d("1234567.5"), Currency::ARS, Locale::Es),
            "$ 1.234.567,50"
        );
        assert_eq!(money(d("0.125"), Currency::BRL, Locale::En), "R$ 0.12");
        assert_eq!(money(d("1500"), Currency::CLP, Locale::Es), "$ 1.500");
        assert_eq!(money(d("-5"), Currency::BRL, Locale::PtBr), "-R$ 5,00");
        assert_eq!(number(d("999.995"), 2, Locale::En), "1,000.00");
    }
}
