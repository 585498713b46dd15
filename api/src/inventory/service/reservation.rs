//! Reservations: units held for an order until it is paid (commit → a sale) or given up
//! (release). This is the service the orders module calls; the HTTP routes call it too.

use chrono::{DateTime, Utc};
use openapi::catalog::Status;
use openapi::inventory::{ReservationIn, Shortage};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use entity::{location, reservation, stock_level};

use crate::audit::service::{self as audit, Change};
use crate::auth::principal::Principal;
use crate::catalog::service::variant::find_variant;
use crate::db::{self, Access};
use crate::inventory::error::InventoryError;
use crate::inventory::service::ledger::{self, Delta, Movement, available};
use crate::inventory::service::location::find_active_location;

const ACTIVE: &str = "active";

/// What to hold: a variant, a quantity, and optionally where, until when, and for what.
pub struct Hold {
    pub variant_id: Uuid,
    pub location_id: Option<Uuid>,
    pub quantity: i64,
    pub expires_at: Option<DateTime<Utc>>,
    pub reference: Option<(String, Uuid)>,
}

impl From<&ReservationIn> for Hold {
    fn from(input: &ReservationIn) -> Hold {
        Hold {
            variant_id: input.variant_id,
            location_id: input.location_id,
            quantity: input.quantity,
            expires_at: input.expires_at,
            reference: input.reference_type.clone().zip(input.reference_id),
        }
    }
}

/// Holds units: at the given location, or at the active location with the most available.
/// Never more than is available: the hold is one conditional update of the level.
pub async fn reserve(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    hold: &Hold,
) -> Result<reservation::Model, InventoryError> {
    let (variant, _) = find_variant(conn, principal.tenant_id, hold.variant_id).await?;
    if variant.status != Status::Active.as_str() {
        return Err(InventoryError::InsufficientStock {
            shortages: vec![Shortage {
                sku: variant.sku,
                requested: hold.quantity,
                available: 0,
            }],
        });
    }
    let candidates = match hold.location_id {
        Some(id) => vec![
            find_active_location(conn, principal.tenant_id, id)
                .await?
                .id,
        ],
        None => locations_by_availability(conn, principal.tenant_id, variant.id).await?,
    };
    let reference = hold
        .reference
        .as_ref()
        .map(|(kind, id)| (kind.as_str(), *id));
    for location_id in &candidates {
        let movement = Movement {
            kind: "reservation",
            delta: Delta {
                reserved: hold.quantity,
                ..Delta::default()
            },
            reason: None,
            reference,
            note: None,
        };
        if ledger::apply(conn, principal, variant.id, *location_id, movement).await? {
            return record_hold(conn, principal, &variant.sku, *location_id, hold).await;
        }
    }
    let available = match hold.location_id {
        Some(location_id) => ledger::find_level(conn, principal.tenant_id, variant.id, location_id)
            .await?
            .as_ref()
            .map_or(0, ledger::available),
        None => best_available(conn, principal.tenant_id, variant.id).await?,
    };
    Err(InventoryError::InsufficientStock {
        shortages: vec![Shortage {
            sku: variant.sku,
            requested: hold.quantity,
            available,
        }],
    })
}

async fn record_hold(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    sku: &str,
    location_id: Uuid,
    hold: &Hold,
) -> Result<reservation::Model, InventoryError> {
    let now = Utc::now();
    let reservation = reservation::Model {
        tenant_id: principal.tenant_id,
        id: Uuid::now_v7(),
        variant_id: hold.variant_id,
        location_id,
        quantity: hold.quantity,
        status: ACTIVE.to_owned(),
        expires_at: hold.expires_at,
        reference_type: hold.reference.as_ref().map(|(kind, _)| kind.clone()),
        reference_id: hold.reference.as_ref().map(|(_, id)| *id),
        created_at: now,
        updated_at: now,
    };
    reservation::Entity::insert(reservation::ActiveModel::from(reservation.clone()))
        .exec_without_returning(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "stock.reserve",
            entity_type: "reservation",
            entity_id: Some(reservation.id),
            before: None,
            after: Some(json!({ "sku": sku, "quantity": hold.quantity })),
        },
    )
    .await?;
    Ok(reservation)
}

