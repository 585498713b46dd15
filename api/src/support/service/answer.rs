//! An agent's answer (emailed to the customer, threaded under their last message, from the
//! store's support address, in the ticket's language) or internal note.

use openapi::mail::EmailKind;
use openapi::support::{AnswerKind, TicketMessageIn, TicketMessageKind, TicketStatus};
use serde_json::json;

use entity::{ticket, ticket_message};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::mail::sender::message_id;
use crate::mail::service::{Draft, REDACTED, Thread, prepare, write_threaded};
use crate::mail::templates;
use crate::orders::service::customer::find_customer;
use crate::support::error::SupportError;
use crate::support::service::thread::{self, NewMessage};
use crate::support::service::{settings, token};
use crate::tenancy::service::member::member_name;
use crate::tenancy::service::tenant::find_tenant;

/// What the server adds to an answer: its secret and its own address.
pub struct Sending<'a> {
    pub secret: &'a [u8],
    /// The server's From address, when the store has no support address.
    pub from_address: &'a str,
}

/// Adds the agent's answer or note to the ticket.
pub async fn answer(
    conn: &TenantTransaction,
    principal: &Principal,
    ticket: &ticket::Model,
    input: &TicketMessageIn,
    sending: &Sending<'_>,
) -> Result<(ticket::Model, ticket_message::Model), SupportError> {
    if ticket.status == TicketStatus::Closed {
        return Err(SupportError::Closed);
    }
    let attachments: Vec<_> = input
        .attachments
        .iter()
        .map(|a| json!({ "name": a.name, "content_type": null, "size": null, "url": a.url }))
        .collect();
    let mut message = NewMessage {
        kind: TicketMessageKind::Note,
        author_id: principal.user_id(),
        from_address: None,
        body: input.body.trim().to_owned(),
        attachments: json!(attachments),
        message_id: None,
        email_id: None,
    };
    if input.kind == AnswerKind::Reply {
        let (email_id, id) = email(conn, principal, ticket, &message.body, sending).await?;
        message.kind = TicketMessageKind::Reply;
        message.email_id = Some(email_id);
        message.message_id = Some(id);
    }
    let (after, row) = thread::append(conn, ticket, message, input.status)
        .await?
        .ok_or(SupportError::NotFound("ticket"))?;
    let action = match input.kind {
        AnswerKind::Reply => "ticket.reply",
        AnswerKind::Note => "ticket.note",
    };
    audit::record(
        conn,
        principal,
        Change {
            action,
            entity_type: "ticket",
            entity_id: Some(ticket.id),
            before: None,
            after: Some(json!({ "message_id": row.id, "status": after.status })),
        },
    )
    .await?;
    Ok((after, row))
}

/// What the answer's subject template needs to say `Re:` and `[#N]` once each: whether the
/// subject has them already.
fn subject_marks(ticket: &ticket::Model) -> (bool, bool) {
    let subject = ticket.subject.trim().to_lowercase();
    let tag = format!("[#{}]", ticket.number);
    (subject.starts_with("re:"), subject.contains(&tag))
}

/// Who signs an answer: the member writing it, else (an API key) the store.
pub async fn agent_name(
    conn: &TenantTransaction,
    principal: &Principal,
    store_name: &str,
) -> Result<String, SupportError> {
    let name = match principal.user_id() {
        Some(user_id) => member_name(conn, user_id).await?,
        None => None,
    };
    Ok(name.unwrap_or_else(|| store_name.to_owned()))
}

/// Writes the answer's email: the email's id and its `Message-ID`.
async fn email(
    conn: &TenantTransaction,
    principal: &Principal,
    ticket: &ticket::Model,
    body: &str,
    sending: &Sending<'_>,
) -> Result<(uuid::Uuid, String), SupportError> {
    let customer = find_customer(conn, ticket.customer_id).await?;
    let to = customer.email.clone().ok_or(SupportError::NoEmail)?;
    let store = find_tenant(conn).await?;
    let address = settings::read(conn).await?.address;
    let agent = agent_name(conn, principal, &store.name).await?;
    let context = json!({
        "store": { "name": store.name },
        "customer": { "name": customer.name },
        "ticket": { "number": ticket.number, "subject": ticket.subject.trim(),
                    "has_re": subject_marks(ticket).0, "has_number": subject_marks(ticket).1 },
        "body": body,
        "agent": agent,
    });
    let secret = token::token(sending.secret, conn.tenant(), ticket.id, ticket.number);
    let reply_to = address
        .as_deref()
        .and_then(|address| token::plus_address(address, REDACTED));
    let (references, last_inbound) = thread::email_ids(conn, ticket.id).await?;
    let draft = Draft {
        kind: EmailKind::SupportReply,
        locale: ticket.locale,
        to,
        reply_to: reply_to.clone(),
        reference: Some(("ticket".to_owned(), ticket.id)),
        secret: reply_to.is_some().then_some(secret),
    };
    let references: Vec<String> = references.into_iter().rev().take(20).rev().collect();
    let thread = Thread {
        from: address.clone(),
        in_reply_to: last_inbound,
        references: (!references.is_empty()).then(|| references.join(" ")),
    };
    // The built-in wording (a support answer's kind is never a store's template), rendered
    // within the sandbox's limits like every email.
    let outgoing = prepare(conn, draft, context).await?;
    let rendered = templates::render(&outgoing.template, &outgoing.context)
        .await
        .map_err(|e| SupportError::Template(e.to_string()))?;
    let email = write_threaded(conn, &outgoing.draft, rendered, &thread).await?;
    let from = address.as_deref().unwrap_or(sending.from_address);
    Ok((email.id, message_id(email.id, from)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::mail::templates::built_in;

    fn ticket(subject: &str) -> ticket::Model {
        ticket::Model {
            tenant_id: entity::TenantId::from_uuid(uuid::Uuid::nil()),
            id: uuid::Uuid::nil(),
            number: 12,
            subject: subject.to_owned(),
            customer_id: uuid::Uuid::nil(),
            order_id: None,
            return_id: None,
            invoice_id: None,
            channel: openapi::support::TicketChannel::Email,
            status: TicketStatus::New,
            priority: openapi::support::TicketPriority::Normal,
            tags: json!([]),
            assignee_id: None,
            team: None,
            locale: openapi::tenancy::Locale::PtBr,
            search_text: String::new(),
            messages_count: 1,
            version: 1,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
            last_message_at: chrono::Utc::now(),
            first_response_at: None,
            solved_at: None,
        }
    }

    #[tokio::test]
    async fn an_answers_subject_says_re_and_the_ticket_once() {
        for (subject, expected) in [
            ("Onde está?", "Re: Onde está? [#12]"),
            ("RE: Onde está?", "RE: Onde está? [#12]"),
            ("Re: x [#12]", "Re: x [#12]"),
        ] {
            let (has_re, has_number) = subject_marks(&ticket(subject));
            let context = json!({
                "store": { "name": "Loja" }, "customer": { "name": "Ana" },
                "ticket": { "number": 12, "subject": subject, "has_re": has_re,
                            "has_number": has_number },
                "body": "Oi", "agent": "Bruno",
            });
            let template = built_in(EmailKind::SupportReply, openapi::tenancy::Locale::PtBr);
            let rendered = templates::render(&template, &context).await;
            assert_eq!(rendered.map(|r| r.subject).ok().as_deref(), Some(expected));
        }
    }
}
