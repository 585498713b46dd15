//! Money and dates as the reader's locale writes them, from the API's decimal strings. Times
//! are shown in the browser's time zone (the API speaks UTC).

use chrono::{DateTime, Datelike, Local, NaiveDate, Timelike, Utc};
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
    let local = at.with_timezone(&Local);
    let (day, month, year) = (local.day(), local.month(), local.year());
    let (hour, minute) = (local.hour(), local.minute());
    match locale {
        Locale::PtBr | Locale::Es => format!("{day:02}/{month:02}/{year} {hour:02}:{minute:02}"),
        Locale::En => {
            let name = MONTHS_EN[(month as usize).saturating_sub(1) % 12];
            format!("{name} {day}, {year} {hour:02}:{minute:02}")
        }
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
