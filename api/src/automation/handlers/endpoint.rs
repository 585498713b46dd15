//! `/automation/webhooks…`: a store's webhook endpoints. A secret is in the answer that made it
//! (creating, rotating) and nowhere else, ever.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::automation::{
    WebhookEndpointCreatedOut, WebhookEndpointIn, WebhookEndpointOut, WebhookEndpointPatch,
    WebhookEndpointQuery, WebhookSecretOut,
};
use sea_orm::Order;
use uuid::Uuid;

use entity::webhook_endpoint::Model as Endpoint;

use crate::access::Principal;
use crate::automation::service::endpoint::{self as service, check_url};
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::sealed::Sealer;
use crate::state::AppState;

fn sealer(state: &AppState) -> Sealer {
    Sealer::new(&state.config.jwt_secret)
}

fn to_loopback(state: &AppState) -> bool {
    state.config.limits.webhooks_to_loopback
}

/// Adds a webhook endpoint. Its signing secret is in this answer only.
///
/// A retry with the same `Idempotency-Key` answers 409 `idempotency/secret-not-replayed` with
/// the endpoint's id as `resource_id`, never the secret again.
#[utoipa::path(
    post, path = "/api/v1/automation/webhooks", tag = "automation",
    operation_id = "automation.webhook.create",
    request_body(content = WebhookEndpointIn),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = WebhookEndpointCreatedOut),
        (status = 409, description = "A retry of a request that made an endpoint: its secret is \
            not shown again (`idempotency/secret-not-replayed`); rotate it if it was lost",
            body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The address is not https, carries credentials, does not \
            resolve or is not on the public internet (`automation/destination-refused`), or an \
            event is not in the catalogue (`automation/unknown-event`)",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_webhook(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<WebhookEndpointIn>,
) -> Result<HttpResponse, ApiError> {
    let url = check_url(&input.url, to_loopback(&state)).await?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "webhook.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let (endpoint, secret) =
        service::create(&txn, &principal, &sealer(&state), url, &input).await?;
    let id = endpoint.id;
    let body = WebhookEndpointCreatedOut {
        endpoint: endpoint_out(endpoint),
        secret,
    };
    let response = claim
        .respond_with_secret(&txn, StatusCode::CREATED, &body, id)
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// The store's webhook endpoints, oldest first.
#[utoipa::path(
    get, path = "/api/v1/automation/webhooks", tag = "automation",
    operation_id = "automation.webhook.list",
    params(WebhookEndpointQuery),
    responses(
        (status = 200, body = Page<WebhookEndpointOut>),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_webhooks(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<WebhookEndpointQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let endpoints = service::list(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(endpoints.into_page(endpoint_out)))
}

/// One webhook endpoint (never its secret).
#[utoipa::path(
    get, path = "/api/v1/automation/webhooks/{id}", tag = "automation",
    operation_id = "automation.webhook.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = WebhookEndpointOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_webhook(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let endpoint = service::find(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(with_etag(endpoint))
}

/// Changes an endpoint's address, events, description, or switches it on or off. Switching
/// on an endpoint that was failing resumes its deliveries.
#[utoipa::path(
    patch, path = "/api/v1/automation/webhooks/{id}", tag = "automation",
    operation_id = "automation.webhook.update",
    request_body(content = WebhookEndpointPatch, example = json!({ "enabled": false })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = WebhookEndpointOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_webhook(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<WebhookEndpointPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let url = match &patch.url {
        Some(text) => Some(check_url(text, to_loopback(&state)).await?),
        None => None,
    };
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let endpoint =
        service::update(&txn, &principal, id.into_inner(), url, &patch, expected).await?;
    txn.commit().await?;
    Ok(with_etag(endpoint))
}

/// A new signing secret, in this answer only; the previous one keeps signing (a second
/// signature in `webhook-signature`) for 24 hours, while receivers switch.
#[utoipa::path(
    post, path = "/api/v1/automation/webhooks/{id}/rotate-secret", tag = "automation",
    operation_id = "automation.webhook.rotate",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = WebhookSecretOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn rotate_secret(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let (endpoint, secret) =
        service::rotate(&txn, &principal, &sealer(&state), id.into_inner(), expected).await?;
    txn.commit().await?;
    let previous_valid_until = endpoint.previous_valid_until.unwrap_or(endpoint.updated_at);
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(endpoint.version)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(WebhookSecretOut {
            secret,
            previous_valid_until,
            endpoint: endpoint_out(endpoint),
        }))
}

/// Removes an endpoint; nothing more is delivered to it.
#[utoipa::path(
    delete, path = "/api/v1/automation/webhooks/{id}", tag = "automation",
    operation_id = "automation.webhook.delete",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    service::delete(&txn, &principal, id.into_inner(), expected).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

fn with_etag(endpoint: Endpoint) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(endpoint.version)))
        .json(endpoint_out(endpoint))
}

pub fn endpoint_out(row: Endpoint) -> WebhookEndpointOut {
    WebhookEndpointOut {
        id: row.id,
        url: row.url,
        events: row.events.split(' ').map(str::to_owned).collect(),
        description: row.description,
        enabled: row.enabled,
        disabled_reason: row.disabled_reason,
        previous_secret_valid_until: row.previous_valid_until,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}
