//! `/inventory/locations…`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::inventory::{LocationIn, LocationOut, LocationPatch};
use openapi::tenancy::PageQuery;
use sea_orm::Order;
use uuid::Uuid;

use entity::location;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::inventory::service::location as service;
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Adds a location (admins).
#[utoipa::path(
    post, path = "/api/v1/inventory/locations", tag = "inventory",
    operation_id = "inventory.location.create",
    request_body(content = LocationIn, example = json!({
        "name": "Centro de distribuição São Paulo", "code": "CD-SP", "kind": "warehouse"
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = LocationOut),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_location(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<LocationIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "location.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let location = service::create_location(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &location_out(location))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// The store's locations, oldest first.
#[utoipa::path(
    get, path = "/api/v1/inventory/locations", tag = "inventory",
    operation_id = "inventory.location.list",
    params(PageQuery),
    responses((status = 200, body = Page<LocationOut>)),
    security(("bearer" = []))
)]
pub async fn list_locations(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let locations = service::list_locations(&txn, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(locations.into_page(location_out)))
}

/// Renames or archives a location (admins). Archived locations take no stock moves.
#[utoipa::path(
    patch, path = "/api/v1/inventory/locations/{id}", tag = "inventory",
    operation_id = "inventory.location.update",
    request_body(content = LocationPatch, example = json!({
        "name": "CD São Paulo (Cajamar)"
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = LocationOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_location(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<LocationPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let location =
        service::update_location(&txn, &principal, id.into_inner(), &patch, expected).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(location.version)))
        .json(location_out(location)))
}

fn location_out(location: location::Model) -> LocationOut {
    LocationOut {
        id: location.id,
        kind: location.kind,
        name: location.name,
        code: location.code,
        status: location.status,
        version: location.version,
        created_at: location.created_at,
    }
}
