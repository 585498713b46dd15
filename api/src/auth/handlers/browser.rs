//! The browser mode of sessions, beside the JSON one API clients use: the refresh token lives
//! in an `HttpOnly; Secure; SameSite=Strict` cookie scoped to `/api/v1/auth/browser`, out of
//! reach of the page's scripts. A cookie authenticates these routes, so refresh and logout
//! also require the `X-Requested-With: retaguarda` header, which another site's form or link
//! cannot send (and `SameSite=Strict` keeps the cookie from cross-site requests anyway).

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, web};
use openapi::auth::{BrowserTokensOut, LoginIn};
use openapi::tenancy::InvitationAcceptIn;

use crate::auth::error::AuthError;
use crate::auth::principal::{OptionalPrincipal, request_id_of};
use crate::auth::service::session::{self, REFRESH_TOKEN_DAYS, Session};
use crate::error::{ApiError, ErrorKind};
use crate::extract::ValidJson;
use crate::public_limit::PublicCaller;
use crate::state::AppState;
use crate::tenancy::service::invitation;

pub const COOKIE: &str = "rtg_refresh";
const COOKIE_PATH: &str = "/api/v1/auth/browser";
const CSRF_HEADER: &str = "X-Requested-With";
const CSRF_VALUE: &str = "retaguarda";

fn cookie(value: String, max_age: CookieDuration) -> Cookie<'static> {
    Cookie::build(COOKIE, value)
        .path(COOKIE_PATH)
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .max_age(max_age)
        .finish()
}

fn with_cookie(session: Session) -> HttpResponse {
    HttpResponse::Ok()
        .cookie(cookie(
            session.refresh_token,
            CookieDuration::days(REFRESH_TOKEN_DAYS),
        ))
        .json(BrowserTokensOut {
            access_token: session.access_token,
            token_type: "Bearer".into(),
            expires_in: session.expires_in,
            tenant_id: session.tenant_id,
        })
}

fn require_csrf_header(req: &HttpRequest) -> Result<(), ApiError> {
    let sent = req
        .headers()
        .get(CSRF_HEADER)
        .is_some_and(|v| v.as_bytes() == CSRF_VALUE.as_bytes());
    if sent { Ok(()) } else { Err(csrf_missing()) }
}

/// The answer to a cookie-authenticated request without the CSRF header.
pub fn csrf_missing() -> ApiError {
    let detail = crate::i18n::Message::new(crate::i18n::Key::ProblemCsrf)
        .with("header", CSRF_HEADER)
        .with("value", CSRF_VALUE);
    ApiError::with_message(ErrorKind::Forbidden, "auth/csrf", detail)
}

fn refresh_cookie(req: &HttpRequest) -> Result<String, ApiError> {
    req.cookie(COOKIE)
        .map(|c| c.value().to_owned())
        .ok_or_else(|| AuthError::InvalidRefreshToken.into())
}

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

/// Accepts an invitation and signs the new member in, the browser's way: the refresh token
/// goes into the cookie, never into the page.
#[utoipa::path(
    post, path = "/api/v1/auth/browser/invitations/accept", tag = "auth",
    operation_id = "auth.browser.accept_invitation",
    request_body(content = InvitationAcceptIn),
    responses(
        (status = 200, body = BrowserTokensOut, headers(("Set-Cookie" = String, description = "rtg_refresh, HttpOnly"))),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 503, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The invitation is for another address than the signed-in account's",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []))
)]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    _caller: PublicCaller,
    signed_in: OptionalPrincipal,
    req: HttpRequest,
    ValidJson(input): ValidJson<InvitationAcceptIn>,
) -> Result<HttpResponse, ApiError> {
    let (caller, request_id) = (signed_in.0.as_ref(), request_id_of(&req));
    let session =
        invitation::accept_invitation(&state.db, &state.jwt, &input, caller, request_id).await?;
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
    Ok(HttpResponse::NoContent()
        .cookie(cookie(String::new(), CookieDuration::ZERO))
        .finish())
}
