//! Products: create, change, read, list and import.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::Status;
use super::VariantIn;
use super::VariantOut;
use crate::checks;

/// Creates a product with its variants (at least one).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ProductIn {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Camiseta básica")]
    pub name: String,
    #[serde(default)]
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub description: Option<String>,
    #[serde(default)]
    #[validate(custom(function = "checks::ncm"))]
    #[schema(pattern = "^[0-9]{8}$", example = "61091000")]
    pub ncm: Option<String>,
    #[validate(length(min = 1, max = 100), nested)]
    #[schema(min_items = 1, max_items = 100)]
    pub variants: Vec<VariantIn>,
    /// The sales channels that list the product; none when absent.
    #[serde(default)]
    #[validate(length(max = 50))]
    #[schema(max_items = 50)]
    pub channel_ids: Vec<Uuid>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ProductPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[serde(default)]
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub description: Option<String>,
    #[serde(default)]
    #[validate(custom(function = "checks::ncm"))]
    #[schema(pattern = "^[0-9]{8}$")]
    pub ncm: Option<String>,
    /// Archiving a product archives its variants.
    #[serde(default)]
    pub status: Option<Status>,
    /// Replaces the channels that list the product.
    #[serde(default)]
    #[validate(length(max = 50))]
    #[schema(max_items = 50)]
    pub channel_ids: Option<Vec<Uuid>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000003",
    "name": "Camiseta Básica",
    "description": "Camiseta de algodão penteado, gola careca.",
    "ncm": "61091000",
    "status": "active",
    "channel_ids": ["0196f5a0-0000-7000-8000-000000000006"],
    "variants": [
        {
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
        },
        {
            "id": "0196f5a0-0000-7000-8000-000000000008",
            "product_id": "0196f5a0-0000-7000-8000-000000000003",
            "product_name": "Camiseta Básica",
            "sku": "CAM-M",
            "barcode": "7891234567901",
            "options": {"cor": "branca", "tamanho": "M"},
            "price": "59.90",
            "cost": "21.30",
            "average_cost": "21.45",
            "currency": "BRL",
            "weight_grams": 195,
            "length_mm": 300,
            "width_mm": 250,
            "height_mm": 20,
            "status": "active",
            "version": 1,
            "created_at": "2026-09-03T10:15:00Z",
            "updated_at": "2026-09-03T10:15:00Z"
        }
    ],
    "version": 2,
    "created_at": "2026-09-03T10:15:00Z",
    "updated_at": "2026-10-12T08:30:45Z"
}))]
pub struct ProductOut {
    pub id: Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ncm: Option<String>,
    pub status: Status,
    /// The sales channels that list the product.
    pub channel_ids: Vec<Uuid>,
    pub variants: Vec<VariantOut>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// How a list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum ProductSort {
    #[default]
    #[serde(rename = "name")]
    Name,
    #[serde(rename = "-name")]
    NameDesc,
    #[serde(rename = "created_at")]
    Created,
    #[serde(rename = "-created_at")]
    CreatedDesc,
}

/// Filters of `GET /catalog/products`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProductQuery {
    /// Finds products by name, or by a variant's SKU or barcode; ignores case and accents.
    #[validate(length(min = 1, max = 100))]
    #[param(min_length = 1, max_length = 100)]
    pub q: Option<String>,
    pub status: Option<Status>,
    /// Only products with a variant this supplier sells.
    pub supplier_id: Option<Uuid>,
    /// Only products this sales channel lists.
    pub channel_id: Option<Uuid>,
    pub sort: Option<ProductSort>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// What a catalog import did (or, in a dry run, would do).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "dry_run": false,
    "rows": 120,
    "created_products": 18,
    "created_variants": 95,
    "updated_variants": 25
}))]
pub struct CatalogImportOut {
    pub dry_run: bool,
    pub rows: usize,
    pub created_products: usize,
    pub created_variants: usize,
    pub updated_variants: usize,
}
