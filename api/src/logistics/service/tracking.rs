//! Carriers' tracking events. An event is kept once per carrier event id (sent again, it
//! changes nothing), and moves its shipment only forwards (`ShipmentStatus::rank`); the
//! shipment's fulfilment and order follow, and its scorecard counts.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};
use uuid::Uuid;

use entity::closed_sets::ShipmentStatus;
use entity::{fulfilment, shipment, tracking_event};
use openapi::logistics::{TrackingEventIn, TrackingOutcome, TrackingResult, TrackingStatus};

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::i18n::{Key, Message};
use crate::logistics::error::LogisticsError;
use crate::logistics::service::fulfilment::steps::{lock_fulfilment, settle_locked, settle_with};
use crate::logistics::service::scorecard_days;
use crate::logistics::service::shipment::find_shipment;
use crate::orders::service::progress;

/// Records a batch of carrier events. Events of one shipment are applied in the order sent;
/// the shipments' fulfilments are locked first, in the order of their ids as every writer
/// takes them, so two batches never wait on each other in a circle.
pub async fn record_tracking(
    txn: &TenantTransaction,
    principal: &Principal,
    events: &[TrackingEventIn],
) -> Result<Vec<TrackingResult>, LogisticsError> {
    let codes: Vec<&str> = events.iter().map(|e| e.tracking_code.as_str()).collect();
    let mut fulfilments = lock_fulfilments_of(txn, &codes).await?;
    // The named shipments and every other of their fulfilments, read once the fulfilments
    // are locked: whether a fulfilment has shipped or been delivered needs no second read.
    let read = txn
        .find::<shipment::Entity>()
        .filter(
            Condition::any()
                .add(shipment::Column::TrackingCode.is_in(codes.iter().copied()))
                .add(shipment::Column::FulfilmentId.is_in(fulfilments.keys().copied())),
        )
        .all(txn)
        .await?;
    let mut siblings: HashMap<Uuid, HashMap<Uuid, ShipmentStatus>> = HashMap::new();
    for row in &read {
        if fulfilments.contains_key(&row.fulfilment_id) {
            let of = siblings.entry(row.fulfilment_id).or_default();
            of.insert(row.id, row.status);
        }
    }
    let wanted: std::collections::HashSet<&str> = codes.iter().copied().collect();
    let mut shipments: HashMap<String, shipment::Model> = read
        .into_iter()
        .filter_map(|s| s.tracking_code.clone().map(|code| (code, s)))
        .filter(|(code, _)| wanted.contains(code.as_str()))
        .collect();
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| {
        let found = shipments.get(&events[i].tracking_code);
        (found.map(|s| (s.fulfilment_id, s.id)), i)
    });
    let mut results: Vec<Option<TrackingResult>> = vec![None; events.len()];
    let mut counts = scorecard_days::Changes::default();
    for i in order {
        let event = &events[i];
        let result = match shipments.get_mut(&event.tracking_code) {
            None => outcome(event, TrackingOutcome::UnknownTrackingCode, None),
            Some(shipment) => {
                let fulfilment = match fulfilments.entry(shipment.fulfilment_id) {
                    Entry::Occupied(locked) => locked.into_mut(),
                    // Its code was given after the locks were taken: lock it now, then read
                    // it again.
                    Entry::Vacant(slot) => {
                        let locked = lock_fulfilment(txn, shipment.fulfilment_id).await?;
                        *shipment = find_shipment(txn, shipment.id).await?;
                        slot.insert(locked)
                    }
                };
                let siblings = siblings.get_mut(&shipment.fulfilment_id);
                let locked = Locked {
                    shipment: &mut *shipment,
                    fulfilment,
                    siblings,
                };
                let recorded = record_one(txn, principal, locked, &mut counts, event).await?;
                let kind = if recorded {
                    TrackingOutcome::Recorded
                } else {
                    TrackingOutcome::Repeated
                };
                outcome(event, kind, Some((shipment.id, shipment.status)))
            }
        };
        results[i] = Some(result);
    }
    counts.write(txn).await?;
    Ok(results.into_iter().flatten().collect())
}

