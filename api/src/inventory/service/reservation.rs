//! Reservations: units held for an order until it is paid (commit → a sale) or given up
//! (release). This is the service the orders module calls; the HTTP routes call it too.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use openapi::catalog::Status;
use openapi::inventory::{ReservationIn, Shortage};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter,
    QuerySelect, QueryTrait, Statement,
};
use serde_json::json;
use uuid::Uuid;

use entity::{reservation, stock_level, variant};

use crate::audit::service::{self as audit, Change};
use crate::auth::principal::Principal;
use crate::batch_write::{Row, write_together};
use crate::catalog::error::CatalogError;
use crate::catalog::service::kit;
use crate::catalog::service::variant::{
    sku_of, variant_by_id, variants_by_id, variants_marking_kits,
};
use crate::db::{self, Access};
use crate::error::DomainError;
use crate::inventory::error::InventoryError;
use crate::inventory::service::buffer;
use crate::inventory::service::ledger::{self, Delta, Movement, VariantCheck, available};
use crate::inventory::service::location::{active_location_of_level, find_active_location};

const ACTIVE: &str = "active";

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
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    variant: variant::Model,
) -> Result<Vec<Part>, InventoryError> {
    let id = variant.id;
    let variants = HashMap::from([(id, variant)]);
    let mut parts = parts_of_all(conn, tenant_id, &variants, vec![id]).await?;
    Ok(parts.remove(&id).unwrap_or_default())
}

/// Holds units: at the given location, or at the active location where most are available.
/// Never more than is available (less the channel's buffer): each part is one conditional
/// update of its level. A kit holds its components at one location, all or none.
pub async fn reserve(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    hold: &Hold,
) -> Result<reservation::Model, InventoryError> {
    if let Some(reservation) = reserve_unread(conn, principal, hold).await? {
        return Ok(reservation);
    }
    let (mut held, writes) = hold_all(conn, principal, std::slice::from_ref(hold)).await?;
    write_together(conn, writes.0).await?;
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
    conn: &impl ConnectionTrait,
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
        ("sku", sku_of(principal.tenant_id, hold.variant_id)),
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
/// reservations come back in the order of `holds`, with the writes the caller must make with
/// its own before it commits. When any line is short, the error names every short line and
/// the caller abandons its transaction.
///
/// What the lines need is read once for all of them. When each line has one location to try
/// (named, or the only one with stock), all lines go in one round trip, reservation rows and
/// audit entries included (`hold_together`). Otherwise they are held in turn (`hold_in_turn`),
/// after every level they may change is locked (`ledger::lock_levels`): a line tried at another
/// location after one statement had locked levels would lock out of order, and so would a
/// kit's parts, held with their line. Either way levels are locked in (variant, location)
/// order, so two transactions holding the same variants never wait on each other in a cycle.
pub async fn hold_all(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    holds: &[Hold],
) -> Result<(Vec<reservation::Model>, PendingWrites), InventoryError> {
    if holds.is_empty() {
        return Ok((Vec::new(), PendingWrites(Vec::new())));
    }
    let known = Known::read(conn, principal.tenant_id, holds).await?;
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
        (hold_together(conn, &lines).await?, Vec::new())
    } else {
        let part_ids = known.levels.iter().map(|level| level.variant_id).collect();
        ledger::lock_levels(conn, principal.tenant_id, part_ids, known.active.clone()).await?;
        hold_in_turn(conn, &lines).await?
    };
    let mut shortages = Vec::new();
    for i in lines.by_variant() {
        let partly_held = match tried[i] {
            Tried::Held(_) => continue,
            Tried::PartlyHeld => true,
            Tried::Refused => false,
        };
        let (hold, plan) = (&holds[i], &plans[i]);
        let tenant_id = principal.tenant_id;
        shortages.extend(refusal(conn, tenant_id, &known, hold, plan, partly_held).await?);
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
    Ok((reservations, PendingWrites(writes)))
}

/// Writes of a hold left to its caller, to send with its own in one round trip (an order's
/// lines, say): dropped, levels would stay changed with no reservation rows behind them.
#[must_use = "the pending writes of a hold must be sent before the transaction commits"]
pub struct PendingWrites(pub Vec<Statement>);

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
    conn: &impl ConnectionTrait,
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
/// and audit entries are left to write.
async fn hold_in_turn(
    conn: &impl ConnectionTrait,
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
        status: ACTIVE.to_owned(),
        expires_at: hold.expires_at,
        reference_type: hold.reference.as_ref().map(|(kind, _)| kind.clone()),
        reference_id: hold.reference.as_ref().map(|(_, id)| *id),
        created_at: now,
        updated_at: now,
    }
}

