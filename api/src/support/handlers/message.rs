//! `/support/tickets/{id}/messages`: a ticket's thread, and an agent's answer or note.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::support::{AttachmentOut, TicketMessageIn, TicketMessageOut, TicketMessageQuery};
use sea_orm::Order;
use uuid::Uuid;

use entity::ticket_message;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::support::service::answer::{Sending, answer};
use crate::support::service::{thread, ticket as tickets};

pub fn message_out(m: ticket_message::Model) -> TicketMessageOut {
    TicketMessageOut {
        id: m.id,
        ticket_id: m.ticket_id,
        kind: m.kind,
        author_id: m.author_id,
        from: m.from_address,
        body: m.body,
        attachments: serde_json::from_value::<Vec<AttachmentOut>>(m.attachments)
            .unwrap_or_default(),
        email_id: m.email_id,
        created_at: m.created_at,
    }
}

/// A ticket's thread, oldest first: the customer's messages, the answers and the notes.
#[utoipa::path(
    get, path = "/api/v1/support/tickets/{id}/messages", tag = "support",
    operation_id = "support.ticket_message.list",
    params(("id" = Uuid, Path), TicketMessageQuery),
    responses(
        (status = 200, body = Page<TicketMessageOut>),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_messages(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<TicketMessageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let ticket = tickets::find(&txn, id.into_inner()).await?;
    let rows = thread::messages(&txn, ticket.id, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(Page {
        items: rows.items.into_iter().map(message_out).collect::<Vec<_>>(),
        next_cursor: rows.next_cursor,
    }))
}

/// Answers the customer (emailed in the ticket's language, threaded under their last
/// message, from the store's support address) or writes a note for the team; either may move
/// the ticket to `status`.
#[utoipa::path(
    post, path = "/api/v1/support/tickets/{id}/messages", tag = "support",
    operation_id = "support.ticket_message.create",
    request_body(content = TicketMessageIn, example = json!({
        "kind": "reply",
        "body": "Olá, Ana! Seu pedido saiu ontem; o código de rastreio é AA123456789BR.",
        "status": "waiting_on_customer"
    })),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = TicketMessageOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The ticket is closed (`support/ticket-closed`), or its \
            customer has no email to answer to (`support/no-email`)",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_message(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<TicketMessageIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "ticket.message", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let ticket = tickets::find(&txn, id.into_inner()).await?;
    let sending = Sending {
        secret: &state.config.jwt_secret,
        from_address: &state.config.mail.from_address,
    };
    let (_, message) = answer(&txn, &principal, &ticket, &input, &sending).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &message_out(message))
        .await?;
    txn.commit().await?;
    Ok(response)
}
