//! Accepting an invitation the browser's way: the new member is signed in with the refresh
//! token in the cookie (`auth::respond`), never in the page.

use actix_web::{HttpRequest, HttpResponse, web};
use openapi::auth::BrowserTokensOut;
use openapi::tenancy::InvitationAcceptIn;

use crate::access::{OptionalPrincipal, request_id_of};
use crate::auth::respond::with_cookie;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::public_limit::PublicCaller;
use crate::state::AppState;
use crate::tenancy::service::invitation;

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
