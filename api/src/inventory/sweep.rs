//! The background sweep that releases lapsed reservations, every `SWEEP_EVERY`.

use std::time::Duration;

use chrono::Utc;
use sea_orm::DatabaseConnection;

use crate::inventory::service::reservation::release_expired;

const SWEEP_EVERY: Duration = Duration::from_secs(15);

/// Runs until the runtime stops.
pub async fn run(db: DatabaseConnection) {
    crate::sweep::every(SWEEP_EVERY, "lapsed reservations", || {
        release_expired(&db, Utc::now())
    })
    .await;
}
