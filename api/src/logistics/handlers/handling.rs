//! `/logistics/locations/{id}/handling`.

use actix_web::{HttpResponse, web};
use openapi::logistics::{HandlingIn, HandlingOut};
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::logistics::service::handling as service;
use crate::state::AppState;

/// A location's handling time: working days from payment to dispatch (1 until set).
#[utoipa::path(
    get, path = "/api/v1/logistics/locations/{id}/handling", tag = "logistics",
    operation_id = "logistics.handling.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = HandlingOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_handling(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let location_id = id.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let handling_days = service::handling_days(&txn, location_id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(HandlingOut {
        location_id,
        handling_days,
    }))
}

/// Sets a location's handling time.
#[utoipa::path(
    put, path = "/api/v1/logistics/locations/{id}/handling", tag = "logistics",
    operation_id = "logistics.handling.put",
    request_body(content = HandlingIn, example = json!({ "handling_days": 2 })),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = HandlingOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_handling(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<HandlingIn>,
) -> Result<HttpResponse, ApiError> {
    let location_id = id.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let handling_days = service::set_handling_days(&txn, &principal, location_id, &input).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(HandlingOut {
        location_id,
        handling_days,
    }))
}
