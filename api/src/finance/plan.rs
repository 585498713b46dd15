//! The arithmetic of receivables, apart from the database: an invoice's total split into
//! instalments that add up to it exactly, their due dates, what a sum received settles of
//! each (oldest first), and how long past due an amount is.

use chrono::{Days, NaiveDate};
use openapi::finance::{AgeingBuckets, InstalmentStatus};
use openapi::tenancy::Currency;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::tenancy::calendar::{Calendar, CalendarError, add_working_days};

/// `total` in `parts` instalments of the currency's minor unit: equal shares rounded down,
/// and the remainder on the last one, so they add up to the total to the cent.
pub fn split(total: Decimal, parts: usize, currency: Currency) -> Vec<Decimal> {
    if parts == 0 {
        return Vec::new();
    }
    let share = (total / Decimal::from(parts as u64))
        .round_dp_with_strategy(currency.minor_units(), RoundingStrategy::ToZero);
    let mut amounts = vec![share; parts];
    let given: Decimal = share * Decimal::from(parts as u64 - 1);
    amounts[parts - 1] = total - given;
    amounts
}

/// The day each instalment falls due: `days` after `issued_on`, moved to the next working
/// day of the store's calendar when the store says so.
pub fn due_dates(
    issued_on: NaiveDate,
    days: &[u16],
    working_days: Option<&Calendar>,
) -> Result<Vec<NaiveDate>, CalendarError> {
    days.iter()
        .map(|&n| {
            let due = issued_on
                .checked_add_days(Days::new(u64::from(n)))
                .ok_or(CalendarError::OutOfRange)?;
            match working_days {
                Some(calendar) => add_working_days(calendar, due, 0),
                None => Ok(due),
            }
        })
        .collect()
}

/// What `received` settles of each instalment, oldest first: each takes what it can until the
/// sum runs out. What is left after the last one (more than was billed) settles nothing.
pub fn allocate(amounts: &[Decimal], received: Decimal) -> Vec<Decimal> {
    let mut left = received.max(Decimal::ZERO);
    amounts
        .iter()
        .map(|&amount| {
            let taken = left.min(amount);
            left -= taken;
            taken
        })
        .collect()
}

/// Where an instalment stands, from what settled it and what was written off, on `today`.
pub fn status(
    amount: Decimal,
    settled: Decimal,
    written_off: Decimal,
    due_on: NaiveDate,
    today: NaiveDate,
) -> InstalmentStatus {
    if settled >= amount {
        InstalmentStatus::Paid
    } else if written_off > Decimal::ZERO && settled + written_off >= amount {
        InstalmentStatus::WrittenOff
    } else if due_on < today {
        InstalmentStatus::Overdue
    } else if settled > Decimal::ZERO {
        InstalmentStatus::PartiallyPaid
    } else {
        InstalmentStatus::Open
    }
}

/// Days `due_on` is past on `today`; 0 when not yet past.
pub fn days_overdue(due_on: NaiveDate, today: NaiveDate) -> i64 {
    (today - due_on).num_days().max(0)
}

/// Adds `outstanding`, `days` past due, to its bucket and the total.
pub fn age(buckets: &mut AgeingBuckets, outstanding: Decimal, days: i64) {
    let bucket = match days {
        ..=0 => &mut buckets.current,
        1..=30 => &mut buckets.days_1_30,
        31..=60 => &mut buckets.days_31_60,
        61..=90 => &mut buckets.days_61_90,
        _ => &mut buckets.over_90,
    };
    *bucket += outstanding;
    buckets.total += outstanding;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_total_splits_into_instalments_that_add_up_to_it() {
        assert_eq!(
            split(dec("1000.00"), 3, Currency::BRL),
            vec![dec("333.33"), dec("333.33"), dec("333.34")]
        );
        assert_eq!(
            split(dec("0.02"), 3, Currency::BRL),
            vec![dec("0.00"), dec("0.00"), dec("0.02")]
        );
        assert_eq!(
            split(dec("100"), 3, Currency::CLP),
            vec![dec("33"), dec("33"), dec("34")]
        );
        for total in ["0.01", "99.99", "1234567.89", "10"] {
            for parts in 1..=12 {
                let amounts = split(dec(total), parts, Currency::BRL);
                assert_eq!(
                    amounts.iter().sum::<Decimal>(),
                    dec(total),
                    "{total} in {parts}"
                );
                assert!(
                    amounts
                        .iter()
                        .all(|a| a.scale() <= 2 && !a.is_sign_negative())
                );
            }
        }
    }

    #[test]
    fn received_money_settles_the_oldest_instalment_first() {
        let amounts = [dec("333.33"), dec("333.33"), dec("333.34")];
        assert_eq!(
            allocate(&amounts, dec("400")),
            vec![dec("333.33"), dec("66.67"), dec("0")]
        );
        assert_eq!(allocate(&amounts, dec("2000")), amounts.to_vec());
        assert_eq!(allocate(&amounts, dec("-5")), vec![dec("0"); 3]);
    }

    #[test]
    fn due_dates_count_calendar_days_from_the_invoice() -> Result<(), CalendarError> {
        let dates = due_dates(day(2026, 12, 1), &[30, 60, 90], None)?;
        assert_eq!(
            dates,
            vec![day(2026, 12, 31), day(2027, 1, 30), day(2027, 3, 1)]
        );
        Ok(())
    }

    #[test]
    fn status_follows_what_settled_and_the_date() {
        let due = day(2026, 12, 10);
        let (ten, zero) = (dec("10"), Decimal::ZERO);
        assert_eq!(
            status(ten, ten, zero, due, day(2027, 1, 1)),
            InstalmentStatus::Paid
        );
        assert_eq!(
            status(ten, dec("4"), dec("6"), due, day(2027, 1, 1)),
            InstalmentStatus::WrittenOff
        );
        assert_eq!(
            status(ten, dec("4"), zero, due, day(2026, 12, 11)),
            InstalmentStatus::Overdue
        );
        assert_eq!(
            status(ten, dec("4"), zero, due, due),
            InstalmentStatus::PartiallyPaid
        );
        assert_eq!(status(ten, zero, zero, due, due), InstalmentStatus::Open);
    }

    #[test]
    fn ageing_puts_each_amount_in_its_bucket() {
        let mut buckets = AgeingBuckets::default();
        for (amount, days) in [
            ("1", 0),
            ("2", 1),
            ("4", 30),
            ("8", 31),
            ("16", 90),
            ("32", 91),
        ] {
            age(&mut buckets, dec(amount), days);
        }
        assert_eq!(buckets.current, dec("1"));
        assert_eq!(buckets.days_1_30, dec("6"));
        assert_eq!(buckets.days_31_60, dec("8"));
        assert_eq!(buckets.days_61_90, dec("16"));
        assert_eq!(buckets.over_90, dec("32"));
        assert_eq!(buckets.total, dec("63"));
        assert_eq!(days_overdue(day(2026, 12, 10), day(2026, 12, 1)), 0);
        assert_eq!(days_overdue(day(2026, 12, 10), day(2026, 12, 12)), 2);
    }
}
