//! Issuing an order's invoice: the order as it was paid, frozen, with the next number of the
//! store's series. Numbers are gapless: the series' counter is bumped in the issuing
//! transaction, by its last statement, and stays locked until it commits.

use chrono::{SubsecRound, Utc};
use openapi::events::Event;
use openapi::finance::{BilledParty, FiscalStatus, InvoiceIssued, InvoiceKind};
use rust_decimal::Decimal;
use sea_orm::{DbErr, EntityTrait};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{invoice, invoice_line, order, order_line};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::batch_write::Row;
use crate::db::{self, TenantTransaction};
use crate::finance::error::FinanceError;
use crate::finance::service::instalments;
use crate::finance::service::read::{InvoiceView, invoice_of_order, reference_of};
use crate::numbering::insert_numbered;
use crate::orders::service::customer::find_customer;
use crate::orders::service::order::{address_of, lines_of, lock_order, status_of};
use crate::orders::state;
use crate::orders::totals;
use crate::outbox;

/// The series every document is numbered in until a store chooses its own.
pub const DEFAULT_SERIES: &str = "1";

/// The counter of a series (`numbering`'s name).
fn counter_name(series: &str) -> String {
    format!("invoice:{series}")
}

/// Issues the invoice of a paid order. 409 when the order is not paid or already invoiced.
pub async fn issue_invoice(
    txn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
) -> Result<InvoiceView, FinanceError> {
    match issue_if_due(txn, principal, order_id).await? {
        Issued::New(view) => Ok(view),
        Issued::Already(existing) => Err(FinanceError::Invoiced {
            reference: reference_of(&existing),
        }),
    }
}

pub enum Issued {
    New(InvoiceView),
    Already(invoice::Model),
}

/// Issues the invoice of a paid order, or of one approved on credit terms (with its
/// instalments), unless it has one (what those orders' events do, however often they come).
pub async fn issue_if_due(
    txn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
) -> Result<Issued, FinanceError> {
    // Locked first: two issuers of one order wait here, and the second finds the invoice.
    let order = lock_order(txn, order_id).await?;
    if let Some(existing) = invoice_of_order(txn, order_id).await? {
        return Ok(Issued::Already(existing));
    }
    let on_terms = order.payment_terms.is_some() && state::owes_on_terms(status_of(&order));
    if order.paid_at.is_none() && !on_terms {
        return Err(FinanceError::NotPaid {
            status: status_of(&order),
        });
    }
    let lines = lines_of(txn, vec![order_id]).await?;
    let billed = billed_party(txn, &order).await?;
    let head = invoice_row(txn, &order, billed);
    let lines = invoice_lines(txn, &head, &lines);
    let instalments = instalments::plan_for(txn, &order, &head).await?;
    db::defer_foreign_keys(txn).await?;
    instalments::write_planned(txn, &instalments).await?;
    let view = write_numbered(txn, principal, head, lines).await?;
    if !instalments.is_empty() {
        // What the order received before it was invoiced (a deposit) settles them now.
        instalments::settle_order(txn, order_id, Utc::now()).await?;
    }
    Ok(Issued::New(view))
}

async fn billed_party(
    txn: &TenantTransaction,
    order: &order::Model,
) -> Result<serde_json::Value, FinanceError> {
    let customer = find_customer(txn, order.customer_id).await?;
    let party = BilledParty {
        customer_id: customer.id,
        name: customer.name,
        email: customer.email,
        tax_id: customer.tax_id,
        address: address_of(order),
    };
    serde_json::to_value(party).map_err(|e| DbErr::Json(e.to_string()).into())
}

/// The order's invoice, but for its number.
fn invoice_row(
    txn: &TenantTransaction,
    order: &order::Model,
    billed: serde_json::Value,
) -> invoice::Model {
    let zero = Amount(totals::round(Decimal::ZERO, order.currency));
    invoice::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        kind: InvoiceKind::Invoice,
        series: DEFAULT_SERIES.to_owned(),
        // Set by `write_numbered`.
        number: 0,
        order_id: order.id,
        order_number: order.number,
        credits_invoice_id: None,
        reason: None,
        customer_id: order.customer_id,
        billed,
        currency: order.currency,
        subtotal: order.subtotal,
        discount: order.discount,
        shipping_fee: order.shipping_fee,
        tax_total: zero,
        total: order.total,
        credited: zero,
        fiscal_status: FiscalStatus::NotSent,
        access_key: None,
        fiscal_updated_at: None,
        // Microseconds, as the databases keep them: the answer is what a read gives later.
        issued_at: Utc::now().trunc_subsecs(6),
        version: 1,
    }
}

fn invoice_lines(
    txn: &TenantTransaction,
    head: &invoice::Model,
    lines: &[order_line::Model],
) -> Vec<invoice_line::Model> {
    lines
        .iter()
        .map(|line| invoice_line::Model {
            tenant_id: txn.tenant(),
            id: Uuid::now_v7(),
            invoice_id: head.id,
            line_no: line.line_no,
            order_line_id: line.id,
            credits_line_id: None,
            sku: line.sku.clone(),
            name: line.name.clone(),
            quantity: line.quantity,
            unit_price: line.unit_price,
            discount: line.discount,
            tax: Amount(totals::round(Decimal::ZERO, head.currency)),
            total: line.total,
        })
        .collect()
}

/// Writes a document: its lines first, then, as the last statement before the queued audit
/// and event go out with the commit, the document itself with its series' next number (on
/// PostgreSQL the counter is bumped in that very statement), so the counter stays locked only
/// for the commit (DESIGN.md §4). The document as written.
pub async fn write_numbered(
    txn: &TenantTransaction,
    principal: &Principal,
    head: invoice::Model,
    lines: Vec<invoice_line::Model>,
) -> Result<InvoiceView, FinanceError> {
    db::defer_foreign_keys(txn).await?;
    if !lines.is_empty() {
        invoice_line::Entity::insert_many(
            lines.iter().cloned().map(invoice_line::ActiveModel::from),
        )
        .exec_without_returning(txn)
        .await?;
    }
    let issued = InvoiceIssued {
        invoice_id: head.id,
        order_id: head.order_id,
    };
    let (action, event) = match head.kind {
        InvoiceKind::Invoice => ("invoice.issue", Event::InvoiceIssued(issued)),
        InvoiceKind::CreditNote => ("credit_note.issue", Event::CreditNoteIssued(issued)),
    };
    outbox::emit(txn, &event).await?;
    let number = insert_numbered(txn, &counter_name(&head.series), |number| {
        let mut row = Row::of(invoice::ActiveModel::from(head.clone()))?;
        row.set_expr(invoice::Column::Number, number.plus(0))?;
        let change = Change {
            action,
            entity_type: "invoice",
            entity_id: Some(head.id),
            before: None,
            after: Some(json!({
                "series": head.series,
                "order_id": head.order_id,
                "total": head.total.0,
            })),
        };
        let entry = audit::entry_row_filled(principal, change, |changes| {
            number.in_json(changes, &["after", "number"], 0)
        })?;
        Ok(vec![row, entry])
    })
    .await?;
    Ok(InvoiceView {
        head: invoice::Model { number, ..head },
        lines,
    })
}