/// What holding some lines needs to know, read once for all of them.
struct Known {
    variants: HashMap<Uuid, variant::Model>,
    /// Units each (channel, variant) keeps back.
    buffers: HashMap<(Uuid, Uuid), i64>,
    /// The parts of each variant: itself, or a kit's components.
    parts: HashMap<Uuid, Vec<Part>>,
    /// The active locations where some part has a level, by id, when some line must choose a
    /// location or is a kit; empty otherwise (the conditional updates refuse a location that
    /// is not active).
    active: Vec<Uuid>,
    /// The levels of every part at the active locations, when some line must choose a
    /// location or is a kit; empty otherwise (the conditional updates decide).
    levels: Vec<stock_level::Model>,
}

impl Known {
    async fn read(
        conn: &impl ConnectionTrait,
        tenant_id: Uuid,
        holds: &[Hold],
    ) -> Result<Known, InventoryError> {
        let ids: Vec<Uuid> = holds.iter().map(|h| h.variant_id).collect();
        let (variants, parts) = variants_and_parts(conn, tenant_id, ids.clone()).await?;
        if ids.iter().any(|id| !variants.contains_key(id)) {
            return Err(CatalogError::NotFound("variant").into());
        }
        let mut channels: Vec<Uuid> = holds.iter().filter_map(|h| h.channel_id).collect();
        channels.sort();
        channels.dedup();
        let buffers = buffer::buffers_of(conn, tenant_id, &channels, &ids).await?;
        let choosing = holds.iter().any(|h| {
            h.location_id.is_none() || parts.get(&h.variant_id).is_some_and(|p| is_kit(p, h))
        });
        let (active, levels) = if choosing {
            let part_ids: Vec<Uuid> = parts.values().flatten().map(|p| p.variant_id).collect();
            levels_at_active_locations(conn, tenant_id, part_ids).await?
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Known {
            variants,
            buffers,
            parts,
            active,
            levels,
        })
    }

    fn variant(&self, id: Uuid) -> Result<&variant::Model, InventoryError> {
        self.variants
            .get(&id)
            .ok_or_else(|| CatalogError::NotFound("variant").into())
    }
}

/// The levels of `variant_ids` at the store's active locations, and those locations, by id. A
/// location where none of them has a level has none to give, so it is left out.
async fn levels_at_active_locations(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    variant_ids: Vec<Uuid>,
) -> Result<(Vec<Uuid>, Vec<stock_level::Model>), DbErr> {
    let levels = stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::VariantId.is_in(variant_ids))
        .filter(Expr::exists(active_location_of_level()))
        .all(conn)
        .await?;
    let mut active: Vec<Uuid> = levels.iter().map(|l| l.location_id).collect();
    active.sort();
    active.dedup();
    Ok((active, levels))
}

/// The variants `ids` that exist, by id, and the parts of each.
async fn variants_and_parts(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    ids: Vec<Uuid>,
) -> Result<(HashMap<Uuid, variant::Model>, HashMap<Uuid, Vec<Part>>), InventoryError> {
    let marked = variants_marking_kits(conn, tenant_id, ids).await?;
    let kits = marked
        .iter()
        .filter(|(_, (_, is_kit))| *is_kit)
        .map(|(id, _)| *id)
        .collect();
    let variants = marked
        .into_iter()
        .map(|(id, (variant, _))| (id, variant))
        .collect();
    let parts = parts_of_all(conn, tenant_id, &variants, kits).await?;
    Ok((variants, parts))
}

