//! Shipments (packages handed to a carrier) and the carriers' tracking events.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::checks;

/// Where a shipment stands. `packed` until a carrier has it; the rest are the carriers'
/// statuses, which never move a shipment backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    Packed,
    Posted,
    InTransit,
    OutForDelivery,
    DeliveryFailed,
    Delivered,
    ReturnedToSender,
}

impl ShipmentStatus {
    /// How far along the way: an event of a lower rank than the shipment's is history only.
    /// A failed attempt and going out for delivery again share a rank (the later one wins);
    /// delivered and returned to sender are the end.
    pub fn rank(self) -> u8 {
        match self {
            ShipmentStatus::Packed => 0,
            ShipmentStatus::Posted => 1,
            ShipmentStatus::InTransit => 2,
            ShipmentStatus::OutForDelivery | ShipmentStatus::DeliveryFailed => 3,
            ShipmentStatus::Delivered | ShipmentStatus::ReturnedToSender => 4,
        }
    }

    pub fn is_final(self) -> bool {
        self.rank() == 4
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentStatus::Packed => "packed",
            ShipmentStatus::Posted => "posted",
            ShipmentStatus::InTransit => "in_transit",
            ShipmentStatus::OutForDelivery => "out_for_delivery",
            ShipmentStatus::DeliveryFailed => "delivery_failed",
            ShipmentStatus::Delivered => "delivered",
            ShipmentStatus::ReturnedToSender => "returned_to_sender",
        }
    }
}

/// What a carrier reports of a shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum TrackingStatus {
    Posted,
    InTransit,
    OutForDelivery,
    DeliveryFailed,
    Delivered,
    ReturnedToSender,
}

impl TrackingStatus {
    pub fn shipment_status(self) -> ShipmentStatus {
        match self {
            TrackingStatus::Posted => ShipmentStatus::Posted,
            TrackingStatus::InTransit => ShipmentStatus::InTransit,
            TrackingStatus::OutForDelivery => ShipmentStatus::OutForDelivery,
            TrackingStatus::DeliveryFailed => ShipmentStatus::DeliveryFailed,
            TrackingStatus::Delivered => ShipmentStatus::Delivered,
            TrackingStatus::ReturnedToSender => ShipmentStatus::ReturnedToSender,
        }
    }
}

/// One entry of a shipment's tracking history.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrackingEventOut {
    pub carrier_event_id: String,
    pub status: TrackingStatus,
    pub occurred_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A package of a fulfilment, and where it is.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000041",
    "fulfilment_id": "0196f5a0-0000-7000-8000-000000000031",
    "status": "in_transit",
    "weight_grams": 850, "length_mm": 300, "width_mm": 200, "height_mm": 100,
    "service_id": "0196f5a0-0000-7000-8000-000000000021",
    "tracking_code": "AA123456789BR",
    "tracking_url": "https://rastreamento.correios.com.br/app/index.php?objeto=AA123456789BR",
    "cost": "23.50",
    "failed_attempts": 0,
    "posted_at": "2026-11-23T14:00:00Z",
    "events": []
}))]
pub struct ShipmentOut {
    pub id: Uuid,
    pub fulfilment_id: Uuid,
    pub status: ShipmentStatus,
    pub weight_grams: i32,
    pub length_mm: i32,
    pub width_mm: i32,
    pub height_mm: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_code: Option<String>,
    /// The carrier's tracking page for this code, from its template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub cost: Option<Decimal>,
    pub failed_attempts: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<DateTime<Utc>>,
    /// Oldest first.
    pub events: Vec<TrackingEventOut>,
}

/// A carrier's event, as its integration sends it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TrackingEventIn {
    #[validate(length(min = 4, max = 60), custom(function = "checks::tracking_code"))]
    #[schema(
        min_length = 4,
        max_length = 60,
        pattern = "^[A-Za-z0-9-]+$",
        example = "AA123456789BR"
    )]
    pub tracking_code: String,
    /// The carrier's own id of the event: sending it again changes nothing.
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120, example = "evt-000123")]
    pub carrier_event_id: String,
    pub status: TrackingStatus,
    pub occurred_at: DateTime<Utc>,
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "CTE Cajamar - SP")]
    pub place: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub description: Option<String>,
}

/// A batch of carrier events.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TrackingEventsIn {
    #[validate(length(min = 1, max = 500), nested)]
    #[schema(min_items = 1, max_items = 500)]
    pub events: Vec<TrackingEventIn>,
}

/// What a tracking file import did (or, as a dry run, would do).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "dry_run": false, "rows": 3, "recorded": 2, "repeated": 1 }))]
pub struct TrackingImportOut {
    pub dry_run: bool,
    pub rows: usize,
    /// Events new to the history.
    pub recorded: usize,
    /// Events sent before, which changed nothing.
    pub repeated: usize,
}

/// What became of one event of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrackingOutcome {
    /// New: kept in the history (and the shipment moved, if it was further along).
    Recorded,
    /// Sent before: nothing changed.
    Repeated,
    /// No shipment of the store has this tracking code.
    UnknownTrackingCode,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrackingResult {
    pub tracking_code: String,
    pub carrier_event_id: String,
    pub outcome: TrackingOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment_id: Option<Uuid>,
    /// The shipment's status after the batch's events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment_status: Option<ShipmentStatus>,
}

/// Each event's outcome, in the order sent.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "results": [
    { "tracking_code": "AA123456789BR", "carrier_event_id": "evt-000123", "outcome": "recorded",
      "shipment_id": "0196f5a0-0000-7000-8000-000000000041", "shipment_status": "in_transit" },
    { "tracking_code": "AA123456789BR", "carrier_event_id": "evt-000122", "outcome": "repeated",
      "shipment_id": "0196f5a0-0000-7000-8000-000000000041", "shipment_status": "in_transit" }
] }))]
pub struct TrackingEventsOut {
    pub results: Vec<TrackingResult>,
}
