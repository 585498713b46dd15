//! The outbox: events written in the transaction that caused them (DESIGN.md §6), and the
//! worker that handles them after commit, with retries.

pub mod worker;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryTrait, Statement};
use serde_json::Value;
use uuid::Uuid;

use entity::outbox_event;

pub async fn emit(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    event_type: &str,
    payload: Value,
) -> Result<(), DbErr> {
    emit_with_id(conn, tenant_id, Uuid::now_v7(), event_type, payload).await
}

/// Like `emit`, with the event's id chosen by the caller (an email is its send event's id).
pub async fn emit_with_id(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    event_type: &str,
    payload: Value,
) -> Result<(), DbErr> {
    outbox_event::Entity::insert(pending(tenant_id, id, event_type, payload))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// The insert of several events, to run with other writes (see `batch_write`).
pub fn emit_all(
    backend: DbBackend,
    tenant_id: Uuid,
    events: Vec<(&str, Value)>,
) -> Option<Statement> {
    if events.is_empty() {
        return None;
    }
    let rows = events
        .into_iter()
        .map(|(event_type, payload)| pending(tenant_id, Uuid::now_v7(), event_type, payload));
    Some(outbox_event::Entity::insert_many(rows).build(backend))
}

fn pending(
    tenant_id: Uuid,
    id: Uuid,
    event_type: &str,
    payload: Value,
) -> outbox_event::ActiveModel {
    outbox_event::ActiveModel::from(outbox_event::Model {
        tenant_id,
        id,
        event_type: event_type.to_owned(),
        payload,
        status: "pending".to_owned(),
        attempts: 0,
        next_attempt_at: Some(Utc::now()),
        last_error: None,
        created_at: Utc::now(),
        processed_at: None,
    })
}
