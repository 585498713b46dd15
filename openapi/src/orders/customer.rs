//! Customers: create, change, read and list.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{SchemaType, Type};
use utoipa::openapi::{ArrayBuilder, ObjectBuilder};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use super::Address;
use super::address::{addresses_schema, complete_addresses, optional_addresses_schema};
use crate::checks;
use crate::tenancy::{Currency, Locale};

/// What `valid_tags` checks, as a schema: up to 20 tags of 1 to 40 characters, not all blank.
pub(crate) fn tags_schema() -> utoipa::openapi::Array {
    let tag = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(40))
        .pattern(Some(r"\S"));
    ArrayBuilder::new().items(tag).max_items(Some(20)).build()
}

pub(crate) fn optional_tags_schema() -> utoipa::openapi::Array {
    let mut schema = tags_schema();
    schema.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    schema
}

pub(crate) fn valid_tags(tags: &[String]) -> Result<(), ValidationError> {
    let fits = |tag: &String| !tag.trim().is_empty() && tag.chars().count() <= 40;
    if tags.len() > 20 || !tags.iter().all(fits) {
        let mut error = ValidationError::new("tags");
        error.message = Some("at most 20 tags of 1 to 40 characters".into());
        return Err(error);
    }
    Ok(())
}

/// A new customer. The tax id is checked (CPF/CNPJ check digits) when the country is BR.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "brazilian_tax_id", skip_on_field_errors = false))]
pub struct CustomerIn {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Ana Souza")]
    pub name: String,
    #[serde(default)]
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254, example = "ana@example.com.br")]
    pub email: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub phone: Option<String>,
    /// CPF or CNPJ in Brazil; any tax id elsewhere.
    #[serde(default)]
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32, example = "529.982.247-25")]
    pub tax_id: Option<String>,
    /// ISO 3166 alpha-2; `BR` when absent.
    #[serde(default)]
    #[validate(custom(function = "checks::country"))]
    #[schema(pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    /// The language of the emails the customer receives; the store's when absent.
    #[serde(default)]
    pub locale: Option<Locale>,
    #[serde(default)]
    pub marketing_consent: bool,
    #[serde(default)]
    #[validate(custom(function = "valid_tags"))]
    #[schema(schema_with = tags_schema)]
    pub tags: Vec<String>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    #[serde(default)]
    #[validate(length(max = 10), nested, custom(function = "complete_addresses"))]
    #[schema(schema_with = addresses_schema)]
    pub addresses: Vec<Address>,
}

fn brazilian_tax_id(customer: &CustomerIn) -> Result<(), ValidationError> {
    check_tax_id(customer.country.as_deref(), customer.tax_id.as_deref())
}

/// In Brazil a tax id must be a valid CPF or CNPJ.
pub fn check_tax_id(country: Option<&str>, tax_id: Option<&str>) -> Result<(), ValidationError> {
    match (country.unwrap_or("BR"), tax_id) {
        ("BR", Some(id)) => checks::cpf_or_cnpj(id).map_err(|mut error| {
            error.code = "tax_id".into();
            error
        }),
        _ => Ok(()),
    }
}

/// Changes to a customer; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CustomerPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[serde(default)]
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub phone: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32)]
    pub tax_id: Option<String>,
    #[serde(default)]
    #[validate(custom(function = "checks::country"))]
    #[schema(pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    #[serde(default)]
    pub locale: Option<Locale>,
    #[serde(default)]
    pub marketing_consent: Option<bool>,
    #[serde(default)]
    #[validate(custom(function = "valid_tags"))]
    #[schema(schema_with = optional_tags_schema)]
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    #[serde(default)]
    #[validate(length(max = 10), nested, custom(function = "complete_addresses"))]
    #[schema(schema_with = optional_addresses_schema)]
    pub addresses: Option<Vec<Address>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000007",
    "name": "Ana Souza",
    "email": "ana@example.com.br",
    "phone": "+55 11 91234-5678",
    "tax_id": "529.982.247-25",
    "country": "BR",
    "locale": "pt-BR",
    "marketing_consent": true,
    "marketing_consent_at": "2026-10-05T18:12:40Z",
    "tags": ["vip"],
    "notes": "Prefere entrega pela manhã.",
    "addresses": [
        {
            "street": "Avenida Paulista",
            "number": "1578",
            "complement": "Apto 42",
            "district": "Bela Vista",
            "city": "São Paulo",
            "state": "SP",
            "postal_code": "01310-200",
            "country": "BR"
        }
    ],
    "orders_count": 3,
    "lifetime_value": [{ "currency": "BRL", "amount": "412.60" }],
    "version": 4,
    "created_at": "2026-10-05T18:12:40Z"
}))]
pub struct CustomerOut {
    pub id: Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    pub country: String,
    pub locale: Locale,
    pub marketing_consent: bool,
    /// When consent was last given or withdrawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketing_consent_at: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub addresses: Vec<Address>,
    /// Orders placed, cancelled ones included.
    pub orders_count: i64,
    /// Paid less refunded over all orders, per currency (one entry for each currency the
    /// customer's orders were in, by currency code; none before the first order). Amounts
    /// of different currencies are never added up.
    pub lifetime_value: Vec<MoneyOut>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    /// Credit terms: days after the invoice each instalment falls due (finance sets them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_terms: Vec<u16>,
    /// Blocked by finance: new orders are held, terms cannot be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<BlockOut>,
}

/// Why and since when a customer is blocked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct BlockOut {
    pub since: DateTime<Utc>,
    /// In the reader's language.
    pub reason: String,
    /// Blocked by dunning (not by staff): unblocked by itself when nothing is overdue.
    pub automatic: bool,
}

/// An amount in its currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "currency": "BRL", "amount": "412.60" }))]
pub struct MoneyOut {
    pub currency: Currency,
    #[schema(value_type = String, example = "412.60")]
    pub amount: Decimal,
}

/// Filters of `GET /customers`, by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CustomerQuery {
    /// Finds by name, email or tax id; ignores case, accents and punctuation of tax ids.
    #[validate(length(min = 1, max = 100))]
    #[param(min_length = 1, max_length = 100)]
    pub q: Option<String>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}
