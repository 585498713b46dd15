//! Reading stock levels, with the SKU and location code a reader needs beside them.

use crate::db::TenantTransaction;
use std::collections::HashMap;

use openapi::inventory::StockLevelQuery;
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use entity::closed_sets::ReservationStatus;
use entity::{location, stock_level, variant};

use crate::catalog::service::variant::variants_by_id;
use crate::inventory::error::InventoryError;
use crate::pagination::{PageRequest, Paged};

pub struct LevelView {
    pub level: stock_level::Model,
    pub sku: String,
    pub location_code: String,
}

/// The SKUs of some variants and the codes of some locations, for rows that name them by id.
pub struct Names {
    skus: HashMap<Uuid, String>,
    codes: HashMap<Uuid, String>,
}

impl Names {
    /// Looks up every (variant, location) pair's names in two queries.
    pub async fn of(
        conn: &TenantTransaction,
        pairs: impl Iterator<Item = (Uuid, Uuid)>,
    ) -> Result<Names, InventoryError> {
        let tenant_id = conn.tenant();
        let (variant_ids, location_ids): (Vec<Uuid>, Vec<Uuid>) = pairs.unzip();
        let variants = variants_by_id(conn, variant_ids).await?;
        let locations = location::Entity::find_in(tenant_id)
            .filter(location::Column::Id.is_in(location_ids))
            .all(conn)
            .await?;
        Ok(Names {
            skus: variants.into_iter().map(|(id, v)| (id, v.sku)).collect(),
            codes: locations.into_iter().map(|l| (l.id, l.code)).collect(),
        })
    }

    pub fn sku(&self, variant_id: Uuid) -> String {
        self.skus.get(&variant_id).cloned().unwrap_or_default()
    }

    pub fn location_code(&self, location_id: Uuid) -> String {
        self.codes.get(&location_id).cloned().unwrap_or_default()
    }
}

/// Adds SKUs and location codes to levels.
pub async fn describe(
    conn: &TenantTransaction,
    levels: Vec<stock_level::Model>,
) -> Result<Vec<LevelView>, InventoryError> {
    let pairs = levels.iter().map(|l| (l.variant_id, l.location_id));
    let names = Names::of(conn, pairs).await?;
    Ok(levels
        .into_iter()
        .map(|level| LevelView {
            sku: names.sku(level.variant_id),
            location_code: names.location_code(level.location_id),
            level,
        })
        .collect())
}

pub async fn list_levels(
    conn: &TenantTransaction,
    query: &StockLevelQuery,
    page: PageRequest,
) -> Result<Paged<LevelView>, InventoryError> {
    let mut select = stock_level::Entity::find_in(conn.tenant());
    if let Some(variant_id) = query.variant_id {
        select = select.filter(stock_level::Column::VariantId.eq(variant_id));
    }
    if let Some(location_id) = query.location_id {
        select = select.filter(stock_level::Column::LocationId.eq(location_id));
    }
    let rows = page
        .apply(select, stock_level::Column::Id)
        .all(conn)
        .await?;
    let views = describe(conn, rows).await?;
    Ok(page.finish(views, |v| v.level.id))
}

/// The current levels of some (variant, location) pairs, after an operation.
pub async fn levels_of(
    conn: &TenantTransaction,
    pairs: &[(Uuid, Uuid)],
) -> Result<Vec<LevelView>, InventoryError> {
    let mut levels = Vec::with_capacity(pairs.len());
    for (variant_id, location_id) in pairs {
        if let Some(level) =
            crate::inventory::service::ledger::find_level(conn, *variant_id, *location_id).await?
        {
            levels.push(level);
        }
    }
    describe(conn, levels).await
}

/// Whether a variant has any stock, incoming units or active reservations anywhere.
/// Inventory's answer to catalog's `StockProbe`.
pub struct VariantStock;

#[async_trait::async_trait]
impl crate::catalog::service::kit::StockProbe for VariantStock {
    async fn has_stock(
        &self,
        txn: &TenantTransaction,
        variant_id: Uuid,
    ) -> Result<bool, sea_orm::DbErr> {
        has_stock(txn, variant_id).await
    }
}

pub async fn has_stock(conn: &TenantTransaction, variant_id: Uuid) -> Result<bool, sea_orm::DbErr> {
    let tenant_id = conn.tenant();
    use sea_orm::Condition;
    let level = stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::VariantId.eq(variant_id))
        .filter(
            Condition::any()
                .add(stock_level::Column::OnHand.ne(0))
                .add(stock_level::Column::Reserved.ne(0))
                .add(stock_level::Column::Unsellable.ne(0))
                .add(stock_level::Column::Incoming.ne(0)),
        )
        .one(conn)
        .await?;
    let reservation = entity::reservation::Entity::find_in(tenant_id)
        .filter(entity::reservation::Column::VariantId.eq(variant_id))
        .filter(entity::reservation::Column::Status.eq(ReservationStatus::Active))
        .one(conn)
        .await?;
    Ok(level.is_some() || reservation.is_some())
}

/// Refuses stock moves of a kit: its stock is its components'.
pub async fn ensure_stocked(
    conn: &TenantTransaction,
    variant: &variant::Model,
) -> Result<(), InventoryError> {
    let components = crate::catalog::service::kit::components_of(conn, variant.id).await?;
    if components.is_empty() {
        Ok(())
    } else {
        Err(InventoryError::KitNotStocked {
            sku: variant.sku.clone(),
        })
    }
}
