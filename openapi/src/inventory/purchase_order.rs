//! Purchase orders and their receipts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::checks;

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
