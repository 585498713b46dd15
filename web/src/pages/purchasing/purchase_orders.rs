//! Purchase orders: the list by state and supplier, a new order line by line, and one order
//! with the moves its state allows (send, cancel, receive).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use openapi::Page;
use openapi::catalog::{Status, SupplierOut, VariantOut};
use openapi::inventory::{PurchaseOrderLineOut, PurchaseOrderOut};
use uuid::Uuid;

use super::{Loaded, TABS, items, location_name, locations, supplier_name, suppliers};
use crate::api::{self, ApiError, Query};
use crate::components::{
    Choice, Field, FormProblem, Pager, Tabs, VariantPicker, detail, listing, new_key,
};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::input::{typed_amount, typed_whole};
use crate::session::Session;

/// The states of a purchase order and their messages.
const STATUSES: [(&str, &str); 5] = [
    ("draft", "po-status-draft"),
    ("sent", "po-status-sent"),
    ("partially_received", "po-status-partially_received"),
    ("received", "po-status-received"),
    ("cancelled", "po-status-cancelled"),
];

fn status_label(status: &str) -> String {
    STATUSES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or_else(|| status.to_owned(), |(_, key)| t(key))
}

#[component]
fn PoStatus(status: String, #[prop(optional)] testid: bool) -> impl IntoView {
    let class = format!("badge badge-{status}");
    view! {
        <span class=class data-testid=testid.then_some("po-status")>
            {move || status_label(&status)}
        </span>
    }
}

fn order_path(id: Uuid) -> String {
    format!("/inventory/purchase-orders/{id}")
}

