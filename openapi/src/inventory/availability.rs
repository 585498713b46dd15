//! Buffers and what each channel may sell.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// How many units of a variant a sales channel must leave unsold at each location.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BufferIn {
    pub channel_id: Uuid,
    pub variant_id: Uuid,
    #[validate(range(min = 0, max = 1_000_000))]
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub quantity: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "channel_id": "0196f5a0-0000-7000-8000-000000000006",
    "variant_id": "0196f5a0-0000-7000-8000-000000000001",
    "quantity": 3
}))]
pub struct BufferOut {
    pub channel_id: Uuid,
    pub variant_id: Uuid,
    pub quantity: i64,
}

/// Filters of `GET /inventory/availability`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    /// Only this channel's figures.
    pub channel_id: Option<Uuid>,
    pub variant_id: Option<Uuid>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// What can be sold of a variant, in all and per channel.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "variant_id": "0196f5a0-0000-7000-8000-000000000001",
    "sku": "CAM-P",
    "available": 36,
    "channels": [
        {
            "channel_id": "0196f5a0-0000-7000-8000-000000000006",
            "channel_name": "Mercado Livre",
            "buffer": 3,
            "sellable": 33
        }
    ]
}))]
pub struct AvailabilityOut {
    pub variant_id: Uuid,
    pub sku: String,
    /// Available at active locations (for a kit: kits its components make).
    pub available: i64,
    pub channels: Vec<ChannelAvailabilityOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChannelAvailabilityOut {
    pub channel_id: Uuid,
    pub channel_name: String,
    /// Units held back at each location.
    pub buffer: i64,
    /// What this channel may sell now.
    pub sellable: i64,
}