fn is_kit(parts: &[Part], hold: &Hold) -> bool {
    parts.iter().any(|part| part.variant_id != hold.variant_id)
}

/// The parts of each variant, from one read of the components of those of `kits` that are
/// kits (none when `kits` is empty).
async fn parts_of_all(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    variants: &HashMap<Uuid, variant::Model>,
    kits: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<Part>>, InventoryError> {
    let components = if kits.is_empty() {
        Vec::new()
    } else {
        kit::components_of_kits(conn, tenant_id, kits).await?
    };
    let skus: HashMap<Uuid, String> = if components.is_empty() {
        HashMap::new()
    } else {
        let ids: Vec<Uuid> = components.iter().map(|c| c.component_variant_id).collect();
        variants_by_id(conn, tenant_id, ids)
            .await?
            .into_iter()
            .map(|(id, v)| (id, v.sku))
            .collect()
    };
    let mut parts: HashMap<Uuid, Vec<Part>> = HashMap::new();
    // A kit's components in variant order: held one after another, their levels are then
    // locked in the order every other hold locks them.
    let mut components = components;
    components.sort_by_key(|c| (c.kit_variant_id, c.component_variant_id, c.id));
    for component in components {
        parts
            .entry(component.kit_variant_id)
            .or_default()
            .push(Part {
                variant_id: component.component_variant_id,
                sku: skus
                    .get(&component.component_variant_id)
                    .cloned()
                    .unwrap_or_default(),
                per_unit: component.quantity,
            });
    }
    for variant in variants.values() {
        parts.entry(variant.id).or_insert_with(|| {
            vec![Part {
                variant_id: variant.id,
                sku: variant.sku.clone(),
                per_unit: 1,
            }]
        });
    }
    Ok(parts)
}

/// How one line is to be held: its parts, the buffer its channel keeps, and where to try.
struct Plan {
    parts: Vec<Part>,
    buffer: i64,
    kit: bool,
    /// Whether the variant may be sold at all (an archived one is refused like a shortage).
    sellable: bool,
    /// What each active location can give, most first, when the line chooses or is a kit.
    by_location: Vec<(Uuid, i64)>,
    /// The locations to try, in order.
    candidates: Vec<Uuid>,
}

impl Plan {
    fn of(known: &Known, hold: &Hold) -> Result<Plan, InventoryError> {
        let variant = known.variant(hold.variant_id)?;
        let buffer = hold
            .channel_id
            .and_then(|channel| known.buffers.get(&(channel, variant.id)).copied())
            .unwrap_or(0);
        let parts = known
            .parts
            .get(&variant.id)
            .ok_or(CatalogError::NotFound("variant"))?
            .clone();
        // A plain variant at a given location reads no figures before trying: the update
        // decides. Kits use them, so a refusal can say what was there before any part was held.
        let kit = is_kit(&parts, hold);
        let by_location = if hold.location_id.is_none() || kit {
            availability(&known.active, &known.levels, &parts, buffer)
        } else {
            Vec::new()
        };
        let candidates: Vec<Uuid> = match hold.location_id {
            // The update refuses a location that is unknown or not active; the refusal says
            // which.
            Some(id) => vec![id],
            None => by_location.iter().map(|(l, _)| *l).collect(),
        };
        Ok(Plan {
            parts,
            buffer,
            kit,
            sellable: variant.status == Status::Active.as_str(),
            by_location,
            candidates,
        })
    }

    fn first_choice(&self) -> Option<Uuid> {
        self.candidates.first().copied().filter(|_| self.sellable)
    }

    fn movement<'a>(&self, hold: &'a Hold, part: &Part) -> Movement<'a> {
        movement_of(hold, part.per_unit, self.buffer)
    }
}

/// The movement of holding a part, `per_unit` of it in each unit of `hold`, keeping `buffer`
/// units of the line available.
fn movement_of(hold: &Hold, per_unit: i64, buffer: i64) -> Movement<'_> {
    Movement {
        kind: "reservation",
        delta: Delta {
            reserved: hold.quantity * per_unit,
            ..Delta::default()
        },
        reason: None,
        reference: hold
            .reference
            .as_ref()
            .map(|(kind, id)| (kind.as_str(), *id)),
        note: None,
        keep_available: buffer * per_unit,
    }
}

