//! Entering a supplier bill: its purchase order locked (two bills of one order are checked one
//! after the other), each line checked three ways against what was ordered, received and
//! billed before, and the bill held for a manager when any line disagrees.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use openapi::finance::{BillIn, BillStatus};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::PurchaseOrderStatus;
use entity::{purchase_order_line, supplier_bill, supplier_bill_line};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::{self, TenantTransaction};
use crate::finance::error::FinanceError;
use crate::finance::three_way::{Ordered, check};
use crate::inventory::service::purchase_order::lock_for_billing;

/// What earlier bills billed of each purchase order line.
pub async fn billed_of(
    txn: &TenantTransaction,
    po_lines: Vec<Uuid>,
) -> Result<Vec<supplier_bill_line::Model>, FinanceError> {
    Ok(txn
        .find::<supplier_bill_line::Entity>()
        .filter(supplier_bill_line::Column::PurchaseOrderLineId.is_in(po_lines))
        .all(txn)
        .await?)
}

/// Enters the bill, held when it disagrees with its purchase order. 409 when nothing of the
/// order was received or the supplier's number was entered already; 422 for a line of another
/// order, a line twice, or a due date before the issue date.
pub async fn enter_bill(
    txn: &TenantTransaction,
    principal: &Principal,
    input: &BillIn,
) -> Result<supplier_bill::Model, FinanceError> {
    if input.due_on < input.issued_on {
        return Err(FinanceError::DueBeforeIssue);
    }
    let order = lock_for_billing(txn, input.purchase_order_id).await?;
    let received = [
        PurchaseOrderStatus::PartiallyReceived,
        PurchaseOrderStatus::Received,
    ];
    if !received.contains(&order.order.status) {
        return Err(FinanceError::NotReceived);
    }
    let po_lines: HashMap<Uuid, purchase_order_line::Model> = order
        .lines
        .into_iter()
        .map(|(line, _)| (line.id, line))
        .collect();
    let named: HashSet<Uuid> = input
        .lines
        .iter()
        .map(|l| l.purchase_order_line_id)
        .collect();
    if named.len() != input.lines.len() {
        return Err(FinanceError::RepeatedLine);
    }
    if named.iter().any(|id| !po_lines.contains_key(id)) {
        return Err(FinanceError::UnknownOrderLine);
    }
    let mut billed_before: HashMap<Uuid, i64> = HashMap::new();
    for line in billed_of(txn, named.into_iter().collect()).await? {
        *billed_before
            .entry(line.purchase_order_line_id)
            .or_default() += line.quantity;
    }
    let now = Utc::now();
    let bill_id = Uuid::now_v7();
    let mut rows = Vec::with_capacity(input.lines.len());
    let mut held = false;
    for (i, line) in input.lines.iter().enumerate() {
        let po_line = &po_lines[&line.purchase_order_line_id];
        let ordered = Ordered {
            ordered: po_line.quantity_ordered,
            received: po_line.quantity_received,
            billed_before: billed_before.get(&po_line.id).copied().unwrap_or_default(),
            unit_cost: po_line.unit_cost.0,
        };
        let checked = check(&ordered, line.quantity, line.unit_cost, order.currency);
        held |= !checked.mismatches.is_empty();
        rows.push(supplier_bill_line::Model {
            tenant_id: txn.tenant(),
            id: Uuid::now_v7(),
            bill_id,
            line_no: i as i32 + 1,
            purchase_order_line_id: po_line.id,
            variant_id: po_line.variant_id,
            quantity: line.quantity,
            unit_cost: Amount(line.unit_cost),
            total: Amount(checked.total),
            difference: Amount(checked.difference),
        });
    }
    let total: Decimal = rows.iter().map(|r| r.total.0).sum();
    let difference: Decimal = rows.iter().map(|r| r.difference.0).sum();
    let bill = supplier_bill::Model {
        tenant_id: txn.tenant(),
        id: bill_id,
        supplier_id: order.order.supplier_id,
        purchase_order_id: order.order.id,
        number: input.number.trim().to_owned(),
        issued_on: input.issued_on,
        due_on: input.due_on,
        currency: order.currency,
        total: Amount(total),
        paid: Amount(Decimal::ZERO),
        difference: Amount(difference),
        status: if held {
            BillStatus::Held
        } else {
            BillStatus::Open
        },
        approved_by: None,
        approval_note: None,
        approved_at: None,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    supplier_bill::Entity::insert(supplier_bill::ActiveModel::from(bill.clone()))
        .exec_without_returning(txn)
        .await
        .map_err(|error| {
            db::taken_or(error, || FinanceError::BillNumberTaken {
                number: bill.number.clone(),
            })
        })?;
    supplier_bill_line::Entity::insert_many(
        rows.into_iter().map(supplier_bill_line::ActiveModel::from),
    )
    .exec_without_returning(txn)
    .await?;
    let change = Change {
        action: "bill.enter",
        entity_type: "supplier_bill",
        entity_id: Some(bill.id),
        before: None,
        after: Some(json!({
            "number": bill.number,
            "purchase_order_id": bill.purchase_order_id,
            "total": total.to_string(),
            "difference": difference.to_string(),
            "status": bill.status,
        })),
    };
    audit::record(txn, principal, change).await?;
    Ok(bill)
}
