//! Fulfilments: all of them or one late list (late to ship, late in transit, at risk), by
//! status and location, oldest promise first; a late one is marked.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use openapi::logistics::{FulfilmentStatus, FulfilmentSummary, Lateness};
use uuid::Uuid;

use super::{
    FULFILMENT_STATUSES, FulfilmentBadge, LOGISTICS_TABS, OrderLink, fulfilment_status_key,
};
use crate::api;
use crate::components::{
    LocationSelect, Locations, Pager, Tabs, listing, load_locations, location_code,
};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

/// The lists a person chooses between: all, then each late list, with its text's key.
const VIEWS: [(Option<Lateness>, &str); 4] = [
    (None, "fulfilments-all"),
    (Some(Lateness::LateToShip), "fulfilments-late_to_ship"),
    (Some(Lateness::LateInTransit), "fulfilments-late_in_transit"),
    (Some(Lateness::AtRisk), "fulfilments-at_risk"),
];

fn parse_lateness(text: &str) -> Option<Lateness> {
    VIEWS
        .iter()
        .filter_map(|(late, _)| *late)
        .find(|late| api::logistics::lateness_str(*late) == text)
}

fn parse_status(text: &str) -> Option<FulfilmentStatus> {
    FULFILMENT_STATUSES.into_iter().find(|s| s.as_str() == text)
}

/// Which late list a fulfilment is in on `today` (the store's day, as the server's lists count
/// it), if any: the lists' own rule.
pub fn lateness(f: &FulfilmentSummary, today: NaiveDate) -> Option<Lateness> {
    use FulfilmentStatus::*;
    let unshipped = matches!(f.status, Pending | Picking | Packed);
    match (f.ship_by, f.deliver_by) {
        (Some(ship_by), _) if unshipped && ship_by < today => Some(Lateness::LateToShip),
        (Some(ship_by), _) if unshipped && ship_by == today => Some(Lateness::AtRisk),
        (_, Some(deliver_by)) if f.status == Shipped && deliver_by < today => {
            Some(Lateness::LateInTransit)
        }
        _ => None,
    }
}

/// Today in the store's time zone, the day its ship-by and promised dates are counted in.
pub fn today() -> NaiveDate {
    crate::clock::today(&Session::get().store_timezone())
}

#[component]
pub fn Fulfilments() -> impl IntoView {
    let session = Session::get();
    let query = use_query_map();
    let late = Memo::new(move |_| query.read().get("late").and_then(|l| parse_lateness(&l)));
    let status = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let pager = Pager::new();
    let locations = load_locations();
    let fulfilments = LocalResource::new(move || {
        let filter = api::logistics::FulfilmentFilter {
            status: parse_status(&status.get()),
            location_id: location.get().parse::<Uuid>().ok(),
            late: late.get(),
            cursor: pager.cursor(),
            ..Default::default()
        };
        async move { api::logistics::fulfilments(session, filter).await }
    });
    Effect::new(move |_| {
        late.track();
        status.track();
        location.track();
        pager.restart();
    });
    view! {
        <section>
            <Tabs links=LOGISTICS_TABS />
            <h1>{move || t("fulfilments-title")}</h1>
            <nav class="views" aria-label=move || t("fulfilments-lists")>
                {VIEWS.map(|(view_of, key)| {
                    let href = match view_of {
                        Some(l) => format!("/logistics/fulfilments?late={}", api::logistics::lateness_str(l)),
                        None => "/logistics/fulfilments".to_owned(),
                    };
                    view! {
                        <a href=href aria-current=move || (late.get() == view_of).then_some("page")>
                            {move || t(key)}
                        </a>
                    }
                })}
            </nav>
            <div class="filters">
                <label>
                    {move || t("fulfilments-status")}
                    <select name="status-filter" on:change=move |ev| status.set(event_target_value(&ev))
                        prop:value=move || status.get()>
                        <option value="">{move || t("fulfilments-any-status")}</option>
                        {FULFILMENT_STATUSES.map(|s| view! {
                            <option value=s.as_str()>{move || t(fulfilment_status_key(s))}</option>
                        })}
                    </select>
                </label>
                <LocationSelect name="location-filter" value=location locations
                    all="stock-all-locations" />
            </div>
            {listing(fulfilments, pager, "fulfilments stack",
                &["orders-number", "stock-location", "orders-status", "fulfilment-ship-by",
                  "fulfilment-deliver-by", "fulfilment-lateness", "fulfilment-title"],
                move |f: FulfilmentSummary| view! { <Row f locations /> })}
        </section>
    }
}

/// A late list's mark, or nothing when on time.
#[component]
pub fn LateMark(late: Option<Lateness>) -> impl IntoView {
    late.map(|late| {
        let (class, key) = match late {
            Lateness::LateToShip => ("badge late", "fulfilments-late_to_ship"),
            Lateness::LateInTransit => ("badge late", "fulfilments-late_in_transit"),
            Lateness::AtRisk => ("badge at-risk", "fulfilments-at_risk"),
        };
        view! { <span class=class>{move || t(key)}</span> }
    })
}

#[component]
fn Row(f: FulfilmentSummary, locations: Locations) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let late = lateness(&f, today());
    let day = move |d: Option<NaiveDate>| {
        move || {
            d.map(|d| format::date(d, locale()))
                .unwrap_or_else(|| "—".into())
        }
    };
    let location = f.location_id;
    view! {
        <tr class:late=late.is_some_and(|l| l != Lateness::AtRisk)>
            <td data-label=move || t("orders-number")><OrderLink order_id=f.order_id number=f.order_number /></td>
            <td data-label=move || t("stock-location")>{move || location_code(locations, location)}</td>
            <td data-label=move || t("orders-status")><FulfilmentBadge status=f.status /></td>
            <td data-label=move || t("fulfilment-ship-by")>{day(f.ship_by)}</td>
            <td data-label=move || t("fulfilment-deliver-by")>{day(f.deliver_by)}</td>
            <td data-label=move || t("fulfilment-lateness")>
                <LateMark late />
                {late.is_none().then_some("—")}
            </td>
            <td data-label=move || t("fulfilment-title")>
                <a href=format!("/logistics/fulfilments/{}", f.id) data-testid="open-fulfilment">
                    {move || t("fulfilment-open")}
                </a>
            </td>
        </tr>
    }
}
