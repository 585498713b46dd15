//! Bank reconciliation: a statement's CSV (date, amount, description, reference) read all or
//! nothing; each line new to the store (by its fingerprint) is matched by its reference to the
//! order it pays and settled through the order's payments — its payment reference is the
//! line's fingerprint, so nothing is settled twice —, or proposed when exactly one open
//! instalment fits its amount and date, or left for staff to match or classify.

use chrono::{Days, NaiveDate, SubsecRound, Utc};
use openapi::finance::{BankImportOut, BankLineQuery, BankLineStatus};
use openapi::orders::{PaymentIn, PaymentMethod};
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use sha2::{Digest, Sha256};
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
use crate::import_file::{self, ImportRequest, RowErrors};
use crate::orders::error::OrderError;
use crate::orders::service::order::find_by_number;
use crate::orders::service::payment::record_payment;
use crate::pagination::{PageRequest, Paged};

const REQUIRED: [&str; 3] = ["date", "amount", "description"];
const COLUMNS: [&str; 1] = ["reference"];
/// Days either side of an instalment's due date a payment of its amount is taken to be it.
const DATE_WINDOW: u64 = 5;

/// A statement line as read from the file.
pub struct StatementLine {
    pub line_no: i32,
    pub booked_on: NaiveDate,
    pub amount: Decimal,
    pub description: String,
    pub reference: Option<String>,
}

/// `2026-12-04` or `04/12/2026`.
fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// `1234.56`, `-12.00`, or as Brazilian banks write it, `1.234,56`.
fn money(text: &str) -> Option<Decimal> {
    let plain = if text.contains(',') {
        text.replace('.', "").replace(',', ".")
    } else {
        text.to_owned()
    };
    plain.parse::<Decimal>().ok().filter(|a| a.scale() <= 4)
}

/// Reads the file: every bad value named by its line, nothing kept when there is one.
pub fn parse_statement(request: &ImportRequest<'_>) -> Result<Vec<StatementLine>, FinanceError> {
    let file = import_file::parse(request.file, &REQUIRED, &COLUMNS, request.max_rows)?;
    let mut errors = RowErrors::default();
    let mut lines = Vec::with_capacity(file.rows.len());
    for row in &file.rows {
        let booked_on = row.get("date").and_then(day);
        let amount = row.get("amount").and_then(money);
        let description = row.get("description").unwrap_or_default();
        if booked_on.is_none() {
            errors.add(
                row.line,
                "date",
                "must be a date such as 2026-12-04 or 04/12/2026",
            );
        }
        if amount.is_none_or(|a| a.is_zero()) {
            errors.add(
                row.line,
                "amount",
                "must be an amount other than 0, such as 119.80",
            );
        }
        if description.chars().count() > 500 {
            errors.add(row.line, "description", "must be at most 500 characters");
        }
        if let (Some(booked_on), Some(amount)) = (booked_on, amount) {
            lines.push(StatementLine {
                line_no: i32::try_from(row.line).unwrap_or(i32::MAX),
                booked_on,
                amount,
                description: description.to_owned(),
                reference: row.get("reference").map(str::to_owned),
            });
        }
    }
    errors
        .check(0)
        .map_err(|rows| FinanceError::BadFile(Box::new(rows)))?;
    Ok(lines)
}

/// The same line imported again has the same fingerprint: its date, amount, reference and
/// description, and how many equal lines came before it in its file.
fn fingerprints(lines: &[StatementLine]) -> Vec<String> {
    let mut seen = std::collections::HashMap::new();
    lines
        .iter()
        .map(|line| {
            let key = format!(
                "{}|{}|{}|{}",
                line.booked_on,
                line.amount.normalize(),
                line.reference.as_deref().unwrap_or(""),
                line.description
            );
            let count = seen.entry(key.clone()).or_insert(0u32);
            *count += 1;
            hex::encode(Sha256::digest(format!("{key}|{count}")))
        })
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_days_read_as_banks_write_them() {
        assert_eq!(money("1.234,56"), "1234.56".parse().ok());
        assert_eq!(money("-12.00"), "-12.00".parse().ok());
        assert_eq!(money("12,5"), "12.5".parse().ok());
        assert_eq!(money("abc"), None);
        assert_eq!(day("04/12/2026"), NaiveDate::from_ymd_opt(2026, 12, 4));
        assert_eq!(day("2026-12-04"), NaiveDate::from_ymd_opt(2026, 12, 4));
        assert_eq!(day("2026-13-04"), None);
    }
}
