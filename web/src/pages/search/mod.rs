//! The global search: orders by number or customer, customers, products by name, SKU or
//! barcode (a scanned barcode finds its product directly).

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::A;
use leptos_router::components::Route;
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::catalog::ProductOut;
use openapi::orders::{CustomerOut, OrderOut};

use crate::api::{self, ApiError};
use crate::components::{Empty, ErrorNote, Loading, StatusBadge, find_variant};
use crate::format;
use crate::i18n::{I18n, t};
use crate::pages::{Module, group};
use crate::session::Session;

lazy_pages!(search: SearchPage => Search);

/// The search box of the top bar leads here; no link of its own.
pub const MODULE: Module = Module {
    nav: None,
    routes: || {
        group(
            view! { <Route path=path!("/search") view={Lazy::<SearchPage>::new()} /> }.into_inner(),
        )
    },
};

/// What one search found.
#[derive(Clone)]
struct Found {
    orders: Vec<OrderOut>,
    customers: Vec<CustomerOut>,
    products: Vec<ProductOut>,
}

async fn search(session: Session, q: String) -> Result<Found, ApiError> {
    let orders = if session.may_untracked(Permission::OrdersRead) {
        let filter = api::orders::OrderFilter {
            q: Some(q.clone()),
            limit: 10,
            ..Default::default()
        };
        api::orders::orders(session, filter).await?.items
    } else {
        Vec::new()
    };
    let customers = if session.may_untracked(Permission::CustomersRead) {
        api::orders::customers(session, q.clone(), 10, None)
            .await?
            .items
    } else {
        Vec::new()
    };
    let filter = api::catalog::ProductFilter {
        q: q.clone(),
        limit: Some(10),
        ..Default::default()
    };
    let mut products = api::catalog::products(session, filter).await?.items;
    if products.is_empty()
        && let Some(variant) = find_variant(session, &q).await?
    {
        products.push(api::catalog::product(session, variant.product_id).await?);
    }
    Ok(Found {
        orders,
        customers,
        products,
    })
}

#[component]
pub fn Search() -> impl IntoView {
    let session = Session::get();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let found = LocalResource::new(move || {
        let q = q();
        async move {
            if q.trim().is_empty() {
                return Ok(None);
            }
            search(session, q.trim().to_owned()).await.map(Some)
        }
    });
    view! {
        <section class="search-results">
            <h1>{move || t("search-title")} ": " {q}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || found.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(None) => view! { <Empty /> }.into_any(),
                    Ok(Some(found)) if found.orders.is_empty() && found.customers.is_empty()
                        && found.products.is_empty() => view! { <Empty /> }.into_any(),
                    Ok(Some(found)) => view! { <Results found /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Results(found: Found) -> impl IntoView {
    let locale = move || I18n::get().locale();
    view! {
        {(!found.orders.is_empty()).then(|| view! {
            <h2>{move || t("nav-orders")}</h2>
            <ul class="found">
                {found.orders.into_iter().map(|o| view! {
                    <li>
                        <A href=format!("/orders/{}", o.id)>{o.reference.clone()}</A>
                        " " {o.customer_name.clone()} " " <StatusBadge status=o.status /> " "
                        {move || format::money(o.total, o.currency, locale())}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {(!found.customers.is_empty()).then(|| view! {
            <h2>{move || t("nav-customers")}</h2>
            <ul class="found">
                {found.customers.into_iter().map(|c| view! {
                    <li>
                        <A href=format!("/orders?customer_id={}", c.id)>{c.name.clone()}</A>
                        " " {c.email.clone().unwrap_or_default()}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {(!found.products.is_empty()).then(|| view! {
            <h2>{move || t("nav-products")}</h2>
            <ul class="found">
                {found.products.into_iter().map(|p| view! {
                    <li>
                        <A href=format!("/products/{}", p.id)>{p.name.clone()}</A>
                        " " {p.variants.iter().map(|v| v.sku.clone()).collect::<Vec<_>>().join(", ")}
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}
