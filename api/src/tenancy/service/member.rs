//! Members of a store and their roles.

use crate::db::TenantTransaction;
use chrono::Utc;
use openapi::tenancy::Role;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use entity::{member, tenant, user};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::auth::service::{api_key, session};
use crate::db;
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::tenant::find_tenant;

pub use crate::auth::service::membership::{memberships_of, role_of};

pub async fn add_member(
    conn: &TenantTransaction,
    user_id: Uuid,
    role: Role,
) -> Result<member::Model, DbErr> {
    let tenant_id = conn.tenant();
    let now = Utc::now();
    let member = member::Model {
        tenant_id,
        id: Uuid::now_v7(),
        user_id,
        role,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    member::Entity::insert(member::ActiveModel::from(member.clone()))
        .exec_without_returning(conn)
        .await?;
    Ok(member)
}

pub struct WhoAmI {
    pub tenant: tenant::Model,
    pub user: Option<user::Model>,
    pub memberships: Vec<(member::Model, tenant::Model)>,
}

pub async fn who_am_i(
    txn: &TenantTransaction,
    principal: &Principal,
) -> Result<WhoAmI, TenancyError> {
    let tenant = find_tenant(txn).await?;
    let (user, memberships) = match principal.user_id() {
        Some(user_id) => {
            db::add_user_scope(txn, user_id).await?;
            (
                session::find_user(txn, user_id).await?,
                memberships_of(txn, user_id).await?,
            )
        }
        None => (None, Vec::new()),
    };
    Ok(WhoAmI {
        tenant,
        user,
        memberships,
    })
}

pub async fn list_members(
    conn: &TenantTransaction,
    page: PageRequest,
) -> Result<Paged<(member::Model, user::Model)>, TenancyError> {
    let rows = page
        .apply(member::Entity::find_in(conn.tenant()), member::Column::Id)
        .find_also_related(user::Entity)
        .all(conn)
        .await?;
    let rows = rows
        .into_iter()
        .filter_map(|(member, user)| Some((member, user?)))
        .collect();
    Ok(page.finish(rows, |(member, _)| member.id))
}

async fn find_member(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<(member::Model, user::Model), TenancyError> {
    member::Entity::find_in(conn.tenant())
        .filter(member::Column::Id.eq(id))
        .find_also_related(user::Entity)
        .one(conn)
        .await?
        .and_then(|(member, user)| Some((member, user?)))
        .ok_or(TenancyError::MemberNotFound)
}

/// Whether `principal` may give `new_role` to someone who now has `current` (None: nobody yet).
pub fn ensure_may_assign(
    principal: &Principal,
    current: Option<Role>,
    new_role: Option<Role>,
) -> Result<(), TenancyError> {
    if new_role.is_some_and(|role| !openapi::tenancy::MEMBER_ROLES.contains(&role)) {
        return Err(TenancyError::InvalidRole);
    }
    let touches_owner = current == Some(Role::Owner) || new_role == Some(Role::Owner);
    if touches_owner && principal.role != Role::Owner {
        return Err(TenancyError::OwnerOnly);
    }
    Ok(())
}

/// Refuses to take the owner role or membership from `member_id` when no other owner would be
/// left. The store's owners are locked first (`FOR UPDATE` in id order on PostgreSQL; SQLite
/// runs one writer at a time), so two owners taking each other's role at once run one after
/// the other, and the second counts what the first left.
async fn ensure_not_last_owner(
    conn: &TenantTransaction,
    member_id: Uuid,
) -> Result<(), TenancyError> {
    let tenant_id = conn.tenant();
    let owners = member::Entity::find_in(tenant_id)
        .filter(member::Column::Role.eq(Role::Owner))
        .order_by_asc(member::Column::Id)
        .lock_exclusive()
        .all(conn)
        .await?;
    // The member may have lost the role meanwhile; then its version-checked change is stale.
    if owners.iter().all(|owner| owner.id == member_id) {
        return Err(TenancyError::LastOwner);
    }
    Ok(())
}

/// Changes a member's role; the API keys they made are cut to what the new role may do.
pub async fn change_member_role(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    role: Role,
    expected_version: Option<i32>,
) -> Result<(member::Model, user::Model), TenancyError> {
    let (member, user) = find_member(conn, id).await?;
    let current = member.role;
    ensure_may_assign(principal, Some(current), Some(role))?;
    if let Some(expected) = expected_version
        && expected != member.version
    {
        return Err(TenancyError::Stale {
            what: "the member",
            current: member.version,
        });
    }
    if current == role {
        return Ok((member, user));
    }
    if current == Role::Owner {
        ensure_not_last_owner(conn, id).await?;
    }
    let mut after = member.clone();
    after.role = role;
    after.version += 1;
    after.updated_at = Utc::now();
    let updated = conn
        .update_many::<member::Entity>()
        .set(member::ActiveModel {
            role: Set(after.role),
            version: Set(after.version),
            updated_at: Set(after.updated_at),
            ..Default::default()
        })
        .filter(member::Column::Id.eq(id))
        .filter(member::Column::Version.eq(member.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(TenancyError::Stale {
            what: "the member",
            current: member.version + 1,
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "member.role_change",
            entity_type: "member",
            entity_id: Some(id),
            before: Some(json!({ "role": member.role, "email": user.email })),
            after: Some(json!({ "role": after.role, "email": user.email })),
        },
    )
    .await?;
    api_key::fit_keys_to_role(conn, principal, member.user_id, role).await?;
    Ok((after, user))
}

/// Removes a member, ends their sessions in this store and revokes the API keys they made;
/// the user who was the member.
pub async fn remove_member(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
) -> Result<Uuid, TenancyError> {
    let (member, user) = find_member(conn, id).await?;
    let current = member.role;
    ensure_may_assign(principal, Some(current), None)?;
    if current == Role::Owner {
        ensure_not_last_owner(conn, id).await?;
    }
    conn.delete_many::<member::Entity>()
        .filter(member::Column::Id.eq(id))
        .exec(conn)
        .await?;
    session::revoke_sessions(conn, member.user_id).await?;
    api_key::revoke_keys_of(conn, principal, member.user_id).await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "member.remove",
            entity_type: "member",
            entity_id: Some(id),
            before: Some(json!({ "role": member.role, "email": user.email })),
            after: None,
        },
    )
    .await?;
    Ok(member.user_id)
}

/// The email addresses of the store's owners (where staff notifications go by default).
pub async fn owner_emails(conn: &TenantTransaction) -> Result<Vec<String>, TenancyError> {
    emails_of(conn, &[Role::Owner]).await
}

/// The email addresses of the store's owners and admins: who hears of what only they manage.
pub async fn admin_emails(conn: &TenantTransaction) -> Result<Vec<String>, TenancyError> {
    emails_of(conn, &[Role::Owner, Role::Admin]).await
}

/// The store's members of `roles` (every member when none is named): user id and email.
pub async fn members_with_roles(
    conn: &TenantTransaction,
    roles: &[Role],
) -> Result<Vec<(Uuid, String)>, TenancyError> {
    let tenant_id = conn.tenant();
    let mut select = member::Entity::find_in(tenant_id);
    if !roles.is_empty() {
        select = select.filter(member::Column::Role.is_in(roles.iter().copied()));
    }
    let rows = select.find_also_related(user::Entity).all(conn).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(member, user)| user.map(|u| (member.user_id, u.email)))
        .collect())
}

