//! `/logistics/returns…`: request, list, read, approve, decline, receive, resolve.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::logistics::{
    ApproveIn, DeclineIn, ReceiveIn, ResolveIn, ReturnIn, ReturnOut, ReturnQuery,
};
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::access::permission::Permission;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::logistics::returns::handlers::return_out;
use crate::logistics::returns::service::read::{self, ReturnView};
use crate::logistics::returns::service::request::{Requester, request_return};
use crate::logistics::returns::service::{receive, resolve, review};
use crate::numbering::Numbering;
use crate::pagination::PageRequest;
use crate::state::AppState;

fn with_etag(status: actix_web::http::StatusCode, view: ReturnView) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag(view.head.version)))
        .json(return_out(view))
}

fn ok(view: ReturnView) -> HttpResponse {
    with_etag(StatusCode::OK, view)
}

/// Requests a return of delivered units. Outside the store's window it is refused
/// (`returns/window-closed`, with the date it closed) unless `override_reason` is given by
/// someone with `logistics:manage`. With an `Idempotency-Key`, a retried request answers as the
/// first did and requests nothing more.
#[utoipa::path(
    post, path = "/api/v1/logistics/returns", tag = "logistics",
    operation_id = "logistics.return.create",
    request_body(content = ReturnIn, example = json!({
        "order_id": "0196f5a0-0000-7000-8000-0000000000b1",
        "lines": [{
            "order_line_id": "0196f5a0-0000-7000-8000-0000000000b2", "quantity": 1,
            "reason": "defective", "comment": "Não liga",
            "photos": ["https://fotos.example.com/rma/1.jpg"]
        }]
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = ReturnOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "the order is not delivered", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, description = "outside the window, more than returnable, or an unknown reason", body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_return(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<ReturnIn>,
) -> Result<HttpResponse, ApiError> {
    if input.override_reason.is_some() {
        principal.require(Permission::LogisticsManage)?;
    }
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "return.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let who = Requester {
        principal: &principal,
        by_customer: false,
    };
    let view = request_return(&txn, who, &input).await?;
    let version = view.head.version;
    let mut response = claim
        .respond(&txn, StatusCode::CREATED, &return_out(view))
        .await?;
    txn.commit().await?;
    if let Ok(value) = header::HeaderValue::from_str(&etag(version)) {
        response.headers_mut().insert(header::ETAG, value);
    }
    Ok(response)
}

/// Returns, newest first, by state or order.
#[utoipa::path(
    get, path = "/api/v1/logistics/returns", tag = "logistics",
    operation_id = "logistics.return.list",
    params(ReturnQuery),
    responses((status = 200, body = Page<ReturnOut>)),
    security(("bearer" = []))
)]
pub async fn list_returns(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<ReturnQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let returns = read::list_returns(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(returns.into_page(return_out)))
}

/// One return with its lines and timeline.
#[utoipa::path(
    get, path = "/api/v1/logistics/returns/{id}", tag = "logistics",
    operation_id = "logistics.return.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ReturnOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_return(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let view = read::get_return(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(ok(view))
}

/// Approves a requested return with the reverse-shipping authorization and instructions.
#[utoipa::path(
    post, path = "/api/v1/logistics/returns/{id}/approve", tag = "logistics",
    operation_id = "logistics.return.approve",
    request_body(content = ApproveIn, example = json!({
        "authorization_code": "AP123456789BR",
        "instructions": "Poste em qualquer agência dos Correios com o código."
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = ReturnOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn approve_return(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<ApproveIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = review::approve(&txn, &principal, id.into_inner(), &input, expected).await?;
    txn.commit().await?;
    Ok(ok(view))
}

/// Declines a requested return, saying why.
#[utoipa::path(
    post, path = "/api/v1/logistics/returns/{id}/decline", tag = "logistics",
    operation_id = "logistics.return.decline",
    request_body(content = DeclineIn, example = json!({ "reason": "Produto com sinais de uso." })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = ReturnOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn decline_return(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<DeclineIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = review::decline(&txn, &principal, id.into_inner(), &input, expected).await?;
    txn.commit().await?;
    Ok(ok(view))
}

/// Receives an approved return: every line inspected, its units restocked at a location or
/// set aside as unsellable there.
#[utoipa::path(
    post, path = "/api/v1/logistics/returns/{id}/receive", tag = "logistics",
    operation_id = "logistics.return.receive",
    request_body(content = ReceiveIn, example = json!({ "lines": [{
        "line_id": "0196f5a0-0000-7000-8000-0000000000a2",
        "location_id": "0196f5a0-0000-7000-8000-0000000000c3",
        "restock": 1, "unsellable": 0
    }] })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = ReturnOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn receive_return(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<ReceiveIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = receive::receive(&txn, &principal, id.into_inner(), &input, expected).await?;
    txn.commit().await?;
    Ok(ok(view))
}

/// Resolves a received return: a refund of its credit, or an exchange (a replacement order
/// paid by the credit, any difference left due).
#[utoipa::path(
    post, path = "/api/v1/logistics/returns/{id}/resolve", tag = "logistics",
    operation_id = "logistics.return.resolve",
    request_body(content = ResolveIn, example = json!({ "resolution": "refund" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = ReturnOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn resolve_return(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<ResolveIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let numbering = match &state.numbers {
        Some(pool) => Numbering::Apart(pool),
        None => Numbering::InTransaction,
    };
    let id = id.into_inner();
    let view = resolve::resolve(&txn, numbering, &principal, id, &input, expected).await?;
    txn.commit().await?;
    Ok(ok(view))
}
