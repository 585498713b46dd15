//! Credit notes: what an invoice gives back, line by line, never more than it billed. Amounts
//! are the lines' shares of what was billed, rounded to the currency's minor unit; the note
//! that gives back the last of a line (or of the discount, or shipping) takes exactly what is
//! left, so an invoice's credit notes add up to its total to the cent.

use std::collections::HashMap;

use chrono::{SubsecRound, Utc};
use openapi::finance::{CreditLineIn, CreditNoteIn, FiscalStatus, InvoiceKind};
use openapi::tenancy::Currency;
use rust_decimal::Decimal;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{invoice, invoice_line};

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::service::issue::write_numbered;
use crate::finance::service::read::{
    InvoiceView, credit_notes_of, invoice_of_order, lines_of, lock_invoice,
};
use crate::orders::totals::round;

/// What the invoice's earlier credit notes gave back.
#[derive(Default)]
struct Credited {
    /// Per invoice line: units and amount.
    lines: HashMap<Uuid, (i64, Decimal, Decimal)>,
    discount: Decimal,
    shipping_fee: Decimal,
}

/// A line to give back: the invoice line and how many of its units.
struct Take<'a> {
    line: &'a invoice_line::Model,
    quantity: i64,
}

/// Gives back on the order's invoice the units of a refunded return, as far as they are not
/// credited yet: the credit note, or none when the order has no invoice or nothing is left.
pub async fn credit_returned(
    txn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
    returned: &[(Uuid, i64)],
    reason: String,
) -> Result<Option<InvoiceView>, FinanceError> {
    let Some(invoice) = invoice_of_order(txn, order_id).await? else {
        return Ok(None);
    };
    let invoice = lock_invoice(txn, invoice.id).await?;
    let lines = lines_of(txn, vec![invoice.id]).await?;
    let credited = credited(txn, &invoice).await?;
    let mut asked = Vec::new();
    for line in &lines {
        let wanted: i64 = returned
            .iter()
            .filter(|(order_line, _)| *order_line == line.order_line_id)
            .map(|(_, quantity)| quantity)
            .sum();
        let left = line.quantity - credited.lines.get(&line.id).map_or(0, |c| c.0);
        if wanted.min(left) > 0 {
            asked.push(CreditLineIn {
                invoice_line_id: line.id,
                quantity: wanted.min(left),
            });
        }
    }
    if asked.is_empty() {
        return Ok(None);
    }
    let input = CreditNoteIn {
        reason,
        lines: Some(asked),
        include_shipping: false,
    };
    credit_invoice(txn, principal, invoice.id, &input)
        .await
        .map(Some)
}

/// Issues a credit note for `invoice_id` (locked: credit notes of one invoice are issued one
/// after another).
pub async fn credit_invoice(
    txn: &TenantTransaction,
    principal: &Principal,
    invoice_id: Uuid,
    input: &CreditNoteIn,
) -> Result<InvoiceView, FinanceError> {
    let invoice = lock_invoice(txn, invoice_id).await?;
    if invoice.kind != InvoiceKind::Invoice {
        return Err(FinanceError::NotAnInvoice);
    }
    let lines = lines_of(txn, vec![invoice.id]).await?;
    let credited = credited(txn, &invoice).await?;
    let takes = takes(&lines, &credited, input)?;
    let shipping = input.lines.is_none() || input.include_shipping;
    let note = credit_note(txn, &invoice, &lines, &credited, &takes, shipping, input)?;
    if note.0.total.0.is_zero() && note.1.is_empty() {
        return Err(FinanceError::NothingLeft);
    }
    let (head, note_lines) = note;
    mark_credited(txn, &invoice, head.total.0).await?;
    write_numbered(txn, principal, head, note_lines).await
}

async fn credited(
    txn: &TenantTransaction,
    invoice: &invoice::Model,
) -> Result<Credited, FinanceError> {
    let notes = credit_notes_of(txn, invoice).await?;
    let mut credited = Credited::default();
    for note in &notes {
        credited.discount += note.discount.0;
        credited.shipping_fee += note.shipping_fee.0;
    }
    let note_lines = lines_of(txn, notes.iter().map(|n| n.id).collect()).await?;
    for line in note_lines {
        let Some(of) = line.credits_line_id else {
            continue;
        };
        let entry = credited.lines.entry(of).or_default();
        entry.0 += line.quantity;
        entry.1 += line.total.0;
        entry.2 += line.discount.0;
    }
    Ok(credited)
}

