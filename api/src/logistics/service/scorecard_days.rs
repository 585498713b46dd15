//! The scorecard's read model: a store's shipments counted per span of posting (its day, ten
//! days and month in the store's time zone, `scorecard_spans`), service, destination state and
//! days from posting to delivery, so the scorecard over a million shipments reads a few
//! thousand rows instead of every shipment and its fulfilment. A shipment counts once posted;
//! each change of it moves its counts from one row of each span to another in the same
//! transaction (`follow`).
//!
//! The counts are in the time zone `scorecard_builds` names. Until a store has that row, or
//! when its time zone changed since, the scorecard reads the shipments themselves and the
//! late sweep counts them all again (`scorecard_recount`). On PostgreSQL that count holds the
//! store's advisory lock, which every `follow` takes shared, so no change slips between its
//! reading of the shipments and its writing; SQLite runs one writer at a time.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use chrono_tz::Tz;
use sea_orm::sea_query::{Alias, Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Statement,
};
use uuid::Uuid;

use entity::closed_sets::{ShipmentStatus, Uf};
use entity::{scorecard_build, scorecard_day, shipment};

use crate::db::{TenantTransaction, units_sum};

use super::scorecard_spans::{self, Span};

/// Shipments, on time, failed attempts, returned to sender.
pub type Counts = [i64; 4];

/// A row a shipment counts in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DayKey {
    pub span: Span,
    /// The first day of the span it was posted in.
    pub posted_on: NaiveDate,
    pub service_id: Uuid,
    pub state: Option<Uf>,
    /// Days from posting to delivery; None before delivery.
    pub days: Option<i64>,
}

impl DayKey {
    /// Any one order of rows that every writer follows.
    fn order(&self) -> (Span, NaiveDate, Uuid, &'static str, Option<i64>) {
        let state = self.state.map_or("", |s| s.as_str());
        (self.span, self.posted_on, self.service_id, state, self.days)
    }
}

/// What a shipment adds to the scorecard, in each span it counts in.
pub(super) fn contributions(
    shipment: &shipment::Model,
    deliver_by: Option<NaiveDate>,
    tz: Tz,
) -> Vec<(DayKey, Counts)> {
    let Some((key, counts)) = contribution(shipment, deliver_by, tz) else {
        return Vec::new();
    };
    let in_span = |span: Span| DayKey {
        span,
        posted_on: span.start(key.posted_on),
        ..key.clone()
    };
    Span::ALL.map(|span| (in_span(span), counts)).to_vec()
}

/// What a shipment adds to the scorecard in its day, `deliver_by` its fulfilment's promise:
/// nothing before it is posted or without a service (as the scorecard reads shipments).
fn contribution(
    shipment: &shipment::Model,
    deliver_by: Option<NaiveDate>,
    tz: Tz,
) -> Option<(DayKey, Counts)> {
    let service_id = shipment.service_id?;
    let posted_on = shipment.posted_at?.with_timezone(&tz).date_naive();
    let delivered_on = shipment
        .delivered_at
        .map(|at| at.with_timezone(&tz).date_naive());
    let on_time = delivered_on.is_some_and(|day| deliver_by.is_some_and(|promise| day <= promise));
    let key = DayKey {
        span: Span::Day,
        posted_on,
        service_id,
        state: shipment.destination_state,
        days: delivered_on.map(|day| (day - posted_on).num_days()),
    };
    let returned = shipment.status == ShipmentStatus::ReturnedToSender;
    let counts = [
        1,
        i64::from(on_time),
        i64::from(shipment.failed_attempts.max(0)),
        i64::from(returned),
    ];
    Some((key, counts))
}

