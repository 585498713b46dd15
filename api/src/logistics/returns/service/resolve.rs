//! Resolving a received return: a refund through the orders module (never more than its
//! credit, nor than the order has received), or an exchange: a replacement order for the
//! customer, linked to the return and paid by its credit (moved off the original order as a
//! refund there), any difference left due.

use chrono::Utc;
use openapi::logistics::{Resolution, ResolveIn, ReturnStatus};
use openapi::orders::{OrderCustomerIn, OrderIn, OrderLineIn, PaymentIn, PaymentMethod};
use rust_decimal::Decimal;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{order, return_request};

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::logistics::returns::error::ReturnError;
use crate::logistics::returns::service::read::{
    ReturnView, advance, check_version, find_return, get_return,
};
use crate::numbering::Numbering;
use crate::orders::balance;
use crate::orders::service::order::{address_of, find_order, place_order};
use crate::orders::service::payment::{record_payment, refund};

pub async fn resolve(
    txn: &TenantTransaction,
    numbering: Numbering<'_>,
    principal: &Principal,
    id: Uuid,
    input: &ResolveIn,
    expected: Option<i32>,
) -> Result<ReturnView, ReturnError> {
    let before = find_return(txn, id).await?;
    check_version(&before, expected)?;
    if before.status != ReturnStatus::Received {
        return Err(ReturnError::WrongState {
            status: before.status,
            action: "resolved",
        });
    }
    let order = find_order(txn, before.order_id).await?;
    let after = match input.resolution {
        Resolution::Refund => refunded(txn, principal, &before, &order).await?,
        Resolution::Exchange => {
            exchanged(txn, numbering, principal, &before, &order, input).await?
        }
    };
    advance(
        txn,
        principal,
        &before,
        &[ReturnStatus::Received],
        after,
        "resolved",
        None,
    )
    .await?;
    get_return(txn, id).await
}

/// Gives the credit back, as far as the order has received it.
async fn refunded(
    txn: &TenantTransaction,
    principal: &Principal,
    head: &return_request::Model,
    order: &order::Model,
) -> Result<return_request::Model, ReturnError> {
    let amount = head.credit.0.min(balance::net_received(order));
    if amount > Decimal::ZERO {
        refund(txn, principal, order.id, amount, None).await?;
    }
    Ok(return_request::Model {
        status: ReturnStatus::Resolved,
        resolution: Some(Resolution::Refund),
        refunded: Some(Amount(amount)),
        ..head.clone()
    })
}

/// Places the replacement order and pays it with the credit.
async fn exchanged(
    txn: &TenantTransaction,
    numbering: Numbering<'_>,
    principal: &Principal,
    head: &return_request::Model,
    order: &order::Model,
    input: &ResolveIn,
) -> Result<return_request::Model, ReturnError> {
    if input.replacement.is_empty() {
        return Err(ReturnError::NoReplacement);
    }
    let replacement = OrderIn {
        customer: OrderCustomerIn {
            id: Some(order.customer_id),
            new: None,
        },
        channel_id: order.channel_id,
        lines: input
            .replacement
            .iter()
            .map(|l| OrderLineIn {
                variant_id: l.variant_id,
                quantity: l.quantity,
                unit_price: None,
                discount: None,
            })
            .collect(),
        shipping_address: address_of(order),
        shipping_fee: Some(Decimal::ZERO),
        discount: None,
        note: None,
        // The replacement goes the way the order went.
        shipping_service_id: order.shipping_service_id,
        // A replacement is paid by the return, never owed on terms.
        on_terms: Some(false),
    };
    let placed = place_order(txn, numbering, principal, &replacement).await?;
    let pay = head
        .credit
        .0
        .min(placed.order.total.0)
        .min(balance::net_received(order));
    if pay > Decimal::ZERO {
        // The credit leaves the original order before it pays the replacement, so it can be
        // spent once: a later refund of the original finds it gone.
        let reference = format!("RMA-{}", head.id);
        refund(txn, principal, order.id, pay, Some(&reference)).await?;
        let payment = PaymentIn {
            method: PaymentMethod::Transfer,
            amount: pay,
            reference: Some(reference),
            paid_at: Some(Utc::now()),
        };
        record_payment(txn, principal, placed.order.id, &payment).await?;
    }
    Ok(return_request::Model {
        status: ReturnStatus::Resolved,
        resolution: Some(Resolution::Exchange),
        replacement_order_id: Some(placed.order.id),
        ..head.clone()
    })
}
