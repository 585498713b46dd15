//! Purchase orders: draft → sent → partially received → received, or cancelled.
//! Sending raises `incoming` at the order's location; receiving turns incoming into on hand
//! and folds the unit cost into the variant's weighted average cost.

use crate::db::TenantTransaction;
use chrono::Utc;
use openapi::inventory::{PurchaseOrderIn, ReceiptIn};
use openapi::tenancy::Currency;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::{MovementKind, PurchaseOrderStatus};
use entity::{purchase_order, purchase_order_line, stock_level};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::service::supplier::{find_supplier, suppliers_of};
use crate::catalog::service::variant::{
    find_variant, lock_variant, set_average_cost, variants_by_id,
};
use crate::inventory::error::InventoryError;
use crate::inventory::service::ledger::{self, Delta, Movement};
use crate::inventory::service::level::ensure_stocked;
use crate::inventory::service::location::find_active_location;
use crate::numbering::next_number;
use crate::tenancy::service::tenant::currency_of;

mod billing;
mod listing;
mod receipt;
pub use billing::*;
pub use listing::*;
pub use receipt::*;

pub const DRAFT: PurchaseOrderStatus = PurchaseOrderStatus::Draft;
const SENT: PurchaseOrderStatus = PurchaseOrderStatus::Sent;
const PARTIALLY_RECEIVED: PurchaseOrderStatus = PurchaseOrderStatus::PartiallyReceived;
const RECEIVED: PurchaseOrderStatus = PurchaseOrderStatus::Received;
const CANCELLED: PurchaseOrderStatus = PurchaseOrderStatus::Cancelled;

pub struct PurchaseOrderView {
    pub order: purchase_order::Model,
    pub lines: Vec<(purchase_order_line::Model, String)>,
    pub currency: Currency,
}

/// One line to order: what, how many, at what unit cost (None: the supplier's or variant's).
pub struct OrderLine {
    pub variant_id: Uuid,
    pub quantity: i64,
    pub unit_cost: Option<Decimal>,
}

pub async fn create_purchase_order(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &PurchaseOrderIn,
) -> Result<PurchaseOrderView, InventoryError> {
    let lines: Vec<OrderLine> = input
        .lines
        .iter()
        .map(|line| OrderLine {
            variant_id: line.variant_id,
            quantity: line.quantity,
            unit_cost: line.unit_cost,
        })
        .collect();
    create_draft(
        conn,
        principal,
        input.supplier_id,
        input.location_id,
        input.note.clone(),
        &lines,
    )
    .await
}

/// Writes a draft order with its lines (also what replenishment calls).
pub async fn create_draft(
    conn: &TenantTransaction,
    principal: &Principal,
    supplier_id: Uuid,
    location_id: Uuid,
    note: Option<String>,
    lines: &[OrderLine],
) -> Result<PurchaseOrderView, InventoryError> {
    let tenant_id = conn.tenant();
    find_supplier(conn, supplier_id).await?;
    find_active_location(conn, location_id).await?;
    let variant_ids = lines.iter().map(|l| l.variant_id).collect();
    let supplier_costs = suppliers_of(conn, variant_ids).await?;
    let now = Utc::now();
    let number = next_number(conn, "purchase_order").await?;
    let order = purchase_order::Model {
        tenant_id,
        id: Uuid::now_v7(),
        number: i32::try_from(number).unwrap_or(i32::MAX),
        supplier_id,
        location_id,
        status: DRAFT,
        note,
        sent_at: None,
        received_at: None,
        cancelled_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    purchase_order::Entity::insert(purchase_order::ActiveModel::from(order.clone()))
        .exec_without_returning(conn)
        .await?;
    let mut written = Vec::with_capacity(lines.len());
    for line in lines {
        let (variant, _) = find_variant(conn, line.variant_id).await?;
        ensure_stocked(conn, &variant).await?;
        let listed = supplier_costs
            .iter()
            .find(|l| l.supplier_id == supplier_id && l.variant_id == variant.id)
            .map(|l| l.cost.0);
        let unit_cost = line.unit_cost.or(listed).unwrap_or(variant.cost.0);
        let row = purchase_order_line::Model {
            tenant_id,
            id: Uuid::now_v7(),
            purchase_order_id: order.id,
            variant_id: variant.id,
            quantity_ordered: line.quantity,
            quantity_received: 0,
            unit_cost: Amount(unit_cost),
        };
        purchase_order_line::Entity::insert(purchase_order_line::ActiveModel::from(row.clone()))
            .exec_without_returning(conn)
            .await?;
        written.push((row, variant.sku));
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "purchase_order.create",
            entity_type: "purchase_order",
            entity_id: Some(order.id),
            before: None,
            after: Some(json!({ "number": order.number, "lines": written.len() })),
        },
    )
    .await?;
    Ok(PurchaseOrderView {
        order,
        lines: written,
        currency: currency_of(conn).await?,
    })
}

