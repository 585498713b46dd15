//! Counting a store's shipments for the scorecard again (`scorecard_days`): when its counts
//! are missing, or were counted in another time zone than the store's. The late sweep asks,
//! each round, for each store.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QueryResult, QuerySelect,
};
use uuid::Uuid;

use entity::{fulfilment, scorecard_build, scorecard_day, shipment};

use crate::db::TenantTransaction;

use super::scorecard_days::{Counts, DayKey, add, contributions, counted_in, lock, row};

/// Shipments read at once when counting a store again.
const PAGE: u64 = 10_000;
/// Rows written at once (11 columns).
const CHUNK: usize = 1_000;

/// Counts the store's shipments again when its counts are missing or in another time zone
/// than `tz`; answers whether it did.
pub async fn catch_up(txn: &TenantTransaction, tz: Tz) -> Result<bool, DbErr> {
    // Counted already (each round of the sweep but the first): no lock, so the tracking
    // events counted meanwhile never wait on the sweep.
    if counted_in(txn).await? == Some(tz) {
        return Ok(false);
    }
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
            for (key, more) in contributions(shipment, *promise, tz) {
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
