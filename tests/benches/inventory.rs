//! `cargo xtask bench inventory`: seeds a store with 100,000 variants over 3 locations, then,
//! against the real server on PostgreSQL and on SQLite, measures reservations per second with
//! 32 concurrent clients (the median of three runs), p50/p99 of a filtered product list page,
//! and a storm of 200 clients; on PostgreSQL it runs pgbench (tpcb-like, 32 clients) on the
//! same cluster and prints the ratio. It prints figures and asserts nothing about time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use api::access::jwt::JwtKeys;
use chrono::Utc;
use entity::amount::Amount;
use rand::Rng;
use rust_decimal::Decimal;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::json;
use uuid::Uuid;

const VARIANTS: usize = 100_000;
const CHUNK: usize = 1_000;
const LIST_REQUESTS: u64 = 300;
/// Reservations placed before measuring.
const WARM_UP_SECONDS: u64 = 3;
/// Runs of 10 s of reservations; their median is the figure.
const RESERVATION_RUNS: usize = 3;
const WORDS: [&str; 8] = [
    "camiseta", "caneca", "cafe", "vestido", "jaqueta", "bolsa", "tenis", "prato",
];

struct Seeded {
    token: String,
    variants: Vec<Uuid>,
    locations: Vec<Uuid>,
}

async fn seed(db: &DatabaseConnection, jwt: &JwtKeys) -> Seeded {
    let signed = support::sign_up(db, jwt, "Bench").await;
    let tenant_id = signed.tenant.id;
    let now = Utc::now();
    let txn = api::db::begin_tenant(db, tenant_id, api::db::Access::Write)
        .await
        .unwrap();
    let locations: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
    for (i, id) in locations.iter().enumerate() {
        entity::location::Entity::insert(entity::location::ActiveModel::from(
            entity::location::Model {
                tenant_id,
                id: *id,
                name: format!("Local {i}"),
                code: format!("L{i}"),
                kind: entity::closed_sets::LocationKind::Warehouse,
                status: entity::closed_sets::Status::Active,
                version: 1,
                created_at: now,
                updated_at: now,
            },
        ))
        .exec_without_returning(&txn)
        .await
        .unwrap();
    }
    let mut variants = Vec::with_capacity(VARIANTS);
    for chunk in 0..VARIANTS / CHUNK {
        let mut products = Vec::with_capacity(CHUNK);
        let mut rows = Vec::with_capacity(CHUNK);
        let mut levels = Vec::with_capacity(CHUNK * 3);
        let mut movements = Vec::with_capacity(CHUNK * 3);
        for n in chunk * CHUNK..(chunk + 1) * CHUNK {
            let product_id = Uuid::now_v7();
            let variant_id = Uuid::now_v7();
            let name = format!("{} modelo {n}", WORDS[n % WORDS.len()]);
            products.push(entity::product::ActiveModel::from(entity::product::Model {
                tenant_id,
                id: product_id,
                name: name.clone(),
                description: None,
                ncm: None,
                status: entity::closed_sets::Status::Active,
                search_text: name.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
            }));
            rows.push(entity::variant::ActiveModel::from(entity::variant::Model {
                tenant_id,
                id: variant_id,
                product_id,
                sku: format!("SKU-{n:06}"),
                barcode: None,
                options: json!({}),
                price: Amount(Decimal::new(4990, 2)),
                cost: Amount(Decimal::new(2000, 2)),
                average_cost: Amount(Decimal::new(2000, 2)),
                weight_grams: None,
                length_mm: None,
                width_mm: None,
                height_mm: None,
                status: entity::closed_sets::Status::Active,
                search_text: format!("{name} sku-{n:06}"),
                version: 1,
                created_at: now,
                updated_at: now,
            }));
            for location_id in &locations {
                levels.push(entity::stock_level::ActiveModel::from(
                    entity::stock_level::Model {
                        tenant_id,
                        id: Uuid::now_v7(),
                        variant_id,
                        location_id: *location_id,
                        on_hand: 1_000,
                        reserved: 0,
                        unsellable: 0,
                        incoming: 0,
                        reorder_point: None,
                        reorder_quantity: None,
                        updated_at: now,
                    },
                ));
                movements.push(entity::stock_movement::ActiveModel::from(
                    entity::stock_movement::Model {
                        tenant_id,
                        id: Uuid::now_v7(),
                        variant_id,
                        location_id: *location_id,
                        kind: entity::closed_sets::MovementKind::Adjustment,
                        on_hand_delta: 1_000,
                        reserved_delta: 0,
                        unsellable_delta: 0,
                        incoming_delta: 0,
                        reason: Some("initial".into()),
                        reference_type: None,
                        reference_id: None,
                        actor_type: entity::closed_sets::ActorType::System,
                        actor_id: None,
                        note: None,
                        created_at: now,
                    },
                ));
            }
            variants.push(variant_id);
        }
        entity::product::Entity::insert_many(products)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        entity::variant::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        for part in levels.chunks(CHUNK) {
            entity::stock_level::Entity::insert_many(part.to_vec())
                .exec_without_returning(&txn)
                .await
                .unwrap();
        }
        for part in movements.chunks(CHUNK) {
            entity::stock_movement::Entity::insert_many(part.to_vec())
                .exec_without_returning(&txn)
                .await
                .unwrap();
        }
    }
    txn.commit().await.unwrap();
    Seeded {
        token: signed.session.access_token,
        variants,
        locations,
    }
}

