//! `/inventory/…`: locations, stock levels and their movements, adjustments, transfers,
//! counts and what the stock is worth.

use openapi::Page;
use openapi::inventory::{
    AdjustmentIn, CountIn, CountOut, LocationIn, LocationOut, MovementOut, StockChangeOut,
    StockLevelOut, TransferIn, ValuationOut,
};
use uuid::Uuid;

use super::{ApiError, Query, create, get};
use crate::session::Session;

/// Every location of the store (a store has a handful).
pub async fn locations(session: Session) -> Result<Vec<LocationOut>, ApiError> {
    let page: Page<LocationOut> = get(session, "/inventory/locations?limit=200").await?;
    Ok(page.items)
}

/// A page of the store's locations.
pub async fn location_page(
    session: Session,
    cursor: Option<String>,
) -> Result<Page<LocationOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path("/inventory/locations");
    get(session, &path).await
}

pub async fn create_location(
    session: Session,
    input: &LocationIn,
    idempotency_key: Uuid,
) -> Result<LocationOut, ApiError> {
    create(session, "/inventory/locations", input, idempotency_key).await
}

/// Which stock levels or movements a list shows.
#[derive(Clone, Default)]
pub struct StockFilter {
    pub location_id: String,
    pub variant_id: Option<Uuid>,
    /// Movements only: what moved them.
    pub kind: String,
    pub cursor: Option<String>,
}

pub async fn levels(
    session: Session,
    filter: StockFilter,
) -> Result<Page<StockLevelOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("location_id", Some(filter.location_id))
        .opt("variant_id", filter.variant_id)
        .opt("cursor", filter.cursor)
        .path("/inventory/levels");
    get(session, &path).await
}

pub async fn movements(
    session: Session,
    filter: StockFilter,
) -> Result<Page<MovementOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("variant_id", filter.variant_id)
        .opt("location_id", Some(filter.location_id))
        .opt("kind", Some(filter.kind))
        .opt("cursor", filter.cursor)
        .path("/inventory/movements");
    get(session, &path).await
}

/// Adds or takes stock at a location, once per `idempotency_key`.
pub async fn adjust(
    session: Session,
    input: &AdjustmentIn,
    idempotency_key: Uuid,
) -> Result<StockChangeOut, ApiError> {
    create(session, "/inventory/adjustments", input, idempotency_key).await
}

/// Moves stock between locations, once per `idempotency_key`.
pub async fn transfer(
    session: Session,
    input: &TransferIn,
    idempotency_key: Uuid,
) -> Result<StockChangeOut, ApiError> {
    create(session, "/inventory/transfers", input, idempotency_key).await
}

/// Books a count (levels set to what was counted), once per `idempotency_key`.
pub async fn count(
    session: Session,
    input: &CountIn,
    idempotency_key: Uuid,
) -> Result<CountOut, ApiError> {
    create(session, "/inventory/counts", input, idempotency_key).await
}

pub async fn valuation(session: Session) -> Result<ValuationOut, ApiError> {
    get(session, "/inventory/valuation").await
}
