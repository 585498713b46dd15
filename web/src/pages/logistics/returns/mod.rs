//! Returns (RMA): the list by state, newest first, with the return rates by SKU and by reason;
//! one return's page (`detail`) with its review, receiving (`receive`) and resolution
//! (`resolve`).

mod detail;
mod rates;
mod receive;
mod resolve;

pub use detail::ReturnDetail;

use leptos::prelude::*;
use openapi::logistics::{ReturnOut, ReturnStatus};

use super::LOGISTICS_TABS;
use crate::api;
use crate::components::{Pager, Tabs, listing};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

/// Every return state, in the order of the way.
const STATUSES: [ReturnStatus; 5] = [
    ReturnStatus::Requested,
    ReturnStatus::Approved,
    ReturnStatus::Declined,
    ReturnStatus::Received,
    ReturnStatus::Resolved,
];

/// The key of a return state's name.
fn status_key(status: ReturnStatus) -> &'static str {
    match status {
        ReturnStatus::Requested => "return-status-requested",
        ReturnStatus::Approved => "return-status-approved",
        ReturnStatus::Declined => "return-status-declined",
        ReturnStatus::Received => "return-status-received",
        ReturnStatus::Resolved => "return-status-resolved",
    }
}

/// A return's state as a badge.
#[component]
fn ReturnBadge(status: ReturnStatus) -> impl IntoView {
    let class = format!("badge badge-return-{}", api::returns::status_str(status));
    view! { <span class=class>{move || t(status_key(status))}</span> }
}

/// A reason code in words: the default reasons have a name in each language; a store's own
/// reason shows as its code.
fn reason_text(code: &str) -> String {
    let key = format!("return-reason-{code}");
    match message(I18n::get().locale(), &key, &[]) {
        text if text == key => code.to_owned(),
        text => text,
    }
}

#[component]
pub fn Returns() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let status = RwSignal::new(String::new());
    let returns = LocalResource::new(move || {
        let chosen = STATUSES
            .into_iter()
            .find(|s| api::returns::status_str(*s) == status.get());
        let cursor = pager.cursor();
        async move { api::returns::returns(session, chosen, cursor).await }
    });
    Effect::new(move |_| {
        status.track();
        pager.restart();
    });
    view! {
        <section>
            <Tabs links=LOGISTICS_TABS />
            <h1>{move || t("returns-title")}</h1>
            <div class="filters">
                <label>
                    {move || t("return-status")}
                    <select name="return-status-filter" on:change=move |ev| status.set(event_target_value(&ev))
                        prop:value=move || status.get()>
                        <option value="">{move || t("returns-any-status")}</option>
                        {STATUSES.map(|s| view! {
                            <option value=api::returns::status_str(s)>{move || t(status_key(s))}</option>
                        })}
                    </select>
                </label>
            </div>
            {listing(returns, pager, "returns stack",
                &["return-created", "return-status", "return-lines", "return-credit"],
                |r: ReturnOut| view! { <Row r /> })}
            <rates::Rates />
        </section>
    }
}

#[component]
fn Row(r: ReturnOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let session = Session::get();
    let (zone, currency) = (session.store_timezone(), session.store_currency());
    let href = format!("/rma/{}", r.id);
    let created = r.created_at;
    let credit = r.credit;
    let lines = r
        .lines
        .iter()
        .map(|l| format!("{} × {}", l.quantity, l.sku))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <tr>
            <td data-label=move || t("return-created")>
                <a href=href data-testid="open-return">
                    {move || format::date_time_in(created, &zone, locale())}
                </a>
            </td>
            <td data-label=move || t("return-status")><ReturnBadge status=r.status /></td>
            <td data-label=move || t("return-lines")>{lines}</td>
            <td data-label=move || t("return-credit") class="money">
                {move || format::money(credit, currency, locale())}
            </td>
        </tr>
    }
}
