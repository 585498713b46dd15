//! `GET /audit-events`.

use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::audit::{AuditEventOut, AuditEventQuery};
use sea_orm::Order;

use entity::audit_event;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::ValidQuery;
use crate::pagination::PageRequest;
use crate::state::AppState;

use super::service;

/// The audit log, newest first.
#[utoipa::path(
    get, path = "/api/v1/audit-events", tag = "audit", operation_id = "audit.event.list",
    params(AuditEventQuery),
    responses(
        (status = 200, body = Page<AuditEventOut>),
        (status = 401, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<AuditEventQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let events = service::list_audit_events(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(events.into_page(audit_event_out)))
}

pub fn audit_event_out(event: audit_event::Model) -> AuditEventOut {
    AuditEventOut {
        id: event.id,
        actor_type: event.actor_type.as_str().to_owned(),
        actor_id: event.actor_id,
        action: event.action,
        entity_type: event.entity_type,
        entity_id: event.entity_id,
        changes: event.changes,
        request_id: event.request_id,
        created_at: event.created_at,
    }
}
