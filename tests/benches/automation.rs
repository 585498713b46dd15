//! `cargo xtask bench automation`, on PostgreSQL and on SQLite: webhook deliveries per second
//! from the server (2 workers) to an HTTPS receiver on loopback, for a burst of events of 10
//! stores; then event-to-delivery latency (p50, p99) with events written at about half that
//! rate; then rule evaluation: events per second through 50 switched-on rules of one store.
//! Figures only; nothing about time is asserted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../e2e/harness/receiver.rs"]
#[allow(dead_code)]
mod receiver;
#[allow(dead_code)]
mod support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use api::access::jwt::JwtKeys;
use api::db::{self, Access};
use openapi::events::{Event, StockLow};
use uuid::Uuid;

use receiver::Receiver;

const STORES: usize = 10;

fn sized(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Writes `count` events of `stock.low` for `store`, each in its own transaction as a module
/// would; when each was written, by its id (the deliveries' `webhook-id`).
async fn emit(
    db: &sea_orm::DatabaseConnection,
    store: entity::TenantId,
    count: usize,
    written: &mut HashMap<String, Instant>,
) {
    for _ in 0..count {
        let id = Uuid::now_v7();
        let event = Event::StockLow(StockLow {
            variant_id: Uuid::now_v7(),
            location_id: Uuid::now_v7(),
            available: 1,
            reorder_point: 5,
        });
        let txn = db::begin_tenant(db, store, Access::Write).await.unwrap();
        api::outbox::emit_with_id(&txn, id, &event, None)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        written.insert(id.to_string(), Instant::now());
    }
}

async fn arrived(receiver: &Receiver, count: usize, limit: Duration) -> Vec<receiver::Received> {
    let started = Instant::now();
    while receiver.received().len() < count && started.elapsed() < limit {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    receiver.received()
}

async fn bench(name: &'static str, url: String, dir: std::path::PathBuf) -> Vec<(String, f64)> {
    let burst = sized("RTG_BENCH_WEBHOOKS", 2_000);
    let db = api::db::connect_and_migrate(&url, None).await.unwrap();
    let jwt = JwtKeys::new(support::JWT_SECRET, "bench");
    let receiver = Receiver::start(&dir, Vec::new()).await;
    let roots = receiver.roots.clone();
    let (address, handle) =
        support::start_server_configured(url, &db, &dir, dir.join("no-web-app"), |config| {
            config.limits.webhooks_to_loopback = true;
            config.limits.webhook_roots = Some(roots);
        });
    let http = reqwest::Client::new();
    let mut stores = Vec::new();
    for i in 0..STORES {
        let signed = support::sign_up(&db, &jwt, &format!("Loja Gancho {i}")).await;
        let made = http
            .post(format!("{address}/api/v1/automation/webhooks"))
            .bearer_auth(&signed.session.access_token)
            .json(&serde_json::json!({ "url": receiver.url, "events": ["stock.low"] }))
            .send()
            .await
            .unwrap();
        let status = made.status();
        assert_eq!(status, 201, "{}", made.text().await.unwrap_or_default());
        stores.push(signed.tenant.id);
    }

    // The burst: every store's events written at once, then delivered.
    let mut written = HashMap::new();
    let per_store = burst / STORES;
    for &store in &stores {
        emit(&db, store, per_store, &mut written).await;
    }
    let started = Instant::now();
    let got = arrived(&receiver, per_store * STORES, Duration::from_secs(600)).await;
    let last = got.iter().map(|r| r.at).max().unwrap_or(started);
    let first_written = written.values().min().copied().unwrap_or(started);
    let seconds = last.duration_since(first_written).as_secs_f64();
    let rate = got.len() as f64 / seconds;
    println!(
        "[{name}] burst: {} events of {STORES} stores delivered in {seconds:.1} s: {rate:.0} deliveries/s",
        got.len()
    );

    // Steady: about half that rate for 10 s, round-robin over the stores.
    let steady = (rate / 2.0).max(1.0);
    let total = (steady * 10.0) as usize;
    let before = got.len();
    let mut latest = HashMap::new();
    let pace = Duration::from_secs_f64(1.0 / steady);
    let began = Instant::now();
    for i in 0..total {
        emit(&db, stores[i % STORES], 1, &mut latest).await;
        let due = pace.mul_f64((i + 1) as f64);
        if let Some(wait) = due.checked_sub(began.elapsed()) {
            tokio::time::sleep(wait).await;
        }
    }
    let got = arrived(&receiver, before + total, Duration::from_secs(300)).await;
    let mut latencies: Vec<f64> = got[before..]
        .iter()
        .filter_map(|r| {
            let at = latest.get(r.headers.get("webhook-id")?)?;
            Some(r.at.duration_since(*at).as_secs_f64() * 1000.0)
        })
        .collect();
    latencies.sort_by(f64::total_cmp);
    println!(
        "[{name}] steady at {steady:.0} events/s for 10 s: {} delivered, event to delivery p50 {:.0} ms, p99 {:.0} ms (the outbox and the delivery loop each poll every 1 s when idle)",
        latencies.len(),
        support::percentile(&latencies, 0.5),
        support::percentile(&latencies, 0.99)
    );
    let evaluated = rules(name, &address, &db, &jwt, &http).await;
    handle.stop(false).await;
    vec![
        ("webhook deliveries".to_owned(), rate),
        ("rule evaluations".to_owned(), evaluated),
    ]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    support::on_both_databases(bench).await;
}

/// 50 switched-on rules of one store on `stock.low`, whose conditions read the event and do
/// not hold (so the figure is evaluation, not actions); events of that store written at once,
/// timed until every rule has run on each. Events per second.
async fn rules(
    name: &str,
    address: &str,
    db: &sea_orm::DatabaseConnection,
    jwt: &JwtKeys,
    http: &reqwest::Client,
) -> f64 {
    use sea_orm::PaginatorTrait;
    const RULES: usize = 50;
    let events = sized("RTG_BENCH_RULE_EVENTS", 400);
    let signed = support::sign_up(db, jwt, "Loja Regras").await;
    for i in 0..RULES {
        let rule = serde_json::json!({
            "name": format!("Regra {i}"),
            "trigger": "stock.low",
            "conditions": { "match": "all", "conditions": [
                { "field": "payload.reorder_point", "op": "greater_than", "value": 1000 + i },
                { "field": "payload.available", "op": "less_than", "value": 10 }
            ]},
            "actions": [{ "type": "notify_members" }]
        });
        let made = http
            .post(format!("{address}/api/v1/automation/rules"))
            .bearer_auth(&signed.session.access_token)
            .json(&rule)
            .send()
            .await
            .unwrap();
        assert_eq!(made.status(), 201);
    }
    let store = signed.tenant.id;
    let mut written = HashMap::new();
    emit(db, store, events, &mut written).await;
    let first = written.values().min().copied().unwrap_or_else(Instant::now);
    let want = (events * RULES) as u64;
    let mut runs = 0;
    while runs < want && first.elapsed() < Duration::from_secs(600) {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let txn = db::begin_tenant(db, store, Access::Read).await.unwrap();
        runs = txn
            .find::<entity::automation_rule_run::Entity>()
            .count(&*txn)
            .await
            .unwrap();
        txn.commit().await.unwrap();
    }
    let seconds = first.elapsed().as_secs_f64();
    let rate = events as f64 / seconds;
    println!(
        "[{name}] rules: {events} events through {RULES} rules of one store ({runs} runs) in {seconds:.1} s: {rate:.0} events/s, {:.0} rule runs/s",
        runs as f64 / seconds
    );
    rate
}