/// The store's advisory lock on PostgreSQL, shared or not, until the transaction ends.
pub(super) async fn lock(txn: &TenantTransaction, shared: bool) -> Result<(), DbErr> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let bytes = txn.tenant().into_uuid().into_bytes();
    let mut high = [0u8; 8];
    high.copy_from_slice(&bytes[8..]);
    let key = i64::from_be_bytes(high) ^ 0x5c0e_ca4d;
    let function = if shared {
        "pg_advisory_xact_lock_shared"
    } else {
        "pg_advisory_xact_lock"
    };
    let sql = format!("SELECT {function}($1)");
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [key.into()],
    ))
    .await?;
    Ok(())
}

/// The time zone the store's counts are in, if they are kept.
pub async fn counted_in(txn: &TenantTransaction) -> Result<Option<Tz>, DbErr> {
    let build = txn.find::<scorecard_build::Entity>().one(txn).await?;
    Ok(build.and_then(|b| b.timezone.parse().ok()))
}

/// Moves a changed shipment's counts, `deliver_by` its fulfilment's promise.
pub async fn follow(
    txn: &TenantTransaction,
    before: &shipment::Model,
    after: &shipment::Model,
    deliver_by: Option<NaiveDate>,
) -> Result<(), DbErr> {
    let mut changes = Changes::default();
    changes.follow(txn, before, after, deliver_by).await?;
    changes.write(txn).await
}

/// The changes of the counts a transaction makes, summed per row and written together by
/// `write`, in the order of their rows: two transactions never wait on each other's rows in
/// a circle, and a row shared by many shipments (a month's) is held only from there to commit.
#[derive(Default)]
pub struct Changes {
    /// The time zone the counts are kept in, once asked (None: not kept).
    counted_in: Option<Option<Tz>>,
    rows: HashMap<DayKey, Counts>,
}

impl Changes {
    /// Adds a changed shipment's move of its counts.
    pub async fn follow(
        &mut self,
        txn: &TenantTransaction,
        before: &shipment::Model,
        after: &shipment::Model,
        deliver_by: Option<NaiveDate>,
    ) -> Result<(), DbErr> {
        if counted_alike(before, after) {
            return Ok(());
        }
        let tz = match self.counted_in {
            Some(tz) => tz,
            None => {
                lock(txn, true).await?;
                let tz = counted_in(txn).await?;
                self.counted_in = Some(tz);
                tz
            }
        };
        let Some(tz) = tz else {
            return Ok(());
        };
        let taken = contributions(before, deliver_by, tz)
            .into_iter()
            .map(|(key, counts)| (key, counts.map(|n| -n)));
        for (key, counts) in taken.chain(contributions(after, deliver_by, tz)) {
            let sum = self.rows.entry(key).or_default();
            sum.iter_mut().zip(counts).for_each(|(s, n)| *s += n);
        }
        Ok(())
    }

    /// Writes the changes, each row once (a statement may change a row only once).
    pub async fn write(self, txn: &TenantTransaction) -> Result<(), DbErr> {
        let mut rows: Vec<(DayKey, Counts)> = self
            .rows
            .into_iter()
            .filter(|(_, counts)| counts.iter().any(|n| *n != 0))
            .collect();
        rows.sort_by_cached_key(|(key, _)| key.order());
        add(txn, rows.iter().map(|(k, c)| row(txn, k, *c)).collect()).await
    }
}

/// Whether two versions of a shipment count the same in any time zone (most tracking events
/// change nothing the scorecard counts).
fn counted_alike(a: &shipment::Model, b: &shipment::Model) -> bool {
    let returned = |s: &shipment::Model| s.status == ShipmentStatus::ReturnedToSender;
    (
        a.service_id,
        a.destination_state,
        a.posted_at,
        a.delivered_at,
    ) == (
        b.service_id,
        b.destination_state,
        b.posted_at,
        b.delivered_at,
    ) && returned(a) == returned(b)
        && a.failed_attempts.max(0) == b.failed_attempts.max(0)
}

