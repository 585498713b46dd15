//! What finance's payables read of purchase orders: one locked with its lines while a bill is
//! checked against it (two bills of one order are checked one after the other), and orders'
//! numbers.

use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use entity::purchase_order;

use super::{PurchaseOrderView, lines_of};
use crate::db::TenantTransaction;
use crate::inventory::error::InventoryError;
use crate::tenancy::service::tenant::currency_of;

/// The purchase order with its lines, locked for this transaction (PostgreSQL; SQLite writers
/// are serialised anyway).
pub async fn lock_for_billing(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<PurchaseOrderView, InventoryError> {
    let order = purchase_order::Entity::find_in(conn.tenant())
        .filter(purchase_order::Column::Id.eq(id))
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(InventoryError::NotFound("purchase order"))?;
    let lines = lines_of(conn, vec![id]).await?;
    Ok(PurchaseOrderView {
        order,
        lines,
        currency: currency_of(conn).await?,
    })
}

/// The purchase orders of `ids` with their lines; unknown ids are absent.
pub async fn purchase_orders_by_ids(
    conn: &TenantTransaction,
    ids: Vec<Uuid>,
) -> Result<Vec<PurchaseOrderView>, InventoryError> {
    let orders = purchase_order::Entity::find_in(conn.tenant())
        .filter(purchase_order::Column::Id.is_in(ids.clone()))
        .all(conn)
        .await?;
    let mut lines = lines_of(conn, ids).await?;
    let currency = currency_of(conn).await?;
    Ok(orders
        .into_iter()
        .map(|order| {
            let (own, rest) = lines
                .drain(..)
                .partition(|(l, _)| l.purchase_order_id == order.id);
            lines = rest;
            PurchaseOrderView {
                order,
                lines: own,
                currency,
            }
        })
        .collect())
}
