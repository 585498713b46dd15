//! `/support/settings`: the store's support desk settings.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use openapi::support::{SupportSettingsIn, SupportSettingsOut};

use entity::support_settings;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::ValidJson;
use crate::state::AppState;
use crate::support::service::settings;

fn settings_out(row: support_settings::Model) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version)))
        .json(SupportSettingsOut {
            address: row.address,
            version: row.version,
        })
}

/// The support desk's settings (version 0 until first saved).
#[utoipa::path(
    get, path = "/api/v1/support/settings", tag = "support",
    operation_id = "support.settings.get",
    responses((status = 200, body = SupportSettingsOut)),
    security(("bearer" = []))
)]
pub async fn get_settings(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let row = settings::read(&txn).await?;
    txn.commit().await?;
    Ok(settings_out(row))
}

/// Saves the support desk's settings.
#[utoipa::path(
    put, path = "/api/v1/support/settings", tag = "support",
    operation_id = "support.settings.update",
    request_body(content = SupportSettingsIn),
    params(("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = SupportSettingsOut),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_settings(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<SupportSettingsIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let row = settings::write(&txn, &principal, &input, expected).await?;
    txn.commit().await?;
    Ok(settings_out(row))
}
