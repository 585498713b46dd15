//! Tickets: opened by an agent or by an email, found, listed and changed.

use chrono::Utc;
use openapi::events::{Event, TicketMessaged};
use openapi::support::{
    TicketChannel, TicketIn, TicketPatch, TicketPriority, TicketQuery, TicketStatus,
};
use sea_orm::sea_query::{Alias, ExprTrait, LikeExpr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::{customer, ticket, ticket_message};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::numbering::next_number;
use crate::orders::service::customer::{customers_by_id, find_customer};
use crate::orders::service::order::{find_order, order_numbers};
use crate::outbox;
use crate::pagination::{PageRequest, Paged};
use crate::support::error::SupportError;
use crate::support::service::thread::{self, NewMessage};
use crate::tenancy::service::member::member_email;
use crate::text_search;

/// A ticket with what its answer shows of its customer and order.
pub struct TicketView {
    pub ticket: ticket::Model,
    pub customer: Option<customer::Model>,
    pub order_number: Option<i64>,
}

/// What a new ticket is made of, however it came in.
pub struct Opening<'a> {
    pub subject: &'a str,
    pub customer: &'a customer::Model,
    pub channel: TicketChannel,
    pub priority: TicketPriority,
    pub order_id: Option<Uuid>,
    pub tags: &'a [String],
    pub assignee_id: Option<Uuid>,
    pub team: Option<&'a str>,
    pub first: NewMessage,
}

/// An agent opens a ticket for a customer (a call, a marketplace's message).
pub async fn open_by_agent(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &TicketIn,
) -> Result<TicketView, SupportError> {
    let customer = find_customer(conn, input.customer_id).await?;
    if let Some(order_id) = input.order_id {
        check_order(conn, &customer, order_id).await?;
    }
    if let Some(assignee_id) = input.assignee_id {
        check_member(conn, assignee_id).await?;
    }
    let opening = Opening {
        subject: input.subject.trim(),
        customer: &customer,
        channel: input.channel,
        priority: input.priority.unwrap_or(TicketPriority::Normal),
        order_id: input.order_id,
        tags: &input.tags,
        assignee_id: input.assignee_id,
        team: input.team.as_deref(),
        first: NewMessage::from_customer(input.body.trim(), customer.email.clone()),
    };
    let (ticket, _) = open(conn, principal, opening)
        .await?
        .ok_or(SupportError::NotFound("ticket"))?;
    view(conn, ticket).await
}

/// Writes a ticket and its first message, audited, with `ticket.created`; `None` (the
/// transaction then to be rolled back) when a message of the same `Message-ID` was kept
/// meanwhile.
pub async fn open(
    conn: &TenantTransaction,
    principal: &Principal,
    opening: Opening<'_>,
) -> Result<Option<(ticket::Model, ticket_message::Model)>, SupportError> {
    let now = Utc::now();
    let customer = opening.customer;
    let mut ticket = ticket::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        number: next_number(conn, "tickets").await?,
        subject: opening.subject.chars().take(200).collect(),
        customer_id: customer.id,
        order_id: opening.order_id,
        return_id: None,
        invoice_id: None,
        channel: opening.channel,
        status: TicketStatus::New,
        priority: opening.priority,
        tags: json!(opening.tags),
        assignee_id: opening.assignee_id,
        team: opening.team.map(str::to_owned),
        locale: customer.locale,
        search_text: String::new(),
        messages_count: 0,
        version: 1,
        created_at: now,
        updated_at: now,
        last_message_at: now,
        first_response_at: None,
        solved_at: None,
    };
    ticket.search_text = text_search::search_text(
        [ticket.subject.as_str(), customer.name.as_str()]
            .into_iter()
            .chain(customer.email.as_deref()),
    );
    ticket::Entity::insert(ticket::ActiveModel::from(ticket.clone()))
        .exec_without_returning(conn)
        .await?;
    let Some((ticket, message)) = thread::append(conn, &ticket, opening.first, None).await? else {
        return Ok(None);
    };
    audit::record(
        conn,
        principal,
        Change {
            action: "ticket.create",
            entity_type: "ticket",
            entity_id: Some(ticket.id),
            before: None,
            after: Some(summary(&ticket)),
        },
    )
    .await?;
    let event = Event::TicketCreated(TicketMessaged {
        ticket_id: ticket.id,
        number: ticket.number,
        customer_id: ticket.customer_id,
        message_id: message.id,
    });
    outbox::emit(conn, &event).await?;
    Ok(Some((ticket, message)))
}

pub fn summary(ticket: &ticket::Model) -> serde_json::Value {
    json!({
        "number": ticket.number,
        "subject": ticket.subject,
        "status": ticket.status,
        "priority": ticket.priority,
        "assignee_id": ticket.assignee_id,
        "team": ticket.team,
        "tags": ticket.tags,
        "order_id": ticket.order_id,
    })
}

pub fn tags_of(ticket: &ticket::Model) -> Vec<String> {
    serde_json::from_value(ticket.tags.clone()).unwrap_or_default()
}

async fn check_order(
    conn: &TenantTransaction,
    customer: &customer::Model,
    order_id: Uuid,
) -> Result<(), SupportError> {
    let order = find_order(conn, order_id).await?;
    if order.customer_id != customer.id {
        return Err(SupportError::NotCustomersOrder);
    }
    Ok(())
}

