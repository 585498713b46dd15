//! The carrier scorecard: per carrier service, destination state and month of posting, how
//! many shipments went, how many arrived on time, the median and 90th-percentile days in
//! transit, failed attempts and returns to sender; for a period and one carrier or all, with
//! the same rows as a CSV file.

use chrono::NaiveDate;
use leptos::prelude::*;
use openapi::logistics::{ScorecardOut, ScorecardRow};
use uuid::Uuid;

use super::LOGISTICS_TABS;
use crate::api::logistics::ScorecardFilter;
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, FormProblem, Loading, Tabs, save_file};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

/// The columns, as message keys, in the table's order.
const HEADERS: [&str; 10] = [
    "scorecard-service",
    "scorecard-state",
    "scorecard-month",
    "scorecard-shipments",
    "scorecard-delivered",
    "scorecard-on-time",
    "scorecard-median-days",
    "scorecard-p90-days",
    "scorecard-failed-attempts",
    "scorecard-returned",
];

#[component]
pub fn Scorecard() -> impl IntoView {
    let session = Session::get();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let carrier = RwSignal::new(String::new());
    let carriers = LocalResource::new(move || api::logistics::all_carriers(session));
    // A date being typed is not asked for until it is a whole date.
    let filter = Memo::new(move |_| ScorecardFilter {
        from: from.get().parse::<NaiveDate>().ok(),
        to: to.get().parse::<NaiveDate>().ok(),
        carrier_id: carrier.get().parse::<Uuid>().ok(),
    });
    let scorecard = LocalResource::new(move || {
        let filter = filter.get();
        async move { api::logistics::scorecard(session, &filter).await }
    });
    view! {
        <section>
            <Tabs links=LOGISTICS_TABS />
            <h1>{move || t("scorecard-title")}</h1>
            <p class="meta">{move || t("scorecard-about")}</p>
            <div class="filters">
                <label>
                    {move || t("scorecard-from")}
                    <input type="date" name="scorecard-from" bind:value=from />
                </label>
                <label>
                    {move || t("scorecard-to")}
                    <input type="date" name="scorecard-to" bind:value=to />
                </label>
                <label>
                    {move || t("scorecard-carrier")}
                    <select name="scorecard-carrier" on:change=move |ev| carrier.set(event_target_value(&ev))
                        prop:value=move || carrier.get()>
                        <option value="">{move || t("scorecard-all-carriers")}</option>
                        {move || carriers.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|c| view! {
                            <option value=c.id.to_string()>{c.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Export filter />
            </div>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || scorecard.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(found) => view! { <Rows found /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The button that saves the scorecard shown as a CSV file (fetched with the session's
/// token, as every request is).
#[component]
fn Export(filter: Memo<ScorecardFilter>) -> impl IntoView {
    let session = Session::get();
    let failed = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let export = Action::new_local(move |_: &()| {
        let filter = filter.get_untracked();
        async move {
            match api::logistics::scorecard_csv(session, &filter).await {
                Ok(csv) => {
                    failed.set(None);
                    done.set(save_file("scorecard.csv", "text/csv", &csv).is_ok());
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <button type="button" class="secondary" data-testid="scorecard-export"
            disabled=move || export.pending().get()
            on:click=move |_| { done.set(false); export.dispatch(()); }>
            {move || t("scorecard-export")}
        </button>
        {move || done.get().then(|| view! {
            <span class="saved" role="status">{move || t("scorecard-exported")}</span>
        })}
        <FormProblem failed />
    }
}

#[component]
fn Rows(found: ScorecardOut) -> impl IntoView {
    if found.rows.is_empty() {
        return view! { <p class="empty">{move || t("scorecard-empty")}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="scorecard stack">
                <thead><tr>
                    {HEADERS.map(|key| view! { <th scope="col">{move || t(key)}</th> })}
                </tr></thead>
                <tbody>
                    {found.rows.into_iter().map(|row| view! { <Row row /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Row(row: ScorecardRow) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let count = move |n: u64| move || format::count(i64::try_from(n).unwrap_or(i64::MAX), locale());
    let days = move |d: Option<i64>| {
        move || {
            d.map(|d| format::count(d, locale()))
                .unwrap_or_else(|| "—".into())
        }
    };
    let on_time = row.on_time_percent;
    let month = row.month.clone();
    let cell = |key: &'static str| move || t(key);
    view! {
        <tr>
            <td data-label=cell(HEADERS[0])>{format!("{} · {}", row.carrier, row.service)}</td>
            <td data-label=cell(HEADERS[1])>{row.state.map_or("—", |s| s.as_str())}</td>
            <td data-label=cell(HEADERS[2])>{move || format::month(&month, locale())}</td>
            <td data-label=cell(HEADERS[3]) class="number">{count(row.shipments)}</td>
            <td data-label=cell(HEADERS[4]) class="number">{count(row.delivered)}</td>
            <td data-label=cell(HEADERS[5]) class="number">
                {move || on_time.map(|p| format::percent(p, 1, locale())).unwrap_or_else(|| "—".into())}
            </td>
            <td data-label=cell(HEADERS[6]) class="number">{days(row.median_days)}</td>
            <td data-label=cell(HEADERS[7]) class="number">{days(row.p90_days)}</td>
            <td data-label=cell(HEADERS[8]) class="number">{count(row.failed_attempts)}</td>
            <td data-label=cell(HEADERS[9]) class="number">{count(row.returned_to_sender)}</td>
        </tr>
    }
}
