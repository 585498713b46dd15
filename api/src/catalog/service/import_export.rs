//! CSV import and export of products and variants. An import is all or nothing: every row is
//! checked first, a file with any bad row changes nothing and answers every problem; a dry
//! run checks and counts without writing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::str::FromStr;

use chrono::Utc;
use openapi::catalog::{Status, VariantIn};
use openapi::checks;
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{product, variant};

use crate::audit::service::{self as audit, Change};
use crate::auth::principal::Principal;
use crate::catalog::error::CatalogError;
use crate::catalog::service::variant::{insert_variant, variant_search_text};
use crate::import_file::{self, CsvRow, RowErrors};
use crate::text_search as search;

pub const COLUMNS: [&str; 8] = [
    "product_name",
    "sku",
    "price",
    "barcode",
    "cost",
    "weight_grams",
    "ncm",
    "options",
];

pub struct ImportSummary {
    pub dry_run: bool,
    pub rows: usize,
    pub created_products: usize,
    pub created_variants: usize,
    pub updated_variants: usize,
}

/// One checked row.
struct Row {
    product_name: String,
    variant: VariantIn,
    ncm: Option<String>,
}

fn options_text(options: &BTreeMap<String, String>) -> String {
    options
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

fn parse_options(text: &str) -> Option<BTreeMap<String, String>> {
    text.split(';')
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=')?;
            let (key, value) = (key.trim(), value.trim());
            (!key.is_empty() && !value.is_empty()).then(|| (key.to_owned(), value.to_owned()))
        })
        .collect()
}

fn check_row(row: &CsvRow, errors: &mut RowErrors) -> Option<Row> {
    let line = row.line;
    let before = errors.0.len();
    let product_name = row.get("product_name").unwrap_or_default().to_owned();
    if product_name.is_empty() || product_name.chars().count() > 200 {
        errors.add(
            line,
            "product_name",
            "must have between 1 and 200 characters",
        );
    }
    let sku = row.get("sku").unwrap_or_default().to_owned();
    if sku.chars().count() > 64 || checks::sku(&sku).is_err() {
        errors.add(
            line,
            "sku",
            "is required: letters, digits, '-', '_', '.', '/' (64 at most)",
        );
    }
    let mut money = |column: &str, required: bool| -> Option<Decimal> {
        match row.get(column) {
            None if required => {
                errors.add(line, column, "is required");
                None
            }
            None => None,
            Some(text) => match Decimal::from_str(text) {
                Ok(value) if checks::money(&value).is_ok() => Some(value),
                _ => {
                    errors.add(
                        line,
                        column,
                        format!("`{text}` is not an amount such as 59.90 (0 or more, 4 decimals at most)"),
                    );
                    None
                }
            },
        }
    };
    let price = money("price", true);
    let cost = money("cost", false);
    let barcode = row.get("barcode").map(str::to_owned);
    if let Some(code) = &barcode
        && checks::gtin(code).is_err()
    {
        errors.add(
            line,
            "barcode",
            format!("`{code}` is not a GTIN with a right check digit"),
        );
    }
    let weight_grams = match row.get("weight_grams") {
        None => None,
        Some(text) => match text.parse::<i32>() {
            Ok(grams) if (0..=1_000_000).contains(&grams) => Some(grams),
            _ => {
                errors.add(
                    line,
                    "weight_grams",
                    "must be a whole number from 0 to 1000000",
                );
                None
            }
        },
    };
    let ncm = row.get("ncm").map(str::to_owned);
    if let Some(code) = &ncm
        && checks::ncm(code).is_err()
    {
        errors.add(line, "ncm", "must be 8 digits");
    }
    let options = match row.get("options") {
        None => BTreeMap::new(),
        Some(text) => parse_options(text).unwrap_or_else(|| {
            errors.add(line, "options", "must read like size=M;colour=blue");
            BTreeMap::new()
        }),
    };
    if errors.0.len() > before {
        return None;
    }
    Some(Row {
        product_name,
        variant: VariantIn {
            sku,
            barcode,
            options,
            price: price.unwrap_or_default(),
            cost,
            weight_grams,
            length_mm: None,
            width_mm: None,
            height_mm: None,
        },
        ncm,
    })
}

