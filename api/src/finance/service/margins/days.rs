//! The roll-ups' read model (`margin_days`): the committed lines summed per day they were
//! sold on and per channel, main supplier and product, so a month's roll-up over a million
//! lines reads a few hundred rows. Each change of a line moves its figures out of its rows and
//! back in, in the transaction that changes the line (`Changes`); `rebuild` sums a store's
//! lines again from scratch, and a test checks the two agree.
//!
//! Amounts are summed in Rust, never in SQL (SQLite keeps them as text). A row is read
//! `FOR UPDATE` on PostgreSQL after an `INSERT … ON CONFLICT DO NOTHING` made sure it exists,
//! both in key order, so two handlers adding to the same day wait on each other rather than
//! lose a sum, and never in a circle; SQLite runs one writer at a time.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::Currency;
use entity::{line_margin, margin_day};

use super::sums::Sums;
use crate::db::TenantTransaction;

/// What a day's rows sum lines by.
pub use entity::closed_sets::MarginDimension as Dimension;

/// Lines read at once by `rebuild`.
const PAGE: u64 = 10_000;
/// Rows written at once (14 columns).
const CHUNK: usize = 500;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct DayKey {
    dimension: Dimension,
    sold_on: NaiveDate,
    item_id: Uuid,
    currency: Currency,
}

impl DayKey {
    fn of(row: &margin_day::Model) -> DayKey {
        DayKey {
            dimension: row.dimension,
            sold_on: row.sold_on,
            item_id: row.item_id,
            currency: row.currency,
        }
    }

    fn condition(&self) -> Condition {
        Condition::all()
            .add(margin_day::Column::Dimension.eq(self.dimension))
            .add(margin_day::Column::SoldOn.eq(self.sold_on))
            .add(margin_day::Column::ItemId.eq(self.item_id))
            .add(margin_day::Column::Currency.eq(self.currency))
    }
}

/// The rows a line counts in.
fn keys_of(row: &line_margin::Model) -> [DayKey; 3] {
    let key = |dimension: Dimension, item_id: Uuid| DayKey {
        dimension,
        sold_on: row.sold_on,
        item_id,
        currency: row.currency,
    };
    [
        key(Dimension::Channel, row.channel_id),
        key(Dimension::Product, row.product_id),
        key(Dimension::Supplier, row.supplier_id.unwrap_or_default()),
    ]
}

fn day_row(txn: &TenantTransaction, key: &DayKey, sums: &Sums) -> margin_day::Model {
    margin_day::Model {
        tenant_id: txn.tenant(),
        dimension: key.dimension,
        sold_on: key.sold_on,
        item_id: key.item_id,
        currency: key.currency,
        lines: sums.lines,
        quantity: sums.quantity,
        price: Amount(sums.price),
        discounts: Amount(sums.discounts),
        commission: Amount(sums.commission),
        payment_fee: Amount(sums.payment_fee),
        freight: Amount(sums.freight),
        cost: Amount(sums.cost),
        credited: Amount(sums.credited),
        credited_cost: Amount(sums.credited_cost),
        margin: Amount(sums.margin),
    }
}

/// What a transaction changes in the read model, summed per row until `write`.
#[derive(Default)]
pub struct Changes(BTreeMap<DayKey, Sums>);

impl Changes {
    /// A line that now counts.
    pub fn add(&mut self, row: &line_margin::Model) {
        let sums = Sums::of_line(row);
        for key in keys_of(row) {
            self.0.entry(key).or_default().add(&sums);
        }
    }

    /// A line as it counted until now.
    pub fn remove(&mut self, row: &line_margin::Model) {
        let sums = Sums::of_line(row);
        for key in keys_of(row) {
            self.0.entry(key).or_default().subtract(&sums);
        }
    }

    pub async fn write(self, txn: &TenantTransaction) -> Result<(), DbErr> {
        let changes: BTreeMap<DayKey, Sums> =
            self.0.into_iter().filter(|(_, s)| !s.is_zero()).collect();
        if changes.is_empty() {
            return Ok(());
        }
        let zero = Sums::default();
        let blanks: Vec<_> = changes.keys().map(|k| day_row(txn, k, &zero)).collect();
        insert(txn, blanks, true).await?;
        let condition = changes
            .keys()
            .fold(Condition::any(), |any, key| any.add(key.condition()));
        let mut select = txn
            .find::<margin_day::Entity>()
            .filter(condition)
            .order_by_asc(margin_day::Column::Dimension)
            .order_by_asc(margin_day::Column::SoldOn)
            .order_by_asc(margin_day::Column::ItemId)
            .order_by_asc(margin_day::Column::Currency);
        if txn.get_database_backend() == DbBackend::Postgres {
            select = select.lock_exclusive();
        }
        for row in select.all(txn).await? {
            let key = DayKey::of(&row);
            let Some(change) = changes.get(&key) else {
                continue;
            };
            let mut sums = Sums::of_day(&row);
            sums.add(change);
            if sums.is_zero() {
                txn.delete_many::<margin_day::Entity>()
                    .filter(key.condition())
                    .exec(txn)
                    .await?;
                continue;
            }
            let updated = margin_day::ActiveModel::from(day_row(txn, &key, &sums)).reset_all();
            margin_day::Entity::update(updated).exec(txn).await?;
        }
        Ok(())
    }
}

async fn insert(
    txn: &TenantTransaction,
    rows: Vec<margin_day::Model>,
    unless_there: bool,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(CHUNK) {
        let rows = chunk.iter().cloned().map(margin_day::ActiveModel::from);
        let mut insert = margin_day::Entity::insert_many(rows);
        if unless_there {
            insert = insert.on_conflict(
                OnConflict::columns([
                    margin_day::Column::TenantId,
                    margin_day::Column::Dimension,
                    margin_day::Column::SoldOn,
                    margin_day::Column::ItemId,
                    margin_day::Column::Currency,
                ])
                .do_nothing()
                .to_owned(),
            );
        }
        insert.exec_without_returning(txn).await?;
    }
    Ok(())
}

/// Sums the store's lines again into its rows, replacing them (after lines were written
/// without them, or to check them). Run it when no margin is being written.
pub async fn rebuild(txn: &TenantTransaction) -> Result<(), DbErr> {
    txn.delete_many::<margin_day::Entity>().exec(txn).await?;
    let mut changes = Changes::default();
    let mut after: Option<Uuid> = None;
    loop {
        let mut select = txn
            .find::<line_margin::Entity>()
            .order_by_asc(line_margin::Column::Id)
            .limit(PAGE);
        if let Some(after) = after {
            select = select.filter(line_margin::Column::Id.gt(after));
        }
        let page = select.all(txn).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some(last.id);
        for row in &page {
            changes.add(row);
        }
    }
    let rows = changes.0.iter().map(|(k, s)| day_row(txn, k, s)).collect();
    insert(txn, rows, false).await
}

/// The rows of `dimension` from `from` to `to`, of one item when given.
pub async fn read(
    txn: &TenantTransaction,
    dimension: Dimension,
    (from, to): (NaiveDate, NaiveDate),
    item_id: Option<Uuid>,
) -> Result<Vec<margin_day::Model>, DbErr> {
    let mut select = txn
        .find::<margin_day::Entity>()
        .filter(margin_day::Column::Dimension.eq(dimension))
        .filter(margin_day::Column::SoldOn.between(from, to));
    if let Some(item_id) = item_id {
        select = select.filter(margin_day::Column::ItemId.eq(item_id));
    }
    select.all(txn).await
}
