//! `/automation/webhooks/{id}/deliveries…`, `…/replay-failed` and `…/ping`: an endpoint's
//! delivery log, replays, and a test sent at once.

use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::automation::{
    WebhookAttemptOut, WebhookDeliveryDetailOut, WebhookDeliveryOut, WebhookDeliveryQuery,
    WebhookPingOut, WebhookReplayIn, WebhookReplayOut,
};
use sea_orm::Order;
use uuid::Uuid;

use entity::{webhook_attempt as attempt, webhook_delivery as delivery};

use crate::access::Principal;
use crate::automation::service::attempt::Poster;
use crate::automation::service::{endpoint, log};
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::pagination::PageRequest;
use crate::public_limit::RateLimited;
use crate::state::AppState;

/// An endpoint's deliveries, newest first: each event due to it and where it stands.
#[utoipa::path(
    get, path = "/api/v1/automation/webhooks/{id}/deliveries", tag = "automation",
    operation_id = "automation.delivery.list",
    params(("id" = Uuid, Path), WebhookDeliveryQuery),
    responses(
        (status = 200, body = Page<WebhookDeliveryOut>),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_deliveries(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<WebhookDeliveryQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let deliveries = log::list(&txn, id.into_inner(), &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(deliveries.into_page(delivery_out)))
}

/// One delivery: the body every attempt carries, and each attempt (time, status, latency,
/// the first bytes of the answer, the error).
#[utoipa::path(
    get, path = "/api/v1/automation/webhooks/{id}/deliveries/{delivery_id}", tag = "automation",
    operation_id = "automation.delivery.get",
    params(("id" = Uuid, Path), ("delivery_id" = Uuid, Path)),
    responses(
        (status = 200, body = WebhookDeliveryDetailOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_delivery(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (endpoint_id, id) = path.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let (row, attempts) = log::detail(&txn, endpoint_id, id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(WebhookDeliveryDetailOut {
        body: row.body.clone(),
        delivery: delivery_out(row),
        attempts: attempts.into_iter().map(attempt_out).collect(),
    }))
}

/// Sends a delivery that succeeded or failed again, due now, its retries counted afresh.
#[utoipa::path(
    post, path = "/api/v1/automation/webhooks/{id}/deliveries/{delivery_id}/replay",
    tag = "automation",
    operation_id = "automation.delivery.replay",
    params(("id" = Uuid, Path), ("delivery_id" = Uuid, Path)),
    responses(
        (status = 200, body = WebhookDeliveryOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The delivery is still being sent \
            (`automation/delivery-pending`), or is a test's (`automation/test-not-replayed`)",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn replay_delivery(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (endpoint_id, id) = path.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let row = log::replay(&txn, &principal, endpoint_id, id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(delivery_out(row)))
}

/// Sends again every failed delivery of events written from `from` to `to` (say, after the
/// receiver was down for a day).
#[utoipa::path(
    post, path = "/api/v1/automation/webhooks/{id}/replay-failed", tag = "automation",
    operation_id = "automation.delivery.replay_failed",
    request_body(content = WebhookReplayIn, example = json!({
        "from": "2026-12-06T00:00:00Z", "to": "2026-12-07T00:00:00Z"
    })),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = WebhookReplayOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`to` is not after `from` (`automation/empty-period`)",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn replay_failed(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<WebhookReplayIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let replayed =
        log::replay_failed(&txn, &principal, id.into_inner(), input.from, input.to).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(WebhookReplayOut { replayed }))
}

/// How many test pings an endpoint is sent in a minute: each holds its request for up to
/// 15 s (a lookup and the request), so a member cannot turn the server into a flood.
const PINGS_PER_MINUTE: u64 = 5;

/// Sends a `webhook.test` event to the endpoint now (on or off), once, signed like every
/// delivery, and answers what came back; the attempt is in the log. At most five a minute
/// to one endpoint (429 after, with `Retry-After`).
#[utoipa::path(
    post, path = "/api/v1/automation/webhooks/{id}/ping", tag = "automation",
    operation_id = "automation.webhook.ping",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "Sent: the attempt says whether the endpoint took it",
            body = WebhookPingOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Five tests were sent to it in the last minute",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn ping(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let target = endpoint::find(&txn, id.into_inner()).await?;
    let minute_ago = chrono::Utc::now() - chrono::Duration::minutes(1);
    let recent = log::pings_since(&txn, target.id, minute_ago).await?;
    txn.commit().await?;
    if recent >= PINGS_PER_MINUTE {
        return Err(RateLimited { retry_after: 60 }.into());
    }
    let ping = log::ping_of(&target)?;
    let outcome = Poster::from_config(&state.config)
        .post(&target, &ping)
        .await;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let (row, tried) = log::record_ping(&txn, &principal, ping, &outcome).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(WebhookPingOut {
        delivery: delivery_out(row),
        attempt: attempt_out(tried),
    }))
}

pub fn delivery_out(row: delivery::Model) -> WebhookDeliveryOut {
    WebhookDeliveryOut {
        id: row.id,
        endpoint_id: row.endpoint_id,
        event_id: row.event_id,
        event_type: row.event_type,
        status: row.status,
        attempts: row.attempts,
        next_attempt_at: row.next_attempt_at,
        last_status: row.last_status,
        last_error: row.last_error,
        created_at: row.created_at,
        updated_at: row.updated_at,
        delivered_at: row.delivered_at,
    }
}

fn attempt_out(row: attempt::Model) -> WebhookAttemptOut {
    WebhookAttemptOut {
        id: row.id,
        at: row.at,
        status_code: row.status_code,
        latency_ms: row.latency_ms,
        response_excerpt: row.response_excerpt,
        error: row.error,
    }
}
