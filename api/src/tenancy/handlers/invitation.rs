//! `POST /invitations`, `GET /invitations`, `DELETE /invitations/{id}`,
//! `POST /invitations/accept`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use openapi::Page;
use openapi::auth::TokensOut;
use openapi::tenancy::{InvitationAcceptIn, InvitationIn, InvitationOut, PageQuery};
use sea_orm::Order;
use uuid::Uuid;

use entity::invitation;

use crate::access::{OptionalPrincipal, Principal, request_id_of};
use crate::auth::respond::tokens_out;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::public_limit::PublicCaller;
use crate::state::AppState;
use crate::tenancy::service::invitation as service;

/// Invites someone by email. The token that accepts it goes by email only: it is never in a
/// response nor readable in the email log.
#[utoipa::path(
    post, path = "/api/v1/invitations", tag = "tenancy", operation_id = "tenancy.invitation.create",
    request_body(content = InvitationIn, example = json!({
        "email": "joao.pereira@example.com.br", "role": "staff"
    })),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = InvitationOut),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_invitation(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<InvitationIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "invitation.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let invitation = service::create_invitation(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &invitation_out(invitation))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// The store's invitations, oldest first, with their status.
#[utoipa::path(
    get, path = "/api/v1/invitations", tag = "tenancy", operation_id = "tenancy.invitation.list",
    params(PageQuery),
    responses(
        (status = 200, body = Page<InvitationOut>),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_invitations(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let invitations = service::list_invitations(&txn, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(invitations.into_page(invitation_out)))
}

/// Revokes a pending invitation.
#[utoipa::path(
    delete, path = "/api/v1/invitations/{id}", tag = "tenancy", operation_id = "tenancy.invitation.revoke",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn revoke_invitation(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    service::revoke_invitation(&txn, &principal, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Accepts an invitation and signs in to the store: signed in, into the caller's own account
/// (the invited address's); not signed in, into a new account for the invited address (409 when
/// the address already has one: sign in first). No password of an existing account is asked.
#[utoipa::path(
    post, path = "/api/v1/invitations/accept", tag = "tenancy", operation_id = "tenancy.invitation.accept",
    request_body(content = InvitationAcceptIn),
    responses(
        (status = 200, body = TokensOut),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The invitation is for another address than the signed-in account's",
            body = openapi::Problem, content_type = "application/problem+json"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 503, body = openapi::Problem, content_type = "application/problem+json"),
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
        service::accept_invitation(&state.db, &state.jwt, &input, caller, request_id).await?;
    Ok(HttpResponse::Ok().json(tokens_out(session)))
}

pub fn invitation_out(invitation: invitation::Model) -> InvitationOut {
    InvitationOut {
        id: invitation.id,
        status: service::status_of(&invitation, Utc::now()).to_owned(),
        role: service::role_of_invitation(&invitation),
        email: invitation.email,
        invited_by: invitation.invited_by,
        expires_at: invitation.expires_at,
        created_at: invitation.created_at,
    }
}
