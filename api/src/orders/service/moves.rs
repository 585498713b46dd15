//! Moving an order through the state machine (`orders::state`) at staff's request or as its
//! money arrives, with its timeline, audit entry and event; and its paid and refunded sums.

use crate::db::TenantTransaction;
use chrono::Utc;
use entity::TenantId;
use openapi::events::{Event, OrderMoved};
use openapi::orders::OrderStatus;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryTrait,
};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::OrderEventKind;
use entity::{order, order_event};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::i18n::{Key, Message};
use crate::inventory::service::reservation::{self, Ending};
use crate::orders::balance;
use crate::orders::error::OrderError;
use crate::orders::state::{self, Trigger};
use crate::outbox;

/// Order numbers start here, so the first order of a store is #1001.
use super::order::*;

/// Writes an entry of the order's timeline: its message is stored as a key with arguments and
/// rendered when read.
pub async fn record_event(
    conn: &TenantTransaction,
    principal: &Principal,
    order: &order::Model,
    kind: OrderEventKind,
    from: Option<OrderStatus>,
    to: Option<OrderStatus>,
    message: Message,
) -> Result<(), OrderError> {
    let entry = event(
        principal,
        order.tenant_id,
        order.id,
        kind,
        from,
        to,
        message,
    );
    queue_event(conn, entry);
    Ok(())
}

/// Queues the entry to go with the transaction's last writes: only later requests read a
/// timeline (the order's page, a return's window).
pub(super) fn queue_event(conn: &TenantTransaction, entry: order_event::Model) {
    let insert = order_event::Entity::insert(order_event::ActiveModel::from(entry));
    conn.queue([insert.build(conn.get_database_backend())]);
}

pub(super) fn event(
    principal: &Principal,
    tenant_id: TenantId,
    order_id: Uuid,
    kind: OrderEventKind,
    from: Option<OrderStatus>,
    to: Option<OrderStatus>,
    message: Message,
) -> order_event::Model {
    order_event::Model {
        tenant_id,
        id: Uuid::now_v7(),
        order_id,
        kind,
        from_status: from,
        to_status: to,
        message: message.to_stored(),
        actor_id: principal.recorded_actor_id(),
        at: Utc::now(),
    }
}

/// Moves an order at staff's request (see `state`). Cancelling gives the stock back and
/// refunds what was paid; releasing a fully paid order from hold makes it paid.
pub async fn transition(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    to: OrderStatus,
    reason: Option<&str>,
    expected_version: Option<i32>,
) -> Result<OrderView, OrderError> {
    let order = lock_order(conn, id).await?;
    if expected_version.is_some_and(|v| v != order.version) {
        return Err(OrderError::Stale {
            what: "the order",
            current: order.version,
        });
    }
    let from = status_of(&order);
    if !state::allows(from, to, Trigger::Staff) {
        return Err(OrderError::IllegalTransition {
            from,
            to,
            allowed: state::staff_moves_from(from),
        });
    }
    // A paid order a rule held goes back to paid: its stock is committed, its money taken.
    let to = if from == OrderStatus::OnHold
        && order.paid_at.is_some()
        && to == OrderStatus::PendingPayment
    {
        OrderStatus::Paid
    } else {
        to
    };
    let order = move_to(conn, principal, order, to, reason).await?;
    let order = if to == OrderStatus::PendingPayment {
        onward_from_release(conn, principal, order).await?
    } else {
        order
    };
    if to == OrderStatus::Cancelled {
        refund_rest(conn, principal, &order, reason).await?;
    }
    get_order(conn, order.id).await
}

/// Where a released order goes on to: paid when fully paid, approved when on credit terms
/// (staff releasing it answer for its findings, a credit limit's included), or nowhere.
pub async fn onward_from_release(
    conn: &TenantTransaction,
    principal: &Principal,
    order: order::Model,
) -> Result<order::Model, OrderError> {
    if balance::covered(&order) {
        move_to(conn, principal, order, OrderStatus::Paid, None).await
    } else if order.payment_terms.is_some() {
        move_to(conn, principal, order, OrderStatus::Approved, None).await
    } else {
        Ok(order)
    }
}

