//! The browser mode of sessions, beside the JSON one API clients use: the refresh token lives
//! in a cookie (`auth::respond`), and refresh and logout require the CSRF header.

use actix_web::{HttpRequest, HttpResponse, web};
use openapi::auth::{BrowserTokensOut, LoginIn};

use crate::auth::respond::{clear_cookie, refresh_cookie, require_csrf_header, with_cookie};
use crate::auth::service::session;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::public_limit::PublicCaller;
use crate::state::AppState;

/// Logs in like `/auth/login`; the refresh token is set as an `HttpOnly` cookie.
#[utoipa::path(
    post, path = "/api/v1/auth/browser/login", tag = "auth", operation_id = "auth.browser.login",
    request_body(content = LoginIn),
    responses(
        (status = 200, body = BrowserTokensOut, headers(("Set-Cookie" = String, description = "rtg_refresh, HttpOnly"))),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 503, body = openapi::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    state: web::Data<AppState>,
    caller: PublicCaller,
    ValidJson(input): ValidJson<LoginIn>,
) -> Result<HttpResponse, ApiError> {
    let session = super::session::log_in(&state, &caller, &input).await?;
    Ok(with_cookie(session))
}

/// A new access token (and a rotated cookie) from the refresh cookie.
#[utoipa::path(
    post, path = "/api/v1/auth/browser/refresh", tag = "auth", operation_id = "auth.browser.refresh",
    params(("X-Requested-With" = String, Header, description = "`retaguarda`")),
    responses(
        (status = 200, body = BrowserTokensOut),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CSRF header is missing", body = openapi::Problem,
            content_type = "application/problem+json"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refresh(
    state: web::Data<AppState>,
    _caller: PublicCaller,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    require_csrf_header(&req)?;
    let token = refresh_cookie(&req)?;
    let session = session::refresh(&state.db, &state.jwt, &token).await?;
    Ok(with_cookie(session))
}

/// Ends the cookie's session and clears the cookie.
#[utoipa::path(
    post, path = "/api/v1/auth/browser/logout", tag = "auth", operation_id = "auth.browser.logout",
    params(("X-Requested-With" = String, Header, description = "`retaguarda`")),
    responses(
        (status = 204, description = "Logged out"),
        (status = 403, description = "The CSRF header is missing", body = openapi::Problem,
            content_type = "application/problem+json"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn logout(
    state: web::Data<AppState>,
    _caller: PublicCaller,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    require_csrf_header(&req)?;
    if let Ok(token) = refresh_cookie(&req) {
        session::logout(&state.db, &token).await?;
    }
    Ok(HttpResponse::NoContent().cookie(clear_cookie()).finish())
}
