//! CSV import and export of products and variants. An import checks every row before it
//! writes one: the values (`import_rows`), then the rows against the store, in one snapshot.
//! A file with any bad value changes nothing and answers its problems; a dry run stops there,
//! with the counts. Then it writes `import_file::CHUNK_ROWS` rows per transaction, each with
//! its audit entry, so that a big file never holds the write lock for long. Each chunk checks
//! its rows against the store again (another request may have taken a barcode meanwhile):
//! what fails while writing leaves the chunks before it written, and since an import only sets
//! values (a known SKU is updated, a product is found by its name), sending the same file
//! again finishes it.

use crate::db::TenantTransaction;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Utc;
use entity::TenantId;
use openapi::catalog::Status;
use sea_orm::{ActiveModelTrait, QueryFilter};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{product, variant};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::error::CatalogError;
use crate::catalog::service::import_rows::{self, COLUMNS, REQUIRED, Row};
use crate::catalog::service::variant::{insert_variant, variant_search_text};
use crate::csv_export;
use crate::db::{self, Access};
use crate::import_file::{self, CHUNK_ROWS, ImportRequest, RowErrors};
use crate::text_search as search;

#[derive(Default)]
pub struct ImportSummary {
    pub dry_run: bool,
    pub rows: usize,
    pub created_products: usize,
    pub created_variants: usize,
    pub updated_variants: usize,
}

impl ImportSummary {
    fn add(&mut self, other: &ImportSummary) {
        self.rows += other.rows;
        self.created_products += other.created_products;
        self.created_variants += other.created_variants;
        self.updated_variants += other.updated_variants;
    }
}

/// Imports a catalog file (see the module's comment for how).
pub async fn import_catalog(
    db: &DatabaseConnection,
    principal: &Principal,
    request: ImportRequest<'_>,
) -> Result<ImportSummary, CatalogError> {
    let file = import_file::parse(request.file, &REQUIRED, &COLUMNS, request.max_rows)?;
    let mut errors = RowErrors::default();
    let rows = import_rows::check_rows(&file, &mut errors);
    let planned = plan(db, principal.tenant_id, &rows, errors).await?;
    if request.dry_run {
        return Ok(ImportSummary {
            dry_run: true,
            ..planned
        });
    }
    let import_id = Uuid::now_v7();
    let mut done = ImportSummary::default();
    for chunk in rows.chunks(CHUNK_ROWS) {
        let txn = db::begin_tenant(db, principal.tenant_id, Access::Write).await?;
        let mut store = StoreView::read(&txn, chunk).await?;
        let mut errors = RowErrors::default();
        store.check(chunk, &mut errors);
        errors.check(done.rows).map_err(CatalogError::BadFile)?;
        let written = write_chunk(&txn, principal, &mut store, chunk, import_id).await?;
        txn.commit().await?;
        done.add(&written);
    }
    Ok(done)
}

/// Checks the rows against the store, in one snapshot, and counts what importing them would
/// do; `errors` are the file's own, found before.
async fn plan(
    db: &DatabaseConnection,
    tenant_id: TenantId,
    rows: &[Row],
    mut errors: RowErrors,
) -> Result<ImportSummary, CatalogError> {
    let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
    let mut summary = ImportSummary {
        rows: rows.len(),
        ..ImportSummary::default()
    };
    let mut new_products = HashSet::new();
    for chunk in rows.chunks(CHUNK_ROWS) {
        let store = StoreView::read(&txn, chunk).await?;
        store.check(chunk, &mut errors);
        for row in chunk {
            if store.variants.contains_key(&row.variant.sku) {
                summary.updated_variants += 1;
                continue;
            }
            summary.created_variants += 1;
            let name = search::fold(&row.product_name);
            if !store.products.contains_key(&name) && new_products.insert(name) {
                summary.created_products += 1;
            }
        }
    }
    txn.commit().await?;
    errors.check(0).map_err(CatalogError::BadFile)?;
    Ok(summary)
}

/// What the store holds of some rows: their variants, the owners of their barcodes, and the
/// products they name or their variants belong to.
struct StoreView {
    /// By SKU.
    variants: HashMap<String, variant::Model>,
    /// Barcode → the SKU that has it.
    barcode_owners: HashMap<String, String>,
    /// By folded name.
    products: HashMap<String, product::Model>,
    /// The names of the variants' products, by id.
    names: HashMap<Uuid, String>,
}

