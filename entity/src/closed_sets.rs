//! The closed sets stored as text: each column's Rust type, and the list the migrations turn
//! into `CHECK` constraints (PostgreSQL) or refusing triggers (SQLite).
//!
//! A column's type is an `ActiveEnum`, so reading a value outside its set is a `DbErr` (the
//! request is a logged 500), never a default. The sets the API also speaks (roles, languages,
//! currencies, order states, …) are the `openapi` crate's own types, made `ActiveEnum`s by its
//! `db` feature; the ones only the server knows are here.

use sea_orm::ActiveEnum;
use sea_orm::entity::prelude::*;

pub use openapi::automation::{
    ActionKind, ActionStatus, DeliveryStatus, DisabledReason, NotificationTopic, RunOutcome,
};
pub use openapi::catalog::{ChannelKind, Status};
pub use openapi::finance::{
    BankLineStatus, BillStatus, DunningStep, FiscalStatus, InstalmentStatus, InvoiceKind,
    NotificationStatus, UnmatchedReason,
};
pub use openapi::inventory::LocationKind;
pub use openapi::logistics::{
    CarrierKind, FulfilmentStatus, ReasonKind, Resolution, ReturnStatus, ShipmentStatus,
    ShippingRefund, TrackingStatus, Uf,
};
pub use openapi::mail::EmailKind;
pub use openapi::orders::{OrderStatus, PaymentMethod};
pub use openapi::support::{TicketChannel, TicketMessageKind, TicketPriority, TicketStatus};
pub use openapi::tenancy::{Currency, Locale, Role};

use crate::{
    audit_event, automation_action_run, automation_rule_run, bank_line, canned_reply, carrier,
    carrier_service, customer, dunning_notice, email, email_template, fulfilment, instalment,
    invitation, invoice, line_margin, location, margin_day, member, notification, order,
    order_event, outbox_event, payment, payment_notification, product, purchase_order, reservation,
    return_event, return_line, return_request, return_settings, sales_channel, shipment,
    stock_movement, supplier, supplier_bill, tenant, ticket, ticket_message, tracking_event,
    transit_time, variant, webhook_delivery, webhook_endpoint,
};

/// An enum stored as its text: `as_str` is the stored value.
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $value:literal,)+ }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, DeriveActiveEnum,
        )]
        #[sea_orm(rs_type = "String", db_type = "Text")]
        pub enum $name {
            $(#[sea_orm(string_value = $value)] $variant,)+
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $value,)+
                }
            }
        }
    };
}

closed_set! {
    /// What a row of the margin roll-ups sums lines by (declared in the order of its text).
    MarginDimension {
        Channel = "channel",
        Product = "product",
        Supplier = "supplier",
    }
}

closed_set! {
    /// Where a hold on stock stands.
    ReservationStatus {
        Active = "active",
        Released = "released",
        Expired = "expired",
        Committed = "committed",
        Returned = "returned",
    }
}

closed_set! {
    /// Where a purchase order stands.
    PurchaseOrderStatus {
        Draft = "draft",
        Sent = "sent",
        PartiallyReceived = "partially_received",
        Received = "received",
        Cancelled = "cancelled",
    }
}

closed_set! {
    /// Where an outbox event stands: waiting (or retrying), handled, or given up on.
    OutboxStatus {
        Pending = "pending",
        Done = "done",
        Failed = "failed",
    }
}

closed_set! {
    /// Money received for an order, or given back.
    PaymentKind {
        Payment = "payment",
        Refund = "refund",
    }
}

closed_set! {
    /// What an order's timeline entry records: placing, a hold, money in or out, or a move to
    /// a state (named as the state: `moved_to`).
    OrderEventKind {
        Placed = "placed",
        Held = "held",
        Payment = "payment",
        Refund = "refund",
        PendingPayment = "pending_payment",
        OnHold = "on_hold",
        Approved = "approved",
        Paid = "paid",
        Fulfilling = "fulfilling",
        Shipped = "shipped",
        Delivered = "delivered",
        Completed = "completed",
        Refunded = "refunded",
        Cancelled = "cancelled",
        Fulfilment = "fulfilment",
    }
}

impl OrderEventKind {
    /// The entry of a move to `status`.
    pub fn moved_to(status: OrderStatus) -> OrderEventKind {
        match status {
            OrderStatus::PendingPayment => OrderEventKind::PendingPayment,
            OrderStatus::OnHold => OrderEventKind::OnHold,
            OrderStatus::Approved => OrderEventKind::Approved,
            OrderStatus::Paid => OrderEventKind::Paid,
            OrderStatus::Fulfilling => OrderEventKind::Fulfilling,
            OrderStatus::Shipped => OrderEventKind::Shipped,
            OrderStatus::Delivered => OrderEventKind::Delivered,
            OrderStatus::Completed => OrderEventKind::Completed,
            OrderStatus::Refunded => OrderEventKind::Refunded,
            OrderStatus::Cancelled => OrderEventKind::Cancelled,
        }
    }
}

closed_set! {
    /// Why a stock level changed: one ledger entry's kind.
    MovementKind {
        Adjustment = "adjustment",
        Count = "count",
        TransferOut = "transfer_out",
        TransferIn = "transfer_in",
        Receipt = "receipt",
        Reservation = "reservation",
        Release = "release",
        Sale = "sale",
        Return = "return",
        Damage = "damage",
        Restore = "restore",
        Discard = "discard",
        PurchaseSent = "purchase_sent",
        PurchaseCancelled = "purchase_cancelled",
    }
}

