//! `POST /inventory/levels/import` and `GET /inventory/levels/export`: stock as CSV.

use actix_web::{HttpResponse, web};
use openapi::common::ImportQuery;
use openapi::inventory::StockImportOut;

use crate::auth::permission::Permission;
use crate::auth::principal::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{CsvBody, ValidQuery, csv_download};
use crate::inventory::service::import_export as service;
use crate::state::AppState;

/// Sets on hand from CSV (columns `sku`, `location_code`, `on_hand`); each difference is a
/// movement. All or nothing: bad rows are 422, each with its line, column and reason.
#[utoipa::path(
    post, path = "/api/v1/inventory/levels/import", tag = "inventory",
    operation_id = "inventory.level.import",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", example = json!(
        "sku,location_code,on_hand\n\
         CAM-P,CD-SP,40\n\
         CAM-M,CD-SP,35\n"
    )),
    responses(
        (status = 200, body = StockImportOut),
        (status = 415, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn import_stock(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<ImportQuery>,
    CsvBody(file): CsvBody,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::StockCount)?;
    let dry_run = query.dry_run.unwrap_or(false);
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let summary = service::import_stock(&txn, &principal, &file, dry_run).await?;
    if dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    Ok(HttpResponse::Ok().json(StockImportOut {
        dry_run: summary.dry_run,
        rows: summary.rows,
        changed: summary.changed,
    }))
}

/// Every stock level as CSV.
#[utoipa::path(
    get, path = "/api/v1/inventory/levels/export", tag = "inventory",
    operation_id = "inventory.level.export",
    responses((status = 200, body = String, content_type = "text/csv", example = json!(
        "sku,location_code,on_hand,reserved,unsellable,incoming,available\n\
         CAM-P,CD-SP,42,5,1,60,36\n\
         CAM-M,CD-SP,35,0,0,0,35\n"
    ))),
    security(("bearer" = []))
)]
pub async fn export_stock(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::InventoryRead)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let file = service::export_stock(&txn, &principal).await?;
    txn.commit().await?;
    Ok(csv_download("stock.csv", file))
}
