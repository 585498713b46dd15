//! Products: created with their variants, listed with search and sort, renamed, archived.

use crate::db::TenantTransaction;
use std::collections::HashSet;

use chrono::Utc;
use openapi::catalog::{ProductIn, ProductPatch, ProductQuery, ProductSort, Status};
use openapi::tenancy::Currency;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, Order, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use entity::{product, product_channel, supplier_variant, variant};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::error::CatalogError;
use crate::catalog::service::channel::find_channel;
use crate::catalog::service::variant::{
    ensure_unique, find_product, follow_product, insert_variant,
};
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::service::tenant::currency_of;
use crate::text_search as search;

mod listing;
pub use listing::*;

pub struct ProductView {
    pub product: product::Model,
    pub variants: Vec<variant::Model>,
    pub channel_ids: Vec<Uuid>,
    pub currency: Currency,
}

/// The order a product list asks for.
pub fn sort_order(sort: Option<ProductSort>) -> Order {
    match sort.unwrap_or_default() {
        ProductSort::Name | ProductSort::Created => Order::Asc,
        ProductSort::NameDesc | ProductSort::CreatedDesc => Order::Desc,
    }
}

fn check_repeats(input: &ProductIn) -> Result<(), CatalogError> {
    let mut skus = HashSet::new();
    let mut barcodes = HashSet::new();
    for (index, variant) in input.variants.iter().enumerate() {
        if !skus.insert(variant.sku.trim()) {
            return Err(CatalogError::Repeated {
                field: format!("variants[{index}].sku"),
                value: variant.sku.clone(),
            });
        }
        if let Some(barcode) = &variant.barcode
            && !barcodes.insert(barcode.as_str())
        {
            return Err(CatalogError::Repeated {
                field: format!("variants[{index}].barcode"),
                value: barcode.clone(),
            });
        }
    }
    Ok(())
}

