//! Instalments: planned when an order on credit terms is invoiced, and settled again whenever
//! what the order received or its invoice credited changes. What settles them is always
//! worked out anew from those sums (`plan::allocate`, oldest first), so a payment seen twice,
//! or out of order, settles nothing twice.

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::InstalmentStatus;
use entity::{instalment, invoice, order};

use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::plan;
use crate::finance::service::read::invoice_of_order;
use crate::finance::service::settings::settings_of;
use crate::orders::balance;
use crate::orders::service::credit::order_terms;
use crate::orders::service::order::find_order;
use crate::tenancy::service::calendar::calendar_of;

/// The store's today, in its time zone.
pub async fn store_today(
    txn: &TenantTransaction,
    now: DateTime<Utc>,
) -> Result<NaiveDate, FinanceError> {
    let calendar = calendar_of(txn).await?;
    Ok(now.with_timezone(&calendar.timezone()).date_naive())
}

/// The instalments of an order on terms being invoiced (none when not on terms): its total
/// split over its terms, due from the invoice's day.
pub async fn plan_for(
    txn: &TenantTransaction,
    order: &order::Model,
    head: &invoice::Model,
) -> Result<Vec<instalment::Model>, FinanceError> {
    let terms = order_terms(order);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let calendar = calendar_of(txn).await?;
    let issued_on = head
        .issued_at
        .with_timezone(&calendar.timezone())
        .date_naive();
    let working = settings_of(txn).await?.due_on_working_days;
    let dates = plan::due_dates(issued_on, &terms, working.then_some(&calendar))?;
    let amounts = plan::split(head.total.0, terms.len(), head.currency);
    let zero = Amount(crate::orders::totals::round(Decimal::ZERO, head.currency));
    Ok(dates
        .into_iter()
        .zip(amounts)
        .enumerate()
        .map(|(i, (due_on, amount))| instalment::Model {
            tenant_id: txn.tenant(),
            id: Uuid::now_v7(),
            invoice_id: head.id,
            order_id: order.id,
            customer_id: order.customer_id,
            order_number: order.number,
            seq: i as i32 + 1,
            due_on,
            currency: head.currency,
            amount: Amount(amount),
            settled: zero,
            written_off: zero,
            status: InstalmentStatus::Open,
            settled_at: None,
            overdue_at: None,
            created_at: head.issued_at,
            updated_at: head.issued_at,
            version: 1,
        })
        .collect())
}

pub async fn instalments_of_order(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Vec<instalment::Model>, FinanceError> {
    Ok(txn
        .find::<instalment::Entity>()
        .filter(instalment::Column::OrderId.eq(order_id))
        .order_by_asc(instalment::Column::Seq)
        .all(txn)
        .await?)
}

/// What is still to be received of an instalment.
pub fn outstanding(row: &instalment::Model) -> Decimal {
    (row.amount.0 - row.settled.0 - row.written_off.0).max(Decimal::ZERO)
}

/// Where an instalment stands on `today`: once the sweep found it overdue it stays so until
/// nothing of it is outstanding.
pub fn status_on(row: &instalment::Model, today: NaiveDate) -> InstalmentStatus {
    let status = plan::status(
        row.amount.0,
        row.settled.0,
        row.written_off.0,
        row.due_on,
        today,
    );
    match status {
        InstalmentStatus::Open | InstalmentStatus::PartiallyPaid if row.overdue_at.is_some() => {
            InstalmentStatus::Overdue
        }
        status => status,
    }
}

/// Settles the order's instalments again from what it received and what its invoice
/// credited (the order is locked by whoever changed those), oldest first. The instalments
/// that changed.
pub async fn settle_order(
    txn: &TenantTransaction,
    order_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<instalment::Model>, FinanceError> {
    let rows = instalments_of_order(txn, order_id).await?;
    if rows.is_empty() {
        return Ok(rows);
    }
    let order = find_order(txn, order_id).await?;
    let credited = invoice_of_order(txn, order_id)
        .await?
        .map_or(Decimal::ZERO, |invoice| invoice.credited.0);
    let received = balance::net_received(&order) + credited;
    let owed: Vec<Decimal> = rows
        .iter()
        .map(|row| row.amount.0 - row.written_off.0)
        .collect();
    let today = store_today(txn, now).await?;
    let mut changed = Vec::new();
    for (row, settled) in rows.into_iter().zip(plan::allocate(&owed, received)) {
        let mut after = row.clone();
        after.settled = Amount(crate::orders::totals::round(settled, row.currency));
        after.status = status_on(&after, today);
        if after.status == InstalmentStatus::Paid && row.settled_at.is_none() {
            after.settled_at = Some(now.trunc_subsecs(6));
        }
        if after != row {
            changed.push(save(txn, &row, after, now).await?);
        }
    }
    Ok(changed)
}

/// Writes an instalment's change, if it still is as read; 412 otherwise.
pub async fn save(
    txn: &TenantTransaction,
    before: &instalment::Model,
    mut after: instalment::Model,
    now: DateTime<Utc>,
) -> Result<instalment::Model, FinanceError> {
    after.version = before.version + 1;
    after.updated_at = now.trunc_subsecs(6);
    let updated = txn
        .update_many::<instalment::Entity>()
        .set(instalment::ActiveModel::from(after.clone()).reset_all())
        .filter(instalment::Column::Id.eq(before.id))
        .filter(instalment::Column::Version.eq(before.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(FinanceError::Stale {
            what: "the instalment",
            current: before.version + 1,
        });
    }
    Ok(after)
}

/// Writes a new invoice's instalments (before the invoice, whose number is taken last).
pub async fn write_planned(
    txn: &TenantTransaction,
    rows: &[instalment::Model],
) -> Result<(), FinanceError> {
    if rows.is_empty() {
        return Ok(());
    }
    instalment::Entity::insert_many(rows.iter().cloned().map(instalment::ActiveModel::from))
        .exec_without_returning(txn)
        .await?;
    Ok(())
}
