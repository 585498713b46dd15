//! The movement ledger: every change of stock, newest first, by variant, location and kind.

use leptos::prelude::*;
use openapi::catalog::VariantOut;
use openapi::inventory::MovementOut;

use super::{STOCK_TABS, location_options, locations_resource};
use crate::api::{self, ApiError};
use crate::components::{Pager, Tabs, VariantPicker, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

/// The kinds of movement a reader filters by, with their message keys.
const KINDS: &[(&str, &str)] = &[
    ("receipt", "kind-receipt"),
    ("adjustment", "kind-adjustment"),
    ("transfer_out", "kind-transfer_out"),
    ("transfer_in", "kind-transfer_in"),
    ("reservation", "kind-reservation"),
    ("release", "kind-release"),
    ("sale", "kind-sale"),
    ("return", "kind-return"),
    ("count", "kind-count"),
    ("damage", "kind-damage"),
    ("restore", "kind-restore"),
    ("discard", "kind-discard"),
    ("purchase_sent", "kind-purchase_sent"),
    ("purchase_cancelled", "kind-purchase_cancelled"),
];

/// Why stock moved, in words when the app knows the reason.
const REASONS: &[(&str, &str)] = &[
    ("initial", "reason-initial"),
    ("found", "reason-found"),
    ("correction", "reason-correction"),
    ("loss", "reason-loss"),
    ("theft", "reason-theft"),
    ("damage", "reason-damage"),
    ("other", "reason-other"),
    ("expired", "reason-expired"),
];

fn reason_name(reason: &str) -> String {
    REASONS
        .iter()
        .find(|(r, _)| *r == reason)
        .map_or_else(|| reason.to_owned(), |(_, key)| t(key))
}

fn kind_name(kind: &str) -> String {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or_else(|| kind.to_owned(), |(_, key)| t(key))
}

/// A delta as a ledger writes it: `+3`, `-1`, or nothing for zero.
fn delta(value: i64) -> String {
    match value {
        0 => String::new(),
        v if v > 0 => format!("+{v}"),
        v => v.to_string(),
    }
}

#[component]
pub fn Movements() -> impl IntoView {
    let session = Session::get();
    let locations = locations_resource();
    let location = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let variant = RwSignal::new(None::<VariantOut>);
    let no_problem = RwSignal::new(None::<ApiError>);
    let pager = Pager::new();
    let movements = LocalResource::new(move || {
        let filter = api::inventory::StockFilter {
            location_id: location.get(),
            variant_id: variant.get().map(|v| v.id),
            kind: kind.get(),
            cursor: pager.cursor(),
        };
        async move { api::inventory::movements(session, filter).await }
    });
    Effect::new(move |_| {
        location.track();
        kind.track();
        variant.track();
        pager.restart();
    });
    let locale = move || I18n::get().locale();
    view! {
        <section>
            <Tabs links=STOCK_TABS />
            <h1>{move || t("movements-title")}</h1>
            <div class="filters">
                <VariantPicker label="product-sku" name="ledger-variant".to_string() chosen=variant
                    failed=no_problem field=String::new() />
                <label>
                    {move || t("stock-location")}
                    <select name="ledger-location" on:change=move |ev| location.set(event_target_value(&ev))>
                        {location_options(locations, Some("stock-all-locations"))}
                    </select>
                </label>
                <label>
                    {move || t("movements-kind")}
                    <select name="ledger-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{move || t("movements-all-kinds")}</option>
                        {KINDS.iter().map(|(k, key)| view! { <option value=*k>{move || t(key)}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            {listing(movements, pager, "movements",
                &["movements-when", "product-sku", "stock-location", "movements-kind",
                  "stock-on-hand", "stock-reserved", "stock-unsellable", "stock-incoming", "stock-note"],
                move |m: MovementOut| {
                    let kind = m.kind.clone();
                    let reason = m.reason.clone();
                    view! {
                        <tr>
                            <td>{move || format::date_time(m.created_at, locale())}</td>
                            <td>{m.sku.clone()}</td>
                            <td>{m.location_code.clone()}</td>
                            <td>{move || kind_name(&kind)}{move || reason.as_deref().map(|r| format!(" ({})", reason_name(r)))}</td>
                            <td>{delta(m.on_hand_delta)}</td>
                            <td>{delta(m.reserved_delta)}</td>
                            <td>{delta(m.unsellable_delta)}</td>
                            <td>{delta(m.incoming_delta)}</td>
                            <td>{m.note.clone().unwrap_or_default()}</td>
                        </tr>
                    }
                })}
        </section>
    }
}
