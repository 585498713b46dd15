//! The carrier scorecard: the shipments posted in a period, per carrier service, destination
//! state and month of posting: how many, how many delivered and on time (by the promise of
//! their fulfilment), the median and 90th percentile of days from posting to delivery, failed
//! attempts and returns to sender. Read from the store's counts (`scorecard_days`), or from the
//! shipments' posting index while those are not kept.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use entity::closed_sets::{ShipmentStatus, Uf};
use entity::{fulfilment, shipment};
use openapi::logistics::{ScorecardOut, ScorecardQuery, ScorecardRow};

use crate::csv_export;
use crate::db::TenantTransaction;
use crate::logistics::error::LogisticsError;
use crate::tenancy::service::calendar::calendar_of;

use super::fulfilment::view::service_with_carrier;
use super::scorecard_days;

/// What one row is of.
type Key = (Uuid, Option<Uf>, String);

#[derive(Default)]
struct Tally {
    shipments: u64,
    on_time: u64,
    /// Days from posting to delivery of the delivered: how many took each.
    days: BTreeMap<i64, u64>,
    failed_attempts: u64,
    returned_to_sender: u64,
}

/// fulfilment, service, state, status, posted, delivered, failed attempts
type PostedRow = (
    Uuid,
    Option<Uuid>,
    Option<Uf>,
    ShipmentStatus,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    i32,
);

/// A shipment as the scorecard reads it.
struct Posted {
    service_id: Uuid,
    state: Option<Uf>,
    status: ShipmentStatus,
    posted_at: DateTime<Utc>,
    delivered_at: Option<DateTime<Utc>>,
    failed_attempts: i32,
    fulfilment_id: Uuid,
}

pub async fn scorecard(
    txn: &TenantTransaction,
    query: &ScorecardQuery,
) -> Result<ScorecardOut, LogisticsError> {
    let tz = calendar_of(txn).await?.timezone();
    let today = Utc::now().with_timezone(&tz).date_naive();
    let (first, last) = query.period(today);
    let tallies = match scorecard_days::counted(txn, tz, first, last).await? {
        Some(counted) => tallies_of_counts(counted),
        None => tallies_of_shipments(txn, first, last, tz).await?,
    };
    let mut rows = Vec::with_capacity(tallies.len());
    let mut names: HashMap<Uuid, Option<(Uuid, String, String)>> = HashMap::new();
    for ((service_id, state, month), tally) in tallies {
        if let std::collections::hash_map::Entry::Vacant(entry) = names.entry(service_id) {
            let found = service_with_carrier(txn, service_id).await?;
            entry.insert(found.map(|(service, carrier)| (carrier.id, carrier.name, service.name)));
        }
        let Some(Some((carrier_id, carrier, service))) = names.get(&service_id).cloned() else {
            continue;
        };
        if query.carrier_id.is_some_and(|wanted| wanted != carrier_id) {
            continue;
        }
        rows.push(row(
            carrier_id, carrier, service_id, service, state, month, tally,
        ));
    }
    rows.sort_by(|a, b| {
        (&a.carrier, &a.service, &a.month, a.state)
            .cmp(&(&b.carrier, &b.service, &b.month, b.state))
    });
    Ok(ScorecardOut { rows })
}

/// The tallies of the shipments themselves, when the store's counts are not kept.
async fn tallies_of_shipments(
    txn: &TenantTransaction,
    first: NaiveDate,
    last: NaiveDate,
    tz: Tz,
) -> Result<BTreeMap<Key, Tally>, LogisticsError> {
    let posted = posted_between(txn, first, last, tz).await?;
    let promises = promises_of(txn, &posted).await?;
    let mut tallies: BTreeMap<Key, Tally> = BTreeMap::new();
    for shipment in &posted {
        let posted_on = shipment.posted_at.with_timezone(&tz).date_naive();
        let key = (
            shipment.service_id,
            shipment.state,
            posted_on.format("%Y-%m").to_string(),
        );
        let tally = tallies.entry(key).or_default();
        tally.shipments += 1;
        tally.failed_attempts += shipment.failed_attempts.max(0) as u64;
        if shipment.status == ShipmentStatus::ReturnedToSender {
            tally.returned_to_sender += 1;
        }
        if let Some(delivered_at) = shipment.delivered_at {
            let delivered_on = delivered_at.with_timezone(&tz).date_naive();
            *tally
                .days
                .entry((delivered_on - posted_on).num_days())
                .or_default() += 1;
            let promise = promises.get(&shipment.fulfilment_id).copied().flatten();
            if promise.is_some_and(|day| delivered_on <= day) {
                tally.on_time += 1;
            }
        }
    }
    Ok(tallies)
}

/// The same tallies from the store's counts (`scorecard_days`).
fn tallies_of_counts(counted: Vec<scorecard_days::Counted>) -> BTreeMap<Key, Tally> {
    let mut tallies: BTreeMap<Key, Tally> = BTreeMap::new();
    for row in counted {
        let tally = tallies
            .entry((row.service_id, row.state, row.month))
            .or_default();
        let [shipments, on_time, failed, returned] = row.counts.map(|n| n.max(0) as u64);
        tally.shipments += shipments;
        tally.on_time += on_time;
        tally.failed_attempts += failed;
        tally.returned_to_sender += returned;
        if let Some(days) = row.days {
            *tally.days.entry(days).or_default() += shipments;
        }
    }
    tallies
}

