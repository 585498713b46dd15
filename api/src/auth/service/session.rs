//! Users and their sessions: login, refresh-token rotation with family revocation, logout.

use crate::db::TenantTransaction;
use chrono::{Duration, Utc};
use entity::TenantId;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use entity::{refresh_token, user};

use super::membership;
use crate::access::Principal;
use crate::access::fresh_cache::RoleCache;
use crate::access::jwt::{ACCESS_TOKEN_SECONDS, JwtKeys};
use crate::auth::error::AuthError;
use crate::auth::{login_limit, password, secret};
use crate::db::{self, Access};

pub const REFRESH_TOKEN_DAYS: i64 = 30;

/// A logged-in session: what login, refresh, sign-up and accepting an invitation return.
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    pub tenant_id: TenantId,
}

pub struct Credentials<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub tenant_id: Option<TenantId>,
    /// The client's address, for the rate limit.
    pub ip: &'a str,
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn find_user_by_email(
    conn: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Email.eq(normalize_email(email)))
        .one(conn)
        .await
}

pub async fn find_user(
    conn: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(conn).await
}

/// Creates a user with an already hashed password (hash before opening the transaction).
pub async fn create_user(
    conn: &impl ConnectionTrait,
    email: &str,
    name: &str,
    password_hash: String,
) -> Result<user::Model, DbErr> {
    let now = Utc::now();
    let user = user::Model {
        id: Uuid::now_v7(),
        email: normalize_email(email),
        name: name.trim().to_owned(),
        password_hash,
        created_at: now,
        updated_at: now,
    };
    user::Entity::insert(user::ActiveModel {
        id: Set(user.id),
        email: Set(user.email.clone()),
        name: Set(user.name.clone()),
        password_hash: Set(user.password_hash.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(user)
}

/// Checks an email and password; the same answer for an unknown email and a wrong password.
pub async fn verify_password(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
) -> Result<Option<user::Model>, AuthError> {
    let user = find_user_by_email(db, email).await?;
    let ok = password::verify(password, user.as_ref().map(|u| u.password_hash.as_str())).await?;
    Ok(user.filter(|_| ok))
}

pub async fn login(
    db: &DatabaseConnection,
    jwt: &JwtKeys,
    credentials: Credentials<'_>,
) -> Result<Session, AuthError> {
    let email = normalize_email(credentials.email);
    login_limit::count_attempt(db, &email, credentials.ip).await?;
    let Some(user) = verify_password(db, &email, credentials.password).await? else {
        return Err(AuthError::WrongPassword);
    };
    let txn = db::begin_user_scope(db, user.id).await?;
    let memberships = membership::memberships_of(&txn, user.id).await?;
    txn.commit().await?;
    let tenant_id = match credentials.tenant_id {
        Some(wanted) => memberships
            .iter()
            .find(|(member, _)| member.tenant_id == wanted)
            .map(|(member, _)| member.tenant_id),
        None => memberships.first().map(|(member, _)| member.tenant_id),
    }
    .ok_or(AuthError::NotAMember)?;
    let txn = db::begin(db, Access::Write).await?;
    let session = start_session(&txn, jwt, user.id, tenant_id).await?;
    txn.commit().await?;
    Ok(session)
}

/// Issues an access token and the first refresh token of a new family.
pub async fn start_session(
    conn: &impl ConnectionTrait,
    jwt: &JwtKeys,
    user_id: Uuid,
    tenant_id: TenantId,
) -> Result<Session, AuthError> {
    issue(conn, jwt, user_id, tenant_id, Uuid::now_v7()).await
}

/// Refresh tokens are a global table: `tenant_id` names the session's store.
async fn issue(
    conn: &impl ConnectionTrait,
    jwt: &JwtKeys,
    user_id: Uuid,
    tenant_id: TenantId,
    family_id: Uuid,
) -> Result<Session, AuthError> {
    let refresh = format!("rt_{}", secret::random_token());
    let now = Utc::now();
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        family_id: Set(family_id),
        user_id: Set(user_id),
        tenant_id: Set(tenant_id),
        token_hash: Set(secret::hash(&refresh)),
        expires_at: Set(now + Duration::days(REFRESH_TOKEN_DAYS)),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(Session {
        access_token: jwt.issue(user_id, tenant_id)?,
        refresh_token: refresh,
        expires_in: ACCESS_TOKEN_SECONDS,
        tenant_id,
    })
}

/// Spends a refresh token and returns the next one of its family. A token that was already
/// spent (or revoked, or expired) revokes the whole family: whoever holds a copy is logged out.
pub async fn refresh(
    db: &DatabaseConnection,
    jwt: &JwtKeys,
    token: &str,
) -> Result<Session, AuthError> {
    let hash = secret::hash(token);
    let stored = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .one(db)
        .await?
        .ok_or(AuthError::InvalidRefreshToken)?;
    let now = Utc::now();
    let txn = db::begin_tenant(db, stored.tenant_id, Access::Write).await?;
    // One conditional update decides which of two racing refreshes wins.
    let spent = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(stored.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .filter(refresh_token::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    let still_member = membership::role_of(&txn, stored.user_id).await?;
    if spent.rows_affected != 1 || still_member.is_none() {
        revoke_family(&txn, stored.family_id).await?;
        txn.commit().await?;
        return Err(AuthError::InvalidRefreshToken);
    }
    let session = issue(
        &txn,
        jwt,
        stored.user_id,
        stored.tenant_id,
        stored.family_id,
    )
    .await?;
    txn.commit().await?;
    Ok(session)
}

/// Ends the session the refresh token belongs to. Unknown tokens are ignored.
pub async fn logout(db: &DatabaseConnection, token: &str) -> Result<(), AuthError> {
    let txn = db::begin(db, Access::Write).await?;
    let stored = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(secret::hash(token)))
        .one(&txn)
        .await?;
    if let Some(stored) = stored {
        revoke_family(&txn, stored.family_id).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn revoke_family(conn: &impl ConnectionTrait, family_id: Uuid) -> Result<(), DbErr> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Revokes every session of a user in one tenant (when they are removed from it).
pub async fn revoke_sessions(conn: &TenantTransaction, user_id: Uuid) -> Result<(), DbErr> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::TenantId.eq(conn.tenant()))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// The principal of a valid access token: the user must still be a member of its tenant.
pub async fn authenticate_member(
    db: &DatabaseConnection,
    roles: &RoleCache,
    tenant_id: TenantId,
    user_id: Uuid,
) -> Result<Principal, AuthError> {
    let role = match roles.get(&(tenant_id, user_id)) {
        Some(role) => role,
        None => {
            let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
            let role = membership::role_of(&txn, user_id).await?;
            txn.commit().await?;
            let role = role.ok_or(AuthError::InvalidCredentials)?;
            roles.remember((tenant_id, user_id), role);
            role
        }
    };
    Ok(Principal::for_member(tenant_id, user_id, role))
}
