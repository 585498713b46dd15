//! `GET /me`: who is calling, in which store, with what role and permissions.

use actix_web::{HttpResponse, web};
use openapi::auth::{MeOut, MembershipOut, UserOut};

use crate::access::Principal;
use crate::db;
use crate::error::ApiError;
use crate::state::AppState;
use crate::tenancy::handlers::tenant::tenant_out;
use crate::tenancy::service::member::{WhoAmI, who_am_i};

/// Who is calling: the store, the user or API key, the role and its permissions.
#[utoipa::path(
    get, path = "/api/v1/me", tag = "auth", operation_id = "auth.me.get",
    responses(
        (status = 200, body = MeOut),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn me(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, db::Access::Read).await?;
    let who = who_am_i(&txn, &principal).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(me_out(&principal, who)))
}

fn me_out(principal: &Principal, who: WhoAmI) -> MeOut {
    MeOut {
        tenant: tenant_out(who.tenant),
        user: who.user.map(|user| UserOut {
            id: user.id,
            email: user.email,
            name: user.name,
        }),
        api_key_id: principal.user_id().is_none().then(|| principal.actor_id()),
        role: principal.role,
        permissions: principal.permissions.clone(),
        memberships: who
            .memberships
            .into_iter()
            .map(|(member, tenant)| MembershipOut {
                tenant_id: tenant.id.into_uuid(),
                tenant_name: tenant.name,
                role: member.role,
            })
            .collect(),
    }
}
