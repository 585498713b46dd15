//! What logistics does with the outbox's events: a paid order (or one approved on credit
//! terms) gets its fulfilments; a cancelled one loses those that have not shipped.

use openapi::events::{Event, EventKind};
use sea_orm::DatabaseConnection;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::logistics::service::fulfilment::{open, steps};
use crate::outbox::worker::{EventHandler, HandlerError, StoredEvent, mark_done};

const KINDS: &[EventKind] = &[
    EventKind::OrderPaid,
    EventKind::OrderApproved,
    EventKind::OrderCancelled,
];

pub struct LogisticsEvents;

#[async_trait::async_trait]
impl EventHandler for LogisticsEvents {
    fn name(&self) -> &'static str {
        "logistics"
    }

    fn kinds(&self) -> &'static [EventKind] {
        KINDS
    }

    async fn handle(
        &self,
        db: &DatabaseConnection,
        stored: &StoredEvent,
    ) -> Result<(), HandlerError> {
        let txn = db::begin_tenant(db, stored.tenant_id, Access::Write).await?;
        let system = Principal::system(stored.tenant_id);
        let done = match &stored.event {
            Event::OrderPaid(ready) | Event::OrderApproved(ready) => {
                open::open_fulfilments(&txn, &system, ready.order_id)
                    .await
                    .map(|_| ())
            }
            Event::OrderCancelled(cancelled) => {
                steps::cancel_unshipped(&txn, &system, cancelled.order_id)
                    .await
                    .map(|_| ())
            }
            _ => Ok(()),
        };
        done.map_err(HandlerError::retry)?;
        mark_done(&txn, stored).await?;
        Ok(txn.commit().await?)
    }
}
