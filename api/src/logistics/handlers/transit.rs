//! `/logistics/services/{id}/transit-times…` and `/logistics/transit-quote`.

use actix_web::{HttpResponse, web};
use openapi::common::ImportQuery;
use openapi::logistics::{
    PromiseOut, PromiseQuery, TransitImportOut, TransitQuery, TransitQuoteOut, TransitTable,
};
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{CsvBody, ValidJson, ValidQuery, csv_download};
use crate::import_file::ImportRequest;
use crate::logistics::service::promise::{self, Promise};
use crate::logistics::service::transit as service;
use crate::state::AppState;

/// A transit table file as the import reads it and the export writes it.
const TRANSIT_CSV: &str = "state,postal_from,postal_to,country,days\n\
    SP,,,,2\n\
    ,01000000,05999999,,1\n\
    ,,,BR,8\n";

/// A service's transit table: working days from dispatch to each region.
#[utoipa::path(
    get, path = "/api/v1/logistics/services/{id}/transit-times", tag = "logistics",
    operation_id = "logistics.transit.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = TransitTable),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_transit_table(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let table = service::read_table(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(table))
}

/// Replaces a service's transit table. Each row names one region (a state, a postal range
/// with `postal_from` ≤ `postal_to`, or a country alone).
#[utoipa::path(
    put, path = "/api/v1/logistics/services/{id}/transit-times", tag = "logistics",
    operation_id = "logistics.transit.put",
    request_body(content = TransitTable, example = json!({ "rows": [
        { "state": "SP", "days": 2 },
        { "postal_from": "01000000", "postal_to": "05999999", "days": 1 },
        { "country": "BR", "days": 8 }
    ]})),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = TransitTable),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_transit_table(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(table): ValidJson<TransitTable>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let table = service::replace_table(&txn, &principal, id.into_inner(), &table).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(table))
}

/// Replaces a service's transit table from CSV (columns `days` and one region per row:
/// `state`, or `postal_from` and `postal_to`, or `country`), as carriers hand it out. Every
/// row is checked first: a file with bad values is 422 listing them (line, column, reason)
/// and changes nothing.
#[utoipa::path(
    post, path = "/api/v1/logistics/services/{id}/transit-times/import", tag = "logistics",
    operation_id = "logistics.transit.import",
    params(("id" = Uuid, Path), ImportQuery),
    request_body(content = String, content_type = "text/csv", example = json!(TRANSIT_CSV)),
    responses(
        (status = 200, body = TransitImportOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 415, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn import_transit_table(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<ImportQuery>,
    CsvBody(file): CsvBody,
) -> Result<HttpResponse, ApiError> {
    let dry_run = query.dry_run.unwrap_or(false);
    let request = ImportRequest {
        file: &file,
        dry_run,
        max_rows: state.config.limits.import_max_rows,
    };
    let table = service::parse_file(&request)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    if dry_run {
        service::read_table(&txn, id.into_inner()).await?;
    } else {
        service::replace_table(&txn, &principal, id.into_inner(), &table).await?;
    }
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(TransitImportOut {
        dry_run,
        rows: table.rows.len(),
    }))
}

/// A service's transit table as CSV, in the columns the import reads.
#[utoipa::path(
    get, path = "/api/v1/logistics/services/{id}/transit-times/export", tag = "logistics",
    operation_id = "logistics.transit.export",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = String, content_type = "text/csv", example = json!(TRANSIT_CSV)),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn export_transit_table(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let table = service::read_table(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(csv_download(
        "transit-times.csv",
        service::export_file(&table),
    ))
}

/// How many working days a service takes to a destination, by its transit table: the
/// narrowest postal range holding the postal code, then the state (read from a Brazilian
/// postal code when not given), then the country. 404 `logistics/not-served` when no row
/// covers it.
#[utoipa::path(
    get, path = "/api/v1/logistics/transit-quote", tag = "logistics",
    operation_id = "logistics.transit.quote",
    params(TransitQuery),
    responses(
        (status = 200, body = TransitQuoteOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn quote_transit(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<TransitQuery>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let transit = service::quote(&txn, &query).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(TransitQuoteOut {
        service_id: query.service_id,
        days: transit.days,
        row: transit.row,
    }))
}

/// The dates the store can promise for an order paid at `paid_at` (now when not given), sent
/// from a location by a service to a destination: the day it can leave (the store's cut-off
/// decides), the day it must ship (the location's handling time later) and the day it should
/// arrive (the service's transit time after that), in the store's working days, skipping its
/// weekends and holidays. 404 `logistics/not-served` when the service does not go there.
#[utoipa::path(
    get, path = "/api/v1/logistics/promise", tag = "logistics",
    operation_id = "logistics.promise.get",
    params(PromiseQuery),
    responses(
        (status = 200, body = PromiseOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_promise(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<PromiseQuery>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let promise = promise::promise(&txn, &query).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(promise_out(promise)))
}

fn promise_out(promise: Promise) -> PromiseOut {
    PromiseOut {
        dispatch_day: promise.dispatch_day,
        ship_by: promise.ship_by,
        deliver_by: promise.deliver_by,
        handling_days: promise.handling_days,
        transit_days: promise.transit_days,
    }
}
