//! What logistics asks of delivered orders: when one was delivered, and how many units of
//! each SKU went out on delivered orders (returns' windows and return rates).

use chrono::{DateTime, Utc};
use openapi::orders::OrderStatus;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};
use uuid::Uuid;

use entity::closed_sets::OrderEventKind;
use entity::{order, order_event, order_line};

use crate::db::{TenantTransaction, units_sum};
use crate::orders::error::OrderError;

/// The states of an order whose every line reached the customer.
pub const DELIVERED: [OrderStatus; 2] = [OrderStatus::Delivered, OrderStatus::Completed];

/// When the order last moved to `delivered` (its timeline), if it ever did.
pub async fn delivered_at(
    conn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Option<DateTime<Utc>>, OrderError> {
    let entry = conn
        .find::<order_event::Entity>()
        .filter(order_event::Column::OrderId.eq(order_id))
        .filter(order_event::Column::Kind.eq(OrderEventKind::Delivered))
        .order_by_desc(order_event::Column::Id)
        .one(conn)
        .await?;
    Ok(entry.map(|e| e.at))
}

/// Units delivered per SKU, on orders delivered or completed; by SKU.
pub async fn delivered_units_by_sku(
    conn: &TenantTransaction,
) -> Result<Vec<(String, i64)>, OrderError> {
    let delivered = conn
        .find::<order::Entity>()
        .filter(order::Column::Status.is_in(DELIVERED))
        .select_only()
        .column(order::Column::Id)
        .into_query();
    Ok(conn
        .find::<order_line::Entity>()
        .filter(order_line::Column::OrderId.in_subquery(delivered))
        .select_only()
        .column(order_line::Column::Sku)
        .column_as(units_sum(order_line::Column::Quantity), "units")
        .group_by(order_line::Column::Sku)
        .order_by_asc(order_line::Column::Sku)
        .into_tuple()
        .all(conn)
        .await?)
}
