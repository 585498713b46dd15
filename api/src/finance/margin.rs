//! The arithmetic of contribution margins, apart from the database: an order's amounts shared
//! out over its lines in the currency's minor unit so that the shares add up exactly, the
//! fees of a channel and a payment method, and each line's margin.

use openapi::finance::FeeIn;
use openapi::tenancy::Currency;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::orders::totals::round;

/// A percentage of an amount plus a fixed sum, rounded to the currency's minor unit.
pub fn fee(fee: &FeeIn, base: Decimal, currency: Currency) -> Decimal {
    round(
        base * fee.percent / Decimal::ONE_HUNDRED + fee.fixed,
        currency,
    )
}

/// `total` shared out over `weights` pro rata, each share in the currency's minor unit, the
/// units left over by rounding down given to the largest remainders (the first of equals):
/// the shares add up to `total` exactly and none has the other sign. Weights below zero count
/// as zero; when all are zero the last share takes everything.
pub fn share(total: Decimal, weights: &[Decimal], currency: Currency) -> Vec<Decimal> {
    let Some(last) = weights.len().checked_sub(1) else {
        return Vec::new();
    };
    let weights: Vec<Decimal> = weights.iter().map(|w| (*w).max(Decimal::ZERO)).collect();
    let sum: Decimal = weights.iter().sum();
    let mut shares = vec![Decimal::ZERO; weights.len()];
    if sum.is_zero() {
        shares[last] = total;
        return shares;
    }
    let (magnitude, sign) = (
        total.abs(),
        if total.is_sign_negative() {
            -Decimal::ONE
        } else {
            Decimal::ONE
        },
    );
    let exact: Vec<Decimal> = weights.iter().map(|w| magnitude * *w / sum).collect();
    for (share, exact) in shares.iter_mut().zip(&exact) {
        *share = exact.round_dp_with_strategy(currency.minor_units(), RoundingStrategy::ToZero);
    }
    let unit = Decimal::new(1, currency.minor_units());
    let mut left = magnitude - shares.iter().sum::<Decimal>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - shares[b])
            .cmp(&(exact[a] - shares[a]))
            .then(a.cmp(&b))
    });
    for index in order.into_iter().cycle() {
        if left < unit {
            break;
        }
        shares[index] += unit;
        left -= unit;
    }
    // A total finer than the minor unit keeps its last fraction on the last line.
    shares[last] += left;
    shares.iter().map(|share| *share * sign).collect()
}

/// A line as it was sold.
pub struct LineSale {
    /// Unit price × quantity.
    pub price: Decimal,
    /// The line's own discount.
    pub discount: Decimal,
    pub quantity: i64,
    /// Average cost of a unit when it was sold.
    pub unit_cost: Decimal,
}

/// What the order as a whole owes, to be shared over its lines.
pub struct OrderCharges {
    pub discount: Decimal,
    pub commission: Decimal,
    pub payment_fees: Decimal,
    pub freight: Decimal,
}

/// A line's figures; its margin is what is left of the price.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineFigures {
    pub price: Decimal,
    pub discounts: Decimal,
    pub commission: Decimal,
    pub payment_fee: Decimal,
    pub freight: Decimal,
    pub cost: Decimal,
    pub credited: Decimal,
    pub credited_cost: Decimal,
}

impl LineFigures {
    pub fn margin(&self) -> Decimal {
        self.price
            - self.discounts
            - self.commission
            - self.payment_fee
            - self.freight
            - self.cost
            - self.credited
            + self.credited_cost
    }

    /// The price less discounts: what the line's shares of the order's charges follow.
    pub fn net(&self) -> Decimal {
        self.price - self.discounts
    }
}

/// Each line's figures: the order's discount shared by the lines' totals, and its commission,
/// payment fees and freight by what is left of each line after discounts.
pub fn figures(lines: &[LineSale], charges: &OrderCharges, currency: Currency) -> Vec<LineFigures> {
    let totals: Vec<Decimal> = lines.iter().map(|l| l.price - l.discount).collect();
    let discount_shares = share(charges.discount, &totals, currency);
    let mut figures: Vec<LineFigures> = lines
        .iter()
        .zip(discount_shares)
        .map(|(line, order_discount)| LineFigures {
            price: line.price,
            discounts: line.discount + order_discount,
            cost: round(line.unit_cost * Decimal::from(line.quantity), currency),
            ..LineFigures::default()
        })
        .collect();
    spread(&mut figures, charges, currency);
    figures
}