/// What trying to hold a line came to.
enum Tried {
    Held(reservation::Model),
    /// Some parts of a kit were held before another fell short: the caller abandons its
    /// transaction on the error that follows, which undoes them.
    PartlyHeld,
    Refused,
}

/// Tries line `i` at each of its candidate locations in turn, until one gives it all.
async fn hold_at_first_that_can(
    conn: &impl ConnectionTrait,
    lines: &Lines<'_>,
    i: usize,
    batch: &mut ledger::Batch,
) -> Result<Tried, InventoryError> {
    let (hold, plan) = (&lines.holds[i], &lines.plans[i]);
    if !plan.sellable {
        return Ok(Tried::Refused);
    }
    for location_id in &plan.candidates {
        let mut held = 0;
        for part in &plan.parts {
            let movement = plan.movement(hold, part);
            if !batch
                .apply(
                    conn,
                    lines.principal,
                    part.variant_id,
                    *location_id,
                    movement,
                )
                .await?
            {
                break;
            }
            held += 1;
        }
        if held == plan.parts.len() {
            return Ok(Tried::Held(lines.reservation(i, *location_id)));
        }
        if held > 0 {
            return Ok(Tried::PartlyHeld);
        }
    }
    Ok(Tried::Refused)
}

/// What to say of a line that could not be held: it, and a kit's parts, with what is available.
async fn refusal(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    known: &Known,
    hold: &Hold,
    plan: &Plan,
    partly_held: bool,
) -> Result<Vec<Shortage>, InventoryError> {
    let variant = known.variant(hold.variant_id)?;
    // Read again, as under concurrency the figures planned with may be stale, unless this
    // transaction itself now holds part of a kit (its own reads would count that).
    let by_location = if partly_held {
        plan.by_location.clone()
    } else {
        let part_ids = plan.parts.iter().map(|p| p.variant_id).collect();
        let (active, levels) = match hold.location_id {
            Some(id) => {
                let active = vec![find_active_location(conn, tenant_id, id).await?.id];
                let levels = read_levels(conn, tenant_id, part_ids, active.clone()).await?;
                (active, levels)
            }
            None => levels_at_active_locations(conn, tenant_id, part_ids).await?,
        };
        availability(&active, &levels, &plan.parts, plan.buffer)
    };
    let available = match hold.location_id {
        Some(id) => by_location
            .iter()
            .find(|(location, _)| *location == id)
            .map_or(0, |(_, units)| *units),
        None => by_location.first().map_or(0, |(_, units)| *units),
    };
    let available = if plan.sellable { available } else { 0 };
    let mut shortages = vec![Shortage {
        sku: variant.sku.clone(),
        requested: hold.quantity,
        available,
    }];
    if plan.kit {
        shortages.extend(plan.parts.iter().map(|part| Shortage {
            sku: part.sku.clone(),
            requested: hold.quantity * part.per_unit,
            available: available * part.per_unit,
        }));
    }
    Ok(shortages)
}

async fn read_levels(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    variant_ids: Vec<Uuid>,
    location_ids: Vec<Uuid>,
) -> Result<Vec<stock_level::Model>, DbErr> {
    stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::VariantId.is_in(variant_ids))
        .filter(stock_level::Column::LocationId.is_in(location_ids))
        .all(conn)
        .await
}

