//! Logistics: fulfilments (the late lists, each one's steps, shipments and tracking), the pick
//! list of a location, carriers with their services and transit tables, the carrier
//! scorecard, and returns (RMA) with their receiving and resolution.

mod carrier;
mod carriers;
mod fulfilment;
mod fulfilments;
mod pick_list;
mod returns;
mod scorecard;
mod steps;

pub use carrier::CarrierDetail;
pub use carriers::Carriers;
pub use fulfilment::FulfilmentDetail;
pub use fulfilments::Fulfilments;
pub use pick_list::PickList;
pub use returns::{ReturnDetail, Returns};
pub use scorecard::Scorecard;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::logistics::{CarrierKind, FulfilmentStatus, ShipmentStatus, TrackingStatus};

use crate::pages::{Module, NavLink, group};

lazy_pages!(logistics:
    FulfilmentsPage => Fulfilments,
    FulfilmentDetailPage => FulfilmentDetail,
    PickListPage => PickList,
    CarriersPage => Carriers,
    CarrierDetailPage => CarrierDetail,
    ScorecardPage => Scorecard,
    ReturnsPage => Returns,
    ReturnDetailPage => ReturnDetail,
);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/logistics/fulfilments",
        text: "nav-logistics",
        permission: Some(Permission::LogisticsRead),
    }),
    routes: || {
        group(
            view! {
                <Route path=path!("/logistics/fulfilments") view={Lazy::<FulfilmentsPage>::new()} />
                <Route path=path!("/logistics/fulfilments/:id") view={Lazy::<FulfilmentDetailPage>::new()} />
                <Route path=path!("/logistics/pick-list") view={Lazy::<PickListPage>::new()} />
                <Route path=path!("/logistics/scorecard") view={Lazy::<ScorecardPage>::new()} />
                <Route path=path!("/carriers") view={Lazy::<CarriersPage>::new()} />
                <Route path=path!("/carriers/:id") view={Lazy::<CarrierDetailPage>::new()} />
                <Route path=path!("/rma") view={Lazy::<ReturnsPage>::new()} />
                <Route path=path!("/rma/:id") view={Lazy::<ReturnDetailPage>::new()} />
            }
            .into_inner(),
        )
    },
};

/// The tabs of every logistics page.
pub const LOGISTICS_TABS: &[(&str, &str)] = &[
    ("/logistics/fulfilments", "fulfilments-title"),
    ("/logistics/pick-list", "pick-list-title"),
    ("/carriers", "carriers-title"),
    ("/logistics/scorecard", "scorecard-title"),
    ("/rma", "returns-title"),
];

/// The key of a carrier kind's name.
fn kind_key(kind: CarrierKind) -> &'static str {
    match kind {
        CarrierKind::Postal => "carrier-kind-postal",
        CarrierKind::Courier => "carrier-kind-courier",
        CarrierKind::OwnFleet => "carrier-kind-own_fleet",
        CarrierKind::StorePickup => "carrier-kind-store_pickup",
    }
}

/// Every fulfilment status, in the order of the way.
const FULFILMENT_STATUSES: [FulfilmentStatus; 6] = [
    FulfilmentStatus::Pending,
    FulfilmentStatus::Picking,
    FulfilmentStatus::Packed,
    FulfilmentStatus::Shipped,
    FulfilmentStatus::Delivered,
    FulfilmentStatus::Cancelled,
];

fn fulfilment_status_key(status: FulfilmentStatus) -> &'static str {
    match status {
        FulfilmentStatus::Pending => "fulfilment-status-pending",
        FulfilmentStatus::Picking => "fulfilment-status-picking",
        FulfilmentStatus::Packed => "fulfilment-status-packed",
        FulfilmentStatus::Shipped => "fulfilment-status-shipped",
        FulfilmentStatus::Delivered => "fulfilment-status-delivered",
        FulfilmentStatus::Cancelled => "fulfilment-status-cancelled",
    }
}

fn shipment_status_key(status: ShipmentStatus) -> &'static str {
    match status {
        ShipmentStatus::Packed => "shipment-status-packed",
        ShipmentStatus::Posted => "shipment-status-posted",
        ShipmentStatus::InTransit => "shipment-status-in_transit",
        ShipmentStatus::OutForDelivery => "shipment-status-out_for_delivery",
        ShipmentStatus::DeliveryFailed => "shipment-status-delivery_failed",
        ShipmentStatus::Delivered => "shipment-status-delivered",
        ShipmentStatus::ReturnedToSender => "shipment-status-returned_to_sender",
    }
}

fn tracking_status_key(status: TrackingStatus) -> &'static str {
    shipment_status_key(status.shipment_status())
}

/// A fulfilment's status as a badge.
#[component]
fn FulfilmentBadge(status: FulfilmentStatus) -> impl IntoView {
    view! {
        <span class=format!("badge badge-{}", status.as_str())>
            {move || crate::i18n::t(fulfilment_status_key(status))}
        </span>
    }
}

/// The order's number as the orders pages show it, linking to the order.
#[component]
fn OrderLink(order_id: uuid::Uuid, number: i64) -> impl IntoView {
    view! { <a href=format!("/orders/{order_id}")>{format!("#{number}")}</a> }
}
