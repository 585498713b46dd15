//! Automation: webhook endpoints, to which the store's events are delivered signed as
//! Standard Webhooks describes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{SchemaType, Type};
use utoipa::openapi::{Array, ArrayBuilder, ObjectBuilder};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

/// Why an endpoint receives nothing: staff turned it off, or its deliveries kept failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum DisabledReason {
    /// Switched off by staff.
    Staff,
    /// Its deliveries failed for about three days; switching it on resumes them.
    Failing,
}

/// What `event_patterns` checks, as a schema: 1 to 100 names or families of 1 to 80
/// characters.
fn patterns_schema() -> Array {
    let pattern = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(80))
        .pattern(Some(r"^[a-z0-9._*]+$"));
    ArrayBuilder::new()
        .items(pattern)
        .min_items(Some(1))
        .max_items(Some(100))
        .build()
}

fn optional_patterns_schema() -> Array {
    let mut schema = patterns_schema();
    schema.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    schema
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Not yet taken by the endpoint: its next attempt is due at `next_attempt_at`.
    Pending,
    /// The endpoint answered 2xx.
    Succeeded,
    /// Every retry failed (about three days); the endpoint was switched off.
    Failed,
}

/// The events an endpoint wants: each an event's name (`order.paid`) or a family
/// (`order.*`), checked against the catalogue by the server.
fn event_patterns(patterns: &[String]) -> Result<(), ValidationError> {
    let well_formed = |p: &String| {
        !p.is_empty()
            && p.len() <= 80
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._*".contains(c))
    };
    if patterns.iter().all(well_formed) {
        Ok(())
    } else {
        Err(ValidationError::new("event_pattern"))
    }
}

/// A webhook endpoint to add. Its secret is made by the server and shown once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "url": "https://erp.example.com.br/hooks/retaguarda",
    "events": ["order.*", "invoice.issued"],
    "description": "ERP: pedidos e notas"
}))]
pub struct WebhookEndpointIn {
    /// An `https` address on the public internet.
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub url: String,
    /// Event names or families (`order.*`); `*` alone is every event.
    #[validate(length(min = 1, max = 100), custom(function = "event_patterns"))]
    #[schema(schema_with = patterns_schema)]
    pub events: Vec<String>,
    #[serde(default)]
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub description: Option<String>,
    /// On unless `false`.
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// Changes to an endpoint; what is left out stays. Switching a failing endpoint on resumes
/// its deliveries where they stopped.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WebhookEndpointPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub url: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 100), custom(function = "event_patterns"))]
    #[schema(schema_with = optional_patterns_schema)]
    pub events: Option<Vec<String>>,
    #[serde(default)]
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub description: Option<String>,
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// A webhook endpoint. Its secret is never shown again after it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000e1",
    "url": "https://erp.example.com.br/hooks/retaguarda",
    "events": ["order.*", "invoice.issued"],
    "description": "ERP: pedidos e notas",
    "enabled": true,
    "disabled_reason": null,
    "previous_secret_valid_until": null,
    "version": 1,
    "created_at": "2026-12-07T12:00:00Z",
    "updated_at": "2026-12-07T12:00:00Z"
}))]
pub struct WebhookEndpointOut {
    pub id: Uuid,
    pub url: String,
    pub events: Vec<String>,
    pub description: Option<String>,
    pub enabled: bool,
    pub disabled_reason: Option<DisabledReason>,
    /// After a rotation, until when deliveries are also signed with the previous secret.
    pub previous_secret_valid_until: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new endpoint with its signing secret, shown this once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "endpoint": {
        "id": "0196f5a0-0000-7000-8000-0000000000e1",
        "url": "https://erp.example.com.br/hooks/retaguarda",
        "events": ["invoice.issued", "order.*"],
        "description": "ERP: pedidos e notas",
        "enabled": true,
        "disabled_reason": null,
        "previous_secret_valid_until": null,
        "version": 1,
        "created_at": "2026-12-07T12:00:00Z",
        "updated_at": "2026-12-07T12:00:00Z"
    },
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
}))]
pub struct WebhookEndpointCreatedOut {
    pub endpoint: WebhookEndpointOut,
    /// `whsec_` and the key in base64: verify each delivery's `webhook-signature` with it.
    #[schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    pub secret: String,
}

/// A rotated secret, shown this once; the previous one signs too until `previous_valid_until`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
    "previous_valid_until": "2026-12-08T12:00:00Z",
    "endpoint": {
        "id": "0196f5a0-0000-7000-8000-0000000000e1",
        "url": "https://erp.example.com.br/hooks/retaguarda",
        "events": ["invoice.issued", "order.*"],
        "description": "ERP: pedidos e notas",
        "enabled": true,
        "disabled_reason": null,
        "previous_secret_valid_until": "2026-12-08T12:00:00Z",
        "version": 2,
        "created_at": "2026-12-07T12:00:00Z",
        "updated_at": "2026-12-07T12:00:00Z"
    }
}))]
pub struct WebhookSecretOut {
    #[schema(example = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")]
    pub secret: String,
    pub previous_valid_until: DateTime<Utc>,
    pub endpoint: WebhookEndpointOut,
}

/// Filters of the endpoints' list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct WebhookEndpointQuery {
    /// Only endpoints switched on (`true`) or off (`false`).
    pub enabled: Option<bool>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

mod delivery;
mod notification;
mod rule;
mod rule_run;
pub use delivery::*;
pub use notification::*;
pub use rule::*;
pub use rule_run::*;
