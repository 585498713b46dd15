//! The order's state machine: one table of who may move an order from where to where.

use openapi::orders::OrderStatus::{self, *};

/// How a move happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Staff (or an API client) asks for it.
    Staff,
    /// Payments reaching the total (releasing a fully paid order from hold goes through
    /// `pending_payment` to `paid`).
    Payment,
}

/// Every allowed move.
const MOVES: &[(OrderStatus, OrderStatus, Trigger)] = &[
    (PendingPayment, Paid, Trigger::Payment),
    (PendingPayment, OnHold, Trigger::Staff),
    (PendingPayment, Cancelled, Trigger::Staff),
    (OnHold, PendingPayment, Trigger::Staff),
    (OnHold, Cancelled, Trigger::Staff),
    (Paid, Fulfilling, Trigger::Staff),
    (Paid, Cancelled, Trigger::Staff),
    (Fulfilling, Shipped, Trigger::Staff),
    (Shipped, Delivered, Trigger::Staff),
    (Delivered, Completed, Trigger::Staff),
];

/// Whether `trigger` may move an order from `from` to `to`.
pub fn allows(from: OrderStatus, to: OrderStatus, trigger: Trigger) -> bool {
    MOVES.contains(&(from, to, trigger))
}

/// Where staff may move an order from `from`.
pub fn staff_moves_from(from: OrderStatus) -> Vec<OrderStatus> {
    MOVES
        .iter()
        .filter(|(f, _, trigger)| *f == from && *trigger == Trigger::Staff)
        .map(|(_, to, _)| *to)
        .collect()
}

/// Whether the order still holds reservations (not yet paid, not cancelled).
pub fn holds_reservations(status: OrderStatus) -> bool {
    matches!(status, PendingPayment | OnHold)
}

/// The event emitted when an order arrives in `status`.
pub fn event_of(status: OrderStatus) -> &'static str {
    match status {
        PendingPayment => "order.released",
        OnHold => "order.held",
        Paid => "order.paid",
        Fulfilling => "order.fulfilling",
        Shipped => "order.shipped",
        Delivered => "order.delivered",
        Completed => "order.completed",
        Cancelled => "order.cancelled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paid_only_by_payments_and_terminal_states_stay() {
        assert!(!allows(PendingPayment, Paid, Trigger::Staff));
        assert!(allows(PendingPayment, Paid, Trigger::Payment));
        assert!(staff_moves_from(Completed).is_empty());
        assert!(staff_moves_from(Cancelled).is_empty());
        assert_eq!(staff_moves_from(Paid), vec![Fulfilling, Cancelled]);
    }
}
