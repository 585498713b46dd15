//! One invoice or credit note as a document the browser prints (to paper or PDF): who issued
//! it and to whom, its lines and totals, its NF-e; on an invoice not wholly credited, a credit
//! note for what is left.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::finance::{CreditNoteIn, InvoiceKind, InvoiceOut};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{FiscalBadge, kind_key};
use crate::api::{self, ApiError};
use crate::components::{Field, FormProblem, detail, new_key};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn InvoiceDetail() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    view! {
        <section>
            <p class="no-print"><a href="/finance/invoices">{move || t("invoices-title")}</a></p>
            {detail(api::finance::invoice, changed, move |found: InvoiceOut| view! { <Document found /> })}
        </section>
    }
}

#[component]
fn Document(found: InvoiceOut) -> impl IntoView {
    let session = Session::get();
    let may_credit = found.kind == InvoiceKind::Invoice
        && found.credited < found.total
        && session.may(Permission::FinanceManage);
    let kind = found.kind;
    view! {
        <article class="invoice">
            <header class="invoice-head">
                <div>
                    <h1>{move || t(kind_key(kind))} " " {found.reference.clone()}</h1>
                    <p><strong>{session.store_name()}</strong></p>
                </div>
                <button type="button" class="no-print" data-testid="print-invoice"
                    on:click=move |_| { let _ = window().print(); }>{move || t("invoice-print")}</button>
            </header>
            <Facts found=found.clone() />
            <Billed found=found.clone() />
            <Lines found=found.clone() />
            <Totals found=found.clone() />
        </article>
        {may_credit.then(|| view! { <Credit id=found.id /> })}
    }
}

#[component]
fn Facts(found: InvoiceOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let issued = found.issued_at;
    view! {
        <dl class="facts">
            <dt>{move || t("invoice-issued")}</dt>
            <dd>{move || format::date_time_in(issued, &zone, locale())}</dd>
            <dt>{move || t("invoice-order")}</dt>
            <dd><a href=format!("/orders/{}", found.order_id)>{format!("#{}", found.order_number)}</a></dd>
            {found.credits_invoice_id.map(|id| view! {
                <dt>{move || t("invoice-credits")}</dt>
                <dd><a href=format!("/finance/invoices/{id}") data-testid="credited-invoice">
                    {move || t("invoice-open-credited")}
                </a></dd>
            })}
            {found.reason.map(|reason| view! { <dt>{move || t("invoice-reason")}</dt><dd>{reason}</dd> })}
            <dt>{move || t("invoice-fiscal")}</dt>
            <dd><FiscalBadge status=found.fiscal.status /></dd>
            {found.fiscal.access_key.map(|key| view! {
                <dt>{move || t("invoice-access-key")}</dt><dd><code class="access-key">{key}</code></dd>
            })}
        </dl>
    }
}

#[component]
fn Billed(found: InvoiceOut) -> impl IntoView {
    let party = found.billed;
    let address = &party.address;
    let street = format!(
        "{}, {}{}",
        address.street,
        address.number,
        address
            .complement
            .as_ref()
            .map(|c| format!(" — {c}"))
            .unwrap_or_default()
    );
    let city = format!(
        "{} — {}/{} — {}",
        address.district.clone().unwrap_or_default(),
        address.city,
        address.state,
        address.postal_code
    );
    view! {
        <div class="billed">
            <h2>{move || t("invoice-billed")}</h2>
            <p>
                <strong>{party.name}</strong>
                {party.tax_id.map(|id| view! { <br />{id} })}
                {party.email.map(|email| view! { <br />{email} })}
                <br />{street}<br />{city}
            </p>
        </div>
    }
}

#[component]
fn Lines(found: InvoiceOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let currency = found.currency;
    let money = move |value: Decimal| move || format::money(value, currency, locale());
    view! {
        <table class="lines stack">
            <thead><tr>
                <th scope="col">{move || t("invoice-sku")}</th>
                <th scope="col">{move || t("invoice-item")}</th>
                <th scope="col">{move || t("invoice-quantity")}</th>
                <th scope="col">{move || t("invoice-unit-price")}</th>
                <th scope="col">{move || t("invoice-discount")}</th>
                <th scope="col">{move || t("invoice-line-total")}</th>
            </tr></thead>
            <tbody>
                {found.lines.into_iter().map(|l| {
                    let quantity = l.quantity;
                    view! {
                        <tr>
                            <td data-label=move || t("invoice-sku")><code>{l.sku}</code></td>
                            <td data-label=move || t("invoice-item")>{l.name}</td>
                            <td data-label=move || t("invoice-quantity") class="number">
                                {move || format::count(quantity, locale())}
                            </td>
                            <td data-label=move || t("invoice-unit-price") class="money">{money(l.unit_price)}</td>
                            <td data-label=move || t("invoice-discount") class="money">{money(l.discount)}</td>
                            <td data-label=move || t("invoice-line-total") class="money">{money(l.total)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Totals(found: InvoiceOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let currency = found.currency;
    let row = move |key: &'static str, value: Decimal| {
        view! {
            <dt>{move || t(key)}</dt>
            <dd class="money">{move || format::money(value, currency, locale())}</dd>
        }
    };
    let credited = (found.kind == InvoiceKind::Invoice && !found.credited.is_zero())
        .then(|| row("invoice-credited", found.credited));
    view! {
        <dl class="totals">
            {row("invoice-subtotal", found.subtotal)}
            {row("invoice-order-discount", found.discount)}
            {row("invoice-shipping", found.shipping_fee)}
            {row("invoice-taxes", found.tax_total)}
            <dt><strong>{move || t("invoice-total")}</strong></dt>
            <dd class="money" data-testid="invoice-total"><strong>{move || format::money(found.total, currency, locale())}</strong></dd>
            {credited}
        </dl>
    }
}

/// A credit note for all the invoice has not given back yet, with its reason.
#[component]
fn Credit(id: Uuid) -> impl IntoView {
    let session = Session::get();
    let reason = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let key = new_key();
    let navigate = leptos_router::hooks::use_navigate();
    let credit = Action::new_local(move |_: &()| {
        let body = CreditNoteIn {
            reason: reason.get_untracked(),
            lines: None,
            include_shipping: true,
        };
        let navigate = navigate.clone();
        async move {
            match api::finance::credit(session, id, &body, key).await {
                Ok(note) => navigate(
                    &format!("/finance/invoices/{}", note.id),
                    Default::default(),
                ),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline no-print" on:submit=move |ev| {
            ev.prevent_default();
            credit.dispatch(());
        }>
            <h2>{move || t("invoice-credit-rest")}</h2>
            <Field label="invoice-reason" name="reason" value=reason failed field="reason" required=true />
            <button type="submit" data-testid="credit-invoice">{move || t("invoice-credit")}</button>
        </form>
        <FormProblem failed />
    }
}
