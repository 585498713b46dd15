//! Locations: warehouses and stores that hold stock.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::catalog::Status;
use crate::checks;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "lowercase")
)]
#[serde(rename_all = "lowercase")]
pub enum LocationKind {
    Warehouse,
    Store,
}

impl LocationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationKind::Warehouse => "warehouse",
            LocationKind::Store => "store",
        }
    }

    pub fn parse(text: &str) -> LocationKind {
        if text == "store" {
            LocationKind::Store
        } else {
            LocationKind::Warehouse
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LocationIn {
    #[validate(length(min = 1, max = 100))]
    #[schema(
        min_length = 1,
        max_length = 100,
        example = "Centro de distribuição São Paulo"
    )]
    pub name: String,
    /// Short and unique in the store, e.g. `CD-SP`.
    #[validate(length(min = 1, max = 20), custom(function = "checks::sku"))]
    #[schema(
        min_length = 1,
        max_length = 20,
        pattern = "^[A-Za-z0-9._/-]+$",
        example = "CD-SP"
    )]
    pub code: String,
    pub kind: LocationKind,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LocationPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000002",
    "name": "Centro de distribuição São Paulo",
    "code": "CD-SP",
    "kind": "warehouse",
    "status": "active",
    "version": 1,
    "created_at": "2026-09-01T12:05:00Z"
}))]
pub struct LocationOut {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub kind: LocationKind,
    pub status: Status,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}
