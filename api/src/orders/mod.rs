//! Orders: customers, orders and their lines, verification and holds, the state machine,
//! payments and refunds.

pub mod balance;
pub mod error;
pub mod handlers;
pub mod service;
pub mod state;
pub mod totals;
pub mod verification;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::{customer, order, payment, settings};
    cfg.service(
        web::resource("/customers")
            .post(customer::create_customer)
            .get(customer::list_customers),
    )
    .service(
        web::resource("/customers/{id}")
            .get(customer::get_customer)
            .patch(customer::update_customer),
    )
    .service(
        web::resource("/orders")
            .post(order::place_order)
            .get(order::list_orders),
    )
    // Before `/orders/{id}`, which would take "summary" for an id.
    .service(web::resource("/orders/summary").get(order::order_summary))
    .service(web::resource("/orders/{id}").get(order::get_order))
    .service(web::resource("/orders/{id}/transitions").post(order::transition_order))
    .service(web::resource("/orders/{id}/timeline").get(order::order_timeline))
    .service(
        web::resource("/orders/{id}/payments")
            .post(payment::record_payment)
            .get(payment::list_payments),
    )
    .service(web::resource("/orders/{id}/refunds").post(payment::refund_order))
    .service(
        web::resource("/order-settings")
            .get(settings::get_settings)
            .put(settings::put_settings),
    );
}
