//! Emails customers send: read (`parse`), then threaded onto the ticket they answer (a reply
//! address's token, `In-Reply-To`/`References`, or `[#N]` in the subject from the ticket's
//! customer) or made a new ticket for the customer the sender is (found by email or made),
//! linked to the order it names when that order is theirs. A repeat of a `Message-ID` makes
//! nothing, nor does an auto-reply or a bounce.

pub mod parse;
mod reference;

use openapi::events::{Event, TicketMessaged};
use openapi::orders::CustomerIn;
use openapi::support::{
    InboundOutcome, TicketChannel, TicketMessageKind, TicketPriority, TicketStatus,
};
use serde_json::json;
use uuid::Uuid;

use entity::{customer, ticket};

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::orders::service::customer::{create_customer, customer_by_email};
use crate::orders::service::order::{find_by_number, store_locale};
use crate::outbox;
use crate::support::error::SupportError;
use crate::support::service::thread::{self, NewMessage};
use crate::support::service::{ticket as tickets, token};
use parse::Inbound;

/// What became of an email.
pub struct Received {
    pub outcome: InboundOutcome,
    pub ticket_id: Option<Uuid>,
    pub message_id: Option<Uuid>,
    /// Whether what the transaction wrote is to be committed: not a ticket opened for an
    /// email another delivery of which was kept meanwhile.
    pub keep: bool,
}

impl Received {
    fn nothing(outcome: InboundOutcome, ticket_id: Option<Uuid>) -> Received {
        Received {
            outcome,
            ticket_id,
            message_id: None,
            keep: true,
        }
    }
}

/// Takes one email into the store's desk. `secret` checks reply addresses' tokens.
pub async fn receive(
    conn: &TenantTransaction,
    principal: &Principal,
    secret: &[u8],
    email: Inbound,
) -> Result<Received, SupportError> {
    if email.automatic {
        return Ok(Received::nothing(InboundOutcome::Ignored, None));
    }
    let repeat = std::slice::from_ref(&email.message_id);
    if let Some(ticket_id) = thread::ticket_of_ids(conn, repeat).await? {
        return Ok(Received::nothing(
            InboundOutcome::Duplicate,
            Some(ticket_id),
        ));
    }
    match answered(conn, secret, &email).await? {
        Some(ticket) if ticket.status != TicketStatus::Closed => add(conn, &ticket, email).await,
        _ => create(conn, principal, email).await,
    }
}

/// The ticket the email answers, if it answers one.
async fn answered(
    conn: &TenantTransaction,
    secret: &[u8],
    email: &Inbound,
) -> Result<Option<ticket::Model>, SupportError> {
    if let Some((number, token)) = token::find(&email.recipients)
        && let Some(ticket) = tickets::by_number(conn, number).await?
        && token::verify(secret, conn.tenant(), ticket.id, &token)
    {
        return Ok(Some(ticket));
    }
    if let Some(ticket_id) = thread::ticket_of_ids(conn, &email.thread).await? {
        return Ok(Some(tickets::find(conn, ticket_id).await?));
    }
    if let Some(number) = reference::ticket_number(&email.subject)
        && let Some(ticket) = tickets::by_number(conn, number).await?
        && let Some(customer) = customer_by_email(conn, &email.from_address).await?
        && customer.id == ticket.customer_id
    {
        return Ok(Some(ticket));
    }
    Ok(None)
}

fn message_of(email: &Inbound) -> NewMessage {
    let attachments: Vec<_> = email
        .attachments
        .iter()
        .map(|a| json!({ "name": a.name, "content_type": a.content_type, "size": a.size, "url": null }))
        .collect();
    NewMessage {
        kind: TicketMessageKind::Inbound,
        author_id: None,
        from_address: Some(email.from_address.clone()),
        body: email.text.clone(),
        attachments: json!(attachments),
        message_id: Some(email.message_id.clone()),
        email_id: None,
    }
}

async fn add(
    conn: &TenantTransaction,
    ticket: &ticket::Model,
    email: Inbound,
) -> Result<Received, SupportError> {
    let Some((ticket, message)) = thread::append(conn, ticket, message_of(&email), None).await?
    else {
        return Ok(Received::nothing(
            InboundOutcome::Duplicate,
            Some(ticket.id),
        ));
    };
    let event = Event::TicketCustomerReplied(TicketMessaged {
        ticket_id: ticket.id,
        number: ticket.number,
        customer_id: ticket.customer_id,
        message_id: message.id,
    });
    outbox::emit(conn, &event).await?;
    Ok(Received {
        outcome: InboundOutcome::Added,
        ticket_id: Some(ticket.id),
        message_id: Some(message.id),
        keep: true,
    })
}

async fn create(
    conn: &TenantTransaction,
    principal: &Principal,
    email: Inbound,
) -> Result<Received, SupportError> {
    let customer = sender(conn, principal, &email).await?;
    let order_id = match reference::order_number(&email.subject, &email.text) {
        Some(number) => find_by_number(conn, number)
            .await?
            .filter(|order| order.customer_id == customer.id)
            .map(|order| order.id),
        None => None,
    };
    let subject = if email.subject.is_empty() {
        email
            .text
            .lines()
            .next()
            .unwrap_or("—")
            .chars()
            .take(80)
            .collect()
    } else {
        email.subject.clone()
    };
    let opening = tickets::Opening {
        subject: &subject,
        customer: &customer,
        channel: TicketChannel::Email,
        priority: TicketPriority::Normal,
        order_id,
        tags: &[],
        assignee_id: None,
        team: None,
        first: message_of(&email),
    };
    let Some((ticket, message)) = tickets::open(conn, principal, opening).await? else {
        return Ok(Received {
            keep: false,
            ..Received::nothing(InboundOutcome::Duplicate, None)
        });
    };
    Ok(Received {
        outcome: InboundOutcome::Created,
        ticket_id: Some(ticket.id),
        message_id: Some(message.id),
        keep: true,
    })
}

/// The customer who sent it: found by email, or made (named as they sign, in the store's
/// language).
async fn sender(
    conn: &TenantTransaction,
    principal: &Principal,
    email: &Inbound,
) -> Result<customer::Model, SupportError> {
    if let Some(customer) = customer_by_email(conn, &email.from_address).await? {
        return Ok(customer);
    }
    let name = email.from_name.clone().unwrap_or_else(|| {
        email
            .from_address
            .split('@')
            .next()
            .unwrap_or_default()
            .to_owned()
    });
    let input = CustomerIn {
        name: name.chars().take(200).collect(),
        email: Some(email.from_address.clone()),
        phone: None,
        tax_id: None,
        country: None,
        locale: None,
        marketing_consent: false,
        tags: Vec::new(),
        notes: None,
        addresses: Vec::new(),
    };
    let locale = store_locale(conn).await?;
    Ok(create_customer(conn, principal, &input, locale).await?)
}
