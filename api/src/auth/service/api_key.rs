//! API keys: created with scopes (never more than the creator holds), shown once, stored hashed,
//! listed, revoked; each use stamps `last_used_at` (at most once a minute). A key never holds
//! more than its creator: when the creator leaves the store their keys are revoked, and when
//! their role shrinks each key is cut to what the new role may do.

use crate::db::TenantTransaction;
use chrono::{Duration, Utc};
use openapi::auth::ApiKeyIn;
use openapi::tenancy::Role;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;
use uuid::Uuid;

use entity::{TenantId, api_key};

use crate::access::fresh_cache::{KeyCache, KnownKey};
use crate::access::permission::{grantable, grantable_scope, permissions_of};
use crate::access::{Actor, Principal};
use crate::audit::service::{self as audit, Change};
use crate::auth::error::AuthError;
use crate::auth::secret;
use crate::db::{self, Access};
use crate::pagination::{PageRequest, Paged};

pub const API_KEY_PREFIX: &str = "rtg";

pub struct CreatedKey {
    pub key: api_key::Model,
    pub secret: String,
}

pub fn scopes_of(key: &api_key::Model) -> Vec<String> {
    key.scopes.split_whitespace().map(str::to_owned).collect()
}

pub async fn create_api_key(
    txn: &TenantTransaction,
    principal: &Principal,
    input: &ApiKeyIn,
) -> Result<CreatedKey, AuthError> {
    let mut scopes: Vec<&str> = Vec::new();
    for scope in &input.scopes {
        if !grantable(*scope) || !principal.has(*scope) {
            return Err(AuthError::InvalidScope {
                scope: scope.as_str().to_owned(),
            });
        }
        if !scopes.contains(&scope.as_str()) {
            scopes.push(scope.as_str());
        }
    }
    let secret = secret::new_tenant_secret(API_KEY_PREFIX, txn.tenant());
    let key = api_key::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        name: input.name.trim().to_owned(),
        prefix: secret.token.chars().take(16).collect(),
        secret_hash: secret.hash,
        scopes: scopes.join(" "),
        created_by: principal.actor_id(),
        created_at: Utc::now(),
        last_used_at: None,
        revoked_at: None,
    };
    api_key::Entity::insert(api_key::ActiveModel::from(key.clone()))
        .exec_without_returning(txn)
        .await?;
    audit::record(
        txn,
        principal,
        Change {
            action: "api_key.create",
            entity_type: "api_key",
            entity_id: Some(key.id),
            before: None,
            after: Some(json!({ "name": key.name, "scopes": scopes })),
        },
    )
    .await?;
    Ok(CreatedKey {
        key,
        secret: secret.token,
    })
}

pub async fn list_api_keys(
    txn: &TenantTransaction,
    page: PageRequest,
) -> Result<Paged<api_key::Model>, AuthError> {
    let rows = page
        .apply(api_key::Entity::find_in(txn.tenant()), api_key::Column::Id)
        .all(txn)
        .await?;
    Ok(page.finish(rows, |row| row.id))
}

/// Revokes a key; revoking a revoked key changes nothing.
pub async fn revoke_api_key(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
) -> Result<(), AuthError> {
    let key = api_key::Entity::find_in(txn.tenant())
        .filter(api_key::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AuthError::ApiKeyNotFound)?;
    if key.revoked_at.is_some() {
        return Ok(());
    }
    txn.update_many::<api_key::Entity>()
        .col_expr(api_key::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_key::Column::Id.eq(id))
        .exec(txn)
        .await?;
    audit::record(
        txn,
        principal,
        Change {
            action: "api_key.revoke",
            entity_type: "api_key",
            entity_id: Some(id),
            before: Some(json!({ "name": key.name })),
            after: None,
        },
    )
    .await?;
    Ok(())
}

/// Revokes every live key `user_id` made in the store, as they leave it; each revocation is
/// audited, in the caller's transaction.
pub async fn revoke_keys_of(
    txn: &TenantTransaction,
    principal: &Principal,
    user_id: Uuid,
) -> Result<(), AuthError> {
    let keys = live_keys_of(txn, user_id).await?;
    revoke_all(txn, principal, &keys, "member.remove").await
}

