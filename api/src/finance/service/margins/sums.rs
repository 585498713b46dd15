//! What margin lines add up to: a line's own figures, a day's row of the read model, or a
//! roll-up's group, in `Decimal` (SQLite would sum the amounts as floats).

use openapi::finance::MarginAmounts;
use openapi::tenancy::Currency;
use rust_decimal::{Decimal, RoundingStrategy};

use entity::{line_margin, margin_day};

use crate::orders::totals::round;

/// The sums of a row with the amounts' columns (a line's, a day's), counting `lines` lines.
macro_rules! sums_of {
    ($row:expr, $lines:expr) => {
        Sums {
            lines: $lines,
            quantity: $row.quantity,
            price: $row.price.0,
            discounts: $row.discounts.0,
            commission: $row.commission.0,
            payment_fee: $row.payment_fee.0,
            freight: $row.freight.0,
            cost: $row.cost.0,
            credited: $row.credited.0,
            credited_cost: $row.credited_cost.0,
            margin: $row.margin.0,
        }
    };
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub lines: i64,
    pub quantity: i64,
    pub price: Decimal,
    pub discounts: Decimal,
    pub commission: Decimal,
    pub payment_fee: Decimal,
    pub freight: Decimal,
    pub cost: Decimal,
    pub credited: Decimal,
    pub credited_cost: Decimal,
    pub margin: Decimal,
}

impl Sums {
    /// One line's figures.
    pub fn of_line(row: &line_margin::Model) -> Sums {
        sums_of!(row, 1)
    }

    /// A day's row of the read model.
    pub fn of_day(row: &margin_day::Model) -> Sums {
        sums_of!(row, row.lines)
    }

    pub fn add(&mut self, other: &Sums) {
        self.combine(other, 1);
    }

    pub fn subtract(&mut self, other: &Sums) {
        self.combine(other, -1);
    }

    fn combine(&mut self, other: &Sums, sign: i64) {
        let by = Decimal::from(sign);
        self.lines += sign * other.lines;
        self.quantity += sign * other.quantity;
        self.price += by * other.price;
        self.discounts += by * other.discounts;
        self.commission += by * other.commission;
        self.payment_fee += by * other.payment_fee;
        self.freight += by * other.freight;
        self.cost += by * other.cost;
        self.credited += by * other.credited;
        self.credited_cost += by * other.credited_cost;
        self.margin += by * other.margin;
    }

    pub fn is_zero(&self) -> bool {
        *self == Sums::default()
    }

    /// As a report shows them: rounded to the currency's minor unit, with the margin's share
    /// of what was sold net of discounts and credits.
    pub fn amounts(&self, currency: Currency) -> MarginAmounts {
        let net = self.price - self.discounts - self.credited;
        let margin_percent = (!net.is_zero()).then(|| {
            (self.margin * Decimal::ONE_HUNDRED / net)
                .round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
        });
        MarginAmounts {
            currency,
            quantity: self.quantity,
            price: round(self.price, currency),
            discounts: round(self.discounts, currency),
            commission: round(self.commission, currency),
            payment_fees: round(self.payment_fee, currency),
            freight: round(self.freight, currency),
            cost: round(self.cost, currency),
            credited: round(self.credited, currency),
            returned_cost: round(self.credited_cost, currency),
            margin: round(self.margin, currency),
            margin_percent,
        }
    }
}
