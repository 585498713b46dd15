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
    /// Refunds giving back everything received from a paid order. A partial refund, or one
    /// before the order was paid, leaves the status as it is.
    Refund,
    /// Its fulfilments (logistics): picking started, the last one shipped, the last one
    /// delivered.
    Fulfilment,
    /// The customer's credit terms: an order on terms that nothing holds is approved for
    /// fulfilment at placement, or when released from hold; it is paid later, by instalments.
    Credit,
    /// A store's automation rule holds it for review: awaiting payment, or paid and not yet
    /// in fulfilment (released, a paid order goes back to paid).
    Rule,
}

/// Every allowed move.
const MOVES: &[(OrderStatus, OrderStatus, Trigger)] = &[
    (PendingPayment, Paid, Trigger::Payment),
    (PendingPayment, Approved, Trigger::Credit),
    (Approved, Fulfilling, Trigger::Staff),
    (Approved, Cancelled, Trigger::Staff),
    (Approved, Fulfilling, Trigger::Fulfilment),
    (PendingPayment, OnHold, Trigger::Staff),
    (PendingPayment, Cancelled, Trigger::Staff),
    (OnHold, PendingPayment, Trigger::Staff),
    (OnHold, Cancelled, Trigger::Staff),
    (Paid, Fulfilling, Trigger::Staff),
    (Paid, Cancelled, Trigger::Staff),
    (Fulfilling, Shipped, Trigger::Staff),
    (Shipped, Delivered, Trigger::Staff),
    (Delivered, Completed, Trigger::Staff),
    (Paid, Fulfilling, Trigger::Fulfilment),
    (Fulfilling, Shipped, Trigger::Fulfilment),
    (Shipped, Delivered, Trigger::Fulfilment),
    (Paid, Refunded, Trigger::Refund),
    (Fulfilling, Refunded, Trigger::Refund),
    (Shipped, Refunded, Trigger::Refund),
    (Delivered, Refunded, Trigger::Refund),
    (Completed, Refunded, Trigger::Refund),
    (PendingPayment, OnHold, Trigger::Rule),
    (Paid, OnHold, Trigger::Rule),
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

/// Whether money may be given back in `status`: wherever it may have been taken, except a
/// cancelled order (cancelling refunded it all) and a refunded one.
pub fn may_refund(status: OrderStatus) -> bool {
    !matches!(status, Cancelled | Refunded)
}

/// Whether the order still holds reservations (not yet paid or approved, not cancelled).
pub fn holds_reservations(status: OrderStatus) -> bool {
    matches!(status, PendingPayment | OnHold)
}

/// Whether the order takes payments in `status`: until it is paid, or, on credit terms,
/// from its approval until it is completed (its instalments are paid after delivery).
pub fn takes_payment(status: OrderStatus, on_terms: bool) -> bool {
    matches!(status, PendingPayment | OnHold)
        || (on_terms
            && matches!(
                status,
                Approved | Fulfilling | Shipped | Delivered | Completed
            ))
}

/// Whether the order was approved on credit terms and not cancelled: what the customer owes
/// for it counts against their credit limit until paid.
pub fn owes_on_terms(status: OrderStatus) -> bool {
    matches!(
        status,
        Approved | Fulfilling | Shipped | Delivered | Completed
    )
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
        assert!(staff_moves_from(Refunded).is_empty());
        assert!(allows(Delivered, Refunded, Trigger::Refund));
        assert!(!allows(PendingPayment, Refunded, Trigger::Refund));
        assert!(!may_refund(Cancelled) && may_refund(OnHold) && may_refund(Completed));
        assert_eq!(staff_moves_from(Paid), vec![Fulfilling, Cancelled]);
        assert_eq!(staff_moves_from(Approved), vec![Fulfilling, Cancelled]);
        assert!(!allows(PendingPayment, Approved, Trigger::Staff));
        assert!(!allows(OnHold, Approved, Trigger::Credit));
        assert!(takes_payment(Shipped, true) && !takes_payment(Shipped, false));
        assert!(!takes_payment(Cancelled, true) && !takes_payment(Refunded, true));
    }
}
