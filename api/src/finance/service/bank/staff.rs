//! What staff do with a line left for them: match it to the order it pays, or classify it.

use openapi::finance::BankLineStatus;
use rust_decimal::Decimal;
use serde_json::json;
use uuid::Uuid;

use entity::bank_line::Model as BankLine;

use super::{find_line, pay, save};
use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;

/// A line still for staff (unmatched or proposed) at `expected`; 409 otherwise.
async fn open_line(
    txn: &TenantTransaction,
    id: Uuid,
    expected: Option<i32>,
) -> Result<BankLine, FinanceError> {
    let line = find_line(txn, id).await?;
    if expected.is_some_and(|v| v != line.version) {
        return Err(FinanceError::Stale {
            what: "the bank line",
            current: line.version,
        });
    }
    if !matches!(
        line.status,
        BankLineStatus::Unmatched | BankLineStatus::Proposed
    ) {
        return Err(FinanceError::BankLineDone);
    }
    Ok(line)
}

/// Staff match a line to the order it pays (a proposal confirmed, or their own finding).
pub async fn match_line(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    order_id: Uuid,
    expected: Option<i32>,
) -> Result<BankLine, FinanceError> {
    let line = open_line(txn, id, expected).await?;
    if line.amount.0 <= Decimal::ZERO {
        return Err(FinanceError::BankLineDone);
    }
    let settled = pay(txn, principal, &line, order_id).await?;
    audited(txn, principal, "bank_line.match", &settled).await?;
    Ok(settled)
}

/// Staff say what a line that pays no order is: fees, a transfer or other income.
pub async fn classify(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    status: BankLineStatus,
    expected: Option<i32>,
) -> Result<BankLine, FinanceError> {
    let line = open_line(txn, id, expected).await?;
    let after = BankLine {
        status,
        order_id: None,
        ..line.clone()
    };
    let after = save(txn, &line, after).await?;
    audited(txn, principal, "bank_line.classify", &after).await?;
    Ok(after)
}

async fn audited(
    txn: &TenantTransaction,
    principal: &Principal,
    action: &'static str,
    line: &BankLine,
) -> Result<(), FinanceError> {
    let change = Change {
        action,
        entity_type: "bank_line",
        entity_id: Some(line.id),
        before: None,
        after: Some(json!({ "status": line.status, "order_id": line.order_id,
                            "amount": line.amount.0 })),
    };
    audit::record(txn, principal, change).await?;
    Ok(())
}
