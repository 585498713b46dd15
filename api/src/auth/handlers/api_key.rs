//! `POST /api-keys`, `GET /api-keys`, `DELETE /api-keys/{id}`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::auth::{ApiKeyCreatedOut, ApiKeyIn, ApiKeyOut};
use openapi::tenancy::PageQuery;
use sea_orm::Order;
use uuid::Uuid;

use entity::api_key;

use crate::access::Principal;
use crate::access::permission::Permission;
use crate::auth::service::api_key::{self as service, CreatedKey};
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Creates an API key with the given scopes. The secret is in this response only.
///
/// A retry with the same `Idempotency-Key` answers 409 `idempotency/secret-not-replayed` with
/// the key's id as `resource_id`, never the secret again.
#[utoipa::path(
    post, path = "/api/v1/api-keys", tag = "auth", operation_id = "auth.api_key.create",
    request_body(content = ApiKeyIn, example = json!({
        "name": "Integração ERP", "scopes": ["catalog:read", "inventory:read", "stock:move"]
    })),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = ApiKeyCreatedOut),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "A retry of a request that created a key: its secret is not \
            shown again (`idempotency/secret-not-replayed`); `resource_id` is the key's id: revoke \
            it and create another if the secret was lost",
            body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_api_key(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<ApiKeyIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "api_key.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let created = service::create_api_key(&txn, &principal, &input).await?;
    let id = created.key.id;
    let response = claim
        .respond_with_secret(&txn, StatusCode::CREATED, &api_key_created_out(created), id)
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// The store's API keys, revoked ones included, oldest first.
#[utoipa::path(
    get, path = "/api/v1/api-keys", tag = "auth", operation_id = "auth.api_key.list",
    params(PageQuery),
    responses(
        (status = 200, body = Page<ApiKeyOut>),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_api_keys(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let keys = service::list_api_keys(&txn, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(keys.into_page(api_key_out)))
}

/// Revokes an API key at once.
#[utoipa::path(
    delete, path = "/api/v1/api-keys/{id}", tag = "auth", operation_id = "auth.api_key.revoke",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn revoke_api_key(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    service::revoke_api_key(&txn, &principal, id.into_inner()).await?;
    txn.commit().await?;
    state.keys.forget_store(principal.tenant_id);
    Ok(HttpResponse::NoContent().finish())
}

fn api_key_out(key: api_key::Model) -> ApiKeyOut {
    ApiKeyOut {
        id: key.id,
        name: key.name.clone(),
        prefix: key.prefix.clone(),
        scopes: service::scopes_of(&key)
            .iter()
            .filter_map(|scope| Permission::parse(scope))
            .collect(),
        created_by: key.created_by,
        created_at: key.created_at,
        last_used_at: key.last_used_at,
        revoked_at: key.revoked_at,
    }
}

fn api_key_created_out(created: CreatedKey) -> ApiKeyCreatedOut {
    ApiKeyCreatedOut {
        api_key: api_key_out(created.key),
        secret: created.secret,
    }
}
