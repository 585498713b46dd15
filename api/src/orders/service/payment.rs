//! Payments and refunds. Payments add up until what was received (paid less refunded,
//! `orders::balance`) covers the total, which makes the order paid; refunds never exceed what
//! was received. A payment's reference is unique in the store, so
//! a gateway that notifies twice changes nothing the second time.

use crate::db::TenantTransaction;
use chrono::{SubsecRound, Utc};
use openapi::events::{Event, OrderPaymentRecorded, OrderRefunded};
use openapi::orders::{OrderStatus, PaymentIn};
use openapi::tenancy::Currency;
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::{OrderEventKind, PaymentKind};
use entity::payment;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::i18n::{Arg, Key, Message};
use crate::orders::balance;
use crate::orders::error::OrderError;
use crate::orders::service::order::{
    currency_of, lock_order, move_to, record_event, set_money, status_of,
};
use crate::orders::state::{self, Trigger};
use crate::orders::totals;
use crate::outbox;

/// A recorded payment, and whether this request recorded it or found it recorded before.
pub struct Recorded {
    pub payment: payment::Model,
    pub replayed: bool,
}

async fn by_reference(
    conn: &TenantTransaction,
    reference: &str,
) -> Result<Option<payment::Model>, OrderError> {
    let tenant_id = conn.tenant();
    Ok(payment::Entity::find_in(tenant_id)
        .filter(payment::Column::Reference.eq(reference))
        .one(conn)
        .await?)
}

fn replay(existing: payment::Model, order_id: Uuid) -> Result<Recorded, OrderError> {
    if existing.order_id != order_id {
        return Err(OrderError::ReferenceTaken {
            reference: existing.reference.unwrap_or_default(),
        });
    }
    Ok(Recorded {
        payment: existing,
        replayed: true,
    })
}

pub async fn record_payment(
    conn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
    input: &PaymentIn,
) -> Result<Recorded, OrderError> {
    let order = lock_order(conn, order_id).await?;
    pay_locked(conn, principal, order, input).await
}

/// The payment recorded before under the input's reference, answered again, when there is
/// one; otherwise `refusal`. A gateway's retry of a payment that made the order paid is a
/// replay, not a payment refused.
async fn replay_or(
    conn: &TenantTransaction,
    order_id: Uuid,
    input: &PaymentIn,
    refusal: OrderError,
) -> Result<Recorded, OrderError> {
    match &input.reference {
        Some(reference) => match by_reference(conn, reference).await? {
            Some(existing) => replay(existing, order_id),
            None => Err(refusal),
        },
        None => Err(refusal),
    }
}

/// Records a payment on an order whose lock the caller holds. A reference recorded already
/// (on this order: the first answer again; on another: refused) is caught by the insert.
pub async fn pay_locked(
    conn: &TenantTransaction,
    principal: &Principal,
    order: entity::order::Model,
    input: &PaymentIn,
) -> Result<Recorded, OrderError> {
    let (tenant_id, order_id) = (conn.tenant(), order.id);
    let status = status_of(&order);
    if !state::takes_payment(status, order.payment_terms.is_some()) {
        return replay_or(conn, order_id, input, OrderError::NotPayable { status }).await;
    }
    let currency = currency_of(&order);
    let amount = totals::exact_amount(input.amount, currency, "amount")?;
    let due = balance::due(&order);
    if amount > due {
        return replay_or(
            conn,
            order_id,
            input,
            OrderError::Overpayment { amount, due },
        )
        .await;
    }
    // Microseconds, as the databases keep them: a replay then answers exactly as the first.
    let now = Utc::now().trunc_subsecs(6);
    let payment = payment::Model {
        tenant_id,
        id: Uuid::now_v7(),
        order_id,
        kind: PaymentKind::Payment,
        method: Some(input.method),
        amount: Amount(amount),
        reference: input.reference.clone(),
        reason: None,
        paid_at: input.paid_at.map_or(now, |at| at.trunc_subsecs(6)),
        created_at: now,
    };
    let inserted = payment::Entity::insert(payment::ActiveModel::from(payment.clone()))
        .on_conflict(
            OnConflict::columns([payment::Column::TenantId, payment::Column::Reference])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    if inserted == 0 {
        // The reference was recorded before (a retry, or a concurrent request that committed
        // first): the first answer again, or refused if it is another order's.
        let existing = by_reference(conn, input.reference.as_deref().unwrap_or(""))
            .await?
            .ok_or(OrderError::NotFound("payment"))?;
        return replay(existing, order_id);
    }
    let method = input.method.as_str();
    let message = Message::new(Key::OrderPayment)
        .with("amount", Arg::money(amount, currency))
        .with("method", method);
    record_event(
        conn,
        principal,
        &order,
        OrderEventKind::Payment,
        None,
        None,
        message,
    )
    .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "order.payment",
            entity_type: "order",
            entity_id: Some(order_id),
            before: None,
            after: Some(json!({
                "payment_id": payment.id,
                "method": method,
                "amount": amount,
                "reference": input.reference,
            })),
        },
    )
    .await?;
    let event = Event::OrderPaymentRecorded(OrderPaymentRecorded {
        order_id,
        payment_id: payment.id,
    });
    outbox::emit(conn, &event).await?;
    let received = entity::order::Model {
        paid: Amount(order.paid.0 + amount),
        ..order.clone()
    };
    // A held order stays held until staff release it; releasing then makes it paid. Moving
    // writes the new sum with the status, in one update.
    if balance::covered(&received) && state::allows(status, OrderStatus::Paid, Trigger::Payment) {
        move_to(conn, principal, received, OrderStatus::Paid, None).await?;
    } else {
        set_money(conn, &order, received.paid.0, received.refunded.0).await?;
    }
    Ok(Recorded {
        payment,
        replayed: false,
    })
}

