//! Stock counts and valuation.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

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
