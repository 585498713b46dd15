//! `cargo xtask bench orders`: orders placed per second and their p50/p99 latency with 32
//! concurrent clients against the real server, on PostgreSQL and on SQLite. Each order has 3
//! lines, reserves stock, and writes its audit entry, timeline and outbox event. On
//! PostgreSQL, pgbench (tpcb-like, 32 clients) runs on the same cluster and the ratio
//! orders/s ÷ pgbench tps is printed; then the same over 10 stores at once. Figures only;
//! nothing about time is asserted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rand::Rng;
use serde_json::{Value, json};
use tokio::sync::Mutex;

const VARIANTS: usize = 300;
const CUSTOMERS: usize = 100;
const CLIENTS: usize = 32;
/// Stores of the second measurement.
const STORES: usize = 10;
const SECONDS: u64 = 15;
/// Orders placed before measuring, so the store has a history as a real one does.
const WARM_UP_SECONDS: u64 = 8;

struct Store {
    token: String,
    channel: String,
    variants: Vec<String>,
    customers: Vec<String>,
}

fn address() -> Value {
    json!({ "street": "Rua Augusta", "number": "100", "city": "São Paulo", "state": "SP",
            "postal_code": "01304-000", "country": "BR" })
}

async fn post(http: &reqwest::Client, url: String, token: &str, body: Value) -> Value {
    let reply = http
        .post(url)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success(), "{}", reply.status());
    reply.json().await.unwrap()
}

