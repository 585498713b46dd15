//! Every event round-trips as a stored row and on the wire; names are unique.

use serde_json::json;

use super::examples::example;
use super::*;

type Checked = Result<(), Box<dyn std::error::Error>>;

#[test]
fn every_kind_round_trips_as_a_row_and_on_the_wire() -> Checked {
    for &kind in EventKind::ALL {
        let event = example(kind);
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
