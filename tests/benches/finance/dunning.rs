//! The dunning sweep over 100,000 open instalments of 10 stores (10,000 each, one customer
//! each, due from ten days ahead to 34 days ago, written by multi-row inserts), timed as the
//! server runs it, then run again: instalments swept a second, the steps and events it wrote,
//! and that the rerun writes nothing (each step once per instalment). Its events are then
//! cleared, so the server started later does not spend the other parts mailing them.
//! `RTG_BENCH_INSTALMENTS` sets the instalments per store (for a quick look).

use std::time::Instant;

use api::access::jwt::JwtKeys;
use chrono::{DateTime, Days, NaiveDate, Utc};
use entity::amount::Amount;
use entity::closed_sets::{Currency, FiscalStatus, InstalmentStatus, InvoiceKind, OrderStatus};
use entity::{instalment, invoice, order};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use serde_json::json;
use uuid::Uuid;

const STORES: usize = 10;
const CHUNK: u64 = 1_000;

fn per_store() -> u64 {
    std::env::var("RTG_BENCH_INSTALMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

struct Store {
    tenant_id: entity::TenantId,
    channel_id: Uuid,
    customer_id: Uuid,
}

async fn open_store(db: &DatabaseConnection, jwt: &JwtKeys, n: usize) -> Store {
    let shop = crate::store::open(db, jwt, &format!("Bench {n}"), (1, 0, 0), 0).await;
    Store {
        tenant_id: shop.owner.tenant_id,
        channel_id: shop.channels[0],
        customer_id: shop.customer_id,
    }
}

fn money(cents: i64) -> Amount {
    Amount(Decimal::new(cents, 2))
}

/// The `n`th order on terms of the store, its invoice and its one instalment, due `n % 45`
/// days before ten days from `today`.
fn rows(
    store: &Store,
    n: u64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> (order::Model, invoice::Model, instalment::Model) {
    let (order_id, invoice_id) = (Uuid::now_v7(), Uuid::now_v7());
    let number = n as i64 + 1;
    let order = order::Model {
        tenant_id: store.tenant_id,
        id: order_id,
        number,
        customer_id: store.customer_id,
        channel_id: store.channel_id,
        status: OrderStatus::Approved,
        currency: Currency::BRL,
        subtotal: money(9980),
        discount: money(0),
        shipping_fee: money(1500),
        total: money(11480),
        paid: money(0),
        refunded: money(0),
        shipping_address: json!({}),
        findings: json!([]),
        tags: json!([]),
        lines_key: format!("bench-{n}"),
        note: None,
        version: 2,
        created_at: now,
        updated_at: now,
        paid_at: None,
        cancelled_at: None,
        shipping_service_id: None,
        ship_by: None,
        promised_delivery: None,
        payment_terms: Some(json!([30])),
    };
    let invoice = invoice::Model {
        tenant_id: store.tenant_id,
        id: invoice_id,
        kind: InvoiceKind::Invoice,
        series: "1".into(),
        number,
        order_id,
        order_number: number,
        credits_invoice_id: None,
        reason: None,
        customer_id: store.customer_id,
        billed: json!({ "customer_id": store.customer_id, "name": "Cliente Bench" }),
        currency: Currency::BRL,
        subtotal: money(9980),
        discount: money(0),
        shipping_fee: money(1500),
        tax_total: money(0),
        total: money(11480),
        credited: money(0),
        fiscal_status: FiscalStatus::NotSent,
        access_key: None,
        fiscal_updated_at: None,
        issued_at: now,
        version: 1,
    };
    let due = (today + Days::new(10)) - Days::new(n % 45);
    let instalment = instalment::Model {
        tenant_id: store.tenant_id,
        id: Uuid::now_v7(),
        invoice_id,
        order_id,
        customer_id: store.customer_id,
        order_number: number,
        seq: 1,
        due_on: due,
        currency: Currency::BRL,
        amount: money(11480),
        settled: money(0),
        written_off: money(0),
        status: InstalmentStatus::Open,
        settled_at: None,
        overdue_at: None,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    (order, invoice, instalment)
}

async fn fill(db: &DatabaseConnection, store: &Store, count: u64, now: DateTime<Utc>) {
    let today = (now - chrono::Duration::hours(3)).date_naive();
    let mut n = 0;
    while n < count {
        let txn = api::db::begin_tenant(db, store.tenant_id, api::db::Access::Write)
            .await
            .unwrap();
        let stop = (n + CHUNK).min(count);
        let (mut orders, mut invoices, mut instalments) = (Vec::new(), Vec::new(), Vec::new());
        for i in n..stop {
            let (o, v, t) = rows(store, i, today, now);
            orders.push(order::ActiveModel::from(o));
            invoices.push(invoice::ActiveModel::from(v));
            instalments.push(instalment::ActiveModel::from(t));
        }
        order::Entity::insert_many(orders)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        invoice::Entity::insert_many(invoices)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        instalment::Entity::insert_many(instalments)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        n = stop;
    }
}

pub async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

pub async fn run(name: &str, db: &DatabaseConnection, jwt: &JwtKeys) {
    let size = per_store();
    let now = Utc::now();
    let started = Instant::now();
    for n in 0..STORES {
        let store = open_store(db, jwt, n).await;
        fill(db, &store, size, now).await;
    }
    let total = size * STORES as u64;
    println!(
        "[{name}] seeded {total} open instalments of {STORES} stores in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared("ANALYZE").await.unwrap();
    }
    let started = Instant::now();
    let done = api::finance::service::dunning::sweep(db, now)
        .await
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let notices = count(db, "SELECT COUNT(*) AS n FROM dunning_notices").await;
    let events = "SELECT COUNT(*) AS n FROM outbox WHERE event_type = 'dunning.step_due'";
    let events = count(db, events).await;
    println!(
        "[{name}] dunning sweep: {total} instalments in {seconds:.2} s ({:.0} instalments/s); {done} overdue marks, steps and blocks; {notices} steps recorded, {events} step events queued",
        total as f64 / seconds
    );
    let started = Instant::now();
    let again = api::finance::service::dunning::sweep(db, now)
        .await
        .unwrap();
    let events_after = count(
        db,
        "SELECT COUNT(*) AS n FROM outbox WHERE event_type = 'dunning.step_due'",
    )
    .await;
    println!(
        "[{name}] the sweep again: {again} new marks and {} new step events in {:.2} s",
        events_after - events,
        started.elapsed().as_secs_f64()
    );
    for table in ["outbox_deliveries", "outbox"] {
        db.execute_unprepared(&format!("DELETE FROM {table}"))
            .await
            .unwrap();
    }
}
