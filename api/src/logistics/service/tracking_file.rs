//! Carrier events from a CSV file, as carriers hand out their reports: the fields of the API's
//! events, every row checked and every tracking code known before any event is recorded.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use openapi::logistics::{TrackingEventIn, TrackingStatus};
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
use validator::Validate;

use entity::shipment;

use crate::db::TenantTransaction;
use crate::extract::field_errors;
use crate::import_file::{self, ImportRequest, RowErrors};
use crate::logistics::error::LogisticsError;
use crate::tenancy::service::calendar::calendar_of;

/// The columns of a tracking file.
pub const COLUMNS: [&str; 6] = [
    "tracking_code",
    "carrier_event_id",
    "status",
    "occurred_at",
    "place",
    "description",
];
const REQUIRED: [&str; 4] = ["tracking_code", "carrier_event_id", "status", "occurred_at"];

/// Rows one file holds at most.
pub const MAX_ROWS: usize = 5000;

/// Times without an offset, as spreadsheets write them; read in the store's time zone.
const LOCAL_TIMES: [&str; 4] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
];

/// One event of the file and the line it was on.
struct TrackingRow {
    line: u64,
    event: TrackingEventIn,
}

/// Reads a tracking file: every row checked, its tracking code too, before any is kept; the
/// bad ones listed with their line and column. `occurred_at` is RFC 3339, or a local time in
/// the store's time zone.
pub async fn read_file(
    txn: &TenantTransaction,
    request: &ImportRequest<'_>,
) -> Result<Vec<TrackingEventIn>, LogisticsError> {
    let zone = calendar_of(txn).await?.timezone();
    let (rows, mut errors) = parse_file(request, zone)?;
    unknown_codes(txn, &rows, &mut errors).await?;
    errors.check(0).map_err(LogisticsError::BadFile)?;
    Ok(rows.into_iter().map(|r| r.event).collect())
}

fn parse_file(
    request: &ImportRequest<'_>,
    zone: Tz,
) -> Result<(Vec<TrackingRow>, RowErrors), LogisticsError> {
    let max_rows = request.max_rows.min(MAX_ROWS);
    let file = import_file::parse(request.file, &REQUIRED, &COLUMNS, max_rows)?;
    let mut errors = RowErrors::default();
    let mut rows = Vec::with_capacity(file.rows.len());
    for line in &file.rows {
        let text = |column: &str| line.get(column).map(str::to_owned);
        let Some(status) = line.get("status").and_then(status_of) else {
            errors.add(line.line, "status", "must be one of posted, in_transit, out_for_delivery, delivery_failed, delivered, returned_to_sender");
            continue;
        };
        let Some(occurred_at) = line.get("occurred_at").and_then(|t| time_of(t, zone)) else {
            errors.add(
                line.line,
                "occurred_at",
                "must be a date and time (2026-11-24T09:12:00-03:00 or 2026-11-24 09:12)",
            );
            continue;
        };
        let event = TrackingEventIn {
            tracking_code: text("tracking_code").unwrap_or_default(),
            carrier_event_id: text("carrier_event_id").unwrap_or_default(),
            status,
            occurred_at,
            place: text("place"),
            description: text("description"),
        };
        if let Err(invalid) = event.validate() {
            for error in field_errors(&invalid) {
                errors.add(line.line, &error.field, error.message);
            }
            continue;
        }
        rows.push(TrackingRow {
            line: line.line,
            event,
        });
    }
    Ok((rows, errors))
}

/// Lists the rows naming a tracking code no shipment of the store has.
async fn unknown_codes(
    txn: &TenantTransaction,
    rows: &[TrackingRow],
    errors: &mut RowErrors,
) -> Result<(), LogisticsError> {
    let codes: HashSet<&str> = rows
        .iter()
        .map(|r| r.event.tracking_code.as_str())
        .collect();
    let known: HashSet<String> = txn
        .find::<shipment::Entity>()
        .select_only()
        .column(shipment::Column::TrackingCode)
        .filter(shipment::Column::TrackingCode.is_in(codes))
        .into_tuple::<Option<String>>()
        .all(txn)
        .await?
        .into_iter()
        .flatten()
        .collect();
    for row in rows
        .iter()
        .filter(|r| !known.contains(&r.event.tracking_code))
    {
        errors.add(
            row.line,
            "tracking_code",
            "no shipment of the store has this tracking code",
        );
    }
    Ok(())
}

/// A status as the API names it; spaces, hyphens and case as a spreadsheet may write them.
fn status_of(text: &str) -> Option<TrackingStatus> {
    let name = text.trim().to_lowercase().replace([' ', '-'], "_");
    serde_json::from_value(serde_json::Value::String(name)).ok()
}

fn time_of(text: &str, zone: Tz) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    LOCAL_TIMES.iter().find_map(|format| {
        let local = NaiveDateTime::parse_from_str(text, format).ok()?;
        Some(
            zone.from_local_datetime(&local)
                .earliest()?
                .with_timezone(&Utc),
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_read_as_a_spreadsheet_may_write_it() {
        assert_eq!(status_of("In Transit"), Some(TrackingStatus::InTransit));
        assert_eq!(
            status_of("out-for-delivery"),
            Some(TrackingStatus::OutForDelivery)
        );
        assert_eq!(status_of("delivered"), Some(TrackingStatus::Delivered));
        assert_eq!(status_of("lost"), None);
    }

    #[test]
    fn a_local_time_is_read_in_the_stores_zone() {
        let zone: Tz = "America/Sao_Paulo".parse().unwrap();
        let expected = DateTime::parse_from_rfc3339("2026-11-24T12:12:00Z").unwrap();
        assert_eq!(time_of("2026-11-24 09:12", zone), Some(expected.into()));
        assert_eq!(time_of("24/11/2026 09:12", zone), Some(expected.into()));
        assert_eq!(
            time_of("2026-11-24T09:12:00-03:00", zone),
            Some(expected.into())
        );
        assert_eq!(time_of("ontem", zone), None);
    }
}
