//! Margin roll-ups: the committed lines of a period summed by channel, supplier, product, day
//! or month, per currency, from the read model (`days`); and one order's lines.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use openapi::finance::{
    LineMarginOut, MarginAmounts, MarginBy, MarginQuery, MarginReport, MarginRow, OrderMarginOut,
};
use openapi::tenancy::Currency;
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use entity::{line_margin, margin_day};

use crate::catalog::service::channel::channels_by_ids;
use crate::catalog::service::supplier::suppliers_by_ids;
use crate::catalog::service::variant::products_by_ids;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::service::margins::commit::rows_of;
use crate::finance::service::margins::days::{self, Dimension};
use crate::finance::service::margins::sums::Sums;
use crate::orders::service::order::find_order;

/// The first and last days a query reads, `today` being the store's: this month so far when
/// not given, at most `MarginQuery::MAX_DAYS` from `from`.
pub fn period(query: &MarginQuery, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let to = query.to.unwrap_or(today);
    let from = query.from.unwrap_or(to.with_day(1).unwrap_or(to));
    let cap = from + chrono::Duration::days(MarginQuery::MAX_DAYS - 1);
    (from, to.min(cap))
}

/// The group a line falls in.
fn key_of(row: &line_margin::Model, by: MarginBy) -> String {
    match by {
        MarginBy::Channel => row.channel_id.to_string(),
        MarginBy::Supplier => row.supplier_id.map(|id| id.to_string()).unwrap_or_default(),
        MarginBy::Product => row.product_id.to_string(),
        MarginBy::Day => row.sold_on.to_string(),
        MarginBy::Month => row.sold_on.format("%Y-%m").to_string(),
    }
}

/// The group a day's row of the read model falls in.
fn key_of_day(row: &margin_day::Model, by: MarginBy) -> String {
    match by {
        MarginBy::Day => row.sold_on.to_string(),
        MarginBy::Month => row.sold_on.format("%Y-%m").to_string(),
        _ if row.item_id.is_nil() => String::new(),
        _ => row.item_id.to_string(),
    }
}

type Groups = BTreeMap<(String, Currency), Sums>;

/// The period's sums by the query's group: from the read model's rows, or from the lines
/// themselves when asked by supplier or product of one channel (the rows do not cross them).
async fn groups_of(
    txn: &TenantTransaction,
    query: &MarginQuery,
    period: (NaiveDate, NaiveDate),
) -> Result<Groups, FinanceError> {
    let by = query.by.unwrap_or_default();
    let mut groups = Groups::new();
    let dimension = match by {
        MarginBy::Channel | MarginBy::Day | MarginBy::Month => Dimension::Channel,
        MarginBy::Supplier if query.channel_id.is_none() => Dimension::Supplier,
        MarginBy::Product if query.channel_id.is_none() => Dimension::Product,
        MarginBy::Supplier | MarginBy::Product => {
            let rows = txn
                .find::<line_margin::Entity>()
                .filter(line_margin::Column::SoldOn.between(period.0, period.1))
                .filter(line_margin::Column::ChannelId.eq(query.channel_id))
                .all(txn)
                .await?;
            for row in &rows {
                let group = groups.entry((key_of(row, by), row.currency)).or_default();
                group.add(&Sums::of_line(row));
            }
            return Ok(groups);
        }
    };
    for row in days::read(txn, dimension, period, query.channel_id).await? {
        let group = groups
            .entry((key_of_day(&row, by), row.currency))
            .or_default();
        group.add(&Sums::of_day(&row));
    }
    Ok(groups)
}

/// The lines sold in the query's period, grouped and summed.
pub async fn roll_up(
    txn: &TenantTransaction,
    query: &MarginQuery,
    today: NaiveDate,
) -> Result<MarginReport, FinanceError> {
    let (from, to) = period(query, today);
    let by = query.by.unwrap_or_default();
    let groups = groups_of(txn, query, (from, to)).await?;
    let mut totals: BTreeMap<Currency, Sums> = BTreeMap::new();
    for ((_, currency), sums) in &groups {
        totals.entry(*currency).or_default().add(sums);
    }
    let keys = groups.keys().map(|(key, _)| key.as_str());
    let names = names_of(txn, by, keys).await?;
    let mut rows: Vec<MarginRow> = groups
        .iter()
        .map(|((key, currency), sums)| MarginRow {
            key: key.clone(),
            name: names.get(key).cloned().unwrap_or_else(|| key.clone()),
            lines: u64::try_from(sums.lines).unwrap_or_default(),
            amounts: sums.amounts(*currency),
        })
        .collect();
    if !matches!(by, MarginBy::Day | MarginBy::Month) {
        rows.sort_by_key(|row| std::cmp::Reverse(row.amounts.margin));
    }
    Ok(MarginReport {
        from,
        to,
        by,
        rows,
        totals: totals.iter().map(|(c, sums)| sums.amounts(*c)).collect(),
    })
}

/// The names of the channels, suppliers or products a roll-up's keys are.
async fn names_of<'a>(
    txn: &TenantTransaction,
    by: MarginBy,
    keys: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, String>, FinanceError> {
    let ids: Vec<Uuid> = keys.filter_map(|key| key.parse().ok()).collect();
    let named: Vec<(Uuid, String)> = match by {
        MarginBy::Channel => channels_by_ids(txn, ids)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        MarginBy::Supplier => suppliers_by_ids(txn, ids)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect(),
        MarginBy::Product => products_by_ids(txn, ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect(),
        MarginBy::Day | MarginBy::Month => Vec::new(),
    };
    Ok(named
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect())
}

/// One order's margin, line by line.
pub async fn order_margin(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<OrderMarginOut, FinanceError> {
    let order = find_order(txn, order_id).await?;
    let rows = rows_of(txn, order_id).await?;
    let mut total: Option<Sums> = None;
    let mut lines = Vec::with_capacity(rows.len());
    for row in &rows {
        let sums = Sums::of_line(row);
        total.get_or_insert_with(Sums::default).add(&sums);
        lines.push(LineMarginOut {
            order_line_id: row.id,
            sku: row.sku.clone(),
            name: row.name.clone(),
            sold_on: row.sold_on,
            supplier_id: row.supplier_id,
            amounts: sums.amounts(row.currency),
        });
    }
    Ok(OrderMarginOut {
        order_id,
        order_number: order.number,
        lines,
        total: total.map(|sums| sums.amounts(crate::orders::service::order::currency_of(&order))),
    })
}

/// The margin of the lines sold this month so far, in the store's currency: the total of
/// the roll-up the margins page shows first.
pub async fn this_month(
    txn: &TenantTransaction,
    currency: Currency,
    today: NaiveDate,
) -> Result<MarginAmounts, FinanceError> {
    let report = roll_up(txn, &MarginQuery::default(), today).await?;
    Ok(report
        .totals
        .into_iter()
        .find(|total| total.currency == currency)
        .unwrap_or_else(|| Sums::default().amounts(currency)))
}
