//! What other modules ask of variants: a lock, the average cost, every variant, a page of them.

use super::*;
use crate::db::TenantTransaction;

/// Locks a variant's row until commit (PostgreSQL; SQLite writers are serialized already), so
/// its average cost is recomputed by one receipt at a time.
pub async fn lock_variant(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<variant::Model, CatalogError> {
    let tenant_id = conn.tenant();
    let mut select = variant::Entity::find_in(tenant_id).filter(variant::Column::Id.eq(id));
    if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
        select = sea_orm::QuerySelect::lock_exclusive(select);
    }
    select
        .one(conn)
        .await?
        .ok_or(CatalogError::NotFound("variant"))
}

/// Records a new weighted average cost (computed by inventory on receipt).
pub async fn set_average_cost(
    conn: &TenantTransaction,
    id: Uuid,
    average_cost: Decimal,
) -> Result<(), CatalogError> {
    conn.update_many::<variant::Entity>()
        .set(variant::ActiveModel {
            average_cost: Set(Amount(average_cost)),
            ..Default::default()
        })
        .filter(variant::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Every variant of the store (for imports that resolve SKUs).
pub async fn all_variants(conn: &TenantTransaction) -> Result<Vec<variant::Model>, CatalogError> {
    let tenant_id = conn.tenant();
    Ok(variant::Entity::find_in(tenant_id).all(conn).await?)
}

/// One page of the store's variants by id, optionally just one.
pub async fn variants_page(
    conn: &TenantTransaction,
    only: Option<Uuid>,
    page: &PageRequest,
) -> Result<Vec<variant::Model>, CatalogError> {
    let tenant_id = conn.tenant();
    let mut select = variant::Entity::find_in(tenant_id);
    if let Some(id) = only {
        select = select.filter(variant::Column::Id.eq(id));
    }
    Ok(page.apply(select, variant::Column::Id).all(conn).await?)
}
