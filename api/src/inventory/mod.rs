//! Inventory: locations, stock levels, the movement ledger, adjustments, transfers and
//! reservations that never oversell.

pub mod error;
pub mod handlers;
pub mod service;
pub mod sweep;
#[cfg(test)]
mod wire;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::error::ApiError;
use crate::module::{Link, Module};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    sweeps: |services| vec![Box::pin(sweep::run(services.db.clone()))],
    conflict,
    links: LINKS,
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("inventory", routes, <Doc as OpenApi>::openapi)
};

/// Its rows of the permission table: each permission, whether an API key may hold it, and
/// the roles that have it.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[
        (InventoryRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
        (StockMove, true, &[Owner, Admin, Manager, Staff]),
        (StockCount, true, &[Owner, Admin, Manager]),
        (Purchasing, true, &[Owner, Admin, Manager]),
        (LocationsManage, true, &[Owner, Admin]),
    ]
};

/// A created location, purchase order or reservation's id, and a changed level's, to the
/// routes that read, change or act on it.
const LINKS: &[Link] = &[
    Link::new("inventory.location.create", &["inventory.location.update"]),
    Link::new("inventory.purchase_order.create", PURCHASE_ORDER),
    Link::new("inventory.replenishment.order", PURCHASE_ORDER),
    Link::new(
        "inventory.reservation.create",
        &[
            "inventory.reservation.get",
            "inventory.reservation.commit",
            "inventory.reservation.release",
        ],
    ),
    Link::new("inventory.stock.adjust", &["inventory.level.set_reorder"]).at("/levels/0/id"),
    Link::new("inventory.stock.transfer", &["inventory.level.set_reorder"]).at("/levels/0/id"),
];

const PURCHASE_ORDER: &[&str] = &[
    "inventory.purchase_order.get",
    "inventory.purchase_order.send",
    "inventory.purchase_order.receive",
    "inventory.purchase_order.cancel",
];

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    use handlers::{
        availability, import_export, location, purchase_order, replenishment, reservation, stock,
    };
    routes
        .post(
            "/inventory/locations",
            Needs(LocationsManage),
            location::create_location,
        )
        .get(
            "/inventory/locations",
            Needs(InventoryRead),
            location::list_locations,
        )
        .patch(
            "/inventory/locations/{id}",
            Needs(LocationsManage),
            location::update_location,
        )
        .get(
            "/inventory/levels",
            Needs(InventoryRead),
            stock::list_levels,
        )
        .post(
            "/inventory/levels/import",
            Needs(StockCount),
            import_export::import_stock,
        )
        .get(
            "/inventory/levels/export",
            Needs(InventoryRead),
            import_export::export_stock,
        )
        .patch(
            "/inventory/levels/{id}",
            Needs(Purchasing),
            replenishment::set_reorder,
        )
        .get(
            "/inventory/replenishment",
            Needs(InventoryRead),
            replenishment::list_replenishment,
        )
        .post(
            "/inventory/replenishment/purchase-orders",
            Needs(Purchasing),
            replenishment::order_replenishment,
        )
        .get(
            "/inventory/movements",
            Needs(InventoryRead),
            stock::list_movements,
        )
        .post(
            "/inventory/adjustments",
            Needs(StockMove),
            stock::adjust_stock,
        )
        .post(
            "/inventory/transfers",
            Needs(StockMove),
            stock::transfer_stock,
        )
        .post(
            "/inventory/unsellable",
            Needs(StockMove),
            stock::move_unsellable,
        )
        .post("/inventory/counts", Needs(StockCount), stock::count_stock)
        .put(
            "/inventory/buffers",
            Needs(ChannelsManage),
            availability::set_buffer,
        )
        .get(
            "/inventory/availability",
            Needs(InventoryRead),
            availability::list_availability,
        )
        .get(
            "/inventory/valuation",
            Needs(InventoryRead),
            stock::get_valuation,
        )
        .post(
            "/inventory/purchase-orders",
            Needs(Purchasing),
            purchase_order::create_purchase_order,
        )
        .get(
            "/inventory/purchase-orders",
            Needs(InventoryRead),
            purchase_order::list_purchase_orders,
        )
        .get(
            "/inventory/purchase-orders/{id}",
            Needs(InventoryRead),
            purchase_order::get_purchase_order,
        )
        .post(
            "/inventory/purchase-orders/{id}/send",
            Needs(Purchasing),
            purchase_order::send_purchase_order,
        )
        .post(
            "/inventory/purchase-orders/{id}/receipts",
            Needs(StockMove),
            purchase_order::receive_purchase_order,
        )
        .post(
            "/inventory/purchase-orders/{id}/cancel",
            Needs(Purchasing),
            purchase_order::cancel_purchase_order,
        )
        .post(
            "/inventory/reservations",
            Needs(StockMove),
            reservation::create_reservation,
        )
        .get(
            "/inventory/reservations/{id}",
            Needs(InventoryRead),
            reservation::get_reservation,
        )
        .post(
            "/inventory/reservations/{id}/release",
            Needs(StockMove),
            reservation::release_reservation,
        )
        .post(
            "/inventory/reservations/{id}/commit",
            Needs(StockMove),
            reservation::commit_reservation,
        );
}

