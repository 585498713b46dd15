//! Reservations: units held for an order until it is paid (commit → a sale) or given up
//! (release). This is the service the orders module calls; the HTTP routes call it too.
//! Holding is here; what a hold needs to know and how it chooses is `plan.rs`; ending one
//! (release, commit, return, expiry) is `ending.rs`.

use crate::db::TenantTransaction;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use openapi::inventory::ReservationIn;
use sea_orm::sea_query::Expr;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryTrait, Statement};
use serde_json::json;
use uuid::Uuid;

use entity::closed_sets::ReservationStatus;
use entity::{reservation, variant};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::batch_write::Row;
use crate::catalog::service::variant::sku_of;
use crate::inventory::error::InventoryError;
use crate::inventory::service::ledger::{self, VariantCheck};

mod ending;
mod plan;

pub use ending::*;
use plan::*;
const ACTIVE: ReservationStatus = ReservationStatus::Active;

/// What to hold: a variant, a quantity, and optionally where, for which channel, until when,
/// and for what.
pub struct Hold {
    pub variant_id: Uuid,
    pub location_id: Option<Uuid>,
    pub quantity: i64,
    pub channel_id: Option<Uuid>,
    pub expires_at: Option<DateTime<Utc>>,
    pub reference: Option<(String, Uuid)>,
}

impl From<&ReservationIn> for Hold {
    fn from(input: &ReservationIn) -> Hold {
        Hold {
            variant_id: input.variant_id,
            location_id: input.location_id,
            quantity: input.quantity,
            channel_id: input.channel_id,
            expires_at: input.expires_at,
            reference: input.reference_type.clone().zip(input.reference_id),
        }
    }
}

/// One stocked variant a hold takes units of: the variant itself, or each kit component.
#[derive(Clone)]
struct Part {
    variant_id: Uuid,
    sku: String,
    per_unit: i64,
}

/// The parts of one variant (see `parts_of_all`).
async fn parts_of(
    conn: &TenantTransaction,
    variant: variant::Model,
) -> Result<Vec<Part>, InventoryError> {
    let id = variant.id;
    let variants = HashMap::from([(id, variant)]);
    let mut parts = parts_of_all(conn, &variants, vec![id]).await?;
    Ok(parts.remove(&id).unwrap_or_default())
}

/// Holds units: at the given location, or at the active location where most are available.
/// Never more than is available (less the channel's buffer): each part is one conditional
/// update of its level. A kit holds its components at one location, all or none. Its rows may
/// wait in `txn`'s queue until it commits (see `hold_all`).
pub async fn reserve(
    txn: &TenantTransaction,
    principal: &Principal,
    hold: &Hold,
) -> Result<reservation::Model, InventoryError> {
    if let Some(reservation) = reserve_unread(txn, principal, hold).await? {
        return Ok(reservation);
    }
    let mut held = hold_all(txn, principal, std::slice::from_ref(hold)).await?;
    held.pop()
        .ok_or_else(|| InventoryError::Database(DbErr::Custom("no reservation was made".into())))
}

/// On PostgreSQL, a plain hold (at a named location, for no channel) in one statement that
/// reads nothing first: the level's update itself refuses a variant that is archived or a kit,
/// and the audit entry takes the SKU from the variant's row. This saves one of the four round
/// trips a reservation made (`BEGIN` with its scope, `Known::read`, the write, `COMMIT`):
/// about 8 % more reservations/s. `None`, having written nothing, when the hold was refused
/// or is not plain: the general way then holds it or says why.
async fn reserve_unread(
    conn: &TenantTransaction,
    principal: &Principal,
    hold: &Hold,
) -> Result<Option<reservation::Model>, InventoryError> {
    let Some(location_id) = hold.location_id else {
        return Ok(None);
    };
    if hold.channel_id.is_some() || conn.get_database_backend() != DbBackend::Postgres {
        return Ok(None);
    }
    let reservation = reservation_of(principal, hold, location_id, Utc::now());
    let movement = movement_of(hold, 1, 0);
    let after = audit::json_object([
        ("sku", sku_of(conn.tenant(), hold.variant_id)),
        ("quantity", Expr::val(reservation.quantity)),
    ]);
    let entry = audit::entry_row_with_after(principal, reserve_change(&reservation, None), after)?;
    let rows = [
        (
            vec![0],
            Row::of(reservation::ActiveModel::from(reservation.clone()))?,
        ),
        (vec![0], entry),
    ];
    let change = [(hold.variant_id, location_id, movement)];
    let applied =
        ledger::apply_holds(conn, principal, &change, &rows, VariantCheck::InUpdate).await?;
    Ok((applied == [true]).then_some(reservation))
}

