//! Finance: invoices issued from paid orders, numbered per store and series without gaps,
//! credit notes that correct them, and their fiscal documents as an integration reports them.
//! (Receivables, dunning, reconciliation, payables, cash flow and margins are to come.)

pub mod demo;
pub mod error;
pub mod events;
pub mod handlers;
pub mod service;
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
        "finance.notification.receive",
        &["finance.notification.match"],
    ),
];

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    use handlers::{invoice, notification};
    routes
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
    ),
    tags((name = "finance", description = "Invoices issued from paid orders, numbered per store and series without gaps; credit notes that correct them; their NF-e as a fiscal integration reports it; gateways' payment notifications that settle orders once per reference"))
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
        "finance.invoice.fiscal" => FinanceError::FiscalMove {
            from: openapi::finance::FiscalStatus::Cancelled,
            to: openapi::finance::FiscalStatus::Authorized,
        }
        .into(),
        _ => return None,
    })
}
