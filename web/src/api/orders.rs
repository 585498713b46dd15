//! `/orders/…`.

use openapi::Page;
use openapi::orders::{OrderOut, OrderStatus, TimelineEntryOut, TransitionIn};
use uuid::Uuid;

use super::{ApiError, get, post};
use crate::session::Session;

pub async fn orders(
    session: Session,
    status: Option<OrderStatus>,
    limit: u32,
) -> Result<Page<OrderOut>, ApiError> {
    let filter = status.map_or(String::new(), |s| format!("&status={}", s.as_str()));
    get(session, &format!("/orders?limit={limit}{filter}")).await
}

pub async fn order(session: Session, id: Uuid) -> Result<OrderOut, ApiError> {
    get(session, &format!("/orders/{id}")).await
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
