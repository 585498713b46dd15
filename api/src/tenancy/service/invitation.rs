//! Invitations: an owner or admin invites an email with a role; the invited person accepts
//! with the token (which the invitation email will carry) and becomes a member.

use chrono::{DateTime, Duration, Utc};
use openapi::tenancy::{InvitationAcceptIn, InvitationIn, Role};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr,
};
use serde_json::json;
use uuid::Uuid;

use entity::invitation;

use crate::audit::service::{self as audit, Change};
use crate::auth::jwt::JwtKeys;
use crate::auth::principal::Principal;
use crate::auth::service::session::{self, Session, normalize_email};
use crate::auth::{password, secret};
use crate::db::{self, Access};
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::member::{self, ensure_may_assign};

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

pub struct CreatedInvitation {
    pub invitation: invitation::Model,
    pub token: String,
}

/// Invites an email. A pending invitation of the same email is replaced by the new one.
pub async fn create_invitation(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    input: &InvitationIn,
) -> Result<CreatedInvitation, TenancyError> {
    ensure_may_assign(principal, None, Some(input.role))?;
    let email = normalize_email(&input.email);
    if let Some(user) = session::find_user_by_email(conn, &email).await?
        && member::role_of(conn, principal.tenant_id, user.id)
            .await?
            .is_some()
    {
        return Err(TenancyError::AlreadyMember);
    }
    let now = Utc::now();
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(now))
        .filter(invitation::Column::TenantId.eq(principal.tenant_id))
        .filter(invitation::Column::Email.eq(email.as_str()))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    let secret = secret::new_tenant_secret(INVITATION_PREFIX, principal.tenant_id);
    let invitation = invitation::Model {
        tenant_id: principal.tenant_id,
        id: Uuid::now_v7(),
        email,
        role: input.role.as_str().to_owned(),
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
    Ok(CreatedInvitation {
        invitation,
        token: secret.token,
    })
}

pub async fn list_invitations(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    page: PageRequest,
) -> Result<Paged<invitation::Model>, TenancyError> {
    let rows = page
        .apply(
            invitation::Entity::find_in(principal.tenant_id),
            invitation::Column::Id,
        )
        .all(conn)
        .await?;
    Ok(page.finish(rows, |row| row.id))
}

pub async fn revoke_invitation(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    id: Uuid,
) -> Result<(), TenancyError> {
    let invitation = invitation::Entity::find_in(principal.tenant_id)
        .filter(invitation::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(TenancyError::InvitationNotFound)?;
    match status_of(&invitation, Utc::now()) {
        "pending" => {}
        "revoked" => return Ok(()),
        status => return Err(TenancyError::InvitationNotPending { status }),
    }
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::TenantId.eq(principal.tenant_id))
        .filter(invitation::Column::Id.eq(id))
        .exec(conn)
        .await?;
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

/// Accepts an invitation: creates the account when the email has none (a name is then
/// required), or checks the existing account's password; then joins the store and logs in.
pub async fn accept_invitation(
    db: &DatabaseConnection,
    jwt: &JwtKeys,
    input: &InvitationAcceptIn,
    request_id: Option<String>,
) -> Result<Session, TenancyError> {
    let (tenant_id, hash) = secret::parse_tenant_secret(INVITATION_PREFIX, &input.token)
        .ok_or(TenancyError::InvitationNotFound)?;
    let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
    let invitation = invitation::Entity::find_in(tenant_id)
        .filter(invitation::Column::TokenHash.eq(hash))
        .one(&txn)
        .await?
        .ok_or(TenancyError::InvitationNotFound)?;
    txn.commit().await?;
    match status_of(&invitation, Utc::now()) {
        "pending" => {}
        status => return Err(TenancyError::InvitationNotPending { status }),
    }
    // Password work happens before the write transaction, which then stays short.
    let existing = session::find_user_by_email(db, &invitation.email).await?;
    let new_password_hash = match &existing {
        Some(_) => {
            if session::verify_password(db, &invitation.email, &input.password)
                .await?
                .is_none()
            {
                return Err(crate::auth::error::AuthError::WrongPassword.into());
            }
            None
        }
        None => {
            if input.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
                return Err(TenancyError::NameRequired);
            }
            Some(password::hash(&input.password).await?)
        }
    };
    let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
    let accepted = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::TenantId.eq(tenant_id))
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
    let user = match (existing, new_password_hash) {
        (Some(user), _) => user,
        (None, Some(hash)) => {
            let name = input.name.as_deref().unwrap_or_default();
            session::create_user(&txn, &invitation.email, name, hash).await?
        }
        (None, None) => return Err(TenancyError::NameRequired),
    };
    if member::role_of(&txn, tenant_id, user.id).await?.is_some() {
        return Err(TenancyError::AlreadyMember);
    }
    let role = member::role_from_column(&invitation.role);
    let new_member = member::add_member(&txn, tenant_id, user.id, role).await?;
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
    member::role_from_column(&invitation.role)
}
