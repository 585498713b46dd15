//! CSV import and export of stock levels. An import sets on hand per SKU and location, each
//! difference a movement (like a count). Every row is checked before any is written, in one
//! snapshot: a file with any bad value changes nothing and answers its problems; a dry run
//! stops there, with the count. Then the levels are set `import_file::CHUNK_ROWS` per
//! transaction, in (variant, location) order, each with its audit entry: a chunk locks its
//! levels and reads them anew, so a difference is taken from the level as it is when written.
//! A level whose reserved and unsellable units grew above the file's on hand meanwhile stops
//! the import there; the chunks before it stay written, and since the file sets levels,
//! sending it again (corrected) is safe.

use crate::db::TenantTransaction;
use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::closed_sets::{MovementKind, Status};
use entity::{location, stock_level, variant};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::service::kit::kit_ids;
use crate::catalog::service::variant::{all_variants, variants_by_id};
use crate::csv_export;
use crate::db::{self, Access};
use crate::import_file::{self, CHUNK_ROWS, CsvFile, CsvRow, ImportRequest, RowErrors};
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

/// A level the file sets.
struct Target {
    line: u64,
    variant_id: Uuid,
    location_id: Uuid,
    on_hand: i64,
}

/// What the store holds that the rows are checked against.
struct Store {
    variants: HashMap<String, variant::Model>,
    kits: HashSet<Uuid>,
    locations: HashMap<String, location::Model>,
    levels: HashMap<(Uuid, Uuid), stock_level::Model>,
}

/// Imports a stock file (see the module's comment for how).
pub async fn import_stock(
    db: &DatabaseConnection,
    principal: &Principal,
    request: ImportRequest<'_>,
) -> Result<StockImportSummary, InventoryError> {
    let tenant_id = principal.tenant_id;
    let file = import_file::parse(request.file, &COLUMNS, &COLUMNS, request.max_rows)?;
    let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
    let store = read_store(&txn).await?;
    txn.commit().await?;
    let mut targets = check_rows(&file, &store)?;
    let mut summary = StockImportSummary {
        dry_run: request.dry_run,
        rows: file.rows.len(),
        changed: targets
            .iter()
            .filter(|t| difference(store.level(t), t.on_hand) != Ok(0))
            .count(),
    };
    if request.dry_run {
        return Ok(summary);
    }
    targets.sort_by_key(|t| (t.variant_id, t.location_id));
    let import_id = Uuid::now_v7();
    let mut written = 0;
    summary.changed = 0;
    for chunk in targets.chunks(CHUNK_ROWS) {
        let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
        summary.changed += write_chunk(&txn, principal, chunk, import_id, written).await?;
        txn.commit().await?;
        written += chunk.len();
    }
    Ok(summary)
}

async fn read_store(conn: &TenantTransaction) -> Result<Store, InventoryError> {
    let tenant_id = conn.tenant();
    Ok(Store {
        variants: all_variants(conn)
            .await?
            .into_iter()
            .map(|v| (v.sku.clone(), v))
            .collect(),
        kits: kit_ids(conn).await?,
        locations: location::Entity::find_in(tenant_id)
            .all(conn)
            .await?
            .into_iter()
            .map(|l| (l.code.clone(), l))
            .collect(),
        levels: by_variant_and_location(stock_level::Entity::find_in(tenant_id).all(conn).await?),
    })
}

fn by_variant_and_location(
    levels: Vec<stock_level::Model>,
) -> HashMap<(Uuid, Uuid), stock_level::Model> {
    levels
        .into_iter()
        .map(|l| ((l.variant_id, l.location_id), l))
        .collect()
}

impl Store {
    fn level(&self, target: &Target) -> Option<&stock_level::Model> {
        self.levels.get(&(target.variant_id, target.location_id))
    }
}

/// The change of on hand that sets `level` to `on_hand`; `Err` with the units reserved or
/// unsellable there when `on_hand` is below them.
fn difference(level: Option<&stock_level::Model>, on_hand: i64) -> Result<i64, i64> {
    let held = level.map_or(0, |l| l.reserved + l.unsellable);
    if on_hand < held {
        return Err(held);
    }
    Ok(on_hand - level.map_or(0, |l| l.on_hand))
}

fn below_held(held: i64) -> String {
    format!("cannot be below the {held} units reserved or unsellable there")
}

