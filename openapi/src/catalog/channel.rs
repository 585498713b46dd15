//! Sales channels: where a store sells.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::Status;

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
