//! Money and dates as the reader's locale writes them, from the API's decimal strings.

use chrono::{DateTime, Utc};
use openapi::tenancy::{Currency, Locale};
use rust_decimal::Decimal;

pub fn money(value: Decimal, currency: Currency, locale: Locale) -> String {
    openapi::format::money(value, currency, locale)
}

pub fn date_time(at: DateTime<Utc>, locale: Locale) -> String {
    match locale {
        Locale::PtBr | Locale::Es => at.format("%d/%m/%Y %H:%M").to_string(),
        Locale::En => at.format("%b %-d, %Y %H:%M").to_string(),
    }
}
