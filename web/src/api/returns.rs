//! `/logistics/returns…`: returns (RMA), read and reviewed.

use openapi::Page;
use openapi::logistics::ReturnOut;
use serde::Serialize;
use uuid::Uuid;

use super::{ApiError, Query, get, post};
use crate::session::Session;

/// A page of returns, newest first.
pub async fn returns(
    session: Session,
    cursor: Option<String>,
) -> Result<Page<ReturnOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path("/logistics/returns");
    get(session, &path).await
}

pub async fn return_of(session: Session, id: Uuid) -> Result<ReturnOut, ApiError> {
    get(session, &format!("/logistics/returns/{id}")).await
}

/// Approves (an `ApproveIn`) or declines (a `DeclineIn`) a requested return: `action` is
/// `approve` or `decline`.
pub async fn review(
    session: Session,
    id: Uuid,
    action: &str,
    body: &impl Serialize,
) -> Result<ReturnOut, ApiError> {
    post(session, &format!("/logistics/returns/{id}/{action}"), body).await
}
