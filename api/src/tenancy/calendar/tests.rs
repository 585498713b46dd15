//! The store calendar's pure logic: year ends, Easter, store holidays, a six-day week, the
//! cut-off in two time zones and a time zone that does not parse.

#![allow(clippy::unwrap_used)]

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use uuid::Uuid;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn two_pm() -> NaiveTime {
    NaiveTime::from_hms_opt(14, 0, 0).unwrap()
}

fn calendar(holidays: Vec<StoreHoliday>) -> Calendar {
    Calendar::new(
        "America/Sao_Paulo",
        WorkingWeekdays::default(),
        two_pm(),
        holidays,
    )
    .unwrap()
}

fn store_holiday(date: NaiveDate, yearly: bool) -> StoreHoliday {
    StoreHoliday {
        id: Uuid::nil(),
        date,
        name: "Aniversário de São Paulo".into(),
        scope: Some("São Paulo".into()),
        yearly,
    }
}

#[test]
fn easter_and_its_holidays_in_2026_and_2027() {
    assert_eq!(easter(2026), Some(day(2026, 4, 5)));
    assert_eq!(easter(2027), Some(day(2027, 3, 28)));
    let of = |holiday| {
        national_holidays(2026)
            .into_iter()
            .find(|(_, h)| *h == holiday)
            .map(|(date, _)| date)
    };
    assert_eq!(of(NationalHoliday::GoodFriday), Some(day(2026, 4, 3)));
    assert_eq!(of(NationalHoliday::CarnivalMonday), Some(day(2026, 2, 16)));
    assert_eq!(of(NationalHoliday::CarnivalTuesday), Some(day(2026, 2, 17)));
    assert_eq!(of(NationalHoliday::CorpusChristi), Some(day(2026, 6, 4)));
    assert_eq!(
        national_holiday_on(day(2027, 3, 26)),
        Some(NationalHoliday::GoodFriday)
    );
}

#[test]
fn black_consciousness_day_is_national_from_2024_only() {
    let on_nov_20 = |year| national_holiday_on(day(year, 11, 20));
    assert_eq!(on_nov_20(2023), None);
    assert_eq!(on_nov_20(2024), Some(NationalHoliday::BlackConsciousness));
    assert_eq!(national_holidays(2023).len(), 12);
    assert_eq!(national_holidays(2026).len(), 13);
}

#[test]
fn adding_across_the_year_end_skips_new_year_and_the_weekend() {
    let calendar = calendar(Vec::new());
    // Thursday 31 Dec 2026 + 1: Friday 1 Jan is a holiday, then a weekend.
    assert_eq!(
        add_working_days(&calendar, day(2026, 12, 31), 1),
        Ok(day(2027, 1, 4))
    );
    // Christmas 2026 is a Friday: from Thursday 24th, one day on is Monday 28th.
    assert_eq!(
        add_working_days(&calendar, day(2026, 12, 24), 1),
        Ok(day(2026, 12, 28))
    );
}

#[test]
fn adding_over_easter_skips_good_friday() {
    let calendar = calendar(Vec::new());
    // Thursday 2 Apr 2026 + 1: Good Friday, the weekend, then Monday 6th.
    assert_eq!(
        add_working_days(&calendar, day(2026, 4, 2), 1),
        Ok(day(2026, 4, 6))
    );
    // Friday 13 Feb 2026 + 1: Carnaval Monday and Tuesday, then Wednesday 18th.
    assert_eq!(
        add_working_days(&calendar, day(2026, 2, 13), 1),
        Ok(day(2026, 2, 18))
    );
}

#[test]
fn day_zero_from_a_day_off_is_the_next_working_day() {
    let calendar = calendar(Vec::new());
    // Saturday 5 Dec 2026.
    assert_eq!(
        add_working_days(&calendar, day(2026, 12, 5), 0),
        Ok(day(2026, 12, 7))
    );
    assert_eq!(
        add_working_days(&calendar, day(2026, 12, 5), 1),
        Ok(day(2026, 12, 8))
    );
    // A working day is its own day 0.
    assert_eq!(
        add_working_days(&calendar, day(2026, 12, 8), 0),
        Ok(day(2026, 12, 8))
    );
}

