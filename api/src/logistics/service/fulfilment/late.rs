//! The late sweep: a fulfilment not shipped by its ship-by date, or not delivered by its
//! promise, is marked late once for each, with a `shipment.late` event (the team is told; the
//! customer only of an order's first delay, with a new estimate). It also counts a store's
//! shipments again for the scorecard when their counts are missing or in an old time zone.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, QueryFilter, QuerySelect};
use uuid::Uuid;

use entity::fulfilment;
use openapi::events::{Event, ShipmentLate};
use openapi::logistics::Lateness;

use crate::db::{self, Access, TenantTransaction};
use crate::logistics::service::scorecard_recount;
use crate::outbox;
use crate::tenancy::calendar::{Calendar, add_working_days, dispatch_day};
use crate::tenancy::service::calendar::calendar_of;
use crate::tenancy::service::tenant::all_tenant_ids;

use super::view::lateness;

const SWEEP_EVERY: Duration = Duration::from_secs(60);
/// The most fulfilments one store's round marks.
const ROUND: u64 = 500;
/// Working days a parcel late in transit is given from today in the new estimate.
const IN_TRANSIT_GRACE_DAYS: u32 = 2;

/// Runs until the runtime stops.
pub async fn run(db: DatabaseConnection) {
    crate::sweep::every(SWEEP_EVERY, "late fulfilments", || {
        mark_late(&db, Utc::now())
    })
    .await;
}

/// Marks what became late by `now` in every store; answers how many it marked.
pub async fn mark_late(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let mut marked = 0;
    for tenant_id in all_tenant_ids(db).await? {
        let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
        let calendar = calendar_of(&txn)
            .await
            .map_err(|error| DbErr::Custom(error.to_string()))?;
        let today = now.with_timezone(&calendar.timezone()).date_naive();
        let mut told = HashSet::new();
        for late in [Lateness::LateToShip, Lateness::LateInTransit] {
            marked += mark(&txn, &calendar, now, today, late, &mut told).await?;
        }
        txn.commit().await?;
        // Apart: it holds the store's lock that shipments' writers take after their
        // fulfilment's, and marking takes fulfilments.
        let counting = db::begin_tenant(db, tenant_id, Access::Write).await?;
        scorecard_recount::catch_up(&counting, calendar.timezone()).await?;
        counting.commit().await?;
    }
    Ok(marked)
}

async fn mark(
    txn: &TenantTransaction,
    calendar: &Calendar,
    now: DateTime<Utc>,
    today: NaiveDate,
    late: Lateness,
    told: &mut HashSet<Uuid>,
) -> Result<u64, DbErr> {
    let mark_column = match late {
        Lateness::LateInTransit => fulfilment::Column::LateInTransitAt,
        _ => fulfilment::Column::LateToShipAt,
    };
    let found = txn
        .find::<fulfilment::Entity>()
        .filter(lateness(late, today))
        .filter(mark_column.is_null())
        .limit(ROUND)
        .all(txn)
        .await?;
    for row in &found {
        txn.update_many::<fulfilment::Entity>()
            .col_expr(mark_column, now.into())
            .filter(fulfilment::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
        let tell_customer = !told.contains(&row.order_id) && first_delay(txn, row).await?;
        told.insert(row.order_id);
        let event = Event::ShipmentLate(ShipmentLate {
            fulfilment_id: row.id,
            order_id: row.order_id,
            lateness: late,
            new_estimate: new_estimate(calendar, now, today, late, row),
            tell_customer,
        });
        outbox::emit(txn, &event).await?;
    }
    Ok(found.len() as u64)
}

/// Whether no fulfilment of the order was late before this one.
async fn first_delay(txn: &TenantTransaction, row: &fulfilment::Model) -> Result<bool, DbErr> {
    let earlier = txn
        .find::<fulfilment::Entity>()
        .filter(fulfilment::Column::OrderId.eq(row.order_id))
        .filter(fulfilment::Column::Id.ne(row.id))
        .filter(
            Condition::any()
                .add(fulfilment::Column::LateToShipAt.is_not_null())
                .add(fulfilment::Column::LateInTransitAt.is_not_null()),
        )
        .limit(1)
        .all(txn)
        .await?;
    Ok(earlier.is_empty() && (row.late_to_ship_at.is_none() && row.late_in_transit_at.is_none()))
}

/// When it should now arrive: not shipped yet, the promised transit time from the next
/// dispatch; in transit, a grace of working days from today.
fn new_estimate(
    calendar: &Calendar,
    now: DateTime<Utc>,
    today: NaiveDate,
    late: Lateness,
    row: &fulfilment::Model,
) -> Option<NaiveDate> {
    match late {
        Lateness::LateInTransit => add_working_days(calendar, today, IN_TRANSIT_GRACE_DAYS).ok(),
        _ => {
            let transit = working_days_between(calendar, row.ship_by?, row.deliver_by?);
            let dispatch = dispatch_day(calendar, now).ok()?;
            add_working_days(calendar, dispatch, transit).ok()
        }
    }
}

/// The working days after `from` up to and including `to`.
fn working_days_between(calendar: &Calendar, from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days()
        .skip(1)
        .take_while(|day| *day <= to)
        .filter(|day| calendar.is_working_day(*day))
        .count() as u32
}
