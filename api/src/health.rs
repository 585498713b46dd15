//! `/health/live` (the process answers) and `/health/ready` (the database answers too, and
//! how much the outbox has yet to do).

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::error::{ApiError, ErrorKind};
use crate::state::AppState;
use crate::{db, outbox};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(get_only("/health/live").get(live))
        .service(get_only("/health/ready").get(ready));
}

/// A resource of the platform's that takes GET alone: another method is 405 with `Allow`, as
/// the modules' routes answer it.
pub fn get_only(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(|| async {
        Err::<HttpResponse, _>(crate::error::ApiError::method_not_allowed("GET".into()))
    }))
}

/// The process is up.
#[utoipa::path(get, path = "/health/live", tag = "health", operation_id = "health.live",
    responses((status = 200, description = "Alive")))]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// The process is up and its database answers; with the outbox's backlog (events waiting,
/// failed for good, and when the oldest waiting one became due).
#[utoipa::path(get, path = "/health/ready", tag = "health", operation_id = "health.ready",
    responses(
        (status = 200, description = "Ready, with the outbox's backlog"),
        (status = 503, body = openapi::Problem, content_type = "application/problem+json"),
    ))]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let unavailable = |error: sea_orm::DbErr| {
        tracing::warn!(%error, "readiness check failed");
        ApiError::keyed(
            ErrorKind::Unavailable,
            "health/database-unavailable",
            crate::i18n::Key::ProblemDatabaseUnavailable,
        )
    };
    db::ping(&state.db).await.map_err(unavailable)?;
    let backlog = outbox::backlog(&state.db).await.map_err(unavailable)?;
    Ok(HttpResponse::Ok().json(json!({ "status": "ok", "database": "ok", "outbox": backlog })))
}
