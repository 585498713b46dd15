//! Fulfilments: what one location sends of a paid order, picked, packed into shipments and
//! shipped; and the pick list of a location.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::checks;

use super::ShipmentOut;

/// Where a fulfilment stands: `pending → picking → packed → shipped → delivered`, or
/// `cancelled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum FulfilmentStatus {
    Pending,
    Picking,
    Packed,
    Shipped,
    Delivered,
    Cancelled,
}

impl FulfilmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FulfilmentStatus::Pending => "pending",
            FulfilmentStatus::Picking => "picking",
            FulfilmentStatus::Packed => "packed",
            FulfilmentStatus::Shipped => "shipped",
            FulfilmentStatus::Delivered => "delivered",
            FulfilmentStatus::Cancelled => "cancelled",
        }
    }
}

/// Which late list: not shipped by its ship-by date, not delivered by its promise, or due to
/// ship today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lateness {
    LateToShip,
    LateInTransit,
    AtRisk,
}

/// Filters of `GET /logistics/fulfilments`: oldest promise first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FulfilmentQuery {
    pub status: Option<FulfilmentStatus>,
    pub location_id: Option<Uuid>,
    pub order_id: Option<Uuid>,
    pub late: Option<Lateness>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FulfilmentLineOut {
    pub order_line_id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i64,
}

/// A fulfilment in a list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000031",
    "order_id": "0196f5a0-0000-7000-8000-000000000009",
    "order_number": 1001,
    "location_id": "0196f5a0-0000-7000-8000-000000000004",
    "status": "pending",
    "service_id": "0196f5a0-0000-7000-8000-000000000021",
    "ship_by": "2026-11-23",
    "deliver_by": "2026-11-25",
    "version": 1,
    "created_at": "2026-11-19T13:00:00Z"
}))]
pub struct FulfilmentSummary {
    pub id: Uuid,
    pub order_id: Uuid,
    pub order_number: i64,
    pub location_id: Uuid,
    pub status: FulfilmentStatus,
    /// The service the customer chose; absent when the order named none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<Uuid>,
    /// The day it must have shipped; absent when no promise could be made (no service, or no
    /// transit time to the address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_by: Option<NaiveDate>,
    /// The promised delivery day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliver_by: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// A fulfilment with its lines, shipments and the time of each step.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000031",
    "order_id": "0196f5a0-0000-7000-8000-000000000009",
    "order_number": 1001,
    "location_id": "0196f5a0-0000-7000-8000-000000000004",
    "status": "packed",
    "service_id": "0196f5a0-0000-7000-8000-000000000021",
    "ship_by": "2026-11-23",
    "deliver_by": "2026-11-25",
    "version": 3,
    "created_at": "2026-11-19T13:00:00Z",
    "lines": [{
        "order_line_id": "0196f5a0-0000-7000-8000-00000000000a",
        "variant_id": "0196f5a0-0000-7000-8000-000000000001",
        "sku": "CAMISA-AZ-M", "name": "Camiseta básica — Azul / M", "quantity": 2
    }],
    "shipments": [{
        "id": "0196f5a0-0000-7000-8000-000000000041",
        "fulfilment_id": "0196f5a0-0000-7000-8000-000000000031",
        "status": "packed",
        "weight_grams": 850, "length_mm": 300, "width_mm": 200, "height_mm": 100,
        "service_id": "0196f5a0-0000-7000-8000-000000000021",
        "failed_attempts": 0,
        "events": []
    }],
    "picked_at": "2026-11-20T09:10:00Z",
    "packed_at": "2026-11-20T09:40:00Z"
}))]
pub struct FulfilmentOut {
    #[serde(flatten)]
    pub summary: FulfilmentSummary,
    pub lines: Vec<FulfilmentLineOut>,
    pub shipments: Vec<ShipmentOut>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picked_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packed_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// A package: its weight and outer dimensions.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PackageIn {
    #[validate(range(min = 1, max = 1_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000, example = 850)]
    pub weight_grams: i32,
    #[validate(range(min = 1, max = 10_000))]
    #[schema(minimum = 1, maximum = 10_000, example = 300)]
    pub length_mm: i32,
    #[validate(range(min = 1, max = 10_000))]
    #[schema(minimum = 1, maximum = 10_000, example = 200)]
    pub width_mm: i32,
    #[validate(range(min = 1, max = 10_000))]
    #[schema(minimum = 1, maximum = 10_000, example = 100)]
    pub height_mm: i32,
}

/// Packs a picked fulfilment into one or more packages (each becomes a shipment).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PackIn {
    #[validate(length(min = 1, max = 50), nested)]
    #[schema(min_items = 1, max_items = 50)]
    pub packages: Vec<PackageIn>,
}

/// Hands a package to a carrier: the service, its tracking code and what it cost.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ShipIn {
    /// The carrier's service; the fulfilment's (the customer's choice) when absent.
    #[serde(default)]
    pub service_id: Option<Uuid>,
    /// Letters, digits and `-`, as carriers print them (`AA123456789BR`).
    #[validate(length(min = 4, max = 60), custom(function = "checks::tracking_code"))]
    #[schema(
        min_length = 4,
        max_length = 60,
        pattern = "^[A-Za-z0-9-]+$",
        example = "AA123456789BR"
    )]
    pub tracking_code: String,
    /// What the carrier charged, in the store's currency.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "23.50")]
    pub cost: Option<Decimal>,
}

/// Cancels a fulfilment that has not shipped.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CancelFulfilmentIn {
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
}

/// `GET /logistics/pick-list`: a location's lines to pick.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PickListQuery {
    pub location_id: Uuid,
}

/// An order's share of a pick-list line.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PickOrder {
    pub fulfilment_id: Uuid,
    pub order_id: Uuid,
    pub order_number: i64,
    pub quantity: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_by: Option<NaiveDate>,
}

/// One SKU to pick: how many in all, and for which orders.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PickItem {
    pub variant_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i64,
    /// The earliest ship-by date among its orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_by: Option<NaiveDate>,
    pub orders: Vec<PickOrder>,
}

/// A location's pick list: what its pending and picking fulfilments hold, grouped by SKU,
/// oldest promise first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "location_id": "0196f5a0-0000-7000-8000-000000000004",
    "date": "2026-11-20",
    "items": [{
        "variant_id": "0196f5a0-0000-7000-8000-000000000001",
        "sku": "CAMISA-AZ-M", "name": "Camiseta básica — Azul / M", "quantity": 3,
        "ship_by": "2026-11-23",
        "orders": [
            { "fulfilment_id": "0196f5a0-0000-7000-8000-000000000031",
              "order_id": "0196f5a0-0000-7000-8000-000000000009",
              "order_number": 1001, "quantity": 2, "ship_by": "2026-11-23" },
            { "fulfilment_id": "0196f5a0-0000-7000-8000-000000000032",
              "order_id": "0196f5a0-0000-7000-8000-00000000000c",
              "order_number": 1002, "quantity": 1, "ship_by": "2026-11-24" }
        ]
    }]
}))]
pub struct PickListOut {
    pub location_id: Uuid,
    /// Today in the store's time zone.
    pub date: NaiveDate,
    pub items: Vec<PickItem>,
}

/// How many fulfilments are in each late list (the dashboard's counts).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "late_to_ship": 2, "late_in_transit": 1, "at_risk": 4 }))]
pub struct LateCounts {
    pub late_to_ship: u64,
    pub late_in_transit: u64,
    pub at_risk: u64,
}
