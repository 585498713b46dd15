//! CSV import and export of stock levels. An import sets on hand per SKU and location (each
//! difference a movement, like a count); all or nothing, with a dry run.

use std::collections::{HashMap, HashSet};

use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use entity::{location, stock_level, variant};

use crate::audit::service::{self as audit, Change};
use crate::auth::principal::Principal;
use crate::catalog::service::kit::kit_ids;
use crate::catalog::service::variant::{all_variants, variants_by_id};
use crate::import_file::{self, RowErrors};
use crate::inventory::error::InventoryError;
use crate::inventory::service::ledger::{self, Delta, Movement, available};

pub const COLUMNS: [&str; 3] = ["sku", "location_code", "on_hand"];
const EXPORT_COLUMNS: [&str; 7] = [
    "sku",
    "location_code",
    "on_hand",
    "reserved",
    "unsellable",
    "incoming",
    "available",
];

pub struct StockImportSummary {
    pub dry_run: bool,
    pub rows: usize,
    pub changed: usize,
}

pub async fn import_stock(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    bytes: &[u8],
    dry_run: bool,
) -> Result<StockImportSummary, InventoryError> {
    let tenant_id = principal.tenant_id;
    let file = import_file::parse(bytes, &COLUMNS, &COLUMNS)
        .map_err(|rows| InventoryError::BadFile { rows })?;
    let variants: HashMap<String, variant::Model> = all_variants(conn, tenant_id)
        .await?
        .into_iter()
        .map(|v| (v.sku.clone(), v))
        .collect();
    let kits: HashSet<Uuid> = kit_ids(conn, tenant_id).await?;
    let locations: HashMap<String, location::Model> = location::Entity::find_in(tenant_id)
        .all(conn)
        .await?
        .into_iter()
        .map(|l| (l.code.clone(), l))
        .collect();
    let levels: Vec<stock_level::Model> = stock_level::Entity::find_in(tenant_id).all(conn).await?;
    let mut errors = RowErrors::default();
    let mut seen = HashSet::new();
    let mut changes: Vec<(Uuid, Uuid, i64)> = Vec::new();
    for row in &file.rows {
        let line = row.line;
        let sku = row.get("sku").unwrap_or_default();
        let variant = variants.get(sku);
        match variant {
            None => errors.add(line, "sku", format!("`{sku}` is not a SKU of this store")),
            Some(v) if kits.contains(&v.id) => errors.add(
                line,
                "sku",
                format!("{sku} is a kit: import its components"),
            ),
            Some(_) => {}
        }
        let code = row.get("location_code").unwrap_or_default().to_uppercase();
        let location = locations.get(&code).filter(|l| l.status == "active");
        if location.is_none() {
            errors.add(
                line,
                "location_code",
                format!("`{code}` is not an active location"),
            );
        }
        let on_hand = match row.get("on_hand").map(str::parse::<i64>) {
            Some(Ok(n)) if (0..=1_000_000_000).contains(&n) => Some(n),
            _ => {
                errors.add(
                    line,
                    "on_hand",
                    "must be a whole number from 0 to 1000000000",
                );
                None
            }
        };
        let (Some(variant), Some(location), Some(on_hand)) = (variant, location, on_hand) else {
            continue;
        };
        if !seen.insert((variant.id, location.id)) {
            errors.add(
                line,
                "sku",
                "this SKU and location appear on an earlier line",
            );
            continue;
        }
        let level = levels
            .iter()
            .find(|l| l.variant_id == variant.id && l.location_id == location.id);
        let held = level.map_or(0, |l| l.reserved + l.unsellable);
        if on_hand < held {
            errors.add(
                line,
                "on_hand",
                format!("cannot be below the {held} units reserved or unsellable there"),
            );
            continue;
        }
        let difference = on_hand - level.map_or(0, |l| l.on_hand);
        if difference != 0 {
            changes.push((variant.id, location.id, difference));
        }
    }
    if !errors.is_empty() {
        errors.0.sort_by_key(|e| e.line);
        return Err(InventoryError::BadFile { rows: errors.0 });
    }
    let summary = StockImportSummary {
        dry_run,
        rows: file.rows.len(),
        changed: changes.len(),
    };
    if dry_run {
        return Ok(summary);
    }
    let import_id = Uuid::now_v7();
    let variant_ids = changes.iter().map(|(variant_id, ..)| *variant_id).collect();
    let location_ids = changes
        .iter()
        .map(|(_, location_id, _)| *location_id)
        .collect();
    ledger::lock_levels(conn, principal.tenant_id, variant_ids, location_ids).await?;
    for (variant_id, location_id, difference) in changes {
        let movement = Movement {
            kind: "count",
            delta: Delta {
                on_hand: difference,
                ..Delta::default()
            },
            reason: Some("import"),
            reference: Some(("import", import_id)),
            note: None,
            keep_available: 0,
        };
        if !ledger::apply(conn, principal, variant_id, location_id, movement).await? {
            // A concurrent reservation took what the file sets: give up the whole file.
            return Err(InventoryError::Database(sea_orm::DbErr::Custom(
                "a level changed while the file was imported".into(),
            )));
        }
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "stock.import",
            entity_type: "stock_level",
            entity_id: Some(import_id),
            before: None,
            after: Some(json!({ "rows": summary.rows, "changed": summary.changed })),
        },
    )
    .await?;
    Ok(summary)
}

pub async fn export_stock(
    conn: &impl ConnectionTrait,
    principal: &Principal,
) -> Result<Vec<u8>, InventoryError> {
    let tenant_id = principal.tenant_id;
    let levels = stock_level::Entity::find_in(tenant_id).all(conn).await?;
    let ids = levels.iter().map(|l| l.variant_id).collect();
    let variants: HashMap<Uuid, String> = variants_by_id(conn, tenant_id, ids)
        .await?
        .into_iter()
        .map(|(id, v)| (id, v.sku))
        .collect();
    let locations: HashMap<Uuid, String> = location::Entity::find_in(tenant_id)
        .all(conn)
        .await?
        .into_iter()
        .map(|l| (l.id, l.code))
        .collect();
    let mut rows: Vec<Vec<String>> = levels
        .iter()
        .map(|level| {
            vec![
                variants.get(&level.variant_id).cloned().unwrap_or_default(),
                locations
                    .get(&level.location_id)
                    .cloned()
                    .unwrap_or_default(),
                level.on_hand.to_string(),
                level.reserved.to_string(),
                level.unsellable.to_string(),
                level.incoming.to_string(),
                available(level).to_string(),
            ]
        })
        .collect();
    rows.sort();
    Ok(import_file::write(&EXPORT_COLUMNS, rows))
}
