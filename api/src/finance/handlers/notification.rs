//! `/finance/payment-notifications…`: receive, list, match by hand.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::finance::{
    NotificationMatchIn, NotificationQuery, PaymentNotificationIn, PaymentNotificationOut,
};
use sea_orm::Order;
use uuid::Uuid;

use entity::payment_notification::Model as Notification;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::finance::service::notification;
use crate::pagination::PageRequest;
use crate::state::AppState;

pub fn notification_out(row: Notification) -> PaymentNotificationOut {
    PaymentNotificationOut {
        id: row.id,
        reference: row.reference,
        method: row.method,
        amount: row.amount.0,
        status: row.status,
        reason: row.reason,
        order_id: row.order_id,
        order_number: row.order_number,
        payment_id: row.payment_id,
        paid_at: row.paid_at,
        received_at: row.received_at,
        version: row.version,
    }
}

fn ok(row: Notification) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version)))
        .json(notification_out(row))
}

/// A gateway's confirmation of a payment (pix, boleto, card): it settles the order it names
/// (by `order_id` or `order_number`) as a payment of that order, or, when it cannot (no such
/// order, the order takes no payment now, more than its balance due), is kept `unmatched`
/// with the reason for staff to match. The same `reference` again changes nothing and is
/// answered as the first time: a gateway may send a notification as often as it likes.
#[utoipa::path(
    post, path = "/api/v1/finance/payment-notifications", tag = "finance",
    operation_id = "finance.notification.receive",
    request_body(content = PaymentNotificationIn, example = json!({
        "reference": "pix-E1234567820261125", "method": "pix", "amount": "119.80",
        "order_number": 1042, "paid_at": "2026-09-02T15:40:00Z"
    })),
    responses(
        (status = 200, description = "received now or before: settled, or unmatched with why", body = PaymentNotificationOut),
        (status = 422, description = "an amount finer than the store's currency", body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn receive_notification(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<PaymentNotificationIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let row = notification::receive(&txn, &principal, &input).await?;
    txn.commit().await?;
    Ok(ok(row))
}

/// Payment notifications, newest first: all, settled or unmatched.
#[utoipa::path(
    get, path = "/api/v1/finance/payment-notifications", tag = "finance",
    operation_id = "finance.notification.list",
    params(NotificationQuery),
    responses((status = 200, body = Page<PaymentNotificationOut>)),
    security(("bearer" = []))
)]
pub async fn list_notifications(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<NotificationQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let rows = notification::list_notifications(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(rows.into_page(notification_out)))
}

/// Matches an unmatched notification to an order by hand: recorded as that order's payment
/// (409 when the order takes no payment now or is owed less).
#[utoipa::path(
    post, path = "/api/v1/finance/payment-notifications/{id}/match", tag = "finance",
    operation_id = "finance.notification.match",
    request_body(content = NotificationMatchIn, example = json!({ "order_id": "0196f5a0-0000-7000-8000-0000000000b1" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = PaymentNotificationOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "settled already, the order takes no payment now, or more than its balance due", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn match_notification(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<NotificationMatchIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let row =
        notification::match_to_order(&txn, &principal, id.into_inner(), input.order_id, expected)
            .await?;
    txn.commit().await?;
    Ok(ok(row))
}
