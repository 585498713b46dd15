//! Carriers' tracking events, one a request as a carrier's webhook sends them, by 32 clients
//! at once: each takes parcels on the way and sends each one's last three scans (in transit,
//! out for delivery, delivered); the last delivers the fulfilment and the order.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::support;

pub const CLIENTS: usize = 32;
const STEPS: [&str; 3] = ["in_transit", "out_for_delivery", "delivered"];

pub struct Parcels {
    codes: Vec<String>,
    next: AtomicUsize,
}

impl Parcels {
    pub fn new(codes: Vec<String>) -> Arc<Parcels> {
        Arc::new(Parcels {
            codes,
            next: AtomicUsize::new(0),
        })
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// The next parcel; once all were taken, they come round again (their events then
    /// answer `repeated`).
    fn take(&self) -> &str {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        &self.codes[i % self.codes.len()]
    }
}

/// A key that may only send tracking events.
pub async fn tracking_key(address: &str, owner_token: &str) -> String {
    let reply: Value = reqwest::Client::new()
        .post(format!("{address}/api/v1/api-keys"))
        .bearer_auth(owner_token)
        .json(&json!({ "name": "Correios", "scopes": ["logistics:track"] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    reply["secret"].as_str().unwrap().to_owned()
}

pub struct Figures {
    pub rate: f64,
    pub p50: f64,
    pub p99: f64,
    /// Outcomes: recorded, repeated, other.
    pub outcomes: [u64; 3],
    /// HTTP statuses other than 200, with their count.
    pub failures: Vec<(u16, u64)>,
}

/// The events of one parcel, in order, `now` the time of its first.
fn events(code: &str, now: DateTime<Utc>) -> Vec<Value> {
    STEPS
        .iter()
        .enumerate()
        .map(|(i, status)| {
            let at = now + chrono::Duration::minutes(30 * i as i64);
            json!({ "events": [{ "tracking_code": code, "carrier_event_id": format!("{code}-{status}"),
                                 "status": status, "occurred_at": at.to_rfc3339(),
                                 "place": "CTE Cajamar - SP" }] })
        })
        .collect()
}

fn outcome_slot(reply: &Value) -> usize {
    match reply["results"][0]["outcome"].as_str() {
        Some("recorded") => 0,
        Some("repeated") => 1,
        _ => 2,
    }
}

/// Sends events for `seconds`; events/s, latency and outcomes.
pub async fn storm(address: &str, key: &str, parcels: Arc<Parcels>, seconds: u64) -> Figures {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let outcomes: Arc<[AtomicU64; 3]> = Arc::new(Default::default());
    let failures = Arc::new(Mutex::new(std::collections::BTreeMap::<u16, u64>::new()));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (http, parcels, latencies, outcomes, failures) = (
            http.clone(),
            parcels.clone(),
            latencies.clone(),
            outcomes.clone(),
            failures.clone(),
        );
        let (url, key) = (
            format!("{address}/api/v1/logistics/tracking-events"),
            key.to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            'parcels: while Instant::now() < deadline {
                for body in events(parcels.take(), Utc::now()) {
                    if Instant::now() >= deadline {
                        break 'parcels;
                    }
                    let sent = Instant::now();
                    let reply = http.post(&url).bearer_auth(&key).json(&body).send().await;
                    let status = reply.as_ref().map_or(0, |r| r.status().as_u16());
                    if status != 200 {
                        *failures.lock().await.entry(status).or_default() += 1;
                        continue;
                    }
                    let reply: Value = reply.unwrap().json().await.unwrap_or_default();
                    mine.push(sent.elapsed().as_secs_f64() * 1000.0);
                    outcomes[outcome_slot(&reply)].fetch_add(1, Ordering::Relaxed);
                }
            }
            latencies.lock().await.extend(mine);
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut times = latencies.lock().await.clone();
    times.sort_by(|a, b| a.total_cmp(b));
    let outcomes = [0, 1, 2].map(|i| outcomes[i].load(Ordering::Relaxed));
    let failures = failures
        .lock()
        .await
        .iter()
        .map(|(s, n)| (*s, *n))
        .collect();
    Figures {
        rate: times.len() as f64 / elapsed,
        p50: support::percentile(&times, 0.50),
        p99: support::percentile(&times, 0.99),
        outcomes,
        failures,
    }
}
