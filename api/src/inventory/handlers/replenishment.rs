//! `PATCH /inventory/levels/{id}`, `GET /inventory/replenishment`,
//! `POST /inventory/replenishment/purchase-orders`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use openapi::inventory::{
    PurchaseOrderOut, ReorderPatch, ReplenishmentGroupOut, ReplenishmentLineOut,
    ReplenishmentOrderIn, ReplenishmentOut, StockLevelOut,
};
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::inventory::handlers::purchase_order::purchase_order_out;
use crate::inventory::handlers::stock::level_out;
use crate::inventory::service::ledger::available;
use crate::inventory::service::replenishment as service;
use crate::state::AppState;

/// Sets a level's reorder point and quantity.
#[utoipa::path(
    patch, path = "/api/v1/inventory/levels/{id}", tag = "inventory",
    operation_id = "inventory.level.set_reorder",
    request_body(content = ReorderPatch, example = json!({
        "reorder_point": 10, "reorder_quantity": 48
    })),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = StockLevelOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn set_reorder(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<ReorderPatch>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let level = service::set_reorder(&txn, &principal, id.into_inner(), &patch).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(level_out(level)))
}

/// What is at or below its reorder point, grouped by supplier, with suggested quantities.
#[utoipa::path(
    get, path = "/api/v1/inventory/replenishment", tag = "inventory",
    operation_id = "inventory.replenishment.list",
    responses((status = 200, body = ReplenishmentOut)),
    security(("bearer" = []))
)]
pub async fn list_replenishment(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let groups = service::list_replenishment(&txn).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(ReplenishmentOut {
        groups: groups
            .into_iter()
            .map(|group| ReplenishmentGroupOut {
                supplier_id: group.supplier.as_ref().map(|s| s.id),
                lead_time_days: group.supplier.as_ref().map_or(0, |s| s.lead_time_days),
                supplier_name: group.supplier.map(|s| s.name),
                lines: group
                    .needs
                    .into_iter()
                    .map(|need| ReplenishmentLineOut {
                        variant_id: need.level.variant_id,
                        sku: need.sku,
                        location_id: need.level.location_id,
                        location_code: need.location_code,
                        available: available(&need.level),
                        incoming: need.level.incoming,
                        reorder_point: need.level.reorder_point.unwrap_or(0),
                        sold_last_30_days: need.sold_last_30_days,
                        suggested_quantity: need.suggested_quantity,
                    })
                    .collect(),
            })
            .collect(),
    }))
}

/// Turns a supplier's group at one location into a draft purchase order.
#[utoipa::path(
    post, path = "/api/v1/inventory/replenishment/purchase-orders", tag = "inventory",
    operation_id = "inventory.replenishment.order",
    request_body(content = ReplenishmentOrderIn, example = json!({
        "supplier_id": "0196f5a0-0000-7000-8000-000000000004",
        "location_id": "0196f5a0-0000-7000-8000-000000000002"
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = PurchaseOrderOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn order_replenishment(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<ReplenishmentOrderIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "replenishment.order", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let order =
        service::order_replenishment(&txn, &principal, input.supplier_id, input.location_id)
            .await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &purchase_order_out(order))
        .await?;
    txn.commit().await?;
    Ok(response)
}
