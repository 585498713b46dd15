//! `/orders/{id}/payments` and `/orders/{id}/refunds`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use openapi::orders::{PaymentIn, PaymentOut, RefundIn};
use openapi::tenancy::Currency;
use uuid::Uuid;

use entity::payment;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::orders::service::payment as service;
use crate::state::AppState;

/// Records a payment. When the payments reach the total the order becomes `paid` (its stock
/// is sold, and the confirmation email goes out). A `reference` already recorded for this
/// order answers with the first payment and changes nothing.
#[utoipa::path(
    post, path = "/api/v1/orders/{id}/payments", tag = "orders", operation_id = "orders.payment.record",
    request_body(content = PaymentIn, example = json!({
        "method": "pix", "amount": "139.70", "reference": "pix-E1234567820261125",
        "paid_at": "2026-11-25T17:35:00Z"
    })),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = PaymentOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn record_payment(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<PaymentIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "order.payment", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let order_id = id.into_inner();
    let recorded = service::record_payment(&txn, &principal, order_id, &input).await?;
    let currency = service::order_currency(&txn, order_id).await?;
    let response = claim
        .respond(
            &txn,
            StatusCode::CREATED,
            &payment_out(recorded.payment, currency),
        )
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// An order's payments and refunds, oldest first.
#[utoipa::path(
    get, path = "/api/v1/orders/{id}/payments", tag = "orders", operation_id = "orders.payment.list",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<PaymentOut>),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_payments(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let order_id = id.into_inner();
    let payments = service::payments_of(&txn, order_id).await?;
    let currency = service::order_currency(&txn, order_id).await?;
    txn.commit().await?;
    let out: Vec<PaymentOut> = payments
        .into_iter()
        .map(|p| payment_out(p, currency))
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// Gives money back: never more than was received (paid less refunded), never on a cancelled
/// or refunded order (409). Giving back everything a paid order received makes it `refunded`;
/// a partial refund keeps its status.
#[utoipa::path(
    post, path = "/api/v1/orders/{id}/refunds", tag = "orders", operation_id = "orders.refund.create",
    request_body(content = RefundIn, example = json!({
        "amount": "59.90", "reason": "Devolução de 1 camiseta (tamanho errado)"
    })),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = PaymentOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn refund_order(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<RefundIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "order.refund", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let order_id = id.into_inner();
    let reason = input.reason.as_deref();
    let refund = service::refund(&txn, &principal, order_id, input.amount, reason).await?;
    let currency = service::order_currency(&txn, order_id).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &payment_out(refund, currency))
        .await?;
    txn.commit().await?;
    Ok(response)
}

fn payment_out(p: payment::Model, currency: Currency) -> PaymentOut {
    PaymentOut {
        id: p.id,
        order_id: p.order_id,
        kind: p.kind.as_str().to_owned(),
        method: p.method,
        amount: p.amount.0,
        currency,
        reference: p.reference,
        reason: p.reason,
        paid_at: p.paid_at,
        created_at: p.created_at,
    }
}
