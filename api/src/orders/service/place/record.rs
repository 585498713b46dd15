//! The last steps of placing an order: its timeline and events, the writes that refer to it,
//! and the numbered order row with its audit entry.

use chrono::Utc;
use entity::TenantId;
use openapi::events::{Event, OrderHeld, OrderPlaced};
use openapi::orders::{OrderIn, OrderStatus};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, EntityTrait, QueryTrait};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::OrderEventKind;
use entity::{order, order_event, order_line};

use super::{FIRST_NUMBER_OFFSET, Priced, Sale, Verdict};
use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::batch_write::Row;
use crate::db::{self, TenantTransaction};
use crate::i18n::{Arg, Key, Message};
use crate::numbering::{Numbering, insert_numbered_by};
use crate::orders::error::OrderError;
use crate::orders::service::moves::event;
use crate::orders::totals;
use crate::outbox;

/// The timeline entries and outbox events of a placed order (and of its hold).
pub(super) fn emit(
    principal: &Principal,
    order_id: Uuid,
    sale: &Sale,
    priced: &Priced,
    verdict: &Verdict,
) -> (Vec<order_event::Model>, Vec<Event>) {
    let total = Arg::money(priced.totals.total, sale.currency);
    let mut timeline = vec![event(
        principal,
        principal.tenant_id,
        order_id,
        OrderEventKind::Placed,
        None,
        Some(OrderStatus::PendingPayment),
        Message::new(Key::OrderPlaced).with("total", total),
    )];
    let mut events = vec![Event::OrderPlaced(OrderPlaced { order_id })];
    if verdict.status == OrderStatus::OnHold {
        let reasons: Vec<Message> = verdict.findings.iter().map(|f| f.message.clone()).collect();
        timeline.push(event(
            principal,
            principal.tenant_id,
            order_id,
            OrderEventKind::Held,
            Some(OrderStatus::PendingPayment),
            Some(OrderStatus::OnHold),
            Message::new(Key::OrderHeld).with("findings", reasons),
        ));
        events.push(Event::OrderHeld(OrderHeld {
            order_id,
            from: None,
        }));
    }
    (timeline, events)
}

/// Writes everything that refers to the order in one round trip, with what the holds left
/// queued, before the order row (the references are checked at commit), so that the number,
/// whose counter stays locked until commit, is taken last: orders placed at once wait on one
/// another only for that.
pub(super) async fn write(
    txn: &TenantTransaction,
    lines: &[order_line::Model],
    timeline: Vec<order_event::Model>,
    events: Vec<Event>,
) -> Result<(), OrderError> {
    if lines.is_empty() {
        return Err(OrderError::invalid(
            "lines",
            "an order needs at least one line",
        ));
    }
    db::defer_foreign_keys(txn).await?;
    let backend = txn.get_database_backend();
    let mut writes = vec![
        order_line::Entity::insert_many(lines.iter().cloned().map(order_line::ActiveModel::from))
            .build(backend),
        order_event::Entity::insert_many(timeline.into_iter().map(order_event::ActiveModel::from))
            .build(backend),
    ];
    writes.extend(outbox::emit_all(backend, txn.tenant(), &events)?);
    txn.write_with_queued(writes).await?;
    Ok(())
}

/// The order row, but for its number.
pub(super) fn order_row(
    tenant_id: TenantId,
    order_id: Uuid,
    input: &OrderIn,
    sale: &Sale,
    priced: &Priced,
    verdict: Verdict,
) -> order::Model {
    let (now, currency, totals) = (Utc::now(), sale.currency, &priced.totals);
    order::Model {
        tenant_id,
        id: order_id,
        // Set by `number`.
        number: 0,
        customer_id: sale.customer.id,
        channel_id: sale.channel_id,
        status: verdict.status,
        currency,
        subtotal: Amount(totals.subtotal),
        discount: Amount(totals.discount),
        shipping_fee: Amount(totals.shipping_fee),
        total: Amount(totals.total),
        paid: Amount(totals::round(Decimal::ZERO, currency)),
        refunded: Amount(totals::round(Decimal::ZERO, currency)),
        shipping_address: json!(input.shipping_address),
        findings: json!(verdict.findings),
        tags: json!([]),
        lines_key: verdict.lines_key,
        note: input.note.clone(),
        version: 1,
        created_at: now,
        updated_at: now,
        paid_at: None,
        cancelled_at: None,
        shipping_service_id: sale.shipping_service_id,
        ship_by: None,
        promised_delivery: None,
        payment_terms: (!sale.terms.is_empty()).then(|| json!(sale.terms)),
    }
}

/// Takes the store's next order number as `numbering` says (apart from the placement, so the
/// counter is not locked across it) and writes the order row and its audit entry with it.
pub(super) async fn number(
    numbering: Numbering<'_>,
    conn: &TenantTransaction,
    principal: &Principal,
    mut order: order::Model,
    priced: &Priced,
    line_count: usize,
) -> Result<order::Model, OrderError> {
    let number = insert_numbered_by(numbering, conn, "order", |number| {
        let mut row = Row::of(order::ActiveModel::from(order.clone()))?;
        row.set_expr(order::Column::Number, number.plus(FIRST_NUMBER_OFFSET))?;
        let placed = Change {
            action: "order.place",
            entity_type: "order",
            entity_id: Some(order.id),
            before: None,
            after: Some(json!({
                "status": order.status,
                "total": priced.totals.total,
                "lines": line_count,
            })),
        };
        let entry = audit::entry_row_filled(principal, placed, |changes| {
            number.in_json(changes, &["after", "number"], FIRST_NUMBER_OFFSET)
        })?;
        Ok(vec![row, entry])
    })
    .await?;
    order.number = number + FIRST_NUMBER_OFFSET;
    Ok(order)
}