impl StoreView {
    async fn read(conn: &TenantTransaction, rows: &[Row]) -> Result<StoreView, CatalogError> {
        let tenant_id = conn.tenant();
        let skus = rows.iter().map(|r| r.variant.sku.clone());
        let variants: HashMap<String, variant::Model> = variant::Entity::find_in(tenant_id)
            .filter(variant::Column::Sku.is_in(skus))
            .all(conn)
            .await?
            .into_iter()
            .map(|v| (v.sku.clone(), v))
            .collect();
        let barcodes = rows.iter().filter_map(|r| r.variant.barcode.clone());
        let barcode_owners = variant::Entity::find_in(tenant_id)
            .filter(variant::Column::Barcode.is_in(barcodes))
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|v| Some((v.barcode?, v.sku)))
            .collect();
        let names = rows.iter().map(|r| search::fold(&r.product_name));
        let ids = variants.values().map(|v| v.product_id);
        let found = product::Entity::find_in(tenant_id)
            .filter(
                Condition::any()
                    .add(product::Column::SearchText.is_in(names))
                    .add(product::Column::Id.is_in(ids)),
            )
            .all(conn)
            .await?;
        let names = found.iter().map(|p| (p.id, p.name.clone())).collect();
        let products = found
            .into_iter()
            .map(|p| (search::fold(&p.name), p))
            .collect();
        Ok(StoreView {
            variants,
            barcode_owners,
            products,
            names,
        })
    }

    /// A barcode may not move from a variant of the store to another SKU.
    fn check(&self, rows: &[Row], errors: &mut RowErrors) {
        for row in rows {
            if let Some(code) = &row.variant.barcode
                && let Some(owner) = self.barcode_owners.get(code)
                && *owner != row.variant.sku
            {
                errors.add(
                    row.line,
                    "barcode",
                    format!("is already the barcode of {owner}"),
                );
            }
        }
    }
}

/// Writes checked rows and their audit entry: a known SKU is updated, a new one added to the
/// product of its name (created when there is none).
async fn write_chunk(
    conn: &TenantTransaction,
    principal: &Principal,
    store: &mut StoreView,
    rows: &[Row],
    import_id: Uuid,
) -> Result<ImportSummary, CatalogError> {
    let mut summary = ImportSummary {
        rows: rows.len(),
        ..ImportSummary::default()
    };
    let now = Utc::now();
    for row in rows {
        if let Some(current) = store.variants.get(&row.variant.sku) {
            summary.updated_variants += 1;
            let product_name = store.names.get(&current.product_id).cloned();
            let mut after = current.clone();
            after.price = Amount(row.variant.price);
            if let Some(cost) = row.variant.cost {
                after.cost = Amount(cost);
            }
            after.barcode = row.variant.barcode.clone().or(after.barcode);
            after.weight_grams = row.variant.weight_grams.or(after.weight_grams);
            if !row.variant.options.is_empty() {
                after.options = json!(row.variant.options);
            }
            after.search_text = variant_search_text(&product_name.unwrap_or_default(), &after);
            after.version += 1;
            after.updated_at = now;
            variant::Entity::update(variant::ActiveModel::from(after).reset_all())
                .exec(conn)
                .await?;
            continue;
        }
        summary.created_variants += 1;
        let key = search::fold(&row.product_name);
        let product = match store.products.get(&key) {
            Some(product) => product.clone(),
            None => {
                summary.created_products += 1;
                let product = new_product(conn.tenant(), row, &key);
                product::Entity::insert(product::ActiveModel::from(product.clone()))
                    .exec_without_returning(conn)
                    .await?;
                store.products.insert(key, product.clone());
                product
            }
        };
        insert_variant(conn, &product, &row.variant).await?;
    }
    let change = Change {
        action: "catalog.import",
        entity_type: "catalog",
        entity_id: Some(import_id),
        before: None,
        after: Some(json!({
            "rows": summary.rows,
            "first_line": rows.first().map(|r| r.line),
            "last_line": rows.last().map(|r| r.line),
            "created_products": summary.created_products,
            "created_variants": summary.created_variants,
            "updated_variants": summary.updated_variants,
        })),
    };
    audit::record(conn, principal, change).await?;
    Ok(summary)
}

fn new_product(tenant_id: TenantId, row: &Row, search_text: &str) -> product::Model {
    let now = Utc::now();
    product::Model {
        tenant_id,
        id: Uuid::now_v7(),
        name: row.product_name.trim().to_owned(),
        description: None,
        ncm: row.ncm.clone(),
        status: Status::Active,
        search_text: search_text.to_owned(),
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

/// Every variant of the store as CSV, in the import's columns.
pub async fn export_catalog(conn: &TenantTransaction) -> Result<Vec<u8>, CatalogError> {
    let tenant_id = conn.tenant();
    let products: HashMap<Uuid, product::Model> = product::Entity::find_in(tenant_id)
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut variants = variant::Entity::find_in(tenant_id).all(conn).await?;
    variants.sort_by(|a, b| {
        let name = |v: &variant::Model| products.get(&v.product_id).map(|p| p.search_text.clone());
        name(a).cmp(&name(b)).then(a.sku.cmp(&b.sku))
    });
    let rows = variants.into_iter().map(|v| {
        let product = products.get(&v.product_id);
        let options: BTreeMap<String, String> =
            serde_json::from_value(v.options.clone()).unwrap_or_default();
        vec![
            product.map(|p| p.name.clone()).unwrap_or_default(),
            v.sku,
            v.price.0.to_string(),
            v.barcode.unwrap_or_default(),
            v.cost.0.to_string(),
            v.weight_grams.map(|g| g.to_string()).unwrap_or_default(),
            product.and_then(|p| p.ncm.clone()).unwrap_or_default(),
            import_rows::options_text(&options),
        ]
    });
    Ok(csv_export::write(&COLUMNS, rows))
}
