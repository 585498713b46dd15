//! Replenishment: reorder points per level, what needs reordering with a suggested quantity,
//! and a supplier's group turned into a draft purchase order.

use crate::db::TenantTransaction;
use chrono::{Duration, Utc};
use openapi::inventory::ReorderPatch;
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::closed_sets::MovementKind;
use entity::{location, stock_level, stock_movement, supplier};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::service::supplier::{suppliers_by_ids, suppliers_of};
use crate::catalog::service::variant::variants_by_id;
use crate::inventory::error::InventoryError;
use crate::inventory::service::ledger::available;
use crate::inventory::service::level::{LevelView, describe};
use crate::inventory::service::purchase_order::{OrderLine, PurchaseOrderView, create_draft};

pub async fn set_reorder(
    conn: &TenantTransaction,
    principal: &Principal,
    level_id: Uuid,
    patch: &ReorderPatch,
) -> Result<LevelView, InventoryError> {
    let tenant_id = conn.tenant();
    let level = stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::Id.eq(level_id))
        .one(conn)
        .await?
        .ok_or(InventoryError::NotFound("stock level"))?;
    conn.update_many::<stock_level::Entity>()
        .set(stock_level::ActiveModel {
            reorder_point: Set(patch.reorder_point),
            reorder_quantity: Set(patch.reorder_quantity),
            ..Default::default()
        })
        .filter(stock_level::Column::Id.eq(level_id))
        .exec(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "stock.set_reorder",
            entity_type: "stock_level",
            entity_id: Some(level_id),
            before: Some(json!({ "reorder_point": level.reorder_point,
                                 "reorder_quantity": level.reorder_quantity })),
            after: Some(json!(patch)),
        },
    )
    .await?;
    let updated = stock_level::Model {
        reorder_point: patch.reorder_point,
        reorder_quantity: patch.reorder_quantity,
        ..level
    };
    let mut views = describe(conn, vec![updated]).await?;
    views.pop().ok_or(InventoryError::NotFound("stock level"))
}

pub struct Need {
    pub level: stock_level::Model,
    pub sku: String,
    pub location_code: String,
    pub sold_last_30_days: i64,
    pub suggested_quantity: i64,
}

pub struct Group {
    pub supplier: Option<supplier::Model>,
    pub needs: Vec<Need>,
}

/// Units to order: sales over the lead time plus the reorder point as safety stock, less what
/// is available and incoming; the reorder quantity (else the point) when nothing sold.
pub fn suggest(level: &stock_level::Model, sold_30_days: i64, lead_time_days: i32) -> i64 {
    let point = level.reorder_point.unwrap_or(0);
    if sold_30_days <= 0 {
        return level.reorder_quantity.unwrap_or(point.max(1));
    }
    let lead = i64::from(lead_time_days.max(0));
    let during_lead = (sold_30_days * lead + 29) / 30;
    (during_lead + point - available(level) - level.incoming).max(1)
}

/// Every level at or below its reorder point (counting what is incoming), grouped by the
/// supplier that sells it cheapest.
pub async fn list_replenishment(conn: &TenantTransaction) -> Result<Vec<Group>, InventoryError> {
    let tenant_id = conn.tenant();
    let levels: Vec<stock_level::Model> = stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::ReorderPoint.is_not_null())
        .all(conn)
        .await?
        .into_iter()
        .filter(|l| available(l) + l.incoming <= l.reorder_point.unwrap_or(0))
        .collect();
    let variant_ids: Vec<Uuid> = levels.iter().map(|l| l.variant_id).collect();
    let links = suppliers_of(conn, variant_ids.clone()).await?;
    let supplier_ids: Vec<Uuid> = links.iter().map(|l| l.supplier_id).collect();
    let suppliers = suppliers_by_ids(conn, supplier_ids).await?;
    let variants = variants_by_id(conn, variant_ids.clone()).await?;
    let locations = location::Entity::find_in(tenant_id).all(conn).await?;
    let sales = stock_movement::Entity::find_in(tenant_id)
        .filter(stock_movement::Column::Kind.eq(MovementKind::Sale))
        .filter(stock_movement::Column::VariantId.is_in(variant_ids))
        .filter(stock_movement::Column::CreatedAt.gte(Utc::now() - Duration::days(30)))
        .all(conn)
        .await?;
    let mut groups: Vec<Group> = Vec::new();
    for level in levels {
        let supplier = links
            .iter()
            .find(|l| l.variant_id == level.variant_id)
            .and_then(|link| suppliers.iter().find(|s| s.id == link.supplier_id))
            .cloned();
        let sold: i64 = sales
            .iter()
            .filter(|m| m.variant_id == level.variant_id && m.location_id == level.location_id)
            .map(|m| -m.on_hand_delta)
            .sum();
        let lead = supplier.as_ref().map_or(0, |s| s.lead_time_days);
        let need = Need {
            sku: variants
                .get(&level.variant_id)
                .map(|v| v.sku.clone())
                .unwrap_or_default(),
            location_code: locations
                .iter()
                .find(|l| l.id == level.location_id)
                .map(|l| l.code.clone())
                .unwrap_or_default(),
            sold_last_30_days: sold,
            suggested_quantity: suggest(&level, sold, lead),
            level,
        };
        let supplier_id = supplier.as_ref().map(|s| s.id);
        match groups
            .iter_mut()
            .find(|g| g.supplier.as_ref().map(|s| s.id) == supplier_id)
        {
            Some(group) => group.needs.push(need),
            None => groups.push(Group {
                supplier,
                needs: vec![need],
            }),
        }
    }
    Ok(groups)
}

/// A draft purchase order of what one supplier's group needs at one location.
pub async fn order_replenishment(
    conn: &TenantTransaction,
    principal: &Principal,
    supplier_id: Uuid,
    location_id: Uuid,
) -> Result<PurchaseOrderView, InventoryError> {
    let groups = list_replenishment(conn).await?;
    let lines: Vec<OrderLine> = groups
        .into_iter()
        .filter(|g| g.supplier.as_ref().map(|s| s.id) == Some(supplier_id))
        .flat_map(|g| g.needs)
        .filter(|need| need.level.location_id == location_id)
        .map(|need| OrderLine {
            variant_id: need.level.variant_id,
            quantity: need.suggested_quantity,
            unit_cost: None,
        })
        .collect();
    if lines.is_empty() {
        return Err(InventoryError::NothingToReorder);
    }
    create_draft(
        conn,
        principal,
        supplier_id,
        location_id,
        Some("replenishment".to_owned()),
        &lines,
    )
    .await
}
