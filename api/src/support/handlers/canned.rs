//! `/support/canned-replies…`: the store's ready answers, and one filled in for a ticket.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::support::{
    CannedReplyIn, CannedReplyOut, CannedReplyPatch, CannedReplyQuery, ReplyPreviewIn,
    ReplyPreviewOut,
};
use sea_orm::Order;
use uuid::Uuid;

use entity::canned_reply;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::support::service::{canned, ticket as tickets};

fn reply_out(r: canned_reply::Model) -> CannedReplyOut {
    CannedReplyOut {
        id: r.id,
        name: r.name,
        locale: r.locale,
        body: r.body,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

fn with_etag(r: canned_reply::Model) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(r.version)))
        .json(reply_out(r))
}

/// Adds a canned reply in one language; one that does not render is refused, naming `body`.
#[utoipa::path(
    post, path = "/api/v1/support/canned-replies", tag = "support",
    operation_id = "support.canned_reply.create",
    request_body(content = CannedReplyIn),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = CannedReplyOut),
        (status = 409, description = "One of that name and language exists \
            (`support/canned-reply-exists`)",
            body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The body does not render (`support/bad-template`)",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_reply(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<CannedReplyIn>,
) -> Result<HttpResponse, ApiError> {
    canned::check(&input.body).await?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "canned_reply.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let reply = canned::create(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &reply_out(reply))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// The store's canned replies, in one language if asked.
#[utoipa::path(
    get, path = "/api/v1/support/canned-replies", tag = "support",
    operation_id = "support.canned_reply.list",
    params(CannedReplyQuery),
    responses(
        (status = 200, body = Page<CannedReplyOut>),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_replies(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<CannedReplyQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let rows = canned::list(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(Page {
        items: rows.items.into_iter().map(reply_out).collect::<Vec<_>>(),
        next_cursor: rows.next_cursor,
    }))
}

#[utoipa::path(
    get, path = "/api/v1/support/canned-replies/{id}", tag = "support",
    operation_id = "support.canned_reply.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = CannedReplyOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_reply(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let reply = canned::find(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(with_etag(reply))
}

/// Renames a canned reply or changes its body (checked to render again).
#[utoipa::path(
    patch, path = "/api/v1/support/canned-replies/{id}", tag = "support",
    operation_id = "support.canned_reply.update",
    request_body(content = CannedReplyPatch, example = json!({
        "body": "Olá, {{ customer.name }}! Já verificamos seu pedido."
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = CannedReplyOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_reply(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<CannedReplyPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    if let Some(body) = &patch.body {
        canned::check(body).await?;
    }
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let reply = canned::update(&txn, &principal, id.into_inner(), &patch, expected).await?;
    txn.commit().await?;
    Ok(with_etag(reply))
}

#[utoipa::path(
    delete, path = "/api/v1/support/canned-replies/{id}", tag = "support",
    operation_id = "support.canned_reply.delete",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn delete_reply(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    canned::delete(&txn, &principal, id.into_inner(), expected).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A canned reply filled in for the ticket (its customer, its order, the agent, the store):
/// the answer's text, to edit and send. Nothing is sent or kept.
#[utoipa::path(
    post, path = "/api/v1/support/tickets/{id}/reply-preview", tag = "support",
    operation_id = "support.ticket.reply_preview",
    request_body(content = ReplyPreviewIn),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ReplyPreviewOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn preview_reply(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<ReplyPreviewIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let ticket = tickets::find(&txn, id.into_inner()).await?;
    let reply = canned::find(&txn, input.canned_reply_id).await?;
    let context = canned::context(&txn, &principal, &ticket).await?;
    txn.commit().await?;
    let body = canned::fill(&reply, &context).await?;
    Ok(HttpResponse::Ok().json(ReplyPreviewOut { body }))
}
