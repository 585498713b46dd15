//! An endpoint's delivery log and what staff do with it: read deliveries and their attempts,
//! replay one, replay the failed ones of a period, and record a test ping. A replay makes a
//! delivery due at once with its retries counted afresh; the attempts already logged stay.

use chrono::{DateTime, SubsecRound, Utc};
use openapi::automation::{DeliveryStatus, WebhookDeliveryQuery};
use openapi::events::{Event, EventKind, WebhookMessage};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use entity::webhook_endpoint::Model as Endpoint;
use entity::{webhook_attempt as attempt, webhook_delivery as delivery};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::automation::error::AutomationError;
use crate::automation::service::attempt::{Outcome, logged};
use crate::automation::service::endpoint;
use crate::db::TenantTransaction;
use crate::pagination::{PageRequest, Paged};

/// What a test ping's delivery is of: it is sent once and never replayed.
fn test_kind() -> &'static str {
    EventKind::WebhookTest.name()
}

/// The endpoint's deliveries, newest first.
pub async fn list(
    txn: &TenantTransaction,
    endpoint_id: Uuid,
    query: &WebhookDeliveryQuery,
    page: PageRequest,
) -> Result<Paged<delivery::Model>, AutomationError> {
    endpoint::find(txn, endpoint_id).await?;
    let mut select = txn
        .find::<delivery::Entity>()
        .filter(delivery::Column::EndpointId.eq(endpoint_id));
    if let Some(status) = query.status {
        select = select.filter(delivery::Column::Status.eq(status));
    }
    if let Some(event_type) = &query.event_type {
        select = select.filter(delivery::Column::EventType.eq(event_type.as_str()));
    }
    let rows = page.apply(select, delivery::Column::Id).all(txn).await?;
    Ok(page.finish(rows, |r| r.id))
}

/// One delivery of the endpoint, with its attempts oldest first.
pub async fn detail(
    txn: &TenantTransaction,
    endpoint_id: Uuid,
    id: Uuid,
) -> Result<(delivery::Model, Vec<attempt::Model>), AutomationError> {
    let row = find(txn, endpoint_id, id).await?;
    let attempts = txn
        .find::<attempt::Entity>()
        .filter(attempt::Column::DeliveryId.eq(id))
        .order_by_asc(attempt::Column::Id)
        .all(txn)
        .await?;
    Ok((row, attempts))
}

async fn find(
    txn: &TenantTransaction,
    endpoint_id: Uuid,
    id: Uuid,
) -> Result<delivery::Model, AutomationError> {
    txn.find::<delivery::Entity>()
        .filter(delivery::Column::EndpointId.eq(endpoint_id))
        .filter(delivery::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AutomationError::NotFound("webhook delivery"))
}

/// Sends a delivery that succeeded or failed again, from its first retry step (never a test
/// ping's).
pub async fn replay(
    txn: &TenantTransaction,
    principal: &Principal,
    endpoint_id: Uuid,
    id: Uuid,
) -> Result<delivery::Model, AutomationError> {
    let before = find(txn, endpoint_id, id).await?;
    if before.event_type == test_kind() {
        return Err(AutomationError::TestNotReplayed);
    }
    if before.status == DeliveryStatus::Pending {
        return Err(AutomationError::DeliveryPending);
    }
    let now = Utc::now().trunc_subsecs(6);
    let after = delivery::Model {
        status: DeliveryStatus::Pending,
        attempts: 0,
        next_attempt_at: Some(now),
        updated_at: now,
        delivered_at: None,
        ..before.clone()
    };
    let updated = txn
        .update_many::<delivery::Entity>()
        .set(delivery::ActiveModel::from(after.clone()).reset_all())
        .filter(delivery::Column::Id.eq(id))
        .filter(delivery::Column::Status.eq(before.status))
        .filter(delivery::Column::UpdatedAt.eq(before.updated_at))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AutomationError::DeliveryPending);
    }
    let change = Change {
        action: "webhook_delivery.replay",
        entity_type: "webhook_endpoint",
        entity_id: Some(endpoint_id),
        before: Some(json!({ "delivery_id": id, "status": before.status })),
        after: Some(json!({ "delivery_id": id, "status": after.status })),
    };
    audit::record(txn, principal, change).await?;
    Ok(after)
}

