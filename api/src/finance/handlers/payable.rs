//! `/finance/bills…` and `/finance/payables/ageing`: supplier bills entered, checked three
//! ways, approved, paid and read; what the store owes its suppliers by age.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use openapi::Page;
use openapi::finance::{
    BillApproveIn, BillIn, BillOut, BillPaymentIn, BillQuery, PayablesAgeingOut,
};
use sea_orm::Order;
use uuid::Uuid;

use entity::supplier_bill;

use crate::access::Principal;
use crate::db::{self, Access, TenantTransaction};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::finance::error::FinanceError;
use crate::finance::service::instalments::store_today;
use crate::finance::service::payables::{enter, read, settle};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// The bill as answered, with its lines and its version as the ETag.
async fn one(txn: &TenantTransaction, bill: supplier_bill::Model) -> Result<BillOut, ApiError> {
    let today = store_today(txn, Utc::now()).await?;
    read::bills_out(txn, vec![bill], today, true)
        .await?
        .pop()
        .ok_or_else(|| FinanceError::NotFound("bill").into())
}

fn answer(status: actix_web::http::StatusCode, bill: BillOut) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag(bill.version)))
        .json(bill)
}

/// Enters a supplier's bill against a received purchase order. Each line is checked against
/// what was ordered, received and billed before, at the ordered unit cost; a bill that
/// disagrees is `held` (its lines name how) until a manager approves it. 409 when nothing of
/// the order was received or the supplier's number was entered already.
#[utoipa::path(
    post, path = "/api/v1/finance/bills", tag = "finance",
    operation_id = "finance.bill.create",
    request_body = BillIn,
    responses(
        (status = 201, body = BillOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "nothing of the order was received, or the number was entered already", body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_bill(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<BillIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let bill = enter::enter_bill(&txn, &principal, &input).await?;
    let out = one(&txn, bill).await?;
    txn.commit().await?;
    Ok(answer(actix_web::http::StatusCode::CREATED, out))
}

/// Supplier bills, newest first: filter by status (`overdue`: open past the due date),
/// supplier or purchase order.
#[utoipa::path(
    get, path = "/api/v1/finance/bills", tag = "finance",
    operation_id = "finance.bill.list",
    params(BillQuery),
    responses((status = 200, body = Page<BillOut>)),
    security(("bearer" = []))
)]
pub async fn list_bills(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<BillQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let today = store_today(&txn, Utc::now()).await?;
    let paged = read::list_bills(&txn, &query, page, today).await?;
    let next_cursor = paged.next_cursor.clone();
    let items = read::bills_out(&txn, paged.items, today, false).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(Page { items, next_cursor }))
}

/// A bill with its lines beside what was ordered and received of them.
#[utoipa::path(
    get, path = "/api/v1/finance/bills/{id}", tag = "finance",
    operation_id = "finance.bill.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = BillOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_bill(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let bill = settle::find_bill(&txn, id.into_inner()).await?;
    let out = one(&txn, bill).await?;
    txn.commit().await?;
    Ok(answer(actix_web::http::StatusCode::OK, out))
}

/// Approves a held bill's difference, with why: it may be paid. 409 when it is not held.
#[utoipa::path(
    post, path = "/api/v1/finance/bills/{id}/approve", tag = "finance",
    operation_id = "finance.bill.approve",
    request_body(content = BillApproveIn, example = json!({ "note": "Frete cobrado à parte, combinado" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = BillOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "the bill is not held", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn approve_bill(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<BillApproveIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let note = input.note.trim();
    let bill = settle::approve_bill(&txn, &principal, id.into_inner(), note, expected).await?;
    let out = one(&txn, bill).await?;
    txn.commit().await?;
    Ok(answer(actix_web::http::StatusCode::OK, out))
}

/// Records a payment of a bill (today unless `paid_on` says). 409 while the bill is held or
/// when nothing is outstanding; 422 for more than is outstanding; with `If-Match`, 412 when
/// the bill changed since it was read (a payment sent twice is refused the second time).
#[utoipa::path(
    post, path = "/api/v1/finance/bills/{id}/payments", tag = "finance",
    operation_id = "finance.bill.pay",
    request_body(content = BillPaymentIn, example = json!({ "amount": "511.20", "paid_on": "2026-12-07" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = BillOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "the bill is held, or paid", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn pay_bill(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<BillPaymentIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let today = store_today(&txn, Utc::now()).await?;
    let paid = (input.amount, input.paid_on.unwrap_or(today));
    let bill = settle::pay_bill(&txn, &principal, id.into_inner(), paid, expected).await?;
    let out = one(&txn, bill).await?;
    txn.commit().await?;
    Ok(answer(actix_web::http::StatusCode::OK, out))
}

/// What the store owes every supplier by how long past due (not yet due, 1–30, 31–60, 61–90,
/// over 90 days), per currency, and the totals; held bills included.
#[utoipa::path(
    get, path = "/api/v1/finance/payables/ageing", tag = "finance",
    operation_id = "finance.payable.ageing",
    responses((status = 200, body = PayablesAgeingOut)),
    security(("bearer" = []))
)]
pub async fn payables_ageing(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let today = store_today(&txn, Utc::now()).await?;
    let report = read::payables_ageing(&txn, today).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(report))
}
