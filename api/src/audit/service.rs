//! Writing and reading audit entries.

use crate::db::TenantTransaction;
use chrono::Utc;
use openapi::audit::AuditEventQuery;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryTrait, Statement,
};
use serde_json::{Value, json};
use uuid::Uuid;

use entity::audit_event;
use sea_orm::sea_query::{Expr, Func};

use crate::access::Principal;
use crate::batch_write::Row;
use crate::pagination::{PageRequest, Paged};

/// One change to record: what was done to which entity, with a summary of before and after.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<Uuid>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Writes the entry in the caller's transaction, so it commits (or not) with the change.
pub async fn record(
    txn: &TenantTransaction,
    principal: &Principal,
    change: Change<'_>,
) -> Result<(), DbErr> {
    record_all(txn, principal, vec![change]).await
}

/// Writes several entries in one statement, queued to go with the transaction's last writes
/// (nothing reads an entry in the transaction that wrote it): on PostgreSQL no round trip of
/// its own.
pub async fn record_all(
    txn: &TenantTransaction,
    principal: &Principal,
    changes: Vec<Change<'_>>,
) -> Result<(), DbErr> {
    txn.queue(insert_all(txn.get_database_backend(), principal, changes));
    Ok(())
}

/// The insert of several entries, to run with other writes (see `batch_write`).
pub fn insert_all(
    backend: DbBackend,
    principal: &Principal,
    changes: Vec<Change<'_>>,
) -> Option<Statement> {
    if changes.is_empty() {
        return None;
    }
    let entries = changes.into_iter().map(|change| entry(principal, change));
    Some(audit_event::Entity::insert_many(entries).build(backend))
}

/// The entry of one change, to write as a row of a larger statement.
pub fn entry(principal: &Principal, change: Change<'_>) -> audit_event::ActiveModel {
    audit_event::ActiveModel {
        tenant_id: Set(principal.tenant_id),
        id: Set(Uuid::now_v7()),
        actor_type: Set(principal.actor_type()),
        actor_id: Set(principal.recorded_actor_id()),
        action: Set(change.action.to_owned()),
        entity_type: Set(change.entity_type.to_owned()),
        entity_id: Set(change.entity_id),
        changes: Set(json!({ "before": change.before, "after": change.after })),
        request_id: Set(principal.request_id.clone()),
        created_at: Set(Utc::now()),
    }
}

/// The entry of `change` as a row to insert inside a larger statement, its `after` being
/// `after`: an SQL expression of a JSON object (see `json_object`), for what only that
/// statement knows. The change's own `after` is not used.
pub fn entry_row_with_after(
    principal: &Principal,
    change: Change<'_>,
    after: Expr,
) -> Result<Row, DbErr> {
    let before = match &change.before {
        Some(value) => Expr::val(value.clone()),
        None => Expr::cust("NULL"),
    };
    let mut row = Row::of(entry(principal, change))?;
    // The same object as `entry` writes: `{"before": …, "after": …}`.
    row.set_expr(
        audit_event::Column::Changes,
        json_object([("before", before), ("after", after)]),
    )?;
    Ok(row)
}

/// The entry of `change` as a row to insert inside a larger statement, its whole `changes`
/// object made by `fill` from the JSON `entry` would write (a number the statement takes).
pub fn entry_row_filled(
    principal: &Principal,
    change: Change<'_>,
    fill: impl FnOnce(Value) -> Expr,
) -> Result<Row, DbErr> {
    let entry = entry(principal, change);
    let changes = entry.changes.clone().take().unwrap_or_default();
    let mut row = Row::of(entry)?;
    row.set_expr(audit_event::Column::Changes, fill(changes))?;
    Ok(row)
}

/// `json_build_object(key, value, …)`: a JSON object built in SQL (PostgreSQL).
pub fn json_object<const N: usize>(pairs: [(&str, Expr); N]) -> Expr {
    let mut args = Vec::with_capacity(2 * N);
    for (key, value) in pairs {
        args.push(Expr::val(key));
        args.push(value);
    }
    Func::cust("json_build_object").args(args).into()
}

/// The tenant's entries, newest first, filtered.
pub async fn list_audit_events(
    txn: &TenantTransaction,
    query: &AuditEventQuery,
    page: PageRequest,
) -> Result<Paged<audit_event::Model>, DbErr> {
    use audit_event::Column;
    let mut select = audit_event::Entity::find_in(txn.tenant());
    if let Some(entity_type) = &query.entity_type {
        select = select.filter(Column::EntityType.eq(entity_type.as_str()));
    }
    if let Some(entity_id) = query.entity_id {
        select = select.filter(Column::EntityId.eq(entity_id));
    }
    if let Some(actor_id) = query.actor_id {
        select = select.filter(Column::ActorId.eq(actor_id));
    }
    if let Some(action) = &query.action {
        select = select.filter(Column::Action.eq(action.as_str()));
    }
    if let Some(since) = query.since {
        select = select.filter(Column::CreatedAt.gte(since));
    }
    if let Some(until) = query.until {
        select = select.filter(Column::CreatedAt.lt(until));
    }
    let rows = page.apply(select, Column::Id).all(txn).await?;
    Ok(page.finish(rows, |row| row.id))
}
