//! One purchase order: its supplier, location, lines and total, the moves its state allows
//! (send, cancel) and receiving what arrived. Every move names the version shown (`If-Match`).

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::inventory::{PurchaseOrderLineOut, PurchaseOrderOut};
use uuid::Uuid;

use super::purchase_orders::PoStatus;
use super::{location_name, locations};
use crate::api::purchasing::Step;
use crate::api::{self, ApiError};
use crate::components::{FormProblem, detail};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::input::typed_whole;
use crate::session::Session;

#[component]
pub fn PurchaseOrderDetail() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    detail(
        api::purchasing::purchase_order,
        refresh,
        move |order: PurchaseOrderOut| view! { <OrderView order refresh /> },
    )
}

#[component]
fn OrderView(order: PurchaseOrderOut, refresh: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let i18n = I18n::get();
    let locale = move || i18n.locale();
    let currency = order.currency;
    let money = move |value| format::money(value, currency, locale());
    let (id, version) = (order.id, order.version);
    let supplier_id = order.supplier_id;
    let supplier = LocalResource::new(move || api::catalog::supplier(session, supplier_id));
    let locations = locations(session);
    let failed = RwSignal::new(None::<ApiError>);
    // A move names the version shown: someone else's change in between is a 412, said so.
    let step = Action::new_local(move |step: &Step| {
        let step = *step;
        async move {
            match api::purchasing::step(session, id, step, version).await {
                Ok(_) => {
                    failed.set(None);
                    refresh.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let status = order.status.as_str();
    let may_send = status == "draft";
    // The API cancels any order not fully received.
    let may_cancel = matches!(status, "draft" | "sent" | "partially_received");
    let may_receive = matches!(status, "sent" | "partially_received");
    let cancel = move |_| {
        let question = message(i18n.locale(), "po-cancel-confirm", &[]);
        if window().confirm_with_message(&question).unwrap_or(false) {
            step.dispatch(Step::Cancel);
        }
    };
    view! {
        <section class="purchase-order">
            <h1>{order.reference.clone()} " " <PoStatus status=order.status.clone() testid=true /></h1>
            <dl class="totals">
                <dt>{move || t("po-supplier")}</dt>
                <dd>{move || supplier.get().and_then(Result::ok).map(|s| s.name)}</dd>
                <dt>{move || t("po-location")}</dt>
                <dd>{move || location_name(locations, order.location_id)}</dd>
                <dt>{move || t("po-created")}</dt>
                <dd>{move || format::date_time(order.created_at, locale())}</dd>
                <dt>{move || t("po-total")}</dt>
                <dd><strong>{move || money(order.total_cost)}</strong></dd>
            </dl>
            {order.note.clone().map(|note| view! { <p class="note">{note}</p> })}
            {(session.may(Permission::Purchasing) && (may_send || may_cancel)).then(|| view! {
                <div class="actions">
                    {may_send.then(|| view! {
                        <button data-testid="po-send" disabled=move || step.pending().get()
                            on:click=move |_| { step.dispatch(Step::Send); }>
                            {move || t("po-send")}
                        </button>
                    })}
                    {may_cancel.then(|| view! {
                        <button class="move-cancelled" data-testid="po-cancel"
                            disabled=move || step.pending().get() on:click=cancel>
                            {move || t("po-cancel")}
                        </button>
                    })}
                </div>
                <FormProblem failed />
            })}
            <h2>{move || t("po-lines")}</h2>
            <table class="po-lines">
                <thead><tr>
                    <th scope="col">{move || t("po-sku")}</th>
                    <th scope="col">{move || t("po-ordered")}</th>
                    <th scope="col">{move || t("po-received")}</th>
                    <th scope="col" class="money">{move || t("po-unit-cost")}</th>
                    <th scope="col" class="money">{move || t("po-line-total")}</th>
                </tr></thead>
                <tbody>
                    {order.lines.iter().map(|l| {
                        let cost = l.unit_cost;
                        let total = cost * rust_decimal::Decimal::from(l.quantity_ordered);
                        view! {
                            <tr>
                                <td>{l.sku.clone()}</td>
                                <td>{l.quantity_ordered}</td>
                                <td>{l.quantity_received}</td>
                                <td class="money">{move || money(cost)}</td>
                                <td class="money">{move || money(total)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(may_receive && session.may(Permission::StockMove)).then(|| view! {
                <Receive id version lines=order.lines.clone() refresh />
            })}
        </section>
    }
}

/// What arrived: a quantity per open line, prefilled with what is still due; blank or zero
/// lines are left out.
#[component]
fn Receive(
    id: Uuid,
    version: i32,
    lines: Vec<PurchaseOrderLineOut>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let session = Session::get();
    let i18n = I18n::get();
    let open: Vec<(PurchaseOrderLineOut, RwSignal<String>)> = lines
        .into_iter()
        .filter(|l| l.quantity_ordered > l.quantity_received)
        .map(|l| {
            let due = l.quantity_ordered - l.quantity_received;
            (l, RwSignal::new(due.to_string()))
        })
        .collect();
    let inputs: Vec<(Uuid, RwSignal<String>)> = open.iter().map(|(l, v)| (l.id, *v)).collect();
    // The lines of the last receipt, in the order sent (the API names them by position).
    let sent = RwSignal::new(Vec::<Uuid>::new());
    let failed = RwSignal::new(None::<ApiError>);
    let receive = Action::new_local(move |_: &()| {
        let lines: Vec<(Uuid, serde_json::Value)> = inputs
            .iter()
            .map(|(line, value)| (*line, typed_whole(&value.get_untracked())))
            .filter(|(_, quantity)| quantity.as_str() != Some("") && quantity.as_i64() != Some(0))
            .collect();
        sent.set(lines.iter().map(|(line, _)| *line).collect());
        let body = serde_json::json!({
            "lines": lines.iter().map(|(line, quantity)| serde_json::json!({
                "line_id": line,
                "quantity": quantity,
            })).collect::<Vec<_>>(),
        });
        async move {
            if lines.is_empty() {
                failed.set(Some(ApiError {
                    status: 0,
                    problem: None,
                    message: message(i18n.0.get_untracked(), "po-receive-nothing", &[]),
                }));
                return;
            }
            let answer = api::purchasing::receive(session, id, &body, version).await;
            match answer {
                Ok(_) => {
                    failed.set(None);
                    refresh.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let line_error = move |line: Uuid| {
        let position = sent.with(|sent| sent.iter().position(|l| *l == line))?;
        failed
            .get()
            .and_then(|e| e.for_field(&format!("lines[{position}].quantity")))
    };
    view! {
        <h2>{move || t("po-receive-title")}</h2>
        <form class="receive" on:submit=move |ev| {
            ev.prevent_default();
            receive.dispatch(());
        }>
            <table class="po-lines">
                <thead><tr>
                    <th scope="col">{move || t("po-sku")}</th>
                    <th scope="col">{move || t("po-due")}</th>
                    <th scope="col">{move || t("po-receive-quantity")}</th>
                </tr></thead>
                <tbody>
                    {open.into_iter().map(|(l, value)| {
                        let input_id = format!("receive-{}", l.id);
                        let error_id = format!("receive-{}-error", l.id);
                        let line = l.id;
                        view! {
                            <tr>
                                <td><label for=input_id.clone()>{l.sku.clone()}</label></td>
                                <td>{l.quantity_ordered - l.quantity_received}</td>
                                <td>
                                    <input id=input_id type="number" min="0" step="1"
                                        name=format!("receive-{}", l.sku) bind:value=value
                                        aria-invalid=move || line_error(line).is_some().to_string()
                                        aria-describedby=error_id.clone() />
                                    <p class="field-error error" id=error_id>{move || line_error(line)}</p>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="actions">
                <button type="submit" data-testid="po-receive" disabled=move || receive.pending().get()>
                    {move || t("po-receive")}
                </button>
            </div>
        </form>
        <FormProblem failed />
    }
}
