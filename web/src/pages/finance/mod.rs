//! Finance: invoices and credit notes, listed by kind and NF-e status; one document's page,
//! printable, with a credit note for what it has not given back yet; gateways' payment
//! notifications, the unmatched matched to an order by hand; what customers owe and its
//! ageing; customers on credit and their blocks; bank statements reconciled; the margin of
//! what was sold; supplier bills and what is owed them; cash flow by week; the dunning policy.

mod bank;
mod cash_flow;
mod credit;
mod invoice;
mod invoices;
mod margins;
mod payables;
mod payments;
mod receivables;
mod settings;

pub use bank::Bank;
pub use cash_flow::CashFlow;
pub use credit::CreditCustomers;
pub use invoice::InvoiceDetail;
pub use invoices::Invoices;
pub use margins::Margins;
pub use payables::Payables;
pub use payments::Payments;
pub use receivables::Receivables;
pub use settings::FinanceSettings;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::finance::{FiscalStatus, InvoiceKind};

use crate::api::finance::fiscal_str;
use crate::i18n::t;
use crate::pages::{Module, NavLink, group};

lazy_pages!(finance:
    InvoicesPage => Invoices,
    InvoiceDetailPage => InvoiceDetail,
    PaymentsPage => Payments,
    ReceivablesPage => Receivables,
    CreditPage => CreditCustomers,
    BankPage => Bank,
    MarginsPage => Margins,
    PayablesPage => Payables,
    CashFlowPage => CashFlow,
    FinanceSettingsPage => FinanceSettings,
);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/finance/invoices",
        text: "nav-finance",
        permission: Some(Permission::FinanceRead),
    }),
    routes: || {
        group(
            view! {
                <Route path=path!("/finance/invoices") view={Lazy::<InvoicesPage>::new()} />
                <Route path=path!("/finance/invoices/:id") view={Lazy::<InvoiceDetailPage>::new()} />
                <Route path=path!("/finance/payments") view={Lazy::<PaymentsPage>::new()} />
                <Route path=path!("/finance/receivables") view={Lazy::<ReceivablesPage>::new()} />
                <Route path=path!("/finance/customers") view={Lazy::<CreditPage>::new()} />
                <Route path=path!("/finance/bank") view={Lazy::<BankPage>::new()} />
                <Route path=path!("/finance/margins") view={Lazy::<MarginsPage>::new()} />
                <Route path=path!("/finance/payables") view={Lazy::<PayablesPage>::new()} />
                <Route path=path!("/finance/cash-flow") view={Lazy::<CashFlowPage>::new()} />
                <Route path=path!("/finance/settings") view={Lazy::<FinanceSettingsPage>::new()} />
            }
            .into_inner(),
        )
    },
};

/// The tabs of every finance list.
pub const FINANCE_TABS: &[(&str, &str)] = &[
    ("/finance/invoices", "invoices-title"),
    ("/finance/payments", "payments-title"),
    ("/finance/receivables", "receivables-title"),
    ("/finance/customers", "credit-title"),
    ("/finance/bank", "bank-title"),
    ("/finance/payables", "payables-title"),
    ("/finance/cash-flow", "cash-flow-title"),
    ("/finance/margins", "margins-title"),
    ("/finance/settings", "finance-settings-title"),
];

const FISCAL_STATUSES: [FiscalStatus; 5] = [
    FiscalStatus::NotSent,
    FiscalStatus::Pending,
    FiscalStatus::Authorized,
    FiscalStatus::Rejected,
    FiscalStatus::Cancelled,
];

fn kind_key(kind: InvoiceKind) -> &'static str {
    match kind {
        InvoiceKind::Invoice => "invoice-kind-invoice",
        InvoiceKind::CreditNote => "invoice-kind-credit_note",
    }
}

fn fiscal_key(status: FiscalStatus) -> &'static str {
    match status {
        FiscalStatus::NotSent => "fiscal-status-not_sent",
        FiscalStatus::Pending => "fiscal-status-pending",
        FiscalStatus::Authorized => "fiscal-status-authorized",
        FiscalStatus::Rejected => "fiscal-status-rejected",
        FiscalStatus::Cancelled => "fiscal-status-cancelled",
    }
}

/// An NF-e's status as a badge.
#[component]
fn FiscalBadge(status: FiscalStatus) -> impl IntoView {
    let class = format!("badge badge-fiscal-{}", fiscal_str(status));
    view! { <span class=class>{move || t(fiscal_key(status))}</span> }
}
