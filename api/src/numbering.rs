//! Gapless per-store numbers (purchase orders, orders): a counter row per store and name,
//! bumped in the transaction of the record it numbers, so a rolled-back record gives its
//! number back. The bump locks the counter until commit: callers take their number as late
//! in their transaction as they can, as every other numbering in the store waits on it.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use entity::counter::{self, Column};

/// The next number of `name` in the store (1, 2, …).
pub async fn next_number(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    name: &str,
) -> Result<i64, DbErr> {
    if let Some(number) = bump(conn, tenant_id, name).await? {
        return Ok(number);
    }
    // The store's first number of this name: create the counter, unless a concurrent
    // transaction just did, and bump it.
    counter::Entity::insert(counter::ActiveModel {
        tenant_id: Set(tenant_id),
        name: Set(name.to_owned()),
        last_value: Set(0),
    })
    .on_conflict(
        OnConflict::columns([Column::TenantId, Column::Name])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    bump(conn, tenant_id, name)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("counter {name}")))
}

async fn bump(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    name: &str,
) -> Result<Option<i64>, DbErr> {
    let rows = counter::Entity::update_many()
        .col_expr(Column::LastValue, Expr::col(Column::LastValue).add(1))
        .filter(Column::TenantId.eq(tenant_id))
        .filter(Column::Name.eq(name))
        .exec_with_returning(conn)
        .await?;
    Ok(rows.into_iter().next().map(|row| row.last_value))
}
