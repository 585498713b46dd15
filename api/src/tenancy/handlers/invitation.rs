//! `POST /invitations`, `GET /invitations`, `DELETE /invitations/{id}`,
//! `POST /invitations/accept`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use openapi::Page;
use openapi::auth::TokensOut;
use openapi::tenancy::{
    InvitationAcceptIn, InvitationCreatedOut, InvitationIn, InvitationOut, PageQuery,
};
use sea_orm::Order;
use uuid::Uuid;

use entity::invitation;

use crate::auth::handlers::session::tokens_out;
use crate::auth::permission::Permission;
use crate::auth::principal::{Principal, request_id_of};
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::mail::compose;
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::tenancy::service::invitation::{self as service, CreatedInvitation};

/// Invites someone by email. The token is in this response only (and in the invitation email).
#[utoipa::path(
    post, path = "/api/v1/invitations", tag = "tenancy", operation_id = "tenancy.invitation.create",
    request_body(content = InvitationIn, example = json!({
        "email": "joao.pereira@example.com.br", "role": "staff"
    })),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = InvitationCreatedOut),
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
    principal.require(Permission::MembersManage)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "invitation.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let created = service::create_invitation(&txn, &principal, &input).await?;
    let invitation = compose::Invitation {
        id: created.invitation.id,
        email: &created.invitation.email,
        role: &created.invitation.role,
        token: &created.token,
        expires_at: created.invitation.expires_at,
    };
    compose::member_invitation(
        &txn,
        principal.tenant_id,
        &invitation,
        &state.config.mail.public_url,
    )
    .await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &invitation_created_out(created))
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
    principal.require(Permission::MembersRead)?;
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let invitations = service::list_invitations(&txn, &principal, page).await?;
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
    principal.require(Permission::MembersManage)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    service::revoke_invitation(&txn, &principal, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Accepts an invitation and logs the new member in.
#[utoipa::path(
    post, path = "/api/v1/invitations/accept", tag = "tenancy", operation_id = "tenancy.invitation.accept",
    request_body(content = InvitationAcceptIn),
    responses(
        (status = 200, body = TokensOut),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    req: HttpRequest,
    ValidJson(input): ValidJson<InvitationAcceptIn>,
) -> Result<HttpResponse, ApiError> {
    let session =
        service::accept_invitation(&state.db, &state.jwt, &input, request_id_of(&req)).await?;
    Ok(HttpResponse::Ok().json(tokens_out(session)))
}

fn invitation_out(invitation: invitation::Model) -> InvitationOut {
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

fn invitation_created_out(created: CreatedInvitation) -> InvitationCreatedOut {
    InvitationCreatedOut {
        invitation: invitation_out(created.invitation),
        token: created.token,
    }
}
