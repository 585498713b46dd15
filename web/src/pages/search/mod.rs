//! The global search: orders by number or customer, products by name, SKU or barcode.

use leptos::prelude::*;

use crate::i18n::t;

#[component]
pub fn Search() -> impl IntoView {
    view! { <section><h1>{move || t("search-title")}</h1></section> }
}
