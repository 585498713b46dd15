//! The store's clock: a moment's wall time and today's date in the store's time zone (the
//! API's days, ship-by and promises, are the store's), read through the browser's `Intl` so
//! the app carries no time-zone database. A zone the browser does not know reads as the
//! browser's own.

use std::cell::RefCell;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, Utc};
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The last zone's formatter: building one costs more than formatting with it.
    static FORMATTER: RefCell<Option<(String, JsValue)>> = const { RefCell::new(None) };
}

/// `at` on the wall clock of `zone` (an IANA name such as `America/Sao_Paulo`).
pub fn wall_time(at: DateTime<Utc>, zone: &str) -> NaiveDateTime {
    in_zone(at, zone).unwrap_or_else(|| at.with_timezone(&Local).naive_local())
}

/// Today in `zone`.
pub fn today(zone: &str) -> NaiveDate {
    wall_time(Utc::now(), zone).date()
}

fn formatter(zone: &str) -> Option<JsValue> {
    let cached = FORMATTER.with(|f| {
        f.borrow()
            .as_ref()
            .filter(|(z, _)| z == zone)
            .map(|(_, f)| f.clone())
    });
    if cached.is_some() {
        return cached;
    }
    let options = js_sys::Object::new();
    for (name, value) in [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        js_sys::Reflect::set(&options, &name.into(), &value.into()).ok()?;
    }
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let class = js_sys::Reflect::get(&intl, &"DateTimeFormat".into()).ok()?;
    let arguments = js_sys::Array::of2(&"en-US".into(), &options);
    // Through `Reflect`, whose binding catches: an unknown zone is a RangeError.
    let made = js_sys::Reflect::construct(class.dyn_ref::<js_sys::Function>()?, &arguments).ok()?;
    FORMATTER.with(|f| *f.borrow_mut() = Some((zone.to_owned(), made.clone())));
    Some(made)
}

fn in_zone(at: DateTime<Utc>, zone: &str) -> Option<NaiveDateTime> {
    if zone.is_empty() {
        return None;
    }
    let formatter = formatter(zone)?;
    let format = js_sys::Reflect::get(&formatter, &"format".into()).ok()?;
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let text = format
        .dyn_ref::<js_sys::Function>()?
        .call1(&formatter, &date)
        .ok()?
        .as_string()?;
    // en-US writes "MM/DD/YYYY, HH:MM:SS".
    let parts: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|part| part.parse().ok())
        .collect();
    let [month, day, year, hour, minute, second] = parts[..] else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?
        .and_hms_opt(hour, minute, second)
}