#[component]
pub fn PurchaseOrders() -> impl IntoView {
    let session = Session::get();
    let status = RwSignal::new(String::new());
    let supplier = RwSignal::new(String::new());
    let pager = Pager::new();
    let suppliers = suppliers(session);
    let orders = LocalResource::new(move || {
        let path = Query::new()
            .set("limit", 50)
            .opt("status", Some(status.get()))
            .opt("supplier_id", Some(supplier.get()))
            .opt("cursor", pager.cursor())
            .path("/inventory/purchase-orders");
        async move { api::get::<Page<PurchaseOrderOut>>(session, &path).await }
    });
    let locale = move || I18n::get().locale();
    view! {
        <section>
            <Tabs links=TABS />
            <h1>{move || t("purchase-orders-title")}</h1>
            {move || session.may("purchasing:manage").then(|| view! { <NewPurchaseOrder suppliers /> })}
            <form class="inline filters" on:submit=|ev| ev.prevent_default()>
                <label>
                    {move || t("po-status")}
                    <select name="status" prop:value=move || status.get()
                        on:change=move |ev| {
                            status.set(event_target_value(&ev));
                            pager.restart();
                        }>
                        <option value="">{move || t("po-all")}</option>
                        {STATUSES.into_iter().map(|(s, key)| view! {
                            <option value=s>{move || t(key)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    {move || t("po-supplier")}
                    <select name="supplier" prop:value=move || supplier.get()
                        on:change=move |ev| {
                            supplier.set(event_target_value(&ev));
                            pager.restart();
                        }>
                        <option value="">{move || t("po-all")}</option>
                        {move || items(suppliers).into_iter().map(|s| view! {
                            <option value=s.id.to_string()>{s.name}</option>
                        }).collect_view()}
                    </select>
                </label>
            </form>
            {listing(orders, pager, "purchase-orders",
                &["po-number", "po-supplier", "po-status", "po-total", "po-created"],
                move |o: PurchaseOrderOut| view! {
                    <tr>
                        <td><A href=format!("/purchase-orders/{}", o.id)>{o.reference}</A></td>
                        <td>{move || supplier_name(suppliers, o.supplier_id)}</td>
                        <td><PoStatus status=o.status /></td>
                        <td class="money">{move || format::money(o.total_cost, o.currency, locale())}</td>
                        <td>{move || format::date_time(o.created_at, locale())}</td>
                    </tr>
                })}
        </section>
    }
}

/// A line of the order being written.
#[derive(Clone)]
struct NewLine {
    variant: VariantOut,
    quantity: String,
    unit_cost: String,
}

/// A new draft: supplier, location and lines added one by one (SKU or barcode, quantity and
/// an optional unit cost); opens the order once created.
#[component]
fn NewPurchaseOrder(suppliers: Loaded<SupplierOut>) -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let locations = locations(session);
    let supplier = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<VariantOut>);
    let quantity = RwSignal::new("1".to_owned());
    let unit_cost = RwSignal::new(String::new());
    let lines = RwSignal::new(Vec::<NewLine>::new());
    // Remounts the picker empty after each line.
    let added = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<ApiError>);
    // Nothing names the add-line inputs: their problems show on the lines.
    let quiet = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(variant) = chosen.get_untracked() {
            lines.update(|l| {
                l.push(NewLine {
                    variant,
                    quantity: quantity.get_untracked(),
                    unit_cost: unit_cost.get_untracked(),
                })
            });
            chosen.set(None);
            quantity.set("1".to_owned());
            unit_cost.set(String::new());
            added.update(|n| *n += 1);
        }
    };
    let create = Action::new_local(move |_: &()| {
        let lines: Vec<serde_json::Value> = lines.with_untracked(|lines| {
            lines
                .iter()
                .map(|l| {
                    serde_json::json!({
                        "variant_id": l.variant.id,
                        "quantity": typed_whole(&l.quantity),
                        "unit_cost": typed_amount(&l.unit_cost),
                    })
                })
                .collect()
        });
        let body = serde_json::json!({
            "supplier_id": supplier.get_untracked(),
            "location_id": location.get_untracked(),
            "lines": lines,
        });
        let idempotency_key = key.get_untracked();
        let navigate = navigate.clone();
        async move {
            let answer: Result<PurchaseOrderOut, ApiError> = api::create(
                session,
                "/inventory/purchase-orders",
                &body,
                idempotency_key,
            )
            .await;
            match answer {
                Ok(order) => {
                    failed.set(None);
                    key.set(new_key());
                    navigate(
                        &format!("/purchase-orders/{}", order.id),
                        Default::default(),
                    );
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let line_error = move |i: usize| {
        failed.get().and_then(|e| {
            ["variant_id", "quantity", "unit_cost"]
                .iter()
                .find_map(|f| e.for_field(&format!("lines[{i}].{f}")))
        })
    };
    view! {
        <details class="new">
            <summary>{move || t("po-new")}</summary>
            <form class="inline" on:submit=|ev| ev.prevent_default()>
                <Choice label="po-supplier" name="supplier_id" value=supplier failed field="supplier_id">
                    <option value="">{move || t("po-choose")}</option>
                    {move || items(suppliers).into_iter().filter(|s| s.status == Status::Active)
                        .map(|s| view! { <option value=s.id.to_string()>{s.name}</option> })
                        .collect_view()}
                </Choice>
                <Choice label="po-location" name="location_id" value=location failed field="location_id">
                    <option value="">{move || t("po-choose")}</option>
                    {move || items(locations).into_iter().filter(|l| l.status == Status::Active)
                        .map(|l| view! {
                            <option value=l.id.to_string()>{format!("{} ({})", l.name, l.code)}</option>
                        })
                        .collect_view()}
                </Choice>
            </form>
            <form class="inline add-line" on:submit=add>
                {move || {
                    added.track();
                    view! {
                        <VariantPicker label="po-variant" name="sku".to_owned() chosen failed
                            field="lines".to_owned() />
                    }
                }}
                <Field label="po-quantity" name="quantity" value=quantity failed=quiet field=""
                    kind="number" />
                <Field label="po-unit-cost-optional" name="unit_cost" value=unit_cost failed=quiet field="" />
                <button type="submit" class="secondary" data-testid="po-add-line"
                    disabled=move || chosen.get().is_none()>
                    {move || t("po-add-line")}
                </button>
            </form>
            <h2>{move || t("po-lines")}</h2>
            {move || {
                let current = lines.get();
                if current.is_empty() {
                    return view! { <p class="empty">{move || t("po-no-lines")}</p> }.into_any();
                }
                view! {
                    <table class="po-lines">
                        <thead><tr>
                            <th scope="col">{move || t("po-sku")}</th>
                            <th scope="col">{move || t("po-quantity")}</th>
                            <th scope="col">{move || t("po-unit-cost")}</th>
                            <th scope="col"><span class="visually-hidden">{move || t("po-remove-line")}</span></th>
                        </tr></thead>
                        <tbody>
                            {current.into_iter().enumerate().map(|(i, l)| view! {
                                <tr>
                                    <td>
                                        {l.variant.sku} " " <small>{l.variant.product_name}</small>
                                        <p class="field-error error">{move || line_error(i)}</p>
                                    </td>
                                    <td>{l.quantity}</td>
                                    <td>{l.unit_cost}</td>
                                    <td>
                                        <button type="button" class="link"
                                            on:click=move |_| lines.update(|l| { l.remove(i); })>
                                            {move || t("po-remove-line")}
                                        </button>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <div class="actions">
                <button type="button" data-testid="po-create"
                    disabled=move || create.pending().get() || lines.with(Vec::is_empty)
                    on:click=move |_| { create.dispatch(()); }>
                    {move || t("po-create")}
                </button>
            </div>
            <FormProblem failed />
        </details>
    }
}

#[component]
pub fn PurchaseOrderDetail() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    detail(
        order_path,
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
    let id = order.id;
    let supplier_id = order.supplier_id;
    let supplier = LocalResource::new(move || async move {
        api::get::<SupplierOut>(session, &format!("/catalog/suppliers/{supplier_id}")).await
    });
    let locations = locations(session);
    let failed = RwSignal::new(None::<ApiError>);
    let step = Action::new_local(move |step: &&'static str| {
        let path = format!("{}/{step}", order_path(id));
        async move {
            let answer: Result<PurchaseOrderOut, ApiError> =
                api::post(session, &path, &serde_json::json!({})).await;
            match answer {
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
            step.dispatch("cancel");
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
            {(session.may("purchasing:manage") && (may_send || may_cancel)).then(|| view! {
                <div class="actions">
                    {may_send.then(|| view! {
                        <button data-testid="po-send" disabled=move || step.pending().get()
                            on:click=move |_| { step.dispatch("send"); }>
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
            {(may_receive && session.may("stock:move")).then(|| view! {
                <Receive id lines=order.lines.clone() refresh />
            })}
        </section>
    }
}

/// What arrived: a quantity per open line, prefilled with what is still due; blank or zero
/// lines are left out.
#[component]
fn Receive(id: Uuid, lines: Vec<PurchaseOrderLineOut>, refresh: RwSignal<u32>) -> impl IntoView {
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
        let path = format!("{}/receipts", order_path(id));
        async move {
            if lines.is_empty() {
                failed.set(Some(ApiError {
                    status: 0,
                    problem: None,
                    message: message(i18n.0.get_untracked(), "po-receive-nothing", &[]),
                }));
                return;
            }
            let answer: Result<PurchaseOrderOut, ApiError> = api::post(session, &path, &body).await;
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
