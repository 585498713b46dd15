//! What finance does with the outbox's events: a paid order gets its invoice.

use openapi::events::{Event, EventKind};
use sea_orm::DatabaseConnection;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::finance::service::issue;
use crate::outbox::worker::{EventHandler, HandlerError, StoredEvent, mark_done};

const KINDS: &[EventKind] = &[EventKind::OrderPaid];

pub struct FinanceEvents;

#[async_trait::async_trait]
impl EventHandler for FinanceEvents {
    fn name(&self) -> &'static str {
        "finance"
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
        if let Event::OrderPaid(paid) = &stored.event {
            issue::issue_if_due(&txn, &system, paid.order_id)
                .await
                .map_err(HandlerError::retry)?;
        }
        mark_done(&txn, stored).await?;
        Ok(txn.commit().await?)
    }
}
