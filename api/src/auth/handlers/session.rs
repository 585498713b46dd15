//! `POST /auth/login`, `/auth/refresh`, `/auth/logout`, `GET /me`.

use actix_web::{HttpResponse, web};
use entity::TenantId;
use openapi::auth::{LoginIn, RefreshIn, TokensOut};

use crate::auth::respond::tokens_out;
use crate::auth::service::session::{self, Credentials, Session};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::public_limit::PublicCaller;
use crate::state::AppState;

/// Logs in with email and password. Ten failures a minute (per account and address) or a
/// hundred an hour (per account) are answered 429 with `Retry-After`.
#[utoipa::path(
    post, path = "/api/v1/auth/login", tag = "auth", operation_id = "auth.session.login",
    request_body(content = LoginIn),
    responses(
        (status = 200, body = TokensOut),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 503, body = openapi::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    state: web::Data<AppState>,
    caller: PublicCaller,
    ValidJson(input): ValidJson<LoginIn>,
) -> Result<HttpResponse, ApiError> {
    let session = log_in(&state, &caller, &input).await?;
    Ok(HttpResponse::Ok().json(tokens_out(session)))
}

/// Checks the password (with the login rate limit, keyed by the caller's address).
pub async fn log_in(
    state: &AppState,
    caller: &PublicCaller,
    input: &LoginIn,
) -> Result<Session, ApiError> {
    let ip = caller.ip.to_string();
    let credentials = Credentials {
        email: &input.email,
        password: &input.password,
        tenant_id: input.tenant_id.map(TenantId::from),
        ip: &ip,
    };
    Ok(session::login(&state.db, &state.jwt, credentials).await?)
}

/// Trades a refresh token for a new pair. Each refresh token works once; presenting a spent
/// one revokes every token of its session.
#[utoipa::path(
    post, path = "/api/v1/auth/refresh", tag = "auth", operation_id = "auth.session.refresh",
    request_body(content = RefreshIn),
    responses(
        (status = 200, body = TokensOut),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refresh(
    state: web::Data<AppState>,
    _caller: PublicCaller,
    ValidJson(input): ValidJson<RefreshIn>,
) -> Result<HttpResponse, ApiError> {
    let session = session::refresh(&state.db, &state.jwt, &input.refresh_token).await?;
    Ok(HttpResponse::Ok().json(tokens_out(session)))
}

/// Ends the session of a refresh token (its access tokens expire within 15 minutes).
#[utoipa::path(
    post, path = "/api/v1/auth/logout", tag = "auth", operation_id = "auth.session.logout",
    request_body(content = RefreshIn),
    responses(
        (status = 204, description = "Logged out"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn logout(
    state: web::Data<AppState>,
    _caller: PublicCaller,
    ValidJson(input): ValidJson<RefreshIn>,
) -> Result<HttpResponse, ApiError> {
    session::logout(&state.db, &input.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}