/// How many of the variant (or kit) each active location can give after the buffer: the
/// locations that can give any, most first.
fn availability(
    active: &[Uuid],
    levels: &[stock_level::Model],
    parts: &[Part],
    buffer: i64,
) -> Vec<(Uuid, i64)> {
    let mut by_location: Vec<(Uuid, i64)> = active
        .iter()
        .map(|&location_id| {
            let units = parts
                .iter()
                .map(|part| {
                    let free = levels
                        .iter()
                        .find(|l| l.location_id == location_id && l.variant_id == part.variant_id)
                        .map_or(0, available);
                    (free - buffer * part.per_unit).max(0) / part.per_unit
                })
                .min()
                .unwrap_or(0);
            (location_id, units)
        })
        .filter(|(_, units)| *units > 0)
        .collect();
    by_location.sort_by_key(|(_, units)| std::cmp::Reverse(*units));
    by_location
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

/// Ends the reservations `ids` (an order's lines) as `end_reservation` does, their levels
/// locked first (`lock_levels_of`).
pub async fn end_reservations(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    ids: &[Uuid],
    ending: Ending,
) -> Result<(), InventoryError> {
    lock_levels_of(conn, principal.tenant_id, ids.to_vec()).await?;
    for &id in ids {
        end_reservation(conn, principal, id, ending).await?;
    }
    Ok(())
}

/// Returns the units of the committed reservations `ids` as `return_committed` does, their
/// levels locked first (`lock_levels_of`).
pub async fn return_all_committed(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    ids: &[Uuid],
) -> Result<(), InventoryError> {
    lock_levels_of(conn, principal.tenant_id, ids.to_vec()).await?;
    for &id in ids {
        return_committed(conn, principal, id).await?;
    }
    Ok(())
}

/// Locks, in (variant, location) order, the levels that ending the reservations `ids` will
/// change: ended one after another, an order's lines would otherwise take their levels in
/// line order, and two orders paid or cancelled at once, or one paid while another is placed,
/// could each wait for the other.
async fn lock_levels_of(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    ids: Vec<Uuid>,
) -> Result<(), InventoryError> {
    if ids.len() < 2 || conn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let reservations = reservation::Entity::find_in(tenant_id)
        .filter(reservation::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    let variant_ids = reservations.iter().map(|r| r.variant_id).collect();
    let (_, parts) = variants_and_parts(conn, tenant_id, variant_ids).await?;
    let mut variant_ids = Vec::new();
    let mut location_ids = Vec::new();
    for reservation in &reservations {
        let of = parts.get(&reservation.variant_id).into_iter().flatten();
        variant_ids.extend(of.map(|part| part.variant_id));
        location_ids.push(reservation.location_id);
    }
    // Every part at every location of these reservations: a few levels more than needed at
    // times, all in the one order.
    ledger::lock_levels(conn, tenant_id, variant_ids, location_ids).await?;
    Ok(())
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
    let variant = variant_by_id(conn, principal.tenant_id, reservation.variant_id).await?;
    for part in parts_of(conn, principal.tenant_id, variant).await? {
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

/// Puts the units of a sold (committed) reservation back on hand as a `return` movement, as
/// when a paid order is cancelled. 409 unless the reservation is committed.
pub async fn return_committed(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    id: Uuid,
) -> Result<reservation::Model, InventoryError> {
    let reservation = find_reservation(conn, principal.tenant_id, id).await?;
    let now = Utc::now();
    let returned = reservation::Entity::update_many()
        .col_expr(reservation::Column::Status, Expr::value("returned"))
        .col_expr(reservation::Column::UpdatedAt, Expr::value(now))
        .filter(reservation::Column::TenantId.eq(principal.tenant_id))
        .filter(reservation::Column::Id.eq(id))
        .filter(reservation::Column::Status.eq(Ending::Committed.status()))
        .exec(conn)
        .await?;
    if returned.rows_affected != 1 {
        return Err(InventoryError::ReservationNotActive {
            status: reservation.status,
        });
    }
    let variant = variant_by_id(conn, principal.tenant_id, reservation.variant_id).await?;
    for part in parts_of(conn, principal.tenant_id, variant).await? {
        let movement = Movement {
            kind: "return",
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
            before: Some(json!({ "status": reservation.status })),
            after: Some(json!({ "status": "returned", "quantity": reservation.quantity })),
        },
    )
    .await?;
    Ok(reservation::Model {
        status: "returned".to_owned(),
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
        lock_levels_of(&txn, tenant_id, lapsed.clone())
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
fn sweep_failure(error: InventoryError) -> DbErr {
    error
        .database_error()
        .cloned()
        .unwrap_or_else(|| DbErr::Custom(error.to_string()))
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
