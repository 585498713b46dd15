//! Adjustments and transfers: stock the staff move by hand.

use crate::db::TenantTransaction;
use entity::closed_sets::MovementKind;
use openapi::inventory::{
    AdjustmentIn, CountIn, Shortage, TransferIn, UnsellableAction, UnsellableIn,
};
use serde_json::json;
use uuid::Uuid;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::service::variant::find_variant;
use crate::inventory::error::InventoryError;
use crate::inventory::service::ledger::{self, Delta, Movement};
use crate::inventory::service::level::{LevelView, ensure_stocked, levels_of};
use crate::inventory::service::location::find_active_location;

/// Adds or removes units on hand. Removing more than is free (on hand − reserved − unsellable)
/// is refused.
pub async fn adjust_stock(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &AdjustmentIn,
) -> Result<Vec<LevelView>, InventoryError> {
    let (variant, _) = find_variant(conn, input.variant_id).await?;
    ensure_stocked(conn, &variant).await?;
    let location = find_active_location(conn, input.location_id).await?;
    let movement = Movement {
        kind: MovementKind::Adjustment,
        delta: Delta {
            on_hand: input.quantity,
            ..Delta::default()
        },
        reason: Some(input.reason.as_str()),
        reference: None,
        note: input.note.as_deref(),
        keep_available: 0,
    };
    if !ledger::apply(conn, principal, variant.id, location.id, movement).await? {
        let shortage =
            ledger::shortage(conn, &variant.sku, variant.id, location.id, -input.quantity).await?;
        return Err(InventoryError::InsufficientStock {
            shortages: vec![shortage],
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "stock.adjust",
            entity_type: "variant",
            entity_id: Some(variant.id),
            before: None,
            after: Some(json!({
                "sku": variant.sku, "location": location.code,
                "quantity": input.quantity, "reason": input.reason.as_str(),
            })),
        },
    )
    .await?;
    levels_of(conn, &[(variant.id, location.id)]).await
}

/// Moves units between locations: both legs in this one transaction.
pub async fn transfer_stock(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &TransferIn,
) -> Result<Vec<LevelView>, InventoryError> {
    if input.from_location_id == input.to_location_id {
        return Err(InventoryError::SameLocation);
    }
    let (variant, _) = find_variant(conn, input.variant_id).await?;
    ensure_stocked(conn, &variant).await?;
    let from = find_active_location(conn, input.from_location_id).await?;
    let to = find_active_location(conn, input.to_location_id).await?;
    let leg = |kind, on_hand| Movement {
        kind,
        delta: Delta {
            on_hand,
            ..Delta::default()
        },
        reason: None,
        reference: None,
        note: input.note.as_deref(),
        keep_available: 0,
    };
    let locations = vec![from.id, to.id];
    ledger::lock_levels(conn, vec![variant.id], locations).await?;
    let out = leg(MovementKind::TransferOut, -input.quantity);
    if !ledger::apply(conn, principal, variant.id, from.id, out).await? {
        let shortage =
            ledger::shortage(conn, &variant.sku, variant.id, from.id, input.quantity).await?;
        return Err(InventoryError::InsufficientStock {
            shortages: vec![shortage],
        });
    }
    // Adding on hand cannot break a level rule; a refusal here is a bug, so it aborts all.
    if !ledger::apply(
        conn,
        principal,
        variant.id,
        to.id,
        leg(MovementKind::TransferIn, input.quantity),
    )
    .await?
    {
        return Err(InventoryError::Database(sea_orm::DbErr::Custom(
            "the receiving leg of a transfer was refused".into(),
        )));
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "stock.transfer",
            entity_type: "variant",
            entity_id: Some(variant.id),
            before: None,
            after: Some(json!({
                "sku": variant.sku, "from": from.code, "to": to.code, "quantity": input.quantity,
            })),
        },
    )
    .await?;
    levels_of(conn, &[(variant.id, from.id), (variant.id, to.id)]).await
}

pub struct CountLine {
    pub variant_id: Uuid,
    pub sku: String,
    pub expected: i64,
    pub counted: i64,
}

