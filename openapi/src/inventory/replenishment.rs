//! Reorder points and the replenishment suggestions they make.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

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