pub(super) fn row(
    txn: &TenantTransaction,
    key: &DayKey,
    counts: Counts,
) -> scorecard_day::ActiveModel {
    scorecard_day::ActiveModel::from(scorecard_day::Model {
        tenant_id: txn.tenant(),
        span: key.span.as_str().to_owned(),
        posted_on: key.posted_on,
        service_id: key.service_id,
        state: key.state.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        delivered: i32::from(key.days.is_some()),
        days: key
            .days
            .unwrap_or(0)
            .clamp(i32::MIN.into(), i32::MAX.into()) as i32,
        shipments: counts[0],
        on_time: counts[1],
        failed_attempts: counts[2],
        returned_to_sender: counts[3],
    })
}

/// Adds `rows` (distinct keys) to the counts.
pub(super) async fn add(
    txn: &TenantTransaction,
    rows: Vec<scorecard_day::ActiveModel>,
) -> Result<(), DbErr> {
    use scorecard_day::Column as C;
    if rows.is_empty() {
        return Ok(());
    }
    use sea_orm::sea_query::ExprTrait;
    let sum = |column: C| {
        let excluded = Expr::col((Alias::new("excluded"), column));
        (
            column,
            Expr::col((scorecard_day::Entity, column)).add(excluded),
        )
    };
    let upsert = OnConflict::columns([
        C::TenantId,
        C::Span,
        C::PostedOn,
        C::ServiceId,
        C::State,
        C::Delivered,
        C::Days,
    ])
    .values([
        sum(C::Shipments),
        sum(C::OnTime),
        sum(C::FailedAttempts),
        sum(C::ReturnedToSender),
    ])
    .to_owned();
    scorecard_day::Entity::insert_many(rows)
        .on_conflict(upsert)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// One row of the counts as the scorecard reads them: per service, state, month of posting
/// and days to delivery.
pub struct Counted {
    pub service_id: Uuid,
    pub state: Option<Uf>,
    pub month: String,
    pub days: Option<i64>,
    pub counts: Counts,
}

type CountedRow = (Uuid, String, String, i32, i32, i64, i64, i64, i64);

/// The counts of shipments posted from `first` to `last` (days of the store), when they are
/// kept in `tz`; None when they are not.
pub async fn counted(
    txn: &TenantTransaction,
    tz: Tz,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Option<Vec<Counted>>, DbErr> {
    use scorecard_day::Column as C;
    if counted_in(txn).await? != Some(tz) {
        return Ok(None);
    }
    let month = Expr::cust("substr(CAST(posted_on AS TEXT), 1, 7)");
    let mut starts: BTreeMap<Span, Vec<NaiveDate>> = BTreeMap::new();
    for (span, start) in scorecard_spans::covering(first, last) {
        starts.entry(span).or_default().push(start);
    }
    // A query per kind of span: each reads its rows through the key's (store, span, day).
    let mut rows: Vec<CountedRow> = Vec::new();
    for (span, days) in starts {
        let these: Vec<CountedRow> = txn
            .find::<scorecard_day::Entity>()
            .filter(C::Span.eq(span.as_str()))
            .filter(C::PostedOn.is_in(days))
            .select_only()
            .column(C::ServiceId)
            .column(C::State)
            .column_as(month.clone(), "month")
            .column(C::Delivered)
            .column(C::Days)
            .column_as(units_sum(C::Shipments), "shipments")
            .column_as(units_sum(C::OnTime), "on_time")
            .column_as(units_sum(C::FailedAttempts), "failed_attempts")
            .column_as(units_sum(C::ReturnedToSender), "returned_to_sender")
            .group_by(C::ServiceId)
            .group_by(C::State)
            .group_by(month.clone())
            .group_by(C::Delivered)
            .group_by(C::Days)
            .into_tuple()
            .all(txn)
            .await?;
        rows.extend(these);
    }
    let counted = rows
        .into_iter()
        .filter(|row| row.5 > 0)
        .map(
            |(service_id, state, month, delivered, days, n, on, failed, back)| Counted {
                service_id,
                state: Uf::parse(&state),
                month,
                days: (delivered == 1).then_some(i64::from(days)),
                counts: [n, on, failed, back],
            },
        )
        .collect();
    Ok(Some(counted))
}
