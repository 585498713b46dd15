//! What other modules may tell of an order's shipping (mail's shipped and late emails,
//! finance's margin): its packages with their carriers and tracking links, what they cost, and
//! a fulfilment's place and dates.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use entity::{fulfilment, shipment};

use crate::db::TenantTransaction;
use crate::inventory::service::location::find_location;
use crate::logistics::error::LogisticsError;

use super::view::{find_fulfilment, service_with_carrier, tracking_url};

/// A package with a carrier.
pub struct Package {
    pub carrier: String,
    pub service: String,
    pub code: String,
    /// The carrier's tracking page for the code.
    pub url: Option<String>,
}

async fn fulfilment_ids(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Vec<Uuid>, LogisticsError> {
    Ok(txn
        .find::<fulfilment::Entity>()
        .filter(fulfilment::Column::OrderId.eq(order_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|f| f.id)
        .collect())
}

/// What shipping the order cost the store (finance's margin): the sum of its shipments'
/// costs once a carrier has them all; none while nothing was handed over or a cost is missing.
pub async fn shipping_cost_of(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Option<Decimal>, LogisticsError> {
    let fulfilments = fulfilment_ids(txn, order_id).await?;
    let posted = txn
        .find::<shipment::Entity>()
        .filter(shipment::Column::FulfilmentId.is_in(fulfilments))
        .filter(shipment::Column::PostedAt.is_not_null())
        .all(txn)
        .await?;
    if posted.is_empty() {
        return Ok(None);
    }
    Ok(posted.iter().map(|s| s.cost.map(|c| c.0)).sum())
}

/// The order's packages that a carrier has, in the order they were packed.
pub async fn packages_of(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Vec<Package>, LogisticsError> {
    let fulfilments = fulfilment_ids(txn, order_id).await?;
    // Sorted here: for several fulfilments SQLite would walk the store's shipments in id order.
    let mut shipments = txn
        .find::<shipment::Entity>()
        .filter(shipment::Column::FulfilmentId.is_in(fulfilments))
        .filter(shipment::Column::TrackingCode.is_not_null())
        .all(txn)
        .await?;
    shipments.sort_by_key(|shipment| shipment.id);
    let mut packages = Vec::with_capacity(shipments.len());
    for row in shipments {
        let (Some(code), Some(service_id)) = (row.tracking_code, row.service_id) else {
            continue;
        };
        let Some((service, carrier)) = service_with_carrier(txn, service_id).await? else {
            continue;
        };
        packages.push(Package {
            url: carrier.tracking_url.map(|t| tracking_url(&t, &code)),
            carrier: carrier.name,
            service: service.name,
            code,
        });
    }
    Ok(packages)
}

/// Where a fulfilment ships from and the day it had to.
pub struct Dispatch {
    pub location: String,
    pub ship_by: Option<NaiveDate>,
}

pub async fn dispatch_of(
    txn: &TenantTransaction,
    fulfilment_id: Uuid,
) -> Result<Dispatch, LogisticsError> {
    let row = find_fulfilment(txn, fulfilment_id).await?;
    Ok(Dispatch {
        location: find_location(txn, row.location_id).await?.name,
        ship_by: row.ship_by,
    })
}
