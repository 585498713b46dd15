//! The delivery log of an endpoint: each event due to it, each attempt to deliver it, and
//! what staff do with them (replay one, replay the failed ones of a period, send a test).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::DeliveryStatus;

/// An event due to an endpoint, and where its delivery stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000d1",
    "endpoint_id": "0196f5a0-0000-7000-8000-0000000000e1",
    "event_id": "0196f5a0-0000-7000-8000-0000000000f1",
    "event_type": "order.paid",
    "status": "pending",
    "attempts": 2,
    "next_attempt_at": "2026-12-07T12:02:35Z",
    "last_status": 503,
    "last_error": null,
    "created_at": "2026-12-07T12:00:00Z",
    "updated_at": "2026-12-07T12:00:35Z",
    "delivered_at": null
}))]
pub struct WebhookDeliveryOut {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    /// The event's id: the `webhook-id` header of every attempt.
    pub event_id: Uuid,
    pub event_type: String,
    pub status: DeliveryStatus,
    /// Attempts made so far (since the last replay).
    pub attempts: i32,
    /// When the next attempt is due (pending only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The HTTP status of the last attempt, if it got an answer.
    pub last_status: Option<i32>,
    /// Why the last attempt got no answer (a refused address, a timeout, …).
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// One attempt to deliver: when, what came back, how long it took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000c1",
    "at": "2026-12-07T12:00:05Z",
    "status_code": 503,
    "latency_ms": 84,
    "response_excerpt": "Service Unavailable",
    "error": null
}))]
pub struct WebhookAttemptOut {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// The HTTP status answered; none when no answer came.
    pub status_code: Option<i32>,
    pub latency_ms: i32,
    /// The first 512 bytes of the answer's body.
    pub response_excerpt: Option<String>,
    pub error: Option<String>,
}

/// A delivery with the body every attempt carries and its attempts, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "delivery": {
        "id": "0196f5a0-0000-7000-8000-0000000000d1",
        "endpoint_id": "0196f5a0-0000-7000-8000-0000000000e1",
        "event_id": "0196f5a0-0000-7000-8000-0000000000f1",
        "event_type": "order.paid",
        "status": "succeeded",
        "attempts": 2,
        "next_attempt_at": null,
        "last_status": 200,
        "last_error": null,
        "created_at": "2026-12-07T12:00:00Z",
        "updated_at": "2026-12-07T12:00:35Z",
        "delivered_at": "2026-12-07T12:00:35Z"
    },
    "body": "{\"type\":\"order.paid\",\"version\":1,\"timestamp\":\"2026-12-07T12:00:00Z\",\"data\":{\"order_id\":\"0196f5a0-0000-7000-8000-0000000000a1\",\"from\":\"pending_payment\"}}",
    "attempts": [
        {
            "id": "0196f5a0-0000-7000-8000-0000000000c1",
            "at": "2026-12-07T12:00:05Z",
            "status_code": 503,
            "latency_ms": 84,
            "response_excerpt": "Service Unavailable",
            "error": null
        },
        {
            "id": "0196f5a0-0000-7000-8000-0000000000c2",
            "at": "2026-12-07T12:00:35Z",
            "status_code": 200,
            "latency_ms": 97,
            "response_excerpt": "{\"ok\":true}",
            "error": null
        }
    ]
}))]
pub struct WebhookDeliveryDetailOut {
    pub delivery: WebhookDeliveryOut,
    /// The exact body that is signed and sent.
    pub body: String,
    pub attempts: Vec<WebhookAttemptOut>,
}

/// Filters of an endpoint's delivery log, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct WebhookDeliveryQuery {
    pub status: Option<DeliveryStatus>,
    /// Only deliveries of this event, e.g. `order.paid`.
    #[validate(length(min = 1, max = 80))]
    #[param(min_length = 1, max_length = 80)]
    pub event_type: Option<String>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// The failed deliveries to send again: those of events written from `from` (inclusive) to
/// `to` (exclusive).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "from": "2026-12-06T00:00:00Z", "to": "2026-12-07T00:00:00Z" }))]
pub struct WebhookReplayIn {
    pub from: DateTime<Utc>,
    /// After `from`.
    pub to: DateTime<Utc>,
}

/// How many failed deliveries are due again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "replayed": 3 }))]
pub struct WebhookReplayOut {
    pub replayed: u64,
}

/// A test event sent to the endpoint at once (once, never retried), and what came back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "delivery": {
        "id": "0196f5a0-0000-7000-8000-0000000000d2",
        "endpoint_id": "0196f5a0-0000-7000-8000-0000000000e1",
        "event_id": "0196f5a0-0000-7000-8000-0000000000f2",
        "event_type": "webhook.test",
        "status": "failed",
        "attempts": 1,
        "next_attempt_at": null,
        "last_status": null,
        "last_error": "error sending request: operation timed out",
        "created_at": "2026-12-07T12:00:00Z",
        "updated_at": "2026-12-07T12:00:10Z",
        "delivered_at": null
    },
    "attempt": {
        "id": "0196f5a0-0000-7000-8000-0000000000c3",
        "at": "2026-12-07T12:00:10Z",
        "status_code": null,
        "latency_ms": 10002,
        "response_excerpt": null,
        "error": "error sending request: operation timed out"
    }
}))]
pub struct WebhookPingOut {
    pub delivery: WebhookDeliveryOut,
    pub attempt: WebhookAttemptOut,
}

/// `webhook.test`: what a test ping carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WebhookTested {
    pub endpoint_id: Uuid,
}

/// `webhook.disabled`: an endpoint's deliveries failed for about three days and it was
/// switched off; what the admins are told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WebhookDisabled {
    pub endpoint_id: Uuid,
    pub url: String,
    /// The delivery whose last retry failed.
    pub delivery_id: Uuid,
    pub event_type: String,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
}
