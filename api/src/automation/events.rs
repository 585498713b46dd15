//! Every event of the outbox, for the store's webhook endpoints that want it: one delivery per
//! endpoint, with the body it will carry on every attempt. An endpoint switched off by staff
//! gets nothing; one switched off for failing still collects, so switching it on resumes.

use std::sync::LazyLock;

use chrono::{SubsecRound, Utc};
use openapi::automation::DisabledReason;
use openapi::events::{EventKind, WebhookMessage};
use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait};

use entity::{webhook_delivery as delivery, webhook_endpoint as endpoint};

use crate::automation::service::endpoint::wants;
use crate::automation::service::log::Due;
use crate::db::{self, Access, TenantTransaction};
use crate::outbox::worker::{EventHandler, HandlerError, StoredEvent, mark_done};

pub struct WebhookEvents;

/// The events an endpoint may want (`EventKind::subscribable`).
static SUBSCRIBABLE: LazyLock<Vec<EventKind>> = LazyLock::new(|| {
    EventKind::ALL
        .iter()
        .copied()
        .filter(|kind| kind.subscribable())
        .collect()
});

#[async_trait::async_trait]
impl EventHandler for WebhookEvents {
    fn name(&self) -> &'static str {
        "automation.webhooks"
    }

    fn kinds(&self) -> &'static [EventKind] {
        &SUBSCRIBABLE
    }

    async fn handle(
        &self,
        db: &DatabaseConnection,
        stored: &StoredEvent,
    ) -> Result<(), HandlerError> {
        let name = stored.event.kind().name();
        // Most stores have no endpoint for most events: then nothing is written (not even the
        // handler's mark, which only spares a retry, and a retry here writes nothing either).
        if !wanted(db, stored, name).await? {
            return Ok(());
        }
        // Read again where the deliveries are written: one switched off meanwhile gets none.
        let txn = db::begin_tenant(db, stored.tenant_id, Access::Write).await?;
        let endpoints = collecting(&txn, stored, name).await?;
        write_deliveries(&txn, stored, name, &endpoints).await?;
        mark_done(&txn, stored).await?;
        txn.commit().await?;
        Ok(())
    }
}

/// Whether any endpoint of the store collects the event `name` (a read, no write).
async fn wanted(
    db: &DatabaseConnection,
    stored: &StoredEvent,
    name: &str,
) -> Result<bool, HandlerError> {
    let txn = db::begin_tenant(db, stored.tenant_id, Access::Read).await?;
    let endpoints = collecting(&txn, stored, name).await?;
    txn.commit().await?;
    Ok(!endpoints.is_empty())
}

/// The store's endpoints that collect the event `name`: on, or off for failing, and made
/// before the event (ids are UUIDv7, ordered by time: a retried event is not given to an
/// endpoint made after it).
async fn collecting(
    txn: &TenantTransaction,
    stored: &StoredEvent,
    name: &str,
) -> Result<Vec<endpoint::Model>, HandlerError> {
    let endpoints = txn.find::<endpoint::Entity>().all(txn).await?;
    Ok(endpoints
        .into_iter()
        .filter(|e| e.enabled || e.disabled_reason == Some(DisabledReason::Failing))
        .filter(|e| e.id < stored.id)
        .filter(|e| wants(e, name))
        .collect())
}

/// One delivery of the event for each endpoint, with the body every attempt carries; an
/// event already given to an endpoint (a retry) is not given again.
async fn write_deliveries(
    txn: &TenantTransaction,
    stored: &StoredEvent,
    name: &str,
    endpoints: &[endpoint::Model],
) -> Result<(), HandlerError> {
    if endpoints.is_empty() {
        return Ok(());
    }
    let now = Utc::now().trunc_subsecs(6);
    let message = WebhookMessage::of(&stored.event, now).map_err(HandlerError::fail)?;
    let due = Due {
        event_id: stored.id,
        event_type: name,
        body: serde_json::to_string(&message).map_err(HandlerError::fail)?,
        at: now,
    };
    let rows = endpoints.iter().map(|e| due.to(stored.tenant_id, e.id));
    delivery::Entity::insert_many(rows.map(delivery::ActiveModel::from))
        .on_conflict(
            OnConflict::columns([
                delivery::Column::TenantId,
                delivery::Column::EndpointId,
                delivery::Column::EventId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok(())
}
