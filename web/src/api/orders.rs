//! `/orders/…`.

use openapi::Page;
use openapi::orders::{OrderOut, OrderStatus, TimelineEntryOut, TransitionIn};
use uuid::Uuid;

use super::{ApiError, Query, get, post};
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

pub async fn timeline(session: Session, id: Uuid) -> Result<Vec<TimelineEntryOut>, ApiError> {
    get(session, &format!("/orders/{id}/timeline")).await
}

pub async fn transition(session: Session, id: Uuid, to: OrderStatus) -> Result<OrderOut, ApiError> {
    post(
        session,
        &format!("/orders/{id}/transitions"),
        &TransitionIn { to, reason: None },
    )
    .await
}
