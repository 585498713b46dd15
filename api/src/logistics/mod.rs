//! Logistics: carriers and their services, transit tables, and (to come) fulfilments,
//! shipments with tracking, promised dates and returns.

pub mod demo;
pub mod error;
pub mod handlers;
pub mod returns;
pub mod service;

use utoipa::OpenApi;

use crate::access::permission::Permission;
use crate::error::ApiError;
use crate::module::{Link, Module};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    conflict,
    links: LINKS,
    ..Module::new("logistics", routes, logistics_doc)
};

/// A created carrier's id to the routes that read, change or extend it; a created service's
/// to its own.
const LINKS: &[Link] = &[
    Link::new(
        "logistics.carrier.create",
        &[
            "logistics.carrier.get",
            "logistics.carrier.update",
            "logistics.service.create",
        ],
    ),
    Link::new(
        "logistics.service.create",
        &[
            "logistics.service.get",
            "logistics.service.update",
            "logistics.transit.get",
            "logistics.transit.put",
            "logistics.transit.import",
            "logistics.transit.export",
        ],
    ),
    // A requested return's id to the routes that read and move it.
    Link::new(
        "logistics.return.create",
        &[
            "logistics.return.get",
            "logistics.return.approve",
            "logistics.return.decline",
            "logistics.return.receive",
            "logistics.return.resolve",
        ],
    ),
];

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    use handlers::{carrier, handling, transit};
    routes
        .post(
            "/logistics/carriers",
            Needs(LogisticsManage),
            carrier::create_carrier,
        )
        .get(
            "/logistics/carriers",
            Needs(LogisticsRead),
            carrier::list_carriers,
        )
        .get(
            "/logistics/carriers/{id}",
            Needs(LogisticsRead),
            carrier::get_carrier,
        )
        .patch(
            "/logistics/carriers/{id}",
            Needs(LogisticsManage),
            carrier::update_carrier,
        )
        .post(
            "/logistics/carriers/{id}/services",
            Needs(LogisticsManage),
            carrier::add_service,
        )
        .get(
            "/logistics/services/{id}",
            Needs(LogisticsRead),
            carrier::get_service,
        )
        .patch(
            "/logistics/services/{id}",
            Needs(LogisticsManage),
            carrier::update_service,
        )
        .get(
            "/logistics/services/{id}/transit-times",
            Needs(LogisticsRead),
            transit::get_transit_table,
        )
        .put(
            "/logistics/services/{id}/transit-times",
            Needs(LogisticsManage),
            transit::put_transit_table,
        )
        .post(
            "/logistics/services/{id}/transit-times/import",
            Needs(LogisticsManage),
            transit::import_transit_table,
        )
        .get(
            "/logistics/services/{id}/transit-times/export",
            Needs(LogisticsRead),
            transit::export_transit_table,
        )
        .get(
            "/logistics/locations/{id}/handling",
            Needs(LogisticsRead),
            handling::get_handling,
        )
        .put(
            "/logistics/locations/{id}/handling",
            Needs(LogisticsManage),
            handling::put_handling,
        )
        .get(
            "/logistics/promise",
            Needs(LogisticsRead),
            transit::get_promise,
        )
        .get(
            "/logistics/transit-quote",
            Needs(LogisticsRead),
            transit::quote_transit,
        );
    returns::routes(routes);
}

/// The module's part of the document: its own paths and the returns'.
fn logistics_doc() -> utoipa::openapi::OpenApi {
    let mut doc = <Doc as OpenApi>::openapi();
    doc.merge(<returns::Doc as OpenApi>::openapi());
    doc
}

#[derive(OpenApi)]
#[openapi(paths(
    handlers::carrier::create_carrier,
    handlers::carrier::list_carriers,
    handlers::carrier::get_carrier,
    handlers::carrier::update_carrier,
    handlers::carrier::add_service,
    handlers::carrier::get_service,
    handlers::carrier::update_service,
    handlers::transit::get_transit_table,
    handlers::transit::put_transit_table,
    handlers::transit::import_transit_table,
    handlers::transit::export_transit_table,
    handlers::transit::quote_transit,
    handlers::transit::get_promise,
    handlers::handling::get_handling,
    handlers::handling::put_handling,
),
    tags((name = "logistics", description = "Carriers, their services, transit times and each location's handling time"))
)]
struct Doc;

/// The conflict each operation most often meets, for the document's examples.
fn conflict(operation_id: &str) -> Option<ApiError> {
    use error::LogisticsError;
    if let Some(conflict) = returns::conflict(operation_id) {
        return Some(conflict);
    }
    Some(match operation_id {
        "logistics.carrier.create" | "logistics.carrier.update" => {
            LogisticsError::CarrierNameTaken {
                name: "Correios".into(),
            }
            .into()
        }
        "logistics.service.create" => {
            LogisticsError::ServiceCodeTaken { code: "PAC".into() }.into()
        }
        _ => return None,
    })
}
