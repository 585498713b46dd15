//! What logistics asks of an order: to keep the promise made when it was paid, and to move
//! the order as its fulfilments progress (picking makes it `fulfilling`; the last fulfilment
//! shipped makes it `shipped`, the last delivered `delivered`). The order module keeps owning
//! the order's state: these are its moves, with its timeline, audit and events.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use entity::closed_sets::{OrderEventKind, PaymentKind};
use entity::{order, payment};
use openapi::orders::OrderStatus;

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::orders::error::OrderError;
use crate::orders::state::{self, Trigger};

use crate::i18n::Message;

use super::moves::{event, queue_event};
use super::order::{lock_order, move_to, status_of};

/// Stores the promise made when the order was paid.
pub async fn set_promise(
    conn: &TenantTransaction,
    order_id: Uuid,
    ship_by: Option<NaiveDate>,
    deliver_by: Option<NaiveDate>,
) -> Result<(), OrderError> {
    conn.update_many::<order::Entity>()
        .col_expr(order::Column::ShipBy, Expr::value(ship_by))
        .col_expr(order::Column::PromisedDelivery, Expr::value(deliver_by))
        .col_expr(order::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(order::Column::Id.eq(order_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Moves the order to `to` as its fulfilments say, if the state machine lets fulfilment do
/// so from where it is. An order already there (staff moved it by hand), or in a state
/// fulfilment does not move (cancelled, refunded), stays as it is: `false`.
pub async fn advance(
    conn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
    to: OrderStatus,
) -> Result<bool, OrderError> {
    advance_through(conn, principal, order_id, &[to]).await
}

/// `advance` through each of `steps` in turn (shipped, then delivered), the order locked once:
/// whether it moved at all.
pub async fn advance_through(
    conn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
    steps: &[OrderStatus],
) -> Result<bool, OrderError> {
    let order = hold(conn, order_id).await?;
    advance_held(conn, principal, order, steps).await
}

/// The order, locked until the transaction ends, for a caller that decides from rows of its
/// own (an order's fulfilments) whether the order moves: read after this, those rows show
/// what another caller deciding for the same order committed before.
pub async fn hold(conn: &TenantTransaction, order_id: Uuid) -> Result<order::Model, OrderError> {
    lock_order(conn, order_id).await
}

/// `advance_through` for an order the caller holds (`hold`).
pub async fn advance_held(
    conn: &TenantTransaction,
    principal: &Principal,
    mut order: order::Model,
    steps: &[OrderStatus],
) -> Result<bool, OrderError> {
    let mut moved = false;
    for to in steps {
        if state::allows(status_of(&order), *to, Trigger::Fulfilment) {
            order = move_to(conn, principal, order, *to, None).await?;
            moved = true;
        }
    }
    Ok(moved)
}

/// Writes a step of the order's fulfilments on its timeline.
pub async fn record_step(
    conn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
    message: Message,
) -> Result<(), OrderError> {
    // The order's reference from its timeline is checked when the entry is written.
    let kind = OrderEventKind::Fulfilment;
    let entry = event(
        principal,
        conn.tenant(),
        order_id,
        kind,
        None,
        None,
        message,
    );
    queue_event(conn, entry);
    Ok(())
}

/// The numbers of these orders, by id.
pub async fn numbers_of(
    conn: &TenantTransaction,
    order_ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, i64>, OrderError> {
    let rows: Vec<(Uuid, i64)> = conn
        .find::<order::Entity>()
        .filter(order::Column::Id.is_in(order_ids))
        .select_only()
        .column(order::Column::Id)
        .column(order::Column::Number)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Which of the orders are on hold for review (their fulfilments wait).
pub async fn held_among(
    conn: &TenantTransaction,
    order_ids: Vec<Uuid>,
) -> Result<HashSet<Uuid>, OrderError> {
    let rows: Vec<Uuid> = conn
        .find::<order::Entity>()
        .filter(order::Column::Id.is_in(order_ids))
        .filter(order::Column::Status.eq(OrderStatus::OnHold))
        .select_only()
        .column(order::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// When the order was paid, as its payments say: the latest payment's time (a gateway may
/// report it late), else when it became paid.
pub async fn paid_at(
    conn: &TenantTransaction,
    order: &order::Model,
) -> Result<Option<DateTime<Utc>>, OrderError> {
    let latest: Option<DateTime<Utc>> = conn
        .find::<payment::Entity>()
        .filter(payment::Column::OrderId.eq(order.id))
        .filter(payment::Column::Kind.eq(PaymentKind::Payment))
        .select_only()
        .column_as(payment::Column::PaidAt.max(), "latest")
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(conn)
        .await?
        .flatten();
    Ok(latest.or(order.paid_at))
}
