//! A fulfilment's steps at the warehouse: picking (the order becomes `fulfilling`), packing
//! into shipments, and cancelling what has not shipped. Handing a shipment to the carrier is
//! `shipment::ship`.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use entity::closed_sets::{FulfilmentStatus, ShipmentStatus, Uf};
use entity::{fulfilment, shipment};
use openapi::logistics::{CancelFulfilmentIn, PackIn};
use openapi::orders::OrderStatus;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::logistics::error::LogisticsError;
use crate::orders::service::order::{address_of, find_order};
use crate::orders::service::progress;

/// The fulfilment, locked for this transaction (PostgreSQL; SQLite writers take turns).
pub async fn lock_fulfilment(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<fulfilment::Model, LogisticsError> {
    txn.find::<fulfilment::Entity>()
        .filter(fulfilment::Column::Id.eq(id))
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(LogisticsError::NotFound("fulfilment"))
}

/// 409 unless the fulfilment is `expected`.
fn expect(
    fulfilment: &fulfilment::Model,
    expected: FulfilmentStatus,
) -> Result<(), LogisticsError> {
    if fulfilment.status == expected {
        return Ok(());
    }
    Err(LogisticsError::FulfilmentState {
        status: fulfilment.status,
        expected,
    })
}

/// Writes the fulfilment's new state with its audit entry.
pub(crate) async fn save(
    txn: &TenantTransaction,
    principal: &Principal,
    before: &fulfilment::Model,
    after: fulfilment::Model,
) -> Result<fulfilment::Model, LogisticsError> {
    save_because(txn, principal, before, after, None).await
}

/// `save`, with staff's reason kept in the audit entry.
async fn save_because(
    txn: &TenantTransaction,
    principal: &Principal,
    before: &fulfilment::Model,
    after: fulfilment::Model,
    reason: Option<&str>,
) -> Result<fulfilment::Model, LogisticsError> {
    let after = fulfilment::Model {
        version: before.version + 1,
        updated_at: Utc::now(),
        ..after
    };
    fulfilment::Entity::update(fulfilment::ActiveModel::from(after.clone()).reset_all())
        .exec(txn)
        .await?;
    audit::record(
        txn,
        principal,
        Change {
            action: "fulfilment.transition",
            entity_type: "fulfilment",
            entity_id: Some(before.id),
            before: Some(json!({ "status": before.status.as_str() })),
            after: Some(json!({ "status": after.status.as_str(), "reason": reason })),
        },
    )
    .await?;
    Ok(after)
}

/// Starts picking: the order becomes `fulfilling`. An order held for review (by staff or a
/// rule, after its fulfilments opened) waits until it is released.
pub async fn pick(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
) -> Result<fulfilment::Model, LogisticsError> {
    let before = lock_fulfilment(txn, id).await?;
    expect(&before, FulfilmentStatus::Pending)?;
    let order = progress::hold(txn, before.order_id).await?;
    if order.status == OrderStatus::OnHold {
        return Err(LogisticsError::OrderHeld);
    }
    let after = fulfilment::Model {
        status: FulfilmentStatus::Picking,
        picked_at: Some(Utc::now()),
        ..before.clone()
    };
    let after = save(txn, principal, &before, after).await?;
    progress::advance_held(txn, principal, order, &[OrderStatus::Fulfilling]).await?;
    Ok(after)
}

/// Packs a picked fulfilment: each package becomes a shipment, waiting for its carrier.
pub async fn pack(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    input: &PackIn,
) -> Result<fulfilment::Model, LogisticsError> {
    let before = lock_fulfilment(txn, id).await?;
    expect(&before, FulfilmentStatus::Picking)?;
    let order = find_order(txn, before.order_id).await?;
    let destination_state = Uf::parse(&address_of(&order).state);
    let now = Utc::now();
    let shipments = input.packages.iter().map(|package| {
        shipment::ActiveModel::from(shipment::Model {
            tenant_id: txn.tenant(),
            id: Uuid::now_v7(),
            fulfilment_id: id,
            status: ShipmentStatus::Packed,
            weight_grams: package.weight_grams,
            length_mm: package.length_mm,
            width_mm: package.width_mm,
            height_mm: package.height_mm,
            service_id: before.service_id,
            tracking_code: None,
            cost: None,
            destination_state,
            failed_attempts: 0,
            posted_at: None,
            delivered_at: None,
            last_event_at: None,
            version: 1,
            created_at: now,
            updated_at: now,
        })
    });
    shipment::Entity::insert_many(shipments)
        .exec_without_returning(txn)
        .await?;
    let after = fulfilment::Model {
        status: FulfilmentStatus::Packed,
        packed_at: Some(now),
        ..before.clone()
    };
    save(txn, principal, &before, after).await
}

/// Cancels a fulfilment that has not shipped (its order was cancelled, or staff decide).
pub async fn cancel(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    input: &CancelFulfilmentIn,
) -> Result<fulfilment::Model, LogisticsError> {
    let before = lock_fulfilment(txn, id).await?;
    if !matches!(
        before.status,
        FulfilmentStatus::Pending | FulfilmentStatus::Picking | FulfilmentStatus::Packed
    ) {
        return Err(LogisticsError::FulfilmentState {
            status: before.status,
            expected: FulfilmentStatus::Packed,
        });
    }
    let after = fulfilment::Model {
        status: FulfilmentStatus::Cancelled,
        cancelled_at: Some(Utc::now()),
        ..before.clone()
    };
    save_because(txn, principal, &before, after, input.reason.as_deref()).await
}

/// Cancels every fulfilment of a cancelled order that has not shipped.
pub async fn cancel_unshipped(
    txn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
) -> Result<u64, LogisticsError> {
    let open: Vec<Uuid> = txn
        .find::<fulfilment::Entity>()
        .filter(fulfilment::Column::OrderId.eq(order_id))
        .filter(fulfilment::Column::Status.is_in([
            FulfilmentStatus::Pending,
            FulfilmentStatus::Picking,
            FulfilmentStatus::Packed,
        ]))
        .select_only()
        .column(fulfilment::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let reason = CancelFulfilmentIn { reason: None };
    for id in &open {
        cancel(txn, principal, *id, &reason).await?;
    }
    Ok(open.len() as u64)
}

/// After a shipment moved: the fulfilment is `shipped` once each of its shipments is with a
/// carrier, `delivered` once each is delivered; the order follows when all its fulfilments
/// have (cancelled ones aside).
pub async fn settle(
    txn: &TenantTransaction,
    principal: &Principal,
    fulfilment_id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), LogisticsError> {
    let before = lock_fulfilment(txn, fulfilment_id).await?;
    settle_locked(txn, principal, before, at).await.map(drop)
}

/// `settle` of a fulfilment the caller holds locked: the fulfilment after it.
pub async fn settle_locked(
    txn: &TenantTransaction,
    principal: &Principal,
    before: fulfilment::Model,
    at: DateTime<Utc>,
) -> Result<fulfilment::Model, LogisticsError> {
    let statuses: Vec<ShipmentStatus> = txn
        .find::<shipment::Entity>()
        .filter(shipment::Column::FulfilmentId.eq(before.id))
        .select_only()
        .column(shipment::Column::Status)
        .into_tuple()
        .all(txn)
        .await?;
    settle_with(txn, principal, before, &statuses, at).await
}

/// `settle_locked`, the statuses of all the fulfilment's shipments known to the caller.
pub async fn settle_with(
    txn: &TenantTransaction,
    principal: &Principal,
    before: fulfilment::Model,
    statuses: &[ShipmentStatus],
    at: DateTime<Utc>,
) -> Result<fulfilment::Model, LogisticsError> {
    let delivered =
        !statuses.is_empty() && statuses.iter().all(|s| *s == ShipmentStatus::Delivered);
    let posted = !statuses.is_empty() && statuses.iter().all(|s| *s != ShipmentStatus::Packed);
    let after = match before.status {
        FulfilmentStatus::Packed | FulfilmentStatus::Shipped if delivered => fulfilment::Model {
            status: FulfilmentStatus::Delivered,
            shipped_at: before.shipped_at.or(Some(at)),
            delivered_at: Some(at),
            ..before.clone()
        },
        FulfilmentStatus::Packed if posted => fulfilment::Model {
            status: FulfilmentStatus::Shipped,
            shipped_at: Some(at),
            ..before.clone()
        },
        _ => return Ok(before),
    };
    let after = save(txn, principal, &before, after).await?;
    follow_order(txn, principal, after.order_id).await?;
    Ok(after)
}

/// Moves the order once all its fulfilments have shipped, or been delivered. The order is
/// locked before its fulfilments are read: of two fulfilments delivered at once, the second
/// to lock it sees the first delivered.
async fn follow_order(
    txn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
) -> Result<(), LogisticsError> {
    let order = progress::hold(txn, order_id).await?;
    let statuses: Vec<FulfilmentStatus> = txn
        .find::<fulfilment::Entity>()
        .filter(fulfilment::Column::OrderId.eq(order_id))
        .filter(fulfilment::Column::Status.ne(FulfilmentStatus::Cancelled))
        .select_only()
        .column(fulfilment::Column::Status)
        .into_tuple()
        .all(txn)
        .await?;
    let all = |wanted: &[FulfilmentStatus]| statuses.iter().all(|s| wanted.contains(s));
    if statuses.is_empty() {
        return Ok(());
    }
    use FulfilmentStatus::{Delivered, Shipped};
    let steps: &[OrderStatus] = if all(&[Delivered]) {
        &[OrderStatus::Shipped, OrderStatus::Delivered]
    } else if all(&[Shipped, Delivered]) {
        &[OrderStatus::Shipped]
    } else {
        &[]
    };
    if !steps.is_empty() {
        progress::advance_held(txn, principal, order, steps).await?;
    }
    Ok(())
}
