//! Variants: one SKU each, with price, cost, barcode, options and shipping measures.

use crate::db::TenantTransaction;
use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use openapi::catalog::{Status, VariantIn, VariantPatch, VariantQuery};
use openapi::tenancy::Currency;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QuerySelect, QueryTrait,
};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{kit_component, product, variant};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::error::CatalogError;
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::service::tenant::currency_of;
use crate::text_search as search;

mod lookup;
pub use lookup::*;

mod for_others;
pub use for_others::*;

/// A variant with what a reader needs beside it: its product's name and the store's currency.
pub struct VariantView {
    pub variant: variant::Model,
    pub product_name: String,
    pub currency: Currency,
    /// A kit's components with their SKUs (empty for a plain variant, and in lists).
    pub components: Vec<(kit_component::Model, String)>,
}

pub fn options_of(variant: &variant::Model) -> BTreeMap<String, String> {
    serde_json::from_value(variant.options.clone()).unwrap_or_default()
}

pub fn variant_search_text(product_name: &str, variant: &variant::Model) -> String {
    let options = options_of(variant);
    search::search_text(
        [product_name, variant.sku.as_str()]
            .into_iter()
            .chain(variant.barcode.as_deref())
            .chain(options.values().map(String::as_str)),
    )
}

/// Refuses SKUs and barcodes another variant of the store already has.
pub async fn ensure_unique(
    conn: &TenantTransaction,
    sku: Option<&str>,
    barcode: Option<&str>,
    except: Option<Uuid>,
) -> Result<(), CatalogError> {
    let tenant_id = conn.tenant();
    let mut others = variant::Entity::find_in(tenant_id);
    if let Some(except) = except {
        others = others.filter(variant::Column::Id.ne(except));
    }
    if let Some(sku) = sku
        && others
            .clone()
            .filter(variant::Column::Sku.eq(sku))
            .one(conn)
            .await?
            .is_some()
    {
        return Err(CatalogError::SkuTaken { sku: sku.into() });
    }
    if let Some(barcode) = barcode
        && others
            .filter(variant::Column::Barcode.eq(barcode))
            .one(conn)
            .await?
            .is_some()
    {
        return Err(CatalogError::BarcodeTaken {
            barcode: barcode.into(),
        });
    }
    Ok(())
}

/// A unique index caught what the checks above could not (two writers at once).
pub fn taken_on_unique(error: DbErr, sku: &str) -> CatalogError {
    crate::db::taken_or(error, || CatalogError::SkuTaken { sku: sku.into() })
}

/// Builds and inserts a variant of `product` (uniqueness already checked).
pub async fn insert_variant(
    conn: &impl ConnectionTrait,
    product: &product::Model,
    input: &VariantIn,
) -> Result<variant::Model, CatalogError> {
    let now = Utc::now();
    let cost = input.cost.unwrap_or(Decimal::ZERO);
    let mut variant = variant::Model {
        tenant_id: product.tenant_id,
        id: Uuid::now_v7(),
        product_id: product.id,
        sku: input.sku.trim().to_owned(),
        barcode: input.barcode.clone(),
        options: json!(input.options),
        price: Amount(input.price),
        cost: Amount(cost),
        average_cost: Amount(cost),
        weight_grams: input.weight_grams,
        length_mm: input.length_mm,
        width_mm: input.width_mm,
        height_mm: input.height_mm,
        status: Status::Active,
        search_text: String::new(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    variant.search_text = variant_search_text(&product.name, &variant);
    variant::Entity::insert(variant::ActiveModel::from(variant.clone()))
        .exec_without_returning(conn)
        .await
        .map_err(|e| taken_on_unique(e, &variant.sku))?;
    Ok(variant)
}

async fn view(
    conn: &TenantTransaction,
    variant: variant::Model,
    product_name: String,
) -> Result<VariantView, CatalogError> {
    Ok(VariantView {
        components: crate::catalog::service::kit::components_of(conn, variant.id).await?,
        variant,
        product_name,
        currency: currency_of(conn).await?,
    })
}

pub async fn add_variant(
    conn: &TenantTransaction,
    principal: &Principal,
    product_id: Uuid,
    input: &VariantIn,
) -> Result<VariantView, CatalogError> {
    let product = find_product(conn, product_id).await?;
    ensure_unique(conn, Some(&input.sku), input.barcode.as_deref(), None).await?;
    let variant = insert_variant(conn, &product, input).await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "variant.create",
            entity_type: "variant",
            entity_id: Some(variant.id),
            before: None,
            after: Some(json!({ "sku": variant.sku, "price": variant.price.0 })),
        },
    )
    .await?;
    view(conn, variant, product.name).await
}

pub async fn get_variant(conn: &TenantTransaction, id: Uuid) -> Result<VariantView, CatalogError> {
    let (variant, product) = find_variant(conn, id).await?;
    view(conn, variant, product.name).await
}

