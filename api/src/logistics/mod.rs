//! Logistics: carriers and their services, transit tables, and (to come) fulfilments,
//! shipments with tracking, promised dates and returns.

pub mod demo;
pub mod error;
pub mod events;
pub mod handlers;
pub mod returns;
pub mod service;
#[cfg(test)]
mod wire;

use std::sync::Arc;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::error::ApiError;
use crate::module::{Link, Module};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    conflict,
    links: LINKS,
    event_handlers: |_| Ok(vec![Arc::new(events::LogisticsEvents)]),
    sweeps: |services| {
        vec![Box::pin(service::fulfilment::late::run(
            services.db.clone(),
        ))]
    },
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("logistics", routes, logistics_doc)
};

/// Its rows of the permission table: each permission, whether an API key may hold it, and
/// the roles that have it.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[
        (LogisticsRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
        (LogisticsManage, true, &[Owner, Admin, Manager]),
        (LogisticsFulfil, true, &[Owner, Admin, Manager, Staff]),
        (LogisticsTrack, true, &[Owner, Admin, Manager, Staff]),
    ]
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
    use handlers::{carrier, fulfilment, handling, shipment, transit};
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
        )
        .get(
            "/logistics/fulfilments",
            Needs(LogisticsRead),
            fulfilment::list_fulfilments,
        )
        .get(
            "/logistics/fulfilments/{id}",
            Needs(LogisticsRead),
            fulfilment::get_fulfilment,
        )
        .post(
            "/logistics/fulfilments/{id}/pick",
            Needs(LogisticsFulfil),
            fulfilment::pick,
        )
        .post(
            "/logistics/fulfilments/{id}/pack",
            Needs(LogisticsFulfil),
            fulfilment::pack,
        )
        .post(
            "/logistics/fulfilments/{id}/cancel",
            Needs(LogisticsFulfil),
            fulfilment::cancel,
        )
        .get(
            "/logistics/shipments/{id}",
            Needs(LogisticsRead),
            shipment::get_shipment,
        )
        .post(
            "/logistics/shipments/{id}/ship",
            Needs(LogisticsFulfil),
            shipment::ship,
        )
        .get(
            "/logistics/pick-list",
            Needs(LogisticsRead),
            fulfilment::get_pick_list,
        )
        .get(
            "/logistics/late-counts",
            Needs(LogisticsRead),
            fulfilment::late_counts,
        )
        .get(
            "/logistics/scorecard",
            Needs(LogisticsRead),
            shipment::get_scorecard,
        )
        .get(
            "/logistics/scorecard/export",
            Needs(LogisticsRead),
            shipment::export_scorecard,
        )
        .post(
            "/logistics/tracking-events",
            Needs(LogisticsTrack),
            shipment::record_tracking,
        )
        .post(
            "/logistics/tracking-events/import",
            Needs(LogisticsTrack),
            shipment::import_tracking,
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
    handlers::fulfilment::list_fulfilments,
    handlers::fulfilment::get_fulfilment,
    handlers::fulfilment::pick,
    handlers::fulfilment::pack,
    handlers::fulfilment::cancel,
    handlers::shipment::get_shipment,
    handlers::shipment::ship,
    handlers::fulfilment::get_pick_list,
    handlers::fulfilment::late_counts,
    handlers::shipment::record_tracking,
    handlers::shipment::import_tracking,
    handlers::shipment::get_scorecard,
    handlers::shipment::export_scorecard,
),
    tags((name = "logistics", description = "Carriers, their services, transit times and each location's handling time; fulfilments of paid orders, their shipments and carriers' tracking"))
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
        "logistics.fulfilment.pick"
        | "logistics.fulfilment.pack"
        | "logistics.fulfilment.cancel" => LogisticsError::FulfilmentState {
            status: openapi::logistics::FulfilmentStatus::Shipped,
            expected: openapi::logistics::FulfilmentStatus::Pending,
        }
        .into(),
        "logistics.shipment.ship" => LogisticsError::TrackingCodeTaken {
            code: "AA123456789BR".into(),
        }
        .into(),
        _ => return None,
    })
}
