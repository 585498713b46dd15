//! `POST /support/inbound-email`: an email a customer sent, as an inbound-mail service
//! forwards it.

use actix_web::{HttpResponse, web};
use openapi::support::InboundOut;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::EmailBody;
use crate::state::AppState;
use crate::support::error::SupportError;
use crate::support::service::inbound::{parse::parse, receive};

const EXAMPLE: &str = "From: =?UTF-8?Q?Mar=C3=ADa_G=C3=B3mez?= <maria@example.es>\r\n\
To: soporte@tienda.example\r\n\
Subject: =?UTF-8?Q?Devoluci=C3=B3n_del_pedido_1042?=\r\n\
Message-ID: <abc123@example.es>\r\n\
Content-Type: text/plain; charset=UTF-8\r\n\
\r\n\
Quiero devolver el pedido 1042.\r\n";

/// Takes in an email (`message/rfc822`): onto the ticket it answers (its reply address,
/// `In-Reply-To`/`References`, or `[#N]` in the subject), else as a new ticket for the
/// customer who sent it (found by address or made), linked to the order it names when the
/// order is theirs. The same `Message-ID` again makes nothing (`duplicate`); auto-replies and
/// bounces make nothing (`ignored`). Always 200 once read.
#[utoipa::path(
    post, path = "/api/v1/support/inbound-email", tag = "support",
    operation_id = "support.inbound_email.receive",
    request_body(content = String, content_type = "message/rfc822", example = json!(EXAMPLE)),
    responses(
        (status = 200, body = InboundOut),
        (status = 422, description = "Not an email, or one without a sender \
            (`support/unreadable-email`)",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn receive_email(
    state: web::Data<AppState>,
    principal: Principal,
    EmailBody(raw): EmailBody,
) -> Result<HttpResponse, ApiError> {
    let email = parse(&raw).map_err(SupportError::from)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let received = receive(&txn, &principal, &state.config.jwt_secret, email).await?;
    if received.keep {
        txn.commit().await?;
    }
    Ok(HttpResponse::Ok().json(InboundOut {
        outcome: received.outcome,
        ticket_id: received.ticket_id,
        message_id: received.message_id,
    }))
}
