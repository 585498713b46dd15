//! One product: its details and status, its variants (price, cost, barcode, status) and a
//! form for another variant. Every change names the version it saw (`If-Match`).

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::catalog::{ProductOut, Status, VariantOut};
use uuid::Uuid;

use super::status_key;
use crate::api::{self, ApiError};
use crate::components::{Choice, Edit, Field, FormProblem, Saved, detail, new_key};
use crate::format;
use crate::i18n::{I18n, t};
use crate::input::{typed_amount, typed_text};
use crate::session::Session;

#[component]
pub fn ProductDetail() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    detail(
        api::catalog::product,
        refresh,
        move |product: ProductOut| view! { <ProductView product refresh /> },
    )
}

#[component]
fn ProductView(product: ProductOut, refresh: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let may_write = session.may(Permission::CatalogWrite);
    let variants = product.variants.clone();
    let id = product.id;
    view! {
        <section class="product">
            <h1>{product.name.clone()}</h1>
            <ProductForm product=product.clone() editable=may_write />
            <h2>{move || t("products-variants")}</h2>
            {variants.into_iter().map(|variant| view! {
                <VariantForm variant editable=may_write />
            }).collect_view()}
            {may_write.then(|| view! { <NewVariant product_id=id refresh /> })}
        </section>
    }
}

#[component]
fn ProductForm(product: ProductOut, editable: bool) -> impl IntoView {
    let session = Session::get();
    let name = RwSignal::new(product.name.clone());
    let description = RwSignal::new(product.description.clone().unwrap_or_default());
    let ncm = RwSignal::new(product.ncm.clone().unwrap_or_default());
    let status = RwSignal::new(product.status.as_str().to_string());
    let edit = Edit::new(product.version);
    let (failed, done) = (edit.failed, edit.done);
    let id = product.id;
    let submit = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "name": name.get_untracked(),
            "description": typed_text(&description.get_untracked()),
            "ncm": typed_text(&ncm.get_untracked()),
            "status": status.get_untracked(),
        });
        async move {
            let update = |version| api::catalog::update_product(session, id, &body, version);
            edit.save(update, |p: &ProductOut| p.version).await;
        }
    });
    view! {
        <form class="inline" data-testid="product-form" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <fieldset disabled=!editable>
                <Field label="products-name" name="product-name" value=name failed field="name" />
                <Field label="product-description" name="product-description" value=description failed
                    field="description" />
                <Field label="product-ncm" name="product-ncm" value=ncm failed field="ncm" />
                <StatusChoice name="product-status" value=status failed />
                <button type="submit" disabled=move || submit.pending().get()>{move || t("save")}</button>
                <Saved done />
            </fieldset>
            <FormProblem failed />
        </form>
    }
}

#[component]
fn StatusChoice(
    name: &'static str,
    value: RwSignal<String>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    view! {
        <Choice label="products-status" name=name value failed field="status">
            {[Status::Active, Status::Archived].into_iter().map(|s| view! {
                <option value=s.as_str()>{move || t(status_key(s))}</option>
            }).collect_view()}
        </Choice>
    }
}

#[component]
fn VariantForm(variant: VariantOut, editable: bool) -> impl IntoView {
    let session = Session::get();
    let sku = RwSignal::new(variant.sku.clone());
    let barcode = RwSignal::new(variant.barcode.clone().unwrap_or_default());
    let price = RwSignal::new(variant.price.to_string());
    let cost = RwSignal::new(variant.cost.to_string());
    let status = RwSignal::new(variant.status.as_str().to_string());
    let edit = Edit::new(variant.version);
    let (failed, done) = (edit.failed, edit.done);
    let id = variant.id;
    let locale = move || I18n::get().locale();
    let submit = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "sku": sku.get_untracked(),
            "barcode": typed_text(&barcode.get_untracked()),
            "price": typed_amount(&price.get_untracked()),
            "cost": typed_amount(&cost.get_untracked()),
            "status": status.get_untracked(),
        });
        async move {
            let update = |version| api::catalog::update_variant(session, id, &body, version);
            edit.save(update, |v: &VariantOut| v.version).await;
        }
    });
    let prefix = variant.sku.clone();
    let options = variant
        .options
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <form class="inline variant" data-testid=format!("variant-{prefix}") on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <fieldset disabled=!editable>
                <legend>
                    {variant.sku.clone()} " " {options} " · "
                    {move || t("variant-average-cost")} " "
                    {move || format::money(variant.average_cost, variant.currency, locale())}
                </legend>
                <Field label="product-sku" name=format!("{prefix}-sku") value=sku failed field="sku" />
                <Field label="product-barcode" name=format!("{prefix}-barcode") value=barcode failed field="barcode" />
                <Field label="product-price" name=format!("{prefix}-price") value=price failed field="price" />
                <Field label="product-cost" name=format!("{prefix}-cost") value=cost failed field="cost" />
                <Choice label="products-status" name=format!("{prefix}-status") value=status failed field="status">
                    {[Status::Active, Status::Archived].into_iter().map(|s| view! {
                        <option value=s.as_str()>{move || t(status_key(s))}</option>
                    }).collect_view()}
                </Choice>
                <button type="submit" disabled=move || submit.pending().get()>{move || t("save")}</button>
                <Saved done />
            </fieldset>
            <FormProblem failed />
        </form>
    }
}

#[component]
fn NewVariant(product_id: Uuid, refresh: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let sku = RwSignal::new(String::new());
    let barcode = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let option_name = RwSignal::new(String::new());
    let option_value = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let mut options = serde_json::Map::new();
        let (name, value) = (option_name.get_untracked(), option_value.get_untracked());
        if !name.trim().is_empty() {
            options.insert(name.trim().to_owned(), value.trim().into());
        }
        let body = serde_json::json!({
            "sku": sku.get_untracked(),
            "barcode": typed_text(&barcode.get_untracked()),
            "price": typed_amount(&price.get_untracked()),
            "options": options,
        });
        let idempotency_key = key.get_untracked();
        async move {
            match api::catalog::add_variant(session, product_id, &body, idempotency_key).await {
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
        <details class="new">
            <summary>{move || t("variant-new")}</summary>
            <form class="inline" data-testid="new-variant" on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <Field label="product-sku" name="new-variant-sku" value=sku failed field="sku" />
                <Field label="product-barcode" name="new-variant-barcode" value=barcode failed field="barcode" />
                <Field label="product-price" name="new-variant-price" value=price failed field="price" />
                <Field label="variant-option" name="new-variant-option" value=option_name failed field="options" />
                <Field label="variant-option-value" name="new-variant-option-value" value=option_value failed
                    field="options" />
                <button type="submit" disabled=move || submit.pending().get()>{move || t("variant-create")}</button>
                <FormProblem failed />
            </form>
        </details>
    }
}
