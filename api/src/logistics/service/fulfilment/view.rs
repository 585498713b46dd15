//! Reading fulfilments: one with its lines, shipments and tracking; a filtered list (the late
//! lists among its filters) and the late lists' counts.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, Select};
use uuid::Uuid;

use entity::closed_sets::FulfilmentStatus;
use entity::{carrier, carrier_service, fulfilment, fulfilment_line, shipment, tracking_event};
use openapi::Page;
use openapi::logistics::{
    FulfilmentLineOut, FulfilmentOut, FulfilmentQuery, FulfilmentSummary, LateCounts, Lateness,
    ShipmentOut, TrackingEventOut,
};

use crate::db::TenantTransaction;
use crate::logistics::error::LogisticsError;
use crate::orders::service::order::{find_order, lines_of};
use crate::orders::service::progress::numbers_of;
use crate::pagination::PageRequest;
use crate::tenancy::service::calendar::calendar_of;

/// Not shipped yet: what the late-to-ship and at-risk lists hold.
pub const UNSHIPPED: [FulfilmentStatus; 3] = [
    FulfilmentStatus::Pending,
    FulfilmentStatus::Picking,
    FulfilmentStatus::Packed,
];

/// Today in the store's time zone.
pub async fn store_today(txn: &TenantTransaction) -> Result<NaiveDate, LogisticsError> {
    let calendar = calendar_of(txn).await?;
    Ok(Utc::now().with_timezone(&calendar.timezone()).date_naive())
}

/// The condition of a late list on `today`. The statuses are written out in the statement
/// (they are constants), as the partial indexes of the unshipped and the shipped say them, so
/// both databases know those indexes hold every row the list may show.
pub fn lateness(late: Lateness, today: NaiveDate) -> Condition {
    use fulfilment::Column::{DeliverBy, ShipBy};
    match late {
        Lateness::LateToShip => Condition::all()
            .add(Expr::cust(UNSHIPPED_SQL))
            .add(ShipBy.lt(today)),
        Lateness::AtRisk => Condition::all()
            .add(Expr::cust(UNSHIPPED_SQL))
            .add(ShipBy.eq(today)),
        Lateness::LateInTransit => Condition::all()
            .add(Expr::cust(SHIPPED_SQL))
            .add(DeliverBy.lt(today)),
    }
}

/// `UNSHIPPED` as SQL, word for word as migration 18's index `ix_fulfilments_unshipped`.
const UNSHIPPED_SQL: &str = "status IN ('pending', 'picking', 'packed')";
/// As migration 18's index `ix_fulfilments_shipped`.
const SHIPPED_SQL: &str = "status = 'shipped'";

/// A page of fulfilments, oldest first, as `query` filters them.
pub async fn list_fulfilments(
    txn: &TenantTransaction,
    query: &FulfilmentQuery,
    page: PageRequest,
) -> Result<Page<FulfilmentSummary>, LogisticsError> {
    let mut select: Select<fulfilment::Entity> = txn.find::<fulfilment::Entity>();
    if let Some(status) = query.status {
        select = select.filter(fulfilment::Column::Status.eq(status));
    }
    if let Some(location_id) = query.location_id {
        select = select.filter(fulfilment::Column::LocationId.eq(location_id));
    }
    if let Some(order_id) = query.order_id {
        select = select.filter(fulfilment::Column::OrderId.eq(order_id));
    }
    if let Some(late) = query.late {
        select = select.filter(lateness(late, store_today(txn).await?));
    }
    let rows = page.apply(select, fulfilment::Column::Id).all(txn).await?;
    let paged = page.finish(rows, |row| row.id);
    let numbers = numbers_of(txn, paged.items.iter().map(|f| f.order_id).collect()).await?;
    Ok(paged.into_page(|row| summary(&row, &numbers)))
}

pub fn summary(row: &fulfilment::Model, numbers: &HashMap<Uuid, i64>) -> FulfilmentSummary {
    FulfilmentSummary {
        id: row.id,
        order_id: row.order_id,
        order_number: numbers.get(&row.order_id).copied().unwrap_or_default(),
        location_id: row.location_id,
        status: row.status,
        service_id: row.service_id,
        ship_by: row.ship_by,
        deliver_by: row.deliver_by,
        version: row.version,
        created_at: row.created_at,
    }
}

pub async fn late_counts(txn: &TenantTransaction) -> Result<LateCounts, LogisticsError> {
    let today = store_today(txn).await?;
    let count = |late| {
        txn.find::<fulfilment::Entity>()
            .filter(lateness(late, today))
            .count(txn)
    };
    Ok(LateCounts {
        late_to_ship: count(Lateness::LateToShip).await?,
        late_in_transit: count(Lateness::LateInTransit).await?,
        at_risk: count(Lateness::AtRisk).await?,
    })
}

