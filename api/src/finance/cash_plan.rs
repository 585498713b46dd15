//! The arithmetic of cash flow, apart from the database: weeks from Monday to Sunday, four
//! past ones from what was received and paid, thirteen from the current one projected from
//! what is due; balances carried from the one the store entered.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use openapi::finance::{CashFlowWeek, CashWeekKind};
use rust_decimal::Decimal;

pub const PAST_WEEKS: u64 = 4;
pub const PROJECTED_WEEKS: u64 = 13;

/// Money in and out on one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flow {
    pub inflows: Decimal,
    pub outflows: Decimal,
}

impl Flow {
    fn net(&self) -> Decimal {
        self.inflows - self.outflows
    }

    fn add(&mut self, other: Flow) {
        self.inflows += other.inflows;
        self.outflows += other.outflows;
    }
}

/// The Monday of `day`'s week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The first day whose actuals the plan reads: the first past week's Monday, or the day after
/// the balance was entered if that is earlier.
pub fn first_actual_day(today: NaiveDate, balance_on: NaiveDate) -> NaiveDate {
    let first_week = monday_of(today) - Days::new(7 * PAST_WEEKS);
    first_week.min(balance_on + Days::new(1))
}

/// What is known: the balance entered (`balance` at the end of `balance_on`), what happened
/// each day up to today, and what falls due (by day; overdue counts today).
pub struct Plan {
    pub today: NaiveDate,
    pub balance: Decimal,
    pub balance_on: NaiveDate,
    pub actual: BTreeMap<NaiveDate, Flow>,
    pub due: BTreeMap<NaiveDate, Flow>,
}

impl Plan {
    /// The balance at the end of `day` (up to today), from the one entered.
    pub fn balance_at(&self, day: NaiveDate) -> Decimal {
        let moved = |from: NaiveDate, to: NaiveDate| -> Decimal {
            self.actual
                .range(from..=to)
                .map(|(_, flow)| flow.net())
                .sum()
        };
        if day >= self.balance_on {
            self.balance + moved(self.balance_on + Days::new(1), day)
        } else {
            self.balance - moved(day + Days::new(1), self.balance_on)
        }
    }

    fn sum(flows: &BTreeMap<NaiveDate, Flow>, from: NaiveDate, to: NaiveDate) -> Flow {
        let mut total = Flow::default();
        flows
            .range(from..=to)
            .for_each(|(_, flow)| total.add(*flow));
        total
    }

    /// The past weeks, then the projected ones.
    pub fn weeks(&self) -> Vec<CashFlowWeek> {
        let this_week = monday_of(self.today);
        let mut weeks = Vec::new();
        for n in (1..=PAST_WEEKS).rev() {
            let starts_on = this_week - Days::new(7 * n);
            let ends_on = starts_on + Days::new(6);
            let flow = Self::sum(&self.actual, starts_on, ends_on);
            weeks.push(week(
                starts_on,
                CashWeekKind::Actual,
                flow,
                self.balance_at(ends_on),
            ));
        }
        let mut balance = self.balance_at(self.today);
        for n in 0..PROJECTED_WEEKS {
            let starts_on = this_week + Days::new(7 * n);
            let ends_on = starts_on + Days::new(6);
            let from = if n == 0 { NaiveDate::MIN } else { starts_on };
            let flow = Self::sum(&self.due, from, ends_on);
            balance += flow.net();
            weeks.push(week(starts_on, CashWeekKind::Projected, flow, balance));
        }
        weeks
    }
}

fn week(starts_on: NaiveDate, kind: CashWeekKind, flow: Flow, closing: Decimal) -> CashFlowWeek {
    CashFlowWeek {
        starts_on,
        ends_on: starts_on + Days::new(6),
        kind,
        inflows: flow.inflows,
        outflows: flow.outflows,
        net: flow.net(),
        closing_balance: closing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    fn day(m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, dd).unwrap_or_default()
    }

    fn flow(inflows: &str, outflows: &str) -> Flow {
        Flow {
            inflows: d(inflows),
            outflows: d(outflows),
        }
    }

    #[test]
    fn balances_carry_from_the_one_entered_both_ways() {
        let plan = Plan {
            today: day(12, 9),
            balance: d("1000"),
            balance_on: day(12, 1),
            actual: BTreeMap::from([
                (day(11, 20), flow("100", "0")),
                (day(12, 3), flow("50", "20")),
                (day(12, 8), flow("0", "30")),
            ]),
            due: BTreeMap::from([
                (day(12, 2), flow("10", "0")),
                (day(12, 16), flow("0", "500")),
            ]),
        };
        assert_eq!(plan.balance_at(day(12, 9)), d("1000"));
        assert_eq!(plan.balance_at(day(11, 30)), d("1000"));
        assert_eq!(plan.balance_at(day(11, 19)), d("900"));
        let weeks = plan.weeks();
        assert_eq!(weeks.len(), 17);
        assert_eq!(weeks[0].starts_on, day(11, 9));
        assert_eq!(weeks[3].starts_on, day(11, 30));
        assert_eq!(
            (weeks[3].net, weeks[3].closing_balance),
            (d("30"), d("1030"))
        );
        // The current week: what is overdue comes in now.
        assert_eq!(weeks[4].starts_on, day(12, 7));
        assert_eq!(
            (weeks[4].inflows, weeks[4].closing_balance),
            (d("10"), d("1010"))
        );
        assert_eq!(weeks[5].closing_balance, d("510"));
        assert_eq!(weeks[16].closing_balance, d("510"));
    }
}
