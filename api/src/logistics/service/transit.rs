//! A service's transit table: read, replaced whole (as JSON or from a CSV file), exported, and
//! asked how long the service takes to a destination.

use openapi::logistics::{TransitQuery, TransitRow, TransitTable, Uf};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;
use validator::Validate;

use entity::transit_time;

use super::carrier::find_service;
use super::rates::{Carrier, Destination, TableRates, Transit};
use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::csv_export;
use crate::db::TenantTransaction;
use crate::extract::field_errors;
use crate::import_file::{self, ImportRequest, RowErrors};
use crate::logistics::error::LogisticsError;

/// The columns of a transit table file, in the order the export writes them.
pub const COLUMNS: [&str; 5] = ["state", "postal_from", "postal_to", "country", "days"];
const REQUIRED: [&str; 1] = ["days"];

/// Rows one table holds at most.
pub const MAX_ROWS: usize = 5000;

fn row_of(model: transit_time::Model) -> TransitRow {
    let regional = model.state.is_some() || model.postal_from.is_some();
    TransitRow {
        state: model.state,
        postal_from: model.postal_from,
        postal_to: model.postal_to,
        country: (!regional).then_some(model.country),
        days: model.days,
    }
}

pub async fn read_table(
    txn: &TenantTransaction,
    service_id: Uuid,
) -> Result<TransitTable, LogisticsError> {
    find_service(txn, service_id).await?;
    let rows = txn
        .find::<transit_time::Entity>()
        .filter(transit_time::Column::ServiceId.eq(service_id))
        .order_by_asc(transit_time::Column::Position)
        .all(txn)
        .await?;
    Ok(TransitTable {
        rows: rows.into_iter().map(row_of).collect(),
    })
}

/// Replaces the service's table with `table` (already valid).
pub async fn replace_table(
    txn: &TenantTransaction,
    principal: &Principal,
    service_id: Uuid,
    table: &TransitTable,
) -> Result<TransitTable, LogisticsError> {
    let service = find_service(txn, service_id).await?;
    let before = txn
        .delete_many::<transit_time::Entity>()
        .filter(transit_time::Column::ServiceId.eq(service_id))
        .exec(txn)
        .await?
        .rows_affected;
    let models: Vec<transit_time::ActiveModel> = table
        .rows
        .iter()
        .zip(0..)
        .map(|(row, position)| {
            transit_time::ActiveModel::from(stored(txn, service_id, row, position))
        })
        .collect();
    for chunk in models.chunks(500) {
        transit_time::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    let change = Change {
        action: "transit_table.replace",
        entity_type: "carrier_service",
        entity_id: Some(service.id),
        before: Some(json!({ "rows": before })),
        after: Some(json!({ "rows": table.rows.len() })),
    };
    audit::record(txn, principal, change).await?;
    Ok(table.clone())
}

fn stored(
    txn: &TenantTransaction,
    service_id: Uuid,
    row: &TransitRow,
    position: i32,
) -> transit_time::Model {
    transit_time::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        service_id,
        country: row.country.clone().unwrap_or_else(|| "BR".into()),
        state: row.state,
        postal_from: row.postal_from.clone(),
        postal_to: row.postal_to.clone(),
        days: row.days,
        position,
    }
}

/// Reads a transit table file: every row checked before any is kept, a bad one listed with
/// its line and column. A postal code may be written `01310-200`; a state in any case.
pub fn parse_file(request: &ImportRequest<'_>) -> Result<TransitTable, LogisticsError> {
    let max_rows = request.max_rows.min(MAX_ROWS);
    let file = import_file::parse(request.file, &REQUIRED, &COLUMNS, max_rows)?;
    let mut errors = RowErrors::default();
    let mut rows = Vec::with_capacity(file.rows.len());
    for line in &file.rows {
        let text = |column: &str| line.get(column).map(str::to_owned);
        let cep = |column: &str| {
            line.get(column)
                .map(|v| super::cep::digits(v).unwrap_or(v.to_owned()))
        };
        let state = match line.get("state") {
            Some(code) => match Uf::parse(code) {
                Some(uf) => Some(uf),
                None => {
                    errors.add(line.line, "state", "is not a Brazilian state (UF)");
                    continue;
                }
            },
            None => None,
        };
        let Some(days) = line.get("days").and_then(|d| d.parse::<i32>().ok()) else {
            errors.add(line.line, "days", "must be a whole number of days");
            continue;
        };
        let row = TransitRow {
            state,
            postal_from: cep("postal_from"),
            postal_to: cep("postal_to"),
            country: text("country").map(|c| c.to_uppercase()),
            days,
        };
        if let Err(invalid) = row.validate() {
            for error in field_errors(&invalid) {
                errors.add(line.line, &error.field, error.message);
            }
            continue;
        }
        rows.push(row);
    }
    errors.check(0).map_err(LogisticsError::BadFile)?;
    Ok(TransitTable { rows })
}

/// The table as a CSV file, in the columns the import reads.
pub fn export_file(table: &TransitTable) -> Vec<u8> {
    let rows = table.rows.iter().map(|row| {
        vec![
            row.state.map(|s| s.as_str().to_owned()).unwrap_or_default(),
            row.postal_from.clone().unwrap_or_default(),
            row.postal_to.clone().unwrap_or_default(),
            row.country.clone().unwrap_or_default(),
            row.days.to_string(),
        ]
    });
    csv_export::write(&COLUMNS, rows)
}

/// How long a service takes to a destination, by the store's table.
pub async fn quote(
    txn: &TenantTransaction,
    query: &TransitQuery,
) -> Result<Transit, LogisticsError> {
    let table = read_table(txn, query.service_id).await?;
    let destination = Destination::of(
        query.country.as_deref(),
        query.state.as_deref(),
        query.postal_code.as_deref(),
    );
    TableRates { rows: table.rows }
        .transit(&destination)
        .await?
        .ok_or(LogisticsError::NotServed)
}
