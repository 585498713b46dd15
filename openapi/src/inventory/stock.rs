//! Stock levels, adjustments, transfers, unsellable units, the movement ledger and imports.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::checks;

/// The quantities of one variant at one location.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000014",
    "variant_id": "0196f5a0-0000-7000-8000-000000000001",
    "sku": "CAM-P",
    "location_id": "0196f5a0-0000-7000-8000-000000000002",
    "location_code": "CD-SP",
    "on_hand": 42,
    "reserved": 5,
    "unsellable": 1,
    "incoming": 60,
    "available": 36,
    "reorder_point": 20,
    "reorder_quantity": 60,
    "updated_at": "2026-11-20T14:03:11Z"
}))]
pub struct StockLevelOut {
    pub id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub location_id: Uuid,
    pub location_code: String,
    pub on_hand: i64,
    /// Held for orders not yet shipped.
    pub reserved: i64,
    /// Damaged or in quality control.
    pub unsellable: i64,
    /// On purchase orders sent and not yet received.
    pub incoming: i64,
    /// `on_hand - reserved - unsellable`: what can be sold now.
    pub available: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reorder_point: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reorder_quantity: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

/// Filters of `GET /inventory/levels`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StockLevelQuery {
    pub variant_id: Option<Uuid>,
    pub location_id: Option<Uuid>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Why stock was adjusted by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentReason {
    /// Stock that was there before the system counted it.
    Initial,
    Correction,
    Found,
    Loss,
    Theft,
    /// Damaged units leave the stock.
    Damage,
    Other,
}

impl AdjustmentReason {
    pub fn as_str(self) -> &'static str {
        match self {
            AdjustmentReason::Initial => "initial",
            AdjustmentReason::Correction => "correction",
            AdjustmentReason::Found => "found",
            AdjustmentReason::Loss => "loss",
            AdjustmentReason::Theft => "theft",
            AdjustmentReason::Damage => "damage",
            AdjustmentReason::Other => "other",
        }
    }
}

/// Adds units to (positive) or takes units from (negative) what is on hand.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentIn {
    pub variant_id: Uuid,
    pub location_id: Uuid,
    /// The change, e.g. `12` or `-3`; never below what is reserved and unsellable.
    #[validate(custom(function = "checks::non_zero"), range(min = -1_000_000_000, max = 1_000_000_000))]
    #[schema(minimum = -1_000_000_000, maximum = 1_000_000_000)]
    pub quantity: i64,
    pub reason: AdjustmentReason,
    #[serde(default)]
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

/// Moves units between two locations; both legs happen together or not at all.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TransferIn {
    pub variant_id: Uuid,
    pub from_location_id: Uuid,
    pub to_location_id: Uuid,
    #[validate(custom(function = "checks::positive"), range(max = 1_000_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000_000)]
    pub quantity: i64,
    #[serde(default)]
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

/// What a stock operation changed: the levels after it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "levels": [
        {
            "id": "0196f5a0-0000-7000-8000-000000000014",
            "variant_id": "0196f5a0-0000-7000-8000-000000000001",
            "sku": "CAM-P",
            "location_id": "0196f5a0-0000-7000-8000-000000000002",
            "location_code": "CD-SP",
            "on_hand": 42,
            "reserved": 5,
            "unsellable": 1,
            "incoming": 60,
            "available": 36,
            "reorder_point": 20,
            "reorder_quantity": 60,
            "updated_at": "2026-11-20T14:03:11Z"
        }
    ]
}))]
pub struct StockChangeOut {
    pub levels: Vec<StockLevelOut>,
}

/// One entry of the movement ledger: how much each quantity changed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-00000000000d",
    "variant_id": "0196f5a0-0000-7000-8000-000000000001",
    "sku": "CAM-P",
    "location_id": "0196f5a0-0000-7000-8000-000000000002",
    "location_code": "CD-SP",
    "kind": "adjustment",
    "on_hand_delta": 12,
    "reserved_delta": 0,
    "unsellable_delta": 0,
    "incoming_delta": 0,
    "reason": "found",
    "actor_type": "user",
    "actor_id": "0196f5a0-0000-7000-8000-00000000000b",
    "note": "Caixa encontrada no mezanino.",
    "created_at": "2026-11-20T14:03:11Z"
}))]
pub struct MovementOut {
    pub id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub location_id: Uuid,
    pub location_code: String,
    /// `adjustment`, `transfer_out`, `transfer_in`, `reservation`, `release`, `sale`, …
    pub kind: String,
    pub on_hand_delta: i64,
    pub reserved_delta: i64,
    pub unsellable_delta: i64,
    pub incoming_delta: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<Uuid>,
    pub actor_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Filters of `GET /inventory/movements`, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MovementQuery {
    pub variant_id: Option<Uuid>,
    pub location_id: Option<Uuid>,
    #[validate(length(min = 1, max = 40))]
    #[param(min_length = 1, max_length = 40)]
    pub kind: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// What a stock import did (or, in a dry run, would do).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"dry_run": true, "rows": 150, "changed": 37}))]
pub struct StockImportOut {
    pub dry_run: bool,
    pub rows: usize,
    /// Levels whose on hand changed.
    pub changed: usize,
}

/// What happens to units that cannot be sold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnsellableAction {
    /// Available units are found damaged (or go to quality control): they stop being sellable.
    Damage,
    /// Unsellable units are fine after all: they are available again.
    Restore,
    /// Unsellable units are thrown away: they leave on hand.
    Discard,
}

/// Moves units into, out of, or away from the unsellable quantity.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UnsellableIn {
    pub variant_id: Uuid,
    pub location_id: Uuid,
    pub action: UnsellableAction,
    #[validate(custom(function = "checks::positive"), range(max = 1_000_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000_000)]
    pub quantity: i64,
    #[serde(default)]
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}
