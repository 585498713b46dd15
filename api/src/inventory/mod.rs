//! Inventory: locations, stock levels, the movement ledger, adjustments, transfers and
//! reservations that never oversell.

pub mod error;
pub mod handlers;
pub mod service;
pub mod sweep;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::{
        availability, import_export, location, purchase_order, replenishment, reservation, stock,
    };
    cfg.service(
        web::resource("/inventory/locations")
            .post(location::create_location)
            .get(location::list_locations),
    )
    .service(web::resource("/inventory/locations/{id}").patch(location::update_location))
    .service(web::resource("/inventory/levels").get(stock::list_levels))
    .service(web::resource("/inventory/levels/import").post(import_export::import_stock))
    .service(web::resource("/inventory/levels/export").get(import_export::export_stock))
    .service(web::resource("/inventory/levels/{id}").patch(replenishment::set_reorder))
    .service(web::resource("/inventory/replenishment").get(replenishment::list_replenishment))
    .service(
        web::resource("/inventory/replenishment/purchase-orders")
            .post(replenishment::order_replenishment),
    )
    .service(web::resource("/inventory/movements").get(stock::list_movements))
    .service(web::resource("/inventory/adjustments").post(stock::adjust_stock))
    .service(web::resource("/inventory/transfers").post(stock::transfer_stock))
    .service(web::resource("/inventory/unsellable").post(stock::move_unsellable))
    .service(web::resource("/inventory/counts").post(stock::count_stock))
    .service(web::resource("/inventory/buffers").put(availability::set_buffer))
    .service(web::resource("/inventory/availability").get(availability::list_availability))
    .service(web::resource("/inventory/valuation").get(stock::get_valuation))
    .service(
        web::resource("/inventory/purchase-orders")
            .post(purchase_order::create_purchase_order)
            .get(purchase_order::list_purchase_orders),
    )
    .service(
        web::resource("/inventory/purchase-orders/{id}").get(purchase_order::get_purchase_order),
    )
    .service(
        web::resource("/inventory/purchase-orders/{id}/send")
            .post(purchase_order::send_purchase_order),
    )
    .service(
        web::resource("/inventory/purchase-orders/{id}/receipts")
            .post(purchase_order::receive_purchase_order),
    )
    .service(
        web::resource("/inventory/purchase-orders/{id}/cancel")
            .post(purchase_order::cancel_purchase_order),
    )
    .service(web::resource("/inventory/reservations").post(reservation::create_reservation))
    .service(web::resource("/inventory/reservations/{id}").get(reservation::get_reservation))
    .service(
        web::resource("/inventory/reservations/{id}/release")
            .post(reservation::release_reservation),
    )
    .service(
        web::resource("/inventory/reservations/{id}/commit").post(reservation::commit_reservation),
    );
}
