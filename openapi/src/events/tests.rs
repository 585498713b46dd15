//! Every event round-trips as a stored row and on the wire; names are unique.

use serde_json::json;

use super::*;

type Checked = Result<(), Box<dyn std::error::Error>>;

fn returned(return_id: Uuid, order_id: Uuid) -> ReturnMoved {
    ReturnMoved {
        return_id,
        order_id,
    }
}

/// One event of each kind (a new kind fails to compile here until it has one).
fn sample(kind: EventKind) -> Event {
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    let moved = OrderMoved {
        order_id: a,
        from: OrderStatus::PendingPayment,
    };
    match kind {
        EventKind::OrderPlaced => Event::OrderPlaced(OrderPlaced { order_id: a }),
        EventKind::OrderHeld => Event::OrderHeld(OrderHeld {
            order_id: a,
            from: None,
        }),
        EventKind::OrderReleased => Event::OrderReleased(moved),
        EventKind::OrderApproved => Event::OrderApproved(moved),
        EventKind::OrderPaid => Event::OrderPaid(moved),
        EventKind::OrderFulfilling => Event::OrderFulfilling(moved),
        EventKind::OrderShipped => Event::OrderShipped(moved),
        EventKind::OrderDelivered => Event::OrderDelivered(moved),
        EventKind::OrderCompleted => Event::OrderCompleted(moved),
        EventKind::OrderFullyRefunded => Event::OrderFullyRefunded(moved),
        EventKind::OrderCancelled => Event::OrderCancelled(moved),
        EventKind::OrderPaymentRecorded => Event::OrderPaymentRecorded(OrderPaymentRecorded {
            order_id: a,
            payment_id: b,
        }),
        EventKind::OrderRefunded => Event::OrderRefunded(OrderRefunded {
            order_id: a,
            refund_id: b,
        }),
        EventKind::StockLow => Event::StockLow(StockLow {
            variant_id: a,
            location_id: b,
            available: 2,
            reorder_point: 3,
        }),
        EventKind::InvitationCreated => {
            Event::InvitationCreated(InvitationCreated { invitation_id: a })
        }
        EventKind::EmailSend => Event::EmailSend(EmailSend { email_id: a }),
        EventKind::ShipmentLate => Event::ShipmentLate(ShipmentLate {
            fulfilment_id: a,
            order_id: a,
            lateness: Lateness::LateToShip,
            new_estimate: NaiveDate::from_ymd_opt(2026, 11, 30),
            tell_customer: true,
        }),
        EventKind::ReturnRequested => Event::ReturnRequested(returned(a, b)),
        EventKind::ReturnApproved => Event::ReturnApproved(returned(a, b)),
        EventKind::ReturnDeclined => Event::ReturnDeclined(returned(a, b)),
        EventKind::ReturnReceived => Event::ReturnReceived(returned(a, b)),
        EventKind::ReturnResolved => Event::ReturnResolved(returned(a, b)),
        EventKind::InvoiceIssued => Event::InvoiceIssued(InvoiceIssued {
            invoice_id: a,
            order_id: b,
        }),
        EventKind::CreditNoteIssued => Event::CreditNoteIssued(InvoiceIssued {
            invoice_id: a,
            order_id: b,
        }),
        EventKind::ReceivableOverdue => Event::ReceivableOverdue(ReceivableOverdue {
            instalment_id: a,
            invoice_id: b,
            customer_id: a,
        }),
        EventKind::CustomerBlocked => Event::CustomerBlocked(CustomerBlockMoved {
            customer_id: a,
            automatic: true,
        }),
        EventKind::CustomerUnblocked => Event::CustomerUnblocked(CustomerBlockMoved {
            customer_id: a,
            automatic: false,
        }),
        EventKind::DunningStepDue => Event::DunningStepDue(DunningStepDue {
            instalment_id: a,
            customer_id: b,
            step: crate::finance::DunningStep::Warning,
            block_on: NaiveDate::from_ymd_opt(2026, 12, 20),
        }),
    }
}

