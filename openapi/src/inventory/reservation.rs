//! Reservations: units held for an order, and what is short.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::checks;

/// Holds units of a variant, at a location or (when absent) wherever most are available.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReservationIn {
    pub variant_id: Uuid,
    #[serde(default)]
    pub location_id: Option<Uuid>,
    #[validate(custom(function = "checks::positive"), range(max = 1_000_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000_000)]
    pub quantity: i64,
    /// The channel selling these units: its buffer for the variant is left unsold.
    #[serde(default)]
    pub channel_id: Option<Uuid>,
    /// When the hold lapses by itself (a background sweep releases it).
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// What the hold is for, e.g. `order`.
    #[serde(default)]
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub reference_type: Option<String>,
    #[serde(default)]
    pub reference_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-00000000000c",
    "variant_id": "0196f5a0-0000-7000-8000-000000000001",
    "location_id": "0196f5a0-0000-7000-8000-000000000002",
    "quantity": 2,
    "status": "active",
    "expires_at": "2026-11-23T14:03:11Z",
    "reference_type": "order",
    "reference_id": "0196f5a0-0000-7000-8000-000000000009",
    "created_at": "2026-11-20T14:03:11Z",
    "updated_at": "2026-11-20T14:03:11Z"
}))]
pub struct ReservationOut {
    pub id: Uuid,
    pub variant_id: Uuid,
    pub location_id: Uuid,
    pub quantity: i64,
    /// `active`, `released`, `expired` or `committed`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One SKU that is short: what was asked and what is available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Shortage {
    pub sku: String,
    pub requested: i64,
    pub available: i64,
}
