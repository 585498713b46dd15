//! Ending reservations: released, committed into a sale, returned after a sale, or lapsed
//! (the expiry sweep), their levels locked first in one order.

use crate::db::TenantTransaction;
use chrono::{DateTime, Utc};
use entity::TenantId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryFilter, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use entity::closed_sets::{MovementKind, ReservationStatus};
use entity::reservation;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::service::variant::variant_by_id;
use crate::db::{self, Access};
use crate::error::DomainError;
use crate::inventory::error::InventoryError;
use crate::inventory::service::ledger::{self, Delta, Movement};

use super::*;

pub async fn find_reservation(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<reservation::Model, InventoryError> {
    let tenant_id = conn.tenant();
    reservation::Entity::find_in(tenant_id)
        .filter(reservation::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(InventoryError::NotFound("reservation"))
}

/// How a reservation ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Given up: the units are free again.
    Released,
    /// Lapsed: released by the sweep.
    Expired,
    /// Sold: the units leave on hand with the reservation.
    Committed,
}

impl Ending {
    pub(super) fn status(self) -> ReservationStatus {
        match self {
            Ending::Released => ReservationStatus::Released,
            Ending::Expired => ReservationStatus::Expired,
            Ending::Committed => ReservationStatus::Committed,
        }
    }
}

/// Ends the reservations `ids` (an order's lines) as `end_reservation` does, their levels
/// locked first (`lock_levels_of`).
pub async fn end_reservations(
    conn: &TenantTransaction,
    principal: &Principal,
    ids: &[Uuid],
    ending: Ending,
) -> Result<(), InventoryError> {
    lock_levels_of(conn, ids.to_vec()).await?;
    for &id in ids {
        end_reservation(conn, principal, id, ending).await?;
    }
    Ok(())
}

/// Returns the units of the committed reservations `ids` as `return_committed` does, their
/// levels locked first (`lock_levels_of`).
pub async fn return_all_committed(
    conn: &TenantTransaction,
    principal: &Principal,
    ids: &[Uuid],
) -> Result<(), InventoryError> {
    lock_levels_of(conn, ids.to_vec()).await?;
    for &id in ids {
        return_committed(conn, principal, id).await?;
    }
    Ok(())
}

/// Locks, in (variant, location) order, the levels that ending the reservations `ids` will
/// change: ended one after another, an order's lines would otherwise take their levels in
/// line order, and two orders paid or cancelled at once, or one paid while another is placed,
/// could each wait for the other.
pub(super) async fn lock_levels_of(
    conn: &TenantTransaction,
    ids: Vec<Uuid>,
) -> Result<(), InventoryError> {
    let tenant_id = conn.tenant();
    if ids.len() < 2 || conn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let reservations = reservation::Entity::find_in(tenant_id)
        .filter(reservation::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    let variant_ids = reservations.iter().map(|r| r.variant_id).collect();
    let (_, parts) = variants_and_parts(conn, variant_ids).await?;
    let mut variant_ids = Vec::new();
    let mut location_ids = Vec::new();
    for reservation in &reservations {
        let of = parts.get(&reservation.variant_id).into_iter().flatten();
        variant_ids.extend(of.map(|part| part.variant_id));
        location_ids.push(reservation.location_id);
    }
    // Every part at every location of these reservations: a few levels more than needed at
    // times, all in the one order.
    ledger::lock_levels(conn, variant_ids, location_ids).await?;
    Ok(())
}

/// Ends an active reservation. Ending one that is no longer active is 409 (a release racing a
/// commit: one of them wins, by the conditional status update).
pub async fn end_reservation(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    ending: Ending,
) -> Result<reservation::Model, InventoryError> {
    let reservation = find_reservation(conn, id).await?;
    let now = Utc::now();
    let ended = conn
        .update_many::<reservation::Entity>()
        .col_expr(reservation::Column::Status, Expr::value(ending.status()))
        .col_expr(reservation::Column::UpdatedAt, Expr::value(now))
        .filter(reservation::Column::Id.eq(id))
        .filter(reservation::Column::Status.eq(ACTIVE))
        .exec(conn)
        .await?;
    if ended.rows_affected != 1 {
        return Err(InventoryError::ReservationNotActive {
            status: reservation.status.as_str().to_owned(),
        });
    }
    let quantity = reservation.quantity;
    let (kind, delta, reason) = match ending {
        Ending::Released | Ending::Expired => (
            MovementKind::Release,
            Delta {
                reserved: -quantity,
                ..Delta::default()
            },
            (ending == Ending::Expired).then_some("expired"),
        ),
        Ending::Committed => (
            MovementKind::Sale,
            Delta {
                on_hand: -quantity,
                reserved: -quantity,
                ..Delta::default()
            },
            None,
        ),
    };
    let variant = variant_by_id(conn, reservation.variant_id).await?;
    for part in parts_of(conn, variant).await? {
        let movement = Movement {
            kind,
            delta: Delta {
                on_hand: delta.on_hand * part.per_unit,
                reserved: delta.reserved * part.per_unit,
                ..Delta::default()
            },
            reason,
            reference: Some(("reservation", reservation.id)),
            note: None,
            keep_available: 0,
        };
        let level = (part.variant_id, reservation.location_id);
        if !ledger::apply(conn, principal, level.0, level.1, movement).await? {
            // The level holds at least what this reservation reserved; a refusal means
            // corruption, so the whole change is abandoned.
            return Err(InventoryError::Database(DbErr::Custom(format!(
                "the level of {} holds less than reservation {id} reserved",
                part.sku
            ))));
        }
    }
    audit::record(
        conn,
        principal,
        Change {
            action: match ending {
                Ending::Released => "stock.release",
                Ending::Expired => "stock.expire",
                Ending::Committed => "stock.commit",
            },
            entity_type: "reservation",
            entity_id: Some(id),
            before: Some(json!({ "status": reservation.status.as_str() })),
            after: Some(json!({ "status": ending.status().as_str(), "quantity": quantity })),
        },
    )
    .await?;
    Ok(reservation::Model {
        status: ending.status(),
        updated_at: now,
        ..reservation
    })
}

/// Puts the units of a sold (committed) reservation back on hand as a `return` movement, as
/// when a paid order is cancelled. 409 unless the reservation is committed.
pub async fn return_committed(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
) -> Result<reservation::Model, InventoryError> {
    let reservation = find_reservation(conn, id).await?;
    let now = Utc::now();
    let returned = conn
        .update_many::<reservation::Entity>()
        .col_expr(
            reservation::Column::Status,
            Expr::value(ReservationStatus::Returned),
        )
        .col_expr(reservation::Column::UpdatedAt, Expr::value(now))
        .filter(reservation::Column::Id.eq(id))
        .filter(reservation::Column::Status.eq(Ending::Committed.status()))
        .exec(conn)
        .await?;
    if returned.rows_affected != 1 {
        return Err(InventoryError::ReservationNotActive {
            status: reservation.status.as_str().to_owned(),
        });
    }
    let variant = variant_by_id(conn, reservation.variant_id).await?;
    for part in parts_of(conn, variant).await? {
        let movement = Movement {
            kind: MovementKind::Return,
            delta: Delta {
                on_hand: reservation.quantity * part.per_unit,
                ..Delta::default()
            },
            reason: None,
            reference: Some(("reservation", reservation.id)),
            note: None,
            keep_available: 0,
        };
        let level = (part.variant_id, reservation.location_id);
        if !ledger::apply(conn, principal, level.0, level.1, movement).await? {
            // Units coming back are refused only when their level is gone (or the variant no
            // longer takes stock): the whole change is abandoned rather than the units lost.
            return Err(InventoryError::Database(DbErr::Custom(format!(
                "the level of {} refused the {} units of reservation {id} coming back",
                part.sku,
                reservation.quantity * part.per_unit
            ))));
        }
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "stock.return",
            entity_type: "reservation",
            entity_id: Some(id),
            before: Some(json!({ "status": reservation.status.as_str() })),
            after: Some(json!({ "status": ReservationStatus::Returned.as_str(), "quantity": reservation.quantity })),
        },
    )
    .await?;
    Ok(reservation::Model {
        status: ReservationStatus::Returned,
        updated_at: now,
        ..reservation
    })
}

/// Releases every lapsed reservation of every store, each store in its own transaction.
/// Returns how many were released.
pub async fn release_expired(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let tenants = crate::tenancy::service::tenant::all_tenant_ids(db).await?;
    let mut released = 0;
    for tenant_id in tenants {
        let lapsed = lapsed_reservations(db, tenant_id, now).await?;
        if lapsed.is_empty() {
            continue;
        }
        let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
        let system = Principal::system(tenant_id);
        lock_levels_of(&txn, lapsed.clone())
            .await
            .map_err(sweep_failure)?;
        for id in lapsed {
            match end_reservation(&txn, &system, id, Ending::Expired).await {
                Ok(_) => released += 1,
                // The database failed: the round stops. Anything else (one ended meanwhile)
                // concerns that reservation only.
                Err(error) if error.database_error().is_some() => {
                    return Err(sweep_failure(error));
                }
                Err(_) => {}
            }
        }
        txn.commit().await?;
    }
    Ok(released)
}

/// What the sweep logs of an error that stops its round.
pub(super) fn sweep_failure(error: InventoryError) -> DbErr {
    error
        .database_error()
        .cloned()
        .unwrap_or_else(|| DbErr::Custom(error.to_string()))
}

pub(super) async fn lapsed_reservations(
    db: &DatabaseConnection,
    tenant_id: TenantId,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbErr> {
    let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
    let lapsed = reservation::Entity::find_in(tenant_id)
        .filter(reservation::Column::Status.eq(ACTIVE))
        .filter(reservation::Column::ExpiresAt.lte(now))
        .select_only()
        .column(reservation::Column::Id)
        .limit(500)
        .into_tuple()
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(lapsed)
}
