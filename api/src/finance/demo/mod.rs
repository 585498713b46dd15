//! The demo store's invoices: one for each paid order, issued when it was paid; most NF-e
//! authorized (with access keys whose check digits are right), the latest pending or not sent,
//! one rejected; the refunded order's invoice credited in full; two payment notifications
//! waiting unmatched; the marketplace's commission and the gateways' fees, and the margin of
//! every paid order's lines. `payables`: supplier bills (one partly paid, one held, one
//! overdue) and the cash balance. `terms`: customers on terms, paid and overdue instalments, one
//! customer blocked by dunning with an order held.

mod payables;
mod terms;

pub use payables::seed_payables;
pub use terms::seed_credit;

use openapi::checks::access_key_digit;
use openapi::finance::{
    ChannelFee, CreditNoteIn, FeeIn, FinanceSettingsIn, FiscalIn, FiscalStatus, PaymentFee,
    PaymentNotificationIn,
};
use openapi::orders::{OrderQuery, OrderStatus, PaymentMethod};
use sea_orm::{ColumnTrait, DbErr, Order, QueryFilter};
use uuid::Uuid;

use entity::invoice;

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::service::issue::{Issued, issue_if_due};
use crate::finance::service::margins::commit as margins;
use crate::finance::service::{credit, fiscal, notification, settings};
use crate::orders::service::order::{OrderView, list_orders};
use crate::pagination::PageRequest;

const PAID: [OrderStatus; 6] = [
    OrderStatus::Paid,
    OrderStatus::Fulfilling,
    OrderStatus::Shipped,
    OrderStatus::Delivered,
    OrderStatus::Completed,
    OrderStatus::Refunded,
];

/// The demo store's CNPJ in its access keys (check digits right: 11.222.333/0001-81).
const CNPJ: &str = "11222333000181";

async fn paid_orders(txn: &TenantTransaction) -> Result<Vec<OrderView>, FinanceError> {
    let page = PageRequest::new(Some(200), None, Order::Asc)
        .map_err(|_| DbErr::Custom("the demo's page of orders".into()))?;
    let mut found = Vec::new();
    for status in PAID {
        let query = OrderQuery {
            status: Some(status),
            ..OrderQuery::default()
        };
        found.extend(list_orders(txn, &query, page.clone()).await?.items);
    }
    found.sort_by_key(|view| view.order.paid_at);
    Ok(found)
}

/// A well-formed access key of the demo store's NF-e `number` (São Paulo, model 55, series 1).
fn access_key(issued: chrono::DateTime<chrono::Utc>, number: i64) -> String {
    let body = format!(
        "35{}{CNPJ}55001{number:09}1{:08}",
        issued.format("%y%m"),
        number * 7919 % 100_000_000
    );
    let digits: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
    format!("{body}{}", access_key_digit(&digits))
}

/// `channels`: the demo's web store, marketplace and shop, in that order.
pub async fn seed(
    txn: &TenantTransaction,
    owner: &Principal,
    channels: &[Uuid],
) -> Result<(), FinanceError> {
    fees(txn, owner, channels).await?;
    let paid = invoices(txn, owner).await?;
    for order_id in paid {
        margins::commit(txn, order_id).await?;
    }
    notifications(txn, owner).await
}

fn fee(percent: &str, fixed: &str) -> Result<FeeIn, FinanceError> {
    let amount = |text: &str| {
        text.parse()
            .map_err(|_| FinanceError::from(DbErr::Custom("a demo fee".into())))
    };
    Ok(FeeIn {
        percent: amount(percent)?,
        fixed: amount(fixed)?,
    })
}

