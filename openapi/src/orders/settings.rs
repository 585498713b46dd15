//! A store's order settings.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{KnownFormat, SchemaFormat, Type};
use utoipa::openapi::{ArrayBuilder, ObjectBuilder};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::checks;

/// The store's order rules and whom the team's notifications go to.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "first_order_hold_above": "1000.00",
    "staff_emails": ["pedidos@lojaexemplo.com.br"],
    "reply_to": "contato@lojaexemplo.com.br"
}))]
pub struct OrderSettings {
    /// A new customer's first order above this total waits on hold; no limit when absent.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "1000.00")]
    pub first_order_hold_above: Option<Decimal>,
    /// Where staff notifications go (new paid orders, held orders); the owners when empty.
    #[serde(default)]
    #[validate(length(max = 20), custom(function = "emails"))]
    #[schema(schema_with = emails_schema)]
    pub staff_emails: Vec<String>,
    /// The reply-to address of emails to customers.
    #[serde(default)]
    #[validate(email)]
    #[schema(format = Email)]
    pub reply_to: Option<String>,
    /// The carrier service (an active one of the store's) an order takes when it names none;
    /// its promised dates count from it. None when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_shipping_service_id: Option<Uuid>,
}

/// What `emails` and the list's length check: up to 20 email addresses.
fn emails_schema() -> utoipa::openapi::Array {
    let email = ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)));
    ArrayBuilder::new().items(email).max_items(Some(20)).build()
}

fn emails(list: &[String]) -> Result<(), ValidationError> {
    if list.iter().all(validator::ValidateEmail::validate_email) {
        Ok(())
    } else {
        let mut error = ValidationError::new("email");
        error.message = Some("every address must be an email address".into());
        Err(error)
    }
}