/// Gives money back. Never more than was received, and only while the order may take
/// refunds (`state::may_refund`).
pub async fn refund(
    conn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
    amount: Decimal,
    reason: Option<&str>,
) -> Result<payment::Model, OrderError> {
    let order = lock_order(conn, order_id).await?;
    let status = status_of(&order);
    if !state::may_refund(status) {
        return Err(OrderError::NotRefundable { status });
    }
    give_back(conn, principal, order, amount, reason).await
}

/// Records a refund on an order whose lock the caller holds (a refund, or cancelling, which
/// gives back the rest); everything received given back from a paid order makes it refunded.
pub async fn give_back(
    conn: &TenantTransaction,
    principal: &Principal,
    order: entity::order::Model,
    amount: Decimal,
    reason: Option<&str>,
) -> Result<payment::Model, OrderError> {
    let (tenant_id, order_id, status) = (conn.tenant(), order.id, status_of(&order));
    let amount = totals::exact_amount(amount, currency_of(&order), "amount")?;
    let refundable = balance::net_received(&order);
    if amount > refundable {
        return Err(OrderError::OverRefund { amount, refundable });
    }
    let now = Utc::now();
    let refund = payment::Model {
        tenant_id,
        id: Uuid::now_v7(),
        order_id,
        kind: PaymentKind::Refund,
        method: None,
        amount: Amount(amount),
        reference: None,
        reason: reason.map(str::to_owned),
        paid_at: now,
        created_at: now,
    };
    payment::Entity::insert(payment::ActiveModel::from(refund.clone()))
        .exec_without_returning(conn)
        .await?;
    let order = set_money(conn, &order, order.paid.0, order.refunded.0 + amount).await?;
    let message =
        Message::new(Key::OrderRefund).with("amount", Arg::money(amount, currency_of(&order)));
    record_event(
        conn,
        principal,
        &order,
        OrderEventKind::Refund,
        None,
        None,
        message,
    )
    .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "order.refund",
            entity_type: "order",
            entity_id: Some(order_id),
            before: None,
            after: Some(json!({ "refund_id": refund.id, "amount": amount, "reason": reason })),
        },
    )
    .await?;
    let event = Event::OrderRefunded(OrderRefunded {
        order_id,
        refund_id: refund.id,
    });
    outbox::emit(conn, &event).await?;
    if balance::net_received(&order).is_zero()
        && state::allows(status, OrderStatus::Refunded, Trigger::Refund)
    {
        move_to(conn, principal, order, OrderStatus::Refunded, None).await?;
    }
    Ok(refund)
}

/// The currency of an order's payments and refunds: the order's own, whatever the store's is
/// now.
pub async fn order_currency(
    conn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Currency, OrderError> {
    let order = crate::orders::service::order::find_order(conn, order_id).await?;
    Ok(currency_of(&order))
}

pub async fn payments_of(
    conn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Vec<payment::Model>, OrderError> {
    let tenant_id = conn.tenant();
    crate::orders::service::order::find_order(conn, order_id).await?;
    Ok(payment::Entity::find_in(tenant_id)
        .filter(payment::Column::OrderId.eq(order_id))
        .order_by_asc(payment::Column::Id)
        .all(conn)
        .await?)
}

/// The store's payments and refunds received or given from `from` to `to` (cash flow's
/// actuals).
pub async fn payments_between(
    conn: &TenantTransaction,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<payment::Model>, OrderError> {
    Ok(payment::Entity::find_in(conn.tenant())
        .filter(payment::Column::PaidAt.between(from, to))
        .all(conn)
        .await?)
}
