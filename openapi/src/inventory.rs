//! Locations, stock levels, the movement ledger and reservations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::catalog::Status;
use crate::checks;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "lowercase")
)]
#[serde(rename_all = "lowercase")]
pub enum LocationKind {
    Warehouse,
    Store,
}

impl LocationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationKind::Warehouse => "warehouse",
            LocationKind::Store => "store",
        }
    }

    pub fn parse(text: &str) -> LocationKind {
        if text == "store" {
            LocationKind::Store
        } else {
            LocationKind::Warehouse
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LocationIn {
    #[validate(length(min = 1, max = 100))]
    #[schema(
        min_length = 1,
        max_length = 100,
        example = "Centro de distribuição São Paulo"
    )]
    pub name: String,
    /// Short and unique in the store, e.g. `CD-SP`.
    #[validate(length(min = 1, max = 20), custom(function = "checks::sku"))]
    #[schema(
        min_length = 1,
        max_length = 20,
        pattern = "^[A-Za-z0-9._/-]+$",
        example = "CD-SP"
    )]
    pub code: String,
    pub kind: LocationKind,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LocationPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000002",
    "name": "Centro de distribuição São Paulo",
    "code": "CD-SP",
    "kind": "warehouse",
    "status": "active",
    "version": 1,
    "created_at": "2026-09-01T12:05:00Z"
}))]
pub struct LocationOut {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub kind: LocationKind,
    pub status: Status,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

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

/// One SKU that is short: what was asked and what is available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Shortage {
    pub sku: String,
    pub requested: i64,
    pub available: i64,
}

/// A line of a new purchase order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PurchaseOrderLineIn {
    pub variant_id: Uuid,
    #[validate(custom(function = "checks::positive"), range(max = 1_000_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000_000)]
    pub quantity: i64,
    /// The supplier's price per unit; the supplier's listed cost for the variant (else the
    /// variant's cost) when absent.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "12.50")]
    pub unit_cost: Option<rust_decimal::Decimal>,
}

/// A new purchase order, created as a draft.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PurchaseOrderIn {
    pub supplier_id: Uuid,
    /// Where the goods will be received.
    pub location_id: Uuid,
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub note: Option<String>,
    #[validate(length(min = 1, max = 200), nested)]
    #[schema(min_items = 1, max_items = 200)]
    pub lines: Vec<PurchaseOrderLineIn>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PurchaseOrderLineOut {
    pub id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub quantity_ordered: i64,
    pub quantity_received: i64,
    #[schema(value_type = String)]
    pub unit_cost: rust_decimal::Decimal,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000005",
    "number": 12,
    "reference": "PO-12",
    "supplier_id": "0196f5a0-0000-7000-8000-000000000004",
    "location_id": "0196f5a0-0000-7000-8000-000000000002",
    "status": "sent",
    "note": "Reposição para a coleção de verão.",
    "lines": [
        {
            "id": "0196f5a0-0000-7000-8000-000000000015",
            "variant_id": "0196f5a0-0000-7000-8000-000000000001",
            "sku": "CAM-P",
            "quantity_ordered": 60,
            "quantity_received": 0,
            "unit_cost": "19.80"
        }
    ],
    "total_cost": "1188.00",
    "currency": "BRL",
    "sent_at": "2026-11-18T10:00:00Z",
    "version": 2,
    "created_at": "2026-11-17T17:25:00Z"
}))]
pub struct PurchaseOrderOut {
    pub id: Uuid,
    /// Gapless per store.
    pub number: i32,
    /// `PO-<number>`.
    pub reference: String,
    pub supplier_id: Uuid,
    pub location_id: Uuid,
    /// `draft`, `sent`, `partially_received`, `received` or `cancelled`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub lines: Vec<PurchaseOrderLineOut>,
    /// Sum of quantity ordered × unit cost.
    #[schema(value_type = String)]
    pub total_cost: rust_decimal::Decimal,
    pub currency: crate::tenancy::Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// Filters of `GET /inventory/purchase-orders`, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PurchaseOrderQuery {
    #[validate(length(min = 1, max = 40))]
    #[param(min_length = 1, max_length = 40)]
    pub status: Option<String>,
    pub supplier_id: Option<Uuid>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Units of one line that arrived.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReceiptLineIn {
    pub line_id: Uuid,
    #[validate(custom(function = "checks::positive"), range(max = 1_000_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000_000)]
    pub quantity: i64,
}

/// Receives some or all of a sent purchase order into its location.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReceiptIn {
    #[validate(length(min = 1, max = 200), nested)]
    #[schema(min_items = 1, max_items = 200)]
    pub lines: Vec<ReceiptLineIn>,
    #[serde(default)]
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

/// On-hand stock valued at average cost.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "currency": "BRL",
    "units": 42,
    "total": "894.60",
    "locations": [
        {
            "location_id": "0196f5a0-0000-7000-8000-000000000002",
            "location_code": "CD-SP",
            "units": 42,
            "value": "894.60"
        }
    ]
}))]
pub struct ValuationOut {
    pub currency: crate::tenancy::Currency,
    pub units: i64,
    /// Rounded half-even to the cent.
    #[schema(value_type = String)]
    pub total: rust_decimal::Decimal,
    pub locations: Vec<LocationValueOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LocationValueOut {
    pub location_id: Uuid,
    pub location_code: String,
    pub units: i64,
    #[schema(value_type = String)]
    pub value: rust_decimal::Decimal,
}

/// Counted quantities of many variants at one location; each difference becomes a movement.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CountIn {
    pub location_id: Uuid,
    #[validate(length(min = 1, max = 1000), nested)]
    #[schema(min_items = 1, max_items = 1000)]
    pub lines: Vec<CountLineIn>,
    #[serde(default)]
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CountLineIn {
    pub variant_id: Uuid,
    /// Units found on the shelf.
    #[validate(range(min = 0, max = 1_000_000_000))]
    #[schema(minimum = 0, maximum = 1_000_000_000)]
    pub counted: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "count_id": "0196f5a0-0000-7000-8000-000000000018",
    "lines": [
        {
            "variant_id": "0196f5a0-0000-7000-8000-000000000001",
            "sku": "CAM-P",
            "expected": 42,
            "counted": 40,
            "difference": -2
        }
    ]
}))]
pub struct CountOut {
    /// The reference of the count's movements.
    pub count_id: Uuid,
    pub lines: Vec<CountLineOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountLineOut {
    pub variant_id: Uuid,
    pub sku: String,
    pub expected: i64,
    pub counted: i64,
    pub difference: i64,
}

/// How many units of a variant a sales channel must leave unsold at each location.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BufferIn {
    pub channel_id: Uuid,
    pub variant_id: Uuid,
    #[validate(range(min = 0, max = 1_000_000))]
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub quantity: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "channel_id": "0196f5a0-0000-7000-8000-000000000006",
    "variant_id": "0196f5a0-0000-7000-8000-000000000001",
    "quantity": 3
}))]
pub struct BufferOut {
    pub channel_id: Uuid,
    pub variant_id: Uuid,
    pub quantity: i64,
}

