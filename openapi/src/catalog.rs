//! Products, variants, suppliers and sales channels.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::checks;
use crate::tenancy::Currency;

/// `active` things can be sold and stocked; `archived` ones are kept for history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "lowercase")
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Archived,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Archived => "archived",
        }
    }

    pub fn parse(text: &str) -> Status {
        if text == "archived" {
            Status::Archived
        } else {
            Status::Active
        }
    }
}

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

/// Where a store sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "lowercase")
)]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    /// The store's own web shop.
    Web,
    /// A marketplace (Mercado Livre, Shopee, Amazon, …).
    Marketplace,
    /// A physical shop.
    Physical,
}

impl ChannelKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Web => "web",
            ChannelKind::Marketplace => "marketplace",
            ChannelKind::Physical => "physical",
        }
    }

    pub fn parse(text: &str) -> ChannelKind {
        match text {
            "marketplace" => ChannelKind::Marketplace,
            "physical" => ChannelKind::Physical,
            _ => ChannelKind::Web,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ChannelIn {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Mercado Livre")]
    pub name: String,
    pub kind: ChannelKind,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ChannelPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000006",
    "name": "Mercado Livre",
    "kind": "marketplace",
    "status": "active",
    "version": 1,
    "created_at": "2026-09-02T11:00:00Z"
}))]
pub struct ChannelOut {
    pub id: Uuid,
    pub name: String,
    pub kind: ChannelKind,
    pub status: Status,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SupplierIn {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Têxtil Nordeste Ltda")]
    pub name: String,
    /// CNPJ, CPF or a foreign tax id.
    #[serde(default)]
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32)]
    pub tax_id: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub contact_name: Option<String>,
    #[serde(default)]
    #[validate(email)]
    #[schema(format = Email)]
    pub email: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub phone: Option<String>,
    /// Days from order to arrival.
    #[validate(range(min = 0, max = 365))]
    #[schema(minimum = 0, maximum = 365)]
    pub lead_time_days: i32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SupplierPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32)]
    pub tax_id: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub contact_name: Option<String>,
    #[serde(default)]
    #[validate(email)]
    #[schema(format = Email)]
    pub email: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub phone: Option<String>,
    #[serde(default)]
    #[validate(range(min = 0, max = 365))]
    #[schema(minimum = 0, maximum = 365)]
    pub lead_time_days: Option<i32>,
    #[serde(default)]
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000004",
    "name": "Têxtil Nordeste Ltda",
    "tax_id": "11.222.333/0001-81",
    "contact_name": "Carla Menezes",
    "email": "vendas@textilnordeste.com.br",
    "phone": "+55 81 3456-7890",
    "lead_time_days": 12,
    "status": "active",
    "version": 1,
    "created_at": "2026-09-02T15:40:00Z"
}))]
pub struct SupplierOut {
    pub id: Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub lead_time_days: i32,
    pub status: Status,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// Filters of `GET /catalog/suppliers`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NamedQuery {
    /// Finds by name or tax id; ignores case and accents.
    #[validate(length(min = 1, max = 100))]
    #[param(min_length = 1, max_length = 100)]
    pub q: Option<String>,
    pub status: Option<Status>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Filters of `GET /catalog/channels`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ChannelQuery {
    pub status: Option<Status>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// How a supplier sells a variant.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SupplierVariantIn {
    #[serde(default)]
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub supplier_sku: Option<String>,
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = String, example = "12.50")]
    pub cost: Decimal,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "supplier_id": "0196f5a0-0000-7000-8000-000000000004",
    "variant_id": "0196f5a0-0000-7000-8000-000000000001",
    "sku": "CAM-P",
    "supplier_sku": "TN-CB-BR-P",
    "cost": "19.80"
}))]
pub struct SupplierVariantOut {
    pub supplier_id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier_sku: Option<String>,
    #[schema(value_type = String)]
    pub cost: Decimal,
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
