//! Listing products: filters, sorting, and the search that finds them through their variants.

use super::*;
use crate::db::TenantTransaction;
use entity::TenantId;

/// The store's products whose name, or any of whose variants' SKU, barcode or options,
/// contains `q` (folded): found through the variants, whose search text holds all of these.
fn matching(backend: DbBackend, tenant_id: TenantId, q: &str) -> sea_orm::sea_query::SimpleExpr {
    if backend == DbBackend::Postgres {
        // The trigram index, which row-level security keeps a plain query from using (see the
        // migration `search_and_late_numbers`), read once for the whole list.
        return Expr::cust_with_values(
            r#""products"."id" = ANY(ARRAY(SELECT products_matching($1)))"#,
            [search::like_pattern(q)],
        );
    }
    if let Some(pattern) = search::fts_pattern(backend, q) {
        // The unary `+` keeps SQLite from reading the store's variants by the tenant index and
        // testing each against the matches, as it does before `ANALYZE` has run: the trigram
        // index's rowids lead.
        return Expr::cust_with_values(
            r#""products"."id" IN (SELECT "product_id" FROM "variants" WHERE +"tenant_id" = ? AND rowid IN (SELECT rowid FROM variants_fts WHERE search_text LIKE ?))"#,
            [sea_orm::Value::from(tenant_id), pattern.into()],
        );
    }
    let by_variant = Query::select()
        .column(variant::Column::ProductId)
        .from(variant::Entity)
        .and_where(variant::Column::TenantId.eq(tenant_id))
        .and_where(search::matches(variant::Column::SearchText, q))
        .to_owned();
    product::Column::Id.in_subquery(by_variant)
}

pub async fn list_products(
    conn: &TenantTransaction,
    query: &ProductQuery,
    page: PageRequest,
) -> Result<Paged<ProductView>, CatalogError> {
    let mut select = product::Entity::find_in(conn.tenant());
    if let Some(q) = &query.q {
        select = select.filter(matching(conn.get_database_backend(), conn.tenant(), q));
    }
    if let Some(status) = query.status {
        select = select.filter(product::Column::Status.eq(status));
    }
    if let Some(supplier_id) = query.supplier_id {
        let supplied = Query::select()
            .column(supplier_variant::Column::VariantId)
            .from(supplier_variant::Entity)
            .and_where(supplier_variant::Column::TenantId.eq(conn.tenant()))
            .and_where(supplier_variant::Column::SupplierId.eq(supplier_id))
            .to_owned();
        let products = Query::select()
            .column(variant::Column::ProductId)
            .from(variant::Entity)
            .and_where(variant::Column::TenantId.eq(conn.tenant()))
            .and_where(variant::Column::Id.in_subquery(supplied))
            .to_owned();
        select = select.filter(product::Column::Id.in_subquery(products));
    }
    if let Some(channel_id) = query.channel_id {
        let listed = Query::select()
            .column(product_channel::Column::ProductId)
            .from(product_channel::Entity)
            .and_where(product_channel::Column::TenantId.eq(conn.tenant()))
            .and_where(product_channel::Column::ChannelId.eq(channel_id))
            .to_owned();
        select = select.filter(product::Column::Id.in_subquery(listed));
    }
    let by_name = matches!(
        query.sort.unwrap_or_default(),
        ProductSort::Name | ProductSort::NameDesc
    );
    let rows = if by_name {
        page.apply_keyed(select, product::Column::SearchText, product::Column::Id)
    } else {
        page.apply(select, product::Column::Id)
    }
    .all(conn)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
    let channels = channels_of(conn, ids.clone()).await?;
    let mut variants = variants_of(conn, ids).await?;
    let currency = currency_of(conn).await?;
    let views = rows
        .into_iter()
        .map(|product| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                variants.drain(..).partition(|v| v.product_id == product.id);
            variants = rest;
            ProductView {
                channel_ids: channel_ids_for(&channels, product.id),
                product,
                variants: mine,
                currency,
            }
        })
        .collect();
    Ok(if by_name {
        page.finish_keyed(views, |v| {
            (Some(v.product.search_text.clone()), v.product.id)
        })
    } else {
        page.finish(views, |v| v.product.id)
    })
}