/// Writes the move (the caller checked it is allowed) with its stock effects, timeline entry,
/// audit entry and event.
pub async fn move_to(
    conn: &TenantTransaction,
    principal: &Principal,
    order: order::Model,
    to: OrderStatus,
    reason: Option<&str>,
) -> Result<order::Model, OrderError> {
    let from = status_of(&order);
    move_stock(conn, principal, &order, from, to).await?;
    let now = Utc::now();
    let mut after = order.clone();
    after.status = to;
    after.version += 1;
    after.updated_at = now;
    if to == OrderStatus::Paid && after.paid_at.is_none() {
        after.paid_at = Some(now);
    }
    if to == OrderStatus::Cancelled {
        after.cancelled_at = Some(now);
    }
    let updated = conn
        .update_many::<order::Entity>()
        .set(order::ActiveModel::from(after.clone()).reset_all())
        .filter(order::Column::Id.eq(order.id))
        .filter(order::Column::Version.eq(order.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(OrderError::Stale {
            what: "the order",
            current: order.version + 1,
        });
    }
    let message = match reason {
        None => Message::new(Key::OrderMoved),
        Some(reason) => Message::new(Key::OrderMovedBecause).with("reason", reason),
    }
    .with("from", Key::status(from))
    .with("to", Key::status(to));
    record_event(
        conn,
        principal,
        &after,
        OrderEventKind::moved_to(to),
        Some(from),
        Some(to),
        message,
    )
    .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "order.transition",
            entity_type: "order",
            entity_id: Some(order.id),
            before: Some(json!({ "status": from.as_str() })),
            after: Some(json!({ "status": to.as_str(), "reason": reason })),
        },
    )
    .await?;
    let event = match (from, to) {
        // A paid order a rule held, released: paid again, not newly.
        (OrderStatus::OnHold, OrderStatus::Paid) => Event::OrderReleased(OrderMoved {
            order_id: order.id,
            from,
        }),
        _ => Event::order_moved(order.id, from, to),
    };
    outbox::emit(conn, &event).await?;
    Ok(after)
}

/// What a move does to the order's stock: paid or approved commits its reservations (once:
/// a paid order a rule held and released has them committed already); cancelled releases
/// them, or returns what was committed.
async fn move_stock(
    conn: &TenantTransaction,
    principal: &Principal,
    order: &order::Model,
    from: OrderStatus,
    to: OrderStatus,
) -> Result<(), OrderError> {
    let committed = order.paid_at.is_some();
    let ending = match to {
        OrderStatus::Paid | OrderStatus::Approved if !committed => Some(Ending::Committed),
        OrderStatus::Cancelled if state::holds_reservations(from) && !committed => {
            Some(Ending::Released)
        }
        OrderStatus::Cancelled => None,
        _ => return Ok(()),
    };
    let lines = lines_of(conn, vec![order.id]).await?;
    let reservations: Vec<Uuid> = lines.iter().map(|line| line.reservation_id).collect();
    match ending {
        Some(ending) => {
            reservation::end_reservations(conn, principal, &reservations, ending).await?
        }
        None => reservation::return_all_committed(conn, principal, &reservations).await?,
    }
    Ok(())
}

/// Holds the order for review at a rule's request, with the rule's reason: one awaiting
/// payment, or paid and not yet in fulfilment. Whether it was held (one already on hold is
/// left as it is).
pub async fn hold_for_rule(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    reason: &str,
) -> Result<bool, OrderError> {
    let order = lock_order(conn, id).await?;
    let from = status_of(&order);
    if from == OrderStatus::OnHold {
        return Ok(false);
    }
    if !state::allows(from, OrderStatus::OnHold, Trigger::Rule) {
        return Err(OrderError::IllegalTransition {
            from,
            to: OrderStatus::OnHold,
            allowed: Vec::new(),
        });
    }
    move_to(conn, principal, order, OrderStatus::OnHold, Some(reason)).await?;
    Ok(true)
}

/// On cancellation, gives back whatever was paid and not yet refunded, for the reason the
/// order was cancelled (staff's words, if they gave any).
async fn refund_rest(
    conn: &TenantTransaction,
    principal: &Principal,
    order: &order::Model,
    reason: Option<&str>,
) -> Result<(), OrderError> {
    let refundable = balance::net_received(order);
    if refundable > Decimal::ZERO {
        let order = order.clone();
        crate::orders::service::payment::give_back(conn, principal, order, refundable, reason)
            .await?;
    }
    Ok(())
}

/// Replaces a held order's findings (the caller holds the order's lock).
pub async fn set_findings(
    conn: &impl ConnectionTrait,
    order: &order::Model,
    findings: serde_json::Value,
) -> Result<order::Model, OrderError> {
    let after = order::Model {
        findings,
        version: order.version + 1,
        updated_at: Utc::now(),
        ..order.clone()
    };
    order::ActiveModel {
        findings: sea_orm::ActiveValue::Set(after.findings.clone()),
        version: sea_orm::ActiveValue::Set(after.version),
        updated_at: sea_orm::ActiveValue::Set(after.updated_at),
        ..order::ActiveModel::from(order.clone())
    }
    .update(conn)
    .await?;
    Ok(after)
}

/// Changes the order's paid or refunded sum (the caller holds the order's lock).
pub async fn set_money(
    conn: &impl ConnectionTrait,
    order: &order::Model,
    paid: Decimal,
    refunded: Decimal,
) -> Result<order::Model, OrderError> {
    let mut after = order.clone();
    after.paid = Amount(paid);
    after.refunded = Amount(refunded);
    after.version += 1;
    after.updated_at = Utc::now();
    order::ActiveModel {
        paid: sea_orm::ActiveValue::Set(after.paid),
        refunded: sea_orm::ActiveValue::Set(after.refunded),
        version: sea_orm::ActiveValue::Set(after.version),
        updated_at: sea_orm::ActiveValue::Set(after.updated_at),
        ..order::ActiveModel::from(order.clone())
    }
    .update(conn)
    .await?;
    Ok(after)
}