/// Locks the fulfilments of the shipments with these tracking codes, in one statement; by id.
async fn lock_fulfilments_of(
    txn: &TenantTransaction,
    codes: &[&str],
) -> Result<HashMap<Uuid, fulfilment::Model>, LogisticsError> {
    let of_codes = txn
        .find::<shipment::Entity>()
        .filter(shipment::Column::TrackingCode.is_in(codes.iter().copied()))
        .select_only()
        .column(shipment::Column::FulfilmentId)
        .into_query();
    let locked = txn
        .find::<fulfilment::Entity>()
        .filter(fulfilment::Column::Id.in_subquery(of_codes))
        .order_by_asc(fulfilment::Column::Id)
        .lock_exclusive()
        .all(txn)
        .await?;
    Ok(locked.into_iter().map(|f| (f.id, f)).collect())
}

fn outcome(
    event: &TrackingEventIn,
    outcome: TrackingOutcome,
    shipment: Option<(Uuid, ShipmentStatus)>,
) -> TrackingResult {
    TrackingResult {
        tracking_code: event.tracking_code.clone(),
        carrier_event_id: event.carrier_event_id.clone(),
        outcome,
        shipment_id: shipment.map(|s| s.0),
        shipment_status: shipment.map(|s| s.1),
    }
}

/// A shipment and its fulfilment, locked, as they are now.
struct Locked<'a> {
    shipment: &'a mut shipment::Model,
    fulfilment: &'a mut fulfilment::Model,
    /// The status of each of the fulfilment's shipments, when they were read with it.
    siblings: Option<&'a mut HashMap<Uuid, ShipmentStatus>>,
}