fn row(
    carrier_id: Uuid,
    carrier: String,
    service_id: Uuid,
    service: String,
    state: Option<Uf>,
    month: String,
    tally: Tally,
) -> ScorecardRow {
    let delivered = tally.days.values().sum();
    let on_time_percent = (delivered > 0).then(|| {
        let mut percent = Decimal::from(tally.on_time * 100) / Decimal::from(delivered);
        percent = percent.round_dp(1);
        percent.rescale(1);
        percent
    });
    ScorecardRow {
        carrier_id,
        carrier,
        service_id,
        service,
        state,
        month,
        shipments: tally.shipments,
        delivered,
        on_time_percent,
        median_days: percentile(&tally.days, 50),
        p90_days: percentile(&tally.days, 90),
        failed_attempts: tally.failed_attempts,
        returned_to_sender: tally.returned_to_sender,
    }
}

/// The nearest-rank percentile of the values counted in `histogram` (value → how many).
fn percentile(histogram: &BTreeMap<i64, u64>, percent: u64) -> Option<i64> {
    let total: u64 = histogram.values().sum();
    let rank = (percent * total).div_ceil(100).max(1);
    let mut seen = 0;
    for (value, count) in histogram {
        seen += count;
        if seen >= rank {
            return Some(*value);
        }
    }
    None
}

async fn posted_between(
    txn: &TenantTransaction,
    first: NaiveDate,
    last: NaiveDate,
    tz: Tz,
) -> Result<Vec<Posted>, LogisticsError> {
    let start = day_start(first, tz);
    let end = day_start(last.succ_opt().unwrap_or(last), tz);
    let rows: Vec<PostedRow> = txn
        .find::<shipment::Entity>()
        .filter(shipment::Column::PostedAt.gte(start))
        .filter(shipment::Column::PostedAt.lt(end))
        .select_only()
        .column(shipment::Column::FulfilmentId)
        .column(shipment::Column::ServiceId)
        .column(shipment::Column::DestinationState)
        .column(shipment::Column::Status)
        .column(shipment::Column::PostedAt)
        .column(shipment::Column::DeliveredAt)
        .column(shipment::Column::FailedAttempts)
        .into_tuple()
        .all(txn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(
                fulfilment_id,
                service_id,
                state,
                status,
                posted_at,
                delivered_at,
                failed_attempts,
            )| {
                Some(Posted {
                    service_id: service_id?,
                    state,
                    status,
                    posted_at: posted_at?,
                    delivered_at,
                    failed_attempts,
                    fulfilment_id,
                })
            },
        )
        .collect())
}

/// The promised delivery day of each shipment's fulfilment.
async fn promises_of(
    txn: &TenantTransaction,
    posted: &[Posted],
) -> Result<HashMap<Uuid, Option<NaiveDate>>, LogisticsError> {
    let mut ids: Vec<Uuid> = posted.iter().map(|s| s.fulfilment_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut promises = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows: Vec<(Uuid, Option<NaiveDate>)> = txn
            .find::<fulfilment::Entity>()
            .filter(fulfilment::Column::Id.is_in(chunk.iter().copied()))
            .select_only()
            .column(fulfilment::Column::Id)
            .column(fulfilment::Column::DeliverBy)
            .into_tuple()
            .all(txn)
            .await?;
        promises.extend(rows);
    }
    Ok(promises)
}

/// Midnight of `day` in the store's time zone.
fn day_start(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(tz).earliest())
        .map_or_else(
            || day.and_time(chrono::NaiveTime::MIN).and_utc(),
            |at| at.with_timezone(&Utc),
        )
}

const COLUMNS: [&str; 12] = [
    "carrier",
    "service",
    "state",
    "month",
    "shipments",
    "delivered",
    "on_time_percent",
    "median_days",
    "p90_days",
    "failed_attempts",
    "returned_to_sender",
    "service_id",
];

/// The scorecard as CSV (formula-safe, as every export).
pub fn export_file(scorecard: &ScorecardOut) -> Vec<u8> {
    let text = |value: Option<String>| value.unwrap_or_default();
    let rows = scorecard.rows.iter().map(|row| {
        vec![
            row.carrier.clone(),
            row.service.clone(),
            text(row.state.map(|s| s.as_str().to_owned())),
            row.month.clone(),
            row.shipments.to_string(),
            row.delivered.to_string(),
            text(row.on_time_percent.map(|p| p.to_string())),
            text(row.median_days.map(|d| d.to_string())),
            text(row.p90_days.map(|d| d.to_string())),
            row.failed_attempts.to_string(),
            row.returned_to_sender.to_string(),
            row.service_id.to_string(),
        ]
    });
    csv_export::write(&COLUMNS, rows)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::percentile;

    #[test]
    fn percentiles_by_nearest_rank() {
        let histogram = |days: &[i64]| {
            let mut counted = BTreeMap::new();
            for day in days {
                *counted.entry(*day).or_default() += 1;
            }
            counted
        };
        let days = histogram(&[1, 1, 2, 2, 3, 3, 4, 5, 8, 13]);
        assert_eq!(percentile(&days, 50), Some(3));
        assert_eq!(percentile(&days, 90), Some(8));
        assert_eq!(percentile(&histogram(&[4]), 90), Some(4));
        assert_eq!(percentile(&BTreeMap::new(), 50), None);
    }
}
