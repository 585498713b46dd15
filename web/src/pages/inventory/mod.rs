//! Stock: levels per variant and location (with a barcode lookup and the stock forms), the
//! movement ledger and the locations. Replenishment lives with purchasing.

mod forms;
mod locations;
mod movements;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::catalog::VariantOut;
use openapi::inventory::{LocationOut, StockLevelOut};

use crate::api::{self, ApiError};
use crate::components::{Pager, Tabs, VariantPicker, listing};
use crate::i18n::t;
use crate::pages::{Module, NavLink, group};
use crate::session::Session;

pub use locations::Locations;
pub use movements::Movements;

lazy_pages!(inventory: StockLevelsPage => StockLevels, MovementsPage => Movements, LocationsPage => Locations);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/stock",
        text: "nav-stock",
        permission: None,
    }),
    routes: || {
        group(
            view! {
                <Route path=path!("/stock") view={Lazy::<StockLevelsPage>::new()} />
                <Route path=path!("/stock/movements") view={Lazy::<MovementsPage>::new()} />
                <Route path=path!("/stock/locations") view={Lazy::<LocationsPage>::new()} />
            }
            .into_inner(),
        )
    },
};

/// The tabs of every stock page.
pub const STOCK_TABS: &[(&str, &str)] = &[
    ("/stock", "stock-title"),
    ("/stock/movements", "movements-title"),
    ("/stock/locations", "locations-title"),
    ("/stock/replenishment", "replenishment-title"),
];

/// The store's locations, loaded once per page (forms and filters share them).
pub fn locations_resource() -> LocalResource<Result<Vec<LocationOut>, ApiError>> {
    let session = Session::get();
    LocalResource::new(move || api::inventory::locations(session))
}

/// `<option>`s for each location (ids as values), after an optional "all" option.
pub fn location_options(
    locations: LocalResource<Result<Vec<LocationOut>, ApiError>>,
    first: Option<&'static str>,
) -> impl IntoView {
    view! {
        {first.map(|key| view! { <option value="">{move || t(key)}</option> })}
        {move || locations.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|l| view! {
            <option value=l.id.to_string()>{format!("{} · {}", l.code, l.name)}</option>
        }).collect_view()}
    }
}

#[component]
pub fn StockLevels() -> impl IntoView {
    let session = Session::get();
    let locations = locations_resource();
    let location = RwSignal::new(String::new());
    let variant = RwSignal::new(None::<VariantOut>);
    let changed = RwSignal::new(0u32);
    let pager = Pager::new();
    let no_problem = RwSignal::new(None::<ApiError>);
    let levels = LocalResource::new(move || {
        changed.track();
        let filter = api::inventory::StockFilter {
            location_id: location.get(),
            variant_id: variant.get().map(|v| v.id),
            cursor: pager.cursor(),
            ..Default::default()
        };
        async move { api::inventory::levels(session, filter).await }
    });
    Effect::new(move |_| {
        location.track();
        variant.track();
        pager.restart();
    });
    let locale = move || crate::i18n::I18n::get().locale();
    view! {
        <section>
            <Tabs links=STOCK_TABS />
            <h1>{move || t("stock-title")}</h1>
            <div class="filters">
                <VariantPicker label="stock-lookup" name="lookup".to_string() chosen=variant
                    failed=no_problem field=String::new() />
                <label>
                    {move || t("stock-location")}
                    <select name="location-filter" on:change=move |ev| location.set(event_target_value(&ev))
                        prop:value=move || location.get()>
                        {location_options(locations, Some("stock-all-locations"))}
                    </select>
                </label>
            </div>
            {move || variant.get().map(|v| view! { <VariantCard variant=v /> })}
            <Valuation changed />
            {move || session.may(Permission::StockMove).then(|| view! {
                <forms::StockForms locations changed />
            })}
            {listing(levels, pager, "stock",
                &["product-sku", "stock-location", "stock-on-hand", "stock-reserved",
                  "stock-unsellable", "stock-incoming", "stock-available"],
                move |l: StockLevelOut| {
                    let low = l.reorder_point.is_some_and(|point| l.available <= point);
                    let n = move |value: i64| move || crate::format::count(value, locale());
                    view! {
                        <tr class:low=low>
                            <td>{l.sku.clone()}</td>
                            <td>{l.location_code.clone()}</td>
                            <td>{n(l.on_hand)}</td>
                            <td>{n(l.reserved)}</td>
                            <td>{n(l.unsellable)}</td>
                            <td>{n(l.incoming)}</td>
                            <td><strong>{n(l.available)}</strong></td>
                        </tr>
                    }
                })}
        </section>
    }
}

/// What a scanned code is: the product, SKU, barcode and price.
#[component]
fn VariantCard(variant: VariantOut) -> impl IntoView {
    let locale = move || crate::i18n::I18n::get().locale();
    view! {
        <div class="card variant-card" data-testid="variant-card">
            <strong>{variant.product_name.clone()}</strong>
            <span>{format!("{} · {}", variant.sku, variant.barcode.clone().unwrap_or_default())}</span>
            <span>{move || crate::format::money(variant.price, variant.currency, locale())}</span>
        </div>
    }
}

/// What the stock on hand is worth at average cost, in total and per location.
#[component]
fn Valuation(changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let valuation = LocalResource::new(move || {
        changed.track();
        api::inventory::valuation(session)
    });
    let locale = move || crate::i18n::I18n::get().locale();
    view! {
        <Suspense fallback=|| ()>
            {move || valuation.get().and_then(|r| r.ok()).map(|v| {
                let currency = v.currency;
                let units = v.units;
                view! {
                    <div class="cards valuation" data-testid="valuation">
                        <div class="card">
                            <span>{move || t("stock-value")}</span>
                            <strong>{move || crate::format::money(v.total, currency, locale())}</strong>
                            <span>{move || crate::i18n::message(locale(), "stock-units", &[("count", units.to_string())])}</span>
                        </div>
                        {v.locations.into_iter().map(|l| view! {
                            <div class="card">
                                <span>{l.location_code.clone()}</span>
                                <strong>{move || crate::format::money(l.value, currency, locale())}</strong>
                                <span>{move || crate::i18n::message(locale(), "stock-units", &[("count", l.units.to_string())])}</span>
                            </div>
                        }).collect_view()}
                    </div>
                }
            })}
        </Suspense>
    }
}
