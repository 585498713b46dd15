//! `/automation/webhooks…`: webhook endpoints, their secrets (shown once), and their delivery
//! log with replays and a test ping.

use chrono::{DateTime, Utc};
use openapi::Page;
use openapi::automation::{
    DeliveryStatus, WebhookDeliveryDetailOut, WebhookDeliveryOut, WebhookEndpointCreatedOut,
    WebhookEndpointIn, WebhookEndpointOut, WebhookEndpointPatch, WebhookPingOut, WebhookReplayIn,
    WebhookReplayOut, WebhookSecretOut,
};
use uuid::Uuid;

use super::{ApiError, Query, create, get, patch_version, post, post_version};
use crate::session::Session;

const BASE: &str = "/automation/webhooks";

pub async fn webhooks(
    session: Session,
    cursor: Option<String>,
) -> Result<Page<WebhookEndpointOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path(BASE);
    get(session, &path).await
}

pub async fn webhook(session: Session, id: Uuid) -> Result<WebhookEndpointOut, ApiError> {
    get(session, &format!("{BASE}/{id}")).await
}

/// Adds an endpoint, sent once with its `Idempotency-Key`; the answer holds its secret.
pub async fn create_webhook(
    session: Session,
    input: &WebhookEndpointIn,
    key: Uuid,
) -> Result<WebhookEndpointCreatedOut, ApiError> {
    create(session, BASE, input, key).await
}

pub async fn update_webhook(
    session: Session,
    id: Uuid,
    patch: &WebhookEndpointPatch,
    version: i32,
) -> Result<WebhookEndpointOut, ApiError> {
    patch_version(session, &format!("{BASE}/{id}"), patch, version).await
}

/// A new secret, shown in this answer only.
pub async fn rotate_secret(
    session: Session,
    id: Uuid,
    version: i32,
) -> Result<WebhookSecretOut, ApiError> {
    post_version(session, &format!("{BASE}/{id}/rotate-secret"), &(), version).await
}

pub fn delivery_status_str(status: DeliveryStatus) -> &'static str {
    match status {
        DeliveryStatus::Pending => "pending",
        DeliveryStatus::Succeeded => "succeeded",
        DeliveryStatus::Failed => "failed",
    }
}

/// A page of the endpoint's deliveries, newest first, of one status or all.
pub async fn deliveries(
    session: Session,
    id: Uuid,
    status: Option<DeliveryStatus>,
    cursor: Option<String>,
) -> Result<Page<WebhookDeliveryOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("status", status.map(delivery_status_str))
        .opt("cursor", cursor)
        .path(&format!("{BASE}/{id}/deliveries"));
    get(session, &path).await
}

pub async fn delivery(
    session: Session,
    id: Uuid,
    delivery_id: Uuid,
) -> Result<WebhookDeliveryDetailOut, ApiError> {
    get(session, &format!("{BASE}/{id}/deliveries/{delivery_id}")).await
}

pub async fn replay(
    session: Session,
    id: Uuid,
    delivery_id: Uuid,
) -> Result<WebhookDeliveryOut, ApiError> {
    let path = format!("{BASE}/{id}/deliveries/{delivery_id}/replay");
    post(session, &path, &()).await
}

/// Sends again the failed deliveries of events written from `from` to `to`.
pub async fn replay_failed(
    session: Session,
    id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<WebhookReplayOut, ApiError> {
    let body = WebhookReplayIn { from, to };
    post(session, &format!("{BASE}/{id}/replay-failed"), &body).await
}

pub async fn ping(session: Session, id: Uuid) -> Result<WebhookPingOut, ApiError> {
    post(session, &format!("{BASE}/{id}/ping"), &()).await
}
