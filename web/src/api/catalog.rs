//! `/catalog/…`: products and their variants, suppliers, sales channels.
//!
//! A form's body goes as typed (`crate::input`), so the API judges each value and names the
//! field when one is wrong: those functions take any `Serialize` body shaped as the `…In` or
//! `…Patch` type they name.

use openapi::Page;
use openapi::catalog::{ChannelIn, ChannelOut, ChannelPatch, ProductOut, SupplierOut, VariantOut};
use serde::Serialize;
use uuid::Uuid;

use super::{ApiError, Query, create, encode, get, patch_version};
use crate::session::Session;

/// Which products a list shows.
#[derive(Clone, Default)]
pub struct ProductFilter {
    pub q: String,
    pub status: String,
    pub supplier_id: String,
    pub channel_id: String,
    pub sort: String,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

pub async fn products(
    session: Session,
    filter: ProductFilter,
) -> Result<Page<ProductOut>, ApiError> {
    let path = Query::new()
        .set("limit", filter.limit.unwrap_or(50))
        .opt("q", Some(filter.q))
        .opt("status", Some(filter.status))
        .opt("supplier_id", Some(filter.supplier_id))
        .opt("channel_id", Some(filter.channel_id))
        .opt("sort", Some(filter.sort))
        .opt("cursor", filter.cursor)
        .path("/catalog/products");
    get(session, &path).await
}

pub async fn product(session: Session, id: Uuid) -> Result<ProductOut, ApiError> {
    get(session, &format!("/catalog/products/{id}")).await
}

/// Creates a product with its first variants (a `ProductIn`, as typed).
pub async fn create_product(
    session: Session,
    body: &impl Serialize,
    idempotency_key: Uuid,
) -> Result<ProductOut, ApiError> {
    create(session, "/catalog/products", body, idempotency_key).await
}

/// Changes a product as it was at `version` (a `ProductPatch`, as typed).
pub async fn update_product(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
    version: i32,
) -> Result<ProductOut, ApiError> {
    patch_version(session, &format!("/catalog/products/{id}"), body, version).await
}

/// Adds a variant to a product (a `VariantIn`, as typed).
pub async fn add_variant(
    session: Session,
    product_id: Uuid,
    body: &impl Serialize,
    idempotency_key: Uuid,
) -> Result<VariantOut, ApiError> {
    let path = format!("/catalog/products/{product_id}/variants");
    create(session, &path, body, idempotency_key).await
}

/// Changes a variant as it was at `version` (a `VariantPatch`, as typed).
pub async fn update_variant(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
    version: i32,
) -> Result<VariantOut, ApiError> {
    patch_version(session, &format!("/catalog/variants/{id}"), body, version).await
}

/// The variant with this barcode; 404 when there is none.
pub async fn variant_by_barcode(session: Session, code: &str) -> Result<VariantOut, ApiError> {
    get(
        session,
        &format!("/catalog/variants/by-barcode/{}", encode(code)),
    )
    .await
}

/// Variants whose SKU, barcode or name holds `q`.
pub async fn variants(session: Session, q: &str, limit: u32) -> Result<Page<VariantOut>, ApiError> {
    let path = Query::new()
        .set("q", q)
        .set("limit", limit)
        .path("/catalog/variants");
    get(session, &path).await
}

/// The store's active sales channels.
pub async fn channels(session: Session) -> Result<Vec<ChannelOut>, ApiError> {
    let page: Page<ChannelOut> = get(session, "/catalog/channels?status=active&limit=200").await?;
    Ok(page.items)
}

/// A page of every sales channel, archived ones too.
pub async fn all_channels(
    session: Session,
    cursor: Option<String>,
) -> Result<Page<ChannelOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path("/catalog/channels");
    get(session, &path).await
}

pub async fn create_channel(
    session: Session,
    input: &ChannelIn,
    idempotency_key: Uuid,
) -> Result<ChannelOut, ApiError> {
    create(session, "/catalog/channels", input, idempotency_key).await
}

/// Changes a channel as it was at `version`.
pub async fn update_channel(
    session: Session,
    id: Uuid,
    patch: &ChannelPatch,
    version: i32,
) -> Result<ChannelOut, ApiError> {
    patch_version(session, &format!("/catalog/channels/{id}"), patch, version).await
}

/// The store's active suppliers (the first 200, for choosing one).
pub async fn suppliers(session: Session) -> Result<Vec<SupplierOut>, ApiError> {
    let page: Page<SupplierOut> =
        get(session, "/catalog/suppliers?status=active&limit=200").await?;
    Ok(page.items)
}

/// The store's suppliers, archived ones too (the first 200, by name: for names and choices).
pub async fn all_suppliers(session: Session) -> Result<Vec<SupplierOut>, ApiError> {
    Ok(find_suppliers(session, String::new(), 200, None)
        .await?
        .items)
}

/// A page of suppliers whose name holds `q`, archived ones too (`limit` 200 at most).
pub async fn find_suppliers(
    session: Session,
    q: String,
    limit: u32,
    cursor: Option<String>,
) -> Result<Page<SupplierOut>, ApiError> {
    let path = Query::new()
        .set("limit", limit)
        .opt("q", Some(q))
        .opt("cursor", cursor)
        .path("/catalog/suppliers");
    get(session, &path).await
}

pub async fn supplier(session: Session, id: Uuid) -> Result<SupplierOut, ApiError> {
    get(session, &format!("/catalog/suppliers/{id}")).await
}

/// Adds a supplier (a `SupplierIn`, as typed).
pub async fn create_supplier(
    session: Session,
    body: &impl Serialize,
    idempotency_key: Uuid,
) -> Result<SupplierOut, ApiError> {
    create(session, "/catalog/suppliers", body, idempotency_key).await
}
