//! The delivery loop: takes due deliveries of every store (a lease keeps another server off
//! them) as slots free up, a few of each store's at a time (`flight`), sends each in its own
//! task (`attempt`) with no transaction open, and records what came of it: the attempt in the
//! log, the delivery done, due again later (`backoff`), or failed for good, which switches its
//! endpoint off until staff switch it on.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use openapi::automation::{DeliveryStatus, DisabledReason, WebhookDisabled};
use openapi::events::Event;
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend,
    DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use serde_json::json;
use uuid::Uuid;

use entity::TenantId;
use entity::{
    webhook_attempt as attempt, webhook_delivery as delivery, webhook_endpoint as endpoint,
};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::automation::error::AutomationError;
use crate::automation::service::attempt::{self as attempt_log, Outcome, Poster};
use crate::automation::service::backoff;
use crate::automation::service::flight::{Flight, PER_STORE, fair_share};
use crate::db::{self, Access, TenantTransaction};
use crate::outbox;

/// How many due deliveries a pass looks at (at most `PER_STORE` of each store's) to choose
/// among stores (`flight`).
const SCAN: u64 = 50;
/// How long a taken delivery is left to its taker before another may take it: longer than a
/// batch's attempts can take (each at most a 5 s lookup and a 10 s request).
pub const LEASE: Duration = Duration::from_secs(300);
/// How long a delivery to an endpoint that is switched off waits before it is looked at again
/// (switching the endpoint on makes its deliveries due at once). Longer than `LEASE`, which
/// tells a parked delivery from one being sent (`endpoint::resume`).
pub const PARKED: Duration = Duration::from_secs(3_600);

pub struct Sender {
    pub db: DatabaseConnection,
    pub poster: Poster,
    pub poll: Duration,
    /// The first wait before a failed delivery is sent again (`backoff`).
    pub backoff: Duration,
}

