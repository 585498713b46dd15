//! `GET /members`, `PATCH /members/{id}`, `DELETE /members/{id}`.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::tenancy::{MemberOut, MemberPatch, PageQuery};
use sea_orm::Order;
use uuid::Uuid;

use entity::{member, user};

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::tenancy::service::member as service;

/// The store's members, oldest first.
#[utoipa::path(
    get, path = "/api/v1/members", tag = "tenancy", operation_id = "tenancy.member.list",
    params(PageQuery),
    responses(
        (status = 200, body = Page<MemberOut>),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_members(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let members = service::list_members(&txn, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(members.into_page(member_out)))
}

/// Changes a member's role. Only an owner grants or takes the owner role; the last owner
/// stays an owner (409). The API keys the member made lose every scope the new role lacks (a
/// key left with none is revoked).
#[utoipa::path(
    patch, path = "/api/v1/members/{id}", tag = "tenancy", operation_id = "tenancy.member.update",
    request_body(content = MemberPatch, example = json!({ "role": "manager" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = MemberOut, headers(("ETag" = String))),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn change_member_role(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<MemberPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let changed =
        service::change_member_role(&txn, &principal, id.into_inner(), patch.role, expected)
            .await?;
    txn.commit().await?;
    state
        .roles
        .forget(&(principal.tenant_id, changed.0.user_id));
    state.keys.forget_store(principal.tenant_id);
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(changed.0.version)))
        .json(member_out(changed)))
}

/// Removes a member from the store, ends their sessions in it and revokes the API keys they
/// made.
#[utoipa::path(
    delete, path = "/api/v1/members/{id}", tag = "tenancy", operation_id = "tenancy.member.remove",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn remove_member(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let removed_user = service::remove_member(&txn, &principal, id.into_inner()).await?;
    txn.commit().await?;
    state.roles.forget(&(principal.tenant_id, removed_user));
    state.keys.forget_store(principal.tenant_id);
    Ok(HttpResponse::NoContent().finish())
}

fn member_out((member, user): (member::Model, user::Model)) -> MemberOut {
    MemberOut {
        id: member.id,
        user_id: user.id,
        email: user.email,
        name: user.name,
        role: member.role,
        version: member.version,
        created_at: member.created_at,
    }
}
