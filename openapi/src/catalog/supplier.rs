//! Suppliers and how each sells a variant.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::Status;
use crate::checks;

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
