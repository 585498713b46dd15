//! Logistics: carriers, their services and how many working days each takes to a region.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::catalog::Status;

mod fulfilment;
mod scorecard;
mod shipment;
mod transit;

pub use fulfilment::*;
pub use scorecard::*;
pub use shipment::*;
mod return_settings;
mod returns;
pub use returns::*;
pub use transit::*;

/// How a carrier moves parcels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum CarrierKind {
    /// A postal service (Correios).
    Postal,
    /// A private courier (Jadlog, Loggi, …).
    Courier,
    /// The store's own vehicles.
    OwnFleet,
    /// The customer collects at a store.
    StorePickup,
}

/// A carrier to add.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CarrierIn {
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120, example = "Correios")]
    pub name: String,
    pub kind: CarrierKind,
    /// Where a parcel is tracked: an `https` address with `{code}` where the tracking code goes.
    #[serde(default)]
    #[validate(length(min = 1, max = 500), custom(function = "tracking_url_template"))]
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^https://[^\s\u0085]*\{code\}[^\s\u0085]*$",
        example = "https://rastreamento.correios.com.br/app/index.php?objeto={code}"
    )]
    pub tracking_url: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CarrierPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub name: Option<String>,
    #[serde(default)]
    pub kind: Option<CarrierKind>,
    #[serde(default)]
    #[validate(length(min = 1, max = 500), custom(function = "tracking_url_template"))]
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^https://[^\s\u0085]*\{code\}[^\s\u0085]*$"
    )]
    pub tracking_url: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
}

/// A tracking address template: `https`, no spaces, `{code}` where the code goes.
fn tracking_url_template(url: &str) -> Result<(), ValidationError> {
    let fits = url.starts_with("https://")
        && !url.chars().any(|c| c.is_whitespace() || c == '\u{feff}')
        && url.contains("{code}");
    if fits {
        Ok(())
    } else {
        Err(ValidationError::new("tracking_url").with_message(
            "must be an https address with {code} where the tracking code goes".into(),
        ))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000c1",
    "name": "Correios",
    "kind": "postal",
    "tracking_url": "https://rastreamento.correios.com.br/app/index.php?objeto={code}",
    "status": "active",
    "services": [{
        "id": "0196f5a0-0000-7000-8000-0000000000c2",
        "carrier_id": "0196f5a0-0000-7000-8000-0000000000c1",
        "name": "PAC", "code": "PAC", "status": "active"
    }],
    "version": 1,
    "created_at": "2026-09-02T15:40:00Z"
}))]
pub struct CarrierOut {
    pub id: Uuid,
    pub name: String,
    pub kind: CarrierKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_url: Option<String>,
    pub status: Status,
    /// Its services, by name.
    pub services: Vec<ServiceOut>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// Filters of `GET /logistics/carriers`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CarrierQuery {
    pub status: Option<Status>,
    pub kind: Option<CarrierKind>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// A service of a carrier (Correios PAC, SEDEX…).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ServiceIn {
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120, example = "SEDEX")]
    pub name: String,
    /// Short and unique among the carrier's services: capitals, digits, `-` and `_`.
    #[validate(length(min = 1, max = 32), custom(function = "service_code"))]
    #[schema(
        min_length = 1,
        max_length = 32,
        pattern = "^[A-Z0-9_-]+$",
        example = "SEDEX"
    )]
    pub code: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ServicePatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
}

fn service_code(code: &str) -> Result<(), ValidationError> {
    if code
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        Ok(())
    } else {
        Err(ValidationError::new("service_code")
            .with_message("may hold only capitals, digits, '-' and '_'".into()))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000c2",
    "carrier_id": "0196f5a0-0000-7000-8000-0000000000c1",
    "name": "SEDEX", "code": "SEDEX", "status": "active"
}))]
pub struct ServiceOut {
    pub id: Uuid,
    pub carrier_id: Uuid,
    pub name: String,
    pub code: String,
    pub status: Status,
}
