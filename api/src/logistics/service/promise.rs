//! The promise made when an order is paid: the day it can leave (the cut-off decides), the
//! day it must have shipped (the location's handling time later) and the day it should be
//! delivered (the service's transit time after that), all in the store's working days.

use chrono::{DateTime, NaiveDate, Utc};
use openapi::logistics::{PromiseQuery, TransitQuery};

use super::{handling, transit};
use crate::db::TenantTransaction;
use crate::logistics::error::LogisticsError;
use crate::tenancy::calendar::{Calendar, CalendarError, add_working_days, dispatch_day};
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::calendar::calendar_of;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    pub dispatch_day: NaiveDate,
    pub ship_by: NaiveDate,
    pub deliver_by: NaiveDate,
    pub handling_days: i32,
    pub transit_days: i32,
}

/// The promise for an order paid at `paid_at`.
pub fn promise_of(
    calendar: &Calendar,
    paid_at: DateTime<Utc>,
    handling_days: i32,
    transit_days: i32,
) -> Result<Promise, CalendarError> {
    let days = |n: i32| u32::try_from(n).map_err(|_| CalendarError::OutOfRange);
    let dispatch = dispatch_day(calendar, paid_at)?;
    let ship_by = add_working_days(calendar, dispatch, days(handling_days)?)?;
    let deliver_by = add_working_days(calendar, ship_by, days(transit_days)?)?;
    Ok(Promise {
        dispatch_day: dispatch,
        ship_by,
        deliver_by,
        handling_days,
        transit_days,
    })
}

/// The promise a service and a location make to a destination, by the store's tables.
pub async fn promise(
    txn: &TenantTransaction,
    query: &PromiseQuery,
) -> Result<Promise, LogisticsError> {
    let transit_query = TransitQuery {
        service_id: query.service_id,
        country: query.country.clone(),
        state: query.state.clone(),
        postal_code: query.postal_code.clone(),
    };
    let handling_days = handling::handling_days(txn, query.location_id).await?;
    let transit = transit::quote(txn, &transit_query).await?;
    let calendar = calendar_of(txn).await?;
    let paid_at = query.paid_at.unwrap_or_else(Utc::now);
    promise_of(&calendar, paid_at, handling_days, transit.days)
        .map_err(|error| LogisticsError::Tenancy(TenancyError::from(error)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::{NaiveTime, TimeZone};

    use super::*;
    use crate::tenancy::calendar::WorkingWeekdays;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn sao_paulo() -> Calendar {
        let cutoff = NaiveTime::from_hms_opt(14, 0, 0).unwrap();
        Calendar::new(
            "America/Sao_Paulo",
            WorkingWeekdays::default(),
            cutoff,
            vec![],
        )
        .unwrap()
    }

    #[test]
    fn a_promise_skips_a_weekend_and_a_national_holiday() {
        // Thursday 19 November 2026, 10:00 in São Paulo: leaves that day; Friday 20 is
        // Consciência Negra, so one day of handling is Monday 23, two of transit Wednesday 25.
        let paid = Utc.with_ymd_and_hms(2026, 11, 19, 13, 0, 0).unwrap();
        let promise = promise_of(&sao_paulo(), paid, 1, 2).unwrap();
        assert_eq!(promise.dispatch_day, date(2026, 11, 19));
        assert_eq!(promise.ship_by, date(2026, 11, 23));
        assert_eq!(promise.deliver_by, date(2026, 11, 25));
    }

    #[test]
    fn after_the_cut_off_the_promise_starts_on_the_next_working_day() {
        // Thursday 2 April 2026 at 15:00 in São Paulo, after the cut-off; Friday 3 is Good
        // Friday: the order leaves on Monday 6, ships by then with no handling, arrives Tuesday.
        let paid = Utc.with_ymd_and_hms(2026, 4, 2, 18, 0, 0).unwrap();
        let promise = promise_of(&sao_paulo(), paid, 0, 1).unwrap();
        assert_eq!(promise.dispatch_day, date(2026, 4, 6));
        assert_eq!(promise.ship_by, date(2026, 4, 6));
        assert_eq!(promise.deliver_by, date(2026, 4, 7));
    }
}
