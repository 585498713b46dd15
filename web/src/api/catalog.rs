//! `/catalog/…`.

use openapi::Page;
use openapi::catalog::{ChannelOut, ProductOut, SupplierOut};

use super::{ApiError, Query, get};
use crate::session::Session;

/// Which products a list shows.
#[derive(Clone, Default)]
pub struct ProductFilter {
    pub q: String,
    pub status: String,
    pub supplier_id: String,
    pub channel_id: String,
    pub sort: String,
    pub cursor: Option<String>,
}

pub async fn products(
    session: Session,
    filter: ProductFilter,
) -> Result<Page<ProductOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("q", Some(filter.q))
        .opt("status", Some(filter.status))
        .opt("supplier_id", Some(filter.supplier_id))
        .opt("channel_id", Some(filter.channel_id))
        .opt("sort", Some(filter.sort))
        .opt("cursor", filter.cursor)
        .path("/catalog/products");
    get(session, &path).await
}

/// The store's active sales channels.
pub async fn channels(session: Session) -> Result<Vec<ChannelOut>, ApiError> {
    let page: Page<ChannelOut> = get(session, "/catalog/channels?status=active&limit=200").await?;
    Ok(page.items)
}

/// The store's active suppliers (the first 200, for choosing one).
pub async fn suppliers(session: Session) -> Result<Vec<SupplierOut>, ApiError> {
    let page: Page<SupplierOut> =
        get(session, "/catalog/suppliers?status=active&limit=200").await?;
    Ok(page.items)
}
