//! `/logistics/carriers…` and `/logistics/services/{id}`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::logistics::{
    CarrierIn, CarrierOut, CarrierPatch, CarrierQuery, ServiceIn, ServiceOut, ServicePatch,
};
use sea_orm::Order;
use uuid::Uuid;

use entity::carrier_service;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::logistics::service::carrier::{self as service, CarrierWithServices};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Adds a carrier.
#[utoipa::path(
    post, path = "/api/v1/logistics/carriers", tag = "logistics",
    operation_id = "logistics.carrier.create",
    request_body(content = CarrierIn, example = json!({
        "name": "Correios", "kind": "postal",
        "tracking_url": "https://rastreamento.correios.com.br/app/index.php?objeto={code}"
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = CarrierOut),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_carrier(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<CarrierIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "carrier.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let carrier = service::create_carrier(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &carrier_out(carrier))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Carriers by name, each with its services.
#[utoipa::path(
    get, path = "/api/v1/logistics/carriers", tag = "logistics",
    operation_id = "logistics.carrier.list",
    params(CarrierQuery),
    responses((status = 200, body = Page<CarrierOut>)),
    security(("bearer" = []))
)]
pub async fn list_carriers(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<CarrierQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let carriers = service::list_carriers(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(carriers.into_page(carrier_out)))
}

/// One carrier with its services.
#[utoipa::path(
    get, path = "/api/v1/logistics/carriers/{id}", tag = "logistics",
    operation_id = "logistics.carrier.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = CarrierOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_carrier(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let carrier = service::get_carrier(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(with_etag(carrier))
}

/// Changes a carrier; archiving it keeps its history.
#[utoipa::path(
    patch, path = "/api/v1/logistics/carriers/{id}", tag = "logistics",
    operation_id = "logistics.carrier.update",
    request_body(content = CarrierPatch, example = json!({ "name": "Correios (contrato)" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = CarrierOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_carrier(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<CarrierPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let carrier =
        service::update_carrier(&txn, &principal, id.into_inner(), &patch, expected).await?;
    txn.commit().await?;
    Ok(with_etag(carrier))
}

/// Adds a service to a carrier.
#[utoipa::path(
    post, path = "/api/v1/logistics/carriers/{id}/services", tag = "logistics",
    operation_id = "logistics.service.create",
    request_body(content = ServiceIn, example = json!({ "name": "SEDEX", "code": "SEDEX" })),
    params(("id" = Uuid, Path)),
    responses(
        (status = 201, body = ServiceOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_service(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<ServiceIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let service = service::add_service(&txn, &principal, id.into_inner(), &input).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(service_out(service)))
}

/// One service of a carrier.
#[utoipa::path(
    get, path = "/api/v1/logistics/services/{id}", tag = "logistics",
    operation_id = "logistics.service.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ServiceOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_service(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let service = service::find_service(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(service_out(service)))
}

/// Renames a service, or archives it.
#[utoipa::path(
    patch, path = "/api/v1/logistics/services/{id}", tag = "logistics",
    operation_id = "logistics.service.update",
    request_body(content = ServicePatch, example = json!({ "status": "archived" })),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ServiceOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_service(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<ServicePatch>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let service = service::update_service(&txn, &principal, id.into_inner(), &patch).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(service_out(service)))
}

fn with_etag(carrier: CarrierWithServices) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(carrier.carrier.version)))
        .json(carrier_out(carrier))
}

fn carrier_out(CarrierWithServices { carrier, services }: CarrierWithServices) -> CarrierOut {
    CarrierOut {
        id: carrier.id,
        name: carrier.name,
        kind: carrier.kind,
        tracking_url: carrier.tracking_url,
        status: carrier.status,
        services: services.into_iter().map(service_out).collect(),
        version: carrier.version,
        created_at: carrier.created_at,
    }
}

fn service_out(service: carrier_service::Model) -> ServiceOut {
    ServiceOut {
        id: service.id,
        carrier_id: service.carrier_id,
        name: service.name,
        code: service.code,
        status: service.status,
    }
}
