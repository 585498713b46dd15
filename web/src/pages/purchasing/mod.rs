//! Purchasing: suppliers, purchase orders with receiving, and replenishment.

use leptos::prelude::*;

use crate::i18n::t;

#[component]
pub fn Suppliers() -> impl IntoView {
    view! { <section><h1>{move || t("suppliers-title")}</h1></section> }
}

#[component]
pub fn PurchaseOrders() -> impl IntoView {
    view! { <section><h1>{move || t("purchase-orders-title")}</h1></section> }
}

#[component]
pub fn PurchaseOrderDetail() -> impl IntoView {
    view! { <section><h1>{move || t("purchase-orders-title")}</h1></section> }
}

#[component]
pub fn Replenishment() -> impl IntoView {
    view! { <section><h1>{move || t("replenishment-title")}</h1></section> }
}
