//! The events the server writes to its outbox, each a variant of `Event`: its wire name (the
//! outbox's `event_type`, what webhooks will send as `type`), its version and its payload.
//! The one catalogue of events: the server emits nothing that is not here.
//!
//! A payload's fields are what rows already stored hold: a field may be added (optional, so
//! older rows still decode), never renamed or removed without a new version.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::finance::InvoiceIssued;
use crate::logistics::Lateness;
use crate::logistics::ReturnMoved;
use crate::orders::OrderStatus;
use chrono::NaiveDate;

/// Declares `Event`, `EventKind` and what joins them, from one list of
/// `Variant("wire.name", version, Payload)`.
macro_rules! events {
    ($( $(#[$doc:meta])* $variant:ident($name:tt, $version:tt, $payload:ty), )+) => {
        /// An event of the outbox, as webhooks will carry it: `type` is its kind's name,
        /// `payload` its facts.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
        #[serde(tag = "type", content = "payload")]
        pub enum Event {
            $( $(#[$doc])* #[serde(rename = $name)] $variant($payload), )+
        }

        /// What kind an event is: its name and version, without its payload.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum EventKind {
            $( $(#[$doc])* $variant, )+
        }

        impl EventKind {
            pub const ALL: &'static [EventKind] = &[$(EventKind::$variant),+];

            /// The wire name: the outbox's `event_type`, webhooks' `type`.
            pub fn name(self) -> &'static str {
                match self {
                    $(EventKind::$variant => $name,)+
                }
            }

            /// The version of the payload's shape.
            pub fn version(self) -> u32 {
                match self {
                    $(EventKind::$variant => $version,)+
                }
            }

            /// The kind named `name`, if the server knows one.
            pub fn from_name(name: &str) -> Option<EventKind> {
                EventKind::ALL.iter().copied().find(|kind| kind.name() == name)
            }
        }

        impl Event {
            pub fn kind(&self) -> EventKind {
                match self {
                    $(Event::$variant(_) => EventKind::$variant,)+
                }
            }

            /// The payload as stored in the outbox's `payload` column.
            pub fn payload(&self) -> Result<Value, serde_json::Error> {
                match self {
                    $(Event::$variant(payload) => serde_json::to_value(payload),)+
                }
            }

            /// The event of a stored row: its `event_type` and `payload`.
            pub fn decode(name: &str, payload: Value) -> Result<Event, DecodeError> {
                let kind = EventKind::from_name(name)
                    .ok_or_else(|| DecodeError::UnknownKind(name.to_owned()))?;
                let decoded = match kind {
                    $(EventKind::$variant => serde_json::from_value(payload).map(Event::$variant),)+
                };
                decoded.map_err(|error| DecodeError::Payload { kind: kind.name(), error })
            }
        }
    };
}

events! {
    /// An order was placed (held or not).
    OrderPlaced("order.placed", 1, OrderPlaced),
    /// An order is held for review: at placement (no `from`) or moved there.
    OrderHeld("order.held", 1, OrderHeld),
    /// A held order was released and waits for payment.
    OrderReleased("order.released", 1, OrderMoved),
    /// An order was paid in full.
    OrderPaid("order.paid", 1, OrderMoved),
    OrderFulfilling("order.fulfilling", 1, OrderMoved),
    OrderShipped("order.shipped", 1, OrderMoved),
    OrderDelivered("order.delivered", 1, OrderMoved),
    OrderCompleted("order.completed", 1, OrderMoved),
    /// Everything received for an order was refunded.
    OrderFullyRefunded("order.fully_refunded", 1, OrderMoved),
    OrderCancelled("order.cancelled", 1, OrderMoved),
    /// A payment of an order was recorded.
    OrderPaymentRecorded("order.payment_recorded", 1, OrderPaymentRecorded),
    /// A refund of an order was recorded.
    OrderRefunded("order.refunded", 1, OrderRefunded),
    /// What is available of a variant at a location fell to its reorder point or below.
    StockLow("stock.low", 1, StockLow),
    /// A member was invited; the invitation's token travels beside the event, never in it.
    InvitationCreated("invitation.created", 1, InvitationCreated),
    /// An email of the log is to be sent (the event's id is the email's id).
    EmailSend("email.send", 1, EmailSend),
    /// A fulfilment became late: not shipped by its ship-by date, or not delivered by its
    /// promise. Once per fulfilment and kind of lateness.
    ShipmentLate("shipment.late", 1, ShipmentLate),
    /// A return was requested (by staff or the customer).
    ReturnRequested("return.requested", 1, ReturnMoved),
    ReturnApproved("return.approved", 1, ReturnMoved),
    ReturnDeclined("return.declined", 1, ReturnMoved),
    /// A return's goods arrived and were inspected.
    ReturnReceived("return.received", 1, ReturnMoved),
    /// A return was refunded or exchanged.
    ReturnResolved("return.resolved", 1, ReturnMoved),
    /// An invoice was issued for a paid order.
    InvoiceIssued("invoice.issued", 1, InvoiceIssued),
    /// A credit note corrected an invoice.
    CreditNoteIssued("credit_note.issued", 1, InvoiceIssued),
}

/// Why a stored row is not an event this server knows.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("unknown event kind {0:?}")]
    UnknownKind(String),
    #[error("the payload of {kind:?} does not decode: {error}")]
    Payload {
        kind: &'static str,
        error: serde_json::Error,
    },
}

impl Event {
    /// The event of an order arriving in `to` from `from`.
    pub fn order_moved(order_id: Uuid, from: OrderStatus, to: OrderStatus) -> Event {
        let moved = OrderMoved { order_id, from };
        match to {
            OrderStatus::PendingPayment => Event::OrderReleased(moved),
            OrderStatus::OnHold => Event::OrderHeld(OrderHeld {
                order_id,
                from: Some(from),
            }),
            OrderStatus::Paid => Event::OrderPaid(moved),
            OrderStatus::Fulfilling => Event::OrderFulfilling(moved),
            OrderStatus::Shipped => Event::OrderShipped(moved),
            OrderStatus::Delivered => Event::OrderDelivered(moved),
            OrderStatus::Completed => Event::OrderCompleted(moved),
            OrderStatus::Refunded => Event::OrderFullyRefunded(moved),
            OrderStatus::Cancelled => Event::OrderCancelled(moved),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrderPlaced {
    pub order_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrderHeld {
    pub order_id: Uuid,
    /// The status it was held from; none when held as it was placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<OrderStatus>,
}

/// An order moved from one status to the status the event names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrderMoved {
    pub order_id: Uuid,
    pub from: OrderStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrderPaymentRecorded {
    pub order_id: Uuid,
    pub payment_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrderRefunded {
    pub order_id: Uuid,
    pub refund_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StockLow {
    pub variant_id: Uuid,
    pub location_id: Uuid,
    /// Available after the change.
    pub available: i64,
    pub reorder_point: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct InvitationCreated {
    pub invitation_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ShipmentLate {
    pub fulfilment_id: Uuid,
    pub order_id: Uuid,
    pub lateness: Lateness,
    /// The day it should now arrive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_estimate: Option<NaiveDate>,
    /// Whether the customer is to hear of it: only the first delay of an order.
    pub tell_customer: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EmailSend {
    pub email_id: Uuid,
}

#[cfg(test)]
mod tests {
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
        assert!(
            matches!(unknown, Err(DecodeError::UnknownKind(name)) if name == "order.teleported")
        );
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
}
