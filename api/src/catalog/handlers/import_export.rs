//! `POST /catalog/import` and `GET /catalog/export`: products and variants as CSV.

use actix_web::{HttpResponse, web};
use openapi::catalog::CatalogImportOut;
use openapi::common::ImportQuery;

use crate::access::Principal;
use crate::catalog::service::import_export as service;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{CsvBody, ValidQuery, csv_download};
use crate::import_file::ImportRequest;
use crate::state::AppState;

/// A catalog file as the import reads it and the export writes it (the spec's example).
const CATALOG_CSV: &str = "product_name,sku,price,barcode,cost,weight_grams,ncm,options\n\
    Camiseta Básica,CAM-P,59.90,7891234567895,21.30,180,61091000,size=P\n\
    Camiseta Básica,CAM-M,59.90,,21.30,190,61091000,size=M\n";

/// Imports products and variants from CSV (columns `product_name`, `sku`, `price`, and
/// optionally `barcode`, `cost`, `weight_grams`, `ncm`, `options` as `size=M;colour=blue`).
/// A known SKU is updated, a new one added to the product of that name. Every row is checked
/// before any is written: a file with bad values is 422 listing them (line, column, reason;
/// the first 1000, with `row_error_count`) and changes nothing, and a file of more rows than
/// the server takes (50,000 unless configured) is 422 `import/too-many-rows`. Rows are then
/// written 500 per transaction: should writing fail midway, sending the same file again
/// finishes the import.
#[utoipa::path(
    post, path = "/api/v1/catalog/import", tag = "catalog", operation_id = "catalog.import",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", example = json!(CATALOG_CSV)),
    responses(
        (status = 200, body = CatalogImportOut),
        (status = 415, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn import_catalog(
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
    let summary = service::import_catalog(&state.db, &principal, request).await?;
    Ok(HttpResponse::Ok().json(CatalogImportOut {
        dry_run: summary.dry_run,
        rows: summary.rows,
        created_products: summary.created_products,
        created_variants: summary.created_variants,
        updated_variants: summary.updated_variants,
    }))
}

/// Every variant as CSV, in the columns the import reads.
#[utoipa::path(
    get, path = "/api/v1/catalog/export", tag = "catalog", operation_id = "catalog.export",
    responses((status = 200, body = String, content_type = "text/csv", example = json!(CATALOG_CSV))),
    security(("bearer" = []))
)]
pub async fn export_catalog(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let file = service::export_catalog(&txn).await?;
    txn.commit().await?;
    Ok(csv_download("catalog.csv", file))
}