pub async fn find_fulfilment(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<fulfilment::Model, LogisticsError> {
    txn.find::<fulfilment::Entity>()
        .filter(fulfilment::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(LogisticsError::NotFound("fulfilment"))
}

/// The fulfilment with its lines, its shipments and their tracking.
pub async fn get_fulfilment(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<FulfilmentOut, LogisticsError> {
    let row = find_fulfilment(txn, id).await?;
    let order = find_order(txn, row.order_id).await?;
    let order_lines: HashMap<Uuid, _> = lines_of(txn, vec![row.order_id])
        .await?
        .into_iter()
        .map(|line| (line.id, line))
        .collect();
    let lines = txn
        .find::<fulfilment_line::Entity>()
        .filter(fulfilment_line::Column::FulfilmentId.eq(id))
        .all(txn)
        .await?
        .into_iter()
        .map(|line| {
            let ordered = order_lines.get(&line.order_line_id);
            FulfilmentLineOut {
                order_line_id: line.order_line_id,
                variant_id: line.variant_id,
                sku: ordered.map(|l| l.sku.clone()).unwrap_or_default(),
                name: ordered.map(|l| l.name.clone()).unwrap_or_default(),
                quantity: line.quantity,
            }
        })
        .collect();
    let numbers = HashMap::from([(order.id, order.number)]);
    Ok(FulfilmentOut {
        summary: summary(&row, &numbers),
        lines,
        shipments: shipments_of(txn, id).await?,
        picked_at: row.picked_at,
        packed_at: row.packed_at,
        shipped_at: row.shipped_at,
        delivered_at: row.delivered_at,
        cancelled_at: row.cancelled_at,
    })
}

async fn shipments_of(
    txn: &TenantTransaction,
    fulfilment_id: Uuid,
) -> Result<Vec<ShipmentOut>, LogisticsError> {
    let shipments = txn
        .find::<shipment::Entity>()
        .filter(shipment::Column::FulfilmentId.eq(fulfilment_id))
        .order_by_asc(shipment::Column::Id)
        .all(txn)
        .await?;
    let mut out = Vec::with_capacity(shipments.len());
    for row in shipments {
        out.push(shipment_view(txn, row).await?);
    }
    Ok(out)
}

/// A shipment with its tracking history, oldest first, and its tracking address.
pub async fn shipment_view(
    txn: &TenantTransaction,
    row: shipment::Model,
) -> Result<ShipmentOut, LogisticsError> {
    let events = txn
        .find::<tracking_event::Entity>()
        .filter(tracking_event::Column::ShipmentId.eq(row.id))
        .order_by_asc(tracking_event::Column::OccurredAt)
        .order_by_asc(tracking_event::Column::Id)
        .all(txn)
        .await?;
    let template = tracking_template(txn, row.service_id).await?;
    Ok(shipment_out(row, template.as_deref(), events))
}

/// The tracking address template of the service's carrier.
pub async fn tracking_template(
    txn: &TenantTransaction,
    service_id: Option<Uuid>,
) -> Result<Option<String>, LogisticsError> {
    let Some(service_id) = service_id else {
        return Ok(None);
    };
    let found = service_with_carrier(txn, service_id).await?;
    Ok(found.and_then(|(_, carrier)| carrier.tracking_url))
}

/// A service and its carrier.
pub async fn service_with_carrier(
    txn: &TenantTransaction,
    service_id: Uuid,
) -> Result<Option<(carrier_service::Model, carrier::Model)>, LogisticsError> {
    let Some(service) = txn
        .find::<carrier_service::Entity>()
        .filter(carrier_service::Column::Id.eq(service_id))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let carrier = txn
        .find::<carrier::Entity>()
        .filter(carrier::Column::Id.eq(service.carrier_id))
        .one(txn)
        .await?;
    Ok(carrier.map(|carrier| (service, carrier)))
}

/// The carrier's tracking page of a code, from its template (`…{code}…`).
pub fn tracking_url(template: &str, code: &str) -> String {
    template.replace("{code}", code)
}

pub fn shipment_out(
    row: shipment::Model,
    template: Option<&str>,
    events: Vec<tracking_event::Model>,
) -> ShipmentOut {
    let tracking_url = template
        .zip(row.tracking_code.as_deref())
        .map(|(template, code)| tracking_url(template, code));
    ShipmentOut {
        id: row.id,
        fulfilment_id: row.fulfilment_id,
        status: row.status,
        weight_grams: row.weight_grams,
        length_mm: row.length_mm,
        width_mm: row.width_mm,
        height_mm: row.height_mm,
        service_id: row.service_id,
        tracking_code: row.tracking_code,
        tracking_url,
        cost: row.cost.map(|c| c.0),
        failed_attempts: row.failed_attempts,
        posted_at: row.posted_at,
        delivered_at: row.delivered_at,
        events: events
            .into_iter()
            .map(|e| TrackingEventOut {
                carrier_event_id: e.carrier_event_id,
                status: e.status,
                occurred_at: e.occurred_at,
                place: e.place,
                description: e.description,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statuses_written_out_are_the_unshipped_and_the_shipped() {
        let listed: Vec<String> = UNSHIPPED
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        assert_eq!(UNSHIPPED_SQL, format!("status IN ({})", listed.join(", ")));
        let shipped = FulfilmentStatus::Shipped.as_str();
        assert_eq!(SHIPPED_SQL, format!("status = '{shipped}'"));
    }
}
