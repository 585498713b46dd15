//! The margin roll-up at size: one store with 1,000,000 committed order lines sold over the
//! last 90 days (250,000 orders of 4 lines; 3 channels, 50 products of 5 suppliers), written by
//! multi-row inserts with their margins, the read model then summed by `rebuild`; then p50/p99
//! of the roll-ups of the last 30 days through the API, one request at a time, and for
//! comparison one that reads the lines themselves (by product within one channel).
//! `RTG_BENCH_MARGIN_LINES` sets the lines (for a quick look).

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use entity::amount::Amount;
use entity::closed_sets::{Currency, OrderStatus, ReservationStatus};
use entity::{line_margin, order, order_line, reservation};
use rust_decimal::Decimal;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::json;
use uuid::Uuid;

use crate::store::{self, Shop};
use crate::support::reads::measure;

const LINES_PER_ORDER: u64 = 4;
/// Orders written by one statement (4,000 lines).
const CHUNK: u64 = 250;
const DAYS: i64 = 90;

fn lines() -> u64 {
    std::env::var("RTG_BENCH_MARGIN_LINES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

fn cents(value: Decimal) -> Decimal {
    value.round_dp(2)
}

/// The `n`th order of `count`, its lines and their margins, all sold at the same moment.
fn rows(
    shop: &Shop,
    reservation_id: Uuid,
    n: u64,
    count: u64,
    now: DateTime<Utc>,
) -> (
    order::Model,
    Vec<order_line::Model>,
    Vec<line_margin::Model>,
) {
    let tenant_id = shop.owner.tenant_id;
    let sold_at = now - Duration::seconds((DAYS * 86_400) * (count - n) as i64 / count as i64);
    let sold_on = (sold_at - Duration::hours(3)).date_naive();
    let order_id = Uuid::now_v7();
    let channel_id = shop.channels[n as usize % shop.channels.len()];
    let (mut lines, mut margins) = (Vec::new(), Vec::new());
    for j in 0..LINES_PER_ORDER {
        let index = ((n * LINES_PER_ORDER + j) % shop.variants.len() as u64) as usize;
        let (product_id, variant_id, sku) = &shop.variants[index];
        let quantity = 1 + (n + j) as i64 % 3;
        let unit = Decimal::new(5_000 + 100 * index as i64, 2);
        let price = unit * Decimal::from(quantity);
        let discounts = if n.is_multiple_of(7) {
            Decimal::new(500, 2)
        } else {
            Decimal::ZERO
        };
        let line = order_line::Model {
            tenant_id,
            id: Uuid::now_v7(),
            order_id,
            line_no: j as i32 + 1,
            variant_id: *variant_id,
            sku: sku.clone(),
            name: format!("Produto {index}"),
            quantity,
            unit_price: Amount(unit),
            discount: Amount(discounts),
            total: Amount(price - discounts),
            location_id: shop.location_id,
            reservation_id,
        };
        let commission = cents(price * Decimal::new(16, 2));
        let payment_fee = cents(price * Decimal::new(99, 4));
        let freight = Decimal::new(150, 2);
        let cost = Decimal::new(2_000 + 40 * index as i64, 2) * Decimal::from(quantity);
        let credited = if n.is_multiple_of(50) {
            Decimal::new(1_000, 2)
        } else {
            Decimal::ZERO
        };
        let margin = price - discounts - commission - payment_fee - freight - cost - credited;
        margins.push(line_margin::Model {
            tenant_id,
            id: line.id,
            order_id,
            order_number: n as i64 + 1,
            channel_id,
            product_id: *product_id,
            variant_id: *variant_id,
            supplier_id: Some(shop.suppliers[index % shop.suppliers.len()]),
            sku: sku.clone(),
            name: line.name.clone(),
            currency: Currency::BRL,
            quantity,
            sold_at,
            sold_on,
            price: Amount(price),
            discounts: Amount(discounts),
            commission: Amount(commission),
            payment_fee: Amount(payment_fee),
            freight: Amount(freight),
            cost: Amount(cost),
            credited: Amount(credited),
            credited_cost: Amount(Decimal::ZERO),
            margin: Amount(margin),
            updated_at: sold_at,
        });
        lines.push(line);
    }
    let subtotal: Decimal = lines.iter().map(|l| l.total.0).sum();
    let order = order::Model {
        tenant_id,
        id: order_id,
        number: n as i64 + 1,
        customer_id: shop.customer_id,
        channel_id,
        status: OrderStatus::Paid,
        currency: Currency::BRL,
        subtotal: Amount(subtotal),
        discount: Amount(Decimal::ZERO),
        shipping_fee: Amount(Decimal::ZERO),
        total: Amount(subtotal),
        paid: Amount(subtotal),
        refunded: Amount(Decimal::ZERO),
        shipping_address: json!({}),
        findings: json!([]),
        tags: json!([]),
        lines_key: format!("margin-{n}"),
        note: None,
        version: 2,
        created_at: sold_at,
        updated_at: sold_at,
        paid_at: Some(sold_at),
        cancelled_at: None,
        shipping_service_id: None,
        ship_by: None,
        promised_delivery: None,
        payment_terms: None,
    };
    (order, lines, margins)
}

/// The one reservation every line points at (the lines are written, not placed).
async fn reservation(db: &DatabaseConnection, shop: &Shop, now: DateTime<Utc>) -> Uuid {
    let txn = api::db::begin_tenant(db, shop.owner.tenant_id, api::db::Access::Write)
        .await
        .unwrap();
    let row = reservation::Model {
        tenant_id: shop.owner.tenant_id,
        id: Uuid::now_v7(),
        variant_id: shop.variants[0].1,
        location_id: shop.location_id,
        quantity: 1,
        status: ReservationStatus::Committed,
        expires_at: None,
        reference_type: None,
        reference_id: None,
        created_at: now,
        updated_at: now,
    };
    let id = row.id;
    reservation::Entity::insert(reservation::ActiveModel::from(row))
        .exec_without_returning(&txn)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    id
}

async fn fill(db: &DatabaseConnection, shop: &Shop, orders: u64, now: DateTime<Utc>) {
    let reservation_id = reservation(db, shop, now).await;
    let mut n = 0;
    while n < orders {
        let txn = api::db::begin_tenant(db, shop.owner.tenant_id, api::db::Access::Write)
            .await
            .unwrap();
        let stop = (n + CHUNK).min(orders);
        let (mut heads, mut lines, mut margins) = (Vec::new(), Vec::new(), Vec::new());
        for i in n..stop {
            let (o, l, m) = rows(shop, reservation_id, i, orders, now);
            heads.push(order::ActiveModel::from(o));
            lines.extend(l.into_iter().map(order_line::ActiveModel::from));
            margins.extend(m.into_iter().map(line_margin::ActiveModel::from));
        }
        order::Entity::insert_many(heads)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        for chunk in lines.chunks(1_000) {
            order_line::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await
                .unwrap();
        }
        for chunk in margins.chunks(1_000) {
            line_margin::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await
                .unwrap();
        }
        txn.commit().await.unwrap();
        n = stop;
    }
}

/// The store with its lines written and its read model summed from them.
pub async fn seed(name: &str, db: &DatabaseConnection, jwt: &api::access::jwt::JwtKeys) -> Shop {
    let shop = store::open(db, jwt, "Bench Margens", (3, 5, 50), 0).await;
    let orders = lines() / LINES_PER_ORDER;
    let started = Instant::now();
    fill(db, &shop, orders, Utc::now()).await;
    println!(
        "[{name}] seeded {} order lines with their margins ({orders} orders) in {:.1} s",
        orders * LINES_PER_ORDER,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let txn = api::db::begin_tenant(db, shop.owner.tenant_id, api::db::Access::Write)
        .await
        .unwrap();
    api::finance::service::margins::days::rebuild(&txn)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    println!(
        "[{name}] the roll-ups' read model summed from the lines (rebuild) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    shop
}

/// p50/p99 of the roll-ups of the last 30 days.
pub async fn measure_roll_ups(name: &str, address: &str, shop: &Shop) {
    let today = (Utc::now() - Duration::hours(3)).date_naive();
    let from = today - Duration::days(29);
    let month = format!("/api/v1/finance/margins?from={from}&to={today}");
    for by in ["channel", "supplier", "product", "day"] {
        let path = format!("{month}&by={by}");
        let what = format!("margin roll-up by {by}, last 30 days");
        println!(
            "[{name}] {}",
            measure(address, &shop.token, &what, &path).await
        );
    }
    let path = format!("{month}&by=product&channel_id={}", shop.channels[0]);
    let what = "margin roll-up by product of one channel (reads its lines), last 30 days";
    println!(
        "[{name}] {}",
        measure(address, &shop.token, what, &path).await
    );
}
