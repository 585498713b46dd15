//! Finance: invoices issued from paid orders (and orders approved on credit terms), numbered
//! per store and series without gaps, credit notes that correct them, and their fiscal
//! documents as an integration reports them; customers' credit terms, limits and blocks;
//! receivables (an invoice's instalments), settled oldest first, their ageing and dunning;
//! bank statements reconciled; each sold line's contribution margin and its roll-ups.
//! supplier bills (payables) checked three ways, approved, paid and aged; cash flow by week,
//! four past and thirteen projected.

pub mod cash_plan;
pub mod demo;
pub mod error;
pub mod events;
pub mod handlers;
pub mod margin;
pub mod plan;
pub mod service;
pub mod three_way;
#[cfg(test)]
mod wire;

use std::sync::Arc;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::error::ApiError;
use crate::module::{Link, Module};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    conflict,
    links: LINKS,
    event_handlers: |_| Ok(vec![Arc::new(events::FinanceEvents)]),
    sweeps: |services| vec![Box::pin(service::dunning::run(services.db.clone()))],
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("finance", routes, finance_doc)
};

/// Finance is a manager's and an admin's; a fiscal integration's key reports NF-e.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[
        (FinanceRead, true, &[Owner, Admin, Manager]),
        (FinanceManage, true, &[Owner, Admin, Manager]),
        (FinanceFiscal, true, &[Owner, Admin, Manager]),
        (FinancePayments, true, &[Owner, Admin, Manager]),
    ]
};

/// An issued invoice's id to the routes that read, credit and report it.
const LINKS: &[Link] = &[
    Link::new(
        "finance.invoice.create",
        &[
            "finance.invoice.get",
            "finance.invoice.credit",
            "finance.invoice.fiscal",
        ],
    ),
    Link::new(
        "finance.bill.create",
        &[
            "finance.bill.get",
            "finance.bill.approve",
            "finance.bill.pay",
        ],
    ),
    Link::new(
        "finance.notification.receive",
        &["finance.notification.match"],
    ),
];

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    use handlers::{bank, cash_flow, credit, invoice, margin, notification, payable, receivable};
    routes
        .get(
            "/finance/cash-flow",
            Needs(FinanceRead),
            cash_flow::get_cash_flow,
        )
        .get(
            "/finance/cash-flow/export",
            Needs(FinanceRead),
            cash_flow::export_cash_flow,
        )
        .post("/finance/bills", Needs(FinanceManage), payable::create_bill)
        .get("/finance/bills", Needs(FinanceRead), payable::list_bills)
        .get("/finance/bills/{id}", Needs(FinanceRead), payable::get_bill)
        .post(
            "/finance/bills/{id}/approve",
            Needs(FinanceManage),
            payable::approve_bill,
        )
        .post(
            "/finance/bills/{id}/payments",
            Needs(FinanceManage),
            payable::pay_bill,
        )
        .get(
            "/finance/payables/ageing",
            Needs(FinanceRead),
            payable::payables_ageing,
        )
        .get(
            "/finance/margins",
            Needs(FinanceRead),
            margin::margin_report,
        )
        .get(
            "/finance/margins/export",
            Needs(FinanceRead),
            margin::export_margins,
        )
        .get(
            "/finance/orders/{id}/margin",
            Needs(FinanceRead),
            margin::order_margin,
        )
        .post(
            "/finance/bank-statements",
            Needs(FinanceManage),
            bank::import_statement,
        )
        .get("/finance/bank-lines", Needs(FinanceRead), bank::list_lines)
        .post(
            "/finance/bank-lines/{id}/match",
            Needs(FinanceManage),
            bank::match_line,
        )
        .post(
            "/finance/bank-lines/{id}/classify",
            Needs(FinanceManage),
            bank::classify_line,
        )
        .get(
            "/finance/customers",
            Needs(FinanceRead),
            credit::list_credit,
        )
        .get(
            "/finance/customers/{id}/credit",
            Needs(FinanceRead),
            credit::get_credit,
        )
        .put(
            "/finance/customers/{id}/credit",
            Needs(FinanceManage),
            credit::set_credit,
        )
        .post(
            "/finance/customers/{id}/block",
            Needs(FinanceManage),
            credit::block_customer,
        )
        .post(
            "/finance/customers/{id}/unblock",
            Needs(FinanceManage),
            credit::unblock_customer,
        )
        .get(
            "/finance/receivables",
            Needs(FinanceRead),
            receivable::list_receivables,
        )
        .get(
            "/finance/receivables/ageing",
            Needs(FinanceRead),
            receivable::ageing,
        )
        .get(
            "/finance/receivables/ageing/export",
            Needs(FinanceRead),
            receivable::export_ageing,
        )
        .post(
            "/finance/receivables/{id}/write-off",
            Needs(FinanceManage),
            receivable::write_off,
        )
        .get("/finance/summary", Needs(FinanceRead), receivable::summary)
        .get(
            "/finance/settings",
            Needs(FinanceRead),
            receivable::get_settings,
        )
        .put(
            "/finance/settings",
            Needs(FinanceManage),
            receivable::update_settings,
        )
        .post(
            "/finance/invoices",
            Needs(FinanceManage),
            invoice::create_invoice,
        )
        .get(
            "/finance/invoices",
            Needs(FinanceRead),
            invoice::list_invoices,
        )
        .get(
            "/finance/invoices/{id}",
            Needs(FinanceRead),
            invoice::get_invoice,
        )
        .post(
            "/finance/invoices/{id}/credit-notes",
            Needs(FinanceManage),
            invoice::credit_invoice,
        )
        .put(
            "/finance/invoices/{id}/fiscal",
            Needs(FinanceFiscal),
            invoice::report_fiscal,
        )
        .post(
            "/finance/payment-notifications",
            Needs(FinancePayments),
            notification::receive_notification,
        )
        .get(
            "/finance/payment-notifications",
            Needs(FinanceRead),
            notification::list_notifications,
        )
        .post(
            "/finance/payment-notifications/{id}/match",
            Needs(FinanceManage),
            notification::match_notification,
        );
}

