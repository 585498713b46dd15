//! Reading returns, and what every step writes: the move to a new state with its timeline
//! entry, audit entry and event.

use chrono::Utc;
use openapi::events::Event;
use openapi::logistics::{ReturnMoved, ReturnQuery, ReturnStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::{return_event, return_line, return_request};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::logistics::returns::error::{ReturnError, status_word};
use crate::outbox;
use crate::pagination::{PageRequest, Paged};

/// A return with its lines and timeline.
pub struct ReturnView {
    pub head: return_request::Model,
    pub lines: Vec<return_line::Model>,
    pub timeline: Vec<return_event::Model>,
}

pub async fn find_return(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<return_request::Model, ReturnError> {
    txn.find::<return_request::Entity>()
        .filter(return_request::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(ReturnError::NotFound("return"))
}

pub async fn lines_of(
    txn: &TenantTransaction,
    return_ids: Vec<Uuid>,
) -> Result<Vec<return_line::Model>, ReturnError> {
    // Sorted here: for several returns SQLite would walk the store's lines in id order.
    let mut lines = txn
        .find::<return_line::Entity>()
        .filter(return_line::Column::ReturnId.is_in(return_ids))
        .all(txn)
        .await?;
    lines.sort_by_key(|line| line.id);
    Ok(lines)
}

async fn views(
    txn: &TenantTransaction,
    heads: Vec<return_request::Model>,
) -> Result<Vec<ReturnView>, ReturnError> {
    let ids: Vec<Uuid> = heads.iter().map(|r| r.id).collect();
    let lines = lines_of(txn, ids.clone()).await?;
    let mut events = txn
        .find::<return_event::Entity>()
        .filter(return_event::Column::ReturnId.is_in(ids))
        .all(txn)
        .await?;
    events.sort_by_key(|event| event.id);
    Ok(heads
        .into_iter()
        .map(|head| ReturnView {
            lines: lines
                .iter()
                .filter(|l| l.return_id == head.id)
                .cloned()
                .collect(),
            timeline: events
                .iter()
                .filter(|e| e.return_id == head.id)
                .cloned()
                .collect(),
            head,
        })
        .collect())
}

pub async fn get_return(txn: &TenantTransaction, id: Uuid) -> Result<ReturnView, ReturnError> {
    let head = find_return(txn, id).await?;
    views(txn, vec![head])
        .await?
        .pop()
        .ok_or(ReturnError::NotFound("return"))
}

/// Returns, newest first, filtered.
pub async fn list_returns(
    txn: &TenantTransaction,
    query: &ReturnQuery,
    page: PageRequest,
) -> Result<Paged<ReturnView>, ReturnError> {
    let mut select = txn.find::<return_request::Entity>();
    if let Some(status) = query.status {
        select = select.filter(return_request::Column::Status.eq(status));
    }
    if let Some(order_id) = query.order_id {
        select = select.filter(return_request::Column::OrderId.eq(order_id));
    }
    let rows = page
        .apply(select, return_request::Column::Id)
        .all(txn)
        .await?;
    let paged = page.finish(rows, |r| r.id);
    Ok(Paged {
        items: views(txn, paged.items).await?,
        next_cursor: paged.next_cursor,
    })
}

/// The returns of an order, any state.
pub async fn returns_of_order(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Vec<return_request::Model>, ReturnError> {
    Ok(txn
        .find::<return_request::Entity>()
        .filter(return_request::Column::OrderId.eq(order_id))
        .all(txn)
        .await?)
}

/// Writes a timeline entry of the return.
pub async fn record_event(
    txn: &TenantTransaction,
    principal: &Principal,
    head: &return_request::Model,
    note: Option<&str>,
) -> Result<(), ReturnError> {
    let entry = return_event::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        return_id: head.id,
        status: head.status,
        note: note.map(str::to_owned),
        actor_id: principal.recorded_actor_id(),
        at: Utc::now(),
    };
    return_event::Entity::insert(return_event::ActiveModel::from(entry))
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// The event of a return reaching its state.
pub fn event_of(head: &return_request::Model) -> Event {
    let moved = ReturnMoved {
        return_id: head.id,
        order_id: head.order_id,
    };
    match head.status {
        ReturnStatus::Requested => Event::ReturnRequested(moved),
        ReturnStatus::Approved => Event::ReturnApproved(moved),
        ReturnStatus::Declined => Event::ReturnDeclined(moved),
        ReturnStatus::Received => Event::ReturnReceived(moved),
        ReturnStatus::Resolved => Event::ReturnResolved(moved),
    }
}

/// Moves a return from one of `from` to `after`'s state (the caller filled in what changes),
/// with its timeline entry, audit entry and event. 409 from another state; 412 when someone
/// moved it meanwhile.
/// Refuses a change made against another version than the return's (`If-Match`).
pub fn check_version(
    head: &entity::return_request::Model,
    expected: Option<i32>,
) -> Result<(), ReturnError> {
    if expected.is_some_and(|v| v != head.version) {
        return Err(ReturnError::Stale {
            what: "the return",
            current: head.version,
        });
    }
    Ok(())
}

pub async fn advance(
    txn: &TenantTransaction,
    principal: &Principal,
    before: &return_request::Model,
    from: &[ReturnStatus],
    after: return_request::Model,
    action: &'static str,
    note: Option<&str>,
) -> Result<return_request::Model, ReturnError> {
    if !from.contains(&before.status) {
        return Err(ReturnError::WrongState {
            status: before.status,
            action,
        });
    }
    let after = return_request::Model {
        version: before.version + 1,
        updated_at: Utc::now(),
        ..after
    };
    let updated = txn
        .update_many::<return_request::Entity>()
        .set(return_request::ActiveModel::from(after.clone()).reset_all())
        .filter(return_request::Column::Id.eq(before.id))
        .filter(return_request::Column::Version.eq(before.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ReturnError::Stale {
            what: "the return",
            current: before.version + 1,
        });
    }
    record_event(txn, principal, &after, note).await?;
    let change = Change {
        action: "return.move",
        entity_type: "return",
        entity_id: Some(after.id),
        before: Some(json!({ "status": status_word(before.status) })),
        after: Some(json!({ "status": status_word(after.status), "note": note })),
    };
    audit::record(txn, principal, change).await?;
    outbox::emit(txn, &event_of(&after)).await?;
    Ok(after)
}