/// The lines asked for (each at most what is left of it), or all that is left.
fn takes<'a>(
    lines: &'a [invoice_line::Model],
    credited: &Credited,
    input: &CreditNoteIn,
) -> Result<Vec<Take<'a>>, FinanceError> {
    let left = |line: &invoice_line::Model| {
        line.quantity - credited.lines.get(&line.id).map_or(0, |c| c.0)
    };
    let Some(asked) = &input.lines else {
        return Ok(lines
            .iter()
            .filter(|line| left(line) > 0)
            .map(|line| Take {
                line,
                quantity: left(line),
            })
            .collect());
    };
    let mut wanted: Vec<(Uuid, i64)> = Vec::new();
    for ask in asked {
        match wanted.iter_mut().find(|(id, _)| *id == ask.invoice_line_id) {
            Some(entry) => entry.1 = entry.1.saturating_add(ask.quantity),
            None => wanted.push((ask.invoice_line_id, ask.quantity)),
        }
    }
    wanted
        .into_iter()
        .map(|(id, quantity)| {
            let line = lines
                .iter()
                .find(|line| line.id == id)
                .ok_or(FinanceError::UnknownLine)?;
            if quantity > left(line) {
                return Err(FinanceError::OverCredit {
                    sku: line.sku.clone(),
                    requested: quantity,
                    creditable: left(line),
                });
            }
            Ok(Take { line, quantity })
        })
        .collect()
}

/// `whole × part ÷ of`, rounded; exactly `left` when the part is all that is left.
fn share(whole: Decimal, part: i64, of: i64, left: Decimal, last: bool, c: Currency) -> Decimal {
    if last || of == 0 {
        return left;
    }
    round(whole * Decimal::from(part) / Decimal::from(of), c).min(left)
}

fn credit_note(
    txn: &TenantTransaction,
    invoice: &invoice::Model,
    lines: &[invoice_line::Model],
    credited: &Credited,
    takes: &[Take<'_>],
    shipping: bool,
    input: &CreditNoteIn,
) -> Result<(invoice::Model, Vec<invoice_line::Model>), FinanceError> {
    let currency = invoice.currency;
    let id = Uuid::now_v7();
    let mut note_lines = Vec::with_capacity(takes.len());
    for (i, take) in takes.iter().enumerate() {
        let line = take.line;
        let (units, amount, discount) = credited.lines.get(&line.id).copied().unwrap_or_default();
        let last = units + take.quantity == line.quantity;
        let total = share(
            line.total.0,
            take.quantity,
            line.quantity,
            line.total.0 - amount,
            last,
            currency,
        );
        let discount = share(
            line.discount.0,
            take.quantity,
            line.quantity,
            line.discount.0 - discount,
            last,
            currency,
        );
        note_lines.push(invoice_line::Model {
            tenant_id: txn.tenant(),
            id: Uuid::now_v7(),
            invoice_id: id,
            line_no: i as i32 + 1,
            order_line_id: line.order_line_id,
            credits_line_id: Some(line.id),
            sku: line.sku.clone(),
            name: line.name.clone(),
            quantity: take.quantity,
            unit_price: line.unit_price,
            discount: Amount(discount),
            tax: Amount(round(Decimal::ZERO, currency)),
            total: Amount(total),
        });
    }
    let subtotal: Decimal = note_lines.iter().map(|l| l.total.0).sum();
    let everything = lines.iter().all(|line| {
        let before = credited.lines.get(&line.id).map_or(0, |c| c.0);
        let now: i64 = takes
            .iter()
            .filter(|t| t.line.id == line.id)
            .map(|t| t.quantity)
            .sum();
        before + now == line.quantity
    });
    let discount_left = invoice.discount.0 - credited.discount;
    let discount = if everything {
        discount_left
    } else if invoice.subtotal.0.is_zero() {
        Decimal::ZERO
    } else {
        round(invoice.discount.0 * subtotal / invoice.subtotal.0, currency).min(discount_left)
    };
    let shipping_fee = if shipping {
        invoice.shipping_fee.0 - credited.shipping_fee
    } else {
        Decimal::ZERO
    };
    let total = subtotal - discount + shipping_fee;
    let head = invoice::Model {
        id,
        kind: InvoiceKind::CreditNote,
        number: 0,
        credits_invoice_id: Some(invoice.id),
        reason: Some(input.reason.trim().to_owned()),
        subtotal: Amount(round(subtotal, currency)),
        discount: Amount(round(discount, currency)),
        shipping_fee: Amount(round(shipping_fee, currency)),
        tax_total: Amount(round(Decimal::ZERO, currency)),
        total: Amount(round(total, currency)),
        credited: Amount(round(Decimal::ZERO, currency)),
        fiscal_status: FiscalStatus::NotSent,
        access_key: None,
        fiscal_updated_at: None,
        issued_at: Utc::now().trunc_subsecs(6),
        version: 1,
        ..invoice.clone()
    };
    Ok((head, note_lines))
}

/// Adds a credit note's total to what its invoice has given back.
async fn mark_credited(
    txn: &TenantTransaction,
    invoice: &invoice::Model,
    total: Decimal,
) -> Result<(), FinanceError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let mut changed: invoice::ActiveModel = invoice.clone().into();
    changed.credited = Set(Amount(round(invoice.credited.0 + total, invoice.currency)));
    changed.version = Set(invoice.version + 1);
    changed.update(txn).await?;
    Ok(())
}
