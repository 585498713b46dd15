//! Canned replies: a store's ready answers per language, each checked to render before it is
//! kept, and filled in for a ticket with the same template engine and limits as emails.

use chrono::Utc;
use openapi::support::{CannedReplyIn, CannedReplyPatch, CannedReplyQuery};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use entity::{canned_reply, ticket};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::mail::templates::{self, Template};
use crate::orders::service::customer::find_customer;
use crate::orders::service::order::find_order;
use crate::pagination::{PageRequest, Paged};
use crate::support::error::SupportError;
use crate::support::service::answer::agent_name;
use crate::tenancy::service::tenant::find_tenant;

/// The body rendered with `context`, within the sandbox's limits.
async fn render(body: &str, context: &Value) -> Result<String, SupportError> {
    let template = Template {
        subject: String::new(),
        text: body.to_owned(),
        html: String::new(),
    };
    templates::render(&template, context)
        .await
        .map(|rendered| rendered.text.trim().to_owned())
        .map_err(|error| SupportError::BadTemplate(error.message))
}

/// Checks the body renders: call it before opening the transaction that keeps it.
pub async fn check(body: &str) -> Result<(), SupportError> {
    render(body, &crate::support::sample::canned_reply())
        .await
        .map(|_| ())
}

fn summary(reply: &canned_reply::Model) -> Value {
    json!({ "name": reply.name, "locale": reply.locale, "body": reply.body })
}

async fn taken(
    conn: &TenantTransaction,
    reply: &canned_reply::Model,
) -> Result<bool, SupportError> {
    let same = conn
        .find::<canned_reply::Entity>()
        .filter(canned_reply::Column::Locale.eq(reply.locale))
        .filter(canned_reply::Column::Name.eq(reply.name.as_str()))
        .filter(canned_reply::Column::Id.ne(reply.id))
        .one(conn)
        .await?;
    Ok(same.is_some())
}

pub async fn create(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &CannedReplyIn,
) -> Result<canned_reply::Model, SupportError> {
    let now = Utc::now();
    let reply = canned_reply::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        name: input.name.trim().to_owned(),
        locale: input.locale,
        body: input.body.clone(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    if taken(conn, &reply).await? {
        return Err(SupportError::CannedReplyExists);
    }
    canned_reply::Entity::insert(canned_reply::ActiveModel::from(reply.clone()))
        .exec_without_returning(conn)
        .await?;
    record(conn, principal, "canned_reply.create", None, Some(&reply)).await?;
    Ok(reply)
}

async fn record(
    conn: &TenantTransaction,
    principal: &Principal,
    action: &'static str,
    before: Option<&canned_reply::Model>,
    after: Option<&canned_reply::Model>,
) -> Result<(), SupportError> {
    let id = after.or(before).map(|r| r.id);
    let change = Change {
        action,
        entity_type: "canned_reply",
        entity_id: id,
        before: before.map(summary),
        after: after.map(summary),
    };
    Ok(audit::record(conn, principal, change).await?)
}

pub async fn find(conn: &TenantTransaction, id: Uuid) -> Result<canned_reply::Model, SupportError> {
    conn.find::<canned_reply::Entity>()
        .filter(canned_reply::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(SupportError::NotFound("canned reply"))
}

pub async fn list(
    conn: &TenantTransaction,
    query: &CannedReplyQuery,
    page: PageRequest,
) -> Result<Paged<canned_reply::Model>, SupportError> {
    let mut select = conn.find::<canned_reply::Entity>();
    if let Some(locale) = query.locale {
        select = select.filter(canned_reply::Column::Locale.eq(locale));
    }
    let rows = page
        .apply(select, canned_reply::Column::Id)
        .all(conn)
        .await?;
    Ok(page.finish(rows, |r| r.id))
}

pub async fn update(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &CannedReplyPatch,
    expected: Option<i32>,
) -> Result<canned_reply::Model, SupportError> {
    let before = find(conn, id).await?;
    if let Some(expected) = expected
        && expected != before.version
    {
        return Err(SupportError::Stale {
            what: "canned reply",
            current: before.version,
        });
    }
    let mut after = before.clone();
    if let Some(name) = &patch.name {
        after.name = name.trim().to_owned();
    }
    if let Some(body) = &patch.body {
        after.body = body.clone();
    }
    if after == before {
        return Ok(before);
    }
    if taken(conn, &after).await? {
        return Err(SupportError::CannedReplyExists);
    }
    after.version += 1;
    after.updated_at = Utc::now();
    let updated = conn
        .update_many::<canned_reply::Entity>()
        .set(canned_reply::ActiveModel::from(after.clone()).reset_all())
        .filter(canned_reply::Column::Id.eq(id))
        .filter(canned_reply::Column::Version.eq(before.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(SupportError::Stale {
            what: "canned reply",
            current: before.version + 1,
        });
    }
    record(
        conn,
        principal,
        "canned_reply.update",
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(after)
}

pub async fn delete(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    expected: Option<i32>,
) -> Result<(), SupportError> {
    let before = find(conn, id).await?;
    if let Some(expected) = expected
        && expected != before.version
    {
        return Err(SupportError::Stale {
            what: "canned reply",
            current: before.version,
        });
    }
    conn.delete_many::<canned_reply::Entity>()
        .filter(canned_reply::Column::Id.eq(id))
        .exec(conn)
        .await?;
    record(conn, principal, "canned_reply.delete", Some(&before), None).await
}

/// What a canned reply may say of the ticket: its customer, its order, the agent, the store.
pub async fn context(
    conn: &TenantTransaction,
    principal: &Principal,
    ticket: &ticket::Model,
) -> Result<Value, SupportError> {
    let customer = find_customer(conn, ticket.customer_id).await?;
    let order = match ticket.order_id {
        Some(id) => Some(find_order(conn, id).await?.number),
        None => None,
    };
    let store = find_tenant(conn).await?;
    let agent = agent_name(conn, principal, &store.name).await?;
    Ok(json!({
        "customer": { "name": customer.name, "email": customer.email },
        "ticket": { "number": ticket.number, "subject": ticket.subject },
        "order": order.map(|number| json!({ "number": number })),
        "agent": agent,
        "store": { "name": store.name },
    }))
}

/// The canned reply filled in with `context` (read by `context`, outside any transaction).
pub async fn fill(reply: &canned_reply::Model, context: &Value) -> Result<String, SupportError> {
    render(&reply.body, context).await
}
