//! Orders: the list by state, and one order with its lines, totals, findings, timeline and
//! the moves allowed now as buttons.

mod new;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use openapi::auth::Permission;
use openapi::orders::{OrderOut, OrderStatus};
use uuid::Uuid;

use crate::api::{ApiError, orders as api};
use crate::components::{
    Empty, ErrorNote, Field, Loading, Pager, StatusBadge, detail, listing, new_key, status_key,
};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

pub use new::NewOrder;

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
    let failed = RwSignal::new(None::<ApiError>);
    let session = Session::get();
    let i18n = I18n::get();
    let may_move = session.may(Permission::OrdersWrite);
    let may_pay = session.may(Permission::PaymentsManage);
    let (id, version) = (order.id, order.version);
    // Each move names the version shown: a change by someone else in between is refused (412)
    // and said so, instead of moving an order the page no longer shows.
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
    let timeline = LocalResource::new(move || api::timeline(session, id));
    let payments = LocalResource::new(move || api::payments(session, id));
    let buttons = order
        .allowed_transitions
        .iter()
        .copied()
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
                <div class="actions" aria-label=move || t("order-move-to")>{buttons}</div>
            })}
            {move || failed.get().map(|error| view! { <ErrorNote error /> })}
            {(may_pay && order.balance_due > rust_decimal::Decimal::ZERO).then(|| view! {
                <Payment id balance=order.balance_due refresh />
            })}
            {(may_pay && order.paid > order.refunded).then(|| view! {
                <Refund id refundable=order.paid - order.refunded refresh />
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
            <Suspense fallback=|| view! { <Loading /> }>
                {move || payments.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <Empty /> }.into_any(),
                    Ok(list) => view! {
                        <table class="payments">
                            <thead><tr>
                                <th scope="col">{move || t("movements-when")}</th>
                                <th scope="col">{move || t("payment-method")}</th>
                                <th scope="col">{move || t("payment-reference")}</th>
                                <th scope="col" class="money">{move || t("payment-amount")}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|p| {
                                let refund = p.kind == "refund";
                                let method = p.method.map(|m| m.as_str()).unwrap_or_default();
                                let what = METHODS.iter().find(|(v, _)| *v == method).map(|(_, key)| *key);
                                view! {
                                    <tr class:refund=refund>
                                        <td>{move || format::date_time(p.paid_at, locale())}</td>
                                        <td>{move || if refund { t("payment-refund") } else { what.map(t).unwrap_or_default() }}</td>
                                        <td>{p.reference.clone().unwrap_or_default()}</td>
                                        <td class="money">{move || {
                                            let sign = if refund { "-" } else { "" };
                                            format!("{sign}{}", money(p.amount))
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any(),
                })}
            </Suspense>
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

/// The ways a payment comes, with their message keys.
const METHODS: [(&str, &str); 5] = [
    ("pix", "method-pix"),
    ("card", "method-card"),
    ("boleto", "method-boleto"),
    ("cash", "method-cash"),
    ("transfer", "method-transfer"),
];

/// Records a payment (the balance due by default). The submission's `Idempotency-Key` is kept
/// until it succeeds: a second click or a retry after a lost answer records one payment.
#[component]
fn Payment(id: Uuid, balance: rust_decimal::Decimal, refresh: RwSignal<u32>) -> impl IntoView {
    let method = RwSignal::new("pix".to_owned());
    let amount = RwSignal::new(balance.to_string());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let session = Session::get();
    let pay = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "method": method.get_untracked(),
            "amount": crate::input::typed_amount(&amount.get_untracked()),
        });
        let idempotency_key = key.get_untracked();
        async move {
            match api::pay(session, id, &body, idempotency_key).await {
                Ok(_) => {
                    failed.set(None);
                    key.set(new_key());
                    refresh.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="payment inline" data-testid="payment-form" on:submit=move |ev| {
            ev.prevent_default();
            if !pay.pending().get_untracked() {
                pay.dispatch(());
            }
        }>
            <label>
                {move || t("payment-method")}
                <select name="method" on:change=move |ev| method.set(event_target_value(&ev))>
                    {METHODS.iter().map(|(value, key)| view! {
                        <option value=*value>{move || t(key)}</option>
                    }).collect_view()}
                </select>
            </label>
            <Field label="payment-amount" name="amount" value=amount failed field="amount" />
            <button type="submit" class="pay" disabled=move || pay.pending().get()>
                {move || t("payment-record")}
            </button>
            {move || failed.get().filter(|e| e.for_field("amount").is_none())
                .map(|error| view! { <ErrorNote error /> })}
        </form>
    }
}

/// Gives money back (at most what was paid and not yet refunded; the API refuses more).
#[component]
fn Refund(id: Uuid, refundable: rust_decimal::Decimal, refresh: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let amount = RwSignal::new(refundable.to_string());
    let reason = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let refund = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "amount": crate::input::typed_amount(&amount.get_untracked()),
            "reason": crate::input::typed_text(&reason.get_untracked()),
        });
        let idempotency_key = key.get_untracked();
        async move {
            match api::refund(session, id, &body, idempotency_key).await {
                Ok(_) => {
                    failed.set(None);
                    key.set(new_key());
                    refresh.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <details class="new refund">
            <summary>{move || t("refund-title")}</summary>
            <form class="inline" data-testid="refund-form" on:submit=move |ev| {
                ev.prevent_default();
                if !refund.pending().get_untracked() {
                    refund.dispatch(());
                }
            }>
                <Field label="payment-amount" name="refund-amount" value=amount failed field="amount" />
                <Field label="refund-reason" name="refund-reason" value=reason failed field="reason" />
                <button type="submit" disabled=move || refund.pending().get()>{move || t("refund-submit")}</button>
                <crate::components::FormProblem failed />
            </form>
        </details>
    }
}
