//! Kits: a variant made of other variants. A kit holds no stock of its own; what it has is what
//! its components make, and reserving a kit reserves its components.

use crate::db::TenantTransaction;
use openapi::catalog::KitComponentsIn;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use entity::{kit_component, variant};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::error::{CatalogError, KitRule};
use crate::catalog::service::variant::{VariantView, find_variant, get_variant};

/// What a kit's rules must know of stock: whether a variant holds any, or has reservations.
/// Inventory answers it (`inventory::service::level::VariantStock`); catalog cannot ask
/// inventory itself, which is built on catalog, so the app hands the answerer to the route.
#[async_trait::async_trait]
pub trait StockProbe: Send + Sync {
    async fn has_stock(
        &self,
        txn: &TenantTransaction,
        variant_id: Uuid,
    ) -> Result<bool, sea_orm::DbErr>;
}

/// A kit's components with their SKUs, in the order they were given.
pub async fn components_of(
    conn: &TenantTransaction,
    kit_id: Uuid,
) -> Result<Vec<(kit_component::Model, String)>, CatalogError> {
    let tenant_id = conn.tenant();
    let components = kit_component::Entity::find_in(tenant_id)
        .filter(kit_component::Column::KitVariantId.eq(kit_id))
        .order_by_asc(kit_component::Column::Id)
        .all(conn)
        .await?;
    if components.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = components.iter().map(|c| c.component_variant_id).collect();
    let variants = variant::Entity::find_in(tenant_id)
        .filter(variant::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    Ok(components
        .into_iter()
        .map(|component| {
            let sku = variants
                .iter()
                .find(|v| v.id == component.component_variant_id)
                .map(|v| v.sku.clone())
                .unwrap_or_default();
            (component, sku)
        })
        .collect())
}

async fn is_component(conn: &TenantTransaction, variant_id: Uuid) -> Result<bool, CatalogError> {
    let tenant_id = conn.tenant();
    Ok(kit_component::Entity::find_in(tenant_id)
        .filter(kit_component::Column::ComponentVariantId.eq(variant_id))
        .one(conn)
        .await?
        .is_some())
}

/// Replaces a kit's components. A kit cannot hold itself or another kit, cannot be a component
/// itself, and cannot change while it has stock or active reservations.
pub async fn set_components(
    conn: &TenantTransaction,
    stock: &dyn StockProbe,
    principal: &Principal,
    kit_id: Uuid,
    input: &KitComponentsIn,
) -> Result<VariantView, CatalogError> {
    let tenant_id = conn.tenant();
    let (kit, _) = find_variant(conn, kit_id).await?;
    if !input.components.is_empty() && is_component(conn, kit_id).await? {
        return Err(CatalogError::KitRule {
            reason: KitRule::IsComponent {
                sku: kit.sku.clone(),
            },
        });
    }
    if stock.has_stock(conn, kit_id).await? {
        return Err(CatalogError::KitRule {
            reason: KitRule::HasStock {
                sku: kit.sku.clone(),
            },
        });
    }
    let mut seen = Vec::new();
    for (index, component) in input.components.iter().enumerate() {
        let field = format!("components[{index}].component_variant_id");
        if component.component_variant_id == kit_id
            || seen.contains(&component.component_variant_id)
        {
            return Err(CatalogError::Repeated {
                field,
                value: component.component_variant_id.to_string(),
            });
        }
        find_variant(conn, component.component_variant_id).await?;
        if !components_of(conn, component.component_variant_id)
            .await?
            .is_empty()
        {
            return Err(CatalogError::KitRule {
                reason: KitRule::NestedKit,
            });
        }
        seen.push(component.component_variant_id);
    }
    let before = components_of(conn, kit_id).await?;
    conn.delete_many::<kit_component::Entity>()
        .filter(kit_component::Column::KitVariantId.eq(kit_id))
        .exec(conn)
        .await?;
    for component in &input.components {
        kit_component::Entity::insert(kit_component::ActiveModel::from(kit_component::Model {
            tenant_id,
            id: Uuid::now_v7(),
            kit_variant_id: kit_id,
            component_variant_id: component.component_variant_id,
            quantity: component.quantity,
        }))
        .exec_without_returning(conn)
        .await?;
    }
    let summary = |list: Vec<(String, i64)>| json!(list);
    audit::record(
        conn,
        principal,
        Change {
            action: "variant.set_components",
            entity_type: "variant",
            entity_id: Some(kit_id),
            before: Some(summary(
                before
                    .into_iter()
                    .map(|(c, sku)| (sku, c.quantity))
                    .collect(),
            )),
            after: Some(json!(input.components)),
        },
    )
    .await?;
    get_variant(conn, kit_id).await
}

/// The components of some kits (a variant that is no kit has none).
pub async fn components_of_kits(
    conn: &TenantTransaction,
    kit_ids: Vec<Uuid>,
) -> Result<Vec<kit_component::Model>, CatalogError> {
    let tenant_id = conn.tenant();
    Ok(kit_component::Entity::find_in(tenant_id)
        .filter(kit_component::Column::KitVariantId.is_in(kit_ids))
        .all(conn)
        .await?)
}

/// The ids of every kit of the store.
pub async fn kit_ids(
    conn: &TenantTransaction,
) -> Result<std::collections::HashSet<Uuid>, CatalogError> {
    let tenant_id = conn.tenant();
    Ok(kit_component::Entity::find_in(tenant_id)
        .all(conn)
        .await?
        .into_iter()
        .map(|c| c.kit_variant_id)
        .collect())
}
