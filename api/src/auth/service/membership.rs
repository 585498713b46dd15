//! Who belongs to which store, with what role, as signing in and refreshing need to know
//! (the `member` table is tenancy's; these are the reads `auth` makes of it).

use crate::db::TenantTransaction;
use entity::TenantId;
use openapi::tenancy::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use entity::{member, tenant};

/// A user's role in a tenant, when they are a member.
pub async fn role_of(conn: &TenantTransaction, user_id: Uuid) -> Result<Option<Role>, DbErr> {
    let tenant_id = conn.tenant();
    Ok(member::Entity::find_in(tenant_id)
        .filter(member::Column::UserId.eq(user_id))
        .one(conn)
        .await?
        .map(|member| member.role))
}

/// Every store a user belongs to, oldest membership first.
pub async fn memberships_of(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Vec<(member::Model, tenant::Model)>, DbErr> {
    let members = member::Entity::find()
        .filter(member::Column::UserId.eq(user_id))
        .order_by_asc(member::Column::Id)
        .all(conn)
        .await?;
    let tenant_ids: Vec<TenantId> = members.iter().map(|m| m.tenant_id).collect();
    let tenants = tenant::Entity::find()
        .filter(tenant::Column::Id.is_in(tenant_ids))
        .all(conn)
        .await?;
    Ok(members
        .into_iter()
        .filter_map(|member| {
            let tenant = tenants.iter().find(|t| t.id == member.tenant_id)?.clone();
            Some((member, tenant))
        })
        .collect())
}
