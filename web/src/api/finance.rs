//! `/finance/invoices…`: invoices and credit notes, read and credited;
//! `/finance/payment-notifications…`: gateways' notifications, the unmatched matched by hand;
//! `/finance/customers…`: customers' credit and blocks; `/finance/receivables…`: instalments
//! and their ageing; `/finance/margins…`: the contribution margin rolled up; `/finance/settings`:
//! the dunning policy.

use openapi::Page;
use openapi::finance::{
    AgeingOut, BankClassification, BankClassifyIn, BankImportOut, BankLineOut, BankLineStatus,
    BankMatchIn, BillApproveIn, BillOut, BillStatus, BlockIn, CashFlowOut, CreditNoteIn,
    CreditTermsIn, CustomerCreditOut, FinanceSettingsOut, FinanceSummaryOut, FiscalStatus,
    InstalmentOut, InstalmentStatus, InvoiceKind, InvoiceOut, MarginBy, MarginReport,
    NotificationMatchIn, NotificationStatus, PayablesAgeingOut, PaymentNotificationOut,
};
use uuid::Uuid;

use super::{ApiError, Query, create, get, get_text, post_csv, post_version, put};
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

/// A page of customers with credit terms, a limit or a block; only the blocked with `true`.
pub async fn credit_customers(
    session: Session,
    blocked: Option<bool>,
    cursor: Option<String>,
) -> Result<Page<CustomerCreditOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("blocked", blocked)
        .opt("cursor", cursor)
        .path("/finance/customers");
    get(session, &path).await
}

/// Sets a customer's credit terms, limit and exemption.
pub async fn set_credit(
    session: Session,
    customer: Uuid,
    body: &CreditTermsIn,
) -> Result<CustomerCreditOut, ApiError> {
    put(
        session,
        &format!("/finance/customers/{customer}/credit"),
        body,
    )
    .await
}

/// Blocks (with `reason`) or unblocks a customer at `version`.
pub async fn set_blocked(
    session: Session,
    customer: Uuid,
    reason: Option<String>,
    version: i32,
) -> Result<CustomerCreditOut, ApiError> {
    match reason {
        Some(reason) => {
            let path = format!("/finance/customers/{customer}/block");
            post_version(session, &path, &BlockIn { reason }, version).await
        }
        None => {
            let path = format!("/finance/customers/{customer}/unblock");
            post_version(session, &path, &serde_json::json!({}), version).await
        }
    }
}

/// A page of instalments, soonest due first, of one status (or what is outstanding).
pub async fn receivables(
    session: Session,
    status: Option<InstalmentStatus>,
    outstanding: bool,
    cursor: Option<String>,
) -> Result<Page<InstalmentOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("status", status.map(instalment_str))
        .opt("outstanding", outstanding.then_some(true))
        .opt("cursor", cursor)
        .path("/finance/receivables");
    get(session, &path).await
}

pub fn instalment_str(status: InstalmentStatus) -> &'static str {
    match status {
        InstalmentStatus::Open => "open",
        InstalmentStatus::PartiallyPaid => "partially_paid",
        InstalmentStatus::Paid => "paid",
        InstalmentStatus::Overdue => "overdue",
        InstalmentStatus::WrittenOff => "written_off",
    }
}

pub async fn ageing(session: Session) -> Result<AgeingOut, ApiError> {
    get(session, "/finance/receivables/ageing").await
}

/// The ageing as a CSV file's text.
pub async fn ageing_csv(session: Session) -> Result<String, ApiError> {
    get_text(session, "/finance/receivables/ageing/export").await
}

pub async fn finance_settings(session: Session) -> Result<FinanceSettingsOut, ApiError> {
    get(session, "/finance/settings").await
}

/// Changes the settings (a typed body, or one with amounts as typed for the API to judge).
pub async fn save_finance_settings(
    session: Session,
    body: &impl serde::Serialize,
) -> Result<FinanceSettingsOut, ApiError> {
    put(session, "/finance/settings", body).await
}

/// What customers owe, of which overdue, and how many are blocked.
pub async fn summary(session: Session) -> Result<FinanceSummaryOut, ApiError> {
    get(session, "/finance/summary").await
}

/// Imports a bank statement's CSV: what it settled, proposed and left.
pub async fn import_statement(session: Session, csv: String) -> Result<BankImportOut, ApiError> {
    post_csv(session, "/finance/bank-statements", csv).await
}

