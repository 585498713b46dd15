//! Bank reconciliation: a statement's CSV (date, amount, description, reference) read all or
//! nothing; each line new to the store (by its fingerprint) is matched by its reference to the
//! order it pays and settled through the order's payments — its payment reference is the
//! line's fingerprint, so nothing is settled twice —, or proposed when exactly one open
//! instalment fits its amount and date, or left for staff to match or classify.

mod staff;
mod statement;

pub use staff::{classify, match_line};
use statement::fingerprints;
pub use statement::{StatementLine, parse_statement};

use chrono::{Days, SubsecRound, Utc};
use openapi::finance::{BankImportOut, BankLineQuery, BankLineStatus};
use openapi::orders::{PaymentIn, PaymentMethod};
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::bank_line::{self, Model as BankLine};
use entity::instalment;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::service::instalments::outstanding;
use crate::finance::service::receivables::OUTSTANDING;
use crate::finance::service::settlement;
use crate::orders::error::OrderError;
use crate::orders::service::order::find_by_number;
use crate::orders::service::payment::record_payment;
use crate::pagination::{PageRequest, Paged};

/// Days either side of an instalment's due date a payment of its amount is taken to be it.
const DATE_WINDOW: u64 = 5;

/// Imports a statement: the lines the store has not seen, each matched as it can be.
pub async fn import_statement(
    txn: &TenantTransaction,
    principal: &Principal,
    lines: Vec<StatementLine>,
) -> Result<BankImportOut, FinanceError> {
    let statement_id = Uuid::now_v7();
    let mut out = BankImportOut {
        statement_id,
        lines: lines.len(),
        already_imported: 0,
        settled: 0,
        proposed: 0,
        unmatched: 0,
    };
    let prints = fingerprints(&lines);
    for (line, fingerprint) in lines.into_iter().zip(prints) {
        let Some(row) = insert_new(txn, statement_id, &line, fingerprint).await? else {
            out.already_imported += 1;
            continue;
        };
        match reconcile(txn, principal, row).await?.status {
            BankLineStatus::Settled => out.settled += 1,
            BankLineStatus::Proposed => out.proposed += 1,
            _ => out.unmatched += 1,
        }
    }
    let change = Change {
        action: "bank_statement.import",
        entity_type: "bank_statement",
        entity_id: Some(statement_id),
        before: None,
        after: Some(json!(out)),
    };
    audit::record(txn, principal, change).await?;
    Ok(out)
}

