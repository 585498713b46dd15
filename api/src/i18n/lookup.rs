//! The keys named by other words: what a problem is about (the words errors name it by) and
//! an order's state.

use openapi::orders::OrderStatus;

use super::Key;

impl Key {
    /// What a problem is about, from the words the errors name it by (`"the order"`,
    /// `"sales channel"`).
    pub fn thing(what: &str) -> Option<Key> {
        Some(match what.trim_start_matches("the ") {
            "order" => Key::ThingOrder,
            "payment" => Key::ThingPayment,
            "customer" => Key::ThingCustomer,
            "resource" => Key::ThingResource,
            "product" => Key::ThingProduct,
            "sales channel" => Key::ThingSalesChannel,
            "supplier" => Key::ThingSupplier,
            "variant" => Key::ThingVariant,
            "location" => Key::ThingLocation,
            "purchase order" => Key::ThingPurchaseOrder,
            "purchase order line" => Key::ThingPurchaseOrderLine,
            "reservation" => Key::ThingReservation,
            "stock level" => Key::ThingStockLevel,
            "email" => Key::ThingEmail,
            "member" => Key::ThingMember,
            "store" => Key::ThingStore,
            "invitation" => Key::ThingInvitation,
            "holiday" => Key::ThingHoliday,
            "API key" => Key::ThingApiKey,
            "carrier" => Key::ThingCarrier,
            "carrier service" => Key::ThingCarrierService,
            "fulfilment" => Key::ThingFulfilment,
            "shipment" => Key::ThingShipment,
            "return" => Key::ThingReturn,
            "invoice" => Key::ThingInvoice,
            "payment notification" => Key::ThingPaymentNotification,
            "instalment" => Key::ThingInstalment,
            "bank line" => Key::ThingBankLine,
            "webhook endpoint" => Key::ThingWebhookEndpoint,
            "webhook delivery" => Key::ThingWebhookDelivery,
            "rule" => Key::ThingRule,
            "rule template" => Key::ThingRuleTemplate,
            "notification" => Key::ThingNotification,
            "ticket" => Key::ThingTicket,
            "support settings" => Key::ThingSupportSettings,
            "canned reply" => Key::ThingCannedReply,
            _ => return None,
        })
    }

    /// An order's state in words.
    pub fn status(status: OrderStatus) -> Key {
        match status {
            OrderStatus::PendingPayment => Key::StatusPendingPayment,
            OrderStatus::OnHold => Key::StatusOnHold,
            OrderStatus::Approved => Key::StatusApproved,
            OrderStatus::Paid => Key::StatusPaid,
            OrderStatus::Fulfilling => Key::StatusFulfilling,
            OrderStatus::Shipped => Key::StatusShipped,
            OrderStatus::Delivered => Key::StatusDelivered,
            OrderStatus::Completed => Key::StatusCompleted,
            OrderStatus::Refunded => Key::StatusRefunded,
            OrderStatus::Cancelled => Key::StatusCancelled,
        }
    }
}
