//! Latency of a read through the API: one request at a time, a few unmeasured first.

#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Requests measured of each (after a few unmeasured), unless they take longer than `BUDGET`.
const REQUESTS: usize = 200;
const WARM_UP: usize = 5;
const BUDGET: Duration = Duration::from_secs(20);

pub struct Latency {
    pub what: String,
    pub p50: f64,
    pub p99: f64,
    pub requests: usize,
    /// Items (lists) or rows (reports) of the answer.
    pub size: usize,
}

impl std::fmt::Display for Latency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: p50 {:.1} ms, p99 {:.1} ms ({} requests, {} items)",
            self.what, self.p50, self.p99, self.requests, self.size
        )
    }
}

pub async fn measure(address: &str, token: &str, what: &str, path: &str) -> Latency {
    let http = reqwest::Client::new();
    let mut times = Vec::new();
    let mut size = 0;
    let started = Instant::now();
    for i in 0..WARM_UP + REQUESTS {
        if times.len() >= 3 && started.elapsed() > BUDGET {
            break;
        }
        let sent = Instant::now();
        let reply = http
            .get(format!("{address}{path}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 200, "{path}");
        let body: serde_json::Value = reply.json().await.unwrap();
        let took = sent.elapsed().as_secs_f64() * 1000.0;
        size = body["items"]
            .as_array()
            .or(body["rows"].as_array())
            .map_or(0, Vec::len);
        if i >= WARM_UP || started.elapsed() > BUDGET {
            times.push(took);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    Latency {
        what: what.to_owned(),
        p50: super::percentile(&times, 0.50),
        p99: super::percentile(&times, 0.99),
        requests: times.len(),
        size,
    }
}
