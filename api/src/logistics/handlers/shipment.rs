//! `/logistics/shipments` and `/logistics/tracking-events`: packages handed to carriers, and
//! what carriers (their integrations, with a key holding `logistics:track`) report of them.

use actix_web::{HttpResponse, web};
use openapi::common::ImportQuery;
use openapi::logistics::{
    FulfilmentOut, ScorecardOut, ScorecardQuery, ShipIn, ShipmentOut, TrackingEventsIn,
    TrackingEventsOut, TrackingImportOut, TrackingOutcome,
};
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{CsvBody, ValidJson, ValidQuery, csv_download};
use crate::import_file::ImportRequest;
use crate::logistics::service::{scorecard, shipment, tracking, tracking_file};
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
    let results = tracking::record_tracking(&txn, &principal, &input.events).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(TrackingEventsOut { results }))
}

/// Records carrier events from a CSV file (columns `tracking_code`, `carrier_event_id`,
/// `status`, `occurred_at`, and optionally `place` and `description`), as carriers hand out
/// their reports. `occurred_at` is RFC 3339 or a local time (`2026-11-24 09:12`, `24/11/2026
/// 09:12`) in the store's time zone. Every row is checked first, its tracking code too: a file
/// with bad rows is 422 listing them (line, column, reason) and records nothing. Events are then
/// recorded as `POST /logistics/tracking-events` records them; a dry run answers what would be.
#[utoipa::path(
    post, path = "/api/v1/logistics/tracking-events/import", tag = "logistics",
    operation_id = "logistics.tracking.import",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", example = json!(TRACKING_CSV)),
    responses(
        (status = 200, body = TrackingImportOut),
        (status = 415, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn import_tracking(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<ImportQuery>,
    CsvBody(file): CsvBody,
) -> Result<HttpResponse, ApiError> {
    let dry_run = query.dry_run.unwrap_or(false);
    let request = ImportRequest {
        file: &file,
        dry_run,
        max_rows: state.config.limits.import_max_rows,
    };
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let events = tracking_file::read_file(&txn, &request).await?;
    let results = tracking::record_tracking(&txn, &principal, &events).await?;
    if dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    let count = |outcome| results.iter().filter(|r| r.outcome == outcome).count();
    Ok(HttpResponse::Ok().json(TrackingImportOut {
        dry_run,
        rows: events.len(),
        recorded: count(TrackingOutcome::Recorded),
        repeated: count(TrackingOutcome::Repeated),
    }))
}

const TRACKING_CSV: &str = "tracking_code,carrier_event_id,status,occurred_at,place\n\
    AA123456789BR,evt-1,posted,2026-11-23 17:40,AGF Pinheiros - SP\n\
    AA123456789BR,evt-2,in_transit,2026-11-24T09:12:00-03:00,CTE Cajamar - SP\n";

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
