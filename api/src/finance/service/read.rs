//! Reading invoices and credit notes with their lines.

use openapi::finance::{InvoiceKind, InvoiceQuery};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use entity::{invoice, invoice_line};

use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::pagination::{PageRequest, Paged};

/// An invoice or credit note with its lines.
pub struct InvoiceView {
    pub head: invoice::Model,
    pub lines: Vec<invoice_line::Model>,
}

/// `<series>-<number>`, as printed.
pub fn reference_of(head: &invoice::Model) -> String {
    format!("{}-{}", head.series, head.number)
}

pub async fn find_invoice(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<invoice::Model, FinanceError> {
    txn.find::<invoice::Entity>()
        .filter(invoice::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(FinanceError::NotFound("invoice"))
}

/// The invoice, locked for this transaction (PostgreSQL; SQLite writers are serialised).
pub async fn lock_invoice(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<invoice::Model, FinanceError> {
    txn.find::<invoice::Entity>()
        .filter(invoice::Column::Id.eq(id))
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(FinanceError::NotFound("invoice"))
}

/// The invoice (not credit note) of an order, if it has one.
pub async fn invoice_of_order(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Option<invoice::Model>, FinanceError> {
    Ok(txn
        .find::<invoice::Entity>()
        .filter(invoice::Column::OrderId.eq(order_id))
        .filter(invoice::Column::Kind.eq(InvoiceKind::Invoice))
        .one(txn)
        .await?)
}

/// The credit notes of an invoice, oldest first.
pub async fn credit_notes_of(
    txn: &TenantTransaction,
    invoice: &invoice::Model,
) -> Result<Vec<invoice::Model>, FinanceError> {
    Ok(txn
        .find::<invoice::Entity>()
        .filter(invoice::Column::OrderId.eq(invoice.order_id))
        .filter(invoice::Column::CreditsInvoiceId.eq(invoice.id))
        .order_by_asc(invoice::Column::Id)
        .all(txn)
        .await?)
}

pub async fn lines_of(
    txn: &TenantTransaction,
    invoice_ids: Vec<Uuid>,
) -> Result<Vec<invoice_line::Model>, FinanceError> {
    // Sorted here: for several invoices SQLite would walk the store's lines in id order.
    let mut lines = txn
        .find::<invoice_line::Entity>()
        .filter(invoice_line::Column::InvoiceId.is_in(invoice_ids))
        .all(txn)
        .await?;
    lines.sort_by_key(|line| (line.invoice_id, line.line_no));
    Ok(lines)
}

async fn views(
    txn: &TenantTransaction,
    heads: Vec<invoice::Model>,
) -> Result<Vec<InvoiceView>, FinanceError> {
    let lines = lines_of(txn, heads.iter().map(|h| h.id).collect()).await?;
    Ok(heads
        .into_iter()
        .map(|head| InvoiceView {
            lines: lines
                .iter()
                .filter(|l| l.invoice_id == head.id)
                .cloned()
                .collect(),
            head,
        })
        .collect())
}

pub async fn get_invoice(txn: &TenantTransaction, id: Uuid) -> Result<InvoiceView, FinanceError> {
    let head = find_invoice(txn, id).await?;
    views(txn, vec![head])
        .await?
        .pop()
        .ok_or(FinanceError::NotFound("invoice"))
}

/// Invoices and credit notes, newest first, filtered.
pub async fn list_invoices(
    txn: &TenantTransaction,
    query: &InvoiceQuery,
    page: PageRequest,
) -> Result<Paged<InvoiceView>, FinanceError> {
    let mut select = txn.find::<invoice::Entity>();
    if let Some(kind) = query.kind {
        select = select.filter(invoice::Column::Kind.eq(kind));
    }
    if let Some(order_id) = query.order_id {
        select = select.filter(invoice::Column::OrderId.eq(order_id));
    }
    if let Some(customer_id) = query.customer_id {
        select = select.filter(invoice::Column::CustomerId.eq(customer_id));
    }
    if let Some(status) = query.fiscal_status {
        select = select.filter(invoice::Column::FiscalStatus.eq(status));
    }
    let rows = page.apply(select, invoice::Column::Id).all(txn).await?;
    let paged = page.finish(rows, |r| r.id);
    Ok(Paged {
        items: views(txn, paged.items).await?,
        next_cursor: paged.next_cursor,
    })
}
