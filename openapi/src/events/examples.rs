//! An example of each event: the spec's webhooks show them, the tests round-trip them.

use chrono::NaiveDate;
use uuid::Uuid;

use super::*;

fn returned(return_id: Uuid, order_id: Uuid) -> ReturnMoved {
    ReturnMoved {
        return_id,
        order_id,
    }
}

/// One event of each kind, as the spec shows it (a new kind fails to compile here until it
/// has one).
pub fn example(kind: EventKind) -> Event {
    let a = Uuid::from_u128(0x0196f5a0_0000_7000_8000_0000000000a1);
    let b = Uuid::from_u128(0x0196f5a0_0000_7000_8000_0000000000b1);
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
        EventKind::WebhookTest => Event::WebhookTest(WebhookTested { endpoint_id: a }),
        EventKind::WebhookDisabled => Event::WebhookDisabled(WebhookDisabled {
            endpoint_id: a,
            url: "https://erp.example.com.br/hooks/retaguarda".to_owned(),
            delivery_id: b,
            event_type: "order.paid".to_owned(),
            last_status: Some(503),
            last_error: None,
        }),
        EventKind::OrderTagged => Event::OrderTagged(OrderTagged {
            order_id: a,
            tag: "revisar".to_owned(),
            added: true,
        }),
        EventKind::RuleActionDue => Event::RuleActionDue(RuleActionDue {
            run_id: a,
            position: 0,
        }),
        EventKind::TicketCreated => Event::TicketCreated(TicketMessaged {
            ticket_id: a,
            number: 12,
            customer_id: b,
            message_id: a,
        }),
        EventKind::TicketCustomerReplied => Event::TicketCustomerReplied(TicketMessaged {
            ticket_id: a,
            number: 12,
            customer_id: b,
            message_id: b,
        }),
    }
}
