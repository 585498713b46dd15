//! `/finance/invoices…`: issue, list, read, credit, report the fiscal document.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::finance::{CreditNoteIn, FiscalIn, InvoiceIn, InvoiceOut, InvoiceQuery};
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::finance::handlers::invoice_out;
use crate::finance::service::read::{self, InvoiceView};
use crate::finance::service::{credit, fiscal, issue};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;

fn ok(view: InvoiceView) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.head.version)))
        .json(invoice_out(view))
}

/// Issues the invoice of a paid order. A paid order gets its invoice by itself; this is for
/// orders paid before the store billed through Retaguarda. 409 when the order is not paid or
/// has its invoice.
#[utoipa::path(
    post, path = "/api/v1/finance/invoices", tag = "finance",
    operation_id = "finance.invoice.create",
    request_body(content = InvoiceIn, example = json!({ "order_id": "0196f5a0-0000-7000-8000-0000000000b1" })),
    responses(
        (status = 201, body = InvoiceOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "the order is not paid, or has its invoice", body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_invoice(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<InvoiceIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = issue::issue_invoice(&txn, &principal, input.order_id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created()
        .insert_header((header::ETAG, etag(view.head.version)))
        .json(invoice_out(view)))
}

/// Invoices and credit notes, newest first.
#[utoipa::path(
    get, path = "/api/v1/finance/invoices", tag = "finance",
    operation_id = "finance.invoice.list",
    params(InvoiceQuery),
    responses((status = 200, body = Page<InvoiceOut>)),
    security(("bearer" = []))
)]
pub async fn list_invoices(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<InvoiceQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let invoices = read::list_invoices(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(invoices.into_page(invoice_out)))
}

/// One invoice or credit note with its lines.
#[utoipa::path(
    get, path = "/api/v1/finance/invoices/{id}", tag = "finance",
    operation_id = "finance.invoice.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = InvoiceOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_invoice(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let view = read::get_invoice(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(ok(view))
}

/// Issues a credit note for an invoice: the lines given back, or without `lines` all that is
/// not credited yet. Never more than was billed (422 naming the line). With an
/// `Idempotency-Key`, a retried request answers as the first did and credits nothing more.
#[utoipa::path(
    post, path = "/api/v1/finance/invoices/{id}/credit-notes", tag = "finance",
    operation_id = "finance.invoice.credit",
    request_body(content = CreditNoteIn, example = json!({
        "reason": "Produto devolvido com defeito",
        "lines": [{ "invoice_line_id": "0196f5a0-0000-7000-8000-0000000000d1", "quantity": 1 }]
    })),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = InvoiceOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "everything was credited already", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, description = "more than is left to credit, a line of another invoice, or a credit note to credit", body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn credit_invoice(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<CreditNoteIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "invoice.credit", &(id, &input)).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let view = credit::credit_invoice(&txn, &principal, id, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &invoice_out(view))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Reports the invoice's NF-e: its status at SEFAZ and its access key (44 digits, check digit
/// right). What a fiscal integration calls; the same report again changes nothing.
#[utoipa::path(
    put, path = "/api/v1/finance/invoices/{id}/fiscal", tag = "finance",
    operation_id = "finance.invoice.fiscal",
    request_body(content = FiscalIn, example = json!({
        "status": "authorized", "access_key": "35261112345678000190550010000000011000000040"
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = InvoiceOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "a move the NF-e cannot make", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, description = "an authorization without its key, or with another key", body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn report_fiscal(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<FiscalIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = fiscal::report_fiscal(&txn, &principal, id.into_inner(), &input, expected).await?;
    txn.commit().await?;
    Ok(ok(view))
}