/// What the audit log says of a reservation made.
fn reserve_change(reservation: &reservation::Model, sku: Option<&str>) -> Change<'static> {
    Change {
        action: "stock.reserve",
        entity_type: "reservation",
        entity_id: Some(reservation.id),
        before: None,
        after: sku.map(|sku| json!({ "sku": sku, "quantity": reservation.quantity })),
    }
}

/// Holds several lines, all or none, as `reserve` holds one: what placing an order calls. The
/// reservations come back in the order of `holds`; some of their rows may be queued on `txn`
/// (written at the latest by its commit, or with the caller's own writes through
/// `write_with_queued`). When any line is short, the error names every short line, nothing is
/// queued, and the caller abandons its transaction.
///
/// What the lines need is read once for all of them. When each line has one location to try
/// (named, or the only one with stock), all lines go in one round trip, reservation rows and
/// audit entries included (`hold_together`). Otherwise they are held in turn (`hold_in_turn`),
/// after every level they may change is locked (`ledger::lock_levels`): a line tried at another
/// location after one statement had locked levels would lock out of order, and so would a
/// kit's parts, held with their line. Either way levels are locked in (variant, location)
/// order, so two transactions holding the same variants never wait on each other in a cycle.
pub async fn hold_all(
    txn: &TenantTransaction,
    principal: &Principal,
    holds: &[Hold],
) -> Result<Vec<reservation::Model>, InventoryError> {
    if holds.is_empty() {
        return Ok(Vec::new());
    }
    let known = Known::read(txn, holds).await?;
    let plans = holds
        .iter()
        .map(|hold| Plan::of(&known, hold))
        .collect::<Result<Vec<_>, _>>()?;
    let lines = Lines {
        principal,
        known: &known,
        holds,
        plans: &plans,
        now: Utc::now(),
    };
    let (tried, writes) = if plans.iter().all(|plan| plan.candidates.len() <= 1) {
        (hold_together(txn, &lines).await?, Vec::new())
    } else {
        let part_ids = known.levels.iter().map(|level| level.variant_id).collect();
        ledger::lock_levels(txn, part_ids, known.active.clone()).await?;
        hold_in_turn(txn, &lines).await?
    };
    let mut shortages = Vec::new();
    for i in lines.by_variant() {
        let partly_held = match tried[i] {
            Tried::Held(_) => continue,
            Tried::PartlyHeld => true,
            Tried::Refused => false,
        };
        let (hold, plan) = (&holds[i], &plans[i]);
        shortages.extend(refusal(txn, &known, hold, plan, partly_held).await?);
    }
    if !shortages.is_empty() {
        return Err(InventoryError::InsufficientStock { shortages });
    }
    let reservations = tried
        .into_iter()
        .filter_map(|tried| match tried {
            Tried::Held(reservation) => Some(reservation),
            Tried::PartlyHeld | Tried::Refused => None,
        })
        .collect();
    txn.queue(writes);
    Ok(reservations)
}

/// The lines of one `hold_all` and what was worked out for them.
struct Lines<'a> {
    principal: &'a Principal,
    known: &'a Known,
    holds: &'a [Hold],
    plans: &'a [Plan],
    now: DateTime<Utc>,
}

impl Lines<'_> {
    /// The lines' indices in variant order.
    fn by_variant(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.holds.len()).collect();
        order.sort_by_key(|&i| self.holds[i].variant_id);
        order
    }

    fn reservation(&self, i: usize, location_id: Uuid) -> reservation::Model {
        reservation_of(self.principal, &self.holds[i], location_id, self.now)
    }

    /// What the audit log says of a reservation made.
    fn entry(&self, reservation: &reservation::Model) -> Result<Change<'static>, InventoryError> {
        let sku = &self.known.variant(reservation.variant_id)?.sku;
        Ok(reserve_change(reservation, Some(sku)))
    }
}

