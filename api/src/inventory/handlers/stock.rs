//! `GET /inventory/levels`, `GET /inventory/movements`, `POST /inventory/adjustments`,
//! `POST /inventory/transfers`, `POST /inventory/counts`, `GET /inventory/valuation`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::inventory::{
    AdjustmentIn, CountIn, CountLineOut, CountOut, LocationValueOut, MovementOut, MovementQuery,
    StockChangeOut, StockLevelOut, StockLevelQuery, TransferIn, UnsellableIn, ValuationOut,
};
use sea_orm::Order;

use crate::inventory::service::movement::MovementView;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::inventory::service::level::LevelView;
use crate::inventory::service::{ledger, level, movement, operation, valuation};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Stock levels per variant and location.
#[utoipa::path(
    get, path = "/api/v1/inventory/levels", tag = "inventory", operation_id = "inventory.level.list",
    params(StockLevelQuery),
    responses((status = 200, body = Page<StockLevelOut>)),
    security(("bearer" = []))
)]
pub async fn list_levels(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<StockLevelQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let levels = level::list_levels(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(levels.into_page(level_out)))
}

/// The movement ledger, newest first.
#[utoipa::path(
    get, path = "/api/v1/inventory/movements", tag = "inventory",
    operation_id = "inventory.movement.list",
    params(MovementQuery),
    responses((status = 200, body = Page<MovementOut>)),
    security(("bearer" = []))
)]
pub async fn list_movements(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<MovementQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let movements = movement::list_movements(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(movements.into_page(movement_out)))
}

/// Adds or removes units on hand, with a reason. Removing more than is free is 409.
#[utoipa::path(
    post, path = "/api/v1/inventory/adjustments", tag = "inventory",
    operation_id = "inventory.stock.adjust",
    request_body(content = AdjustmentIn, example = json!({
        "variant_id": "0196f5a0-0000-7000-8000-000000000001",
        "location_id": "0196f5a0-0000-7000-8000-000000000002",
        "quantity": 12, "reason": "initial"
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StockChangeOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn adjust_stock(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<AdjustmentIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "stock.adjust", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let levels = operation::adjust_stock(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::OK, &change_out(levels))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Moves units between two locations in one step.
#[utoipa::path(
    post, path = "/api/v1/inventory/transfers", tag = "inventory",
    operation_id = "inventory.stock.transfer",
    request_body(content = TransferIn, example = json!({
        "variant_id": "0196f5a0-0000-7000-8000-000000000001",
        "from_location_id": "0196f5a0-0000-7000-8000-000000000002",
        "to_location_id": "0196f5a0-0000-7000-8000-000000000003", "quantity": 4
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StockChangeOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn transfer_stock(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<TransferIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "stock.transfer", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let levels = operation::transfer_stock(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::OK, &change_out(levels))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Marks units damaged (unsellable), restores them, or discards them.
#[utoipa::path(
    post, path = "/api/v1/inventory/unsellable", tag = "inventory",
    operation_id = "inventory.stock.unsellable",
    request_body(content = UnsellableIn, example = json!({
        "variant_id": "0196f5a0-0000-7000-8000-000000000001",
        "location_id": "0196f5a0-0000-7000-8000-000000000002",
        "action": "damage", "quantity": 2, "note": "Embalagem rasgada no recebimento"
    })),
    responses(
        (status = 200, body = StockChangeOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn move_unsellable(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<UnsellableIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let levels = operation::move_unsellable(&txn, &principal, &input).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(change_out(levels)))
}

fn change_out(levels: Vec<LevelView>) -> StockChangeOut {
    StockChangeOut {
        levels: levels.into_iter().map(level_out).collect(),
    }
}

pub fn level_out(view: LevelView) -> StockLevelOut {
    let level = view.level;
    StockLevelOut {
        id: level.id,
        available: ledger::available(&level),
        variant_id: level.variant_id,
        sku: view.sku,
        location_id: level.location_id,
        location_code: view.location_code,
        on_hand: level.on_hand,
        reserved: level.reserved,
        unsellable: level.unsellable,
        incoming: level.incoming,
        reorder_point: level.reorder_point,
        reorder_quantity: level.reorder_quantity,
        updated_at: level.updated_at,
    }
}

fn movement_out(view: MovementView) -> MovementOut {
    let movement = view.movement;
    MovementOut {
        id: movement.id,
        variant_id: movement.variant_id,
        sku: view.sku,
        location_id: movement.location_id,
        location_code: view.location_code,
        kind: movement.kind.as_str().to_owned(),
        on_hand_delta: movement.on_hand_delta,
        reserved_delta: movement.reserved_delta,
        unsellable_delta: movement.unsellable_delta,
        incoming_delta: movement.incoming_delta,
        reason: movement.reason,
        reference_type: movement.reference_type,
        reference_id: movement.reference_id,
        actor_type: movement.actor_type.as_str().to_owned(),
        actor_id: movement.actor_id,
        note: movement.note,
        created_at: movement.created_at,
    }
}

/// On-hand stock valued at average cost, per location and in total.
#[utoipa::path(
    get, path = "/api/v1/inventory/valuation", tag = "inventory",
    operation_id = "inventory.valuation.get",
    responses((status = 200, body = ValuationOut)),
    security(("bearer" = []))
)]
pub async fn get_valuation(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let valuation = valuation::stock_valuation(&txn).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(ValuationOut {
        currency: valuation.currency,
        units: valuation.units,
        total: valuation.total,
        locations: valuation
            .locations
            .into_iter()
            .map(|l| LocationValueOut {
                location_id: l.location_id,
                location_code: l.location_code,
                units: l.units,
                value: l.value,
            })
            .collect(),
    }))
}

/// Books a stock count: each counted quantity that differs from the level becomes a movement.
#[utoipa::path(
    post, path = "/api/v1/inventory/counts", tag = "inventory", operation_id = "inventory.count.create",
    request_body(content = CountIn, example = json!({
        "location_id": "0196f5a0-0000-7000-8000-000000000002",
        "lines": [{ "variant_id": "0196f5a0-0000-7000-8000-000000000001", "counted": 38 },
                  { "variant_id": "0196f5a0-0000-7000-8000-000000000008", "counted": 12 }],
        "note": "Inventário mensal"
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = CountOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn count_stock(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<CountIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "stock.count", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let (count_id, lines) = operation::count_stock(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &count_out(count_id, lines))
        .await?;
    txn.commit().await?;
    Ok(response)
}

fn count_out(count_id: uuid::Uuid, lines: Vec<operation::CountLine>) -> CountOut {
    CountOut {
        count_id,
        lines: lines
            .into_iter()
            .map(|l| CountLineOut {
                variant_id: l.variant_id,
                sku: l.sku,
                expected: l.expected,
                counted: l.counted,
                difference: l.counted - l.expected,
            })
            .collect(),
    }
}
