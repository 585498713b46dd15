//! `/finance/invoices…`, `/finance/customers…`, `/finance/receivables…`,
//! `/finance/payment-notifications…`, `/finance/bank-…`, `/finance/margins…`,
//! `/finance/bills…`, `/finance/cash-flow…` and `/finance/settings`.

pub mod bank;
pub mod cash_flow;
pub mod credit;
pub mod invoice;
pub mod margin;
pub mod notification;
pub mod payable;
pub mod receivable;

use openapi::finance::{BilledParty, FiscalOut, InvoiceLineOut, InvoiceOut};

use crate::finance::service::read::{InvoiceView, reference_of};

pub fn invoice_out(view: InvoiceView) -> InvoiceOut {
    let InvoiceView { head, lines } = view;
    // Written from a `BilledParty` when issued; a row that no longer reads is a bug, shown
    // with what is known rather than failing the whole list.
    let billed = serde_json::from_value(head.billed.clone()).unwrap_or_else(|_| BilledParty {
        customer_id: head.customer_id,
        name: String::new(),
        email: None,
        tax_id: None,
        address: Default::default(),
    });
    // Shown with at least the currency's minor unit, as a document shows money (PostgreSQL
    // hands a stored zero back without its scale); a finer unit price keeps its digits.
    let minor = head.currency.minor_units();
    let shown = |amount: entity::amount::Amount| {
        let mut value = amount.0;
        if value.scale() < minor {
            value.rescale(minor);
        }
        value
    };
    InvoiceOut {
        id: head.id,
        kind: head.kind,
        reference: reference_of(&head),
        series: head.series,
        number: head.number,
        order_id: head.order_id,
        order_number: head.order_number,
        credits_invoice_id: head.credits_invoice_id,
        reason: head.reason,
        billed,
        currency: head.currency,
        lines: lines
            .into_iter()
            .map(|l| InvoiceLineOut {
                id: l.id,
                line_no: l.line_no,
                order_line_id: l.order_line_id,
                credits_line_id: l.credits_line_id,
                sku: l.sku,
                name: l.name,
                quantity: l.quantity,
                unit_price: shown(l.unit_price),
                discount: shown(l.discount),
                tax: shown(l.tax),
                total: shown(l.total),
            })
            .collect(),
        subtotal: shown(head.subtotal),
        discount: shown(head.discount),
        shipping_fee: shown(head.shipping_fee),
        tax_total: shown(head.tax_total),
        total: shown(head.total),
        credited: shown(head.credited),
        fiscal: FiscalOut {
            status: head.fiscal_status,
            access_key: head.access_key,
            updated_at: head.fiscal_updated_at,
        },
        issued_at: head.issued_at,
        version: head.version,
    }
}
