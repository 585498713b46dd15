//! Gapless per-store numbers (purchase orders, orders): a counter row per store and name,
//! bumped in the transaction of the record it numbers, so a rolled-back record gives its
//! number back.

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
    // The update locks the row until commit, so the read below sees this transaction's value.
    counter::Entity::update_many()
        .col_expr(Column::LastValue, Expr::col(Column::LastValue).add(1))
        .filter(Column::TenantId.eq(tenant_id))
        .filter(Column::Name.eq(name))
        .exec(conn)
        .await?;
    let row = counter::Entity::find_by_id((tenant_id, name.to_owned()))
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("counter {name}")))?;
    Ok(row.last_value)
}
