//! `/support/tickets…`: the store's tickets.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::support::{TicketIn, TicketOut, TicketPatch, TicketQuery};
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::support::service::ticket::{self as tickets, TicketView, tags_of};

pub fn ticket_out(view: TicketView) -> TicketOut {
    let t = view.ticket;
    TicketOut {
        id: t.id,
        number: t.number,
        tags: tags_of(&t),
        subject: t.subject,
        customer_id: t.customer_id,
        customer_name: view
            .customer
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        customer_email: view.customer.and_then(|c| c.email),
        order_id: t.order_id,
        order_number: view.order_number,
        return_id: t.return_id,
        invoice_id: t.invoice_id,
        channel: t.channel,
        status: t.status,
        priority: t.priority,
        assignee_id: t.assignee_id,
        team: t.team,
        locale: t.locale,
        messages_count: t.messages_count,
        version: t.version,
        created_at: t.created_at,
        updated_at: t.updated_at,
        last_message_at: t.last_message_at,
        first_response_at: t.first_response_at,
        solved_at: t.solved_at,
    }
}

fn with_etag(view: TicketView) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.ticket.version)))
        .json(ticket_out(view))
}

/// Opens a ticket for a customer: a call, a marketplace's message (email opens its own).
#[utoipa::path(
    post, path = "/api/v1/support/tickets", tag = "support",
    operation_id = "support.ticket.create",
    request_body(content = TicketIn),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = TicketOut),
        (status = 404, description = "No such customer or order",
            body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The order is not the customer's \
            (`support/not-customers-order`), or the assignee is no member (`support/not-a-member`)",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_ticket(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<TicketIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "ticket.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let view = tickets::open_by_agent(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &ticket_out(view))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// The store's tickets, newest first, filtered.
#[utoipa::path(
    get, path = "/api/v1/support/tickets", tag = "support",
    operation_id = "support.ticket.list",
    params(TicketQuery),
    responses(
        (status = 200, body = Page<TicketOut>),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_tickets(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<TicketQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let rows = tickets::list(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(Page {
        items: rows.items.into_iter().map(ticket_out).collect::<Vec<_>>(),
        next_cursor: rows.next_cursor,
    }))
}

/// One ticket.
#[utoipa::path(
    get, path = "/api/v1/support/tickets/{id}", tag = "support",
    operation_id = "support.ticket.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = TicketOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_ticket(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let ticket = tickets::find(&txn, id.into_inner()).await?;
    let view = tickets::view(&txn, ticket).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

/// Changes a ticket: status, priority, tags, assignee, team, subject, its order.
#[utoipa::path(
    patch, path = "/api/v1/support/tickets/{id}", tag = "support",
    operation_id = "support.ticket.update",
    request_body(content = TicketPatch, example = json!({
        "status": "open", "priority": "high", "tags": ["troca"]
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = TicketOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_ticket(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<TicketPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = tickets::update(&txn, &principal, id.into_inner(), &patch, expected).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}
