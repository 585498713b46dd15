//! `/inventory/purchase-orders…` and `/inventory/replenishment…`: buying from suppliers.
//! A purchase order's moves send the version the page read (`If-Match`).

use openapi::Page;
use openapi::inventory::{PurchaseOrderOut, ReplenishmentOrderIn, ReplenishmentOut};
use serde::Serialize;
use uuid::Uuid;

use super::{ApiError, Query, create, get, post_version};
use crate::session::Session;

fn order_path(id: Uuid) -> String {
    format!("/inventory/purchase-orders/{id}")
}

/// Which purchase orders a list shows.
#[derive(Clone, Default)]
pub struct PurchaseOrderFilter {
    pub status: String,
    pub supplier_id: String,
    pub cursor: Option<String>,
}

pub async fn purchase_orders(
    session: Session,
    filter: PurchaseOrderFilter,
) -> Result<Page<PurchaseOrderOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("status", Some(filter.status))
        .opt("supplier_id", Some(filter.supplier_id))
        .opt("cursor", filter.cursor)
        .path("/inventory/purchase-orders");
    get(session, &path).await
}

pub async fn purchase_order(session: Session, id: Uuid) -> Result<PurchaseOrderOut, ApiError> {
    get(session, &order_path(id)).await
}

/// Creates a draft (a `PurchaseOrderIn`, as typed).
pub async fn create_purchase_order(
    session: Session,
    body: &impl Serialize,
    idempotency_key: Uuid,
) -> Result<PurchaseOrderOut, ApiError> {
    create(session, "/inventory/purchase-orders", body, idempotency_key).await
}

/// A move of a purchase order with no body of its own.
#[derive(Clone, Copy)]
pub enum Step {
    Send,
    Cancel,
}

/// Sends or cancels the order as it was at `version`.
pub async fn step(
    session: Session,
    id: Uuid,
    step: Step,
    version: i32,
) -> Result<PurchaseOrderOut, ApiError> {
    let name = match step {
        Step::Send => "send",
        Step::Cancel => "cancel",
    };
    let path = format!("{}/{name}", order_path(id));
    post_version(session, &path, &serde_json::json!({}), version).await
}

/// Receives goods (a `ReceiptIn`, as typed) into the order as it was at `version`.
pub async fn receive(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
    version: i32,
) -> Result<PurchaseOrderOut, ApiError> {
    let path = format!("{}/receipts", order_path(id));
    post_version(session, &path, body, version).await
}

/// What is running low, grouped by supplier.
pub async fn replenishment(session: Session) -> Result<ReplenishmentOut, ApiError> {
    get(session, "/inventory/replenishment").await
}

/// A draft purchase order of what a supplier's group needs at a location, once per
/// `idempotency_key`.
pub async fn order_replenishment(
    session: Session,
    input: &ReplenishmentOrderIn,
    idempotency_key: Uuid,
) -> Result<PurchaseOrderOut, ApiError> {
    let path = "/inventory/replenishment/purchase-orders";
    create(session, path, input, idempotency_key).await
}
