//! `/finance/invoices…`: invoices and credit notes, read and credited.

use openapi::Page;
use openapi::finance::{CreditNoteIn, FiscalStatus, InvoiceKind, InvoiceOut};
use uuid::Uuid;

use super::{ApiError, Query, create, get};
use crate::session::Session;

/// A page of invoices and credit notes, newest first, of one kind or both, of one order or all.
pub async fn invoices(
    session: Session,
    kind: Option<InvoiceKind>,
    fiscal_status: Option<FiscalStatus>,
    order_id: Option<Uuid>,
    cursor: Option<String>,
) -> Result<Page<InvoiceOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("kind", kind.map(kind_str))
        .opt("fiscal_status", fiscal_status.map(fiscal_str))
        .opt("order_id", order_id)
        .opt("cursor", cursor)
        .path("/finance/invoices");
    get(session, &path).await
}

pub fn kind_str(kind: InvoiceKind) -> &'static str {
    match kind {
        InvoiceKind::Invoice => "invoice",
        InvoiceKind::CreditNote => "credit_note",
    }
}

pub fn fiscal_str(status: FiscalStatus) -> &'static str {
    match status {
        FiscalStatus::NotSent => "not_sent",
        FiscalStatus::Pending => "pending",
        FiscalStatus::Authorized => "authorized",
        FiscalStatus::Rejected => "rejected",
        FiscalStatus::Cancelled => "cancelled",
    }
}

pub async fn invoice(session: Session, id: Uuid) -> Result<InvoiceOut, ApiError> {
    get(session, &format!("/finance/invoices/{id}")).await
}

/// Issues a credit note for the invoice, sent once with its `Idempotency-Key`.
pub async fn credit(
    session: Session,
    id: Uuid,
    body: &CreditNoteIn,
    idempotency_key: Uuid,
) -> Result<InvoiceOut, ApiError> {
    let path = format!("/finance/invoices/{id}/credit-notes");
    create(session, &path, body, idempotency_key).await
}
