//! What customers owe: the ageing (per customer and in total, exported as CSV) and the
//! instalments soonest due first, by status.

use leptos::prelude::*;
use openapi::finance::{AgeingBuckets, AgeingOut, AgeingTotal, InstalmentOut, InstalmentStatus};
use openapi::tenancy::Currency;

use super::FINANCE_TABS;
use crate::api::finance::instalment_str;
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, FormProblem, Loading, Pager, Tabs, listing, save_file};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

const STATUSES: [InstalmentStatus; 5] = [
    InstalmentStatus::Overdue,
    InstalmentStatus::Open,
    InstalmentStatus::PartiallyPaid,
    InstalmentStatus::Paid,
    InstalmentStatus::WrittenOff,
];

pub fn instalment_key(status: InstalmentStatus) -> &'static str {
    match status {
        InstalmentStatus::Open => "instalment-status-open",
        InstalmentStatus::PartiallyPaid => "instalment-status-partially_paid",
        InstalmentStatus::Paid => "instalment-status-paid",
        InstalmentStatus::Overdue => "instalment-status-overdue",
        InstalmentStatus::WrittenOff => "instalment-status-written_off",
    }
}

const BUCKETS: [&str; 6] = [
    "ageing-current",
    "ageing-1-30",
    "ageing-31-60",
    "ageing-61-90",
    "ageing-over-90",
    "ageing-total",
];

fn amounts(b: &AgeingBuckets) -> [rust_decimal::Decimal; 6] {
    [
        b.current,
        b.days_1_30,
        b.days_31_60,
        b.days_61_90,
        b.over_90,
        b.total,
    ]
}

#[component]
pub fn Receivables() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let status = RwSignal::new("outstanding".to_owned());
    let ageing = LocalResource::new(move || api::finance::ageing(session));
    let rows = LocalResource::new(move || {
        let chosen = status.get();
        let one = STATUSES.into_iter().find(|s| instalment_str(*s) == chosen);
        let cursor = pager.cursor();
        async move { api::finance::receivables(session, one, chosen == "outstanding", cursor).await }
    });
    Effect::new(move |_| {
        status.track();
        pager.restart();
    });
    view! {
        <section>
            <Tabs links=FINANCE_TABS />
            <h1>{move || t("receivables-title")}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || ageing.get().map(|result| match result {
                    Ok(report) => view! { <Ageing report /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                })}
            </Suspense>
            <h2>{move || t("receivables-instalments")}</h2>
            <div class="filters">
                <label>
                    {move || t("instalment-status")}
                    <select name="instalment-status-filter" on:change=move |ev| status.set(event_target_value(&ev))
                        prop:value=move || status.get()>
                        <option value="outstanding">{move || t("receivables-outstanding")}</option>
                        <option value="">{move || t("receivables-all")}</option>
                        {STATUSES.map(|s| view! { <option value=instalment_str(s)>{move || t(instalment_key(s))}</option> })}
                    </select>
                </label>
            </div>
            {listing(rows, pager, "receivables stack",
                &["instalment-due", "instalment-customer", "instalment-order", "instalment-amount", "instalment-outstanding", "instalment-status"],
                |i: InstalmentOut| view! { <Row i /> })}
        </section>
    }
}

#[component]
fn Ageing(report: AgeingOut) -> impl IntoView {
    let rows = report
        .customers
        .into_iter()
        .map(|c| (c.customer_name, c.currency, c.buckets))
        .collect();
    view! {
        <AgeingTable as_of=report.as_of totals=report.totals rows party="instalment-customer" />
        <Export />
    }
}

/// An ageing: the totals as cards, then one row per customer or supplier (`party` heads
/// their column).
#[component]
pub fn AgeingTable(
    as_of: chrono::NaiveDate,
    totals: Vec<AgeingTotal>,
    rows: Vec<(String, Currency, AgeingBuckets)>,
    party: &'static str,
) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let money = move |value, currency: Currency| format::money(value, currency, locale());
    let customers = rows;
    view! {
        <div class="ageing">
            <p class="muted">{move || t("ageing-as-of")} " " {move || format::date(as_of, locale())}</p>
            <div class="cards ageing-cards">
                {totals.into_iter().map(|total| {
                    let values = amounts(&total.buckets);
                    BUCKETS.iter().zip(values).map(|(key, value)| view! {
                        <div class="card">
                            <span class="muted">{move || t(key)}</span>
                            <strong class="money">{move || money(value, total.currency)}</strong>
                        </div>
                    }).collect_view()
                }).collect_view()}
            </div>
            <table class="stack ageing-customers">
                <thead><tr>
                    <th>{move || t(party)}</th>
                    {BUCKETS.map(|key| view! { <th class="money">{move || t(key)}</th> })}
                </tr></thead>
                <tbody>
                    {customers.into_iter().map(|(name, currency, buckets)| {
                        let values = amounts(&buckets);
                        view! {
                            <tr>
                                <td data-label=move || t(party)>{name}</td>
                                {BUCKETS.iter().zip(values).map(|(key, value)| view! {
                                    <td data-label=move || t(key) class="money">{move || money(value, currency)}</td>
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Export() -> impl IntoView {
    let session = Session::get();
    let failed = RwSignal::new(None::<ApiError>);
    let export = Action::new_local(move |_: &()| async move {
        match api::finance::ageing_csv(session).await {
            Ok(csv) => {
                failed.set(None);
                let _ = save_file("ageing.csv", "text/csv", &csv);
            }
            Err(error) => failed.set(Some(error)),
        }
    });
    view! {
        <button type="button" class="secondary" data-testid="ageing-export"
            disabled=move || export.pending().get()
            on:click=move |_| { export.dispatch(()); }>
            {move || t("ageing-export")}
        </button>
        <FormProblem failed />
    }
}

#[component]
fn Row(i: InstalmentOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let (due, currency, amount, owed) = (i.due_on, i.currency, i.amount, i.outstanding);
    let late = i.days_overdue;
    let status = i.status;
    view! {
        <tr>
            <td data-label=move || t("instalment-due")>{move || format::date(due, locale())}</td>
            <td data-label=move || t("instalment-customer")>
                <a href=format!("/finance/customers?customer={}", i.customer_id)>{i.customer_name}</a>
            </td>
            <td data-label=move || t("instalment-order")>
                <a href=format!("/orders/{}", i.order_id)>{format!("#{}", i.order_number)}</a>
                " " <small class="muted">{format!("{}/{}", i.seq, i.of)}</small>
            </td>
            <td data-label=move || t("instalment-amount") class="money">{move || format::money(amount, currency, locale())}</td>
            <td data-label=move || t("instalment-outstanding") class="money">{move || format::money(owed, currency, locale())}</td>
            <td data-label=move || t("instalment-status")>
                <span class=format!("badge badge-instalment-{}", instalment_str(status))>{move || t(instalment_key(status))}</span>
                {(late > 0).then(|| view! { " " <small class="muted">{move || message(locale(), "instalment-days-late", &[("days", late.to_string())])}</small> })}
            </td>
        </tr>
    }
}
