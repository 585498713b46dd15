//! `cargo xtask bench logistics`, against the real server on PostgreSQL and on SQLite:
//! 10 stores, one with 1,000,000 orders shipped over a year (each with its fulfilment and
//! shipment), the others with 20,000, written by multi-row inserts; then p50/p99 of the late
//! lists' first page and of the carrier scorecard (one month, one month of one carrier, and
//! unfiltered: 90 days) through the HTTP API, one request at a time; then tracking events
//! ingested per second by 32 clients, one event a request, into the big store's parcels on
//! the way. On PostgreSQL, pgbench (tpcb-like, 32 clients) runs on the same cluster and the
//! ratio events/s ÷ pgbench tps is printed. Figures only; nothing about time is asserted.
//! `RTG_BENCH_SHIPMENTS` sets the big store's size (for a quick look).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ingest;
mod read;
mod seed;
#[path = "../support/mod.rs"]
mod support;

use std::time::Instant;

use api::access::jwt::JwtKeys;
use chrono::{Duration, Utc};
use entity::closed_sets::ShipmentStatus;
use sea_orm::ConnectionTrait;

/// The other stores.
const STORES: usize = 9;
const OTHER_SIZE: u64 = 20_000;
const WARM_UP_SECONDS: u64 = 5;
const SECONDS: u64 = 15;

fn big_size() -> u64 {
    std::env::var("RTG_BENCH_SHIPMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

/// The big store's parcels on the way this last week, newest first.
fn on_the_way(store: &seed::Store, now: chrono::DateTime<Utc>) -> Vec<String> {
    (0..store.count)
        .rev()
        .map(|n| (n, seed::fate(n, store.count, now)))
        .take_while(|(_, fate)| now - fate.created < Duration::days(8))
        .filter(|(_, fate)| fate.shipment == Some(ShipmentStatus::InTransit))
        .map(|(n, _)| seed::tracking_code(&store.prefix, n))
        .collect()
}

/// The big store and the others, opened through a server on a runtime of their own, which
/// ends with its sweeps before the stores' rows are written (a sweep would count a store for
/// the scorecard half written).
fn open_stores(url: String, dir: std::path::PathBuf) -> Vec<seed::Store> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let db = api::db::connect_and_migrate(&url, None).await.unwrap();
        let jwt = JwtKeys::new(support::JWT_SECRET, "bench");
        let (address, handle) = support::start_server(url, &db, &dir);
        let mut stores = vec![seed::open_store(&db, &jwt, &address, "BG").await];
        for i in 0..STORES {
            stores.push(seed::open_store(&db, &jwt, &address, &format!("S{i}")).await);
        }
        handle.stop(true).await;
        stores
    })
}

async fn bench(name: &str, url: String, dir: std::path::PathBuf) -> Vec<(String, f64)> {
    let db = api::db::connect_and_migrate(&url, None).await.unwrap();
    let mut stores = {
        let (url, dir) = (url.clone(), dir.clone());
        tokio::task::spawn_blocking(move || open_stores(url, dir))
            .await
            .unwrap()
    };
    let mut others = stores.split_off(1);
    let mut big = stores.pop().unwrap();
    let now = Utc::now();
    let started = Instant::now();
    let size = big_size();
    seed::fill(&db, &mut big, size, now).await;
    for other in &mut others {
        seed::fill(&db, other, OTHER_SIZE, now).await;
    }
    println!(
        "[{name}] seeded {size} orders, fulfilments and shipments in one store and {OTHER_SIZE} in each of {STORES} others in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for table in ["scorecard_days", "scorecard_builds"] {
        db.execute_unprepared(&format!("DELETE FROM {table}"))
            .await
            .unwrap();
    }
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // What autovacuum does within a minute of such a load.
        db.execute_unprepared("ANALYZE").await.unwrap();
    }
    let (address, handle) = support::start_server(url, &db, &dir);
    sweep(name, &db).await;
    for l in read::latencies(&address, &big.token, big.carrier_id).await {
        println!("[{name}] {l}");
    }
    let rate = ingest_storm(name, &address, &big, now, &db).await;
    handle.stop(false).await;
    vec![("tracking events".to_owned(), rate)]
}

/// The late sweep's rounds until it marks nothing more (the server runs the first at start,
/// and this waits for it), then the outbox's work they made (emails to the team and the
/// customers): what the server does in its first minutes over such a load, before measuring.
async fn sweep(name: &str, db: &sea_orm::DatabaseConnection) {
    let started = Instant::now();
    let mut marked = 0;
    loop {
        let round = api::logistics::service::fulfilment::late::mark_late(db, Utc::now())
            .await
            .unwrap();
        marked += round;
        if round == 0 {
            break;
        }
    }
    println!(
        "[{name}] the late sweep (the scorecard's counts, {marked} late marks) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let waiting = "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'";
    let mut left = 0;
    while started.elapsed() < std::time::Duration::from_secs(300) {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                waiting,
            ))
            .await
            .unwrap()
            .unwrap();
        left = row.try_get::<i64>("", "n").unwrap();
        if left == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    println!(
        "[{name}] the outbox worked on their events for {:.1} s ({left} left)",
        started.elapsed().as_secs_f64()
    );
}

async fn ingest_storm(
    name: &str,
    address: &str,
    big: &seed::Store,
    now: chrono::DateTime<Utc>,
    db: &sea_orm::DatabaseConnection,
) -> f64 {
    let parcels = ingest::Parcels::new(on_the_way(big, now));
    let key = ingest::tracking_key(address, &big.token).await;
    let warm = ingest::storm(address, &key, parcels.clone(), WARM_UP_SECONDS).await;
    println!(
        "[{name}] warm-up: {:.0} events/s for {WARM_UP_SECONDS} s",
        warm.rate
    );
    support::statements::reset(db).await;
    let f = ingest::storm(address, &key, parcels.clone(), SECONDS).await;
    println!(
        "[{name}] tracking events (1 a request), {} clients, {SECONDS} s, {} parcels on the way: {:.0}/s, p50 {:.1} ms, p99 {:.1} ms, recorded/repeated/other {:?}, failures {:?}",
        ingest::CLIENTS,
        parcels.len(),
        f.rate,
        f.p50,
        f.p99,
        f.outcomes,
        f.failures
    );
    support::statements::report(db, f.outcomes.iter().sum()).await;
    f.rate
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    support::on_both_databases(bench).await;
}
