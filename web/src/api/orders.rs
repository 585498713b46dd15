//! `/orders/…`, `/customers` and `/order-settings`: orders, their moves and money, customers,
//! the store's order rules. A move sends the version the page read (`If-Match`); a payment
//! or refund sends the `Idempotency-Key` of its submission.

use openapi::Page;
use openapi::orders::{
    CustomerOut, OrderOut, OrderSettings, OrderStatus, OrderSummaryOut, PaymentOut,
    TimelineEntryOut, TransitionIn,
};
use serde::Serialize;
use uuid::Uuid;

use super::{ApiError, Query, create, get, patch_version, post_version, put};
use crate::session::Session;

/// Which orders a list shows.
#[derive(Clone, Default)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    /// An order number or part of the customer's name.
    pub q: Option<String>,
    /// One customer's history.
    pub customer_id: Option<String>,
    pub limit: u32,
    pub cursor: Option<String>,
}

pub async fn orders(session: Session, filter: OrderFilter) -> Result<Page<OrderOut>, ApiError> {
    let path = Query::new()
        .set("limit", filter.limit.max(1))
        .opt("status", filter.status.map(|s| s.as_str()))
        .opt("q", filter.q)
        .opt("customer_id", filter.customer_id)
        .opt("cursor", filter.cursor)
        .path("/orders");
    get(session, &path).await
}

/// The store's order numbered `text` (`1042` or `#1042`), if it has one.
pub async fn order_by_number(session: Session, text: &str) -> Result<Option<OrderOut>, ApiError> {
    let wanted = text.trim().trim_start_matches('#').to_owned();
    let filter = OrderFilter {
        q: Some(wanted.clone()),
        limit: 5,
        ..OrderFilter::default()
    };
    let page = orders(session, filter).await?;
    Ok(page
        .items
        .into_iter()
        .find(|o| o.number.to_string() == wanted))
}

pub async fn order(session: Session, id: Uuid) -> Result<OrderOut, ApiError> {
    get(session, &format!("/orders/{id}")).await
}

/// Places an order (an `OrderIn`, as typed).
pub async fn place_order(
    session: Session,
    body: &impl Serialize,
    idempotency_key: Uuid,
) -> Result<OrderOut, ApiError> {
    create(session, "/orders", body, idempotency_key).await
}

/// Orders by state, today's and this month's sales.
pub async fn summary(session: Session) -> Result<OrderSummaryOut, ApiError> {
    get(session, "/orders/summary").await
}

pub async fn timeline(session: Session, id: Uuid) -> Result<Vec<TimelineEntryOut>, ApiError> {
    get(session, &format!("/orders/{id}/timeline")).await
}

/// Moves the order, as it was at `version`, to `to`.
pub async fn transition(
    session: Session,
    id: Uuid,
    to: OrderStatus,
    version: i32,
) -> Result<OrderOut, ApiError> {
    let input = TransitionIn { to, reason: None };
    post_version(
        session,
        &format!("/orders/{id}/transitions"),
        &input,
        version,
    )
    .await
}

/// The order's payments and refunds, oldest first.
pub async fn payments(session: Session, id: Uuid) -> Result<Vec<PaymentOut>, ApiError> {
    get(session, &format!("/orders/{id}/payments")).await
}

/// Records a payment (a `PaymentIn`, as typed), once per `idempotency_key`.
pub async fn pay(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
    idempotency_key: Uuid,
) -> Result<PaymentOut, ApiError> {
    create(
        session,
        &format!("/orders/{id}/payments"),
        body,
        idempotency_key,
    )
    .await
}

/// Gives money back (a `RefundIn`, as typed), once per `idempotency_key`.
pub async fn refund(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
    idempotency_key: Uuid,
) -> Result<PaymentOut, ApiError> {
    create(
        session,
        &format!("/orders/{id}/refunds"),
        body,
        idempotency_key,
    )
    .await
}

/// A page of customers whose name, email or tax id holds `q`.
pub async fn customers(
    session: Session,
    q: String,
    limit: u32,
    cursor: Option<String>,
) -> Result<Page<CustomerOut>, ApiError> {
    let path = Query::new()
        .set("limit", limit)
        .opt("q", Some(q))
        .opt("cursor", cursor)
        .path("/customers");
    get(session, &path).await
}

pub async fn customer(session: Session, id: Uuid) -> Result<CustomerOut, ApiError> {
    get(session, &format!("/customers/{id}")).await
}

/// Adds a customer (a `CustomerIn`, as typed).
pub async fn create_customer(
    session: Session,
    body: &impl Serialize,
    idempotency_key: Uuid,
) -> Result<CustomerOut, ApiError> {
    create(session, "/customers", body, idempotency_key).await
}

/// Changes a customer as they were at `version` (a `CustomerPatch`, as typed).
pub async fn update_customer(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
    version: i32,
) -> Result<CustomerOut, ApiError> {
    patch_version(session, &format!("/customers/{id}"), body, version).await
}

pub async fn settings(session: Session) -> Result<OrderSettings, ApiError> {
    get(session, "/order-settings").await
}

/// Saves the store's order rules (an `OrderSettings`, as typed).
pub async fn save_settings(
    session: Session,
    body: &impl Serialize,
) -> Result<OrderSettings, ApiError> {
    put(session, "/order-settings", body).await
}
