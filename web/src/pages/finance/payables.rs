//! What the store owes its suppliers: the ageing, and the bills by status with how each
//! differs from its purchase order; a manager approves a held bill with why, and pays one.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::finance::{BillOut, BillStatus};
use rust_decimal::Decimal;

use super::FINANCE_TABS;
use super::receivables::AgeingTable;
use crate::api::finance::bill_status_str;
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, FormProblem, Loading, Pager, Tabs, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

const STATUSES: [BillStatus; 5] = [
    BillStatus::Held,
    BillStatus::Overdue,
    BillStatus::Open,
    BillStatus::PartiallyPaid,
    BillStatus::Paid,
];

fn status_key(status: BillStatus) -> &'static str {
    match status {
        BillStatus::Held => "bill-status-held",
        BillStatus::Open => "bill-status-open",
        BillStatus::PartiallyPaid => "bill-status-partially_paid",
        BillStatus::Paid => "bill-status-paid",
        BillStatus::Overdue => "bill-status-overdue",
    }
}

#[component]
pub fn Payables() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let status = RwSignal::new(String::new());
    let changed = RwSignal::new(0u32);
    let ageing = LocalResource::new(move || {
        changed.track();
        api::finance::payables_ageing(session)
    });
    let rows = LocalResource::new(move || {
        changed.track();
        let chosen = status.get();
        let one = STATUSES.into_iter().find(|s| bill_status_str(*s) == chosen);
        let cursor = pager.cursor();
        async move { api::finance::bills(session, one, cursor).await }
    });
    Effect::new(move |_| {
        status.track();
        pager.restart();
    });
    let manage = session.may(Permission::FinanceManage);
    view! {
        <section>
            <Tabs links=FINANCE_TABS />
            <h1>{move || t("payables-title")}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || ageing.get().map(|result| match result {
                    Ok(report) => {
                        let rows = report.suppliers.into_iter().map(|s| (s.supplier_name, s.currency, s.buckets)).collect();
                        view! { <AgeingTable as_of=report.as_of totals=report.totals rows party="bill-supplier" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                })}
            </Suspense>
            <h2>{move || t("payables-bills")}</h2>
            <div class="filters">
                <label>
                    {move || t("bill-status")}
                    <select name="bill-status-filter" on:change=move |ev| status.set(event_target_value(&ev))
                        prop:value=move || status.get()>
                        <option value="">{move || t("receivables-all")}</option>
                        {STATUSES.map(|s| view! { <option value=bill_status_str(s)>{move || t(status_key(s))}</option> })}
                    </select>
                </label>
            </div>
            {listing(rows, pager, "bills stack",
                &["bill-supplier", "bill-number", "bill-due", "bill-total", "bill-outstanding", "bill-status"],
                move |b: BillOut| view! { <Row b changed manage /> })}
        </section>
    }
}

#[component]
fn Row(b: BillOut, changed: RwSignal<u32>, manage: bool) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let (currency, total, owed, difference) = (b.currency, b.total, b.outstanding, b.difference);
    let (due, status) = (b.due_on, b.status);
    let action = match status {
        BillStatus::Held if manage => {
            Some(view! { <Approve id=b.id version=b.version changed /> }.into_any())
        }
        BillStatus::Open | BillStatus::PartiallyPaid | BillStatus::Overdue if manage => {
            Some(view! { <Pay id=b.id version=b.version owed changed /> }.into_any())
        }
        _ => None,
    };
    view! {
        <tr>
            <td data-label=move || t("bill-supplier")>{b.supplier_name}</td>
            <td data-label=move || t("bill-number")>
                {b.number} " " <small class="muted">{format!("PC #{}", b.purchase_order_number)}</small>
            </td>
            <td data-label=move || t("bill-due")>{move || format::date(due, locale())}</td>
            <td data-label=move || t("bill-total") class="money">{move || format::money(total, currency, locale())}</td>
            <td data-label=move || t("bill-outstanding") class="money">{move || format::money(owed, currency, locale())}</td>
            <td data-label=move || t("bill-status")>
                <span class=format!("badge badge-bill-{}", bill_status_str(status))>{move || t(status_key(status))}</span>
                {(!difference.is_zero()).then(|| view! {
                    <br /><small class="muted">{move || t("bill-difference")} " " {move || format::money(difference, currency, locale())}</small>
                })}
                {b.approval_note.map(|note| view! { <br /><small class="muted">{note}</small> })}
                {action}
            </td>
        </tr>
    }
}

/// A manager approves a held bill's difference, saying why.
#[component]
fn Approve(id: uuid::Uuid, version: i32, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let note = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(move |_: &()| {
        let why = note.get_untracked().trim().to_owned();
        async move {
            match api::finance::approve_bill(session, id, why, version).await {
                Ok(_) => changed.update(|n| *n += 1),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <label>{move || t("bill-approval-note")}
                <input name="note" bind:value=note required=true /></label>
            <button type="submit" class="secondary" data-testid="approve-bill">{move || t("bill-approve")}</button>
        </form>
        <FormProblem failed />
    }
}

/// Pays what is outstanding of a bill (or the part typed).
#[component]
fn Pay(id: uuid::Uuid, version: i32, owed: Decimal, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let amount = RwSignal::new(owed.to_string());
    let failed = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(move |_: &()| {
        let typed = crate::input::typed_amount(&amount.get_untracked());
        async move {
            match api::finance::pay_bill(session, id, typed, version).await {
                Ok(_) => changed.update(|n| *n += 1),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <label>{move || t("bill-amount")}
                <input name="amount" inputmode="decimal" bind:value=amount required=true /></label>
            <button type="submit" class="secondary" data-testid="pay-bill">{move || t("bill-pay")}</button>
        </form>
        <FormProblem failed />
    }
}
