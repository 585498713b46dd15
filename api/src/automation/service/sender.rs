//! The delivery loop: takes due deliveries of every store (a lease keeps another server off
//! them), sends each (`attempt`) with no transaction open, and records what came of it: the
//! attempt in the log, the delivery done, due again later (`backoff`), or failed for good,
//! which switches its endpoint off until staff switch it on.

use std::time::Duration;

use chrono::{SubsecRound, Utc};
use openapi::automation::{DeliveryStatus, DisabledReason};
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
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
use crate::automation::service::attempt::{Outcome, Poster};
use crate::automation::service::backoff;
use crate::db::{self, Access};

const BATCH: u64 = 20;
/// How long a taken delivery is left to its taker before another may take it.
const LEASE: Duration = Duration::from_secs(60);
/// How long a delivery to an endpoint that is switched off waits before it is looked at again
/// (switching the endpoint on makes its deliveries due at once).
const PARKED: Duration = Duration::from_secs(3_600);

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
        loop {
            match self.send_due().await {
                Ok(sent) if sent > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "webhooks: cannot take deliveries"),
            }
            tokio::time::sleep(self.poll).await;
        }
    }

    /// Sends one batch of due deliveries; how many it took.
    pub async fn send_due(&self) -> Result<usize, DbErr> {
        let taken = self.take().await?;
        for (tenant_id, id) in &taken {
            if let Err(error) = self.deliver(*tenant_id, *id).await {
                tracing::warn!(delivery = %id, %error, "webhooks: a delivery was not recorded");
            }
        }
        Ok(taken.len())
    }

    /// Takes due deliveries of every store, leasing them.
    async fn take(&self) -> Result<Vec<(TenantId, Uuid)>, DbErr> {
        let now = Utc::now();
        let due = || {
            delivery::Entity::find()
                .filter(delivery::Column::Status.eq(DeliveryStatus::Pending))
                .filter(delivery::Column::NextAttemptAt.lte(now))
                .order_by_asc(delivery::Column::NextAttemptAt)
                .limit(BATCH)
        };
        // A cheap look first, so an idle loop never takes SQLite's write lock.
        let peek = db::begin_outbox_worker(&self.db, Access::Read).await?;
        let any = due().one(&peek).await?;
        peek.commit().await?;
        if any.is_none() {
            return Ok(Vec::new());
        }
        let txn = db::begin_outbox_worker(&self.db, Access::Write).await?;
        let rows = due()
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .all(&txn)
            .await?;
        let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
        if !ids.is_empty() {
            let lease = now + chrono::Duration::from_std(LEASE).unwrap_or_default();
            delivery::Entity::update_many()
                .col_expr(
                    delivery::Column::NextAttemptAt,
                    sea_orm::sea_query::Expr::value(lease),
                )
                .filter(delivery::Column::Id.is_in(ids))
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(rows
            .into_iter()
            .map(|row| (row.tenant_id, row.id))
            .collect())
    }

    async fn deliver(&self, tenant_id: TenantId, id: Uuid) -> Result<(), AutomationError> {
        let txn = db::begin_tenant(&self.db, tenant_id, Access::Read).await?;
        let Some(row) = txn
            .find::<delivery::Entity>()
            .filter(delivery::Column::Id.eq(id))
            .one(&txn)
            .await?
        else {
            return Ok(());
        };
        let target = crate::automation::service::endpoint::find(&txn, row.endpoint_id).await?;
        txn.commit().await?;
        if !target.enabled {
            return self.park(tenant_id, &row).await;
        }
        let outcome = self.poster.post(&target, &row).await;
        self.record(tenant_id, row, target, outcome).await
    }

    /// Leaves a delivery to a switched-off endpoint for later.
    async fn park(
        &self,
        tenant_id: TenantId,
        row: &delivery::Model,
    ) -> Result<(), AutomationError> {
        let txn = db::begin_tenant(&self.db, tenant_id, Access::Write).await?;
        let later = Utc::now() + chrono::Duration::from_std(PARKED).unwrap_or_default();
        delivery::ActiveModel {
            next_attempt_at: sea_orm::ActiveValue::Set(Some(later.trunc_subsecs(6))),
            ..delivery::ActiveModel::from(row.clone())
        }
        .update(&txn)
        .await?;
        txn.commit().await?;
        Ok(())
    }

    async fn record(
        &self,
        tenant_id: TenantId,
        row: delivery::Model,
        target: endpoint::Model,
        outcome: Outcome,
    ) -> Result<(), AutomationError> {
        let txn = db::begin_tenant(&self.db, tenant_id, Access::Write).await?;
        let now = Utc::now().trunc_subsecs(6);
        let logged = attempt::Model {
            tenant_id,
            id: Uuid::now_v7(),
            delivery_id: row.id,
            endpoint_id: row.endpoint_id,
            at: now,
            status_code: outcome.status.map(i32::from),
            latency_ms: i32::try_from(outcome.latency.as_millis()).unwrap_or(i32::MAX),
            response_excerpt: outcome.excerpt.clone(),
            error: outcome.error.clone(),
        };
        attempt::Entity::insert(attempt::ActiveModel::from(logged))
            .exec_without_returning(&txn)
            .await?;
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
        } else {
            match backoff::after_failure(attempts, self.backoff, backoff::random_spread()) {
                Some(wait) => {
                    let due = now + chrono::Duration::from_std(wait).unwrap_or_default();
                    after.next_attempt_at = Some(due.trunc_subsecs(6));
                }
                None => {
                    after.status = DeliveryStatus::Failed;
                    after.next_attempt_at = None;
                    switch_off(&txn, &target, &after).await?;
                }
            }
        }
        delivery::ActiveModel::from(after)
            .reset_all()
            .update(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// An endpoint whose delivery failed for about three days is switched off, and says why.
async fn switch_off(
    txn: &crate::db::TenantTransaction,
    target: &endpoint::Model,
    failed: &delivery::Model,
) -> Result<(), AutomationError> {
    if !target.enabled {
        return Ok(());
    }
    let now = Utc::now().trunc_subsecs(6);
    endpoint::ActiveModel {
        enabled: sea_orm::ActiveValue::Set(false),
        disabled_reason: sea_orm::ActiveValue::Set(Some(DisabledReason::Failing)),
        version: sea_orm::ActiveValue::Set(target.version + 1),
        updated_at: sea_orm::ActiveValue::Set(now),
        ..endpoint::ActiveModel::from(target.clone())
    }
    .update(txn)
    .await?;
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
    Ok(())
}
