//! Orders: the list by state, and one order with its lines, totals, findings, timeline and
//! the moves allowed now as buttons (its payments and refunds: `money.rs`).

mod money;
mod new;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::A;
use leptos_router::components::Route;
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::orders::{OrderOut, OrderStatus};
use uuid::Uuid;

use crate::api::{ApiError, orders as api};
use crate::components::{ErrorNote, Loading, Pager, StatusBadge, detail, listing, status_key};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::pages::{Module, NavLink, group};
use crate::session::Session;

pub use new::NewOrder;

lazy_pages!(orders: OrderListPage => OrderList, NewOrderPage => NewOrder, OrderDetailPage => OrderDetail);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/orders",
        text: "nav-orders",
        permission: None,
    }),
    routes: || {
        group(
            view! {
                <Route path=path!("/orders") view={Lazy::<OrderListPage>::new()} />
                <Route path=path!("/orders/new") view={Lazy::<NewOrderPage>::new()} />
                <Route path=path!("/orders/:id") view={Lazy::<OrderDetailPage>::new()} />
            }
            .into_inner(),
        )
    },
};

#[component]
pub fn OrderList() -> impl IntoView {
    let query = use_query_map();
    let status = RwSignal::new(
        query
            .get_untracked()
            .get("status")
            .and_then(|s| OrderStatus::parse(&s)),
    );
    let session = Session::get();
    let pager = Pager::new();
    let orders = LocalResource::new(move || {
        let filter = api::OrderFilter {
            status: status.get(),
            customer_id: query.read().get("customer_id"),
            limit: 50,
            cursor: pager.cursor(),
            ..Default::default()
        };
        async move { api::orders(session, filter).await }
    });
    let locale = move || I18n::get().locale();
    view! {
        <section>
            <h1>{move || t("orders-title")}</h1>
            {move || session.may(Permission::OrdersWrite).then(|| view! {
                <A href="/orders/new" attr:class="button">{move || t("order-new")}</A>
            })}
            <label>
                {move || t("orders-filter")} " "
                <select on:change=move |ev| {
                        status.set(OrderStatus::parse(&event_target_value(&ev)));
                        pager.restart();
                    }
                    prop:value=move || status.get().map_or("", |s| s.as_str())>
                    <option value="">{move || t("orders-all")}</option>
                    {OrderStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str()>{move || t(status_key(s))}</option>
                    }).collect_view()}
                </select>
            </label>
            {listing(orders, pager, "orders",
                &["orders-number", "orders-customer", "orders-status", "orders-total", "orders-placed"],
                move |o: OrderOut| view! {
                    <tr>
                        <td><A href=format!("/orders/{}", o.id)>{o.reference.clone()}</A></td>
                        <td>{o.customer_name.clone()}</td>
                        <td><StatusBadge status=o.status /></td>
                        <td class="money">{move || format::money(o.total, o.currency, locale())}</td>
                        <td>{move || format::date_time(o.created_at, locale())}</td>
                    </tr>
                })}
        </section>
    }
}

#[component]
pub fn OrderDetail() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    detail(
        api::order,
        refresh,
        move |order: OrderOut| view! { <OrderView order refresh /> },
    )
}

#[component]
fn OrderView(order: OrderOut, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let money = move |value| format::money(value, order.currency, locale());
    let session = Session::get();
    let may_move = session.may(Permission::OrdersWrite);
    let may_pay = session.may(Permission::PaymentsManage);
    let id = order.id;
    let timeline = LocalResource::new(move || api::timeline(session, id));
    view! {
        <section class="order">
            <h1>{order.reference.clone()} " " <StatusBadge status=order.status /></h1>
            <p>{order.customer_name.clone()}</p>
            {(!order.findings.is_empty()).then(|| view! {
                <div class="findings" role="note">
                    <h2>{move || t("order-findings")}</h2>
                    <ul>{order.findings.iter().map(|f| view! { <li>{f.message.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            {may_move.then(|| view! {
                <Moves id version=order.version allowed=order.allowed_transitions.clone() refresh />
            })}
            {(may_pay && order.balance_due > rust_decimal::Decimal::ZERO).then(|| view! {
                <money::Payment id balance=order.balance_due refresh />
            })}
            {(may_pay && order.paid > order.refunded).then(|| view! {
                <money::Refund id refundable=order.paid - order.refunded refresh />
            })}
            <h2>{move || t("order-lines")}</h2>
            <table class="lines">
                <thead><tr>
                    <th scope="col">{move || t("stock-quantity")}</th>
                    <th scope="col">{move || t("products-name")}</th>
                    <th scope="col" class="money">{move || t("orders-total")}</th>
                </tr></thead>
                <tbody>
                    {order.lines.iter().map(|l| {
                        let total = l.total;
                        view! {
                            <tr>
                                <td>{l.quantity} " ×"</td>
                                <td>{l.name.clone()} " " <small>{l.sku.clone()}</small></td>
                                <td class="money">{move || money(total)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{move || t("order-totals")}</h2>
            <dl class="totals">
                <dt>{move || t("order-subtotal")}</dt><dd>{move || money(order.subtotal)}</dd>
                <dt>{move || t("order-discount")}</dt><dd>{move || money(order.discount)}</dd>
                <dt>{move || t("order-shipping")}</dt><dd>{move || money(order.shipping_fee)}</dd>
                <dt>{move || t("orders-total")}</dt><dd><strong>{move || money(order.total)}</strong></dd>
                <dt>{move || t("order-paid")}</dt><dd>{move || money(order.paid)}</dd>
                <dt>{move || t("order-balance")}</dt><dd>{move || money(order.balance_due)}</dd>
            </dl>
            <h2>{move || t("order-payments")}</h2>
            <money::PaymentList id currency=order.currency />
            <h2>{move || t("order-timeline")}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || timeline.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(entries) => view! {
                        <ol class="timeline">
                            {entries.into_iter().map(|e| view! {
                                <li><time>{move || format::date_time(e.at, locale())}</time> " " {e.message.clone()}</li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The moves the order's state allows now, as buttons. Each names the version shown: a change
/// by someone else in between is refused (412) and said so, instead of moving an order the
/// page no longer shows.
#[component]
fn Moves(
    id: Uuid,
    version: i32,
    allowed: Vec<OrderStatus>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let session = Session::get();
    let i18n = I18n::get();
    let failed = RwSignal::new(None::<ApiError>);
    let move_to = Action::new_local(move |to: &OrderStatus| {
        let to = *to;
        async move {
            match api::transition(session, id, to, version).await {
                Ok(_) => {
                    failed.set(None);
                    refresh.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let buttons = allowed
        .into_iter()
        .map(|to| {
            view! {
                <button class=format!("move move-{}", to.as_str()) on:click=move |_| {
                    let question = message(i18n.locale(), "order-cancel-confirm", &[]);
                    let confirmed = to != OrderStatus::Cancelled
                        || window().confirm_with_message(&question).unwrap_or(false);
                    if confirmed && !move_to.pending().get_untracked() {
                        move_to.dispatch(to);
                    }
                }
                disabled=move || move_to.pending().get()>{move || t(status_key(to))}</button>
            }
        })
        .collect_view();
    view! {
        <div class="actions" aria-label=move || t("order-move-to")>{buttons}</div>
        {move || failed.get().map(|error| view! { <ErrorNote error /> })}
    }
}
