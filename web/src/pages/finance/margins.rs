//! The contribution margin of what was sold: a period (this month unless chosen), grouped by
//! channel, supplier, product, day or month, highest margin first; the totals per currency;
//! the same roll-up as a CSV file.

use leptos::prelude::*;
use openapi::finance::{MarginAmounts, MarginBy, MarginReport};
use rust_decimal::Decimal;

use super::FINANCE_TABS;
use crate::api::finance::margin_by_str;
use crate::api::{self, ApiError};
use crate::components::{Empty, ErrorNote, FormProblem, Loading, Tabs, save_file};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

const GROUPINGS: [(MarginBy, &str); 5] = [
    (MarginBy::Channel, "margins-by-channel"),
    (MarginBy::Supplier, "margins-by-supplier"),
    (MarginBy::Product, "margins-by-product"),
    (MarginBy::Day, "margins-by-day"),
    (MarginBy::Month, "margins-by-month"),
];

const COLUMNS: [&str; 7] = [
    "margins-net",
    "margins-fees",
    "margins-freight",
    "margins-cost",
    "margins-margin",
    "margins-percent",
    "margins-lines",
];

/// What a column shows of a group's sums, so that a row reads across as net revenue (less
/// discounts and what was given back) less fees (commission and payment), freight and cost
/// (less the cost of goods that came back): the margin.
fn figures(a: &MarginAmounts) -> [Decimal; 5] {
    [
        a.price - a.discounts - a.credited,
        a.commission + a.payment_fees,
        a.freight,
        a.cost - a.returned_cost,
        a.margin,
    ]
}

#[component]
pub fn Margins() -> impl IntoView {
    let session = Session::get();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let by = RwSignal::new(MarginBy::Channel);
    let report = LocalResource::new(move || {
        let (from, to, by) = (from.get(), to.get(), by.get());
        async move { api::finance::margins(session, &from, &to, by).await }
    });
    let choose = move |ev| {
        let chosen = event_target_value(&ev);
        let found = GROUPINGS.iter().find(|(b, _)| margin_by_str(*b) == chosen);
        by.set(found.map_or(MarginBy::Channel, |(b, _)| *b));
    };
    view! {
        <section>
            <Tabs links=FINANCE_TABS />
            <h1>{move || t("margins-title")}</h1>
            <div class="filters">
                <label>{move || t("margins-from")}
                    <input type="date" name="from" bind:value=from /></label>
                <label>{move || t("margins-to")}
                    <input type="date" name="to" bind:value=to /></label>
                <label>{move || t("margins-by")}
                    <select name="by" on:change=choose prop:value=move || margin_by_str(by.get())>
                        {GROUPINGS.map(|(b, key)| view! { <option value=margin_by_str(b)>{move || t(key)}</option> })}
                    </select>
                </label>
            </div>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || report.get().map(|result| match result {
                    Ok(report) => view! { <Report report /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                })}
            </Suspense>
            <Export from to by />
        </section>
    }
}

#[component]
fn Report(report: MarginReport) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let (first, last) = (report.from, report.to);
    if report.rows.is_empty() {
        return view! { <Empty /> }.into_any();
    }
    let totals = report.totals.clone();
    view! {
        <p class="muted">{move || format!("{} – {}", format::date(first, locale()), format::date(last, locale()))}</p>
        <div class="cards margin-cards" data-testid="margin-totals">
            {totals.into_iter().map(|total| {
                let (net, margin, currency) = (total.price - total.discounts - total.credited, total.margin, total.currency);
                let share = total.margin_percent;
                view! {
                    <div class="card">
                        <span class="muted">{move || t("margins-net")}</span>
                        <strong class="money">{move || format::money(net, currency, locale())}</strong>
                    </div>
                    <div class="card">
                        <span class="muted">{move || t("margins-margin")}</span>
                        <strong class="money">{move || format::money(margin, currency, locale())}</strong>
                        {share.map(|p| view! { <small class="muted">{move || format::percent(p, 1, locale())}</small> })}
                    </div>
                }
            }).collect_view()}
        </div>
        <div class="table-wrap">
            <table class="stack margins">
                <thead><tr>
                    <th scope="col">{move || t("margins-name")}</th>
                    {COLUMNS.map(|key| view! { <th scope="col" class="money">{move || t(key)}</th> })}
                </tr></thead>
                <tbody>{report.rows.into_iter().map(|row| {
                    let (currency, share, lines) = (row.amounts.currency, row.amounts.margin_percent, row.lines);
                    let name = if row.name.is_empty() { None } else { Some(row.name) };
                    view! {
                        <tr>
                            <td data-label=move || t("margins-name")>
                                {match name {
                                    Some(name) => name.into_any(),
                                    None => view! { <em class="muted">{move || t("margins-no-supplier")}</em> }.into_any(),
                                }}
                            </td>
                            {COLUMNS.iter().zip(figures(&row.amounts)).map(|(key, value)| view! {
                                <td data-label=move || t(key) class="money">{move || format::money(value, currency, locale())}</td>
                            }).collect_view()}
                            <td data-label=move || t("margins-percent") class="money">
                                {move || share.map(|p| format::percent(p, 1, locale())).unwrap_or_default()}
                            </td>
                            <td data-label=move || t("margins-lines") class="money">{move || format::count(lines as i64, locale())}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Export(from: RwSignal<String>, to: RwSignal<String>, by: RwSignal<MarginBy>) -> impl IntoView {
    let session = Session::get();
    let failed = RwSignal::new(None::<ApiError>);
    let export = Action::new_local(move |_: &()| {
        let (from, to, by) = (from.get_untracked(), to.get_untracked(), by.get_untracked());
        async move {
            match api::finance::margins_csv(session, &from, &to, by).await {
                Ok(csv) => {
                    failed.set(None);
                    let _ = save_file("margins.csv", "text/csv", &csv);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <button type="button" class="secondary" data-testid="margins-export"
            disabled=move || export.pending().get()
            on:click=move |_| { export.dispatch(()); }>
            {move || t("margins-export")}
        </button>
        <FormProblem failed />
    }
}
