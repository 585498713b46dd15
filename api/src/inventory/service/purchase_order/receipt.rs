//! Receiving a purchase order: stock in, incoming down, and the weighted average cost.

use super::*;
use crate::db::TenantTransaction;

/// Receives lines of a sent order. More than was ordered is 409; so is any receipt of an order
/// that is not sent or partially received.
pub async fn receive_purchase_order(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    input: &ReceiptIn,
    expected_version: Option<i32>,
) -> Result<PurchaseOrderView, InventoryError> {
    let order = find_order(conn, id).await?;
    check_version(&order, expected_version)?;
    if order.status != SENT && order.status != PARTIALLY_RECEIVED {
        return Err(InventoryError::PurchaseOrderState {
            status: order.status.as_str().to_owned(),
            action: RECEIVED.as_str().to_owned(),
        });
    }
    let mut lines = lines_of(conn, vec![id]).await?;
    // In variant order: each receipt locks its variant (its average cost) and its level, and
    // two receipts taking them in other orders could each wait for the other.
    let mut receipts = Vec::with_capacity(input.lines.len());
    for receipt in &input.lines {
        let Some(index) = lines.iter().position(|(l, _)| l.id == receipt.line_id) else {
            return Err(InventoryError::NotFound("purchase order line"));
        };
        receipts.push((index, receipt));
    }
    receipts.sort_by_key(|(index, _)| lines[*index].0.variant_id);
    for (index, receipt) in receipts {
        let (line, sku) = &mut lines[index];
        let open = line.quantity_ordered - line.quantity_received;
        if receipt.quantity > open {
            return Err(InventoryError::OverReceipt {
                sku: sku.clone(),
                open,
                received: receipt.quantity,
            });
        }
        let variant = lock_variant(conn, line.variant_id).await?;
        let on_hand_before = total_on_hand(conn, line.variant_id).await?;
        let delta = Delta {
            on_hand: receipt.quantity,
            incoming: -receipt.quantity,
            ..Delta::default()
        };
        let (kind, note) = (MovementKind::Receipt, input.note.as_deref());
        move_line(conn, principal, &order, line, kind, delta, note).await?;
        let average = weighted_average(
            variant.average_cost.0,
            on_hand_before,
            line.unit_cost.0,
            receipt.quantity,
        );
        set_average_cost(conn, line.variant_id, average).await?;
        line.quantity_received += receipt.quantity;
        conn.update_many::<purchase_order_line::Entity>()
            .col_expr(
                purchase_order_line::Column::QuantityReceived,
                Expr::value(line.quantity_received),
            )
            .filter(purchase_order_line::Column::Id.eq(line.id))
            .exec(conn)
            .await?;
    }
    let complete = lines
        .iter()
        .all(|(line, _)| line.quantity_received == line.quantity_ordered);
    let status = if complete {
        RECEIVED
    } else {
        PARTIALLY_RECEIVED
    };
    transition(conn, &order, &[SENT, PARTIALLY_RECEIVED], status).await?;
    record(conn, principal, &order, "purchase_order.receive").await?;
    get_purchase_order(conn, id).await
}

/// On hand across every location.
async fn total_on_hand(conn: &TenantTransaction, variant_id: Uuid) -> Result<i64, InventoryError> {
    let tenant_id = conn.tenant();
    let levels = stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::VariantId.eq(variant_id))
        .all(conn)
        .await?;
    Ok(levels.iter().map(|l| l.on_hand).sum())
}

/// (old average × units before + unit cost × units received) ÷ all units, to 6 places.
pub fn weighted_average(
    average: Decimal,
    before: i64,
    unit_cost: Decimal,
    received: i64,
) -> Decimal {
    let before = Decimal::from(before.max(0));
    let received = Decimal::from(received);
    let units = before + received;
    if units.is_zero() {
        return unit_cost;
    }
    ((average * before + unit_cost * received) / units)
        .round_dp_with_strategy(6, RoundingStrategy::MidpointNearestEven)
}