/// Records a stock count at one location: each difference between what the level says and
/// what was counted becomes a `count` movement, all under one count id.
pub async fn count_stock(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &CountIn,
) -> Result<(Uuid, Vec<CountLine>), InventoryError> {
    let location = find_active_location(conn, input.location_id).await?;
    let variant_ids = input.lines.iter().map(|line| line.variant_id).collect();
    ledger::lock_levels(conn, variant_ids, vec![location.id]).await?;
    let count_id = Uuid::now_v7();
    let mut lines = Vec::with_capacity(input.lines.len());
    for line in &input.lines {
        let (variant, _) = find_variant(conn, line.variant_id).await?;
        ensure_stocked(conn, &variant).await?;
        let level = ledger::find_level(conn, variant.id, location.id).await?;
        let expected = level.as_ref().map_or(0, |l| l.on_hand);
        let difference = line.counted - expected;
        if difference != 0 {
            let movement = Movement {
                kind: MovementKind::Count,
                delta: Delta {
                    on_hand: difference,
                    ..Delta::default()
                },
                reason: Some("count"),
                reference: Some(("count", count_id)),
                note: input.note.as_deref(),
                keep_available: 0,
            };
            if !ledger::apply(conn, principal, variant.id, location.id, movement).await? {
                // Counted fewer than are reserved or unsellable: the count cannot be booked
                // until those are sorted out.
                let shortage =
                    ledger::shortage(conn, &variant.sku, variant.id, location.id, -difference)
                        .await?;
                return Err(InventoryError::InsufficientStock {
                    shortages: vec![shortage],
                });
            }
        }
        lines.push(CountLine {
            variant_id: variant.id,
            sku: variant.sku,
            expected,
            counted: line.counted,
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "stock.count",
            entity_type: "location",
            entity_id: Some(location.id),
            before: None,
            after: Some(json!({
                "count_id": count_id,
                "lines": lines.len(),
                "differences": lines.iter().filter(|l| l.counted != l.expected).count(),
            })),
        },
    )
    .await?;
    Ok((count_id, lines))
}

/// Marks units damaged, restores them, or discards them. None of it can take more than there is.
pub async fn move_unsellable(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &UnsellableIn,
) -> Result<Vec<LevelView>, InventoryError> {
    let (variant, _) = find_variant(conn, input.variant_id).await?;
    ensure_stocked(conn, &variant).await?;
    let location = find_active_location(conn, input.location_id).await?;
    let q = input.quantity;
    let (kind, delta) = match input.action {
        UnsellableAction::Damage => (
            MovementKind::Damage,
            Delta {
                unsellable: q,
                ..Delta::default()
            },
        ),
        UnsellableAction::Restore => (
            MovementKind::Restore,
            Delta {
                unsellable: -q,
                ..Delta::default()
            },
        ),
        UnsellableAction::Discard => (
            MovementKind::Discard,
            Delta {
                on_hand: -q,
                unsellable: -q,
                ..Delta::default()
            },
        ),
    };
    let movement = Movement {
        kind,
        delta,
        reason: None,
        reference: None,
        note: input.note.as_deref(),
        keep_available: 0,
    };
    if !ledger::apply(conn, principal, variant.id, location.id, movement).await? {
        let level = ledger::find_level(conn, variant.id, location.id).await?;
        // Damage takes from what is available; restore and discard from what is unsellable.
        let has = match input.action {
            UnsellableAction::Damage => level.as_ref().map_or(0, ledger::available),
            _ => level.as_ref().map_or(0, |l| l.unsellable),
        };
        return Err(InventoryError::InsufficientStock {
            shortages: vec![Shortage {
                sku: variant.sku,
                requested: q,
                available: has,
            }],
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "stock.unsellable",
            entity_type: "variant",
            entity_id: Some(variant.id),
            before: None,
            after: Some(json!({ "sku": variant.sku, "location": location.code,
                                "action": kind.as_str(), "quantity": q })),
        },
    )
    .await?;
    levels_of(conn, &[(variant.id, location.id)]).await
}