async fn emails_of(conn: &TenantTransaction, roles: &[Role]) -> Result<Vec<String>, TenancyError> {
    let tenant_id = conn.tenant();
    let rows = member::Entity::find_in(tenant_id)
        .filter(member::Column::Role.is_in(roles.iter().copied()))
        .find_also_related(user::Entity)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(_, user)| user.map(|u| u.email))
        .collect())
}

/// The email address of `user_id` if they are a member of the store: where what concerns the
/// customers they answer for is sent.
pub async fn member_email(
    conn: &TenantTransaction,
    user_id: Uuid,
) -> Result<Option<String>, TenancyError> {
    let tenant_id = conn.tenant();
    let row = member::Entity::find_in(tenant_id)
        .filter(member::Column::UserId.eq(user_id))
        .find_also_related(user::Entity)
        .one(conn)
        .await?;
    Ok(row.and_then(|(_, user)| user.map(|u| u.email)))
}

/// The name of `user_id` if they are a member of the store (who signs a support answer).
pub async fn member_name(
    conn: &TenantTransaction,
    user_id: Uuid,
) -> Result<Option<String>, TenancyError> {
    let tenant_id = conn.tenant();
    let row = member::Entity::find_in(tenant_id)
        .filter(member::Column::UserId.eq(user_id))
        .find_also_related(user::Entity)
        .one(conn)
        .await?;
    Ok(row.and_then(|(_, user)| user.map(|u| u.name)))
}