async fn check_member(conn: &TenantTransaction, user_id: Uuid) -> Result<(), SupportError> {
    match member_email(conn, user_id).await? {
        Some(_) => Ok(()),
        None => Err(SupportError::NotAMember(user_id)),
    }
}

pub async fn find(conn: &TenantTransaction, id: Uuid) -> Result<ticket::Model, SupportError> {
    conn.find::<ticket::Entity>()
        .filter(ticket::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(SupportError::NotFound("ticket"))
}

pub async fn by_number(
    conn: &TenantTransaction,
    number: i64,
) -> Result<Option<ticket::Model>, SupportError> {
    Ok(conn
        .find::<ticket::Entity>()
        .filter(ticket::Column::Number.eq(number))
        .one(conn)
        .await?)
}

pub async fn view(
    conn: &TenantTransaction,
    ticket: ticket::Model,
) -> Result<TicketView, SupportError> {
    let mut views = views(conn, vec![ticket]).await?;
    views.pop().ok_or(SupportError::NotFound("ticket"))
}

async fn views(
    conn: &TenantTransaction,
    tickets: Vec<ticket::Model>,
) -> Result<Vec<TicketView>, SupportError> {
    let customers = customers_by_id(conn, tickets.iter().map(|t| t.customer_id)).await?;
    let numbers = order_numbers(conn, tickets.iter().filter_map(|t| t.order_id)).await?;
    Ok(tickets
        .into_iter()
        .map(|ticket| TicketView {
            customer: customers.get(&ticket.customer_id).cloned(),
            order_number: ticket.order_id.and_then(|id| numbers.get(&id).copied()),
            ticket,
        })
        .collect())
}

/// The store's tickets, newest first.
pub async fn list(
    conn: &TenantTransaction,
    query: &TicketQuery,
    page: PageRequest,
) -> Result<Paged<TicketView>, SupportError> {
    use ticket::Column;
    let mut select = conn.find::<ticket::Entity>();
    if let Some(status) = query.status {
        select = select.filter(Column::Status.eq(status));
    }
    if let Some(priority) = query.priority {
        select = select.filter(Column::Priority.eq(priority));
    }
    if let Some(assignee_id) = query.assignee_id {
        select = select.filter(Column::AssigneeId.eq(assignee_id));
    }
    if query.unassigned == Some(true) {
        select = select.filter(Column::AssigneeId.is_null());
    }
    if let Some(team) = &query.team {
        select = select.filter(Column::Team.eq(team.as_str()));
    }
    if let Some(customer_id) = query.customer_id {
        select = select.filter(Column::CustomerId.eq(customer_id));
    }
    if let Some(tag) = &query.tag {
        let quoted = serde_json::to_string(tag).unwrap_or_default();
        let escaped = quoted
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
        select = select.filter(
            sea_orm::sea_query::Expr::col(Column::Tags)
                .cast_as(Alias::new("text"))
                .like(pattern),
        );
    }
    if let Some(q) = &query.q {
        select = select.filter(text_search::matches(Column::SearchText, q));
    }
    let rows = page.apply(select, Column::Id).all(conn).await?;
    let paged = page.finish(rows, |t| t.id);
    Ok(Paged {
        items: views(conn, paged.items).await?,
        next_cursor: paged.next_cursor,
    })
}

/// Changes what the patch gives, at the version the agent read.
pub async fn update(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &TicketPatch,
    expected: Option<i32>,
) -> Result<TicketView, SupportError> {
    let before = find(conn, id).await?;
    if let Some(expected) = expected
        && expected != before.version
    {
        return Err(SupportError::Stale {
            what: "ticket",
            current: before.version,
        });
    }
    let mut after = before.clone();
    if let Some(order_id) = patch.order_id {
        let customer = find_customer(conn, before.customer_id).await?;
        check_order(conn, &customer, order_id).await?;
        after.order_id = Some(order_id);
    }
    if let Some(assignee_id) = patch.assignee_id {
        check_member(conn, assignee_id).await?;
        after.assignee_id = Some(assignee_id);
    } else if patch.unassign == Some(true) {
        after.assignee_id = None;
    }
    if let Some(subject) = &patch.subject {
        after.subject = subject.trim().to_owned();
    }
    if let Some(priority) = patch.priority {
        after.priority = priority;
    }
    if let Some(tags) = &patch.tags {
        after.tags = json!(tags);
    }
    if let Some(team) = &patch.team {
        after.team = Some(team.trim().to_owned());
    }
    if let Some(status) = patch.status {
        thread::set_status(&mut after, status);
    }
    if after == before {
        return view(conn, before).await;
    }
    after.version = before.version + 1;
    after.updated_at = Utc::now();
    let written = thread::write_if_unchanged(conn, &before, &after).await?;
    if !written {
        let current = find(conn, id).await?.version;
        return Err(SupportError::Stale {
            what: "ticket",
            current,
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "ticket.update",
            entity_type: "ticket",
            entity_id: Some(id),
            before: Some(summary(&before)),
            after: Some(summary(&after)),
        },
    )
    .await?;
    view(conn, after).await
}
