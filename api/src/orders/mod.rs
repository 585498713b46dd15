//! Orders: customers, orders and their lines, verification and holds, the state machine,
//! payments and refunds.

pub mod balance;
pub mod error;
pub mod handlers;
pub mod service;
pub mod state;
pub mod totals;
pub mod verification;
#[cfg(test)]
mod wire;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::error::ApiError;
use crate::module::{Link, Module};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    conflict,
    links: LINKS,
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("orders", routes, <Doc as OpenApi>::openapi)
};

/// Its rows of the permission table: each permission, whether an API key may hold it, and
/// the roles that have it.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[
        (CustomersRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
        (CustomersWrite, true, &[Owner, Admin, Manager, Staff]),
        (OrdersRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
        (OrdersWrite, true, &[Owner, Admin, Manager, Staff]),
        (PaymentsManage, true, &[Owner, Admin, Manager]),
    ]
};

/// A created customer or order's id, to the routes that read, change or act on it.
const LINKS: &[Link] = &[
    Link::new(
        "orders.customer.create",
        &["orders.customer.get", "orders.customer.update"],
    ),
    Link::new(
        "orders.order.place",
        &[
            "orders.order.get",
            "orders.order.timeline",
            "orders.order.transition",
            "orders.payment.list",
            "orders.payment.record",
            "orders.refund.create",
        ],
    ),
    Link::new(
        "orders.payment.record",
        &["orders.order.get", "orders.payment.list"],
    )
    .at("/order_id"),
];

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    use handlers::{customer, order, payment, settings};
    routes
        .post(
            "/customers",
            Needs(CustomersWrite),
            customer::create_customer,
        )
        .get("/customers", Needs(CustomersRead), customer::list_customers)
        .get(
            "/customers/{id}",
            Needs(CustomersRead),
            customer::get_customer,
        )
        .patch(
            "/customers/{id}",
            Needs(CustomersWrite),
            customer::update_customer,
        )
        .post("/orders", Needs(OrdersWrite), order::place_order)
        .get("/orders", Needs(OrdersRead), order::list_orders)
        .get("/orders/summary", Needs(OrdersRead), order::order_summary)
        .get("/orders/{id}", Needs(OrdersRead), order::get_order)
        .post(
            "/orders/{id}/transitions",
            Needs(OrdersWrite),
            order::transition_order,
        )
        .get(
            "/orders/{id}/timeline",
            Needs(OrdersRead),
            order::order_timeline,
        )
        .post(
            "/orders/{id}/payments",
            Needs(PaymentsManage),
            payment::record_payment,
        )
        .get(
            "/orders/{id}/payments",
            Needs(OrdersRead),
            payment::list_payments,
        )
        .post(
            "/orders/{id}/refunds",
            Needs(PaymentsManage),
            payment::refund_order,
        )
        .get("/order-settings", Needs(OrdersRead), settings::get_settings)
        .put(
            "/order-settings",
            Needs(TenantManage),
            settings::put_settings,
        );
}

#[derive(OpenApi)]
#[openapi(paths(
    handlers::customer::create_customer,
    handlers::customer::list_customers,
    handlers::customer::get_customer,
    handlers::customer::update_customer,
    handlers::order::place_order,
    handlers::order::list_orders,
    handlers::order::order_summary,
    handlers::order::get_order,
    handlers::order::transition_order,
    handlers::order::order_timeline,
    handlers::payment::record_payment,
    handlers::payment::list_payments,
    handlers::payment::refund_order,
    handlers::settings::get_settings,
    handlers::settings::put_settings,
),
    tags((name = "orders", description = "Customers, orders, verification, payments and refunds"))
)]
struct Doc;

/// The conflict each operation most often meets, for the document's examples.
fn conflict(operation_id: &str) -> Option<ApiError> {
    use error::OrderError;
    use openapi::orders::OrderStatus;
    use rust_decimal::Decimal;
    Some(match operation_id {
        "orders.order.place" => crate::inventory::insufficient_stock(),
        "orders.order.transition" => OrderError::IllegalTransition {
            from: OrderStatus::Shipped,
            to: OrderStatus::Cancelled,
            allowed: vec![OrderStatus::Delivered],
        }
        .into(),
        "orders.payment.record" => OrderError::Overpayment {
            amount: Decimal::new(15990, 2),
            due: Decimal::new(5990, 2),
        }
        .into(),
        "orders.refund.create" => OrderError::OverRefund {
            amount: Decimal::new(15990, 2),
            refundable: Decimal::new(5990, 2),
        }
        .into(),
        _ => return None,
    })
}
