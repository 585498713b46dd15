//! A postal address and what makes one complete.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{SchemaType, Type};
use utoipa::openapi::{AllOfBuilder, ArrayBuilder, ObjectBuilder, Ref};
use validator::{Validate, ValidationError};

use crate::checks;

/// A postal address. Customers' addresses must be complete and have a postal code of their
/// country's form; an order's shipping address is checked when the order is placed and, when
/// it falls short, holds the order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Who receives, when not the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub recipient: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200, example = "Avenida Paulista")]
    pub street: String,
    #[validate(length(max = 20))]
    #[schema(max_length = 20, example = "1578")]
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub complement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub district: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100, example = "São Paulo")]
    pub city: String,
    /// State or province (UF in Brazil).
    #[validate(length(max = 60))]
    #[schema(max_length = 60, example = "SP")]
    pub state: String,
    #[validate(length(max = 12))]
    #[schema(max_length = 12, example = "01310-200")]
    pub postal_code: String,
    /// ISO 3166 alpha-2.
    #[validate(custom(function = "checks::country"))]
    #[schema(pattern = "^[A-Z]{2}$", example = "BR")]
    pub country: String,
}

impl Address {
    /// The parts a carrier needs that are empty.
    pub fn missing_parts(&self) -> Vec<&'static str> {
        [
            ("street", &self.street),
            ("number", &self.number),
            ("city", &self.city),
            ("state", &self.state),
            ("postal_code", &self.postal_code),
        ]
        .into_iter()
        .filter(|(_, value)| value.trim().is_empty())
        .map(|(name, _)| name)
        .collect()
    }
}

/// A customer's address must be complete and its postal code well-formed.
fn complete_address(address: &Address) -> Result<(), ValidationError> {
    if let Some(part) = address.missing_parts().first() {
        let mut error = ValidationError::new("incomplete");
        error.message = Some(format!("{part} is empty").into());
        return Err(error);
    }
    if !checks::postal_code_fits(&address.country, &address.postal_code) {
        let mut error = ValidationError::new("postal_code");
        error.message = Some(
            format!(
                "postal_code `{}` is not of the form used in {}",
                address.postal_code, address.country
            )
            .into(),
        );
        return Err(error);
    }
    Ok(())
}

/// What `complete_addresses` checks, as far as a schema says it: up to 10 addresses whose
/// parts a carrier needs are not blank (a postal code's form per country it cannot say).
pub(super) fn addresses_schema() -> utoipa::openapi::Array {
    let not_blank = || {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"\S"))
    };
    let parts = ["street", "number", "city", "state", "postal_code"]
        .into_iter()
        .fold(ObjectBuilder::new(), |parts, part| {
            parts.property(part, not_blank())
        });
    let address = AllOfBuilder::new()
        .item(Ref::from_schema_name("Address"))
        .item(parts);
    ArrayBuilder::new()
        .items(address)
        .max_items(Some(10))
        .build()
}

pub(super) fn optional_addresses_schema() -> utoipa::openapi::Array {
    let mut schema = addresses_schema();
    schema.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    schema
}

pub(super) fn complete_addresses(addresses: &[Address]) -> Result<(), ValidationError> {
    addresses.iter().try_for_each(complete_address)
}