closed_set! {
    /// Who made a change recorded in the audit log or the ledger.
    ActorType {
        User = "user",
        ApiKey = "api_key",
        System = "system",
    }
}

/// A text column that holds one of a closed set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedColumn {
    pub table: String,
    pub column: String,
    /// Every stored value allowed, from the column's enum.
    pub values: Vec<String>,
}

fn closed<E: ActiveEnum<Value = String>>(column: impl ColumnTrait) -> ClosedColumn {
    ClosedColumn {
        table: column.entity_name().to_string(),
        column: column.as_str().to_owned(),
        values: E::iter().map(|value| value.to_value()).collect(),
    }
}

/// Every closed-set column of every table: what the database refuses values outside of. An
/// entity field made an enum belongs here too.
pub fn closed_columns() -> Vec<ClosedColumn> {
    vec![
        closed::<Currency>(tenant::Column::Currency),
        closed::<Locale>(tenant::Column::Locale),
        closed::<Role>(member::Column::Role),
        closed::<Role>(invitation::Column::Role),
        closed::<ActorType>(audit_event::Column::ActorType),
        closed::<Status>(product::Column::Status),
        closed::<Status>(variant::Column::Status),
        closed::<Status>(supplier::Column::Status),
        closed::<ChannelKind>(sales_channel::Column::Kind),
        closed::<Status>(sales_channel::Column::Status),
        closed::<LocationKind>(location::Column::Kind),
        closed::<Status>(location::Column::Status),
        closed::<MovementKind>(stock_movement::Column::Kind),
        closed::<ActorType>(stock_movement::Column::ActorType),
        closed::<ReservationStatus>(reservation::Column::Status),
        closed::<PurchaseOrderStatus>(purchase_order::Column::Status),
        closed::<OutboxStatus>(outbox_event::Column::Status),
        closed::<Locale>(customer::Column::Locale),
        closed::<OrderStatus>(order::Column::Status),
        closed::<OrderEventKind>(order_event::Column::Kind),
        closed::<OrderStatus>(order_event::Column::FromStatus),
        closed::<OrderStatus>(order_event::Column::ToStatus),
        closed::<Currency>(order::Column::Currency),
        closed::<PaymentKind>(payment::Column::Kind),
        closed::<PaymentMethod>(payment::Column::Method),
        closed::<EmailKind>(email::Column::Kind),
        closed::<Locale>(email::Column::Locale),
        closed::<EmailKind>(email_template::Column::Kind),
        closed::<Locale>(email_template::Column::Locale),
        closed::<CarrierKind>(carrier::Column::Kind),
        closed::<Status>(carrier::Column::Status),
        closed::<Status>(carrier_service::Column::Status),
        closed::<Uf>(transit_time::Column::State),
        closed::<FulfilmentStatus>(fulfilment::Column::Status),
        closed::<ShipmentStatus>(shipment::Column::Status),
        closed::<Uf>(shipment::Column::DestinationState),
        closed::<TrackingStatus>(tracking_event::Column::Status),
        closed::<ShippingRefund>(return_settings::Column::ShippingRefund),
        closed::<ReturnStatus>(return_request::Column::Status),
        closed::<Resolution>(return_request::Column::Resolution),
        closed::<ReasonKind>(return_line::Column::ReasonKind),
        closed::<ReturnStatus>(return_event::Column::Status),
        closed::<InvoiceKind>(invoice::Column::Kind),
        closed::<FiscalStatus>(invoice::Column::FiscalStatus),
        closed::<PaymentMethod>(payment_notification::Column::Method),
        closed::<NotificationStatus>(payment_notification::Column::Status),
        closed::<UnmatchedReason>(payment_notification::Column::Reason),
        closed::<InstalmentStatus>(instalment::Column::Status),
        closed::<Currency>(instalment::Column::Currency),
        closed::<DunningStep>(dunning_notice::Column::Step),
        closed::<BankLineStatus>(bank_line::Column::Status),
        closed::<Currency>(line_margin::Column::Currency),
        closed::<Currency>(margin_day::Column::Currency),
        closed::<MarginDimension>(margin_day::Column::Dimension),
        closed::<BillStatus>(supplier_bill::Column::Status),
        closed::<Currency>(supplier_bill::Column::Currency),
        closed::<DisabledReason>(webhook_endpoint::Column::DisabledReason),
        closed::<DeliveryStatus>(webhook_delivery::Column::Status),
        closed::<RunOutcome>(automation_rule_run::Column::Outcome),
        closed::<ActionKind>(automation_action_run::Column::Kind),
        closed::<ActionStatus>(automation_action_run::Column::Status),
        closed::<NotificationTopic>(notification::Column::Topic),
        closed::<TicketChannel>(ticket::Column::Channel),
        closed::<TicketStatus>(ticket::Column::Status),
        closed::<TicketPriority>(ticket::Column::Priority),
        closed::<Locale>(ticket::Column::Locale),
        closed::<TicketMessageKind>(ticket_message::Column::Kind),
        closed::<Locale>(canned_reply::Column::Locale),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_is_recorded_under_the_name_of_its_state() {
        for status in OrderStatus::ALL {
            assert_eq!(OrderEventKind::moved_to(status).as_str(), status.as_str());
        }
    }

    #[test]
    fn every_closed_column_is_a_column_of_its_table_once() {
        let columns = closed_columns();
        for (i, column) in columns.iter().enumerate() {
            assert!(!column.values.is_empty(), "{column:?}");
            let again = columns[i + 1..]
                .iter()
                .any(|c| (&c.table, &c.column) == (&column.table, &column.column));
            assert!(!again, "{}.{} is listed twice", column.table, column.column);
        }
    }
}
