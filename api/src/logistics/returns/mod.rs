//! Returns (RMA, reverse logistics): the store's return rules, a return's way from requested
//! to resolved, return rates, and the customer's signed link (`public.rs`).

pub mod demo;
pub mod error;
pub mod handlers;
pub mod public;
pub mod service;

use utoipa::OpenApi;

use crate::access::permission::Permission;
use crate::error::ApiError;
use crate::routes::{Access, Routes};

pub fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    use handlers::{returns, settings};
    routes
        .get(
            "/logistics/return-settings",
            Needs(LogisticsRead),
            settings::get_return_settings,
        )
        .put(
            "/logistics/return-settings",
            Needs(LogisticsManage),
            settings::put_return_settings,
        )
        .post(
            "/logistics/returns",
            Needs(LogisticsFulfil),
            returns::create_return,
        )
        .get(
            "/logistics/returns",
            Needs(LogisticsRead),
            returns::list_returns,
        )
        .get(
            "/logistics/returns/rates",
            Needs(LogisticsRead),
            settings::return_rates,
        )
        .get(
            "/logistics/returns/{id}",
            Needs(LogisticsRead),
            returns::get_return,
        )
        .post(
            "/logistics/returns/{id}/approve",
            Needs(LogisticsManage),
            returns::approve_return,
        )
        .post(
            "/logistics/returns/{id}/decline",
            Needs(LogisticsManage),
            returns::decline_return,
        )
        .post(
            "/logistics/returns/{id}/receive",
            Needs(LogisticsFulfil),
            returns::receive_return,
        )
        .post(
            "/logistics/returns/{id}/resolve",
            Needs(LogisticsManage),
            returns::resolve_return,
        );
}

#[derive(OpenApi)]
#[openapi(paths(
    handlers::settings::get_return_settings,
    handlers::settings::put_return_settings,
    handlers::settings::return_rates,
    handlers::returns::create_return,
    handlers::returns::list_returns,
    handlers::returns::get_return,
    handlers::returns::approve_return,
    handlers::returns::decline_return,
    handlers::returns::receive_return,
    handlers::returns::resolve_return,
))]
pub struct Doc;

/// The conflict each return operation most often meets, for the document's examples.
pub fn conflict(operation_id: &str) -> Option<ApiError> {
    use error::ReturnError;
    use openapi::logistics::ReturnStatus;
    let (status, action) = match operation_id {
        "logistics.return.create" => {
            return Some(
                ReturnError::NotDelivered {
                    status: openapi::orders::OrderStatus::Shipped,
                }
                .into(),
            );
        }
        "logistics.return.approve" | "logistics.return.decline" => {
            (ReturnStatus::Declined, "approved")
        }
        "logistics.return.receive" => (ReturnStatus::Requested, "received"),
        "logistics.return.resolve" => (ReturnStatus::Approved, "resolved"),
        _ => return None,
    };
    Some(ReturnError::WrongState { status, action }.into())
}
