//! `/logistics/fulfilments`, `/logistics/pick-list` and `/logistics/late-counts`.

use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::logistics::{
    CancelFulfilmentIn, FulfilmentOut, FulfilmentQuery, FulfilmentSummary, LateCounts, PackIn,
    PickListOut, PickListQuery,
};
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access, TenantTransaction};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::logistics::service::fulfilment::{pick_list, steps, view};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Fulfilments, oldest first: by status, location or order, or one of the late lists
/// (`late_to_ship`: not shipped by its ship-by date; `late_in_transit`: shipped, not delivered
/// by its promise; `at_risk`: due to ship today), in the store's time zone.
#[utoipa::path(
    get, path = "/api/v1/logistics/fulfilments", tag = "logistics",
    operation_id = "logistics.fulfilment.list",
    params(FulfilmentQuery),
    responses((status = 200, body = Page<FulfilmentSummary>)),
    security(("bearer" = []))
)]
pub async fn list_fulfilments(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<FulfilmentQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let page = view::list_fulfilments(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One fulfilment with its lines, shipments and their tracking histories.
#[utoipa::path(
    get, path = "/api/v1/logistics/fulfilments/{id}", tag = "logistics",
    operation_id = "logistics.fulfilment.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = FulfilmentOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_fulfilment(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let out = view::get_fulfilment(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Answers the fulfilment as it now is and commits.
pub(super) async fn answer(txn: TenantTransaction, id: Uuid) -> Result<HttpResponse, ApiError> {
    let out = view::get_fulfilment(&txn, id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Starts picking a pending fulfilment; its order becomes `fulfilling`.
#[utoipa::path(
    post, path = "/api/v1/logistics/fulfilments/{id}/pick", tag = "logistics",
    operation_id = "logistics.fulfilment.pick",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = FulfilmentOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn pick(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    steps::pick(&txn, &principal, id).await?;
    answer(txn, id).await
}

/// Packs a fulfilment being picked into packages, each a shipment waiting for its carrier.
#[utoipa::path(
    post, path = "/api/v1/logistics/fulfilments/{id}/pack", tag = "logistics",
    operation_id = "logistics.fulfilment.pack",
    request_body(content = PackIn, example = json!({
        "packages": [{ "weight_grams": 850, "length_mm": 300, "width_mm": 200, "height_mm": 100 }]
    })),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = FulfilmentOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn pack(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<PackIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    steps::pack(&txn, &principal, id, &input).await?;
    answer(txn, id).await
}

/// Cancels a fulfilment that has not shipped.
#[utoipa::path(
    post, path = "/api/v1/logistics/fulfilments/{id}/cancel", tag = "logistics",
    operation_id = "logistics.fulfilment.cancel",
    request_body(content = CancelFulfilmentIn, example = json!({ "reason": "Cliente desistiu" })),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = FulfilmentOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn cancel(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<CancelFulfilmentIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    steps::cancel(&txn, &principal, id, &input).await?;
    answer(txn, id).await
}

/// A location's pick list: what its pending and picking fulfilments hold, by SKU, with the
/// orders each goes to, the earliest ship-by date first.
#[utoipa::path(
    get, path = "/api/v1/logistics/pick-list", tag = "logistics",
    operation_id = "logistics.pick_list.get",
    params(PickListQuery),
    responses(
        (status = 200, body = PickListOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_pick_list(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<PickListQuery>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let list = pick_list::pick_list(&txn, query.location_id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(list))
}

/// How many fulfilments each late list holds today (the dashboard's counts).
#[utoipa::path(
    get, path = "/api/v1/logistics/late-counts", tag = "logistics",
    operation_id = "logistics.late_counts.get",
    responses((status = 200, body = LateCounts)),
    security(("bearer" = []))
)]
pub async fn late_counts(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let counts = view::late_counts(&txn).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(counts))
}
