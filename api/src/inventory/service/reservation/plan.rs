//! What holding some lines needs to know (levels, kits' parts, buffers), read once, and how
//! each line chooses where to hold and explains a refusal.

use crate::db::TenantTransaction;
use std::collections::HashMap;

use openapi::catalog::Status;
use openapi::inventory::Shortage;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbErr, QueryFilter};
use uuid::Uuid;

use entity::closed_sets::MovementKind;
use entity::{reservation, stock_level, variant};

use crate::catalog::error::CatalogError;
use crate::catalog::service::kit;
use crate::catalog::service::variant::{variants_by_id, variants_marking_kits};
use crate::inventory::error::InventoryError;
use crate::inventory::service::buffer;
use crate::inventory::service::ledger::{self, Delta, Movement, available};
use crate::inventory::service::location::{active_location_of_level, find_active_location};

use super::*;

/// What holding some lines needs to know, read once for all of them.
pub(super) struct Known {
    pub(super) variants: HashMap<Uuid, variant::Model>,
    /// Units each (channel, variant) keeps back.
    pub(super) buffers: HashMap<(Uuid, Uuid), i64>,
    /// The parts of each variant: itself, or a kit's components.
    pub(super) parts: HashMap<Uuid, Vec<Part>>,
    /// The active locations where some part has a level, by id, when some line must choose a
    /// location or is a kit; empty otherwise (the conditional updates refuse a location that
    /// is not active).
    pub(super) active: Vec<Uuid>,
    /// The levels of every part at the active locations, when some line must choose a
    /// location or is a kit; empty otherwise (the conditional updates decide).
    pub(super) levels: Vec<stock_level::Model>,
}

impl Known {
    pub(super) async fn read(
        conn: &TenantTransaction,
        holds: &[Hold],
    ) -> Result<Known, InventoryError> {
        let ids: Vec<Uuid> = holds.iter().map(|h| h.variant_id).collect();
        let (variants, parts) = variants_and_parts(conn, ids.clone()).await?;
        if ids.iter().any(|id| !variants.contains_key(id)) {
            return Err(CatalogError::NotFound("variant").into());
        }
        let mut channels: Vec<Uuid> = holds.iter().filter_map(|h| h.channel_id).collect();
        channels.sort();
        channels.dedup();
        let buffers = buffer::buffers_of(conn, &channels, &ids).await?;
        let choosing = holds.iter().any(|h| {
            h.location_id.is_none() || parts.get(&h.variant_id).is_some_and(|p| is_kit(p, h))
        });
        let (active, levels) = if choosing {
            let part_ids: Vec<Uuid> = parts.values().flatten().map(|p| p.variant_id).collect();
            levels_at_active_locations(conn, part_ids).await?
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

    pub(super) fn variant(&self, id: Uuid) -> Result<&variant::Model, InventoryError> {
        self.variants
            .get(&id)
            .ok_or_else(|| CatalogError::NotFound("variant").into())
    }
}

/// The levels of `variant_ids` at the store's active locations, and those locations, by id. A
/// location where none of them has a level has none to give, so it is left out.
pub(super) async fn levels_at_active_locations(
    conn: &TenantTransaction,
    variant_ids: Vec<Uuid>,
) -> Result<(Vec<Uuid>, Vec<stock_level::Model>), DbErr> {
    let tenant_id = conn.tenant();
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
pub(super) async fn variants_and_parts(
    conn: &TenantTransaction,
    ids: Vec<Uuid>,
) -> Result<(HashMap<Uuid, variant::Model>, HashMap<Uuid, Vec<Part>>), InventoryError> {
    let marked = variants_marking_kits(conn, ids).await?;
    let kits = marked
        .iter()
        .filter(|(_, (_, is_kit))| *is_kit)
        .map(|(id, _)| *id)
        .collect();
    let variants = marked
        .into_iter()
        .map(|(id, (variant, _))| (id, variant))
        .collect();
    let parts = parts_of_all(conn, &variants, kits).await?;
    Ok((variants, parts))
}

pub(super) fn is_kit(parts: &[Part], hold: &Hold) -> bool {
    parts.iter().any(|part| part.variant_id != hold.variant_id)
}

/// The parts of each variant, from one read of the components of those of `kits` that are
/// kits (none when `kits` is empty).
pub(super) async fn parts_of_all(
    conn: &TenantTransaction,
    variants: &HashMap<Uuid, variant::Model>,
    kits: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<Part>>, InventoryError> {
    let components = if kits.is_empty() {
        Vec::new()
    } else {
        kit::components_of_kits(conn, kits).await?
    };
    let skus: HashMap<Uuid, String> = if components.is_empty() {
        HashMap::new()
    } else {
        let ids: Vec<Uuid> = components.iter().map(|c| c.component_variant_id).collect();
        variants_by_id(conn, ids)
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
pub(super) struct Plan {
    pub(super) parts: Vec<Part>,
    pub(super) buffer: i64,
    pub(super) kit: bool,
    /// Whether the variant may be sold at all (an archived one is refused like a shortage).
    pub(super) sellable: bool,
    /// What each active location can give, most first, when the line chooses or is a kit.
    pub(super) by_location: Vec<(Uuid, i64)>,
    /// The locations to try, in order.
    pub(super) candidates: Vec<Uuid>,
}

impl Plan {
    pub(super) fn of(known: &Known, hold: &Hold) -> Result<Plan, InventoryError> {
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
            sellable: variant.status == Status::Active,
            by_location,
            candidates,
        })
    }

    pub(super) fn first_choice(&self) -> Option<Uuid> {
        self.candidates.first().copied().filter(|_| self.sellable)
    }

    pub(super) fn movement<'a>(&self, hold: &'a Hold, part: &Part) -> Movement<'a> {
        movement_of(hold, part.per_unit, self.buffer)
    }
}

/// The movement of holding a part, `per_unit` of it in each unit of `hold`, keeping `buffer`
/// units of the line available.
pub(super) fn movement_of(hold: &Hold, per_unit: i64, buffer: i64) -> Movement<'_> {
    Movement {
        kind: MovementKind::Reservation,
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
pub(super) enum Tried {
    Held(reservation::Model),
    /// Some parts of a kit were held before another fell short: the caller abandons its
    /// transaction on the error that follows, which undoes them.
    PartlyHeld,
    Refused,
}

/// Tries line `i` at each of its candidate locations in turn, until one gives it all.
pub(super) async fn hold_at_first_that_can(
    conn: &TenantTransaction,
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
pub(super) async fn refusal(
    conn: &TenantTransaction,
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
                let active = vec![find_active_location(conn, id).await?.id];
                let levels = read_levels(conn, part_ids, active.clone()).await?;
                (active, levels)
            }
            None => levels_at_active_locations(conn, part_ids).await?,
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

pub(super) async fn read_levels(
    conn: &TenantTransaction,
    variant_ids: Vec<Uuid>,
    location_ids: Vec<Uuid>,
) -> Result<Vec<stock_level::Model>, DbErr> {
    let tenant_id = conn.tenant();
    stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::VariantId.is_in(variant_ids))
        .filter(stock_level::Column::LocationId.is_in(location_ids))
        .all(conn)
        .await
}

/// How many of the variant (or kit) each active location can give after the buffer: the
/// locations that can give any, most first.
pub(super) fn availability(
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
