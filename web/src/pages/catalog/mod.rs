//! Products: the list with search.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::api::catalog as api;
use crate::components::{Field, Pager, listing};
use crate::i18n::t;
use crate::session::Session;

#[component]
pub fn Products() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let session = Session::get();
    let created = RwSignal::new(0u32);
    let products = LocalResource::new(move || {
        let q = query.get();
        created.track();
        async move { api::products(session, &q).await }
    });
    view! {
        <section>
            <h1>{move || t("products-title")}</h1>
            {move || session.may("catalog:write").then(|| view! { <NewProduct created /> })}
            <label class="search">
                <span class="visually-hidden">{move || t("products-search")}</span>
                <input type="search" placeholder=move || t("products-search")
                    on:change=move |ev| query.set(event_target_value(&ev)) />
            </label>
            {listing(products, Pager::new(), "products", &["products-name", "products-variants"],
                |p: openapi::catalog::ProductOut| view! {
                    <tr>
                        <td>{p.name.clone()}</td>
                        <td>{p.variants.iter().map(|v| v.sku.clone()).collect::<Vec<_>>().join(", ")}</td>
                    </tr>
                })}
        </section>
    }
}

/// A product with one variant; each field shows the API's message when it is wrong.
#[component]
fn NewProduct(created: RwSignal<u32>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let sku = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let session = Session::get();
    let submit = Action::new_local(move |_: &()| {
        // Amounts go as typed (a comma as decimal point is accepted); the API judges them.
        let body = serde_json::json!({
            "name": name.get_untracked(),
            "variants": [{
                "sku": sku.get_untracked(),
                "price": price.get_untracked().trim().replace(',', "."),
            }],
        });
        async move {
            let answer: Result<openapi::catalog::ProductOut, ApiError> =
                crate::api::post(session, "/catalog/products", &body).await;
            match answer {
                Ok(_) => {
                    failed.set(None);
                    name.set(String::new());
                    sku.set(String::new());
                    price.set(String::new());
                    created.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <details class="new">
            <summary>{move || t("product-new")}</summary>
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <Field label="products-name" name="name" value=name failed field="name" />
                <Field label="product-sku" name="sku" value=sku failed field="variants[0].sku" />
                <Field label="product-price" name="price" value=price failed
                    field="variants[0].price" />
                <button type="submit" disabled=move || submit.pending().get()>
                    {move || t("product-create")}
                </button>
            </form>
        </details>
    }
}

#[component]
pub fn ProductDetail() -> impl IntoView {
    view! { <section></section> }
}