#[test]
fn a_store_holiday_is_skipped_once_or_every_year() {
    let once = calendar(vec![store_holiday(day(2026, 1, 26), false)]);
    assert_eq!(
        add_working_days(&once, day(2026, 1, 23), 1),
        Ok(day(2026, 1, 27))
    );
    // Not yearly: 25 Jan 2027 (a Monday) is a working day.
    assert!(once.is_working_day(day(2027, 1, 25)));
    let yearly = calendar(vec![store_holiday(day(2026, 1, 25), true)]);
    assert!(!yearly.is_working_day(day(2027, 1, 25)));
    assert!(yearly.is_working_day(day(2025, 1, 24)));
    let in_2027 = holidays_in(&yearly, 2027);
    assert!(
        in_2027
            .iter()
            .any(|h| matches!(h, Holiday::Store(date, _) if *date == day(2027, 1, 25)))
    );
}

#[test]
fn a_six_day_week_works_saturdays() {
    let weekdays = WorkingWeekdays::of(WEEK[..6].iter().copied()).unwrap();
    let calendar = Calendar::new("America/Sao_Paulo", weekdays, two_pm(), Vec::new()).unwrap();
    // Friday 4 Dec 2026 + 1 is Saturday 5th; + 2 is Monday 7th.
    assert_eq!(
        add_working_days(&calendar, day(2026, 12, 4), 1),
        Ok(day(2026, 12, 5))
    );
    assert_eq!(
        add_working_days(&calendar, day(2026, 12, 4), 2),
        Ok(day(2026, 12, 7))
    );
    assert_eq!(weekdays.days().len(), 6);
    assert!(!weekdays.contains(Weekday::Sun));
}

#[test]
fn the_cut_off_is_read_in_the_store_time_zone() {
    let sao_paulo = calendar(Vec::new());
    let utc = Calendar::new("UTC", WorkingWeekdays::default(), two_pm(), Vec::new()).unwrap();
    // 15:30 UTC on Tuesday 8 Dec 2026 is 12:30 in São Paulo: before its cut-off.
    let paid = Utc.with_ymd_and_hms(2026, 12, 8, 15, 30, 0).unwrap();
    assert_eq!(dispatch_day(&sao_paulo, paid), Ok(day(2026, 12, 8)));
    assert_eq!(dispatch_day(&utc, paid), Ok(day(2026, 12, 9)));
    // The cut-off itself is too late.
    let at_cut_off = Utc.with_ymd_and_hms(2026, 12, 8, 17, 0, 0).unwrap();
    assert_eq!(dispatch_day(&sao_paulo, at_cut_off), Ok(day(2026, 12, 9)));
    // 01:00 UTC on Wednesday is still Tuesday evening in São Paulo.
    let night = Utc.with_ymd_and_hms(2026, 12, 9, 1, 0, 0).unwrap();
    assert_eq!(dispatch_day(&sao_paulo, night), Ok(day(2026, 12, 9)));
    assert_eq!(dispatch_day(&utc, night), Ok(day(2026, 12, 9)));
    // Paid on a Saturday morning: Monday.
    let saturday = Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).unwrap();
    assert_eq!(dispatch_day(&sao_paulo, saturday), Ok(day(2026, 12, 7)));
}

#[test]
fn a_time_zone_that_does_not_parse_is_an_error() {
    let error = Calendar::new(
        "Mars/Olympus_Mons",
        WorkingWeekdays::default(),
        two_pm(),
        Vec::new(),
    )
    .unwrap_err();
    assert_eq!(
        error,
        CalendarError::InvalidTimezone {
            value: "Mars/Olympus_Mons".into()
        }
    );
}

#[test]
fn holidays_covering_every_working_day_are_an_error_not_a_loop() {
    let mondays = WorkingWeekdays::of([Weekday::Mon]).unwrap();
    let every_monday: Vec<StoreHoliday> = (0..60)
        .map(|week| store_holiday(day(2027, 12, 6) + chrono::Duration::weeks(week), false))
        .collect();
    let calendar = Calendar::new("UTC", mondays, two_pm(), every_monday).unwrap();
    assert!(matches!(
        add_working_days(&calendar, day(2027, 12, 1), 0),
        Err(CalendarError::NoWorkingDay { .. })
    ));
}

#[test]
fn weekdays_and_cut_off_round_trip_their_stored_form() {
    assert_eq!(WorkingWeekdays::from_bits(0), None);
    assert_eq!(WorkingWeekdays::from_bits(128), None);
    assert_eq!(WorkingWeekdays::MONDAY_TO_FRIDAY.bits(), 31);
    assert_eq!(
        WorkingWeekdays::of(WorkingWeekdays::MONDAY_TO_FRIDAY.days()),
        Some(WorkingWeekdays::MONDAY_TO_FRIDAY)
    );
    assert_eq!(cutoff_time(DEFAULT_CUTOFF_MINUTES), Some(two_pm()));
    assert_eq!(cutoff_time(24 * 60), None);
    assert_eq!(cutoff_time(-1), None);
}
