//! `/order-settings`.

use actix_web::{HttpResponse, web};
use openapi::orders::OrderSettings;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::orders::service::settings as service;
use crate::state::AppState;

/// The store's order rules and the addresses of staff notifications.
#[utoipa::path(
    get, path = "/api/v1/order-settings", tag = "orders", operation_id = "orders.settings.get",
    responses((status = 200, body = OrderSettings)),
    security(("bearer" = []))
)]
pub async fn get_settings(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let settings = service::settings_of(&txn).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(settings))
}

/// Replaces the store's order rules.
#[utoipa::path(
    put, path = "/api/v1/order-settings", tag = "orders", operation_id = "orders.settings.put",
    request_body(content = OrderSettings),
    responses(
        (status = 200, body = OrderSettings),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_settings(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<OrderSettings>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let settings = service::put_settings(&txn, &principal, &input).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(settings))
}
