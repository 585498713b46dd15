//! The store calendar: which days a store works (its weekdays less Brazil's national holidays
//! and its own), and when an order can leave. Pure logic, no database: every module that counts
//! working days builds a `Calendar` from the store's settings (`service::calendar`) and asks it.
//!
//! Choices: a day counts from the store's own date (its time zone); `add_working_days` from a
//! day the store does not work starts at the next working day (that day is day 0), so `n = 0`
//! answers the first working day on or after the date; an order paid at the cut-off itself or
//! later leaves the next working day.

mod national;
#[cfg(test)]
mod tests;
mod weekdays;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

pub use national::{NationalHoliday, easter, national_holiday_on, national_holidays};
pub use weekdays::{WEEK, WorkingWeekdays};

/// A new store's dispatch cut-off: 14:00 in its time zone.
pub const DEFAULT_CUTOFF_MINUTES: i32 = 14 * 60;

/// How far a search for the next working day goes before giving up: a year and a day covers
/// every weekday the store works however its holidays fall, unless they cover them all.
const SEARCH_DAYS: u32 = 367;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("the store's time zone `{value}` is not an IANA time zone")]
    InvalidTimezone { value: String },
    #[error("no working day within a year after {after}")]
    NoWorkingDay { after: NaiveDate },
    #[error("the date is beyond the calendar's range")]
    OutOfRange,
    #[error("the store's stored working weekdays or cut-off are outside their range")]
    StoredSettings,
}

/// A holiday the store added (a state's or a city's, or its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreHoliday {
    pub id: Uuid,
    pub date: NaiveDate,
    pub name: String,
    /// Where it is a holiday (a state such as `SP`, a city), as the store wrote it.
    pub scope: Option<String>,
    /// Repeats on the same day of every year from its date's year on.
    pub yearly: bool,
}

impl StoreHoliday {
    /// Its date in `year`, if it falls in that year (a yearly 29 February only in leap years).
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        if !self.yearly {
            return (self.date.year() == year).then_some(self.date);
        }
        if year < self.date.year() {
            return None;
        }
        NaiveDate::from_ymd_opt(year, self.date.month(), self.date.day())
    }
}

/// A holiday of a year: a national one or one of the store's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holiday {
    National(NaiveDate, NationalHoliday),
    Store(NaiveDate, StoreHoliday),
}

impl Holiday {
    pub fn date(&self) -> NaiveDate {
        match self {
            Holiday::National(date, _) | Holiday::Store(date, _) => *date,
        }
    }
}

/// A store's calendar.
#[derive(Debug, Clone)]
pub struct Calendar {
    timezone: Tz,
    weekdays: WorkingWeekdays,
    cutoff: NaiveTime,
    store_holidays: Vec<StoreHoliday>,
}

impl Calendar {
    /// A store's calendar; its stored time zone must be one: a store whose zone does not parse
    /// is an error, never read as some default zone.
    pub fn new(
        timezone: &str,
        weekdays: WorkingWeekdays,
        cutoff: NaiveTime,
        store_holidays: Vec<StoreHoliday>,
    ) -> Result<Calendar, CalendarError> {
        let timezone = timezone
            .parse::<Tz>()
            .map_err(|_| CalendarError::InvalidTimezone {
                value: timezone.to_owned(),
            })?;
        Ok(Calendar {
            timezone,
            weekdays,
            cutoff,
            store_holidays,
        })
    }

    pub fn timezone(&self) -> Tz {
        self.timezone
    }

    /// Whether the store works on `date`: one of its weekdays and no holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.weekdays.contains(date.weekday())
            && national_holiday_on(date).is_none()
            && !self
                .store_holidays
                .iter()
                .any(|holiday| holiday.date_in(date.year()) == Some(date))
    }

    /// The first working day on or after `date`.
    fn working_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let mut day = date;
        for _ in 0..SEARCH_DAYS {
            if self.is_working_day(day) {
                return Ok(day);
            }
            day = day.succ_opt().ok_or(CalendarError::OutOfRange)?;
        }
        Err(CalendarError::NoWorkingDay { after: date })
    }

    fn working_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.working_on_or_after(date.succ_opt().ok_or(CalendarError::OutOfRange)?)
    }
}

/// The working day `n` working days after `from`. From a day the store does not work, day 0 is
/// the next working day (so `n = 0` answers the first working day on or after `from`).
pub fn add_working_days(
    calendar: &Calendar,
    from: NaiveDate,
    n: u32,
) -> Result<NaiveDate, CalendarError> {
    let mut day = calendar.working_on_or_after(from)?;
    for _ in 0..n {
        day = calendar.working_after(day)?;
    }
    Ok(day)
}

/// The working day an order paid at `paid_at` can leave: that day in the store's time zone when
/// the store works it and the order came before the cut-off, else the next working day.
pub fn dispatch_day(
    calendar: &Calendar,
    paid_at: DateTime<Utc>,
) -> Result<NaiveDate, CalendarError> {
    let local = paid_at.with_timezone(&calendar.timezone);
    let date = local.date_naive();
    if calendar.is_working_day(date) && local.time() < calendar.cutoff {
        Ok(date)
    } else {
        calendar.working_after(date)
    }
}

/// The holidays of `year`, national and the store's, in date order (a national one first on a
/// day both name).
pub fn holidays_in(calendar: &Calendar, year: i32) -> Vec<Holiday> {
    let mut all: Vec<Holiday> = national_holidays(year)
        .into_iter()
        .map(|(date, holiday)| Holiday::National(date, holiday))
        .collect();
    all.extend(calendar.store_holidays.iter().filter_map(|holiday| {
        holiday
            .date_in(year)
            .map(|date| Holiday::Store(date, holiday.clone()))
    }));
    // A stable sort keeps the national one first on a shared day.
    all.sort_by_key(Holiday::date);
    all
}

/// A cut-off stored as minutes after midnight, as a time of day.
pub fn cutoff_time(minutes: i32) -> Option<NaiveTime> {
    let minutes = u32::try_from(minutes).ok()?;
    NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).filter(|_| minutes < 24 * 60)
}