/// For scanners: the variant with this barcode (or, failing that, this SKU).
pub async fn find_by_barcode(
    conn: &TenantTransaction,
    code: &str,
) -> Result<VariantView, CatalogError> {
    let variant = variant::Entity::find_in(conn.tenant())
        .filter(
            sea_orm::Condition::any()
                .add(variant::Column::Barcode.eq(code))
                .add(variant::Column::Sku.eq(code)),
        )
        .one(conn)
        .await?
        .ok_or(CatalogError::NotFound("variant"))?;
    let product = find_product(conn, variant.product_id).await?;
    view(conn, variant, product.name).await
}

pub async fn list_variants(
    conn: &TenantTransaction,
    query: &VariantQuery,
    page: PageRequest,
) -> Result<(Paged<VariantView>, Currency), CatalogError> {
    let mut select = variant::Entity::find_in(conn.tenant());
    if let Some(q) = &query.q {
        let backend = conn.get_database_backend();
        select = select.filter(search::matches_in(
            backend,
            "variants",
            variant::Column::SearchText,
            q,
        ));
    }
    if let Some(status) = query.status {
        select = select.filter(variant::Column::Status.eq(status));
    }
    if let Some(product_id) = query.product_id {
        select = select.filter(variant::Column::ProductId.eq(product_id));
    }
    let rows = page.apply(select, variant::Column::Id).all(conn).await?;
    let product_ids: Vec<Uuid> = rows.iter().map(|v| v.product_id).collect();
    let products = product::Entity::find_in(conn.tenant())
        .filter(product::Column::Id.is_in(product_ids))
        .all(conn)
        .await?;
    let currency = currency_of(conn).await?;
    let views = rows
        .into_iter()
        .map(|variant| VariantView {
            product_name: products
                .iter()
                .find(|p| p.id == variant.product_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            variant,
            currency,
            components: Vec::new(),
        })
        .collect();
    Ok((page.finish(views, |v| v.variant.id), currency))
}

pub async fn update_variant(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &VariantPatch,
    expected_version: Option<i32>,
) -> Result<VariantView, CatalogError> {
    let (before, product) = find_variant(conn, id).await?;
    if let Some(expected) = expected_version
        && expected != before.version
    {
        return Err(CatalogError::Stale {
            what: "the variant",
            current: before.version,
        });
    }
    let new_sku = patch.sku.as_deref().filter(|sku| *sku != before.sku);
    let new_barcode = patch
        .barcode
        .as_deref()
        .filter(|code| Some(*code) != before.barcode.as_deref());
    ensure_unique(conn, new_sku, new_barcode, Some(id)).await?;
    let mut after = before.clone();
    if let Some(sku) = &patch.sku {
        after.sku = sku.trim().to_owned();
    }
    if let Some(barcode) = &patch.barcode {
        after.barcode = Some(barcode.clone());
    }
    if let Some(options) = &patch.options {
        after.options = json!(options);
    }
    if let Some(price) = patch.price {
        after.price = Amount(price);
    }
    if let Some(cost) = patch.cost {
        after.cost = Amount(cost);
    }
    if let Some(weight) = patch.weight_grams {
        after.weight_grams = Some(weight);
    }
    if let Some(status) = patch.status {
        after.status = status;
    }
    after.search_text = variant_search_text(&product.name, &after);
    after.version += 1;
    after.updated_at = Utc::now();
    let updated = conn
        .update_many::<variant::Entity>()
        .set(variant::ActiveModel::from(after.clone()).reset_all())
        .filter(variant::Column::Id.eq(id))
        .filter(variant::Column::Version.eq(before.version))
        .exec(conn)
        .await
        .map_err(|e| taken_on_unique(e, &after.sku))?;
    if updated.rows_affected != 1 {
        return Err(CatalogError::Stale {
            what: "the variant",
            current: before.version + 1,
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "variant.update",
            entity_type: "variant",
            entity_id: Some(id),
            before: Some(variant_summary(&before)),
            after: Some(variant_summary(&after)),
        },
    )
    .await?;
    view(conn, after, product.name).await
}

fn variant_summary(variant: &variant::Model) -> serde_json::Value {
    json!({
        "sku": variant.sku,
        "barcode": variant.barcode,
        "price": variant.price.0,
        "cost": variant.cost.0,
        "status": variant.status,
    })
}

/// Sets a product's variants' status (archiving a product archives them) and refreshes their
/// search text after a rename.
pub async fn follow_product(
    conn: &TenantTransaction,
    product: &product::Model,
    archive: bool,
) -> Result<(), CatalogError> {
    let variants = variant::Entity::find_in(product.tenant_id)
        .filter(variant::Column::ProductId.eq(product.id))
        .all(conn)
        .await?;
    for variant in variants {
        let status = if archive {
            Status::Archived
        } else {
            variant.status
        };
        conn.update_many::<variant::Entity>()
            .set(variant::ActiveModel {
                search_text: Set(variant_search_text(&product.name, &variant)),
                status: Set(status),
                ..Default::default()
            })
            .filter(variant::Column::Id.eq(variant.id))
            .exec(conn)
            .await?;
    }
    Ok(())
}
