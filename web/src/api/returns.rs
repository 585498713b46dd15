//! `/logistics/returns…`: returns (RMA), read, reviewed, received and resolved; return rates.

use openapi::Page;
use openapi::logistics::{RateBy, ReturnOut, ReturnRateOut, ReturnStatus};
use serde::Serialize;
use uuid::Uuid;

use super::{ApiError, Query, get, post_once_at, post_version};
use crate::session::Session;

/// A page of returns, newest first, of one state or all.
pub async fn returns(
    session: Session,
    status: Option<ReturnStatus>,
    cursor: Option<String>,
) -> Result<Page<ReturnOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("status", status.map(status_str))
        .opt("cursor", cursor)
        .path("/logistics/returns");
    get(session, &path).await
}

/// A return state's name in the API's query.
pub fn status_str(status: ReturnStatus) -> &'static str {
    match status {
        ReturnStatus::Requested => "requested",
        ReturnStatus::Approved => "approved",
        ReturnStatus::Declined => "declined",
        ReturnStatus::Received => "received",
        ReturnStatus::Resolved => "resolved",
    }
}

pub async fn return_of(session: Session, id: Uuid) -> Result<ReturnOut, ApiError> {
    get(session, &format!("/logistics/returns/{id}")).await
}

/// Approves (an `ApproveIn`) or declines (a `DeclineIn`) a requested return at `version`:
/// `action` is `approve` or `decline`.
pub async fn review(
    session: Session,
    id: Uuid,
    action: &str,
    body: &impl Serialize,
    version: i32,
) -> Result<ReturnOut, ApiError> {
    let path = format!("/logistics/returns/{id}/{action}");
    post_version(session, &path, body, version).await
}

/// Receives an approved return at `version` (a `ReceiveIn`, as typed): each line restocked or
/// set aside.
pub async fn receive(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
    version: i32,
    idempotency_key: Uuid,
) -> Result<ReturnOut, ApiError> {
    let path = format!("/logistics/returns/{id}/receive");
    post_once_at(session, &path, body, version, idempotency_key).await
}

/// Resolves a received return at `version` (a `ResolveIn`, as typed): a refund, or an exchange
/// for other variants.
pub async fn resolve(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
    version: i32,
    idempotency_key: Uuid,
) -> Result<ReturnOut, ApiError> {
    let path = format!("/logistics/returns/{id}/resolve");
    post_once_at(session, &path, body, version, idempotency_key).await
}

/// Return rates by SKU (returned ÷ delivered) or by reason (units returned).
pub async fn rates(session: Session, by: RateBy) -> Result<Vec<ReturnRateOut>, ApiError> {
    let by = match by {
        RateBy::Sku => "sku",
        RateBy::Reason => "reason",
    };
    get(
        session,
        &Query::new().set("by", by).path("/logistics/returns/rates"),
    )
    .await
}
