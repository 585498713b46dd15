//! The outbox: events written in the transaction that caused them (DESIGN.md §6), and the
//! worker that handles them after commit, with retries. Every event is an `openapi::events::Event`,
//! written only through `emit` and its variants.

pub mod worker;

use crate::db::TenantTransaction;
use chrono::Utc;
use entity::TenantId;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryTrait, Statement};
use uuid::Uuid;

use entity::closed_sets::OutboxStatus;
use entity::outbox_event;
use openapi::events::Event;

/// Writes `event` to the outbox in the caller's transaction, queued to go with its last
/// writes: only the worker reads it, after commit. (`emit_with_id` writes at once: an email's
/// row refers to its event.)
pub async fn emit(conn: &TenantTransaction, event: &Event) -> Result<(), DbErr> {
    let row = caused(pending(conn.tenant(), Uuid::now_v7(), event)?, conn);
    let insert = outbox_event::Entity::insert(row).build(conn.get_database_backend());
    conn.queue([insert]);
    Ok(())
}

/// Like `emit`, with the event's id chosen by the caller (an email is its send event's id) and
/// the secret its handler needs, if any (see `emit_with_secret`).
pub async fn emit_with_id(
    conn: &TenantTransaction,
    id: Uuid,
    event: &Event,
    secret: Option<&str>,
) -> Result<(), DbErr> {
    let tenant_id = conn.tenant();
    let mut row = caused(pending(tenant_id, id, event)?, conn);
    row.secret = sea_orm::ActiveValue::Set(secret.map(str::to_owned));
    outbox_event::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Marks an event failed for good, with the reason, and erases its secret: after its last
/// attempt, or at once when retrying would fail the same way (an email whose template could
/// not be rendered, a row that is no event this server knows).
pub async fn fail_now(conn: &TenantTransaction, id: Uuid, reason: &str) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, QueryFilter};
    conn.update_many::<outbox_event::Entity>()
        .col_expr(
            outbox_event::Column::Status,
            Expr::value(OutboxStatus::Failed),
        )
        .col_expr(
            outbox_event::Column::LastError,
            Expr::value(reason.chars().take(1000).collect::<String>()),
        )
        .col_expr(
            outbox_event::Column::NextAttemptAt,
            Expr::value(None::<chrono::DateTime<Utc>>),
        )
        .col_expr(outbox_event::Column::Secret, Expr::value(None::<String>))
        .filter(outbox_event::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Like `emit`, with a secret the event's handler needs (an invitation's token), kept in the
/// outbox's `secret` column (never in the payload, which webhooks will carry) and erased once
/// the event is done or failed.
pub async fn emit_with_secret(
    conn: &TenantTransaction,
    event: &Event,
    secret: &str,
) -> Result<(), DbErr> {
    emit_with_id(conn, Uuid::now_v7(), event, Some(secret)).await
}

/// The insert of several events, to run with other writes (see `batch_write`).
pub fn emit_all(
    backend: DbBackend,
    tenant_id: TenantId,
    events: &[Event],
) -> Result<Option<Statement>, DbErr> {
    if events.is_empty() {
        return Ok(None);
    }
    let rows = events
        .iter()
        .map(|event| pending(tenant_id, Uuid::now_v7(), event))
        .collect::<Result<Vec<_>, DbErr>>()?;
    Ok(Some(outbox_event::Entity::insert_many(rows).build(backend)))
}

/// The row with what caused it, when a rule's action writes it (`TenantTransaction::cause`).
fn caused(
    mut row: outbox_event::ActiveModel,
    conn: &TenantTransaction,
) -> outbox_event::ActiveModel {
    if let Some(cause) = conn.cause() {
        row.depth = sea_orm::ActiveValue::Set(cause.depth);
        row.cause_run_id = sea_orm::ActiveValue::Set(Some(cause.run_id));
    }
    row
}

/// The row of `event`: its kind's name in `event_type`, its payload in `payload`.
fn pending(
    tenant_id: TenantId,
    id: Uuid,
    event: &Event,
) -> Result<outbox_event::ActiveModel, DbErr> {
    let payload = event
        .payload()
        .map_err(|error| DbErr::Json(error.to_string()))?;
    Ok(outbox_event::ActiveModel::from(outbox_event::Model {
        tenant_id,
        id,
        event_type: event.kind().name().to_owned(),
        payload,
        status: OutboxStatus::Pending,
        attempts: 0,
        next_attempt_at: Some(Utc::now()),
        last_error: None,
        created_at: Utc::now(),
        processed_at: None,
        secret: None,
        depth: 0,
        cause_run_id: None,
    }))
}

/// What the outbox has yet to do, over every store: for `/health/ready` and `/metrics`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Backlog {
    /// Events waiting for their first or next attempt.
    pub pending: u64,
    /// Events that failed for good.
    pub failed: u64,
    /// When the oldest pending event became due.
    pub oldest_due_at: Option<chrono::DateTime<Utc>>,
}

/// Counts the outbox's backlog in the worker's scope (every store's outbox rows, nothing else).
pub async fn backlog(db: &sea_orm::DatabaseConnection) -> Result<Backlog, DbErr> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};

    let txn = crate::db::begin_outbox_worker(db, crate::db::Access::Read).await?;
    let pending = count_with_status(&txn, OutboxStatus::Pending).await?;
    let failed = count_with_status(&txn, OutboxStatus::Failed).await?;
    let oldest = Query::select()
        .expr_as(
            Expr::col(outbox_event::Column::NextAttemptAt).min(),
            Alias::new("oldest"),
        )
        .from(outbox_event::Entity)
        .and_where(Expr::col(outbox_event::Column::Status).eq(OutboxStatus::Pending))
        .to_owned();
    let oldest_due_at = match txn.query_one(&oldest).await? {
        Some(row) => row.try_get::<Option<chrono::DateTime<Utc>>>("", "oldest")?,
        None => None,
    };
    txn.commit().await?;
    Ok(Backlog {
        pending,
        failed,
        oldest_due_at,
    })
}

async fn count_with_status(
    conn: &impl ConnectionTrait,
    status: OutboxStatus,
) -> Result<u64, DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};

    let query = Query::select()
        .expr(Expr::col(outbox_event::Column::Id).count())
        .from(outbox_event::Entity)
        .and_where(Expr::col(outbox_event::Column::Status).eq(status))
        .to_owned();
    let count: i64 = match conn.query_one(&query).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(u64::try_from(count).unwrap_or(0))
}
