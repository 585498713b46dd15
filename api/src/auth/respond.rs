//! How a session is answered: as JSON tokens (API clients), or to a browser with the refresh
//! token in an `HttpOnly; Secure; SameSite=Strict` cookie scoped to `/api/v1/auth/browser`,
//! out of reach of the page's scripts. A cookie authenticates those routes, so refresh and
//! logout also require the `X-Requested-With: retaguarda` header, which another site's form
//! or link cannot send.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse};
use openapi::auth::{BrowserTokensOut, TokensOut};

use crate::auth::error::AuthError;
use crate::auth::service::session::{REFRESH_TOKEN_DAYS, Session};
use crate::error::{ApiError, ErrorKind};

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

pub fn with_cookie(session: Session) -> HttpResponse {
    HttpResponse::Ok()
        .cookie(cookie(
            session.refresh_token,
            CookieDuration::days(REFRESH_TOKEN_DAYS),
        ))
        .json(BrowserTokensOut {
            access_token: session.access_token,
            token_type: "Bearer".into(),
            expires_in: session.expires_in,
            tenant_id: session.tenant_id.into_uuid(),
        })
}

/// The cookie that ends the browser's session.
pub fn clear_cookie() -> Cookie<'static> {
    cookie(String::new(), CookieDuration::ZERO)
}

pub fn require_csrf_header(req: &HttpRequest) -> Result<(), ApiError> {
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

pub fn refresh_cookie(req: &HttpRequest) -> Result<String, ApiError> {
    req.cookie(COOKIE)
        .map(|c| c.value().to_owned())
        .ok_or_else(|| AuthError::InvalidRefreshToken.into())
}

pub fn tokens_out(session: Session) -> TokensOut {
    TokensOut {
        access_token: session.access_token,
        token_type: "Bearer".into(),
        expires_in: session.expires_in,
        refresh_token: session.refresh_token,
        tenant_id: session.tenant_id.into_uuid(),
    }
}
