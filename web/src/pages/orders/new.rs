//! Placing an order by hand (a phone or counter sale): an existing or new customer, the
//! channel, lines by SKU or barcode, the shipping address. The server computes every total
//! and reserves the stock; a short SKU comes back named, with what is available.

use leptos::prelude::*;
use openapi::catalog::VariantOut;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{
    AddressFields, AddressForm, Choice, Field, FormProblem, VariantPicker, new_key,
};
use crate::format;
use crate::i18n::{I18n, t};
use crate::input::{typed_amount, typed_text};
use crate::session::Session;

/// One line being typed: the variant found and how many.
#[derive(Clone, Copy)]
struct LineRow {
    variant: RwSignal<Option<VariantOut>>,
    quantity: RwSignal<String>,
}

impl LineRow {
    fn new() -> LineRow {
        LineRow {
            variant: RwSignal::new(None),
            quantity: RwSignal::new("1".into()),
        }
    }
}

#[component]
pub fn NewOrder() -> impl IntoView {
    let session = Session::get();
    let navigate = leptos_router::hooks::use_navigate();
    let channels = LocalResource::new(move || api::catalog::channels(session));
    let channel = RwSignal::new(String::new());
    let customer_query = RwSignal::new(String::new());
    let customer = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let new_email = RwSignal::new(String::new());
    let new_tax_id = RwSignal::new(String::new());
    let lines = RwSignal::new(vec![LineRow::new()]);
    let address = AddressFields::new();
    let shipping_fee = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let customers = LocalResource::new(move || {
        let q = customer_query.get();
        async move { api::orders::customers(session, q, 20, None).await }
    });
    // Choosing a customer brings their first address into the form.
    Effect::new(move |_| {
        let id = customer.get();
        let found = customers
            .get()
            .and_then(|r| r.ok())
            .and_then(|page| page.items.into_iter().find(|c| c.id.to_string() == id));
        if let Some(address_found) = found.and_then(|c| c.addresses.first().cloned()) {
            address.fill(&address_found);
        }
    });
    // The first active channel is the usual one.
    Effect::new(move |_| {
        if channel.get_untracked().is_empty()
            && let Some(first) = channels
                .get()
                .and_then(|r| r.ok())
                .and_then(|c| c.first().cloned())
        {
            channel.set(first.id.to_string());
        }
    });
    let submit = Action::new_local(move |_: &()| {
        let customer_part = match customer.get_untracked().parse::<Uuid>() {
            Ok(id) => serde_json::json!({ "id": id }),
            Err(_) => serde_json::json!({ "new": {
                "name": new_name.get_untracked(),
                "email": typed_text(&new_email.get_untracked()),
                "tax_id": typed_text(&new_tax_id.get_untracked()),
                "country": address.country.get_untracked(),
            }}),
        };
        let order_lines: Vec<serde_json::Value> = lines
            .get_untracked()
            .iter()
            .filter_map(|row| {
                let variant = row.variant.get_untracked()?;
                let quantity = row
                    .quantity
                    .get_untracked()
                    .trim()
                    .parse::<i64>()
                    .unwrap_or(0);
                Some(serde_json::json!({ "variant_id": variant.id, "quantity": quantity }))
            })
            .collect();
        let body = serde_json::json!({
            "customer": customer_part,
            "channel_id": typed_text(&channel.get_untracked()),
            "lines": order_lines,
            "shipping_address": address.json(),
            "shipping_fee": typed_amount(&shipping_fee.get_untracked()),
        });
        let idempotency_key = key.get_untracked();
        let navigate = navigate.clone();
        async move {
            match api::orders::place_order(session, &body, idempotency_key).await {
                Ok(order) => {
                    failed.set(None);
                    key.set(new_key());
                    navigate(&format!("/orders/{}", order.id), Default::default());
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let locale = move || I18n::get().locale();
    view! {
        <section>
            <h1>{move || t("order-new")}</h1>
            <form class="order-form" data-testid="new-order" on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <fieldset>
                    <legend>{move || t("orders-customer")}</legend>
                    <label>
                        {move || t("order-find-customer")}
                        <input type="search" name="customer-search"
                            on:change=move |ev| customer_query.set(event_target_value(&ev)) />
                    </label>
                    <Choice label="order-customer" name="order-customer" value=customer failed field="customer">
                        <option value="">{move || t("order-new-customer")}</option>
                        {move || customers.get().and_then(|r| r.ok()).map(|page| page.items).unwrap_or_default()
                            .into_iter().map(|c| view! {
                                <option value=c.id.to_string()>
                                    {format!("{} {}", c.name, c.email.unwrap_or_default())}
                                </option>
                            }).collect_view()}
                    </Choice>
                    {move || {
                        // Staff see at intake that the customer is blocked, and why: the order
                        // will wait on hold.
                        let id = customer.get();
                        customers.get().and_then(|r| r.ok()).and_then(|page| {
                            page.items.into_iter().find(|c| c.id.to_string() == id)
                        }).and_then(|c| c.blocked).map(|block| view! {
                            <p class="warning" role="alert" data-testid="customer-blocked">
                                {move || t("order-customer-blocked")} " " {block.reason}
                            </p>
                        })
                    }}
                    <Show when=move || customer.get().is_empty()>
                        <div class="inline">
                            <Field label="customers-name" name="new-customer-name" value=new_name failed
                                field="customer.new.name" />
                            <Field label="customers-email" name="new-customer-email" kind="email" value=new_email
                                failed field="customer.new.email" />
                            <Field label="customer-tax-id" name="new-customer-tax-id" value=new_tax_id failed
                                field="customer.new.tax_id" />
                        </div>
                    </Show>
                </fieldset>
                <Choice label="products-channel" name="order-channel" value=channel failed field="channel_id">
                    {move || channels.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|c| view! {
                        <option value=c.id.to_string()>{c.name}</option>
                    }).collect_view()}
                </Choice>
                <fieldset>
                    <legend>{move || t("order-lines")}</legend>
                    {move || lines.get().into_iter().enumerate().map(|(i, row)| view! {
                        <div class="inline order-line">
                            <VariantPicker label="product-sku" name=format!("line-variant-{i}") chosen=row.variant
                                failed field=format!("lines[{i}].variant_id") />
                            <Field label="stock-quantity" name=format!("line-quantity-{i}") kind="number"
                                value=row.quantity failed field=format!("lines[{i}].quantity") />
                            <span class="money">{move || row.variant.get().map(|v| format::money(v.price, v.currency, locale()))}</span>
                        </div>
                    }).collect_view()}
                    <button type="button" class="secondary" on:click=move |_| lines.update(|l| l.push(LineRow::new()))>
                        {move || t("order-add-line")}
                    </button>
                </fieldset>
                <fieldset class="inline">
                    <legend>{move || t("order-shipping")}</legend>
                    <AddressForm address failed prefix="shipping_address" />
                    <Field label="order-shipping-fee" name="shipping-fee" value=shipping_fee failed
                        field="shipping_fee" />
                </fieldset>
                <button type="submit" disabled=move || submit.pending().get()>{move || t("order-place")}</button>
                <FormProblem failed />
            </form>
        </section>
    }
}