/// Every line at its one location, in one statement: each level's update, and each line's
/// movements, reservation row and audit entry, written only when its updates were made.
async fn hold_together(
    conn: &TenantTransaction,
    lines: &Lines<'_>,
) -> Result<Vec<Tried>, InventoryError> {
    let principal = lines.principal;
    let mut changes = Vec::new();
    let mut rows = Vec::new();
    let mut planned = Vec::with_capacity(lines.holds.len());
    same_length(
        lines.holds.len(),
        lines.plans.len(),
        "holds and their plans",
    )?;
    for (i, (hold, plan)) in lines.holds.iter().zip(lines.plans).enumerate() {
        let Some(location_id) = plan.first_choice() else {
            planned.push(None);
            continue;
        };
        let needs: Vec<usize> = (changes.len()..changes.len() + plan.parts.len()).collect();
        for part in &plan.parts {
            changes.push((part.variant_id, location_id, plan.movement(hold, part)));
        }
        let reservation = lines.reservation(i, location_id);
        let entry = audit::entry(principal, lines.entry(&reservation)?);
        rows.push((
            needs.clone(),
            Row::of(reservation::ActiveModel::from(reservation.clone()))?,
        ));
        rows.push((needs.clone(), Row::of(entry)?));
        planned.push(Some((needs, reservation)));
    }
    let applied =
        ledger::apply_holds(conn, principal, &changes, &rows, VariantCheck::Planned).await?;
    Ok(planned
        .into_iter()
        .map(|line| match line {
            None => Tried::Refused,
            Some((needs, reservation)) => {
                let made = needs.iter().filter(|&&c| applied.get(c) == Some(&true));
                match made.count() {
                    n if n == needs.len() => Tried::Held(reservation),
                    0 => Tried::Refused,
                    _ => Tried::PartlyHeld,
                }
            }
        })
        .collect())
}

/// Each line in variant order, trying its locations in turn; the movements, reservation rows
/// and audit entries are left to queue.
async fn hold_in_turn(
    conn: &TenantTransaction,
    lines: &Lines<'_>,
) -> Result<(Vec<Tried>, Vec<Statement>), InventoryError> {
    let mut batch = ledger::Batch::at_active_locations();
    let mut tried: Vec<Tried> = lines.holds.iter().map(|_| Tried::Refused).collect();
    for i in lines.by_variant() {
        tried[i] = hold_at_first_that_can(conn, lines, i, &mut batch).await?;
    }
    let held: Vec<&reservation::Model> = tried
        .iter()
        .filter_map(|t| match t {
            Tried::Held(reservation) => Some(reservation),
            Tried::PartlyHeld | Tried::Refused => None,
        })
        .collect();
    let backend = conn.get_database_backend();
    let mut writes: Vec<Statement> = batch.into_statement(backend).into_iter().collect();
    if !held.is_empty() {
        let entries = held
            .iter()
            .map(|reservation| lines.entry(reservation))
            .collect::<Result<Vec<_>, _>>()?;
        writes.extend(audit::insert_all(backend, lines.principal, entries));
        writes.push(
            reservation::Entity::insert_many(
                held.into_iter()
                    .cloned()
                    .map(reservation::ActiveModel::from),
            )
            .build(backend),
        );
    }
    Ok((tried, writes))
}

fn reservation_of(
    principal: &Principal,
    hold: &Hold,
    location_id: Uuid,
    now: DateTime<Utc>,
) -> reservation::Model {
    reservation::Model {
        tenant_id: principal.tenant_id,
        id: Uuid::now_v7(),
        variant_id: hold.variant_id,
        location_id,
        quantity: hold.quantity,
        status: ACTIVE,
        expires_at: hold.expires_at,
        reference_type: hold.reference.as_ref().map(|(kind, _)| kind.clone()),
        reference_id: hold.reference.as_ref().map(|(_, id)| *id),
        created_at: now,
        updated_at: now,
    }
}

/// Two lists zipped together must be as long as each other: a shorter one would drop the
/// other's last items silently.
pub fn same_length(left: usize, right: usize, what: &str) -> Result<(), InventoryError> {
    if left == right {
        return Ok(());
    }
    Err(InventoryError::Database(DbErr::Custom(format!(
        "{what} differ in number ({left} and {right})"
    ))))
}