/// Every row's level, or the problems of the rows.
fn check_rows(file: &CsvFile, store: &Store) -> Result<Vec<Target>, InventoryError> {
    let mut errors = RowErrors::default();
    let mut seen = HashSet::new();
    let mut targets = Vec::new();
    for row in &file.rows {
        let Some(target) = check_row(row, store, &mut errors) else {
            continue;
        };
        if !seen.insert((target.variant_id, target.location_id)) {
            let message = "this SKU and location appear on an earlier line";
            errors.add(row.line, "sku", message);
        } else if let Err(held) = difference(store.level(&target), target.on_hand) {
            errors.add(row.line, "on_hand", below_held(held));
        } else {
            targets.push(target);
        }
    }
    errors.check(0).map_err(InventoryError::BadFile)?;
    Ok(targets)
}

fn check_row(row: &CsvRow, store: &Store, errors: &mut RowErrors) -> Option<Target> {
    let line = row.line;
    let sku = row.get("sku").unwrap_or_default();
    let variant = store.variants.get(sku);
    match variant {
        None => errors.add(line, "sku", format!("`{sku}` is not a SKU of this store")),
        Some(v) if store.kits.contains(&v.id) => errors.add(
            line,
            "sku",
            format!("{sku} is a kit: import its components"),
        ),
        Some(_) => {}
    }
    let code = row.get("location_code").unwrap_or_default().to_uppercase();
    let location = store
        .locations
        .get(&code)
        .filter(|l| l.status == Status::Active);
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
    let variant = variant.filter(|v| !store.kits.contains(&v.id))?;
    Some(Target {
        line,
        variant_id: variant.id,
        location_id: location?.id,
        on_hand: on_hand?,
    })
}

/// Sets the levels of `targets` (in (variant, location) order) from their levels as they are
/// now, locked; returns how many changed. `written` rows were imported before.
async fn write_chunk(
    conn: &TenantTransaction,
    principal: &Principal,
    targets: &[Target],
    import_id: Uuid,
    written: usize,
) -> Result<usize, InventoryError> {
    let tenant_id = conn.tenant();
    let variant_ids: Vec<Uuid> = targets.iter().map(|t| t.variant_id).collect();
    let location_ids: Vec<Uuid> = targets.iter().map(|t| t.location_id).collect();
    ledger::lock_levels(conn, variant_ids.clone(), location_ids.clone()).await?;
    let levels = by_variant_and_location(
        stock_level::Entity::find_in(tenant_id)
            .filter(stock_level::Column::VariantId.is_in(variant_ids))
            .filter(stock_level::Column::LocationId.is_in(location_ids))
            .all(conn)
            .await?,
    );
    let mut errors = RowErrors::default();
    let mut changes = Vec::new();
    for target in targets {
        let level = levels.get(&(target.variant_id, target.location_id));
        match difference(level, target.on_hand) {
            Ok(0) => {}
            Ok(change) => changes.push((target.variant_id, target.location_id, change)),
            Err(held) => errors.add(target.line, "on_hand", below_held(held)),
        }
    }
    errors.check(written).map_err(InventoryError::BadFile)?;
    for (variant_id, location_id, difference) in &changes {
        let movement = Movement {
            kind: MovementKind::Count,
            delta: Delta {
                on_hand: *difference,
                ..Delta::default()
            },
            reason: Some("import"),
            reference: Some(("import", import_id)),
            note: None,
            keep_available: 0,
        };
        if !ledger::apply(conn, principal, *variant_id, *location_id, movement).await? {
            // The level is locked and was checked above: this is a bug, not a race.
            return Err(InventoryError::Database(sea_orm::DbErr::Custom(
                "a level refused the change the import checked".into(),
            )));
        }
    }
    let after = json!({ "rows": targets.len(), "changed": changes.len() });
    let change = Change {
        action: "stock.import",
        entity_type: "stock_level",
        entity_id: Some(import_id),
        before: None,
        after: Some(after),
    };
    audit::record(conn, principal, change).await?;
    Ok(changes.len())
}

pub async fn export_stock(conn: &TenantTransaction) -> Result<Vec<u8>, InventoryError> {
    let tenant_id = conn.tenant();
    let levels = stock_level::Entity::find_in(tenant_id).all(conn).await?;
    let ids = levels.iter().map(|l| l.variant_id).collect();
    let variants: HashMap<Uuid, String> = variants_by_id(conn, ids)
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
    Ok(csv_export::write(&EXPORT_COLUMNS, rows))
}
