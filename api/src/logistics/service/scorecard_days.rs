//! The scorecard's read model: a store's shipments counted per day of posting (in the store's
//! time zone), service, destination state and days from posting to delivery, so the scorecard
//! over a million shipments reads a few thousand rows instead of every shipment and its
//! fulfilment. A shipment counts once posted; each change of it moves its count from one row
//! to another in the same transaction (`follow`).
//!
//! The counts are in the time zone `scorecard_builds` names. Until a store has that row, or
//! when its time zone changed since, the scorecard reads the shipments themselves and the
//! late sweep counts them all again (`catch_up`). On PostgreSQL that count holds the store's
//! advisory lock, which every `follow` takes shared, so no change slips between its reading
//! of the shipments and its writing; SQLite runs one writer at a time.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Alias, Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, JoinType,
    QueryFilter, QueryOrder, QueryResult, QuerySelect, Statement,
};
use uuid::Uuid;

use entity::closed_sets::{ShipmentStatus, Uf};
use entity::{fulfilment, scorecard_build, scorecard_day, shipment};

use crate::db::TenantTransaction;

/// Shipments, on time, failed attempts, returned to sender.
pub type Counts = [i64; 4];

/// The row a shipment counts in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DayKey {
    pub posted_on: NaiveDate,
    pub service_id: Uuid,
    pub state: Option<Uf>,
    /// Days from posting to delivery; None before delivery.
    pub days: Option<i64>,
}

/// Shipments read at once when counting a store again.
const PAGE: u64 = 10_000;
/// Rows written at once (10 columns).
const CHUNK: usize = 1_000;

/// What a shipment adds to the scorecard, `deliver_by` its fulfilment's promise: nothing
/// before it is posted or without a service (as the scorecard reads shipments).
pub fn contribution(
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
async fn lock(txn: &TenantTransaction, shared: bool) -> Result<(), DbErr> {
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

/// Moves a changed shipment's count, `deliver_by` its fulfilment's promise.
pub async fn follow(
    txn: &TenantTransaction,
    before: &shipment::Model,
    after: &shipment::Model,
    deliver_by: Option<NaiveDate>,
) -> Result<(), DbErr> {
    if counted_alike(before, after) {
        return Ok(());
    }
    lock(txn, true).await?;
    let Some(tz) = counted_in(txn).await? else {
        return Ok(());
    };
    let was = contribution(before, deliver_by, tz);
    let is = contribution(after, deliver_by, tz);
    if was == is {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(2);
    if let Some((key, counts)) = was {
        rows.push(row(txn, &key, counts.map(|n| -n)));
    }
    if let Some((key, counts)) = is {
        rows.push(row(txn, &key, counts));
    }
    // One row at a time: both may be the same row.
    for one in rows {
        add(txn, vec![one]).await?;
    }
    Ok(())
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

fn row(txn: &TenantTransaction, key: &DayKey, counts: Counts) -> scorecard_day::ActiveModel {
    scorecard_day::ActiveModel::from(scorecard_day::Model {
        tenant_id: txn.tenant(),
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
async fn add(txn: &TenantTransaction, rows: Vec<scorecard_day::ActiveModel>) -> Result<(), DbErr> {
    use scorecard_day::Column as C;
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

/// Counts the store's shipments again when its counts are missing or in another time zone
/// than `tz`; answers whether it did.
pub async fn catch_up(txn: &TenantTransaction, tz: Tz) -> Result<bool, DbErr> {
    lock(txn, false).await?;
    if counted_in(txn).await? == Some(tz) {
        return Ok(false);
    }
    txn.delete_many::<scorecard_day::Entity>().exec(txn).await?;
    let mut counts: HashMap<DayKey, Counts> = HashMap::new();
    let mut after: Option<Uuid> = None;
    loop {
        let page = posted_page(txn, after).await?;
        let Some((last, _)) = page.last() else {
            break;
        };
        after = Some(last.id);
        for (shipment, promise) in &page {
            if let Some((key, more)) = contribution(shipment, *promise, tz) {
                let total = counts.entry(key).or_default();
                for (sum, n) in total.iter_mut().zip(more) {
                    *sum += n;
                }
            }
        }
    }
    let rows: Vec<_> = counts.iter().map(|(k, c)| row(txn, k, *c)).collect();
    for chunk in rows.chunks(CHUNK) {
        add(txn, chunk.to_vec()).await?;
    }
    let build = scorecard_build::Model {
        tenant_id: txn.tenant(),
        timezone: tz.name().to_owned(),
        built_at: Utc::now(),
    };
    let replace = OnConflict::column(scorecard_build::Column::TenantId)
        .update_columns([
            scorecard_build::Column::Timezone,
            scorecard_build::Column::BuiltAt,
        ])
        .to_owned();
    scorecard_build::Entity::insert(scorecard_build::ActiveModel::from(build))
        .on_conflict(replace)
        .exec_without_returning(txn)
        .await?;
    Ok(true)
}

/// A shipment read with its fulfilment's promise.
struct PostedWithPromise {
    shipment: shipment::Model,
    deliver_by: Option<NaiveDate>,
}

impl FromQueryResult for PostedWithPromise {
    fn from_query_result(row: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        Ok(PostedWithPromise {
            shipment: shipment::Model::from_query_result(row, pre)?,
            deliver_by: row.try_get(pre, "deliver_by")?,
        })
    }
}

impl PostedWithPromise {
    fn split(self) -> (shipment::Model, Option<NaiveDate>) {
        (self.shipment, self.deliver_by)
    }
}

/// The posted shipments after `after` in the order of their ids, a page of them, each with
/// its fulfilment's promise.
async fn posted_page(
    txn: &TenantTransaction,
    after: Option<Uuid>,
) -> Result<Vec<(shipment::Model, Option<NaiveDate>)>, DbErr> {
    let to_fulfilment = shipment::Entity::belongs_to(fulfilment::Entity)
        .from(shipment::Column::FulfilmentId)
        .to(fulfilment::Column::Id)
        .into();
    let mut page = txn
        .find::<shipment::Entity>()
        .join(JoinType::InnerJoin, to_fulfilment)
        .filter(fulfilment::Column::TenantId.eq(txn.tenant()))
        .filter(shipment::Column::PostedAt.is_not_null())
        .order_by_asc(shipment::Column::Id)
        .limit(PAGE);
    if let Some(last) = after {
        page = page.filter(shipment::Column::Id.gt(last));
    }
    let rows = page
        .column_as(fulfilment::Column::DeliverBy, "deliver_by")
        .into_model::<PostedWithPromise>()
        .all(txn)
        .await?;
    Ok(rows.into_iter().map(PostedWithPromise::split).collect())
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
    let total = |column: &str| Expr::cust(format!("CAST(SUM({column}) AS BIGINT)"));
    let rows: Vec<CountedRow> = txn
        .find::<scorecard_day::Entity>()
        .filter(C::PostedOn.gte(first))
        .filter(C::PostedOn.lte(last))
        .select_only()
        .column(C::ServiceId)
        .column(C::State)
        .column_as(month.clone(), "month")
        .column(C::Delivered)
        .column(C::Days)
        .column_as(total("shipments"), "shipments")
        .column_as(total("on_time"), "on_time")
        .column_as(total("failed_attempts"), "failed_attempts")
        .column_as(total("returned_to_sender"), "returned_to_sender")
        .group_by(C::ServiceId)
        .group_by(C::State)
        .group_by(month)
        .group_by(C::Delivered)
        .group_by(C::Days)
        .into_tuple()
        .all(txn)
        .await?;
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
