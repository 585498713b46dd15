//! `/inventory/…` pieces several pages use.

use openapi::Page;
use openapi::inventory::LocationOut;

use super::{ApiError, get};
use crate::session::Session;

/// Every location of the store (a store has a handful).
pub async fn locations(session: Session) -> Result<Vec<LocationOut>, ApiError> {
    let page: Page<LocationOut> = get(session, "/inventory/locations?limit=200").await?;
    Ok(page.items)
}
