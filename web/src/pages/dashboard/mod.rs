//! The dashboard: orders waiting per state, held orders, recent orders, revenue, and a chart
//! of the last 14 days' orders drawn as SVG.

use chrono::{Duration, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use openapi::orders::{OrderOut, OrderStatus};
use rust_decimal::Decimal;

use crate::api::orders as api;
use crate::components::{Empty, ErrorNote, Loading, StatusBadge, status_key};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn Dashboard() -> impl IntoView {
    let session = Session::get();
    let orders = LocalResource::new(move || {
        api::orders(
            session,
            api::OrderFilter {
                limit: 200,
                ..Default::default()
            },
        )
    });
    view! {
        <section class="dashboard">
            <h1>{move || t("dashboard-title")}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || orders.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <Empty /> }.into_any(),
                    Ok(page) => view! { <Summary orders=page.items /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Summary(orders: Vec<OrderOut>) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let counts: Vec<(OrderStatus, usize)> = OrderStatus::ALL
        .into_iter()
        .map(|s| (s, orders.iter().filter(|o| o.status == s).count()))
        .collect();
    let held = counts
        .iter()
        .find(|(s, _)| *s == OrderStatus::OnHold)
        .map_or(0, |(_, n)| *n);
    let currency = orders[0].currency;
    let revenue: Decimal = orders.iter().map(|o| o.paid - o.refunded).sum();
    let recent: Vec<OrderOut> = orders.iter().take(5).cloned().collect();
    view! {
        <div class="cards">
            <div class="card" data-testid="revenue">
                <span>{move || t("dashboard-revenue")}</span>
                <strong>{move || format::money(revenue, currency, locale())}</strong>
            </div>
            <A href="/orders?status=on_hold" attr:class="card" attr:data-testid="held">
                <span>{move || t("dashboard-held")}</span>
                <strong>{held}</strong>
            </A>
        </div>
        <h2>{move || t("dashboard-waiting")}</h2>
        <ul class="states">
            {counts.into_iter().map(|(status, n)| view! {
                <li><span>{move || t(status_key(status))}</span> <strong>{n}</strong></li>
            }).collect_view()}
        </ul>
        <Chart orders=orders.clone() />
        <h2>{move || t("dashboard-recent")}</h2>
        <ul class="recent">
            {recent.into_iter().map(|o| view! {
                <li>
                    <A href=format!("/orders/{}", o.id)>{o.reference.clone()}</A>
                    " " {o.customer_name.clone()} " "
                    <StatusBadge status=o.status />
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Orders per day over the last 14 days, as bars.
#[component]
fn Chart(orders: Vec<OrderOut>) -> impl IntoView {
    let today = Utc::now().date_naive();
    let days: Vec<usize> = (0..14)
        .rev()
        .map(|back| {
            let day = today - Duration::days(back);
            orders
                .iter()
                .filter(|o| o.created_at.date_naive() == day)
                .count()
        })
        .collect();
    let most = days.iter().copied().max().unwrap_or(1).max(1);
    view! {
        <svg class="chart" viewBox="0 0 280 100" role="img" aria-label="orders per day">
            {days.into_iter().enumerate().map(|(i, n)| {
                let height = (n * 90 / most) as i32;
                let (x, y) = (i * 20 + 2, 95 - height);
                view! {
                    <rect x=x y=y width="16" height=height>
                        <title>{n}</title>
                    </rect>
                }
            }).collect_view()}
        </svg>
    }
}
