//! Stock through the API, by topic: adjustments, transfers, counts and damaged units; and
//! reservations, held, committed, released and lapsed.

mod adjustments;
mod reservations;

use openapi::inventory::ReservationIn;
use uuid::Uuid;

use crate::harness::TestApp;
use crate::harness::client::{Reply, Session};

pub use crate::harness::ledger::assert_level_equals_ledger;

/// A hold of `quantity` units of a variant, at `location` or where most is available.
pub fn hold(variant_id: Uuid, location_id: Option<Uuid>, quantity: i64) -> ReservationIn {
    ReservationIn {
        variant_id,
        location_id,
        quantity,
        channel_id: None,
        expires_at: None,
        reference_type: None,
        reference_id: None,
    }
}

pub async fn reserve(app: &TestApp, who: &Session, reservation: &ReservationIn) -> Reply {
    app.post("/api/v1/inventory/reservations")
        .as_(who)
        .json(reservation)
        .send()
        .await
}
