//! Products: the list with search.

use leptos::prelude::*;

use crate::api::catalog as api;
use crate::components::{Empty, ErrorNote, Loading};
use crate::i18n::t;
use crate::session::Session;

#[component]
pub fn Products() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let session = Session::get();
    let products = LocalResource::new(move || {
        let q = query.get();
        async move { api::products(session, &q).await }
    });
    view! {
        <section>
            <h1>{move || t("products-title")}</h1>
            <label class="search">
                <span class="visually-hidden">{move || t("products-search")}</span>
                <input type="search" placeholder=move || t("products-search")
                    on:change=move |ev| query.set(event_target_value(&ev)) />
            </label>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || products.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <Empty /> }.into_any(),
                    Ok(page) => view! {
                        <table>
                            <thead><tr>
                                <th>{move || t("products-name")}</th>
                                <th>{move || t("products-variants")}</th>
                            </tr></thead>
                            <tbody>
                                {page.items.into_iter().map(|p| view! {
                                    <tr>
                                        <td>{p.name.clone()}</td>
                                        <td>{p.variants.iter().map(|v| v.sku.clone()).collect::<Vec<_>>().join(", ")}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
