//! `/logistics/…`: carriers, their services and transit tables.

use openapi::Page;
use openapi::logistics::{CarrierOut, ServiceOut, TransitImportOut, TransitTable};
use serde::Serialize;
use uuid::Uuid;

use super::{ApiError, Query, create, get, post, post_csv};
use crate::session::Session;

/// A page of carriers, by name, each with its services.
pub async fn carriers(
    session: Session,
    cursor: Option<String>,
) -> Result<Page<CarrierOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path("/logistics/carriers");
    get(session, &path).await
}

pub async fn carrier(session: Session, id: Uuid) -> Result<CarrierOut, ApiError> {
    get(session, &format!("/logistics/carriers/{id}")).await
}

/// Adds a carrier (a `CarrierIn`, as typed).
pub async fn create_carrier(
    session: Session,
    body: &impl Serialize,
    idempotency_key: Uuid,
) -> Result<CarrierOut, ApiError> {
    create(session, "/logistics/carriers", body, idempotency_key).await
}

/// Adds a service to a carrier (a `ServiceIn`, as typed).
pub async fn add_service(
    session: Session,
    carrier: Uuid,
    body: &impl Serialize,
) -> Result<ServiceOut, ApiError> {
    post(
        session,
        &format!("/logistics/carriers/{carrier}/services"),
        body,
    )
    .await
}

pub async fn transit_table(session: Session, service: Uuid) -> Result<TransitTable, ApiError> {
    get(
        session,
        &format!("/logistics/services/{service}/transit-times"),
    )
    .await
}

/// Replaces a service's transit table with a CSV file's rows (all or nothing).
pub async fn import_transit_table(
    session: Session,
    service: Uuid,
    csv: String,
) -> Result<TransitImportOut, ApiError> {
    let path = format!("/logistics/services/{service}/transit-times/import");
    post_csv(session, &path, csv).await
}
