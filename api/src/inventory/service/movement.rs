//! Reading the movement ledger.

use crate::db::TenantTransaction;
use openapi::inventory::MovementQuery;
use sea_orm::{ColumnTrait, QueryFilter};

use entity::stock_movement::{self, Column};

use crate::inventory::error::InventoryError;
use crate::inventory::service::level::Names;
use crate::pagination::{PageRequest, Paged};

/// A movement with the SKU and location code a reader needs beside it.
pub struct MovementView {
    pub movement: stock_movement::Model,
    pub sku: String,
    pub location_code: String,
}

/// The ledger, newest first, filtered by variant, location, kind and time.
pub async fn list_movements(
    conn: &TenantTransaction,
    query: &MovementQuery,
    page: PageRequest,
) -> Result<Paged<MovementView>, InventoryError> {
    let mut select = stock_movement::Entity::find_in(conn.tenant());
    if let Some(variant_id) = query.variant_id {
        select = select.filter(Column::VariantId.eq(variant_id));
    }
    if let Some(location_id) = query.location_id {
        select = select.filter(Column::LocationId.eq(location_id));
    }
    if let Some(kind) = &query.kind {
        select = select.filter(Column::Kind.eq(kind.as_str()));
    }
    if let Some(since) = query.since {
        select = select.filter(Column::CreatedAt.gte(since));
    }
    if let Some(until) = query.until {
        select = select.filter(Column::CreatedAt.lt(until));
    }
    let rows = page.apply(select, Column::Id).all(conn).await?;
    let pairs = rows.iter().map(|m| (m.variant_id, m.location_id));
    let names = Names::of(conn, pairs).await?;
    let views = rows
        .into_iter()
        .map(|movement| MovementView {
            sku: names.sku(movement.variant_id),
            location_code: names.location_code(movement.location_id),
            movement,
        })
        .collect();
    Ok(page.finish(views, |v| v.movement.id))
}