/// Shares the order's commission, payment fees and freight over the lines, by their net.
pub fn spread(figures: &mut [LineFigures], charges: &OrderCharges, currency: Currency) {
    let nets: Vec<Decimal> = figures.iter().map(LineFigures::net).collect();
    let commission = share(charges.commission, &nets, currency);
    let payment_fees = share(charges.payment_fees, &nets, currency);
    let freight = share(charges.freight, &nets, currency);
    for (i, line) in figures.iter_mut().enumerate() {
        line.commission = commission[i];
        line.payment_fee = payment_fees[i];
        line.freight = freight[i];
    }
}

/// What was given back of each line: the goods a credit note gave back of it (`goods`, after
/// the note's own discount), and its share by net of the rest of `given_back` (refunds that
/// named no line, shipping given back).
pub fn credited(
    figures: &[LineFigures],
    goods: &[Decimal],
    given_back: Decimal,
    currency: Currency,
) -> Vec<Decimal> {
    let named: Decimal = goods.iter().sum();
    let nets: Vec<Decimal> = figures.iter().map(LineFigures::net).collect();
    let rest = share((given_back - named).max(Decimal::ZERO), &nets, currency);
    goods.iter().zip(rest).map(|(g, r)| *g + r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn shares_add_up_and_follow_the_weights() {
        let shares = share(
            d("0.03"),
            &[d("1"), d("1"), d("1"), d("1"), d("1")],
            Currency::BRL,
        );
        assert_eq!(
            shares,
            vec![d("0.01"), d("0.01"), d("0.01"), d("0"), d("0")]
        );
        let shares = share(d("-10.00"), &[d("1"), d("3")], Currency::BRL);
        assert_eq!(shares, vec![d("-2.50"), d("-7.50")]);
        assert_eq!(
            share(d("5"), &[d("0"), d("0")], Currency::BRL),
            vec![d("0"), d("5")]
        );
    }

    #[test]
    fn a_fee_is_a_percentage_plus_a_fixed_sum() {
        let card = FeeIn {
            percent: d("3.99"),
            fixed: d("0.39"),
        };
        assert_eq!(fee(&card, d("100.00"), Currency::BRL), d("4.38"));
    }

    #[test]
    fn a_line_keeps_what_its_charges_leave() {
        let lines = [
            LineSale {
                price: d("100.00"),
                discount: d("10.00"),
                quantity: 2,
                unit_cost: d("20.005"),
            },
            LineSale {
                price: d("50.00"),
                discount: d("0"),
                quantity: 1,
                unit_cost: d("10"),
            },
        ];
        let charges = OrderCharges {
            discount: d("14.00"),
            commission: d("20.80"),
            payment_fees: d("3.00"),
            freight: d("-1.00"),
        };
        let figures = figures(&lines, &charges, Currency::BRL);
        assert_eq!(figures[0].discounts, d("19.00"));
        assert_eq!(figures[0].cost, d("40.01"));
        assert_eq!(figures[1].discounts, d("5.00"));
        let commission: Decimal = figures.iter().map(|f| f.commission).sum();
        assert_eq!(commission, d("20.80"));
        let margin: Decimal = figures.iter().map(LineFigures::margin).sum();
        assert_eq!(
            margin,
            d("150") - d("24") - d("20.80") - d("3") + d("1") - d("50.01")
        );
    }

    proptest! {
        #[test]
        fn shares_always_add_up_to_the_total(
            cents in -10_000_000i64..10_000_000,
            weights in proptest::collection::vec(0i64..1_000_000, 1..12),
        ) {
            let total = Decimal::new(cents, 2);
            let weights: Vec<Decimal> = weights.into_iter().map(|w| Decimal::new(w, 2)).collect();
            let shares = share(total, &weights, Currency::BRL);
            prop_assert_eq!(shares.iter().sum::<Decimal>(), total);
            for share in &shares {
                prop_assert!(share.is_zero() || share.is_sign_negative() == total.is_sign_negative());
                prop_assert!(share.scale() <= 2 || share.normalize().scale() <= 2);
            }
        }
    }
}
