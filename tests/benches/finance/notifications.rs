//! Payment notifications per second: 10 stores, each with orders waiting for payment (placed
//! through the orders service, 100 to a transaction); 32 clients send each order's pix
//! confirmation once, one a request, as a gateway does, taking the orders of all stores in
//! turn; 5 s unmeasured, then 15 s measured. Each settles its order (a payment, the order
//! paid, its events queued). `RTG_BENCH_WAITING` sets the orders per store.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use api::access::jwt::JwtKeys;
use openapi::orders::{OrderCustomerIn, OrderIn, OrderLineIn};
use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::store::{self, Shop};
use crate::support;

const STORES: usize = 10;
const CLIENTS: usize = 32;
const WARM_UP_SECONDS: u64 = 5;
const SECONDS: u64 = 15;
const PER_TRANSACTION: usize = 100;

fn per_store() -> usize {
    std::env::var("RTG_BENCH_WAITING")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_500)
}

/// An order waiting for its payment: its store's token, number and total.
pub struct Waiting {
    token: Arc<str>,
    number: i64,
    total: Decimal,
}

pub struct Queue {
    orders: Vec<Waiting>,
    next: AtomicUsize,
}

impl Queue {
    fn take(&self) -> Option<&Waiting> {
        self.orders.get(self.next.fetch_add(1, Ordering::Relaxed))
    }
}

async fn place(db: &DatabaseConnection, shop: &Shop, count: usize) -> Vec<(i64, Decimal)> {
    let mut placed = Vec::new();
    while placed.len() < count {
        let txn = api::db::begin_tenant(db, shop.owner.tenant_id, api::db::Access::Write)
            .await
            .unwrap();
        for _ in 0..PER_TRANSACTION.min(count - placed.len()) {
            // Never the same lines twice for the customer: a duplicate would wait on hold,
            // and a held order's payment does not make it paid.
            let (kinds, n) = (shop.variants.len(), placed.len());
            let variant = shop.variants[n % kinds].1;
            let quantity = 1 + (n / kinds) as i64;
            let input = OrderIn {
                customer: OrderCustomerIn {
                    id: Some(shop.customer_id),
                    new: None,
                },
                channel_id: shop.channels[0],
                lines: vec![OrderLineIn {
                    variant_id: variant,
                    quantity,
                    unit_price: None,
                    discount: None,
                }],
                shipping_address: store::address(),
                shipping_fee: Some(Decimal::new(1_500, 2)),
                discount: None,
                note: None,
                shipping_service_id: None,
                on_terms: Some(false),
            };
            let numbering = api::orders::service::order::Numbering::InTransaction;
            let view =
                api::orders::service::order::place_order(&txn, numbering, &shop.owner, &input)
                    .await
                    .unwrap();
            assert_eq!(
                view.status(),
                openapi::orders::OrderStatus::PendingPayment,
                "a bench order waits for its payment"
            );
            placed.push((view.order.number, view.order.total.0));
        }
        txn.commit().await.unwrap();
    }
    placed
}

/// The stores and their orders waiting, the stores' orders taken in turn.
pub async fn seed(name: &str, db: &DatabaseConnection, jwt: &JwtKeys) -> Arc<Queue> {
    let started = Instant::now();
    let mut per_shop = Vec::new();
    for n in 0..STORES {
        let shop = store::open(db, jwt, &format!("Bench Pix {n}"), (1, 0, 10), 1_000_000).await;
        let token: Arc<str> = shop.token.clone().into();
        let placed = place(db, &shop, per_store()).await;
        per_shop.push((token, placed));
    }
    let mut orders = Vec::new();
    for i in 0..per_store() {
        for (token, placed) in &per_shop {
            let (number, total) = placed[i];
            orders.push(Waiting {
                token: token.clone(),
                number,
                total,
            });
        }
    }
    println!(
        "[{name}] placed {} orders waiting for payment in {STORES} stores in {:.1} s",
        orders.len(),
        started.elapsed().as_secs_f64()
    );
    Arc::new(Queue {
        orders,
        next: AtomicUsize::new(0),
    })
}

pub struct Figures {
    pub rate: f64,
    pub p50: f64,
    pub p99: f64,
    pub settled: usize,
    pub other: usize,
    pub failures: std::collections::BTreeMap<u16, u64>,
}

/// Sends notifications for `seconds` (or until no order waits); notifications/s and latency.
async fn storm(address: &str, queue: Arc<Queue>, seconds: u64) -> Figures {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let url = format!("{address}/api/v1/finance/payment-notifications");
    let replies = Arc::new(Mutex::new(Vec::new()));
    let failures = Arc::new(Mutex::new(std::collections::BTreeMap::<u16, u64>::new()));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (http, url, queue) = (http.clone(), url.clone(), queue.clone());
        let (replies, failures) = (replies.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while Instant::now() < deadline {
                let Some(waiting) = queue.take() else { break };
                let body = json!({
                    "reference": format!("pix-bench-{}-{}", waiting.number, uuid::Uuid::new_v4().simple()),
                    "method": "pix",
                    "amount": waiting.total.to_string(),
                    "order_number": waiting.number,
                });
                let sent = Instant::now();
                let reply = http.post(&url).bearer_auth(&*waiting.token).json(&body).send().await;
                let status = reply.as_ref().map_or(0, |r| r.status().as_u16());
                if status != 200 {
                    *failures.lock().await.entry(status).or_default() += 1;
                    continue;
                }
                let reply: Value = reply.unwrap().json().await.unwrap_or_default();
                let settled = reply["status"] == "settled";
                mine.push((sent.elapsed().as_secs_f64() * 1000.0, settled));
            }
            replies.lock().await.extend(mine);
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let replies = replies.lock().await.clone();
    let mut times: Vec<f64> = replies.iter().map(|(ms, _)| *ms).collect();
    times.sort_by(|a, b| a.total_cmp(b));
    let settled = replies.iter().filter(|(_, s)| *s).count();
    Figures {
        rate: times.len() as f64 / elapsed,
        p50: support::percentile(&times, 0.50),
        p99: support::percentile(&times, 0.99),
        settled,
        other: replies.len() - settled,
        failures: failures.lock().await.clone(),
    }
}

/// Warm-up, then the measured storm; notifications a second.
pub async fn measure(name: &str, address: &str, queue: Arc<Queue>, db: &DatabaseConnection) -> f64 {
    let warm = storm(address, queue.clone(), WARM_UP_SECONDS).await;
    println!(
        "[{name}] warm-up: {:.0} notifications/s for {WARM_UP_SECONDS} s",
        warm.rate
    );
    support::statements::reset(db).await;
    let f = storm(address, queue.clone(), SECONDS).await;
    let left = queue
        .orders
        .len()
        .saturating_sub(queue.next.load(Ordering::Relaxed));
    println!(
        "[{name}] payment notifications (1 a request), {CLIENTS} clients, {SECONDS} s, {STORES} stores: {:.0}/s, p50 {:.1} ms, p99 {:.1} ms; settled {}, other {}, failures {:?}; {left} orders still waiting",
        f.rate, f.p50, f.p99, f.settled, f.other, f.failures
    );
    support::statements::report(db, (f.settled + f.other) as u64).await;
    f.rate
}
