//! `/catalog/channels…`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::catalog::{ChannelIn, ChannelOut, ChannelPatch, ChannelQuery};
use sea_orm::Order;
use uuid::Uuid;

use entity::sales_channel;

use crate::access::Principal;
use crate::catalog::service::channel as service;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Adds a sales channel (admins).
#[utoipa::path(
    post, path = "/api/v1/catalog/channels", tag = "catalog", operation_id = "catalog.channel.create",
    request_body(content = ChannelIn, example = json!({
        "name": "Mercado Livre", "kind": "marketplace"
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = ChannelOut),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_channel(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<ChannelIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "channel.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let channel = service::create_channel(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &channel_out(channel))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// The store's sales channels, oldest first.
#[utoipa::path(
    get, path = "/api/v1/catalog/channels", tag = "catalog", operation_id = "catalog.channel.list",
    params(ChannelQuery),
    responses((status = 200, body = Page<ChannelOut>)),
    security(("bearer" = []))
)]
pub async fn list_channels(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<ChannelQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let channels = service::list_channels(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(channels.into_page(channel_out)))
}

/// Renames or archives a sales channel (admins).
#[utoipa::path(
    patch, path = "/api/v1/catalog/channels/{id}", tag = "catalog",
    operation_id = "catalog.channel.update",
    request_body(content = ChannelPatch, example = json!({
        "name": "Mercado Livre Full"
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = ChannelOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_channel(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<ChannelPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let channel =
        service::update_channel(&txn, &principal, id.into_inner(), &patch, expected).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(channel.version)))
        .json(channel_out(channel)))
}

fn channel_out(channel: sales_channel::Model) -> ChannelOut {
    ChannelOut {
        id: channel.id,
        kind: channel.kind,
        name: channel.name,
        status: channel.status,
        version: channel.version,
        created_at: channel.created_at,
    }
}
