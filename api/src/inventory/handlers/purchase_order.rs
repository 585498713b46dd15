//! `/inventory/purchase-orders…`: create, list, read, send, receive, cancel.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::inventory::{
    PurchaseOrderIn, PurchaseOrderLineOut, PurchaseOrderOut, PurchaseOrderQuery, ReceiptIn,
};
use rust_decimal::Decimal;
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::inventory::service::purchase_order::{self as service, PurchaseOrderView};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Creates a draft purchase order.
#[utoipa::path(
    post, path = "/api/v1/inventory/purchase-orders", tag = "inventory",
    operation_id = "inventory.purchase_order.create",
    request_body(content = PurchaseOrderIn, example = json!({
        "supplier_id": "0196f5a0-0000-7000-8000-000000000004",
        "location_id": "0196f5a0-0000-7000-8000-000000000002",
        "lines": [{ "variant_id": "0196f5a0-0000-7000-8000-000000000001", "quantity": 24,
                    "unit_cost": "12.50" }]
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = PurchaseOrderOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The location is archived",
            body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_purchase_order(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<PurchaseOrderIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "purchase_order.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let view = service::create_purchase_order(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &purchase_order_out(view))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Purchase orders, newest first.
#[utoipa::path(
    get, path = "/api/v1/inventory/purchase-orders", tag = "inventory",
    operation_id = "inventory.purchase_order.list",
    params(PurchaseOrderQuery),
    responses((status = 200, body = Page<PurchaseOrderOut>)),
    security(("bearer" = []))
)]
pub async fn list_purchase_orders(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<PurchaseOrderQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let orders = service::list_purchase_orders(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(orders.into_page(purchase_order_out)))
}

/// One purchase order with its lines.
#[utoipa::path(
    get, path = "/api/v1/inventory/purchase-orders/{id}", tag = "inventory",
    operation_id = "inventory.purchase_order.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PurchaseOrderOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_purchase_order(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let view = service::get_purchase_order(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

/// Sends a draft to the supplier: its quantities become incoming.
#[utoipa::path(
    post, path = "/api/v1/inventory/purchase-orders/{id}/send", tag = "inventory",
    operation_id = "inventory.purchase_order.send",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = PurchaseOrderOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn send_purchase_order(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = service::send_purchase_order(&txn, &principal, id.into_inner(), expected).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

/// Receives goods of a sent order into its location, updating average costs. Receiving more
/// than is open, or receiving a cancelled order, is 409.
#[utoipa::path(
    post, path = "/api/v1/inventory/purchase-orders/{id}/receipts", tag = "inventory",
    operation_id = "inventory.purchase_order.receive",
    request_body(content = ReceiptIn, example = json!({
        "lines": [{ "line_id": "0196f5a0-0000-7000-8000-000000000005", "quantity": 10 }]
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = PurchaseOrderOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn receive_purchase_order(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<ReceiptIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = service::receive_purchase_order(&txn, &principal, id.into_inner(), &input, expected)
        .await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

/// Cancels an order that is not fully received; what was incoming is taken back.
#[utoipa::path(
    post, path = "/api/v1/inventory/purchase-orders/{id}/cancel", tag = "inventory",
    operation_id = "inventory.purchase_order.cancel",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = PurchaseOrderOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn cancel_purchase_order(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = service::cancel_purchase_order(&txn, &principal, id.into_inner(), expected).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

fn with_etag(view: PurchaseOrderView) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.order.version)))
        .json(purchase_order_out(view))
}

pub fn purchase_order_out(view: PurchaseOrderView) -> PurchaseOrderOut {
    let order = view.order;
    let total_cost = view
        .lines
        .iter()
        .map(|(line, _)| line.unit_cost.0 * Decimal::from(line.quantity_ordered))
        .sum();
    PurchaseOrderOut {
        id: order.id,
        number: order.number,
        reference: format!("PO-{}", order.number),
        supplier_id: order.supplier_id,
        location_id: order.location_id,
        status: order.status.as_str().to_owned(),
        note: order.note,
        lines: view
            .lines
            .into_iter()
            .map(|(line, sku)| PurchaseOrderLineOut {
                id: line.id,
                variant_id: line.variant_id,
                sku,
                quantity_ordered: line.quantity_ordered,
                quantity_received: line.quantity_received,
                unit_cost: line.unit_cost.0,
            })
            .collect(),
        total_cost,
        currency: view.currency,
        sent_at: order.sent_at,
        received_at: order.received_at,
        cancelled_at: order.cancelled_at,
        version: order.version,
        created_at: order.created_at,
    }
}
