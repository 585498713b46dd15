//! Settling an order's instalments after what it received or was credited changed: the
//! outbox's payment, refund and credit-note events, and a payment notification at once.

use chrono::Utc;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::service::{customer_credit, instalments};

/// Settles the order's instalments again, and lifts its customer's dunning block when that
/// left nothing overdue.
pub async fn settle(
    txn: &TenantTransaction,
    system: &Principal,
    order_id: Uuid,
) -> Result<(), FinanceError> {
    let now = Utc::now();
    let changed = instalments::settle_order(txn, order_id, now).await?;
    if let Some(row) = changed.first() {
        customer_credit::lift_if_clear(txn, system, row.customer_id, now).await?;
    }
    Ok(())
}