/// The marketplace's commission (16 % plus 5.00 an order) and the gateways' fees.
async fn fees(
    txn: &TenantTransaction,
    owner: &Principal,
    channels: &[Uuid],
) -> Result<(), FinanceError> {
    let channel_fees = channels
        .get(1)
        .map(|&channel_id| {
            Ok::<_, FinanceError>(ChannelFee {
                channel_id,
                fee: fee("16", "5.00")?,
            })
        })
        .transpose()?;
    let payment_fees = vec![
        PaymentFee {
            method: PaymentMethod::Card,
            fee: fee("3.99", "0.39")?,
        },
        PaymentFee {
            method: PaymentMethod::Pix,
            fee: fee("0.99", "0")?,
        },
        PaymentFee {
            method: PaymentMethod::Boleto,
            fee: fee("0", "3.49")?,
        },
    ];
    let input = FinanceSettingsIn {
        due_on_working_days: false,
        dunning: None,
        channel_fees: Some(channel_fees.into_iter().collect()),
        payment_fees: Some(payment_fees),
        cash_balance: None,
    };
    settings::update_settings(txn, owner, &input, None).await?;
    Ok(())
}

/// Two gateway notifications staff must look at: a boleto naming no order of the store, and
/// a pix of more than the open order it names owes.
async fn notifications(txn: &TenantTransaction, owner: &Principal) -> Result<(), FinanceError> {
    let query = OrderQuery {
        status: Some(OrderStatus::PendingPayment),
        ..OrderQuery::default()
    };
    let page = PageRequest::new(Some(1), None, Order::Asc)
        .map_err(|_| DbErr::Custom("the demo's page of orders".into()))?;
    let open = list_orders(txn, &query, page).await?.items.pop();
    let sent = [
        (
            "bol-2026-000917",
            PaymentMethod::Boleto,
            "89.90",
            None,
            Some(999),
        ),
        (
            "pix-E0000000120261201",
            PaymentMethod::Pix,
            "1000.00",
            open.map(|o| o.order.id),
            None,
        ),
    ];
    for (reference, method, amount, order_id, order_number) in sent {
        let input = PaymentNotificationIn {
            reference: reference.into(),
            method,
            amount: amount
                .parse()
                .map_err(|_| DbErr::Custom("a demo amount".into()))?,
            order_id,
            order_number,
            paid_at: None,
        };
        notification::receive(txn, owner, &input).await?;
    }
    Ok(())
}

/// Invoices the paid orders; their ids.
async fn invoices(txn: &TenantTransaction, owner: &Principal) -> Result<Vec<Uuid>, FinanceError> {
    let orders = paid_orders(txn).await?;
    let count = orders.len();
    let ids = orders.iter().map(|view| view.order.id).collect();
    for (i, view) in orders.into_iter().enumerate() {
        let Issued::New(issued) = issue_if_due(txn, owner, view.order.id).await? else {
            continue;
        };
        let paid_at = view.order.paid_at.unwrap_or(issued.head.issued_at);
        txn.update_many::<invoice::Entity>()
            .col_expr(invoice::Column::IssuedAt, paid_at.into())
            .filter(invoice::Column::Id.eq(issued.head.id))
            .exec(txn)
            .await?;
        let report = match count - i {
            1 => None,
            2 => Some((FiscalStatus::Pending, None)),
            3 => Some((FiscalStatus::Rejected, None)),
            _ => Some((
                FiscalStatus::Authorized,
                Some(access_key(paid_at, issued.head.number)),
            )),
        };
        if let Some((status, access_key)) = report {
            let input = FiscalIn { status, access_key };
            fiscal::report_fiscal(txn, owner, issued.head.id, &input, None).await?;
        }
        if view.order.status == OrderStatus::Refunded {
            let input = CreditNoteIn {
                reason: "Reembolso: produto com defeito".into(),
                lines: None,
                include_shipping: true,
            };
            credit::credit_invoice(txn, owner, issued.head.id, &input).await?;
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_access_keys_pass_their_own_check() {
        let key = super::access_key(chrono::Utc::now(), 42);
        assert_eq!(key.len(), 44);
        assert!(openapi::checks::fiscal_access_key(&key).is_ok(), "{key}");
    }
}
