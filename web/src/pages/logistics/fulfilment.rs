//! One fulfilment: its order, location, promise dates and lines; the next step as buttons and
//! forms; its shipments with their status, tracking link and tracking history.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::logistics::{
    CarrierOut, FulfilmentOut, FulfilmentStatus, ShipmentOut, ShipmentStatus,
};
use uuid::Uuid;

use super::fulfilments::{LateMark, lateness, today};
use super::steps::{Cancel, Pack, Pick, Ship};
use super::{FulfilmentBadge, OrderLink, shipment_status_key, tracking_status_key};
use crate::api;
use crate::components::{detail, load_locations, location_code};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

#[component]
pub fn FulfilmentDetail() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    view! {
        <section class="fulfilment">
            <p><a href="/logistics/fulfilments">{move || t("fulfilments-title")}</a></p>
            {detail(api::logistics::fulfilment, refresh, move |f: FulfilmentOut| view! {
                <FulfilmentView f refresh />
            })}
        </section>
    }
}

#[component]
fn FulfilmentView(f: FulfilmentOut, refresh: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let locale = move || I18n::get().locale();
    let s = f.summary.clone();
    let id = s.id;
    let locations = load_locations();
    let carriers = LocalResource::new(move || api::logistics::all_carriers(session));
    let carrier_list = move || carriers.get().and_then(|r| r.ok()).unwrap_or_default();
    let may_fulfil = move || session.may(Permission::LogisticsFulfil);
    let status = s.status;
    let open = matches!(
        status,
        FulfilmentStatus::Pending | FulfilmentStatus::Picking | FulfilmentStatus::Packed
    );
    let day = move |d: Option<chrono::NaiveDate>| {
        move || {
            d.map(|d| format::date(d, locale()))
                .unwrap_or_else(|| "—".into())
        }
    };
    let service = s.service_id;
    let times = [
        ("fulfilment-picked-at", f.picked_at),
        ("fulfilment-packed-at", f.packed_at),
        ("fulfilment-shipped-at", f.shipped_at),
        ("fulfilment-delivered-at", f.delivered_at),
        ("fulfilment-cancelled-at", f.cancelled_at),
    ];
    let title = move || {
        message(
            locale(),
            "fulfilment-heading",
            &[("number", s.order_number.to_string())],
        )
    };
    view! {
        <h1>{title} " " <FulfilmentBadge status /> " " <LateMark late=lateness(&s, today()) /></h1>
        <dl class="facts">
            <dt>{move || t("fulfilment-order")}</dt>
            <dd><OrderLink order_id=s.order_id number=s.order_number /></dd>
            <dt>{move || t("stock-location")}</dt>
            <dd>{move || location_code(locations, s.location_id)}</dd>
            <dt>{move || t("shipment-service")}</dt>
            <dd>{move || service_name(&carrier_list(), service)}</dd>
            <dt>{move || t("fulfilment-ship-by")}</dt><dd>{day(s.ship_by)}</dd>
            <dt>{move || t("fulfilment-deliver-by")}</dt><dd>{day(s.deliver_by)}</dd>
        </dl>
        {move || (may_fulfil() && status == FulfilmentStatus::Pending).then(|| view! { <Pick id refresh /> })}
        {move || (may_fulfil() && status == FulfilmentStatus::Picking).then(|| view! { <Pack id refresh /> })}
        <h2>{move || t("order-lines")}</h2>
        <table class="lines stack">
            <thead><tr>
                <th scope="col">{move || t("product-sku")}</th>
                <th scope="col">{move || t("products-name")}</th>
                <th scope="col">{move || t("stock-quantity")}</th>
            </tr></thead>
            <tbody>
                {f.lines.into_iter().map(|l| view! {
                    <tr>
                        <td data-label=move || t("product-sku")><code>{l.sku}</code></td>
                        <td data-label=move || t("products-name")>{l.name}</td>
                        <td data-label=move || t("stock-quantity")>{move || format::count(l.quantity, locale())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <Times times />
        {(!f.shipments.is_empty()).then(|| view! { <h2>{move || t("shipments-title")}</h2> })}
        <div class="cards shipments">
            {f.shipments.into_iter().enumerate().map(|(i, shipment)| {
                let ship_form = move || {
                    (may_fulfil() && status == FulfilmentStatus::Packed && shipment_packed(shipment.status))
                        .then(|| view! {
                            <Ship shipment=shipment.id number=i + 1 service carriers=carrier_list() refresh />
                        })
                };
                view! {
                    <Shipment number=i + 1 shipment=shipment.clone() carriers=Signal::derive(carrier_list)>
                        {ship_form}
                    </Shipment>
                }
            }).collect_view()}
        </div>
        {move || (may_fulfil() && open).then(|| view! { <Cancel id refresh /> })}
    }
}

fn shipment_packed(status: ShipmentStatus) -> bool {
    status == ShipmentStatus::Packed
}

/// "Correios · SEDEX", or a dash when the order named no service.
fn service_name(carriers: &[CarrierOut], service: Option<Uuid>) -> String {
    service
        .and_then(|id| {
            carriers.iter().find_map(|c| {
                c.services
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| format!("{} · {}", c.name, s.name))
            })
        })
        .unwrap_or_else(|| "—".into())
}

/// When each step was taken, for the steps taken.
#[component]
fn Times(times: [(&'static str, Option<DateTime<Utc>>); 5]) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let taken = times
        .into_iter()
        .filter_map(|(key, at)| at.map(|at| (key, at)))
        .collect::<Vec<_>>();
    (!taken.is_empty()).then(|| {
        view! {
            <h2>{move || t("fulfilment-steps")}</h2>
            <ol class="timeline">
                {taken.into_iter().map(|(key, at)| {
                    let zone = zone.clone();
                    let at = move || format::date_time_in(at, &zone, locale());
                    view! { <li><time>{at}</time> " " {move || t(key)}</li> }
                }).collect_view()}
            </ol>
        }
    })
}

/// A package: its status, size, service, tracking code and link, cost and tracking history;
/// its ship form is the children.
#[component]
fn Shipment(
    number: usize,
    shipment: ShipmentOut,
    carriers: Signal<Vec<CarrierOut>>,
    children: Children,
) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let currency = Session::get().store_currency();
    let heading = move || {
        message(
            locale(),
            "fulfilment-package",
            &[("number", number.to_string())],
        )
    };
    let size = format!(
        "{} g · {} × {} × {} mm",
        shipment.weight_grams, shipment.length_mm, shipment.width_mm, shipment.height_mm
    );
    let status = shipment.status;
    let service = shipment.service_id;
    let cost = shipment.cost;
    let attempts = shipment.failed_attempts;
    view! {
        <article class="card shipment" data-testid="shipment">
            <h3>{heading} " "
                <span class=format!("badge badge-{}", status.as_str())>{move || t(shipment_status_key(status))}</span>
            </h3>
            <dl class="facts">
                <dt>{move || t("shipment-size")}</dt><dd>{size}</dd>
                <dt>{move || t("shipment-service")}</dt>
                <dd>{move || service_name(&carriers.get(), service)}</dd>
                {shipment.tracking_code.clone().map(|code| view! {
                    <dt>{move || t("shipment-tracking-code")}</dt>
                    <dd>
                        <code>{code}</code>
                        {shipment.tracking_url.clone().map(|url| view! {
                            " " <a href=url target="_blank" rel="noopener noreferrer">{move || t("shipment-track")}</a>
                        })}
                    </dd>
                })}
                {cost.map(|cost| view! {
                    <dt>{move || t("shipment-cost")}</dt>
                    <dd>{move || format::money(cost, currency, locale())}</dd>
                })}
                {(attempts > 0).then(|| view! {
                    <dt>{move || t("shipment-failed-attempts")}</dt><dd>{attempts}</dd>
                })}
            </dl>
            {(!shipment.events.is_empty()).then(|| view! {
                <h4>{move || t("shipment-history")}</h4>
                <ol class="timeline tracking">
                    {shipment.events.iter().rev().map(|e| {
                        let (zone, at) = (zone.clone(), e.occurred_at);
                        let at = move || format::date_time_in(at, &zone, locale());
                        let status = e.status;
                        let place = e.place.clone().map(|p| format!(" · {p}"));
                        let description = e.description.clone().map(|d| format!(" — {d}"));
                        view! {
                            <li>
                                <time>{at}</time> " "
                                <strong>{move || t(tracking_status_key(status))}</strong>
                                {place}{description}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
            {children()}
        </article>
    }
}