async fn find_order(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<purchase_order::Model, InventoryError> {
    let tenant_id = conn.tenant();
    purchase_order::Entity::find_in(tenant_id)
        .filter(purchase_order::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(InventoryError::NotFound("purchase order"))
}

/// An `If-Match` naming another version than the order's: someone changed it since it was read.
fn check_version(
    order: &purchase_order::Model,
    expected_version: Option<i32>,
) -> Result<(), InventoryError> {
    match expected_version {
        Some(version) if version != order.version => Err(InventoryError::Stale {
            what: "the purchase order",
            current: order.version,
        }),
        _ => Ok(()),
    }
}

async fn lines_of(
    conn: &TenantTransaction,
    order_ids: Vec<Uuid>,
) -> Result<Vec<(purchase_order_line::Model, String)>, InventoryError> {
    let tenant_id = conn.tenant();
    // Sorted here, not by the query: see `catalog::service::product::variants_of`.
    let mut lines = purchase_order_line::Entity::find_in(tenant_id)
        .filter(purchase_order_line::Column::PurchaseOrderId.is_in(order_ids))
        .all(conn)
        .await?;
    lines.sort_by_key(|line| line.id);
    let variant_ids: Vec<Uuid> = lines.iter().map(|l| l.variant_id).collect();
    let variants = variants_by_id(conn, variant_ids).await?;
    Ok(lines
        .into_iter()
        .map(|line| {
            let sku = variants
                .get(&line.variant_id)
                .map(|v| v.sku.clone())
                .unwrap_or_default();
            (line, sku)
        })
        .collect())
}

pub async fn get_purchase_order(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<PurchaseOrderView, InventoryError> {
    let order = find_order(conn, id).await?;
    let lines = lines_of(conn, vec![id]).await?;
    Ok(PurchaseOrderView {
        order,
        lines,
        currency: currency_of(conn).await?,
    })
}

/// Moves an order from one of `from` to `to` with one conditional update; 409 otherwise.
async fn transition(
    conn: &TenantTransaction,
    order: &purchase_order::Model,
    from: &[PurchaseOrderStatus],
    to: PurchaseOrderStatus,
) -> Result<(), InventoryError> {
    let now = Utc::now();
    let mut update = purchase_order::ActiveModel {
        status: Set(to),
        version: Set(order.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    match to {
        SENT => update.sent_at = Set(Some(now)),
        RECEIVED => update.received_at = Set(Some(now)),
        CANCELLED => update.cancelled_at = Set(Some(now)),
        _ => {}
    }
    let changed = conn
        .update_many::<purchase_order::Entity>()
        .set(update)
        .filter(purchase_order::Column::Id.eq(order.id))
        .filter(purchase_order::Column::Version.eq(order.version))
        .filter(purchase_order::Column::Status.is_in(from.iter().copied()))
        .exec(conn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(InventoryError::PurchaseOrderState {
            status: order.status.as_str().to_owned(),
            action: to.as_str().to_owned(),
        });
    }
    Ok(())
}

async fn move_incoming(
    conn: &TenantTransaction,
    principal: &Principal,
    order: &purchase_order::Model,
    line: &purchase_order_line::Model,
    kind: MovementKind,
    incoming: i64,
) -> Result<(), InventoryError> {
    let delta = Delta {
        incoming,
        ..Delta::default()
    };
    move_line(conn, principal, order, line, kind, delta, None).await
}

/// One line's stock change at the order's location, in the ledger. The order's own checks
/// come first, so a refusal here (a level that would go below zero) is a fault: 500.
async fn move_line(
    conn: &TenantTransaction,
    principal: &Principal,
    order: &purchase_order::Model,
    line: &purchase_order_line::Model,
    kind: MovementKind,
    delta: Delta,
    note: Option<&str>,
) -> Result<(), InventoryError> {
    let movement = Movement {
        kind,
        delta,
        reason: None,
        reference: Some(("purchase_order", order.id)),
        note,
        keep_available: 0,
    };
    if ledger::apply(
        conn,
        principal,
        line.variant_id,
        order.location_id,
        movement,
    )
    .await?
    {
        Ok(())
    } else {
        Err(InventoryError::Database(sea_orm::DbErr::Custom(format!(
            "a {} of purchase order {} was refused",
            kind.as_str(),
            order.number
        ))))
    }
}

/// Sends a draft: its quantities become `incoming` at its location.
pub async fn send_purchase_order(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    expected_version: Option<i32>,
) -> Result<PurchaseOrderView, InventoryError> {
    let order = find_order(conn, id).await?;
    check_version(&order, expected_version)?;
    transition(conn, &order, &[DRAFT], SENT).await?;
    for (line, _) in lines_of(conn, vec![id]).await? {
        move_incoming(
            conn,
            principal,
            &order,
            &line,
            MovementKind::PurchaseSent,
            line.quantity_ordered,
        )
        .await?;
    }
    record(conn, principal, &order, "purchase_order.send").await?;
    get_purchase_order(conn, id).await
}

/// Cancels an order not yet fully received; what was still incoming is taken back.
pub async fn cancel_purchase_order(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    expected_version: Option<i32>,
) -> Result<PurchaseOrderView, InventoryError> {
    let order = find_order(conn, id).await?;
    check_version(&order, expected_version)?;
    transition(conn, &order, &[DRAFT, SENT, PARTIALLY_RECEIVED], CANCELLED).await?;
    if order.status != DRAFT {
        for (line, _) in lines_of(conn, vec![id]).await? {
            let open = line.quantity_ordered - line.quantity_received;
            if open > 0 {
                move_incoming(
                    conn,
                    principal,
                    &order,
                    &line,
                    MovementKind::PurchaseCancelled,
                    -open,
                )
                .await?;
            }
        }
    }
    record(conn, principal, &order, "purchase_order.cancel").await?;
    get_purchase_order(conn, id).await
}

async fn record(
    conn: &TenantTransaction,
    principal: &Principal,
    order: &purchase_order::Model,
    action: &str,
) -> Result<(), InventoryError> {
    audit::record(
        conn,
        principal,
        Change {
            action,
            entity_type: "purchase_order",
            entity_id: Some(order.id),
            before: Some(json!({ "status": order.status.as_str() })),
            after: None,
        },
    )
    .await?;
    Ok(())
}
