//! Units of a sold order coming back with a return (logistics' returns): on hand again as a
//! `return` movement, and those set aside as unsellable with a `damage` movement of their own.

use entity::closed_sets::MovementKind;
use serde_json::json;
use uuid::Uuid;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::service::kit;
use crate::catalog::service::variant::find_variant;
use crate::db::TenantTransaction;
use crate::inventory::error::InventoryError;
use crate::inventory::service::ledger::{self, Delta, Movement};
use crate::inventory::service::level::ensure_stocked;
use crate::inventory::service::location::find_active_location;

/// What came back of one variant to one location.
#[derive(Clone, Copy)]
pub struct TakenBack {
    pub variant_id: Uuid,
    pub location_id: Uuid,
    /// Put back on sale.
    pub restock: i64,
    /// On hand but set aside (damaged, defective).
    pub unsellable: i64,
    /// The return they came back with.
    pub return_id: Uuid,
}

/// Books units coming back: `restock + unsellable` on hand (`return`), then `unsellable` of
/// them set aside (`damage`). A kit comes back as its components, each as many times as the
/// kit holds it. The level stays the sum of its ledger.
pub async fn take_back(
    conn: &TenantTransaction,
    principal: &Principal,
    back: &TakenBack,
) -> Result<(), InventoryError> {
    if back.restock + back.unsellable == 0 {
        return Ok(());
    }
    let components = kit::components_of(conn, back.variant_id).await?;
    if components.is_empty() {
        return take_back_part(conn, principal, back).await;
    }
    for (component, _) in components {
        let part = TakenBack {
            variant_id: component.component_variant_id,
            restock: back.restock * component.quantity,
            unsellable: back.unsellable * component.quantity,
            ..*back
        };
        take_back_part(conn, principal, &part).await?;
    }
    Ok(())
}

/// Books one stocked variant's units coming back.
async fn take_back_part(
    conn: &TenantTransaction,
    principal: &Principal,
    back: &TakenBack,
) -> Result<(), InventoryError> {
    let total = back.restock + back.unsellable;
    let (variant, _) = find_variant(conn, back.variant_id).await?;
    ensure_stocked(conn, &variant).await?;
    let location = find_active_location(conn, back.location_id).await?;
    let reference = Some(("return", back.return_id));
    let returned = Movement {
        kind: MovementKind::Return,
        delta: Delta {
            on_hand: total,
            ..Delta::default()
        },
        reason: Some("return"),
        reference,
        note: None,
        keep_available: 0,
    };
    refused_is_a_bug(ledger::apply(conn, principal, variant.id, location.id, returned).await?)?;
    if back.unsellable > 0 {
        let damaged = Movement {
            kind: MovementKind::Damage,
            delta: Delta {
                unsellable: back.unsellable,
                ..Delta::default()
            },
            reason: Some("return"),
            reference,
            note: None,
            keep_available: 0,
        };
        refused_is_a_bug(ledger::apply(conn, principal, variant.id, location.id, damaged).await?)?;
    }
    let change = Change {
        action: "stock.return",
        entity_type: "variant",
        entity_id: Some(variant.id),
        before: None,
        after: Some(json!({
            "sku": variant.sku, "location": location.code, "return_id": back.return_id,
            "restock": back.restock, "unsellable": back.unsellable,
        })),
    };
    audit::record(conn, principal, change).await?;
    Ok(())
}

/// Units coming back (and set aside from what just came back) break no level rule: a refusal
/// is a bug, and the whole change is abandoned rather than the units lost.
fn refused_is_a_bug(applied: bool) -> Result<(), InventoryError> {
    if applied {
        Ok(())
    } else {
        Err(InventoryError::Database(sea_orm::DbErr::Custom(
            "the level refused units coming back with a return".into(),
        )))
    }
}
