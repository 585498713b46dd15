//! Return rates on the returns list: per SKU, units returned of those delivered; per reason,
//! units returned.

use leptos::prelude::*;
use openapi::logistics::{RateBy, ReturnRateOut};

use super::reason_text;
use crate::api;
use crate::components::{ErrorNote, Loading};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn Rates() -> impl IntoView {
    view! {
        <h2>{move || t("return-rates-title")}</h2>
        <div class="rates">
            <RateTable by=RateBy::Sku />
            <RateTable by=RateBy::Reason />
        </div>
    }
}

#[component]
fn RateTable(by: RateBy) -> impl IntoView {
    let session = Session::get();
    let rates = LocalResource::new(move || api::returns::rates(session, by));
    let (caption, first) = match by {
        RateBy::Sku => ("return-rates-by-sku", "return-sku"),
        RateBy::Reason => ("return-rates-by-reason", "return-reason"),
    };
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || rates.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(rows) if rows.is_empty() => view! {
                    <p class="empty">{move || t("return-rates-empty")}</p>
                }.into_any(),
                Ok(rows) => view! {
                    <table class=format!("rates-{} stack", if by == RateBy::Sku { "sku" } else { "reason" })>
                        <caption>{move || t(caption)}</caption>
                        <thead><tr>
                            <th scope="col">{move || t(first)}</th>
                            <th scope="col">{move || t("return-rates-returned")}</th>
                            {(by == RateBy::Sku).then(|| view! {
                                <th scope="col">{move || t("return-rates-delivered")}</th>
                                <th scope="col">{move || t("return-rates-rate")}</th>
                            })}
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|row| view! { <RateRow row by first /> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn RateRow(row: ReturnRateOut, by: RateBy, first: &'static str) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let key = match by {
        RateBy::Sku => row.key.clone(),
        RateBy::Reason => reason_text(&row.key),
    };
    let returned = row.returned;
    let delivered = row.delivered;
    // The API's rate is a fraction (0.0500); shown as a percentage.
    let rate = row.rate.map(|r| r * rust_decimal::Decimal::ONE_HUNDRED);
    view! {
        <tr>
            <td data-label=move || t(first)>{key}</td>
            <td data-label=move || t("return-rates-returned") class="number">
                {move || format::count(returned, locale())}
            </td>
            {(by == RateBy::Sku).then(|| view! {
                <td data-label=move || t("return-rates-delivered") class="number">
                    {move || delivered.map(|d| format::count(d, locale())).unwrap_or_else(|| "—".into())}
                </td>
                <td data-label=move || t("return-rates-rate") class="number">
                    {move || rate.map(|r| format::percent(r, 1, locale())).unwrap_or_else(|| "—".into())}
                </td>
            })}
        </tr>
    }
}
