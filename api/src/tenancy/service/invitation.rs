//! Invitations: an owner or admin invites an email with a role; the invited person accepts
//! with the token, which only the invitation email carries, and becomes a member.
//!
//! The token is never shown to the inviter nor stored readable: the `invitation.created` event
//! carries it in the outbox's `secret` until its email is sent (`mail`), and resending the
//! email issues a new one. Accepting never checks a password: an address that already has an
//! account accepts while signed in to it; an address without one sets its password here.

use crate::db::TenantTransaction;
use chrono::{DateTime, Duration, Utc};
use openapi::events::{Event, InvitationCreated};
use openapi::tenancy::{InvitationAcceptIn, InvitationIn, Role};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;
use uuid::Uuid;

use entity::{invitation, user};

use crate::access::jwt::JwtKeys;
use crate::access::{Actor, Principal};
use crate::audit::service::{self as audit, Change};
use crate::auth::error::AuthError;
use crate::auth::service::session::{self, Session, normalize_email};
use crate::auth::{password, secret};
use crate::db::{self, Access};
use crate::outbox;
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::member::{self, ensure_may_assign};
use crate::tenancy::service::tenant;

const INVITATION_PREFIX: &str = "inv";
const VALID_DAYS: i64 = 7;

pub fn status_of(invitation: &invitation::Model, now: DateTime<Utc>) -> &'static str {
    if invitation.accepted_at.is_some() {
        "accepted"
    } else if invitation.revoked_at.is_some() {
        "revoked"
    } else if invitation.expires_at <= now {
        "expired"
    } else {
        "pending"
    }
}

/// Invites an email. A pending invitation of the same email is replaced by the new one.
pub async fn create_invitation(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &InvitationIn,
) -> Result<invitation::Model, TenancyError> {
    ensure_may_assign(principal, None, Some(input.role))?;
    let email = normalize_email(&input.email);
    if let Some(user) = session::find_user_by_email(conn, &email).await?
        && member::role_of(conn, user.id).await?.is_some()
    {
        return Err(TenancyError::AlreadyMember);
    }
    let now = Utc::now();
    conn.update_many::<invitation::Entity>()
        .col_expr(invitation::Column::RevokedAt, Expr::value(now))
        .filter(invitation::Column::Email.eq(email.as_str()))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    let secret = secret::new_tenant_secret(INVITATION_PREFIX, conn.tenant());
    let invitation = invitation::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        email,
        role: input.role,
        token_hash: secret.hash,
        invited_by: principal.actor_id(),
        expires_at: now + Duration::days(VALID_DAYS),
        accepted_at: None,
        revoked_at: None,
        created_at: now,
    };
    invitation::Entity::insert(invitation::ActiveModel::from(invitation.clone()))
        .exec_without_returning(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "invitation.create",
            entity_type: "invitation",
            entity_id: Some(invitation.id),
            before: None,
            after: Some(json!({ "email": invitation.email, "role": invitation.role })),
        },
    )
    .await?;
    let event = Event::InvitationCreated(InvitationCreated {
        invitation_id: invitation.id,
    });
    outbox::emit_with_secret(conn, &event, &secret.token).await?;
    Ok(invitation)
}

/// A pending invitation of the store, if `id` is one.
pub async fn find_pending(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<Option<invitation::Model>, DbErr> {
    let found = find_invitation(conn, id).await?;
    Ok(found.filter(|i| status_of(i, Utc::now()) == "pending"))
}

async fn find_invitation(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<Option<invitation::Model>, DbErr> {
    let tenant_id = conn.tenant();
    invitation::Entity::find_in(tenant_id)
        .filter(invitation::Column::Id.eq(id))
        .one(conn)
        .await
}

/// Sets one column of the store's invitation `id`.
async fn set_column(
    conn: &TenantTransaction,
    id: Uuid,
    column: invitation::Column,
    value: impl Into<sea_orm::Value>,
) -> Result<(), DbErr> {
    conn.update_many::<invitation::Entity>()
        .col_expr(column, Expr::value(value))
        .filter(invitation::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// A new token for a pending invitation (its email is being sent again); the old one stops
/// working. Returns the new token, for the email only.
pub async fn reissue_token(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
) -> Result<String, TenancyError> {
    let invitation = find_invitation(conn, id)
        .await?
        .ok_or(TenancyError::InvitationNotFound)?;
    match status_of(&invitation, Utc::now()) {
        "pending" => {}
        status => return Err(TenancyError::InvitationNotPending { status }),
    }
    let secret = secret::new_tenant_secret(INVITATION_PREFIX, conn.tenant());
    let column = invitation::Column::TokenHash;
    set_column(conn, id, column, secret.hash).await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "invitation.reissue",
            entity_type: "invitation",
            entity_id: Some(id),
            before: None,
            after: Some(json!({ "email": invitation.email })),
        },
    )
    .await?;
    Ok(secret.token)
}

pub async fn list_invitations(
    conn: &TenantTransaction,
    page: PageRequest,
) -> Result<Paged<invitation::Model>, TenancyError> {
    let rows = page
        .apply(
            invitation::Entity::find_in(conn.tenant()),
            invitation::Column::Id,
        )
        .all(conn)
        .await?;
    Ok(page.finish(rows, |row| row.id))
}

pub async fn revoke_invitation(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
) -> Result<(), TenancyError> {
    let invitation = find_invitation(conn, id)
        .await?
        .ok_or(TenancyError::InvitationNotFound)?;
    match status_of(&invitation, Utc::now()) {
        "pending" => {}
        "revoked" => return Ok(()),
        status => return Err(TenancyError::InvitationNotPending { status }),
    }
    let column = invitation::Column::RevokedAt;
    set_column(conn, id, column, Utc::now()).await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "invitation.revoke",
            entity_type: "invitation",
            entity_id: Some(id),
            before: Some(json!({ "email": invitation.email, "role": invitation.role })),
            after: None,
        },
    )
    .await?;
    Ok(())
}

