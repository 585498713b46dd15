//! The background sweep that releases lapsed reservations, every `SWEEP_EVERY`.

use std::time::Duration;

use chrono::Utc;
use sea_orm::DatabaseConnection;

use crate::inventory::service::reservation::release_expired;

const SWEEP_EVERY: Duration = Duration::from_secs(15);

/// Runs until the runtime stops. Failures are logged and the next round tries again.
pub async fn run(db: DatabaseConnection) {
    let mut ticker = tokio::time::interval(SWEEP_EVERY);
    loop {
        ticker.tick().await;
        match release_expired(&db, Utc::now()).await {
            Ok(0) => {}
            Ok(released) => tracing::info!(released, "released lapsed reservations"),
            Err(error) => tracing::warn!(%error, "the reservation sweep failed"),
        }
    }
}
