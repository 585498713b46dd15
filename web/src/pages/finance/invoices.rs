//! Invoices and credit notes, newest first, by kind and NF-e status.

use leptos::prelude::*;
use openapi::finance::{InvoiceKind, InvoiceOut};

use super::{FINANCE_TABS, FISCAL_STATUSES, FiscalBadge, fiscal_key, kind_key};
use crate::api;
use crate::api::finance::{fiscal_str, kind_str};
use crate::components::{Pager, Tabs, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

const KINDS: [InvoiceKind; 2] = [InvoiceKind::Invoice, InvoiceKind::CreditNote];

#[component]
pub fn Invoices() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let kind = RwSignal::new(String::new());
    let fiscal = RwSignal::new(String::new());
    let invoices = LocalResource::new(move || {
        let kind = KINDS.into_iter().find(|k| kind_str(*k) == kind.get());
        let fiscal = FISCAL_STATUSES
            .into_iter()
            .find(|s| fiscal_str(*s) == fiscal.get());
        let cursor = pager.cursor();
        async move { api::finance::invoices(session, kind, fiscal, None, cursor).await }
    });
    Effect::new(move |_| {
        kind.track();
        fiscal.track();
        pager.restart();
    });
    view! {
        <section>
            <Tabs links=FINANCE_TABS />
            <h1>{move || t("invoices-title")}</h1>
            <div class="filters">
                <label>
                    {move || t("invoice-kind")}
                    <select name="invoice-kind-filter" on:change=move |ev| kind.set(event_target_value(&ev))
                        prop:value=move || kind.get()>
                        <option value="">{move || t("invoices-any-kind")}</option>
                        {KINDS.map(|k| view! { <option value=kind_str(k)>{move || t(kind_key(k))}</option> })}
                    </select>
                </label>
                <label>
                    {move || t("invoice-fiscal")}
                    <select name="invoice-fiscal-filter" on:change=move |ev| fiscal.set(event_target_value(&ev))
                        prop:value=move || fiscal.get()>
                        <option value="">{move || t("invoices-any-fiscal")}</option>
                        {FISCAL_STATUSES.map(|s| view! { <option value=fiscal_str(s)>{move || t(fiscal_key(s))}</option> })}
                    </select>
                </label>
            </div>
            {listing(invoices, pager, "invoices stack",
                &["invoice-reference", "invoice-issued", "invoice-billed", "invoice-order", "invoice-fiscal", "invoice-total"],
                |i: InvoiceOut| view! { <Row i /> })}
        </section>
    }
}

#[component]
fn Row(i: InvoiceOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let (issued, total, currency) = (i.issued_at, i.total, i.currency);
    let credit = i.kind == InvoiceKind::CreditNote;
    view! {
        <tr>
            <td data-label=move || t("invoice-reference")>
                <a href=format!("/finance/invoices/{}", i.id) data-testid="open-invoice">{i.reference}</a>
                {credit.then(|| view! { " " <small class="muted">{move || t(kind_key(InvoiceKind::CreditNote))}</small> })}
            </td>
            <td data-label=move || t("invoice-issued")>{move || format::date_time_in(issued, &zone, locale())}</td>
            <td data-label=move || t("invoice-billed")>{i.billed.name}</td>
            <td data-label=move || t("invoice-order")>
                <a href=format!("/orders/{}", i.order_id)>{format!("#{}", i.order_number)}</a>
            </td>
            <td data-label=move || t("invoice-fiscal")><FiscalBadge status=i.fiscal.status /></td>
            <td data-label=move || t("invoice-total") class="money">
                {move || format::money(if credit { -total } else { total }, currency, locale())}
            </td>
        </tr>
    }
}
