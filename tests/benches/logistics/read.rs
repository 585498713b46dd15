//! The late lists and the scorecard of the store at size, one request at a time.

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, Utc};

use crate::support;

/// Requests measured of each (after a few unmeasured), unless they take longer than `BUDGET`.
const REQUESTS: usize = 200;
const WARM_UP: usize = 5;
const BUDGET: Duration = Duration::from_secs(20);

pub struct Latency {
    pub what: String,
    pub p50: f64,
    pub p99: f64,
    pub requests: usize,
    /// Items (late lists) or rows (scorecard) of the answer.
    pub size: usize,
}

async fn measure(address: &str, token: &str, what: &str, path: &str) -> Latency {
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
        p50: support::percentile(&times, 0.50),
        p99: support::percentile(&times, 0.99),
        requests: times.len(),
        size,
    }
}

/// The first and last days of the month before today's.
fn last_month() -> (NaiveDate, NaiveDate) {
    let today = Utc::now().date_naive();
    let first_of_this = today.with_day(1).unwrap_or(today);
    let last = first_of_this.pred_opt().unwrap_or(today);
    (last.with_day(1).unwrap_or(last), last)
}

/// p50/p99 of each late list's first page and of the scorecard.
pub async fn latencies(address: &str, token: &str, carrier_id: uuid::Uuid) -> Vec<Latency> {
    let mut out = Vec::new();
    for late in ["late_to_ship", "late_in_transit", "at_risk"] {
        let path = format!("/api/v1/logistics/fulfilments?late={late}");
        out.push(measure(address, token, &format!("late list {late}"), &path).await);
    }
    let (from, to) = last_month();
    let month = format!("/api/v1/logistics/scorecard?from={from}&to={to}");
    out.push(measure(address, token, "scorecard, last month", &month).await);
    let carrier = format!("{month}&carrier_id={carrier_id}");
    out.push(
        measure(
            address,
            token,
            "scorecard, last month, one carrier",
            &carrier,
        )
        .await,
    );
    let quarter = "/api/v1/logistics/scorecard";
    out.push(measure(address, token, "scorecard, unfiltered (90 days)", quarter).await);
    out
}
