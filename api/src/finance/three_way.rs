//! The three-way check of a supplier bill's line, apart from the database: what was ordered,
//! what was received and what is billed (with the earlier bills of the same purchase order
//! line), at what unit cost.

use openapi::finance::BillMismatch;
use openapi::tenancy::Currency;
use rust_decimal::Decimal;

use crate::orders::totals::round;

/// A purchase order line as the check sees it.
pub struct Ordered {
    pub ordered: i64,
    pub received: i64,
    /// Billed by earlier bills.
    pub billed_before: i64,
    pub unit_cost: Decimal,
}

/// What a bill's line charges and how it disagrees with the purchase order.
#[derive(Debug, PartialEq, Eq)]
pub struct Checked {
    pub total: Decimal,
    /// Charged beyond the units received and not billed yet, at the ordered cost (negative
    /// when billed for less).
    pub difference: Decimal,
    pub mismatches: Vec<BillMismatch>,
}

pub fn check(line: &Ordered, quantity: i64, unit_cost: Decimal, currency: Currency) -> Checked {
    let total = round(unit_cost * Decimal::from(quantity), currency);
    let unbilled = (line.received - line.billed_before).max(0);
    let agreed = round(
        line.unit_cost * Decimal::from(quantity.min(unbilled)),
        currency,
    );
    let billed = line.billed_before + quantity;
    let mut mismatches = Vec::new();
    if billed > line.received {
        mismatches.push(BillMismatch::OverReceived);
    }
    if billed > line.ordered {
        mismatches.push(BillMismatch::OverOrdered);
    }
    if unit_cost != line.unit_cost {
        mismatches.push(BillMismatch::UnitCost);
    }
    Checked {
        total,
        difference: total - agreed,
        mismatches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    fn line(ordered: i64, received: i64, billed_before: i64) -> Ordered {
        Ordered {
            ordered,
            received,
            billed_before,
            unit_cost: d("21.30"),
        }
    }

    #[test]
    fn a_bill_of_what_was_received_at_the_ordered_cost_agrees() {
        let checked = check(&line(24, 24, 0), 24, d("21.30"), Currency::BRL);
        assert_eq!(checked.total, d("511.20"));
        assert_eq!(checked.difference, d("0"));
        assert!(checked.mismatches.is_empty());
    }

    #[test]
    fn billing_more_than_received_or_at_another_cost_is_a_difference() {
        let checked = check(&line(24, 20, 0), 24, d("21.30"), Currency::BRL);
        assert_eq!(checked.mismatches, vec![BillMismatch::OverReceived]);
        assert_eq!(checked.difference, d("85.20"));
        let checked = check(&line(24, 24, 20), 10, d("22.00"), Currency::BRL);
        assert_eq!(
            checked.mismatches,
            vec![
                BillMismatch::OverReceived,
                BillMismatch::OverOrdered,
                BillMismatch::UnitCost
            ]
        );
        assert_eq!(checked.difference, d("220.00") - d("85.20"));
    }
}
