//! Moving an order through the state machine (`orders::state`) at staff's request or as its
//! money arrives, with its timeline, audit entry and event; and its paid and refunded sums.

use chrono::Utc;
use openapi::orders::OrderStatus;
use openapi::tenancy::Locale;
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{order, order_event};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::inventory::service::reservation::{self, Ending};
use crate::orders::balance;
use crate::orders::error::OrderError;
use crate::orders::state::{self, Trigger};
use crate::outbox;

/// Order numbers start here, so the first order of a store is #1001.
use super::order::*;

/// Writes an entry of the order's timeline.
pub async fn record_event(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    order: &order::Model,
    kind: &str,
    from: Option<OrderStatus>,
    to: Option<OrderStatus>,
    message: String,
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
    order_event::Entity::insert(order_event::ActiveModel::from(entry))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub(super) fn event(
    principal: &Principal,
    tenant_id: Uuid,
    order_id: Uuid,
    kind: &str,
    from: Option<OrderStatus>,
    to: Option<OrderStatus>,
    message: String,
) -> order_event::Model {
    order_event::Model {
        tenant_id,
        id: Uuid::now_v7(),
        order_id,
        kind: kind.to_owned(),
        from_status: from.map(|s| s.as_str().to_owned()),
        to_status: to.map(|s| s.as_str().to_owned()),
        message,
        actor_id: principal.recorded_actor_id(),
        at: Utc::now(),
    }
}

/// Moves an order at staff's request (see `state`). Cancelling gives the stock back and
/// refunds what was paid; releasing a fully paid order from hold makes it paid.
pub async fn transition(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    id: Uuid,
    to: OrderStatus,
    reason: Option<&str>,
    expected_version: Option<i32>,
) -> Result<OrderView, OrderError> {
    let tenant_id = principal.tenant_id;
    let order = lock_order(conn, tenant_id, id).await?;
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
    let locale = store_locale(conn, tenant_id).await?;
    let order = move_to(conn, principal, order, to, reason, locale).await?;
    // A fully paid order released from hold goes on to `paid`.
    let order = if to == OrderStatus::PendingPayment && balance::covered(&order) {
        move_to(conn, principal, order, OrderStatus::Paid, None, locale).await?
    } else {
        order
    };
    if to == OrderStatus::Cancelled {
        refund_rest(conn, principal, &order, locale).await?;
    }
    get_order(conn, tenant_id, order.id).await
}

/// Writes the move (the caller checked it is allowed) with its stock effects, timeline entry,
/// audit entry and event.
pub async fn move_to(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    order: order::Model,
    to: OrderStatus,
    reason: Option<&str>,
    locale: Locale,
) -> Result<order::Model, OrderError> {
    let from = status_of(&order);
    let lines = lines_of(conn, order.tenant_id, vec![order.id]).await?;
    let reservations: Vec<Uuid> = lines.iter().map(|line| line.reservation_id).collect();
    match to {
        OrderStatus::Paid => {
            reservation::end_reservations(conn, principal, &reservations, Ending::Committed)
                .await?;
        }
        OrderStatus::Cancelled if state::holds_reservations(from) => {
            reservation::end_reservations(conn, principal, &reservations, Ending::Released).await?;
        }
        OrderStatus::Cancelled => {
            reservation::return_all_committed(conn, principal, &reservations).await?;
        }
        _ => {}
    }
    let now = Utc::now();
    let mut after = order.clone();
    after.status = to.as_str().to_owned();
    after.version += 1;
    after.updated_at = now;
    if to == OrderStatus::Paid {
        after.paid_at = Some(now);
    }
    if to == OrderStatus::Cancelled {
        after.cancelled_at = Some(now);
    }
    let updated = order::Entity::update_many()
        .set(order::ActiveModel::from(after.clone()).reset_all())
        .filter(order::Column::TenantId.eq(order.tenant_id))
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
    let mut message = moved_words(locale, from, to);
    if let Some(reason) = reason {
        message = format!("{message} {reason}");
    }
    record_event(
        conn,
        principal,
        &after,
        to.as_str(),
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
    outbox::emit(
        conn,
        order.tenant_id,
        state::event_of(to),
        json!({ "order_id": order.id, "from": from.as_str() }),
    )
    .await?;
    Ok(after)
}

fn moved_words(locale: Locale, from: OrderStatus, to: OrderStatus) -> String {
    let (from, to) = (status_words(locale, from), status_words(locale, to));
    match locale {
        Locale::PtBr => format!("De {from} para {to}."),
        Locale::Es => format!("De {from} a {to}."),
        Locale::En => format!("From {from} to {to}."),
    }
}

/// A state in words, in the store's language.
pub fn status_words(locale: Locale, status: OrderStatus) -> &'static str {
    use OrderStatus::*;
    match (locale, status) {
        (Locale::PtBr, PendingPayment) => "aguardando pagamento",
        (Locale::PtBr, OnHold) => "em análise",
        (Locale::PtBr, Paid) => "pago",
        (Locale::PtBr, Fulfilling) => "em separação",
        (Locale::PtBr, Shipped) => "enviado",
        (Locale::PtBr, Delivered) => "entregue",
        (Locale::PtBr, Completed) => "concluído",
        (Locale::PtBr, Refunded) => "reembolsado",
        (Locale::PtBr, Cancelled) => "cancelado",
        (Locale::Es, PendingPayment) => "pendiente de pago",
        (Locale::Es, OnHold) => "en revisión",
        (Locale::Es, Paid) => "pagado",
        (Locale::Es, Fulfilling) => "en preparación",
        (Locale::Es, Shipped) => "enviado",
        (Locale::Es, Delivered) => "entregado",
        (Locale::Es, Completed) => "completado",
        (Locale::Es, Refunded) => "reembolsado",
        (Locale::Es, Cancelled) => "cancelado",
        (Locale::En, PendingPayment) => "pending payment",
        (Locale::En, OnHold) => "on hold",
        (Locale::En, Paid) => "paid",
        (Locale::En, Fulfilling) => "fulfilling",
        (Locale::En, Shipped) => "shipped",
        (Locale::En, Delivered) => "delivered",
        (Locale::En, Completed) => "completed",
        (Locale::En, Refunded) => "refunded",
        (Locale::En, Cancelled) => "cancelled",
    }
}

/// On cancellation, gives back whatever was paid and not yet refunded.
async fn refund_rest(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    order: &order::Model,
    locale: Locale,
) -> Result<(), OrderError> {
    let refundable = balance::net_received(order);
    if refundable > Decimal::ZERO {
        let reason = match locale {
            Locale::PtBr => "Pedido cancelado",
            Locale::Es => "Pedido cancelado",
            Locale::En => "Order cancelled",
        };
        let order = order.clone();
        crate::orders::service::payment::give_back(
            conn,
            principal,
            order,
            refundable,
            Some(reason),
        )
        .await?;
    }
    Ok(())
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