/// A page of bank lines, newest first, all or of one status.
pub async fn bank_lines(
    session: Session,
    status: Option<BankLineStatus>,
    cursor: Option<String>,
) -> Result<Page<BankLineOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("status", status.map(bank_line_str))
        .opt("cursor", cursor)
        .path("/finance/bank-lines");
    get(session, &path).await
}

pub fn bank_line_str(status: BankLineStatus) -> &'static str {
    match status {
        BankLineStatus::Settled => "settled",
        BankLineStatus::Proposed => "proposed",
        BankLineStatus::Unmatched => "unmatched",
        BankLineStatus::Fees => "fees",
        BankLineStatus::Transfer => "transfer",
        BankLineStatus::OtherIncome => "other_income",
    }
}

pub async fn match_bank_line(
    session: Session,
    id: Uuid,
    order_id: Uuid,
    version: i32,
) -> Result<BankLineOut, ApiError> {
    let path = format!("/finance/bank-lines/{id}/match");
    post_version(session, &path, &BankMatchIn { order_id }, version).await
}

pub async fn classify_bank_line(
    session: Session,
    id: Uuid,
    class: BankClassification,
    version: i32,
) -> Result<BankLineOut, ApiError> {
    let path = format!("/finance/bank-lines/{id}/classify");
    post_version(session, &path, &BankClassifyIn { class }, version).await
}

pub fn margin_by_str(by: MarginBy) -> &'static str {
    match by {
        MarginBy::Channel => "channel",
        MarginBy::Supplier => "supplier",
        MarginBy::Product => "product",
        MarginBy::Day => "day",
        MarginBy::Month => "month",
    }
}

fn margin_path(base: &str, from: &str, to: &str, by: MarginBy) -> String {
    let text = |value: &str| (!value.is_empty()).then(|| value.to_owned());
    Query::new()
        .opt("from", text(from))
        .opt("to", text(to))
        .opt("by", Some(margin_by_str(by)))
        .path(base)
}

/// The margin of the lines sold from `from` to `to` (this month when empty), grouped `by`.
pub async fn margins(
    session: Session,
    from: &str,
    to: &str,
    by: MarginBy,
) -> Result<MarginReport, ApiError> {
    get(session, &margin_path("/finance/margins", from, to, by)).await
}

/// The same roll-up as a CSV file's text.
pub async fn margins_csv(
    session: Session,
    from: &str,
    to: &str,
    by: MarginBy,
) -> Result<String, ApiError> {
    get_text(
        session,
        &margin_path("/finance/margins/export", from, to, by),
    )
    .await
}

pub fn bill_status_str(status: BillStatus) -> &'static str {
    match status {
        BillStatus::Held => "held",
        BillStatus::Open => "open",
        BillStatus::PartiallyPaid => "partially_paid",
        BillStatus::Paid => "paid",
        BillStatus::Overdue => "overdue",
    }
}

/// A page of supplier bills, newest first, of one status or all.
pub async fn bills(
    session: Session,
    status: Option<BillStatus>,
    cursor: Option<String>,
) -> Result<Page<BillOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("status", status.map(bill_status_str))
        .opt("cursor", cursor)
        .path("/finance/bills");
    get(session, &path).await
}

pub async fn payables_ageing(session: Session) -> Result<PayablesAgeingOut, ApiError> {
    get(session, "/finance/payables/ageing").await
}

/// Approves a held bill's difference, with why.
pub async fn approve_bill(
    session: Session,
    bill: Uuid,
    note: String,
    version: i32,
) -> Result<BillOut, ApiError> {
    let path = format!("/finance/bills/{bill}/approve");
    post_version(session, &path, &BillApproveIn { note }, version).await
}

/// Pays (part of) a bill today, as it was at `version`; the amount as typed, for the API to
/// judge.
pub async fn pay_bill(
    session: Session,
    bill: Uuid,
    amount: serde_json::Value,
    version: i32,
) -> Result<BillOut, ApiError> {
    let path = format!("/finance/bills/{bill}/payments");
    let body = serde_json::json!({ "amount": amount });
    post_version(session, &path, &body, version).await
}

pub async fn cash_flow(session: Session) -> Result<CashFlowOut, ApiError> {
    get(session, "/finance/cash-flow").await
}

/// Cash flow as a CSV file's text.
pub async fn cash_flow_csv(session: Session) -> Result<String, ApiError> {
    get_text(session, "/finance/cash-flow/export").await
}
