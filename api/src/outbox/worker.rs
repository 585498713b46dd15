//! The outbox worker: claims due events, runs their handlers, and retries failures with
//! exponential backoff and jitter until `max_attempts`, then marks the event failed (visible
//! in the email log). A row that is no event this server knows (an unknown kind, a payload that
//! does not decode) and a handler's `HandlerError::Fail` fail at once, with the reason.
//!
//! Claiming moves an event's `next_attempt_at` forward by a lease and counts the attempt, in a
//! short transaction (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so several servers never take
//! the same event; SQLite has one writer). A crash after the claim loses nothing: the lease
//! runs out and the event is claimed again. A handler that only writes does so in the same
//! transaction that marks the event done, so it happens once; sending an email happens before
//! its mark, so a crash in between sends it again, with the same `Message-ID`.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use entity::TenantId;
use rand::Rng;
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use entity::closed_sets::OutboxStatus;
use entity::outbox_delivery;
use entity::outbox_event::{self, Column};
use openapi::events::{DecodeError, Event, EventKind};

use crate::config::OutboxConfig;
use crate::db::{self, Access};
use crate::outbox;

const BATCH: u64 = 20;
/// How long a claimed event is left to its worker before another may take it.
const LEASE: Duration = Duration::from_secs(60);

/// An event as the outbox holds it: the row's facts beside the decoded event.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub id: Uuid,
    pub tenant_id: TenantId,
    /// Attempts so far, this one counted.
    pub attempts: i32,
    /// What the handler needs and the payload must not carry (an invitation's token).
    pub secret: Option<String>,
    pub event: Event,
    /// The handler it is given to now (`EventHandler::name`): whose delivery `mark_done` records.
    pub handler: &'static str,
    /// How many rules' actions led to it, and the run whose action did (`db::Cause`).
    pub depth: i32,
    pub cause_run_id: Option<Uuid>,
}

impl StoredEvent {
    /// The event of a claimed row, or why it is none this server knows.
    pub fn decode(row: &outbox_event::Model) -> Result<StoredEvent, DecodeError> {
        Ok(StoredEvent {
            id: row.id,
            tenant_id: row.tenant_id,
            attempts: row.attempts,
            secret: row.secret.clone(),
            event: Event::decode(&row.event_type, row.payload.clone())?,
            handler: "",
            depth: row.depth,
            cause_run_id: row.cause_run_id,
        })
    }
}

type Cause = Box<dyn std::error::Error + Send + Sync>;

/// Why a handler did not finish an event, and so what becomes of it.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// Another attempt may succeed (the database busy, the mail server away): retried with
    /// backoff until the last attempt.
    #[error("{0}")]
    Retry(Cause),
    /// Another attempt would fail the same way (an address that is none): failed now.
    #[error("{0}")]
    Fail(Cause),
}

impl HandlerError {
    pub fn retry(cause: impl Into<Cause>) -> HandlerError {
        HandlerError::Retry(cause.into())
    }

    pub fn fail(cause: impl Into<Cause>) -> HandlerError {
        HandlerError::Fail(cause.into())
    }
}

impl From<DbErr> for HandlerError {
    fn from(error: DbErr) -> HandlerError {
        HandlerError::retry(error)
    }
}

/// What handles some kinds of event: the module that listens registers one (mail's
/// `mail::events::MailEvents`), and the app hands them all to the worker, which knows no module.
#[async_trait::async_trait]
pub trait EventHandler: Send + Sync {
    /// Its name, unique among handlers (its module's): what its deliveries are recorded as.
    fn name(&self) -> &'static str;

    /// The event kinds it takes.
    fn kinds(&self) -> &'static [EventKind];

    /// Handles `event`; its last write transaction marks it done for this handler
    /// (`mark_done`), so what it writes and the mark commit together. An event several handlers
    /// take is given to each until each has marked it; one that failed is retried alone.
    async fn handle(
        &self,
        db: &DatabaseConnection,
        event: &StoredEvent,
    ) -> Result<(), HandlerError>;
}

pub struct Worker {
    pub db: DatabaseConnection,
    pub handlers: Vec<Arc<dyn EventHandler>>,
    pub settings: OutboxConfig,
    /// Counts the attempts that failed (`/metrics`).
    pub failures: prometheus::IntCounter,
}