pub async fn import_catalog(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportSummary, CatalogError> {
    let tenant_id = principal.tenant_id;
    let file = import_file::parse(bytes, &["product_name", "sku", "price"], &COLUMNS)
        .map_err(|rows| CatalogError::BadFile { rows })?;
    let mut errors = RowErrors::default();
    let mut rows: Vec<(u64, Row)> = Vec::new();
    let mut seen_skus = HashSet::new();
    let mut seen_barcodes = HashSet::new();
    for csv_row in &file.rows {
        if let Some(row) = check_row(csv_row, &mut errors) {
            if !seen_skus.insert(row.variant.sku.clone()) {
                errors.add(
                    csv_row.line,
                    "sku",
                    "appears on an earlier line of this file",
                );
                continue;
            }
            if let Some(code) = &row.variant.barcode
                && !seen_barcodes.insert(code.clone())
            {
                errors.add(
                    csv_row.line,
                    "barcode",
                    "appears on an earlier line of this file",
                );
                continue;
            }
            rows.push((csv_row.line, row));
        }
    }
    let existing: HashMap<String, variant::Model> = variant::Entity::find_in(tenant_id)
        .filter(variant::Column::Sku.is_in(rows.iter().map(|(_, r)| r.variant.sku.clone())))
        .all(conn)
        .await?
        .into_iter()
        .map(|v| (v.sku.clone(), v))
        .collect();
    let barcodes = rows.iter().filter_map(|(_, r)| r.variant.barcode.clone());
    let barcode_owners: HashMap<String, String> = variant::Entity::find_in(tenant_id)
        .filter(variant::Column::Barcode.is_in(barcodes))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|v| Some((v.barcode?, v.sku)))
        .collect();
    for (line, row) in &rows {
        if let Some(code) = &row.variant.barcode
            && let Some(owner) = barcode_owners.get(code)
            && *owner != row.variant.sku
        {
            errors.add(
                *line,
                "barcode",
                format!("is already the barcode of {owner}"),
            );
        }
    }
    if !errors.is_empty() {
        errors.0.sort_by_key(|e| e.line);
        return Err(CatalogError::BadFile { rows: errors.0 });
    }
    let products = product::Entity::find_in(tenant_id).all(conn).await?;
    let mut by_name: HashMap<String, product::Model> = products
        .into_iter()
        .map(|p| (search::fold(&p.name), p))
        .collect();
    let mut summary = ImportSummary {
        dry_run,
        rows: rows.len(),
        created_products: 0,
        created_variants: 0,
        updated_variants: 0,
    };
    let now = Utc::now();
    for (_, row) in rows {
        if let Some(current) = existing.get(&row.variant.sku) {
            summary.updated_variants += 1;
            if dry_run {
                continue;
            }
            let product_name = by_name
                .values()
                .find(|p| p.id == current.product_id)
                .map(|p| p.name.clone())
                .unwrap_or_default();
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
            after.search_text = variant_search_text(&product_name, &after);
            after.version += 1;
            after.updated_at = now;
            variant::Entity::update(variant::ActiveModel::from(after).reset_all())
                .exec(conn)
                .await?;
            continue;
        }
        summary.created_variants += 1;
        let key = search::fold(&row.product_name);
        let product = match by_name.get(&key) {
            Some(product) => product.clone(),
            None => {
                summary.created_products += 1;
                let product = product::Model {
                    tenant_id,
                    id: Uuid::now_v7(),
                    name: row.product_name.trim().to_owned(),
                    description: None,
                    ncm: row.ncm.clone(),
                    status: Status::Active.as_str().to_owned(),
                    search_text: key.clone(),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                };
                if !dry_run {
                    product::Entity::insert(product::ActiveModel::from(product.clone()))
                        .exec_without_returning(conn)
                        .await?;
                }
                by_name.insert(key, product.clone());
                product
            }
        };
        if !dry_run {
            insert_variant(conn, &product, &row.variant).await?;
        }
    }
    if !dry_run {
        audit::record(
            conn,
            principal,
            Change {
                action: "catalog.import",
                entity_type: "catalog",
                entity_id: None,
                before: None,
                after: Some(json!({
                    "rows": summary.rows,
                    "created_products": summary.created_products,
                    "created_variants": summary.created_variants,
                    "updated_variants": summary.updated_variants,
                })),
            },
        )
        .await?;
    }
    Ok(summary)
}

/// Every variant of the store as CSV, in the import's columns.
pub async fn export_catalog(
    conn: &impl ConnectionTrait,
    principal: &Principal,
) -> Result<Vec<u8>, CatalogError> {
    let tenant_id = principal.tenant_id;
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
            options_text(&options),
        ]
    });
    Ok(import_file::write(&COLUMNS, rows))
}