/// Cuts the scopes of every live key `user_id` made down to what `role` may do, as their role
/// changes: each key cut is audited with its scopes before and after; a key left with no scope
/// is revoked.
pub async fn fit_keys_to_role(
    txn: &TenantTransaction,
    principal: &Principal,
    user_id: Uuid,
    role: Role,
) -> Result<(), AuthError> {
    let allowed = permissions_of(role);
    let mut emptied = Vec::new();
    let mut changes = Vec::new();
    for key in live_keys_of(txn, user_id).await? {
        let before = scopes_of(&key);
        let kept: Vec<String> = before
            .iter()
            .filter(|scope| grantable_scope(scope).is_some_and(|p| allowed.contains(&p)))
            .cloned()
            .collect();
        if kept.len() == before.len() {
            continue;
        }
        if kept.is_empty() {
            emptied.push(key);
            continue;
        }
        txn.update_many::<api_key::Entity>()
            .col_expr(api_key::Column::Scopes, Expr::value(kept.join(" ")))
            .filter(api_key::Column::Id.eq(key.id))
            .exec(txn)
            .await?;
        changes.push(Change {
            action: "api_key.narrow",
            entity_type: "api_key",
            entity_id: Some(key.id),
            before: Some(json!({ "name": key.name, "scopes": before })),
            after: Some(
                json!({ "name": key.name, "scopes": kept, "because": "member.role_change" }),
            ),
        });
    }
    audit::record_all(txn, principal, changes).await?;
    revoke_all(txn, principal, &emptied, "member.role_change").await
}

/// The keys `user_id` made in the store that are not revoked.
async fn live_keys_of(
    txn: &TenantTransaction,
    user_id: Uuid,
) -> Result<Vec<api_key::Model>, AuthError> {
    let tenant_id = txn.tenant();
    Ok(api_key::Entity::find_in(tenant_id)
        .filter(api_key::Column::CreatedBy.eq(user_id))
        .filter(api_key::Column::RevokedAt.is_null())
        .all(txn)
        .await?)
}

/// Revokes `keys` in one statement, auditing each with what caused it.
async fn revoke_all(
    txn: &TenantTransaction,
    principal: &Principal,
    keys: &[api_key::Model],
    because: &str,
) -> Result<(), AuthError> {
    if keys.is_empty() {
        return Ok(());
    }
    txn.update_many::<api_key::Entity>()
        .col_expr(api_key::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_key::Column::Id.is_in(keys.iter().map(|key| key.id)))
        .exec(txn)
        .await?;
    let changes = keys
        .iter()
        .map(|key| Change {
            action: "api_key.revoke",
            entity_type: "api_key",
            entity_id: Some(key.id),
            before: Some(json!({ "name": key.name, "scopes": scopes_of(key) })),
            after: Some(json!({ "revoked": true, "because": because })),
        })
        .collect();
    audit::record_all(txn, principal, changes).await?;
    Ok(())
}

/// The principal of an API key presented as a bearer token: the key as read within the last
/// seconds (`KeyCache`), else read now. Its last use is written at most once a minute.
pub async fn authenticate(
    db: &DatabaseConnection,
    keys: &KeyCache,
    token: &str,
) -> Result<Principal, AuthError> {
    let (tenant_id, hash) =
        secret::parse_tenant_secret(API_KEY_PREFIX, token).ok_or(AuthError::InvalidCredentials)?;
    let key = match keys.get(&hash) {
        Some(key) => key,
        None => {
            let key = live_key(db, tenant_id, &hash).await?;
            keys.remember(hash.clone(), key.clone());
            key
        }
    };
    let now = Utc::now();
    if key
        .last_used_at
        .is_none_or(|used| now - used > Duration::minutes(1))
    {
        let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
        txn.update_many::<api_key::Entity>()
            .col_expr(api_key::Column::LastUsedAt, Expr::value(now))
            .filter(api_key::Column::Id.eq(key.id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        let used = KnownKey {
            last_used_at: Some(now),
            ..key.clone()
        };
        keys.remember(hash, used);
    }
    let permissions = key
        .scopes
        .split_whitespace()
        .filter_map(grantable_scope)
        .collect();
    Ok(Principal {
        tenant_id,
        actor: Actor::ApiKey(key.id),
        role: Role::Api,
        permissions,
        request_id: None,
    })
}

/// The store's key with this hash, unless revoked.
async fn live_key(
    db: &DatabaseConnection,
    tenant_id: TenantId,
    hash: &str,
) -> Result<KnownKey, AuthError> {
    let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
    let key = api_key::Entity::find_in(tenant_id)
        .filter(api_key::Column::SecretHash.eq(hash))
        .filter(api_key::Column::RevokedAt.is_null())
        .one(&txn)
        .await?;
    txn.commit().await?;
    let key = key.ok_or(AuthError::InvalidCredentials)?;
    Ok(KnownKey {
        tenant_id,
        id: key.id,
        scopes: key.scopes,
        last_used_at: key.last_used_at,
    })
}
