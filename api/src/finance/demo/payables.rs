//! The demo store's payables and cash: three suppliers' purchase orders received (at the
//! variants' average cost, so no margin moves) and billed: one bill partly paid, one held
//! for a manager (billing more than arrived, dearer), one overdue; and the cash balance of two
//! weeks ago that cash flow starts from.

use std::collections::BTreeMap;

use chrono::{Days, Utc};
use openapi::finance::{BillIn, BillLineIn, CashBalance, FinanceSettingsIn};
use openapi::inventory::{PurchaseOrderIn, PurchaseOrderLineIn, ReceiptIn, ReceiptLineIn};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::access::Principal;
use crate::catalog::service::supplier::main_suppliers;
use crate::catalog::service::variant::variants_by_id;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::service::instalments::store_today;
use crate::finance::service::payables::{enter, settle};
use crate::finance::service::settings;
use crate::inventory::service::purchase_order;

const UNITS: i64 = 12;

pub async fn seed_payables(
    txn: &TenantTransaction,
    owner: &Principal,
    location: Uuid,
    variants: &[Uuid],
) -> Result<(), FinanceError> {
    let today = store_today(txn, Utc::now()).await?;
    let suppliers = main_suppliers(txn, variants.to_vec()).await?;
    let costs = variants_by_id(txn, variants.to_vec()).await?;
    let mut by_supplier: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    for variant in variants {
        if let Some(supplier) = suppliers.get(variant) {
            by_supplier.entry(*supplier).or_default().push(*variant);
        }
    }
    for (k, (supplier, bought)) in by_supplier.into_iter().enumerate().take(3) {
        let lines = bought
            .iter()
            .take(2)
            .map(|variant| PurchaseOrderLineIn {
                variant_id: *variant,
                quantity: UNITS,
                unit_cost: costs.get(variant).map(|v| v.average_cost.0),
            })
            .collect();
        let input = PurchaseOrderIn {
            supplier_id: supplier,
            location_id: location,
            note: Some("Pedido faturado pelo fornecedor".into()),
            lines,
        };
        let order = purchase_order::create_purchase_order(txn, owner, &input).await?;
        let id = order.order.id;
        purchase_order::send_purchase_order(txn, owner, id, None).await?;
        // The second supplier delivers four units short on its first line.
        let receipt = ReceiptIn {
            lines: order
                .lines
                .iter()
                .enumerate()
                .map(|(i, (line, _))| ReceiptLineIn {
                    line_id: line.id,
                    quantity: if k == 1 && i == 0 { UNITS - 4 } else { UNITS },
                })
                .collect(),
            note: None,
        };
        purchase_order::receive_purchase_order(txn, owner, id, &receipt, None).await?;
        let (issued_ago, due_in): (u64, i64) = match k {
            0 => (6, 24),
            1 => (3, 27),
            _ => (40, -5),
        };
        let bill = BillIn {
            purchase_order_id: id,
            number: format!("NF {}", 4510 + k * 137),
            issued_on: today - Days::new(issued_ago),
            due_on: if due_in >= 0 {
                today + Days::new(due_in.unsigned_abs())
            } else {
                today - Days::new(due_in.unsigned_abs())
            },
            lines: order
                .lines
                .iter()
                .map(|(line, _)| BillLineIn {
                    purchase_order_line_id: line.id,
                    quantity: UNITS,
                    // The held one's supplier charges a real more a unit than agreed.
                    unit_cost: line.unit_cost.0 + if k == 1 { Decimal::ONE } else { Decimal::ZERO },
                })
                .collect(),
        };
        let entered = enter::enter_bill(txn, owner, &bill).await?;
        if k == 0 {
            let part = (entered.total.0 * Decimal::new(4, 1)).round_dp(2);
            settle::pay_bill(txn, owner, entered.id, (part, today), None).await?;
        }
    }
    let balance = FinanceSettingsIn {
        due_on_working_days: false,
        dunning: None,
        channel_fees: None,
        payment_fees: None,
        cash_balance: Some(CashBalance {
            amount: Decimal::new(1_850_000, 2),
            on: today - Days::new(14),
        }),
    };
    settings::update_settings(txn, owner, &balance, None).await?;
    Ok(())
}
