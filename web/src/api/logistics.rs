//! `/logistics/…`: carriers, their services and transit tables; fulfilments, shipments, the
//! pick list and the late counts.

use chrono::NaiveDate;
use openapi::Page;
use openapi::logistics::{
    CarrierOut, FulfilmentOut, FulfilmentStatus, FulfilmentSummary, LateCounts, Lateness,
    PickListOut, ScorecardOut, ServiceOut, ShipmentOut, TransitImportOut, TransitTable,
};
use serde::Serialize;
use uuid::Uuid;

use super::{ApiError, Query, create, get, get_text, post, post_csv};
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

/// Every carrier, each with its services (page after page of the most the API gives at once),
/// for a choice of service.
pub async fn all_carriers(session: Session) -> Result<Vec<CarrierOut>, ApiError> {
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let path = Query::new()
            .set("limit", 200)
            .opt("cursor", cursor)
            .path("/logistics/carriers");
        let page: Page<CarrierOut> = get(session, &path).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(all),
        }
    }
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

/// Filters of the fulfilments list (`status`, `location_id` and `late` as the API names them).
#[derive(Clone, Debug, Default)]
pub struct FulfilmentFilter {
    pub status: Option<FulfilmentStatus>,
    pub location_id: Option<Uuid>,
    pub order_id: Option<Uuid>,
    pub late: Option<Lateness>,
    pub cursor: Option<String>,
}

/// A page of fulfilments, oldest promise first.
pub async fn fulfilments(
    session: Session,
    filter: FulfilmentFilter,
) -> Result<Page<FulfilmentSummary>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("status", filter.status.map(FulfilmentStatus::as_str))
        .opt("location_id", filter.location_id)
        .opt("order_id", filter.order_id)
        .opt("late", filter.late.map(lateness_str))
        .opt("cursor", filter.cursor)
        .path("/logistics/fulfilments");
    get(session, &path).await
}

/// A late list's name in the API's query.
pub fn lateness_str(late: Lateness) -> &'static str {
    match late {
        Lateness::LateToShip => "late_to_ship",
        Lateness::LateInTransit => "late_in_transit",
        Lateness::AtRisk => "at_risk",
    }
}

pub async fn fulfilment(session: Session, id: Uuid) -> Result<FulfilmentOut, ApiError> {
    get(session, &format!("/logistics/fulfilments/{id}")).await
}

/// Starts picking a pending fulfilment.
pub async fn pick(session: Session, id: Uuid) -> Result<FulfilmentOut, ApiError> {
    let path = format!("/logistics/fulfilments/{id}/pick");
    post(session, &path, &serde_json::json!({})).await
}

/// Packs a fulfilment being picked into packages, each a shipment (a `PackIn`, as typed).
pub async fn pack(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
) -> Result<FulfilmentOut, ApiError> {
    post(session, &format!("/logistics/fulfilments/{id}/pack"), body).await
}

/// Cancels a fulfilment that has not shipped (a `CancelFulfilmentIn`, as typed).
pub async fn cancel(
    session: Session,
    id: Uuid,
    body: &impl Serialize,
) -> Result<FulfilmentOut, ApiError> {
    post(
        session,
        &format!("/logistics/fulfilments/{id}/cancel"),
        body,
    )
    .await
}

/// Hands a package to its carrier (a `ShipIn`, as typed); answers the whole fulfilment.
pub async fn ship(
    session: Session,
    shipment: Uuid,
    body: &impl Serialize,
) -> Result<FulfilmentOut, ApiError> {
    post(
        session,
        &format!("/logistics/shipments/{shipment}/ship"),
        body,
    )
    .await
}

pub async fn shipment(session: Session, id: Uuid) -> Result<ShipmentOut, ApiError> {
    get(session, &format!("/logistics/shipments/{id}")).await
}

/// A location's lines to pick, by SKU, oldest ship-by first.
pub async fn pick_list(session: Session, location: Uuid) -> Result<PickListOut, ApiError> {
    let path = Query::new()
        .set("location_id", location)
        .path("/logistics/pick-list");
    get(session, &path).await
}

/// The scorecard's period and carrier, as the API names them (its defaults when absent).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScorecardFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub carrier_id: Option<Uuid>,
}

impl ScorecardFilter {
    fn path(&self, path: &str) -> String {
        Query::new()
            .opt("from", self.from)
            .opt("to", self.to)
            .opt("carrier_id", self.carrier_id)
            .path(path)
    }
}

/// The carrier scorecard: per service, destination state and month of posting.
pub async fn scorecard(
    session: Session,
    filter: &ScorecardFilter,
) -> Result<ScorecardOut, ApiError> {
    get(session, &filter.path("/logistics/scorecard")).await
}

/// The same scorecard as a CSV file's text.
pub async fn scorecard_csv(session: Session, filter: &ScorecardFilter) -> Result<String, ApiError> {
    get_text(session, &filter.path("/logistics/scorecard/export")).await
}

/// How many fulfilments each late list holds.
pub async fn late_counts(session: Session) -> Result<LateCounts, ApiError> {
    get(session, "/logistics/late-counts").await
}