/// Active locations holding the variant, most available first.
async fn locations_by_availability(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    variant_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    let active: Vec<Uuid> = location::Entity::find_in(tenant_id)
        .filter(location::Column::Status.eq(Status::Active.as_str()))
        .select_only()
        .column(location::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    let mut levels = stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::VariantId.eq(variant_id))
        .filter(stock_level::Column::LocationId.is_in(active))
        .order_by_asc(stock_level::Column::Id)
        .all(conn)
        .await?;
    levels.sort_by_key(|level| std::cmp::Reverse(available(level)));
    Ok(levels
        .into_iter()
        .filter(|level| available(level) > 0)
        .map(|level| level.location_id)
        .collect())
}

async fn best_available(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    variant_id: Uuid,
) -> Result<i64, DbErr> {
    let levels = stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::VariantId.eq(variant_id))
        .all(conn)
        .await?;
    Ok(levels.iter().map(available).max().unwrap_or(0).max(0))
}

pub async fn find_reservation(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<reservation::Model, InventoryError> {
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
    fn status(self) -> &'static str {
        match self {
            Ending::Released => "released",
            Ending::Expired => "expired",
            Ending::Committed => "committed",
        }
    }
}

/// Ends an active reservation. Ending one that is no longer active is 409 (a release racing a
/// commit: one of them wins, by the conditional status update).
pub async fn end_reservation(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    id: Uuid,
    ending: Ending,
) -> Result<reservation::Model, InventoryError> {
    let reservation = find_reservation(conn, principal.tenant_id, id).await?;
    let now = Utc::now();
    let ended = reservation::Entity::update_many()
        .col_expr(reservation::Column::Status, Expr::value(ending.status()))
        .col_expr(reservation::Column::UpdatedAt, Expr::value(now))
        .filter(reservation::Column::TenantId.eq(principal.tenant_id))
        .filter(reservation::Column::Id.eq(id))
        .filter(reservation::Column::Status.eq(ACTIVE))
        .exec(conn)
        .await?;
    if ended.rows_affected != 1 {
        return Err(InventoryError::ReservationNotActive {
            status: reservation.status,
        });
    }
    let quantity = reservation.quantity;
    let (kind, delta, reason) = match ending {
        Ending::Released | Ending::Expired => (
            "release",
            Delta {
                reserved: -quantity,
                ..Delta::default()
            },
            (ending == Ending::Expired).then_some("expired"),
        ),
        Ending::Committed => (
            "sale",
            Delta {
                on_hand: -quantity,
                reserved: -quantity,
                ..Delta::default()
            },
            None,
        ),
    };
    let movement = Movement {
        kind,
        delta,
        reason,
        reference: Some(("reservation", reservation.id)),
        note: None,
    };
    let applied = ledger::apply(
        conn,
        principal,
        reservation.variant_id,
        reservation.location_id,
        movement,
    )
    .await?;
    if !applied {
        // The level holds at least what this reservation reserved; refusing means corruption.
        return Err(InventoryError::Database(DbErr::Custom(format!(
            "the level of reservation {id} holds less than it reserved"
        ))));
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
            before: Some(json!({ "status": reservation.status })),
            after: Some(json!({ "status": ending.status(), "quantity": quantity })),
        },
    )
    .await?;
    Ok(reservation::Model {
        status: ending.status().to_owned(),
        updated_at: now,
        ..reservation
    })
}

/// Releases every lapsed reservation of every store, each store in its own transaction.
/// Returns how many were released.
pub async fn release_expired(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let tenants: Vec<Uuid> = entity::tenant::Entity::find()
        .select_only()
        .column(entity::tenant::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut released = 0;
    for tenant_id in tenants {
        let lapsed = lapsed_reservations(db, tenant_id, now).await?;
        if lapsed.is_empty() {
            continue;
        }
        let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
        let system = Principal::system(tenant_id);
        for id in lapsed {
            match end_reservation(&txn, &system, id, Ending::Expired).await {
                Ok(_) => released += 1,
                Err(InventoryError::Database(error)) => return Err(error),
                Err(_) => {}
            }
        }
        txn.commit().await?;
    }
    Ok(released)
}

async fn lapsed_reservations(
    db: &DatabaseConnection,
    tenant_id: Uuid,
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
