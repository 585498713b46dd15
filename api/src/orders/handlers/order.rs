//! `/orders…`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::orders::{
    Finding, OrderIn, OrderLineOut, OrderOut, OrderQuery, OrderSummaryOut, TimelineEntryOut,
    TransitionIn,
};
use openapi::tenancy::Locale;
use openapi::{FieldError, Page};
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::access::permission::Permission;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::i18n::{self, Message, ReaderLocale};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::orders::balance;
use crate::orders::service::order::{self as service, OrderView};
use crate::orders::service::summary;
use crate::orders::state;
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::tenancy::service::tenant::reader_locale;

/// Places an order: prices and totals computed by the server, stock reserved, verification
/// run. Findings put it on hold with the reasons. `Idempotency-Key` is required.
#[utoipa::path(
    post, path = "/api/v1/orders", tag = "orders", operation_id = "orders.order.place",
    request_body(content = OrderIn, example = json!({
        "customer": { "id": "0196f5a0-0000-7000-8000-000000000007" },
        "channel_id": "0196f5a0-0000-7000-8000-000000000006",
        "lines": [{ "variant_id": "0196f5a0-0000-7000-8000-000000000001", "quantity": 2 },
                  { "variant_id": "0196f5a0-0000-7000-8000-000000000008", "quantity": 1, "unit_price": "54.90" }],
        "shipping_address": { "street": "Avenida Paulista", "number": "1578", "district": "Bela Vista",
                              "city": "São Paulo", "state": "SP", "postal_code": "01310-200",
                              "country": "BR" },
        "shipping_fee": "19.90", "note": "Entregar na portaria"
    })),
    params(("Idempotency-Key" = String, Header)),
    responses(
        (status = 201, body = OrderOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "not enough stock: `shortages` names each SKU", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn place_order(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<OrderIn>,
) -> Result<HttpResponse, ApiError> {
    if input.customer.new.is_some() {
        principal.require(Permission::CustomersWrite)?;
    }
    if key.is_missing() {
        return Err(ApiError::validation(vec![FieldError {
            field: idempotency::HEADER.into(),
            message: "is required when placing an order".into(),
        }]));
    }
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "order.place", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let numbering = match &state.numbers {
        Some(pool) => service::Numbering::Apart(pool),
        None => service::Numbering::InTransaction,
    };
    let order = service::place_order(&txn, numbering, &principal, &input).await?;
    let locale = reader_locale(&txn, reader).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &order_out(order, locale))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Orders, newest first. `status=on_hold` lists the held orders.
#[utoipa::path(
    get, path = "/api/v1/orders", tag = "orders", operation_id = "orders.order.list",
    params(OrderQuery),
    responses((status = 200, body = Page<OrderOut>)),
    security(("bearer" = []))
)]
pub async fn list_orders(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    ValidQuery(query): ValidQuery<OrderQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let orders = service::list_orders(&txn, &query, page).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(orders.into_page(|view| order_out(view, locale))))
}

/// The dashboard's figures: today, this month, orders per state, the last 14 days.
#[utoipa::path(
    get, path = "/api/v1/orders/summary", tag = "orders", operation_id = "orders.summary.get",
    responses((status = 200, body = OrderSummaryOut)),
    security(("bearer" = []))
)]
pub async fn order_summary(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let summary = summary::order_summary(&txn, chrono::Utc::now()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(summary))
}

/// One order with its lines, totals, findings and the moves allowed now.
#[utoipa::path(
    get, path = "/api/v1/orders/{id}", tag = "orders", operation_id = "orders.order.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = OrderOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_order(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let order = service::get_order(&txn, id.into_inner()).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(with_etag(order, locale))
}

/// Moves an order: release from hold (`pending_payment`), hold, cancel (stock released or
/// returned, payments refunded), `fulfilling`, `shipped`, `delivered`, `completed`. An order
/// becomes `paid` by payments. A move not allowed now is 409 naming the allowed ones.
#[utoipa::path(
    post, path = "/api/v1/orders/{id}/transitions", tag = "orders",
    operation_id = "orders.order.transition",
    request_body(content = TransitionIn, example = json!({
        "to": "cancelled", "reason": "Cliente desistiu da compra"
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = OrderOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn transition_order(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<TransitionIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let order = service::transition(
        &txn,
        &principal,
        id.into_inner(),
        input.to,
        input.reason.as_deref(),
        expected,
    )
    .await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(with_etag(order, locale))
}

/// What happened to an order, oldest first.
#[utoipa::path(
    get, path = "/api/v1/orders/{id}/timeline", tag = "orders", operation_id = "orders.order.timeline",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<TimelineEntryOut>),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn order_timeline(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let events = service::timeline(&txn, id.into_inner()).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    let out: Vec<TimelineEntryOut> = events
        .into_iter()
        .map(|e| TimelineEntryOut {
            id: e.id,
            kind: e.kind.as_str().to_owned(),
            from_status: e.from_status,
            to_status: e.to_status,
            message: i18n::render(&Message::from_stored(&e.message), locale),
            actor_id: e.actor_id,
            at: e.at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

fn with_etag(view: OrderView, locale: Locale) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.order.version)))
        .json(order_out(view, locale))
}

/// The order, its findings written for a reader of `locale`.
pub fn order_out(view: OrderView, locale: Locale) -> OrderOut {
    let status = view.status();
    let o = view.order;
    let payment_terms = crate::orders::service::credit::order_terms(&o);
    OrderOut {
        id: o.id,
        number: o.number,
        reference: service::reference_of(&o),
        customer_id: o.customer_id,
        customer_name: view.customer_name,
        channel_id: o.channel_id,
        status,
        allowed_transitions: state::staff_moves_from(status),
        currency: service::currency_of(&o),
        lines: view
            .lines
            .into_iter()
            .map(|l| OrderLineOut {
                id: l.id,
                variant_id: l.variant_id,
                sku: l.sku,
                name: l.name,
                quantity: l.quantity,
                unit_price: l.unit_price.0,
                discount: l.discount.0,
                total: l.total.0,
                location_id: l.location_id,
            })
            .collect(),
        subtotal: o.subtotal.0,
        discount: o.discount.0,
        shipping_fee: o.shipping_fee.0,
        total: o.total.0,
        paid: o.paid.0,
        refunded: o.refunded.0,
        balance_due: balance::due(&o),
        shipping_address: service::address_of(&o),
        findings: service::findings_of(&o)
            .into_iter()
            .map(|f| Finding {
                check: f.check,
                message: i18n::render(&f.message, locale),
            })
            .collect(),
        tags: service::tags_of_order(&o),
        note: o.note,
        shipping_service_id: o.shipping_service_id,
        ship_by: o.ship_by,
        promised_delivery: o.promised_delivery,
        payment_terms,
        version: o.version,
        created_at: o.created_at,
        paid_at: o.paid_at,
        cancelled_at: o.cancelled_at,
    }
}
