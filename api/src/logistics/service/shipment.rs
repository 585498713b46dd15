//! Shipments: handing a package to its carrier (the carrier's events are `tracking`).

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::{FulfilmentStatus, ShipmentStatus};
use entity::shipment;
use openapi::logistics::{ShipIn, ShipmentOut};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::{self, TenantTransaction};
use crate::i18n::{Key, Message};
use crate::logistics::error::LogisticsError;
use crate::logistics::service::carrier::{find_carrier, find_service};
use crate::logistics::service::fulfilment::steps::{lock_fulfilment, settle};
use crate::logistics::service::fulfilment::view::shipment_view;
use crate::logistics::service::scorecard_days;
use crate::orders::service::progress;

pub async fn find_shipment(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<shipment::Model, LogisticsError> {
    txn.find::<shipment::Entity>()
        .filter(shipment::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(LogisticsError::NotFound("shipment"))
}

/// The shipment with its tracking history.
pub async fn get_shipment(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<ShipmentOut, LogisticsError> {
    shipment_view(txn, find_shipment(txn, id).await?).await
}

/// Hands a packed shipment to its carrier: the service (the fulfilment's unless named), its
/// tracking code (unique in the store) and its cost. The last of a fulfilment's shipments
/// handed over ships the fulfilment.
pub async fn ship(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    input: &ShipIn,
) -> Result<shipment::Model, LogisticsError> {
    let fulfilment_id = find_shipment(txn, id).await?.fulfilment_id;
    let fulfilment = lock_fulfilment(txn, fulfilment_id).await?;
    let before = find_shipment(txn, id).await?;
    if before.status != ShipmentStatus::Packed {
        return Err(LogisticsError::ShipmentPosted {
            status: before.status,
        });
    }
    if fulfilment.status != FulfilmentStatus::Packed {
        return Err(LogisticsError::FulfilmentState {
            status: fulfilment.status,
            expected: FulfilmentStatus::Packed,
        });
    }
    let service_id = input
        .service_id
        .or(before.service_id)
        .ok_or(LogisticsError::ServiceRequired)?;
    let service = find_service(txn, service_id).await?;
    let carrier = find_carrier(txn, service.carrier_id).await?;
    let now = Utc::now();
    let after = shipment::Model {
        status: ShipmentStatus::Posted,
        service_id: Some(service_id),
        tracking_code: Some(input.tracking_code.clone()),
        cost: input.cost.map(Amount),
        posted_at: Some(now),
        version: before.version + 1,
        updated_at: now,
        ..before.clone()
    };
    shipment::Entity::update(shipment::ActiveModel::from(after.clone()).reset_all())
        .exec(txn)
        .await
        .map_err(|error| {
            db::taken_or(error, || LogisticsError::TrackingCodeTaken {
                code: input.tracking_code.clone(),
            })
        })?;
    scorecard_days::follow(txn, &before, &after, fulfilment.deliver_by).await?;
    audit::record(
        txn,
        principal,
        Change {
            action: "shipment.ship",
            entity_type: "shipment",
            entity_id: Some(id),
            before: Some(json!({ "status": before.status.as_str() })),
            after: Some(json!({
                "status": after.status.as_str(),
                "service_id": service_id,
                "tracking_code": input.tracking_code,
                "cost": input.cost.map(|c: Decimal| c.to_string()),
            })),
        },
    )
    .await?;
    let message = Message::new(Key::OrderShipmentPosted)
        .with("code", input.tracking_code.as_str())
        .with("carrier", carrier.name);
    progress::record_step(txn, principal, fulfilment.order_id, message).await?;
    settle(txn, principal, fulfilment_id, now).await?;
    Ok(after)
}
