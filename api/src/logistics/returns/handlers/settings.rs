//! `/logistics/return-settings` and `/logistics/returns/rates`.

use actix_web::{HttpResponse, web};
use openapi::logistics::{ReturnRateOut, ReturnRateQuery, ReturnSettings};

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::logistics::returns::service::{rates, settings as service};
use crate::state::AppState;

/// The store's return rules (the defaults until set).
#[utoipa::path(
    get, path = "/api/v1/logistics/return-settings", tag = "logistics",
    operation_id = "logistics.return_settings.get",
    responses((status = 200, body = ReturnSettings)),
    security(("bearer" = []))
)]
pub async fn get_return_settings(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let settings = service::settings_of(&txn).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(settings))
}

/// Sets the store's return rules: windows, shipping refunds and reasons.
#[utoipa::path(
    put, path = "/api/v1/logistics/return-settings", tag = "logistics",
    operation_id = "logistics.return_settings.put",
    request_body(content = ReturnSettings, example = json!({
        "regret_days": 7, "defect_days": 90, "shipping_refund": "defect_only",
        "reasons": [
            { "code": "regret", "kind": "regret" },
            { "code": "defective", "kind": "defect" }
        ]
    })),
    responses(
        (status = 200, body = ReturnSettings),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_return_settings(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<ReturnSettings>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let settings = service::put_settings(&txn, &principal, &input).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(settings))
}

/// Return rates: by SKU, units returned ÷ units delivered; by reason, units returned.
#[utoipa::path(
    get, path = "/api/v1/logistics/returns/rates", tag = "logistics",
    operation_id = "logistics.return.rates",
    params(ReturnRateQuery),
    responses((status = 200, body = Vec<ReturnRateOut>)),
    security(("bearer" = []))
)]
pub async fn return_rates(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<ReturnRateQuery>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let rows = rates::return_rates(&txn, query.by).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(rows))
}
