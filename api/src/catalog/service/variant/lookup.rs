//! Finding variants: by id, with their products, and the SQL pieces other modules build on.

use super::*;
use crate::db::TenantTransaction;
use entity::TenantId;

pub async fn find_product(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<product::Model, CatalogError> {
    let tenant_id = conn.tenant();
    product::Entity::find_in(tenant_id)
        .filter(product::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(CatalogError::NotFound("product"))
}

/// A variant of the store by id, without its product (one query, for hot paths).
pub async fn variant_by_id(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<variant::Model, CatalogError> {
    let tenant_id = conn.tenant();
    variant::Entity::find_in(tenant_id)
        .filter(variant::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(CatalogError::NotFound("variant"))
}

/// A variant of the store by id, with its product; what other modules call.
pub async fn find_variant(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<(variant::Model, product::Model), CatalogError> {
    let tenant_id = conn.tenant();
    let variant = variant::Entity::find_in(tenant_id)
        .filter(variant::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(CatalogError::NotFound("variant"))?;
    let product = find_product(conn, variant.product_id).await?;
    Ok((variant, product))
}

/// The store's variants of `ids`, by id; unknown ids are absent (what other modules read
/// instead of the table).
pub async fn variants_by_id(
    conn: &TenantTransaction,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, variant::Model>, CatalogError> {
    let tenant_id = conn.tenant();
    Ok(variant::Entity::find_in(tenant_id)
        .filter(variant::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect())
}

/// The components of the `variants` row a query is at: some when it is a kit.
fn components_of_variant_row() -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(kit_component::Entity)
        .and_where(
            Expr::col((kit_component::Entity, kit_component::Column::TenantId))
                .equals((variant::Entity, variant::Column::TenantId)),
        )
        .and_where(
            Expr::col((kit_component::Entity, kit_component::Column::KitVariantId))
                .equals((variant::Entity, variant::Column::Id)),
        )
        .to_owned()
}

/// The variant `(tenant_id, variant_id)` when it may be held as it is: active and no kit (a
/// kit is held by its components).
pub fn sellable_plain_variant(tenant_id: Expr, variant_id: Expr) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(variant::Entity)
        .and_where(Expr::col((variant::Entity, variant::Column::TenantId)).eq(tenant_id))
        .and_where(Expr::col((variant::Entity, variant::Column::Id)).eq(variant_id))
        .and_where(Expr::col((variant::Entity, variant::Column::Status)).eq(Status::Active))
        .and_where(Expr::exists(components_of_variant_row()).not())
        .to_owned()
}

/// The SKU of the variant `(tenant_id, variant_id)`, as a value inside a statement.
pub fn sku_of(tenant_id: TenantId, variant_id: Uuid) -> Expr {
    let sku = Query::select()
        .column(variant::Column::Sku)
        .from(variant::Entity)
        .and_where(variant::Column::TenantId.eq(tenant_id))
        .and_where(variant::Column::Id.eq(variant_id))
        .to_owned();
    Expr::SubQuery(None, Box::new(sku.into()))
}

/// The store's variants of `ids` by id, each with whether it is a kit, in one read; unknown ids
/// are absent.
pub async fn variants_marking_kits(
    conn: &TenantTransaction,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, (variant::Model, bool)>, CatalogError> {
    let tenant_id = conn.tenant();
    let statement = variant::Entity::find_in(tenant_id)
        .filter(variant::Column::Id.is_in(ids))
        .expr_as(Expr::exists(components_of_variant_row()), "is_kit")
        .build(conn.get_database_backend());
    conn.query_all_raw(statement)
        .await?
        .iter()
        .map(|row| {
            let variant = variant::Model::from_query_result(row, "")?;
            let is_kit: bool = row.try_get("", "is_kit")?;
            Ok((variant.id, (variant, is_kit)))
        })
        .collect()
}

/// The store's variants of `ids` with their products, by variant id; unknown ids are absent.
pub async fn variants_with_products(
    conn: &TenantTransaction,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, (variant::Model, product::Model)>, CatalogError> {
    let tenant_id = conn.tenant();
    let product_of_variant = variant::Entity::belongs_to(product::Entity)
        .from(variant::Column::ProductId)
        .to(product::Column::Id);
    Ok(variant::Entity::find_in(tenant_id)
        .filter(variant::Column::Id.is_in(ids))
        .select_also(product::Entity)
        .join(JoinType::InnerJoin, product_of_variant.into())
        .filter(product::Column::TenantId.eq(tenant_id))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|(variant, product)| Some((variant.id, (variant, product?))))
        .collect())
}

/// The store's products of `ids`; unknown ids are absent.
pub async fn products_by_ids(
    conn: &TenantTransaction,
    ids: Vec<Uuid>,
) -> Result<Vec<product::Model>, CatalogError> {
    Ok(product::Entity::find_in(conn.tenant())
        .filter(product::Column::Id.is_in(ids))
        .all(conn)
        .await?)
}