impl Worker {
    /// Runs until the process ends.
    pub async fn run(self) {
        loop {
            match self.run_once().await {
                Ok(handled) if handled > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "outbox worker: cannot claim events"),
            }
            tokio::time::sleep(self.settings.poll_interval).await;
        }
    }

    /// Claims and handles one batch; how many events it took. Each store's events are handled
    /// one after another in the order claimed, the stores' side by side: a store's events never
    /// overtake each other in this worker, and one store's slow handler holds no other back.
    pub async fn run_once(&self) -> Result<usize, DbErr> {
        let claimed = claim(&self.db, BATCH).await?;
        let mut lanes: Vec<(TenantId, Vec<&outbox_event::Model>)> = Vec::new();
        for row in &claimed {
            match lanes.iter_mut().find(|(store, _)| *store == row.tenant_id) {
                Some((_, rows)) => rows.push(row),
                None => lanes.push((row.tenant_id, vec![row])),
            }
        }
        futures_util::future::join_all(lanes.iter().map(|(_, rows)| async move {
            for row in rows {
                self.take(row).await;
            }
        }))
        .await;
        Ok(claimed.len())
    }

    /// Decodes and handles one claimed event, recording a failure.
    async fn take(&self, row: &outbox_event::Model) {
        let event = match StoredEvent::decode(row) {
            Ok(event) => event,
            Err(error) => {
                // Retrying cannot teach this server a kind or a shape: failed for good.
                self.failures.inc();
                tracing::warn!(event = %row.id, kind = %row.event_type, %error, "outbox: not an event");
                let failed = HandlerError::fail(error);
                if let Err(db_error) = self.record_failure(row, &failed).await {
                    tracing::warn!(%db_error, "outbox: cannot record a failure");
                }
                return;
            }
        };
        if let Err(error) = self.handle(&event).await {
            self.failures.inc();
            let (id, kind) = (row.id, row.event_type.as_str());
            match &error {
                HandlerError::Retry(_) => {
                    tracing::info!(event = %id, kind, %error, "outbox: will retry");
                }
                HandlerError::Fail(_) => {
                    tracing::warn!(event = %id, kind, %error, "outbox: failed for good");
                }
            }
            if let Err(db_error) = self.record_failure(row, &error).await {
                tracing::warn!(%db_error, "outbox: cannot record a failure");
            }
        }
    }

    /// Gives the event to each handler that takes its kind and has not yet marked it, then
    /// marks it done. A failing handler leaves it pending (the others still run); events
    /// nothing listens to (automation and webhooks will) are done at once.
    async fn handle(&self, event: &StoredEvent) -> Result<(), HandlerError> {
        let kind = event.event.kind();
        let takers: Vec<&Arc<dyn EventHandler>> = self
            .handlers
            .iter()
            .filter(|h| h.kinds().contains(&kind))
            .collect();
        let delivered = if takers.len() > 1 || event.attempts > 1 {
            delivered_to(&self.db, event).await?
        } else {
            Vec::new()
        };
        let mut first_error = None;
        for handler in takers {
            if delivered.iter().any(|name| name == handler.name()) {
                continue;
            }
            let given = StoredEvent {
                handler: handler.name(),
                ..event.clone()
            };
            if let Err(error) = handler.handle(&self.db, &given).await {
                first_error.get_or_insert(error);
            }
        }
        if let Some(error) = first_error {
            return Err(error);
        }
        let txn = db::begin_tenant(&self.db, event.tenant_id, Access::Write).await?;
        finish(&txn, event).await?;
        Ok(txn.commit().await?)
    }

    async fn record_failure(
        &self,
        event: &outbox_event::Model,
        error: &HandlerError,
    ) -> Result<(), DbErr> {
        let txn = db::begin_tenant(&self.db, event.tenant_id, Access::Write).await?;
        let last = event.attempts >= self.settings.max_attempts;
        if last || matches!(error, HandlerError::Fail(_)) {
            outbox::fail_now(&txn, event.id, &error.to_string()).await?;
            return txn.commit().await;
        }
        let next = Utc::now() + backoff(self.settings.retry_base, event.attempts);
        let message: String = error.to_string().chars().take(1000).collect();
        outbox_event::Entity::update_many()
            .col_expr(Column::LastError, Expr::value(message))
            .col_expr(Column::Status, Expr::value(OutboxStatus::Pending))
            .col_expr(Column::NextAttemptAt, Expr::value(next))
            .filter(Column::TenantId.eq(event.tenant_id))
            .filter(Column::Id.eq(event.id))
            .exec(&txn)
            .await?;
        txn.commit().await
    }
}

