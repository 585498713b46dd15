//! What finance does with the outbox's events: a paid order, or one approved on credit
//! terms, gets its invoice and its lines' margin; a return refunded gets a credit note on it; a
//! payment, refund or credit note settles the order's instalments again (lifting a dunning
//! block once nothing is overdue) and brings the margin up to date, as shipping does (its
//! cost); a cancelled order's margin goes.

use openapi::events::{Event, EventKind, OrderPaymentRecorded, OrderRefunded};
use openapi::finance::InvoiceIssued;
use openapi::logistics::Resolution;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::db::{self, Access};
use crate::finance::error::FinanceError;
use crate::finance::service::margins::commit as margins;
use crate::finance::service::{credit, issue, settlement};
use crate::logistics::returns::service::read::get_return;
use crate::outbox::worker::{EventHandler, HandlerError, StoredEvent, mark_done};

const KINDS: &[EventKind] = &[
    EventKind::OrderPaid,
    EventKind::OrderApproved,
    EventKind::OrderShipped,
    EventKind::OrderDelivered,
    EventKind::OrderCancelled,
    EventKind::ReturnResolved,
    EventKind::OrderPaymentRecorded,
    EventKind::OrderRefunded,
    EventKind::CreditNoteIssued,
];

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
        match &stored.event {
            Event::OrderPaid(ready) | Event::OrderApproved(ready) => {
                issue::issue_if_due(&txn, &system, ready.order_id)
                    .await
                    .map_err(HandlerError::retry)?;
                margins::commit(&txn, ready.order_id)
                    .await
                    .map_err(HandlerError::retry)?;
            }
            Event::OrderShipped(moved) | Event::OrderDelivered(moved) => {
                margins::refresh(&txn, moved.order_id)
                    .await
                    .map_err(HandlerError::retry)?;
            }
            Event::OrderCancelled(moved) => {
                margins::drop_order(&txn, moved.order_id)
                    .await
                    .map_err(HandlerError::retry)?;
            }
            Event::OrderPaymentRecorded(OrderPaymentRecorded { order_id, .. })
            | Event::OrderRefunded(OrderRefunded { order_id, .. })
            | Event::CreditNoteIssued(InvoiceIssued { order_id, .. }) => {
                settlement::settle(&txn, &system, *order_id)
                    .await
                    .map_err(HandlerError::retry)?;
                margins::refresh(&txn, *order_id)
                    .await
                    .map_err(HandlerError::retry)?;
            }
            Event::ReturnResolved(resolved) => {
                credit_refunded_return(&txn, &system, resolved.return_id)
                    .await
                    .map_err(HandlerError::retry)?;
            }
            _ => {}
        }
        mark_done(&txn, stored).await?;
        Ok(txn.commit().await?)
    }
}

/// A return resolved with a refund: its units given back on the order's invoice.
async fn credit_refunded_return(
    txn: &TenantTransaction,
    system: &Principal,
    return_id: Uuid,
) -> Result<(), FinanceError> {
    let view = get_return(txn, return_id).await?;
    if view.head.resolution != Some(Resolution::Refund) {
        return Ok(());
    }
    let returned: Vec<(Uuid, i64)> = view
        .lines
        .iter()
        .map(|line| (line.order_line_id, line.quantity))
        .collect();
    let reason = format!("RMA {}", view.head.id);
    credit::credit_returned(txn, system, view.head.order_id, &returned, reason).await?;
    Ok(())
}
