//! An order's money: every total computed here, in `Decimal`, rounded half-even to the
//! currency's minor unit.

use openapi::tenancy::Currency;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::orders::error::OrderError;

pub struct LinePrice {
    pub unit_price: Decimal,
    pub quantity: i64,
    pub discount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub line_totals: Vec<Decimal>,
    pub subtotal: Decimal,
    pub discount: Decimal,
    pub shipping_fee: Decimal,
    pub total: Decimal,
}

/// Half-even to the currency's minor unit, always shown with that many places (`0.00`).
pub fn round(value: Decimal, currency: Currency) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(
        currency.minor_units(),
        RoundingStrategy::MidpointNearestEven,
    );
    rounded.rescale(currency.minor_units());
    rounded
}

/// An amount of money paid or refunded: no finer than the currency's minor unit.
pub fn exact_amount(
    value: Decimal,
    currency: Currency,
    field: &str,
) -> Result<Decimal, OrderError> {
    if value.normalize().scale() > currency.minor_units() {
        return Err(OrderError::invalid(
            field,
            format!(
                "{} has at most {} decimal places",
                currency.as_str(),
                currency.minor_units()
            ),
        ));
    }
    Ok(round(value, currency))
}

/// The totals of lines, an order discount and a shipping fee. A discount larger than what it
/// is taken from is refused, naming the field.
pub fn compute(
    lines: &[LinePrice],
    discount: Decimal,
    shipping_fee: Decimal,
    currency: Currency,
) -> Result<Totals, OrderError> {
    let mut line_totals = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let gross = round(line.unit_price * Decimal::from(line.quantity), currency);
        let discount = round(line.discount, currency);
        if discount > gross {
            return Err(OrderError::invalid(
                format!("lines[{i}].discount"),
                format!("is more than the line's {gross}"),
            ));
        }
        line_totals.push(gross - discount);
    }
    let subtotal: Decimal = line_totals.iter().sum();
    let discount = round(discount, currency);
    if discount > subtotal {
        return Err(OrderError::invalid(
            "discount",
            format!("is more than the subtotal {subtotal}"),
        ));
    }
    let shipping_fee = round(shipping_fee, currency);
    Ok(Totals {
        total: subtotal - discount + shipping_fee,
        line_totals,
        subtotal,
        discount,
        shipping_fee,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn half_even_per_line_then_summed() {
        let lines = [
            LinePrice {
                unit_price: d("0.125"),
                quantity: 1,
                discount: d("0"),
            },
            LinePrice {
                unit_price: d("0.135"),
                quantity: 1,
                discount: d("0"),
            },
            LinePrice {
                unit_price: d("19.90"),
                quantity: 3,
                discount: d("5"),
            },
        ];
        let totals = compute(&lines, d("1.005"), d("12.5"), Currency::BRL);
        let totals = totals.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(totals.line_totals, vec![d("0.12"), d("0.14"), d("54.70")]);
        assert_eq!(totals.subtotal, d("54.96"));
        assert_eq!(totals.discount, d("1.00"));
        assert_eq!(totals.total, d("66.46"));
    }

    #[test]
    fn a_discount_above_the_subtotal_names_its_field() {
        let lines = [LinePrice {
            unit_price: d("10"),
            quantity: 1,
            discount: d("0"),
        }];
        match compute(&lines, d("11"), d("0"), Currency::CLP) {
            Err(OrderError::Invalid { field, .. }) => assert_eq!(field, "discount"),
            other => panic!("{other:?}"),
        }
    }
}
