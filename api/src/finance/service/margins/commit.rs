//! Each order line's margin: written when the order is paid or approved on terms (its price,
//! discounts, the channel's commission and the cost at that moment frozen), followed as its
//! payments, shipping cost, refunds and credit notes come in, and dropped when the order is
//! cancelled (nothing was sold). Every step reads what it needs again, so an event handled
//! twice, or late, leaves the same rows.

use std::collections::HashMap;

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::PaymentKind;
use entity::finance_settings::Model as Settings;
use entity::{line_margin, order, order_line};

use crate::catalog::service::supplier::main_suppliers;
use crate::catalog::service::variant::variants_by_id;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::margin::{self, LineFigures, LineSale, OrderCharges};
use crate::finance::service::instalments::store_today;
use crate::finance::service::margins::days::Changes;
use crate::finance::service::read::{credit_notes_of, invoice_of_order, lines_of as invoice_lines};
use crate::finance::service::settings::{channel_fees_of, payment_fees_of, settings_of};
use crate::logistics::service::fulfilment::facts::shipping_cost_of;
use crate::orders::service::order::{currency_of, find_order, lines_of};
use crate::orders::service::payment::payments_of;
use crate::orders::totals::round;

/// The margin rows of an order, in line order.
pub async fn rows_of(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Vec<line_margin::Model>, FinanceError> {
    let mut rows = txn
        .find::<line_margin::Entity>()
        .filter(line_margin::Column::OrderId.eq(order_id))
        .all(txn)
        .await?;
    let lines = lines_of(txn, vec![order_id]).await?;
    let place: HashMap<Uuid, i32> = lines.iter().map(|l| (l.id, l.line_no)).collect();
    rows.sort_by_key(|row| place.get(&row.id).copied().unwrap_or_default());
    Ok(rows)
}

/// Writes the margin of the order's lines, unless they have one (then brings it up to date).
pub async fn commit(txn: &TenantTransaction, order_id: Uuid) -> Result<(), FinanceError> {
    if !rows_of(txn, order_id).await?.is_empty() {
        return refresh(txn, order_id).await;
    }
    let order = find_order(txn, order_id).await?;
    let lines = lines_of(txn, vec![order_id]).await?;
    let sales = sales_of(txn, &lines).await?;
    let settings = settings_of(txn).await?;
    let commission = commission_of(&settings, &order);
    let charges = charges_of(txn, &settings, &order, commission).await?;
    let mut figures = margin::figures(&sales, &charges, currency_of(&order));
    give_back(txn, &order, &lines, &mut figures).await?;
    let rows = new_rows(txn, &order, &lines, &figures).await?;
    let mut days = Changes::default();
    rows.iter().for_each(|row| days.add(row));
    line_margin::Entity::insert_many(rows.into_iter().map(line_margin::ActiveModel::from))
        .exec_without_returning(txn)
        .await?;
    Ok(days.write(txn).await?)
}

/// Brings the order's margin up to date with its payments, shipping cost and what was given
/// back; nothing when it has none yet.
pub async fn refresh(txn: &TenantTransaction, order_id: Uuid) -> Result<(), FinanceError> {
    let rows = rows_of(txn, order_id).await?;
    if rows.is_empty() {
        return Ok(());
    }
    let order = find_order(txn, order_id).await?;
    let lines = lines_of(txn, vec![order_id]).await?;
    let commission = rows.iter().map(|r| r.commission.0).sum();
    let charges = charges_of(txn, &settings_of(txn).await?, &order, commission).await?;
    let mut figures: Vec<LineFigures> = rows.iter().map(figures_of).collect();
    margin::spread(&mut figures, &charges, currency_of(&order));
    give_back(txn, &order, &lines, &mut figures).await?;
    let now = Utc::now();
    let mut days = Changes::default();
    for (row, figures) in rows.into_iter().zip(figures) {
        if figures_of(&row) == figures {
            continue;
        }
        days.remove(&row);
        let updated = with_figures(row, &figures, now);
        days.add(&updated);
        line_margin::Entity::update(line_margin::ActiveModel::from(updated).reset_all())
            .exec(txn)
            .await?;
    }
    Ok(days.write(txn).await?)
}

/// A cancelled order sold nothing: its margin goes.
pub async fn drop_order(txn: &TenantTransaction, order_id: Uuid) -> Result<(), FinanceError> {
    let mut days = Changes::default();
    rows_of(txn, order_id)
        .await?
        .iter()
        .for_each(|row| days.remove(row));
    txn.delete_many::<line_margin::Entity>()
        .filter(line_margin::Column::OrderId.eq(order_id))
        .exec(txn)
        .await?;
    Ok(days.write(txn).await?)
}

async fn sales_of(
    txn: &TenantTransaction,
    lines: &[order_line::Model],
) -> Result<Vec<LineSale>, FinanceError> {
    let variants = variants_by_id(txn, lines.iter().map(|l| l.variant_id).collect()).await?;
    Ok(lines
        .iter()
        .map(|line| LineSale {
            price: line.unit_price.0 * Decimal::from(line.quantity),
            discount: line.discount.0,
            quantity: line.quantity,
            unit_cost: variants
                .get(&line.variant_id)
                .map(|v| v.average_cost.0)
                .unwrap_or_default(),
        })
        .collect())
}

/// The channel's commission on the order's goods after discounts, by the store's settings now.
fn commission_of(settings: &Settings, order: &order::Model) -> Decimal {
    let goods = order.subtotal.0 - order.discount.0;
    channel_fees_of(settings)
        .iter()
        .find(|f| f.channel_id == order.channel_id)
        .map(|f| margin::fee(&f.fee, goods, currency_of(order)))
        .unwrap_or_default()
}

/// What the order owes beyond its lines: `commission` as committed, the fees of the payments
/// received so far, and the freight once the shipping cost is known.
async fn charges_of(
    txn: &TenantTransaction,
    settings: &Settings,
    order: &order::Model,
    commission: Decimal,
) -> Result<OrderCharges, FinanceError> {
    let currency = currency_of(order);
    let fees = payment_fees_of(settings);
    let payment_fees = payments_of(txn, order.id)
        .await?
        .iter()
        .filter(|p| p.kind == PaymentKind::Payment)
        .filter_map(|p| {
            let fee = fees.iter().find(|f| Some(f.method) == p.method)?;
            Some(margin::fee(&fee.fee, p.amount.0, currency))
        })
        .sum();
    let freight = shipping_cost_of(txn, order.id)
        .await?
        .map(|cost| round(cost, currency) - order.shipping_fee.0)
        .unwrap_or_default();
    Ok(OrderCharges {
        discount: order.discount.0,
        commission,
        payment_fees,
        freight,
    })
}

/// Sets what credit notes and refunds gave back of each line, and the cost of the units that
/// credit notes took back.
async fn give_back(
    txn: &TenantTransaction,
    order: &order::Model,
    lines: &[order_line::Model],
    figures: &mut [LineFigures],
) -> Result<(), FinanceError> {
    let currency = currency_of(order);
    let mut goods = vec![Decimal::ZERO; lines.len()];
    let mut units = vec![0i64; lines.len()];
    let mut noted = Decimal::ZERO;
    if let Some(invoice) = invoice_of_order(txn, order.id).await? {
        for note in credit_notes_of(txn, &invoice).await? {
            noted += note.total.0;
            let note_lines = invoice_lines(txn, vec![note.id]).await?;
            let totals: Vec<Decimal> = note_lines.iter().map(|l| l.total.0).collect();
            let discounts = margin::share(note.discount.0, &totals, currency);
            for (line, discount) in note_lines.iter().zip(discounts) {
                if let Some(i) = lines.iter().position(|l| l.id == line.order_line_id) {
                    goods[i] += line.total.0 - discount;
                    units[i] += line.quantity;
                }
            }
        }
    }
    let given_back = noted.max(order.refunded.0);
    let credited = margin::credited(figures, &goods, given_back, currency);
    for (i, line) in figures.iter_mut().enumerate() {
        line.credited = credited[i];
        let quantity = Decimal::from(lines[i].quantity.max(1));
        line.credited_cost = round(line.cost * Decimal::from(units[i]) / quantity, currency);
    }
    Ok(())
}

async fn new_rows(
    txn: &TenantTransaction,
    order: &order::Model,
    lines: &[order_line::Model],
    figures: &[LineFigures],
) -> Result<Vec<line_margin::Model>, FinanceError> {
    let variant_ids: Vec<Uuid> = lines.iter().map(|l| l.variant_id).collect();
    let variants = variants_by_id(txn, variant_ids.clone()).await?;
    let suppliers = main_suppliers(txn, variant_ids).await?;
    let sold_at = order.paid_at.unwrap_or(order.created_at);
    let sold_on = store_today(txn, sold_at).await?;
    let now = Utc::now();
    Ok(lines
        .iter()
        .zip(figures)
        .map(|(line, figures)| {
            let row = line_margin::Model {
                id: line.id,
                order_id: order.id,
                order_number: order.number,
                channel_id: order.channel_id,
                product_id: variants
                    .get(&line.variant_id)
                    .map(|v| v.product_id)
                    .unwrap_or_default(),
                variant_id: line.variant_id,
                supplier_id: suppliers.get(&line.variant_id).copied(),
                sku: line.sku.clone(),
                name: line.name.clone(),
                currency: currency_of(order),
                quantity: line.quantity,
                sold_at,
                sold_on,
                ..zero_row(txn, now)
            };
            with_figures(row, figures, now)
        })
        .collect())
}

fn zero_row(txn: &TenantTransaction, now: chrono::DateTime<Utc>) -> line_margin::Model {
    let zero = Amount(Decimal::ZERO);
    line_margin::Model {
        tenant_id: txn.tenant(),
        id: Uuid::nil(),
        order_id: Uuid::nil(),
        order_number: 0,
        channel_id: Uuid::nil(),
        product_id: Uuid::nil(),
        variant_id: Uuid::nil(),
        supplier_id: None,
        sku: String::new(),
        name: String::new(),
        currency: Default::default(),
        quantity: 0,
        sold_at: now,
        sold_on: now.date_naive(),
        price: zero,
        discounts: zero,
        commission: zero,
        payment_fee: zero,
        freight: zero,
        cost: zero,
        credited: zero,
        credited_cost: zero,
        margin: zero,
        updated_at: now,
    }
}

fn figures_of(row: &line_margin::Model) -> LineFigures {
    LineFigures {
        price: row.price.0,
        discounts: row.discounts.0,
        commission: row.commission.0,
        payment_fee: row.payment_fee.0,
        freight: row.freight.0,
        cost: row.cost.0,
        credited: row.credited.0,
        credited_cost: row.credited_cost.0,
    }
}

fn with_figures(
    row: line_margin::Model,
    figures: &LineFigures,
    now: chrono::DateTime<Utc>,
) -> line_margin::Model {
    line_margin::Model {
        price: Amount(figures.price),
        discounts: Amount(figures.discounts),
        commission: Amount(figures.commission),
        payment_fee: Amount(figures.payment_fee),
        freight: Amount(figures.freight),
        cost: Amount(figures.cost),
        credited: Amount(figures.credited),
        credited_cost: Amount(figures.credited_cost),
        margin: Amount(figures.margin()),
        updated_at: now,
        ..row
    }
}