/// Sends again every failed delivery of the endpoint whose event was written in
/// `[from, to)` (tests ping once and are not among them); how many.
pub async fn replay_failed(
    txn: &TenantTransaction,
    principal: &Principal,
    endpoint_id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<u64, AutomationError> {
    if to <= from {
        return Err(AutomationError::EmptyPeriod);
    }
    endpoint::find(txn, endpoint_id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let updated = txn
        .update_many::<delivery::Entity>()
        .col_expr(
            delivery::Column::Status,
            Expr::value(sea_orm::ActiveEnum::to_value(&DeliveryStatus::Pending)),
        )
        .col_expr(delivery::Column::Attempts, Expr::value(0))
        .col_expr(delivery::Column::NextAttemptAt, Expr::value(now))
        .col_expr(delivery::Column::UpdatedAt, Expr::value(now))
        .filter(delivery::Column::EndpointId.eq(endpoint_id))
        .filter(delivery::Column::Status.eq(DeliveryStatus::Failed))
        .filter(delivery::Column::EventType.ne(test_kind()))
        .filter(delivery::Column::CreatedAt.gte(from))
        .filter(delivery::Column::CreatedAt.lt(to))
        .exec(txn)
        .await?;
    let replayed = updated.rows_affected;
    let change = Change {
        action: "webhook_delivery.replay_failed",
        entity_type: "webhook_endpoint",
        entity_id: Some(endpoint_id),
        before: None,
        after: Some(json!({ "from": from, "to": to, "replayed": replayed })),
    };
    audit::record(txn, principal, change).await?;
    Ok(replayed)
}

/// How many test pings the endpoint was sent since `since` (each is logged as a delivery).
pub async fn pings_since(
    txn: &TenantTransaction,
    endpoint_id: Uuid,
    since: DateTime<Utc>,
) -> Result<u64, AutomationError> {
    use sea_orm::PaginatorTrait;
    Ok(txn
        .find::<delivery::Entity>()
        .filter(delivery::Column::EndpointId.eq(endpoint_id))
        .filter(delivery::Column::EventType.eq(EventKind::WebhookTest.name()))
        .filter(delivery::Column::CreatedAt.gt(since))
        .count(txn)
        .await?)
}

/// The delivery a test ping sends to `target`: a `webhook.test` event of its own, never
/// written to the outbox.
pub fn ping_of(target: &Endpoint) -> Result<delivery::Model, AutomationError> {
    let now = Utc::now().trunc_subsecs(6);
    let event = Event::WebhookTest(openapi::automation::WebhookTested {
        endpoint_id: target.id,
    });
    let message = WebhookMessage::of(&event, now).map_err(AutomationError::Body)?;
    let body = serde_json::to_string(&message).map_err(AutomationError::Body)?;
    let due = Due {
        event_id: Uuid::now_v7(),
        event_type: event.kind().name(),
        body,
        at: now,
    };
    Ok(due.to(target.tenant_id, target.id))
}

/// An event due to endpoints: what each of its deliveries starts from.
pub struct Due<'a> {
    pub event_id: Uuid,
    pub event_type: &'a str,
    /// The exact body every attempt carries.
    pub body: String,
    pub at: DateTime<Utc>,
}

impl Due<'_> {
    /// Its delivery to one endpoint, pending and due at once.
    pub fn to(&self, tenant_id: entity::TenantId, endpoint_id: Uuid) -> delivery::Model {
        delivery::Model {
            tenant_id,
            id: Uuid::now_v7(),
            endpoint_id,
            event_id: self.event_id,
            event_type: self.event_type.to_owned(),
            body: self.body.clone(),
            status: DeliveryStatus::Pending,
            attempts: 0,
            next_attempt_at: Some(self.at),
            last_status: None,
            last_error: None,
            created_at: self.at,
            updated_at: self.at,
            delivered_at: None,
        }
    }
}

/// Logs a test ping as a delivery of one attempt, done or failed (never retried).
pub async fn record_ping(
    txn: &TenantTransaction,
    principal: &Principal,
    ping: delivery::Model,
    outcome: &Outcome,
) -> Result<(delivery::Model, attempt::Model), AutomationError> {
    endpoint::find(txn, ping.endpoint_id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let succeeded = outcome.succeeded();
    let row = delivery::Model {
        status: if succeeded {
            DeliveryStatus::Succeeded
        } else {
            DeliveryStatus::Failed
        },
        attempts: 1,
        next_attempt_at: None,
        last_status: outcome.status.map(i32::from),
        last_error: outcome.error.clone(),
        updated_at: now,
        delivered_at: succeeded.then_some(now),
        ..ping
    };
    let tried = logged(&row, outcome, now);
    delivery::Entity::insert(delivery::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    attempt::Entity::insert(attempt::ActiveModel::from(tried.clone()))
        .exec_without_returning(txn)
        .await?;
    let change = Change {
        action: "webhook_endpoint.ping",
        entity_type: "webhook_endpoint",
        entity_id: Some(row.endpoint_id),
        before: None,
        after: Some(json!({ "delivery_id": row.id, "status_code": tried.status_code })),
    };
    audit::record(txn, principal, change).await?;
    Ok((row, tried))
}
