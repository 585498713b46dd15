//! Reading supplier bills: the list (filtered, newest first), one bill with its lines beside
//! what was ordered and received, and what the store owes its suppliers by age.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use openapi::finance::{
    AgeingBuckets, AgeingTotal, BillLineOut, BillOut, BillQuery, BillStatus, PayablesAgeingOut,
    SupplierAgeing,
};
use openapi::tenancy::Currency;
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use entity::{supplier_bill, supplier_bill_line};

use crate::catalog::service::supplier::suppliers_by_ids;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::plan;
use crate::finance::service::payables::enter::billed_of;
use crate::finance::three_way::{Ordered, check};
use crate::inventory::service::purchase_order::purchase_orders_by_ids;
use crate::pagination::{PageRequest, Paged};

/// Stored statuses still owed.
pub const OWED: [BillStatus; 3] = [
    BillStatus::Held,
    BillStatus::Open,
    BillStatus::PartiallyPaid,
];

/// Where a bill stands on `today`: open or partly paid past its due date is overdue.
pub fn status_on(bill: &supplier_bill::Model, today: NaiveDate) -> BillStatus {
    match bill.status {
        BillStatus::Open | BillStatus::PartiallyPaid if bill.due_on < today => BillStatus::Overdue,
        status => status,
    }
}

pub fn outstanding(bill: &supplier_bill::Model) -> rust_decimal::Decimal {
    bill.total.0 - bill.paid.0
}

pub async fn list_bills(
    txn: &TenantTransaction,
    query: &BillQuery,
    page: PageRequest,
    today: NaiveDate,
) -> Result<Paged<supplier_bill::Model>, FinanceError> {
    let mut select = txn.find::<supplier_bill::Entity>();
    select = match query.status {
        Some(BillStatus::Overdue) => select
            .filter(
                supplier_bill::Column::Status.is_in([BillStatus::Open, BillStatus::PartiallyPaid]),
            )
            .filter(supplier_bill::Column::DueOn.lt(today)),
        Some(status) => select.filter(supplier_bill::Column::Status.eq(status)),
        None => select,
    };
    if let Some(supplier_id) = query.supplier_id {
        select = select.filter(supplier_bill::Column::SupplierId.eq(supplier_id));
    }
    if let Some(order_id) = query.purchase_order_id {
        select = select.filter(supplier_bill::Column::PurchaseOrderId.eq(order_id));
    }
    let rows = page
        .apply(select, supplier_bill::Column::Id)
        .all(txn)
        .await?;
    Ok(page.finish(rows, |bill| bill.id))
}

