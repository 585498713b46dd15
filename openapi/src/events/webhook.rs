//! An event as a webhook carries it: the body Standard Webhooks describes (`type`,
//! `timestamp`, `data`), with the version of the payload's shape beside its type. The
//! headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`) travel apart.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Event;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookMessage {
    /// The event's name, e.g. `order.paid`.
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u32,
    /// When the event happened.
    pub timestamp: DateTime<Utc>,
    /// The event's payload.
    pub data: Value,
}

impl WebhookMessage {
    pub fn of(
        event: &Event,
        timestamp: DateTime<Utc>,
    ) -> Result<WebhookMessage, serde_json::Error> {
        let kind = event.kind();
        Ok(WebhookMessage {
            kind: kind.name().to_owned(),
            version: kind.version(),
            timestamp,
            data: event.payload()?,
        })
    }
}