/// A store with a channel, a warehouse, variants with plenty of stock, and customers.
async fn open_store(address_: &str) -> Store {
    let http = reqwest::Client::new();
    let signup = post(
        &http,
        format!("{address_}/api/v1/signup"),
        "",
        json!({ "store_name": "Bench", "owner_name": "Bench",
                "email": format!("bench-{}@example.com", uuid::Uuid::new_v4().simple()),
                "password": "bench password 123" }),
    )
    .await;
    let token = signup["tokens"]["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let api = |path: &str| format!("{address_}/api/v1{path}");
    let channel = post(
        &http,
        api("/catalog/channels"),
        &token,
        json!({ "name": "Web", "kind": "web" }),
    )
    .await;
    let location = post(
        &http,
        api("/inventory/locations"),
        &token,
        json!({ "name": "CD", "code": "CD", "kind": "warehouse" }),
    )
    .await;
    let mut variants = Vec::new();
    for i in 0..VARIANTS {
        let product = post(
            &http,
            api("/catalog/products"),
            &token,
            json!({ "name": format!("Produto {i}"),
                    "variants": [{ "sku": format!("B-{i}"), "price": "49.90", "cost": "20.00" }] }),
        )
        .await;
        let variant = product["variants"][0]["id"].as_str().unwrap().to_owned();
        post(
            &http,
            api("/inventory/adjustments"),
            &token,
            json!({ "variant_id": variant, "location_id": location["id"],
                    "quantity": 1_000_000, "reason": "initial" }),
        )
        .await;
        variants.push(variant);
    }
    let mut customers = Vec::new();
    for i in 0..CUSTOMERS {
        let customer = post(
            &http,
            api("/customers"),
            &token,
            json!({ "name": format!("Cliente {i}"), "email": format!("c{i}@example.com.br"),
                    "tax_id": "529.982.247-25", "addresses": [address()] }),
        )
        .await;
        customers.push(customer["id"].as_str().unwrap().to_owned());
    }
    Store {
        token,
        channel: channel["id"].as_str().unwrap().to_owned(),
        variants,
        customers,
    }
}

async fn place_orders(
    address_: &str,
    stores: Arc<Vec<Store>>,
    phase: &'static str,
    seconds: u64,
) -> (f64, f64, f64, Vec<(u16, u64)>) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let statuses: Arc<[AtomicU64; 4]> = Arc::new(Default::default());
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
        let (http, stores, latencies, statuses) = (
            http.clone(),
            stores.clone(),
            latencies.clone(),
            statuses.clone(),
        );
        let url = format!("{address_}/api/v1/orders");
        tasks.push(tokio::spawn(async move {
            // Each client orders from one store, the clients spread over the stores.
            let store = &stores[client % stores.len()];
            let mut n = 0u64;
            while Instant::now() < deadline {
                n += 1;
                let body = {
                    let mut rng = rand::rng();
                    let lines: Vec<Value> = (0..3)
                        .map(|_| json!({
                            "variant_id": store.variants[rng.random_range(0..store.variants.len())],
                            "quantity": rng.random_range(1..=3),
                        }))
                        .collect();
                    json!({
                        "customer": { "id": store.customers[rng.random_range(0..store.customers.len())] },
                        "channel_id": store.channel,
                        "lines": lines,
                        "shipping_address": address(),
                        "shipping_fee": "15.00",
                    })
                };
                let sent = Instant::now();
                let status = http
                    .post(&url)
                    .bearer_auth(&store.token)
                    .header("Idempotency-Key", format!("{phase}-{client}-{n}"))
                    .json(&body)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0);
                let slot = match status {
                    201 => 0,
                    409 => 1,
                    500..=599 => 2,
                    _ => 3,
                };
                statuses[slot].fetch_add(1, Ordering::Relaxed);
                if status == 201 {
                    latencies.lock().await.push(sent.elapsed().as_secs_f64() * 1000.0);
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut times = latencies.lock().await.clone();
    times.sort_by(|a, b| a.total_cmp(b));
    let placed = statuses[0].load(Ordering::Relaxed);
    let counts = [201, 409, 500, 0]
        .into_iter()
        .zip(statuses.iter().map(|c| c.load(Ordering::Relaxed)))
        .filter(|(_, n)| *n > 0)
        .collect();
    (
        placed as f64 / elapsed,
        support::percentile(&times, 0.50),
        support::percentile(&times, 0.99),
        counts,
    )
}

async fn bench(name: &str, url: String, dir: std::path::PathBuf) -> Vec<(String, f64)> {
    let db = api::db::connect_and_migrate(&url, None).await.unwrap();
    let (address_, handle) = support::start_server(url, &db, &dir);
    let started = Instant::now();
    let store = Arc::new(vec![open_store(&address_).await]);
    println!(
        "[{name}] store with {VARIANTS} variants and {CUSTOMERS} customers in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (warm, ..) = place_orders(&address_, store.clone(), "warm-up", WARM_UP_SECONDS).await;
    println!("[{name}] warm-up: {warm:.0} orders/s for {WARM_UP_SECONDS} s");
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // What autovacuum does soon after: with statistics from the empty tables, the
        // reference checks on orders would keep scanning the table.
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("ANALYZE").await.unwrap();
    }
    support::statements::reset(&db).await;
    let (rate, p50, p99, statuses) = place_orders(&address_, store, "measured", SECONDS).await;
    println!(
        "[{name}] orders (3 lines), {CLIENTS} clients, {SECONDS} s: {rate:.0}/s, p50 {p50:.1} ms, p99 {p99:.1} ms, statuses {statuses:?}"
    );
    let placed = statuses
        .iter()
        .find(|(s, _)| *s == 201)
        .map_or(0, |(_, n)| *n);
    support::statements::report(&db, placed).await;
    let ten = ten_stores(name, &address_).await;
    handle.stop(false).await;
    vec![
        ("orders, one store".to_owned(), rate),
        (format!("orders, {STORES} stores"), ten),
    ]
}

/// The same load spread over `STORES` stores at once: what one store's serial parts (its
/// counter, its customers' rows) cost shows as the difference.
async fn ten_stores(name: &str, address_: &str) -> f64 {
    let mut stores = Vec::with_capacity(STORES);
    for _ in 0..STORES {
        stores.push(open_store(address_).await);
    }
    let stores = Arc::new(stores);
    place_orders(address_, stores.clone(), "ten-warm-up", WARM_UP_SECONDS).await;
    let (rate, p50, p99, statuses) = place_orders(address_, stores, "ten", SECONDS).await;
    println!(
        "[{name}] orders (3 lines) over {STORES} stores, {CLIENTS} clients, {SECONDS} s: {rate:.0}/s, p50 {p50:.1} ms, p99 {p99:.1} ms, statuses {statuses:?}"
    );
    rate
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    support::on_both_databases(bench).await;
}
