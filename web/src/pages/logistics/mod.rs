//! Logistics: carriers, their services and transit tables.

mod carrier;
mod carriers;
mod returns;

pub use carrier::CarrierDetail;
pub use carriers::Carriers;
pub use returns::{ReturnDetail, Returns};

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::logistics::CarrierKind;

use crate::pages::{Module, NavLink, group};

lazy_pages!(logistics:
    CarriersPage => Carriers,
    CarrierDetailPage => CarrierDetail,
    ReturnsPage => Returns,
    ReturnDetailPage => ReturnDetail,
);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/carriers",
        text: "nav-logistics",
        permission: Some(Permission::LogisticsRead),
    }),
    routes: || {
        group(
            view! {
                <Route path=path!("/carriers") view={Lazy::<CarriersPage>::new()} />
                <Route path=path!("/carriers/:id") view={Lazy::<CarrierDetailPage>::new()} />
                <Route path=path!("/rma") view={Lazy::<ReturnsPage>::new()} />
                <Route path=path!("/rma/:id") view={Lazy::<ReturnDetailPage>::new()} />
            }
            .into_inner(),
        )
    },
};

/// The key of a carrier kind's name.
fn kind_key(kind: CarrierKind) -> &'static str {
    match kind {
        CarrierKind::Postal => "carrier-kind-postal",
        CarrierKind::Courier => "carrier-kind-courier",
        CarrierKind::OwnFleet => "carrier-kind-own_fleet",
        CarrierKind::StorePickup => "carrier-kind-store_pickup",
    }
}