#[derive(OpenApi)]
#[openapi(paths(
    handlers::import_export::import_stock,
    handlers::import_export::export_stock,
    handlers::location::create_location,
    handlers::location::list_locations,
    handlers::location::update_location,
    handlers::stock::list_levels,
    handlers::stock::list_movements,
    handlers::stock::adjust_stock,
    handlers::stock::transfer_stock,
    handlers::reservation::create_reservation,
    handlers::reservation::get_reservation,
    handlers::reservation::release_reservation,
    handlers::reservation::commit_reservation,
    handlers::stock::count_stock,
    handlers::stock::move_unsellable,
    handlers::replenishment::set_reorder,
    handlers::replenishment::list_replenishment,
    handlers::replenishment::order_replenishment,
    handlers::availability::set_buffer,
    handlers::availability::list_availability,
    handlers::stock::get_valuation,
    handlers::purchase_order::create_purchase_order,
    handlers::purchase_order::list_purchase_orders,
    handlers::purchase_order::get_purchase_order,
    handlers::purchase_order::send_purchase_order,
    handlers::purchase_order::receive_purchase_order,
    handlers::purchase_order::cancel_purchase_order,
),
    tags((name = "inventory", description = "Locations, stock levels, the ledger, reservations"))
)]
struct Doc;

/// The conflict each operation most often meets, for the document's examples.
fn conflict(operation_id: &str) -> Option<ApiError> {
    use error::InventoryError;
    Some(match operation_id {
        "inventory.stock.adjust"
        | "inventory.stock.transfer"
        | "inventory.stock.unsellable"
        | "inventory.count.create"
        | "inventory.reservation.create" => insufficient_stock(),
        "inventory.location.create" => InventoryError::LocationCodeTaken {
            code: "CD-SP".into(),
        }
        .into(),
        "inventory.purchase_order.receive" => InventoryError::OverReceipt {
            sku: "CAM-P".into(),
            open: 10,
            received: 12,
        }
        .into(),
        "inventory.purchase_order.send" | "inventory.purchase_order.cancel" => {
            InventoryError::PurchaseOrderState {
                status: "received".into(),
                action: "cancelled".into(),
            }
            .into()
        }
        "inventory.replenishment.order" => InventoryError::NothingToReorder.into(),
        "inventory.purchase_order.create" => InventoryError::LocationArchived {
            code: "CD-SP".into(),
        }
        .into(),
        "inventory.reservation.commit" | "inventory.reservation.release" => {
            InventoryError::ReservationNotActive {
                status: "released".into(),
            }
            .into()
        }
        _ => return None,
    })
}

/// The conflict of asking for more stock than there is (placing an order meets it too).
pub fn insufficient_stock() -> ApiError {
    error::InventoryError::InsufficientStock {
        shortages: vec![openapi::inventory::Shortage {
            sku: "CAM-P".into(),
            requested: 3,
            available: 2,
        }],
    }
    .into()
}