impl Sender {
    /// Runs until the process ends.
    pub async fn run(self) {
        let (sender, flight) = (Arc::new(self), Arc::new(Flight::default()));
        loop {
            // Every slot taken: the next pass is when one frees, not after a poll.
            if flight.free() == 0 {
                flight.slot_freed().await;
                continue;
            }
            match sender.launch(&flight).await {
                Ok(sent) if sent > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "webhooks: cannot take deliveries"),
            }
            tokio::time::sleep(sender.poll).await;
        }
    }

    /// Takes as many due deliveries as may take off now and sends each in its own task; how
    /// many it took.
    async fn launch(self: &Arc<Self>, flight: &Arc<Flight>) -> Result<usize, DbErr> {
        let free = flight.free();
        if free == 0 {
            return Ok(0);
        }
        let taken = self.take(free, &flight.per_store()).await?;
        let count = taken.len();
        for lease in taken {
            // Only this loop boards, so the slots counted free are still free.
            let Some(boarding) = flight.board(lease.tenant_id) else {
                break;
            };
            let sender = self.clone();
            tokio::spawn(async move {
                if let Err(error) = sender.deliver(&lease).await {
                    tracing::warn!(delivery = %lease.id, %error, "webhooks: a delivery was not recorded");
                }
                drop(boarding);
            });
        }
        Ok(count)
    }

    /// Takes due deliveries of every store, leasing them: a taken row's next attempt becomes
    /// the lease's end, which is also the taker's token (a row whose time moved on was taken
    /// again, or made due by staff, and is left to whoever has it now).
    async fn take(
        &self,
        free: usize,
        in_flight: &HashMap<TenantId, usize>,
    ) -> Result<Vec<Lease>, DbErr> {
        let now = Utc::now();
        // A cheap look first, so an idle loop never takes SQLite's write lock.
        let peek = db::begin_outbox_worker(&self.db, Access::Read).await?;
        let any = candidates(&peek, now).await?;
        peek.commit().await?;
        if any.is_empty() {
            return Ok(Vec::new());
        }
        let txn = db::begin_outbox_worker(&self.db, Access::Write).await?;
        let chosen = candidates(&txn, now).await?;
        let rows = delivery::Entity::find()
            .filter(delivery::Column::Id.is_in(chosen))
            .filter(delivery::Column::Status.eq(DeliveryStatus::Pending))
            .filter(delivery::Column::NextAttemptAt.lte(now))
            .order_by_asc(delivery::Column::NextAttemptAt)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .all(&txn)
            .await?;
        let due = rows.into_iter().map(|row| (row.tenant_id, row)).collect();
        let rows: Vec<delivery::Model> = fair_share(due, free, in_flight)
            .into_iter()
            .map(|(_, row)| row)
            .collect();
        let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
        let until = (now + chrono::Duration::from_std(LEASE).unwrap_or_default()).trunc_subsecs(6);
        if !ids.is_empty() {
            delivery::Entity::update_many()
                .col_expr(delivery::Column::NextAttemptAt, Expr::value(until))
                .filter(delivery::Column::Id.is_in(ids))
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(rows
            .into_iter()
            .map(|row| Lease {
                tenant_id: row.tenant_id,
                id: row.id,
                until,
            })
            .collect())
    }

    async fn deliver(&self, lease: &Lease) -> Result<(), AutomationError> {
        let txn = db::begin_tenant(&self.db, lease.tenant_id, Access::Read).await?;
        let Some(row) = txn
            .find::<delivery::Entity>()
            .filter(delivery::Column::Id.eq(lease.id))
            .one(&txn)
            .await?
            .filter(|row| lease.holds(row))
        else {
            return Ok(());
        };
        let target = crate::automation::service::endpoint::find(&txn, row.endpoint_id).await?;
        txn.commit().await?;
        if !target.enabled {
            return self.park(lease, row).await;
        }
        let outcome = self.poster.post(&target, &row).await;
        self.record(lease, row, target, outcome).await
    }

    /// Leaves a delivery to a switched-off endpoint for later.
    async fn park(&self, lease: &Lease, row: delivery::Model) -> Result<(), AutomationError> {
        let txn = db::begin_tenant(&self.db, lease.tenant_id, Access::Write).await?;
        let later = Utc::now() + chrono::Duration::from_std(PARKED).unwrap_or_default();
        let parked = delivery::Model {
            next_attempt_at: Some(later.trunc_subsecs(6)),
            ..row
        };
        lease.write(&txn, parked).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Logs the attempt and moves the delivery on (done, due again, or failed, which switches
    /// its endpoint off), if the lease is still this taker's.
    async fn record(
        &self,
        lease: &Lease,
        row: delivery::Model,
        target: endpoint::Model,
        outcome: Outcome,
    ) -> Result<(), AutomationError> {
        let tenant_id = lease.tenant_id;
        let txn = db::begin_tenant(&self.db, tenant_id, Access::Write).await?;
        let now = Utc::now().trunc_subsecs(6);
        let logged = attempt_log::logged(&row, &outcome, now);
        attempt::Entity::insert(attempt::ActiveModel::from(logged))
            .exec_without_returning(&txn)
            .await?;
        let after = self.next_state(row, &outcome, now);
        if lease.write(&txn, after.clone()).await? && after.status == DeliveryStatus::Failed {
            switch_off(&txn, &target, &after).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// The delivery after `outcome`: done, due again after its backoff, or failed.
    fn next_state(
        &self,
        row: delivery::Model,
        outcome: &Outcome,
        now: chrono::DateTime<Utc>,
    ) -> delivery::Model {
        let attempts = row.attempts + 1;
        let mut after = delivery::Model {
            attempts,
            last_status: outcome.status.map(i32::from),
            last_error: outcome.error.clone(),
            updated_at: now,
            ..row
        };
        if outcome.succeeded() {
            after.status = DeliveryStatus::Succeeded;
            after.next_attempt_at = None;
            after.delivered_at = Some(now);
            return after;
        }
        match backoff::after_failure(attempts, self.backoff, backoff::random_spread()) {
            Some(wait) => {
                let due = now + chrono::Duration::from_std(wait).unwrap_or_default();
                after.next_attempt_at = Some(due.trunc_subsecs(6));
            }
            None => {
                after.status = DeliveryStatus::Failed;
                after.next_attempt_at = None;
            }
        }
        after
    }
}

/// The ids of due deliveries, the most overdue first, at most `PER_STORE` of each store's: a
/// store with thousands due (a burst, a replay) cannot fill the scan and starve the others.
async fn candidates(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Uuid>, DbErr> {
    let backend = conn.get_database_backend();
    let now_parameter = if backend == DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let sql = format!(
        "SELECT id FROM (
             SELECT id, next_attempt_at,
                    ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY next_attempt_at) AS place
             FROM webhook_deliveries
             WHERE status = 'pending' AND next_attempt_at <= {now_parameter}
         ) AS due
         WHERE place <= {PER_STORE}
         ORDER BY next_attempt_at
         LIMIT {SCAN}"
    );
    let statement = Statement::from_sql_and_values(backend, sql, [now.into()]);
    let rows = conn.query_all_raw(statement).await?;
    rows.iter()
        .map(|row| row.try_get::<Uuid>("", "id"))
        .collect()
}

/// A delivery taken until `until`.
struct Lease {
    tenant_id: TenantId,
    id: Uuid,
    until: chrono::DateTime<Utc>,
}

impl Lease {
    fn holds(&self, row: &delivery::Model) -> bool {
        row.status == DeliveryStatus::Pending && row.next_attempt_at == Some(self.until)
    }

    /// Writes `after` if the row is still this lease's; whether it was.
    async fn write(&self, txn: &TenantTransaction, after: delivery::Model) -> Result<bool, DbErr> {
        let updated = txn
            .update_many::<delivery::Entity>()
            .set(delivery::ActiveModel::from(after).reset_all())
            .filter(delivery::Column::Id.eq(self.id))
            .filter(delivery::Column::Status.eq(DeliveryStatus::Pending))
            .filter(delivery::Column::NextAttemptAt.eq(self.until))
            .exec(txn)
            .await?;
        Ok(updated.rows_affected == 1)
    }
}

/// An endpoint whose delivery failed for about three days is switched off, and says why;
/// only as it was read (staff who changed it meanwhile have the last word).
async fn switch_off(
    txn: &TenantTransaction,
    target: &endpoint::Model,
    failed: &delivery::Model,
) -> Result<(), AutomationError> {
    let now = Utc::now().trunc_subsecs(6);
    let updated = txn
        .update_many::<endpoint::Entity>()
        .col_expr(endpoint::Column::Enabled, Expr::value(false))
        .col_expr(
            endpoint::Column::DisabledReason,
            Expr::value(DisabledReason::Failing.to_value()),
        )
        .col_expr(endpoint::Column::Version, Expr::value(target.version + 1))
        .col_expr(endpoint::Column::UpdatedAt, Expr::value(now))
        .filter(endpoint::Column::Id.eq(target.id))
        .filter(endpoint::Column::Version.eq(target.version))
        .filter(endpoint::Column::Enabled.eq(true))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Ok(());
    }
    let system = Principal::system(target.tenant_id);
    let change = Change {
        action: "webhook_endpoint.switched_off",
        entity_type: "webhook_endpoint",
        entity_id: Some(target.id),
        before: Some(json!({ "enabled": true })),
        after: Some(json!({
            "enabled": false,
            "disabled_reason": "failing",
            "delivery_id": failed.id,
            "last_status": failed.last_status,
            "last_error": failed.last_error,
        })),
    };
    audit::record(txn, &system, change).await?;
    let disabled = Event::WebhookDisabled(WebhookDisabled {
        endpoint_id: target.id,
        url: target.url.clone(),
        delivery_id: failed.id,
        event_type: failed.event_type.clone(),
        last_status: failed.last_status,
        last_error: failed.last_error.clone(),
    });
    outbox::emit(txn, &disabled).await?;
    Ok(())
}