/// Writes the line unless the store has it; the line written, or `None`.
async fn insert_new(
    txn: &TenantTransaction,
    statement_id: Uuid,
    line: &StatementLine,
    fingerprint: String,
) -> Result<Option<BankLine>, FinanceError> {
    let now = Utc::now().trunc_subsecs(6);
    let row = BankLine {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        statement_id,
        line_no: line.line_no,
        booked_on: line.booked_on,
        amount: Amount(line.amount),
        description: line.description.clone(),
        reference: line.reference.clone(),
        fingerprint,
        status: BankLineStatus::Unmatched,
        order_id: None,
        payment_id: None,
        candidates: 0,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let inserted = bank_line::Entity::insert(bank_line::ActiveModel::from(row.clone()))
        .on_conflict(
            OnConflict::columns([bank_line::Column::TenantId, bank_line::Column::Fingerprint])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok((inserted == 1).then_some(row))
}

/// The order a reference names: `1042`, `#1042`, or an instalment's `1042-2`.
async fn named_order(
    txn: &TenantTransaction,
    reference: &str,
) -> Result<Option<entity::order::Model>, FinanceError> {
    let number = reference
        .trim()
        .trim_start_matches('#')
        .split('-')
        .next()
        .and_then(|n| n.parse::<i64>().ok());
    match number {
        Some(number) => Ok(find_by_number(txn, number).await?),
        None => Ok(None),
    }
}

/// Settles a new line by its reference, or proposes the one instalment its amount and date
/// fit, or leaves it unmatched with how many fit.
async fn reconcile(
    txn: &TenantTransaction,
    principal: &Principal,
    row: BankLine,
) -> Result<BankLine, FinanceError> {
    if row.amount.0 <= Decimal::ZERO {
        return Ok(row);
    }
    if let Some(reference) = row.reference.clone()
        && let Some(order) = named_order(txn, &reference).await?
    {
        match pay(txn, principal, &row, order.id).await {
            Ok(settled) => return Ok(settled),
            Err(FinanceError::Orders(
                OrderError::NotPayable { .. } | OrderError::Overpayment { .. },
            )) => {}
            Err(error) => return Err(error),
        }
    }
    let fitting = fitting_instalments(txn, &row).await?;
    let after = BankLine {
        status: if fitting.len() == 1 {
            BankLineStatus::Proposed
        } else {
            BankLineStatus::Unmatched
        },
        order_id: (fitting.len() == 1).then(|| fitting[0].order_id),
        candidates: i32::try_from(fitting.len()).unwrap_or(i32::MAX),
        ..row.clone()
    };
    save(txn, &row, after).await
}

/// Open instalments whose outstanding amount is the line's, due within the window of its day.
async fn fitting_instalments(
    txn: &TenantTransaction,
    row: &BankLine,
) -> Result<Vec<instalment::Model>, FinanceError> {
    let from = row.booked_on.checked_sub_days(Days::new(DATE_WINDOW));
    let to = row.booked_on.checked_add_days(Days::new(DATE_WINDOW));
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(Vec::new());
    };
    let open = txn
        .find::<instalment::Entity>()
        .filter(instalment::Column::Status.is_in(OUTSTANDING))
        .filter(instalment::Column::DueOn.between(from, to))
        .all(txn)
        .await?;
    Ok(open
        .into_iter()
        .filter(|i| outstanding(i) == row.amount.0)
        .collect())
}

/// Records the line as a payment of the order (its reference the line's fingerprint) and
/// settles the order's instalments.
async fn pay(
    txn: &TenantTransaction,
    principal: &Principal,
    row: &BankLine,
    order_id: Uuid,
) -> Result<BankLine, FinanceError> {
    let payment = PaymentIn {
        method: PaymentMethod::Transfer,
        amount: row.amount.0,
        reference: Some(format!("bank-{}", &row.fingerprint[..32])),
        paid_at: row.booked_on.and_hms_opt(12, 0, 0).map(|at| at.and_utc()),
    };
    let recorded = record_payment(txn, principal, order_id, &payment).await?;
    settlement::settle(txn, principal, order_id).await?;
    let after = BankLine {
        status: BankLineStatus::Settled,
        order_id: Some(order_id),
        payment_id: Some(recorded.payment.id),
        candidates: 0,
        ..row.clone()
    };
    save(txn, row, after).await
}

async fn save(
    txn: &TenantTransaction,
    before: &BankLine,
    mut after: BankLine,
) -> Result<BankLine, FinanceError> {
    after.version = before.version + 1;
    after.updated_at = Utc::now().trunc_subsecs(6);
    let updated = txn
        .update_many::<bank_line::Entity>()
        .set(sea_orm::ActiveModelTrait::reset_all(
            bank_line::ActiveModel::from(after.clone()),
        ))
        .filter(bank_line::Column::Id.eq(before.id))
        .filter(bank_line::Column::Version.eq(before.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(FinanceError::Stale {
            what: "the bank line",
            current: before.version + 1,
        });
    }
    Ok(after)
}

pub async fn find_line(txn: &TenantTransaction, id: Uuid) -> Result<BankLine, FinanceError> {
    txn.find::<bank_line::Entity>()
        .filter(bank_line::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(FinanceError::NotFound("bank line"))
}

/// Lines, newest first.
pub async fn list_lines(
    txn: &TenantTransaction,
    query: &BankLineQuery,
    page: PageRequest,
) -> Result<Paged<BankLine>, FinanceError> {
    let mut select = txn.find::<bank_line::Entity>();
    if let Some(status) = query.status {
        select = select.filter(bank_line::Column::Status.eq(status));
    }
    let rows = page.apply(select, bank_line::Column::Id).all(txn).await?;
    Ok(page.finish(rows, |r| r.id))
}
