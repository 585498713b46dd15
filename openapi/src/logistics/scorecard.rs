//! The carrier scorecard: how each carrier's services did, per destination state and month.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::Uf;

/// The shipments posted from `from` to `to` (days in the store's time zone, both included;
/// `to` is today and `from` 89 days before `to` when not given). A period longer than 366 days
/// is cut to the 366 days from `from`; `to` before `from` is an empty period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ScorecardQuery {
    #[param(example = "2026-09-01")]
    pub from: Option<NaiveDate>,
    #[param(example = "2026-11-30")]
    pub to: Option<NaiveDate>,
    pub carrier_id: Option<Uuid>,
}

impl ScorecardQuery {
    /// The longest period one call reads.
    pub const MAX_DAYS: i64 = 366;

    /// The first and last days read, `today` being the store's.
    pub fn period(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let to = self.to.unwrap_or(today);
        let from = self.from.unwrap_or(to - chrono::Duration::days(89));
        let cap = from + chrono::Duration::days(Self::MAX_DAYS - 1);
        (from, to.min(cap))
    }
}

/// One carrier service's shipments to one state in one month.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScorecardRow {
    pub carrier_id: Uuid,
    pub carrier: String,
    pub service_id: Uuid,
    pub service: String,
    /// The destination's state; absent for addresses outside Brazil's states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Uf>,
    /// `YYYY-MM` of posting.
    pub month: String,
    pub shipments: u64,
    pub delivered: u64,
    /// Delivered by the promised day, of those delivered (one decimal place).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub on_time_percent: Option<Decimal>,
    /// Calendar days from posting to delivery: the median and the 90th percentile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_days: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p90_days: Option<i64>,
    pub failed_attempts: u64,
    pub returned_to_sender: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "rows": [{
    "carrier_id": "0196f5a0-0000-7000-8000-000000000020",
    "carrier": "Correios",
    "service_id": "0196f5a0-0000-7000-8000-000000000021",
    "service": "SEDEX",
    "state": "SP",
    "month": "2026-11",
    "shipments": 120, "delivered": 114, "on_time_percent": "92.1",
    "median_days": 1, "p90_days": 3, "failed_attempts": 4, "returned_to_sender": 1
}] }))]
pub struct ScorecardOut {
    pub rows: Vec<ScorecardRow>,
}
