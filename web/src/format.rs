//! Money, numbers and dates as the reader's locale writes them, from the API's decimal
//! strings. Times are shown in the browser's time zone, or the store's (`date_time_in`, through
//! `clock`); the API speaks UTC.

use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveDateTime, Timelike, Utc};
use openapi::tenancy::{Currency, Locale};
use rust_decimal::Decimal;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub fn money(value: Decimal, currency: Currency, locale: Locale) -> String {
    openapi::format::money(value, currency, locale)
}

/// A count of units or orders with the locale's thousands separator (1.234 / 1,234).
pub fn count(value: i64, locale: Locale) -> String {
    openapi::format::number(Decimal::from(value), 0, locale)
}

// Written out rather than through chrono's `format`, whose pattern machinery would weigh on
// the app's download.
pub fn date_time(at: DateTime<Utc>, locale: Locale) -> String {
    wall_clock(at.with_timezone(&Local).naive_local(), locale)
}

/// A moment on the store's clock (`zone`, its IANA name), as its days are counted.
pub fn date_time_in(at: DateTime<Utc>, zone: &str, locale: Locale) -> String {
    wall_clock(crate::clock::wall_time(at, zone), locale)
}

fn wall_clock(local: NaiveDateTime, locale: Locale) -> String {
    let (hour, minute) = (local.hour(), local.minute());
    format!("{} {hour:02}:{minute:02}", date(local.date(), locale))
}

/// A month written `YYYY-MM` (the API's), as the locale names it (11/2026, Nov 2026); the
/// text itself when it is not one.
pub fn month(text: &str, locale: Locale) -> String {
    let Some((year, month)) = text
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<usize>().ok()?)))
        .filter(|(_, m)| (1..=12).contains(m))
    else {
        return text.to_owned();
    };
    match locale {
        Locale::PtBr | Locale::Es => format!("{month:02}/{year}"),
        Locale::En => format!("{} {year}", MONTHS_EN[month - 1]),
    }
}

/// A share in percent, to `decimals` places (92,1 % / 92.1%).
pub fn percent(value: Decimal, decimals: u32, locale: Locale) -> String {
    let number = openapi::format::number(value, decimals, locale);
    match locale {
        Locale::En => format!("{number}%"),
        Locale::PtBr | Locale::Es => format!("{number}\u{a0}%"),
    }
}

/// A calendar date (a holiday's), with no time zone to convert.
pub fn date(day: NaiveDate, locale: Locale) -> String {
    let (d, month, year) = (day.day(), day.month(), day.year());
    match locale {
        Locale::PtBr | Locale::Es => format!("{d:02}/{month:02}/{year}"),
        Locale::En => {
            let name = MONTHS_EN[(month as usize).saturating_sub(1) % 12];
            format!("{name} {d}, {year}")
        }
    }
}