/// The bills as the API shows them; with their lines when `with_lines`.
pub async fn bills_out(
    txn: &TenantTransaction,
    bills: Vec<supplier_bill::Model>,
    today: NaiveDate,
    with_lines: bool,
) -> Result<Vec<BillOut>, FinanceError> {
    let supplier_ids = bills.iter().map(|b| b.supplier_id).collect();
    let names: HashMap<Uuid, String> = suppliers_by_ids(txn, supplier_ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let order_ids: Vec<Uuid> = bills.iter().map(|b| b.purchase_order_id).collect();
    let orders = purchase_orders_by_ids(txn, order_ids).await?;
    let mut out = Vec::with_capacity(bills.len());
    for bill in bills {
        let order = orders.iter().find(|o| o.order.id == bill.purchase_order_id);
        let lines = match (with_lines, order) {
            (true, Some(order)) => lines_out(txn, &bill, order).await?,
            _ => Vec::new(),
        };
        let owed = outstanding(&bill);
        out.push(BillOut {
            id: bill.id,
            supplier_id: bill.supplier_id,
            supplier_name: names.get(&bill.supplier_id).cloned().unwrap_or_default(),
            purchase_order_id: bill.purchase_order_id,
            purchase_order_number: order.map(|o| o.order.number).unwrap_or_default(),
            number: bill.number.clone(),
            issued_on: bill.issued_on,
            due_on: bill.due_on,
            currency: bill.currency,
            total: bill.total.0,
            paid: bill.paid.0,
            outstanding: owed,
            difference: bill.difference.0,
            status: status_on(&bill, today),
            days_overdue: if owed.is_zero() {
                0
            } else {
                plan::days_overdue(bill.due_on, today)
            },
            approved_by: bill.approved_by,
            approval_note: bill.approval_note.clone(),
            lines,
            version: bill.version,
        });
    }
    Ok(out)
}

/// A bill's lines beside their purchase order lines now, checked again (earlier bills are
/// those entered before it).
async fn lines_out(
    txn: &TenantTransaction,
    bill: &supplier_bill::Model,
    order: &crate::inventory::service::purchase_order::PurchaseOrderView,
) -> Result<Vec<BillLineOut>, FinanceError> {
    let mut lines = txn
        .find::<supplier_bill_line::Entity>()
        .filter(supplier_bill_line::Column::BillId.eq(bill.id))
        .all(txn)
        .await?;
    lines.sort_by_key(|l| l.line_no);
    let earlier = billed_of(
        txn,
        lines.iter().map(|l| l.purchase_order_line_id).collect(),
    )
    .await?;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let Some((po_line, sku)) = order
            .lines
            .iter()
            .find(|(l, _)| l.id == line.purchase_order_line_id)
        else {
            continue;
        };
        let billed_before = earlier
            .iter()
            .filter(|e| {
                e.purchase_order_line_id == line.purchase_order_line_id && e.bill_id < bill.id
            })
            .map(|e| e.quantity)
            .sum();
        let ordered = Ordered {
            ordered: po_line.quantity_ordered,
            received: po_line.quantity_received,
            billed_before,
            unit_cost: po_line.unit_cost.0,
        };
        let checked = check(&ordered, line.quantity, line.unit_cost.0, bill.currency);
        out.push(BillLineOut {
            id: line.id,
            purchase_order_line_id: line.purchase_order_line_id,
            variant_id: line.variant_id,
            sku: sku.clone(),
            ordered: ordered.ordered,
            received: ordered.received,
            billed_before,
            quantity: line.quantity,
            ordered_unit_cost: ordered.unit_cost,
            unit_cost: line.unit_cost.0,
            total: line.total.0,
            difference: line.difference.0,
            mismatches: checked.mismatches,
        });
    }
    Ok(out)
}

/// Bills still owed, whatever their due dates (cash flow reads them too).
pub async fn owed_bills(
    txn: &TenantTransaction,
) -> Result<Vec<supplier_bill::Model>, FinanceError> {
    Ok(txn
        .find::<supplier_bill::Entity>()
        .filter(supplier_bill::Column::Status.is_in(OWED))
        .all(txn)
        .await?)
}

/// What the store owes each supplier, by how long past due.
pub async fn payables_ageing(
    txn: &TenantTransaction,
    today: NaiveDate,
) -> Result<PayablesAgeingOut, FinanceError> {
    let bills = owed_bills(txn).await?;
    let mut per_supplier: BTreeMap<(Uuid, Currency), AgeingBuckets> = BTreeMap::new();
    let mut totals: BTreeMap<Currency, AgeingBuckets> = BTreeMap::new();
    for bill in &bills {
        let (owed, days) = (outstanding(bill), plan::days_overdue(bill.due_on, today));
        plan::age(
            per_supplier
                .entry((bill.supplier_id, bill.currency))
                .or_default(),
            owed,
            days,
        );
        plan::age(totals.entry(bill.currency).or_default(), owed, days);
    }
    let ids = per_supplier.keys().map(|(id, _)| *id).collect();
    let names: HashMap<Uuid, String> = suppliers_by_ids(txn, ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut suppliers: Vec<SupplierAgeing> = per_supplier
        .into_iter()
        .map(|((supplier_id, currency), buckets)| SupplierAgeing {
            supplier_name: names.get(&supplier_id).cloned().unwrap_or_default(),
            supplier_id,
            currency,
            buckets,
        })
        .collect();
    suppliers.sort_by(|a, b| {
        b.buckets
            .total
            .cmp(&a.buckets.total)
            .then_with(|| a.supplier_name.cmp(&b.supplier_name))
    });
    Ok(PayablesAgeingOut {
        as_of: today,
        suppliers,
        totals: totals
            .into_iter()
            .map(|(currency, buckets)| AgeingTotal { currency, buckets })
            .collect(),
    })
}
