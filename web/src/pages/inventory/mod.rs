//! Stock: levels per variant and location, with what can be sold now.

use leptos::prelude::*;
use openapi::Page;
use openapi::inventory::StockLevelOut;

use crate::api;
use crate::components::{Pager, listing};
use crate::i18n::t;
use crate::session::Session;

#[component]
pub fn StockLevels() -> impl IntoView {
    let session = Session::get();
    let levels = LocalResource::new(move || {
        api::get::<Page<StockLevelOut>>(session, "/inventory/levels?limit=100")
    });
    view! {
        <section>
            <h1>{move || t("stock-title")}</h1>
            {listing(levels, Pager::new(), "stock", &["product-sku", "stock-location", "stock-on-hand", "stock-reserved", "stock-available"],
                |l: StockLevelOut| {
                    let low = l.reorder_point.is_some_and(|point| l.available <= point);
                    view! {
                        <tr class:low=low>
                            <td>{l.sku.clone()}</td>
                            <td>{l.location_code.clone()}</td>
                            <td>{l.on_hand}</td>
                            <td>{l.reserved}</td>
                            <td><strong>{l.available}</strong></td>
                        </tr>
                    }
                })}
        </section>
    }
}

#[component]
pub fn Movements() -> impl IntoView {
    view! { <section></section> }
}

#[component]
pub fn Locations() -> impl IntoView {
    view! { <section></section> }
}
