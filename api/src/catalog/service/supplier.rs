//! Suppliers: who the store buys from, and how long they take to deliver.

use crate::db::TenantTransaction;
use std::collections::HashMap;

use chrono::Utc;
use openapi::catalog::{NamedQuery, Status, SupplierIn, SupplierPatch, SupplierVariantIn};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{supplier, supplier_variant, variant};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::error::CatalogError;
use crate::catalog::service::variant::find_variant;
use crate::pagination::{PageRequest, Paged};
use crate::text_search as search;

fn supplier_search_text(supplier: &supplier::Model) -> String {
    search::search_text(
        [supplier.name.as_str()]
            .into_iter()
            .chain(supplier.tax_id.as_deref()),
    )
}

fn summary(supplier: &supplier::Model) -> serde_json::Value {
    json!({
        "name": supplier.name,
        "tax_id": supplier.tax_id,
        "lead_time_days": supplier.lead_time_days,
        "status": supplier.status,
    })
}

pub async fn find_supplier(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<supplier::Model, CatalogError> {
    let tenant_id = conn.tenant();
    supplier::Entity::find_in(tenant_id)
        .filter(supplier::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(CatalogError::NotFound("supplier"))
}

pub async fn create_supplier(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &SupplierIn,
) -> Result<supplier::Model, CatalogError> {
    let now = Utc::now();
    let mut supplier = supplier::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        name: input.name.trim().to_owned(),
        tax_id: input.tax_id.clone(),
        contact_name: input.contact_name.clone(),
        email: input.email.clone(),
        phone: input.phone.clone(),
        lead_time_days: input.lead_time_days,
        status: Status::Active,
        search_text: String::new(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    supplier.search_text = supplier_search_text(&supplier);
    supplier::Entity::insert(supplier::ActiveModel::from(supplier.clone()))
        .exec_without_returning(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "supplier.create",
            entity_type: "supplier",
            entity_id: Some(supplier.id),
            before: None,
            after: Some(summary(&supplier)),
        },
    )
    .await?;
    Ok(supplier)
}

pub async fn get_supplier(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<supplier::Model, CatalogError> {
    find_supplier(conn, id).await
}

pub async fn list_suppliers(
    conn: &TenantTransaction,
    query: &NamedQuery,
    page: PageRequest,
) -> Result<Paged<supplier::Model>, CatalogError> {
    let mut select = supplier::Entity::find_in(conn.tenant());
    if let Some(q) = &query.q {
        select = select.filter(search::matches(supplier::Column::SearchText, q));
    }
    if let Some(status) = query.status {
        select = select.filter(supplier::Column::Status.eq(status));
    }
    let rows = page
        .apply_keyed(select, supplier::Column::SearchText, supplier::Column::Id)
        .all(conn)
        .await?;
    Ok(page.finish_keyed(rows, |s| (Some(s.search_text.clone()), s.id)))
}

pub async fn update_supplier(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &SupplierPatch,
    expected_version: Option<i32>,
) -> Result<supplier::Model, CatalogError> {
    let before = find_supplier(conn, id).await?;
    if expected_version.is_some_and(|v| v != before.version) {
        return Err(CatalogError::Stale {
            what: "the supplier",
            current: before.version,
        });
    }
    let mut after = before.clone();
    if let Some(name) = &patch.name {
        after.name = name.trim().to_owned();
    }
    if patch.tax_id.is_some() {
        after.tax_id = patch.tax_id.clone();
    }
    if patch.contact_name.is_some() {
        after.contact_name = patch.contact_name.clone();
    }
    if patch.email.is_some() {
        after.email = patch.email.clone();
    }
    if patch.phone.is_some() {
        after.phone = patch.phone.clone();
    }
    if let Some(days) = patch.lead_time_days {
        after.lead_time_days = days;
    }
    if let Some(status) = patch.status {
        after.status = status;
    }
    after.search_text = supplier_search_text(&after);
    after.version += 1;
    after.updated_at = Utc::now();
    let updated = conn
        .update_many::<supplier::Entity>()
        .set(supplier::ActiveModel::from(after.clone()).reset_all())
        .filter(supplier::Column::Id.eq(id))
        .filter(supplier::Column::Version.eq(before.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CatalogError::Stale {
            what: "the supplier",
            current: before.version + 1,
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "supplier.update",
            entity_type: "supplier",
            entity_id: Some(id),
            before: Some(summary(&before)),
            after: Some(summary(&after)),
        },
    )
    .await?;
    Ok(after)
}

/// Records (or replaces) how a supplier sells a variant.
pub async fn link_variant(
    conn: &TenantTransaction,
    principal: &Principal,
    supplier_id: Uuid,
    variant_id: Uuid,
    input: &SupplierVariantIn,
) -> Result<(supplier_variant::Model, String), CatalogError> {
    find_supplier(conn, supplier_id).await?;
    let (variant, _) = find_variant(conn, variant_id).await?;
    let link = supplier_variant::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        supplier_id,
        variant_id,
        supplier_sku: input.supplier_sku.clone(),
        cost: Amount(input.cost),
        created_at: Utc::now(),
    };
    conn.delete_many::<supplier_variant::Entity>()
        .filter(supplier_variant::Column::SupplierId.eq(supplier_id))
        .filter(supplier_variant::Column::VariantId.eq(variant_id))
        .exec(conn)
        .await?;
    supplier_variant::Entity::insert(supplier_variant::ActiveModel::from(link.clone()))
        .exec_without_returning(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "supplier.link_variant",
            entity_type: "supplier",
            entity_id: Some(supplier_id),
            before: None,
            after: Some(
                json!({ "sku": variant.sku, "supplier_sku": link.supplier_sku,
                                "cost": link.cost.0 }),
            ),
        },
    )
    .await?;
    Ok((link, variant.sku))
}

/// What a supplier sells, with the store's SKUs.
pub async fn list_supplier_variants(
    conn: &TenantTransaction,
    supplier_id: Uuid,
) -> Result<Vec<(supplier_variant::Model, String)>, CatalogError> {
    find_supplier(conn, supplier_id).await?;
    let links = supplier_variant::Entity::find_in(conn.tenant())
        .filter(supplier_variant::Column::SupplierId.eq(supplier_id))
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = links.iter().map(|l| l.variant_id).collect();
    let variants = variant::Entity::find_in(conn.tenant())
        .filter(variant::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    Ok(links
        .into_iter()
        .map(|link| {
            let sku = variants
                .iter()
                .find(|v| v.id == link.variant_id)
                .map(|v| v.sku.clone())
                .unwrap_or_default();
            (link, sku)
        })
        .collect())
}

/// The suppliers of some variants: variant → (supplier, cost), the cheapest supplier first.
pub async fn suppliers_of(
    conn: &TenantTransaction,
    variant_ids: Vec<Uuid>,
) -> Result<Vec<supplier_variant::Model>, CatalogError> {
    let tenant_id = conn.tenant();
    let mut links = supplier_variant::Entity::find_in(tenant_id)
        .filter(supplier_variant::Column::VariantId.is_in(variant_ids))
        .all(conn)
        .await?;
    links.sort_by(|a, b| a.cost.cmp(&b.cost).then(a.id.cmp(&b.id)));
    Ok(links)
}

/// Suppliers of the store by id.
pub async fn suppliers_by_ids(
    conn: &TenantTransaction,
    ids: Vec<Uuid>,
) -> Result<Vec<supplier::Model>, CatalogError> {
    let tenant_id = conn.tenant();
    Ok(supplier::Entity::find_in(tenant_id)
        .filter(supplier::Column::Id.is_in(ids))
        .all(conn)
        .await?)
}

/// Each variant's main supplier: the cheapest of those it is linked to (the first linked of
/// equals). Variants without a supplier are absent.
pub async fn main_suppliers(
    conn: &TenantTransaction,
    variant_ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, Uuid>, CatalogError> {
    let mut main = HashMap::new();
    for link in suppliers_of(conn, variant_ids).await? {
        main.entry(link.variant_id).or_insert(link.supplier_id);
    }
    Ok(main)
}
