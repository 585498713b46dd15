//! The dashboard's figures, counted by the database where it can and by day in the store's
//! time zone.

use crate::db::TenantTransaction;
use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use openapi::orders::{DayOut, OrderStatus, OrderSummaryOut, PeriodOut, StatusCountOut};
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};

use entity::amount::Amount;
use entity::order;

use crate::orders::error::OrderError;
use crate::tenancy::service::tenant;

/// Days the chart shows, today included.
const CHART_DAYS: i64 = 14;

/// The first instant of `day` in `tz` (the earliest, when a clock change repeats midnight).
fn start_of(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&midnight)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

pub async fn order_summary(
    conn: &TenantTransaction,
    now: DateTime<Utc>,
) -> Result<OrderSummaryOut, OrderError> {
    let store = tenant::get_tenant(conn).await?;
    let tz = tenant::stored_timezone(&store)?;
    let today = now.with_timezone(&tz).date_naive();
    let month_start = today.with_day(1).unwrap_or(today);
    let first_chart_day = today - Duration::days(CHART_DAYS - 1);
    let since = start_of(month_start.min(first_chart_day), tz);

    let counts: Vec<(String, i64)> = order::Entity::find_in(conn.tenant())
        .select_only()
        .column(order::Column::Status)
        .column_as(order::Column::Id.count(), "count")
        .group_by(order::Column::Status)
        .into_tuple()
        .all(conn)
        .await?;
    let by_status = OrderStatus::ALL
        .into_iter()
        .map(|status| StatusCountOut {
            status,
            count: counts
                .iter()
                .find(|(s, _)| s == status.as_str())
                .map_or(0, |(_, n)| *n),
        })
        .collect();

    let recent: Vec<(DateTime<Utc>, Amount, Amount)> = order::Entity::find_in(conn.tenant())
        .filter(order::Column::CreatedAt.gte(since))
        .select_only()
        .column(order::Column::CreatedAt)
        .column(order::Column::Paid)
        .column(order::Column::Refunded)
        .into_tuple()
        .all(conn)
        .await?;
    let mut by_day: BTreeMap<NaiveDate, PeriodOut> = BTreeMap::new();
    for (at, paid, refunded) in recent {
        let day = by_day
            .entry(at.with_timezone(&tz).date_naive())
            .or_default();
        day.orders += 1;
        day.revenue += paid.0 - refunded.0;
    }
    let period = |from: NaiveDate| {
        by_day
            .range(from..=today)
            .fold(PeriodOut::default(), |sum, (_, day)| PeriodOut {
                orders: sum.orders + day.orders,
                revenue: sum.revenue + day.revenue,
            })
    };
    let days = (0..CHART_DAYS)
        .map(|offset| {
            let date = first_chart_day + Duration::days(offset);
            let day = by_day.get(&date).cloned().unwrap_or_default();
            DayOut {
                date,
                orders: day.orders,
                revenue: day.revenue,
            }
        })
        .collect();
    Ok(OrderSummaryOut {
        currency: store.currency,
        timezone: store.timezone,
        today: period(today),
        month: period(month_start),
        by_status,
        days,
    })
}
