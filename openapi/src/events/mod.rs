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

use crate::automation::{WebhookDisabled, WebhookTested};
use crate::finance::{CustomerBlockMoved, DunningStepDue, InvoiceIssued, ReceivableOverdue};
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
    /// An order was approved on its customer's credit terms: fulfilled now, paid later.
    OrderApproved("order.approved", 1, OrderMoved),
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
    /// An instalment passed its due date unpaid (once per instalment).
    ReceivableOverdue("receivable.overdue", 1, ReceivableOverdue),
    /// A customer was blocked: new orders are held, terms cannot be used.
    CustomerBlocked("customer.blocked", 1, CustomerBlockMoved),
    CustomerUnblocked("customer.unblocked", 1, CustomerBlockMoved),
    /// A step of dunning is due for an instalment: its email goes to the customer (once per
    /// instalment and step).
    DunningStepDue("dunning.step_due", 1, DunningStepDue),
    /// A test sent by staff to one endpoint (never written to the outbox, never retried).
    WebhookTest("webhook.test", 1, WebhookTested),
    /// An endpoint was switched off after its deliveries failed for about three days.
    WebhookDisabled("webhook.disabled", 1, WebhookDisabled),
    /// A tag was put on an order (by a rule; `added` is false when it was there already).
    OrderTagged("order.tagged", 1, OrderTagged),
    /// An action of a rule's run is due (the rules' own bookkeeping, retried on its own).
    RuleActionDue("rule.action_due", 1, RuleActionDue),
    /// A ticket was opened: by an email, the contact form or an agent.
    TicketCreated("ticket.created", 1, TicketMessaged),
    /// A customer wrote again on an open ticket.
    TicketCustomerReplied("ticket.customer_replied", 1, TicketMessaged),
}

impl EventKind {
    /// Whether an endpoint may subscribe to it: not the server's own bookkeeping (an email to
    /// send), nor what concerns endpoints themselves (a test goes to the one endpoint tested;
    /// an endpoint switched off names its address, which may be a secret of its own).
    pub fn subscribable(self) -> bool {
        !matches!(
            self,
            EventKind::EmailSend
                | EventKind::WebhookTest
                | EventKind::WebhookDisabled
                | EventKind::RuleActionDue
        )
    }

    /// Whether a rule may start from it: what an endpoint may subscribe to.
    pub fn triggers_rules(self) -> bool {
        self.subscribable()
    }
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
            OrderStatus::Approved => Event::OrderApproved(moved),
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
pub struct OrderTagged {
    pub order_id: Uuid,
    pub tag: String,
    /// False when the order had the tag already.
    pub added: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TicketMessaged {
    pub ticket_id: Uuid,
    pub number: i64,
    pub customer_id: Uuid,
    /// The message on the ticket's thread.
    pub message_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RuleActionDue {
    pub run_id: Uuid,
    /// The action's place in its rule (from 0).
    pub position: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EmailSend {
    pub email_id: Uuid,
}

mod examples;
#[cfg(test)]
mod tests;
mod webhook;

pub use examples::example;
pub use webhook::WebhookMessage;
