//! The dashboard: today's and this month's orders and revenue, orders waiting per state,
//! held orders, low stock, the late logistics lists, what customers owe (overdue, blocked),
//! the last 14 days as an SVG chart, and the latest orders.

mod late;
mod receivables;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::orders::{OrderOut, OrderStatus, OrderSummaryOut, PeriodOut};
use openapi::tenancy::Currency;
use rust_decimal::prelude::ToPrimitive;

use crate::api::{self, orders as orders_api};
use crate::components::{Empty, ErrorNote, Loading, StatusBadge, status_key};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::pages::{Module, NavLink, group};
use crate::session::Session;

/// The first page after signing in: in the first bundle, not lazy.
pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/",
        text: "nav-dashboard",
        permission: None,
    }),
    routes: || group(view! { <Route path=path!("/") view=Dashboard /> }.into_inner()),
};

#[component]
pub fn Dashboard() -> impl IntoView {
    let session = Session::get();
    let summary = LocalResource::new(move || api::orders::summary(session));
    view! {
        <section class="dashboard">
            <h1>{move || t("dashboard-title")}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || summary.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(summary) => view! { <Summary summary /> }.into_any(),
                })}
            </Suspense>
            <LowStock />
            <late::LateCounts />
            <receivables::Receivables />
            <Recent />
        </section>
    }
}

#[component]
fn Summary(summary: OrderSummaryOut) -> impl IntoView {
    let currency = summary.currency;
    let held = summary
        .by_status
        .iter()
        .find(|s| s.status == OrderStatus::OnHold)
        .map_or(0, |s| s.count);
    view! {
        <div class="cards">
            <Period label="dashboard-today" period=summary.today currency testid="today" />
            <Period label="dashboard-month" period=summary.month currency testid="month" />
            <A href="/orders?status=on_hold" attr:class="card" attr:data-testid="held">
                <span>{move || t("dashboard-held")}</span>
                <strong>{held}</strong>
            </A>
        </div>
        <h2>{move || t("dashboard-waiting")}</h2>
        <ul class="states">
            {summary.by_status.into_iter().map(|s| view! {
                <li>
                    <A href=format!("/orders?status={}", s.status.as_str())>
                        <span>{move || t(status_key(s.status))}</span>
                    </A>
                    " " <strong>{move || format::count(s.count, I18n::get().locale())}</strong>
                </li>
            }).collect_view()}
        </ul>
        <h2>{move || t("dashboard-chart")}</h2>
        <Chart days=summary.days currency />
    }
}

#[component]
fn Period(
    label: &'static str,
    period: PeriodOut,
    currency: Currency,
    testid: &'static str,
) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let orders = period.orders;
    view! {
        <div class="card" data-testid=testid>
            <span>{move || t(label)}</span>
            <strong>{move || format::money(period.revenue, currency, locale())}</strong>
            <span>{move || message(locale(), "dashboard-orders", &[("count", orders.to_string())])}</span>
        </div>
    }
}

/// How many stock levels are at or below their reorder point, linking to replenishment.
#[component]
fn LowStock() -> impl IntoView {
    let session = Session::get();
    let low = LocalResource::new(move || async move {
        if !session.may_untracked(Permission::InventoryRead) {
            return None;
        }
        let answer = api::purchasing::replenishment(session).await;
        answer
            .ok()
            .map(|r| r.groups.iter().map(|g| g.lines.len()).sum::<usize>())
    });
    view! {
        <Suspense fallback=|| ()>
            {move || low.get().flatten().map(|count| view! {
                <A href="/stock/replenishment" attr:class="card low-stock" attr:data-testid="low-stock">
                    <span>{move || t("dashboard-low-stock")}</span>
                    <strong>{count}</strong>
                </A>
            })}
        </Suspense>
    }
}

#[component]
fn Recent() -> impl IntoView {
    let session = Session::get();
    let recent = LocalResource::new(move || {
        orders_api::orders(
            session,
            orders_api::OrderFilter {
                limit: 8,
                ..Default::default()
            },
        )
    });
    let locale = move || I18n::get().locale();
    view! {
        <h2>{move || t("dashboard-recent")}</h2>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || recent.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(page) if page.items.is_empty() => view! { <Empty /> }.into_any(),
                Ok(page) => view! {
                    <ul class="recent">
                        {page.items.into_iter().map(|o: OrderOut| view! {
                            <li>
                                <A href=format!("/orders/{}", o.id)>{o.reference.clone()}</A>
                                " " {o.customer_name.clone()} " "
                                <StatusBadge status=o.status /> " "
                                <span class="money">{move || format::money(o.total, o.currency, locale())}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// Revenue per day over the last 14 days, as bars (each with its day, orders and revenue).
#[component]
fn Chart(days: Vec<openapi::orders::DayOut>, currency: Currency) -> impl IntoView {
    let most = days
        .iter()
        .map(|d| d.revenue)
        .max()
        .filter(|m| !m.is_zero())
        .unwrap_or(rust_decimal::Decimal::ONE);
    let locale = move || I18n::get().locale();
    view! {
        <svg class="chart" viewBox="0 0 280 110" role="img" aria-label=move || t("dashboard-chart")>
            {days.into_iter().enumerate().map(|(i, day)| {
                // Bar heights in whole units of a 90-point scale, from exact decimals.
                let scaled = (day.revenue * rust_decimal::Decimal::from(90) / most).round();
                let height = scaled.to_i32().unwrap_or(0).clamp(0, 90)
                    .max(if day.orders > 0 { 2 } else { 0 });
                let (x, y) = (i * 20 + 2, 95 - height);
                let label = format!("{:02}", chrono::Datelike::day(&day.date));
                view! {
                    <g>
                        <rect x=x y=y width="16" height=height>
                            <title>{move || format!("{} · {} · {}", day.date, day.orders,
                                format::money(day.revenue, currency, locale()))}</title>
                        </rect>
                        <text x=x + 8 y="108" text-anchor="middle">{label}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