/// `clients` tasks reserve 1 unit of a random variant of `pool` for `seconds`; the count of
/// each status.
async fn reserve_storm(
    address: &str,
    seeded: &Seeded,
    pool: usize,
    clients: usize,
    seconds: u64,
) -> (f64, Vec<(u16, u64)>) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .unwrap();
    let counts: Arc<[AtomicU64; 6]> = Arc::new(Default::default());
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let http = http.clone();
        let url = format!("{address}/api/v1/inventory/reservations");
        let token = seeded.token.clone();
        let variants: Vec<Uuid> = seeded.variants[..pool].to_vec();
        let locations = seeded.locations.clone();
        let counts = counts.clone();
        tasks.push(tokio::spawn(async move {
            while Instant::now() < deadline {
                let (variant, location) = {
                    let mut rng = rand::rng();
                    (
                        variants[rng.random_range(0..variants.len())],
                        locations[rng.random_range(0..locations.len())],
                    )
                };
                let status = http
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&json!({ "variant_id": variant, "location_id": location, "quantity": 1 }))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0);
                let slot = match status {
                    201 => 0,
                    409 => 1,
                    503 => 2,
                    500..=599 => 3,
                    0 => 4,
                    _ => 5,
                };
                counts[slot].fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let statuses = [201, 409, 503, 500, 0, 1]
        .into_iter()
        .zip(counts.iter().map(|c| c.load(Ordering::Relaxed)))
        .filter(|(_, n)| *n > 0)
        .collect::<Vec<_>>();
    (counts[0].load(Ordering::Relaxed) as f64 / elapsed, statuses)
}

async fn list_latency(address: &str, token: &str) -> (f64, f64) {
    let http = reqwest::Client::new();
    let mut times = Vec::new();
    for i in 0..LIST_REQUESTS {
        // "modelo 137" finds "… modelo 137", "… modelo 1370" … (about a hundred products).
        let q = format!("modelo {}", 100 + (i * 37) % 900);
        let started = Instant::now();
        let reply = http
            .get(format!("{address}/api/v1/catalog/products"))
            .query(&[("q", q.as_str()), ("status", "active"), ("limit", "50")])
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 200);
        reply.bytes().await.unwrap();
        if i >= 20 {
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (
        support::percentile(&times, 0.50),
        support::percentile(&times, 0.99),
    )
}

async fn ledger_agrees(db: &DatabaseConnection) -> (bool, i64) {
    use sea_orm::{ConnectionTrait, Statement};
    // Run on the owner connection, which sees every store: the harness's PostgreSQL user is a
    // superuser (row-level security does not apply) and SQLite has none.
    let backend = db.get_database_backend();
    let sql = "SELECT COUNT(*) AS bad FROM stock_levels l WHERE l.on_hand - l.reserved - l.unsellable < 0 \
               OR l.reserved <> (SELECT COALESCE(SUM(m.reserved_delta), 0) FROM stock_movements m \
                  WHERE m.tenant_id = l.tenant_id AND m.variant_id = l.variant_id AND m.location_id = l.location_id) \
               OR l.on_hand <> (SELECT COALESCE(SUM(m.on_hand_delta), 0) FROM stock_movements m \
                  WHERE m.tenant_id = l.tenant_id AND m.variant_id = l.variant_id AND m.location_id = l.location_id)";
    let row = db
        .query_one_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .unwrap()
        .unwrap();
    let bad: i64 = row.try_get("", "bad").unwrap();
    (bad == 0, bad)
}

async fn bench(name: &str, url: String, dir: std::path::PathBuf) -> Vec<(String, f64)> {
    let db = api::db::connect_and_migrate(&url, None).await.unwrap();
    let jwt = JwtKeys::new(support::JWT_SECRET, "bench");
    let started = Instant::now();
    let seeded = seed(&db, &jwt).await;
    println!(
        "[{name}] seeded {VARIANTS} variants × 3 locations in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // What autovacuum does within a minute of such a load: without statistics the
        // planner takes the store's 100,000 variants for a few hundred, and reads them all
        // by the tenant index beside the trigram index on every search.
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("ANALYZE").await.unwrap();
    }
    let (address, handle) = support::start_server(url, &db, &dir);

    support::statements::reset(&db).await;
    let (p50, p99) = list_latency(&address, &seeded.token).await;
    println!("[{name}] product list (q + status, 50 per page): p50 {p50:.1} ms, p99 {p99:.1} ms");
    support::statements::report(&db, LIST_REQUESTS).await;
    // Connections to the server and the database opened, statements prepared: what pgbench
    // leaves out of its figure too.
    reserve_storm(&address, &seeded, 5_000, 32, WARM_UP_SECONDS).await;
    support::statements::reset(&db).await;
    // A 10-second figure moves by a tenth from one run to the next: the median of three, as
    // pgbench's.
    let mut rates = Vec::with_capacity(RESERVATION_RUNS);
    let mut held = 0;
    for _ in 0..RESERVATION_RUNS {
        let (rate, statuses) = reserve_storm(&address, &seeded, 5_000, 32, 10).await;
        println!("[{name}] reservations, 32 clients: {rate:.0}/s  statuses {statuses:?}");
        rates.push(rate);
        held += statuses
            .iter()
            .find(|(s, _)| *s == 201)
            .map_or(0, |(_, n)| *n);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    let rate = support::percentile(&rates, 0.5);
    println!("[{name}] reservations, 32 clients, median: {rate:.0}/s");
    support::statements::report(&db, held).await;
    let (_, storm) = reserve_storm(&address, &seeded, 20, 200, 5).await;
    let (agrees, bad) = ledger_agrees(&db).await;
    println!(
        "[{name}] storm, 200 clients on 20 variants: statuses {storm:?}; levels = ledger: {agrees} ({bad} bad)"
    );
    handle.stop(false).await;
    vec![("reservations".to_owned(), rate)]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    support::on_both_databases(bench).await;
}