/// How long to wait after the `attempts`-th failure: `base × 2^(attempts-1)`, at most an hour,
/// then a random part of it ("equal jitter"), so retries of many events spread out.
pub fn backoff(base: Duration, attempts: i32) -> chrono::Duration {
    let exponent = attempts.clamp(1, 20) as u32 - 1;
    let full = base
        .saturating_mul(2u32.saturating_pow(exponent))
        .min(Duration::from_secs(3600));
    let half = full / 2;
    let jitter = rand::rng().random_range(0..=half.as_millis() as u64);
    chrono::Duration::from_std(half + Duration::from_millis(jitter))
        .unwrap_or(chrono::Duration::hours(1))
}

/// The handlers that have marked the event.
async fn delivered_to(db: &DatabaseConnection, event: &StoredEvent) -> Result<Vec<String>, DbErr> {
    let txn = db::begin_tenant(db, event.tenant_id, Access::Read).await?;
    let names = txn
        .find::<outbox_delivery::Entity>()
        .filter(outbox_delivery::Column::Id.eq(event.id))
        .select_only()
        .column(outbox_delivery::Column::Handler)
        .into_tuple()
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(names)
}

/// Marks the event done by the handler it was given to (`StoredEvent::handler`), in the
/// handler's transaction: given again, that handler is skipped.
pub async fn mark_done(conn: &impl ConnectionTrait, event: &StoredEvent) -> Result<(), DbErr> {
    let delivery = outbox_delivery::Model {
        tenant_id: event.tenant_id,
        id: event.id,
        handler: event.handler.to_owned(),
        done_at: Utc::now(),
    };
    outbox_delivery::Entity::insert(outbox_delivery::ActiveModel::from(delivery))
        .on_conflict(
            OnConflict::columns([
                outbox_delivery::Column::TenantId,
                outbox_delivery::Column::Id,
                outbox_delivery::Column::Handler,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Marks the event done: every handler has had it. Its secret is erased.
async fn finish(conn: &impl ConnectionTrait, event: &StoredEvent) -> Result<(), DbErr> {
    outbox_event::Entity::update_many()
        .col_expr(Column::Status, Expr::value(OutboxStatus::Done))
        .col_expr(Column::ProcessedAt, Expr::value(Utc::now()))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .col_expr(Column::Secret, Expr::value(Option::<String>::None))
        .filter(Column::TenantId.eq(event.tenant_id))
        .filter(Column::Id.eq(event.id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Takes up to `limit` due events of every store: counts the attempt and leases them.
pub async fn claim(db: &DatabaseConnection, limit: u64) -> Result<Vec<outbox_event::Model>, DbErr> {
    let now = Utc::now();
    // A cheap look first, so an idle worker never takes SQLite's write lock.
    let peek = db::begin_outbox_worker(db, Access::Read).await?;
    let due = due_events(now, limit).one(&peek).await?;
    peek.commit().await?;
    if due.is_none() {
        return Ok(Vec::new());
    }
    let txn = db::begin_outbox_worker(db, Access::Write).await?;
    let events = due_events(now, limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    let ids: Vec<Uuid> = events.iter().map(|e| e.id).collect();
    if !ids.is_empty() {
        outbox_event::Entity::update_many()
            .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
            .col_expr(
                Column::NextAttemptAt,
                Expr::value(now + chrono::Duration::from_std(LEASE).unwrap_or_default()),
            )
            .filter(Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(events
        .into_iter()
        .map(|e| outbox_event::Model {
            attempts: e.attempts + 1,
            ..e
        })
        .collect())
}

fn due_events(now: chrono::DateTime<Utc>, limit: u64) -> sea_orm::Select<outbox_event::Entity> {
    outbox_event::Entity::find()
        .filter(Column::Status.eq(OutboxStatus::Pending))
        .filter(Column::NextAttemptAt.lte(now))
        .order_by_asc(Column::NextAttemptAt)
        .limit(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let base = Duration::from_secs(10);
        for attempts in 1..=4 {
            let full = 10 * 2i64.pow(attempts as u32 - 1);
            let wait = backoff(base, attempts).num_milliseconds();
            assert!(
                wait >= full * 500 && wait <= full * 1000,
                "{attempts}: {wait}"
            );
        }
        assert!(backoff(base, 30).num_seconds() <= 3600);
    }
}
