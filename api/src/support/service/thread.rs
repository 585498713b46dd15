//! A ticket's thread: each message written once (an email's `Message-ID` at most once per
//! store), and the ticket moved with it: its count, its last message, its status, its search
//! text, its first answer.

use chrono::Utc;
use openapi::support::{TicketMessageKind, TicketStatus};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use entity::{ticket, ticket_message};

use crate::db::TenantTransaction;
use crate::pagination::{PageRequest, Paged};
use crate::support::error::SupportError;
use crate::text_search;

/// How much folded text a ticket's search keeps.
const SEARCH_LIMIT: usize = 20_000;

/// A message to add to a thread.
pub struct NewMessage {
    pub kind: TicketMessageKind,
    pub author_id: Option<Uuid>,
    pub from_address: Option<String>,
    pub body: String,
    /// `[{ "name", "content_type", "size", "url" }]`
    pub attachments: Value,
    pub message_id: Option<String>,
    pub email_id: Option<Uuid>,
}

impl NewMessage {
    pub fn from_customer(body: &str, from_address: Option<String>) -> NewMessage {
        NewMessage {
            kind: TicketMessageKind::Inbound,
            author_id: None,
            from_address,
            body: body.to_owned(),
            attachments: json!([]),
            message_id: None,
            email_id: None,
        }
    }
}

/// Where a ticket goes when a message is added: a customer's message reopens a ticket that
/// waited on them or was solved; an answer opens a new one. Notes move nothing.
fn status_after(current: TicketStatus, kind: TicketMessageKind) -> TicketStatus {
    use TicketStatus::*;
    match (kind, current) {
        (TicketMessageKind::Inbound, WaitingOnCustomer | Solved) => Open,
        (TicketMessageKind::Reply, New) => Open,
        _ => current,
    }
}

/// Sets the status, keeping when it was solved.
pub fn set_status(ticket: &mut ticket::Model, status: TicketStatus) {
    if status == ticket.status {
        return;
    }
    ticket.solved_at = match status {
        TicketStatus::Solved | TicketStatus::Closed => ticket.solved_at.or(Some(Utc::now())),
        _ => None,
    };
    ticket.status = status;
}

/// Adds the message and moves the ticket with it (to `status` when given). `None` when a
/// message with the same `Message-ID` is there already.
pub async fn append(
    conn: &TenantTransaction,
    ticket: &ticket::Model,
    message: NewMessage,
    status: Option<TicketStatus>,
) -> Result<Option<(ticket::Model, ticket_message::Model)>, SupportError> {
    let now = Utc::now();
    let row = ticket_message::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        ticket_id: ticket.id,
        kind: message.kind,
        author_id: message.author_id,
        from_address: message.from_address,
        body: message.body,
        attachments: message.attachments,
        message_id: message.message_id,
        email_id: message.email_id,
        created_at: now,
    };
    let inserted = ticket_message::Entity::insert(ticket_message::ActiveModel::from(row.clone()))
        .on_conflict(
            OnConflict::columns([
                ticket_message::Column::TenantId,
                ticket_message::Column::MessageId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    if inserted == 0 {
        return Ok(None);
    }
    let mut after = ticket.clone();
    after.messages_count += 1;
    after.last_message_at = now;
    after.updated_at = now;
    after.version += 1;
    if row.kind == TicketMessageKind::Reply && after.first_response_at.is_none() {
        after.first_response_at = Some(now);
    }
    let next = status.unwrap_or_else(|| status_after(ticket.status, row.kind));
    set_status(&mut after, next);
    if row.kind != TicketMessageKind::Note {
        after.search_text = searchable(&after.search_text, &row.body);
    }
    if !write_if_unchanged(conn, ticket, &after).await? {
        let current = super::ticket::find(conn, ticket.id).await?.version;
        return Err(SupportError::Stale {
            what: "ticket",
            current,
        });
    }
    Ok(Some((after, row)))
}

fn searchable(current: &str, body: &str) -> String {
    let mut text = format!("{current} {}", text_search::fold(body));
    if text.len() > SEARCH_LIMIT {
        let cut = (0..=SEARCH_LIMIT)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or_default();
        text.truncate(cut);
    }
    text
}

/// Writes `after` over the ticket if it is still at `before`'s version.
pub async fn write_if_unchanged(
    conn: &TenantTransaction,
    before: &ticket::Model,
    after: &ticket::Model,
) -> Result<bool, SupportError> {
    let result = conn
        .update_many::<ticket::Entity>()
        .set(ticket::ActiveModel::from(after.clone()).reset_all())
        .filter(ticket::Column::Id.eq(before.id))
        .filter(ticket::Column::Version.eq(before.version))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// A ticket's thread, oldest first.
pub async fn messages(
    conn: &TenantTransaction,
    ticket_id: Uuid,
    page: PageRequest,
) -> Result<Paged<ticket_message::Model>, SupportError> {
    let select = conn
        .find::<ticket_message::Entity>()
        .filter(ticket_message::Column::TicketId.eq(ticket_id));
    let rows = page
        .apply(select, ticket_message::Column::Id)
        .all(conn)
        .await?;
    Ok(page.finish(rows, |m| m.id))
}

/// The `Message-ID`s of a ticket's emails, oldest first (what an answer's `References`
/// carries), and the last the customer sent (what it answers).
pub async fn email_ids(
    conn: &TenantTransaction,
    ticket_id: Uuid,
) -> Result<(Vec<String>, Option<String>), SupportError> {
    let rows = conn
        .find::<ticket_message::Entity>()
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .filter(ticket_message::Column::MessageId.is_not_null())
        .all(conn)
        .await?;
    let mut rows = rows;
    rows.sort_by_key(|m| m.id);
    let last_inbound = rows
        .iter()
        .rev()
        .find(|m| m.kind == TicketMessageKind::Inbound)
        .and_then(|m| m.message_id.clone());
    let ids = rows.into_iter().filter_map(|m| m.message_id).collect();
    Ok((ids, last_inbound))
}

/// The ticket a message with one of these `Message-ID`s is on.
pub async fn ticket_of_ids(
    conn: &TenantTransaction,
    ids: &[String],
) -> Result<Option<Uuid>, SupportError> {
    if ids.is_empty() {
        return Ok(None);
    }
    let row = conn
        .find::<ticket_message::Entity>()
        .filter(ticket_message::Column::MessageId.is_in(ids.iter().cloned()))
        .one(conn)
        .await?;
    Ok(row.map(|m| m.ticket_id))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_customers_message_reopens_and_an_answer_opens() {
        use TicketMessageKind::*;
        use TicketStatus::*;
        assert_eq!(status_after(WaitingOnCustomer, Inbound), Open);
        assert_eq!(status_after(Solved, Inbound), Open);
        assert_eq!(status_after(New, Inbound), New);
        assert_eq!(status_after(New, Reply), Open);
        assert_eq!(
            status_after(WaitingOnThirdParty, Reply),
            WaitingOnThirdParty
        );
        assert_eq!(status_after(New, Note), New);
    }

    #[test]
    fn the_search_text_stays_within_its_limit() {
        let long = "palavra ".repeat(5_000);
        let text = searchable("assunto", &long);
        assert!(text.len() <= SEARCH_LIMIT);
        assert!(text.starts_with("assunto palavra"));
    }
}
