//! `/audit-events`: who changed what, newest first.

use openapi::Page;
use openapi::audit::AuditEventOut;

use super::{ApiError, Query, get};
use crate::session::Session;

pub async fn events(
    session: Session,
    cursor: Option<String>,
) -> Result<Page<AuditEventOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path("/audit-events");
    get(session, &path).await
}
