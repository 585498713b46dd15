//! A location's pick list: each SKU with its quantity and the orders it goes to, the oldest
//! ship-by date first; printable (the print stylesheet hides the navigation and the form).

use leptos::prelude::*;
use openapi::logistics::PickListOut;
use uuid::Uuid;

use super::{LOGISTICS_TABS, OrderLink};
use crate::api;
use crate::components::{
    ErrorNote, Loading, LocationSelect, Tabs, load_locations, location_list, location_name,
};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

#[component]
pub fn PickList() -> impl IntoView {
    let session = Session::get();
    let locations = load_locations();
    let location = RwSignal::new(String::new());
    // The first location is chosen once the locations arrive.
    Effect::new(move |_| {
        if location.get_untracked().is_empty()
            && let Some(Ok(list)) = locations.get()
            && let Some(first) = list.first()
        {
            location.set(first.id.to_string());
        }
    });
    let list = LocalResource::new(move || {
        let chosen = location.get().parse::<Uuid>().ok();
        async move {
            match chosen {
                Some(id) => api::logistics::pick_list(session, id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let name = move || {
        let chosen = location.get();
        location_list(locations)
            .iter()
            .find(|l| l.id.to_string() == chosen)
            .map(location_name)
            .unwrap_or_default()
    };
    view! {
        <section class="pick-list">
            <Tabs links=LOGISTICS_TABS />
            <h1>{move || t("pick-list-title")} <span class="print-only">" — " {name}</span></h1>
            <div class="filters no-print">
                <LocationSelect name="pick-location" value=location locations />
                <button type="button" data-testid="print" on:click=move |_| { let _ = window().print(); }>
                    {move || t("pick-list-print")}
                </button>
            </div>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || list.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(None) => view! { <p class="empty">{move || t("pick-list-choose")}</p> }.into_any(),
                    Ok(Some(list)) => view! { <Items list /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Items(list: PickListOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let date = list.date;
    if list.items.is_empty() {
        return view! { <p class="empty">{move || t("pick-list-empty")}</p> }.into_any();
    }
    view! {
        <p class="meta">{move || message(locale(), "pick-list-date", &[("date", format::date(date, locale()))])}</p>
        <table class="pick stack">
            <thead><tr>
                <th scope="col">{move || t("pick-list-picked")}</th>
                <th scope="col">{move || t("product-sku")}</th>
                <th scope="col">{move || t("products-name")}</th>
                <th scope="col">{move || t("stock-quantity")}</th>
                <th scope="col">{move || t("pick-list-orders")}</th>
                <th scope="col">{move || t("fulfilment-ship-by")}</th>
            </tr></thead>
            <tbody>
                {list.items.into_iter().map(|item| {
                    let ship_by = item.ship_by;
                    let label = message(locale(), "pick-list-mark", &[("sku", item.sku.clone())]);
                    view! {
                        <tr>
                            <td data-label=move || t("pick-list-picked")>
                                <input type="checkbox" aria-label=label />
                            </td>
                            <td data-label=move || t("product-sku")><code>{item.sku}</code></td>
                            <td data-label=move || t("products-name")>{item.name}</td>
                            <td data-label=move || t("stock-quantity")>
                                <strong>{move || format::count(item.quantity, locale())}</strong>
                            </td>
                            <td data-label=move || t("pick-list-orders")>
                                <ul class="pick-orders">
                                    {item.orders.into_iter().map(|o| view! {
                                        <li>
                                            <OrderLink order_id=o.order_id number=o.order_number />
                                            " × " {move || format::count(o.quantity, locale())}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </td>
                            <td data-label=move || t("fulfilment-ship-by")>
                                {move || ship_by.map(|d| format::date(d, locale())).unwrap_or_else(|| "—".into())}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
