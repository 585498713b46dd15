//! `/finance/invoices…`: invoices and credit notes, read and credited;
//! `/finance/payment-notifications…`: gateways' notifications, the unmatched matched by hand.

use openapi::Page;
use openapi::finance::{
    CreditNoteIn, FiscalStatus, InvoiceKind, InvoiceOut, NotificationMatchIn, NotificationStatus,
    PaymentNotificationOut,
};
use uuid::Uuid;

use super::{ApiError, Query, create, get, post_version};
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

/// A page of payment notifications, newest first, all or of one status.
pub async fn notifications(
    session: Session,
    status: Option<NotificationStatus>,
    cursor: Option<String>,
) -> Result<Page<PaymentNotificationOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("status", status.map(notification_str))
        .opt("cursor", cursor)
        .path("/finance/payment-notifications");
    get(session, &path).await
}

pub fn notification_str(status: NotificationStatus) -> &'static str {
    match status {
        NotificationStatus::Settled => "settled",
        NotificationStatus::Unmatched => "unmatched",
    }
}

/// Matches an unmatched notification at `version` to an order: recorded as its payment.
pub async fn match_notification(
    session: Session,
    id: Uuid,
    order_id: Uuid,
    version: i32,
) -> Result<PaymentNotificationOut, ApiError> {
    let path = format!("/finance/payment-notifications/{id}/match");
    post_version(session, &path, &NotificationMatchIn { order_id }, version).await
}
