//! `POST /inventory/levels/import` and `GET /inventory/levels/export`: stock as CSV.

use actix_web::{HttpResponse, web};
use openapi::common::ImportQuery;
use openapi::inventory::StockImportOut;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{CsvBody, ValidQuery, csv_download};
use crate::import_file::ImportRequest;
use crate::inventory::service::import_export as service;
use crate::state::AppState;

/// Sets on hand from CSV (columns `sku`, `location_code`, `on_hand`); each difference is a
/// movement. Every row is checked before any is written: bad values are 422, each with its
/// line, column and reason (the first 1000, with `row_error_count`), and change nothing; a
/// file of more rows than the server takes (50,000 unless configured) is 422
/// `import/too-many-rows`. Levels are then set 500 per transaction: should writing fail
/// midway, sending the same file again finishes the import.
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
    let request = ImportRequest {
        file: &file,
        dry_run: query.dry_run.unwrap_or(false),
        max_rows: state.config.limits.import_max_rows,
    };
    let summary = service::import_stock(&state.db, &principal, request).await?;
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
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let file = service::export_stock(&txn).await?;
    txn.commit().await?;
    Ok(csv_download("stock.csv", file))
}
