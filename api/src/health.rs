//! `/health/live` (the process answers) and `/health/ready` (the database answers too).

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::db;
use crate::error::{ApiError, ErrorKind};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/health/live").get(live))
        .service(web::resource("/health/ready").get(ready));
}

/// The process is up.
#[utoipa::path(get, path = "/health/live", tag = "health", operation_id = "health.live",
    responses((status = 200, description = "Alive")))]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// The process is up and its database answers.
#[utoipa::path(get, path = "/health/ready", tag = "health", operation_id = "health.ready",
    responses(
        (status = 200, description = "Ready"),
        (status = 503, body = openapi::Problem, content_type = "application/problem+json"),
    ))]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    db::ping(&state.db).await.map_err(|error| {
        tracing::warn!(%error, "readiness check failed");
        ApiError::keyed(
            ErrorKind::Unavailable,
            "health/database-unavailable",
            crate::i18n::Key::ProblemDatabaseUnavailable,
        )
    })?;
    Ok(HttpResponse::Ok().json(json!({ "status": "ok", "database": "ok" })))
}
