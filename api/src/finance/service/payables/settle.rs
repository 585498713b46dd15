//! What happens to a bill after it is entered: a manager approves a held one's difference, and
//! payments settle it (never more than is outstanding, never while it is held).

use chrono::{NaiveDate, Utc};
use openapi::finance::BillStatus;
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{bill_payment, supplier_bill};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;

pub async fn find_bill(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<supplier_bill::Model, FinanceError> {
    txn.find::<supplier_bill::Entity>()
        .filter(supplier_bill::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(FinanceError::NotFound("bill"))
}

async fn lock_bill(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<supplier_bill::Model, FinanceError> {
    txn.find::<supplier_bill::Entity>()
        .filter(supplier_bill::Column::Id.eq(id))
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(FinanceError::NotFound("bill"))
}

async fn save(
    txn: &TenantTransaction,
    after: supplier_bill::Model,
) -> Result<supplier_bill::Model, FinanceError> {
    supplier_bill::Entity::update(supplier_bill::ActiveModel::from(after.clone()).reset_all())
        .exec(txn)
        .await?;
    Ok(after)
}

/// Approves a held bill's difference (a manager's call, with why): it may be paid. 409 when
/// it is not held; 412 when it changed since `expected`.
pub async fn approve_bill(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    note: &str,
    expected: Option<i32>,
) -> Result<supplier_bill::Model, FinanceError> {
    let before = lock_bill(txn, id).await?;
    if expected.is_some_and(|v| v != before.version) {
        return Err(FinanceError::Stale {
            what: "the bill",
            current: before.version,
        });
    }
    if before.status != BillStatus::Held {
        return Err(FinanceError::NotHeld);
    }
    let now = Utc::now();
    let after = save(
        txn,
        supplier_bill::Model {
            status: BillStatus::Open,
            approved_by: principal.user_id(),
            approval_note: Some(note.to_owned()),
            approved_at: Some(now),
            version: before.version + 1,
            updated_at: now,
            ..before.clone()
        },
    )
    .await?;
    let change = Change {
        action: "bill.approve",
        entity_type: "supplier_bill",
        entity_id: Some(id),
        before: Some(json!({ "status": before.status })),
        after: Some(json!({
            "status": after.status,
            "difference": after.difference.0.to_string(),
            "note": note,
        })),
    };
    audit::record(txn, principal, change).await?;
    Ok(after)
}

/// Records a payment of the bill on `paid_on`. 409 while held or when nothing is outstanding;
/// 422 for more than is outstanding; 412 when it changed since `expected` (a payment sent
/// twice).
pub async fn pay_bill(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    (amount, paid_on): (Decimal, NaiveDate),
    expected: Option<i32>,
) -> Result<supplier_bill::Model, FinanceError> {
    let before = lock_bill(txn, id).await?;
    if expected.is_some_and(|v| v != before.version) {
        return Err(FinanceError::Stale {
            what: "the bill",
            current: before.version,
        });
    }
    match before.status {
        BillStatus::Held => return Err(FinanceError::BillHeld),
        BillStatus::Paid => return Err(FinanceError::NothingOutstanding),
        _ => {}
    }
    let outstanding = before.total.0 - before.paid.0;
    if amount > outstanding {
        return Err(FinanceError::OverPaid { outstanding });
    }
    let now = Utc::now();
    let payment = bill_payment::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        bill_id: id,
        amount: Amount(amount),
        paid_on,
        created_at: now,
    };
    bill_payment::Entity::insert(bill_payment::ActiveModel::from(payment))
        .exec_without_returning(txn)
        .await?;
    let paid = before.paid.0 + amount;
    let after = save(
        txn,
        supplier_bill::Model {
            paid: Amount(paid),
            status: if paid == before.total.0 {
                BillStatus::Paid
            } else {
                BillStatus::PartiallyPaid
            },
            version: before.version + 1,
            updated_at: now,
            ..before.clone()
        },
    )
    .await?;
    let change = Change {
        action: "bill.pay",
        entity_type: "supplier_bill",
        entity_id: Some(id),
        before: Some(json!({ "paid": before.paid.0.to_string(), "status": before.status })),
        after: Some(json!({
            "paid": paid.to_string(),
            "status": after.status,
            "amount": amount.to_string(),
            "paid_on": paid_on,
        })),
    };
    audit::record(txn, principal, change).await?;
    Ok(after)
}

/// The bills' payments from `from` to `to` (cash flow's actuals).
pub async fn payments_between(
    txn: &TenantTransaction,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<bill_payment::Model>, FinanceError> {
    Ok(txn
        .find::<bill_payment::Entity>()
        .filter(bill_payment::Column::PaidOn.between(from, to))
        .all(txn)
        .await?)
}
