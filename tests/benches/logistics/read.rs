//! The late lists and the scorecard of the store at size, one request at a time.

use chrono::{Datelike, NaiveDate, Utc};

use crate::support::reads::{Latency, measure};

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
