//! Purchasing: suppliers, purchase orders with receiving, and replenishment.

mod purchase_order;
mod purchase_orders;
mod replenishment;
mod suppliers;

pub use purchase_order::PurchaseOrderDetail;
pub use purchase_orders::PurchaseOrders;
pub use replenishment::Replenishment;
pub use suppliers::Suppliers;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::catalog::SupplierOut;
use openapi::inventory::LocationOut;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::pages::{Module, NavLink, group};
use crate::session::Session;

lazy_pages!(purchasing:
    PurchaseOrdersPage => PurchaseOrders,
    PurchaseOrderDetailPage => PurchaseOrderDetail,
    SuppliersPage => Suppliers,
    ReplenishmentPage => Replenishment,
);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/purchase-orders",
        text: "nav-purchasing",
        permission: None,
    }),
    routes: || {
        group(view! {
            <Route path=path!("/purchase-orders") view={Lazy::<PurchaseOrdersPage>::new()} />
            <Route path=path!("/purchase-orders/:id") view={Lazy::<PurchaseOrderDetailPage>::new()} />
            <Route path=path!("/suppliers") view={Lazy::<SuppliersPage>::new()} />
            <Route path=path!("/stock/replenishment") view={Lazy::<ReplenishmentPage>::new()} />
        }.into_inner())
    },
};

/// The tab bar of the purchasing pages.
const TABS: &[(&str, &str)] = &[
    ("/purchase-orders", "purchase-orders-title"),
    ("/suppliers", "suppliers-title"),
];

type Loaded<T> = LocalResource<Result<Vec<T>, ApiError>>;

/// The store's suppliers (the first 200, by name), for names and choices.
fn suppliers(session: Session) -> Loaded<SupplierOut> {
    LocalResource::new(move || api::catalog::all_suppliers(session))
}

/// The store's locations (the first 200), for names and choices.
fn locations(session: Session) -> Loaded<LocationOut> {
    LocalResource::new(move || api::inventory::locations(session))
}

/// The items of a loaded list, or none while it loads or when it failed.
fn items<T: Clone + 'static>(list: Loaded<T>) -> Vec<T> {
    list.get().and_then(Result::ok).unwrap_or_default()
}

/// The first item of a loaded list that `pick` turns into something.
fn find<T: 'static, R>(list: Loaded<T>, pick: impl Fn(&T) -> Option<R>) -> Option<R> {
    list.with(|answer| {
        answer
            .as_ref()
            .and_then(|answer| answer.as_ref().ok())
            .and_then(|items| items.iter().find_map(pick))
    })
}

fn supplier_name(list: Loaded<SupplierOut>, id: Uuid) -> String {
    find(list, |s| (s.id == id).then(|| s.name.clone())).unwrap_or_default()
}

fn location_name(list: Loaded<LocationOut>, id: Uuid) -> String {
    find(list, |l| {
        (l.id == id).then(|| format!("{} ({})", l.name, l.code))
    })
    .unwrap_or_default()
}
