//! `/finance/bank-statements` and `/finance/bank-lines…`: a statement imported, its lines
//! matched, proposed or left for staff to match or classify.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::finance::{BankClassifyIn, BankImportOut, BankLineOut, BankLineQuery, BankMatchIn};
use sea_orm::Order;
use uuid::Uuid;

use entity::bank_line::Model as BankLine;

use crate::access::Principal;
use crate::db::{self, Access, TenantTransaction};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{CsvBody, ValidJson, ValidQuery};
use crate::finance::error::FinanceError;
use crate::finance::service::bank as service;
use crate::import_file::ImportRequest;
use crate::orders::service::order::find_order;
use crate::pagination::PageRequest;
use crate::state::AppState;

const STATEMENT_CSV: &str = "date,amount,description,reference\n\
    2026-12-04,333.33,PIX RECEBIDO DISTRIBUIDORA SUL,1042-2\n\
    2026-12-04,-4.90,TARIFA PIX,\n";

fn line_out(line: BankLine, order_number: Option<i64>) -> BankLineOut {
    BankLineOut {
        id: line.id,
        statement_id: line.statement_id,
        line_no: line.line_no,
        booked_on: line.booked_on,
        amount: line.amount.0,
        description: line.description,
        reference: line.reference,
        status: line.status,
        order_id: line.order_id,
        order_number,
        candidates: line.candidates,
        created_at: line.created_at,
        version: line.version,
    }
}

async fn with_number(txn: &TenantTransaction, line: BankLine) -> Result<BankLineOut, ApiError> {
    let number = match line.order_id {
        Some(id) => Some(
            find_order(txn, id)
                .await
                .map_err(FinanceError::from)?
                .number,
        ),
        None => None,
    };
    Ok(line_out(line, number))
}

/// Imports a bank statement (CSV: `date`, `amount`, `description`, optional `reference`;
/// dates as `2026-12-04` or `04/12/2026`, amounts as `1234.56` or `1.234,56`, money out
/// negative). All or nothing: a bad value anywhere refuses the file with every bad value by
/// line. A line naming an order (`1042`, `#1042`, an instalment's `1042-2`) settles it; one
/// whose amount and date fit exactly one open instalment is proposed; the rest wait for
/// staff. Lines imported before are left as they were: nothing is settled twice.
#[utoipa::path(
    post, path = "/api/v1/finance/bank-statements", tag = "finance",
    operation_id = "finance.bank.import",
    request_body(content = String, content_type = "text/csv", example = json!(STATEMENT_CSV)),
    responses(
        (status = 200, body = BankImportOut),
        (status = 415, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn import_statement(
    state: web::Data<AppState>,
    principal: Principal,
    CsvBody(file): CsvBody,
) -> Result<HttpResponse, ApiError> {
    let request = ImportRequest {
        file: &file,
        dry_run: false,
        max_rows: state.config.limits.import_max_rows,
    };
    let lines = service::parse_statement(&request)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let imported = service::import_statement(&txn, &principal, lines).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(imported))
}

/// Bank lines, newest first; `status=unmatched` and `status=proposed` are what staff look at.
#[utoipa::path(
    get, path = "/api/v1/finance/bank-lines", tag = "finance",
    operation_id = "finance.bank.list",
    params(BankLineQuery),
    responses((status = 200, body = Page<BankLineOut>)),
    security(("bearer" = []))
)]
pub async fn list_lines(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<BankLineQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let lines = service::list_lines(&txn, &query, page).await?;
    let mut items = Vec::with_capacity(lines.items.len());
    for line in lines.items {
        items.push(with_number(&txn, line).await?);
    }
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(Page {
        items,
        next_cursor: lines.next_cursor,
    }))
}

fn ok(line: BankLineOut) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(line.version)))
        .json(line)
}

/// Matches a line (unmatched or proposed) to the order it pays: recorded as its payment.
/// 409 when the line is settled or classified, or the order takes no payment of it.
#[utoipa::path(
    post, path = "/api/v1/finance/bank-lines/{id}/match", tag = "finance",
    operation_id = "finance.bank.match",
    request_body(content = BankMatchIn, example = json!({ "order_id": "0196f5a0-0000-7000-8000-0000000000b1" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = BankLineOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "the line is settled or classified, or the order takes no payment of it", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn match_line(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<BankMatchIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let id = id.into_inner();
    let line = service::match_line(&txn, &principal, id, input.order_id, expected).await?;
    let out = with_number(&txn, line).await?;
    txn.commit().await?;
    Ok(ok(out))
}

/// Says what a line that pays no order is: `fees`, `transfer` or `other_income`. 409 when
/// the line is settled or classified.
#[utoipa::path(
    post, path = "/api/v1/finance/bank-lines/{id}/classify", tag = "finance",
    operation_id = "finance.bank.classify",
    request_body(content = BankClassifyIn, example = json!({ "as": "fees" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = BankLineOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "the line is settled or classified", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn classify_line(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<BankClassifyIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let status = input.class.into();
    let line = service::classify(&txn, &principal, id.into_inner(), status, expected).await?;
    let out = with_number(&txn, line).await?;
    txn.commit().await?;
    Ok(ok(out))
}