fn finance_doc() -> utoipa::openapi::OpenApi {
    <Doc as OpenApi>::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(
        handlers::invoice::create_invoice,
        handlers::invoice::list_invoices,
        handlers::invoice::get_invoice,
        handlers::invoice::credit_invoice,
        handlers::invoice::report_fiscal,
        handlers::notification::receive_notification,
        handlers::notification::list_notifications,
        handlers::notification::match_notification,
        handlers::credit::list_credit,
        handlers::credit::get_credit,
        handlers::credit::set_credit,
        handlers::credit::block_customer,
        handlers::credit::unblock_customer,
        handlers::receivable::list_receivables,
        handlers::receivable::ageing,
        handlers::receivable::export_ageing,
        handlers::receivable::write_off,
        handlers::receivable::summary,
        handlers::bank::import_statement,
        handlers::bank::list_lines,
        handlers::bank::match_line,
        handlers::bank::classify_line,
        handlers::receivable::get_settings,
        handlers::receivable::update_settings,
        handlers::margin::margin_report,
        handlers::margin::export_margins,
        handlers::margin::order_margin,
        handlers::payable::create_bill,
        handlers::payable::list_bills,
        handlers::payable::get_bill,
        handlers::payable::approve_bill,
        handlers::payable::pay_bill,
        handlers::payable::payables_ageing,
        handlers::cash_flow::get_cash_flow,
        handlers::cash_flow::export_cash_flow,
    ),
    tags((name = "finance", description = "Invoices issued from paid orders and orders approved on credit terms, numbered per store and series without gaps; credit notes that correct them; their NF-e as a fiscal integration reports it; customers' credit terms, limits and blocks; receivables (instalments), their ageing and dunning; gateways' payment notifications that settle orders once per reference; bank statements reconciled line by line; each sold line's contribution margin, rolled up by channel, supplier, product and period; supplier bills checked three ways against their purchase orders, approved, paid and aged; cash flow by week, past and projected"))
)]
struct Doc;

/// The conflict each operation most often meets, for the document's examples.
fn conflict(operation_id: &str) -> Option<ApiError> {
    use error::FinanceError;
    Some(match operation_id {
        "finance.invoice.create" => FinanceError::Invoiced {
            reference: "1-1042".into(),
        }
        .into(),
        "finance.invoice.credit" => FinanceError::NothingLeft.into(),
        "finance.notification.match" => FinanceError::AlreadySettled.into(),
        "finance.credit.block" => FinanceError::AlreadyBlocked.into(),
        "finance.credit.unblock" => FinanceError::NotBlocked.into(),
        "finance.receivable.write_off" => FinanceError::NothingOutstanding.into(),
        "finance.bank.match" | "finance.bank.classify" => FinanceError::BankLineDone.into(),
        "finance.bill.create" => FinanceError::NotReceived.into(),
        "finance.bill.approve" => FinanceError::NotHeld.into(),
        "finance.bill.pay" => FinanceError::BillHeld.into(),
        "finance.invoice.fiscal" => FinanceError::FiscalMove {
            from: openapi::finance::FiscalStatus::Cancelled,
            to: openapi::finance::FiscalStatus::Authorized,
        }
        .into(),
        _ => return None,
    })
}
