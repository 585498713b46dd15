//! Products: the list with search, filters, sort and paging, a new-product form, and one
//! product with its variants to edit (`product.rs`).

mod product;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::A;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::catalog::{ProductOut, Status};

use crate::api::ApiError;
use crate::api::catalog::{self as api, ProductFilter};
use crate::components::{Field, FormProblem, Pager, listing, new_key};
use crate::format;
use crate::i18n::{I18n, t};
use crate::input::{typed_amount, typed_text};
use crate::pages::{Module, NavLink, group};
use crate::session::Session;

pub use product::ProductDetail;

lazy_pages!(catalog: ProductsPage => Products, ProductDetailPage => ProductDetail);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/products",
        text: "nav-products",
        permission: None,
    }),
    routes: || {
        group(
            view! {
                <Route path=path!("/products") view={Lazy::<ProductsPage>::new()} />
                <Route path=path!("/products/:id") view={Lazy::<ProductDetailPage>::new()} />
            }
            .into_inner(),
        )
    },
};

#[component]
pub fn Products() -> impl IntoView {
    let session = Session::get();
    let filter = RwSignal::new(ProductFilter::default());
    let created = RwSignal::new(0u32);
    let pager = Pager::new();
    let products = LocalResource::new(move || {
        created.track();
        let filter = ProductFilter {
            cursor: pager.cursor(),
            ..filter.get()
        };
        async move { api::products(session, filter).await }
    });
    let channels = LocalResource::new(move || api::channels(session));
    let suppliers = LocalResource::new(move || api::suppliers(session));
    let set = move |change: fn(&mut ProductFilter, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            filter.update(|f| change(f, value));
            pager.restart();
        }
    };
    let locale = move || I18n::get().locale();
    view! {
        <section>
            <h1>{move || t("products-title")}</h1>
            {move || session.may(Permission::CatalogWrite).then(|| view! { <NewProduct created /> })}
            <div class="filters">
                <label class="search">
                    <span class="visually-hidden">{move || t("products-search")}</span>
                    <input type="search" name="product-search" placeholder=move || t("products-search")
                        on:change=set(|f, v| f.q = v) />
                </label>
                <label>
                    {move || t("products-status")}
                    <select name="product-status" on:change=set(|f, v| f.status = v)>
                        <option value="">{move || t("products-any-status")}</option>
                        <option value="active">{move || t("status-active")}</option>
                        <option value="archived">{move || t("status-archived")}</option>
                    </select>
                </label>
                <label>
                    {move || t("products-channel")}
                    <select name="product-channel" on:change=set(|f, v| f.channel_id = v)>
                        <option value="">{move || t("products-any-channel")}</option>
                        {move || channels.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|c| view! {
                            <option value=c.id.to_string()>{c.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    {move || t("products-supplier")}
                    <select name="product-supplier" on:change=set(|f, v| f.supplier_id = v)>
                        <option value="">{move || t("products-any-supplier")}</option>
                        {move || suppliers.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|s| view! {
                            <option value=s.id.to_string()>{s.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    {move || t("products-sort")}
                    <select name="product-sort" on:change=set(|f, v| f.sort = v)>
                        <option value="name">{move || t("sort-name")}</option>
                        <option value="-name">{move || t("sort-name-desc")}</option>
                        <option value="-created_at">{move || t("sort-newest")}</option>
                        <option value="created_at">{move || t("sort-oldest")}</option>
                    </select>
                </label>
            </div>
            {listing(products, pager, "products",
                &["products-name", "product-sku", "product-price", "products-status"],
                move |p: ProductOut| {
                    let price = p.variants.first().map(|v| (v.price, v.currency));
                    view! {
                        <tr>
                            <td><A href=format!("/products/{}", p.id)>{p.name.clone()}</A></td>
                            <td>{p.variants.iter().map(|v| v.sku.clone()).collect::<Vec<_>>().join(", ")}</td>
                            <td class="money">{move || price.map(|(value, currency)| format::money(value, currency, locale()))}</td>
                            <td>{move || t(status_key(p.status))}</td>
                        </tr>
                    }
                })}
        </section>
    }
}

pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::Active => "status-active",
        Status::Archived => "status-archived",
    }
}

/// A product with its first variant; each field shows the API's message when it is wrong.
#[component]
fn NewProduct(created: RwSignal<u32>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let sku = RwSignal::new(String::new());
    let barcode = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let cost = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let session = Session::get();
    let navigate = leptos_router::hooks::use_navigate();
    let submit = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "name": name.get_untracked(),
            "variants": [{
                "sku": sku.get_untracked(),
                "barcode": typed_text(&barcode.get_untracked()),
                "price": typed_amount(&price.get_untracked()),
                "cost": typed_amount(&cost.get_untracked()),
            }],
        });
        let idempotency_key = key.get_untracked();
        let navigate = navigate.clone();
        async move {
            match api::create_product(session, &body, idempotency_key).await {
                Ok(product) => {
                    failed.set(None);
                    key.set(new_key());
                    created.update(|n| *n += 1);
                    navigate(&format!("/products/{}", product.id), Default::default());
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <details class="new">
            <summary>{move || t("product-new")}</summary>
            <form class="inline" data-testid="new-product" on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <Field label="products-name" name="name" value=name failed field="name" />
                <Field label="product-sku" name="sku" value=sku failed field="variants[0].sku" />
                <Field label="product-barcode" name="barcode" value=barcode failed field="variants[0].barcode" />
                <Field label="product-price" name="price" value=price failed field="variants[0].price" />
                <Field label="product-cost" name="cost" value=cost failed field="variants[0].cost" />
                <button type="submit" disabled=move || submit.pending().get()>
                    {move || t("product-create")}
                </button>
                <FormProblem failed />
            </form>
        </details>
    }
}
