//! Opening an order's fulfilments when it is paid: one per location its lines were reserved
//! at, each with the promise its location's handling time and the chosen service's transit
//! time make from the payment, in the store's working days. The latest promise is the order's.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::closed_sets::FulfilmentStatus;
use entity::{fulfilment, fulfilment_line, order, order_line};
use openapi::logistics::TransitQuery;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::i18n::{Key, Message};
use crate::inventory::service::location::find_location;
use crate::logistics::error::LogisticsError;
use crate::logistics::service::promise::{Promise, promise_of};
use crate::logistics::service::{handling, transit};
use crate::orders::service::order::{address_of, find_order, lines_of};
use crate::orders::service::progress;
use crate::tenancy::calendar::Calendar;
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::calendar::calendar_of;

/// Opens the fulfilments of a paid order; an order that has them keeps them (the event may
/// be handled twice).
pub async fn open_fulfilments(
    txn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
) -> Result<Vec<fulfilment::Model>, LogisticsError> {
    let existing = fulfilments_of(txn, order_id).await?;
    if !existing.is_empty() {
        return Ok(existing);
    }
    let order = find_order(txn, order_id).await?;
    let calendar = calendar_of(txn).await?;
    let paid_at = progress::paid_at(txn, &order)
        .await?
        .unwrap_or_else(Utc::now);
    let mut opened = Vec::new();
    for (location_id, lines) in by_location(lines_of(txn, vec![order_id]).await?) {
        let promise = promise(txn, &calendar, &order, location_id, paid_at).await?;
        let fulfilment = write(txn, &order, location_id, promise.as_ref(), &lines).await?;
        step(txn, principal, &fulfilment, promise.as_ref()).await?;
        opened.push(fulfilment);
    }
    let ship_by = opened.iter().filter_map(|f| f.ship_by).max();
    let deliver_by = opened.iter().filter_map(|f| f.deliver_by).max();
    progress::set_promise(txn, order_id, ship_by, deliver_by).await?;
    audit::record(
        txn,
        principal,
        Change {
            action: "fulfilment.open",
            entity_type: "order",
            entity_id: Some(order_id),
            before: None,
            after: Some(json!({
                "fulfilments": opened.iter().map(|f| f.id).collect::<Vec<_>>(),
                "ship_by": ship_by,
                "deliver_by": deliver_by,
            })),
        },
    )
    .await?;
    Ok(opened)
}

pub async fn fulfilments_of(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Vec<fulfilment::Model>, LogisticsError> {
    Ok(txn
        .find::<fulfilment::Entity>()
        .filter(fulfilment::Column::OrderId.eq(order_id))
        .all(txn)
        .await?)
}

/// The order's lines grouped by the location they were reserved at, in line order.
fn by_location(lines: Vec<order_line::Model>) -> BTreeMap<Uuid, Vec<order_line::Model>> {
    let mut groups: BTreeMap<Uuid, Vec<order_line::Model>> = BTreeMap::new();
    for line in lines {
        groups.entry(line.location_id).or_default().push(line);
    }
    groups
}

/// The promise of one location's share, or none: no service chosen, or no transit time to
/// the address.
async fn promise(
    txn: &TenantTransaction,
    calendar: &Calendar,
    order: &order::Model,
    location_id: Uuid,
    paid_at: DateTime<Utc>,
) -> Result<Option<Promise>, LogisticsError> {
    let Some(service_id) = order.shipping_service_id else {
        return Ok(None);
    };
    let address = address_of(order);
    let query = TransitQuery {
        service_id,
        country: Some(address.country),
        state: Some(address.state),
        postal_code: Some(address.postal_code),
    };
    let transit = match transit::quote(txn, &query).await {
        Ok(transit) => transit,
        Err(LogisticsError::NotServed | LogisticsError::NotFound(_)) => return Ok(None),
        Err(error) => return Err(error),
    };
    let handling_days = handling::handling_days(txn, location_id).await?;
    promise_of(calendar, paid_at, handling_days, transit.days)
        .map(Some)
        .map_err(|error| LogisticsError::Tenancy(TenancyError::from(error)))
}

async fn write(
    txn: &TenantTransaction,
    order: &order::Model,
    location_id: Uuid,
    promise: Option<&Promise>,
    lines: &[order_line::Model],
) -> Result<fulfilment::Model, LogisticsError> {
    let now = Utc::now();
    let fulfilment = fulfilment::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        order_id: order.id,
        location_id,
        status: FulfilmentStatus::Pending,
        service_id: order.shipping_service_id,
        ship_by: promise.map(|p| p.ship_by),
        deliver_by: promise.map(|p| p.deliver_by),
        picked_at: None,
        packed_at: None,
        shipped_at: None,
        delivered_at: None,
        cancelled_at: None,
        late_to_ship_at: None,
        late_in_transit_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    fulfilment::Entity::insert(fulfilment::ActiveModel::from(fulfilment.clone()))
        .exec_without_returning(txn)
        .await?;
    let rows = lines.iter().map(|line| {
        fulfilment_line::ActiveModel::from(fulfilment_line::Model {
            tenant_id: txn.tenant(),
            id: Uuid::now_v7(),
            fulfilment_id: fulfilment.id,
            order_line_id: line.id,
            variant_id: line.variant_id,
            quantity: line.quantity,
        })
    });
    fulfilment_line::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(fulfilment)
}

/// The order's timeline: where it ships from and what was promised.
async fn step(
    txn: &TenantTransaction,
    principal: &Principal,
    fulfilment: &fulfilment::Model,
    promise: Option<&Promise>,
) -> Result<(), LogisticsError> {
    let location = find_location(txn, fulfilment.location_id).await?;
    let message = match promise {
        Some(promise) => Message::new(Key::OrderFulfilmentPromised)
            .with("ship_by", promise.ship_by.to_string())
            .with("deliver_by", promise.deliver_by.to_string()),
        None => Message::new(Key::OrderFulfilmentUnpromised),
    }
    .with("location", location.name);
    progress::record_step(txn, principal, fulfilment.order_id, message).await?;
    Ok(())
}
