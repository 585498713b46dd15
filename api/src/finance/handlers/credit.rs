//! `/finance/customers…`: customers' credit terms, what they owe, their blocks.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use openapi::Page;
use openapi::finance::{BlockIn, CreditQuery, CreditTermsIn, CustomerCreditOut};
use openapi::tenancy::Locale;
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::finance::service::customer_credit::{self as service, CreditView};
use crate::i18n::ReaderLocale;
use crate::orders::service::credit::{block_out, terms_of};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::tenancy::service::tenant::reader_locale;

pub fn credit_out(view: CreditView, locale: Locale) -> CustomerCreditOut {
    let c = &view.customer;
    let limit = c.credit_limit.map(|limit| limit.0);
    CustomerCreditOut {
        customer_id: c.id,
        customer_name: c.name.clone(),
        payment_terms: terms_of(c),
        credit_limit: limit,
        account_owner_id: c.account_owner_id,
        dunning_exempt: c.dunning_exempt,
        blocked: block_out(c, locale),
        currency: view.currency,
        open_receivables: view.owed,
        overdue: view.overdue,
        available_credit: limit.map(|limit| (limit - view.owed).max(rust_decimal::Decimal::ZERO)),
        version: c.version,
    }
}

fn ok(view: CreditView, locale: Locale) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.customer.version)))
        .json(credit_out(view, locale))
}

/// Customers with credit terms, a limit or a block, by name; `blocked=true` lists the
/// blocked ones, with why and since when.
#[utoipa::path(
    get, path = "/api/v1/finance/customers", tag = "finance",
    operation_id = "finance.credit.list",
    params(CreditQuery),
    responses((status = 200, body = Page<CustomerCreditOut>)),
    security(("bearer" = []))
)]
pub async fn list_credit(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    ValidQuery(query): ValidQuery<CreditQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let views = service::list_credit(&txn, query.blocked, page, Utc::now()).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(views.into_page(|view| credit_out(view, locale))))
}

/// A customer's credit: terms, limit, account owner, block, what they owe and what is overdue.
#[utoipa::path(
    get, path = "/api/v1/finance/customers/{id}/credit", tag = "finance",
    operation_id = "finance.credit.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = CustomerCreditOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_credit(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let view = service::get_credit(&txn, id.into_inner(), Utc::now()).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(ok(view, locale))
}

/// Sets a customer's credit terms, limit, account owner and dunning exemption. Their next
/// orders are placed on these terms; orders placed before keep theirs.
#[utoipa::path(
    put, path = "/api/v1/finance/customers/{id}/credit", tag = "finance",
    operation_id = "finance.credit.set",
    request_body = CreditTermsIn,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = CustomerCreditOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, description = "terms out of range, or an account owner who is no member of the store", body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn set_credit(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<CreditTermsIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = service::set_credit(&txn, &principal, id.into_inner(), &input, expected).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(ok(view, locale))
}

/// Blocks a customer by hand: their new orders are held, and their terms cannot be used,
/// until staff unblock them. 409 when they are blocked already.
#[utoipa::path(
    post, path = "/api/v1/finance/customers/{id}/block", tag = "finance",
    operation_id = "finance.credit.block",
    request_body(content = BlockIn, example = json!({ "reason": "Cheque devolvido" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = CustomerCreditOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "the customer is blocked already", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn block_customer(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<BlockIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let id = id.into_inner();
    let view = service::block_by_hand(&txn, &principal, id, input.reason.trim(), expected).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(ok(view, locale))
}

/// Lifts a customer's block (by staff or by dunning): their orders held only by it are
/// released. 409 when they are not blocked.
#[utoipa::path(
    post, path = "/api/v1/finance/customers/{id}/unblock", tag = "finance",
    operation_id = "finance.credit.unblock",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = CustomerCreditOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "the customer is not blocked", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn unblock_customer(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = service::unblock_by_hand(&txn, &principal, id.into_inner(), expected).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(ok(view, locale))
}
