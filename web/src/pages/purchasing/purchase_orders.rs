//! Purchase orders: the list by state and supplier, and a new order line by line (one order
//! is `purchase_order.rs`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use openapi::auth::Permission;
use openapi::catalog::{Status, SupplierOut, VariantOut};
use openapi::inventory::PurchaseOrderOut;

use super::{Loaded, TABS, items, locations, supplier_name, suppliers};
use crate::api::{self, ApiError};
use crate::components::{Choice, Field, FormProblem, Pager, Tabs, VariantPicker, listing, new_key};
use crate::format;
use crate::i18n::{I18n, t};
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
pub(super) fn PoStatus(status: String, #[prop(optional)] testid: bool) -> impl IntoView {
    let class = format!("badge badge-{status}");
    view! {
        <span class=class data-testid=testid.then_some("po-status")>
            {move || status_label(&status)}
        </span>
    }
}

#[component]
pub fn PurchaseOrders() -> impl IntoView {
    let session = Session::get();
    let status = RwSignal::new(String::new());
    let supplier = RwSignal::new(String::new());
    let pager = Pager::new();
    let suppliers = suppliers(session);
    let orders = LocalResource::new(move || {
        let filter = api::purchasing::PurchaseOrderFilter {
            status: status.get(),
            supplier_id: supplier.get(),
            cursor: pager.cursor(),
        };
        async move { api::purchasing::purchase_orders(session, filter).await }
    });
    let locale = move || I18n::get().locale();
    view! {
        <section>
            <Tabs links=TABS />
            <h1>{move || t("purchase-orders-title")}</h1>
            {move || session.may(Permission::Purchasing).then(|| view! { <NewPurchaseOrder suppliers /> })}
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
            let answer =
                api::purchasing::create_purchase_order(session, &body, idempotency_key).await;
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
