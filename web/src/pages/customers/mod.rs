//! Customers: the list with search, what each is worth.

use leptos::prelude::*;
use leptos_router::components::A;
use openapi::Page;
use openapi::orders::CustomerOut;

use crate::api::{self, Query};
use crate::components::{Pager, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn Customers() -> impl IntoView {
    let session = Session::get();
    let query = RwSignal::new(String::new());
    let pager = Pager::new();
    let customers = LocalResource::new(move || {
        let path = Query::new()
            .set("limit", 50)
            .opt("q", Some(query.get()))
            .opt("cursor", pager.cursor())
            .path("/customers");
        async move { api::get::<Page<CustomerOut>>(session, &path).await }
    });
    let locale = move || I18n::get().locale();
    view! {
        <section>
            <h1>{move || t("customers-title")}</h1>
            <label class="search">
                <span class="visually-hidden">{move || t("customers-search")}</span>
                <input type="search" placeholder=move || t("customers-search")
                    on:change=move |ev| {
                        query.set(event_target_value(&ev));
                        pager.restart();
                    } />
            </label>
            {listing(customers, pager, "customers", &["customers-name", "customers-email", "customers-orders", "customers-value"],
                move |c: CustomerOut| view! {
                    <tr>
                        <td><A href=format!("/orders?customer_id={}", c.id)>{c.name.clone()}</A></td>
                        <td>{c.email.clone().unwrap_or_default()}</td>
                        <td>{c.orders_count}</td>
                        <td class="money">{move || format::money(c.lifetime_value, c.currency, locale())}</td>
                    </tr>
                })}
        </section>
    }
}
