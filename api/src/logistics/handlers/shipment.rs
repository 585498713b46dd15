//! `/logistics/shipments` and `/logistics/tracking-events`: packages handed to carriers, and
//! what carriers (their integrations, with a key holding `logistics:track`) report of them.

use actix_web::{HttpResponse, web};
use openapi::logistics::{
    FulfilmentOut, ScorecardOut, ScorecardQuery, ShipIn, ShipmentOut, TrackingEventsIn,
    TrackingEventsOut,
};
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery, csv_download};
use crate::logistics::service::{scorecard, shipment};
use crate::state::AppState;

use super::fulfilment::answer;

/// One shipment with its tracking history.
#[utoipa::path(
    get, path = "/api/v1/logistics/shipments/{id}", tag = "logistics",
    operation_id = "logistics.shipment.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ShipmentOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_shipment(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let out = shipment::get_shipment(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Hands a packed shipment to its carrier with its tracking code; the last of a fulfilment's
/// shipments handed over ships the fulfilment, and the last fulfilment the order. Answers the
/// shipment's fulfilment.
#[utoipa::path(
    post, path = "/api/v1/logistics/shipments/{id}/ship", tag = "logistics",
    operation_id = "logistics.shipment.ship",
    request_body(content = ShipIn, example = json!({ "tracking_code": "AA123456789BR", "cost": "23.50" })),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = FulfilmentOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn ship(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<ShipIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let shipped = shipment::ship(&txn, &principal, id.into_inner(), &input).await?;
    answer(txn, shipped.fulfilment_id).await
}

/// Records carrier events, up to 500 at once, by tracking code. An event is kept once per
/// carrier event id: sent again it changes nothing and answers `repeated`. A shipment only
/// moves forwards (a late "in transit" after "delivered" is history only); the last package
/// delivered delivers the order. A code the store does not know answers
/// `unknown_tracking_code` for that event, the others are recorded.
#[utoipa::path(
    post, path = "/api/v1/logistics/tracking-events", tag = "logistics",
    operation_id = "logistics.tracking.record",
    request_body(content = TrackingEventsIn, example = json!({
        "events": [{ "tracking_code": "AA123456789BR", "carrier_event_id": "evt-000123",
                     "status": "in_transit", "occurred_at": "2026-11-24T09:12:00Z",
                     "place": "CTE Cajamar - SP" }]
    })),
    responses(
        (status = 200, body = TrackingEventsOut),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn record_tracking(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<TrackingEventsIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let results = shipment::record_tracking(&txn, &principal, &input.events).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(TrackingEventsOut { results }))
}

/// The carrier scorecard: per carrier service, destination state and month of posting, the
/// shipments posted from `from` to `to`, how many were delivered and on time (by their
/// promise), the median and 90th percentile of days from posting to delivery, failed
/// attempts and returns to sender.
#[utoipa::path(
    get, path = "/api/v1/logistics/scorecard", tag = "logistics",
    operation_id = "logistics.scorecard.get",
    params(ScorecardQuery),
    responses((status = 200, body = ScorecardOut)),
    security(("bearer" = []))
)]
pub async fn get_scorecard(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<ScorecardQuery>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let out = scorecard::scorecard(&txn, &query).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The carrier scorecard as CSV.
#[utoipa::path(
    get, path = "/api/v1/logistics/scorecard/export", tag = "logistics",
    operation_id = "logistics.scorecard.export",
    params(ScorecardQuery),
    responses((status = 200, body = String, content_type = "text/csv", example = json!(SCORECARD_CSV))),
    security(("bearer" = []))
)]
pub async fn export_scorecard(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<ScorecardQuery>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let out = scorecard::scorecard(&txn, &query).await?;
    txn.commit().await?;
    Ok(csv_download("scorecard.csv", scorecard::export_file(&out)))
}

const SCORECARD_CSV: &str = "carrier,service,state,month,shipments,delivered,on_time_percent,median_days,p90_days,failed_attempts,returned_to_sender,service_id\nCorreios,SEDEX,SP,2026-11,120,114,92.1,1,3,4,1,0196f5a0-0000-7000-8000-000000000021\n";
