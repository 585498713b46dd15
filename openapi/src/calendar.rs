//! The store calendar: working weekdays, the dispatch cut-off, holidays (Brazil's national ones
//! and the store's own) and working-day counts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
}

/// A time of day written `HH:MM` (00:00 to 23:59), as the schema's pattern says.
pub fn clock_time(text: &str) -> Result<(), ValidationError> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let fits = bytes.len() == 5
        && bytes[2] == b':'
        && matches!((digits(0..2), digits(3..5)), (Some(h), Some(m)) if h < 24 && m < 60);
    if fits {
        Ok(())
    } else {
        Err(ValidationError::new("clock_time"))
    }
}

/// The store's calendar: the weekdays it works, its dispatch cut-off and its time zone (the
/// store's, changed with its settings).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "working_weekdays": ["monday", "tuesday", "wednesday", "thursday", "friday"],
    "dispatch_cutoff": "14:00",
    "timezone": "America/Sao_Paulo"
}))]
pub struct CalendarOut {
    /// Monday first.
    pub working_weekdays: Vec<Weekday>,
    /// Orders paid before this time (`HH:MM`, in `timezone`) leave the same working day.
    pub dispatch_cutoff: String,
    pub timezone: String,
}

/// Changes the store's calendar; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "working_weekdays": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"],
    "dispatch_cutoff": "15:30"
}))]
pub struct CalendarPatch {
    /// At least one day; a day named twice counts once.
    #[serde(default)]
    #[validate(length(min = 1, max = 7))]
    #[schema(min_items = 1, max_items = 7)]
    pub working_weekdays: Option<Vec<Weekday>>,
    /// `HH:MM`, 00:00 to 23:59, in the store's time zone.
    #[serde(default)]
    #[validate(custom(function = "clock_time"))]
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "14:00")]
    pub dispatch_cutoff: Option<String>,
}

/// Adds a holiday of the store's (a state's, a city's or its own) to the national ones.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "date": "2026-07-09", "name": "Revolução Constitucionalista", "scope": "SP", "yearly": true
}))]
pub struct HolidayIn {
    /// One holiday a day: another on the same date is 409. For a yearly one, the first year.
    pub date: NaiveDate,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    /// Where it is a holiday: a state (`SP`), a city (`São Paulo`).
    #[serde(default)]
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub scope: Option<String>,
    /// Kept on the same day of every year from `date` on; once when false (the default).
    #[serde(default)]
    pub yearly: bool,
}

/// Whose holiday it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum HolidaySource {
    /// One of Brazil's national holidays, built in.
    National,
    /// One the store added.
    Store,
}

/// A holiday on a date of the year asked for.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000031",
    "date": "2026-07-09",
    "name": "Revolução Constitucionalista",
    "source": "store",
    "scope": "SP",
    "yearly": true
}))]
pub struct HolidayOut {
    /// The store's holiday's id (to delete it); none for a national one.
    pub id: Option<Uuid>,
    /// Its date in the year asked for.
    pub date: NaiveDate,
    /// A national holiday's name in the reader's language; a store's as written.
    pub name: String,
    pub source: HolidaySource,
    pub scope: Option<String>,
    pub yearly: bool,
}

/// The holidays of a year, in date order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "year": 2026,
    "items": [
        {"id": null, "date": "2026-02-16", "name": "Segunda-feira de Carnaval",
         "source": "national", "scope": null, "yearly": true},
        {"id": "0196f5a0-0000-7000-8000-000000000031", "date": "2026-07-09",
         "name": "Revolução Constitucionalista", "source": "store", "scope": "SP", "yearly": true}
    ]
}))]
pub struct HolidayListOut {
    pub year: i32,
    pub items: Vec<HolidayOut>,
}

/// Which year's holidays.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HolidayQuery {
    /// 2000 to 2100.
    #[validate(range(min = 2000, max = 2100))]
    #[param(minimum = 2000, maximum = 2100)]
    pub year: i32,
}

/// A count of working days from a date.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct WorkingDaysQuery {
    /// The day to count from (`YYYY-MM-DD`), today in the store's time zone when absent; a day
    /// the store does not work counts from the next working day.
    pub from: Option<NaiveDate>,
    /// Working days to add, 0 to 365.
    #[validate(range(min = 0, max = 365))]
    #[param(minimum = 0, maximum = 365)]
    pub days: u32,
}

/// The working day `days` working days after `from`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"from": "2026-12-31", "days": 1, "date": "2027-01-04"}))]
pub struct WorkingDaysOut {
    pub from: NaiveDate,
    pub days: u32,
    pub date: NaiveDate,
}