pub async fn create_product(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &ProductIn,
) -> Result<ProductView, CatalogError> {
    check_repeats(input)?;
    for variant in &input.variants {
        ensure_unique(
            conn,
            Some(variant.sku.trim()),
            variant.barcode.as_deref(),
            None,
        )
        .await?;
    }
    let now = Utc::now();
    let product = product::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        name: input.name.trim().to_owned(),
        description: input.description.clone(),
        ncm: input.ncm.clone(),
        status: Status::Active,
        search_text: search::fold(&input.name),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    product::Entity::insert(product::ActiveModel::from(product.clone()))
        .exec_without_returning(conn)
        .await?;
    let mut variants = Vec::with_capacity(input.variants.len());
    for variant in &input.variants {
        variants.push(insert_variant(conn, &product, variant).await?);
    }
    let channel_ids = set_channels(conn, product.id, &input.channel_ids).await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "product.create",
            entity_type: "product",
            entity_id: Some(product.id),
            before: None,
            after: Some(json!({
                "name": product.name,
                "skus": variants.iter().map(|v| v.sku.as_str()).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    Ok(ProductView {
        product,
        variants,
        channel_ids,
        currency: currency_of(conn).await?,
    })
}

/// Replaces the channels that list a product (each must be one of the store's).
async fn set_channels(
    conn: &TenantTransaction,
    product_id: Uuid,
    channel_ids: &[Uuid],
) -> Result<Vec<Uuid>, CatalogError> {
    let tenant_id = conn.tenant();
    let mut kept: Vec<Uuid> = Vec::new();
    for id in channel_ids {
        find_channel(conn, *id).await?;
        if !kept.contains(id) {
            kept.push(*id);
        }
    }
    conn.delete_many::<product_channel::Entity>()
        .filter(product_channel::Column::ProductId.eq(product_id))
        .exec(conn)
        .await?;
    for channel_id in &kept {
        product_channel::Entity::insert(product_channel::ActiveModel::from(
            product_channel::Model {
                tenant_id,
                id: Uuid::now_v7(),
                product_id,
                channel_id: *channel_id,
                created_at: Utc::now(),
            },
        ))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(kept)
}

/// The channels listing each of some products.
async fn channels_of(
    conn: &TenantTransaction,
    product_ids: Vec<Uuid>,
) -> Result<Vec<product_channel::Model>, CatalogError> {
    let tenant_id = conn.tenant();
    let mut links = product_channel::Entity::find_in(tenant_id)
        .filter(product_channel::Column::ProductId.is_in(product_ids))
        .all(conn)
        .await?;
    links.sort_by_key(|link| link.id);
    Ok(links)
}

fn channel_ids_for(links: &[product_channel::Model], product_id: Uuid) -> Vec<Uuid> {
    links
        .iter()
        .filter(|l| l.product_id == product_id)
        .map(|l| l.channel_id)
        .collect()
}

async fn variants_of(
    conn: &TenantTransaction,
    product_ids: Vec<Uuid>,
) -> Result<Vec<variant::Model>, CatalogError> {
    let tenant_id = conn.tenant();
    // Sorted here: an `ORDER BY id` lets SQLite walk every variant of the store in key order
    // (before `ANALYZE` has run) instead of looking up the few products asked for.
    let mut variants = variant::Entity::find_in(tenant_id)
        .filter(variant::Column::ProductId.is_in(product_ids))
        .all(conn)
        .await?;
    variants.sort_by_key(|variant| variant.id);
    Ok(variants)
}

pub async fn get_product(conn: &TenantTransaction, id: Uuid) -> Result<ProductView, CatalogError> {
    let product = find_product(conn, id).await?;
    let variants = variants_of(conn, vec![id]).await?;
    let channels = channels_of(conn, vec![id]).await?;
    Ok(ProductView {
        product,
        variants,
        channel_ids: channel_ids_for(&channels, id),
        currency: currency_of(conn).await?,
    })
}

pub async fn update_product(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &ProductPatch,
    expected_version: Option<i32>,
) -> Result<ProductView, CatalogError> {
    let before = find_product(conn, id).await?;
    if let Some(expected) = expected_version
        && expected != before.version
    {
        return Err(CatalogError::Stale {
            what: "the product",
            current: before.version,
        });
    }
    let mut after = before.clone();
    if let Some(name) = &patch.name {
        after.name = name.trim().to_owned();
        after.search_text = search::fold(name);
    }
    if let Some(description) = &patch.description {
        after.description = Some(description.clone());
    }
    if let Some(ncm) = &patch.ncm {
        after.ncm = Some(ncm.clone());
    }
    if let Some(status) = patch.status {
        after.status = status;
    }
    after.version += 1;
    after.updated_at = Utc::now();
    let updated = conn
        .update_many::<product::Entity>()
        .set(product::ActiveModel {
            name: Set(after.name.clone()),
            description: Set(after.description.clone()),
            ncm: Set(after.ncm.clone()),
            status: Set(after.status),
            search_text: Set(after.search_text.clone()),
            version: Set(after.version),
            updated_at: Set(after.updated_at),
            ..Default::default()
        })
        .filter(product::Column::Id.eq(id))
        .filter(product::Column::Version.eq(before.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CatalogError::Stale {
            what: "the product",
            current: before.version + 1,
        });
    }
    let archived = after.status == Status::Archived && before.status != after.status;
    if archived || after.name != before.name {
        follow_product(conn, &after, archived).await?;
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "product.update",
            entity_type: "product",
            entity_id: Some(id),
            before: Some(
                json!({ "name": before.name, "status": before.status, "ncm": before.ncm }),
            ),
            after: Some(json!({ "name": after.name, "status": after.status, "ncm": after.ncm })),
        },
    )
    .await?;
    let channel_ids = match &patch.channel_ids {
        Some(ids) => set_channels(conn, id, ids).await?,
        None => channel_ids_for(&channels_of(conn, vec![id]).await?, id),
    };
    let variants = variants_of(conn, vec![id]).await?;
    Ok(ProductView {
        product: after,
        variants,
        channel_ids,
        currency: currency_of(conn).await?,
    })
}
