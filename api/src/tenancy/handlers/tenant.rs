//! `POST /signup`, `GET /tenant`, `PATCH /tenant`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use openapi::auth::{SignupIn, SignupOut, UserOut};
use openapi::tenancy::{TenantOut, TenantPatch};

use entity::tenant;

use crate::access::{Principal, request_id_of};
use crate::auth::respond::tokens_out;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::ValidJson;
use crate::public_limit::PublicCaller;
use crate::state::AppState;
use crate::tenancy::service::tenant as service;

/// Creates a store and its owner, and logs the owner in.
#[utoipa::path(
    post, path = "/api/v1/signup", tag = "tenancy", operation_id = "tenancy.signup",
    request_body(content = SignupIn, example = json!({
        "store_name": "Café do Porto", "owner_name": "Ana Souza",
        "email": "ana@example.com", "password": "a long passphrase",
        "currency": "BRL", "locale": "pt-BR", "timezone": "America/Sao_Paulo"
    })),
    responses(
        (status = 201, body = SignupOut),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 503, body = openapi::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn signup(
    state: web::Data<AppState>,
    _caller: PublicCaller,
    req: HttpRequest,
    ValidJson(input): ValidJson<SignupIn>,
) -> Result<HttpResponse, ApiError> {
    let signed_up = service::signup(&state.db, &state.jwt, &input, request_id_of(&req)).await?;
    Ok(HttpResponse::Created().json(SignupOut {
        tenant: tenant_out(signed_up.tenant),
        user: UserOut {
            id: signed_up.user.id,
            email: signed_up.user.email,
            name: signed_up.user.name,
        },
        tokens: tokens_out(signed_up.session),
    }))
}

/// The store's settings. The `ETag` header carries its version for `If-Match`.
#[utoipa::path(
    get, path = "/api/v1/tenant", tag = "tenancy", operation_id = "tenancy.tenant.get",
    responses(
        (status = 200, body = TenantOut, headers(("ETag" = String))),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_tenant(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let tenant = service::get_tenant(&txn).await?;
    txn.commit().await?;
    Ok(with_etag(tenant))
}

/// Changes the store's settings. Send `If-Match` with the `ETag` you read to refuse (412) a
/// change made meanwhile by someone else.
#[utoipa::path(
    patch, path = "/api/v1/tenant", tag = "tenancy", operation_id = "tenancy.tenant.update",
    request_body(content = TenantPatch, example = json!({
        "name": "Café do Porto", "timezone": "America/Recife"
    })),
    params(("If-Match" = Option<String>, Header, description = "The ETag last read")),
    responses(
        (status = 200, body = TenantOut, headers(("ETag" = String))),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_tenant(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(patch): ValidJson<TenantPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let tenant = service::update_tenant(&txn, &principal, &patch, expected).await?;
    txn.commit().await?;
    Ok(with_etag(tenant))
}

fn with_etag(tenant: tenant::Model) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(tenant.version)))
        .json(tenant_out(tenant))
}

pub fn tenant_out(tenant: tenant::Model) -> TenantOut {
    TenantOut {
        id: tenant.id.into_uuid(),
        currency: tenant.currency,
        locale: tenant.locale,
        name: tenant.name,
        timezone: tenant.timezone,
        version: tenant.version,
        created_at: tenant.created_at,
        updated_at: tenant.updated_at,
    }
}