/// Keeps one event (once) and moves its shipment if it is further along, with its fulfilment
/// following and its move of the scorecard's counts added to `counts`; answers whether the
/// event was new.
async fn record_one(
    txn: &TenantTransaction,
    principal: &Principal,
    locked: Locked<'_>,
    counts: &mut scorecard_days::Changes,
    event: &TrackingEventIn,
) -> Result<bool, LogisticsError> {
    let Locked {
        shipment,
        fulfilment,
        siblings,
    } = locked;
    let row = tracking_event::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        shipment_id: shipment.id,
        carrier_event_id: event.carrier_event_id.clone(),
        status: event.status,
        occurred_at: event.occurred_at,
        place: event.place.clone(),
        description: event.description.clone(),
        received_at: Utc::now(),
    };
    let inserted = tracking_event::Entity::insert(tracking_event::ActiveModel::from(row))
        .on_conflict(
            OnConflict::columns([
                tracking_event::Column::TenantId,
                tracking_event::Column::ShipmentId,
                tracking_event::Column::CarrierEventId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if inserted == 0 {
        return Ok(false);
    }
    let Some(after) = advanced(shipment, event) else {
        return Ok(true);
    };
    shipment::Entity::update(shipment::ActiveModel::from(after.clone()).reset_all())
        .exec(txn)
        .await?;
    let before = std::mem::replace(shipment, after);
    counts
        .follow(txn, &before, shipment, fulfilment.deliver_by)
        .await?;
    if shipment.status != before.status && shipment.status == ShipmentStatus::Delivered {
        let code = shipment.tracking_code.clone().unwrap_or_default();
        let message = Message::new(Key::OrderShipmentDelivered).with("code", code);
        progress::record_step(txn, principal, fulfilment.order_id, message).await?;
    }
    if shipment.status != before.status {
        let locked = fulfilment.clone();
        let at = event.occurred_at;
        *fulfilment = match siblings {
            Some(statuses) => {
                statuses.insert(shipment.id, shipment.status);
                let statuses: Vec<ShipmentStatus> = statuses.values().copied().collect();
                settle_with(txn, principal, locked, &statuses, at).await?
            }
            None => settle_locked(txn, principal, locked, at).await?,
        };
    }
    Ok(true)
}

/// The shipment after a new event: further along, or the same rank but later; a failed
/// attempt is counted even when it does not move the shipment. None when nothing changes.
fn advanced(before: &shipment::Model, event: &TrackingEventIn) -> Option<shipment::Model> {
    let status = event.status.shipment_status();
    let later = before.last_event_at.is_none_or(|at| event.occurred_at > at);
    let moves = !before.status.is_final()
        && (status.rank() > before.status.rank()
            || (status.rank() == before.status.rank() && status != before.status && later));
    let failed = event.status == TrackingStatus::DeliveryFailed;
    // The carrier's own posting time wins over the hand-over staff recorded later: the
    // scorecard counts days from it.
    let posted_earlier = event.status == TrackingStatus::Posted
        && before.posted_at.is_none_or(|at| event.occurred_at < at);
    if !moves && !failed && !posted_earlier {
        return None;
    }
    let mut after = before.clone();
    if failed {
        after.failed_attempts += 1;
    }
    if moves {
        after.status = status;
        after.last_event_at = Some(event.occurred_at);
        after.posted_at = before.posted_at.or(Some(event.occurred_at));
        if status == ShipmentStatus::Delivered {
            after.delivered_at = Some(event.occurred_at);
        }
    }
    if posted_earlier {
        after.posted_at = Some(event.occurred_at);
    }
    after.version += 1;
    after.updated_at = Utc::now();
    Some(after)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::{DateTime, TimeZone};

    use super::*;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0).unwrap()
    }

    fn event(status: TrackingStatus, hour: u32) -> TrackingEventIn {
        TrackingEventIn {
            tracking_code: "AA123456789BR".into(),
            carrier_event_id: format!("e{hour}"),
            status,
            occurred_at: at(hour),
            place: None,
            description: None,
        }
    }

    fn shipment(status: ShipmentStatus, hour: u32) -> shipment::Model {
        shipment::Model {
            tenant_id: entity::TenantId::from_uuid(Uuid::nil()),
            id: Uuid::nil(),
            fulfilment_id: Uuid::nil(),
            status,
            weight_grams: 1,
            length_mm: 1,
            width_mm: 1,
            height_mm: 1,
            service_id: None,
            tracking_code: None,
            cost: None,
            destination_state: None,
            failed_attempts: 0,
            posted_at: None,
            delivered_at: None,
            last_event_at: Some(at(hour)),
            version: 1,
            created_at: at(0),
            updated_at: at(0),
        }
    }

    #[test]
    fn a_late_event_never_moves_a_shipment_backwards() {
        let delivered = shipment(ShipmentStatus::Delivered, 12);
        assert!(advanced(&delivered, &event(TrackingStatus::InTransit, 9)).is_none());
        assert!(advanced(&delivered, &event(TrackingStatus::OutForDelivery, 13)).is_none());
        let moving = shipment(ShipmentStatus::InTransit, 9);
        let after = advanced(&moving, &event(TrackingStatus::Delivered, 12)).unwrap();
        assert_eq!(after.status, ShipmentStatus::Delivered);
        assert_eq!(after.delivered_at, Some(at(12)));
    }

    #[test]
    fn the_carriers_earlier_posting_time_is_the_posting_time() {
        let handed_over = shipment::Model {
            posted_at: Some(at(15)),
            ..shipment(ShipmentStatus::Posted, 15)
        };
        let posted = advanced(&handed_over, &event(TrackingStatus::Posted, 9)).unwrap();
        assert_eq!(
            (posted.status, posted.posted_at),
            (ShipmentStatus::Posted, Some(at(9)))
        );
        assert!(advanced(&posted, &event(TrackingStatus::Posted, 11)).is_none());
    }

    #[test]
    fn a_failed_attempt_counts_and_going_out_again_later_wins() {
        let out = shipment(ShipmentStatus::OutForDelivery, 9);
        let failed = advanced(&out, &event(TrackingStatus::DeliveryFailed, 10)).unwrap();
        assert_eq!(
            (failed.status, failed.failed_attempts),
            (ShipmentStatus::DeliveryFailed, 1)
        );
        let again = advanced(&failed, &event(TrackingStatus::OutForDelivery, 11)).unwrap();
        assert_eq!(again.status, ShipmentStatus::OutForDelivery);
        let stale = advanced(&again, &event(TrackingStatus::DeliveryFailed, 8)).unwrap();
        assert_eq!(
            (stale.status, stale.failed_attempts),
            (ShipmentStatus::OutForDelivery, 2)
        );
    }
}