#[test]
fn every_kind_round_trips_as_a_row_and_on_the_wire() -> Checked {
    for &kind in EventKind::ALL {
        let event = sample(kind);
        assert_eq!(event.kind(), kind);
        assert_eq!(Event::decode(kind.name(), event.payload()?)?, event);
        let wire = serde_json::to_value(&event)?;
        assert_eq!(wire["type"], kind.name());
        assert_eq!(wire["payload"], event.payload()?);
        assert_eq!(serde_json::from_value::<Event>(wire)?, event);
        assert_eq!(kind.version(), 1);
    }
    Ok(())
}

#[test]
fn names_are_unique_and_name_their_kind() {
    let mut names: Vec<&str> = EventKind::ALL.iter().map(|k| k.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), EventKind::ALL.len());
    for &kind in EventKind::ALL {
        assert_eq!(EventKind::from_name(kind.name()), Some(kind));
    }
}

/// The rows the server wrote before events were typed, with their `json!` shapes as the
/// call sites had them: they decode, and the same event is stored the same way now.
#[test]
fn rows_written_before_decode_and_are_written_alike() -> Checked {
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    let rows = [
        ("order.placed", json!({ "order_id": a })),
        ("order.held", json!({ "order_id": a })),
        (
            "order.held",
            json!({ "order_id": a, "from": "pending_payment" }),
        ),
        (
            "order.released",
            json!({ "order_id": a, "from": "on_hold" }),
        ),
        (
            "order.paid",
            json!({ "order_id": a, "from": "pending_payment" }),
        ),
        ("order.fulfilling", json!({ "order_id": a, "from": "paid" })),
        (
            "order.shipped",
            json!({ "order_id": a, "from": "fulfilling" }),
        ),
        (
            "order.delivered",
            json!({ "order_id": a, "from": "shipped" }),
        ),
        (
            "order.completed",
            json!({ "order_id": a, "from": "delivered" }),
        ),
        (
            "order.fully_refunded",
            json!({ "order_id": a, "from": "paid" }),
        ),
        (
            "order.cancelled",
            json!({ "order_id": a, "from": "on_hold" }),
        ),
        (
            "order.payment_recorded",
            json!({ "order_id": a, "payment_id": b }),
        ),
        ("order.refunded", json!({ "order_id": a, "refund_id": b })),
        (
            "stock.low",
            json!({ "variant_id": a, "location_id": b, "available": 1, "reorder_point": 2 }),
        ),
        ("invitation.created", json!({ "invitation_id": a })),
        ("email.send", json!({ "email_id": a })),
    ];
    for (name, payload) in rows {
        let event = Event::decode(name, payload.clone())?;
        assert_eq!(event.kind().name(), name);
        assert_eq!(event.payload()?, payload, "{name}");
    }
    let held = Event::decode("order.held", json!({ "order_id": a }))?;
    assert_eq!(
        held,
        Event::OrderHeld(OrderHeld {
            order_id: a,
            from: None
        })
    );
    Ok(())
}

#[test]
fn moves_name_the_status_arrived_in() {
    let id = Uuid::now_v7();
    let names = [
        "order.released",
        "order.held",
        "order.approved",
        "order.paid",
        "order.fulfilling",
        "order.shipped",
        "order.delivered",
        "order.completed",
        "order.fully_refunded",
        "order.cancelled",
    ];
    for (to, name) in OrderStatus::ALL.into_iter().zip(names) {
        let event = Event::order_moved(id, OrderStatus::OnHold, to);
        assert_eq!(event.kind().name(), name);
    }
}

#[test]
fn unknown_kinds_and_bad_payloads_are_errors() {
    let unknown = Event::decode("order.teleported", json!({}));
    assert!(matches!(unknown, Err(DecodeError::UnknownKind(name)) if name == "order.teleported"));
    let bad = Event::decode("order.paid", json!({ "order_id": "not an id" }));
    assert!(matches!(
        bad,
        Err(DecodeError::Payload {
            kind: "order.paid",
            ..
        })
    ));
    let missing = Event::decode("stock.low", json!({ "variant_id": Uuid::now_v7() }));
    assert!(missing.is_err());
}