/// Accepts an invitation and signs in to the store: into the caller's own account when signed
/// in (the invitation must be to its address), else into a new account with the name and
/// password given, which the address must not have yet.
pub async fn accept_invitation(
    db: &DatabaseConnection,
    jwt: &JwtKeys,
    input: &InvitationAcceptIn,
    caller: Option<&Principal>,
    request_id: Option<String>,
) -> Result<Session, TenancyError> {
    let invitation = pending_by_token(db, &input.token).await?;
    let user = match caller {
        Some(caller) => signed_in_user(db, caller, input, &invitation).await?,
        None => new_account(db, input, &invitation).await?,
    };
    join(db, jwt, &invitation, user, request_id).await
}

async fn pending_by_token(
    db: &DatabaseConnection,
    token: &str,
) -> Result<invitation::Model, TenancyError> {
    let (tenant_id, hash) = secret::parse_tenant_secret(INVITATION_PREFIX, token)
        .ok_or(TenancyError::InvitationNotFound)?;
    let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
    let invitation = invitation::Entity::find_in(tenant_id)
        .filter(invitation::Column::TokenHash.eq(hash))
        .one(&txn)
        .await?
        .ok_or(TenancyError::InvitationNotFound)?;
    txn.commit().await?;
    match status_of(&invitation, Utc::now()) {
        "pending" => Ok(invitation),
        status => Err(TenancyError::InvitationNotPending { status }),
    }
}

/// Who joins when the caller is signed in: their own account, if the invitation is theirs.
async fn signed_in_user(
    db: &DatabaseConnection,
    caller: &Principal,
    input: &InvitationAcceptIn,
    invitation: &invitation::Model,
) -> Result<NewOrExisting, TenancyError> {
    if input.password.is_some() || input.name.is_some() {
        return Err(TenancyError::NotWhenSignedIn);
    }
    let Actor::User(user_id) = caller.actor else {
        return Err(TenancyError::InvitationForAnotherAccount);
    };
    match session::find_user(db, user_id).await? {
        Some(user) if user.email == invitation.email => Ok(NewOrExisting::Existing(user)),
        _ => Err(TenancyError::InvitationForAnotherAccount),
    }
}

/// Who joins when nobody is signed in: a new account, with a name and a password that passes
/// the policy. The password of an existing account is never asked for nor checked here.
async fn new_account(
    db: &DatabaseConnection,
    input: &InvitationAcceptIn,
    invitation: &invitation::Model,
) -> Result<NewOrExisting, TenancyError> {
    let name = input.name.as_deref().map(str::trim).unwrap_or_default();
    if name.is_empty() {
        return Err(TenancyError::NameRequired);
    }
    let password = input
        .password
        .as_deref()
        .ok_or(TenancyError::PasswordRequired)?;
    password::check_policy(password, &[&invitation.email, name])
        .map_err(|reason| AuthError::WeakPassword { reason })?;
    if session::find_user_by_email(db, &invitation.email)
        .await?
        .is_some()
    {
        return Err(TenancyError::SignInToAccept);
    }
    Ok(NewOrExisting::New {
        name: name.to_owned(),
        password_hash: password::hash(password).await?,
    })
}

enum NewOrExisting {
    Existing(user::Model),
    New { name: String, password_hash: String },
}

/// Marks the invitation accepted, creates the account if it is new, adds the member and
/// starts a session in the store: one transaction.
async fn join(
    db: &DatabaseConnection,
    jwt: &JwtKeys,
    invitation: &invitation::Model,
    user: NewOrExisting,
    request_id: Option<String>,
) -> Result<Session, TenancyError> {
    let tenant_id = invitation.tenant_id;
    let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
    let accepted = txn
        .update_many::<invitation::Entity>()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::Id.eq(invitation.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if accepted.rows_affected != 1 {
        return Err(TenancyError::InvitationNotPending {
            status: "no longer pending",
        });
    }
    let user = match user {
        NewOrExisting::Existing(user) => user,
        NewOrExisting::New {
            name,
            password_hash,
        } => session::create_user(&txn, &invitation.email, &name, password_hash)
            .await
            .map_err(|error| match tenant::email_taken_on_unique(error) {
                // The address got an account after the check above: sign in to it.
                TenancyError::EmailTaken => TenancyError::SignInToAccept,
                other => other,
            })?,
    };
    if member::role_of(&txn, user.id).await?.is_some() {
        return Err(TenancyError::AlreadyMember);
    }
    let role = invitation.role;
    let new_member = member::add_member(&txn, user.id, role).await?;
    let principal = Principal::for_member(tenant_id, user.id, role).with_request_id(request_id);
    audit::record(
        &txn,
        &principal,
        Change {
            action: "invitation.accept",
            entity_type: "member",
            entity_id: Some(new_member.id),
            before: None,
            after: Some(json!({ "email": user.email, "role": invitation.role })),
        },
    )
    .await?;
    let session = session::start_session(&txn, jwt, user.id, tenant_id).await?;
    txn.commit().await?;
    Ok(session)
}

/// The role an invitation grants.
pub fn role_of_invitation(invitation: &invitation::Model) -> Role {
    invitation.role
}
