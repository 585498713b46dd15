//! Variants (one SKU each) and the components of a kit.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::Status;
use crate::checks;
use crate::tenancy::Currency;

/// A variant of a product: one SKU.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct VariantIn {
    /// Unique in the store.
    #[validate(length(min = 1, max = 64), custom(function = "checks::sku"))]
    #[schema(
        min_length = 1,
        max_length = 64,
        pattern = "^[A-Za-z0-9._/-]+$",
        example = "CAMISETA-AZUL-M"
    )]
    pub sku: String,
    /// GTIN/EAN with a valid check digit.
    #[serde(default)]
    #[validate(custom(function = "checks::gtin"))]
    #[schema(pattern = "^([0-9]{8}|[0-9]{12,14})$", example = "7891234567895")]
    pub barcode: Option<String>,
    /// e.g. `{"size": "M", "colour": "azul"}`.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// In the store's currency, as a string: `"59.90"`.
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = String, example = "59.90")]
    pub price: Decimal,
    /// What a unit costs the store; 0 when absent.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "21.30")]
    pub cost: Option<Decimal>,
    #[serde(default)]
    #[validate(range(min = 0, max = 1_000_000))]
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub weight_grams: Option<i32>,
    #[serde(default)]
    #[validate(range(min = 0, max = 100_000))]
    #[schema(minimum = 0, maximum = 100_000)]
    pub length_mm: Option<i32>,
    #[serde(default)]
    #[validate(range(min = 0, max = 100_000))]
    #[schema(minimum = 0, maximum = 100_000)]
    pub width_mm: Option<i32>,
    #[serde(default)]
    #[validate(range(min = 0, max = 100_000))]
    #[schema(minimum = 0, maximum = 100_000)]
    pub height_mm: Option<i32>,
}

/// Changes a variant; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct VariantPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 64), custom(function = "checks::sku"))]
    #[schema(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9._/-]+$")]
    pub sku: Option<String>,
    #[serde(default)]
    #[validate(custom(function = "checks::gtin"))]
    #[schema(pattern = "^([0-9]{8}|[0-9]{12,14})$")]
    pub barcode: Option<String>,
    #[serde(default)]
    pub options: Option<BTreeMap<String, String>>,
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>)]
    pub price: Option<Decimal>,
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>)]
    pub cost: Option<Decimal>,
    #[serde(default)]
    #[validate(range(min = 0, max = 1_000_000))]
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub weight_grams: Option<i32>,
    #[serde(default)]
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000001",
    "product_id": "0196f5a0-0000-7000-8000-000000000003",
    "product_name": "Camiseta Básica",
    "sku": "CAM-P",
    "barcode": "7891234567895",
    "options": {"cor": "branca", "tamanho": "P"},
    "price": "59.90",
    "cost": "21.30",
    "average_cost": "21.30",
    "currency": "BRL",
    "weight_grams": 180,
    "length_mm": 300,
    "width_mm": 250,
    "height_mm": 20,
    "status": "active",
    "version": 2,
    "created_at": "2026-09-03T10:15:00Z",
    "updated_at": "2026-10-12T08:30:45Z"
}))]
pub struct VariantOut {
    pub id: Uuid,
    pub product_id: Uuid,
    pub product_name: String,
    pub sku: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    pub options: BTreeMap<String, String>,
    #[schema(value_type = String)]
    pub price: Decimal,
    #[schema(value_type = String)]
    pub cost: Decimal,
    /// Weighted average cost of the units received.
    #[schema(value_type = String)]
    pub average_cost: Decimal,
    /// The currency of every amount above (the store's).
    pub currency: Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_grams: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length_mm: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_mm: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_mm: Option<i32>,
    pub status: Status,
    /// For a kit, what one kit is made of (its stock is its components').
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<KitComponentOut>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Filters of `GET /catalog/variants`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct VariantQuery {
    /// Finds variants by product name, SKU, barcode or option; ignores case and accents.
    #[validate(length(min = 1, max = 100))]
    #[param(min_length = 1, max_length = 100)]
    pub q: Option<String>,
    pub status: Option<Status>,
    pub product_id: Option<Uuid>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// One component of a kit: which variant, and how many of it one kit takes.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct KitComponentIn {
    pub component_variant_id: Uuid,
    #[validate(range(min = 1, max = 10_000))]
    #[schema(minimum = 1, maximum = 10_000)]
    pub quantity: i64,
}

/// The whole list of a kit's components (replaces what was there; empty makes it a plain
/// variant again).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct KitComponentsIn {
    #[validate(length(max = 50), nested)]
    #[schema(max_items = 50)]
    pub components: Vec<KitComponentIn>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct KitComponentOut {
    pub component_variant_id: Uuid,
    pub sku: String,
    pub quantity: i64,
}
