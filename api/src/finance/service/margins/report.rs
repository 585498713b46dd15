//! Margin roll-ups: the committed lines of a period summed by channel, supplier, product, day
//! or month, per currency, in `Decimal` (SQLite would sum the amounts as floats); and one
//! order's lines.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use openapi::finance::{
    LineMarginOut, MarginAmounts, MarginBy, MarginQuery, MarginReport, MarginRow, OrderMarginOut,
};
use openapi::tenancy::Currency;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use entity::line_margin;

use crate::catalog::service::channel::channels_by_ids;
use crate::catalog::service::supplier::suppliers_by_ids;
use crate::catalog::service::variant::products_by_ids;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::service::margins::commit::rows_of;
use crate::orders::service::order::find_order;
use crate::orders::totals::round;

/// The first and last days a query reads, `today` being the store's: this month so far when
/// not given, at most `MarginQuery::MAX_DAYS` from `from`.
pub fn period(query: &MarginQuery, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let to = query.to.unwrap_or(today);
    let from = query.from.unwrap_or(to.with_day(1).unwrap_or(to));
    let cap = from + chrono::Duration::days(MarginQuery::MAX_DAYS - 1);
    (from, to.min(cap))
}

/// Sums of lines in one currency.
#[derive(Default)]
struct Sums {
    lines: u64,
    quantity: i64,
    price: Decimal,
    discounts: Decimal,
    commission: Decimal,
    payment_fees: Decimal,
    freight: Decimal,
    cost: Decimal,
    credited: Decimal,
    returned_cost: Decimal,
    margin: Decimal,
}

impl Sums {
    fn add(&mut self, row: &line_margin::Model) {
        self.lines += 1;
        self.quantity += row.quantity;
        self.price += row.price.0;
        self.discounts += row.discounts.0;
        self.commission += row.commission.0;
        self.payment_fees += row.payment_fee.0;
        self.freight += row.freight.0;
        self.cost += row.cost.0;
        self.credited += row.credited.0;
        self.returned_cost += row.credited_cost.0;
        self.margin += row.margin.0;
    }

    fn amounts(&self, currency: Currency) -> MarginAmounts {
        let net = self.price - self.discounts - self.credited;
        let margin_percent = (!net.is_zero()).then(|| {
            (self.margin * Decimal::ONE_HUNDRED / net)
                .round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
        });
        MarginAmounts {
            currency,
            quantity: self.quantity,
            price: round(self.price, currency),
            discounts: round(self.discounts, currency),
            commission: round(self.commission, currency),
            payment_fees: round(self.payment_fees, currency),
            freight: round(self.freight, currency),
            cost: round(self.cost, currency),
            credited: round(self.credited, currency),
            returned_cost: round(self.returned_cost, currency),
            margin: round(self.margin, currency),
            margin_percent,
        }
    }
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

/// The lines sold in the query's period, grouped and summed.
pub async fn roll_up(
    txn: &TenantTransaction,
    query: &MarginQuery,
    today: NaiveDate,
) -> Result<MarginReport, FinanceError> {
    let (from, to) = period(query, today);
    let by = query.by.unwrap_or_default();
    let mut select = txn
        .find::<line_margin::Entity>()
        .filter(line_margin::Column::SoldOn.between(from, to));
    if let Some(channel_id) = query.channel_id {
        select = select.filter(line_margin::Column::ChannelId.eq(channel_id));
    }
    let rows = select.all(txn).await?;
    let mut groups: BTreeMap<(String, Currency), Sums> = BTreeMap::new();
    let mut totals: BTreeMap<Currency, Sums> = BTreeMap::new();
    for row in &rows {
        groups
            .entry((key_of(row, by), row.currency))
            .or_default()
            .add(row);
        totals.entry(row.currency).or_default().add(row);
    }
    let keys = groups.keys().map(|(key, _)| key.as_str());
    let names = names_of(txn, by, keys).await?;
    let mut rows: Vec<MarginRow> = groups
        .iter()
        .map(|((key, currency), sums)| MarginRow {
            key: key.clone(),
            name: names.get(key).cloned().unwrap_or_else(|| key.clone()),
            lines: sums.lines,
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
        total.get_or_insert_with(Sums::default).add(row);
        let mut sums = Sums::default();
        sums.add(row);
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