/// Filters of `GET /inventory/availability`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    /// Only this channel's figures.
    pub channel_id: Option<Uuid>,
    pub variant_id: Option<Uuid>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// What can be sold of a variant, in all and per channel.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "variant_id": "0196f5a0-0000-7000-8000-000000000001",
    "sku": "CAM-P",
    "available": 36,
    "channels": [
        {
            "channel_id": "0196f5a0-0000-7000-8000-000000000006",
            "channel_name": "Mercado Livre",
            "buffer": 3,
            "sellable": 33
        }
    ]
}))]
pub struct AvailabilityOut {
    pub variant_id: Uuid,
    pub sku: String,
    /// Available at active locations (for a kit: kits its components make).
    pub available: i64,
    pub channels: Vec<ChannelAvailabilityOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChannelAvailabilityOut {
    pub channel_id: Uuid,
    pub channel_name: String,
    /// Units held back at each location.
    pub buffer: i64,
    /// What this channel may sell now.
    pub sellable: i64,
}

/// Sets when a level should be reordered, and how much by default.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReorderPatch {
    /// At or below this many available (with what is incoming), the level needs reordering.
    #[serde(default)]
    #[validate(range(min = 0, max = 1_000_000_000))]
    #[schema(minimum = 0, maximum = 1_000_000_000)]
    pub reorder_point: Option<i64>,
    /// What to order when there are no recent sales to go by.
    #[serde(default)]
    #[validate(range(min = 1, max = 1_000_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000_000)]
    pub reorder_quantity: Option<i64>,
}

/// What needs reordering, grouped by the supplier that sells it cheapest.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "groups": [
        {
            "supplier_id": "0196f5a0-0000-7000-8000-000000000004",
            "supplier_name": "Têxtil Nordeste Ltda",
            "lead_time_days": 12,
            "lines": [
                {
                    "variant_id": "0196f5a0-0000-7000-8000-000000000001",
                    "sku": "CAM-P",
                    "location_id": "0196f5a0-0000-7000-8000-000000000002",
                    "location_code": "CD-SP",
                    "available": 8,
                    "incoming": 0,
                    "reorder_point": 20,
                    "sold_last_30_days": 45,
                    "suggested_quantity": 30
                }
            ]
        }
    ]
}))]
pub struct ReplenishmentOut {
    pub groups: Vec<ReplenishmentGroupOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReplenishmentGroupOut {
    /// Absent for variants no supplier is linked to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier_name: Option<String>,
    pub lead_time_days: i32,
    pub lines: Vec<ReplenishmentLineOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReplenishmentLineOut {
    pub variant_id: Uuid,
    pub sku: String,
    pub location_id: Uuid,
    pub location_code: String,
    pub available: i64,
    pub incoming: i64,
    pub reorder_point: i64,
    /// Units sold here in the last 30 days.
    pub sold_last_30_days: i64,
    /// Sales over the lead time plus the reorder point as safety stock, less what is
    /// available and incoming; the reorder quantity when nothing sold.
    pub suggested_quantity: i64,
}

/// Turns one supplier's group into a draft purchase order for one location.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReplenishmentOrderIn {
    pub supplier_id: Uuid,
    pub location_id: Uuid,
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
