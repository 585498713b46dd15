//! What an order has received and still owes: the one place payments, refunds, releasing from
//! hold and the order's responses read it from. Money paid and then refunded was not received,
//! so an order paid 50, refunded 50 and paid 50 again has received 50.

use rust_decimal::Decimal;

use entity::order;

/// Paid less refunded.
pub fn net_received(order: &order::Model) -> Decimal {
    order.paid.0 - order.refunded.0
}

/// What is left to pay; never below zero.
pub fn due(order: &order::Model) -> Decimal {
    (order.total.0 - net_received(order)).max(Decimal::ZERO)
}

/// Whether what was received covers the total: what makes an order `paid`.
pub fn covered(order: &order::Model) -> bool {
    net_received(order) >= order.total.0
}
